//! Every `#[activity]` in the binary, found without being told.
//!
//! Each `#[activity]` submits an [`ActivityRegistration`] to a link-time list (`inventory`);
//! [`activities`] walks it. A worker serves an [`ActivitySet`]: every activity in the binary
//! for its task list ([`ActivitySet::for_task_list`]) or an explicit choice. Two activities with
//! the same name and version are a configuration error ([`check_unique`]), reported when the set
//! is built, i.e. when the worker starts.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use swf_activity_rules::{
    ActivityTimeouts, DESCRIPTION_MAX, NameKind, Timeout, check_max_len, check_name,
    check_timeout_bounds,
};

use crate::adapter::Invoke;
use crate::context::ActivityContext;
use crate::convert::Converter;
use crate::convert::Encoding;
use crate::error::Error;
use crate::failure::Outcome;
use crate::model::ActivityType;

/// An activity type as declared with `#[activity(...)]`: its identity and the defaults it is
/// registered with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActivityDescriptor {
    /// The activity type's name.
    pub name: &'static str,
    /// The activity type's version.
    pub version: &'static str,
    /// The default task list, if declared; otherwise the worker's task list serves it.
    pub task_list: Option<&'static str>,
    /// The description registered with the type.
    pub description: Option<&'static str>,
    /// The default task priority.
    pub task_priority: Option<i32>,
    /// The default schedule-to-start timeout.
    pub schedule_to_start_timeout: Option<Timeout>,
    /// The default start-to-close timeout.
    pub start_to_close_timeout: Option<Timeout>,
    /// The default schedule-to-close timeout.
    pub schedule_to_close_timeout: Option<Timeout>,
    /// The default heartbeat timeout.
    pub heartbeat_timeout: Option<Timeout>,
}

impl ActivityDescriptor {
    /// The activity type `name`, version `version`, with no task list, description or defaults.
    /// `#[activity]` builds descriptors itself; this and the `with_*` methods are for
    /// descriptors made by hand (tests, tools). Nothing is checked until a set is built.
    pub const fn new(name: &'static str, version: &'static str) -> ActivityDescriptor {
        ActivityDescriptor {
            name,
            version,
            task_list: None,
            description: None,
            task_priority: None,
            schedule_to_start_timeout: None,
            start_to_close_timeout: None,
            schedule_to_close_timeout: None,
            heartbeat_timeout: None,
        }
    }

    /// Sets the default task list.
    pub const fn with_task_list(mut self, task_list: &'static str) -> ActivityDescriptor {
        self.task_list = Some(task_list);
        self
    }

    /// Sets the description.
    pub const fn with_description(mut self, description: &'static str) -> ActivityDescriptor {
        self.description = Some(description);
        self
    }

    /// Sets the default task priority.
    pub const fn with_task_priority(mut self, priority: i32) -> ActivityDescriptor {
        self.task_priority = Some(priority);
        self
    }

    /// Sets the default schedule-to-start timeout.
    pub const fn with_schedule_to_start_timeout(mut self, timeout: Timeout) -> ActivityDescriptor {
        self.schedule_to_start_timeout = Some(timeout);
        self
    }

    /// Sets the default start-to-close timeout.
    pub const fn with_start_to_close_timeout(mut self, timeout: Timeout) -> ActivityDescriptor {
        self.start_to_close_timeout = Some(timeout);
        self
    }

    /// Sets the default schedule-to-close timeout.
    pub const fn with_schedule_to_close_timeout(mut self, timeout: Timeout) -> ActivityDescriptor {
        self.schedule_to_close_timeout = Some(timeout);
        self
    }

    /// Sets the default heartbeat timeout.
    pub const fn with_heartbeat_timeout(mut self, timeout: Timeout) -> ActivityDescriptor {
        self.heartbeat_timeout = Some(timeout);
        self
    }

    /// The activity type as SWF's requests name it.
    pub fn activity_type(&self) -> ActivityType {
        ActivityType::new(self.name, self.version)
    }

    /// Whether this is the activity type `name`, version `version`.
    pub fn is_type(&self, name: &str, version: &str) -> bool {
        self.name == name && self.version == version
    }

    /// Whether a worker polling `task_list` serves this activity: it declares that task list,
    /// or none.
    pub fn serves_task_list(&self, task_list: &str) -> bool {
        self.task_list.is_none_or(|declared| declared == task_list)
    }

    /// Checks the name, version, task list, description and how the timeouts bound each other
    /// ([`check_timeout_bounds`]) against SWF's rules, as `#[activity]` does at compile time
    /// (descriptors made by hand may break them).
    pub fn validate(&self) -> Result<(), Error> {
        let context = |err: swf_activity_rules::RuleError| {
            Error::configuration(format!(
                "activity type {:?} version {:?}: {err}",
                self.name, self.version
            ))
            .with_source(err)
        };
        check_name(NameKind::ActivityName, self.name).map_err(context)?;
        check_name(NameKind::Version, self.version).map_err(context)?;
        if let Some(task_list) = self.task_list {
            check_name(NameKind::TaskList, task_list).map_err(context)?;
        }
        if let Some(description) = self.description {
            check_max_len("description", description, DESCRIPTION_MAX).map_err(context)?;
        }
        check_timeout_bounds(&ActivityTimeouts {
            schedule_to_start: self.schedule_to_start_timeout,
            start_to_close: self.start_to_close_timeout,
            schedule_to_close: self.schedule_to_close_timeout,
            heartbeat: self.heartbeat_timeout,
        })
        .map_err(context)?;
        Ok(())
    }
}

/// One registered activity: its descriptor, its generated adapter, and where it was declared.
/// Built by `#[activity]`; collected with `inventory`.
pub struct ActivityRegistration {
    /// The declared type and defaults.
    pub descriptor: ActivityDescriptor,
    /// The generated adapter.
    pub invoke: Invoke,
    /// The Rust path of the function, e.g. `my_crate::billing::charge_card`.
    pub function: &'static str,
    /// `file!():line!()` of the function.
    pub location: &'static str,
    /// The converter the activity names (`#[activity(converter = ...)]`); `None` when it uses
    /// the worker's default.
    pub converter: Option<&'static dyn Converter>,
}

impl fmt::Debug for ActivityRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActivityRegistration")
            .field("descriptor", &self.descriptor)
            .field("function", &self.function)
            .field("location", &self.location)
            .field("converter", &self.converter.map(|c| c.name()))
            .finish_non_exhaustive()
    }
}

impl ActivityRegistration {
    /// Runs the activity on one task: decodes `input` (`None` when SWF sent none), calls the
    /// function, and encodes what it returned, with the converter the activity names or else
    /// the `encoding`'s default, within the `encoding`'s limit. The future never panics; a
    /// panic in the activity becomes a failure (see [`crate::failure`]).
    pub fn run(
        &self,
        context: ActivityContext,
        input: Option<String>,
        encoding: &Encoding,
    ) -> Pin<Box<dyn Future<Output = Outcome> + Send + 'static>> {
        (self.invoke)(context, input, encoding)
    }

    /// The converter this activity's tasks go through: the one it names, or else `default`
    /// (the worker's).
    pub fn converter<'a>(&self, default: &'a dyn Converter) -> &'a dyn Converter {
        match self.converter {
            Some(named) => named,
            None => default,
        }
    }
}

inventory::collect!(ActivityRegistration);

/// Every `#[activity]` linked into the binary, in no particular order.
pub fn activities() -> impl Iterator<Item = &'static ActivityRegistration> {
    inventory::iter::<ActivityRegistration>.into_iter()
}

/// The activity in the binary with this name and version (the first one found, if there are
/// duplicates; see [`check_unique`]).
pub fn find(name: &str, version: &str) -> Option<&'static ActivityRegistration> {
    activities().find(|r| r.descriptor.is_type(name, version))
}

/// Checks that no two activities in the binary share a name and version; the error
/// ([`ErrorKind::Configuration`](crate::ErrorKind::Configuration)) names every such pair's
/// functions and where they are declared.
pub fn check_unique() -> Result<(), Error> {
    check_unique_in(activities())
}

/// [`check_unique`] over any registrations.
pub(crate) fn check_unique_in<'a>(
    registrations: impl IntoIterator<Item = &'a ActivityRegistration>,
) -> Result<(), Error> {
    let mut sorted: Vec<&ActivityRegistration> = registrations.into_iter().collect();
    sorted.sort_by_key(|r| {
        (
            r.descriptor.name,
            r.descriptor.version,
            r.location,
            r.function,
        )
    });
    let mut problems = Vec::new();
    for group in sorted.chunk_by(|a, b| {
        a.descriptor
            .is_type(b.descriptor.name, b.descriptor.version)
    }) {
        if let [first, ..] = group
            && group.len() > 1
        {
            let declared: Vec<String> = group
                .iter()
                .map(|r| format!("`{}` at {}", r.function, r.location))
                .collect();
            problems.push(format!(
                "activity type {:?} version {:?} is declared {} times: {}",
                first.descriptor.name,
                first.descriptor.version,
                group.len(),
                declared.join(", ")
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::configuration(format!(
            "{}; give each a different `name` or `version`",
            problems.join("; ")
        )))
    }
}

/// The activities a worker serves, looked up by activity type when a task arrives.
///
/// Every constructor checks that the activity types are unique and valid, so a worker that
/// builds its set at start fails there, not when a task arrives.
#[derive(Debug, Clone, Default)]
pub struct ActivitySet {
    // Sorted by (name, version): listings are stable and lookups are a binary search.
    activities: Vec<&'static ActivityRegistration>,
}

impl ActivitySet {
    /// Every activity in the binary that a worker polling `task_list` serves: those declaring
    /// `task_list = "<task_list>"` and those declaring no task list. Fails if any two
    /// activities in the binary (on any task list) share a name and version.
    pub fn for_task_list(task_list: &str) -> Result<ActivitySet, Error> {
        check_unique()?;
        ActivitySet::from_registrations(
            activities().filter(|r| r.descriptor.serves_task_list(task_list)),
        )
    }

    /// Every activity in the binary, whatever its task list.
    pub fn all() -> Result<ActivitySet, Error> {
        ActivitySet::from_registrations(activities())
    }

    /// Exactly these activities.
    pub fn from_registrations(
        registrations: impl IntoIterator<Item = &'static ActivityRegistration>,
    ) -> Result<ActivitySet, Error> {
        let mut activities: Vec<&'static ActivityRegistration> =
            registrations.into_iter().collect();
        check_unique_in(activities.iter().copied())?;
        for registration in &activities {
            registration.descriptor.validate()?;
        }
        activities.sort_by_key(|r| (r.descriptor.name, r.descriptor.version));
        Ok(ActivitySet { activities })
    }

    /// The activities in the binary with these names and versions; an activity type that is
    /// not in the binary is a configuration error.
    pub fn select<'a>(
        types: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ActivitySet, Error> {
        check_unique()?;
        let mut chosen = Vec::new();
        for (name, version) in types {
            let registration = find(name, version).ok_or_else(|| {
                Error::configuration(format!(
                    "no #[activity] in this binary has name {name:?} and version {version:?}"
                ))
            })?;
            if !chosen
                .iter()
                .any(|r: &&ActivityRegistration| std::ptr::eq(*r, registration))
            {
                chosen.push(registration);
            }
        }
        ActivitySet::from_registrations(chosen)
    }

    /// The activity for a task of type `name`, version `version`.
    pub fn get(&self, name: &str, version: &str) -> Option<&'static ActivityRegistration> {
        self.activities
            .binary_search_by(|r| (r.descriptor.name, r.descriptor.version).cmp(&(name, version)))
            .ok()
            .map(|i| self.activities[i])
    }

    /// The activities, sorted by name and version.
    pub fn iter(&self) -> impl Iterator<Item = &'static ActivityRegistration> + '_ {
        self.activities.iter().copied()
    }

    /// The activities' descriptors, sorted by name and version.
    pub fn descriptors(&self) -> impl Iterator<Item = &'static ActivityDescriptor> + '_ {
        self.iter().map(|r| &r.descriptor)
    }

    /// How many activities the set holds.
    pub fn len(&self) -> usize {
        self.activities.len()
    }

    /// Whether the set holds no activity.
    pub fn is_empty(&self) -> bool {
        self.activities.is_empty()
    }
}

impl<'a> IntoIterator for &'a ActivitySet {
    type Item = &'static ActivityRegistration;
    type IntoIter = std::iter::Copied<std::slice::Iter<'a, &'static ActivityRegistration>>;

    fn into_iter(self) -> Self::IntoIter {
        self.activities.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::adapter::{BoxFuture, ready};

    fn invoke(_: ActivityContext, input: Option<String>, _: &Encoding) -> BoxFuture<Outcome> {
        ready(Outcome::Completed { result: input })
    }

    const fn reg(
        descriptor: ActivityDescriptor,
        function: &'static str,
        location: &'static str,
    ) -> ActivityRegistration {
        ActivityRegistration {
            descriptor,
            invoke,
            function,
            location,
            converter: None,
        }
    }

    static A1: ActivityRegistration = reg(ActivityDescriptor::new("A", "1"), "m::a", "src/m.rs:1");
    static A1_AGAIN: ActivityRegistration =
        reg(ActivityDescriptor::new("A", "1"), "n::a", "src/n.rs:9");
    static A2: ActivityRegistration = reg(
        ActivityDescriptor::new("A", "2").with_task_list("other"),
        "m::a2",
        "src/m.rs:5",
    );
    static B1: ActivityRegistration = reg(
        ActivityDescriptor::new("B", "1").with_task_list("main"),
        "m::b",
        "src/m.rs:9",
    );
    static BAD: ActivityRegistration =
        reg(ActivityDescriptor::new("a:b", "1"), "m::bad", "src/m.rs:12");

    #[test]
    fn duplicates_name_both_functions() {
        assert!(check_unique_in([&A1, &A2, &B1]).is_ok());
        let err = check_unique_in([&A1_AGAIN, &B1, &A1]).expect_err("duplicate");
        assert_eq!(err.kind(), &ErrorKind::Configuration);
        assert_eq!(
            err.message(),
            "activity type \"A\" version \"1\" is declared 2 times: `m::a` at src/m.rs:1, \
             `n::a` at src/n.rs:9; give each a different `name` or `version`"
        );
        assert!(ActivitySet::from_registrations([&A1, &A1_AGAIN]).is_err());
    }

    #[tokio::test]
    async fn sets_look_up_by_type() {
        let set = ActivitySet::from_registrations([&B1, &A2, &A1]).expect("unique");
        assert_eq!(set.len(), 3);
        let listed: Vec<_> = set.descriptors().map(|d| (d.name, d.version)).collect();
        assert_eq!(listed, [("A", "1"), ("A", "2"), ("B", "1")]);
        let found = set.get("A", "2").expect("found");
        assert_eq!(found.function, "m::a2");
        assert!(set.get("A", "3").is_none());
        let outcome = found
            .run(
                ActivityContext::detached(),
                Some("1".to_owned()),
                &Encoding::default(),
            )
            .await;
        assert_eq!(outcome.result(), Some("1"));
        assert!(A1.descriptor.serves_task_list("main"));
        assert!(B1.descriptor.serves_task_list("main"));
        assert!(!A2.descriptor.serves_task_list("main"));
        assert_eq!(A2.descriptor.activity_type(), ActivityType::new("A", "2"));
    }

    // What `#[activity]` submits; this test binary has no duplicates.
    inventory::submit! {
        reg(ActivityDescriptor::new("Linked", "1").with_task_list("main"), "m::linked", "src/m.rs:20")
    }
    inventory::submit! {
        reg(ActivityDescriptor::new("Anywhere", "1"), "m::anywhere", "src/m.rs:30")
    }
    inventory::submit! {
        reg(ActivityDescriptor::new("Elsewhere", "1").with_task_list("other"), "m::elsewhere", "src/m.rs:40")
    }

    #[test]
    fn sets_from_the_binary() {
        assert!(check_unique().is_ok());
        let names = |set: &ActivitySet| set.descriptors().map(|d| d.name).collect::<Vec<_>>();
        let main = ActivitySet::for_task_list("main").expect("unique");
        assert_eq!(names(&main), ["Anywhere", "Linked"]);
        let other = ActivitySet::for_task_list("other").expect("unique");
        assert_eq!(names(&other), ["Anywhere", "Elsewhere"]);
        assert_eq!(ActivitySet::all().expect("unique").len(), 3);
        let chosen = ActivitySet::select([("Elsewhere", "1"), ("Linked", "1"), ("Linked", "1")])
            .expect("declared");
        assert_eq!(names(&chosen), ["Elsewhere", "Linked"]);
        let err = ActivitySet::select([("Linked", "2")]).expect_err("not declared");
        assert_eq!(
            err.message(),
            "no #[activity] in this binary has name \"Linked\" and version \"2\""
        );
        assert_eq!(find("Linked", "1").map(|r| r.function), Some("m::linked"));
        assert_eq!((&main).into_iter().count(), 2);
    }

    #[test]
    fn invalid_descriptors_are_rejected() {
        let err = ActivitySet::from_registrations([&BAD]).expect_err("invalid");
        assert!(err.to_string().contains("a:b"), "{err}");
    }

    #[test]
    fn timeouts_that_bound_each_other_wrongly_are_rejected() {
        let valid = ActivityDescriptor::new("A", "1")
            .with_start_to_close_timeout(Timeout::Seconds(300))
            .with_heartbeat_timeout(Timeout::Seconds(60))
            .with_schedule_to_close_timeout(Timeout::None);
        valid.validate().expect("valid");
        let err = valid
            .with_heartbeat_timeout(Timeout::Seconds(600))
            .validate()
            .expect_err("heartbeat longer than start-to-close");
        assert_eq!(err.kind(), &ErrorKind::Configuration);
        assert!(
            err.to_string().contains(
                "`heartbeat_timeout` of 600 seconds is longer than `start_to_close_timeout` of 300 seconds"
            ),
            "{err}"
        );
        let err = ActivityDescriptor::new("A", "1")
            .with_schedule_to_start_timeout(Timeout::Seconds(61))
            .with_schedule_to_close_timeout(Timeout::Seconds(60))
            .validate()
            .expect_err("schedule-to-start longer than schedule-to-close");
        assert!(
            err.to_string().contains("schedule_to_start_timeout"),
            "{err}"
        );
    }
}
