//! `--seed-file`: domains and types registered at start, written as SWF's own requests
//! (`RegisterDomain`, `RegisterActivityType`, `RegisterWorkflowType`), sent through a client so
//! that they are checked exactly as any caller's.
//!
//! The file is JSON, or YAML when its name ends in `.yaml` or `.yml`: by the name rather than
//! by sniffing, since JSON is also YAML and a JSON file's errors should read as JSON's. In YAML a
//! bare number (`workflowExecutionRetentionPeriodInDays: 1`) stands for its text, as a YAML
//! writer expects; every value in these three requests is a string in SWF's shapes.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use swf_activity::model::{RegisterActivityType, RegisterDomain, RegisterWorkflowType};
use swf_activity::testing::LocalSwf;

/// The file: three lists of requests, each optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedFile {
    #[serde(default)]
    domains: Vec<Value>,
    #[serde(default)]
    activity_types: Vec<Value>,
    #[serde(default)]
    workflow_types: Vec<Value>,
}

/// Reads the seed file at `path` and registers what it holds, domains first; the first
/// problem is an error naming the file, the list and the entry.
pub(crate) async fn apply(swf: &LocalSwf, path: &Path) -> Result<(), String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the seed file {shown}: {e}"))?;
    let seed = if is_yaml(path) {
        // serde_norway's messages end with the line and column of the problem.
        let mut seed: SeedFile = serde_norway::from_str(&text)
            .map_err(|e| format!("the seed file {shown} is not a YAML seed file: {e}"))?;
        for entry in seed
            .domains
            .iter_mut()
            .chain(&mut seed.activity_types)
            .chain(&mut seed.workflow_types)
        {
            numbers_as_text(entry);
        }
        seed
    } else {
        serde_json::from_str(&text)
            .map_err(|e| format!("the seed file {shown} is not a seed file: {e}"))?
    };
    let client = &swf.client();
    register(
        &seed.domains,
        &shown,
        "domains",
        |r: RegisterDomain| async move { client.register_domain(&r).await },
    )
    .await?;
    register(
        &seed.activity_types,
        &shown,
        "activityTypes",
        |r: RegisterActivityType| async move { client.register_activity_type(&r).await },
    )
    .await?;
    register(
        &seed.workflow_types,
        &shown,
        "workflowTypes",
        |r: RegisterWorkflowType| async move { client.register_workflow_type(&r).await },
    )
    .await?;
    tracing::info!(
        domains = seed.domains.len(),
        activity_types = seed.activity_types.len(),
        workflow_types = seed.workflow_types.len(),
        file = %shown,
        "seeded"
    );
    Ok(())
}

/// Whether the file at `path` is read as YAML: its name ends in `.yaml` or `.yml`.
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Replaces every number in `value` by its text: YAML reads `30` as a number where SWF's
/// request shapes want `"30"`.
fn numbers_as_text(value: &mut Value) {
    match value {
        Value::Number(n) => *value = Value::String(n.to_string()),
        Value::Array(items) => items.iter_mut().for_each(numbers_as_text),
        Value::Object(members) => members.values_mut().for_each(numbers_as_text),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// Sends each entry of the list `list` as a request with `send`, in order; the first failure
/// names the file, the list and the entry.
async fn register<T, F, Fut>(
    entries: &[Value],
    shown: &impl std::fmt::Display,
    list: &str,
    send: F,
) -> Result<(), String>
where
    T: DeserializeOwned + serde::Serialize,
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = Result<(), swf_activity::Error>>,
{
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("{shown}: {list}[{i}]");
        send(request(entry, &at)?)
            .await
            .map_err(|e| format!("{at}: {e}"))?;
    }
    Ok(())
}

/// One request of the file. A member the request shape does not have (a typo, which would
/// otherwise be ignored) is an error.
fn request<T: DeserializeOwned + serde::Serialize>(entry: &Value, at: &str) -> Result<T, String> {
    let request: T = serde_json::from_value(entry.clone()).map_err(|e| format!("{at}: {e}"))?;
    if let (Value::Object(given), Ok(Value::Object(read))) = (entry, serde_json::to_value(&request))
        && let Some(unknown) = given
            .iter()
            .find(|(k, v)| !v.is_null() && !read.contains_key(*k))
            .map(|(k, _)| k)
    {
        return Err(format!("{at}: unknown member `{unknown}`"));
    }
    Ok(request)
}
