//! What workers say about their activity tasks (heartbeats and answers) and the counts of
//! tasks waiting on a task list.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::{Kind, State, unknown_token};
use crate::testing::local::faults::Op;
use crate::testing::local::wire::{SwfError, object, opt, str_at};

/// `CountPendingActivityTasks` and `CountPendingDecisionTasks`: how many tasks wait on the task
/// list.
pub(super) fn count_pending(
    st: &State,
    kind: Kind,
    body: &Value,
) -> Result<Option<Value>, SwfError> {
    let domain = str_at(body, &["domain"]).unwrap_or_default();
    st.domain(domain)?;
    let task_list = str_at(body, &["taskList", "name"]).unwrap_or_default();
    let count = st.pending_count(kind, domain, task_list);
    Ok(Some(json!({"count": count, "truncated": false})))
}

/// `RecordActivityTaskHeartbeat`: keeps the details, restarts the heartbeat timeout (`second`
/// is how long one SWF second lasts) and says whether cancelling the task was asked.
pub(super) fn heartbeat(
    st: &mut State,
    body: &Value,
    second: Duration,
) -> Result<Option<Value>, SwfError> {
    let key = st.activity_by_token(body)?;
    let Some(a) = st.activities.get_mut(&key) else {
        return Err(unknown_token());
    };
    if let Some(details) = str_at(body, &["details"]) {
        a.heartbeat_details = Some(details.to_owned());
    }
    if let Some(secs) = a.timeouts.heartbeat {
        a.heartbeat_deadline = second
            .checked_mul(secs)
            .and_then(|d| Instant::now().checked_add(d));
    }
    Ok(Some(json!({"cancelRequested": a.cancel_requested})))
}

/// `RespondActivityTaskCompleted`, `Failed` and `Canceled`: closes the task with its event.
pub(super) fn respond(st: &mut State, op: Op, body: &Value) -> Result<Option<Value>, SwfError> {
    let key = st.activity_by_token(body)?;
    let Some(a) = st.activities.get(&key) else {
        return Err(unknown_token());
    };
    let ids = [
        ("scheduledEventId", json!(a.scheduled_event_id)),
        ("startedEventId", json!(a.started_event_id)),
    ];
    let get = |k: &str| opt(str_at(body, &[k]));
    let (event_type, attributes) = match op {
        Op::RespondActivityTaskCompleted => (
            "ActivityTaskCompleted",
            object([("result", get("result")), ids[0].clone(), ids[1].clone()]),
        ),
        Op::RespondActivityTaskFailed => (
            "ActivityTaskFailed",
            object([
                ("reason", get("reason")),
                ("details", get("details")),
                ids[0].clone(),
                ids[1].clone(),
            ]),
        ),
        _ => (
            "ActivityTaskCanceled",
            object([
                ("details", get("details")),
                ids[0].clone(),
                ids[1].clone(),
                (
                    "latestCancelRequestedEventId",
                    a.latest_cancel_requested_event_id
                        .map_or(Value::Null, |id| json!(id)),
                ),
            ]),
        ),
    };
    st.close_activity(key, event_type, attributes);
    Ok(None)
}
