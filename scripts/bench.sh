#!/usr/bin/env bash
# Side-by-side benchmark: KB Search against Pagefind, MiniSearch, FlexSearch
# and lunr in one headless Chromium (../shared/bench-harness), on the bundled
# EAS FAQ and on each test KB below; then the app's own browser benchmark
# (bytes, time to first answer, latency). Prints tables; asserts nothing.
# Needs a release build in dist/ (./scripts/test.sh makes one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
harness="${BENCH_HARNESS:-$root/../shared/bench-harness}"
export PATH="$HOME/.cargo/bin:$PATH"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# name | content folder | query files (run together) | harness flags
kbs=(
  "eas|content|tests/kbs/eas/queries.jsonl tests/kbs/eas/extra-queries.jsonl|"
  "rustc-errors|tests/kbs/rustc-errors/content|tests/kbs/rustc-errors/queries.jsonl|--index-id"
  "postgres-errors|tests/kbs/postgres-errors/content|tests/kbs/postgres-errors/queries.jsonl|"
)
for kb in git-errors npm-errors python-errors web-errors kubernetes-errors jvm-errors storage-faq it-helpdesk linux-ops; do
  kbs+=("$kb|tests/kbs/$kb/content|tests/kbs/$kb/queries.jsonl tests/kbs/$kb/question-queries.jsonl|")
done
# Queries written apart from the engine (issue 14's message and question
# sets), on the sites above: name | site | query file | harness flags
apart=(
  "eas-apart|eas|tests/kbs/eas/apart-queries.jsonl|"
  "rustc-messages|rustc-errors|tests/kbs/rustc-errors/message-queries.jsonl|--index-id"
)

# The harness installs its npm packages next to itself: run a writable copy.
cp -r "$harness" "$work/harness" && chmod -R u+w "$work/harness"

# One site per knowledge base: the same app with another kb.bundle.
sites=()
for row in "${kbs[@]}"; do
  IFS='|' read -r name content queries _ <<< "$row"
  cp -r "$root/dist" "$work/site-$name"
  cargo run -q --release -p indexer --bin kb -- build --content "$root/$content" --out "$work/site-$name" >/dev/null
  (cd "$root" && cat $queries) > "$work/$name-queries.jsonl"
  sites+=("$work/site-$name")
done

node --input-type=module -e "
import { serve } from '$root/tests/browser/harness.mjs';
const urls = [];
for (const site of process.argv.slice(1)) urls.push((await serve(site)).url);
console.log(urls.join(' '));
setInterval(() => {}, 1 << 30);
" "${sites[@]}" > "$work/urls" &
for _ in $(seq 100); do [ -s "$work/urls" ] && break; sleep 0.1; done
read -r -a served < "$work/urls"
declare -A url
for i in "${!kbs[@]}"; do url[${kbs[$i]%%|*}]="${served[$i]}"; done

for row in "${kbs[@]}"; do
  IFS='|' read -r name content _ flags <<< "$row"
  "$work/harness/run.sh" --corpus "$root/$content" --queries "$work/$name-queries.jsonl" \
    --kbapp-url "${url[$name]}" $flags --name "$name" --out "$work/results"
done
for row in "${apart[@]}"; do
  IFS='|' read -r name site queries flags <<< "$row"
  content=""
  for kb in "${kbs[@]}"; do [ "${kb%%|*}" = "$site" ] && content=$(cut -d'|' -f2 <<< "$kb"); done
  "$work/harness/run.sh" --corpus "$root/$content" --queries "$root/$queries" \
    --kbapp-url "${url[$site]}" $flags --name "$name" --out "$work/results"
done
node "$root/tests/browser/bench.mjs"
