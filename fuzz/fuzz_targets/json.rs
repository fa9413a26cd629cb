//! Fuzz target: JSON data bytes through the JSON records loader.
//! The entry point is shared with the regression tests (tests/hostile.rs).
#![no_main]

#[path = "../../tests/hostile/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::json(data));
