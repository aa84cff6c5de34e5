//! SIGTERM to a real worker process mid-work: every task it started is answered, the others
//! stay on SWF for another worker.

use std::process::Stdio;
use std::time::Duration;

use swf_activity::model::ActivityType;
use swf_activity::testing::{ActivityOutcome, LocalSwf, Op, ScheduleSpec};

const DOMAIN: &str = "sigterm-domain";
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_and_answers_every_started_task() {
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_secs(1))
        .start()
        .await
        .expect("local SWF starts");
    swf.register_domain(DOMAIN).expect("domain");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_sigterm_worker"))
        .env("SWF_ENDPOINT", swf.url())
        .env("SHUTDOWN_DEADLINE_MS", "500")
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the worker process starts");
    assert!(
        swf.wait_for_pollers(DOMAIN, "sigterm", 1, WAIT).await,
        "the worker polls"
    );

    // Three slots: two quick tasks, two that outlive the shutdown deadline, then more that wait.
    let durations = [50u64, 100, 60_000, 60_000, 80, 60_000, 30, 20];
    let tasks: Vec<_> = durations
        .iter()
        .enumerate()
        .map(|(i, ms)| {
            swf.schedule_activity_task(
                ScheduleSpec::new(DOMAIN, ActivityType::new("SlowWork", "1"), format!("t{i}"))
                    .task_list("sigterm")
                    .input(ms.to_string())
                    .schedule_to_start_timeout("NONE")
                    .schedule_to_close_timeout("NONE")
                    .start_to_close_timeout("600")
                    .heartbeat_timeout("NONE"),
            )
            .expect("scheduled")
        })
        .collect();
    // Both long tasks run before the signal.
    assert!(swf.wait_for_started(&tasks[2], WAIT).await);
    assert!(swf.wait_for_started(&tasks[3], WAIT).await);

    let pid = child.id().expect("running").to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("the worker exits after SIGTERM")
        .expect("exit status");
    assert!(exit.success(), "the worker exits cleanly: {exit:?}");

    let mut started = 0;
    for (task, ms) in tasks.iter().zip(durations) {
        if !swf.is_started(task) {
            // Never taken: still waiting on SWF for another worker.
            assert_eq!(swf.outcome(task), None);
            continue;
        }
        started += 1;
        match swf.outcome(task) {
            Some(ActivityOutcome::Completed { result }) => {
                assert_eq!(result, Some(ms.to_string()));
            }
            Some(ActivityOutcome::Failed { reason, .. }) => {
                assert_eq!(ms, 60_000, "only the long tasks are cut short");
                assert_eq!(
                    reason.as_deref(),
                    Some("activity was aborted before it finished: the worker shut down")
                );
            }
            other => panic!("a started task ends answered, not {other:?}"),
        }
    }
    // Every started task was answered exactly once.
    let stats = swf.stats();
    let answers = stats.requests(Op::RespondActivityTaskCompleted)
        + stats.requests(Op::RespondActivityTaskFailed)
        + stats.requests(Op::RespondActivityTaskCanceled);
    assert_eq!(answers, started);
    assert!(started >= 2);
}
