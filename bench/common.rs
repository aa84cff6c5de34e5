//! Shared by the contender binaries (included with `#[path]`): configuration from the
//! environment the runner sets, the bench activity's types and work, and self-measurement.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

pub const DOMAIN: &str = "bench";
pub const TASK_LIST: &str = "bench-list";
pub const IDENTITY: &str = "bench-host:4242";
/// The result the client-cycle figures send with every `RespondActivityTaskCompleted`.
pub const FIXED_RESULT: &str = r#"{"order_id":"ord-00000001","total_cents":4200,"approved":true}"#;

pub struct Config {
    pub mode: String,
    pub url: String,
    pub n: usize,
    pub in_flight: usize,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
        Config {
            mode: var("BENCH_MODE"),
            url: var("BENCH_URL"),
            n: var("BENCH_N").parse().expect("BENCH_N"),
            in_flight: std::env::var("BENCH_IN_FLIGHT")
                .ok()
                .map_or(1, |v| v.parse().expect("BENCH_IN_FLIGHT")),
        }
    }
}

/// The bench activity's input.
#[derive(Debug, Deserialize)]
pub struct Order {
    pub order_id: String,
    pub amount_cents: u64,
    pub currency: String,
    pub items: Vec<String>,
}

/// The bench activity's result.
#[derive(Debug, Serialize)]
pub struct Receipt {
    pub order_id: String,
    pub total_cents: u64,
    pub currency: String,
    pub lines: usize,
    pub approved: bool,
}

/// The bench activity's work: trivial, so the figures are the framework's cost.
pub fn charge(order: Order) -> Receipt {
    Receipt {
        total_cents: order.amount_cents + order.items.len() as u64,
        lines: order.items.len(),
        approved: order.currency == "EUR",
        currency: order.currency,
        order_id: order.order_id,
    }
}

/// The length of the offload figure's 1 MiB result, in characters (all ASCII).
pub const LARGE_RESULT_CHARS: usize = 1 << 20;
/// The bucket and key prefix the offload figure stores results under.
pub const LARGE_BUCKET: &str = "bench-bucket";
pub const LARGE_PREFIX: &str = "jumbo";

/// The offload figure's work: the same order in, a result of [`LARGE_RESULT_CHARS`] out.
pub fn large_result(order: Order) -> String {
    let receipt = serde_json::to_string(&charge(order)).expect("receipt");
    let mut text = receipt.repeat(LARGE_RESULT_CHARS / receipt.len() + 1);
    text.truncate(LARGE_RESULT_CHARS - 2); // its JSON string is 1 MiB with the quotes
    text
}

/// user + sys CPU time of this process (all threads).
pub fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// A value in kB from /proc/self/status (`VmRSS`, `VmHWM`).
pub fn status_kib(key: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    s.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{key} not in /proc/self/status"))
}

/// Measures the timed part (after setup) of a run.
pub struct Meter {
    wall: Instant,
    cpu: Duration,
}

impl Meter {
    pub fn start() -> Meter {
        Meter {
            wall: Instant::now(),
            cpu: cpu_time(),
        }
    }

    /// Prints the line the runner reads.
    pub fn report(self, done: usize) {
        let wall = self.wall.elapsed();
        let cpu = cpu_time() - self.cpu;
        println!(
            "RESULT done={done} wall_ns={} cpu_ns={}",
            wall.as_nanos(),
            cpu.as_nanos()
        );
    }
}

/// Every contender runs on the same runtime: tokio's multi-thread scheduler, one worker per core.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}
