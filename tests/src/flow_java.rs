//! The Jackson reference for the AWS Flow Framework for Java's wire format: a driver for
//! `tests/java/FlowHarness.java`, a long-running Java process whose `ObjectMapper` is configured
//! exactly as Flow's `JsonDataConverter` (`NON_FINAL` default typing, unknown properties ignored,
//! `Throwable.getLocalizedMessage` ignored). What it encodes is what a Flow decider or worker
//! sends; what it refuses, a Flow decider or worker refuses. A Rust converter for Flow is
//! verified against it, not against our reading of Jackson.
//!
//! `.ci/flow-java.sh` installs a JDK and Jackson (Debian packages, only when missing), compiles
//! the harness into the cargo target directory and runs the ignored tests that use this module
//! with [`CLASSPATH_VAR`] naming the classes and the Jackson jars.
//!
//! The Java types the harness knows are [`JavaType`]s; `com.example.Order`, `Receipt`,
//! `DeclinedException` and `InsufficientFundsException` live in `tests/java/com/example`.
//!
//! ```no_run
//! use swf_activity_tests::flow_java::{FlowJava, JavaArg, JavaType};
//!
//! let java = FlowJava::shared();
//! let input = java.encode_args(&[JavaArg::String("abc".into()), JavaArg::Long(42)]);
//! assert_eq!(input, r#"["[Ljava.lang.Object;",["abc",["java.lang.Long",42]]]"#);
//! let args = java
//!     .decode_input(&input, &[JavaType::String, JavaType::Long])
//!     .expect("a Flow worker accepts what a Flow decider sends");
//! assert_eq!(args[1].class.as_deref(), Some("java.lang.Long"));
//! ```

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The environment variable naming the harness's class path: the compiled `tests/java` classes
/// and the three Jackson jars, `:`-separated.
pub const CLASSPATH_VAR: &str = "SWF_FLOW_JAVA_CLASSPATH";
/// How long the JVM may take to start and load Jackson.
pub const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one request may take.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long to wait for the rest of the harness's stderr once it has died.
const STDERR_TIMEOUT: Duration = Duration::from_secs(5);

/// A Java type the harness encodes or decodes: an activity parameter's type or a decider's
/// declared return type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JavaType {
    /// `String`.
    String,
    /// `int` as a parameter, `Integer` as a return type.
    Int,
    /// `long` as a parameter, `Long` as a return type.
    Long,
    /// `boolean` as a parameter, `Boolean` as a return type.
    Boolean,
    /// `double` as a parameter, `Double` as a return type.
    Double,
    /// `void`: a result Flow never reads (return types only).
    Void,
    /// `com.example.Order`: `long id`, `String last4`, `Long amountCents`, `List<String> items`.
    Order,
    /// `com.example.Receipt`: `long orderId`, `String status`.
    Receipt,
    /// `List<String>` (Flow passes the erased `List.class`).
    StringList,
    /// `Map<String, Long>` (Flow passes the erased `Map.class`).
    LongMap,
}

impl JavaType {
    /// The harness's name for this type.
    pub fn name(self) -> &'static str {
        match self {
            JavaType::String => "string",
            JavaType::Int => "int",
            JavaType::Long => "long",
            JavaType::Boolean => "boolean",
            JavaType::Double => "double",
            JavaType::Void => "void",
            JavaType::Order => "order",
            JavaType::Receipt => "receipt",
            JavaType::StringList => "string_list",
            JavaType::LongMap => "long_map",
        }
    }
}

/// A Java value for the harness to encode, built as Java code would build it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum JavaArg {
    /// A `String`.
    String(String),
    /// An `Integer` (an `int` argument, boxed into the `Object[]`).
    Int(i32),
    /// A `Long` (a `long` argument, boxed).
    Long(i64),
    /// A `Boolean`.
    Boolean(bool),
    /// A `Double`.
    Double(f64),
    /// `null`.
    Null,
    /// A `com.example.Order` with these properties (its plain JSON form; absent ones are
    /// `0`/`null`).
    Order(Value),
    /// A `com.example.Receipt` with these properties.
    Receipt(Value),
    /// An `ArrayList<String>`.
    StringList(Vec<String>),
    /// A `HashMap<String, Long>`.
    LongMap(BTreeMap<String, i64>),
}

impl JavaArg {
    /// The harness's `{"type":T,"value":V}` form.
    fn to_request(&self) -> Value {
        let (ty, value) = match self {
            JavaArg::String(s) => ("string", json!(s)),
            JavaArg::Int(n) => ("int", json!(n)),
            JavaArg::Long(n) => ("long", json!(n)),
            JavaArg::Boolean(b) => ("boolean", json!(b)),
            JavaArg::Double(d) => ("double", json!(d)),
            JavaArg::Null => ("null", Value::Null),
            JavaArg::Order(v) => ("order", v.clone()),
            JavaArg::Receipt(v) => ("receipt", v.clone()),
            JavaArg::StringList(items) => ("string_list", json!(items)),
            JavaArg::LongMap(map) => ("long_map", json!(map)),
        };
        json!({"type": ty, "value": value})
    }
}

/// A value as Java holds it after Flow decoded it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JavaValue {
    /// Its runtime class, e.g. `java.lang.Long`; `None` for `null`.
    pub class: Option<String>,
    /// It as plain JSON (Jackson without type information).
    pub value: Value,
    /// What Flow's converter writes for it (shows the Java types inside collections, e.g.
    /// `["java.util.HashMap",{"k":["java.lang.Long",5]}]`).
    pub to_data: String,
}

/// A `Throwable` as a Flow decider decodes it from a failure's details.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JavaThrowable {
    /// Its class, e.g. `com.example.DeclinedException`.
    pub class: String,
    /// `getMessage()`.
    pub message: Option<String>,
    /// The class of `getCause()`, if any.
    pub cause: Option<String>,
    /// Its public instance fields, as plain JSON.
    pub fields: Map<String, Value>,
}

/// The harness process and the pipes to it.
#[derive(Debug)]
struct Process {
    child: Child,
    stdin: ChildStdin,
    /// Lines of the harness's stdout; disconnected when it closes stdout.
    lines: Receiver<std::io::Result<String>>,
    /// Disconnected once the harness's stderr has ended.
    stderr_done: Receiver<()>,
}

/// A running `FlowHarness` (see the [module docs](self)). Requests are answered one at a time;
/// the methods take `&self`, so tests can share one process ([`FlowJava::shared`]).
///
/// Every method panics, with the harness's stderr, when the harness dies, does not answer
/// within [`REPLY_TIMEOUT`], or does not understand the request.
#[derive(Debug)]
pub struct FlowJava {
    process: Mutex<Process>,
    stderr: Arc<Mutex<String>>,
    jackson: String,
    java: String,
}

#[derive(Deserialize)]
struct Ready {
    jackson: String,
    java: String,
}

impl FlowJava {
    /// Starts `java -cp $SWF_FLOW_JAVA_CLASSPATH FlowHarness` and waits (at most
    /// [`START_TIMEOUT`]) until it is ready.
    ///
    /// Panics when [`CLASSPATH_VAR`] is not set, `java` cannot be started, or the harness does
    /// not become ready; the message says why.
    pub fn start() -> FlowJava {
        let Some(classpath) = std::env::var_os(CLASSPATH_VAR) else {
            panic!(
                "{CLASSPATH_VAR} is not set: it must name the compiled tests/java classes and \
                 the Jackson jars. Run `.ci/flow-java.sh`, which installs Java and Jackson, \
                 compiles the harness and sets it"
            );
        };
        FlowJava::start_with(&classpath)
    }

    /// Starts `java -cp <classpath> FlowHarness` and waits (at most [`START_TIMEOUT`]) until it
    /// is ready.
    ///
    /// Panics when `java` cannot be started or the harness does not become ready; the message
    /// carries the harness's stderr.
    pub fn start_with(classpath: &OsStr) -> FlowJava {
        let mut child = Command::new("java")
            // A small, short-lived program: start fast on a shared machine.
            .args(["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"])
            .arg(classpath)
            .arg("FlowHarness")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start java (is a JDK on PATH?): {e}"));
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr_pipe = child.stderr.take().expect("piped stderr");

        let (line_tx, lines) = sync_channel(1);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if line_tx.send(line).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (stderr_tx, stderr_done) = sync_channel::<()>(0);
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut pipe = stderr_pipe;
            let mut chunk = [0u8; 4096];
            // Kept as it arrives, so a harness that hangs still shows what it said.
            while let Ok(n @ 1..) = pipe.read(&mut chunk) {
                lock(&sink).push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
            drop(stderr_tx);
        });

        let mut process = Process {
            child,
            stdin,
            lines,
            stderr_done,
        };
        let ready = match receive(&mut process, &stderr, START_TIMEOUT) {
            Ok(line) => line,
            Err(why) => panic!("FlowHarness did not start: {why}"),
        };
        let ready: Ready = serde_json::from_str(&ready).unwrap_or_else(|e| {
            panic!("FlowHarness's first line is not its ready line ({e}): {ready}")
        });
        FlowJava {
            process: Mutex::new(process),
            stderr,
            jackson: ready.jackson,
            java: ready.java,
        }
    }

    /// One harness for the whole test binary, started on first use. It ends with the test
    /// process: the harness exits when its stdin closes.
    pub fn shared() -> &'static FlowJava {
        static SHARED: OnceLock<FlowJava> = OnceLock::new();
        SHARED.get_or_init(FlowJava::start)
    }

    /// The Jackson version the harness runs, e.g. `2.14.0`.
    pub fn jackson_version(&self) -> &str {
        &self.jackson
    }

    /// The Java version the harness runs, e.g. `17.0.15`.
    pub fn java_version(&self) -> &str {
        &self.java
    }

    /// What a Flow decider sends as the input of an activity called with `args`:
    /// `toData(Object[] args)`.
    pub fn encode_args(&self, args: &[JavaArg]) -> String {
        let args: Vec<Value> = args.iter().map(JavaArg::to_request).collect();
        self.data(json!({"op": "encode_args", "args": args}))
    }

    /// What a Flow worker sends as the result of an activity that returned `value`:
    /// `toData(value)`.
    pub fn encode_result(&self, value: &JavaArg) -> String {
        let mut request = value.to_request();
        request["op"] = json!("encode_result");
        self.data(request)
    }

    /// The details a Flow worker sends when its activity throws the exception `class` (built
    /// with its `(String message)` constructor, then its public `fields` set): `toData(e)`. The
    /// stack trace is emptied so the result is exact; a real worker's has its frames.
    pub fn encode_failure(&self, class: &str, message: &str, fields: Value) -> String {
        self.data(json!({
            "op": "encode_failure",
            "class": class,
            "message": message,
            "fields": fields,
        }))
    }

    /// What a Flow decider that declared the return type `ty` reads from the result `data`:
    /// `fromData(data, ty)` (never read for [`JavaType::Void`]). `Err` is Jackson's refusal,
    /// `"<exception class>: <message>"`.
    pub fn decode_result(&self, ty: JavaType, data: &str) -> Result<JavaValue, String> {
        let reply =
            self.request(json!({"op": "decode_result", "type": ty.name(), "data": data}))?;
        Ok(parse(reply))
    }

    /// What a Flow decider reads from a failure's `details`: `fromData(details,
    /// Throwable.class)`, the cause it gives workflow code in `ActivityTaskFailedException`.
    /// `Ok(None)` when the details decode to `null`; `Err` is Jackson's refusal (the decider
    /// then throws `DataConverterException` instead).
    pub fn decode_failure(&self, details: &str) -> Result<Option<JavaThrowable>, String> {
        let reply = self.request(json!({"op": "decode_failure", "details": details}))?;
        if reply.get("class").is_some_and(Value::is_null) {
            return Ok(None);
        }
        Ok(Some(parse(reply)))
    }

    /// [`decode_failure`](Self::decode_failure) of each of `details`, in one request (so a
    /// property test can check thousands through one JVM).
    pub fn decode_failures(
        &self,
        details: &[String],
    ) -> Vec<Result<Option<JavaThrowable>, String>> {
        let reply = self
            .request(json!({"op": "decode_failures", "details": details}))
            .unwrap_or_else(|e| panic!("FlowHarness refused a batch of details: {e}"));
        let Some(Value::Array(results)) = reply.get("results") else {
            panic!("FlowHarness answered a batch without results: {reply}");
        };
        assert_eq!(results.len(), details.len(), "one result per details");
        results
            .iter()
            .map(|result| match result.get("error") {
                Some(Value::String(error)) => Err(error.clone()),
                _ if result.get("class").is_some_and(Value::is_null) => Ok(None),
                _ => Ok(Some(parse(result.clone()))),
            })
            .collect()
    }

    /// What a Flow worker passes to an activity method with parameter types `types` for the
    /// input `data`: `fromData(data, Object[].class)`, missing trailing arguments filled with
    /// defaults (extra ones dropped), then each argument converted as `Method.invoke` does.
    /// `Err` is the refusal of Jackson or of the reflective call.
    pub fn decode_input(&self, data: &str, types: &[JavaType]) -> Result<Vec<JavaValue>, String> {
        let types: Vec<&str> = types.iter().map(|t| t.name()).collect();
        let reply = self.request(json!({"op": "decode_input", "data": data, "types": types}))?;
        #[derive(Deserialize)]
        struct Args {
            args: Vec<JavaValue>,
        }
        Ok(parse::<Args>(reply).args)
    }

    /// A request whose reply is `{"data": S}`; a refusal is a bug in the test.
    fn data(&self, request: Value) -> String {
        let reply = self
            .request(request.clone())
            .unwrap_or_else(|e| panic!("Flow's converter refused to encode {request}: {e}"));
        match reply.get("data") {
            Some(Value::String(data)) => data.clone(),
            _ => panic!("FlowHarness answered {request} without data: {reply}"),
        }
    }

    /// Sends one request and returns the reply; `Err` is the harness's `error`.
    fn request(&self, request: Value) -> Result<Value, String> {
        let mut process = lock(&self.process);
        let sent = writeln!(process.stdin, "{request}").and_then(|()| process.stdin.flush());
        if let Err(e) = sent {
            panic!(
                "{}",
                died(&mut process, &self.stderr, &format!("write: {e}"))
            );
        }
        let line = match receive(&mut process, &self.stderr, REPLY_TIMEOUT) {
            Ok(line) => line,
            Err(why) => panic!("FlowHarness failed on {request}: {why}"),
        };
        let reply: Value = serde_json::from_str(&line).unwrap_or_else(|e| {
            panic!("FlowHarness answered {request} with non-JSON ({e}): {line}")
        });
        if let Some(bug) = reply.get("protocol_error") {
            panic!(
                "FlowHarness did not understand {request}:\n{}",
                bug.as_str().unwrap_or_default()
            );
        }
        match reply.get("error") {
            Some(Value::String(error)) => Err(error.clone()),
            Some(other) => panic!("FlowHarness answered {request} with a non-string error {other}"),
            None => Ok(reply),
        }
    }
}

impl Drop for FlowJava {
    fn drop(&mut self) {
        let process = self.process.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = process.child.kill();
        let _ = process.child.wait();
    }
}

/// A reply as `T`; panics with the reply when it does not fit.
fn parse<T: for<'de> Deserialize<'de>>(reply: Value) -> T {
    serde_json::from_value(reply.clone())
        .unwrap_or_else(|e| panic!("unexpected FlowHarness reply ({e}): {reply}"))
}

/// The next stdout line within `timeout`; `Err` says what went wrong, with the harness's stderr.
fn receive(
    process: &mut Process,
    stderr: &Mutex<String>,
    timeout: Duration,
) -> Result<String, String> {
    match process.lines.recv_timeout(timeout) {
        Ok(Ok(line)) => Ok(line),
        Ok(Err(e)) => Err(died(process, stderr, &format!("read: {e}"))),
        Err(RecvTimeoutError::Disconnected) => Err(died(process, stderr, "it closed stdout")),
        Err(RecvTimeoutError::Timeout) => {
            let _ = process.child.kill();
            Err(died(
                process,
                stderr,
                &format!("no answer within {timeout:?}; killed"),
            ))
        }
    }
}

/// Describes a harness that stopped answering: why, its exit status and its stderr.
fn died(process: &mut Process, stderr: &Mutex<String>, why: &str) -> String {
    // stderr ends when the process does; wait for it so the message carries all of it.
    let _ = process.stderr_done.recv_timeout(STDERR_TIMEOUT);
    let status = match process.child.try_wait() {
        Ok(Some(status)) => status.to_string(),
        Ok(None) => "still running".to_owned(),
        Err(e) => format!("unknown ({e})"),
    };
    format!("{why}; exit status: {status}; stderr:\n{}", lock(stderr))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test that panicked while holding the lock must not hide later failures.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
