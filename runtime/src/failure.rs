//! How an activity's outcome becomes what SWF records: `result`, or `reason` and `details`.

/// What the worker tells SWF about a finished task.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// `RespondActivityTaskCompleted`; `result` is `None` for activities that return `()`.
    Completed {
        /// The serialized `Ok` value, within SWF's 32768 limit.
        result: Option<String>,
    },
    /// `RespondActivityTaskFailed`.
    Failed {
        /// The error's `Display` text, within SWF's 256 limit.
        reason: String,
        /// The error's JSON, within SWF's 32768 limit and always valid JSON.
        details: String,
    },
}

impl Outcome {
    /// A failure with this reason and details, as given (no cutting).
    pub(crate) fn failed(reason: impl Into<String>, details: impl Into<String>) -> Outcome {
        Outcome::Failed {
            reason: reason.into(),
            details: details.into(),
        }
    }
}
