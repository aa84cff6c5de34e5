//! The `#[activity]` attribute of [swf-activity](https://docs.rs/swf-activity).
//!
//! Use it through `swf_activity::activity`; this crate is an implementation detail and its
//! version is pinned by `swf-activity`. The user documentation is `runtime/src/activity.md`, on the
//! re-export.

mod args;
mod ast;
mod ctxt;
mod expand;
mod valid;

use proc_macro::TokenStream;

/// Turns a function into an SWF activity; see `swf_activity::activity` for the documentation.
#[proc_macro_attribute]
pub fn activity(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::activity(args.into(), item.into()).into()
}
