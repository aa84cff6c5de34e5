use swf_activity::activity;
use swf_activity::convert::{Converter, Converts};
use swf_activity::failure::{FailureKind, Outcome};

/// A converter for text only: the input and the result are the task's text as it is.
struct Text;

impl Converter for Text {
    fn name(&self) -> &str {
        "text"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        Outcome::framework_failure(kind, message)
    }
}

impl Converts<String, String, String> for Text {
    fn decode(&self, input: Option<&str>) -> Result<String, Outcome> {
        Ok(input.unwrap_or_default().to_owned())
    }

    fn encode_ok(&self, value: &String, _max_len: usize) -> Outcome {
        Outcome::Completed { result: Some(value.clone()) }
    }

    fn encode_err(&self, error: &String, _max_len: usize) -> Outcome {
        Outcome::framework_failure(FailureKind::Panic, error)
    }
}

static TEXT: Text = Text;

#[activity(version = "1", converter = TEXT)]
async fn shout(text: String) -> Result<String, String> {
    Ok(text.to_uppercase())
}

#[activity(version = "1", converter = TEXT)]
async fn count(text: String) -> Result<usize, String> {
    Ok(text.len())
}

fn main() {}
