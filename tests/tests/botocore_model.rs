//! The client against SWF's service model as botocore publishes it
//! (`botocore/data/swf/2012-01-25/service-2.json`, gzipped in recent releases), black-box:
//! everything Rust-side goes through `swf_activity::testing::model_registry`, which reaches
//! each operation through the same `Operation` implementation the client sends with.
//!
//! For every operation of the model: the client has it; a request and an answer with every
//! member set (nested structures and lists included) round-trip through the Rust types with
//! nothing lost or added; removing a required member makes deserialization fail and removing an
//! optional one does not; every value of every enumeration the Rust types reach is a known
//! variant; and every `min`/`max` on a request's strings, lists and integers is the client's
//! own limit: the value at the limit validates, one past it is refused with a message naming
//! the member. The rules crate's constants are checked against the model's shapes of the same
//! meaning, and every paginator of `paginators-1.json` against a `*_all` method.
//!
//! Limits are checked on requests, which the client validates before sending; answers are read
//! as SWF sends them. The differences the crate makes on purpose are in [`DELIBERATE`], each
//! with its reason; any other difference fails, naming the shape and member.
//!
//! Needs botocore: `.ci/moto.sh` pins it in the moto virtualenv and runs this test with
//! `SWF_BOTOCORE_PYTHON` pointing at that virtualenv's Python.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};

use serde_json::{Map, Value, json};
use swf_activity::rules;
use swf_activity::testing::model_registry::{self, OperationEntry};

/// Prints botocore's version, the SWF model and its paginators, as JSON.
const SCRIPT: &str = r#"
import json, botocore, botocore.loaders
loader = botocore.loaders.Loader()
print(json.dumps({
    "botocore": botocore.__version__,
    "model": loader.load_service_model("swf", "service-2", "2012-01-25"),
    "paginators": loader.load_service_model("swf", "paginators-1", "2012-01-25"),
}))
"#;

/// What kind of difference a deliberate one excuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The member is not modeled: dropped when deserializing.
    Lost,
    /// Removing a required member does not make deserialization fail.
    NotRequired,
}

/// A difference from the model the crate makes on purpose: shape, member (a trailing `*`
/// matches any member with that prefix; a leading `*` any with that suffix), kind, reason.
struct Deliberate {
    shape: &'static str,
    member: &'static str,
    kind: Kind,
    reason: &'static str,
}

const DELIBERATE: &[Deliberate] = &[
    Deliberate {
        shape: "ActivityTask",
        member: "taskToken",
        kind: Kind::NotRequired,
        reason: "a poll answer without a task token is SWF's way of saying no task arrived: \
                 the client reads it as `None`",
    },
    Deliberate {
        shape: "DecisionTask",
        member: "taskToken",
        kind: Kind::NotRequired,
        reason: "a poll answer without a task token is SWF's way of saying no task arrived: \
                 the client reads it as `None`",
    },
];

fn deliberate(shape: &str, member: &str, kind: Kind) -> bool {
    DELIBERATE.iter().any(|d| {
        d.kind == kind
            && d.shape == shape
            && match (d.member.strip_prefix('*'), d.member.strip_suffix('*')) {
                (Some(suffix), _) => member.ends_with(suffix),
                (_, Some(prefix)) => member.starts_with(prefix),
                _ => d.member == member,
            }
    })
}

/// The model's shapes and what the checks found.
struct Checker<'a> {
    shapes: &'a Map<String, Value>,
    failures: Vec<String>,
    /// `(shape, member)` pairs the Rust types drop (deliberately).
    lost: BTreeSet<(String, String)>,
    /// Enumerations reached through members the Rust types keep.
    enums_reached: BTreeSet<String>,
    /// How many members had their required flag checked.
    required_checked: usize,
    /// How many limit probes ran.
    probes: usize,
}

/// One step of a path into a sample: a structure's member or a list's first element.
#[derive(Debug, Clone)]
enum Step {
    Member { shape: String, name: String },
    First,
}

fn path_text(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Member { name, .. } => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(name);
            }
            Step::First => text.push_str("[0]"),
        }
    }
    if text.is_empty() {
        text.push_str("top level");
    }
    text
}

impl<'a> Checker<'a> {
    fn shape(&self, name: &str) -> &'a Value {
        self.shapes
            .get(name)
            .unwrap_or_else(|| panic!("the model has no shape {name}"))
    }

    fn members(&self, shape: &str) -> Vec<(String, String, bool)> {
        let s = self.shape(shape);
        let required: BTreeSet<&str> = s["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        s["members"]
            .as_object()
            .map(|members| {
                members
                    .iter()
                    .map(|(name, m)| {
                        let target = m["shape"].as_str().expect("member shape").to_owned();
                        (name.clone(), target, required.contains(name.as_str()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn list_member(&self, shape: &str) -> String {
        self.shape(shape)["member"]["shape"]
            .as_str()
            .expect("list member shape")
            .to_owned()
    }

    fn kind(&self, shape: &str) -> &'a str {
        self.shape(shape)["type"].as_str().expect("shape type")
    }

    /// A value of `shape` with every member set, lists of one element.
    fn full(&self, shape: &str, depth: usize) -> Value {
        assert!(depth < 20, "{shape}: the model nests deeper than expected");
        let s = self.shape(shape);
        match self.kind(shape) {
            "structure" => Value::Object(
                self.members(shape)
                    .into_iter()
                    .map(|(name, target, _)| (name, self.full(&target, depth + 1)))
                    .collect(),
            ),
            "list" => json!([self.full(&self.list_member(shape), depth + 1)]),
            "string" => match s["enum"].as_array() {
                Some(values) => values[0].clone(),
                None => json!(format!("{shape}-value")),
            },
            "integer" | "long" => json!(s["min"].as_i64().unwrap_or(0).max(1)),
            "boolean" => json!(true),
            "timestamp" => json!(1_700_000_000.5),
            other => panic!("{shape}: shape type {other} is not handled"),
        }
    }

    /// A valid value of `shape` with only its required members.
    fn minimal(&self, shape: &str) -> Value {
        let s = self.shape(shape);
        match self.kind(shape) {
            "structure" => Value::Object(
                self.members(shape)
                    .into_iter()
                    .filter(|(_, _, required)| *required)
                    .map(|(name, target, _)| (name, self.minimal(&target)))
                    .collect(),
            ),
            "list" => json!([]),
            "string" => match s["enum"].as_array() {
                Some(values) => values[0].clone(),
                None => valid_string(shape, s["min"].as_u64().unwrap_or(1).max(1)),
            },
            "integer" | "long" => json!(s["min"].as_i64().unwrap_or(0)),
            "boolean" => json!(false),
            "timestamp" => json!(1_700_000_000.0),
            other => panic!("{shape}: shape type {other} is not handled"),
        }
    }

    /// Compares what came back from a round trip with what went in, recording lost members
    /// and the enumerations reached.
    fn compare(&mut self, shape: &str, sent: &Value, got: &Value, path: &str) {
        match self.kind(shape) {
            "structure" => {
                let empty = Map::new();
                let got = got.as_object().unwrap_or(&empty);
                for (name, target, _) in self.members(shape) {
                    let Some(value) = sent.get(&name) else {
                        continue;
                    };
                    match got.get(&name) {
                        Some(back) => self.compare(&target, value, back, &format!("{path}.{name}")),
                        None if deliberate(shape, &name, Kind::Lost) => {
                            self.lost.insert((shape.to_owned(), name));
                        }
                        None => self.failures.push(format!(
                            "{shape}.{name}: lost in a round trip through the Rust type (at {path})"
                        )),
                    }
                }
                for name in got.keys() {
                    if sent.get(name).is_none() {
                        self.failures.push(format!(
                            "{shape}.{name}: the Rust type writes a member the model does not \
                             have (at {path})"
                        ));
                    }
                }
            }
            "list" => {
                let member = self.list_member(shape);
                match (sent.as_array(), got.as_array()) {
                    (Some(sent), Some(got)) if sent.len() == got.len() => {
                        for (i, (s, g)) in sent.iter().zip(got).enumerate() {
                            self.compare(&member, s, g, &format!("{path}[{i}]"));
                        }
                    }
                    _ => self.failures.push(format!(
                        "{shape} at {path}: sent {}, got {}",
                        short(sent),
                        short(got)
                    )),
                }
            }
            _ => {
                if self.shape(shape).get("enum").is_some() {
                    self.enums_reached.insert(shape.to_owned());
                }
                if sent != got {
                    self.failures
                        .push(format!("{shape} at {path}: sent {sent}, got {got} back"));
                }
            }
        }
    }

    /// Every structure in `value` (a sample of `shape`) with its path, through kept members.
    fn structures(
        &self,
        shape: &str,
        value: &Value,
        path: Vec<Step>,
        out: &mut Vec<(Vec<Step>, String)>,
    ) {
        match self.kind(shape) {
            "structure" => {
                out.push((path.clone(), shape.to_owned()));
                for (name, target, _) in self.members(shape) {
                    if self.lost.contains(&(shape.to_owned(), name.clone())) {
                        continue;
                    }
                    if let Some(v) = value.get(&name) {
                        let mut p = path.clone();
                        p.push(Step::Member {
                            shape: shape.to_owned(),
                            name,
                        });
                        self.structures(&target, v, p, out);
                    }
                }
            }
            "list" => {
                if let Some(first) = value.get(0) {
                    let mut p = path;
                    p.push(Step::First);
                    self.structures(&self.list_member(shape), first, p, out);
                }
            }
            _ => {}
        }
    }

    /// Checks the required flags of every structure reached from `root` (a full sample of
    /// `shape`), each `(shape, member)` once.
    fn check_required(
        &mut self,
        op: &str,
        shape: &str,
        root: &Value,
        round_trip: fn(&Value) -> Result<Value, String>,
        done: &mut BTreeSet<(String, String)>,
    ) {
        let mut found = Vec::new();
        self.structures(shape, root, Vec::new(), &mut found);
        // What the full sample comes back as: members dropped on purpose are not in it.
        let Ok(root_back) = round_trip(root) else {
            return;
        };
        for (path, owner) in found {
            for (name, _, required) in self.members(&owner) {
                if self.lost.contains(&(owner.clone(), name.clone()))
                    || !done.insert((owner.clone(), name.clone()))
                {
                    continue;
                }
                let mut sample = root.clone();
                let Some(object) = at_mut(&mut sample, &path).and_then(Value::as_object_mut) else {
                    continue;
                };
                if object.remove(&name).is_none() {
                    continue;
                }
                let result = round_trip(&sample);
                self.required_checked += 1;
                let at = format!("{op}: {}", path_text(&path));
                match (required, result) {
                    (true, Ok(back)) => {
                        if !deliberate(&owner, &name, Kind::NotRequired) {
                            self.failures.push(format!(
                                "{owner}.{name}: required, but a value without it deserializes \
                                 ({at}): {}",
                                short(&back)
                            ));
                        }
                    }
                    (true, Err(_)) => {}
                    (false, Ok(back)) => {
                        let mut expected = root_back.clone();
                        if let Some(object) =
                            at_mut(&mut expected, &path).and_then(Value::as_object_mut)
                        {
                            object.remove(&name);
                        }
                        if back != expected {
                            self.failures.push(format!(
                                "{owner}.{name}: without it, the round trip changes the value \
                                 ({at}): {}",
                                short(&back)
                            ));
                        }
                    }
                    (false, Err(e)) => self.failures.push(format!(
                        "{owner}.{name}: optional, but a value without it does not deserialize \
                         ({at}): {e}"
                    )),
                }
            }
        }
    }

    /// Every `min`/`max` on the strings, lists and integers of a request, each checked at the
    /// limit and one past it.
    fn check_constraints(&mut self, entry: &OperationEntry, input: &str) {
        let base = self.minimal(input);
        if let Err(e) = (entry.validate)(&base) {
            self.failures.push(format!(
                "{input}: a request with only its required members is refused: {e} ({base})"
            ));
            return;
        }
        let mut leaves = Vec::new();
        self.constrained(input, Vec::new(), &mut leaves, 0);
        for (path, target) in leaves {
            let Some(Step::Member { shape: owner, name }) = path
                .iter()
                .rev()
                .find(|s| matches!(s, Step::Member { .. }))
                .cloned()
            else {
                continue;
            };
            let s = self.shape(&target);
            let (min, max) = (s["min"].as_i64(), s["max"].as_i64());
            let mut probes = Vec::new();
            if let Some(max) = max {
                probes.push((max, true, "max"));
                probes.push((max + 1, false, "max + 1"));
            }
            match min {
                Some(min) if min > 0 || self.kind(&target) != "string" => {
                    probes.push((min, true, "min"));
                    if self.kind(&target) != "string" || min > 0 {
                        probes.push((min - 1, false, "min - 1"));
                    }
                }
                _ => {}
            }
            for (n, valid, label) in probes {
                let Some(value) = self.value_of_size(&target, n) else {
                    continue;
                };
                let mut request = base.clone();
                self.set(&mut request, input, &path, value);
                let result = (entry.validate)(&request);
                self.probes += 1;
                let at = format!(
                    "{}.{} ({input} at {}, {label} = {n})",
                    owner,
                    name,
                    path_text(&path)
                );
                match (valid, result) {
                    (true, Ok(())) => {}
                    (true, Err(e)) => self.failures.push(format!(
                        "{at}: the model allows it, the client refuses it: {e}"
                    )),
                    (false, Ok(())) => self
                        .failures
                        .push(format!("{at}: the model refuses it, the client sends it")),
                    (false, Err(e)) => {
                        if !e.contains(&name) {
                            self.failures.push(format!(
                                "{at}: refused, but the message does not name `{name}`: {e}"
                            ));
                        }
                    }
                }
            }
        }
    }

    /// The paths of constrained leaves under `shape`, through kept members.
    fn constrained(
        &self,
        shape: &str,
        path: Vec<Step>,
        out: &mut Vec<(Vec<Step>, String)>,
        depth: usize,
    ) {
        if depth > 12 {
            return;
        }
        let s = self.shape(shape);
        let limited = s.get("min").is_some() || s.get("max").is_some();
        match self.kind(shape) {
            "structure" => {
                for (name, target, _) in self.members(shape) {
                    if self.lost.contains(&(shape.to_owned(), name.clone())) {
                        continue;
                    }
                    let mut p = path.clone();
                    p.push(Step::Member {
                        shape: shape.to_owned(),
                        name,
                    });
                    self.constrained(&target, p, out, depth + 1);
                }
            }
            "list" => {
                if limited {
                    out.push((path.clone(), shape.to_owned()));
                }
                let mut p = path;
                p.push(Step::First);
                self.constrained(&self.list_member(shape), p, out, depth + 1);
            }
            "string" | "integer" | "long" if limited => out.push((path, shape.to_owned())),
            _ => {}
        }
    }

    /// A value of `shape` of size `n` (a string's length, a list's length, an integer itself),
    /// otherwise valid; `None` when there is no such value.
    fn value_of_size(&self, shape: &str, n: i64) -> Option<Value> {
        match self.kind(shape) {
            "string" => Some(valid_string(shape, u64::try_from(n).ok()?)),
            "integer" | "long" => Some(json!(n)),
            "list" => {
                let member = self.list_member(shape);
                let n = usize::try_from(n).ok()?;
                Some(Value::Array(vec![self.minimal(&member); n]))
            }
            _ => None,
        }
    }

    /// Sets the member at `path` of `request` (a sample of `shape`), making the structures
    /// and lists on the way with their required members. A `Decision` on the way gets the
    /// `decisionType` its attributes member names, as SWF requires.
    fn set(&self, request: &mut Value, shape: &str, path: &[Step], value: Value) {
        let Some((step, rest)) = path.split_first() else {
            *request = value;
            return;
        };
        match step {
            Step::Member { name, .. } => {
                let target = self
                    .members(shape)
                    .into_iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, t, _)| t)
                    .expect("member of the path");
                if shape == "Decision"
                    && let Some(kind) = name.strip_suffix("DecisionAttributes")
                {
                    let mut chars = kind.chars();
                    let kind: String = chars
                        .next()
                        .map(|c| c.to_ascii_uppercase())
                        .into_iter()
                        .chain(chars)
                        .collect();
                    request["decisionType"] = json!(kind);
                }
                let object = request.as_object_mut().expect("a structure");
                let child = object
                    .entry(name.clone())
                    .or_insert_with(|| self.minimal(&target));
                self.set(child, &target, rest, value);
            }
            Step::First => {
                let member = self.list_member(shape);
                let list = request.as_array_mut().expect("a list");
                if list.is_empty() {
                    list.push(self.minimal(&member));
                }
                self.set(&mut list[0], &member, rest, value);
            }
        }
    }
}

/// A string of `len` characters valid for `shape`: digits for durations, `a`s otherwise.
fn valid_string(shape: &str, len: u64) -> Value {
    let len = usize::try_from(len).expect("length");
    let c = if shape.starts_with("DurationIn") || shape == "TaskPriority" {
        "9"
    } else {
        "a"
    };
    json!(c.repeat(len))
}

/// A value's JSON, cut for a failure message.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(300) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text,
    }
}

fn at_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut at = value;
    for step in path {
        at = match step {
            Step::Member { name, .. } => at.get_mut(name)?,
            Step::First => at.get_mut(0)?,
        };
    }
    Some(at)
}

fn botocore() -> Value {
    let Some(python) = std::env::var_os("SWF_BOTOCORE_PYTHON") else {
        panic!(
            "SWF_BOTOCORE_PYTHON is not set: it must name a Python with botocore. Run \
             `.ci/moto.sh`, which sets it to the moto virtualenv's"
        );
    };
    let output = Command::new(&python)
        .args(["-c", SCRIPT])
        .env_clear()
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", python.to_string_lossy()));
    assert!(
        output.status.success(),
        "botocore's model could not be read ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

#[test]
#[ignore = "needs botocore: run .ci/moto.sh, which sets SWF_BOTOCORE_PYTHON"]
fn the_client_matches_botocores_swf_model() {
    let truth = botocore();
    let model = &truth["model"];
    let shapes = model["shapes"].as_object().expect("shapes");
    let operations = model["operations"].as_object().expect("operations");
    let mut c = Checker {
        shapes,
        failures: Vec::new(),
        lost: BTreeSet::new(),
        enums_reached: BTreeSet::new(),
        required_checked: 0,
        probes: 0,
    };

    // Every operation, and nothing else.
    let registry: BTreeMap<&str, OperationEntry> = model_registry::operations()
        .into_iter()
        .map(|e| (e.name, e))
        .collect();
    for name in operations.keys() {
        if !registry.contains_key(name.as_str()) {
            c.failures
                .push(format!("{name}: the client does not have the operation"));
        }
    }
    for name in registry.keys() {
        if !operations.contains_key(*name) {
            c.failures.push(format!(
                "{name}: the client has an operation the model does not"
            ));
        }
    }

    // Members and required flags, inputs and outputs.
    let mut done = BTreeSet::new();
    for (name, op) in operations {
        let Some(entry) = registry.get(name.as_str()) else {
            continue;
        };
        let input = op["input"]["shape"].as_str().expect("input shape");
        let sample = c.full(input, 0);
        match (entry.input)(&sample) {
            Ok(back) => c.compare(input, &sample, &back, name),
            Err(e) => c.failures.push(format!(
                "{input}: a request with every member set does not deserialize: {e}"
            )),
        }
        c.check_required(name, input, &sample, entry.input, &mut done);
        match (op["output"]["shape"].as_str(), entry.output) {
            (Some(output), Some(round_trip)) => {
                let sample = c.full(output, 0);
                match round_trip(&sample) {
                    Ok(back) => c.compare(output, &sample, &back, name),
                    Err(e) => c.failures.push(format!(
                        "{output}: an answer with every member set does not deserialize: {e}"
                    )),
                }
                c.check_required(name, output, &sample, round_trip, &mut done);
            }
            (None, None) => {}
            (Some(output), None) => c.failures.push(format!(
                "{name}: the model's answer is {output}, the client ignores the answer"
            )),
            (None, Some(_)) => c.failures.push(format!(
                "{name}: the model has no answer, the client expects one"
            )),
        }
    }

    // Lengths and ranges of every request.
    for (name, op) in operations {
        if let Some(entry) = registry.get(name.as_str()) {
            let input = op["input"]["shape"].as_str().expect("input shape");
            c.check_constraints(entry, input);
        }
    }

    // Enumerations: every value of every enumeration a kept member reaches is known.
    let enums: BTreeMap<&str, _> = model_registry::enums()
        .into_iter()
        .map(|e| (e.name, e.known))
        .collect();
    for (shape, s) in shapes {
        let Some(values) = s["enum"].as_array() else {
            continue;
        };
        match enums.get(shape.as_str()) {
            Some(known) => {
                for value in values.iter().filter_map(Value::as_str) {
                    match known(value) {
                        Ok(back) if back == value => {}
                        Ok(back) => c
                            .failures
                            .push(format!("{shape}: `{value}` is written back as `{back}`")),
                        Err(e) => c.failures.push(format!("{shape}: {e}")),
                    }
                }
            }
            None if c.enums_reached.contains(shape) => c.failures.push(format!(
                "{shape}: a member the Rust types keep has this enumeration, the crate does not"
            )),
            // Only members the crate deliberately does not model have it.
            None => {}
        }
    }
    for name in enums.keys() {
        if shapes.get(*name).and_then(|s| s.get("enum")).is_none() {
            c.failures.push(format!(
                "{name}: the crate has an enumeration the model does not"
            ));
        }
    }

    // The rules crate's limits are the model's.
    let limits: &[(&str, i64, &str)] = &[
        ("NAME_MAX", rules::NAME_MAX as i64, "Name"),
        ("DOMAIN_MAX", rules::DOMAIN_MAX as i64, "DomainName"),
        ("VERSION_MAX", rules::VERSION_MAX as i64, "Version"),
        ("IDENTITY_MAX", rules::IDENTITY_MAX as i64, "Identity"),
        ("TASK_TOKEN_MAX", rules::TASK_TOKEN_MAX as i64, "TaskToken"),
        ("DATA_MAX", rules::DATA_MAX as i64, "Data"),
        ("REASON_MAX", rules::REASON_MAX as i64, "FailureReason"),
        ("REASON_MAX", rules::REASON_MAX as i64, "TerminateReason"),
        (
            "LIMITED_DATA_MAX",
            rules::LIMITED_DATA_MAX as i64,
            "LimitedData",
        ),
        (
            "DESCRIPTION_MAX",
            rules::DESCRIPTION_MAX as i64,
            "Description",
        ),
        (
            "DURATION_MAX",
            rules::DURATION_MAX as i64,
            "DurationInSecondsOptional",
        ),
        (
            "DURATION_MAX",
            rules::DURATION_MAX as i64,
            "DurationInSeconds",
        ),
        ("ID_MAX", rules::ID_MAX as i64, "WorkflowId"),
        ("ID_MAX", rules::ID_MAX as i64, "ActivityId"),
        ("ID_MAX", rules::ID_MAX as i64, "TimerId"),
        ("ID_MAX", rules::ID_MAX as i64, "FunctionId"),
        ("NAME_MAX", rules::NAME_MAX as i64, "MarkerName"),
        ("NAME_MAX", rules::NAME_MAX as i64, "SignalName"),
        (
            "FUNCTION_NAME_MAX",
            rules::FUNCTION_NAME_MAX as i64,
            "FunctionName",
        ),
        ("RUN_ID_MAX", rules::RUN_ID_MAX as i64, "WorkflowRunId"),
        (
            "RUN_ID_MAX",
            rules::RUN_ID_MAX as i64,
            "WorkflowRunIdOptional",
        ),
        ("PAGE_TOKEN_MAX", rules::PAGE_TOKEN_MAX as i64, "PageToken"),
        ("PAGE_SIZE_MAX", rules::PAGE_SIZE_MAX, "PageSize"),
        ("ARN_MAX", rules::ARN_MAX as i64, "Arn"),
        ("TAG_MAX", rules::TAG_MAX as i64, "Tag"),
        ("TAG_LIST_MAX", rules::TAG_LIST_MAX as i64, "TagList"),
        (
            "RESOURCE_TAG_KEY_MAX",
            rules::RESOURCE_TAG_KEY_MAX as i64,
            "ResourceTagKey",
        ),
        (
            "RESOURCE_TAG_VALUE_MAX",
            rules::RESOURCE_TAG_VALUE_MAX as i64,
            "ResourceTagValue",
        ),
        (
            "DURATION_IN_DAYS_MAX",
            rules::DURATION_IN_DAYS_MAX as i64,
            "DurationInDays",
        ),
    ];
    for (constant, ours, shape) in limits {
        let theirs = shapes.get(*shape).and_then(|s| s["max"].as_i64());
        if theirs != Some(*ours) {
            c.failures.push(format!(
                "{shape}: the model's max is {theirs:?}, rules::{constant} is {ours}"
            ));
        }
    }

    // Every paginator has a `*_all` method (named here so the compiler checks it exists).
    let client_paginators: BTreeMap<&str, &str> = [
        (
            "GetWorkflowExecutionHistory",
            paginated(swf_activity::Client::get_workflow_execution_history_all),
        ),
        (
            "ListActivityTypes",
            paginated(swf_activity::Client::list_activity_types_all),
        ),
        (
            "ListClosedWorkflowExecutions",
            paginated(swf_activity::Client::list_closed_workflow_executions_all),
        ),
        (
            "ListDomains",
            paginated(swf_activity::Client::list_domains_all),
        ),
        (
            "ListOpenWorkflowExecutions",
            paginated(swf_activity::Client::list_open_workflow_executions_all),
        ),
        (
            "ListWorkflowTypes",
            paginated(swf_activity::Client::list_workflow_types_all),
        ),
        (
            "PollForDecisionTask",
            paginated(swf_activity::Client::poll_for_decision_task_all),
        ),
    ]
    .into_iter()
    .collect();
    let paginators = truth["paginators"]["pagination"]
        .as_object()
        .expect("pagination");
    for name in paginators.keys() {
        if !client_paginators.contains_key(name.as_str()) {
            c.failures.push(format!(
                "{name}: botocore has a paginator, the client no `*_all` method"
            ));
        }
    }

    assert!(
        c.failures.is_empty(),
        "{} differences from botocore {}'s SWF model:\n{}",
        c.failures.len(),
        truth["botocore"],
        c.failures.join("\n")
    );
    for d in DELIBERATE {
        eprintln!(
            "deliberate: {}.{} ({:?}): {}",
            d.shape, d.member, d.kind, d.reason
        );
    }
    // The checks covered what they claim.
    assert_eq!(operations.len(), 39, "SWF has 39 operations");
    assert!(c.enums_reached.len() >= 5, "{:?}", c.enums_reached);
    eprintln!(
        "{} operations, {} members' required flags, {} limit probes, {} enumerations reached",
        registry.len(),
        c.required_checked,
        c.probes,
        c.enums_reached.len()
    );
    assert!(c.required_checked >= 300, "{}", c.required_checked);
    assert!(c.probes >= 150, "{}", c.probes);
}

/// The type name of a `*_all` method, so the table above names real methods.
fn paginated<F>(_: F) -> &'static str {
    std::any::type_name::<F>()
}
