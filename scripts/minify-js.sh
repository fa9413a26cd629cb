#!/bin/sh
# Minifies the JS in trunk's staging directory, release builds only: the copied embed
# script (stdviz.js), the gallery's page script (gallery.js, which imports it), the chart
# wasm's wasm-bindgen glue (stdviz-<hash>.js), the full chart wasm's (full-engine-<hash>.js)
# and the explorer's (explore-engine-<hash>.js, workbook-engine-<hash>.js).
# A page that shows one chart fetches stdviz.js and the chart glue, so their comments and
# long names are bytes on every page (issue #5). Run by the post_build hook in Trunk.toml
# after the placeholders are replaced. Trunk's own minifier (build.minify) fails on
# wasm-bindgen's glue and leaves it as it is.
#
# Trunk's page (index.html) preloads the chart glue with an integrity hash (sha384 of the
# file): the hash of the minified file replaces it in every staged HTML file.
#
# esbuild comes from package.json (scripts/setup.sh installs it); without it the files
# stay as they are and this says so. ESBUILD=path overrides where it is looked for.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
stage=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
[ "${TRUNK_PROFILE:-debug}" = release ] || exit 0
esbuild=${ESBUILD:-$root/node_modules/.bin/esbuild}
if [ ! -x "$esbuild" ]; then
  echo "minify-js: WARNING: no $esbuild (run scripts/setup.sh): stdviz.js is not minified" >&2
  exit 0
fi
sri() { openssl dgst -sha384 -binary "$1" | base64 | tr -d '\n'; }
for f in "$stage/stdviz.js" "$stage/gallery.js" "$stage"/stdviz-*.js "$stage"/full-engine-*.js "$stage"/explore-engine-*.js "$stage"/workbook-engine-*.js; do
  [ -f "$f" ] || continue
  before=$(wc -c <"$f")
  old=$(sri "$f")
  "$esbuild" --minify --format=esm --target=es2022 --log-level=warning "$f" --outfile="$f.min"
  mv "$f.min" "$f"
  new=$(sri "$f")
  for h in "$stage"/*.html; do
    [ -f "$h" ] && sed -i "s|\"sha384-$old\"|\"sha384-$new\"|g" "$h"
  done
  echo "minify-js: $(basename "$f") $before -> $(wc -c <"$f") bytes"
done
