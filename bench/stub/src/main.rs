//! A minimal SWF stub for the benchmarks, run as its own process so the measured process is only
//! the client.
//!
//! - `PollForActivityTask` answers at once with a realistic task (a ~900-character token, a small
//!   input, activity type `BenchActivity`/`1`) while fewer than `--tasks` were handed out;
//!   after that it holds the poll for `--empty-delay-ms` and answers "no task" (`{}`), as SWF does
//!   when a long poll ends empty.
//! - `--input-format json|flow|simpleflow`: the input as a plain, a Flow Java or a simpleflow
//!   decider schedules it (default `json`).
//! - Every other operation answers 200 with an empty body. No signature check.
//!
//! Prints `PORT <port>` on its first line of stdout.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The decider format of the tasks' input.
#[derive(Clone, Copy)]
enum Format {
    Json,
    Flow,
    Simpleflow,
}

struct State {
    tasks: u64,
    empty_delay: Duration,
    handed_out: AtomicU64,
    token_prefix: String,
    format: Format,
}

/// A task token the size of SWF's (they are opaque base64 of about 900 characters).
fn token_prefix() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::from("AAAAKgAAAAIAAAAAAAAAA");
    let mut x: u32 = 0x9e37_79b9;
    while s.len() < 880 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        s.push(ALPHABET[(x % 64) as usize] as char);
    }
    s
}

fn task_json(state: &State, n: u64) -> String {
    // The input is a JSON document in a JSON string, as SWF sends it: the same order in the
    // format of the decider the worker's converter serves.
    let order = format!(
        r#"{{\"order_id\":\"ord-{n:08}\",\"amount_cents\":4200,\"currency\":\"EUR\",\"items\":{items}}}"#,
        items = match state.format {
            Format::Flow => r#"[\"java.util.ArrayList\",[\"sku-1\",\"sku-2\",\"sku-3\"]]"#,
            Format::Json | Format::Simpleflow => r#"[\"sku-1\",\"sku-2\",\"sku-3\"]"#,
        }
    );
    let input = match state.format {
        Format::Json => order,
        Format::Flow => {
            format!(r#"[\"[Ljava.lang.Object;\",[[\"com.example.Order\",{order}]]]"#)
        }
        Format::Simpleflow => format!(r#"{{\"args\":[{order}],\"kwargs\":{{}}}}"#),
    };
    format!(
        concat!(
            r#"{{"activityId":"charge-{n}","activityType":{{"name":"BenchActivity","version":"1"}},"#,
            r#""input":"{input}","#,
            r#""startedEventId":{ev},"taskToken":"{prefix}{n:020}","#,
            r#""workflowExecution":{{"runId":"22Xb7oQxhQXzvLb0Y4rHz2R0g9Ukq6JbGx4R5bqUrGN8o=","workflowId":"order-{n:08}"}}}}"#
        ),
        n = n,
        input = input,
        ev = 6 + n,
        prefix = state.token_prefix,
    )
}

async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let is_poll = req
        .headers()
        .get("x-amz-target")
        .is_some_and(|v| v.as_bytes().ends_with(b".PollForActivityTask"));
    // Read the whole body, as a server must before answering on a kept-alive connection.
    let _ = req.into_body().collect().await;
    let body = if is_poll {
        let n = state.handed_out.fetch_add(1, Ordering::Relaxed);
        if n < state.tasks {
            task_json(&state, n)
        } else {
            state.handed_out.fetch_sub(1, Ordering::Relaxed);
            tokio::time::sleep(state.empty_delay).await;
            "{}".to_owned()
        }
    } else {
        String::new()
    };
    Ok(Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amzn-requestid", "4b5c8a7e-6d2f-4e1a-9b3c-0f1e2d3c4b5a")
        .body(Full::new(Bytes::from(body)))
        .expect("response"))
}

fn main() {
    let mut tasks = u64::MAX;
    let mut empty_delay_ms = 20;
    let mut format = Format::Json;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--tasks" => tasks = args.next().and_then(|v| v.parse().ok()).expect("--tasks N"),
            "--empty-delay-ms" => {
                empty_delay_ms = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--empty-delay-ms MS")
            }
            "--input-format" => {
                format = match args.next().as_deref() {
                    Some("json") => Format::Json,
                    Some("flow") => Format::Flow,
                    Some("simpleflow") => Format::Simpleflow,
                    other => panic!("--input-format json|flow|simpleflow, not {other:?}"),
                }
            }
            other => panic!("unknown argument {other}"),
        }
    }
    let state = Arc::new(State {
        tasks,
        empty_delay: Duration::from_millis(empty_delay_ms),
        handed_out: AtomicU64::new(0),
        token_prefix: token_prefix(),
        format,
    });
    debug_assert!(task_json(&state, 0).len() > 900);
    // One thread: the stub should leave the other core to the measured client.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        println!("PORT {}", listener.local_addr().expect("addr").port());
        use std::io::Write;
        std::io::stdout().flush().expect("flush");
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let state = state.clone();
            tokio::spawn(async move {
                let svc = service_fn(move |req| handle(state.clone(), req));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
}
