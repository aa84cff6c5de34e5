use swf_activity::activity;
use swf_activity::handle::Activity;
use swf_activity::model::TaskToken;
use swf_activity::Client;

#[derive(serde::Serialize, serde::Deserialize)]
struct Receipt {
    id: u64,
}

#[activity(version = "1")]
async fn charge(id: u64) -> Result<Receipt, String> {
    Ok(Receipt { id })
}

async fn complete_elsewhere(client: &Client, token: TaskToken) {
    let _ = charge::completer(client, token).complete(&"done").await;
}

fn main() {
    let _ = complete_elsewhere;
}
