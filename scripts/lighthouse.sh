#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile preset) on the bundled FAQ's site as `kb build`
# writes it, served with brotli: the home page, an answer page, and results
# opened from a `?q=` link, each run RUNS times (default 3). Prints the four
# scores and the LCP; asserts nothing. LH_DETAIL=1 adds the timings.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$root/tests/browser"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node lighthouse.mjs "" "${1:-3}"
