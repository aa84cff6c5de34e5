//! Compile-time tests of `#[activity]` live in `tests/compiletest.rs`; this library holds what
//! the `pass` tests share.

use swf_activity::ActivityContext;
use swf_activity::failure::Outcome;
use swf_activity::registry::{self, ActivityRegistration};

/// The registration `#[activity]` submitted for this name and version; panics when there is none
/// or more than one, which is what the `pass` tests assert.
pub fn registered(name: &str, version: &str) -> &'static ActivityRegistration {
    let mut found = registry::activities()
        .filter(|r| r.descriptor.name == name && r.descriptor.version == version);
    match (found.next(), found.next()) {
        (Some(registration), None) => registration,
        (None, _) => panic!("no activity {name:?} version {version:?} is registered"),
        (Some(_), Some(_)) => panic!("activity {name:?} version {version:?} is registered twice"),
    }
}

/// Runs one task through the generated adapter, as the worker would, without a network.
pub fn invoke(registration: &ActivityRegistration, input: Option<&str>) -> Outcome {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap_or_else(|err| panic!("cannot start a runtime: {err}"));
    runtime.block_on(registration.run(
        ActivityContext::detached(),
        input.map(str::to_owned),
        &swf_activity::convert::Encoding::default(),
    ))
}

/// The `result` of a completed task; panics on anything else.
pub fn completed(outcome: Outcome) -> Option<String> {
    match outcome {
        Outcome::Completed { result } => result,
        other => panic!("expected the task to complete, got {other:?}"),
    }
}

/// The `reason` of a failed task; panics on anything else.
pub fn failed(outcome: Outcome) -> String {
    match outcome {
        Outcome::Failed { reason, .. } => reason,
        other => panic!("expected the task to fail, got {other:?}"),
    }
}
