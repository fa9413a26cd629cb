#!/usr/bin/env bash
# Builds the page (release wasm, optimised with wasm-opt) and serves it with the embedded
# default data on http://127.0.0.1:8080. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo "[serve] building and serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release --address 127.0.0.1 --port 8080
