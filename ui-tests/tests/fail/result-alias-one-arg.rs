use swf_activity::activity;

type Result<T> = std::result::Result<T, String>;

#[activity(version = "1")]
fn f() -> Result<()> {
    Ok(())
}

#[activity(version = "1")]
fn g() -> std::io::Result<()> {
    Ok(())
}

fn main() {}
