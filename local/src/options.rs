//! The command line and its environment variables: each option is a flag, or else a
//! `SWF_LOCAL_*` variable, or else its default.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use swf_activity::testing::{DEFAULT_ACCESS_KEY_ID, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY};

use crate::faults::{self, FaultPlan};

/// Where it listens unless told otherwise.
const DEFAULT_ADDR: &str = "127.0.0.1:8089";

pub(crate) const HELP: &str = "\
swf-local: a local Amazon SWF endpoint for deciders and workers of any SDK

Usage: swf-local [OPTIONS]

Options (each also read from the environment variable shown):
  --addr HOST:PORT            where to listen [SWF_LOCAL_ADDR] (default 127.0.0.1:8089;
                              port 0: one the system chooses, printed at start)
  --region REGION             the region requests are signed for [SWF_LOCAL_REGION]
                              (default us-east-1)
  --access-key-id ID          the access key id requests are signed with
                              [SWF_LOCAL_ACCESS_KEY_ID] (default AKIDLOCALSWF)
  --secret-access-key SECRET  its secret [SWF_LOCAL_SECRET_ACCESS_KEY]
                              (default local-swf-secret-access-key)
  --no-auth                   serve requests whatever their signature [SWF_LOCAL_NO_AUTH=1]
  --second-ms N               how many real milliseconds one second of an SWF timeout lasts
                              [SWF_LOCAL_SECOND_MS] (default 1000)
  --max-poll-wait-secs N      how long a poll waits for a task [SWF_LOCAL_MAX_POLL_WAIT_SECS]
                              (default 60, as SWF)
  --seed-file PATH            registers the domains and types in this file at start: YAML
                              if its name ends in .yaml or .yml, JSON otherwise
                              [SWF_LOCAL_SEED_FILE]
  --fault OP:KIND[:N]         the next N (default 1) requests of OP fail; KIND is throttle,
                              status=5xx, expired-token, access-denied, drop-before,
                              drop-after or delay=MS; repeatable
                              [SWF_LOCAL_FAULTS, comma-separated]
  --throttle-share F[:OP]     throttles each request (of OP) with probability F; repeatable
                              [SWF_LOCAL_THROTTLE_SHARE, comma-separated]
  --throttle-for SECS         how long the shares last (default: as long as it runs)
                              [SWF_LOCAL_THROTTLE_FOR_SECS]
  --fault-seed N              the seed of the shares' draws, so runs repeat (default 1)
                              [SWF_LOCAL_FAULT_SEED]
  -h, --help                  this text
  -V, --version               the version

GET /health answers 200 while it serves. SIGTERM or Ctrl-C stops it. One log line per request
at debug level: RUST_LOG=swf_activity=debug.

The seed file holds SWF's own request shapes:
  {\"domains\": [{\"name\": \"orders\", \"workflowExecutionRetentionPeriodInDays\": \"1\"}],
   \"activityTypes\": [{\"domain\": \"orders\", \"name\": \"ChargeCard\", \"version\": \"1\"}],
   \"workflowTypes\": [{\"domain\": \"orders\", \"name\": \"Checkout\", \"version\": \"1\"}]}
or the same in YAML, where a bare number stands for its text:
  domains:
    - {name: orders, workflowExecutionRetentionPeriodInDays: 1}
  activityTypes:
    - {domain: orders, name: ChargeCard, version: 1}
  workflowTypes:
    - {domain: orders, name: Checkout, version: 1}
";

/// What to serve.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Options {
    pub(crate) addr: SocketAddr,
    pub(crate) region: String,
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: String,
    pub(crate) no_auth: bool,
    pub(crate) second: Duration,
    pub(crate) max_poll_wait: Duration,
    pub(crate) seed_file: Option<PathBuf>,
    pub(crate) faults: FaultPlan,
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub(crate) enum Parsed {
    Run(Box<Options>),
    Help,
    Version,
}

/// Reads the flags in `args`, then `env` (a variable's value by its name) for those not given.
pub(crate) fn parse(
    args: impl IntoIterator<Item = OsString>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Parsed, String> {
    let mut flags: Vec<(&'static str, String)> = Vec::new();
    let mut no_auth = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("an argument is not UTF-8: {a:?}"))?;
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let key = match name.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "-V" | "--version" => return Ok(Parsed::Version),
            "--no-auth" => {
                if inline.is_some() {
                    return Err("`--no-auth` takes no value".to_owned());
                }
                no_auth = true;
                continue;
            }
            "--addr" => "addr",
            "--region" => "region",
            "--access-key-id" => "access-key-id",
            "--secret-access-key" => "secret-access-key",
            "--second-ms" => "second-ms",
            "--max-poll-wait-secs" => "max-poll-wait-secs",
            "--seed-file" => "seed-file",
            "--fault" => "fault",
            "--throttle-share" => "throttle-share",
            "--throttle-for" => "throttle-for",
            "--fault-seed" => "fault-seed",
            other => return Err(format!("unknown option `{other}`")),
        };
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .and_then(|v| v.into_string().ok())
                .ok_or_else(|| format!("`--{key}` needs a value"))?,
        };
        flags.push((key, value));
    }
    let get = |key: &str, var: &str| -> Option<String> {
        flags
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| env(var).filter(|v| !v.trim().is_empty()))
    };

    let addr_text = get("addr", "SWF_LOCAL_ADDR").unwrap_or_else(|| DEFAULT_ADDR.to_owned());
    let addr = addr_text.parse::<SocketAddr>().map_err(|_| {
        format!("`--addr {addr_text}` is not an address and port such as 127.0.0.1:8089")
    })?;
    let region = get("region", "SWF_LOCAL_REGION").unwrap_or_else(|| DEFAULT_REGION.to_owned());
    let access_key_id = get("access-key-id", "SWF_LOCAL_ACCESS_KEY_ID")
        .unwrap_or_else(|| DEFAULT_ACCESS_KEY_ID.to_owned());
    let secret_access_key = get("secret-access-key", "SWF_LOCAL_SECRET_ACCESS_KEY")
        .unwrap_or_else(|| DEFAULT_SECRET_ACCESS_KEY.to_owned());
    let no_auth = no_auth
        || match env("SWF_LOCAL_NO_AUTH").as_deref().map(str::trim) {
            None | Some("" | "0" | "false") => false,
            Some("1" | "true") => true,
            Some(other) => {
                return Err(format!(
                    "SWF_LOCAL_NO_AUTH={other} is neither 1/true nor 0/false"
                ));
            }
        };
    let second_ms = number(get("second-ms", "SWF_LOCAL_SECOND_MS"), "second-ms", 1000)?;
    if second_ms == 0 {
        return Err("`--second-ms` must be at least 1".to_owned());
    }
    let max_poll_wait_secs = number(
        get("max-poll-wait-secs", "SWF_LOCAL_MAX_POLL_WAIT_SECS"),
        "max-poll-wait-secs",
        60,
    )?;
    let seed_file = get("seed-file", "SWF_LOCAL_SEED_FILE").map(PathBuf::from);
    // Repeatable: every flag, or else the variable's comma-separated list.
    let all = |key: &str, var: &str| -> Vec<String> {
        let given: Vec<String> = flags
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .collect();
        if !given.is_empty() {
            return given;
        }
        env(var)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let fault_plan = FaultPlan {
        counted: all("fault", "SWF_LOCAL_FAULTS")
            .iter()
            .map(|f| faults::counted(f))
            .collect::<Result<_, _>>()?,
        shares: all("throttle-share", "SWF_LOCAL_THROTTLE_SHARE")
            .iter()
            .map(|f| faults::share(f))
            .collect::<Result<_, _>>()?,
        share_for: get("throttle-for", "SWF_LOCAL_THROTTLE_FOR_SECS")
            .map(|secs| number(Some(secs), "throttle-for", 0).map(Duration::from_secs))
            .transpose()?,
        seed: number(get("fault-seed", "SWF_LOCAL_FAULT_SEED"), "fault-seed", 1)?,
    };
    Ok(Parsed::Run(Box::new(Options {
        addr,
        region,
        access_key_id,
        secret_access_key,
        no_auth,
        second: Duration::from_millis(second_ms),
        max_poll_wait: Duration::from_secs(max_poll_wait_secs),
        seed_file,
        faults: fault_plan,
    })))
}

/// A whole number option, or its default.
fn number(value: Option<String>, key: &str, default: u64) -> Result<u64, String> {
    match value {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("`--{key} {text}` is not a whole number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str], env: &[(&str, &str)]) -> Result<Parsed, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        parse(args.iter().map(OsString::from), |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn run(args: &[&str], env: &[(&str, &str)]) -> Options {
        match parse_args(args, env) {
            Ok(Parsed::Run(options)) => *options,
            other => panic!("options, got {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let options = run(&[], &[]);
        assert_eq!(options.addr.to_string(), DEFAULT_ADDR);
        assert_eq!(options.region, "us-east-1");
        assert_eq!(options.access_key_id, DEFAULT_ACCESS_KEY_ID);
        assert!(!options.no_auth);
        assert_eq!(options.second, Duration::from_secs(1));
        assert_eq!(options.max_poll_wait, Duration::from_secs(60));
        assert_eq!(options.seed_file, None);
        assert!(options.faults.is_empty());
        assert_eq!(options.faults.seed, 1);
    }

    #[test]
    fn faults_repeat_and_fall_back_to_the_environment() {
        let options = run(
            &[
                "--fault",
                "PollForActivityTask:throttle:2",
                "--fault=RespondActivityTaskCompleted:status=503",
                "--throttle-share",
                "0.3",
                "--throttle-for",
                "10",
                "--fault-seed",
                "42",
            ],
            &[("SWF_LOCAL_FAULTS", "RegisterDomain:throttle")],
        );
        assert_eq!(
            options.faults.counted.len(),
            2,
            "the flags, not the variable"
        );
        assert_eq!(options.faults.shares.len(), 1);
        assert_eq!(options.faults.share_for, Some(Duration::from_secs(10)));
        assert_eq!(options.faults.seed, 42);
        let options = run(
            &[],
            &[
                (
                    "SWF_LOCAL_FAULTS",
                    "RegisterDomain:throttle, DescribeDomain:drop-after:3",
                ),
                ("SWF_LOCAL_THROTTLE_SHARE", "0.5:PollForActivityTask"),
            ],
        );
        assert_eq!(options.faults.counted.len(), 2);
        assert_eq!(options.faults.shares.len(), 1);
        assert_eq!(options.faults.share_for, None);
    }

    #[test]
    fn flags_win_over_the_environment() {
        let env = [
            ("SWF_LOCAL_ADDR", "0.0.0.0:9000"),
            ("SWF_LOCAL_REGION", "eu-west-1"),
            ("SWF_LOCAL_SECOND_MS", "20"),
            ("SWF_LOCAL_NO_AUTH", "1"),
            ("SWF_LOCAL_SEED_FILE", "env.json"),
        ];
        let options = run(&["--addr", "127.0.0.1:0", "--second-ms=5"], &env);
        assert_eq!(options.addr.to_string(), "127.0.0.1:0");
        assert_eq!(options.region, "eu-west-1");
        assert_eq!(options.second, Duration::from_millis(5));
        assert!(options.no_auth);
        assert_eq!(options.seed_file, Some(PathBuf::from("env.json")));
        let options = run(
            &[
                "--access-key-id",
                "AKID",
                "--secret-access-key",
                "s",
                "--max-poll-wait-secs",
                "2",
                "--no-auth",
            ],
            &[],
        );
        assert_eq!(
            (
                options.access_key_id.as_str(),
                options.secret_access_key.as_str()
            ),
            ("AKID", "s")
        );
        assert_eq!(options.max_poll_wait, Duration::from_secs(2));
        assert!(options.no_auth);
    }

    /// Arguments, environment, and what the error says.
    type Case = (
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
        &'static str,
    );

    #[test]
    fn bad_input_is_a_clear_error() {
        let cases: [Case; 7] = [
            (&["--port", "1"], &[], "unknown option `--port`"),
            (&["--addr"], &[], "`--addr` needs a value"),
            (
                &["--addr", "localhost"],
                &[],
                "`--addr localhost` is not an address",
            ),
            (
                &["--second-ms", "fast"],
                &[],
                "`--second-ms fast` is not a whole number",
            ),
            (&["--second-ms", "0"], &[], "must be at least 1"),
            (&["--no-auth=yes"], &[], "`--no-auth` takes no value"),
            (
                &[],
                &[("SWF_LOCAL_NO_AUTH", "maybe")],
                "SWF_LOCAL_NO_AUTH=maybe",
            ),
        ];
        for (args, env, expected) in cases {
            let err = parse_args(args, env).expect_err("refused");
            assert!(err.contains(expected), "{args:?}: {err}");
        }
        assert_eq!(parse_args(&["-h"], &[]), Ok(Parsed::Help));
        assert_eq!(parse_args(&["--version"], &[]), Ok(Parsed::Version));
    }
}
