#!/usr/bin/env bash
# Builds the site (app + index bundle) and serves it at http://127.0.0.1:8080.
# KB_CONTENT=/path/to/folder serves your own knowledge base instead of content/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
export PATH="$root/app/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ -n "${KB_CONTENT:-}" ]; then
  KB_CONTENT="$(cd "$KB_CONTENT" && pwd)"
  export KB_CONTENT
fi
cd "$root/app"
exec trunk serve --release
