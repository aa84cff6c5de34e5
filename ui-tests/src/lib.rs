//! Compile-time tests of `#[activity]` live in `tests/compiletest.rs`.
