//! What the worker answers SWF about a task.

use crate::failure::{FailureKind, Outcome};

/// What the worker answers SWF about a finished task: the activity's [`Outcome`], except that a
/// task the decider asked to cancel and that then ends in an error is answered as canceled.
///
/// After a cancel request:
///
/// | the activity... | SWF is told |
/// |---|---|
/// | returns `Ok(v)` | `RespondActivityTaskCompleted`: SWF accepts it, and work that was done (a charge made) must not be reported as undone |
/// | returns `Err(e)` (also one whose JSON fails) | `RespondActivityTaskCanceled`, `details` = JSON of `e` |
/// | is aborted by the framework (shutdown) | `RespondActivityTaskCanceled`, the framework's `details` |
/// | panics, gets input that does not decode, or returns a result too large | `RespondActivityTaskFailed`: a defect the decider should see, not a cancellation |
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
    /// `RespondActivityTaskCanceled`: the decider had asked to cancel the task, and it ended in
    /// an error.
    Canceled {
        /// The activity's error JSON, if it ended with an error after the cancel request.
        details: Option<String>,
    },
}

impl Answer {
    /// The answer for `outcome`; `cancel_requested` when a heartbeat's answer said SWF wants
    /// the task cancelled. See the [type's documentation](Answer) for the rule.
    pub(crate) fn new(outcome: Outcome, cancel_requested: bool) -> Answer {
        match outcome {
            Outcome::Completed { result } => Answer::Completed { result },
            Outcome::Failed {
                details, framework, ..
            } if cancel_requested
                && matches!(
                    framework,
                    None | Some(FailureKind::ErrorSerialization | FailureKind::Aborted)
                ) =>
            {
                Answer::Canceled {
                    details: Some(details).filter(|d| !d.is_empty()),
                }
            }
            Outcome::Failed {
                reason, details, ..
            } => Answer::Failed { reason, details },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::failure::{encode_error, panic_failure};

    #[derive(serde::Serialize)]
    struct Stopped;

    impl std::fmt::Display for Stopped {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stopped")
        }
    }

    #[test]
    fn a_cancel_request_turns_only_errors_and_aborts_into_canceled() {
        let completed = Outcome::Completed {
            result: Some("1".into()),
        };
        assert_eq!(
            Answer::new(completed, true),
            Answer::Completed {
                result: Some("1".into())
            }
        );
        assert_eq!(
            Answer::new(encode_error(&Stopped), true),
            Answer::Canceled {
                details: Some("null".into())
            }
        );
        let aborted = Outcome::framework_failure(FailureKind::Aborted, "the worker shut down");
        assert!(Answer::new(aborted, true).is_canceled());
        let panicked = panic_failure(&"boom");
        assert_eq!(
            Answer::new(panicked, true).reason(),
            Some("activity panicked: boom")
        );
        let too_large = crate::failure::result_too_large(40_000);
        assert!(Answer::new(too_large, true).is_failed());
        // Without a cancel request the outcome is answered as it is.
        assert!(Answer::new(encode_error(&Stopped), false).is_failed());
    }
}
