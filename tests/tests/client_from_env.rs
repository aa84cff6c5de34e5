//! `Client::from_env` reads the standard AWS variables.
//!
//! The process environment cannot be changed safely from a test (and this workspace forbids
//! `unsafe`), so each case runs this test binary again as a child process with a clean, chosen
//! environment; the child builds the client and sends one request to the parent's recording
//! server.

use std::process::Stdio;
use std::time::Duration;

use swf_activity::model::RespondActivityTaskCompleted;
use swf_activity::{Client, ErrorKind};
use swf_activity_tests::RecordingServer;

/// Set in the child: which case to run.
const CHILD: &str = "SWF_ACTIVITY_FROM_ENV_CHILD";

/// Runs this binary's `child` test with only `vars` (and no AWS files or instance metadata).
async fn run_child(case: &str, vars: &[(&str, &str)]) -> String {
    let exe = std::env::current_exe().expect("test binary");
    let mut command = tokio::process::Command::new(exe);
    command
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env_clear()
        .env(CHILD, case)
        .env("HOME", "/nonexistent-home")
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("child finishes")
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "child {case} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The child side: does nothing unless started by `run_child`.
#[tokio::test]
async fn child() {
    let Ok(case) = std::env::var(CHILD) else {
        return;
    };
    match case.as_str() {
        "send" => {
            let client = Client::from_env().await.expect("client from env");
            // Never send a test's request to AWS.
            assert_eq!(
                client.endpoint().url().host_str(),
                Some("127.0.0.1"),
                "{:?}",
                client.endpoint()
            );
            client
                .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
                .await
                .expect("request");
            println!("CHILD-REGION={}", client.region());
            println!("CHILD-SOURCE={:?}", client.endpoint().source());
        }
        "no-region" => {
            let err = Client::from_env().await.expect_err("no region");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            assert!(err.to_string().contains("region"), "{err}");
            println!("CHILD-ERROR={err}");
        }
        "bad-endpoint" => {
            let err = Client::from_env().await.expect_err("bad endpoint");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            assert!(
                err.to_string().contains("AWS_ENDPOINT_URL_SWF")
                    || err.to_string().contains("not a valid URL"),
                "{err}"
            );
            println!("CHILD-ERROR={err}");
        }
        "print" => print_client(&Client::from_env().await.expect("client from env")),
        #[cfg(feature = "aws-config")]
        "print-conf" => {
            let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
            print_client(&Client::from_conf(&config).expect("client from conf"));
        }
        "error" => {
            let err = Client::from_env().await.expect_err("a configuration error");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            println!("CHILD-ERROR={err}");
        }
        #[cfg(feature = "aws-config")]
        "error-conf" => {
            let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
            let err = Client::from_conf(&config).expect_err("a configuration error");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            println!("CHILD-ERROR={err}");
        }
        other => panic!("unknown case {other}"),
    }
}

/// What the parent checks of a client the child made, without sending anything.
fn print_client(client: &Client) {
    println!("CHILD-URL={}", client.endpoint().url());
    println!("CHILD-SOURCE={:?}", client.endpoint().source());
    println!(
        "CHILD-MAX-ATTEMPTS={}",
        client.retry_config().max_attempts()
    );
}

/// Writes a shared config file for one child, in the test's own temporary directory.
fn config_file(name: &str, text: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("from-env-{}-{name}.config", std::process::id()));
    std::fs::write(&path, text).expect("write the config file");
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// The keys every child gets; their values do not matter to the endpoint.
const KEYS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
    ("AWS_SECRET_ACCESS_KEY", "env-secret"),
];

/// Runs `case` with `KEYS`, `vars` and, if given, a config file holding `config`.
async fn child_with(case: &str, config: Option<&str>, vars: &[(&str, &str)]) -> String {
    let path = config.map(|text| config_file(&format!("{case}-{}", fastrand::u64(..)), text));
    let mut all: Vec<(&str, &str)> = KEYS.to_vec();
    all.extend_from_slice(vars);
    if let Some(path) = &path {
        all.push(("AWS_CONFIG_FILE", path));
    }
    let stdout = run_child(case, &all).await;
    if let Some(path) = path {
        let _ = std::fs::remove_file(path);
    }
    stdout
}

/// A profile that points SWF, and only SWF, at `url` through a `[services]` section.
#[cfg(feature = "aws-config")]
fn services_profile(region: &str, url: &str, extra: &str) -> String {
    format!(
        "[default]\nregion = {region}\nservices = local-swf\n{extra}\n\n\
         [services local-swf]\nswf =\n  endpoint_url = {url}\n"
    )
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn swf_endpoint_from_the_profiles_services_section() {
    let server = RecordingServer::start().await;
    let url = server.url();
    // A global endpoint in the profile loses to the SWF-specific one.
    let profile = services_profile("eu-west-1", &url, "endpoint_url = http://127.0.0.1:9");
    let stdout = child_with("send", Some(&profile), &[]).await;
    assert!(stdout.contains("CHILD-SOURCE=Profile"), "{stdout}");
    assert_eq!(server.request_count(), 1);
    let stdout = child_with("print-conf", Some(&profile), &[]).await;
    assert!(stdout.contains(&format!("CHILD-URL={url}/")), "{stdout}");
    assert!(stdout.contains("CHILD-SOURCE=SdkConfig"), "{stdout}");
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn swf_env_beats_global_env_in_from_conf() {
    let server = RecordingServer::start().await;
    let url = server.url();
    let stdout = child_with(
        "print-conf",
        None,
        &[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL_SWF", &url),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    )
    .await;
    assert!(stdout.contains(&format!("CHILD-URL={url}/")), "{stdout}");
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn environment_beats_the_profile_as_in_the_sdk() {
    // aws-config reads the service-specific variable, the global variable, then the profile.
    let profile = services_profile("eu-west-1", "http://127.0.0.1:9", "");
    let stdout = child_with(
        "print",
        Some(&profile),
        &[("AWS_ENDPOINT_URL", "http://127.0.0.1:7")],
    )
    .await;
    assert!(stdout.contains("CHILD-URL=http://127.0.0.1:7/"), "{stdout}");
    assert!(stdout.contains("CHILD-SOURCE=EnvGlobal"), "{stdout}");
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn ignore_configured_endpoint_urls_ignores_the_services_section() {
    let profile = services_profile("eu-west-1", "http://127.0.0.1:9", "");
    for case in ["print", "print-conf"] {
        let stdout = child_with(
            case,
            Some(&profile),
            &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")],
        )
        .await;
        assert!(
            stdout.contains("CHILD-URL=https://swf.eu-west-1.amazonaws.com/"),
            "{case}: {stdout}"
        );
        assert!(stdout.contains("CHILD-SOURCE=Regional"), "{case}: {stdout}");
    }
}

#[tokio::test]
async fn dual_stack_from_the_environment() {
    let vars = [
        ("AWS_REGION", "us-west-2"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
    ];
    let stdout = child_with("print", None, &vars).await;
    assert!(
        stdout.contains("CHILD-URL=https://swf.us-west-2.api.aws/"),
        "{stdout}"
    );
    #[cfg(feature = "aws-config")]
    {
        let stdout = child_with("print-conf", None, &vars).await;
        assert!(
            stdout.contains("CHILD-URL=https://swf.us-west-2.api.aws/"),
            "{stdout}"
        );
    }
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn dual_stack_and_fips_from_the_profile() {
    let profile = "[default]\nregion = ap-northeast-1\nuse_dualstack_endpoint = true\n";
    for case in ["print", "print-conf"] {
        let stdout = child_with(case, Some(profile), &[]).await;
        assert!(
            stdout.contains("CHILD-URL=https://swf.ap-northeast-1.api.aws/"),
            "{case}: {stdout}"
        );
    }
    let profile = "[default]\nregion = us-gov-west-1\nuse_fips_endpoint = true\n";
    let stdout = child_with("print", Some(profile), &[]).await;
    assert!(
        stdout.contains("CHILD-URL=https://swf.us-gov-west-1.amazonaws.com/"),
        "{stdout}"
    );
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn fips_with_a_services_endpoint_is_an_error() {
    let profile = services_profile(
        "us-east-1",
        "http://127.0.0.1:9",
        "use_fips_endpoint = true",
    );
    for case in ["error", "error-conf"] {
        let stdout = child_with(case, Some(&profile), &[]).await;
        assert!(
            stdout.contains("FIPS and a custom endpoint are not supported"),
            "{case}: {stdout}"
        );
    }
}

#[cfg(feature = "aws-config")]
#[tokio::test]
async fn max_attempts_from_the_environment_and_the_profile() {
    let stdout = child_with(
        "print",
        None,
        &[("AWS_REGION", "eu-west-1"), ("AWS_MAX_ATTEMPTS", "7")],
    )
    .await;
    assert!(stdout.contains("CHILD-MAX-ATTEMPTS=7"), "{stdout}");
    let profile = "[default]\nregion = eu-west-1\nmax_attempts = 2\n";
    let stdout = child_with("print-conf", Some(profile), &[]).await;
    assert!(stdout.contains("CHILD-MAX-ATTEMPTS=2"), "{stdout}");
}

/// `from_conf` with an `SdkConfig` made in code, in this process.
#[cfg(feature = "aws-config")]
mod sdk_config {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use aws_config::retry::RetryConfig as SdkRetryConfig;
    use aws_config::timeout::TimeoutConfig;
    use aws_config::{Region, SdkConfig};
    use aws_credential_types::provider::SharedCredentialsProvider;
    use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};
    use swf_activity::client::RetryConfig;
    use swf_activity::endpoint::EndpointSource;
    use swf_activity::{Client, ErrorKind};

    fn base() -> aws_types::sdk_config::Builder {
        SdkConfig::builder()
            .region(Region::new("eu-west-1"))
            .credentials_provider(SharedCredentialsProvider::new(
                aws_credential_types::Credentials::new("AKID", "secret", None, None, "test"),
            ))
    }

    /// A service config that answers only for SWF's endpoint key, and records what it was
    /// asked.
    #[derive(Debug, Default)]
    struct SwfOnly {
        asked: Mutex<Vec<(String, String, String)>>,
    }

    impl LoadServiceConfig for SwfOnly {
        fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
            self.asked.lock().expect("lock").push((
                key.service_id().to_owned(),
                key.env().to_owned(),
                key.profile().to_owned(),
            ));
            (key.service_id() == "SWF"
                && key.env() == "AWS_ENDPOINT_URL"
                && key.profile() == "endpoint_url")
                .then(|| "http://127.0.0.1:4566".to_owned())
        }
    }

    #[test]
    fn service_config_endpoint_beats_the_global_one() {
        let service = Arc::new(SwfOnly::default());
        #[derive(Debug)]
        struct Shared(Arc<SwfOnly>);
        impl LoadServiceConfig for Shared {
            fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
                self.0.load_config(key)
            }
        }
        let config = base()
            .endpoint_url("http://127.0.0.1:9")
            .service_config(Shared(service.clone()))
            .build();
        let client = Client::from_conf(&config).expect("client");
        assert_eq!(client.endpoint().url().as_str(), "http://127.0.0.1:4566/");
        assert_eq!(client.endpoint().source(), EndpointSource::SdkConfig);
        assert_eq!(
            service.asked.lock().expect("lock").as_slice(),
            [(
                "SWF".to_owned(),
                "AWS_ENDPOINT_URL".to_owned(),
                "endpoint_url".to_owned()
            )]
        );
        // Without a service config, the global endpoint.
        let client =
            Client::from_conf(&base().endpoint_url("http://127.0.0.1:9").build()).expect("client");
        assert_eq!(client.endpoint().url().as_str(), "http://127.0.0.1:9/");
    }

    #[test]
    fn builder_debug_hides_credentials_in_a_configured_endpoint() {
        let config = base()
            .endpoint_url("https://user:s3cret@example.com/swf")
            .build();
        let builder = swf_activity::client::ClientBuilder::from_conf(&config);
        let debug = format!("{builder:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("example.com/swf"), "{debug}");
        let err = builder.build().expect_err("credentials in the endpoint");
        assert!(!format!("{err} {err:?}").contains("s3cret"), "{err:?}");
    }

    #[test]
    fn dual_stack_and_fips() {
        let client = Client::from_conf(&base().use_dual_stack(true).build()).expect("client");
        assert_eq!(
            client.endpoint().url().as_str(),
            "https://swf.eu-west-1.api.aws/"
        );
        let client =
            Client::from_conf(&base().use_dual_stack(true).use_fips(true).build()).expect("client");
        assert_eq!(
            client.endpoint().url().as_str(),
            "https://swf-fips.eu-west-1.api.aws/"
        );
        for config in [
            base().use_fips(true).endpoint_url("http://127.0.0.1:9"),
            base()
                .use_dual_stack(true)
                .endpoint_url("http://127.0.0.1:9"),
        ] {
            let err = Client::from_conf(&config.build()).expect_err("custom endpoint");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            assert!(err.to_string().contains("custom endpoint"), "{err}");
        }
    }

    #[test]
    fn retry_and_timeouts_are_mapped() {
        let config = base()
            .retry_config(
                SdkRetryConfig::standard()
                    .with_max_attempts(2)
                    .with_initial_backoff(Duration::from_millis(50))
                    .with_max_backoff(Duration::from_secs(3)),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .read_timeout(Duration::from_secs(4))
                    .operation_attempt_timeout(Duration::from_secs(9))
                    .build(),
            )
            .build();
        let client = Client::from_conf(&config).expect("client");
        assert_eq!(
            client.retry_config(),
            &RetryConfig::standard()
                .with_max_attempts(2)
                .with_base_delay(Duration::from_millis(50))
                .with_max_delay(Duration::from_secs(3))
        );
        // The attempt timeout bounds a whole request, as the read timeout does here.
        assert_eq!(client.read_timeout(), Duration::from_secs(9));
        // Long polls keep their own timeout: SWF holds them up to 60 s.
        assert_eq!(
            client.poll_timeout(),
            swf_activity::client::DEFAULT_POLL_TIMEOUT
        );
        let debug = format!("{client:?}");
        assert!(debug.contains("connect_timeout: 2s"), "{debug}");

        // Only a read timeout: it bounds the request.
        let config = base()
            .timeout_config(
                TimeoutConfig::builder()
                    .read_timeout(Duration::from_secs(4))
                    .build(),
            )
            .build();
        let client = Client::from_conf(&config).expect("client");
        assert_eq!(client.read_timeout(), Duration::from_secs(4));
        // Nothing set: the client's defaults.
        let client = Client::from_conf(&base().build()).expect("client");
        assert_eq!(client.retry_config(), &RetryConfig::standard());
        assert_eq!(
            client.read_timeout(),
            swf_activity::client::DEFAULT_READ_TIMEOUT
        );
    }
}

#[tokio::test]
async fn region_keys_and_endpoint_from_the_environment() {
    let server = RecordingServer::start().await;
    let url = server.url();
    let stdout = run_child(
        "send",
        &[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_SESSION_TOKEN", "env-token"),
            ("AWS_ENDPOINT_URL_SWF", &url),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-REGION=eu-west-1"), "{stdout}");
    assert!(stdout.contains("CHILD-SOURCE=EnvSwf"), "{stdout}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let auth = requests[0].header("authorization").expect("signed");
    assert!(auth.contains("Credential=AKIDFROMENV/"), "{auth}");
    assert!(auth.contains("/eu-west-1/swf/aws4_request"), "{auth}");
    assert_eq!(
        requests[0].header("x-amz-security-token"),
        Some("env-token")
    );
}

#[tokio::test]
async fn default_region_and_global_endpoint() {
    let server = RecordingServer::start().await;
    let url = server.url();
    let stdout = run_child(
        "send",
        &[
            ("AWS_DEFAULT_REGION", "ap-south-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_ENDPOINT_URL", &url),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-REGION=ap-south-1"), "{stdout}");
    assert!(stdout.contains("CHILD-SOURCE=EnvGlobal"), "{stdout}");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn missing_region_is_a_configuration_error() {
    let stdout = run_child(
        "no-region",
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-ERROR="), "{stdout}");
}

#[tokio::test]
async fn bad_endpoint_is_a_configuration_error() {
    let stdout = run_child(
        "bad-endpoint",
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_ENDPOINT_URL_SWF", "::not a url"),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-ERROR="), "{stdout}");
}
