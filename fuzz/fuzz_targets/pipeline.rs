//! Fuzz target: spec + data bytes through the whole pipeline: chart, scene, SVG.
//! The entry point is shared with the regression tests (tests/hostile.rs).
#![no_main]

#[path = "../../tests/hostile/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::pipeline(data));
