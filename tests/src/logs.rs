//! Capturing what the crate logs, for tests that assert what an operator reads.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;

/// Collects what is written to it (log output, a copy of a stream); clones share it. Install it
/// as the current thread's subscriber with [`LogBuffer::install`] (a `#[tokio::test]` runs every
/// task it spawns on that thread).
#[derive(Clone, Default, Debug)]
pub struct LogBuffer(Arc<Mutex<Vec<u8>>>, Arc<Notify>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        self.1.notify_waiters();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl LogBuffer {
    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }

    /// Makes this buffer the current thread's subscriber for `level` and above (no colours, no
    /// times) until the guard drops.
    pub fn install(&self, level: tracing::Level) -> tracing::subscriber::DefaultGuard {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .without_time()
            .with_writer({
                let logs = self.clone();
                move || logs.clone()
            })
            .finish();
        tracing::subscriber::set_default(subscriber)
    }

    /// Waits up to `timeout` until a line containing `needle` was logged; the line.
    ///
    /// # Panics
    ///
    /// If none was, with what was logged.
    pub async fn wait_for_line(&self, needle: &str, timeout: Duration) -> String {
        let wait = async {
            loop {
                let written = self.1.notified();
                tokio::pin!(written);
                written.as_mut().enable();
                if let Some(line) = self.text().lines().find(|l| l.contains(needle)) {
                    return line.to_owned();
                }
                written.await;
            }
        };
        match tokio::time::timeout(timeout, wait).await {
            Ok(line) => line,
            Err(_) => panic!(
                "no log line with {needle:?} within {timeout:?}:\n{}",
                self.text()
            ),
        }
    }
}
