//! The local SWF applies SWF's rules to every request and answers `ValidationException` with
//! SWF's wording. The typed client refuses to send such values, so these tests send raw
//! (signed) requests.

mod local_support;

use local_support::{DOMAIN, rejected, setup};
use serde_json::{Value, json};

fn one_error(value: &str, path: &str, constraint: &str) -> String {
    format!(
        "1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: {constraint}"
    )
}

fn poll_body(task_list: &str) -> Value {
    json!({"domain": DOMAIN, "taskList": {"name": task_list}})
}

#[tokio::test]
async fn names_break_length_and_character_rules() {
    let (swf, _client) = setup().await;
    let long = "t".repeat(257);
    assert_eq!(
        rejected(&swf, "PollForActivityTask", poll_body(&long)).await,
        one_error(
            &long,
            "taskList.name",
            "Member must have length less than or equal to 256"
        )
    );
    assert_eq!(
        rejected(&swf, "PollForActivityTask", poll_body("")).await,
        one_error(
            "",
            "taskList.name",
            "Member must have length greater than or equal to 1"
        )
    );
    for (bad, ch) in [("a:b", ':'), ("a/b", '/'), ("a|b", '|')] {
        assert_eq!(
            rejected(&swf, "PollForActivityTask", poll_body(bad)).await,
            one_error(
                bad,
                "taskList.name",
                &format!("Member must not contain '{ch}'")
            )
        );
    }
    let control = rejected(&swf, "PollForActivityTask", poll_body("tab\there")).await;
    assert!(
        control.contains("control characters (found U+0009)"),
        "{control}"
    );
    let c1 = rejected(&swf, "PollForActivityTask", poll_body("c1\u{85}")).await;
    assert!(c1.contains("U+0085"), "{c1}");
    assert!(
        rejected(&swf, "PollForActivityTask", poll_body("arn"))
            .await
            .ends_with("Member must not be the literal string 'arn'")
    );
    assert!(
        rejected(&swf, "PollForActivityTask", poll_body(" padded"))
            .await
            .ends_with("Member must not start or end with whitespace")
    );
    // Lengths count UTF-16 units: 128 emoji are 256 units, 129 are too many.
    let fits = "😀".repeat(128);
    let answer = swf
        .raw_request(
            "RegisterActivityType",
            json!({"domain": DOMAIN, "name": fits, "version": "1"}).to_string(),
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let too_long = "😀".repeat(129);
    let message = rejected(
        &swf,
        "RegisterActivityType",
        json!({"domain": DOMAIN, "name": too_long, "version": "1"}),
    )
    .await;
    assert!(message.contains("at 'name'"), "{message}");

    let version = "v".repeat(65);
    assert_eq!(
        rejected(
            &swf,
            "DescribeActivityType",
            json!({"domain": DOMAIN, "activityType": {"name": "Work", "version": version}}),
        )
        .await,
        one_error(
            &version,
            "activityType.version",
            "Member must have length less than or equal to 64"
        )
    );
    let domain = "d".repeat(257);
    assert!(
        rejected(&swf, "DescribeDomain", json!({"name": domain}))
            .await
            .contains("at 'name' failed to satisfy constraint: Member must have length less than or equal to 256")
    );
}

#[tokio::test]
async fn missing_members_and_several_errors_are_reported_together() {
    let (swf, _client) = setup().await;
    assert_eq!(
        rejected(&swf, "PollForActivityTask", json!({"domain": DOMAIN})).await,
        "1 validation error detected: Value null at 'taskList' failed to satisfy constraint: Member must not be null"
    );
    assert_eq!(
        rejected(
            &swf,
            "PollForActivityTask",
            json!({"taskList": {"name": "a:b"}})
        )
        .await,
        "2 validation errors detected: Value null at 'domain' failed to satisfy constraint: \
         Member must not be null; Value 'a:b' at 'taskList.name' failed to satisfy constraint: \
         Member must not contain ':'"
    );
    assert!(
        rejected(&swf, "RespondActivityTaskCompleted", json!({}))
            .await
            .contains("Value null at 'taskToken'")
    );
}

#[tokio::test]
async fn data_members_have_their_limits() {
    let (swf, _client) = setup().await;
    let token = "t".repeat(1025);
    assert!(
        rejected(&swf, "RespondActivityTaskCompleted", json!({"taskToken": token}))
            .await
            .ends_with("at 'taskToken' failed to satisfy constraint: Member must have length less than or equal to 1024")
    );
    assert!(
        rejected(
            &swf,
            "RespondActivityTaskCompleted",
            json!({"taskToken": ""})
        )
        .await
        .ends_with("Member must have length greater than or equal to 1")
    );
    let cases = [
        ("RespondActivityTaskCompleted", "result", 32769, 32768),
        ("RespondActivityTaskFailed", "details", 32769, 32768),
        ("RespondActivityTaskFailed", "reason", 257, 256),
        ("RespondActivityTaskCanceled", "details", 32769, 32768),
        ("RecordActivityTaskHeartbeat", "details", 2049, 2048),
    ];
    for (op, member, len, max) in cases {
        let mut body = json!({"taskToken": "some-token"});
        body[member] = json!("x".repeat(len));
        let message = rejected(&swf, op, body).await;
        assert!(
            message.ends_with(&format!(
                "at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}"
            )),
            "{op}.{member}: {message}"
        );
        // At the limit it passes validation (and fails on the unknown token instead).
        let mut body = json!({"taskToken": "some-token"});
        body[member] = json!("x".repeat(max));
        let answer = swf
            .raw_request(op, body.to_string())
            .send()
            .await
            .expect("answer");
        assert_eq!(
            answer.error_code().as_deref(),
            Some("UnknownResourceFault"),
            "{op}"
        );
    }
    let identity = "i".repeat(257);
    let mut body = poll_body("t");
    body["identity"] = json!(identity);
    assert!(
        rejected(&swf, "PollForActivityTask", body)
            .await
            .contains("at 'identity' failed to satisfy constraint: Member must have length less than or equal to 256")
    );
    let description = "d".repeat(1025);
    assert!(
        rejected(
            &swf,
            "RegisterActivityType",
            json!({"domain": DOMAIN, "name": "N", "version": "1", "description": description}),
        )
        .await
        .contains("at 'description' failed to satisfy constraint: Member must have length less than or equal to 1024")
    );
}

#[tokio::test]
async fn timeouts_priorities_and_page_sizes_are_checked() {
    let (swf, _client) = setup().await;
    let register = |member: &str, value: Value| {
        let mut body = json!({"domain": DOMAIN, "name": "N", "version": "1"});
        body[member] = value;
        body
    };
    assert_eq!(
        rejected(
            &swf,
            "RegisterActivityType",
            register("defaultTaskHeartbeatTimeout", json!("123456789"))
        )
        .await,
        one_error(
            "123456789",
            "defaultTaskHeartbeatTimeout",
            "Member must have length less than or equal to 8"
        )
    );
    assert_eq!(
        rejected(
            &swf,
            "RegisterActivityType",
            register("defaultTaskStartToCloseTimeout", json!("5m"))
        )
        .await,
        one_error(
            "5m",
            "defaultTaskStartToCloseTimeout",
            "Member must be 'NONE' or a whole number of seconds"
        )
    );
    assert!(
        rejected(
            &swf,
            "RegisterActivityType",
            register("defaultTaskPriority", json!("2147483648"))
        )
        .await
        .contains("Member must be an integer from -2147483648 to 2147483647")
    );
    let ok = swf
        .raw_request(
            "RegisterActivityType",
            register("defaultTaskPriority", json!("-2147483648")).to_string(),
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        rejected(
            &swf,
            "ListActivityTypes",
            json!({"domain": DOMAIN, "registrationStatus": "REGISTERED", "maximumPageSize": 1001}),
        )
        .await,
        "1 validation error detected: Value '1001' at 'maximumPageSize' failed to satisfy constraint: Member must have value less than or equal to 1000"
    );
    assert!(
        rejected(
            &swf,
            "ListActivityTypes",
            json!({"domain": DOMAIN, "registrationStatus": "GONE"})
        )
        .await
        .contains("Member must satisfy enum value set: [REGISTERED, DEPRECATED]")
    );
    assert!(
        rejected(
            &swf,
            "RegisterDomain",
            json!({"name": "d2", "workflowExecutionRetentionPeriodInDays": "123456789"}),
        )
        .await
        .contains("at 'workflowExecutionRetentionPeriodInDays'")
    );
}

#[tokio::test]
async fn decisions_are_checked_member_by_member() {
    let (swf, _client) = setup().await;
    let message = rejected(
        &swf,
        "RespondDecisionTaskCompleted",
        json!({"taskToken": "t", "decisions": [
            {"decisionType": "ScheduleActivityTask", "scheduleActivityTaskDecisionAttributes": {
                "activityType": {"name": "Work", "version": "1"}, "activityId": "a:1"}}
        ]}),
    )
    .await;
    assert_eq!(
        message,
        one_error(
            "a:1",
            "decisions.1.member.scheduleActivityTaskDecisionAttributes.activityId",
            "Member must not contain ':'"
        )
    );
}

#[tokio::test]
async fn bodies_of_the_wrong_shape_are_serialization_errors() {
    let (swf, _client) = setup().await;
    for body in [
        "not json",
        "[]",
        r#"{"domain": 5, "taskList": {"name": "t"}}"#,
    ] {
        let answer = swf
            .raw_request("PollForActivityTask", body)
            .send()
            .await
            .expect("answer");
        assert_eq!(answer.status, 400);
        assert_eq!(
            answer.error_code().as_deref(),
            Some("SerializationException"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn the_programmatic_api_applies_the_same_rules() {
    let (swf, _client) = setup().await;
    let err = swf.register_domain("bad/domain").expect_err("invalid");
    assert!(
        err.message().contains("Member must not contain '/'"),
        "{err}"
    );
    let err = swf
        .schedule_activity_task(local_support::spec("x").heartbeat_timeout("soon"))
        .expect_err("invalid");
    assert!(err.message().contains("at 'heartbeatTimeout'"), "{err}");
}
