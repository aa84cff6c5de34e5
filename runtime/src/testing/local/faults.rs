//! Fault injection and request statistics of the local SWF endpoint.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

/// An SWF operation the local endpoint serves, for [`Faults`] and [`Stats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Op {
    /// `PollForActivityTask`.
    PollForActivityTask,
    /// `RespondActivityTaskCompleted`.
    RespondActivityTaskCompleted,
    /// `RespondActivityTaskFailed`.
    RespondActivityTaskFailed,
    /// `RespondActivityTaskCanceled`.
    RespondActivityTaskCanceled,
    /// `RecordActivityTaskHeartbeat`.
    RecordActivityTaskHeartbeat,
    /// `RegisterActivityType`.
    RegisterActivityType,
    /// `DescribeActivityType`.
    DescribeActivityType,
    /// `DeprecateActivityType`.
    DeprecateActivityType,
    /// `ListActivityTypes`.
    ListActivityTypes,
    /// `RegisterDomain`.
    RegisterDomain,
    /// `DescribeDomain`.
    DescribeDomain,
    /// `RegisterWorkflowType`.
    RegisterWorkflowType,
    /// `StartWorkflowExecution`.
    StartWorkflowExecution,
    /// `PollForDecisionTask`.
    PollForDecisionTask,
    /// `RespondDecisionTaskCompleted`.
    RespondDecisionTaskCompleted,
    /// `GetWorkflowExecutionHistory`.
    GetWorkflowExecutionHistory,
    /// `CountPendingActivityTasks`.
    CountPendingActivityTasks,
    /// `CountPendingDecisionTasks`.
    CountPendingDecisionTasks,
    /// `CountClosedWorkflowExecutions`.
    CountClosedWorkflowExecutions,
    /// `CountOpenWorkflowExecutions`.
    CountOpenWorkflowExecutions,
    /// `DeleteActivityType`.
    DeleteActivityType,
    /// `DeleteWorkflowType`.
    DeleteWorkflowType,
    /// `DeprecateDomain`.
    DeprecateDomain,
    /// `DeprecateWorkflowType`.
    DeprecateWorkflowType,
    /// `DescribeWorkflowExecution`.
    DescribeWorkflowExecution,
    /// `DescribeWorkflowType`.
    DescribeWorkflowType,
    /// `ListClosedWorkflowExecutions`.
    ListClosedWorkflowExecutions,
    /// `ListDomains`.
    ListDomains,
    /// `ListOpenWorkflowExecutions`.
    ListOpenWorkflowExecutions,
    /// `ListTagsForResource`.
    ListTagsForResource,
    /// `ListWorkflowTypes`.
    ListWorkflowTypes,
    /// `RequestCancelWorkflowExecution`.
    RequestCancelWorkflowExecution,
    /// `SignalWorkflowExecution`.
    SignalWorkflowExecution,
    /// `TagResource`.
    TagResource,
    /// `TerminateWorkflowExecution`.
    TerminateWorkflowExecution,
    /// `UndeprecateActivityType`.
    UndeprecateActivityType,
    /// `UndeprecateDomain`.
    UndeprecateDomain,
    /// `UndeprecateWorkflowType`.
    UndeprecateWorkflowType,
    /// `UntagResource`.
    UntagResource,
}

impl Op {
    /// Every operation the local endpoint serves.
    pub const ALL: [Op; 39] = [
        Op::PollForActivityTask,
        Op::RespondActivityTaskCompleted,
        Op::RespondActivityTaskFailed,
        Op::RespondActivityTaskCanceled,
        Op::RecordActivityTaskHeartbeat,
        Op::RegisterActivityType,
        Op::DescribeActivityType,
        Op::DeprecateActivityType,
        Op::ListActivityTypes,
        Op::RegisterDomain,
        Op::DescribeDomain,
        Op::RegisterWorkflowType,
        Op::StartWorkflowExecution,
        Op::PollForDecisionTask,
        Op::RespondDecisionTaskCompleted,
        Op::GetWorkflowExecutionHistory,
        Op::CountPendingActivityTasks,
        Op::CountPendingDecisionTasks,
        Op::CountClosedWorkflowExecutions,
        Op::CountOpenWorkflowExecutions,
        Op::DeleteActivityType,
        Op::DeleteWorkflowType,
        Op::DeprecateDomain,
        Op::DeprecateWorkflowType,
        Op::DescribeWorkflowExecution,
        Op::DescribeWorkflowType,
        Op::ListClosedWorkflowExecutions,
        Op::ListDomains,
        Op::ListOpenWorkflowExecutions,
        Op::ListTagsForResource,
        Op::ListWorkflowTypes,
        Op::RequestCancelWorkflowExecution,
        Op::SignalWorkflowExecution,
        Op::TagResource,
        Op::TerminateWorkflowExecution,
        Op::UndeprecateActivityType,
        Op::UndeprecateDomain,
        Op::UndeprecateWorkflowType,
        Op::UntagResource,
    ];

    /// The name in `X-Amz-Target: SimpleWorkflowService.<name>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::PollForActivityTask => "PollForActivityTask",
            Op::RespondActivityTaskCompleted => "RespondActivityTaskCompleted",
            Op::RespondActivityTaskFailed => "RespondActivityTaskFailed",
            Op::RespondActivityTaskCanceled => "RespondActivityTaskCanceled",
            Op::RecordActivityTaskHeartbeat => "RecordActivityTaskHeartbeat",
            Op::RegisterActivityType => "RegisterActivityType",
            Op::DescribeActivityType => "DescribeActivityType",
            Op::DeprecateActivityType => "DeprecateActivityType",
            Op::ListActivityTypes => "ListActivityTypes",
            Op::RegisterDomain => "RegisterDomain",
            Op::DescribeDomain => "DescribeDomain",
            Op::RegisterWorkflowType => "RegisterWorkflowType",
            Op::StartWorkflowExecution => "StartWorkflowExecution",
            Op::PollForDecisionTask => "PollForDecisionTask",
            Op::RespondDecisionTaskCompleted => "RespondDecisionTaskCompleted",
            Op::GetWorkflowExecutionHistory => "GetWorkflowExecutionHistory",
            Op::CountPendingActivityTasks => "CountPendingActivityTasks",
            Op::CountPendingDecisionTasks => "CountPendingDecisionTasks",
            Op::CountClosedWorkflowExecutions => "CountClosedWorkflowExecutions",
            Op::CountOpenWorkflowExecutions => "CountOpenWorkflowExecutions",
            Op::DeleteActivityType => "DeleteActivityType",
            Op::DeleteWorkflowType => "DeleteWorkflowType",
            Op::DeprecateDomain => "DeprecateDomain",
            Op::DeprecateWorkflowType => "DeprecateWorkflowType",
            Op::DescribeWorkflowExecution => "DescribeWorkflowExecution",
            Op::DescribeWorkflowType => "DescribeWorkflowType",
            Op::ListClosedWorkflowExecutions => "ListClosedWorkflowExecutions",
            Op::ListDomains => "ListDomains",
            Op::ListOpenWorkflowExecutions => "ListOpenWorkflowExecutions",
            Op::ListTagsForResource => "ListTagsForResource",
            Op::ListWorkflowTypes => "ListWorkflowTypes",
            Op::RequestCancelWorkflowExecution => "RequestCancelWorkflowExecution",
            Op::SignalWorkflowExecution => "SignalWorkflowExecution",
            Op::TagResource => "TagResource",
            Op::TerminateWorkflowExecution => "TerminateWorkflowExecution",
            Op::UndeprecateActivityType => "UndeprecateActivityType",
            Op::UndeprecateDomain => "UndeprecateDomain",
            Op::UndeprecateWorkflowType => "UndeprecateWorkflowType",
            Op::UntagResource => "UntagResource",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name is not one of the operations in [`Op::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an operation the local SWF serves")]
pub struct UnknownOp(String);

impl FromStr for Op {
    type Err = UnknownOp;

    fn from_str(name: &str) -> Result<Op, UnknownOp> {
        Op::ALL
            .into_iter()
            .find(|op| op.as_str() == name)
            .ok_or_else(|| UnknownOp(name.to_owned()))
    }
}

/// One kind of injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Answer `ThrottlingException` without processing.
    Throttle,
    /// Answer this HTTP status (`InternalFailure`, `ServiceUnavailableException` for 503)
    /// without processing.
    Status(u16),
    /// Answer `ExpiredTokenException` without processing, as AWS does when the request's
    /// session token has expired.
    ExpiredToken,
    /// Answer `AccessDeniedException` without processing, as AWS does when IAM does not allow
    /// the caller the operation.
    AccessDenied,
    /// Close the connection without processing or answering.
    DropBefore,
    /// Process the request, then close the connection without answering.
    DropAfter,
    /// Wait, then process and answer normally.
    Delay(Duration),
}

#[derive(Debug, Default)]
struct Plan {
    /// Per operation, faults in the order they were asked for, each with how many requests
    /// it still applies to.
    queued: HashMap<Op, VecDeque<(Fault, u32)>>,
    /// Throttling of a share of the requests for a while, in the order asked for.
    shares: Vec<Share>,
    /// Per operation, how many faults were injected.
    injected: BTreeMap<Op, u32>,
}

/// A share of requests throttled until a time, drawn from a seeded generator.
#[derive(Debug)]
struct Share {
    /// The operation it applies to; `None`: every operation.
    op: Option<Op>,
    fraction: f64,
    until: Instant,
    rng: fastrand::Rng,
}

/// Faults to inject into the local SWF's answers, per operation: each method queues a fault
/// for the next `n` requests of an operation, after the faults already queued for it, except
/// [`throttle_share`](Faults::throttle_share) and
/// [`throttle_share_of`](Faults::throttle_share_of), which throttle a share of the requests
/// for a while (queued faults come first).
///
/// Obtained from [`LocalSwf::faults`](super::LocalSwf::faults); clones share the plan.
///
/// ```no_run
/// # async fn demo(swf: &swf_activity::testing::LocalSwf) {
/// use swf_activity::testing::Op;
/// swf.faults()
///     .throttle(Op::RespondActivityTaskCompleted, 2)
///     .drop_after(Op::RespondActivityTaskCompleted, 1);
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Faults {
    plan: Arc<Mutex<Plan>>,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, Plan> {
        self.plan.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, op: Op, fault: Fault, n: u32) -> &Faults {
        if n > 0 {
            self.lock()
                .queued
                .entry(op)
                .or_default()
                .push_back((fault, n));
        }
        self
    }

    /// The next `n` requests of `op` are answered `ThrottlingException` ("Rate exceeded",
    /// HTTP 400) without being processed.
    pub fn throttle(&self, op: Op, n: u32) -> &Faults {
        self.push(op, Fault::Throttle, n)
    }

    /// The next `n` requests of `op` are answered with HTTP `status` (`InternalFailure`, or
    /// `ServiceUnavailableException` for 503) without being processed.
    pub fn error_5xx(&self, op: Op, n: u32, status: u16) -> &Faults {
        self.push(op, Fault::Status(status), n)
    }

    /// The next `n` requests of `op` are answered `ExpiredTokenException` ("The security token
    /// included in the request is expired", HTTP 400) without being processed, as AWS answers
    /// when the keys' session has ended.
    pub fn expired_token(&self, op: Op, n: u32) -> &Faults {
        self.push(op, Fault::ExpiredToken, n)
    }

    /// The next `n` requests of `op` are answered as SWF answers a caller IAM does not allow
    /// the operation, without being processed: HTTP 400, `AccessDeniedException`, `User:
    /// arn:aws:iam::123456789012:user/local is not authorized to perform: swf:<Op> on resource:
    /// arn:aws:swf:<region>:123456789012:/domain/<domain> because no identity-based policy
    /// allows the swf:<Op> action` (the domain as the request names it, in `domain`, or `name`
    /// for `RegisterDomain` and `DescribeDomain`). A request that names no domain (answers and
    /// heartbeats name a task token) gets the same message without `on resource: ...`.
    pub fn access_denied(&self, op: Op, n: u32) -> &Faults {
        self.push(op, Fault::AccessDenied, n)
    }

    /// For `for_` from now, each request of any operation is answered `ThrottlingException`
    /// ("Rate exceeded", HTTP 400, without being processed, as [`throttle`](Faults::throttle)
    /// answers) with probability `fraction` (0 to 1), drawn from a generator seeded with
    /// `seed`: the same requests in the same order are throttled alike in every run. Each
    /// throttled request counts in [`injected`](Faults::injected); none in
    /// [`pending`](Faults::pending).
    ///
    /// ```no_run
    /// # async fn demo(swf: &swf_activity::testing::LocalSwf) {
    /// use std::time::Duration;
    /// // SWF under pressure for 10 s: about one request in three is throttled.
    /// swf.faults().throttle_share(0.3, Duration::from_secs(10), 42);
    /// # }
    /// ```
    pub fn throttle_share(&self, fraction: f64, for_: Duration, seed: u64) -> &Faults {
        self.share(None, fraction, for_, seed)
    }

    /// [`throttle_share`](Faults::throttle_share) for the requests of `op` only.
    pub fn throttle_share_of(&self, op: Op, fraction: f64, for_: Duration, seed: u64) -> &Faults {
        self.share(Some(op), fraction, for_, seed)
    }

    fn share(&self, op: Option<Op>, fraction: f64, for_: Duration, seed: u64) -> &Faults {
        // A NaN share throttles nothing; `for_` too long for the clock lasts "forever".
        let fraction = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        let now = Instant::now();
        let until = now
            .checked_add(for_)
            .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 24 * 3600));
        self.lock().shares.push(Share {
            op,
            fraction,
            until,
            rng: fastrand::Rng::with_seed(seed),
        });
        self
    }

    /// The next `n` requests of `op` are read, then their connection is closed without
    /// processing them or answering.
    pub fn drop_before(&self, op: Op, n: u32) -> &Faults {
        self.push(op, Fault::DropBefore, n)
    }

    /// The next `n` requests of `op` are processed (their effect happens, as when SWF's answer
    /// is lost on the way back), then their connection is closed without an answer.
    pub fn drop_after(&self, op: Op, n: u32) -> &Faults {
        self.push(op, Fault::DropAfter, n)
    }

    /// The next `n` requests of `op` wait `delay` before being processed and answered.
    pub fn delay(&self, op: Op, delay: Duration, n: u32) -> &Faults {
        self.push(op, Fault::Delay(delay), n)
    }

    /// How many faults were injected into requests of `op` so far (throttling of a share
    /// included).
    pub fn injected(&self, op: Op) -> u32 {
        self.lock().injected.get(&op).copied().unwrap_or(0)
    }

    /// How many faults were injected in all.
    pub fn injected_total(&self) -> u32 {
        self.lock().injected.values().sum()
    }

    /// How many faults are still queued for `op` (throttling of a share is not counted).
    pub fn pending(&self, op: Op) -> u32 {
        self.lock()
            .queued
            .get(&op)
            .map_or(0, |q| q.iter().map(|(_, n)| n).sum())
    }

    /// Forgets every queued fault and ends every throttling of a share (the counts of
    /// injected ones stay).
    pub fn clear(&self) {
        let mut plan = self.lock();
        plan.queued.clear();
        plan.shares.clear();
    }

    /// Takes the fault for the next request of `op`: the first one queued, else throttling
    /// if a share in force draws it.
    pub(crate) fn take(&self, op: Op) -> Option<Fault> {
        let mut plan = self.lock();
        let fault = Faults::queued(&mut plan, op).or_else(|| Faults::drawn(&mut plan, op))?;
        *plan.injected.entry(op).or_default() += 1;
        Some(fault)
    }

    fn queued(plan: &mut Plan, op: Op) -> Option<Fault> {
        let queue = plan.queued.get_mut(&op)?;
        let (fault, left) = queue.front_mut()?;
        let fault = *fault;
        *left -= 1;
        if *left == 0 {
            queue.pop_front();
        }
        Some(fault)
    }

    fn drawn(plan: &mut Plan, op: Op) -> Option<Fault> {
        if plan.shares.is_empty() {
            return None;
        }
        let now = Instant::now();
        plan.shares.retain(|share| share.until > now);
        // Every share in force draws, so each one's sequence depends only on the requests it
        // saw, whatever the others drew.
        let mut throttled = false;
        for share in &mut plan.shares {
            if share.op.is_none_or(|o| o == op) {
                throttled |= share.rng.f64() < share.fraction;
            }
        }
        throttled.then_some(Fault::Throttle)
    }
}

/// How many requests the local SWF received, per operation (also those it rejected or injected
/// a fault into). Obtained from [`LocalSwf::stats`](super::LocalSwf::stats).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub(crate) by_target: BTreeMap<String, u64>,
}

impl Stats {
    /// Requests of `op`.
    pub fn requests(&self, op: Op) -> u64 {
        self.by_target.get(op.as_str()).copied().unwrap_or(0)
    }

    /// Requests in all, also those for operations the endpoint does not serve.
    pub fn total(&self) -> u64 {
        self.by_target.values().sum()
    }

    /// Requests per `X-Amz-Target` operation name, as received.
    pub fn by_operation(&self) -> &BTreeMap<String, u64> {
        &self.by_target
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_apply_in_order_and_are_counted() {
        let faults = Faults::default();
        faults
            .throttle(Op::PollForActivityTask, 2)
            .drop_after(Op::PollForActivityTask, 1);
        assert_eq!(faults.pending(Op::PollForActivityTask), 3);
        assert_eq!(faults.take(Op::RegisterDomain), None);
        assert_eq!(faults.take(Op::PollForActivityTask), Some(Fault::Throttle));
        assert_eq!(faults.take(Op::PollForActivityTask), Some(Fault::Throttle));
        assert_eq!(faults.take(Op::PollForActivityTask), Some(Fault::DropAfter));
        assert_eq!(faults.take(Op::PollForActivityTask), None);
        assert_eq!(faults.injected(Op::PollForActivityTask), 3);
        assert_eq!(faults.injected_total(), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_share_is_throttled_for_a_while_and_reproducibly() {
        let draws = |faults: &Faults, n: usize| -> Vec<bool> {
            (0..n)
                .map(|_| faults.take(Op::PollForActivityTask).is_some())
                .collect()
        };
        let faults = Faults::default();
        faults.throttle_share(0.3, Duration::from_secs(10), 7);
        let first = draws(&faults, 1000);
        let throttled = first.iter().filter(|t| **t).count();
        assert!((200..400).contains(&throttled), "{throttled}");
        assert_eq!(
            faults.injected(Op::PollForActivityTask),
            u32::try_from(throttled).expect("small")
        );
        assert_eq!(faults.pending(Op::PollForActivityTask), 0);
        // Every operation, as throttling.
        assert!(
            (0..100)
                .filter_map(|_| faults.take(Op::RespondActivityTaskCompleted))
                .all(|f| f == Fault::Throttle)
        );
        assert!(faults.injected(Op::RespondActivityTaskCompleted) > 0);

        // The same seed throttles the same requests.
        let again = Faults::default();
        again.throttle_share(0.3, Duration::from_secs(10), 7);
        assert_eq!(draws(&again, 1000), first);

        // Queued faults come first.
        again.error_5xx(Op::PollForActivityTask, 1, 503);
        assert_eq!(
            again.take(Op::PollForActivityTask),
            Some(Fault::Status(503))
        );

        // It ends after its time.
        tokio::time::advance(Duration::from_secs(10)).await;
        assert!(draws(&faults, 100).iter().all(|t| !t));
        assert!(faults.lock().shares.is_empty());

        // All, none, one operation, and `clear`.
        faults.throttle_share(1.0, Duration::from_secs(1), 1);
        assert!(draws(&faults, 50).iter().all(|t| *t));
        faults.clear();
        faults.throttle_share(0.0, Duration::from_secs(1), 1);
        assert!(draws(&faults, 50).iter().all(|t| !t));
        faults.throttle_share_of(
            Op::RecordActivityTaskHeartbeat,
            1.0,
            Duration::from_secs(1),
            1,
        );
        assert_eq!(faults.take(Op::PollForActivityTask), None);
        assert_eq!(
            faults.take(Op::RecordActivityTaskHeartbeat),
            Some(Fault::Throttle)
        );
    }

    #[test]
    fn op_names_round_trip() {
        for op in Op::ALL {
            assert_eq!(op.as_str().parse::<Op>(), Ok(op));
        }
        assert!("Nope".parse::<Op>().is_err());
    }
}
