#!/usr/bin/env bash
# Runs every test: formatting and lints, the engine's unit, integration and
# relevance tests, then the browser tests against a release build in
# headless Chromium.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
export PATH="$root/app/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$root"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy -p indexer --all-targets -- -D warnings
cargo clippy -p app --target wasm32-unknown-unknown -- -D warnings

step "engine tests (unit, integration, relevance floors)"
# The property tests draw the same inputs on every run, so a green run here
# is a green run in CI; ./scripts/fuzz.sh explores new seeds.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261203}"
cargo test -p indexer

step "patched bitpacking: the browser's compact code reads and writes the native format"
cargo test --manifest-path patches/bitpacking/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-$root/target}"

step "app unit tests (native)"
cargo test -p app

step "release build of the site (the wasm from source)"
(cd app && trunk build --release)

step "browser tests (headless Chromium)"
cd tests/browser
# A hung page must not hang CI: the whole browser run has a time limit.
timeout 1200 node --test --test-concurrency=1 ./*.test.mjs

step "browser tests on a site written by kb build alone (the app inside kb)"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
"${CARGO_TARGET_DIR:-$root/target}/release/kb" build --content "$root/content" --out "$site" >/dev/null
KB_DIST="$site" timeout 600 node --test --test-concurrency=1 site.test.mjs search.test.mjs
