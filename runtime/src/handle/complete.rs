//! Answering a task from outside the worker: the typed completer for a handed-off task.

use std::fmt::{self, Display};

use serde::Serialize;

use super::Activity;
use crate::Client;
use crate::context::heartbeat_details;
use crate::convert::{Converts, DataConverter, FromInput, Json};
use crate::error::{Error, FaultCode};
use crate::failure::{FailureKind, Outcome};
use crate::model::{
    ActivityTaskStatus, RecordActivityTaskHeartbeat, RespondActivityTaskCanceled,
    RespondActivityTaskCompleted, RespondActivityTaskFailed, TaskToken,
};
use crate::payload::{Offload, encoding_limit};

/// Completes, fails, cancels or heartbeats a task of activity `A` that its worker handed off
/// ([`ActivityContext::complete_manually`](crate::ActivityContext::complete_manually)),
/// from any process that has the task token and a [`Client`] for the task's region and
/// account. From [`Activity::completer`].
///
/// The result and the error go through the activity's converter (or, for an activity that
/// names none, [`Json`] unless [`Completer::converter`] says otherwise), within SWF's limits
/// (or stored, with [`Completer::offload`]), as the worker would have sent them. A task that is already closed (answered, timed out, or
/// its workflow closed), or a token SWF does not know for the client's account and region,
/// gives [`CompleteError::TaskClosed`].
pub struct Completer<'a, A: Activity> {
    client: &'a Client,
    token: TaskToken,
    default: &'a dyn DataConverter,
    offload: Option<&'a Offload>,
    _activity: std::marker::PhantomData<fn() -> A>,
}

impl<A: Activity> fmt::Debug for Completer<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Completer")
            .field("activity_type", &A::activity_type())
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

impl<'a, A: Activity> Completer<'a, A> {
    /// A completer of the task with this token.
    pub fn new(client: &'a Client, token: TaskToken) -> Completer<'a, A> {
        Completer {
            client,
            token,
            default: &Json,
            offload: None,
            _activity: std::marker::PhantomData,
        }
    }

    /// Stores a result or failure's details longer than the threshold in `offload`'s payload
    /// store and sends its marker, as a worker configured with the same
    /// [`Offload`] does (see [`crate::payload`]).
    pub fn offload(mut self, offload: &'a Offload) -> Completer<'a, A> {
        self.offload = Some(offload);
        self
    }

    /// The converter that encodes for this completer, by name, for messages.
    fn converter_for_store(&self) -> &'a dyn crate::convert::Converter {
        match A::converter() {
            Some(named) => named,
            None => self.default,
        }
    }

    /// `outcome`, with values over the threshold stored when offloading.
    async fn settled(&self, outcome: Outcome) -> Outcome {
        match self.offload {
            Some(offload) => offload.settle(outcome, self.converter_for_store()).await,
            None => outcome,
        }
    }

    /// The converter to encode with when the activity names none (its worker's default):
    /// [`Json`] unless set.
    pub fn converter(mut self, converter: &'a dyn DataConverter) -> Completer<'a, A> {
        self.default = converter;
        self
    }

    /// `RespondActivityTaskCompleted` with `output`, encoded as the worker would. A result
    /// that does not serialize or is longer than SWF takes is an error and nothing is sent,
    /// so the caller can still fail the task.
    pub async fn complete(&self, output: &A::Output) -> Result<(), CompleteError>
    where
        A::Input: FromInput,
        A::Output: Serialize,
        A::Error: Display + Serialize,
    {
        let outcome = self.settled(self.encode_ok(output)).await;
        match outcome {
            Outcome::Completed { result } => {
                let mut request = RespondActivityTaskCompleted::new(self.token.clone());
                request.result = result;
                self.answer(self.client.respond_activity_task_completed(&request).await)
            }
            Outcome::Failed {
                reason, framework, ..
            } => Err(CompleteError::Encode {
                kind: framework,
                reason,
            }),
        }
    }

    /// `RespondActivityTaskFailed` with `error`: its `reason` and `details` as the worker
    /// would send them for the activity's `Err`.
    pub async fn fail(&self, error: &A::Error) -> Result<(), CompleteError>
    where
        A::Input: FromInput,
        A::Output: Serialize,
        A::Error: Display + Serialize,
    {
        let (reason, details) = match self.settled(self.encode_err(error)).await {
            Outcome::Failed {
                reason, details, ..
            } => (reason, details),
            // A converter that turns an error into a completion: send what it says.
            Outcome::Completed { result } => {
                let mut request = RespondActivityTaskCompleted::new(self.token.clone());
                request.result = result;
                return self.answer(self.client.respond_activity_task_completed(&request).await);
            }
        };
        let request = RespondActivityTaskFailed::new(self.token.clone())
            .reason(reason)
            .details(details);
        self.answer(self.client.respond_activity_task_failed(&request).await)
    }

    /// `RespondActivityTaskCanceled`, after the decider asked to cancel the task; `details`
    /// are at most 32,768 characters.
    pub async fn cancel(&self, details: Option<&str>) -> Result<(), CompleteError> {
        let mut request = RespondActivityTaskCanceled::new(self.token.clone());
        request.details = details.map(str::to_owned);
        self.answer(self.client.respond_activity_task_canceled(&request).await)
    }

    /// `RecordActivityTaskHeartbeat` with `details` serialized as JSON, as the worker sends
    /// them (cut to SWF's 2,048 characters; `null`, e.g. `()`, sends none); says whether the
    /// decider asked to cancel.
    pub async fn heartbeat(
        &self,
        details: impl Serialize,
    ) -> Result<ActivityTaskStatus, CompleteError> {
        let details = heartbeat_details(&details).map_err(|err| CompleteError::Encode {
            kind: Some(FailureKind::ResultSerialization),
            reason: format!("heartbeat details do not serialize: {err}"),
        })?;
        let mut request = RecordActivityTaskHeartbeat::new(self.token.clone());
        request.details = details.json;
        match self.client.record_activity_task_heartbeat(&request).await {
            Ok(status) => Ok(status),
            Err(err) => Err(self.closed_or(err)),
        }
    }

    /// `output` encoded by the activity's converter, or else the default.
    fn encode_ok(&self, output: &A::Output) -> Outcome
    where
        A::Input: FromInput,
        A::Output: Serialize,
        A::Error: Display + Serialize,
    {
        match A::converter() {
            Some(named) => named.encode_ok(output, self.limit()),
            None => Converts::<A::Input, A::Output, A::Error>::encode_ok(
                self.default,
                output,
                self.limit(),
            ),
        }
    }

    /// `error` encoded by the activity's converter, or else the default.
    fn encode_err(&self, error: &A::Error) -> Outcome
    where
        A::Input: FromInput,
        A::Output: Serialize,
        A::Error: Display + Serialize,
    {
        match A::converter() {
            Some(named) => named.encode_err(error, self.limit()),
            None => Converts::<A::Input, A::Output, A::Error>::encode_err(
                self.default,
                error,
                self.limit(),
            ),
        }
    }

    /// SWF's limit, or the store's when offloading.
    fn limit(&self) -> usize {
        encoding_limit(self.offload)
    }

    fn answer(&self, sent: Result<(), Error>) -> Result<(), CompleteError> {
        sent.map_err(|err| self.closed_or(err))
    }

    fn closed_or(&self, err: Error) -> CompleteError {
        if err.is_fault(FaultCode::UnknownResource) {
            CompleteError::TaskClosed {
                activity: format!("{} version {}", A::DESCRIPTOR.name, A::DESCRIPTOR.version),
                source: Box::new(err),
            }
        } else {
            CompleteError::Swf(Box::new(err))
        }
    }
}

/// Why a [`Completer`] could not answer a task.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CompleteError {
    /// SWF does not know the task any more: it was already answered (by this completer, the
    /// worker, or another process), it timed out, its workflow closed, or the token belongs to
    /// another account, region or domain than the client's (`UnknownResourceFault`).
    #[error(
        "the {activity} task is closed or unknown to SWF (already answered, timed out, its workflow closed, or the token is from another account, region or domain): {source}"
    )]
    TaskClosed {
        /// The activity type.
        activity: String,
        /// SWF's error.
        source: Box<Error>,
    },
    /// The value could not be encoded within SWF's limits; nothing was sent.
    #[error("nothing was sent: {reason}")]
    Encode {
        /// The framework failure the worker would have reported instead, if any.
        kind: Option<FailureKind>,
        /// Why.
        reason: String,
    },
    /// Any other error from SWF or the transport.
    #[error(transparent)]
    Swf(Box<Error>),
}
