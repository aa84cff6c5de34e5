//! simpleflow's own code as the reference for what simpleflow deciders and workers put on the
//! wire: a driver for `scripts/simpleflow_harness.py`.
//!
//! simpleflow (botify-labs/simpleflow, Python) is one of the frameworks whose deciders schedule
//! activities a Rust worker may serve. Rather than our reading of its source, the tests ask
//! simpleflow itself: the harness is a long-running Python process that runs simpleflow's
//! decider and worker code for each request (see the script's docstring for which code runs for
//! which operation). [`Simpleflow`] spawns it once per test binary ([`Simpleflow::shared`]) and
//! offers one typed method per operation.
//!
//! `.ci/moto.sh` installs a pinned simpleflow into the moto virtualenv and runs the ignored
//! tests that use this module with `SWF_SIMPLEFLOW_PYTHON` naming that virtualenv's `python`.
//!
//! Every wait is bounded ([`REPLY_TIMEOUT`]); every failure panics with the harness's stderr.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The environment variable naming the Python that has simpleflow installed.
pub const PYTHON_ENV: &str = "SWF_SIMPLEFLOW_PYTHON";

/// The harness script the driver runs with that Python.
pub const HARNESS_SCRIPT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/simpleflow_harness.py");

/// How long one request may take, starting the interpreter and importing simpleflow included.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(60);

/// How much of the harness's stderr is kept for panic messages (the end of it).
const STDERR_KEPT: usize = 64 * 1024;

/// `value`'s map, for the keyword arguments of a call.
///
/// # Panics
///
/// If `value` is not a JSON object (a test bug).
pub fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// A call's keyword arguments when it has none.
pub fn no_kwargs() -> Map<String, Value> {
    Map::new()
}

/// An exception simpleflow's own code raised for a request: an answer about simpleflow (for
/// example, a `NonPythonicActivityTask` refuses args and kwargs together), not a harness failure.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Raised {
    /// The exception's class name, e.g. `ValueError`.
    pub error: String,
    /// The class with its module, as simpleflow's `format_exc_type` writes it (no module for
    /// builtins).
    pub error_type: String,
    /// `str()` of the exception.
    pub message: String,
}

/// A Python value simpleflow produced, as the harness describes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PyValue {
    /// The Python type name: `dict`, `list`, `str`, `int`, `float`, `bool` or `NoneType`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The value as JSON (`None` as `null`), absent when it has no JSON form (`NaN` and
    /// infinities).
    #[serde(default, deserialize_with = "present")]
    pub value: Option<Value>,
    /// Python's `repr()` of the value.
    pub repr: String,
}

/// A field that is there, `null` included (serde reads a `null` `Option` as `None`).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

impl PyValue {
    /// The value as JSON; panics when it has none (see [`PyValue::value`]).
    pub fn json(&self) -> &Value {
        self.value
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no JSON form", self.repr))
    }
}

/// What a simpleflow decider knows of a failed activity task: the `TaskFailureContext` its
/// executor gives the workflow's `on_task_failure`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FailureContext {
    /// The class of the future's exception (`TaskFailed` for a failed activity task).
    pub exception: String,
    /// `reason`, as the context holds it.
    pub reason: Option<String>,
    /// `details`, parsed as JSON when it is JSON, the raw string otherwise.
    pub details: Option<PyValue>,
    /// `task_error`: the `error` of a details object.
    pub task_error: Option<String>,
    /// `task_message`: the `message` of a details object.
    pub task_message: Option<String>,
    /// `task_error_type`: the class the decider imported from the details' `error_type`, with
    /// its module (`builtins.ValueError`; the `repr` of anything else it names); `None` when
    /// absent or not importable.
    pub task_error_type: Option<String>,
}

/// The parameters of `RespondActivityTaskFailed` as a simpleflow worker sends them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WorkerFailure {
    /// `reason`, absent when the worker sends none.
    #[serde(default)]
    pub reason: Option<String>,
    /// `details`, absent when the worker sends none.
    #[serde(default)]
    pub details: Option<String>,
}

impl WorkerFailure {
    /// `details` parsed as JSON; panics when absent or not JSON.
    pub fn details_json(&self) -> Value {
        let details = self
            .details
            .as_deref()
            .unwrap_or_else(|| panic!("the worker sent no details: {self:?}"));
        serde_json::from_str(details)
            .unwrap_or_else(|e| panic!("details are not JSON ({e}): {details}"))
    }
}

/// How a simpleflow worker answered an activity task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WorkerAnswer {
    /// `RespondActivityTaskCompleted`.
    Completed {
        /// `result`, absent when the worker sends none.
        #[serde(default)]
        result: Option<String>,
    },
    /// `RespondActivityTaskFailed`.
    Failed(WorkerFailure),
}

/// The exception a simpleflow activity raises in [`Simpleflow::worker_failure`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PyException {
    /// `Class(message)`: a builtin (`ValueError`), an importable class (`json.JSONDecodeError`
    /// needs more arguments, use an expression), or a class the harness makes, as a subclass of
    /// `Exception`, in a module of that name (`payments.DeclinedError`).
    Class {
        /// The class, with its module unless builtin.
        class: String,
        /// The one constructor argument.
        message: String,
    },
    /// A Python expression evaluating to the exception, e.g. `KeyError('sku')`.
    Expression(String),
}

impl PyException {
    /// [`PyException::Class`].
    pub fn class(class: &str, message: &str) -> PyException {
        PyException::Class {
            class: class.to_owned(),
            message: message.to_owned(),
        }
    }

    /// [`PyException::Expression`].
    pub fn expression(expression: &str) -> PyException {
        PyException::Expression(expression.to_owned())
    }
}

/// One reply line of the harness.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Reply {
    Ok(Value),
    Raised(Raised),
    Fatal(String),
}

/// A running harness (see the module docs). Killed when dropped; the one behind
/// [`Simpleflow::shared`] lives as long as the test binary and exits when its stdin closes.
#[derive(Debug)]
pub struct Simpleflow {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    stderr_reader: Option<JoinHandle<()>>,
    next_id: u64,
}

impl Simpleflow {
    /// Starts the harness with the Python named by [`PYTHON_ENV`].
    ///
    /// Panics when the variable is not set or the harness does not start; the message says why.
    pub fn start() -> Simpleflow {
        let Some(python) = std::env::var_os(PYTHON_ENV) else {
            panic!(
                "{PYTHON_ENV} is not set: it must name a Python with simpleflow installed. Run \
                 `.ci/moto.sh`, which installs simpleflow into the moto virtualenv and sets it"
            );
        };
        let mut child = Command::new(&python)
            .arg(HARNESS_SCRIPT)
            // Nothing is sent to AWS; keep whatever the machine has configured out of it.
            .env_remove("SIMPLEFLOW_JUMBO_FIELDS_BUCKET")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {} {HARNESS_SCRIPT}: {e}", python.to_string_lossy()));
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");

        // Replies are read on a thread of their own so a wait can be bounded.
        let (sender, replies) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        // simpleflow logs every activity failure with its traceback: stderr is drained all the
        // time, or the harness would block once the pipe is full.
        let kept = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&kept);
        let stderr_reader = std::thread::spawn(move || {
            let mut stderr = stderr;
            let mut buf = [0_u8; 8192];
            while let Ok(n @ 1..) = stderr.read(&mut buf) {
                let mut text = sink.lock().unwrap_or_else(|e| e.into_inner());
                text.push_str(&String::from_utf8_lossy(&buf[..n]));
                if text.len() > 2 * STDERR_KEPT {
                    let mut cut = text.len() - STDERR_KEPT;
                    while !text.is_char_boundary(cut) {
                        cut += 1;
                    }
                    text.drain(..cut);
                }
            }
        });

        Simpleflow {
            child,
            stdin,
            replies,
            stderr: kept,
            stderr_reader: Some(stderr_reader),
            next_id: 0,
        }
    }

    /// The harness every test of the binary shares, started on first use. Requests are
    /// serialized by the lock; a test that panicked while holding it does not poison it for the
    /// others (replies carry the id of their request, so a late one is never taken for another's).
    pub fn shared() -> MutexGuard<'static, Simpleflow> {
        static SHARED: OnceLock<Mutex<Simpleflow>> = OnceLock::new();
        SHARED
            .get_or_init(|| Mutex::new(Simpleflow::start()))
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// What the harness wrote on stderr so far (its end, when long).
    pub fn stderr_text(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sends one request and waits for its reply: `Ok` for simpleflow's answer, `Err` when
    /// simpleflow's code raised. Panics when the harness calls the request wrong, dies or does
    /// not answer within [`REPLY_TIMEOUT`].
    pub fn request(&mut self, op: &str, mut fields: Map<String, Value>) -> Result<Value, Raised> {
        self.next_id += 1;
        let id = self.next_id;
        fields.insert("op".to_owned(), Value::from(op));
        fields.insert("id".to_owned(), Value::from(id));
        let mut line = Value::Object(fields).to_string();
        line.push('\n');
        if let Err(e) = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush())
        {
            self.fail(&format!("send {op}: {e}"));
        }
        loop {
            let reply = match self.replies.recv_timeout(REPLY_TIMEOUT) {
                Ok(reply) => reply,
                Err(RecvTimeoutError::Timeout) => {
                    self.fail(&format!("no answer to {op} within {REPLY_TIMEOUT:?}"))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().map(|s| s.to_string());
                    // It exited, so its stderr ends: read all of it for the message.
                    if let Some(reader) = self.stderr_reader.take() {
                        let _ = reader.join();
                    }
                    self.fail(&format!("the harness exited ({status:?}) during {op}"))
                }
            };
            let mut parsed: Map<String, Value> = serde_json::from_str(&reply).unwrap_or_else(|e| {
                self.fail(&format!("reply is not a JSON object ({e}): {reply}"))
            });
            // A reply to a request whose caller gave up waiting: not ours.
            if parsed.remove("id").and_then(|v| v.as_u64()) != Some(id) {
                continue;
            }
            let reply: Reply = serde_json::from_value(Value::Object(parsed))
                .unwrap_or_else(|e| self.fail(&format!("unexpected reply ({e}): {reply}")));
            return match reply {
                Reply::Ok(value) => Ok(value),
                Reply::Raised(raised) => Err(raised),
                Reply::Fatal(message) => self.fail(&format!("{op}: {message}")),
            };
        }
    }

    fn fail(&self, message: &str) -> ! {
        panic!(
            "simpleflow harness: {message}\nits stderr:\n{}",
            self.stderr_text()
        )
    }

    /// [`Simpleflow::request`] for operations simpleflow's code does not raise in.
    fn expect_ok<T: for<'de> Deserialize<'de>>(&mut self, op: &str, fields: Value) -> T {
        let Value::Object(fields) = fields else {
            unreachable!("requests are built as objects")
        };
        let value = match self.request(op, fields) {
            Ok(value) => value,
            Err(raised) => self.fail(&format!("simpleflow raised {raised:?} in {op}")),
        };
        serde_json::from_value(value.clone())
            .unwrap_or_else(|e| self.fail(&format!("{op} answered {value} ({e})")))
    }

    /// The simpleflow version the harness imports.
    pub fn version(&mut self) -> String {
        let reply: Value = self.expect_ok("version", json!({}));
        reply["simpleflow"]
            .as_str()
            .unwrap_or_else(|| self.fail(&format!("version answered {reply}")))
            .to_owned()
    }

    /// The `input` of the `ScheduleActivityTask` decision a simpleflow decider makes for an
    /// `ActivityTask` called with `args` and `kwargs`, for an activity with `meta` (`None` or
    /// an empty object: no meta).
    pub fn encode_input(
        &mut self,
        args: &[Value],
        kwargs: &Map<String, Value>,
        meta: Option<&Value>,
    ) -> Result<String, Raised> {
        self.encode(args, kwargs, meta, false)
    }

    /// As [`Simpleflow::encode_input`], for a `NonPythonicActivityTask` (the task type for
    /// workers in other languages).
    pub fn encode_non_pythonic_input(
        &mut self,
        args: &[Value],
        kwargs: &Map<String, Value>,
        meta: Option<&Value>,
    ) -> Result<String, Raised> {
        self.encode(args, kwargs, meta, true)
    }

    fn encode(
        &mut self,
        args: &[Value],
        kwargs: &Map<String, Value>,
        meta: Option<&Value>,
        non_pythonic: bool,
    ) -> Result<String, Raised> {
        let mut fields = Map::new();
        fields.insert("args".to_owned(), Value::from(args.to_vec()));
        fields.insert("kwargs".to_owned(), Value::Object(kwargs.clone()));
        fields.insert("non_pythonic".to_owned(), Value::from(non_pythonic));
        if let Some(meta) = meta {
            fields.insert("meta".to_owned(), meta.clone());
        }
        let reply = self.request("encode_input", fields)?;
        match reply["input"].as_str() {
            Some(input) => Ok(input.to_owned()),
            None => self.fail(&format!("encode_input answered {reply}")),
        }
    }

    /// What a simpleflow decider's future holds for an activity task completed with `result`
    /// (`None`: the worker sent no result).
    pub fn decode_result(&mut self, result: Option<&str>) -> PyValue {
        self.expect_ok("decode_result", json!({ "result": result }))
    }

    /// The `TaskFailureContext` a simpleflow decider builds for an activity task failed with
    /// `reason` and `details` (`None`: not sent).
    pub fn read_failure(&mut self, reason: Option<&str>, details: Option<&str>) -> FailureContext {
        self.expect_ok(
            "read_failure",
            json!({ "reason": reason, "details": details }),
        )
    }

    /// What a simpleflow worker sends when its activity raises `exception`.
    pub fn worker_failure(&mut self, exception: &PyException) -> WorkerFailure {
        let request = match exception {
            PyException::Class { class, message } => json!({ "class": class, "message": message }),
            PyException::Expression(expression) => json!({ "expression": expression }),
        };
        self.expect_ok("worker_failure", request)
    }

    /// How a simpleflow worker answers a task with `input` (`None`: no input) for an activity
    /// that returns `{"args": [...], "kwargs": {...}}`, the arguments it was called with.
    pub fn worker_run(&mut self, input: Option<&str>) -> WorkerAnswer {
        self.expect_ok("worker_run", json!({ "input": input }))
    }
}

impl Drop for Simpleflow {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
