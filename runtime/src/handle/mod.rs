//! Typed activity handles: what `#[activity]` knows of an activity, for the code that schedules
//! it, reads its outcome, or completes a task it handed off.
//!
//! For every `#[activity]` function the macro also emits a type of the same name (a braced
//! struct with no fields, so it lives in the type namespace beside the function, as Rocket's
//! route macros do) that implements [`Activity`]: the activity's name, version and registered
//! defaults, its `Input`, `Output` and `Error` types, and the converter it names. Import the
//! function and you have its handle:
//!
//! ```
//! use swf_activity::handle::{Activity, ActivityOutcome};
//! use swf_activity::activity;
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Order {
//!     id: u64,
//! }
//!
//! #[derive(Debug, serde::Serialize, serde::Deserialize)]
//! struct Receipt {
//!     id: u64,
//! }
//!
//! #[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize)]
//! #[error("card declined")]
//! struct Declined;
//!
//! #[activity(name = "ChargeCard", version = "1", start_to_close_timeout = "5m")]
//! async fn charge_card(order: Order) -> Result<Receipt, Declined> {
//!     Ok(Receipt { id: order.id })
//! }
//!
//! # fn decide(history: &[swf_activity::model::HistoryEvent]) -> Result<(), Box<dyn std::error::Error>> {
//! // A decider schedules it with a typed input (a `ScheduleActivityTask` decision)...
//! let decision = charge_card::schedule("charge-1", &Order { id: 7 }).decision()?;
//! // ...and reads its outcome from the history, typed.
//! match charge_card::outcome(history, "charge-1")? {
//!     ActivityOutcome::Completed(receipt) => println!("charged: {receipt:?}"),
//!     ActivityOutcome::Failed(failed) => println!("failed: {failed:?}"),
//!     other => println!("not done: {other:?}"),
//! }
//! # let _ = decision;
//! # Ok(())
//! # }
//! ```
//!
//! The handle is named like the function (`charge_card`), so a type of that name already in
//! the module (`use std::process;` beside `fn process`) is a compile error ("defined multiple
//! times"); `#[activity(handle = ProcessTask, ...)]` names the handle otherwise.
//!
//! # Converters
//!
//! Inputs are encoded and outcomes read with the converter the activity names
//! (`#[activity(converter = ...)]`). An activity that names none uses its worker's default,
//! which the handle cannot know: [`Json`] unless the call says otherwise
//! ([`Schedule::converter`], [`outcome_with`]).
//!
//! # Manual completion
//!
//! An activity can hand its task to something else with
//! [`ActivityContext::complete_manually`](crate::ActivityContext::complete_manually) and return
//! without answering; another process then completes, fails or cancels the task with a
//! [`Completer`], holding only the task token and a [`Client`](crate::Client).

use crate::convert::{Converts, DataConverter, Json};
use crate::model::ActivityType;
use crate::registry::ActivityDescriptor;

mod complete;
mod outcome;
mod schedule;

pub use complete::{CompleteError, Completer};
pub use outcome::{ActivityFailed, ActivityOutcome, OutcomeError, outcome_with};
pub use schedule::{Schedule, ScheduleError};

/// An activity as `#[activity]` declared it. Implemented by the handle type the macro emits
/// beside each activity function; see the [module docs](self).
pub trait Activity: Sized + 'static {
    /// The activity's input: its argument's type, `()` when it takes none.
    type Input;
    /// What the activity returns in `Ok`. An `impl Trait` result cannot be named, and reads
    /// back as a [`serde_json::Value`].
    type Output;
    /// What the activity returns in `Err`.
    type Error;

    /// The activity type's name and version, and the defaults it is registered with.
    const DESCRIPTOR: ActivityDescriptor;

    /// Whether the activity takes an input (an activity without one is scheduled with none).
    const TAKES_INPUT: bool;

    /// The converter the activity names, for the worker's side of its types (a completer
    /// encodes with it); `None` when it uses the worker's default.
    fn converter() -> Option<&'static dyn Converts<Self::Input, Self::Output, Self::Error>>;

    /// The converter the activity names, when it is a [`DataConverter`] (which also encodes
    /// inputs and reads outcomes for a decider); `None` when it names none, or one that only
    /// implements [`Converts`].
    fn data_converter() -> Option<&'static dyn DataConverter>;

    /// The name of the converter the activity names, if it names one.
    fn converter_name() -> Option<&'static str> {
        Self::converter().map(|c| c.name())
    }

    /// The activity type: name and version.
    fn activity_type() -> ActivityType {
        Self::DESCRIPTOR.activity_type()
    }

    /// A `ScheduleActivityTask` decision for this activity with id `activity_id` and `input`,
    /// with the activity's registered defaults unless overridden on the [`Schedule`].
    fn schedule(activity_id: impl Into<String>, input: &Self::Input) -> Schedule<'_, Self> {
        Schedule::new(activity_id.into(), input)
    }

    /// The outcome of the task with `activity_id` in a workflow history, read with the
    /// activity's converter (or [`Json`] if it names none; see [`outcome_with`]).
    fn outcome(
        history: &[crate::model::HistoryEvent],
        activity_id: &str,
    ) -> Result<ActivityOutcome<Self::Output, Self::Error>, OutcomeError>
    where
        Self::Output: serde::de::DeserializeOwned,
        Self::Error: serde::de::DeserializeOwned,
    {
        outcome_with::<Self>(history, activity_id, &Json)
    }

    /// A completer for a task of this activity that was handed off
    /// ([`ActivityContext::complete_manually`](crate::ActivityContext::complete_manually)).
    fn completer(client: &crate::Client, token: crate::model::TaskToken) -> Completer<'_, Self> {
        Completer::new(client, token)
    }
}

/// The converter a decider-side call uses for `A`: the one it names, else `default`. An
/// activity that names a converter which is not a [`DataConverter`] cannot be encoded for or
/// read by a decider: the error says so.
pub(crate) fn decider_converter<A: Activity>(
    default: &dyn DataConverter,
) -> Result<&dyn DataConverter, String> {
    match (A::data_converter(), A::converter_name()) {
        (Some(named), _) => Ok(named),
        (None, None) => Ok(default),
        (None, Some(name)) => Err(format!(
            "activity {:?} version {:?} names the converter {name:?}, which converts only on the worker's side (it implements `Converts`, not `DataConverter`)",
            A::DESCRIPTOR.name,
            A::DESCRIPTOR.version
        )),
    }
}
