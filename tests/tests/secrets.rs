//! Secrets stay secret: `Debug` and `Display` of everything that holds credentials, logs at
//! every level while a worker runs, and TLS with certificate verification.
//!
//! The secret access key and the session token must never show up anywhere; task tokens are
//! opaque capabilities and must not show up in logs at `INFO` and above.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_credential_types::provider::{ProvideCredentials, error::CredentialsError, future};
use serde::{Deserialize, Serialize};
use swf_activity::credentials::Credentials;
use swf_activity::model::{ActivityType, RespondActivityTaskCompleted};
use swf_activity::testing::{ActivityOutcome, LocalSwf, Op, ScheduleSpec};
use swf_activity::{ActivityContext, Client, ErrorKind, Worker, activity};
use swf_activity_tests::logs::LogBuffer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const DOMAIN: &str = "secrets";
const ACCESS_KEY_ID: &str = "AKIDSECRETSTEST";
const SECRET: &str = "sEcReT/aCcEsS+kEy0123456789abcdefGHIJ";
const SESSION_TOKEN: &str = "IQoJsEsSiOnToKeN0123456789/abcdefXYZ==";
const WAIT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("nope {0}")]
struct Nope(u32);

#[activity(name = "SecretsEcho", version = "1", task_list = "secrets")]
async fn secrets_echo(ctx: ActivityContext, n: u32) -> Result<u32, Nope> {
    ctx.heartbeat(n);
    tokio::time::sleep(Duration::from_millis(5)).await;
    if n.is_multiple_of(2) {
        Ok(n)
    } else {
        Err(Nope(n))
    }
}

/// Panics with the text if it contains a secret or the session token.
fn assert_clean(what: &str, text: &str) {
    for secret in [SECRET, SESSION_TOKEN] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

/// `{:?}`, `{:#?}` and, for errors, `Display` and the whole `source()` chain.
fn error_texts(err: &swf_activity::Error) -> String {
    let mut text = format!("{err} {err:?} {err:#?}");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!(" {s} {s:?}"));
        source = s.source();
    }
    text
}

#[derive(Debug)]
struct Broken;

impl ProvideCredentials for Broken {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Err(CredentialsError::not_loaded("no keys here")))
    }
}

#[tokio::test]
async fn debug_and_display_never_show_secrets() {
    let swf = LocalSwf::builder()
        .credentials(ACCESS_KEY_ID, SECRET)
        .max_poll_wait(Duration::from_millis(200))
        .start()
        .await
        .expect("local SWF");
    swf.register_domain(DOMAIN).expect("domain");
    let credentials = Credentials::from_keys(ACCESS_KEY_ID, SECRET, Some(SESSION_TOKEN.into()));
    assert_clean("Credentials", &format!("{credentials:?} {credentials:#?}"));
    let builder = swf.client_builder().credentials(credentials);
    assert_clean("ClientBuilder", &format!("{builder:?} {builder:#?}"));
    let client = builder.build().expect("client");
    assert_clean("Client", &format!("{client:?} {client:#?}"));
    assert!(format!("{client:?}").contains(ACCESS_KEY_ID));
    let local_builder = LocalSwf::builder()
        .credentials(ACCESS_KEY_ID, SECRET)
        .also_accept("AKIDOTHER", SESSION_TOKEN);
    assert_clean(
        "LocalSwfBuilder",
        &format!("{local_builder:?} {local_builder:#?}"),
    );
    assert_clean("LocalSwf", &format!("{swf:?} {swf:#?}"));
    assert_clean("LocalSwf::credentials", &format!("{:?}", swf.credentials()));
    let worker_builder = Worker::builder(client.clone(), DOMAIN).task_list("secrets");
    assert_clean(
        "WorkerBuilder",
        &format!("{worker_builder:?} {worker_builder:#?}"),
    );
    let worker = worker_builder.build().expect("worker");
    assert_clean("Worker", &format!("{worker:?} {worker:#?}"));

    // A credentials error.
    let broken = Client::builder()
        .region("us-east-1")
        .endpoint_url(swf.url())
        .credentials(Credentials::from_provider(Broken))
        .build()
        .expect("client");
    let err = broken
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("no credentials");
    assert_eq!(err.kind(), &ErrorKind::Credentials);
    assert_clean("credentials error", &error_texts(&err));

    // An access-denied error: signed with the right key id and session token but a wrong
    // secret; the endpoint's own secret must not show either.
    let wrong = swf
        .client_builder()
        .credentials(Credentials::from_keys(
            ACCESS_KEY_ID,
            "wrong-secret-0123456789",
            Some(SESSION_TOKEN.into()),
        ))
        .build()
        .expect("client");
    let err = wrong
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("bad signature");
    assert!(
        matches!(err.kind(), ErrorKind::AccessDenied { .. }),
        "{err:?}"
    );
    let texts = error_texts(&err);
    assert_clean("access-denied error", &texts);
    assert!(!texts.contains("wrong-secret-0123456789"), "{texts}");

    // A modelled fault carrying a task token in the request: the token is not in the error.
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(
            "AAAAKgAAAAIAAAAAAAAAAsecret-task-token",
        ))
        .await
        .expect_err("unknown task");
    assert_clean("fault", &error_texts(&err));
}

/// AWS's answer to a bad signature quotes the canonical request it expected, session token
/// header included; the error (and so every log line that shows it) carries it redacted.
#[tokio::test]
async fn echoed_session_tokens_are_redacted_from_errors() {
    let server = swf_activity_tests::RecordingServer::start().await;
    let message = format!(
        "The request signature we calculated does not match the signature you provided. \
         The Canonical String for this request should have been\n'POST\n/\n\n\
         content-type:application/x-amz-json-1.0\nhost:swf.us-east-1.amazonaws.com\n\
         x-amz-date:20260101T000000Z\nx-amz-security-token:{SESSION_TOKEN}\n\
         x-amz-target:SimpleWorkflowService.RespondActivityTaskCompleted\n'"
    );
    server.respond_with(vec![swf_activity_tests::Reply::json(
        400,
        serde_json::json!({
            "__type": "com.amazon.coral.service#InvalidSignatureException",
            "message": message,
        })
        .to_string(),
    )]);
    let client = swf_activity_tests::test_client_builder(&server.url())
        .credentials(Credentials::from_keys(
            ACCESS_KEY_ID,
            SECRET,
            Some(SESSION_TOKEN.into()),
        ))
        .build()
        .expect("client");
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("bad signature");
    let texts = error_texts(&err);
    assert_clean("echoed canonical request", &texts);
    assert!(
        texts.contains("x-amz-security-token:** redacted **"),
        "{texts}"
    );
}

// ---------------------------------------------------------------------------------------------
// Logs.

/// Forwards TCP connections to `target` byte for byte (so SigV4 signatures stay valid) and
/// keeps a copy of everything the target answered: the task tokens SWF handed out are in it.
async fn tee_proxy(target: std::net::SocketAddr) -> (String, LogBuffer) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let answers = LogBuffer::default();
    let copy = answers.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let Ok(server) = TcpStream::connect(target).await else {
                continue;
            };
            let copy = copy.clone();
            tokio::spawn(async move {
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                let upstream = tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
                    let _ = server_write.shutdown().await;
                });
                let mut buf = vec![0; 16 * 1024];
                loop {
                    match server_read.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            use std::io::Write as _;
                            let _ = copy.clone().write(&buf[..n]);
                            if client_write.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                    }
                }
                let _ = client_write.shutdown().await;
                upstream.abort();
            });
        }
    });
    (url, answers)
}

/// Every `"taskToken":"..."` value in `text`.
fn task_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(r#""taskToken":""#) {
        rest = &rest[at + r#""taskToken":""#.len()..];
        if let Some(end) = rest.find('"') {
            tokens.push(rest[..end].replace("\\/", "/"));
            rest = &rest[end..];
        }
    }
    tokens.sort();
    tokens.dedup();
    tokens
}

/// The lines of `fmt` output with their level (continuation lines keep the previous level).
fn leveled_lines(text: &str) -> Vec<(tracing::Level, &str)> {
    let mut level = tracing::Level::TRACE;
    text.lines()
        .map(|line| {
            let head = line.trim_start();
            for (name, l) in [
                ("TRACE", tracing::Level::TRACE),
                ("DEBUG", tracing::Level::DEBUG),
                ("INFO", tracing::Level::INFO),
                ("WARN", tracing::Level::WARN),
                ("ERROR", tracing::Level::ERROR),
            ] {
                if head.starts_with(name) {
                    level = l;
                }
            }
            (level, line)
        })
        .collect()
}

/// A worker with a session token runs tasks (some answers throttled, some heartbeats refused)
/// while every `tracing` event down to `TRACE` is captured: the secret and the session token
/// never appear, task tokens not at `INFO` and above.
#[tokio::test]
async fn logs_never_show_secrets_or_task_tokens() {
    let logs = LogBuffer::default();
    // The test runs on one thread (current-thread runtime), so a thread default sees it all.
    let _guard = logs.install(tracing::Level::TRACE);

    let swf = LocalSwf::builder()
        .credentials(ACCESS_KEY_ID, SECRET)
        .max_poll_wait(Duration::from_millis(200))
        .start()
        .await
        .expect("local SWF");
    swf.register_domain(DOMAIN).expect("domain");
    let (proxy_url, answers) = tee_proxy(swf.addr()).await;
    let client = swf
        .client_builder()
        .endpoint_url(&proxy_url)
        .credentials(Credentials::from_keys(
            ACCESS_KEY_ID,
            SECRET,
            Some(SESSION_TOKEN.into()),
        ))
        .build()
        .expect("client");
    // Warnings and errors that carry SWF's answers get logged too.
    swf.faults()
        .throttle(Op::RespondActivityTaskCompleted, 2)
        .error_5xx(Op::RespondActivityTaskFailed, 1, 503)
        .throttle(Op::RecordActivityTaskHeartbeat, 3)
        .error_5xx(Op::PollForActivityTask, 6, 500);
    let worker = Worker::builder(client, DOMAIN)
        .task_list("secrets")
        .poll_backoff(Duration::from_millis(5), Duration::from_millis(50))
        .max_heartbeat_interval(Duration::from_millis(10))
        .build()
        .expect("worker");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));
    assert!(swf.wait_for_pollers(DOMAIN, "secrets", 1, WAIT).await);
    let tasks: Vec<_> = (0..6_u32)
        .map(|n| {
            swf.schedule_activity_task(
                ScheduleSpec::new(
                    DOMAIN,
                    ActivityType::new("SecretsEcho", "1"),
                    format!("s{n}"),
                )
                .task_list("secrets")
                .input(n.to_string())
                .start_to_close_timeout("60")
                .schedule_to_close_timeout("NONE")
                .schedule_to_start_timeout("NONE")
                .heartbeat_timeout("NONE"),
            )
            .expect("scheduled")
        })
        .collect();
    for task in &tasks {
        let outcome = swf.wait_for_outcome(task, WAIT).await.expect("ends");
        assert!(
            matches!(
                outcome,
                ActivityOutcome::Completed { .. } | ActivityOutcome::Failed { .. }
            ),
            "{outcome:?}"
        );
    }
    let _ = stop.send(());
    tokio::time::timeout(WAIT, running)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");
    drop(_guard);

    let tokens = task_tokens(&answers.text());
    assert_eq!(
        tokens.len(),
        tasks.len(),
        "one token per task was handed out"
    );
    let text = logs.text();
    assert!(
        text.contains("task completed") && text.contains("TRACE"),
        "the capture works: {text}"
    );
    assert!(
        text.contains("Rate exceeded") || text.contains("throttled"),
        "faults were logged"
    );
    for (level, line) in leveled_lines(&text) {
        assert_clean("a log line", line);
        if level <= tracing::Level::INFO {
            for token in &tokens {
                assert!(
                    !line.contains(token.as_str()),
                    "a task token at {level}: {line}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// TLS.

/// An HTTPS server on `127.0.0.1` with a self-signed certificate for `localhost` and
/// `127.0.0.1`; returns its port and the certificate. It counts requests that got through a
/// handshake.
async fn self_signed_server() -> (
    u16,
    tokio_rustls::rustls::pki_types::CertificateDer<'static>,
    Arc<Mutex<u32>>,
) {
    use tokio_rustls::rustls;
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .expect("certificate");
    let cert = certified.cert.der().clone();
    let key = tokio_rustls::rustls::pki_types::PrivateKeyDer::Pkcs8(
        certified.signing_key.serialize_der().into(),
    );
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocols")
    .with_no_client_auth()
    .with_single_cert(vec![cert.clone()], key)
    .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let served = Arc::new(Mutex::new(0));
    let count = Arc::clone(&served);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut buf = vec![0; 4096];
                if matches!(tls.read(&mut buf).await, Ok(n) if n > 0) {
                    *count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
                    let _ = tls
                        .write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                        )
                        .await;
                    let _ = tls.shutdown().await;
                }
            });
        }
    });
    (port, cert, served)
}

/// The client verifies certificates: a self-signed one is refused before anything is sent,
/// while a TLS client that trusts that certificate gets through (so the server works).
#[tokio::test]
async fn https_endpoints_verify_certificates() {
    use tokio_rustls::rustls;
    let (port, cert, served) = self_signed_server().await;
    for host in ["localhost", "127.0.0.1"] {
        let client = Client::builder()
            .region("us-east-1")
            .endpoint_url(format!("https://{host}:{port}"))
            .credentials(Credentials::from_keys(ACCESS_KEY_ID, SECRET, None))
            .retry_config(swf_activity::client::RetryConfig::disabled())
            .build()
            .expect("client");
        let err = client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .expect_err("a self-signed certificate is refused");
        assert!(
            matches!(err.kind(), ErrorKind::Transport { .. }),
            "{host}: {err:?}"
        );
        let chain = error_texts(&err).to_lowercase();
        assert!(
            chain.contains("certificate") || chain.contains("unknownissuer"),
            "{host}: {chain}"
        );
        assert_clean("TLS error", &chain);
    }
    assert_eq!(
        *served.lock().unwrap_or_else(PoisonError::into_inner),
        0,
        "no request got through"
    );

    // Control: trusting the certificate, a TLS client talks to the server.
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert).expect("root");
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocols")
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let name = tokio_rustls::rustls::pki_types::ServerName::try_from("localhost").expect("name");
    let mut tls = connector.connect(name, stream).await.expect("handshake");
    tls.write_all(b"POST / HTTP/1.1\r\nhost: localhost\r\ncontent-length: 0\r\n\r\n")
        .await
        .expect("write");
    let mut answer = String::new();
    let _ = tls.read_to_string(&mut answer).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(*served.lock().unwrap_or_else(PoisonError::into_inner), 1);
}
