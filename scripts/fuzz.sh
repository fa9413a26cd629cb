#!/usr/bin/env bash
# Fuzzes one stdviz entry point with cargo-fuzz (libFuzzer) for a given time.
#
#   scripts/fuzz.sh TARGET SECONDS      TARGET: csv | json | spec | pipeline
#   scripts/fuzz.sh all SECONDS         each target in turn, SECONDS each
#
# csv       CSV/TSV bytes in every encoding (UTF-8, UTF-8/UTF-16LE/UTF-16BE with BOM,
#           GBK) through the delimited-text loader, with and without format.parse and
#           small limits
# json      JSON data bytes through the JSON records loader
# spec      spec text through the parser and validation (inline data, limits)
# pipeline  spec + NUL + data bytes through Chart → scene → SVG, summary, hit test
#
# The entry points are in tests/hostile/harness.rs, shared with the regression tests in
# tests/hostile.rs. Installs what it needs (nightly toolchain, cargo-fuzz) when missing;
# seeds fuzz/corpus/TARGET from the repository's data, specs and docs (fuzz/seeds.py).
# Runs at the lowest priority, one process, with libFuzzer's limits: -rss_limit_mb=2048
# (out of memory) and -timeout=2 (a hang); -detect_leaks=0 (LeakSanitizer needs ptrace,
# which containers often block). A finding is written to fuzz/artifacts/TARGET/;
# fix it, then copy the input into tests/hostile/fuzz/TARGET/ so `cargo test` keeps it.
# Logs go to fuzz/logs/; the last line printed is the run's executions and time.
# CI never runs this (too slow); scripts/test.sh runs the regression inputs only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

usage() { echo "usage: $0 {csv|json|spec|pipeline|all} SECONDS" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
target=$1
seconds=$2
[[ $seconds =~ ^[0-9]+$ ]] || usage
case $target in
  csv | json | spec | pipeline) ;;
  all)
    for t in csv json spec pipeline; do "$0" "$t" "$seconds"; done
    exit 0
    ;;
  *) usage ;;
esac

# Tools, idempotently.
if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
command -v python3 >/dev/null || { apt-get update && apt-get install -y python3; }

python3 fuzz/seeds.py

# Longest input the fuzzer makes: a data file or a spec with its data.
case $target in
  csv | json) max_len=16384 ;;
  spec) max_len=16384 ;;
  pipeline) max_len=32768 ;;
esac
dict=()
case $target in
  spec | pipeline) dict=(-dict=fuzz/corpus/spec.dict) ;;
esac

mkdir -p fuzz/logs "fuzz/artifacts/$target"
log="fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
# -a: debug assertions (integer overflow is a finding too). The build runs at the usual
# priority (at the lowest it starves on a busy machine); the fuzzing at the lowest.
nice -n 10 cargo +nightly fuzz build -a "$target" >"$log" 2>&1
status=0
nice -n 19 cargo +nightly fuzz run -a "$target" "fuzz/corpus/$target" -- \
  -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=2 -detect_leaks=0 \
  -print_final_stats=1 "${dict[@]}" >>"$log" 2>&1 || status=$?
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
time=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "?")
corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
if [[ $status -ne 0 ]]; then
  echo "fuzz $target: FINDING after $execs executions (exit $status); see $log and fuzz/artifacts/$target/" >&2
  grep -E '^(==[0-9]+==|SUMMARY|thread .* panicked|Test unit written)' "$log" | head -20 >&2 || true
  exit 1
fi
echo "fuzz $target: $execs executions in ${time}s, no findings; corpus $corpus inputs; peak RSS ${peak} MB; log $log"
