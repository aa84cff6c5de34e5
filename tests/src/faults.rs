//! Seeded fault injection for soaks on the local SWF: [`FaultDriver`] keeps every
//! activity-side operation's fault plan topped up from a seeded generator, so a run injects
//! faults at random, but reproducibly.
//!
//! Every request of those operations takes the next entry of its operation's sequence: nothing,
//! throttling, a 5xx answer, expired keys, a connection dropped before or after SWF acted, or a
//! slow answer.
//! The sequence of each operation is fixed by the seed; which concurrent request gets which
//! entry still depends on timing, so a replay reproduces the mix, not every interleaving.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use swf_activity::testing::{LocalSwf, Op};
use tokio::task::JoinHandle;

/// What one request got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaultKind {
    /// No fault (queued as a zero delay, so every request takes one entry of the sequence).
    None,
    /// `ThrottlingException`.
    Throttle,
    /// HTTP 500, 502, 503 or 504.
    Status5xx,
    /// `ExpiredTokenException`: the keys' session ended, so the client must read them again.
    ExpiredToken,
    /// The connection is closed before SWF acted.
    DropBefore,
    /// The connection is closed after SWF acted (for a poll, the task it carried is lost and
    /// times out).
    DropAfter,
    /// The answer comes 20 to 200 ms late.
    Slow,
}

/// The operations faults are injected into, with the chance that a request gets a fault, and
/// the chance of a dropped answer after SWF acted among those faults.
pub const FAULTY_OPS: [(Op, f64, f64); 5] = [
    (Op::PollForActivityTask, 0.06, 0.08),
    (Op::RespondActivityTaskCompleted, 0.12, 0.2),
    (Op::RespondActivityTaskFailed, 0.12, 0.2),
    (Op::RespondActivityTaskCanceled, 0.12, 0.2),
    (Op::RecordActivityTaskHeartbeat, 0.15, 0.2),
];

/// How many requests of each operation have an entry waiting at any time.
const QUEUED: u32 = 256;
/// How often the driver tops the plans up.
const TOP_UP_EVERY: Duration = Duration::from_millis(5);

/// The fault sequence of one operation: what was queued, in order, as runs of one kind.
#[derive(Debug)]
struct Sequence {
    op: Op,
    rng: fastrand::Rng,
    fault_rate: f64,
    drop_after_share: f64,
    queued: VecDeque<(FaultKind, u32)>,
}

impl Sequence {
    fn next_kind(&mut self) -> FaultKind {
        if self.rng.f64() >= self.fault_rate {
            return FaultKind::None;
        }
        if self.rng.f64() < self.drop_after_share {
            return FaultKind::DropAfter;
        }
        match self.rng.u8(0..5) {
            0 => FaultKind::Throttle,
            1 => FaultKind::Status5xx,
            2 => FaultKind::DropBefore,
            3 => FaultKind::ExpiredToken,
            _ => FaultKind::Slow,
        }
    }

    /// Queues faults until `target` requests of the operation have an entry waiting.
    fn top_up(&mut self, swf: &LocalSwf, target: u32) {
        let faults = swf.faults();
        let mut pending = faults.pending(self.op);
        while pending < target {
            let kind = self.next_kind();
            let op = self.op;
            match kind {
                FaultKind::None => {
                    // Runs of passes are one entry.
                    let mut run = 1;
                    while pending + run < target && self.rng.f64() >= self.fault_rate {
                        run += 1;
                    }
                    faults.delay(op, Duration::ZERO, run);
                    self.queued.push_back((kind, run));
                    pending += run;
                    continue;
                }
                FaultKind::Throttle => faults.throttle(op, 1),
                FaultKind::Status5xx => {
                    let status = [500, 502, 503, 504][self.rng.usize(0..4)];
                    faults.error_5xx(op, 1, status)
                }
                FaultKind::ExpiredToken => faults.expired_token(op, 1),
                FaultKind::DropBefore => faults.drop_before(op, 1),
                FaultKind::DropAfter => faults.drop_after(op, 1),
                FaultKind::Slow => {
                    faults.delay(op, Duration::from_millis(self.rng.u64(20..=200)), 1)
                }
            };
            self.queued.push_back((kind, 1));
            pending += 1;
        }
    }

    /// Adds the kinds of the first `consumed` entries to `tally`.
    fn tally(&self, consumed: u32, tally: &mut BTreeMap<FaultKind, u64>) {
        let mut left = consumed;
        for &(kind, run) in &self.queued {
            if left == 0 {
                break;
            }
            let used = run.min(left);
            *tally.entry(kind).or_default() += u64::from(used);
            left -= used;
        }
    }
}

/// Injects seeded faults into the activity-side operations of a [`LocalSwf`] until stopped.
#[derive(Debug)]
pub struct FaultDriver {
    swf: Arc<LocalSwf>,
    driving: Arc<AtomicBool>,
    task: JoinHandle<Vec<Sequence>>,
}

impl FaultDriver {
    /// Starts injecting: one sequence per operation of [`FAULTY_OPS`], each seeded with the
    /// next number of `seeds`, kept topped up by a background task.
    pub fn start(swf: Arc<LocalSwf>, seeds: &mut fastrand::Rng) -> FaultDriver {
        let mut sequences: Vec<Sequence> = FAULTY_OPS
            .iter()
            .map(|&(op, fault_rate, drop_after_share)| Sequence {
                op,
                rng: fastrand::Rng::with_seed(seeds.u64(..)),
                fault_rate,
                drop_after_share,
                queued: VecDeque::new(),
            })
            .collect();
        let driving = Arc::new(AtomicBool::new(true));
        let task = tokio::spawn({
            let swf = Arc::clone(&swf);
            let driving = Arc::clone(&driving);
            async move {
                while driving.load(Ordering::SeqCst) {
                    for sequence in &mut sequences {
                        sequence.top_up(&swf, QUEUED);
                    }
                    tokio::time::sleep(TOP_UP_EVERY).await;
                }
                sequences
            }
        });
        FaultDriver { swf, driving, task }
    }

    /// Stops injecting (forgets the faults still queued) and counts what was injected.
    ///
    /// Panics if the driver panicked or the endpoint's count of used entries disagrees with
    /// the plan.
    pub async fn stop(self) -> FaultTally {
        self.driving.store(false, Ordering::SeqCst);
        let sequences = self.task.await.expect("the fault driver does not panic");
        let faults = self.swf.faults();
        faults.clear();
        let mut tally = BTreeMap::new();
        for sequence in &sequences {
            sequence.tally(faults.injected(sequence.op), &mut tally);
        }
        assert_eq!(
            tally.values().sum::<u64>(),
            u64::from(faults.injected_total()),
            "every plan entry the endpoint used is accounted for"
        );
        FaultTally(tally)
    }
}

/// How many requests got each kind of fault; `Display` lists the real faults,
/// e.g. `Throttle=12 Status5xx=9 ...`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultTally(BTreeMap<FaultKind, u64>);

impl FaultTally {
    /// How many requests got `kind`.
    pub fn get(&self, kind: FaultKind) -> u64 {
        self.0.get(&kind).copied().unwrap_or(0)
    }

    /// How many requests got a real fault (not [`FaultKind::None`]).
    pub fn faults(&self) -> u64 {
        self.0
            .iter()
            .filter(|(k, _)| **k != FaultKind::None)
            .map(|(_, n)| n)
            .sum()
    }
}

impl fmt::Display for FaultTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (kind, n) in self.0.iter().filter(|(k, _)| **k != FaultKind::None) {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{kind:?}={n}")?;
        }
        Ok(())
    }
}
