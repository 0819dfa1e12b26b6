#!/usr/bin/env bash
# How fast `kb serve` shows a save: from writing an entry's file to the open
# page (headless Chromium) showing the change, on the bundled FAQ and on a
# synthetic knowledge base of N entries (default 5000). Prints the figures;
# asserts nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
n="${1:-5000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
cargo build -q --release -p indexer --bin kb --example synthetic_kb
cp -r content "$work/eas"
node tests/browser/serve-bench.mjs "$work/eas"
target/release/examples/synthetic_kb "$work/synthetic" "$n" >/dev/null
node tests/browser/serve-bench.mjs "$work/synthetic/content"
