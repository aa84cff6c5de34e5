#!/usr/bin/env python3
"""A boto3 decider scenario: the decider side of Amazon SWF, step by step, as a Java or Python
team's decider drives it, with every step's history asserted against the SWF API reference.

    python decider_scenario.py --endpoint http://127.0.0.1:PORT --target swf-local --second-ms 20
    python decider_scenario.py --endpoint http://127.0.0.1:PORT --target moto

`.ci/scenario.sh` runs it against `swf-local` (started with `--second-ms 20
--max-poll-wait-secs 2`, signatures checked) and against moto's `moto_server`.

Each step registers what it needs, starts executions, acts as decider (and activity worker)
through `poll_for_decision_task` / `respond_decision_task_completed` / `poll_for_activity_task`
/ `respond_activity_task_*`, then reads `get_workflow_execution_history` (every page) and checks
event types, order and the attributes SWF documents (the API reference's
`...EventAttributes` pages, botocore's SWF service model `swf/2012-01-25/service-2.json`).
Every check has an id; a failed check names the step, the id, what SWF documents and the
history.

Against moto: a step moto does not implement at all is skipped and listed (STEPS, `moto`
column). For the others, a check moto fails must be listed in KNOWN_DIFFERENCES under its step;
the run fails if a listed difference no longer occurs (moto improved: compare directly) or an
unlisted one appears, as tests/tests/local_vs_moto.rs does. Against swf-local nothing is
excused: a failed check is a place where LocalSwf disagrees with SWF's documentation.

Standard library and boto3 only. No sleep is a synchronisation: every wait is a bounded loop on
a condition.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
from botocore.config import Config
from botocore.exceptions import ClientError

Event = dict[str, Any]
Decision = dict[str, Any]

# Where moto (5.2.5) records something other than what SWF documents, per step: check id -> what
# moto does instead. A listed difference that no longer occurs fails the run, as does an
# unlisted one.
KNOWN_DIFFERENCES: dict[str, dict[str, str]] = {
    "activity_completed_and_failed": {
        "started-tag-list": "WorkflowExecutionStarted has no tagList",
        "scheduled-default-timeouts": "ActivityTaskScheduled of a decision that gives no timeouts "
        "records none: moto records only what the decision said, not the type's registered "
        "defaults the task runs with",
        "scheduled-default-priority": "ActivityTaskScheduled records no taskPriority when the "
        "decision gives none (SWF records the registered defaultTaskPriority)",
        "one-decision-task-at-a-time": "a second DecisionTaskScheduled is recorded when an activity "
        "fails although the one scheduled for the first completion has not started yet",
    },
    "signal_api": {
        "signal-without-input": "SignalWorkflowExecution without input answers a server error "
        "(500, KeyError 'input'): moto reads the optional input as required",
        "task-has-signals": "(so the decision task has only the signal that carried input)",
        "one-decision-task-at-a-time": "(so the history has only that signal)",
        "signal-attributes": "(so the history has only that signal)",
    },
    "decision_task_timeout": {
        "stale-token": "RespondDecisionTaskCompleted with the timed-out task's token answers a "
        "server error (500), not UnknownResourceFault",
    },
    "timers": {
        "timer-canceled-event": "CancelTimer records an event of type 'TimerCancelled' (SWF: "
        "TimerCanceled)",
        "cancel-timer-failed-timer-id": "CancelTimerFailed has no timerId (required by "
        "CancelTimerFailedEventAttributes)",
        "decision-task-after-failed-decision": "StartTimerFailed / CancelTimerFailed schedule no "
        "decision task, so the decider only hears of them with the next event",
    },
    "unhandled_decision": {
        "complete-unhandled": "CompleteWorkflowExecution closes the execution although a signal "
        "arrived while the decision task ran (SWF: CompleteWorkflowExecutionFailed "
        "UNHANDLED_DECISION)",
        "complete-still-open": "the execution is closed by that CompleteWorkflowExecution",
        "fail-unhandled": "FailWorkflowExecution closes the execution although a signal arrived "
        "while the decision task ran (SWF: FailWorkflowExecutionFailed UNHANDLED_DECISION)",
        "fail-still-open": "the execution is closed by that FailWorkflowExecution",
    },
    "bad_input": {
        "missing-member": "a request without the required domain answers a server error (500), "
        "not ValidationException",
        "two-missing-members": "a request without two required members answers a server error "
        "(500), not ValidationException",
        "too-long-member": "a domain name over 256 characters is not length-checked: "
        "UnknownResourceFault 'Unknown domain'",
        "invalid-enum": "RegisterWorkflowType with defaultChildPolicy BOGUS succeeds (no enum "
        "check)",
        "unknown-operation": "an unknown operation answers a server error (500 HTML page)",
        "not-json": "a body that is not JSON answers a server error (500 HTML page)",
    },
    "bad_signature": {
        "wrong-secret-refused": "moto accepts any signature (it checks only after "
        "INITIAL_NO_AUTH_ACTION_COUNT requests, for IAM users it knows)",
    },
}


# --------------------------------------------------------------------------------------------
# Checks


@dataclass
class Failure:
    step: str
    check: str
    message: str


class StepAbort(Exception):
    """A step cannot go on (a required task or event never came)."""


@dataclass
class Context:
    swf: Any
    raw_swf: Any  # parameter validation off: sends what boto3 would refuse
    endpoint: str
    target: str
    second_ms: int
    region: str
    access_key_id: str
    secret_access_key: str
    domain: str
    step: str = ""
    failures: list[Failure] = field(default_factory=list)
    _shown: set[tuple[str, str]] = field(default_factory=set)

    # -- checks ---------------------------------------------------------------------------

    def check(self, cid: str, actual: Any, expected: Any, doc: str,
              events: list[Event] | None = None) -> bool:
        """Records a failure unless actual == expected. `doc` says what SWF documents."""
        if actual == expected:
            return True
        self.fail(cid, f"{doc}\n    expected: {expected!r}\n    actual:   {actual!r}", events)
        return False

    def check_true(self, cid: str, condition: bool, doc: str,
                   events: list[Event] | None = None, detail: str = "") -> bool:
        if condition:
            return True
        self.fail(cid, doc + (f"\n    {detail}" if detail else ""), events)
        return False

    def fail(self, cid: str, message: str, events: list[Event] | None = None) -> None:
        if events is not None:
            shown = show_history(events)
            if (self.step, shown) in self._shown:
                message += "\n    history: as shown above"
            else:
                self._shown.add((self.step, shown))
                message += "\n    history:\n" + shown
        self.failures.append(Failure(self.step, cid, message))

    # -- SWF calls --------------------------------------------------------------------------

    def history(self, execution: dict[str, str]) -> list[Event]:
        """The whole history, every page."""
        events: list[Event] = []
        token: str | None = None
        while True:
            kwargs: dict[str, Any] = {"domain": self.domain, "execution": execution,
                                      "maximumPageSize": 100}
            if token:
                kwargs["nextPageToken"] = token
            page = self.swf.get_workflow_execution_history(**kwargs)
            events.extend(page["events"])
            token = page.get("nextPageToken")
            if not token:
                return events

    def describe(self, execution: dict[str, str]) -> dict[str, Any]:
        """DescribeWorkflowExecution; if the target refuses it, an executionInfo whose every
        member says so (the checks that read it fail, the step goes on)."""
        try:
            return self.swf.describe_workflow_execution(domain=self.domain, execution=execution)
        except ClientError as err:
            return {"executionInfo": Unanswered(f"<DescribeWorkflowExecution: {error_code(err)}>")}

    def start(self, workflow_type: dict[str, str], workflow_id: str, **kwargs: Any
              ) -> dict[str, str]:
        run = self.swf.start_workflow_execution(domain=self.domain, workflowId=workflow_id,
                                                workflowType=workflow_type, **kwargs)
        return {"workflowId": workflow_id, "runId": run["runId"]}

    def poll_decision(self, task_list: str, within: float = 20.0) -> dict[str, Any]:
        """The next decision task on `task_list` (every page of its events), polling until
        `within` seconds have passed."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            task = self.swf.poll_for_decision_task(domain=self.domain,
                                                   taskList={"name": task_list},
                                                   identity="scenario-decider",
                                                   maximumPageSize=100)
            if not task.get("taskToken"):
                continue
            events = list(task["events"])
            token = task.get("nextPageToken")
            while token:
                page = self.swf.poll_for_decision_task(domain=self.domain,
                                                       taskList={"name": task_list},
                                                       identity="scenario-decider",
                                                       maximumPageSize=100,
                                                       nextPageToken=token)
                events.extend(page["events"])
                token = page.get("nextPageToken")
            task["events"] = events
            return task
        raise StepAbort(f"no decision task on {task_list} within {within} s")

    def poll_activity(self, task_list: str, within: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            task = self.swf.poll_for_activity_task(domain=self.domain,
                                                   taskList={"name": task_list},
                                                   identity="scenario-worker")
            if task.get("taskToken"):
                return task
        raise StepAbort(f"no activity task on {task_list} within {within} s")

    def decide(self, task: dict[str, Any], decisions: list[Decision],
               context: str | None = None) -> None:
        kwargs: dict[str, Any] = {"taskToken": task["taskToken"], "decisions": decisions}
        if context is not None:
            kwargs["executionContext"] = context
        self.swf.respond_decision_task_completed(**kwargs)

    def wait_history(self, execution: dict[str, str], done: Callable[[list[Event]], bool],
                     what: str, within: float = 20.0) -> list[Event]:
        """Reads the history (and describes the execution, which makes moto process its
        timeouts) until `done` holds, for at most `within` seconds."""
        deadline = time.monotonic() + within
        while True:
            if self.target == "moto":
                self.describe(execution)
            events = self.history(execution)
            if done(events):
                return events
            if time.monotonic() > deadline:
                raise StepAbort(f"{what}: not within {within} s\n" + show_history(events))
            time.sleep(0.05)

    def swf_seconds(self, real_ms: int) -> int:
        """The SWF seconds that last about `real_ms` real milliseconds (at least 1)."""
        return max(1, round(real_ms / self.second_ms))


class Unanswered(dict):  # type: ignore[type-arg]
    """Stands for an answer the target refused: every member is the refusal."""

    def __init__(self, refusal: str) -> None:
        super().__init__()
        self.refusal = refusal

    def get(self, key: Any, default: Any = None) -> Any:
        return self.refusal

    def __missing__(self, key: Any) -> Any:
        return self.refusal


def attrs(event: Event) -> dict[str, Any]:
    """The event's one `...EventAttributes` member."""
    for key, value in event.items():
        if key.endswith("EventAttributes"):
            return value
    return {}


def types(events: list[Event]) -> list[str]:
    return [e["eventType"] for e in events]


def show_history(events: list[Event]) -> str:
    lines = []
    for e in events:
        shown = json.dumps(attrs(e), default=str, sort_keys=True)
        if len(shown) > 300:
            shown = shown[:300] + "..."
        lines.append(f"      {e['eventId']:>3} {e['eventType']} {shown}")
    return "\n".join(lines)


def find(events: list[Event], event_type: str, **match: Any) -> list[Event]:
    """The events of `event_type` whose attributes have the given values."""
    return [e for e in events if e["eventType"] == event_type
            and all(attrs(e).get(k) == v for k, v in match.items())]


def one(events: list[Event], event_type: str, **match: Any) -> Event:
    """The single event of `event_type` matching; an empty event if none or several (the
    check that looks at it then fails and shows the history)."""
    found = find(events, event_type, **match)
    return found[0] if len(found) == 1 else {"eventId": -1, "eventType": f"<no single {event_type}>"}


def after(events: list[Event], event: Event) -> list[Event]:
    return [e for e in events if e["eventId"] > event["eventId"]]


def reaches_decider(events: list[Event], event: Event) -> bool:
    """Whether a decision task will carry `event`: one is scheduled after it, or the one
    scheduled before it had not started yet (SWF keeps one decision task open at a time)."""
    if event.get("eventId", -1) < 0:
        return False
    if find(after(events, event), "DecisionTaskScheduled"):
        return True
    before = [e for e in events if e["eventId"] < event["eventId"]
              and e["eventType"] in ("DecisionTaskScheduled", "DecisionTaskStarted")]
    return bool(before) and before[-1]["eventType"] == "DecisionTaskScheduled"


def millis(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() * 1000.0


def decision(kind: str, **attributes: Any) -> Decision:
    key = kind[0].lower() + kind[1:] + "DecisionAttributes"
    return {"decisionType": kind, key: attributes}


def error_code(err: ClientError) -> str:
    return err.response.get("Error", {}).get("Code", "")


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# --------------------------------------------------------------------------------------------
# Registration shared by the steps

ACTIVITY = {"name": "Charge", "version": "1"}
ACTIVITY_NO_DEFAULTS = {"name": "ChargeNoDefaults", "version": "1"}
ACTIVITY_DEPRECATED = {"name": "ChargeDeprecated", "version": "1"}
WORKFLOW = {"name": "Order", "version": "1"}
WORKFLOW_NO_DEFAULTS = {"name": "OrderNoDefaults", "version": "1"}
WORKFLOW_DEPRECATED = {"name": "OrderDeprecated", "version": "1"}
DEFAULT_DECISIONS = "default-deciders"
DEFAULT_ACTIVITIES = "default-activities"


def register(ctx: Context) -> None:
    swf = ctx.swf
    swf.register_domain(name=ctx.domain, workflowExecutionRetentionPeriodInDays="1")
    swf.register_activity_type(
        domain=ctx.domain, **ACTIVITY, defaultTaskList={"name": DEFAULT_ACTIVITIES},
        defaultTaskPriority="0", defaultTaskScheduleToStartTimeout="300",
        defaultTaskStartToCloseTimeout="200", defaultTaskScheduleToCloseTimeout="600",
        defaultTaskHeartbeatTimeout="60")
    swf.register_activity_type(domain=ctx.domain, **ACTIVITY_NO_DEFAULTS)
    swf.register_activity_type(
        domain=ctx.domain, **ACTIVITY_DEPRECATED, defaultTaskList={"name": DEFAULT_ACTIVITIES},
        defaultTaskScheduleToStartTimeout="300", defaultTaskStartToCloseTimeout="300",
        defaultTaskScheduleToCloseTimeout="600", defaultTaskHeartbeatTimeout="60")
    swf.register_workflow_type(
        domain=ctx.domain, **WORKFLOW, defaultTaskList={"name": DEFAULT_DECISIONS},
        defaultTaskStartToCloseTimeout="600", defaultExecutionStartToCloseTimeout="3600",
        defaultChildPolicy="TERMINATE")
    swf.register_workflow_type(domain=ctx.domain, **WORKFLOW_NO_DEFAULTS)
    swf.register_workflow_type(
        domain=ctx.domain, **WORKFLOW_DEPRECATED, defaultTaskList={"name": DEFAULT_DECISIONS},
        defaultTaskStartToCloseTimeout="600", defaultExecutionStartToCloseTimeout="3600",
        defaultChildPolicy="TERMINATE")
    # The deprecated types the ..._TYPE_DEPRECATED causes need; a target without the
    # operations fails those checks (and says so here) rather than the whole run.
    for call, kwargs in ((swf.deprecate_activity_type, {"activityType": ACTIVITY_DEPRECATED}),
                         (swf.deprecate_workflow_type, {"workflowType": WORKFLOW_DEPRECATED})):
        try:
            call(domain=ctx.domain, **kwargs)
        except ClientError as err:
            print(f"  note: {err.operation_name} failed ({error_code(err)}); the "
                  "..._TYPE_DEPRECATED checks cannot pass")


def start_own(ctx: Context, name: str, **kwargs: Any) -> tuple[dict[str, str], str]:
    """Starts an execution of WORKFLOW with its own decision task list; returns it and the list."""
    task_list = uid(f"{name}-decisions")
    execution = ctx.start(WORKFLOW, uid(name), taskList={"name": task_list}, **kwargs)
    return execution, task_list


# --------------------------------------------------------------------------------------------
# Steps


def step_activity_completed_and_failed(ctx: Context) -> None:
    """ScheduleActivityTask (every attribute given, and only the required ones), the worker
    completes one task and fails the other, CompleteWorkflowExecution."""
    activities = uid("pay")
    execution, decisions = start_own(ctx, "activity", input='{"order":42}',
                                     tagList=["scenario"])
    task = ctx.poll_decision(decisions)
    ctx.check("decision-task-execution", task["workflowExecution"], execution,
              "PollForDecisionTask: the task's workflowExecution is the started one")
    ctx.check("first-decision-task-events", types(task["events"]),
              ["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted"],
              "the first decision task carries WorkflowExecutionStarted, DecisionTaskScheduled, "
              "DecisionTaskStarted", task["events"])
    ctx.decide(task, [
        decision("ScheduleActivityTask", activityType=ACTIVITY, activityId="charge-1",
                 input='{"card":"1111"}', control="first", taskList={"name": activities},
                 taskPriority="5", scheduleToStartTimeout="100", startToCloseTimeout="200",
                 scheduleToCloseTimeout="300", heartbeatTimeout="NONE"),
        decision("ScheduleActivityTask", activityType=ACTIVITY, activityId="charge-2",
                 input='{"card":"4242"}', taskList={"name": activities}),
    ], context="scheduled two")
    first = ctx.poll_activity(activities)
    ctx.check("activity-task", (first["activityId"], first.get("input"), first["activityType"],
                                first["workflowExecution"]),
              ("charge-1", '{"card":"1111"}', ACTIVITY, execution),
              "PollForActivityTask hands out the first scheduled task with its input")
    ctx.swf.respond_activity_task_completed(taskToken=first["taskToken"], result="receipt-1111")
    second = ctx.poll_activity(activities)
    ctx.swf.respond_activity_task_failed(taskToken=second["taskToken"], reason="declined",
                                         details="card 4242")
    task = ctx.poll_decision(decisions)
    ctx.decide(task, [decision("CompleteWorkflowExecution", result="done")])

    events = ctx.history(execution)
    expected = ["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
                "DecisionTaskCompleted", "ActivityTaskScheduled", "ActivityTaskScheduled",
                "ActivityTaskStarted", "ActivityTaskCompleted", "DecisionTaskScheduled",
                "ActivityTaskStarted", "ActivityTaskFailed", "DecisionTaskStarted",
                "DecisionTaskCompleted", "WorkflowExecutionCompleted"]
    ctx.check("one-decision-task-at-a-time", types(events), expected,
              "Developer Guide (Developing Deciders): only one decision task open at a time; "
              "ActivityTaskFailed arrives while one is scheduled and not started, so no second "
              "DecisionTaskScheduled", events)
    started = one(events, "WorkflowExecutionStarted")
    a = attrs(started)
    ctx.check("started-attributes",
              (a.get("input"), a.get("taskList"), a.get("workflowType"), a.get("childPolicy"),
               a.get("executionStartToCloseTimeout"), a.get("taskStartToCloseTimeout")),
              ('{"order":42}', {"name": decisions}, WORKFLOW, "TERMINATE", "3600", "600"),
              "WorkflowExecutionStartedEventAttributes: input, taskList, workflowType and the "
              "type's defaults the execution runs with", events)
    ctx.check("started-tag-list", a.get("tagList"), ["scenario"],
              "WorkflowExecutionStartedEventAttributes.tagList: the tags it was started with",
              events)
    dts = find(events, "DecisionTaskScheduled")[0]
    dst = find(events, "DecisionTaskStarted")[0]
    dtc = find(events, "DecisionTaskCompleted")[0]
    ctx.check("decision-task-started", (attrs(dst).get("scheduledEventId"),
                                        attrs(dst).get("identity")),
              (dts["eventId"], "scenario-decider"),
              "DecisionTaskStartedEventAttributes: scheduledEventId and the poller's identity",
              events)
    ctx.check("decision-task-completed",
              (attrs(dtc).get("scheduledEventId"), attrs(dtc).get("startedEventId"),
               attrs(dtc).get("executionContext")),
              (dts["eventId"], dst["eventId"], "scheduled two"),
              "DecisionTaskCompletedEventAttributes: scheduledEventId, startedEventId, "
              "executionContext", events)
    s1 = one(events, "ActivityTaskScheduled", activityId="charge-1")
    ctx.check("scheduled-attributes", {k: attrs(s1).get(k) for k in (
        "activityType", "input", "control", "taskList", "taskPriority", "scheduleToStartTimeout",
        "startToCloseTimeout", "scheduleToCloseTimeout", "heartbeatTimeout",
        "decisionTaskCompletedEventId")},
        {"activityType": ACTIVITY, "input": '{"card":"1111"}', "control": "first",
         "taskList": {"name": activities}, "taskPriority": "5", "scheduleToStartTimeout": "100",
         "startToCloseTimeout": "200", "scheduleToCloseTimeout": "300", "heartbeatTimeout": "NONE",
         "decisionTaskCompletedEventId": dtc["eventId"]},
        "ActivityTaskScheduledEventAttributes: what the decision gave", events)
    s2 = one(events, "ActivityTaskScheduled", activityId="charge-2")
    ctx.check("scheduled-default-timeouts", {k: attrs(s2).get(k) for k in (
        "scheduleToStartTimeout", "startToCloseTimeout", "scheduleToCloseTimeout",
        "heartbeatTimeout")},
        {"scheduleToStartTimeout": "300", "startToCloseTimeout": "200",
         "scheduleToCloseTimeout": "600", "heartbeatTimeout": "60"},
        "ScheduleActivityTaskDecisionAttributes: a timeout the decision leaves out is the type's "
        "registered default; ActivityTaskScheduled records the timeouts the task runs with",
        events)
    ctx.check("scheduled-default-priority", attrs(s2).get("taskPriority"), "0",
              "ScheduleActivityTaskDecisionAttributes.taskPriority: if not specified, the default "
              "priority registered for the activity type is used", events)
    st1 = one(events, "ActivityTaskStarted", scheduledEventId=s1["eventId"])
    st2 = one(events, "ActivityTaskStarted", scheduledEventId=s2["eventId"])
    ctx.check("activity-started-identity", attrs(st1).get("identity"), "scenario-worker",
              "ActivityTaskStartedEventAttributes.identity: the worker's identity", events)
    done = one(events, "ActivityTaskCompleted")
    ctx.check("activity-completed", attrs(done), {"result": "receipt-1111",
                                                 "scheduledEventId": s1["eventId"],
                                                 "startedEventId": st1["eventId"]},
              "ActivityTaskCompletedEventAttributes: result, scheduledEventId, startedEventId",
              events)
    failed = one(events, "ActivityTaskFailed")
    ctx.check("activity-failed", attrs(failed), {"reason": "declined", "details": "card 4242",
                                                "scheduledEventId": s2["eventId"],
                                                "startedEventId": st2["eventId"]},
              "ActivityTaskFailedEventAttributes: reason, details, scheduledEventId, "
              "startedEventId", events)
    completed = one(events, "WorkflowExecutionCompleted")
    last_dtc = find(events, "DecisionTaskCompleted")[-1]
    ctx.check("workflow-completed", attrs(completed),
              {"result": "done", "decisionTaskCompletedEventId": last_dtc["eventId"]},
              "WorkflowExecutionCompletedEventAttributes: result, decisionTaskCompletedEventId",
              events)
    info = ctx.describe(execution)["executionInfo"]
    ctx.check("describe-closed", (info.get("executionStatus"), info.get("closeStatus")),
              ("CLOSED", "COMPLETED"), "DescribeWorkflowExecution after WorkflowExecutionCompleted")


def step_schedule_activity_failures(ctx: Context) -> None:
    """ScheduleActivityTaskFailed: ACTIVITY_ID_ALREADY_IN_USE, ACTIVITY_TYPE_DOES_NOT_EXIST,
    ACTIVITY_TYPE_DEPRECATED, DEFAULT_TASK_LIST_UNDEFINED and the DEFAULT_*_TIMEOUT_UNDEFINED
    causes; a new decision task follows."""
    activities = uid("fail")
    execution, decisions = start_own(ctx, "schedule-failures")
    task = ctx.poll_decision(decisions)
    timeouts = {"scheduleToStartTimeout": "60", "startToCloseTimeout": "60",
                "scheduleToCloseTimeout": "120", "heartbeatTimeout": "60"}

    def without(key: str) -> dict[str, str]:
        return {k: v for k, v in timeouts.items() if k != key}

    tl = {"name": activities}
    cases = [
        ("dup", ACTIVITY, {"taskList": tl}, None),
        ("dup", ACTIVITY, {"taskList": tl}, "ACTIVITY_ID_ALREADY_IN_USE"),
        ("unknown", {"name": "NoSuchActivity", "version": "9"}, {"taskList": tl},
         "ACTIVITY_TYPE_DOES_NOT_EXIST"),
        ("deprecated", ACTIVITY_DEPRECATED, {"taskList": tl}, "ACTIVITY_TYPE_DEPRECATED"),
        ("no-list", ACTIVITY_NO_DEFAULTS, dict(timeouts), "DEFAULT_TASK_LIST_UNDEFINED"),
        ("no-s2c", ACTIVITY_NO_DEFAULTS, {"taskList": tl, **without("scheduleToCloseTimeout")},
         "DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED"),
        ("no-s2s", ACTIVITY_NO_DEFAULTS, {"taskList": tl, **without("scheduleToStartTimeout")},
         "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED"),
        ("no-st2c", ACTIVITY_NO_DEFAULTS, {"taskList": tl, **without("startToCloseTimeout")},
         "DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED"),
        ("no-hb", ACTIVITY_NO_DEFAULTS, {"taskList": tl, **without("heartbeatTimeout")},
         "DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED"),
    ]
    ctx.decide(task, [decision("ScheduleActivityTask", activityType=t, activityId=i, **extra)
                      for i, t, extra, _ in cases])
    task = ctx.poll_decision(decisions)  # the decision task the failures scheduled
    events = ctx.history(execution)
    dtc = find(events, "DecisionTaskCompleted")[0]
    outcome = after(events, dtc)
    ctx.check("failure-events", types(outcome)[:len(cases) + 1],
              ["ActivityTaskScheduled"] + ["ScheduleActivityTaskFailed"] * (len(cases) - 1)
              + ["DecisionTaskScheduled"],
              "Decision (Decision Failure): a decision that cannot be carried out records its "
              "...Failed event; decisions are handled in order; a new decision task follows",
              events)
    failed = find(events, "ScheduleActivityTaskFailed")
    for (activity_id, activity_type, _, cause), event in zip(cases[1:], failed):
        ctx.check(f"cause-{cause}", attrs(event),
                  {"activityId": activity_id, "activityType": activity_type, "cause": cause,
                   "decisionTaskCompletedEventId": dtc["eventId"]},
                  "ScheduleActivityTaskFailedEventAttributes: activityId, activityType, cause, "
                  "decisionTaskCompletedEventId", events)
    ctx.decide(task, [decision("CompleteWorkflowExecution")])




def step_request_cancel_activity(ctx: Context) -> None:
    """RequestCancelActivityTask of a started task (the worker hears cancelRequested and answers
    RespondActivityTaskCanceled), of a scheduled task no worker took (canceled at once), and of
    an unknown activity id (RequestCancelActivityTaskFailed ACTIVITY_ID_UNKNOWN)."""
    taken, untaken = uid("taken"), uid("untaken")
    execution, decisions = start_own(ctx, "cancel-activity")
    task = ctx.poll_decision(decisions)
    ctx.decide(task, [
        decision("ScheduleActivityTask", activityType=ACTIVITY, activityId="a",
                 taskList={"name": taken}),
        decision("ScheduleActivityTask", activityType=ACTIVITY, activityId="b",
                 taskList={"name": untaken})])
    work = ctx.poll_activity(taken)
    ctx.swf.signal_workflow_execution(domain=ctx.domain, **execution, signalName="stop",
                                      input="now")
    task = ctx.poll_decision(decisions)
    ctx.decide(task, [decision("RequestCancelActivityTask", activityId="a"),
                      decision("RequestCancelActivityTask", activityId="b"),
                      decision("RequestCancelActivityTask", activityId="no-such-activity")])
    beat = ctx.swf.record_activity_task_heartbeat(taskToken=work["taskToken"])
    ctx.check("heartbeat-cancel-requested", beat.get("cancelRequested"), True,
              "Decision (RequestCancelActivityTask): a worker that has the task is told through "
              "RecordActivityTaskHeartbeat's cancelRequested")
    ctx.swf.respond_activity_task_canceled(taskToken=work["taskToken"], details="stopped")
    task = ctx.poll_decision(decisions)
    ctx.decide(task, [decision("CompleteWorkflowExecution")])

    events = ctx.history(execution)
    dtc = find(events, "DecisionTaskCompleted")[1]
    sched = {i: one(events, "ActivityTaskScheduled", activityId=i) for i in ("a", "b")}
    asked = {i: one(events, "ActivityTaskCancelRequested", activityId=i) for i in ("a", "b")}
    for i in ("a", "b"):
        ctx.check(f"cancel-requested-{i}", attrs(asked[i]),
                  {"activityId": i, "decisionTaskCompletedEventId": dtc["eventId"]},
                  "ActivityTaskCancelRequestedEventAttributes: activityId, "
                  "decisionTaskCompletedEventId", events)
    unknown = one(events, "RequestCancelActivityTaskFailed")
    ctx.check("cancel-failed-unknown-id", attrs(unknown),
              {"activityId": "no-such-activity", "cause": "ACTIVITY_ID_UNKNOWN",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "RequestCancelActivityTaskFailedEventAttributes: activityId, cause "
              "ACTIVITY_ID_UNKNOWN, decisionTaskCompletedEventId", events)
    canceled_b = one(events, "ActivityTaskCanceled", scheduledEventId=sched["b"]["eventId"])
    ctx.check("untaken-task-canceled",
              attrs(canceled_b).get("latestCancelRequestedEventId"), asked["b"]["eventId"],
              "Decision (RequestCancelActivityTask): a task scheduled but not assigned to a worker "
              "is canceled (ActivityTaskCanceled, latestCancelRequestedEventId)", events)
    ctx.check_true("untaken-canceled-after-request", canceled_b["eventId"] > asked["b"]["eventId"],
                   "ActivityTaskCanceled follows ActivityTaskCancelRequested", events)
    started_a = one(events, "ActivityTaskStarted", scheduledEventId=sched["a"]["eventId"])
    canceled_a = one(events, "ActivityTaskCanceled", scheduledEventId=sched["a"]["eventId"])
    ctx.check("taken-task-canceled", attrs(canceled_a),
              {"details": "stopped", "scheduledEventId": sched["a"]["eventId"],
               "startedEventId": started_a["eventId"],
               "latestCancelRequestedEventId": asked["a"]["eventId"]},
              "ActivityTaskCanceledEventAttributes: details, scheduledEventId, startedEventId, "
              "latestCancelRequestedEventId", events)
    ctx.check_true("decision-task-after-canceled",
                   reaches_decider(events, canceled_a),
                   "ActivityTaskCanceled schedules a decision task", events)
    ctx.check_true("decision-task-after-failed-decision",
                   reaches_decider(events, unknown),
                   "a failed decision schedules a decision task", events)
    ctx.check("closed", types(events)[-1], "WorkflowExecutionCompleted",
              "CompleteWorkflowExecution closes the execution", events)


def step_close_fail_and_cancel(ctx: Context) -> None:
    """FailWorkflowExecution and CancelWorkflowExecution close the execution."""
    failing, decisions = start_own(ctx, "fail")
    ctx.decide(ctx.poll_decision(decisions),
               [decision("FailWorkflowExecution", reason="out of stock", details="sku 7")])
    canceling, decisions_2 = start_own(ctx, "cancel")
    ctx.decide(ctx.poll_decision(decisions_2),
               [decision("CancelWorkflowExecution", details="customer left")])
    for execution, kind, expected, status in (
            (failing, "WorkflowExecutionFailed", {"reason": "out of stock", "details": "sku 7"},
             "FAILED"),
            (canceling, "WorkflowExecutionCanceled", {"details": "customer left"}, "CANCELED")):
        events = ctx.history(execution)
        ctx.check(f"{status.lower()}-events", types(events),
                  ["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
                   "DecisionTaskCompleted", kind], f"the decision records {kind}", events)
        dtc = one(events, "DecisionTaskCompleted")
        ctx.check(f"{status.lower()}-attributes", attrs(one(events, kind)),
                  {**expected, "decisionTaskCompletedEventId": dtc["eventId"]},
                  f"{kind}EventAttributes", events)
        info = ctx.describe(execution)["executionInfo"]
        ctx.check(f"{status.lower()}-close-status",
                  (info.get("executionStatus"), info.get("closeStatus")), ("CLOSED", status),
                  "WorkflowExecutionInfo.closeStatus")


def step_record_marker(ctx: Context) -> None:
    """RecordMarker records MarkerRecorded and schedules no decision task."""
    execution, decisions = start_own(ctx, "marker")
    ctx.decide(ctx.poll_decision(decisions), [
        decision("RecordMarker", markerName="checkpoint", details='{"step":3}'),
        decision("CompleteWorkflowExecution", result="ok")])
    events = ctx.history(execution)
    ctx.check("marker-events", types(events),
              ["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
               "DecisionTaskCompleted", "MarkerRecorded", "WorkflowExecutionCompleted"],
              "Decision: RecordMarker records a MarkerRecorded event", events)
    dtc = one(events, "DecisionTaskCompleted")
    ctx.check("marker-attributes", attrs(one(events, "MarkerRecorded")),
              {"markerName": "checkpoint", "details": '{"step":3}',
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "MarkerRecordedEventAttributes: markerName, details, decisionTaskCompletedEventId",
              events)


def step_timers(ctx: Context) -> None:
    """StartTimer fires on SWF's clock (TimerStarted -> TimerFired, not before), CancelTimer
    (TimerCanceled), StartTimerFailed TIMER_ID_ALREADY_IN_USE, CancelTimerFailed
    TIMER_ID_UNKNOWN."""
    seconds = ctx.swf_seconds(500)
    fire_ms = seconds * ctx.second_ms
    execution, decisions = start_own(ctx, "timers")
    ctx.decide(ctx.poll_decision(decisions), [
        decision("StartTimer", timerId="soon", startToFireTimeout=str(seconds), control="c1"),
        decision("StartTimer", timerId="late", startToFireTimeout="3600"),
        decision("StartTimer", timerId="soon", startToFireTimeout="5"),
        decision("CancelTimer", timerId="no-such-timer")])
    # The decider: cancels "late" at its next decision task, completes once "soon" fired.
    canceled = completed = False
    deadline = time.monotonic() + 30
    while not completed and time.monotonic() < deadline:
        task = ctx.poll_decision(decisions, within=deadline - time.monotonic())
        out: list[Decision] = []
        if not canceled:
            out.append(decision("CancelTimer", timerId="late"))
            canceled = True
        if find(task["events"], "TimerFired", timerId="soon"):
            out.append(decision("CompleteWorkflowExecution"))
            completed = True
        ctx.decide(task, out)
    if not completed:
        raise StepAbort("the timer never fired")

    events = ctx.history(execution)
    first_dtc = find(events, "DecisionTaskCompleted")[0]
    ctx.check("decision-task-after-failed-decision", types(after(events, first_dtc))[:5],
              ["TimerStarted", "TimerStarted", "StartTimerFailed", "CancelTimerFailed",
               "DecisionTaskScheduled"],
              "Decision (Decision Failure): the failed decisions record their events and a "
              "decision task is scheduled for the decider to handle them", events)
    soon = one(events, "TimerStarted", timerId="soon")
    late = one(events, "TimerStarted", timerId="late")
    ctx.check("timer-started", attrs(soon),
              {"timerId": "soon", "control": "c1", "startToFireTimeout": str(seconds),
               "decisionTaskCompletedEventId": first_dtc["eventId"]},
              "TimerStartedEventAttributes: timerId, control, startToFireTimeout, "
              "decisionTaskCompletedEventId", events)
    ctx.check("start-timer-failed", attrs(one(events, "StartTimerFailed")),
              {"timerId": "soon", "cause": "TIMER_ID_ALREADY_IN_USE",
               "decisionTaskCompletedEventId": first_dtc["eventId"]},
              "StartTimerFailedEventAttributes: a timer id already in use", events)
    cancel_failed = attrs(one(events, "CancelTimerFailed"))
    ctx.check("cancel-timer-failed", (cancel_failed.get("cause"),
                                      cancel_failed.get("decisionTaskCompletedEventId")),
              ("TIMER_ID_UNKNOWN", first_dtc["eventId"]),
              "CancelTimerFailedEventAttributes: cause TIMER_ID_UNKNOWN", events)
    ctx.check("cancel-timer-failed-timer-id", cancel_failed.get("timerId"), "no-such-timer",
              "CancelTimerFailedEventAttributes.timerId (required)", events)
    fired = one(events, "TimerFired", timerId="soon")
    ctx.check("timer-fired", attrs(fired), {"timerId": "soon", "startedEventId": soon["eventId"]},
              "TimerFiredEventAttributes: timerId, startedEventId", events)
    if fired["eventId"] > 0 and soon["eventId"] > 0:
        waited = millis(soon["eventTimestamp"], fired["eventTimestamp"])
        ctx.check_true("timer-not-early", waited >= fire_ms - 5,
                       f"a timer of {seconds} s fires after {seconds} SWF seconds "
                       f"({fire_ms} ms at --second-ms {ctx.second_ms}), not before", events,
                       f"fired {waited:.0f} ms after TimerStarted")
        ctx.check_true("timer-on-time", waited <= fire_ms + 1500,
                       f"a timer of {seconds} s fires about {fire_ms} ms after it started",
                       events, f"fired {waited:.0f} ms after TimerStarted")
    ctx.check_true("decision-task-after-fired",
                   reaches_decider(events, fired),
                   "TimerFired schedules a decision task", events)
    dtc_2 = find(events, "DecisionTaskCompleted")[1]
    ctx.check("timer-canceled-event", attrs(one(events, "TimerCanceled")),
              {"timerId": "late", "startedEventId": late["eventId"],
               "decisionTaskCompletedEventId": dtc_2["eventId"]},
              "Decision: CancelTimer records TimerCanceled (TimerCanceledEventAttributes: "
              "timerId, startedEventId, decisionTaskCompletedEventId)", events)
    ctx.check("late-timer-never-fires", find(events, "TimerFired", timerId="late"), [],
              "a canceled timer does not fire", events)


def step_signal_api(ctx: Context) -> None:
    """SignalWorkflowExecution records WorkflowExecutionSignaled (with and without runId) and
    schedules one decision task; signaling a closed execution is UnknownResourceFault."""
    execution, decisions = start_own(ctx, "signal")
    ctx.decide(ctx.poll_decision(decisions), [])
    ctx.swf.signal_workflow_execution(domain=ctx.domain, **execution, signalName="approve",
                                      input='{"by":"ann"}')
    try:
        ctx.swf.signal_workflow_execution(domain=ctx.domain, workflowId=execution["workflowId"],
                                          signalName="nudge")
    except ClientError as err:
        ctx.fail("signal-without-input", "SignalWorkflowExecution: input is optional; a signal "
                 f"without input and runId was refused: {err}")
    task = ctx.poll_decision(decisions)
    ctx.check("task-has-signals", [attrs(e).get("signalName")
                                   for e in find(task["events"], "WorkflowExecutionSignaled")],
              ["approve", "nudge"], "the decision task carries both signals", task["events"])
    ctx.decide(task, [decision("CompleteWorkflowExecution", result="approved")])
    events = ctx.history(execution)
    ctx.check("one-decision-task-at-a-time", types(events),
              ["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
               "DecisionTaskCompleted", "WorkflowExecutionSignaled", "DecisionTaskScheduled",
               "WorkflowExecutionSignaled", "DecisionTaskStarted", "DecisionTaskCompleted",
               "WorkflowExecutionCompleted"],
              "SignalWorkflowExecution records WorkflowExecutionSignaled and creates a decision "
              "task; only one decision task is open at a time (Developer Guide), so the second "
              "signal schedules none", events)
    signals = find(events, "WorkflowExecutionSignaled")
    ctx.check("signal-attributes", [attrs(e) for e in signals],
              [{"signalName": "approve", "input": '{"by":"ann"}'}, {"signalName": "nudge"}],
              "WorkflowExecutionSignaledEventAttributes: signalName, input; no "
              "externalWorkflowExecution for a signal sent through the API", events)
    try:
        ctx.swf.signal_workflow_execution(domain=ctx.domain, **execution, signalName="late",
                                          input="too late")
        ctx.fail("signal-closed", "SignalWorkflowExecution: a closed execution fails with "
                                  "UnknownResourceFault; the signal was accepted")
    except ClientError as err:
        ctx.check("signal-closed", error_code(err), "UnknownResourceFault",
                  "SignalWorkflowExecution: if the execution isn't open, UnknownResource")


def step_signal_external(ctx: Context) -> None:
    """SignalExternalWorkflowExecution: SignalExternalWorkflowExecutionInitiated then
    ExternalWorkflowExecutionSignaled in the sender, WorkflowExecutionSignaled (with the sender)
    in the receiver; an unknown target: SignalExternalWorkflowExecutionFailed
    UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION."""
    receiver, receiver_list = start_own(ctx, "receiver")
    ctx.decide(ctx.poll_decision(receiver_list), [])
    sender, sender_list = start_own(ctx, "sender")
    ctx.decide(ctx.poll_decision(sender_list), [
        decision("SignalExternalWorkflowExecution", workflowId=receiver["workflowId"],
                 runId=receiver["runId"], signalName="hello", input="from sender", control="c1"),
        decision("SignalExternalWorkflowExecution", workflowId="no-such-workflow",
                 signalName="hello", control="c2")])
    events = ctx.wait_history(
        sender, lambda ev: bool(find(ev, "ExternalWorkflowExecutionSignaled"))
        and bool(find(ev, "SignalExternalWorkflowExecutionFailed")),
        "the sender hears of both signals")
    dtc = find(events, "DecisionTaskCompleted")[0]
    to_receiver = one(events, "SignalExternalWorkflowExecutionInitiated",
                      workflowId=receiver["workflowId"])
    ctx.check("initiated", attrs(to_receiver),
              {"workflowId": receiver["workflowId"], "runId": receiver["runId"],
               "signalName": "hello", "input": "from sender", "control": "c1",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "SignalExternalWorkflowExecutionInitiatedEventAttributes", events)
    ctx.check("external-signaled", attrs(one(events, "ExternalWorkflowExecutionSignaled")),
              {"workflowExecution": receiver, "initiatedEventId": to_receiver["eventId"]},
              "ExternalWorkflowExecutionSignaledEventAttributes: workflowExecution, "
              "initiatedEventId", events)
    to_nobody = one(events, "SignalExternalWorkflowExecutionInitiated",
                    workflowId="no-such-workflow")
    ctx.check("signal-failed", attrs(one(events, "SignalExternalWorkflowExecutionFailed")),
              {"workflowId": "no-such-workflow", "cause": "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION",
               "initiatedEventId": to_nobody["eventId"], "control": "c2",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "SignalExternalWorkflowExecutionFailedEventAttributes: workflowId, cause, "
              "initiatedEventId (the Initiated event), control, decisionTaskCompletedEventId",
              events)
    ctx.check_true("sender-decision-task", reaches_decider(events, dtc),
                   "the outcome of the signals schedules a decision task in the sender", events)
    got = ctx.wait_history(receiver, lambda ev: bool(find(ev, "WorkflowExecutionSignaled")),
                           "the receiver gets the signal")
    signaled = one(got, "WorkflowExecutionSignaled")
    ctx.check("receiver-signaled", attrs(signaled),
              {"signalName": "hello", "input": "from sender", "externalWorkflowExecution": sender,
               "externalInitiatedEventId": to_receiver["eventId"]},
              "WorkflowExecutionSignaledEventAttributes: signalName, input, "
              "externalWorkflowExecution, externalInitiatedEventId", got)
    ctx.check_true("receiver-decision-task",
                   reaches_decider(got, signaled),
                   "the signal schedules a decision task in the receiver", got)
    ctx.decide(ctx.poll_decision(receiver_list), [decision("CompleteWorkflowExecution")])
    ctx.decide(ctx.poll_decision(sender_list), [decision("CompleteWorkflowExecution")])


def step_cancel_requests(ctx: Context) -> None:
    """RequestCancelExternalWorkflowExecution (Initiated, ExternalWorkflowExecutionCancelRequested;
    the target gets WorkflowExecutionCancelRequested and cancels; an unknown target:
    RequestCancelExternalWorkflowExecutionFailed UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION) and the
    RequestCancelWorkflowExecution operation."""
    target, target_list = start_own(ctx, "cancel-target")
    ctx.decide(ctx.poll_decision(target_list), [])
    asker, asker_list = start_own(ctx, "cancel-asker")
    ctx.decide(ctx.poll_decision(asker_list), [
        decision("RequestCancelExternalWorkflowExecution", workflowId=target["workflowId"],
                 runId=target["runId"], control="c1"),
        decision("RequestCancelExternalWorkflowExecution", workflowId="no-such-workflow",
                 control="c2")])
    events = ctx.wait_history(
        asker, lambda ev: bool(find(ev, "ExternalWorkflowExecutionCancelRequested"))
        and bool(find(ev, "RequestCancelExternalWorkflowExecutionFailed")),
        "the asker hears of both requests")
    dtc = find(events, "DecisionTaskCompleted")[0]
    to_target = one(events, "RequestCancelExternalWorkflowExecutionInitiated",
                    workflowId=target["workflowId"])
    ctx.check("initiated", attrs(to_target),
              {"workflowId": target["workflowId"], "runId": target["runId"], "control": "c1",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "RequestCancelExternalWorkflowExecutionInitiatedEventAttributes", events)
    ctx.check("external-cancel-requested",
              attrs(one(events, "ExternalWorkflowExecutionCancelRequested")),
              {"workflowExecution": target, "initiatedEventId": to_target["eventId"]},
              "ExternalWorkflowExecutionCancelRequestedEventAttributes", events)
    to_nobody = one(events, "RequestCancelExternalWorkflowExecutionInitiated",
                    workflowId="no-such-workflow")
    ctx.check("cancel-failed",
              attrs(one(events, "RequestCancelExternalWorkflowExecutionFailed")),
              {"workflowId": "no-such-workflow", "cause": "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION",
               "initiatedEventId": to_nobody["eventId"], "control": "c2",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "RequestCancelExternalWorkflowExecutionFailedEventAttributes", events)
    got = ctx.wait_history(target, lambda ev: bool(find(ev, "WorkflowExecutionCancelRequested")),
                           "the target gets the cancel request")
    asked = one(got, "WorkflowExecutionCancelRequested")
    ctx.check("target-cancel-requested", attrs(asked),
              {"externalWorkflowExecution": asker,
               "externalInitiatedEventId": to_target["eventId"]},
              "WorkflowExecutionCancelRequestedEventAttributes: externalWorkflowExecution, "
              "externalInitiatedEventId; no cause (not a child policy)", got)
    ctx.check_true("target-decision-task", reaches_decider(got, asked),
                   "the cancel request schedules a decision task", got)
    ctx.check("target-cancel-requested-flag",
              ctx.describe(target)["executionInfo"].get("cancelRequested"), True,
              "WorkflowExecutionInfo.cancelRequested: set once a cancellation is requested")
    ctx.decide(ctx.poll_decision(target_list),
               [decision("CancelWorkflowExecution", details="as asked")])
    ctx.check("target-canceled", types(ctx.history(target))[-1], "WorkflowExecutionCanceled",
              "the target's decider cancels it", None)
    ctx.decide(ctx.poll_decision(asker_list), [decision("CompleteWorkflowExecution")])

    # The operation, without runId: the current run.
    other, other_list = start_own(ctx, "cancel-api")
    ctx.decide(ctx.poll_decision(other_list), [])
    ctx.swf.request_cancel_workflow_execution(domain=ctx.domain, workflowId=other["workflowId"])
    events = ctx.history(other)
    ctx.check("api-cancel-requested", types(events)[-2:],
              ["WorkflowExecutionCancelRequested", "DecisionTaskScheduled"],
              "RequestCancelWorkflowExecution records WorkflowExecutionCancelRequested; the "
              "decider gets a decision task", events)
    ctx.check("api-cancel-requested-attributes",
              attrs(one(events, "WorkflowExecutionCancelRequested")), {},
              "WorkflowExecutionCancelRequestedEventAttributes: no external execution, no cause",
              events)
    ctx.decide(ctx.poll_decision(other_list), [decision("CancelWorkflowExecution")])


def step_unhandled_decision(ctx: Context) -> None:
    """A close decision (complete, fail, cancel) while a signal arrived during the decision task
    fails with UNHANDLED_DECISION; the execution stays open and the decider gets a new task."""
    for kind, close in (("complete", decision("CompleteWorkflowExecution", result="r")),
                        ("fail", decision("FailWorkflowExecution", reason="r")),
                        ("cancel", decision("CancelWorkflowExecution", details="d"))):
        execution, decisions = start_own(ctx, f"unhandled-{kind}")
        task = ctx.poll_decision(decisions)
        ctx.swf.signal_workflow_execution(domain=ctx.domain, **execution, signalName="late-news",
                                          input="news")
        ctx.decide(task, [close])
        events = ctx.history(execution)
        dtc = one(events, "DecisionTaskCompleted")
        failed_type = close["decisionType"] + "Failed"
        ctx.check(f"{kind}-unhandled", attrs(one(events, failed_type)),
                  {"cause": "UNHANDLED_DECISION", "decisionTaskCompletedEventId": dtc["eventId"]},
                  f"Decision (Decision Failure): a closing decision while a signal was added "
                  f"during the decision task fails; {failed_type}EventAttributes cause "
                  f"UNHANDLED_DECISION", events)
        closing = [t for t in types(events) if t.startswith("WorkflowExecution")
                   and t not in ("WorkflowExecutionStarted", "WorkflowExecutionSignaled")]
        if not ctx.check(f"{kind}-still-open", closing, [],
                         "the failed close decision leaves the execution open", events):
            continue
        signal = one(events, "WorkflowExecutionSignaled")
        ctx.check("decision-task-after-signal",
                  len(find(after(events, signal), "DecisionTaskScheduled")), 1,
                  "the signal gets the decider a (single) new decision task", events)
        task = ctx.poll_decision(decisions)
        ctx.check(f"{kind}-new-task-has-signal",
                  bool(find(task["events"], "WorkflowExecutionSignaled")), True,
                  "the new decision task carries the signal", task["events"])
        ctx.decide(task, [decision("CompleteWorkflowExecution")])
        ctx.check(f"{kind}-then-completed", types(ctx.history(execution))[-1],
                  "WorkflowExecutionCompleted", "the decider then completes it")


def step_continue_as_new(ctx: Context) -> None:
    """ContinueAsNewWorkflowExecutionFailed (WORKFLOW_TYPE_DOES_NOT_EXIST), then
    WorkflowExecutionContinuedAsNew and a new run with continuedExecutionRunId."""
    execution, decisions = start_own(ctx, "continue", input="gen-1")
    ctx.decide(ctx.poll_decision(decisions), [
        decision("ContinueAsNewWorkflowExecution", workflowTypeVersion="no-such-version")])
    events = ctx.history(execution)
    dtc = one(events, "DecisionTaskCompleted")
    ctx.check("continue-failed", attrs(one(events, "ContinueAsNewWorkflowExecutionFailed")),
              {"cause": "WORKFLOW_TYPE_DOES_NOT_EXIST",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "ContinueAsNewWorkflowExecutionFailedEventAttributes: a workflow type version "
              "that does not exist", events)
    next_list = uid("gen-2-decisions")
    ctx.decide(ctx.poll_decision(decisions), [
        decision("ContinueAsNewWorkflowExecution", input="gen-2", taskList={"name": next_list},
                 executionStartToCloseTimeout="1800", taskStartToCloseTimeout="300",
                 childPolicy="ABANDON", tagList=["gen-2"])])
    events = ctx.history(execution)
    dtc = find(events, "DecisionTaskCompleted")[-1]
    continued = one(events, "WorkflowExecutionContinuedAsNew")
    new_run = attrs(continued).get("newExecutionRunId", "")
    ctx.check("continued", {k: v for k, v in attrs(continued).items()
                            if k != "newExecutionRunId"},
              {"input": "gen-2", "decisionTaskCompletedEventId": dtc["eventId"],
               "executionStartToCloseTimeout": "1800", "taskList": {"name": next_list},
               "taskStartToCloseTimeout": "300", "childPolicy": "ABANDON", "tagList": ["gen-2"],
               "workflowType": WORKFLOW},
              "WorkflowExecutionContinuedAsNewEventAttributes", events)
    ctx.check_true("new-run-id", bool(new_run) and new_run != execution["runId"],
                   "newExecutionRunId: the new run's id", events)
    ctx.check("old-run-closed", ctx.describe(execution)["executionInfo"].get("closeStatus"),
              "CONTINUED_AS_NEW", "WorkflowExecutionInfo.closeStatus of the continued run")
    if not new_run:
        return
    new = {"workflowId": execution["workflowId"], "runId": new_run}
    new_events = ctx.history(new)
    ctx.check("new-run-events", types(new_events)[:2],
              ["WorkflowExecutionStarted", "DecisionTaskScheduled"],
              "the new run starts as an execution does", new_events)
    ctx.check("new-run-started", {k: attrs(new_events[0]).get(k) for k in (
        "continuedExecutionRunId", "input", "taskList", "childPolicy",
        "executionStartToCloseTimeout", "taskStartToCloseTimeout", "tagList", "workflowType")},
        {"continuedExecutionRunId": execution["runId"], "input": "gen-2",
         "taskList": {"name": next_list}, "childPolicy": "ABANDON",
         "executionStartToCloseTimeout": "1800", "taskStartToCloseTimeout": "300",
         "tagList": ["gen-2"], "workflowType": WORKFLOW},
        "WorkflowExecutionStartedEventAttributes.continuedExecutionRunId: the run it continues",
        new_events)
    task = ctx.poll_decision(next_list)
    ctx.check("new-run-task", task["workflowExecution"], new,
              "the new run's decision task is on its task list")
    ctx.decide(task, [decision("CompleteWorkflowExecution")])


CHILD_OUTCOMES = {
    "ok": "ChildWorkflowExecutionCompleted",
    "fail": "ChildWorkflowExecutionFailed",
    "cancel": "ChildWorkflowExecutionCanceled",
    "term": "ChildWorkflowExecutionTerminated",
    "timeout": "ChildWorkflowExecutionTimedOut",
}


def step_child_outcomes(ctx: Context) -> None:
    """StartChildWorkflowExecution: Initiated -> ChildWorkflowExecutionStarted -> Completed,
    Failed, Canceled, Terminated, TimedOut in the parent; the child's WorkflowExecutionStarted
    names its parent."""
    parent, parent_list = start_own(ctx, "parent")
    lists = {k: uid(f"child-{k}") for k in CHILD_OUTCOMES}
    ids = {k: uid(f"child-{k}") for k in CHILD_OUTCOMES}
    timeout_s = ctx.swf_seconds(300)
    ctx.decide(ctx.poll_decision(parent_list), [
        decision("StartChildWorkflowExecution", workflowType=WORKFLOW, workflowId=ids[k],
                 input=f"in-{k}", control=f"ctl-{k}", taskList={"name": lists[k]},
                 executionStartToCloseTimeout=str(timeout_s) if k == "timeout" else "3600",
                 taskStartToCloseTimeout="600", childPolicy="TERMINATE", tagList=["child"])
        for k in CHILD_OUTCOMES])
    events = ctx.wait_history(
        parent, lambda ev: len(find(ev, "ChildWorkflowExecutionStarted")) == len(CHILD_OUTCOMES)
        or bool(find(ev, "StartChildWorkflowExecutionFailed")), "the children start")
    children: dict[str, dict[str, str]] = {}
    for k in CHILD_OUTCOMES:
        started = one(events, "ChildWorkflowExecutionStarted")
        started = next((e for e in find(events, "ChildWorkflowExecutionStarted")
                        if attrs(e)["workflowExecution"]["workflowId"] == ids[k]), started)
        children[k] = attrs(started).get("workflowExecution", {"workflowId": ids[k], "runId": ""})
    ok = ctx.poll_decision(lists["ok"])
    ctx.decide(ok, [decision("CompleteWorkflowExecution", result="child-result")])
    ctx.decide(ctx.poll_decision(lists["fail"]),
               [decision("FailWorkflowExecution", reason="child-reason", details="child-details")])
    ctx.decide(ctx.poll_decision(lists["cancel"]),
               [decision("CancelWorkflowExecution", details="child-cancel")])
    outcomes = dict(CHILD_OUTCOMES)
    try:
        ctx.swf.terminate_workflow_execution(domain=ctx.domain, **children["term"],
                                             reason="operator", details="stop it")
    except ClientError as err:
        # Without TerminateWorkflowExecution the other outcomes are still checked.
        ctx.fail("terminate-operation", f"TerminateWorkflowExecution refused: {err}")
        del outcomes["term"]
    # The parent's decider: no decisions until every child closed, then complete.
    deadline = time.monotonic() + 30
    while True:
        task = ctx.poll_decision(parent_list, within=max(1.0, deadline - time.monotonic()))
        if all(find(task["events"], outcome) for outcome in outcomes.values()):
            ctx.decide(task, [decision("CompleteWorkflowExecution")])
            break
        ctx.decide(task, [])
        if time.monotonic() > deadline:
            raise StepAbort("the parent never heard of every child closing\n"
                            + show_history(ctx.history(parent)))
    events = ctx.history(parent)
    dtc = find(events, "DecisionTaskCompleted")[0]
    for k, outcome in outcomes.items():
        initiated = one(events, "StartChildWorkflowExecutionInitiated", workflowId=ids[k])
        ctx.check(f"initiated-{k}", {key: attrs(initiated).get(key) for key in (
            "workflowId", "workflowType", "input", "control", "taskList", "childPolicy",
            "taskStartToCloseTimeout", "tagList", "decisionTaskCompletedEventId")},
            {"workflowId": ids[k], "workflowType": WORKFLOW, "input": f"in-{k}",
             "control": f"ctl-{k}", "taskList": {"name": lists[k]}, "childPolicy": "TERMINATE",
             "taskStartToCloseTimeout": "600", "tagList": ["child"],
             "decisionTaskCompletedEventId": dtc["eventId"]},
            "StartChildWorkflowExecutionInitiatedEventAttributes", events)
        started = next((e for e in find(events, "ChildWorkflowExecutionStarted")
                        if attrs(e)["workflowExecution"]["workflowId"] == ids[k]),
                       {"eventId": -1})
        ctx.check(f"started-{k}", attrs(started),
                  {"workflowExecution": children[k], "workflowType": WORKFLOW,
                   "initiatedEventId": initiated["eventId"]},
                  "ChildWorkflowExecutionStartedEventAttributes", events)
        closed = next((e for e in find(events, outcome)
                       if attrs(e)["workflowExecution"]["workflowId"] == ids[k]), {"eventId": -1})
        extra = {"ok": {"result": "child-result"},
                 "fail": {"reason": "child-reason", "details": "child-details"},
                 "cancel": {"details": "child-cancel"}, "term": {},
                 "timeout": {"timeoutType": "START_TO_CLOSE"}}[k]
        ctx.check(f"closed-{k}", attrs(closed),
                  {"workflowExecution": children[k], "workflowType": WORKFLOW,
                   "initiatedEventId": initiated["eventId"], "startedEventId": started["eventId"],
                   **extra}, f"{outcome}EventAttributes", events)
        child_events = ctx.history(children[k])
        first = attrs(child_events[0]) if child_events else {}
        ctx.check(f"child-started-{k}", {key: first.get(key) for key in (
            "parentWorkflowExecution", "parentInitiatedEventId", "input", "taskList",
            "childPolicy", "tagList")},
            {"parentWorkflowExecution": parent, "parentInitiatedEventId": initiated["eventId"],
             "input": f"in-{k}", "taskList": {"name": lists[k]}, "childPolicy": "TERMINATE",
             "tagList": ["child"]},
            "WorkflowExecutionStartedEventAttributes of a child: parentWorkflowExecution, "
            "parentInitiatedEventId", child_events)
        if k == "term":
            term = attrs(one(child_events, "WorkflowExecutionTerminated"))
            ctx.check("child-terminated", (term.get("reason"), term.get("details"),
                                           term.get("childPolicy")),
                      ("operator", "stop it", "TERMINATE"),
                      "WorkflowExecutionTerminatedEventAttributes: reason, details, childPolicy",
                      child_events)
        if k == "timeout":
            ctx.check("child-timed-out", attrs(one(child_events, "WorkflowExecutionTimedOut")),
                      {"timeoutType": "START_TO_CLOSE", "childPolicy": "TERMINATE"},
                      "WorkflowExecutionTimedOutEventAttributes", child_events)


def step_start_child_failures(ctx: Context) -> None:
    """StartChildWorkflowExecutionFailed: WORKFLOW_TYPE_DOES_NOT_EXIST, WORKFLOW_TYPE_DEPRECATED,
    WORKFLOW_ALREADY_RUNNING (initiatedEventId: its Initiated event) and DEFAULT_*_UNDEFINED
    (initiatedEventId 0, no Initiated event)."""
    busy, busy_list = start_own(ctx, "busy")
    parent, parent_list = start_own(ctx, "failing-parent")
    full = {"taskList": {"name": uid("never")}, "executionStartToCloseTimeout": "60",
            "taskStartToCloseTimeout": "60", "childPolicy": "TERMINATE"}

    def without(key: str) -> dict[str, Any]:
        return {k: v for k, v in full.items() if k != key}

    cases = [
        ("unknown", {"name": "NoSuchWorkflow", "version": "9"}, full,
         "WORKFLOW_TYPE_DOES_NOT_EXIST"),
        ("deprecated", WORKFLOW_DEPRECATED, full, "WORKFLOW_TYPE_DEPRECATED"),
        (busy["workflowId"], WORKFLOW, full, "WORKFLOW_ALREADY_RUNNING"),
        ("no-list", WORKFLOW_NO_DEFAULTS, without("taskList"), "DEFAULT_TASK_LIST_UNDEFINED"),
        ("no-e2c", WORKFLOW_NO_DEFAULTS, without("executionStartToCloseTimeout"),
         "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED"),
        ("no-t2c", WORKFLOW_NO_DEFAULTS, without("taskStartToCloseTimeout"),
         "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED"),
        ("no-policy", WORKFLOW_NO_DEFAULTS, without("childPolicy"),
         "DEFAULT_CHILD_POLICY_UNDEFINED"),
    ]
    ctx.decide(ctx.poll_decision(parent_list), [
        decision("StartChildWorkflowExecution", workflowId=wid, workflowType=wtype,
                 control=f"ctl-{cause}", **extra) for wid, wtype, extra, cause in cases])
    events = ctx.wait_history(
        parent, lambda ev: len(find(ev, "StartChildWorkflowExecutionFailed"))
        + len(find(ev, "ChildWorkflowExecutionStarted")) >= len(cases),
        "every StartChildWorkflowExecution fails")
    dtc = find(events, "DecisionTaskCompleted")[0]
    initiated = find(events, "StartChildWorkflowExecutionInitiated")
    ctx.check("only-already-running-initiated", [attrs(e).get("workflowId") for e in initiated],
              [busy["workflowId"]],
              "StartChildWorkflowExecutionFailedEventAttributes.initiatedEventId: when the cause "
              "isn't WORKFLOW_ALREADY_RUNNING the Initiated event doesn't exist", events)
    for wid, wtype, _, cause in cases:
        failed = one(events, "StartChildWorkflowExecutionFailed", cause=cause)
        initiated_id = one(events, "StartChildWorkflowExecutionInitiated", workflowId=wid)[
            "eventId"] if cause == "WORKFLOW_ALREADY_RUNNING" else 0
        ctx.check(f"cause-{cause}", attrs(failed),
                  {"workflowType": wtype, "cause": cause, "workflowId": wid,
                   "initiatedEventId": initiated_id, "control": f"ctl-{cause}",
                   "decisionTaskCompletedEventId": dtc["eventId"]},
                  "StartChildWorkflowExecutionFailedEventAttributes: workflowType, cause, "
                  "workflowId, initiatedEventId (0 unless WORKFLOW_ALREADY_RUNNING), control, "
                  "decisionTaskCompletedEventId", events)
    ctx.check_true("decision-task-after-failed-decision",
                   reaches_decider(events, dtc),
                   "a failed decision schedules a decision task", events)
    ctx.decide(ctx.poll_decision(parent_list), [decision("CompleteWorkflowExecution")])
    ctx.decide(ctx.poll_decision(busy_list), [decision("CompleteWorkflowExecution")])


def step_child_policies(ctx: Context) -> None:
    """TerminateWorkflowExecution of a parent applies its child policy: TERMINATE terminates the
    child (cause CHILD_POLICY_APPLIED), REQUEST_CANCEL records WorkflowExecutionCancelRequested
    (cause CHILD_POLICY_APPLIED) in it, ABANDON leaves it running."""
    children: dict[str, tuple[dict[str, str], str]] = {}
    for policy in ("TERMINATE", "REQUEST_CANCEL", "ABANDON"):
        parent, parent_list = start_own(ctx, f"policy-{policy.lower()}", childPolicy=policy)
        child_list = uid(f"policy-child-{policy.lower()}")
        ctx.decide(ctx.poll_decision(parent_list), [
            decision("StartChildWorkflowExecution", workflowType=WORKFLOW,
                     workflowId=uid(f"policy-child-{policy.lower()}"),
                     taskList={"name": child_list}, childPolicy="ABANDON")])
        task = ctx.poll_decision(child_list)
        ctx.decide(task, [])
        child = task["workflowExecution"]
        children[policy] = (child, child_list)
        ctx.wait_history(parent, lambda ev: bool(find(ev, "ChildWorkflowExecutionStarted")),
                         "the child starts")
        ctx.swf.terminate_workflow_execution(domain=ctx.domain, **parent, reason="stop parent",
                                             details="policy test")
        events = ctx.history(parent)
        term = attrs(one(events, "WorkflowExecutionTerminated"))
        ctx.check(f"parent-terminated-{policy}",
                  (term.get("reason"), term.get("details"), term.get("childPolicy")),
                  ("stop parent", "policy test", policy),
                  "WorkflowExecutionTerminatedEventAttributes: reason, details, the childPolicy "
                  "the execution was started with", events)
    child, _ = children["TERMINATE"]
    events = ctx.wait_history(child, lambda ev: bool(find(ev, "WorkflowExecutionTerminated")),
                              "TERMINATE terminates the child")
    ctx.check("terminate-policy", attrs(one(events, "WorkflowExecutionTerminated")).get("cause"),
              "CHILD_POLICY_APPLIED",
              "WorkflowExecutionTerminatedEventAttributes.cause: CHILD_POLICY_APPLIED when the "
              "parent is terminated and its child policy terminates children", events)
    ctx.check("terminate-policy-status", ctx.describe(child)["executionInfo"].get("closeStatus"),
              "TERMINATED", "the child is closed TERMINATED")
    child, child_list = children["REQUEST_CANCEL"]
    events = ctx.wait_history(child,
                              lambda ev: bool(find(ev, "WorkflowExecutionCancelRequested")),
                              "REQUEST_CANCEL asks the child to cancel")
    asked = one(events, "WorkflowExecutionCancelRequested")
    ctx.check("request-cancel-policy", attrs(asked).get("cause"), "CHILD_POLICY_APPLIED",
              "WorkflowExecutionCancelRequestedEventAttributes.cause: CHILD_POLICY_APPLIED", events)
    ctx.check_true("request-cancel-decision-task",
                   reaches_decider(events, asked),
                   "the cancel request schedules a decision task in the child", events)
    ctx.decide(ctx.poll_decision(child_list), [decision("CancelWorkflowExecution")])
    child, _ = children["ABANDON"]
    events = ctx.history(child)
    ctx.check("abandon-policy", (types(events), ctx.describe(child)["executionInfo"].get(
        "executionStatus")),
        (["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
          "DecisionTaskCompleted"], "OPEN"),
        "ChildPolicy ABANDON: no action is taken, the child continues to run", events)
    ctx.swf.terminate_workflow_execution(domain=ctx.domain, **child, reason="cleanup")


def step_workflow_execution_timeout(ctx: Context) -> None:
    """An execution nobody decides for times out: WorkflowExecutionTimedOut START_TO_CLOSE, after
    its executionStartToCloseTimeout on SWF's clock."""
    seconds = ctx.swf_seconds(400)
    execution, _ = start_own(ctx, "execution-timeout", executionStartToCloseTimeout=str(seconds))
    events = ctx.wait_history(execution, lambda ev: bool(find(ev, "WorkflowExecutionTimedOut")),
                              "the execution times out")
    ctx.check("timed-out-events", types(events),
              ["WorkflowExecutionStarted", "DecisionTaskScheduled", "WorkflowExecutionTimedOut"],
              "WorkflowExecutionTimedOut closes the execution", events)
    timed_out = one(events, "WorkflowExecutionTimedOut")
    ctx.check("timed-out-attributes", attrs(timed_out),
              {"timeoutType": "START_TO_CLOSE", "childPolicy": "TERMINATE"},
              "WorkflowExecutionTimedOutEventAttributes: timeoutType, childPolicy", events)
    waited = millis(events[0]["eventTimestamp"], timed_out["eventTimestamp"])
    ctx.check_true("timed-out-not-early", waited >= seconds * ctx.second_ms - 5,
                   f"the execution times out after {seconds} SWF seconds, not before", events,
                   f"timed out {waited:.0f} ms after it started")
    ctx.check("timed-out-status", ctx.describe(execution)["executionInfo"].get("closeStatus"),
              "TIMED_OUT", "WorkflowExecutionInfo.closeStatus")


def step_decision_task_timeout(ctx: Context) -> None:
    """A decision task not answered within taskStartToCloseTimeout: DecisionTaskTimedOut
    START_TO_CLOSE, then a new DecisionTaskScheduled; the late answer is refused."""
    seconds = ctx.swf_seconds(300)
    execution, decisions = start_own(ctx, "decision-timeout",
                                     taskStartToCloseTimeout=str(seconds))
    stale = ctx.poll_decision(decisions)
    events = ctx.wait_history(
        execution, lambda ev: bool(find(ev, "DecisionTaskTimedOut"))
        and types(ev)[-1] == "DecisionTaskScheduled", "the decision task times out")
    ctx.check("decision-timed-out-events", types(events),
              ["WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
               "DecisionTaskTimedOut", "DecisionTaskScheduled"],
              "DecisionTaskTimedOut, then a new decision task", events)
    timed_out = one(events, "DecisionTaskTimedOut")
    ctx.check("decision-timed-out-attributes", attrs(timed_out),
              {"timeoutType": "START_TO_CLOSE", "scheduledEventId": events[1]["eventId"],
               "startedEventId": events[2]["eventId"]},
              "DecisionTaskTimedOutEventAttributes: timeoutType, scheduledEventId, "
              "startedEventId", events)
    waited = millis(events[2]["eventTimestamp"], timed_out["eventTimestamp"])
    ctx.check_true("decision-timed-out-not-early", waited >= seconds * ctx.second_ms - 5,
                   f"the decision task times out {seconds} SWF seconds after it started", events,
                   f"timed out {waited:.0f} ms after DecisionTaskStarted")
    try:
        ctx.decide(stale, [decision("CompleteWorkflowExecution")])
        ctx.fail("stale-token", "RespondDecisionTaskCompleted with the timed-out task's token: "
                                "UnknownResourceFault (the task is no longer available); it was "
                                "accepted", ctx.history(execution))
    except ClientError as err:
        ctx.check("stale-token", error_code(err), "UnknownResourceFault",
                  "RespondDecisionTaskCompleted: a task that is no longer available")
    task = ctx.poll_decision(decisions)
    ctx.decide(task, [decision("CompleteWorkflowExecution")])
    ctx.check("then-completed", types(ctx.history(execution))[-1], "WorkflowExecutionCompleted",
              "the new decision task completes the execution")


def step_schedule_lambda(ctx: Context) -> None:
    """ScheduleLambdaFunction in an execution without lambdaRole: ScheduleLambdaFunctionFailed."""
    execution, decisions = start_own(ctx, "lambda")
    ctx.decide(ctx.poll_decision(decisions), [
        decision("ScheduleLambdaFunction", id="fn-1", name="resize-image", input="{}",
                 startToCloseTimeout="30")])
    events = ctx.history(execution)
    dtc = one(events, "DecisionTaskCompleted")
    failed = attrs(one(events, "ScheduleLambdaFunctionFailed"))
    ctx.check("lambda-failed", {k: failed.get(k) for k in ("id", "name",
                                                          "decisionTaskCompletedEventId")},
              {"id": "fn-1", "name": "resize-image",
               "decisionTaskCompletedEventId": dtc["eventId"]},
              "StartWorkflowExecution.lambdaRole: without a role any attempt to schedule a "
              "Lambda task fails with a ScheduleLambdaFunctionFailed event", events)
    ctx.check_true("lambda-failed-cause", failed.get("cause") in (
        "ID_ALREADY_IN_USE", "OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED",
        "LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED", "LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION"),
        "ScheduleLambdaFunctionFailedEventAttributes.cause: one of the documented values",
        events, f"cause {failed.get('cause')!r}")
    ctx.check("no-lambda-scheduled", find(events, "LambdaFunctionScheduled"), [],
              "nothing is scheduled", events)
    ctx.check_true("decision-task-after-failed-decision",
                   reaches_decider(events, dtc),
                   "a failed decision schedules a decision task", events)
    ctx.decide(ctx.poll_decision(decisions), [decision("CompleteWorkflowExecution")])


def signed_raw(ctx: Context, target: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """POSTs `body` as operation `target`, signed as boto3 signs; returns the status and the
    JSON answer."""
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=ctx.endpoint.rstrip("/") + "/", data=body,
        headers={"Content-Type": "application/x-amz-json-1.0",
                 "X-Amz-Target": f"SimpleWorkflowService.{target}"})
    credentials = botocore.credentials.Credentials(ctx.access_key_id, ctx.secret_access_key)
    botocore.auth.SigV4Auth(credentials, "swf", ctx.region).add_auth(request)
    prepared = request.prepare()
    raw = urllib.request.Request(prepared.url, data=body, method="POST",
                                 headers=dict(prepared.headers.items()))
    try:
        with urllib.request.urlopen(raw, timeout=10) as answer:
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as err:
        status, text = err.code, err.read()
    try:
        return status, json.loads(text or b"{}")
    except json.JSONDecodeError:
        return status, {"<not json>": text[:200].decode(errors="replace")}


def step_bad_input(ctx: Context) -> None:
    """Missing and invalid members answer ValidationException with SWF's wording; an unknown
    operation UnknownOperationException; a body that is not JSON SerializationException."""
    def refused(call: Callable[[], Any]) -> tuple[str, str]:
        try:
            call()
        except ClientError as err:
            return error_code(err), err.response.get("Error", {}).get("Message", "")
        return "<accepted>", ""

    code, message = refused(lambda: ctx.raw_swf.start_workflow_execution(
        workflowId="x", workflowType=WORKFLOW))
    ctx.check("missing-member", (code, message),
              ("ValidationException", "1 validation error detected: Value null at 'domain' "
               "failed to satisfy constraint: Member must not be null"),
              "StartWorkflowExecution without domain (the AWS JSON protocol's validation wording)")
    code, message = refused(lambda: ctx.raw_swf.poll_for_decision_task())
    ctx.check_true("two-missing-members", code == "ValidationException"
                   and message.startswith("2 validation errors detected: ")
                   and "Value null at 'domain' failed to satisfy constraint: Member must not be "
                       "null" in message
                   and "Value null at 'taskList' failed to satisfy constraint: Member must not "
                       "be null" in message,
                   "PollForDecisionTask without domain and taskList: 2 validation errors",
                   detail=f"{code}: {message}")
    long_name = "d" * 300
    code, message = refused(lambda: ctx.raw_swf.describe_domain(name=long_name))
    ctx.check("too-long-member", (code, message),
              ("ValidationException", f"1 validation error detected: Value '{long_name}' at "
               "'name' failed to satisfy constraint: Member must have length less than or equal "
               "to 256"), "DescribeDomain with a 300-character name (DomainName: at most 256)")
    code, message = refused(lambda: ctx.raw_swf.register_workflow_type(
        domain=ctx.domain, name="BadPolicy", version="1", defaultChildPolicy="BOGUS"))
    ctx.check_true("invalid-enum", code == "ValidationException" and message.startswith(
        "1 validation error detected: Value 'BOGUS' at 'defaultChildPolicy' failed to satisfy "
        "constraint: Member must satisfy enum value set: [")
        and all(p in message for p in ("TERMINATE", "REQUEST_CANCEL", "ABANDON")),
        "RegisterWorkflowType with defaultChildPolicy BOGUS (ChildPolicy enum)",
        detail=f"{code}: {message}")
    status, answer = signed_raw(ctx, "NoSuchOperation", b"{}")
    ctx.check_true("unknown-operation", status == 400
                   and str(answer.get("__type", "")).endswith("UnknownOperationException"),
                   "an operation SWF does not have: 400 UnknownOperationException",
                   detail=f"{status} {answer}")
    status, answer = signed_raw(ctx, "DescribeDomain", b"this is not json")
    ctx.check_true("not-json", status == 400
                   and str(answer.get("__type", "")).endswith("SerializationException"),
                   "a body that is not JSON: 400 SerializationException",
                   detail=f"{status} {answer}")


def step_bad_signature(ctx: Context) -> None:
    """A request signed with a wrong secret is refused."""
    wrong = boto3.client("swf", endpoint_url=ctx.endpoint, region_name=ctx.region,
                         aws_access_key_id=ctx.access_key_id,
                         aws_secret_access_key=ctx.secret_access_key + "-wrong",
                         config=Config(retries={"total_max_attempts": 1}))
    try:
        wrong.describe_domain(name=ctx.domain)
        ctx.fail("wrong-secret-refused", "a wrong secret: the request was served")
    except ClientError as err:
        ctx.check_true("wrong-secret-refused", error_code(err) in (
            "InvalidSignatureException", "IncompleteSignature", "UnrecognizedClientException"),
            "a wrong secret: an authentication error (InvalidSignatureException)",
            detail=f"{error_code(err)}: {err}")


# --------------------------------------------------------------------------------------------
# The run


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], None]
    # None: moto runs it; otherwise why moto cannot.
    moto_missing: str | None = None


STEPS = [
    Step("activity_completed_and_failed", step_activity_completed_and_failed),
    Step("schedule_activity_failures", step_schedule_activity_failures),
    Step("request_cancel_activity", step_request_cancel_activity,
         "RequestCancelActivityTask (NotImplementedError) and RespondActivityTaskCanceled"),
    Step("close_fail_and_cancel", step_close_fail_and_cancel),
    Step("record_marker", step_record_marker),
    Step("timers", step_timers),
    Step("signal_api", step_signal_api),
    Step("signal_external", step_signal_external,
         "SignalExternalWorkflowExecution (NotImplementedError)"),
    Step("cancel_requests", step_cancel_requests,
         "RequestCancelExternalWorkflowExecution and the RequestCancelWorkflowExecution operation"),
    Step("unhandled_decision", step_unhandled_decision),
    Step("continue_as_new", step_continue_as_new,
         "ContinueAsNewWorkflowExecution (NotImplementedError)"),
    Step("child_outcomes", step_child_outcomes,
         "StartChildWorkflowExecution (NotImplementedError)"),
    Step("start_child_failures", step_start_child_failures,
         "StartChildWorkflowExecution (NotImplementedError)"),
    Step("child_policies", step_child_policies,
         "StartChildWorkflowExecution (NotImplementedError), so no child policies"),
    Step("workflow_execution_timeout", step_workflow_execution_timeout),
    Step("decision_task_timeout", step_decision_task_timeout),
    Step("schedule_lambda", step_schedule_lambda,
         "ScheduleLambdaFunction (NotImplementedError)"),
    Step("bad_input", step_bad_input),
    Step("bad_signature", step_bad_signature),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--target", required=True, choices=["swf-local", "moto"])
    parser.add_argument("--second-ms", type=int, default=None,
                        help="real ms of one SWF second (swf-local's --second-ms; moto: 1000)")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--access-key-id", default="AKIDLOCALSWF")
    parser.add_argument("--secret-access-key", default="local-swf-secret-access-key")
    parser.add_argument("--only", default="", help="comma-separated step names")
    parser.add_argument("--verbose", action="store_true",
                        help="also show what moto did for each known difference")
    args = parser.parse_args()
    second_ms = args.second_ms or (1000 if args.target == "moto" else 20)

    def client(validate: bool) -> Any:
        return boto3.client("swf", endpoint_url=args.endpoint, region_name=args.region,
                            aws_access_key_id=args.access_key_id,
                            aws_secret_access_key=args.secret_access_key,
                            config=Config(retries={"total_max_attempts": 1}, read_timeout=15,
                                          connect_timeout=5, parameter_validation=validate))

    ctx = Context(swf=client(True), raw_swf=client(False), endpoint=args.endpoint,
                  target=args.target, second_ms=second_ms, region=args.region,
                  access_key_id=args.access_key_id, secret_access_key=args.secret_access_key,
                  domain=uid("scenario"))
    only = {s for s in args.only.split(",") if s}
    unknown = only - {s.name for s in STEPS}
    if unknown:
        parser.error(f"unknown steps: {sorted(unknown)}")
    moto = args.target == "moto"
    bad = 0
    skipped: list[Step] = []
    print(f"decider scenario on {args.target} at {args.endpoint} (one SWF second = {second_ms} ms,"
          f" domain {ctx.domain})")
    began = time.monotonic()
    register(ctx)
    for step in STEPS:
        if only and step.name not in only:
            continue
        if moto and step.moto_missing:
            skipped.append(step)
            print(f"  SKIP {step.name}: moto does not implement {step.moto_missing}")
            continue
        ctx.step = step.name
        before = len(ctx.failures)
        started = time.monotonic()
        try:
            step.run(ctx)
        except StepAbort as abort:
            ctx.fail("aborted", f"the step could not go on: {abort}")
        except Exception:  # noqa: BLE001 - any error is the step's failure, shown in full
            ctx.fail("error", traceback.format_exc())
        took = time.monotonic() - started
        failures = ctx.failures[before:]
        known = KNOWN_DIFFERENCES.get(step.name, {}) if moto else {}
        seen = {f.check for f in failures}
        unexpected = [f for f in failures if f.check not in known]
        gone = sorted(set(known) - seen)
        if not unexpected and not gone:
            note = f"; moto differs as known: {', '.join(sorted(seen))}" if seen else ""
            print(f"  PASS {step.name} ({took:.1f} s{note})")
            if args.verbose:
                for f in failures:
                    print(f"    [{f.check}] {f.message.split(chr(10) + '    history:')[0]}")
            continue
        bad += 1
        print(f"  FAIL {step.name} ({took:.1f} s)")
        for f in unexpected:
            print(f"    [{f.check}] {f.message}")
        for cid in gone:
            print(f"    [{cid}] listed in KNOWN_DIFFERENCES ({known[cid]}) but did not occur: "
                  "moto now does what SWF documents; remove the entry")
    print(f"{args.target}: {bad} step(s) failed, {len(skipped)} skipped, "
          f"{time.monotonic() - began:.0f} s")
    if skipped:
        print("steps moto does not implement: " + ", ".join(s.name for s in skipped))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
