//! Registering the served activity types at start, and reporting drift between the declared
//! defaults and the ones SWF has.
//!
//! SWF never changes a registered type's defaults: `RegisterActivityType` of an existing name and
//! version answers `TypeAlreadyExistsFault`, even when the defaults differ. So the worker reads
//! them back with `DescribeActivityType` and says what differs, because SWF applies the
//! registered defaults, not the ones in the code.

use std::fmt;
use std::time::Duration;

use swf_activity_rules::{Timeout, check_swf_timeout};

use crate::error::{Error, FaultCode};
use crate::model::{
    ActivityType, ActivityTypeDetail, DescribeActivityType, RegisterActivityType,
    RegistrationStatus, TaskList,
};
use crate::registry::ActivityDescriptor;

/// One default whose registered value differs from the declared one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Drift {
    /// The member, as in `RegisterActivityType`, e.g. `defaultTaskHeartbeatTimeout`.
    pub(crate) field: &'static str,
    /// What `#[activity]` declares (`None`: nothing declared).
    pub(crate) declared: Option<String>,
    /// What SWF has registered (`None`: no default).
    pub(crate) registered: Option<String>,
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<String>| match v {
            Some(v) => format!("`{v}`"),
            None => "none".to_owned(),
        };
        write!(
            f,
            "{} declared {}, registered {}",
            self.field,
            show(&self.declared),
            show(&self.registered)
        )
    }
}

/// What registration learnt about one type.
#[derive(Debug, Clone, Default)]
pub(crate) struct Registered {
    /// The heartbeat timeout SWF applies by default: the registered one where SWF has told us,
    /// else the declared one.
    pub(crate) heartbeat_timeout: Option<Duration>,
    /// Whether the type was registered before (`TypeAlreadyExistsFault`).
    pub(crate) already: bool,
    /// How many registered defaults differ from the declared ones.
    pub(crate) drift: usize,
}

/// Why registering a type failed.
#[derive(Debug)]
pub(crate) enum Refused {
    /// The type is deprecated: SWF hands out no new tasks of it.
    Deprecated(Error),
    /// For another reason trying again cannot change: drifted defaults with `strict`, a
    /// request SWF finds invalid.
    Final(Error),
    /// For a reason that may pass: throttling, SWF or the network failing, and also a missing
    /// permission or domain, which an operator may fix while the worker waits.
    Transient(Error),
}

impl Refused {
    /// `Final` for a validation error, else `Transient`; `error` is the call's, `context` says
    /// what was being done.
    fn of(error: Error, context: String) -> Refused {
        let validation = matches!(error.kind(), crate::ErrorKind::Validation { .. });
        let error = Error::configuration(format!("{context}: {error}")).with_source(error);
        if validation {
            Refused::Final(error)
        } else {
            Refused::Transient(error)
        }
    }
}

/// The `RegisterActivityType` request for a declared type.
pub(crate) fn register_request(domain: &str, d: &ActivityDescriptor) -> RegisterActivityType {
    let mut request = RegisterActivityType::new(domain, d.name, d.version);
    if let Some(v) = d.description {
        request = request.description(v);
    }
    if let Some(v) = d.start_to_close_timeout {
        request = request.default_task_start_to_close_timeout(v.to_swf_string());
    }
    if let Some(v) = d.heartbeat_timeout {
        request = request.default_task_heartbeat_timeout(v.to_swf_string());
    }
    if let Some(v) = d.task_list {
        request = request.default_task_list(TaskList::new(v));
    }
    if let Some(v) = d.task_priority {
        request = request.default_task_priority(v.to_string());
    }
    if let Some(v) = d.schedule_to_start_timeout {
        request = request.default_task_schedule_to_start_timeout(v.to_swf_string());
    }
    if let Some(v) = d.schedule_to_close_timeout {
        request = request.default_task_schedule_to_close_timeout(v.to_swf_string());
    }
    request
}

/// Compares what `#[activity]` declares with what SWF has registered. Timeouts compare by value
/// (`"300"` and `"0300"` are the same), a priority of `0` is the same as none (SWF's default).
pub(crate) fn drift(d: &ActivityDescriptor, detail: &ActivityTypeDetail) -> Vec<Drift> {
    let config = &detail.configuration;
    let mut out = Vec::new();
    let mut timeout = |field, declared: Option<Timeout>, registered: &Option<String>| {
        let parsed = registered
            .as_deref()
            .map(|r| check_swf_timeout(field, r).ok());
        let same = match (declared, parsed) {
            (None, None) => true,
            (Some(declared), Some(Some(registered))) => declared == registered,
            _ => false,
        };
        if !same {
            out.push(Drift {
                field,
                declared: declared.map(|t| t.to_swf_string()),
                registered: registered.clone(),
            });
        }
    };
    timeout(
        "defaultTaskStartToCloseTimeout",
        d.start_to_close_timeout,
        &config.default_task_start_to_close_timeout,
    );
    timeout(
        "defaultTaskHeartbeatTimeout",
        d.heartbeat_timeout,
        &config.default_task_heartbeat_timeout,
    );
    timeout(
        "defaultTaskScheduleToStartTimeout",
        d.schedule_to_start_timeout,
        &config.default_task_schedule_to_start_timeout,
    );
    timeout(
        "defaultTaskScheduleToCloseTimeout",
        d.schedule_to_close_timeout,
        &config.default_task_schedule_to_close_timeout,
    );
    let registered_list = config.default_task_list.as_ref().map(|t| t.name.as_str());
    if d.task_list != registered_list {
        out.push(Drift {
            field: "defaultTaskList",
            declared: d.task_list.map(str::to_owned),
            registered: registered_list.map(str::to_owned),
        });
    }
    let registered_priority = config
        .default_task_priority
        .as_deref()
        .map(|p| p.trim().parse::<i32>().map_err(|_| p.to_owned()));
    let same_priority = match (&registered_priority, d.task_priority) {
        (None, None | Some(0)) | (Some(Ok(0)), None) => true,
        (Some(Ok(r)), Some(p)) => *r == p,
        _ => false,
    };
    if !same_priority {
        out.push(Drift {
            field: "defaultTaskPriority",
            declared: d.task_priority.map(|p| p.to_string()),
            registered: config.default_task_priority.clone(),
        });
    }
    let registered_description = detail
        .type_info
        .description
        .as_deref()
        .filter(|s| !s.is_empty());
    if d.description.filter(|s| !s.is_empty()) != registered_description {
        out.push(Drift {
            field: "description",
            declared: d.description.map(str::to_owned),
            registered: registered_description.map(str::to_owned),
        });
    }
    out
}

/// The heartbeat timeout SWF applies to tasks of a type unless the decider says otherwise.
pub(crate) fn declared_heartbeat_timeout(d: &ActivityDescriptor) -> Option<Duration> {
    d.heartbeat_timeout
        .and_then(Timeout::seconds)
        .map(|s| Duration::from_secs(u64::from(s)))
}

/// Registers one type; on `TypeAlreadyExistsFault` reads the registered defaults back and
/// reports any drift (a warning, or an error when `strict`). A deprecated type is an error: SWF
/// hands out no new tasks of it, so serving it is a mistake in the deployment.
pub(crate) async fn register_one(
    client: &crate::Client,
    domain: &str,
    d: &ActivityDescriptor,
    converter: &str,
    strict: bool,
) -> Result<Registered, Refused> {
    let mut registered = Registered {
        heartbeat_timeout: declared_heartbeat_timeout(d),
        already: true,
        drift: 0,
    };
    match client
        .register_activity_type(&register_request(domain, d))
        .await
    {
        Ok(()) => {
            tracing::info!(
                activity_type = d.name,
                version = d.version,
                domain,
                converter,
                "registered activity type"
            );
            registered.already = false;
            return Ok(registered);
        }
        Err(e) if e.is_fault(FaultCode::TypeAlreadyExists) => {}
        Err(e) if e.is_fault(FaultCode::TypeDeprecated) => {
            return Err(Refused::Deprecated(deprecated(domain, d)));
        }
        Err(e) => {
            return Err(Refused::of(
                e,
                format!(
                    "could not register activity type `{}` version `{}` in domain `{domain}`",
                    d.name, d.version
                ),
            ));
        }
    }
    let detail = client
        .describe_activity_type(&DescribeActivityType::new(
            domain,
            ActivityType::new(d.name, d.version),
        ))
        .await
        .map_err(|e| {
            Refused::of(
                e,
                format!(
                    "could not describe activity type `{}` version `{}` in domain `{domain}`",
                    d.name, d.version
                ),
            )
        })?;
    if detail.type_info.status == RegistrationStatus::Deprecated {
        return Err(Refused::Deprecated(deprecated(domain, d)));
    }
    if let Some(registered_timeout) = detail
        .configuration
        .default_task_heartbeat_timeout
        .as_deref()
        .and_then(|t| check_swf_timeout("heartbeat timeout", t).ok())
    {
        registered.heartbeat_timeout = registered_timeout
            .seconds()
            .map(|s| Duration::from_secs(u64::from(s)));
    }
    let drift = drift(d, &detail);
    registered.drift = drift.len();
    if drift.is_empty() {
        tracing::debug!(
            activity_type = d.name,
            version = d.version,
            converter,
            "activity type already registered with the declared defaults"
        );
        return Ok(registered);
    }
    let list = drift
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if strict {
        return Err(Refused::Final(Error::configuration(format!(
            "activity type `{}` version `{}` is registered in domain `{domain}` with other \
             defaults than declared ({list}); SWF keeps registered defaults forever, so bump \
             the version or drop `strict_registration`",
            d.name, d.version
        ))));
    }
    tracing::warn!(
        activity_type = d.name,
        version = d.version,
        domain,
        converter,
        drift = %list,
        "activity type is registered with other defaults than declared; SWF applies the \
         registered ones (bump the version to change them)"
    );
    Ok(registered)
}

fn deprecated(domain: &str, d: &ActivityDescriptor) -> Error {
    Error::configuration(format!(
        "activity type `{}` version `{}` is deprecated in domain `{domain}`; SWF schedules no \
         new tasks of it: serve a new version or undeprecate it",
        d.name, d.version
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActivityTypeConfiguration, ActivityTypeInfo};

    fn detail(config: ActivityTypeConfiguration) -> ActivityTypeDetail {
        ActivityTypeDetail::new(
            ActivityTypeInfo::new(
                ActivityType::new("A", "1"),
                RegistrationStatus::Registered,
                0.0,
            ),
            config,
        )
    }

    #[test]
    fn same_defaults_do_not_drift() {
        let d = ActivityDescriptor::new("A", "1")
            .with_task_list("tl")
            .with_heartbeat_timeout(Timeout::Seconds(30))
            .with_start_to_close_timeout(Timeout::None);
        let request = register_request("dom", &d);
        assert_eq!(
            request.default_task_heartbeat_timeout.as_deref(),
            Some("30")
        );
        assert_eq!(
            request.default_task_start_to_close_timeout.as_deref(),
            Some("NONE")
        );
        let config = ActivityTypeConfiguration::new()
            .default_task_list(TaskList::new("tl"))
            .default_task_heartbeat_timeout("30")
            .default_task_start_to_close_timeout("NONE")
            .default_task_priority("0");
        assert_eq!(drift(&d, &detail(config)), []);
    }

    #[test]
    fn differences_are_listed() {
        let d = ActivityDescriptor::new("A", "1")
            .with_heartbeat_timeout(Timeout::Seconds(30))
            .with_task_priority(5);
        let config = ActivityTypeConfiguration::new()
            .default_task_heartbeat_timeout("60")
            .default_task_list(TaskList::new("other"))
            .default_task_schedule_to_close_timeout("NONE");
        let found: Vec<String> = drift(&d, &detail(config))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "defaultTaskHeartbeatTimeout declared `30`, registered `60`",
                "defaultTaskScheduleToCloseTimeout declared none, registered `NONE`",
                "defaultTaskList declared none, registered `other`",
                "defaultTaskPriority declared `5`, registered none",
            ]
        );
    }
}
