#!/bin/sh
# The chart wasm's size for git refs, built as the site builds it: cargo release
# (opt-level z, no default features) → wasm-bindgen --target web → wasm-opt -Oz with
# index.html's flags; prints raw and gzip -9 bytes per ref.
#
#   bench/size/wasm-size.sh main HEAD
#
# Each ref is exported to a temporary folder and built into this checkout's target/
# (dependencies compiled once); its files are touched first, because `git archive`
# gives them the commit's time and cargo would otherwise take an older build as fresh.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
export PATH="$HOME/.cargo/bin:$here/node_modules/.bin:$PATH"
opt=$(command -v wasm-opt || echo "$here/node_modules/binaryen/bin/wasm-opt")
flags="-Oz --converge --low-memory-unused --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ref in "$@"; do
  src="$work/src-$ref"
  mkdir -p "$src" "$work/out-$ref"
  git -C "$here" archive "$ref" | tar -x -C "$src"
  find "$src" -type f -exec touch {} +
  (cd "$src" && CARGO_TARGET_DIR="$here/target" cargo build -q --release --lib \
    --target wasm32-unknown-unknown --no-default-features)
  wasm-bindgen --target web --out-dir "$work/out-$ref" \
    "$here/target/wasm32-unknown-unknown/release/stdviz.wasm"
  $opt $flags "$work/out-$ref/stdviz_bg.wasm" -o "$work/out-$ref/opt.wasm"
  f="$work/out-$ref/opt.wasm"
  echo "$ref $(git -C "$here" rev-parse --short "$ref"): $(wc -c < "$f") B raw, $(gzip -9 -c "$f" | wc -c) B gzip -9"
done
