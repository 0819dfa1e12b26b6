#!/usr/bin/env bash
# Builds the native `kb` (cargo only: the app it serves is built in) and
# previews the bundled FAQ at http://127.0.0.1:8080, rebuilding and reloading
# the open pages on every save. KB_CONTENT=/path/to/folder previews your own
# knowledge base; extra arguments go to `kb serve` (--port, --host, --open).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$root"
cargo build --release -p indexer --bin kb
exec "${CARGO_TARGET_DIR:-$root/target}/release/kb" serve --content "${KB_CONTENT:-$root/content}" "$@"
