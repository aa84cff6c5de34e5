use swf_activity::activity;

#[activity(version = "1")]
fn f() -> String {
    String::new()
}

#[activity(version = "1")]
fn g() -> Option<String> {
    None
}

#[activity(version = "1")]
fn h() -> impl std::future::Future<Output = Result<(), String>> {
    async { Ok(()) }
}

fn main() {}
