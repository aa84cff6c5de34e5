"""simpleflow's own code, driven over stdin/stdout, as the reference for a simpleflow converter.

A decider written with simpleflow (botify-labs/simpleflow, PyPI `simpleflow`) schedules
activities, reads their results and their failures; a simpleflow worker fails them in a shape of
its own. A Rust converter that serves such deciders has to match what simpleflow really does, so
tests/src/simpleflow.rs asks this process, which runs simpleflow's own code for each step, and
never our reading of it:

- `encode_input`: a `simpleflow.swf.task.ActivityTask` (or `NonPythonicActivityTask`) for an
  `Activity` with the given `meta` is scheduled the way the decider's executor does it
  (`ActivityTask.schedule`); the reply is the `input` of the `ScheduleActivityTask` decision,
  encoded by `simpleflow.format.input`.
- `decode_result` and `read_failure`: an SWF history as the service returns it (a scheduled, a
  started and a completed or failed activity task, the field given as is, omitted when null) is
  parsed by `simpleflow.history.History`, turned into a future by the SWF executor
  (`Executor._get_future_from_activity_event`), and for a failure handed to the executor's
  failure handling, which gives the workflow's `on_task_failure` a `TaskFailureContext`; the
  reply is what that context (or the future's result) holds.
- `worker_failure` and `worker_run`: simpleflow's activity worker
  (`simpleflow.swf.process.worker.base.ActivityWorker.process`) runs an activity on a polled task
  with the given input; the `RespondActivityTaskFailed` / `RespondActivityTaskCompleted`
  parameters it sends (after `simpleflow.format` encoded them) are captured instead of sent.

Protocol: one JSON request per stdin line, `{"op": NAME, ...}`; one JSON reply per stdout line:
`{"ok": VALUE}`, or `{"raised": {"error": CLASS, "error_type": MODULE.CLASS, "message": TEXT}}`
when simpleflow's own code raised (an answer about simpleflow, not a harness failure), or
`{"fatal": TEXT}` when the request itself is wrong. A reply carries the request's `id`, so a
driver that gave up waiting for one never takes it for the next one's. Logs (simpleflow logs every activity
failure with its traceback) go to stderr, never stdout. Ends at end of input.

Needs no network and no credentials: nothing is sent to SWF.
"""

import importlib
import json
import os
import sys
import types
from base64 import b64encode

# simpleflow's boto3 clients are built lazily, but some code paths read the region when an
# object is made; nothing is ever sent.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

# Replies are the only thing on stdout: keep the real stdout for them and send anything a
# library prints to stderr.
_replies = sys.stdout
sys.stdout = sys.stderr

import simpleflow  # noqa: E402
from simpleflow import Workflow  # noqa: E402
from simpleflow.activity import Activity  # noqa: E402
from simpleflow.exceptions import TaskException  # noqa: E402
from simpleflow.history import History  # noqa: E402
from simpleflow.swf.executor import Executor  # noqa: E402
from simpleflow.swf.mapper.models import Domain  # noqa: E402
from simpleflow.swf.mapper.models.activity import ActivityTask as PolledActivityTask  # noqa: E402
from simpleflow.swf.mapper.models.history import History as SwfHistory  # noqa: E402
from simpleflow.swf.process.worker.base import ActivityPoller, ActivityWorker  # noqa: E402
from simpleflow.swf.task import ActivityTask, NonPythonicActivityTask  # noqa: E402
from simpleflow.utils import format_exc_type, full_class_name, import_from_module  # noqa: E402

DOMAIN = Domain("simpleflow-harness")
TASK_LIST = "simpleflow-harness"
# The module the worker's dynamic dispatcher imports the harness's activities from.
ACTIVITIES_MODULE = "simpleflow_harness_activities"
ACTIVITY_ID = "activity-1"


class BadRequest(Exception):
    """A request this harness cannot serve (a bug in the caller, not an answer about simpleflow)."""


def _noop(*args, **kwargs):
    """The callable of the activities the decider schedules; a decider never runs it."""
    return None


def echo(*args, **kwargs):
    """An activity for `worker_run`: returns the arguments the worker called it with."""
    return {"args": list(args), "kwargs": kwargs}


def fail(expression=None, error_class=None, message=None):
    """An activity for `worker_failure`: raises the exception it is told to."""
    if expression is not None:
        raise eval(expression, {"importlib": importlib})  # noqa: S307 (the tests' own text)
    raise exception_class(error_class)(message)


def exception_class(path):
    """The exception class at `path` (`ValueError`, `json.JSONDecodeError`, `payments.Declined`).

    A class that does not exist is made, as a subclass of `Exception`, in a module of that name
    (made too when missing), so a test can raise a user's own exception type. The decider side
    of this harness then imports it as a decider that shares the worker's code would.
    """
    try:
        cls = import_from_module(path)
    except (ImportError, AttributeError):
        module_name, _, name = path.rpartition(".")
        if not module_name or not name:
            raise BadRequest(f"no builtin exception class {path!r}") from None
        module = sys.modules.get(module_name)
        if module is None:
            module = types.ModuleType(module_name)
            sys.modules[module_name] = module
        cls = type(name, (Exception,), {"__module__": module_name})
        setattr(module, name, cls)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        raise BadRequest(f"{path!r} is not an exception class")
    return cls


_activities = types.ModuleType(ACTIVITIES_MODULE)
_activities.echo = echo
_activities.fail = fail
sys.modules[ACTIVITIES_MODULE] = _activities


class HarnessWorkflow(Workflow):
    """The workflow whose executor reads the history; records the failure context it is given."""

    name = "simpleflow-harness"
    version = "1"
    task_list = TASK_LIST
    failure_contexts = []

    def on_task_failure(self, failure_context):
        HarnessWorkflow.failure_contexts.append(failure_context)
        # Handled: the executor keeps the future as is and applies no retry policy.
        return failure_context.decide_handled(failure_context.a_task, failure_context.future)


# ---------------------------------------------------------------------------------------------
# Decider side


def encode_input(request):
    args = request.get("args", [])
    kwargs = request.get("kwargs", {})
    if not isinstance(args, list) or not isinstance(kwargs, dict):
        raise BadRequest("`args` must be a list and `kwargs` an object")
    activity = Activity(_noop, "harness_activity", version="1", meta=request.get("meta"))
    task_class = NonPythonicActivityTask if request.get("non_pythonic") else ActivityTask
    task = task_class(activity, *args, **kwargs)
    task.id = ACTIVITY_ID
    [decision] = task.schedule(DOMAIN, task_list=TASK_LIST)
    return {"input": decision["scheduleActivityTaskDecisionAttributes"].get("input")}


def _history(closing_event):
    """A history as SWF returns it: started, one activity task scheduled, started, then closed."""
    events = [
        {
            "eventId": 1,
            "eventType": "WorkflowExecutionStarted",
            "eventTimestamp": 1.0,
            "workflowExecutionStartedEventAttributes": {
                "workflowType": {"name": HarnessWorkflow.name, "version": HarnessWorkflow.version},
                "taskList": {"name": TASK_LIST},
                "childPolicy": "TERMINATE",
                "input": json.dumps({"args": [], "kwargs": {}}),
            },
        },
        {
            "eventId": 2,
            "eventType": "ActivityTaskScheduled",
            "eventTimestamp": 2.0,
            "activityTaskScheduledEventAttributes": {
                "activityId": ACTIVITY_ID,
                "activityType": {"name": "harness_activity", "version": "1"},
                "taskList": {"name": TASK_LIST},
                "input": json.dumps({"args": [], "kwargs": {}}),
                "decisionTaskCompletedEventId": 1,
            },
        },
        {
            "eventId": 3,
            "eventType": "ActivityTaskStarted",
            "eventTimestamp": 3.0,
            "activityTaskStartedEventAttributes": {"scheduledEventId": 2, "identity": "rust"},
        },
        dict(closing_event, eventId=4, eventTimestamp=4.0),
    ]
    history = History(SwfHistory.from_event_list(events))
    history.parse()
    return history


def _executor(history):
    executor = Executor(DOMAIN, HarnessWorkflow)
    executor.create_workflow()
    executor._history = history
    return executor


def _optional_string(request, key):
    value = request.get(key)
    if value is not None and not isinstance(value, str):
        raise BadRequest(f"`{key}` must be a string or null")
    return value


def _attributes(**fields):
    # SWF leaves a field out of the event when the worker sent none.
    return {k: v for k, v in fields.items() if v is not None}


def _value(value):
    """A decoded Python value as the reply carries it: its type, JSON form (when it has one) and repr."""
    out = {"type": type(value).__name__, "repr": repr(value)}
    try:
        out["value"] = json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError):
        pass
    return out


def decode_result(request):
    result = _optional_string(request, "result")
    history = _history(
        {
            "eventType": "ActivityTaskCompleted",
            "activityTaskCompletedEventAttributes": _attributes(
                scheduledEventId=2, startedEventId=3, result=result
            ),
        }
    )
    future = _executor(history)._get_future_from_activity_event(history.activities[ACTIVITY_ID])
    if not future.finished:
        raise BadRequest(f"the completed activity's future is {future.state}")
    return _value(future.result)


def read_failure(request):
    reason = _optional_string(request, "reason")
    details = _optional_string(request, "details")
    history = _history(
        {
            "eventType": "ActivityTaskFailed",
            "activityTaskFailedEventAttributes": _attributes(
                scheduledEventId=2, startedEventId=3, reason=reason, details=details
            ),
        }
    )
    executor = _executor(history)
    event = history.activities[ACTIVITY_ID]
    future = executor._get_future_from_activity_event(event)
    task = ActivityTask(Activity(_noop, "harness_activity", version="1"))
    task.id = ACTIVITY_ID
    HarnessWorkflow.failure_contexts.clear()
    executor.do_handle_failure(event, future, task, TaskException)
    if len(HarnessWorkflow.failure_contexts) != 1:
        raise BadRequest("the executor did not call on_task_failure once")
    context = HarnessWorkflow.failure_contexts[0]
    return {
        "exception": type(context.exception).__name__,
        "reason": context.reason,
        "details": None if context.details is None else _value(context.details),
        "task_error": context.task_error,
        "task_message": context.task_message,
        "task_error_type": _imported(context.task_error_type),
    }


def _imported(error_type):
    # simpleflow imports whatever `error_type` names, class or not.
    if error_type is None:
        return None
    if isinstance(error_type, type):
        return full_class_name(error_type)
    return repr(error_type)


# ---------------------------------------------------------------------------------------------
# Worker side


class CapturingPoller(ActivityPoller):
    """simpleflow's activity poller, with the two SWF calls captured instead of sent."""

    def __init__(self):
        super().__init__(DOMAIN, TASK_LIST, heartbeat=0)
        self.sent = None

    def respond_activity_task_failed(self, task_token, **params):
        self.sent = {"failed": _attributes(reason=params.get("reason"), details=params.get("details"))}
        return {}

    def respond_activity_task_completed(self, task_token, result=None):
        self.sent = {"completed": _attributes(result=result)}
        return {}


def _run_worker(activity, task_input):
    poller = CapturingPoller()
    polled = {
        "taskToken": "harness-token",
        "activityId": ACTIVITY_ID,
        "startedEventId": 3,
        "workflowExecution": {"workflowId": "harness-workflow", "runId": "harness-run"},
        "activityType": {"name": f"{ACTIVITIES_MODULE}.{activity}", "version": "1"},
    }
    if task_input is not None:
        polled["input"] = task_input
    task = PolledActivityTask.from_poll(DOMAIN, TASK_LIST, polled)
    ActivityWorker().process(poller, "harness-token", task)
    if poller.sent is None:
        raise BadRequest("the worker answered nothing")
    return poller.sent


def worker_failure(request):
    if "expression" in request:
        kwargs = {"expression": request["expression"]}
    elif "class" in request:
        exception_class(request["class"])
        kwargs = {"error_class": request["class"], "message": request.get("message")}
    else:
        raise BadRequest("`worker_failure` needs `expression` or `class` (and `message`)")
    sent = _run_worker("fail", json.dumps({"args": [], "kwargs": kwargs}))
    if "failed" not in sent:
        raise BadRequest(f"the activity did not fail: {sent}")
    return sent["failed"]


def worker_run(request):
    return _run_worker("echo", _optional_string(request, "input"))


OPERATIONS = {
    "encode_input": encode_input,
    "decode_result": decode_result,
    "read_failure": read_failure,
    "worker_failure": worker_failure,
    "worker_run": worker_run,
    "version": lambda request: {"simpleflow": simpleflow.__version__},
}


def answer(line):
    try:
        request = json.loads(line)
    except ValueError as e:
        return {"fatal": f"request is not JSON: {e}"}
    if not isinstance(request, dict) or request.get("op") not in OPERATIONS:
        return {"fatal": f"unknown request {line.strip()!r}; operations: {sorted(OPERATIONS)}"}
    return dict(serve(request), id=request.get("id"))


def serve(request):
    try:
        return {"ok": OPERATIONS[request["op"]](request)}
    except BadRequest as e:
        return {"fatal": str(e)}
    except Exception as e:
        return {
            "raised": {
                "error": type(e).__name__,
                "error_type": format_exc_type(type(e)),
                "message": str(e),
            }
        }


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        _replies.write(json.dumps(answer(line)) + "\n")
        _replies.flush()


if __name__ == "__main__":
    main()
