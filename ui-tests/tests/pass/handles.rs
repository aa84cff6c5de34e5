//! Handles from other modules, with every input shape, a named converter, `impl Trait`
//! results, and visibility carried from the function.

use swf_activity::convert::{Args, Json, Simpleflow};
use swf_activity::handle::{Activity, ActivityOutcome};
use swf_activity::model::HistoryEvent;
use swf_activity::rules::Timeout;

static SIMPLEFLOW: Simpleflow = Simpleflow::new();

mod acts {
    use swf_activity::ActivityContext;
    use swf_activity::activity;
    use swf_activity::convert::Args;
    use std::process;

    #[derive(serde::Serialize, serde::Deserialize)]
    pub struct Order {
        pub id: u64,
    }

    #[activity(version = "1", task_list = "t", schedule_to_start_timeout = "NONE", start_to_close_timeout = 60, schedule_to_close_timeout = "NONE", heartbeat_timeout = "NONE")]
    pub async fn charge(ctx: ActivityContext, order: Order) -> Result<u64, String> {
        let _ = ctx;
        Ok(order.id)
    }

    #[activity(version = "1", converter = super::SIMPLEFLOW)]
    pub(crate) fn add(Args((a, b)): Args<(i64, i64)>) -> Result<i64, String> {
        Ok(a + b)
    }

    /// `use std::process;` in this module takes the function's name in the type namespace: the
    /// handle is named otherwise.
    #[activity(version = "1", handle = ProcessTask)]
    pub async fn process(id: u64) -> Result<u64, String> {
        let _ = process::id();
        Ok(id)
    }

    #[activity(version = "1")]
    pub async fn opaque() -> Result<impl serde::Serialize + Send, String> {
        Ok(vec![1, 2, 3])
    }
}

use acts::{ProcessTask, add, charge, opaque};

fn decide(history: &[HistoryEvent]) {
    let _ = charge::schedule("c", &acts::Order { id: 1 }).decision();
    let _ = add::schedule("a", &Args((1, 2)))
        .task_list("t")
        .start_to_close_timeout(Timeout::Seconds(5))
        .registered_defaults()
        .decision();
    let _ = opaque::schedule("o", &()).converter(&Json).registered_defaults().decision();
    let _: Result<ActivityOutcome<u64, String>, _> = charge::outcome(history, "c");
    let _: Result<ActivityOutcome<i64, String>, _> = add::outcome(history, "a");
    let _: Result<ActivityOutcome<serde_json::Value, String>, _> = opaque::outcome(history, "o");
    let _ = ProcessTask::schedule("p", &7).registered_defaults().decision();
    assert_eq!(ProcessTask::DESCRIPTOR.name, "process");
    // The functions are still the functions.
    let _ = charge;
    let _ = add(Args((1, 2)));
}

fn main() {
    decide(&[]);
}
