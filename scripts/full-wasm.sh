#!/bin/sh
# The full chart wasm: the crate with feature `full` (the parts few charts use: window,
# lookup, impute, density and pivot transforms, impute on a channel, expression functions;
# ARCHITECTURE.md, "lite and full"). Run by trunk as a post_build hook (Trunk.toml) after
# trunk built the lite chart wasm (no features) that every chart page fetches first; the
# lite core answers Error::NeedsFull for a spec that needs one of those parts, and
# stdviz.js then fetches this module (once, shared by every chart) and draws again.
#
# Built like the lite one (opt-level "z", wasm-opt -Oz with www/index.html's flags) into a
# target directory of its own (target/full); writes full-engine-<hash>.js and
# full-engine-<hash>_bg.wasm into trunk's staging directory and that stem into the copied
# stdviz.js (placeholder __STDVIZ_FULL__). The name must not start with "stdviz": the
# post_build hook looks for the one stdviz-*_bg.wasm.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
stage=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
target="$root/target/full"
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  profile=release
  set -- --release
else
  profile=debug
  set --
fi
cargo build --manifest-path "$root/Cargo.toml" --lib --target wasm32-unknown-unknown \
  --no-default-features --features full --target-dir "$target" "$@"
out="$target/bindgen"
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name full-engine \
  "$target/wasm32-unknown-unknown/$profile/stdviz.wasm"
if [ "$profile" = release ]; then
  # The flags of www/index.html's rust link (data-wasm-opt="z", data-wasm-opt-params).
  wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory --enable-bulk-memory-opt \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-multivalue --enable-reference-types \
    -o "$out/full-engine_bg.opt.wasm" "$out/full-engine_bg.wasm"
  mv "$out/full-engine_bg.opt.wasm" "$out/full-engine_bg.wasm"
fi
hash=$(cat "$out/full-engine.js" "$out/full-engine_bg.wasm" | sha256sum | cut -c1-16)
stem="full-engine-$hash"
rm -f "$stage"/full-engine-*
sed "s/full-engine_bg\.wasm/${stem}_bg.wasm/g" "$out/full-engine.js" >"$stage/$stem.js"
cp "$out/full-engine_bg.wasm" "$stage/${stem}_bg.wasm"
[ -f "$stage/stdviz.js" ] && sed -i "s/__STDVIZ_FULL__/$stem/g" "$stage/stdviz.js"
echo "full-wasm: $stem ($(wc -c <"$stage/${stem}_bg.wasm") bytes)"
