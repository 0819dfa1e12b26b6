#!/usr/bin/env bash
# Rebuilds the app that travels inside `kb` (indexer/assets/app/) from the
# current sources, and records the hash of those sources next to it. Run it
# after changing app/ or the engine, and commit indexer/assets/app/:
# indexer/tests/app_inside_kb.rs fails until the two agree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
export PATH="$root/app/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd app && trunk build --release --dist "$out")
cp "$out/app.js" "$out/app_bg.wasm" indexer/assets/app/
hash="$(cargo run --quiet --release -p indexer --example app_sources -- "$root")"
{
  echo "$hash"
  echo "# app.js and app_bg.wasm here are the wasm app built by scripts/refresh-app.sh"
  echo "# from the sources this hash covers (indexer::app_assets::app_sources)."
} > indexer/assets/app/SOURCES
echo "refreshed indexer/assets/app/ ($(wc -c < indexer/assets/app/app_bg.wasm) bytes of wasm, sources $hash)"
