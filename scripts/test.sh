#!/usr/bin/env bash
# Runs every test stdviz has, from a fresh machine: installs what is missing, then
#   1. cargo fmt --check and cargo clippy -D warnings, native and wasm32
#   2. native unit tests, SVG render tests and doc tests (cargo test, with tests/tidy.rs);
#      the JS unit tests (node --test tests/unit/) and stdviz.d.ts checked by tsc
#   3. wasm-bindgen tests of the canvas path in headless Chromium
#   4. trunk release build of the page, then Playwright end-to-end tests against it
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --lib --tests --target wasm32-unknown-unknown --no-default-features -- -D warnings
# The full chart wasm (feature `full`; scripts/full-wasm.sh builds it) and the lite engine's
# native test.
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features full -- -D warnings
cargo clippy --no-default-features --lib --test lite -- -D warnings
# The explorer's wasm (web::dataset, feature `explore`; scripts/explore-wasm.sh builds it).
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features explore -- -D warnings
# Its workbook engine (feature `workbook`: + calamine), loaded only for a dropped workbook.
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features workbook -- -D warnings

step "native tests: units, SVG render, docs"
cargo test
# The lite chart engine (without feature `full`): every page spec and example draws as its
# golden SVG or answers NeedsFull naming the part (tests/lite.rs; `cargo test` ran it full).
cargo test --no-default-features --test lite

step "JS unit tests and the JS API's types (no build, no browser)"
node --test tests/unit/
tsc -p tests/types

step "wasm tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --no-default-features --features full --test web --test web_text

step "page build (trunk --release)"
trunk build --release

step "end-to-end tests (Playwright + Chromium)"
node --test --test-concurrency=1 tests/e2e/
