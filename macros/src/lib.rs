//! The `#[activity]` attribute of [swf-activity](https://docs.rs/swf-activity).
//!
//! Use it through `swf_activity::activity`; this crate is an implementation detail and its
//! version is pinned by `swf-activity`.

use proc_macro::TokenStream;

/// Turns a function into an SWF activity; see `swf_activity::activity` for the documentation.
#[proc_macro_attribute]
pub fn activity(args: TokenStream, item: TokenStream) -> TokenStream {
    // Placeholder until the expansion lands: emit the function unchanged.
    let _ = args;
    item
}
