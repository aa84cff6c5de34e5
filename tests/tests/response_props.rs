//! Property tests of the client's response parsing (the CI layer of `fuzz/`'s
//! `response_parsing` target): no status, `x-amzn-ErrorType` header or body makes it panic, and
//! every non-2xx answer becomes an error.

use proptest::prelude::*;
use swf_activity::client::__fuzz_parse_response;

/// Bodies shaped like what SWF, IAM and load balancers send, and plain noise.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let text = "[ -~\\PC]{0,200}";
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        (text, text).prop_map(|(code, message)| {
            serde_json::json!({"__type": code, "message": message})
                .to_string()
                .into_bytes()
        }),
        (text, text).prop_map(|(code, message)| {
            format!("<ErrorResponse><Error><Code>{code}</Code><Message>{message}</Message></Error></ErrorResponse>")
                .into_bytes()
        }),
        text.prop_map(|t| format!(r#"{{"taskToken":"{t}","activityId":1,"events":[{t}]}}"#).into_bytes()),
        Just(b"{}".to_vec()),
        Just(Vec::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_never_panics(
        status in prop_oneof![100..600u16, Just(200u16), Just(400u16), Just(403u16), Just(500u16)],
        header in proptest::option::of("[ -~]{0,80}"),
        body in body(),
    ) {
        let described = __fuzz_parse_response(status, header.as_deref(), &body);
        if !(200..300).contains(&status) {
            prop_assert!(described.is_some());
            // Quotes of unexpected bodies are bounded.
            prop_assert!(described.as_deref().unwrap_or("").len() <= 3 * body.len() + 600);
        }
    }
}
