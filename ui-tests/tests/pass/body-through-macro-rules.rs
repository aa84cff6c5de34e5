//! Activities written through `macro_rules!`, which hands fragments to the attribute wrapped in
//! invisible groups: a `$body:block` body, and a signature made of `$name:ident` and `$t:ty`.

use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::{completed, invoke, registered};

macro_rules! with_body {
    ($version:literal, $input:ident, $body:block) => {
        #[activity(name = "BlockBody", version = $version)]
        fn block_body($input: u8) -> Result<u8, String> $body
    };
}

with_body!("1", input, { Ok(input + 1) });

// Through two macros: the body is in two invisible groups.
macro_rules! outer {
    ($body:block) => {
        inner!($body);
    };
}

macro_rules! inner {
    ($body:block) => {
        #[activity(name = "TwiceWrapped", version = "1")]
        fn twice_wrapped() -> Result<&'static str, String> $body
    };
}

outer!({ Ok("twice") });

macro_rules! everything_from_fragments {
    ($name:ident, $ctx:ident: $ctx_ty:ty, $input:ident: $input_ty:ty, $ok:ty, $err:ty, $body:block) => {
        #[activity(version = "1")]
        async fn $name($ctx: $ctx_ty, $input: $input_ty) -> Result<$ok, $err> $body
    };
}

everything_from_fragments!(fragments, ctx: ActivityContext, words: Vec<String>, usize, String, {
    let _ = ctx;
    Ok(words.len())
});

fn main() {
    assert_eq!(
        completed(invoke(registered("BlockBody", "1"), Some("41"))).as_deref(),
        Some("42")
    );
    assert_eq!(block_body(1), Ok(2));
    assert_eq!(
        completed(invoke(registered("TwiceWrapped", "1"), None)).as_deref(),
        Some(r#""twice""#)
    );
    assert_eq!(
        completed(invoke(registered("fragments", "1"), Some(r#"["a","b"]"#))).as_deref(),
        Some("2")
    );
}
