#!/bin/sh
# The explorer's wasm: the crate with feature `explore` (web::dataset::Dataset, the query
# engine), which only the explorer's data worker loads. Run by trunk as a post_build hook
# (Trunk.toml), after trunk built the chart wasm without that feature: every chart page
# fetches the smaller module, the explorer's worker this one.
#
# It builds into a target directory of its own (target/explore, so that the two feature
# sets never overwrite each other's output), runs wasm-bindgen and, in release, wasm-opt
# with the flags of the page's rust link, then writes explore-engine-<hash>.js and
# explore-engine-<hash>_bg.wasm into trunk's staging directory and that stem into the
# copied stdviz.js (placeholder __STDVIZ_EXPLORE__); the same for workbook-engine
# (placeholder __STDVIZ_WORKBOOK__). The names must not start with "stdviz": the
# post_build hook and `stdviz bundle` look for the one stdviz-*_bg.wasm.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
stage=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
target="$root/target/explore"
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  profile=release
  release=--release
else
  profile=debug
  release=
fi
# Optimised for speed, not size (opt-level 3, wasm-opt -O3): only the explorer's worker
# loads this module, once, and then parses up to millions of rows with it; a chart page
# never fetches it. On 1,000,000 rows it parses about a fifth faster than at opt-level "z".
# With 128-bit SIMD (every browser since 2021/Safari 16.4): the CSV records' UTF-8 checks
# (simdutf8) and the loops LLVM vectorises. The chart wasm stays without it.
# Two builds: explore-engine (feature `explore`: CSV, TSV, JSON) is what the worker loads
# first; workbook-engine (feature `workbook`: the same plus calamine's .xlsx/.xls/.ods
# readers, about 236 KB gzip more) only when a workbook is dropped, so CSV users never pay
# for it. They share one target directory (the second build recompiles the crate alone).
engine() {
  name=$1
  features=$2
  placeholder=$3
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --manifest-path "$root/Cargo.toml" --lib \
    --target wasm32-unknown-unknown --no-default-features --features "$features" \
    --target-dir "$target" $release
  out="$target/bindgen-$name"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" \
    "$target/wasm32-unknown-unknown/$profile/stdviz.wasm"
  if [ "$profile" = release ]; then
    # The feature flags of www/index.html's rust link (data-wasm-opt-params), for speed.
    wasm-opt -O3 --low-memory-unused --enable-simd --enable-bulk-memory --enable-bulk-memory-opt \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      --enable-multivalue --enable-reference-types \
      -o "$out/${name}_bg.opt.wasm" "$out/${name}_bg.wasm"
    mv "$out/${name}_bg.opt.wasm" "$out/${name}_bg.wasm"
  fi
  hash=$(cat "$out/$name.js" "$out/${name}_bg.wasm" | sha256sum | cut -c1-16)
  stem="$name-$hash"
  rm -f "$stage/$name"-*
  sed "s/${name}_bg\.wasm/${stem}_bg.wasm/g" "$out/$name.js" >"$stage/$stem.js"
  cp "$out/${name}_bg.wasm" "$stage/${stem}_bg.wasm"
  [ -f "$stage/stdviz.js" ] && sed -i "s/$placeholder/$stem/g" "$stage/stdviz.js"
  echo "explore-wasm: $stem ($(wc -c <"$stage/${stem}_bg.wasm") bytes)"
}
engine explore-engine explore __STDVIZ_EXPLORE__
engine workbook-engine workbook __STDVIZ_WORKBOOK__
