//! A `ScheduleActivityTask` decision built from a handle and a typed input.

use std::fmt;

use swf_activity_rules::{self as rules, DATA_MAX, NameKind, RuleError, Timeout};

use super::{Activity, decider_converter};
use crate::convert::{DataConverter, EncodeError, IntoArgs, Json};
use crate::model::{Decision, ScheduleActivityTaskDecisionAttributes, TaskList};

/// A `ScheduleActivityTask` decision for activity `A`, from [`Activity::schedule`]. The
/// activity's declared defaults (task list, timeouts, priority: what its worker registers) go
/// into the decision unless overridden here; [`Schedule::decision`] encodes the input and
/// checks SWF's limits, and that SWF will have every member it needs.
#[must_use = "a Schedule does nothing until its decision is sent"]
pub struct Schedule<'a, A: Activity> {
    activity_id: String,
    input: &'a A::Input,
    converter: &'a dyn DataConverter,
    control: Option<String>,
    task_list: Option<String>,
    task_priority: Option<i32>,
    schedule_to_start_timeout: Option<Timeout>,
    start_to_close_timeout: Option<Timeout>,
    schedule_to_close_timeout: Option<Timeout>,
    heartbeat_timeout: Option<Timeout>,
    registered_defaults: bool,
}

impl<A: Activity> fmt::Debug for Schedule<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Schedule")
            .field("activity_type", &A::activity_type())
            .field("activity_id", &self.activity_id)
            .field("converter", &self.converter.name())
            .field("task_list", &self.task_list)
            .finish_non_exhaustive()
    }
}

impl<'a, A: Activity> Schedule<'a, A> {
    pub(super) fn new(activity_id: String, input: &'a A::Input) -> Schedule<'a, A> {
        let d = A::DESCRIPTOR;
        Schedule {
            activity_id,
            input,
            converter: &Json,
            control: None,
            task_list: d.task_list.map(str::to_owned),
            task_priority: d.task_priority,
            schedule_to_start_timeout: d.schedule_to_start_timeout,
            start_to_close_timeout: d.start_to_close_timeout,
            schedule_to_close_timeout: d.schedule_to_close_timeout,
            heartbeat_timeout: d.heartbeat_timeout,
            registered_defaults: false,
        }
    }

    /// Leaves what neither the declaration nor this schedule sets to the defaults the type
    /// was registered with, unchecked. Without it, [`decision`](Self::decision) refuses a
    /// decision SWF would refuse for a missing default: the `#[activity]` declaration is what
    /// the worker registers, so a member it leaves out has no registered default either. Use
    /// this for a type whose registration (by another tool) sets defaults the declaration
    /// does not.
    pub fn registered_defaults(mut self) -> Schedule<'a, A> {
        self.registered_defaults = true;
        self
    }

    /// The converter to encode the input with when the activity names none (its worker's
    /// default): [`Json`] unless set. An activity that names a converter always uses it.
    pub fn converter(mut self, converter: &'a dyn DataConverter) -> Schedule<'a, A> {
        self.converter = converter;
        self
    }

    /// Data for later decision tasks (`control`), not sent to the worker.
    pub fn control(mut self, control: impl Into<String>) -> Schedule<'a, A> {
        self.control = Some(control.into());
        self
    }

    /// The task list, instead of the activity's default (or the type's registered one).
    pub fn task_list(mut self, task_list: impl Into<String>) -> Schedule<'a, A> {
        self.task_list = Some(task_list.into());
        self
    }

    /// The task's priority.
    pub fn task_priority(mut self, priority: i32) -> Schedule<'a, A> {
        self.task_priority = Some(priority);
        self
    }

    /// The schedule-to-start timeout.
    pub fn schedule_to_start_timeout(mut self, timeout: Timeout) -> Schedule<'a, A> {
        self.schedule_to_start_timeout = Some(timeout);
        self
    }

    /// The start-to-close timeout.
    pub fn start_to_close_timeout(mut self, timeout: Timeout) -> Schedule<'a, A> {
        self.start_to_close_timeout = Some(timeout);
        self
    }

    /// The schedule-to-close timeout.
    pub fn schedule_to_close_timeout(mut self, timeout: Timeout) -> Schedule<'a, A> {
        self.schedule_to_close_timeout = Some(timeout);
        self
    }

    /// The heartbeat timeout.
    pub fn heartbeat_timeout(mut self, timeout: Timeout) -> Schedule<'a, A> {
        self.heartbeat_timeout = Some(timeout);
        self
    }

    /// The decision: the input encoded by the activity's converter, every member checked
    /// against SWF's rules (the activity id's characters and length, the input's and
    /// control's 32,768 characters, the task list's name, the timeouts' bounds).
    pub fn decision(&self) -> Result<Decision, ScheduleError>
    where
        A::Input: IntoArgs,
    {
        let d = A::DESCRIPTOR;
        let fail = |why: ScheduleWhy| ScheduleError {
            activity: format!("{} version {}", d.name, d.version),
            activity_id: self.activity_id.clone(),
            why,
        };
        rules::check_name(NameKind::Id, &self.activity_id)
            .map_err(|err| fail(ScheduleWhy::Rule("activityId", err)))?;
        let converter = decider_converter::<A>(self.converter)
            .map_err(|why| fail(ScheduleWhy::Converter(why)))?;
        let args = if A::TAKES_INPUT {
            self.input.args()
        } else {
            Vec::new()
        };
        let input = converter
            .encode_input(&args)
            .map_err(|err| fail(ScheduleWhy::Encode(err)))?;
        if let Some(input) = &input {
            let len = rules::swf_len(input);
            if len > DATA_MAX {
                return Err(fail(ScheduleWhy::Encode(EncodeError::TooLong {
                    member: "input",
                    len,
                    max: DATA_MAX,
                })));
            }
        }
        if let Some(control) = &self.control {
            rules::check_max_len("control", control, DATA_MAX)
                .map_err(|err| fail(ScheduleWhy::Rule("control", err)))?;
        }
        if !self.registered_defaults {
            let missing: Vec<&str> = [
                ("task_list", self.task_list.is_none()),
                (
                    "schedule_to_start_timeout",
                    self.schedule_to_start_timeout.is_none(),
                ),
                (
                    "start_to_close_timeout",
                    self.start_to_close_timeout.is_none(),
                ),
                (
                    "schedule_to_close_timeout",
                    self.schedule_to_close_timeout.is_none(),
                ),
                ("heartbeat_timeout", self.heartbeat_timeout.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, missing)| missing.then_some(name))
            .collect();
            if !missing.is_empty() {
                return Err(fail(ScheduleWhy::Undefined(missing.join(", "))));
            }
        }
        let mut attributes =
            ScheduleActivityTaskDecisionAttributes::new(A::activity_type(), &self.activity_id);
        attributes.input = input;
        attributes.control.clone_from(&self.control);
        if let Some(task_list) = &self.task_list {
            rules::check_name(NameKind::TaskList, task_list)
                .map_err(|err| fail(ScheduleWhy::Rule("taskList", err)))?;
            attributes.task_list = Some(TaskList::new(task_list.as_str()));
        }
        attributes.task_priority = self.task_priority.map(|p| p.to_string());
        let timeouts = rules::ActivityTimeouts {
            schedule_to_start: self.schedule_to_start_timeout,
            start_to_close: self.start_to_close_timeout,
            schedule_to_close: self.schedule_to_close_timeout,
            heartbeat: self.heartbeat_timeout,
        };
        rules::check_timeout_bounds(&timeouts)
            .map_err(|err| fail(ScheduleWhy::Rule("timeouts", err)))?;
        attributes.schedule_to_start_timeout =
            timeouts.schedule_to_start.map(Timeout::to_swf_string);
        attributes.start_to_close_timeout = timeouts.start_to_close.map(Timeout::to_swf_string);
        attributes.schedule_to_close_timeout =
            timeouts.schedule_to_close.map(Timeout::to_swf_string);
        attributes.heartbeat_timeout = timeouts.heartbeat.map(Timeout::to_swf_string);
        Ok(Decision::schedule_activity_task(attributes))
    }
}

/// Why [`Schedule::decision`] could not build the decision. Its message names the activity
/// and the activity id.
#[derive(Debug, thiserror::Error)]
#[error("cannot schedule activity {activity} as {activity_id:?}: {why}")]
pub struct ScheduleError {
    activity: String,
    activity_id: String,
    #[source]
    why: ScheduleWhy,
}

impl ScheduleError {
    /// The input's encoding error, if that was the problem.
    pub fn encode_error(&self) -> Option<&EncodeError> {
        match &self.why {
            ScheduleWhy::Encode(err) => Some(err),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum ScheduleWhy {
    #[error("{0}: {1}")]
    Rule(&'static str, RuleError),
    #[error("the input: {0}")]
    Encode(EncodeError),
    #[error("{0}")]
    Converter(String),
    #[error(
        "no {0}: the activity declares none, so it has no registered default, and SWF would refuse the decision (ScheduleActivityTaskFailed, DEFAULT_..._UNDEFINED); declare it in `#[activity(...)]`, set it on the Schedule (`Timeout::None` for no timeout), or call `registered_defaults()` if the type's registration has it"
    )]
    Undefined(String),
}
