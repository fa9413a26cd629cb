#!/bin/sh
# Pre-renders the charts of the copied gallery.html and article.html (issue #17): runs the
# native `stdviz publish --page` on trunk's staging copies, which puts each chart's SVG at
# every published width (and its spec and small data) in place of its empty
# `<div data-stdviz="SPEC.json"></div>`; stdviz-lite.js on those pages hydrates them into
# live charts. Run by the post_build hook in Trunk.toml, after the placeholders are
# replaced. The specs and data are read from the staging folder (trunk copied www/).
#
# It builds the native CLI (debug profile, in target/, normally already compiled by the
# tests) — the same binary `stdviz render` runs, so the pages show exactly its SVG.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
stage=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
set --
for page in gallery.html article.html published.html; do
  [ -f "$stage/$page" ] && set -- "$@" --page "$stage/$page"
done
[ "$#" -gt 0 ] || exit 0
# trunk's environment is for the wasm build; the native CLI gets its own.
env -u RUSTFLAGS -u CARGO_BUILD_TARGET -u CARGO_TARGET_DIR \
  cargo run --quiet --manifest-path "$root/Cargo.toml" --target-dir "$root/target" \
  --features cli --bin stdviz -- publish "$@"
