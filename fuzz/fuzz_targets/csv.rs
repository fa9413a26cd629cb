//! Fuzz target: CSV/TSV bytes in every encoding through the delimited-text loader.
//! The entry point is shared with the regression tests (tests/hostile.rs).
#![no_main]

#[path = "../../tests/hostile/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::csv(data));
