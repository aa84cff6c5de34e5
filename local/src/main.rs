//! `swf-local`: swf-activity's local SWF endpoint as a standalone server, for deciders and
//! workers written with any SDK (boto3, the AWS Flow Framework for Java, simpleflow, this
//! crate). The real wire protocol (`awsJson1_0`, SigV4 checked unless `--no-auth`), SWF's
//! validation and error shapes, long polls, activity timeouts on a scaled clock, and cancel
//! requests; see `swf_activity::testing::LocalSwf`.
//!
//! ```sh
//! cargo run -p swf-local -- --addr 127.0.0.1:8089 --seed-file seed.json
//! curl localhost:8089/health
//! ```
//!
//! Prints one line when it serves (`swf-local listening on http://...`), logs one line per
//! request at debug level (`RUST_LOG=swf_activity=debug`), and stops cleanly on SIGTERM or
//! Ctrl-C.

use std::process::ExitCode;

use swf_activity::testing::LocalSwf;

mod faults;
mod options;
mod seed;

use options::{Options, Parsed};

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options::parse(std::env::args_os().skip(1), |name| std::env::var(name).ok())
    {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Help) => {
            print!("{}", options::HELP);
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Version) => {
            println!("swf-local {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(usage) => {
            eprintln!("swf-local: {usage}\nRun `swf-local --help` for the options.");
            return ExitCode::from(2);
        }
    };
    init_logs();
    match serve(*options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("swf-local: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Fails only if a subscriber is set already, which nothing here does.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Serves until SIGTERM or Ctrl-C.
async fn serve(options: Options) -> Result<(), String> {
    let mut builder = LocalSwf::builder()
        .bind(options.addr)
        .region(&options.region)
        .credentials(&options.access_key_id, &options.secret_access_key)
        .second_length(options.second)
        .max_poll_wait(options.max_poll_wait);
    if options.no_auth {
        builder = builder.no_auth();
    }
    // Watched before the endpoint starts, so that a signal sent as soon as it is ready is seen.
    let stop = stop_signal().map_err(|e| format!("cannot watch SIGTERM: {e}"))?;
    let swf = builder
        .start()
        .await
        .map_err(|e| format!("cannot start: {e}"))?;
    if let Some(path) = &options.seed_file
        && let Err(e) = seed::apply(&swf, path).await
    {
        swf.shutdown().await;
        return Err(e);
    }
    // Armed after seeding, so that the seed file's requests are never the ones that fail.
    options.faults.arm(swf.faults());
    if !options.faults.is_empty() {
        tracing::info!(faults = ?options.faults, "faults armed");
    }
    let auth = if options.no_auth {
        "no auth".to_owned()
    } else {
        format!("access key id {}", options.access_key_id)
    };
    // Scripts wait for this line (or for `/health`).
    println!(
        "swf-local listening on {} (region {}, {auth})",
        swf.url(),
        options.region
    );
    tracing::info!(url = %swf.url(), "serving; stop with SIGTERM or Ctrl-C");
    stop.await;
    tracing::info!("stopping");
    swf.shutdown().await;
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
