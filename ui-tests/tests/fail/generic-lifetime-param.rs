use swf_activity::activity;

#[activity(version = "1")]
fn f<'a>() -> Result<&'a str, String> {
    Ok("")
}

fn main() {}
