//! SWF's clock as the client sees it: requests are signed with SWF's time, not the local one.
//!
//! AWS rejects a request whose signing time is more than 5 minutes behind or 15 minutes ahead
//! of its own clock (`InvalidSignatureException: Signature expired`). A container or a resumed
//! VM whose clock is off by more would fail every call. So, as the AWS SDKs' service clock
//! skew does, the client reads the `Date` header of every answer (errors included), keeps the
//! difference between SWF's clock and the local one, and signs at local time plus that offset.
//! Offsets below [`ADOPT_THRESHOLD`] are ignored: `Date` has whole seconds and the answer
//! spends time on the way back, so small differences are noise, and harmless.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use crate::Error;
use crate::error::ErrorKind;

/// What the local clock says; replaceable in tests.
pub(crate) type LocalClock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The smallest difference between SWF's clock and the local one that is corrected.
pub(crate) const ADOPT_THRESHOLD: Duration = Duration::from_secs(10);

/// Error codes that mean the request's signing time was outside the service's window,
/// whatever the message says.
pub(crate) const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
];

/// Error codes that mean a skewed signing time when the message says so (they also mean a bad
/// signature or key).
const SIGNATURE_CODES: &[&str] = &[
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// How AWS words a signing time outside its window.
const SKEW_MESSAGES: &[&str] = &["Signature expired", "Signature not yet current"];

/// The local clock and the offset of SWF's clock from it.
pub(crate) struct ServiceClock {
    local: LocalClock,
    /// SWF's clock minus the local one, in milliseconds; 0 while below [`ADOPT_THRESHOLD`].
    offset_ms: AtomicI64,
}

impl fmt::Debug for ServiceClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceClock")
            .field("offset_ms", &self.offset_ms())
            .finish_non_exhaustive()
    }
}

impl ServiceClock {
    /// A clock that reads `local` and has no offset yet.
    pub(crate) fn new(local: LocalClock) -> ServiceClock {
        ServiceClock {
            local,
            offset_ms: AtomicI64::new(0),
        }
    }

    /// The local time.
    pub(crate) fn local_now(&self) -> SystemTime {
        (self.local)()
    }

    /// SWF's time as far as the client knows: the local time plus the offset.
    pub(crate) fn now(&self) -> SystemTime {
        shift(self.local_now(), self.offset_ms())
    }

    /// SWF's clock minus the local one, in milliseconds.
    pub(crate) fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Learns from the `Date` header of an answer that arrived at `received` (local time).
    /// Returns the new offset when it moved by at least [`ADOPT_THRESHOLD`], to log it.
    pub(crate) fn observe(&self, date: &str, received: SystemTime) -> Option<i64> {
        let service = httpdate::parse_http_date(date.trim()).ok()?;
        let measured = signed_ms(service, received);
        let threshold = i64::try_from(ADOPT_THRESHOLD.as_millis()).unwrap_or(i64::MAX);
        let offset = if measured.abs() >= threshold {
            measured
        } else {
            0
        };
        let previous = self.offset_ms.swap(offset, Ordering::Relaxed);
        (offset.abs_diff(previous) >= threshold.unsigned_abs()).then_some(offset)
    }
}

/// `a - b` in milliseconds, saturating.
fn signed_ms(a: SystemTime, b: SystemTime) -> i64 {
    match a.duration_since(b) {
        Ok(ahead) => i64::try_from(ahead.as_millis()).unwrap_or(i64::MAX),
        Err(behind) => i64::try_from(behind.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

/// `time` moved by `offset_ms` (either way), unchanged where that would not be a time.
pub(crate) fn shift(time: SystemTime, offset_ms: i64) -> SystemTime {
    let by = Duration::from_millis(offset_ms.unsigned_abs());
    let shifted = if offset_ms >= 0 {
        time.checked_add(by)
    } else {
        time.checked_sub(by)
    };
    shifted.unwrap_or(time)
}

/// Whether SWF rejected the request because its signing time was outside SWF's window, so it
/// is worth signing again with the corrected clock.
pub(crate) fn is_skew_error(err: &Error) -> bool {
    let code = match err.kind() {
        ErrorKind::AccessDenied { code: Some(code) } => code,
        ErrorKind::Service { code, .. } => code,
        _ => return false,
    };
    SKEW_CODES.contains(&code.as_str())
        || (SIGNATURE_CODES.contains(&code.as_str())
            && SKEW_MESSAGES.iter().any(|m| err.message().contains(m)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn fixed(at: SystemTime) -> (Arc<Mutex<SystemTime>>, ServiceClock) {
        let now = Arc::new(Mutex::new(at));
        let read = Arc::clone(&now);
        (
            now,
            ServiceClock::new(Arc::new(move || *read.lock().expect("clock"))),
        )
    }

    #[test]
    fn signs_at_swfs_time_once_the_difference_is_worth_correcting() {
        let local = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let (_now, clock) = fixed(local);
        assert_eq!(clock.now(), local);
        // SWF 6 minutes ahead: a slow local clock.
        let swf = httpdate::fmt_http_date(local + Duration::from_secs(360));
        assert_eq!(clock.observe(&swf, local), Some(360_000));
        assert_eq!(clock.now(), local + Duration::from_secs(360));
        // The same again is not news.
        assert_eq!(clock.observe(&swf, local), None);
        // SWF 16 minutes behind: a fast local clock.
        let swf = httpdate::fmt_http_date(local - Duration::from_secs(960));
        assert_eq!(clock.observe(&swf, local), Some(-960_000));
        assert_eq!(clock.now(), local - Duration::from_secs(960));
        // A few seconds are noise: back to the local clock.
        let swf = httpdate::fmt_http_date(local + Duration::from_secs(3));
        assert_eq!(clock.observe(&swf, local), Some(0));
        assert_eq!(clock.now(), local);
        // Garbage is ignored.
        assert_eq!(clock.observe("yesterday", local), None);
        assert_eq!(clock.offset_ms(), 0);
    }

    #[test]
    fn skew_errors_are_recognised() {
        let err = |kind: ErrorKind, message: &str| Error::new(kind, message);
        let denied = |code: &str| ErrorKind::AccessDenied {
            code: Some(code.to_owned()),
        };
        assert!(is_skew_error(&err(
            denied("InvalidSignatureException"),
            "Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z \
             (20260101T000600Z - 5 min.)"
        )));
        assert!(is_skew_error(&err(
            denied("InvalidSignatureException"),
            "Signature not yet current: 20260101T003000Z is still later than 20260101T001500Z \
             (20260101T000000Z + 15 min.)"
        )));
        assert!(is_skew_error(&err(
            ErrorKind::Service {
                code: "RequestTimeTooSkewed".into(),
                status: 403
            },
            "The difference between the request time and the current time is too large."
        )));
        assert!(is_skew_error(&err(denied("RequestExpired"), "")));
        // A bad signature for another reason is not a skew.
        assert!(!is_skew_error(&err(
            denied("InvalidSignatureException"),
            "The request signature we calculated does not match the signature you provided."
        )));
        assert!(!is_skew_error(&err(
            ErrorKind::Transport { maybe_sent: true },
            "Signature expired"
        )));
    }
}
