//! The failure encoding never panics, and everything it produces fits SWF's limits: `reason`
//! 256, `details`/`result` 32768, heartbeat details 2048 (by SWF's count), `details` valid JSON.

#![no_main]

use std::fmt;

use libfuzzer_sys::fuzz_target;
use swf_activity::failure::{
    Failure, Outcome, encode_error, encode_result, truncate, truncate_json,
};
use swf_activity_rules::{DATA_MAX, LIMITED_DATA_MAX, REASON_MAX, swf_len};

/// An error whose `Display` and JSON are the fuzzer's.
struct Fuzzed<'a> {
    display: &'a str,
    json: serde_json::Value,
}

impl fmt::Display for Fuzzed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display)
    }
}

impl serde::Serialize for Fuzzed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(s)
    }
}

fn check_outcome(outcome: &Outcome) {
    if let Some(result) = outcome.result() {
        assert!(swf_len(result) <= DATA_MAX);
    }
    if let Some(reason) = outcome.reason() {
        assert!(
            swf_len(reason) <= REASON_MAX,
            "reason of {}",
            swf_len(reason)
        );
    }
    if let Some(details) = outcome.details() {
        assert!(
            swf_len(details) <= DATA_MAX,
            "details of {}",
            swf_len(details)
        );
        serde_json::from_str::<serde_json::Value>(details).expect("details are JSON");
    }
    if let Some(failure) = outcome.as_failure() {
        let _ = failure.kind();
        let _ = failure.decode::<serde_json::Value>();
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    // Repeat the input so short inputs also reach SWF's large limits (a little beyond the
    // largest, 32768).
    let text = String::from_utf8_lossy(rest);
    let times = (1 + usize::from(control & 0x3f) * 64)
        .min(36_000 / text.len().max(1))
        .max(1);
    let text = text.repeat(times);
    let json = serde_json::from_str::<serde_json::Value>(&text)
        .unwrap_or_else(|_| serde_json::Value::String(text.clone()));

    for max in [REASON_MAX, LIMITED_DATA_MAX, DATA_MAX, usize::from(control)] {
        let cut = truncate(&text, max);
        assert!(swf_len(&cut) <= max, "{} > {max}", swf_len(&cut));
        let json_text = json.to_string();
        let cut = truncate_json(&json_text, max);
        assert!(swf_len(&cut) <= max, "{} > {max}", swf_len(&cut));
        // Below 18 characters nothing valid fits and the result is empty (documented).
        if max >= 18 {
            serde_json::from_str::<serde_json::Value>(&cut).expect("still JSON");
        }
    }
    check_outcome(&encode_error(&Fuzzed {
        display: &text,
        json: json.clone(),
    }));
    check_outcome(&encode_result(&json));
    check_outcome(&encode_result(&text));

    // Reading back whatever a decider might find.
    let half = rest.len() / 2;
    let failure = Failure::new(
        std::str::from_utf8(&rest[..half]).ok(),
        std::str::from_utf8(&rest[half..]).ok(),
    );
    let _ = failure.kind();
    let _ = failure.original_length();
    let _ = failure.framework_message();
    let _ = failure.decode::<serde_json::Value>();
});
