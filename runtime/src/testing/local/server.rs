//! The HTTP side of the local SWF: `POST /` with `X-Amz-Target: SimpleWorkflowService.<Op>`,
//! every request's SigV4 signature checked, faults injected, bodies validated, then handed to
//! the [`Engine`].

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::engine::Engine;
use super::faults::{Fault, Faults, Op};
use super::validate::{validate, validate_model};
use super::wire::{SwfError, random_token};
use crate::signing::{Received, verify};

/// The largest request body the endpoint reads (SWF's largest requests are well below).
const MAX_BODY: usize = 1 << 20;
/// The `X-Amz-Target` prefix of SWF's operations.
const TARGET_PREFIX: &str = "SimpleWorkflowService.";

/// What every connection shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) engine: Arc<Engine>,
    pub(crate) faults: Faults,
    pub(crate) stats: Mutex<BTreeMap<String, u64>>,
    /// Secret access key by access key id.
    pub(crate) keys: HashMap<String, String>,
    pub(crate) region: String,
    /// The endpoint's clock minus the system clock, in milliseconds.
    pub(crate) clock_offset_ms: i64,
    /// Serve requests without checking their signatures.
    pub(crate) no_auth: bool,
}

impl Shared {
    /// The time by the endpoint's clock.
    pub(crate) fn now(&self) -> SystemTime {
        crate::clock::shift(SystemTime::now(), self.clock_offset_ms)
    }
}

/// The error a handler returns to make hyper close the connection without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped on purpose (local SWF fault injection)")]
struct Dropped;

type Answer = Response<Full<Bytes>>;

/// Accepts connections until `shutdown` fires; dropping the returned future's task aborts
/// every open connection.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = Arc::clone(&shared);
                connections.spawn(async move {
                    let service = service_fn(move |req| handle(Arc::clone(&shared), req));
                    // Errors are closed connections, some of them on purpose.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

fn answer(shared: &Shared, status: u16, body: String) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let headers = response.headers_mut();
    headers.insert(
        "content-type",
        hyper::header::HeaderValue::from_static("application/x-amz-json-1.0"),
    );
    // Dated by the endpoint's clock (hyper would use the system's), as clients learn SWF's
    // time from it.
    if let Ok(date) = hyper::header::HeaderValue::from_str(&httpdate::fmt_http_date(shared.now())) {
        headers.insert(hyper::header::DATE, date);
    }
    if let Ok(id) = hyper::header::HeaderValue::from_str(&random_token(36).replace(['+', '/'], "-"))
    {
        headers.insert("x-amzn-requestid", id);
    }
    response
}

fn error(shared: &Shared, err: &SwfError) -> Answer {
    answer(shared, err.status, err.body())
}

/// The account the local SWF's IAM denials name.
const DENIAL_ACCOUNT: &str = "123456789012";

/// What SWF answers when IAM does not allow the caller `op`: `AccessDeniedException`, with
/// IAM's wording (under `Message`, as AWS's front end spells it) naming the domain of the
/// request, when it names one (a task token does not).
fn access_denied(shared: &Shared, op: Op, body: &[u8]) -> Answer {
    let region = &shared.region;
    let partition = crate::partition::Partition::of(region).name();
    // The domain operations name theirs `name`; the tag operations name it by its ARN.
    let member = match op {
        Op::RegisterDomain | Op::DescribeDomain | Op::DeprecateDomain | Op::UndeprecateDomain => {
            "name"
        }
        Op::TagResource | Op::UntagResource | Op::ListTagsForResource => "resourceArn",
        _ => "domain",
    };
    let named = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|body| body.get(member)?.as_str().map(str::to_owned));
    let resource = named.map_or_else(String::new, |named| {
        let arn = if member == "resourceArn" {
            named
        } else {
            crate::client::access::domain_arn(region, DENIAL_ACCOUNT, &named)
        };
        format!(" on resource: {arn}")
    });
    let message = format!(
        "User: arn:{partition}:iam::{DENIAL_ACCOUNT}:user/local is not authorized to perform: \
         swf:{op}{resource} because no identity-based policy allows the swf:{op} action"
    );
    let body = serde_json::json!({
        "__type": "com.amazon.coral.service#AccessDeniedException",
        "Message": message,
    });
    answer(shared, 400, body.to_string())
}

/// `GET /health`: `200` with `{"status":"ok"}` while the endpoint serves, for scripts that
/// wait for it; unauthenticated, as it says nothing about the domains.
const HEALTH_PATH: &str = "/health";

/// Serves one request and logs it at debug level: operation, status and time taken.
async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Answer, Dropped> {
    let started = std::time::Instant::now();
    let operation = req
        .headers()
        .get("x-amz-target")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let answered = serve(shared, req).await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    match &answered {
        Ok(answer) => tracing::debug!(
            %method,
            %path,
            operation = operation.as_deref().unwrap_or("-"),
            status = answer.status().as_u16(),
            elapsed_ms,
            "local SWF request"
        ),
        Err(Dropped) => tracing::debug!(
            %method,
            %path,
            operation = operation.as_deref().unwrap_or("-"),
            elapsed_ms,
            "local SWF request: connection dropped (fault injection)"
        ),
    }
    answered
}

async fn serve(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Answer, Dropped> {
    if req.method() == hyper::Method::GET && req.uri().path() == HEALTH_PATH {
        let mut health = answer(&shared, 200, r#"{"status":"ok"}"#.to_owned());
        health.headers_mut().insert(
            "content-type",
            hyper::header::HeaderValue::from_static("application/json"),
        );
        return Ok(health);
    }
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Ok(error(
                &shared,
                &SwfError::serialization("the request body is too large or could not be read"),
            ));
        }
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let target = parts
        .headers
        .get("x-amz-target")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let name = target
        .as_deref()
        .map_or("", |t| t.strip_prefix(TARGET_PREFIX).unwrap_or(t))
        .to_owned();
    {
        let mut stats = shared.stats.lock().unwrap_or_else(|e| e.into_inner());
        *stats.entry(name.clone()).or_default() += 1;
    }

    // Authentication comes first, as at AWS's front end.
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let received = Received {
        method: parts.method.as_str(),
        path_and_query: &path_and_query,
        headers: &headers,
        body: &body,
    };
    if !shared.no_auth
        && let Err(e) = verify(
            &received,
            |akid| shared.keys.get(akid).cloned(),
            &shared.region,
            shared.now(),
        )
    {
        return Ok(error(&shared, &SwfError::auth(e.code, e.message)));
    }

    let op = match target
        .as_deref()
        .and_then(|t| t.strip_prefix(TARGET_PREFIX))
    {
        Some(op) if parts.method == hyper::Method::POST => op.parse::<Op>().ok(),
        _ => None,
    };
    let Some(op) = op else {
        return Ok(error(&shared, &SwfError::unknown_operation()));
    };

    let mut drop_after = false;
    match shared.faults.take(op) {
        Some(Fault::Throttle) => return Ok(error(&shared, &SwfError::throttling())),
        Some(Fault::Status(status)) => return Ok(error(&shared, &SwfError::server(status))),
        Some(Fault::ExpiredToken) => {
            return Ok(error(
                &shared,
                &SwfError::auth(
                    "ExpiredToken",
                    "The security token included in the request is expired",
                ),
            ));
        }
        Some(Fault::AccessDenied) => return Ok(access_denied(&shared, op, &body)),
        Some(Fault::DropBefore) => return Err(Dropped),
        Some(Fault::DropAfter) => drop_after = true,
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        None => {}
    }

    let result = match serde_json::from_slice::<Value>(&body) {
        Err(e) => Err(SwfError::serialization(format!(
            "the request body is not JSON: {e}"
        ))),
        Ok(body) => match validate(op.as_str(), &body).and_then(|()| validate_model(op, &body)) {
            Err(e) => Err(e),
            Ok(()) => shared.engine.call(op, &body).await,
        },
    };
    if drop_after {
        return Err(Dropped);
    }
    Ok(match result {
        Ok(Some(value)) => answer(&shared, 200, value.to_string()),
        Ok(None) => answer(&shared, 200, String::new()),
        Err(e) => error(&shared, &e),
    })
}
