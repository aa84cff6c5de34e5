//! What the examples share: how they choose between the local SWF and real SWF, their logs,
//! the client for real SWF, and their one-line failures.

use std::fmt;

use swf_activity::model::DescribeDomain;
use swf_activity::{Client, FaultCode};

/// What went wrong, for the one line on stderr.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A failure of `context` because of `error`.
pub(crate) fn fail(context: &str, error: impl fmt::Display) -> Failure {
    Failure(format!("{context}: {error}"))
}

/// Where an example runs.
pub(crate) enum Mode {
    /// On the in-process local SWF: neither `SWF_DOMAIN` nor `SWF_TASK_LIST` is set.
    Local,
    /// On real SWF: both are set.
    Swf { domain: String, task_list: String },
}

/// The mode the environment asks for, with the example's logs set up for it (`RUST_LOG`
/// overrides).
pub(crate) fn mode() -> Result<Mode, Failure> {
    let domain = non_empty_var("SWF_DOMAIN");
    let task_list = non_empty_var("SWF_TASK_LIST");
    let real = domain.is_some() || task_list.is_some();
    init_logs(if real {
        "warn,swf_activity=info,aws_config=error"
    } else {
        "warn"
    });
    match (domain, task_list) {
        (None, None) => Ok(Mode::Local),
        (Some(domain), Some(task_list)) => Ok(Mode::Swf { domain, task_list }),
        (Some(_), None) => Err(Failure(
            "SWF_DOMAIN is set but SWF_TASK_LIST is not: set both to run against SWF, or \
             neither to run locally"
                .into(),
        )),
        (None, Some(_)) => Err(Failure(
            "SWF_TASK_LIST is set but SWF_DOMAIN is not: set both to run against SWF, or \
             neither to run locally"
                .into(),
        )),
    }
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn init_logs(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // Fails only if a subscriber is set already, which the examples never do.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// A client for real SWF from the standard AWS sources, once `domain` is known to exist.
pub(crate) async fn swf_client(domain: &str) -> Result<Client, Failure> {
    let client = Client::from_env().await.map_err(|e| {
        fail(
            "cannot configure the SWF client from the AWS configuration (credentials, region)",
            e,
        )
    })?;
    // Fail early and clearly when the domain is missing: registering it is a decision for
    // its owner (domains cannot be deleted), not for an example.
    match client.describe_domain(&DescribeDomain::new(domain)).await {
        Ok(_) => Ok(client),
        Err(e) if e.is_fault(FaultCode::UnknownResource) => Err(Failure(format!(
            "the SWF domain `{domain}` does not exist; create it first, e.g. `aws swf \
             register-domain --name {domain} --workflow-execution-retention-period-in-days 1`"
        ))),
        Err(e) => Err(fail(
            &format!("cannot describe the SWF domain `{domain}`"),
            e,
        )),
    }
}

/// Ctrl-C, the signal that stops a worker on real SWF.
pub(crate) async fn ctrl_c() {
    // If Ctrl-C cannot be watched the worker stops at once, rather than never.
    let _ = tokio::signal::ctrl_c().await;
}
