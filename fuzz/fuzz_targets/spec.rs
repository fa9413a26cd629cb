//! Fuzz target: spec text through the parser and validation (inline data loaded, nothing laid out).
//! The entry point is shared with the regression tests (tests/hostile.rs).
#![no_main]

#[path = "../../tests/hostile/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::spec(data));
