//! The activity registry: listing what the binary declares with `#[activity]`, with its
//! defaults, choosing what a worker serves, and rejecting two activities with the same name and
//! version.
//!
//! This binary declares `Duplicate` version `1` twice on purpose, so building a set from the
//! whole binary fails as a worker start would.

use swf_activity::__private::{ActivityDescriptor, Timeout};
use swf_activity::registry::{self, ActivitySet};
use swf_activity::{ActivityContext, ErrorKind, activity};

#[derive(Debug, thiserror::Error, serde::Serialize)]
#[error("failed")]
struct Failed;

#[activity(
    name = "ChargeCard",
    version = "1",
    task_list = "payments",
    description = "charges a card",
    task_priority = -5,
    start_to_close_timeout = "5m",
    heartbeat_timeout = 30,
    schedule_to_start_timeout = "NONE"
)]
async fn charge_card(_ctx: ActivityContext, amount: u32) -> Result<u32, Failed> {
    Ok(amount)
}

#[activity(version = "2")]
async fn send_email(to: String) -> Result<String, Failed> {
    Ok(to)
}

#[activity(name = "Ship", version = "1", task_list = "shipping")]
fn ship() -> Result<(), Failed> {
    Ok(())
}

mod first {
    use super::{Failed, activity};

    #[activity(name = "Duplicate", version = "1")]
    fn duplicate() -> Result<(), Failed> {
        Ok(())
    }
}

mod second {
    use super::{Failed, activity};

    #[activity(name = "Duplicate", version = "1", task_list = "other")]
    fn duplicate() -> Result<(), Failed> {
        Ok(())
    }
}

fn types<'a>(set: impl IntoIterator<Item = &'a ActivityDescriptor>) -> Vec<(&'a str, &'a str)> {
    set.into_iter().map(|d| (d.name, d.version)).collect()
}

/// The 1-based number of the first line of this file that contains `needle`.
fn line_of(needle: &str) -> usize {
    include_str!("registry.rs")
        .lines()
        .position(|l| l.contains(needle))
        .expect("in this file")
        + 1
}

/// The line number at the end of a `file:line` location.
fn line_in(location: &str) -> usize {
    location
        .rsplit(':')
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line number in {location:?}"))
}

#[test]
fn lists_every_activity_with_its_defaults() {
    let mut listed = types(registry::activities().map(|r| &r.descriptor));
    listed.sort();
    assert_eq!(
        listed,
        [
            ("ChargeCard", "1"),
            ("Duplicate", "1"),
            ("Duplicate", "1"),
            ("Ship", "1"),
            ("send_email", "2"),
        ]
    );
    let charge = registry::find("ChargeCard", "1").expect("declared");
    let d = &charge.descriptor;
    assert_eq!(d.task_list, Some("payments"));
    assert_eq!(d.description, Some("charges a card"));
    assert_eq!(d.task_priority, Some(-5));
    assert_eq!(d.start_to_close_timeout, Some(Timeout::Seconds(300)));
    assert_eq!(d.heartbeat_timeout, Some(Timeout::Seconds(30)));
    assert_eq!(d.schedule_to_start_timeout, Some(Timeout::None));
    assert_eq!(d.schedule_to_close_timeout, None);
    assert_eq!(
        d.activity_type(),
        swf_activity::model::ActivityType::new("ChargeCard", "1")
    );
    assert_eq!(charge.function, "registry::charge_card");
    assert!(
        charge.location.contains("registry.rs:"),
        "{}",
        charge.location
    );
    let line = line_in(charge.location);
    assert!(
        (line_of("#[activity(")..=line_of("async fn charge_card")).contains(&line),
        "{}",
        charge.location
    );
    assert!(registry::find("ChargeCard", "2").is_none());

    // `name` defaults to the function's name; nothing else is declared.
    let email = &registry::find("send_email", "2")
        .expect("declared")
        .descriptor;
    assert_eq!(email.task_list, None);
    assert_eq!(email.description, None);
    assert_eq!(email.task_priority, None);
    assert_eq!(email.start_to_close_timeout, None);
    assert_eq!(email.heartbeat_timeout, None);
}

#[test]
fn duplicates_are_a_configuration_error() {
    let err = registry::check_unique().expect_err("Duplicate 1 is declared twice");
    assert_eq!(err.kind(), &ErrorKind::Configuration);
    let message = err.message();
    assert!(
        message.starts_with(
            "activity type \"Duplicate\" version \"1\" is declared 2 times: \
             `registry::first::duplicate` at "
        ),
        "{message}"
    );
    assert!(
        message.ends_with("; give each a different `name` or `version`"),
        "{message}"
    );
    // Both functions, each with the file and line where it is declared.
    for module in ["first", "second"] {
        let named = format!("`registry::{module}::duplicate` at ");
        let start = message.find(&named).expect("named") + named.len();
        let location = message[start..].split([',', ';']).next().expect("location");
        assert!(location.contains("registry.rs:"), "{location}");
        let line = line_in(location);
        let module_line = line_of(&format!("mod {module} {{"));
        assert!(
            line > module_line && line < module_line + 8,
            "{module}: {location}"
        );
    }
    assert!(
        err.to_string()
            .starts_with("invalid configuration: activity type \"Duplicate\"")
    );
    // A worker building its set from the binary fails at start, whatever its task list.
    for task_list in ["payments", "elsewhere"] {
        let err = ActivitySet::for_task_list(task_list).expect_err("duplicates");
        assert_eq!(err.kind(), &ErrorKind::Configuration);
    }
    assert!(ActivitySet::all().is_err());
    assert!(ActivitySet::select([("ChargeCard", "1")]).is_err());
}

#[tokio::test]
async fn explicit_sets_serve_their_activities() {
    let chosen = registry::activities().filter(|r| r.descriptor.name != "Duplicate");
    let set = ActivitySet::from_registrations(chosen).expect("unique");
    assert_eq!(
        types(set.descriptors()),
        [("ChargeCard", "1"), ("Ship", "1"), ("send_email", "2")]
    );
    assert_eq!(set.len(), 3);
    let send = set.get("send_email", "2").expect("served");
    let outcome = send
        .run(
            ActivityContext::detached(),
            Some("\"hi\"".into()),
            &swf_activity::convert::Encoding::default(),
        )
        .await;
    assert_eq!(outcome.result(), Some("\"hi\""));
    assert!(set.get("send_email", "1").is_none());

    // What a worker on `payments` picks: its own task list and the activities declaring none.
    let payments = registry::activities()
        .filter(|r| r.descriptor.name != "Duplicate")
        .filter(|r| r.descriptor.serves_task_list("payments"));
    let payments = ActivitySet::from_registrations(payments).expect("unique");
    assert_eq!(
        types(payments.descriptors()),
        [("ChargeCard", "1"), ("send_email", "2")]
    );

    // Both duplicates together are refused, on their own too.
    let duplicates = registry::activities().filter(|r| r.descriptor.name == "Duplicate");
    let err = ActivitySet::from_registrations(duplicates).expect_err("duplicates");
    assert_eq!(err.kind(), &ErrorKind::Configuration);
}
