//! A latch: set once, read at once, waited for without polling. The worker uses it for its
//! shutdown and deadline, contexts for cancellation.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Once [`set`](Latch::set), stays set and wakes every waiter. (A `watch` channel would do, but
/// its wait is a larger future, and every waiting task holds one.)
#[derive(Debug, Default)]
pub(crate) struct Latch {
    set: AtomicBool,
    notify: Notify,
}

impl Latch {
    /// Sets the latch and wakes every waiter; returns whether it was already set.
    pub(crate) fn set(&self) -> bool {
        let was = self.set.swap(true, Ordering::AcqRel);
        self.notify.notify_waiters();
        was
    }

    /// Whether the latch is set.
    pub(crate) fn is_set(&self) -> bool {
        self.set.load(Ordering::Acquire)
    }

    /// Completes once the latch is set (at once if it is).
    #[expect(
        clippy::manual_async_fn,
        reason = "an `async fn` keeps a second copy of its arguments in its future"
    )]
    pub(crate) fn wait(&self) -> impl Future<Output = ()> + Send + '_ {
        async move {
            loop {
                let notified = self.notify.notified();
                tokio::pin!(notified);
                // Register before checking, so that a `set` between the check and the await is
                // seen.
                notified.as_mut().enable();
                if self.is_set() {
                    return;
                }
                notified.await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn wakes_waiters_and_stays_set() {
        let latch = Arc::new(Latch::default());
        assert!(!latch.is_set());
        let waiter = tokio::spawn({
            let latch = Arc::clone(&latch);
            async move { latch.wait().await }
        });
        tokio::task::yield_now().await;
        assert!(!latch.set());
        tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("woken")
            .expect("no panic");
        assert!(latch.is_set() && latch.set());
        latch.wait().await;
    }
}
