//! Whole histories: the paging loops behind a decider's view of an execution.

use super::Client;
use super::ops::Pages;
use crate::Error;
use crate::model::{DecisionTask, PollForDecisionTask};

impl Client {
    /// `PollForDecisionTask`, then every further page of the task's history: SWF hands out a
    /// decision task with the first page of its history (at most 1,000 events, or the
    /// request's `maximumPageSize`), and the rest comes from polling again with the task's
    /// `nextPageToken`. The task returned holds every event, and no `nextPageToken`. `Ok(None)`
    /// when the poll ended without a task.
    ///
    /// A token SWF repeats, or more pages than any history can have, is an error rather than a
    /// loop.
    pub async fn poll_for_decision_task_all(
        &self,
        request: &PollForDecisionTask,
    ) -> Result<Option<DecisionTask>, Error> {
        let Some(mut task) = self.poll_for_decision_task(request).await? else {
            return Ok(None);
        };
        let mut pages = Pages::new("PollForDecisionTask");
        let mut next = request.clone();
        while let Some(token) = pages.next(task.next_page_token.take())? {
            next.next_page_token = Some(token);
            let page = self.poll_for_decision_task(&next).await?.ok_or_else(|| {
                Error::new(
                    crate::ErrorKind::UnexpectedResponse { status: 200 },
                    "SWF answered a request for the next page of a decision task's history with no task",
                )
                .with_operation("PollForDecisionTask")
            })?;
            task.events.extend(page.events);
            task.next_page_token = page.next_page_token;
        }
        Ok(Some(task))
    }
}
