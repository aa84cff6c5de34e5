//! SWF's naming, length and duration rules never panic, and what they accept fits SWF.

#![no_main]

use libfuzzer_sys::fuzz_target;
use swf_activity_rules::{
    DURATION_MAX, NameKind, check_name, check_swf_timeout, parse_priority, parse_timeout, swf_len,
};

fuzz_target!(|text: &str| {
    for kind in [
        NameKind::ActivityName,
        NameKind::WorkflowName,
        NameKind::Version,
        NameKind::TaskList,
        NameKind::Domain,
        NameKind::Id,
    ] {
        if check_name(kind, text).is_ok() {
            assert!((1..=kind.max_len()).contains(&swf_len(text)));
            assert!(!text.contains([':', '/', '|']));
            assert!(
                !text
                    .chars()
                    .any(|c| matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'))
            );
            assert_ne!(text, "arn");
        }
    }
    if let Ok(timeout) = parse_timeout("timeout", text) {
        let wire = timeout.to_swf_string();
        assert!(wire.len() <= DURATION_MAX, "{wire}");
        assert_eq!(check_swf_timeout("timeout", &wire).ok(), Some(timeout));
    }
    if let Ok(timeout) = check_swf_timeout("timeout", text) {
        assert!(timeout.to_swf_string().len() <= DURATION_MAX);
    }
    if let Ok(priority) = parse_priority(text) {
        assert_eq!(parse_priority(&priority.to_string()), Ok(priority));
    }
});
