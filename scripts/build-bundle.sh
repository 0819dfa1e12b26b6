#!/usr/bin/env bash
# Trunk post_build hook: index $KB_CONTENT (default: the bundled FAQ) and
# write the site's pages into the site being built: kb.bundle, index.html,
# entries/<id>.html, sitemap.xml. KB_SITE_TITLE and KB_SITE_URL are passed
# on to `kb build` (site name; absolute URL for canonical links and sitemap).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
content="${KB_CONTENT:-$root/content}"
out="${TRUNK_STAGING_DIR:-$root/dist}"
cargo run --quiet --release --manifest-path "$root/Cargo.toml" -p indexer --bin kb -- build --without-app --content "$content" --out "$out"
