#!/usr/bin/env bash
# Side-by-side benchmark: KB Search against Pagefind, MiniSearch, FlexSearch
# and lunr in one headless Chromium (../shared/bench-harness), on the bundled
# EAS FAQ and on the rustc-errors, postgres-errors, git-errors, npm-errors, python-errors, web-errors, kubernetes-errors and jvm-errors test KBs and the storage-faq how-to FAQ; then the app's own browser
# benchmark (bytes, time to first answer, latency). Prints tables; asserts
# nothing. Needs a release build in dist/ (./scripts/test.sh makes one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
harness="${BENCH_HARNESS:-$root/../shared/bench-harness}"
export PATH="$HOME/.cargo/bin:$PATH"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# The harness installs its npm packages next to itself: run a writable copy.
cp -r "$harness" "$work/harness" && chmod -R u+w "$work/harness"

# One site per knowledge base: the same app with another kb.bundle.
cp -r "$root/dist" "$work/site-eas"
cp -r "$root/dist" "$work/site-rustc"
cp -r "$root/dist" "$work/site-pg"
cp -r "$root/dist" "$work/site-git"
cp -r "$root/dist" "$work/site-npm"
cp -r "$root/dist" "$work/site-py"
cp -r "$root/dist" "$work/site-web"
cp -r "$root/dist" "$work/site-k8s"
cp -r "$root/dist" "$work/site-jvm"
cp -r "$root/dist" "$work/site-sto"
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/rustc-errors/content" --out "$work/site-rustc" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/postgres-errors/content" --out "$work/site-pg" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/git-errors/content" --out "$work/site-git" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/npm-errors/content" --out "$work/site-npm" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/python-errors/content" --out "$work/site-py" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/web-errors/content" --out "$work/site-web" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/kubernetes-errors/content" --out "$work/site-k8s" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/jvm-errors/content" --out "$work/site-jvm" >/dev/null
cargo run -q --release -p indexer --bin kb -- build --content "$root/tests/kbs/storage-faq/content" --out "$work/site-sto" >/dev/null
cat "$root/tests/kbs/git-errors/queries.jsonl" "$root/tests/kbs/git-errors/question-queries.jsonl" > "$work/git-queries.jsonl"
cat "$root/tests/kbs/npm-errors/queries.jsonl" "$root/tests/kbs/npm-errors/question-queries.jsonl" > "$work/npm-queries.jsonl"
cat "$root/tests/kbs/python-errors/queries.jsonl" "$root/tests/kbs/python-errors/question-queries.jsonl" > "$work/py-queries.jsonl"
cat "$root/tests/kbs/web-errors/queries.jsonl" "$root/tests/kbs/web-errors/question-queries.jsonl" > "$work/web-queries.jsonl"
cat "$root/tests/kbs/kubernetes-errors/queries.jsonl" "$root/tests/kbs/kubernetes-errors/question-queries.jsonl" > "$work/k8s-queries.jsonl"
cat "$root/tests/kbs/jvm-errors/queries.jsonl" "$root/tests/kbs/jvm-errors/question-queries.jsonl" > "$work/jvm-queries.jsonl"
cat "$root/tests/kbs/storage-faq/queries.jsonl" "$root/tests/kbs/storage-faq/question-queries.jsonl" > "$work/sto-queries.jsonl"
cat "$root/tests/kbs/eas/queries.jsonl" "$root/tests/kbs/eas/extra-queries.jsonl" > "$work/eas-queries.jsonl"

node --input-type=module -e "
import { serve } from '$root/tests/browser/harness.mjs';
const a = await serve('$work/site-eas'); const b = await serve('$work/site-rustc');
const c = await serve('$work/site-pg'); const d = await serve('$work/site-git');
const e = await serve('$work/site-npm'); const f = await serve('$work/site-py');
const g = await serve('$work/site-web'); const h = await serve('$work/site-k8s');
const i = await serve('$work/site-jvm'); const j = await serve('$work/site-sto');
console.log([a, b, c, d, e, f, g, h, i, j].map((s) => s.url).join(' '));
setInterval(() => {}, 1 << 30);
" > "$work/urls" &
for _ in $(seq 50); do [ -s "$work/urls" ] && break; sleep 0.1; done
read -r eas_url rustc_url pg_url git_url npm_url py_url web_url k8s_url jvm_url sto_url < "$work/urls"

"$work/harness/run.sh" --corpus "$root/content" --queries "$work/eas-queries.jsonl" \
  --kbapp-url "$eas_url" --name eas --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/rustc-errors/content" --queries "$root/tests/kbs/rustc-errors/queries.jsonl" \
  --kbapp-url "$rustc_url" --index-id --name rustc-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/postgres-errors/content" --queries "$root/tests/kbs/postgres-errors/queries.jsonl" \
  --kbapp-url "$pg_url" --name postgres-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/git-errors/content" --queries "$work/git-queries.jsonl" \
  --kbapp-url "$git_url" --name git-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/npm-errors/content" --queries "$work/npm-queries.jsonl" \
  --kbapp-url "$npm_url" --name npm-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/python-errors/content" --queries "$work/py-queries.jsonl" \
  --kbapp-url "$py_url" --name python-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/web-errors/content" --queries "$work/web-queries.jsonl" \
  --kbapp-url "$web_url" --name web-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/kubernetes-errors/content" --queries "$work/k8s-queries.jsonl" \
  --kbapp-url "$k8s_url" --name kubernetes-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/jvm-errors/content" --queries "$work/jvm-queries.jsonl" \
  --kbapp-url "$jvm_url" --name jvm-errors --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/storage-faq/content" --queries "$work/sto-queries.jsonl" \
  --kbapp-url "$sto_url" --name storage-faq --out "$work/results"
# Queries written apart from the engine (issue 14's message and question sets).
"$work/harness/run.sh" --corpus "$root/content" --queries "$root/tests/kbs/eas/apart-queries.jsonl" \
  --kbapp-url "$eas_url" --name eas-apart --out "$work/results"
"$work/harness/run.sh" --corpus "$root/tests/kbs/rustc-errors/content" --queries "$root/tests/kbs/rustc-errors/message-queries.jsonl" \
  --kbapp-url "$rustc_url" --index-id --name rustc-messages --out "$work/results"
node "$root/tests/browser/bench.mjs"
