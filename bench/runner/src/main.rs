//! Runs every benchmark figure, prints a Markdown table and writes it to `bench/BENCHMARKS.md`.
//!
//! Each contender runs as its own child process against a fresh stub process
//! (`bench-stub`); the runner measures the child's CPU time (user + sys) and peak RSS with
//! `wait4`, and reads the child's own wall/CPU figures for the timed part (after setup and
//! warm-up). Contenders alternate within each run, and the order rotates from run to run.
//!
//! Usage: `bench-runner [--quick] [--skip-build] [--only FIGURES] [--runs R] [--n N] [--out PATH]`
//! (`--only memory`, `--only client,worker`: run just those figures out of `client`, `worker`, `converters`,
//! `metrics`, `offload`, `memory`, `local`, `build`).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

struct Opts {
    quick: bool,
    skip_build: bool,
    /// The figures to run (see [`FIGURES`]); all by default.
    only: Vec<String>,
    runs: usize,
    n: usize,
    held: usize,
    out: PathBuf,
}

/// What one child run gave.
#[derive(Clone, Copy, Default)]
struct Sample {
    /// Timed part, as the child measured it.
    wall: f64,
    cpu_loop: f64,
    /// The whole child process (wait4), startup and warm-up included.
    cpu_total: f64,
    maxrss_kib: u64,
    done: usize,
}

fn bin_dir() -> PathBuf {
    std::env::current_exe()
        .expect("current exe")
        .parent()
        .expect("dir")
        .to_owned()
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench dir")
        .to_owned()
}

struct Stub {
    child: Child,
    url: String,
}

impl Stub {
    fn start(args: &[String]) -> Stub {
        let mut child = Command::new(bin_dir().join("bench-stub"))
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start bench-stub");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("stub port");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .expect("PORT line")
            .to_owned();
        Stub {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        // Our own child, by its id.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs one contender binary with `env` against a fresh stub started with `stub_args`.
fn run_child(bin: &str, env: &[(&str, String)], stub_args: &[String]) -> (Sample, String) {
    let stub = Stub::start(stub_args);
    let run = run_against(bin, env, &stub.url);
    drop(stub);
    run
}

/// Runs one contender binary with `env` against the endpoint at `url`.
fn run_against(bin: &str, env: &[(&str, String)], url: &str) -> (Sample, String) {
    let mut cmd = Command::new(bin_dir().join(bin));
    cmd.env("BENCH_URL", url)
        // Nothing from the machine's AWS setup may change what the SDK does.
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/bench-aws-config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/bench-aws-credentials",
        )
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_SWF")
        .stdout(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("start {bin}: {e}"));
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut stdout)
        .expect("read stdout");
    // SAFETY: wait4 on our own child's pid writes status and rusage into our locals.
    let mut status = 0;
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(r, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{bin} failed: {stdout}"
    );
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let mut s = Sample {
        cpu_total: tv(ru.ru_utime) + tv(ru.ru_stime),
        maxrss_kib: ru.ru_maxrss as u64,
        ..Sample::default()
    };
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("RESULT ") {
            for kv in rest.split_whitespace() {
                let (k, v) = kv.split_once('=').expect("k=v");
                match k {
                    "done" => s.done = v.parse().expect("done"),
                    "wall_ns" => s.wall = v.parse::<f64>().expect("wall") / 1e9,
                    "cpu_ns" => s.cpu_loop = v.parse::<f64>().expect("cpu") / 1e9,
                    _ => {}
                }
            }
        }
    }
    (s, stdout)
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn spread(xs: &[f64]) -> (f64, f64) {
    let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (min, max)
}

struct Contender {
    label: &'static str,
    bin: &'static str,
    /// The decider format of the tasks' input, and so the worker's converter: `json`, `flow`,
    /// `simpleflow`.
    format: &'static str,
    /// The `metrics` recorder the worker runs with (`BENCH_METRICS`): `none`, `noop`,
    /// `prometheus`.
    metrics: &'static str,
    samples: Vec<Sample>,
}

/// One timed figure: contenders × runs, alternating.
struct Figure {
    title: String,
    unit: &'static str, // what one of N is: "cycle" or "task"
    n: usize,
    contenders: Vec<Contender>,
}

impl Figure {
    fn run(&mut self, runs: usize, mode: &str, in_flight: usize, stub_args: &[String]) {
        eprintln!("== {}", self.title);
        for r in 0..runs {
            let k = self.contenders.len();
            for i in 0..k {
                let c = &mut self.contenders[(i + r) % k];
                let env = [
                    ("BENCH_MODE", mode.to_owned()),
                    ("BENCH_N", self.n.to_string()),
                    ("BENCH_IN_FLIGHT", in_flight.to_string()),
                    ("BENCH_FORMAT", c.format.to_owned()),
                    ("BENCH_METRICS", c.metrics.to_owned()),
                ];
                let mut stub_args = stub_args.to_vec();
                stub_args.extend(["--input-format".to_owned(), c.format.to_owned()]);
                let (s, out) = run_child(c.bin, &env, &stub_args);
                assert!(s.done >= self.n, "{} did {} of {}", c.label, s.done, self.n);
                if c.metrics == "prometheus" {
                    // The recorder saw every task: it was installed before the worker started.
                    let completed = out
                        .lines()
                        .filter_map(|l| l.strip_prefix("METRICS "))
                        .flat_map(str::split_whitespace)
                        .find_map(|kv| kv.strip_prefix("completed="))
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or_else(|| panic!("{}: no METRICS line in {out}", c.label));
                    assert!(
                        completed >= self.n,
                        "{}: Prometheus counted {completed} completed tasks of {}",
                        c.label,
                        self.n
                    );
                }
                eprintln!(
                    "   run {} {:<28} wall {:>7.3}s  cpu(loop) {:>7.3}s  cpu(process) {:>7.3}s",
                    r + 1,
                    c.label,
                    s.wall,
                    s.cpu_loop,
                    s.cpu_total
                );
                c.samples.push(s);
            }
        }
    }

    fn cpu_total(&self, label: &str) -> f64 {
        median(
            &self
                .samples(label)
                .iter()
                .map(|s| s.cpu_total)
                .collect::<Vec<_>>(),
        )
    }

    fn samples(&self, label: &str) -> &[Sample] {
        &self
            .contenders
            .iter()
            .find(|c| c.label == label)
            .expect("contender")
            .samples
    }

    /// The median over runs of `a`'s process CPU / `b`'s in the same run. Contenders of one run
    /// ran back to back, so this is robust to load on the machine that changes between runs
    /// (other builds on a shared machine move tokio's idle spinning, and so CPU, a lot).
    fn paired_ratio(&self, a: &str, b: &str) -> f64 {
        let ratios: Vec<f64> = self
            .samples(a)
            .iter()
            .zip(self.samples(b))
            .map(|(x, y)| x.cpu_total / y.cpu_total)
            .collect();
        median(&ratios)
    }

    fn table(&self) -> String {
        let per = 1e6 / self.n as f64;
        let mut t = format!(
            "### {}\n\nN = {} {}s; median of {} runs (min–max). CPU = user+sys of the whole child \
             process (wait4), startup included; loop = the timed part only.\n\n\
             | contender | CPU µs/{u} (process) | CPU µs/{u} (loop) | wall µs/{u} | {u}s/s | peak RSS MiB |\n\
             |---|---|---|---|---|---|\n",
            self.title,
            self.n,
            self.unit,
            self.contenders.first().map_or(0, |c| c.samples.len()),
            u = self.unit,
        );
        for c in &self.contenders {
            let col = |f: fn(&Sample) -> f64| c.samples.iter().map(f).collect::<Vec<_>>();
            let fmt = |xs: Vec<f64>| {
                let (lo, hi) = spread(&xs);
                format!("{:.1} ({:.1}–{:.1})", median(&xs) * per, lo * per, hi * per)
            };
            let rate = self.n as f64 / median(&col(|s| s.wall));
            let rss = median(&col(|s| s.maxrss_kib as f64)) / 1024.0;
            t += &format!(
                "| {} | {} | {} | {} | {:.0} | {:.1} |\n",
                c.label,
                fmt(col(|s| s.cpu_total)),
                fmt(col(|s| s.cpu_loop)),
                fmt(col(|s| s.wall)),
                rate,
                rss
            );
        }
        t
    }
}

/// The stub for a worker figure: `n` tasks, then polls held 20 ms and answered "no task".
fn worker_stub(n: usize) -> [String; 4] {
    [
        "--tasks".to_owned(),
        n.to_string(),
        "--empty-delay-ms".to_owned(),
        "20".to_owned(),
    ]
}

fn contender(label: &'static str, bin: &'static str) -> Contender {
    Contender {
        label,
        bin,
        format: "json",
        metrics: "none",
        samples: Vec::new(),
    }
}

/// `swf-activity`'s worker with `format`'s converter as its default, fed tasks in that format.
fn converter_contender(label: &'static str, format: &'static str) -> Contender {
    Contender {
        format,
        ..contender(label, "bench-ours")
    }
}

/// `swf-activity`'s worker with `recorder` installed before it starts (`BENCH_METRICS`).
fn metrics_contender(label: &'static str, recorder: &'static str) -> Contender {
    Contender {
        metrics: recorder,
        ..contender(label, "bench-ours")
    }
}

struct Target {
    what: String,
    ratio: f64,
    limit: f64,
    detail: String,
}

fn memory(opts: &Opts) -> (String, Option<Target>) {
    eprintln!("== memory: {} waiting in-flight tasks", opts.held);
    let runs = opts.runs.min(3);
    let (mut base, mut held) = (Vec::new(), Vec::new());
    let parse = |out: &str, key: &str| -> f64 {
        out.lines()
            .filter_map(|l| l.strip_prefix("MEMORY "))
            .flat_map(|l| l.split_whitespace())
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .expect("MEMORY line")
            .parse()
            .expect("number")
    };
    for r in 0..runs {
        let env = |mode: &str| {
            [
                ("BENCH_MODE", mode.to_owned()),
                ("BENCH_N", opts.held.to_string()),
            ]
        };
        // No task: the worker's 32 polls stay open, as SWF's long polls do.
        let stub0 = [
            "--tasks".into(),
            "0".into(),
            "--empty-delay-ms".into(),
            "60000".into(),
        ];
        let stubn = [
            "--tasks".into(),
            opts.held.to_string(),
            "--empty-delay-ms".into(),
            "60000".into(),
        ];
        let (_, out) = run_child("bench-ours", &env("memory-base"), &stub0);
        base.push(parse(&out, "rss_kib"));
        let (_, out) = run_child("bench-ours", &env("memory"), &stubn);
        assert_eq!(parse(&out, "held") as usize, opts.held, "all tasks held");
        held.push(parse(&out, "rss_kib"));
        eprintln!(
            "   run {} baseline {:.0} KiB, with {} held {:.0} KiB",
            r + 1,
            base[r],
            opts.held,
            held[r]
        );
    }
    let (b, h) = (median(&base), median(&held));
    let per = (h - b) / opts.held as f64;
    // The task's own payload, which any worker must keep while the task runs: the task token
    // (to answer with) and the input (bench-stub's `task_json`: an 880-character prefix plus 20
    // digits; the input JSON is 98 bytes once unescaped). The ids are not subtracted.
    let token_bytes = 900.0;
    let input_bytes = 98.0;
    let payload_kib = (token_bytes + input_bytes) / 1024.0;
    let overhead = per - payload_kib;
    let table = format!(
        "### Memory: {} waiting in-flight tasks\n\nswf-activity `Worker`, max_concurrent_tasks = {}, \
         pollers = 32; the activity awaits a future that never completes. RSS = VmRSS of the \
         worker process; median of {} runs.\n\n\
         | baseline RSS (no task) | RSS with {} held | per task (gross) | task payload | worker overhead per task |\n|---|---|---|---|---|\n\
         | {:.1} MiB | {:.1} MiB | {:.2} KiB | {:.2} KiB | {:.2} KiB |\n\n\
         per task (gross) = (RSS with {} held − baseline RSS) / {}. task payload = the bytes of \
         the task's own data from SWF that the worker must keep until it answers: the \
         {:.0}-byte task token plus the {:.0}-byte input (the activity decodes and drops the \
         input string; the payload counts it anyway, as the decoded value the activity holds \
         replaces it). worker overhead per task = gross − payload; it still includes the ids \
         (activity id, workflow id, run id, type name and version), the activity's own \
         future and its decoded input. The target counts worker overhead.\n",
        opts.held,
        opts.held,
        runs,
        opts.held,
        b / 1024.0,
        h / 1024.0,
        per,
        payload_kib,
        overhead,
        opts.held,
        opts.held,
        token_bytes,
        input_bytes,
    );
    let target = Target {
        what: "worker overhead per waiting in-flight task ≤ 2 KiB".into(),
        ratio: overhead / 2.0,
        limit: 1.0,
        detail: format!(
            "{overhead:.2} KiB/task overhead ({per:.2} KiB gross − {payload_kib:.2} KiB token + input)"
        ),
    };
    (table, Some(target))
}

/// The seed file of the `local` figure: the bench domain, its activity type and a workflow
/// type whose decision tasks go to `bench-deciders`.
const LOCAL_SEED: &str = r#"{
  "domains": [{"name": "bench", "workflowExecutionRetentionPeriodInDays": "1"}],
  "activityTypes": [{"domain": "bench", "name": "BenchActivity", "version": "1",
                     "defaultTaskList": {"name": "bench-list"},
                     "defaultTaskScheduleToStartTimeout": "NONE",
                     "defaultTaskStartToCloseTimeout": "300",
                     "defaultTaskScheduleToCloseTimeout": "NONE",
                     "defaultTaskHeartbeatTimeout": "NONE"}],
  "workflowTypes": [{"domain": "bench", "name": "BenchFlow", "version": "1",
                     "defaultTaskList": {"name": "bench-deciders"},
                     "defaultTaskStartToCloseTimeout": "300",
                     "defaultExecutionStartToCloseTimeout": "3600",
                     "defaultChildPolicy": "TERMINATE"}]
}"#;

/// Builds `swf-local` (release) in the repository's own workspace and target dir, which the
/// bench workspace does not include; its path.
fn build_swf_local() -> PathBuf {
    let repo = bench_dir().parent().expect("repository").to_owned();
    eprintln!("== building swf-local (release)");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "swf-local",
            "--manifest-path",
        ])
        .arg(repo.join("Cargo.toml"))
        .status()
        .expect("cargo build");
    assert!(status.success(), "building swf-local failed");
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| repo.join("target"), PathBuf::from)
        .join("release")
        .join("swf-local")
}

/// A running `swf-local`, seeded for the bench, serving any signature.
struct LocalServer {
    child: Child,
    url: String,
}

impl LocalServer {
    fn start(bin: &Path, seed: &Path) -> LocalServer {
        let mut child = Command::new(bin)
            .args([
                "--addr",
                "127.0.0.1:0",
                "--no-auth",
                "--max-poll-wait-secs",
                "1",
            ])
            .arg("--seed-file")
            .arg(seed)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start swf-local");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("swf-local's first line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("a URL in {line:?}"))
            .to_owned();
        LocalServer { child, url }
    }

    /// Its VmRSS in KiB.
    fn rss_kib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("swf-local's /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// Stops it with SIGTERM: its CPU time (user + sys, s) and peak RSS (KiB).
    fn stop(mut self) -> (f64, u64) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: signals and waits for our own child, by its id; wait4 writes into our locals.
        let mut status = 0;
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        assert_eq!(r, pid, "wait4 swf-local");
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "swf-local did not stop cleanly: {status}"
        );
        // Reaped already: nothing left for `Child` to wait for.
        let _ = self.child.try_wait();
        let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        (tv(ru.ru_utime) + tv(ru.ru_stime), ru.ru_maxrss as u64)
    }
}

/// swf-local's figures: activity tasks per second through one worker, and memory per open
/// execution. Reported, not targets.
fn local(opts: &Opts) -> String {
    let bin = build_swf_local();
    let seed = bench_dir().join("target").join("swf-local-seed.json");
    std::fs::write(&seed, LOCAL_SEED).expect("write the seed file");

    eprintln!("== swf-local: {} tasks through one worker", opts.n);
    let (mut rates, mut client_cpu, mut server_cpu, mut server_rss) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // The decider's shape, as the child reports it.
    let mut shape = String::new();
    for r in 0..opts.runs {
        let server = LocalServer::start(&bin, &seed);
        let env = [
            ("BENCH_MODE", "local".to_owned()),
            ("BENCH_N", opts.n.to_string()),
            ("BENCH_IN_FLIGHT", "16".to_owned()),
        ];
        let (s, out) = run_against("bench-ours", &env, &server.url);
        let field = |key: &str| {
            out.lines()
                .filter_map(|l| l.strip_prefix("LOCAL "))
                .flat_map(str::split_whitespace)
                .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
                .unwrap_or("?")
                .to_owned()
        };
        shape = format!(
            "{} decision pollers, {} executions open at once",
            field("deciders"),
            field("open")
        );
        let (cpu, maxrss) = server.stop();
        assert!(
            s.done >= opts.n,
            "swf-local: {} of {} tasks",
            s.done,
            opts.n
        );
        let per = 1e6 / opts.n as f64;
        eprintln!(
            "   run {} {:.0} tasks/s; CPU µs/task: client {:.1}, swf-local {:.1}; swf-local peak RSS {:.1} MiB",
            r + 1,
            opts.n as f64 / s.wall,
            s.cpu_total * per,
            cpu * per,
            maxrss as f64 / 1024.0
        );
        rates.push(opts.n as f64 / s.wall);
        client_cpu.push(s.cpu_total * per);
        server_cpu.push(cpu * per);
        server_rss.push(maxrss as f64 / 1024.0);
    }

    let held = opts.held;
    let warm = (held / 10).max(1);
    eprintln!("== swf-local: memory of {held} open executions");
    let mut per_execution = Vec::new();
    let mut rows = Vec::new();
    for r in 0..opts.runs.min(3) {
        let server = LocalServer::start(&bin, &seed);
        let hold = |n: usize| {
            let env = [
                ("BENCH_MODE", "local-hold".to_owned()),
                ("BENCH_N", n.to_string()),
            ];
            let (s, _) = run_against("bench-ours", &env, &server.url);
            assert!(s.done >= n, "swf-local: {} of {n} executions held", s.done);
            // The last answers' buffers settle.
            std::thread::sleep(std::time::Duration::from_millis(200));
            server.rss_kib()
        };
        // The first executions also pay for what is allocated once (connections, buffers,
        // tables grown to size); the figure is what the next `held` executions add.
        let before = hold(warm);
        let after = hold(held);
        let _ = server.stop();
        let per = (after - before) / held as f64;
        eprintln!(
            "   run {} RSS {:.1} MiB with {warm} open, {:.1} MiB with {} open: {:.2} KiB per execution",
            r + 1,
            before / 1024.0,
            after / 1024.0,
            warm + held,
            per
        );
        per_execution.push(per);
        rows.push((before, after));
    }
    let col = |xs: &[f64]| {
        let (lo, hi) = spread(xs);
        format!("{:.1} ({:.1}–{:.1})", median(xs), lo, hi)
    };
    let (before, after) = rows[rows.len() / 2];
    format!(
        "### swf-local: throughput and memory per open execution\n\n\
         The `swf-local` binary (release, built from this repository) in its own process, \
         `--no-auth`, seeded with the bench domain and types; everything over HTTP on 127.0.0.1. \
         Reported figures, not targets.\n\n\
         **Throughput**: N = {n} activity tasks, median of {runs} runs (min–max), a fresh \
         swf-local each run. One `bench-ours` process runs the `#[activity]` + `Worker` of the \
         worker figure (`max_concurrent_tasks(16)`, `pollers(16)`) and a minimal decider \
         ({shape}): each task is its own workflow execution, started with \
         `StartWorkflowExecution`, its task scheduled by the first decision and the execution \
         completed by the second, so each task costs 7 requests (the start, two decision polls \
         and answers, the activity poll and answer). No faults.\n\n\
         | tasks/s | CPU µs/task, client process (worker + decider) | CPU µs/task, swf-local | swf-local peak RSS MiB |\n\
         |---|---|---|---|\n\
         | {rate} | {ccpu} | {scpu} | {srss} |\n\n\
         The closed executions stay held for the domain's retention period (1 day, \
         `--second-ms` left at 1000), as SWF keeps them, so swf-local's peak RSS grows with N.\n\n\
         **Memory per open execution**: swf-local's VmRSS after {warm} executions were started \
         and after {held} more, each left open with one activity task scheduled (by a \
         `ScheduleActivityTask` decision) on a task list nobody polls; per execution = the \
         difference / {held}. Median of {mruns} runs (min–max).\n\n\
         | RSS with {warm} open | RSS with {total} open | per open execution |\n|---|---|---|\n\
         | {before:.1} MiB | {after:.1} MiB | {per:.2} KiB ({spread}) |\n",
        n = opts.n,
        runs = opts.runs,
        shape = shape,
        rate = {
            let (lo, hi) = spread(&rates);
            format!("{:.0} ({:.0}–{:.0})", median(&rates), lo, hi)
        },
        ccpu = col(&client_cpu),
        scpu = col(&server_cpu),
        srss = col(&server_rss),
        warm = warm,
        held = held,
        mruns = per_execution.len(),
        total = warm + held,
        before = before / 1024.0,
        after = after / 1024.0,
        per = median(&per_execution),
        spread = {
            let (lo, hi) = spread(&per_execution);
            format!("{lo:.2}–{hi:.2}")
        },
    )
}

fn build_figures() -> (String, Option<Target>) {
    let fixtures = bench_dir().join("fixtures");
    let lock = bench_dir().join("Cargo.lock");
    let mut rows = Vec::new();
    for (label, dir) in [
        ("swf-activity (default features)", "min-default"),
        ("swf-activity (default-features = false)", "min-nodefault"),
        ("aws-sdk-swf + aws-config + tokio", "min-sdk"),
    ] {
        let crate_dir = fixtures.join(dir);
        // The versions the runtime figures were measured with.
        std::fs::copy(&lock, crate_dir.join("Cargo.lock")).expect("copy Cargo.lock");
        let target = bench_dir().join("target").join("build-bench").join(dir);
        let _ = std::fs::remove_dir_all(&target);
        eprintln!("== clean debug build of {dir} (cargo -j 2)");
        let start = Instant::now();
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--quiet", "--jobs", "2", "--manifest-path"])
            .arg(crate_dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .status()
            .expect("cargo build");
        let secs = start.elapsed().as_secs_f64();
        assert!(status.success(), "building {dir} failed");
        let units = std::fs::read_dir(target.join("debug").join("deps"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "rlib"))
                    .count()
            })
            .unwrap_or(0);
        eprintln!("   {secs:.1} s, {units} rlibs");
        rows.push((label, secs, units));
    }
    let mut t = String::from(
        "### Clean debug build of a minimal worker\n\n`cargo build --jobs 2` (debug) into an empty \
         target dir, registry sources already downloaded; one run each.\n\n\
         | crate | wall s | rlibs built |\n|---|---|---|\n",
    );
    for (label, secs, units) in &rows {
        t += &format!("| {label} | {secs:.1} | {units} |\n");
    }
    let target = Target {
        what: "clean build, default-features = false ≤ 0.75 × aws-sdk-swf".into(),
        ratio: rows[1].1 / rows[2].1,
        limit: 0.75,
        detail: format!("{:.1} s vs {:.1} s", rows[1].1, rows[2].1),
    };
    (t, Some(target))
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cmd = |c: &str, a: &str| {
        Command::new(c)
            .arg(a)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    format!(
        "- machine: {cores} cores, {model}, {}; load average at the end: {}\n- toolchain: `{}`, `{}`\n- cargo jobs for builds: 2\n",
        cmd("uname", "-sr"),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        cmd("rustc", "-V"),
        cmd("cargo", "-V"),
    )
}

/// The figures `--only` can pick.
const FIGURES: [&str; 8] = [
    "client",
    "worker",
    "converters",
    "metrics",
    "offload",
    "memory",
    "local",
    "build",
];

impl Opts {
    fn runs(&self, figure: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|f| f == figure)
    }
}

fn parse_opts() -> Opts {
    let mut opts = Opts {
        quick: false,
        skip_build: false,
        only: Vec::new(),
        runs: 5,
        n: 20_000,
        held: 10_000,
        out: bench_dir().join("BENCHMARKS.md"),
    };
    let (mut runs, mut n, mut out_given) = (None, None, false);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => opts.quick = true,
            "--skip-build" => opts.skip_build = true,
            "--only" => {
                opts.only = args
                    .next()
                    .expect("--only FIGURES")
                    .split(',')
                    .map(|f| f.trim().to_owned())
                    .collect();
                for f in &opts.only {
                    assert!(
                        FIGURES.contains(&f.as_str()),
                        "unknown figure {f}, expected some of {FIGURES:?}"
                    );
                }
            }
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()),
            "--n" => n = args.next().and_then(|v| v.parse().ok()),
            "--out" => {
                opts.out = args.next().expect("--out PATH").into();
                out_given = true;
            }
            "-h" | "--help" => {
                println!(
                    "usage: bench-runner [--quick] [--skip-build] [--only client,worker,converters,metrics,offload,memory,local,build] [--runs R] [--n N] [--out PATH]"
                );
                std::process::exit(0);
            }
            other => panic!("unknown argument {other}"),
        }
    }
    if opts.quick {
        opts.runs = 3;
        opts.n = 2_000;
    }
    if !opts.only.is_empty() && !out_given {
        // A partial run does not replace the full report.
        opts.out = bench_dir().join("target").join("BENCHMARKS-only.md");
    }
    opts.runs = runs.unwrap_or(opts.runs).max(1);
    opts.n = n.unwrap_or(opts.n).max(16);
    opts
}

fn main() {
    let opts = parse_opts();
    let started = Instant::now();
    let mut sections = Vec::new();
    let mut targets = Vec::new();
    let unlimited = vec!["--tasks".to_owned(), u64::MAX.to_string()];

    for (title, in_flight) in [
        ("Client cycle, sequential", 1),
        ("Client cycle, 16 in flight", 16),
    ] {
        if !opts.runs("client") {
            break;
        }
        let mut fig = Figure {
            title: format!("{title}: PollForActivityTask + RespondActivityTaskCompleted"),
            unit: "cycle",
            n: opts.n,
            contenders: vec![
                contender("swf-activity Client", "bench-ours"),
                contender("aws-sdk-swf", "bench-sdk"),
                contender("bare reqwest + aws-sigv4", "bench-bare"),
            ],
        };
        fig.run(opts.runs, "client", in_flight, &unlimited);
        let ours = fig.cpu_total("swf-activity Client");
        let sdk = fig.cpu_total("aws-sdk-swf");
        let bare = fig.cpu_total("bare reqwest + aws-sigv4");
        targets.push(Target {
            what: format!("{title}: CPU ≤ 0.45 × aws-sdk-swf"),
            ratio: fig.paired_ratio("swf-activity Client", "aws-sdk-swf"),
            limit: 0.45,
            detail: format!(
                "{:.1} vs {:.1} µs/cycle",
                ours * 1e6 / opts.n as f64,
                sdk * 1e6 / opts.n as f64
            ),
        });
        targets.push(Target {
            what: format!("{title}: CPU ≤ 1.1 × bare reqwest + aws-sigv4"),
            ratio: fig.paired_ratio("swf-activity Client", "bare reqwest + aws-sigv4"),
            limit: 1.1,
            detail: format!(
                "{:.1} vs {:.1} µs/cycle",
                ours * 1e6 / opts.n as f64,
                bare * 1e6 / opts.n as f64
            ),
        });
        sections.push(fig.table());
    }

    if opts.runs("worker") {
        let mut fig = Figure {
            title: "Worker path, 16 at once: poll, decode input, run, encode result, respond"
                .into(),
            unit: "task",
            n: opts.n,
            contenders: vec![
                contender("#[activity] + swf-activity Worker", "bench-ours"),
                contender("hand-written aws-sdk-swf loop", "bench-sdk"),
            ],
        };
        let stub = worker_stub(opts.n);
        fig.run(opts.runs, "worker", 16, &stub);
        let (ours, sdk) = (
            fig.cpu_total("#[activity] + swf-activity Worker"),
            fig.cpu_total("hand-written aws-sdk-swf loop"),
        );
        targets.push(Target {
            what: "Worker path: CPU ≤ 0.5 × hand-written aws-sdk-swf loop".into(),
            ratio: fig.paired_ratio(
                "#[activity] + swf-activity Worker",
                "hand-written aws-sdk-swf loop",
            ),
            limit: 0.5,
            detail: format!(
                "{:.1} vs {:.1} µs/task",
                ours * 1e6 / opts.n as f64,
                sdk * 1e6 / opts.n as f64
            ),
        });
        sections.push(fig.table() + "\nswf-activity: `max_concurrent_tasks(16)`, `pollers(16)`, registration off; \
            the SDK: 16 poll loops. Both stop after N tasks (the stub then holds polls 20 ms and answers \"no task\").\n");
    }

    if opts.runs("converters") {
        let json = "worker, Json converter";
        let flow = "worker, FlowJava converter";
        let simpleflow = "worker, Simpleflow converter";
        let mut fig = Figure {
            title: "Worker path by data converter, 16 at once: the same order, in each decider's format"
                .into(),
            unit: "task",
            n: opts.n,
            contenders: vec![
                converter_contender(json, "json"),
                converter_contender(flow, "flow"),
                converter_contender(simpleflow, "simpleflow"),
            ],
        };
        let stub = worker_stub(opts.n);
        fig.run(opts.runs, "worker", 16, &stub);
        for (label, name) in [(flow, "FlowJava"), (simpleflow, "Simpleflow")] {
            targets.push(Target {
                what: format!("Worker path with {name}: CPU ≤ 1.1 × with Json"),
                ratio: fig.paired_ratio(label, json),
                limit: 1.1,
                detail: format!(
                    "{:.1} vs {:.1} µs/task",
                    fig.cpu_total(label) * 1e6 / opts.n as f64,
                    fig.cpu_total(json) * 1e6 / opts.n as f64
                ),
            });
        }
        sections.push(fig.table() + "\nOne `bench-ours` worker as in the figure above, its default converter set to each; the \
            stub sends the same order as `Json` input, as Flow's `[\"[Ljava.lang.Object;\",[[\"com.example.Order\",{...}]]]` \
            and as simpleflow's `{\"args\":[{...}],\"kwargs\":{}}`. The result is a struct (a POJO with its class for Flow).\n");
    }

    if opts.runs("metrics") {
        let none = "worker, no recorder";
        let noop = "worker, metrics::NoopRecorder";
        let prometheus = "worker, Prometheus recorder";
        let mut fig = Figure {
            title: "Worker path by metrics recorder, 16 at once: none, no-op, Prometheus".into(),
            unit: "task",
            n: opts.n,
            contenders: vec![
                metrics_contender(none, "none"),
                metrics_contender(noop, "noop"),
                metrics_contender(prometheus, "prometheus"),
            ],
        };
        let stub = worker_stub(opts.n);
        fig.run(opts.runs, "worker", 16, &stub);
        for (label, name, limit) in [
            (noop, "a no-op metrics recorder", 1.03),
            (prometheus, "the Prometheus recorder", 1.08),
        ] {
            targets.push(Target {
                what: format!("Worker path with {name}: CPU ≤ {limit} × no recorder"),
                ratio: fig.paired_ratio(label, none),
                limit,
                detail: format!(
                    "{:.1} vs {:.1} µs/task",
                    fig.cpu_total(label) * 1e6 / opts.n as f64,
                    fig.cpu_total(none) * 1e6 / opts.n as f64
                ),
            });
        }
        sections.push(fig.table() + "\nOne `bench-ours` worker as in the worker figure (Json converter), with the recorder \
            installed before the worker starts (it registers its metric handles then): none (the library installs none), \
            `metrics::set_global_recorder(metrics::NoopRecorder)`, or `metrics-exporter-prometheus`'s \
            `PrometheusBuilder::new().install_recorder()` (default-features off), whose scrape the worker process renders \
            once a second on its runtime and once at the end, as an exporter would (the runner checks the last scrape \
            counts all N completed tasks). The client's per-call metrics are included wherever the runtime records them.\n");
    }

    if opts.runs("offload") {
        // 1 MiB per task: fewer tasks, so a run takes seconds, not minutes.
        let n = (opts.n / 40).max(50);
        let ours = "#[activity] + Worker, offloading with S3Store";
        let sdk = "hand-written aws-sdk-swf + aws-sdk-s3 loop";
        let mut fig = Figure {
            title: "A 1 MiB result, 4 at once: run, encode, store in S3, send the marker".into(),
            unit: "task",
            n,
            contenders: vec![contender(ours, "bench-ours"), contender(sdk, "bench-sdk")],
        };
        fig.run(opts.runs, "offload", 4, &worker_stub(n));
        sections.push(fig.table() + &format!(
            "\nEach task's result is a 1 MiB JSON string. swf-activity: `offload(Offload::new(S3Store))` \
             (key = SHA-256 of the value, signed with `x-amz-content-sha256`, path style on the stub); \
             the SDK: `put_object` with the same key (aws-sdk-s3's default checksums), then the same \
             marker. The stub answers the PUT with 200. Paired CPU ratio ours / SDK: {:.2}.\n",
            fig.paired_ratio(ours, sdk)
        ));
    }

    if opts.runs("memory") {
        let (t, target) = memory(&opts);
        sections.push(t);
        targets.extend(target);
    }

    if opts.runs("local") {
        sections.push(local(&opts));
    }

    if opts.runs("build") {
        if opts.skip_build {
            sections.push("### Clean debug build\n\nSkipped (`--skip-build`).\n".into());
        } else {
            let (t, target) = build_figures();
            sections.push(t);
            targets.extend(target);
        }
    }

    let mut summary = String::from(
        "### Targets\n\n| target | ratio | limit | | figures |\n|---|---|---|---|---|\n",
    );
    for t in &targets {
        summary += &format!(
            "| {} | {:.2} | {:.2} | {} | {} |\n",
            t.what,
            t.ratio,
            t.limit,
            if t.ratio <= t.limit { "PASS" } else { "MISS" },
            t.detail
        );
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let doc = format!(
        "# Benchmarks: swf-activity vs aws-sdk-swf\n\nGenerated by `bash bench/run.sh{}` in {:.0} s \
         ({} mode: N = {}, {} runs per figure).\n\n{}\n\
         Every contender is a separate child process on tokio's multi-thread runtime (one worker \
         thread per core), talking plain HTTP on 127.0.0.1 to `bench-stub`, a hyper server in its \
         own process (one thread) that answers every poll with a realistic task (~900-character \
         token, ~110-byte JSON input) and every respond with 200 and an empty body. CPU figures \
         are the child's user+sys from `wait4`; the stub's CPU is not counted. Ratios in the \
         targets are the median over runs of the ratio of process CPU within one run (contenders of a run ran back to back); the figures column shows the medians per contender.\n\n{}\n{}",
        if args.is_empty() {
            String::new()
        } else {
            format!(" {}", args.join(" "))
        },
        started.elapsed().as_secs_f64(),
        if opts.quick { "quick" } else { "full" },
        opts.n,
        opts.runs,
        machine(),
        summary,
        sections.join("\n"),
    );
    println!("{doc}");
    std::fs::write(&opts.out, &doc).expect("write BENCHMARKS.md");
    eprintln!("wrote {}", opts.out.display());
}
