//! Tools for testing activities and workers without AWS (feature `testing`).
//!
//! - [`LocalSwf`]: an in-process SWF endpoint on `127.0.0.1` that speaks SWF's wire protocol,
//!   checks SigV4 signatures and SWF's rules, long-polls, times tasks out, lets a test play the
//!   decider, and injects faults.

mod local;

pub use local::{
    ActivityOutcome, DEFAULT_ACCESS_KEY_ID, DEFAULT_MAX_POLL_WAIT, DEFAULT_REGION,
    DEFAULT_SECRET_ACCESS_KEY, Faults, LOCAL_PAYLOAD_BUCKET, LocalSwf, LocalSwfBuilder, Op,
    RawRequest, RawResponse, ScheduleSpec, ScheduledActivity, Stats, UnknownOp,
};

mod environment;
pub use environment::{ActivityEnvironment, ActivityRun, Canceller, ENVIRONMENT_TOKEN};

#[doc(hidden)]
pub mod model_registry;
