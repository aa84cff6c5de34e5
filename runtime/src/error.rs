//! The one error type of this crate, with a kind the caller can match.

use std::error::Error as StdError;
use std::fmt;

use crate::client::access::Denial;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// An error from the client, the worker or their configuration.
///
/// Match on [`Error::kind`] to decide what to do; `Display` is a lowercase sentence and
/// [`std::error::Error::source`] gives the underlying cause where there is one.
pub struct Error {
    kind: ErrorKind,
    operation: Option<&'static str>,
    /// SWF's `x-amzn-RequestId` of the answer, which AWS support asks for.
    request_id: Option<Box<str>>,
    message: String,
    /// Boxed: few errors have one, and `Error` is the `Err` of every call, so it stays small.
    denial: Option<Box<Explained>>,
    source: Option<BoxError>,
    /// Whether an attempt before the one this error is about may have reached SWF.
    earlier_attempt_maybe_delivered: bool,
}

/// What an access denial was about (to complete the hint later), and the hint made from it.
struct Explained {
    denial: Denial,
    hint: String,
}

/// What went wrong, in terms a caller can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// SWF answered with one of the faults its service model declares.
    Fault(FaultCode),
    /// SWF throttled the request (`ThrottlingException` and the like). Retried by the client
    /// before it reaches the caller.
    Throttling {
        /// The error code SWF sent, e.g. `ThrottlingException`.
        code: String,
    },
    /// A value breaks one of SWF's rules. `client_side` is true when the client refused to send
    /// the request, false when SWF answered `ValidationException`.
    Validation {
        /// Whether the client caught it before sending anything.
        client_side: bool,
    },
    /// SWF or IAM denied the request (`AccessDeniedException`, `UnrecognizedClientException`,
    /// a bad signature, an HTTP 403 of any shape).
    AccessDenied {
        /// The error code, when the answer had one.
        code: Option<String>,
    },
    /// The request did not get a complete answer: connection refused or reset, TLS failure,
    /// time-out. `maybe_sent` is true when SWF may have received and acted on the request.
    Transport {
        /// Whether the request may have reached the service.
        maybe_sent: bool,
    },
    /// Credentials could not be loaded or refreshed.
    Credentials,
    /// SWF answered with an error code this crate does not model.
    Service {
        /// The error code SWF sent.
        code: String,
        /// The HTTP status.
        status: u16,
    },
    /// An answer that is not what the protocol promises (an HTML page, a body that does not
    /// parse). The message carries a bounded excerpt of the body.
    UnexpectedResponse {
        /// The HTTP status.
        status: u16,
    },
    /// The configuration is unusable (no region, a bad endpoint, duplicate activity types, ...).
    Configuration,
}

/// The faults declared by SWF's service model (`com.amazonaws.swf.base.model#...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaultCode {
    /// `DefaultUndefinedFault`: a default needed by the request was never registered.
    DefaultUndefined,
    /// `DomainAlreadyExistsFault`.
    DomainAlreadyExists,
    /// `DomainDeprecatedFault`.
    DomainDeprecated,
    /// `LimitExceededFault`: an account limit was hit; not retried.
    LimitExceeded,
    /// `OperationNotPermittedFault`: IAM does not allow the action on the resource.
    OperationNotPermitted,
    /// `TooManyTagsFault`.
    TooManyTags,
    /// `TypeAlreadyExistsFault`.
    TypeAlreadyExists,
    /// `TypeDeprecatedFault`.
    TypeDeprecated,
    /// `TypeNotDeprecatedFault`.
    TypeNotDeprecated,
    /// `UnknownResourceFault`: the domain, type or task does not exist, or the task was already
    /// closed or timed out.
    UnknownResource,
    /// `WorkflowExecutionAlreadyStartedFault`.
    WorkflowExecutionAlreadyStarted,
}

impl FaultCode {
    /// All modelled faults.
    pub const ALL: [FaultCode; 11] = [
        FaultCode::DefaultUndefined,
        FaultCode::DomainAlreadyExists,
        FaultCode::DomainDeprecated,
        FaultCode::LimitExceeded,
        FaultCode::OperationNotPermitted,
        FaultCode::TooManyTags,
        FaultCode::TypeAlreadyExists,
        FaultCode::TypeDeprecated,
        FaultCode::TypeNotDeprecated,
        FaultCode::UnknownResource,
        FaultCode::WorkflowExecutionAlreadyStarted,
    ];

    /// The code as SWF sends it, e.g. `UnknownResourceFault`.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultCode::DefaultUndefined => "DefaultUndefinedFault",
            FaultCode::DomainAlreadyExists => "DomainAlreadyExistsFault",
            FaultCode::DomainDeprecated => "DomainDeprecatedFault",
            FaultCode::LimitExceeded => "LimitExceededFault",
            FaultCode::OperationNotPermitted => "OperationNotPermittedFault",
            FaultCode::TooManyTags => "TooManyTagsFault",
            FaultCode::TypeAlreadyExists => "TypeAlreadyExistsFault",
            FaultCode::TypeDeprecated => "TypeDeprecatedFault",
            FaultCode::TypeNotDeprecated => "TypeNotDeprecatedFault",
            FaultCode::UnknownResource => "UnknownResourceFault",
            FaultCode::WorkflowExecutionAlreadyStarted => "WorkflowExecutionAlreadyStartedFault",
        }
    }

    /// The fault named by `code` (the text after the last `#` of `__type`), if it is modelled.
    pub fn from_code(code: &str) -> Option<FaultCode> {
        FaultCode::ALL.into_iter().find(|f| f.as_str() == code)
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// Makes an error of `kind` with a lowercase message.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            operation: None,
            request_id: None,
            message: message.into(),
            denial: None,
            source: None,
            earlier_attempt_maybe_delivered: false,
        }
    }

    /// A value that breaks SWF's rules, caught before anything was sent.
    pub(crate) fn validation(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Validation { client_side: true }, message)
    }

    /// A configuration that cannot work.
    pub(crate) fn configuration(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Configuration, message)
    }

    /// Attaches the underlying cause.
    pub(crate) fn with_source(mut self, source: impl Into<BoxError>) -> Error {
        self.source = Some(source.into());
        self
    }

    /// Records which SWF operation failed, e.g. `PollForActivityTask`.
    pub(crate) fn with_operation(mut self, operation: &'static str) -> Error {
        self.operation = Some(operation);
        self
    }

    /// Records the `x-amzn-RequestId` of the answer the error came from.
    pub(crate) fn with_request_id(mut self, request_id: impl Into<String>) -> Error {
        self.request_id = Some(request_id.into().into_boxed_str());
        self
    }

    /// Rewrites the message, to take a secret out of it.
    pub(crate) fn map_message(mut self, f: impl FnOnce(String) -> String) -> Error {
        self.message = f(self.message);
        self
    }

    /// Attaches what was denied, and the hint that says how to allow it (shown before the
    /// message).
    pub(crate) fn with_denial(mut self, denial: Denial) -> Error {
        let hint = denial.hint();
        self.denial = Some(Box::new(Explained { denial, hint }));
        self
    }

    /// For an access denial whose request and answer named no domain (answers and heartbeats
    /// carry only a task token), names `domain` in the hint: the caller knows which domain the
    /// task came from. Other errors are returned unchanged.
    pub(crate) fn with_domain_hint(mut self, domain: &str) -> Error {
        if let Some(explained) = self.denial.as_deref_mut()
            && explained.denial.complete_domain(domain)
        {
            explained.hint = explained.denial.hint();
        }
        self
    }

    /// What the caller can do about it, where this crate knows: for an access denial, the IAM
    /// action, the resource and the policy statement that would allow the call, e.g.
    /// `not permitted: swf:PollForActivityTask on arn:aws:swf:us-east-1:*:/domain/orders; allow
    /// it with {"Effect":"Allow",...}`.
    pub fn hint(&self) -> Option<&str> {
        self.denial.as_deref().map(|e| e.hint.as_str())
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The SWF operation that failed, when the error came from a call.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The request id SWF gave its error answer (the `x-amzn-RequestId` header), which AWS
    /// support asks for; `None` when there was no answer (a transport error, a request refused
    /// before sending) or it carried no id. `Display` and `Debug` show it too.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The message: SWF's own for service errors, ours otherwise.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The modelled fault, if SWF answered with one.
    pub fn fault(&self) -> Option<FaultCode> {
        match self.kind {
            ErrorKind::Fault(code) => Some(code),
            _ => None,
        }
    }

    /// Whether SWF answered with this modelled fault.
    pub fn is_fault(&self, code: FaultCode) -> bool {
        self.fault() == Some(code)
    }

    /// Whether trying the same request again may succeed: throttling, transport failures,
    /// the transient codes `RequestTimeout` and `RequestTimeoutException`, and answers with
    /// HTTP 429, 500, 502, 503 or 504. Modelled faults never are.
    pub fn is_retryable(&self) -> bool {
        let transient_status = |status: u16| matches!(status, 429 | 500 | 502 | 503 | 504);
        match &self.kind {
            ErrorKind::Throttling { .. } | ErrorKind::Transport { .. } => true,
            ErrorKind::Service { code, status } => {
                transient_status(*status) || crate::client::response::is_transient_code(code)
            }
            ErrorKind::UnexpectedResponse { status } => transient_status(*status),
            _ => false,
        }
    }

    /// Records that an earlier attempt of the same request may have reached SWF.
    pub(crate) fn with_earlier_attempt_maybe_delivered(mut self, maybe: bool) -> Error {
        self.earlier_attempt_maybe_delivered |= maybe;
        self
    }

    /// Whether an earlier attempt of the request may have reached SWF and been acted on.
    ///
    /// The client retries a request whose connection failed after it was sent
    /// ([`ErrorKind::Transport`] with `maybe_sent: true`), and such a request may have been
    /// carried out. When a later attempt then fails, this error is about that later attempt,
    /// and this says the first may have succeeded: an `UnknownResourceFault` to
    /// `RespondActivityTaskCompleted` then most likely means the first answer was delivered and
    /// closed the task, not that the answer was lost. The error's kind describes the last
    /// attempt only.
    pub fn earlier_attempt_maybe_delivered(&self) -> bool {
        self.earlier_attempt_maybe_delivered
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind);
        if let Some(op) = self.operation {
            d.field("operation", &op);
        }
        d.field("message", &self.message);
        if let Some(hint) = self.hint() {
            d.field("hint", &hint);
        }
        if let Some(request_id) = &self.request_id {
            d.field("request_id", request_id);
        }
        if let Some(source) = &self.source {
            d.field("source", source);
        }
        if self.earlier_attempt_maybe_delivered {
            d.field("earlier_attempt_maybe_delivered", &true);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(op) = self.operation {
            write!(f, "{op}: ")?;
        }
        match &self.kind {
            ErrorKind::Fault(code) => write!(f, "{code}")?,
            ErrorKind::Throttling { code } => write!(f, "throttled ({code})")?,
            ErrorKind::Validation { client_side: true } => f.write_str("invalid request")?,
            ErrorKind::Validation { client_side: false } => {
                f.write_str("SWF rejected the request (ValidationException)")?
            }
            ErrorKind::AccessDenied { code: Some(code) } => write!(f, "access denied ({code})")?,
            ErrorKind::AccessDenied { code: None } => f.write_str("access denied")?,
            ErrorKind::Transport { maybe_sent: true } => {
                f.write_str("transport error, the request may have reached SWF")?
            }
            ErrorKind::Transport { maybe_sent: false } => {
                f.write_str("transport error, the request was not sent")?
            }
            ErrorKind::Credentials => f.write_str("credentials error")?,
            ErrorKind::Service { code, status } => write!(f, "SWF error {code} (HTTP {status})")?,
            ErrorKind::UnexpectedResponse { status } => {
                write!(f, "unexpected response (HTTP {status})")?
            }
            ErrorKind::Configuration => f.write_str("invalid configuration")?,
        }
        if let Some(hint) = self.hint() {
            write!(f, ": {hint}")?;
            if !self.message.is_empty() {
                write!(f, "; SWF said: {}", self.message)?;
            }
        } else if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if self.earlier_attempt_maybe_delivered {
            f.write_str(" (an earlier attempt may have reached SWF)")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {request_id})")?;
        }
        Ok(())
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

impl From<swf_activity_rules::RuleError> for Error {
    fn from(err: swf_activity_rules::RuleError) -> Error {
        Error::validation(err.to_string()).with_source(err)
    }
}
