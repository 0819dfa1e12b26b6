#!/usr/bin/env bash
# Installs what building and testing KB Search needs on a bare Debian
# machine with rustup, Node and npm. Idempotent: every step is skipped when
# already done. See ../shared/TOOLCHAIN.md for why each pin exists.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
TRUNK_VERSION=0.21.14
log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# 1. Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. trunk: 0.22 needs a newer rustc than this machine has.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock (trunk would
#    otherwise try to download it). --locked fails on this registry.
wbg_version="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$root/Cargo.lock")"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  log "installing wasm-bindgen-cli $wbg_version (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi
if ! grep -q "wasm_bindgen = \"$wbg_version\"" "$root/app/Trunk.toml"; then
  echo "app/Trunk.toml pins a wasm_bindgen other than Cargo.lock's $wbg_version: update [tools] wasm_bindgen" >&2
  exit 1
fi

# 4. Chromium and its driver for the browser tests (Debian packages).
if ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 5. npm packages: wasm-opt (binaryen) for the app build, playwright-core for
#    the browser tests and benchmarks (from the lock files).
for dir in app tests/browser; do
  if [ ! -d "$root/$dir/node_modules" ] || [ "$root/$dir/package-lock.json" -nt "$root/$dir/node_modules/.package-lock.json" ]; then
    log "installing npm packages in $dir"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
