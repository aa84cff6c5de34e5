//! Fault injection and request statistics of the local SWF endpoint.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

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
}

impl Op {
    /// Every operation the local endpoint serves.
    pub const ALL: [Op; 16] = [
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
    /// Per operation, how many faults were injected.
    injected: BTreeMap<Op, u32>,
}

/// Faults to inject into the local SWF's answers, per operation: each method queues a fault
/// for the next `n` requests of an operation, after the faults already queued for it.
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

    /// How many faults were injected into requests of `op` so far.
    pub fn injected(&self, op: Op) -> u32 {
        self.lock().injected.get(&op).copied().unwrap_or(0)
    }

    /// How many faults were injected in all.
    pub fn injected_total(&self) -> u32 {
        self.lock().injected.values().sum()
    }

    /// How many faults are still queued for `op`.
    pub fn pending(&self, op: Op) -> u32 {
        self.lock()
            .queued
            .get(&op)
            .map_or(0, |q| q.iter().map(|(_, n)| n).sum())
    }

    /// Forgets every queued fault (the counts of injected ones stay).
    pub fn clear(&self) {
        self.lock().queued.clear();
    }

    /// Takes the fault for the next request of `op`, if one is queued.
    pub(crate) fn take(&self, op: Op) -> Option<Fault> {
        let mut plan = self.lock();
        let queue = plan.queued.get_mut(&op)?;
        let (fault, left) = queue.front_mut()?;
        let fault = *fault;
        *left -= 1;
        if *left == 0 {
            queue.pop_front();
        }
        *plan.injected.entry(op).or_default() += 1;
        Some(fault)
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

    #[test]
    fn op_names_round_trip() {
        for op in Op::ALL {
            assert_eq!(op.as_str().parse::<Op>(), Ok(op));
        }
        assert!("Nope".parse::<Op>().is_err());
    }
}
