#!/bin/sh
# The chart wasms of the working tree, built as the site builds them (cargo release,
# no default features → wasm-bindgen --target web → wasm-opt -Oz with index.html's
# flags), for the lite chart wasm (no features) and the full one (feature `full`).
# Prints raw and gzip -9 bytes of each; keeps OUT/<name>.wasm and, for twiggy,
# OUT/<name>.names.wasm (the same optimisation with the name section kept, -g).
#
#   bench/size/wasm-split.sh [OUT]        (OUT defaults to target/size)
#   twiggy top -n 25 --retained target/size/lite.names.wasm
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
export PATH="$HOME/.cargo/bin:$here/node_modules/.bin:$PATH"
out=${1:-$here/target/size}
mkdir -p "$out"
flags="-Oz --converge --low-memory-unused --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types"
for variant in lite full; do
  if [ "$variant" = full ]; then set -- --features full; else set --; fi
  cargo build -q --release --lib --manifest-path "$here/Cargo.toml" \
    --target wasm32-unknown-unknown --no-default-features "$@"
  wasm-bindgen --target web --out-dir "$out/bindgen-$variant" \
    "$here/target/wasm32-unknown-unknown/release/stdviz.wasm"
  wasm-opt $flags "$out/bindgen-$variant/stdviz_bg.wasm" -o "$out/$variant.wasm"
  wasm-opt $flags -g "$out/bindgen-$variant/stdviz_bg.wasm" -o "$out/$variant.names.wasm"
  f="$out/$variant.wasm"
  echo "$variant: $(wc -c <"$f") B raw, $(gzip -9 -c "$f" | wc -c) B gzip -9"
done
