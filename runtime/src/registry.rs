//! Every `#[activity]` in the binary, found without being told.

use swf_activity_rules::Timeout;

use crate::adapter::Invoke;

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

/// One registered activity: its descriptor, its generated adapter, and where it was declared.
/// Built by `#[activity]`; collected with `inventory`.
#[derive(Debug)]
pub struct ActivityRegistration {
    /// The declared type and defaults.
    pub descriptor: ActivityDescriptor,
    /// The generated adapter.
    pub invoke: Invoke,
    /// The Rust path of the function, e.g. `my_crate::billing::charge_card`.
    pub function: &'static str,
    /// `file!():line!()` of the function.
    pub location: &'static str,
}

inventory::collect!(ActivityRegistration);
