//! The expansion names everything by absolute path and trips no lint, even with the prelude's
//! names taken by the user's own items.

#![deny(unused_qualifications, clippy::all, warnings)]
#![forbid(unsafe_code)]
#![allow(dead_code, non_camel_case_types, clippy::unnecessary_wraps)]

use swf_activity::{ActivityContext, activity};

struct Result;
struct Option;
struct Some;
struct None;
struct Ok;
struct Err;
struct Box;
struct String;
struct Vec;
struct Send;
struct Sync;
struct Future;
struct Fn;
struct FnOnce;
struct Sized;
struct Into;
struct From;
struct Default;
struct Drop;
struct Clone;
struct Copy;
struct ToString;
struct Iterator;
struct core;
struct std;
struct inventory;
struct __private;
struct ctx;
struct input;
struct value;
struct outcome;
struct u8;

#[activity(version = "1", task_priority = -1, heartbeat_timeout = "30s", start_to_close_timeout = 600)]
async fn shadowed(
    context: ActivityContext,
    order: ::std::vec::Vec<::core::primitive::u8>,
) -> ::core::result::Result<::std::string::String, ::std::string::String> {
    let _ = context;
    ::core::result::Result::Ok(::std::format!("{}", order.len()))
}

#[activity(version = "1")]
fn shadowed_sync(
    order: ::core::option::Option<i64>,
) -> ::core::result::Result<(), ::std::string::String> {
    let _ = order;
    ::core::result::Result::Ok(())
}

fn main() {
    let _ = swf_activity_ui_tests::registered("shadowed", "1");
    let _ = swf_activity_ui_tests::registered("shadowed_sync", "1");
}
