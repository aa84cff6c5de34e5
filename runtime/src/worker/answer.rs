//! What the worker answers SWF about a task.

use crate::failure::Outcome;

/// What the worker answers SWF about a finished task: the activity's [`Outcome`], unless the
/// decider asked to cancel the task, which turns any outcome into a cancellation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// `RespondActivityTaskCompleted` with this result (`None`: no result).
    Completed {
        /// The activity's `Ok` value as JSON, within SWF's 32768 limit.
        result: Option<String>,
    },
    /// `RespondActivityTaskFailed`.
    Failed {
        /// At most 256 characters: the error's `Display` text, or a framework failure's reason.
        reason: String,
        /// The error's JSON (empty: none sent).
        details: String,
    },
    /// `RespondActivityTaskCanceled`: the decider had asked to cancel the task.
    Canceled {
        /// The activity's error JSON, if it ended with an error after the cancel request.
        details: Option<String>,
    },
}

impl Answer {
    /// The answer for `outcome`; `cancel_requested` when a heartbeat's answer said SWF wants
    /// the task cancelled (`RespondActivityTaskCanceled` is then the only fitting answer).
    pub(crate) fn new(outcome: Outcome, cancel_requested: bool) -> Answer {
        match outcome {
            _ if cancel_requested => Answer::Canceled {
                details: outcome
                    .details()
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned),
            },
            Outcome::Completed { result } => Answer::Completed { result },
            Outcome::Failed { reason, details } => Answer::Failed { reason, details },
        }
    }

    /// The SWF operation that carries the answer, e.g. `RespondActivityTaskFailed`.
    pub fn operation(&self) -> &'static str {
        match self {
            Answer::Completed { .. } => "RespondActivityTaskCompleted",
            Answer::Failed { .. } => "RespondActivityTaskFailed",
            Answer::Canceled { .. } => "RespondActivityTaskCanceled",
        }
    }

    /// Whether this is [`Answer::Completed`].
    pub fn is_completed(&self) -> bool {
        matches!(self, Answer::Completed { .. })
    }

    /// Whether this is [`Answer::Failed`].
    pub fn is_failed(&self) -> bool {
        matches!(self, Answer::Failed { .. })
    }

    /// Whether this is [`Answer::Canceled`].
    pub fn is_canceled(&self) -> bool {
        matches!(self, Answer::Canceled { .. })
    }

    /// The result of a completed task.
    pub fn result(&self) -> Option<&str> {
        match self {
            Answer::Completed { result } => result.as_deref(),
            _ => None,
        }
    }

    /// The reason of a failed task.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Answer::Failed { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The details of a failed or canceled task.
    pub fn details(&self) -> Option<&str> {
        match self {
            Answer::Failed { details, .. } => {
                Some(details).filter(|d| !d.is_empty()).map(|d| d.as_str())
            }
            Answer::Canceled { details } => details.as_deref(),
            Answer::Completed { .. } => None,
        }
    }
}
