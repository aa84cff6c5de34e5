//! `converter = PATH` with every signature shape, async and sync: a `static`, a `const`, a
//! `LazyLock`, a converter of non-serde types, and several arguments through `Args`.

use std::sync::LazyLock;

use serde::Serialize;
use swf_activity::convert::{Args, Converter, Converts, Json};
use swf_activity::failure::{FailureKind, Outcome};
use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::{completed, failed, invoke, registered};

#[derive(Debug, thiserror::Error, Serialize)]
#[error("declined")]
struct Declined;

static JSON: Json = Json;
const ALSO_JSON: Json = Json;
static LAZY: LazyLock<Json> = LazyLock::new(|| Json);

#[activity(version = "1", converter = JSON)]
async fn add(ctx: ActivityContext, Args((a, b)): Args<(i64, i64)>) -> Result<i64, Declined> {
    let _ = ctx;
    Ok(a + b)
}

#[activity(version = "1", converter = ALSO_JSON)]
fn add_sync(Args((a, b)): Args<(i64, Option<i64>)>) -> Result<i64, Declined> {
    Ok(a + b.unwrap_or(0))
}

#[activity(version = "1", converter = LAZY)]
async fn refuse(ctx: ActivityContext) -> Result<(), Declined> {
    let _ = ctx;
    Err(Declined)
}

#[activity(version = "1", converter = swf_activity::convert::Json)]
fn nothing() -> Result<(), Declined> {
    Ok(())
}

/// A converter of raw text, for types that are not serde's.
struct Text;

struct Shout(String);

impl Converter for Text {
    fn name(&self) -> &str {
        "text"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        Outcome::framework_failure(kind, message)
    }
}

impl Converts<Shout, Shout, Shout> for Text {
    fn decode(&self, input: Option<&str>) -> Result<Shout, Outcome> {
        Ok(Shout(input.unwrap_or_default().to_owned()))
    }

    fn encode_ok(&self, value: &Shout, _max_len: usize) -> Outcome {
        Outcome::Completed {
            result: Some(value.0.to_uppercase()),
        }
    }

    fn encode_err(&self, error: &Shout, _max_len: usize) -> Outcome {
        Outcome::Failed {
            reason: error.0.clone(),
            details: String::new(),
            framework: None,
        }
    }
}

static TEXT: Text = Text;

#[activity(version = "1", converter = TEXT)]
async fn shout(text: Shout) -> Result<Shout, Shout> {
    if text.0.is_empty() {
        Err(Shout("nothing to shout".into()))
    } else {
        Ok(text)
    }
}

fn main() {
    let add = registered("add", "1");
    assert_eq!(add.converter.map(|c| c.name()), Some("json"));
    assert_eq!(completed(invoke(add, Some("[1,2]"))).as_deref(), Some("3"));
    assert_eq!(
        completed(invoke(registered("add_sync", "1"), Some("[1]"))).as_deref(),
        Some("1")
    );
    assert_eq!(failed(invoke(registered("refuse", "1"), None)), "declined");
    assert_eq!(completed(invoke(registered("nothing", "1"), Some("[1]"))), None);
    let shout = registered("shout", "1");
    assert_eq!(shout.converter.map(|c| c.name()), Some("text"));
    assert_eq!(completed(invoke(shout, Some("hi"))).as_deref(), Some("HI"));
    assert_eq!(failed(invoke(shout, None)), "nothing to shout");
    let many = invoke(registered("add", "1"), Some("[1,2,3]"));
    assert_eq!(
        many.reason(),
        Some("activity input did not decode: too many arguments: the activity takes 2, the task has 3")
    );
}
