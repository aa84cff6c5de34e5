//! What an activity knows about the task it runs: identity, heartbeats, cancellation.

/// The task an activity runs: its identity, heartbeats and cancellation.
#[derive(Debug, Clone)]
pub struct ActivityContext {}

impl ActivityContext {
    /// A context that belongs to no task: heartbeats go nowhere and it is never cancelled.
    /// For tests of generated code.
    #[doc(hidden)]
    pub fn detached() -> ActivityContext {
        ActivityContext {}
    }
}
