//! Endpoint resolution: region, China, FIPS, the endpoint environment variables and explicit
//! URLs, without touching the process environment.

use swf_activity::ErrorKind;
use swf_activity::endpoint::{EndpointSettings, EndpointSource, regional_url, resolve};

/// One case: region, explicit URL, FIPS flag, environment, expected URL or `Err` with a
/// fragment of the message.
struct Case {
    name: &'static str,
    region: &'static str,
    explicit: Option<&'static str>,
    fips: Option<bool>,
    env: &'static [(&'static str, &'static str)],
    expected: Result<(&'static str, EndpointSource), &'static str>,
}

const CASES: &[Case] = &[
    Case {
        name: "regional",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.us-east-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "another region",
        region: "ap-southeast-2",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.ap-southeast-2.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "china",
        region: "cn-north-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.cn-north-1.amazonaws.com.cn/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "china northwest",
        region: "cn-northwest-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.cn-northwest-1.amazonaws.com.cn/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "govcloud",
        region: "us-gov-west-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.us-gov-west-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips by builder",
        region: "us-east-1",
        explicit: None,
        fips: Some(true),
        env: &[],
        expected: Ok((
            "https://swf-fips.us-east-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips by env",
        region: "us-west-2",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_FIPS_ENDPOINT", "true")],
        expected: Ok((
            "https://swf-fips.us-west-2.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips env any case",
        region: "us-west-2",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_FIPS_ENDPOINT", "TRUE")],
        expected: Ok((
            "https://swf-fips.us-west-2.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips env false",
        region: "us-west-2",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_FIPS_ENDPOINT", "false")],
        expected: Ok((
            "https://swf.us-west-2.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "builder fips flag beats env",
        region: "us-west-2",
        explicit: None,
        fips: Some(false),
        env: &[("AWS_USE_FIPS_ENDPOINT", "true")],
        expected: Ok((
            "https://swf.us-west-2.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    // GovCloud's FIPS endpoint is its regular one; its dual-stack endpoint is the FIPS one.
    Case {
        name: "fips govcloud",
        region: "us-gov-west-1",
        explicit: None,
        fips: Some(true),
        env: &[],
        expected: Ok((
            "https://swf.us-gov-west-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "dual-stack govcloud",
        region: "us-gov-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok((
            "https://swf-fips.us-gov-east-1.api.aws/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips and dual-stack govcloud",
        region: "us-gov-west-1",
        explicit: None,
        fips: Some(true),
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok((
            "https://swf-fips.us-gov-west-1.api.aws/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "iso",
        region: "us-iso-east-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.us-iso-east-1.c2s.ic.gov/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "iso fips",
        region: "us-iso-west-1",
        explicit: None,
        fips: Some(true),
        env: &[],
        expected: Ok((
            "https://swf-fips.us-iso-west-1.c2s.ic.gov/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "iso-b",
        region: "us-isob-east-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.us-isob-east-1.sc2s.sgov.gov/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "iso-e",
        region: "eu-isoe-west-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.eu-isoe-west-1.cloud.adc-e.uk/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "iso-f",
        region: "us-isof-south-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.us-isof-south-1.csp.hci.ic.gov/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "iso-f dual-stack",
        region: "us-isof-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok((
            "https://swf.us-isof-east-1.api.aws.hci.ic.gov/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "eusc",
        region: "eusc-de-east-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.eusc-de-east-1.amazonaws.eu/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "eusc dual-stack",
        region: "eusc-de-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok((
            "https://swf.eusc-de-east-1.api.amazonwebservices.eu/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "dual-stack by env",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok(("https://swf.us-east-1.api.aws/", EndpointSource::Regional)),
    },
    Case {
        name: "dual-stack env any case",
        region: "eu-west-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "True")],
        expected: Ok(("https://swf.eu-west-1.api.aws/", EndpointSource::Regional)),
    },
    Case {
        name: "dual-stack env false",
        region: "eu-west-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "false")],
        expected: Ok((
            "https://swf.eu-west-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips and dual-stack",
        region: "us-east-2",
        explicit: None,
        fips: Some(true),
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok((
            "https://swf-fips.us-east-2.api.aws/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "china dual-stack",
        region: "cn-north-1",
        explicit: None,
        fips: None,
        env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        expected: Ok((
            "https://swf.cn-north-1.api.amazonwebservices.com.cn/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "region of no known partition is in aws",
        region: "xx-newplace-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Ok((
            "https://swf.xx-newplace-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "fips with env endpoint is an error",
        region: "us-east-1",
        explicit: None,
        fips: Some(true),
        env: &[("AWS_ENDPOINT_URL_SWF", "http://127.0.0.1:9")],
        expected: Err("FIPS and a custom endpoint"),
    },
    Case {
        name: "dual-stack with env endpoint is an error",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
        ],
        expected: Err("dual-stack and a custom endpoint"),
    },
    Case {
        name: "fips env with ignored env endpoint",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[
            ("AWS_ENDPOINT_URL_SWF", "http://127.0.0.1:9"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ("AWS_USE_FIPS_ENDPOINT", "true"),
        ],
        expected: Ok((
            "https://swf-fips.us-east-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "swf env",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_ENDPOINT_URL_SWF", "http://localhost:4566")],
        expected: Ok(("http://localhost:4566/", EndpointSource::EnvSwf)),
    },
    Case {
        name: "global env",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_ENDPOINT_URL", "https://proxy.example.com/swf")],
        expected: Ok(("https://proxy.example.com/swf", EndpointSource::EnvGlobal)),
    },
    Case {
        name: "swf env beats global env",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[
            ("AWS_ENDPOINT_URL", "http://global:1"),
            ("AWS_ENDPOINT_URL_SWF", "http://swf-only:2"),
        ],
        expected: Ok(("http://swf-only:2/", EndpointSource::EnvSwf)),
    },
    Case {
        name: "fips false with env endpoint",
        region: "us-east-1",
        explicit: None,
        fips: Some(false),
        env: &[("AWS_ENDPOINT_URL_SWF", "http://127.0.0.1:9")],
        expected: Ok(("http://127.0.0.1:9/", EndpointSource::EnvSwf)),
    },
    Case {
        name: "fips with explicit endpoint is an error",
        region: "us-east-1",
        explicit: Some("http://127.0.0.1:9"),
        fips: Some(true),
        env: &[],
        expected: Err("FIPS and a custom endpoint"),
    },
    Case {
        name: "empty env is unset",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_ENDPOINT_URL_SWF", " "), ("AWS_ENDPOINT_URL", "")],
        expected: Ok((
            "https://swf.us-east-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "ignore configured endpoints",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[
            ("AWS_ENDPOINT_URL_SWF", "http://127.0.0.1:9"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ],
        expected: Ok((
            "https://swf.us-east-1.amazonaws.com/",
            EndpointSource::Regional,
        )),
    },
    Case {
        name: "explicit beats env",
        region: "us-east-1",
        explicit: Some("http://127.0.0.1:8080"),
        fips: None,
        env: &[
            ("AWS_ENDPOINT_URL_SWF", "http://swf-only:2"),
            ("AWS_ENDPOINT_URL", "http://global:1"),
        ],
        expected: Ok(("http://127.0.0.1:8080/", EndpointSource::Explicit)),
    },
    Case {
        name: "explicit https with path",
        region: "eu-central-1",
        explicit: Some("https://vpce-123.swf.eu-central-1.vpce.amazonaws.com"),
        fips: None,
        env: &[],
        expected: Ok((
            "https://vpce-123.swf.eu-central-1.vpce.amazonaws.com/",
            EndpointSource::Explicit,
        )),
    },
    Case {
        name: "explicit not a url",
        region: "us-east-1",
        explicit: Some("not a url"),
        fips: None,
        env: &[],
        expected: Err("not a valid URL"),
    },
    Case {
        name: "explicit without scheme",
        region: "us-east-1",
        explicit: Some("localhost:8080"),
        fips: None,
        env: &[],
        expected: Err("https://"),
    },
    Case {
        name: "explicit other scheme",
        region: "us-east-1",
        explicit: Some("ftp://example.com"),
        fips: None,
        env: &[],
        expected: Err("must start with `https://`"),
    },
    Case {
        name: "explicit with credentials",
        region: "us-east-1",
        explicit: Some("https://user:pw@example.com"),
        fips: None,
        env: &[],
        expected: Err("must not contain credentials"),
    },
    Case {
        name: "explicit with query",
        region: "us-east-1",
        explicit: Some("https://example.com/?a=b"),
        fips: None,
        env: &[],
        expected: Err("query"),
    },
    Case {
        name: "bad env url names the variable",
        region: "us-east-1",
        explicit: None,
        fips: None,
        env: &[("AWS_ENDPOINT_URL_SWF", "::nope")],
        expected: Err("AWS_ENDPOINT_URL_SWF"),
    },
    Case {
        name: "empty region",
        region: "",
        explicit: None,
        fips: None,
        env: &[],
        expected: Err("region is empty"),
    },
    Case {
        name: "region that would change the host",
        region: "us-east-1.evil.com/",
        explicit: None,
        fips: None,
        env: &[],
        expected: Err("not an AWS region name"),
    },
    Case {
        name: "region upper case",
        region: "US-EAST-1",
        explicit: None,
        fips: None,
        env: &[],
        expected: Err("not an AWS region name"),
    },
];

#[test]
fn endpoint_table() {
    // Every mismatch is reported, not just the first.
    let mut failures = Vec::new();
    for case in CASES {
        let env = |name: &str| {
            case.env
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let settings = EndpointSettings {
            url: case
                .explicit
                .map(|url| (url.to_owned(), EndpointSource::Explicit)),
            use_fips: case.fips,
            use_dual_stack: None,
        };
        let got = resolve(case.region, &settings, env);
        match (&case.expected, got) {
            (Ok((url, source)), Ok(endpoint))
                if endpoint.url().as_str() == *url && endpoint.source() == *source => {}
            (Err(fragment), Err(err))
                if err.kind() == &ErrorKind::Configuration
                    && err.to_string().contains(fragment) => {}
            (expected, got) => {
                failures.push(format!("{}: expected {expected:?}, got {got:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn regional_urls_are_always_https() {
    for region in ["us-east-1", "cn-north-1", "eu-west-3", "us-gov-east-1"] {
        for fips in [false, true] {
            for dual_stack in [false, true] {
                let url = regional_url(region, fips, dual_stack).expect("regional");
                assert_eq!(url.scheme(), "https");
            }
        }
    }
}

#[test]
fn user_names_and_passwords_are_never_shown() {
    for url in [
        "https://user:s3cret@example.com",
        "https://user:s3cret@example.com/?a=b",
        "ftp://user:s3cret@example.com",
        "https://user:s3cret@exa mple.com",
        "https://user:s3cret@",
        "https:/user:s3cret@example.com",
        "user:s3cret@example.com",
        "http://s3cret@[::1",
    ] {
        let settings = EndpointSettings {
            url: Some((url.to_owned(), EndpointSource::Explicit)),
            ..EndpointSettings::default()
        };
        let err = resolve("us-east-1", &settings, |_| None).expect_err(url);
        assert_eq!(err.kind(), &ErrorKind::Configuration, "{url}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("s3cret"), "{url}: {shown}");
        let env = |name: &str| (name == "AWS_ENDPOINT_URL").then(|| url.to_owned());
        let err = resolve("us-east-1", &EndpointSettings::default(), env).expect_err(url);
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("s3cret"), "{url}: {shown}");
        assert!(shown.contains("AWS_ENDPOINT_URL"), "{url}: {shown}");
    }
}

#[test]
fn builder_debug_hides_user_names_and_passwords() {
    let builder = swf_activity::Client::builder()
        .region("us-east-1")
        .endpoint_url("https://user:s3cret@example.com/swf");
    let debug = format!("{builder:?} {builder:#?}");
    assert!(!debug.contains("s3cret"), "{debug}");
    assert!(!debug.contains("user"), "{debug}");
    assert!(debug.contains("example.com/swf"), "{debug}");
}

#[test]
fn settings_beat_the_environment() {
    let env = |name: &str| match name {
        "AWS_USE_FIPS_ENDPOINT" | "AWS_USE_DUALSTACK_ENDPOINT" => Some("true".to_owned()),
        "AWS_ENDPOINT_URL_SWF" => Some("http://127.0.0.1:9".to_owned()),
        _ => None,
    };
    // An endpoint in the settings is never replaced by the variables.
    let settings = EndpointSettings {
        url: Some(("http://127.0.0.1:7".to_owned(), EndpointSource::SdkConfig)),
        use_fips: Some(false),
        use_dual_stack: Some(false),
    };
    let endpoint = resolve("us-east-1", &settings, env).expect("endpoint");
    assert_eq!(endpoint.url().as_str(), "http://127.0.0.1:7/");
    assert_eq!(endpoint.source(), EndpointSource::SdkConfig);
    // Flags in the settings beat the variables.
    let settings = EndpointSettings {
        use_fips: Some(false),
        use_dual_stack: Some(true),
        ..EndpointSettings::default()
    };
    let endpoint = resolve("eu-west-1", &settings, |name| {
        env(name).filter(|_| name != "AWS_ENDPOINT_URL_SWF")
    })
    .expect("endpoint");
    assert_eq!(endpoint.url().as_str(), "https://swf.eu-west-1.api.aws/");
    // The error says where the custom endpoint came from.
    let err = resolve(
        "us-east-1",
        &EndpointSettings {
            use_fips: Some(true),
            use_dual_stack: Some(false),
            ..EndpointSettings::default()
        },
        env,
    )
    .expect_err("FIPS with AWS_ENDPOINT_URL_SWF");
    assert!(err.to_string().contains("AWS_ENDPOINT_URL_SWF"), "{err}");
}

#[test]
fn settings_debug_hides_user_names_and_passwords() {
    let settings = EndpointSettings {
        url: Some((
            "https://user:s3cret@example.com/swf".to_owned(),
            EndpointSource::Explicit,
        )),
        ..EndpointSettings::default()
    };
    let debug = format!("{settings:?}");
    assert!(!debug.contains("s3cret"), "{debug}");
    assert!(debug.contains("example.com/swf"), "{debug}");
}

/// Every partition, region pattern and FIPS x dual-stack combination, and custom endpoints,
/// against SWF's endpoint rules as botocore evaluates them (the rules and partitions every AWS
/// SDK generates its resolver from). Run by `.ci/moto.sh`, which has botocore.
#[test]
#[ignore = "needs botocore: run .ci/moto.sh, which sets SWF_BOTOCORE_PYTHON"]
fn agrees_with_the_sdks_endpoint_rules_for_every_partition() {
    use swf_activity::partition::{PARTITIONS, Partition};

    let truth = swf_activity_tests::moto::botocore_endpoints();
    let mut failures = Vec::new();
    let partitions = truth["partitions"].as_array().expect("partitions");
    for p in partitions {
        let name = p["name"].as_str().expect("name");
        let Some(ours) = PARTITIONS.iter().find(|o| o.name() == name) else {
            failures.push(format!("partition {name} is missing"));
            continue;
        };
        let same = ours.dns_suffix() == p["dnsSuffix"]
            && ours.dual_stack_dns_suffix() == p["dualStackDnsSuffix"]
            && ours.supports_fips() == p["supportsFIPS"]
            && ours.supports_dual_stack() == p["supportsDualStack"];
        if !same {
            failures.push(format!("partition {name}: ours {ours:?}, botocore's {p}"));
        }
        for region in p["regions"].as_array().expect("regions") {
            let region = region.as_str().expect("region");
            let got = Partition::of(region).name();
            if got != name {
                failures.push(format!(
                    "region {region}: partition {got}, botocore's {name}"
                ));
            }
        }
    }
    for ours in PARTITIONS {
        if !partitions.iter().any(|p| p["name"] == ours.name()) {
            failures.push(format!("partition {} is not botocore's", ours.name()));
        }
    }

    let cases = truth["cases"].as_array().expect("cases");
    for case in cases {
        let region = case["region"].as_str().expect("region");
        let settings = EndpointSettings {
            url: case["endpoint"]
                .as_str()
                .map(|url| (url.to_owned(), EndpointSource::Explicit)),
            use_fips: case["fips"].as_bool(),
            use_dual_stack: case["dualStack"].as_bool(),
        };
        let ours = resolve(region, &settings, |_| None);
        let agrees = match (&ours, case["url"].as_str()) {
            // botocore leaves the path empty, a parsed URL has `/`.
            (Ok(endpoint), Some(url)) => {
                endpoint.url().as_str().trim_end_matches('/') == url.trim_end_matches('/')
            }
            (Err(err), None) => err.kind() == &ErrorKind::Configuration,
            _ => false,
        };
        if !agrees {
            failures.push(format!("{case}: ours {ours:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "disagreements with botocore {}:\n{}",
        truth["botocore"],
        failures.join("\n")
    );
    // The script covers what it claims: 8 partitions or more, 4 combinations each.
    assert!(partitions.len() >= 8, "{partitions:?}");
    assert!(cases.len() >= 4 * (partitions.len() + 1), "{}", cases.len());
}
