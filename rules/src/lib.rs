//! SWF's naming, length and duration rules, in one place.
//!
//! The `#[activity]` macro applies these at compile time and the `swf-activity` runtime applies
//! them to values given in code or read from the environment, so that both reject exactly what
//! Amazon SWF would reject (service model `swf` 2012-01-25). Users reach this crate as
//! `swf_activity::rules`.
//!
//! # Lengths
//!
//! SWF documents its limits as string lengths without saying whether it counts Unicode code
//! points or UTF-16 code units. [`swf_len`] counts UTF-16 code units, which is never less than the
//! number of code points, so a value within a limit by [`swf_len`] fits either way.

#![forbid(unsafe_code)]

use std::fmt;

/// Longest activity type, workflow type or task list name (`Name`).
pub const NAME_MAX: usize = 256;
/// Longest domain name.
pub const DOMAIN_MAX: usize = 256;
/// Longest activity or workflow type version (`Version`).
pub const VERSION_MAX: usize = 64;
/// Longest worker identity (`Identity`).
pub const IDENTITY_MAX: usize = 256;
/// Longest task token (`TaskToken`).
pub const TASK_TOKEN_MAX: usize = 1024;
/// Longest input, result or failure details (`Data`).
pub const DATA_MAX: usize = 32768;
/// Longest failure reason (`FailureReason`).
pub const REASON_MAX: usize = 256;
/// Longest heartbeat details (`LimitedData`).
pub const LIMITED_DATA_MAX: usize = 2048;
/// Longest description (`Description`).
pub const DESCRIPTION_MAX: usize = 1024;
/// Longest timeout string (`DurationInSecondsOptional`), `"NONE"` included.
pub const DURATION_MAX: usize = 8;
/// Largest number of seconds that fits in [`DURATION_MAX`] characters.
pub const DURATION_SECONDS_MAX: u64 = 99_999_999;
/// Longest workflow, activity, timer or Lambda task id (`WorkflowId`, `ActivityId`, `TimerId`,
/// `FunctionId`).
pub const ID_MAX: usize = 256;
/// Longest Lambda function name or ARN in a `ScheduleLambdaFunction` decision (`FunctionName`).
pub const FUNCTION_NAME_MAX: usize = 64;
/// Longest workflow run id (`WorkflowRunId`).
pub const RUN_ID_MAX: usize = 64;
/// Longest page token (`PageToken`).
pub const PAGE_TOKEN_MAX: usize = 2048;
/// Largest page size (`PageSize`); the smallest is 0, which means the service's default.
pub const PAGE_SIZE_MAX: i64 = 1000;
/// Longest IAM role ARN (`Arn`).
pub const ARN_MAX: usize = 1600;
/// Longest workflow execution tag (`Tag`).
pub const TAG_MAX: usize = 256;
/// Most tags on one workflow execution (`TagList`).
pub const TAG_LIST_MAX: usize = 5;
/// Longest resource tag key (`ResourceTagKey`).
pub const RESOURCE_TAG_KEY_MAX: usize = 128;
/// Longest resource tag value (`ResourceTagValue`).
pub const RESOURCE_TAG_VALUE_MAX: usize = 256;
/// Longest retention period (`DurationInDays`), a string of days.
pub const DURATION_IN_DAYS_MAX: usize = 8;

/// The length SWF's limits are checked against: UTF-16 code units, never fewer than code points.
pub fn swf_len(value: &str) -> usize {
    // Counted over bytes, which compiles to a vectorized loop, rather than by decoding each
    // character (a megabyte-long payload is measured more than once on its way out): every
    // byte that is not a continuation byte starts a code point, one unit, and a lead byte of
    // four (0xF0 and up) starts one outside the Basic Multilingual Plane, a surrogate pair.
    value
        .as_bytes()
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Which kind of SWF name a value is; each has its own length and whitespace rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NameKind {
    /// An activity type's name.
    ActivityName,
    /// A workflow type's name.
    WorkflowName,
    /// An activity or workflow type's version.
    Version,
    /// A task list's name.
    TaskList,
    /// A domain's name.
    Domain,
    /// An activity id or workflow id.
    Id,
}

impl NameKind {
    /// How the kind is named in error messages, e.g. `activity name`.
    pub fn label(self) -> &'static str {
        match self {
            NameKind::ActivityName => "activity name",
            NameKind::WorkflowName => "workflow name",
            NameKind::Version => "version",
            NameKind::TaskList => "task list",
            NameKind::Domain => "domain",
            NameKind::Id => "id",
        }
    }

    /// The longest value SWF accepts, by [`swf_len`].
    pub fn max_len(self) -> usize {
        match self {
            NameKind::ActivityName | NameKind::WorkflowName | NameKind::TaskList => NAME_MAX,
            NameKind::Domain => DOMAIN_MAX,
            NameKind::Version => VERSION_MAX,
            NameKind::Id => ID_MAX,
        }
    }

    /// Whether SWF rejects leading or trailing whitespace for this kind (task lists, domains and
    /// ids, per the API reference).
    fn rejects_outer_whitespace(self) -> bool {
        matches!(self, NameKind::TaskList | NameKind::Domain | NameKind::Id)
    }
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a value breaks one of SWF's rules. `Display` is a lowercase sentence fit for a compile
/// error or a log line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleError {
    /// The value is empty where SWF needs at least one character.
    Empty {
        /// What the value is, e.g. `task list`.
        what: &'static str,
    },
    /// The value is longer than SWF allows.
    TooLong {
        /// What the value is.
        what: &'static str,
        /// The limit, by [`swf_len`].
        max: usize,
        /// The value's length, by [`swf_len`].
        len: usize,
    },
    /// The value contains `:`, `/` or `|`.
    ForbiddenChar {
        /// What the value is.
        what: &'static str,
        /// The offending character.
        ch: char,
    },
    /// The value contains a control character (`\u{0}`–`\u{1f}`, `\u{7f}`–`\u{9f}`).
    ControlChar {
        /// What the value is.
        what: &'static str,
        /// The offending character.
        ch: char,
    },
    /// The value is the literal `arn`, which SWF reserves.
    Arn {
        /// What the value is.
        what: &'static str,
    },
    /// The value starts or ends with whitespace, which SWF rejects for task lists and domains.
    OuterWhitespace {
        /// What the value is.
        what: &'static str,
    },
    /// A timeout that is neither `NONE` nor a duration.
    InvalidDuration {
        /// What the value is, e.g. `heartbeat_timeout`.
        what: &'static str,
        /// The text that did not parse.
        value: String,
    },
    /// A timeout whose seconds do not fit in SWF's 8 characters.
    DurationTooLong {
        /// What the value is.
        what: &'static str,
        /// The number of seconds asked for.
        seconds: u128,
    },
    /// A duration that must be whole seconds (`NONE` not allowed), such as a timer's
    /// `startToFireTimeout`, but is not.
    InvalidSeconds {
        /// What the value is, e.g. `startToFireTimeout`.
        what: &'static str,
        /// The text that did not parse.
        value: String,
    },
    /// A task priority that is not an integer in the `i32` range.
    InvalidPriority {
        /// The text that did not parse.
        value: String,
    },
    /// A number (a page size, a count of items) outside the range SWF accepts.
    OutOfRange {
        /// What the value is, e.g. `maximumPageSize`.
        what: &'static str,
        /// The value given.
        value: i64,
        /// The smallest value SWF accepts.
        min: i64,
        /// The largest value SWF accepts.
        max: i64,
    },
    /// A timeout longer than another one that already bounds it (see
    /// [`check_timeout_bounds`]).
    TimeoutExceedsBound {
        /// The longer timeout, e.g. `heartbeat_timeout`.
        what: &'static str,
        /// Its seconds.
        seconds: u32,
        /// The timeout that bounds it, e.g. `start_to_close_timeout`.
        bound: &'static str,
        /// Its seconds.
        bound_seconds: u32,
    },
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::Empty { what } => write!(f, "{what} must not be empty"),
            RuleError::TooLong { what, max, len } => write!(
                f,
                "{what} is too long: {len} characters (UTF-16 units), SWF allows at most {max}"
            ),
            RuleError::ForbiddenChar { what, ch } => write!(
                f,
                "{what} must not contain `{ch}`: SWF forbids `:`, `/` and `|` in names"
            ),
            RuleError::ControlChar { what, ch } => write!(
                f,
                "{what} must not contain the control character U+{:04X}",
                u32::from(*ch)
            ),
            RuleError::Arn { what } => write!(f, "{what} must not be the literal `arn`"),
            RuleError::OuterWhitespace { what } => {
                write!(f, "{what} must not start or end with whitespace")
            }
            RuleError::InvalidDuration { what, value } => write!(
                f,
                "invalid {what} `{value}`: expected `NONE`, whole seconds such as `300`, or a duration such as `90s`, `5m`, `1h30m`"
            ),
            RuleError::DurationTooLong { what, seconds } => write!(
                f,
                "{what} of {seconds} seconds does not fit in SWF's 8 characters: at most {DURATION_SECONDS_MAX} seconds"
            ),
            RuleError::InvalidSeconds { what, value } => write!(
                f,
                "invalid {what} `{value}`: expected whole seconds such as `300`, at most {DURATION_MAX} digits (`NONE` is not allowed here)"
            ),
            RuleError::InvalidPriority { value } => write!(
                f,
                "invalid task priority `{value}`: expected an integer from -2147483648 to 2147483647"
            ),
            RuleError::OutOfRange {
                what,
                value,
                min,
                max,
            } => write!(f, "{what} is {value}, SWF accepts {min} to {max}"),
            RuleError::TimeoutExceedsBound {
                what,
                seconds,
                bound,
                bound_seconds,
            } => {
                let why = if *bound == START_TO_CLOSE {
                    "so it could never expire"
                } else {
                    "which already bounds the whole task"
                };
                write!(
                    f,
                    "`{what}` of {seconds} seconds is longer than `{bound}` of {bound_seconds} seconds, {why}"
                )
            }
        }
    }
}

impl std::error::Error for RuleError {}

/// Checks a name, version, task list, domain or id against SWF's rules for its kind: 1 to
/// [`NameKind::max_len`] characters, no `:` `/` `|`, no control characters, not `arn`, and for
/// task lists and domains no leading or trailing whitespace.
pub fn check_name(kind: NameKind, value: &str) -> Result<(), RuleError> {
    let what = kind.label();
    if value.is_empty() {
        return Err(RuleError::Empty { what });
    }
    check_max_len(what, value, kind.max_len())?;
    if let Some(ch) = value.chars().find(|c| is_control(*c)) {
        return Err(RuleError::ControlChar { what, ch });
    }
    if let Some(ch) = value.chars().find(|c| matches!(c, ':' | '/' | '|')) {
        return Err(RuleError::ForbiddenChar { what, ch });
    }
    if value == "arn" {
        return Err(RuleError::Arn { what });
    }
    if kind.rejects_outer_whitespace() && value.trim() != value {
        return Err(RuleError::OuterWhitespace { what });
    }
    Ok(())
}

/// Checks that `value` is at most `max` long by [`swf_len`].
pub fn check_max_len(what: &'static str, value: &str, max: usize) -> Result<(), RuleError> {
    // Every character takes at least as many UTF-8 bytes as UTF-16 units, so a value whose byte
    // length fits needs no walk over its characters (task tokens and results are checked on
    // every answer the worker sends).
    if value.len() <= max {
        return Ok(());
    }
    let len = swf_len(value);
    if len > max {
        return Err(RuleError::TooLong { what, max, len });
    }
    Ok(())
}

/// Checks that a required string is 1 to `max` long by [`swf_len`] (a task token, a retention
/// period): SWF rejects the empty string where its model sets a minimum length of 1.
pub fn check_required(what: &'static str, value: &str, max: usize) -> Result<(), RuleError> {
    if value.is_empty() {
        return Err(RuleError::Empty { what });
    }
    check_max_len(what, value, max)
}

/// Checks that a number lies in `min..=max`, e.g. a page size (0 to [`PAGE_SIZE_MAX`]) or the
/// number of tags on an execution (at most [`TAG_LIST_MAX`]).
pub fn check_range(what: &'static str, value: i64, min: i64, max: i64) -> Result<(), RuleError> {
    if value < min || value > max {
        return Err(RuleError::OutOfRange {
            what,
            value,
            min,
            max,
        });
    }
    Ok(())
}

fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// A timeout as SWF takes it: `NONE` (no timeout) or whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timeout {
    /// No timeout: SWF's `"NONE"`.
    None,
    /// A timeout of this many seconds, at most [`DURATION_SECONDS_MAX`].
    Seconds(u32),
}

impl Timeout {
    /// The seconds, or `None` for no timeout.
    pub fn seconds(self) -> Option<u32> {
        match self {
            Timeout::None => None,
            Timeout::Seconds(s) => Some(s),
        }
    }

    /// The string SWF expects on the wire: `"NONE"` or the decimal seconds.
    pub fn to_swf_string(self) -> String {
        self.to_string()
    }

    /// Builds a timeout from whole seconds, checking that they fit in SWF's 8 characters.
    pub fn from_secs(what: &'static str, seconds: u64) -> Result<Timeout, RuleError> {
        if seconds > DURATION_SECONDS_MAX {
            return Err(RuleError::DurationTooLong {
                what,
                seconds: u128::from(seconds),
            });
        }
        // DURATION_SECONDS_MAX < u32::MAX, so this cannot fail after the check above.
        u32::try_from(seconds)
            .map(Timeout::Seconds)
            .map_err(|_| RuleError::DurationTooLong {
                what,
                seconds: u128::from(seconds),
            })
    }
}

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timeout::None => f.write_str("NONE"),
            Timeout::Seconds(s) => write!(f, "{s}"),
        }
    }
}

const SCHEDULE_TO_START: &str = "schedule_to_start_timeout";
const START_TO_CLOSE: &str = "start_to_close_timeout";
const SCHEDULE_TO_CLOSE: &str = "schedule_to_close_timeout";
const HEARTBEAT: &str = "heartbeat_timeout";

/// The default timeouts of an activity type, each `None` when not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ActivityTimeouts {
    /// `schedule_to_start_timeout`.
    pub schedule_to_start: Option<Timeout>,
    /// `start_to_close_timeout`.
    pub start_to_close: Option<Timeout>,
    /// `schedule_to_close_timeout`.
    pub schedule_to_close: Option<Timeout>,
    /// `heartbeat_timeout`.
    pub heartbeat: Option<Timeout>,
}

/// Every way `timeouts` break [`check_timeout_bounds`], in the order it checks them (the
/// `#[activity]` macro reports them all at once).
pub fn timeout_bound_errors(timeouts: &ActivityTimeouts) -> impl Iterator<Item = RuleError> {
    let t = *timeouts;
    [
        ((HEARTBEAT, t.heartbeat), (START_TO_CLOSE, t.start_to_close)),
        (
            (START_TO_CLOSE, t.start_to_close),
            (SCHEDULE_TO_CLOSE, t.schedule_to_close),
        ),
        (
            (SCHEDULE_TO_START, t.schedule_to_start),
            (SCHEDULE_TO_CLOSE, t.schedule_to_close),
        ),
    ]
    .into_iter()
    .filter_map(|((what, inner), (bound, outer))| {
        // Only two numbers can be compared: `NONE` means no limit, and a missing timeout is up
        // to whoever schedules the task.
        let (seconds, bound_seconds) = (inner?.seconds()?, outer?.seconds()?);
        (seconds > bound_seconds).then_some(RuleError::TimeoutExceedsBound {
            what,
            seconds,
            bound,
            bound_seconds,
        })
    })
}

/// Checks how an activity type's timeouts bound each other: the heartbeat timeout is at most
/// the start-to-close timeout (or it could never expire), and the start-to-close and
/// schedule-to-start timeouts are at most the schedule-to-close timeout. Only timeouts given
/// as seconds are compared. Fails with the first rule broken.
pub fn check_timeout_bounds(timeouts: &ActivityTimeouts) -> Result<(), RuleError> {
    match timeout_bound_errors(timeouts).next() {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Parses a timeout as `#[activity]` and configuration accept it: `NONE`, whole seconds
/// (`"300"`), or a duration of days, hours, minutes and seconds, largest unit first, each at
/// most once (`"90s"`, `"5m"`, `"1h30m"`, `"2d"`). `what` names the value in the error.
///
/// The result must fit in SWF's 8 characters (at most [`DURATION_SECONDS_MAX`] seconds).
pub fn parse_timeout(what: &'static str, text: &str) -> Result<Timeout, RuleError> {
    let invalid = || RuleError::InvalidDuration {
        what,
        value: text.to_owned(),
    };
    if text == "NONE" {
        return Ok(Timeout::None);
    }
    if text.is_empty() {
        return Err(invalid());
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return seconds_to_timeout(what, parse_digits(text).ok_or_else(invalid)?);
    }
    let mut total: u128 = 0;
    let mut rest = text;
    // Units must come largest first and at most once: `1h30m`, never `30m1h` or `1m1m`.
    let mut last_rank = usize::MAX;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(invalid());
        }
        let number = parse_digits(&rest[..digits]).ok_or_else(invalid)?;
        rest = &rest[digits..];
        let unit = rest.chars().next().ok_or_else(invalid)?;
        let (rank, factor) = match unit {
            'd' => (3, 86_400),
            'h' => (2, 3_600),
            'm' => (1, 60),
            's' => (0, 1),
            _ => return Err(invalid()),
        };
        if rank >= last_rank {
            return Err(invalid());
        }
        last_rank = rank;
        rest = &rest[unit.len_utf8()..];
        total = total.saturating_add(number.saturating_mul(factor));
    }
    seconds_to_timeout(what, total)
}

fn parse_digits(digits: &str) -> Option<u128> {
    // Saturate instead of failing so that huge values are reported as too long, not as invalid.
    digits.bytes().try_fold(0u128, |acc, b| {
        if b.is_ascii_digit() {
            Some(acc.saturating_mul(10).saturating_add(u128::from(b - b'0')))
        } else {
            None
        }
    })
}

fn seconds_to_timeout(what: &'static str, seconds: u128) -> Result<Timeout, RuleError> {
    match u64::try_from(seconds) {
        Ok(s) => Timeout::from_secs(what, s),
        Err(_) => Err(RuleError::DurationTooLong { what, seconds }),
    }
}

/// Checks a timeout string as it goes on the wire: `NONE` or at most 8 decimal digits.
pub fn check_swf_timeout(what: &'static str, wire: &str) -> Result<Timeout, RuleError> {
    if wire == "NONE" {
        return Ok(Timeout::None);
    }
    if wire.is_empty() || wire.len() > DURATION_MAX || !wire.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RuleError::InvalidDuration {
            what,
            value: wire.to_owned(),
        });
    }
    parse_timeout(what, wire)
}

/// Checks a duration SWF takes as whole seconds only, without `NONE` (a timer's
/// `startToFireTimeout`): 1 to [`DURATION_MAX`] decimal digits. The seconds.
pub fn check_swf_seconds(what: &'static str, wire: &str) -> Result<u32, RuleError> {
    let invalid = || RuleError::InvalidSeconds {
        what,
        value: wire.to_owned(),
    };
    if wire.is_empty() || wire.len() > DURATION_MAX || !wire.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    // At most 8 digits, so below DURATION_SECONDS_MAX + 1 and within u32.
    wire.parse::<u32>().map_err(|_| invalid())
}

/// Parses a task priority: an integer from `-2147483648` to `2147483647`, optionally signed.
pub fn parse_priority(text: &str) -> Result<i32, RuleError> {
    text.parse::<i32>().map_err(|_| RuleError::InvalidPriority {
        value: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_without_none() {
        assert_eq!(check_swf_seconds("startToFireTimeout", "0"), Ok(0));
        assert_eq!(
            check_swf_seconds("startToFireTimeout", "99999999"),
            Ok(99_999_999)
        );
        for bad in ["", "NONE", "999999999", "1m", "-1", " 5"] {
            let err = check_swf_seconds("startToFireTimeout", bad).expect_err(bad);
            assert!(
                err.to_string().starts_with("invalid startToFireTimeout"),
                "{err}"
            );
        }
    }

    #[test]
    fn timeout_bounds() {
        let secs = |s| Some(Timeout::Seconds(s));
        let ok = ActivityTimeouts {
            schedule_to_start: secs(60),
            start_to_close: secs(300),
            schedule_to_close: secs(360),
            heartbeat: secs(300),
        };
        assert_eq!(check_timeout_bounds(&ok), Ok(()));
        assert_eq!(check_timeout_bounds(&ActivityTimeouts::default()), Ok(()));

        let err = check_timeout_bounds(&ActivityTimeouts {
            heartbeat: secs(600),
            ..ok
        })
        .expect_err("heartbeat above start-to-close");
        assert_eq!(
            err.to_string(),
            "`heartbeat_timeout` of 600 seconds is longer than `start_to_close_timeout` of 300 seconds, so it could never expire"
        );
        let err = check_timeout_bounds(&ActivityTimeouts {
            start_to_close: secs(3600),
            heartbeat: None,
            ..ok
        })
        .expect_err("start-to-close above schedule-to-close");
        assert_eq!(
            err.to_string(),
            "`start_to_close_timeout` of 3600 seconds is longer than `schedule_to_close_timeout` of 360 seconds, which already bounds the whole task"
        );
        let err = check_timeout_bounds(&ActivityTimeouts {
            schedule_to_start: secs(361),
            ..ok
        })
        .expect_err("schedule-to-start above schedule-to-close");
        assert!(matches!(
            err,
            RuleError::TimeoutExceedsBound {
                what: "schedule_to_start_timeout",
                seconds: 361,
                bound: "schedule_to_close_timeout",
                bound_seconds: 360,
            }
        ));

        // `NONE` and missing timeouts bound nothing and are bounded by nothing.
        for other in [None, Some(Timeout::None)] {
            let t = ActivityTimeouts {
                schedule_to_start: secs(9000),
                start_to_close: other,
                schedule_to_close: other,
                heartbeat: secs(9000),
            };
            assert_eq!(check_timeout_bounds(&t), Ok(()));
        }

        // Every broken rule is listed, in order.
        let all = ActivityTimeouts {
            schedule_to_start: secs(20),
            start_to_close: secs(20),
            schedule_to_close: secs(10),
            heartbeat: secs(30),
        };
        let whats: Vec<_> = timeout_bound_errors(&all)
            .map(|e| match e {
                RuleError::TimeoutExceedsBound { what, .. } => what,
                other => panic!("{other}"),
            })
            .collect();
        assert_eq!(
            whats,
            [
                "heartbeat_timeout",
                "start_to_close_timeout",
                "schedule_to_start_timeout"
            ]
        );
    }

    #[test]
    fn names_follow_swf_rules() {
        assert_eq!(check_name(NameKind::ActivityName, "ChargeCard"), Ok(()));
        assert_eq!(check_name(NameKind::ActivityName, " padded "), Ok(()));
        assert!(matches!(
            check_name(NameKind::TaskList, " padded"),
            Err(RuleError::OuterWhitespace { .. })
        ));
        assert!(matches!(
            check_name(NameKind::ActivityName, ""),
            Err(RuleError::Empty { .. })
        ));
        assert!(matches!(
            check_name(NameKind::ActivityName, "a:b"),
            Err(RuleError::ForbiddenChar { ch: ':', .. })
        ));
        assert!(matches!(
            check_name(NameKind::Version, "1|2"),
            Err(RuleError::ForbiddenChar { ch: '|', .. })
        ));
        assert!(matches!(
            check_name(NameKind::Domain, "a\u{85}b"),
            Err(RuleError::ControlChar { .. })
        ));
        assert!(matches!(
            check_name(NameKind::ActivityName, "arn"),
            Err(RuleError::Arn { .. })
        ));
        assert_eq!(check_name(NameKind::ActivityName, "Arn"), Ok(()));
        assert_eq!(check_name(NameKind::Version, &"v".repeat(64)), Ok(()));
        assert!(matches!(
            check_name(NameKind::Version, &"v".repeat(65)),
            Err(RuleError::TooLong {
                max: 64,
                len: 65,
                ..
            })
        ));
        // 128 emoji are 256 UTF-16 units: fits; 129 do not.
        assert_eq!(
            check_name(NameKind::ActivityName, &"😀".repeat(128)),
            Ok(())
        );
        assert!(check_name(NameKind::ActivityName, &"😀".repeat(129)).is_err());
        assert_eq!(check_name(NameKind::Id, "order-42"), Ok(()));
        assert!(check_name(NameKind::Id, "order:42").is_err());
    }

    #[test]
    fn timeouts_parse_to_swf_seconds() {
        let t = |s| parse_timeout("timeout", s).map(|t| t.to_swf_string());
        assert_eq!(t("NONE").as_deref(), Ok("NONE"));
        assert_eq!(t("300").as_deref(), Ok("300"));
        assert_eq!(t("90s").as_deref(), Ok("90"));
        assert_eq!(t("5m").as_deref(), Ok("300"));
        assert_eq!(t("1h30m").as_deref(), Ok("5400"));
        assert_eq!(t("2d").as_deref(), Ok("172800"));
        assert_eq!(t("0").as_deref(), Ok("0"));
        assert_eq!(t("99999999").as_deref(), Ok("99999999"));
        for bad in [
            "", "none", "5x", "m", "30m1h", "1m1m", "1.5h", "-1", " 5m", "5m ", "1h 30m",
        ] {
            assert!(
                matches!(t(bad), Err(RuleError::InvalidDuration { .. })),
                "{bad:?} should be invalid"
            );
        }
        assert!(matches!(
            t("100000000"),
            Err(RuleError::DurationTooLong { .. })
        ));
        assert!(matches!(t("1158d"), Err(RuleError::DurationTooLong { .. })));
        assert!(matches!(
            t("99999999999999999999999999999999999999999999d"),
            Err(RuleError::DurationTooLong { .. })
        ));
    }

    #[test]
    fn wire_timeouts_are_checked() {
        assert_eq!(check_swf_timeout("t", "NONE"), Ok(Timeout::None));
        assert_eq!(check_swf_timeout("t", "60"), Ok(Timeout::Seconds(60)));
        assert!(check_swf_timeout("t", "5m").is_err());
        assert!(check_swf_timeout("t", "123456789").is_err());
        assert!(check_swf_timeout("t", "").is_err());
    }

    #[test]
    fn required_and_ranges() {
        assert!(matches!(
            check_required("taskToken", "", TASK_TOKEN_MAX),
            Err(RuleError::Empty { .. })
        ));
        assert_eq!(check_required("taskToken", "t", TASK_TOKEN_MAX), Ok(()));
        assert!(check_required("taskToken", &"t".repeat(1025), TASK_TOKEN_MAX).is_err());
        assert_eq!(check_range("maximumPageSize", 0, 0, PAGE_SIZE_MAX), Ok(()));
        assert_eq!(
            check_range("maximumPageSize", 1000, 0, PAGE_SIZE_MAX),
            Ok(())
        );
        assert!(matches!(
            check_range("maximumPageSize", 1001, 0, PAGE_SIZE_MAX),
            Err(RuleError::OutOfRange { value: 1001, .. })
        ));
        assert!(check_range("maximumPageSize", -1, 0, PAGE_SIZE_MAX).is_err());
    }

    #[test]
    fn swf_len_is_utf16_units() {
        assert_eq!(swf_len(""), 0);
        assert_eq!(swf_len("abc"), 3);
        // One byte, two, three and four: the last is a surrogate pair in UTF-16.
        assert_eq!(swf_len("a\u{e9}\u{20ac}\u{1F600}"), 5);
        assert_eq!(swf_len(&"\u{1F600}".repeat(100)), 200);
    }

    #[test]
    fn priorities_are_i32() {
        assert_eq!(parse_priority("-2147483648"), Ok(i32::MIN));
        assert_eq!(parse_priority("2147483647"), Ok(i32::MAX));
        assert!(parse_priority("2147483648").is_err());
        assert!(parse_priority("high").is_err());
    }

    proptest::proptest! {
        #[test]
        fn parse_timeout_never_panics_and_fits(s in "\\PC{0,24}") {
            if let Ok(t) = parse_timeout("t", &s) {
                proptest::prop_assert!(t.to_swf_string().len() <= DURATION_MAX);
            }
        }

        #[test]
        fn byte_length_shortcut_agrees_with_utf16_length(s in "\\PC{0,40}", max in 0usize..60) {
            let by_units = swf_len(&s) <= max;
            proptest::prop_assert_eq!(check_max_len("v", &s, max).is_ok(), by_units);
        }

        #[test]
        fn swf_len_counts_utf16_units(s in "\\PC{0,80}") {
            let units: usize = s.chars().map(char::len_utf16).sum();
            proptest::prop_assert_eq!(swf_len(&s), units);
        }

        #[test]
        fn valid_names_fit_their_limit(s in "\\PC{0,300}") {
            if check_name(NameKind::ActivityName, &s).is_ok() {
                proptest::prop_assert!(swf_len(&s) <= NAME_MAX && !s.is_empty());
            }
        }
    }
}
