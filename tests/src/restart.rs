//! What `tests/restart.rs` and its worker process (`src/bin/restart_worker.rs`) agree on: the
//! domain and task list, the activity's input and output, and the line the worker prints when
//! an activity starts running, so the test knows which process ran which task.

use serde::{Deserialize, Serialize};

/// The domain of the restart test.
pub const DOMAIN: &str = "restart";
/// The task list of the restart test.
pub const TASK_LIST: &str = "restart";
/// The activity type's name.
pub const ACTIVITY: &str = "RestartTask";
/// The activity type's version.
pub const VERSION: &str = "1";
/// What the worker prints, followed by the task's number, when an activity starts running.
pub const RAN: &str = "ran ";

/// What a task does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Completes at once with a value computed from its input.
    Compute,
    /// Fails at once with an error computed from its input.
    Fail,
    /// Heartbeats every 10 ms for `millis`, then completes.
    Heartbeat,
    /// Sleeps for `millis`, then completes.
    Slow,
}

/// A task's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    /// The task's number.
    pub n: u64,
    /// What it does.
    pub kind: Kind,
    /// How long it runs, for [`Kind::Heartbeat`] and [`Kind::Slow`].
    pub millis: u64,
}

/// A completed task's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// The task's number.
    pub n: u64,
    /// `n * n` (wrapping).
    pub square: u64,
}

/// A failed task's error.
#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("restart task {n} failed")]
pub struct RestartError {
    /// The task's number.
    pub n: u64,
}

/// The result the activity produces for `input` (when it does not fail).
pub fn expected_output(input: &Input) -> Output {
    Output {
        n: input.n,
        square: input.n.wrapping_mul(input.n),
    }
}
