//! `--seed-file`: domains and types registered at start, written as SWF's own requests
//! (`RegisterDomain`, `RegisterActivityType`, `RegisterWorkflowType`), sent through a client so
//! that they are checked exactly as any caller's.

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
    let seed: SeedFile = serde_json::from_str(&text)
        .map_err(|e| format!("the seed file {shown} is not a seed file: {e}"))?;
    let client = swf.client();
    for (i, entry) in seed.domains.iter().enumerate() {
        let at = format!("{shown}: domains[{i}]");
        let request: RegisterDomain = request(entry, &at)?;
        client
            .register_domain(&request)
            .await
            .map_err(|e| format!("{at}: {e}"))?;
    }
    for (i, entry) in seed.activity_types.iter().enumerate() {
        let at = format!("{shown}: activityTypes[{i}]");
        let request: RegisterActivityType = request(entry, &at)?;
        client
            .register_activity_type(&request)
            .await
            .map_err(|e| format!("{at}: {e}"))?;
    }
    for (i, entry) in seed.workflow_types.iter().enumerate() {
        let at = format!("{shown}: workflowTypes[{i}]");
        let request: RegisterWorkflowType = request(entry, &at)?;
        client
            .register_workflow_type(&request)
            .await
            .map_err(|e| format!("{at}: {e}"))?;
    }
    tracing::info!(
        domains = seed.domains.len(),
        activity_types = seed.activity_types.len(),
        workflow_types = seed.workflow_types.len(),
        file = %shown,
        "seeded"
    );
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
