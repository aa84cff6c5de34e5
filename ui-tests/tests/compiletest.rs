//! Compile-time tests of `#[activity]`: `fail/*.rs` must not compile, with exactly the errors in
//! the matching `.stderr`; `pass/*.rs` must compile and run. Refresh the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p swf-activity-ui-tests` and read every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/fail/*.rs");
    t.pass("tests/pass/*.rs");
}
