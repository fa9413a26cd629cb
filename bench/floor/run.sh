#!/bin/sh
# Builds the floor crate (bench/floor/README.md) as stdviz's chart wasm is built — release
# profile, wasm-bindgen --target web, wasm-opt -Oz with the page's feature flags — and
# prints the bytes a page would download for it: raw and gzip -9, wasm and JS glue.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export PATH="$HOME/.cargo/bin:$here/../../node_modules/.bin:$PATH"
cd "$here"
cargo build --release --target wasm32-unknown-unknown --target-dir "$here/target" --quiet
out="$here/target/out"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" "$here/target/wasm32-unknown-unknown/release/stdviz_floor.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  -o "$out/floor.wasm" "$out/stdviz_floor_bg.wasm"
esbuild --minify --log-level=warning "$out/stdviz_floor.js" --outfile="$out/floor.min.js"
total_raw=0
total_gz=0
for f in "$out/floor.wasm" "$out/floor.min.js"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-14s %8d B raw %8d B gzip -9\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-14s %8d B raw %8d B gzip -9  (issue #5 target for a whole chart page: 103,780 B gzip)\n' total "$total_raw" "$total_gz"
