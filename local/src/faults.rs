//! Fault injection from the command line: the kinds of `swf_activity::testing::Faults`.
//!
//! `--fault OP:KIND[:N]` makes the next `N` (default 1) requests of operation `OP` fail, KIND
//! being `throttle`, `status=5xx`, `expired-token`, `access-denied`, `drop-before`,
//! `drop-after` or `delay=MS`. `--throttle-share FRACTION[:OP]` throttles that share of every
//! request (or of `OP`'s), for `--throttle-for SECS` (default: as long as it runs), drawn from
//! a generator seeded with `--fault-seed` (default 1), so that runs repeat.

use std::time::Duration;

use swf_activity::testing::{Faults, Op};

/// One `--fault`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Counted {
    op: Op,
    kind: Kind,
    n: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Throttle,
    Status(u16),
    ExpiredToken,
    AccessDenied,
    DropBefore,
    DropAfter,
    Delay(Duration),
}

/// One `--throttle-share`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Share {
    fraction: f64,
    op: Option<Op>,
}

/// Every fault asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FaultPlan {
    pub(crate) counted: Vec<Counted>,
    pub(crate) shares: Vec<Share>,
    /// How long the shares last; `None`: as long as the endpoint runs.
    pub(crate) share_for: Option<Duration>,
    pub(crate) seed: u64,
}

impl FaultPlan {
    /// Arms every fault on `faults`.
    pub(crate) fn arm(&self, faults: &Faults) {
        for c in &self.counted {
            match c.kind {
                Kind::Throttle => faults.throttle(c.op, c.n),
                Kind::Status(status) => faults.error_5xx(c.op, c.n, status),
                Kind::ExpiredToken => faults.expired_token(c.op, c.n),
                Kind::AccessDenied => faults.access_denied(c.op, c.n),
                Kind::DropBefore => faults.drop_before(c.op, c.n),
                Kind::DropAfter => faults.drop_after(c.op, c.n),
                Kind::Delay(delay) => faults.delay(c.op, delay, c.n),
            };
        }
        // `Faults` caps a duration too long for the clock.
        let share_for = self.share_for.unwrap_or(Duration::MAX);
        for (i, share) in self.shares.iter().enumerate() {
            // One generator per share, each from the seed.
            let seed = self.seed.wrapping_add(i as u64);
            match share.op {
                Some(op) => faults.throttle_share_of(op, share.fraction, share_for, seed),
                None => faults.throttle_share(share.fraction, share_for, seed),
            };
        }
    }

    /// Whether any fault is asked for.
    pub(crate) fn is_empty(&self) -> bool {
        self.counted.is_empty() && self.shares.is_empty()
    }
}

/// Reads `OP:KIND[:N]`.
pub(crate) fn counted(text: &str) -> Result<Counted, String> {
    let bad = |why: &str| {
        format!(
            "`--fault {text}`: {why}; expected OP:KIND[:N], e.g. PollForActivityTask:throttle:3"
        )
    };
    let mut parts = text.split(':');
    let (Some(op), Some(kind)) = (parts.next(), parts.next()) else {
        return Err(bad("missing the kind"));
    };
    let op = op
        .parse::<Op>()
        .map_err(|_| bad(&format!("`{op}` is not an SWF operation swf-local serves")))?;
    let n = match parts.next() {
        None => 1,
        Some(n) => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad(&format!("`{n}` is not a count of at least 1")))?,
    };
    if parts.next().is_some() {
        return Err(bad("too many parts"));
    }
    let kind = match kind.split_once('=') {
        None => match kind {
            "throttle" => Kind::Throttle,
            "expired-token" => Kind::ExpiredToken,
            "access-denied" => Kind::AccessDenied,
            "drop-before" => Kind::DropBefore,
            "drop-after" => Kind::DropAfter,
            other => {
                return Err(bad(&format!(
                    "unknown kind `{other}`; kinds: throttle, status=5xx, expired-token, access-denied, drop-before, drop-after, delay=MS"
                )));
            }
        },
        Some(("status", status)) => match status.parse::<u16>() {
            Ok(status) if (500..600).contains(&status) => Kind::Status(status),
            _ => return Err(bad(&format!("`status={status}` is not a 5xx status"))),
        },
        Some(("delay", ms)) => match ms.parse::<u64>() {
            Ok(ms) => Kind::Delay(Duration::from_millis(ms)),
            Err(_) => return Err(bad(&format!("`delay={ms}` is not whole milliseconds"))),
        },
        Some((other, _)) => return Err(bad(&format!("unknown kind `{other}=`"))),
    };
    Ok(Counted { op, kind, n })
}

/// Reads `FRACTION[:OP]`.
pub(crate) fn share(text: &str) -> Result<Share, String> {
    let bad = |why: &str| {
        format!(
            "`--throttle-share {text}`: {why}; expected FRACTION[:OP], e.g. 0.3 or 0.5:RecordActivityTaskHeartbeat"
        )
    };
    let (fraction, op) =
        match text.split_once(':') {
            Some((fraction, op)) => (
                fraction,
                Some(op.parse::<Op>().map_err(|_| {
                    bad(&format!("`{op}` is not an SWF operation swf-local serves"))
                })?),
            ),
            None => (text, None),
        };
    let fraction = fraction
        .parse::<f64>()
        .ok()
        .filter(|f| (0.0..=1.0).contains(f))
        .ok_or_else(|| bad(&format!("`{fraction}` is not a fraction from 0 to 1")))?;
    Ok(Share { fraction, op })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind() {
        let cases = [
            ("PollForActivityTask:throttle", Kind::Throttle, 1),
            (
                "RespondActivityTaskCompleted:status=503:2",
                Kind::Status(503),
                2,
            ),
            (
                "RecordActivityTaskHeartbeat:expired-token:3",
                Kind::ExpiredToken,
                3,
            ),
            ("RegisterActivityType:access-denied", Kind::AccessDenied, 1),
            ("PollForActivityTask:drop-before", Kind::DropBefore, 1),
            (
                "RespondActivityTaskCompleted:drop-after",
                Kind::DropAfter,
                1,
            ),
            (
                "PollForDecisionTask:delay=1500:4",
                Kind::Delay(Duration::from_millis(1500)),
                4,
            ),
        ];
        for (text, kind, n) in cases {
            let c = counted(text).expect(text);
            assert_eq!((c.kind, c.n), (kind, n), "{text}");
        }
        assert_eq!(
            share("0.3").expect("a share"),
            Share {
                fraction: 0.3,
                op: None
            }
        );
        assert_eq!(
            share("1:PollForActivityTask").expect("a share").op,
            Some(Op::PollForActivityTask)
        );
    }

    #[test]
    fn bad_faults_are_clear_errors() {
        for (text, expected) in [
            ("PollForActivityTask", "missing the kind"),
            ("Poll:throttle", "`Poll` is not an SWF operation"),
            ("PollForActivityTask:explode", "unknown kind `explode`"),
            (
                "PollForActivityTask:status=404",
                "`status=404` is not a 5xx status",
            ),
            (
                "PollForActivityTask:delay=soon",
                "`delay=soon` is not whole milliseconds",
            ),
            (
                "PollForActivityTask:throttle:0",
                "`0` is not a count of at least 1",
            ),
            ("PollForActivityTask:throttle:1:2", "too many parts"),
        ] {
            let err = counted(text).expect_err(text);
            assert!(err.contains(expected), "{text}: {err}");
        }
        for (text, expected) in [
            ("1.5", "`1.5` is not a fraction from 0 to 1"),
            ("NaN", "`NaN` is not a fraction"),
            ("0.2:Nope", "`Nope` is not an SWF operation"),
        ] {
            let err = share(text).expect_err(text);
            assert!(err.contains(expected), "{text}: {err}");
        }
    }
}
