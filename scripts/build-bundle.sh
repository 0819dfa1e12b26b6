#!/usr/bin/env bash
# Trunk pre_build hook: index $KB_CONTENT (default: the bundled FAQ) into
# the site being built, as kb.bundle.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
content="${KB_CONTENT:-$root/content}"
out="${TRUNK_STAGING_DIR:-$root/dist}"
cargo run --quiet --release --manifest-path "$root/Cargo.toml" -p indexer --bin kb -- build --content "$content" --out "$out"
