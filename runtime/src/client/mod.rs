//! A typed, async client for the activity side of SWF (and the few workflow-side operations
//! tests and deciders need).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;

/// One SWF operation: its request shape, its output and its rules.
pub(crate) trait Operation: Serialize {
    /// The operation's name, as in `X-Amz-Target: SimpleWorkflowService.<NAME>`.
    const NAME: &'static str;
    /// Whether SWF may hold the request open (up to 60 s) before answering.
    const LONG_POLL: bool = false;
    /// The response shape; `()` for operations that answer with an empty body.
    type Output: DeserializeOwned;
    /// Checks every length and character rule before anything is sent.
    fn validate(&self) -> Result<(), Error>;
}

/// A client for SWF. Cheap to clone: clones share one connection pool and credentials cache.
#[derive(Debug, Clone)]
pub struct Client {}

impl Client {
    /// Validates, signs and sends one operation, retrying transient failures.
    #[allow(dead_code)]
    pub(crate) async fn send<O: Operation>(&self, request: &O) -> Result<O::Output, Error> {
        request.validate()?;
        Err(Error::configuration(format!("{} is not wired yet", O::NAME)))
    }
}
