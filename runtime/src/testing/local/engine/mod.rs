//! What the local SWF knows and does: domains, types, executions and their histories, task
//! lists with their waiting pollers, and the timers that time tasks out. Its parts:
//! [`decisions`] carries out a decider's answer, [`start`] starts executions (also children
//! and continued runs), [`children`] reports children's closing and applies child policies,
//! [`clock`] fires a decider's timers and times out decision tasks and executions, and
//! [`executions`] signals and cancels executions from outside.
//!
//! Everything lives behind one mutex that is never held across an `await`; every change bumps a
//! `watch` counter, which is how the programmatic API awaits outcomes without polling.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use serde_json::{Map, Value, json};
use tokio::sync::{oneshot, watch};
use tokio::time::Instant;

mod children;
mod clock;
mod decisions;
mod executions;
mod registry;
mod start;
mod tasks;

use super::faults::Op;
use super::wire::{
    SwfError, attributes_key, now_secs, object, opt, random_token, str_at, value_at,
};
use crate::error::FaultCode;

/// How long SWF's task tokens are here (SWF's own are long base64 strings; the limit is 1024).
const TOKEN_LEN: usize = 900;
/// How many items a page holds when the request does not say (SWF's default and maximum).
const PAGE_DEFAULT: usize = 1000;
/// The identity recorded for the decisions the programmatic API makes.
pub(crate) const LOCAL_IDENTITY: &str = "swf-activity-local";
/// The workflow type of executions the programmatic API creates.
const LOCAL_WORKFLOW: (&str, &str) = ("swf-activity-local", "1");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Activity,
    Decision,
}

type QueueKey = (Kind, String, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Scheduled,
    Started,
    Closed,
}

#[derive(Debug, Clone, Copy)]
enum Timer {
    ScheduleToStart(u64),
    StartToClose(u64),
    ScheduleToClose(u64),
    Heartbeat(u64),
    /// A decision task's start-to-close timeout (the decision task's key).
    DecisionStartToClose(u64),
    /// A decision task on an overriding task list was not started in time (its key).
    DecisionScheduleToStart(u64),
    /// An execution's start-to-close timeout (the key of [`State::execution_timers`]).
    ExecutionStartToClose(u64),
    /// A timer a decider started (the key of [`State::user_timers`]).
    User(u64),
    /// A closed execution's retention period ended (the key of [`State::retained`]).
    Retention(u64),
}

#[derive(Debug)]
struct TypeRecord {
    description: Option<String>,
    deprecated: bool,
    creation_date: f64,
    deprecation_date: Option<f64>,
    /// The registered defaults, as their JSON members (`defaultTaskList`, ...).
    config: Map<String, Value>,
}

impl TypeRecord {
    fn new(body: &Value, default_keys: &[&str]) -> TypeRecord {
        let mut config = Map::new();
        for key in default_keys {
            if let Some(v) = value_at(body, &[key]) {
                config.insert((*key).to_owned(), v.clone());
            }
        }
        TypeRecord {
            description: str_at(body, &["description"]).map(str::to_owned),
            deprecated: false,
            creation_date: now_secs(),
            deprecation_date: None,
            config,
        }
    }

    fn default_str(&self, key: &str) -> Option<&str> {
        self.config.get(key).and_then(Value::as_str)
    }

    fn default_task_list(&self) -> Option<&str> {
        self.config
            .get("defaultTaskList")
            .and_then(|v| v.get("name"))
            .and_then(Value::as_str)
    }

    fn info(&self, type_key: &str, name: &str, version: &str) -> Value {
        object([
            (type_key, json!({"name": name, "version": version})),
            (
                "status",
                json!(if self.deprecated {
                    "DEPRECATED"
                } else {
                    "REGISTERED"
                }),
            ),
            ("description", opt(self.description.as_deref())),
            ("creationDate", json!(self.creation_date)),
            (
                "deprecationDate",
                self.deprecation_date.map_or(Value::Null, |d| json!(d)),
            ),
        ])
    }
}

#[derive(Debug)]
struct Domain {
    description: Option<String>,
    retention_days: String,
    arn: String,
    /// `DeprecateDomain` was called (and not undone by `UndeprecateDomain`).
    deprecated: bool,
    /// Its tags (`TagResource`), keys unique, in the order they were added.
    tags: Vec<(String, Option<String>)>,
    activity_types: BTreeMap<(String, String), TypeRecord>,
    workflow_types: BTreeMap<(String, String), TypeRecord>,
}

#[derive(Debug)]
struct Execution {
    domain: String,
    workflow_id: String,
    run_id: String,
    workflow_type: (String, String),
    task_list: String,
    task_priority: Option<String>,
    task_start_to_close: String,
    events: Vec<Value>,
    open: bool,
    /// Created by the programmatic API: there is no decider, so no decision tasks follow.
    synthetic: bool,
    decision_scheduled: Option<u64>,
    decision_started: Option<u64>,
    /// Events arrived while a decision task was running: schedule another when it completes.
    decision_again: bool,
    /// The `DecisionTaskStarted` event id of the last completed decision task.
    previous_started_event_id: i64,
    open_activities: HashMap<String, u64>,
    /// Open timers: timer id to the key of its timer.
    open_timers: HashMap<String, u64>,
    /// Child executions started and not closed: run ids.
    open_children: Vec<String>,
    /// The parent, for a child execution.
    parent: Option<ParentLink>,
    /// The key of the execution's start-to-close timer, if it has one.
    execution_timer: Option<u64>,
    /// A decider's temporary task list override (`taskListScheduleToStartTimeout`): the task
    /// list to go back to, and how long a decision task may wait on the override, in seconds.
    task_list_override: Option<(String, u32)>,
    /// Closes once its one activity task closes: an execution the programmatic API created
    /// for a task, which has no decider to close it.
    close_when_idle: bool,
    /// When the execution started and closed, in epoch seconds.
    start_timestamp: f64,
    close_timestamp: Option<f64>,
    /// How it closed: `COMPLETED`, `FAILED`, `CANCELED`, `TERMINATED`, `CONTINUED_AS_NEW` or
    /// `TIMED_OUT`.
    close_status: Option<&'static str>,
    /// A `WorkflowExecutionCancelRequested` event was recorded.
    cancel_requested: bool,
    tag_list: Vec<String>,
    /// The `executionContext` of the last completed decision task.
    latest_execution_context: Option<String>,
    /// When an activity task was last scheduled, in epoch seconds.
    latest_activity_task_timestamp: Option<f64>,
    /// Every activity and decision task of the execution, open or closed, dropped with it
    /// when its retention period ends.
    task_keys: Vec<u64>,
}

/// Where a child execution's closing is reported.
#[derive(Debug, Clone)]
struct ParentLink {
    workflow_id: String,
    run_id: String,
    /// The parent's `StartChildWorkflowExecutionInitiated` event.
    initiated_event_id: i64,
    /// The parent's `ChildWorkflowExecutionStarted` event.
    started_event_id: i64,
}

/// A timer a decider started with `StartTimer`.
#[derive(Debug)]
struct UserTimer {
    run_id: String,
    timer_id: String,
    /// The `TimerStarted` event.
    started_event_id: i64,
}

impl Execution {
    fn reference(&self) -> Value {
        json!({"workflowId": self.workflow_id, "runId": self.run_id})
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Timeouts {
    schedule_to_start: Option<u32>,
    start_to_close: Option<u32>,
    schedule_to_close: Option<u32>,
    heartbeat: Option<u32>,
}

#[derive(Debug)]
pub(crate) struct Activity {
    pub(crate) run_id: String,
    pub(crate) activity_id: String,
    activity_type: (String, String),
    input: Option<String>,
    domain: String,
    task_list: String,
    pub(crate) scheduled_event_id: i64,
    pub(crate) started_event_id: i64,
    pub(crate) phase: Phase,
    cancel_requested: bool,
    latest_cancel_requested_event_id: Option<i64>,
    heartbeat_details: Option<String>,
    token: Option<String>,
    timeouts: Timeouts,
    heartbeat_deadline: Option<Instant>,
    /// The event that closed the task.
    pub(crate) outcome: Option<Value>,
}

#[derive(Debug)]
struct DecisionTask {
    run_id: String,
    scheduled_event_id: i64,
    started_event_id: i64,
    phase: Phase,
    token: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum TokenOf {
    Activity(u64),
    Decision(u64),
}

/// How a decision poller wants the history paged.
#[derive(Debug, Clone, Copy)]
struct Paging {
    size: usize,
    reverse: bool,
}

#[derive(Debug)]
struct Waiter {
    id: u64,
    identity: Option<String>,
    paging: Paging,
    tx: oneshot::Sender<Value>,
}

#[derive(Debug, Default)]
struct Queue {
    /// Tasks waiting for a poller: (priority, sequence, task key).
    pending: Vec<(i32, u64, u64)>,
    /// Pollers waiting for a task, first come first served.
    waiters: VecDeque<Waiter>,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    domains: BTreeMap<String, Domain>,
    executions: HashMap<String, Execution>,
    open_ids: HashMap<(String, String), String>,
    pub(crate) activities: HashMap<u64, Activity>,
    decisions: HashMap<u64, DecisionTask>,
    tokens: HashMap<String, TokenOf>,
    queues: HashMap<QueueKey, Queue>,
    next: u64,
    /// Timers to start once the current change is done, in seconds.
    to_arm: Vec<(Timer, u32)>,
    /// Closed executions waiting for their retention period to end, by timer key: run ids.
    retained: HashMap<u64, String>,
    /// Open executions with a start-to-close timeout, by timer key: run ids.
    execution_timers: HashMap<u64, String>,
    /// Timers deciders started and that have neither fired nor been canceled, by timer key.
    user_timers: HashMap<u64, UserTimer>,
}

/// The local SWF's state and behaviour.
#[derive(Debug)]
pub(crate) struct Engine {
    state: Mutex<State>,
    changed: watch::Sender<u64>,
    /// How long one SWF second lasts here.
    second: Duration,
    max_poll_wait: Duration,
    region: String,
    me: Weak<Engine>,
    /// Closed when the endpoint shuts down, which stops the timers.
    shutdown: watch::Receiver<()>,
    /// The runtime the endpoint started on; timers run there, also when the programmatic API
    /// is called from outside it.
    runtime: tokio::runtime::Handle,
}

/// The lock on the state; dropping it arms the timers the change asked for and tells
/// everyone waiting for a change.
pub(crate) struct Tx<'a> {
    guard: MutexGuard<'a, State>,
    engine: &'a Engine,
}

impl std::ops::Deref for Tx<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.guard
    }
}

impl std::ops::DerefMut for Tx<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.guard
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        for (timer, secs) in std::mem::take(&mut self.guard.to_arm) {
            self.engine.arm(&mut self.guard, timer, secs);
        }
        self.engine.changed.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// Removes a poller from its queue when its poll ends, however it ends (answered, expired, or
/// dropped because the client went away).
struct WaiterGuard<'a> {
    engine: &'a Engine,
    queue: QueueKey,
    id: u64,
}

impl Drop for WaiterGuard<'_> {
    fn drop(&mut self) {
        let mut st = self.engine.tx();
        if let Some(queue) = st.queues.get_mut(&self.queue) {
            queue.waiters.retain(|w| w.id != self.id);
        }
    }
}

fn parse_secs(timeout: &str) -> Option<u32> {
    swf_activity_rules::check_swf_timeout("timeout", timeout)
        .ok()
        .and_then(swf_activity_rules::Timeout::seconds)
}

fn page_token(offset: usize) -> String {
    format!("AAAA{offset:08x}")
}

fn parse_page_token(token: &str) -> Result<usize, SwfError> {
    token
        .strip_prefix("AAAA")
        .and_then(|hex| usize::from_str_radix(hex, 16).ok())
        .ok_or_else(|| SwfError::validation(format!("Invalid nextPageToken: {token}")))
}

fn paging(body: &Value) -> Paging {
    let size = body
        .get("maximumPageSize")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0)
        .unwrap_or(PAGE_DEFAULT);
    Paging {
        size,
        reverse: body
            .get("reverseOrder")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    }
}

/// One page of `items` from `offset`; the offset of the next page, if any.
fn page<T: Clone>(items: &[T], offset: usize, paging: Paging) -> (Vec<T>, Option<usize>) {
    let ordered: Box<dyn Iterator<Item = &T>> = if paging.reverse {
        Box::new(items.iter().rev())
    } else {
        Box::new(items.iter())
    };
    let page: Vec<T> = ordered.skip(offset).take(paging.size).cloned().collect();
    let end = offset + page.len();
    (page, (end < items.len()).then_some(end))
}

fn unknown_domain(domain: &str) -> SwfError {
    SwfError::unknown_resource(format!("Unknown domain: {domain}"))
}

fn unknown_token() -> SwfError {
    SwfError::unknown_resource(
        "Unknown task token: the task does not exist, or it was already closed or timed out",
    )
}

fn type_name(kind: &str, name: &str, version: &str) -> String {
    format!("{kind}=[name={name}, version={version}]")
}

impl State {
    fn next_key(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    fn domain(&self, name: &str) -> Result<&Domain, SwfError> {
        self.domains.get(name).ok_or_else(|| unknown_domain(name))
    }

    fn domain_mut(&mut self, name: &str) -> Result<&mut Domain, SwfError> {
        self.domains
            .get_mut(name)
            .ok_or_else(|| unknown_domain(name))
    }

    /// Appends an event to an execution's history; its id.
    fn append(&mut self, run_id: &str, event_type: &str, attributes: Value) -> i64 {
        let Some(exec) = self.executions.get_mut(run_id) else {
            return 0;
        };
        let id = i64::try_from(exec.events.len()).unwrap_or(i64::MAX - 1) + 1;
        let key = attributes_key(event_type, "EventAttributes");
        exec.events.push(json!({
            "eventId": id,
            "eventTimestamp": now_secs(),
            "eventType": event_type,
            key: attributes,
        }));
        id
    }

    fn new_token(&mut self, of: TokenOf) -> String {
        let token = random_token(TOKEN_LEN);
        self.tokens.insert(token.clone(), of);
        token
    }

    fn enqueue(&mut self, queue: QueueKey, key: u64, priority: i32) {
        let seq = self.next_key();
        self.queues
            .entry(queue.clone())
            .or_default()
            .pending
            .push((priority, seq, key));
        self.dispatch(&queue);
    }

    /// The highest-priority, oldest task of a queue, taken off it.
    fn take_pending(&mut self, queue: &QueueKey) -> Option<u64> {
        let q = self.queues.get_mut(queue)?;
        let best = q
            .pending
            .iter()
            .enumerate()
            .max_by_key(|(_, (prio, seq, _))| (*prio, std::cmp::Reverse(*seq)))
            .map(|(i, _)| i)?;
        Some(q.pending.remove(best).2)
    }

    /// Hands pending tasks to waiting pollers, first come first served.
    fn dispatch(&mut self, queue: &QueueKey) {
        loop {
            let Some(q) = self.queues.get_mut(queue) else {
                return;
            };
            if q.pending.is_empty() {
                return;
            }
            let Some(waiter) = q.waiters.pop_front() else {
                return;
            };
            if waiter.tx.is_closed() {
                continue;
            }
            let Some(key) = self.take_pending(queue) else {
                return;
            };
            let answer = self.start(queue.0, key, waiter.identity.as_deref(), waiter.paging);
            // If the poller vanished after the check, the task is started and nobody has it:
            // as when SWF's answer is lost, it times out.
            let _ = waiter.tx.send(answer);
        }
    }

    fn start(&mut self, kind: Kind, key: u64, identity: Option<&str>, paging: Paging) -> Value {
        match kind {
            Kind::Activity => self.start_activity(key, identity),
            Kind::Decision => self.start_decision(key, identity, paging),
        }
    }

    fn start_activity(&mut self, key: u64, identity: Option<&str>) -> Value {
        let Some(a) = self.activities.get(&key) else {
            return json!({"startedEventId": 0});
        };
        let (run_id, scheduled) = (a.run_id.clone(), a.scheduled_event_id);
        let started = self.append(
            &run_id,
            "ActivityTaskStarted",
            object([
                ("identity", opt(identity)),
                ("scheduledEventId", json!(scheduled)),
            ]),
        );
        let token = self.new_token(TokenOf::Activity(key));
        let workflow = self
            .executions
            .get(&run_id)
            .map_or(Value::Null, Execution::reference);
        let Some(a) = self.activities.get_mut(&key) else {
            return json!({"startedEventId": 0});
        };
        a.phase = Phase::Started;
        a.started_event_id = started;
        a.token = Some(token.clone());
        if let Some(secs) = a.timeouts.start_to_close {
            self.to_arm.push((Timer::StartToClose(key), secs));
        }
        if let Some(secs) = a.timeouts.heartbeat {
            a.heartbeat_deadline = None; // set when the timer is armed
            self.to_arm.push((Timer::Heartbeat(key), secs));
        }
        object([
            ("taskToken", json!(token)),
            ("activityId", json!(a.activity_id)),
            ("startedEventId", json!(started)),
            ("workflowExecution", workflow),
            (
                "activityType",
                json!({"name": a.activity_type.0, "version": a.activity_type.1}),
            ),
            ("input", opt(a.input.as_deref())),
        ])
    }

    fn start_decision(&mut self, key: u64, identity: Option<&str>, paging: Paging) -> Value {
        let Some(d) = self.decisions.get(&key) else {
            return json!({"previousStartedEventId": 0, "startedEventId": 0});
        };
        let (run_id, scheduled) = (d.run_id.clone(), d.scheduled_event_id);
        let started = self.append(
            &run_id,
            "DecisionTaskStarted",
            object([
                ("identity", opt(identity)),
                ("scheduledEventId", json!(scheduled)),
            ]),
        );
        let token = self.new_token(TokenOf::Decision(key));
        if let Some(d) = self.decisions.get_mut(&key) {
            d.phase = Phase::Started;
            d.started_event_id = started;
            d.token = Some(token.clone());
        }
        let mut timeout = None;
        if let Some(exec) = self.executions.get_mut(&run_id) {
            exec.decision_scheduled = None;
            exec.decision_started = Some(key);
            timeout = parse_secs(&exec.task_start_to_close);
        }
        if let Some(secs) = timeout {
            self.to_arm.push((Timer::DecisionStartToClose(key), secs));
        }
        self.decision_page(key, 0, paging)
    }

    /// A decision task's answer with one page of its history.
    fn decision_page(&self, key: u64, offset: usize, paging: Paging) -> Value {
        let Some(d) = self.decisions.get(&key) else {
            return json!({"previousStartedEventId": 0, "startedEventId": 0});
        };
        let Some(exec) = self.executions.get(&d.run_id) else {
            return json!({"previousStartedEventId": 0, "startedEventId": 0});
        };
        let (events, next) = page(&exec.events, offset, paging);
        let next = next.map(|n| format!("{}{key:x}", page_token(n)));
        object([
            ("taskToken", opt(d.token.as_deref())),
            ("startedEventId", json!(d.started_event_id)),
            ("workflowExecution", exec.reference()),
            (
                "workflowType",
                json!({"name": exec.workflow_type.0, "version": exec.workflow_type.1}),
            ),
            ("events", Value::Array(events)),
            ("nextPageToken", opt(next.as_deref())),
            (
                "previousStartedEventId",
                json!(exec.previous_started_event_id),
            ),
        ])
    }

    /// Schedules a decision task for an execution, unless one is scheduled already; while one
    /// runs, remembers to schedule another when it completes.
    fn schedule_decision(&mut self, run_id: &str) {
        let Some(exec) = self.executions.get_mut(run_id) else {
            return;
        };
        if exec.synthetic || !exec.open || exec.decision_scheduled.is_some() {
            return;
        }
        if exec.decision_started.is_some() {
            exec.decision_again = true;
            return;
        }
        let task_list = exec.task_list.clone();
        let priority = exec.task_priority.clone();
        let timeout = exec.task_start_to_close.clone();
        let domain = exec.domain.clone();
        let schedule_to_start = exec.task_list_override.as_ref().map(|(_, secs)| *secs);
        let scheduled = self.append(
            run_id,
            "DecisionTaskScheduled",
            object([
                ("taskList", json!({"name": task_list})),
                ("taskPriority", opt(priority.as_deref())),
                ("startToCloseTimeout", json!(timeout)),
                (
                    "scheduleToStartTimeout",
                    schedule_to_start.map_or(Value::Null, |s| json!(s.to_string())),
                ),
            ]),
        );
        let key = self.next_key();
        self.decisions.insert(
            key,
            DecisionTask {
                run_id: run_id.to_owned(),
                scheduled_event_id: scheduled,
                started_event_id: 0,
                phase: Phase::Scheduled,
                token: None,
            },
        );
        if let Some(exec) = self.executions.get_mut(run_id) {
            exec.decision_scheduled = Some(key);
            exec.task_keys.push(key);
        }
        if let Some(secs) = schedule_to_start {
            self.to_arm
                .push((Timer::DecisionScheduleToStart(key), secs));
        }
        let prio = priority
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        self.enqueue((Kind::Decision, domain, task_list), key, prio);
    }

    /// Closes an activity task with its final event.
    fn close_activity(&mut self, key: u64, event_type: &str, attributes: Value) {
        let Some(a) = self.activities.get_mut(&key) else {
            return;
        };
        if a.phase == Phase::Closed {
            return;
        }
        let was_pending = a.phase == Phase::Scheduled;
        a.phase = Phase::Closed;
        let token = a.token.take();
        let run_id = a.run_id.clone();
        let activity_id = a.activity_id.clone();
        let queue = (Kind::Activity, a.domain.clone(), a.task_list.clone());
        if let Some(token) = token {
            self.tokens.remove(&token);
        }
        if was_pending && let Some(q) = self.queues.get_mut(&queue) {
            q.pending.retain(|(_, _, k)| *k != key);
        }
        if let Some(exec) = self.executions.get_mut(&run_id) {
            exec.open_activities.remove(&activity_id);
        }
        let id = self.append(&run_id, event_type, attributes);
        let event = self
            .executions
            .get(&run_id)
            .and_then(|e| e.events.get(usize::try_from(id - 1).ok()?))
            .cloned();
        if let Some(a) = self.activities.get_mut(&key) {
            a.outcome = event;
        }
        if self
            .executions
            .get(&run_id)
            .is_some_and(|e| e.close_when_idle && e.open && e.open_activities.is_empty())
        {
            let completed = self.synthetic_decision(&run_id);
            self.close_execution(
                &run_id,
                "WorkflowExecutionCompleted",
                json!({"decisionTaskCompletedEventId": completed}),
            );
        }
        self.schedule_decision(&run_id);
    }

    fn time_out(&mut self, key: u64, timeout_type: &str) {
        let Some(a) = self.activities.get(&key) else {
            return;
        };
        let attributes = object([
            ("timeoutType", json!(timeout_type)),
            ("scheduledEventId", json!(a.scheduled_event_id)),
            ("startedEventId", json!(a.started_event_id)),
            ("details", opt(a.heartbeat_details.as_deref())),
        ]);
        self.close_activity(key, "ActivityTaskTimedOut", attributes);
    }

    /// The started activity task a token belongs to.
    fn activity_by_token(&self, body: &Value) -> Result<u64, SwfError> {
        let token = str_at(body, &["taskToken"]).unwrap_or_default();
        match self.tokens.get(token) {
            Some(TokenOf::Activity(key))
                if self
                    .activities
                    .get(key)
                    .is_some_and(|a| a.phase == Phase::Started) =>
            {
                Ok(*key)
            }
            _ => Err(unknown_token()),
        }
    }

    /// Schedules an activity task in an execution, as the `ScheduleActivityTask` decision
    /// does. `strict`: timeouts neither given nor registered as defaults are an error (SWF's
    /// behaviour) rather than `NONE`. The error is the decision's failure cause.
    fn schedule_activity(
        &mut self,
        run_id: &str,
        decision_completed: i64,
        attrs: &Value,
        strict: bool,
    ) -> Result<u64, &'static str> {
        let exec = self
            .executions
            .get(run_id)
            .ok_or("OPERATION_NOT_PERMITTED")?;
        let domain = exec.domain.clone();
        let name = str_at(attrs, &["activityType", "name"]).unwrap_or_default();
        let version = str_at(attrs, &["activityType", "version"]).unwrap_or_default();
        let activity_id = str_at(attrs, &["activityId"]).unwrap_or_default();
        let ty = self
            .domains
            .get(&domain)
            .and_then(|d| d.activity_types.get(&(name.to_owned(), version.to_owned())))
            .ok_or("ACTIVITY_TYPE_DOES_NOT_EXIST")?;
        if ty.deprecated {
            return Err("ACTIVITY_TYPE_DEPRECATED");
        }
        if exec.open_activities.contains_key(activity_id) {
            return Err("ACTIVITY_ID_ALREADY_IN_USE");
        }
        let task_list = str_at(attrs, &["taskList", "name"])
            .or_else(|| ty.default_task_list())
            .ok_or("DEFAULT_TASK_LIST_UNDEFINED")?
            .to_owned();
        let resolve =
            |member: &str, default: &str, cause: &'static str| match str_at(attrs, &[member])
                .or_else(|| ty.default_str(default))
            {
                Some(t) => Ok(t.to_owned()),
                None if strict => Err(cause),
                None => Ok("NONE".to_owned()),
            };
        let schedule_to_start = resolve(
            "scheduleToStartTimeout",
            "defaultTaskScheduleToStartTimeout",
            "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED",
        )?;
        let schedule_to_close = resolve(
            "scheduleToCloseTimeout",
            "defaultTaskScheduleToCloseTimeout",
            "DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED",
        )?;
        let start_to_close = resolve(
            "startToCloseTimeout",
            "defaultTaskStartToCloseTimeout",
            "DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED",
        )?;
        let heartbeat = resolve(
            "heartbeatTimeout",
            "defaultTaskHeartbeatTimeout",
            "DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED",
        )?;
        let priority = str_at(attrs, &["taskPriority"])
            .or_else(|| ty.default_str("defaultTaskPriority"))
            .map(str::to_owned);
        let input = str_at(attrs, &["input"]).map(str::to_owned);
        let activity_id = activity_id.to_owned();
        let activity_type = (name.to_owned(), version.to_owned());
        let scheduled = self.append(
            run_id,
            "ActivityTaskScheduled",
            object([
                ("activityType", json!({"name": name, "version": version})),
                ("activityId", json!(activity_id)),
                ("input", opt(input.as_deref())),
                ("control", opt(str_at(attrs, &["control"]))),
                ("scheduleToStartTimeout", json!(schedule_to_start)),
                ("scheduleToCloseTimeout", json!(schedule_to_close)),
                ("startToCloseTimeout", json!(start_to_close)),
                ("heartbeatTimeout", json!(heartbeat)),
                ("taskList", json!({"name": task_list})),
                ("taskPriority", opt(priority.as_deref())),
                ("decisionTaskCompletedEventId", json!(decision_completed)),
            ]),
        );
        let key = self.next_key();
        let timeouts = Timeouts {
            schedule_to_start: parse_secs(&schedule_to_start),
            start_to_close: parse_secs(&start_to_close),
            schedule_to_close: parse_secs(&schedule_to_close),
            heartbeat: parse_secs(&heartbeat),
        };
        self.activities.insert(
            key,
            Activity {
                run_id: run_id.to_owned(),
                activity_id: activity_id.clone(),
                activity_type,
                input,
                domain: domain.clone(),
                task_list: task_list.clone(),
                scheduled_event_id: scheduled,
                started_event_id: 0,
                phase: Phase::Scheduled,
                cancel_requested: false,
                latest_cancel_requested_event_id: None,
                heartbeat_details: None,
                token: None,
                timeouts,
                heartbeat_deadline: None,
                outcome: None,
            },
        );
        if let Some(exec) = self.executions.get_mut(run_id) {
            exec.open_activities.insert(activity_id, key);
            exec.task_keys.push(key);
            exec.latest_activity_task_timestamp = Some(now_secs());
        }
        if let Some(secs) = timeouts.schedule_to_start {
            self.to_arm.push((Timer::ScheduleToStart(key), secs));
        }
        if let Some(secs) = timeouts.schedule_to_close {
            self.to_arm.push((Timer::ScheduleToClose(key), secs));
        }
        let priority = priority.and_then(|p| p.parse().ok()).unwrap_or(0);
        self.enqueue((Kind::Activity, domain, task_list), key, priority);
        Ok(key)
    }

    /// Asks to cancel an open activity task, as the `RequestCancelActivityTask` decision does:
    /// records `ActivityTaskCancelRequested`; a task no worker has yet is canceled at once, a
    /// started one learns of it from its next heartbeat.
    fn request_cancel(
        &mut self,
        run_id: &str,
        activity_id: &str,
        decision_completed: i64,
    ) -> Result<(), &'static str> {
        let key = self
            .executions
            .get(run_id)
            .and_then(|e| e.open_activities.get(activity_id).copied())
            .ok_or("ACTIVITY_ID_UNKNOWN")?;
        let requested = self.append(
            run_id,
            "ActivityTaskCancelRequested",
            json!({"decisionTaskCompletedEventId": decision_completed, "activityId": activity_id}),
        );
        let Some(a) = self.activities.get_mut(&key) else {
            return Err("ACTIVITY_ID_UNKNOWN");
        };
        a.cancel_requested = true;
        a.latest_cancel_requested_event_id = Some(requested);
        if a.phase == Phase::Scheduled {
            let attributes = json!({
                "scheduledEventId": a.scheduled_event_id,
                "startedEventId": 0,
                "latestCancelRequestedEventId": requested,
            });
            self.close_activity(key, "ActivityTaskCanceled", attributes);
        }
        Ok(())
    }

    /// Records the decision task the programmatic API "completes" to justify a change, as a
    /// decider would have; the `DecisionTaskCompleted` event id.
    fn synthetic_decision(&mut self, run_id: &str) -> i64 {
        let (task_list, timeout) = match self.executions.get(run_id) {
            Some(e) => (e.task_list.clone(), e.task_start_to_close.clone()),
            None => return 0,
        };
        let scheduled = self.append(
            run_id,
            "DecisionTaskScheduled",
            json!({"taskList": {"name": task_list}, "startToCloseTimeout": timeout}),
        );
        let started = self.append(
            run_id,
            "DecisionTaskStarted",
            json!({"identity": LOCAL_IDENTITY, "scheduledEventId": scheduled}),
        );
        self.append(
            run_id,
            "DecisionTaskCompleted",
            json!({"scheduledEventId": scheduled, "startedEventId": started}),
        )
    }

    fn create_execution(
        &mut self,
        domain: &str,
        workflow_id: &str,
        run_id: String,
        workflow_type: (String, String),
        started_attributes: Value,
        synthetic: bool,
    ) -> String {
        let task_list = str_at(&started_attributes, &["taskList", "name"])
            .unwrap_or_default()
            .to_owned();
        let exec = Execution {
            domain: domain.to_owned(),
            workflow_id: workflow_id.to_owned(),
            run_id: run_id.clone(),
            workflow_type,
            task_list,
            task_priority: str_at(&started_attributes, &["taskPriority"]).map(str::to_owned),
            task_start_to_close: str_at(&started_attributes, &["taskStartToCloseTimeout"])
                .unwrap_or("NONE")
                .to_owned(),
            events: Vec::new(),
            open: true,
            synthetic,
            decision_scheduled: None,
            decision_started: None,
            decision_again: false,
            previous_started_event_id: 0,
            open_activities: HashMap::new(),
            open_timers: HashMap::new(),
            open_children: Vec::new(),
            parent: None,
            execution_timer: None,
            task_list_override: None,
            close_when_idle: false,
            start_timestamp: now_secs(),
            close_timestamp: None,
            close_status: None,
            cancel_requested: false,
            tag_list: started_attributes
                .get("tagList")
                .and_then(Value::as_array)
                .map(|tags| {
                    tags.iter()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            latest_execution_context: None,
            latest_activity_task_timestamp: None,
            task_keys: Vec::new(),
        };
        self.executions.insert(run_id.clone(), exec);
        self.open_ids
            .insert((domain.to_owned(), workflow_id.to_owned()), run_id.clone());
        let timeout =
            str_at(&started_attributes, &["executionStartToCloseTimeout"]).and_then(parse_secs);
        self.append(&run_id, "WorkflowExecutionStarted", started_attributes);
        if let Some(secs) = timeout {
            let timer = self.next_key();
            self.execution_timers.insert(timer, run_id.clone());
            if let Some(exec) = self.executions.get_mut(&run_id) {
                exec.execution_timer = Some(timer);
            }
            self.to_arm
                .push((Timer::ExecutionStartToClose(timer), secs));
        }
        run_id
    }

    /// Closes an execution with its final event; its open tasks and timers are abandoned. A
    /// terminated or timed-out execution's child policy applies to its open children, and a
    /// child's closing is reported to its parent.
    fn close_execution(&mut self, run_id: &str, event_type: &str, attributes: Value) {
        if !self.executions.get(run_id).is_some_and(|e| e.open) {
            return;
        }
        let policy = str_at(&attributes, &["childPolicy"]).map(str::to_owned);
        let report = attributes.clone();
        self.append(run_id, event_type, attributes);
        let Some(exec) = self.executions.get_mut(run_id) else {
            return;
        };
        exec.open = false;
        let execution_timer = exec.execution_timer.take();
        let timers: Vec<u64> = exec.open_timers.drain().map(|(_, k)| k).collect();
        let children = std::mem::take(&mut exec.open_children);
        let running = exec.decision_started.take();
        exec.close_timestamp = Some(now_secs());
        exec.close_status = Some(close_status(event_type));
        let key = (exec.domain.clone(), exec.workflow_id.clone());
        let activities: Vec<u64> = exec.open_activities.drain().map(|(_, k)| k).collect();
        let decision = exec.decision_scheduled.take();
        if self.open_ids.get(&key).is_some_and(|r| r == run_id) {
            self.open_ids.remove(&key);
        }
        for k in activities {
            if let Some(a) = self.activities.get_mut(&k) {
                a.phase = Phase::Closed;
                if let Some(t) = a.token.take() {
                    self.tokens.remove(&t);
                }
                let queue = (Kind::Activity, a.domain.clone(), a.task_list.clone());
                if let Some(q) = self.queues.get_mut(&queue) {
                    q.pending.retain(|(_, _, p)| *p != k);
                }
            }
        }
        if let Some(t) = execution_timer {
            self.execution_timers.remove(&t);
        }
        for t in timers {
            self.user_timers.remove(&t);
        }
        for k in running.into_iter().chain(decision) {
            if let Some(d) = self.decisions.get_mut(&k) {
                d.phase = Phase::Closed;
                if let Some(t) = d.token.take() {
                    self.tokens.remove(&t);
                }
            }
            for q in self.queues.values_mut() {
                q.pending.retain(|(_, _, p)| *p != k);
            }
        }
        if matches!(
            event_type,
            "WorkflowExecutionTerminated" | "WorkflowExecutionTimedOut"
        ) && let Some(policy) = policy
        {
            self.apply_child_policy(&children, &policy);
        }
        if event_type != "WorkflowExecutionContinuedAsNew" {
            self.report_to_parent(run_id, event_type, &report);
        }
        // Kept for the domain's retention period, on the scaled clock, then forgotten.
        let days = self
            .domains
            .get(&key.0)
            .map_or(Some(0), |d| retention_days(&d.retention_days));
        if let Some(days) = days {
            let timer = self.next_key();
            self.retained.insert(timer, run_id.to_owned());
            self.to_arm.push((
                Timer::Retention(timer),
                days.saturating_mul(SECONDS_PER_DAY),
            ));
        }
    }

    /// Forgets a closed execution whose retention period ended: its history, its tasks and
    /// their tokens, as SWF does.
    fn forget(&mut self, timer: u64) {
        let Some(run_id) = self.retained.remove(&timer) else {
            return;
        };
        let Some(exec) = self.executions.remove(&run_id) else {
            return;
        };
        for key in exec.task_keys {
            if let Some(a) = self.activities.remove(&key)
                && let Some(t) = a.token
            {
                self.tokens.remove(&t);
            }
            if let Some(d) = self.decisions.remove(&key)
                && let Some(t) = d.token
            {
                self.tokens.remove(&t);
            }
        }
    }

    /// How many tasks of `kind` wait for a poller on `task_list` of `domain`.
    fn pending_count(&self, kind: Kind, domain: &str, task_list: &str) -> usize {
        self.queues
            .get(&(kind, domain.to_owned(), task_list.to_owned()))
            .map_or(0, |q| q.pending.len())
    }

    /// How many executions the endpoint holds: open ones, and closed ones within their
    /// domain's retention period.
    pub(crate) fn executions_held(&self) -> usize {
        self.executions.len()
    }
}

/// The `closeStatus` an execution's closing event gives it.
fn close_status(event_type: &str) -> &'static str {
    match event_type {
        "WorkflowExecutionCompleted" => "COMPLETED",
        "WorkflowExecutionFailed" => "FAILED",
        "WorkflowExecutionCanceled" => "CANCELED",
        "WorkflowExecutionTerminated" => "TERMINATED",
        "WorkflowExecutionContinuedAsNew" => "CONTINUED_AS_NEW",
        _ => "TIMED_OUT",
    }
}

/// Seconds in a day, for retention periods.
const SECONDS_PER_DAY: u32 = 86_400;

/// A domain's `workflowExecutionRetentionPeriodInDays` as days (`NONE` and `0`: not kept at
/// all); `None` when it is not a number of days, which validation does not let in.
fn retention_days(text: &str) -> Option<u32> {
    if text == "NONE" {
        return Some(0);
    }
    text.parse().ok()
}

/// What the programmatic API schedules.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    pub(crate) domain: String,
    pub(crate) workflow_id: Option<String>,
    /// `ScheduleActivityTaskDecisionAttributes` as JSON.
    pub(crate) attributes: Value,
}

impl Engine {
    pub(crate) fn new(
        second: Duration,
        max_poll_wait: Duration,
        region: String,
        shutdown: watch::Receiver<()>,
    ) -> Arc<Engine> {
        Arc::new_cyclic(|me| Engine {
            state: Mutex::new(State::default()),
            changed: watch::Sender::new(0),
            second,
            max_poll_wait,
            region,
            me: me.clone(),
            shutdown,
            runtime: tokio::runtime::Handle::current(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the state for a change.
    pub(crate) fn tx(&self) -> Tx<'_> {
        Tx {
            guard: self.lock(),
            engine: self,
        }
    }

    /// Reads the state without counting as a change.
    pub(crate) fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.lock())
    }

    /// A receiver that sees every change.
    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// Starts a timer (called with the state locked, by [`Tx`]).
    fn arm(&self, state: &mut State, timer: Timer, secs: u32) {
        let Some(delay) = self.second.checked_mul(secs) else {
            return;
        };
        let Some(mut deadline) = Instant::now().checked_add(delay) else {
            return;
        };
        if let Timer::Heartbeat(key) = timer
            && let Some(a) = state.activities.get_mut(&key)
        {
            a.heartbeat_deadline = Some(deadline);
        }
        let engine = self.me.clone();
        let mut shutdown = self.shutdown.clone();
        self.runtime.spawn(async move {
            loop {
                tokio::select! {
                    () = tokio::time::sleep_until(deadline) => {}
                    _ = shutdown.changed() => return,
                }
                let Some(engine) = engine.upgrade() else {
                    return;
                };
                match engine.fire(timer) {
                    Some(later) => deadline = later,
                    None => return,
                }
            }
        });
    }

    /// A timer went off: times the task out if the timeout still applies; for heartbeats that
    /// arrived since, the new deadline to wait for.
    fn fire(&self, timer: Timer) -> Option<Instant> {
        let mut st = self.tx();
        let (key, applies, kind) = match timer {
            Timer::ScheduleToStart(k) => (k, Phase::Scheduled, "SCHEDULE_TO_START"),
            Timer::StartToClose(k) => (k, Phase::Started, "START_TO_CLOSE"),
            Timer::ScheduleToClose(k) => (k, Phase::Closed, "SCHEDULE_TO_CLOSE"),
            Timer::Heartbeat(k) => (k, Phase::Started, "HEARTBEAT"),
            Timer::Retention(k) => {
                st.forget(k);
                return None;
            }
            Timer::DecisionStartToClose(k) => {
                st.time_out_decision(k);
                return None;
            }
            Timer::DecisionScheduleToStart(k) => {
                st.time_out_waiting_decision(k);
                return None;
            }
            Timer::ExecutionStartToClose(k) => {
                st.time_out_execution(k);
                return None;
            }
            Timer::User(k) => {
                st.fire_user_timer(k);
                return None;
            }
        };
        let a = st.activities.get(&key)?;
        let due = match timer {
            Timer::ScheduleToClose(_) => a.phase != applies,
            _ => a.phase == applies,
        };
        if !due {
            return None;
        }
        if let (Timer::Heartbeat(_), Some(deadline)) = (timer, a.heartbeat_deadline)
            && Instant::now() < deadline
        {
            return Some(deadline);
        }
        st.time_out(key, kind);
        None
    }

    /// Serves one operation; `Ok(None)` is an empty answer.
    pub(crate) async fn call(&self, op: Op, body: &Value) -> Result<Option<Value>, SwfError> {
        match op {
            Op::PollForActivityTask => self.poll(Kind::Activity, body).await.map(Some),
            Op::PollForDecisionTask => self.poll(Kind::Decision, body).await.map(Some),
            _ => self.call_now(op, body),
        }
    }

    async fn poll(&self, kind: Kind, body: &Value) -> Result<Value, SwfError> {
        let domain = str_at(body, &["domain"]).unwrap_or_default().to_owned();
        let task_list = str_at(body, &["taskList", "name"])
            .unwrap_or_default()
            .to_owned();
        let identity = str_at(body, &["identity"]).map(str::to_owned);
        let paging = paging(body);
        let empty = match kind {
            Kind::Activity => json!({"startedEventId": 0}),
            Kind::Decision => json!({"previousStartedEventId": 0, "startedEventId": 0}),
        };
        let queue = (kind, domain.clone(), task_list);
        let (id, mut rx) = {
            let mut st = self.tx();
            st.domain(&domain)?;
            if kind == Kind::Decision
                && let Some(token) = str_at(body, &["nextPageToken"])
            {
                return Self::next_decision_page(&st, token, paging);
            }
            if let Some(key) = st.take_pending(&queue) {
                return Ok(st.start(kind, key, identity.as_deref(), paging));
            }
            let id = st.next_key();
            let (tx, rx) = oneshot::channel();
            st.queues
                .entry(queue.clone())
                .or_default()
                .waiters
                .push_back(Waiter {
                    id,
                    identity,
                    paging,
                    tx,
                });
            (id, rx)
        };
        let guard = WaiterGuard {
            engine: self,
            queue,
            id,
        };
        if let Ok(Ok(answer)) = tokio::time::timeout(self.max_poll_wait, &mut rx).await {
            return Ok(answer);
        }
        // Leave the queue; a task handed over in the meantime is already in the channel.
        drop(guard);
        Ok(rx.try_recv().unwrap_or(empty))
    }

    fn next_decision_page(st: &State, token: &str, paging: Paging) -> Result<Value, SwfError> {
        let invalid = || SwfError::validation(format!("Invalid nextPageToken: {token}"));
        let offset_part = token.get(..12).ok_or_else(invalid)?;
        let offset = parse_page_token(offset_part)?;
        let key =
            u64::from_str_radix(token.get(12..).ok_or_else(invalid)?, 16).map_err(|_| invalid())?;
        match st.decisions.get(&key) {
            Some(d) if d.phase == Phase::Started => Ok(st.decision_page(key, offset, paging)),
            _ => Err(invalid()),
        }
    }

    /// Serves every operation but the polls: each concern's module does the work.
    fn call_now(&self, op: Op, body: &Value) -> Result<Option<Value>, SwfError> {
        use registry::TypeKind::{Activity, Workflow};
        let mut st = self.tx();
        let st = &mut *st;
        match op {
            Op::RegisterDomain => registry::register_domain(st, body, &self.region),
            Op::DescribeDomain => registry::describe_domain(st, body),
            Op::DeprecateDomain => registry::deprecate_domain(st, body),
            Op::UndeprecateDomain => registry::undeprecate_domain(st, body),
            Op::ListDomains => registry::list_domains(st, body),
            Op::TagResource => registry::tag_resource(st, body),
            Op::UntagResource => registry::untag_resource(st, body),
            Op::ListTagsForResource => registry::list_tags(st, body),
            Op::RegisterActivityType => registry::register_type(st, Activity, body),
            Op::RegisterWorkflowType => registry::register_type(st, Workflow, body),
            Op::DescribeActivityType => registry::describe_type(st, Activity, body),
            Op::DescribeWorkflowType => registry::describe_type(st, Workflow, body),
            Op::DeprecateActivityType => registry::deprecate_type(st, Activity, body),
            Op::DeprecateWorkflowType => registry::deprecate_type(st, Workflow, body),
            Op::UndeprecateActivityType => registry::undeprecate_type(st, Activity, body),
            Op::UndeprecateWorkflowType => registry::undeprecate_type(st, Workflow, body),
            Op::DeleteActivityType => registry::delete_type(st, Activity, body),
            Op::DeleteWorkflowType => registry::delete_type(st, Workflow, body),
            Op::ListActivityTypes => registry::list_types(st, Activity, body),
            Op::ListWorkflowTypes => registry::list_types(st, Workflow, body),
            Op::StartWorkflowExecution => {
                registry::check_domain_active(st, body)?;
                self.start_workflow(st, body).map(Some)
            }
            Op::RespondDecisionTaskCompleted => self.complete_decision(st, body).map(|()| None),
            Op::GetWorkflowExecutionHistory => executions::history(st, body),
            Op::DescribeWorkflowExecution => executions::describe(st, body),
            Op::ListOpenWorkflowExecutions => executions::list(st, body, true),
            Op::ListClosedWorkflowExecutions => executions::list(st, body, false),
            Op::CountOpenWorkflowExecutions => executions::count(st, body, true),
            Op::CountClosedWorkflowExecutions => executions::count(st, body, false),
            Op::SignalWorkflowExecution => executions::signal(st, body),
            Op::RequestCancelWorkflowExecution => executions::request_cancel(st, body),
            Op::TerminateWorkflowExecution => executions::terminate(st, body),
            Op::CountPendingActivityTasks => tasks::count_pending(st, Kind::Activity, body),
            Op::CountPendingDecisionTasks => tasks::count_pending(st, Kind::Decision, body),
            Op::RecordActivityTaskHeartbeat => tasks::heartbeat(st, body, self.second),
            Op::RespondActivityTaskCompleted
            | Op::RespondActivityTaskFailed
            | Op::RespondActivityTaskCanceled => tasks::respond(st, op, body),
            Op::PollForActivityTask | Op::PollForDecisionTask => Err(SwfError::unknown_operation()),
        }
    }

    // --- the programmatic API -------------------------------------------------------------

    pub(crate) fn register_domain(&self, name: &str, retention_days: u32) -> Result<(), SwfError> {
        let body = json!({
            "name": name,
            "workflowExecutionRetentionPeriodInDays": retention_days.to_string(),
        });
        super::validate::validate(Op::RegisterDomain.as_str(), &body)?;
        self.call_now(Op::RegisterDomain, &body).map(drop)
    }

    pub(crate) fn register_activity_type(&self, body: &Value) -> Result<(), SwfError> {
        super::validate::validate(Op::RegisterActivityType.as_str(), body)?;
        self.call_now(Op::RegisterActivityType, body).map(drop)
    }

    /// Schedules an activity task in a workflow execution of its own (or the open one of
    /// `workflow_id`): the task key, run id and `ActivityTaskScheduled` event id.
    pub(crate) fn schedule(&self, spec: &Schedule) -> Result<(u64, String, String, i64), SwfError> {
        let wrapper = json!({
            "taskToken": "x",
            "decisions": [{
                "decisionType": "ScheduleActivityTask",
                "scheduleActivityTaskDecisionAttributes": spec.attributes,
            }],
        });
        super::validate::validate(Op::RespondDecisionTaskCompleted.as_str(), &wrapper).map_err(
            |mut e| {
                e.message = e.message.replace(
                    "decisions.1.member.scheduleActivityTaskDecisionAttributes.",
                    "",
                );
                e
            },
        )?;
        if let Some(id) = &spec.workflow_id {
            swf_activity_rules::check_name(swf_activity_rules::NameKind::Id, id)
                .map_err(|e| SwfError::validation(format!("workflow id: {e}")))?;
        }
        let mut st = self.tx();
        st.domain(&spec.domain)?;
        let existing = spec
            .workflow_id
            .as_ref()
            .and_then(|id| st.open_ids.get(&(spec.domain.clone(), id.clone())).cloned());
        let run_id = match existing {
            Some(run_id) => run_id,
            None => {
                let n = st.next_key();
                let workflow_id = spec
                    .workflow_id
                    .clone()
                    .unwrap_or_else(|| format!("local-workflow-{n}"));
                let attributes = json!({
                    "executionStartToCloseTimeout": "NONE",
                    "taskStartToCloseTimeout": "NONE",
                    "childPolicy": "ABANDON",
                    "taskList": {"name": LOCAL_IDENTITY},
                    "workflowType": {"name": LOCAL_WORKFLOW.0, "version": LOCAL_WORKFLOW.1},
                    "parentInitiatedEventId": 0,
                });
                let ty = (LOCAL_WORKFLOW.0.to_owned(), LOCAL_WORKFLOW.1.to_owned());
                let run_id = st.create_execution(
                    &spec.domain,
                    &workflow_id,
                    start::new_run_id(),
                    ty,
                    attributes,
                    true,
                );
                if let Some(exec) = st.executions.get_mut(&run_id) {
                    exec.close_when_idle = spec.workflow_id.is_none();
                }
                run_id
            }
        };
        let completed = st.synthetic_decision(&run_id);
        let key = st
            .schedule_activity(&run_id, completed, &spec.attributes, false)
            .map_err(|cause| {
                let message = format!(
                    "cannot schedule the activity task: {cause}; the history records ScheduleActivityTaskFailed"
                );
                st.record_schedule_failed(&run_id, completed, &spec.attributes, cause);
                if cause == "ACTIVITY_TYPE_DOES_NOT_EXIST" {
                    SwfError::unknown_resource(message)
                } else if cause == "ACTIVITY_TYPE_DEPRECATED" {
                    SwfError::fault(FaultCode::TypeDeprecated, message)
                } else if cause == "DEFAULT_TASK_LIST_UNDEFINED" {
                    SwfError::fault(FaultCode::DefaultUndefined, message)
                } else {
                    SwfError::validation(message)
                }
            })?;
        let (workflow_id, scheduled) = {
            let exec = st.executions.get(&run_id);
            let a = st.activities.get(&key);
            (
                exec.map(|e| e.workflow_id.clone()).unwrap_or_default(),
                a.map_or(0, |a| a.scheduled_event_id),
            )
        };
        Ok((key, run_id, workflow_id, scheduled))
    }

    /// Asks to cancel an activity task scheduled through the programmatic API.
    pub(crate) fn cancel(&self, key: u64) -> Result<(), SwfError> {
        let mut st = self.tx();
        let Some(a) = st.activities.get(&key) else {
            return Err(SwfError::unknown_resource("Unknown activity task"));
        };
        if a.phase == Phase::Closed {
            return Err(SwfError::unknown_resource(format!(
                "Unknown activity: the task {} is closed",
                a.activity_id
            )));
        }
        let (run_id, activity_id) = (a.run_id.clone(), a.activity_id.clone());
        let completed = st.synthetic_decision(&run_id);
        st.request_cancel(&run_id, &activity_id, completed)
            .map_err(|cause| SwfError::unknown_resource(cause.to_owned()))
    }

    /// The whole history of an execution, by run id.
    pub(crate) fn history(&self, run_id: &str) -> Option<Vec<Value>> {
        self.read(|st| st.executions.get(run_id).map(|e| e.events.clone()))
    }

    /// The events of one activity task: its `ActivityTaskScheduled` event and every event that
    /// refers to it.
    pub(crate) fn activity_events(&self, key: u64) -> Vec<Value> {
        self.read(|st| {
            let Some(a) = st.activities.get(&key) else {
                return Vec::new();
            };
            let Some(exec) = st.executions.get(&a.run_id) else {
                return Vec::new();
            };
            let scheduled = json!(a.scheduled_event_id);
            exec.events
                .iter()
                .filter(|e| {
                    if e["eventId"] == scheduled {
                        return true;
                    }
                    let attrs = e
                        .as_object()
                        .and_then(|m| m.iter().find(|(k, _)| k.ends_with("EventAttributes")))
                        .map(|(_, v)| v);
                    attrs.is_some_and(|v| {
                        v.get("scheduledEventId") == Some(&scheduled)
                            || (e["eventType"] == "ActivityTaskCancelRequested"
                                && v.get("activityId") == Some(&json!(a.activity_id))
                                && e["eventId"].as_i64() > scheduled.as_i64()
                                && a.outcome
                                    .as_ref()
                                    .is_none_or(|o| e["eventId"].as_i64() < o["eventId"].as_i64()))
                    })
                })
                .cloned()
                .collect()
        })
    }

    /// How many pollers wait on a task list.
    pub(crate) fn waiting_pollers(&self, kind: Kind, domain: &str, task_list: &str) -> usize {
        self.read(|st| {
            st.queues
                .get(&(kind, domain.to_owned(), task_list.to_owned()))
                .map_or(0, |q| {
                    q.waiters.iter().filter(|w| !w.tx.is_closed()).count()
                })
        })
    }

    /// How many tasks wait for a poller on a task list.
    pub(crate) fn pending_tasks(&self, kind: Kind, domain: &str, task_list: &str) -> usize {
        self.read(|st| st.pending_count(kind, domain, task_list))
    }
}
