#!/usr/bin/env bash
# Native scale numbers for synthetic knowledge bases (seed 42) and the EAS
# FAQ: kb build wall time, bundle bytes raw / brotli (node's zlib, quality
# 11), entry shards next to the bundle (count, mean brotli size of one),
# native query latency p50/p95 by kind (examples/latency.rs), and one
# 1 MB paste through `kb search -` (process wall time, including opening the
# bundle). Prints a Markdown table; asserts nothing.
#
#   scripts/scale-bench.sh [SIZES...]      default: 1000 5000 20000
#   KEEP=DIR scripts/scale-bench.sh        keep the generated KBs and bundles in DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
sizes=("${@:-1000 5000 20000}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})
work="${KEEP:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
cd "$root"
nice -n 15 cargo build -q --release -p indexer --bin kb --example synthetic_kb --example latency
bin="${CARGO_TARGET_DIR:-$root/target}/release"

now() { date +%s.%N; }
brotli_size() { node -e "const z=require('zlib');const b=require('fs').readFileSync(process.argv[1]);console.log(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_SIZE_HINT]:b.length}}).length)" "$1"; }
paste_1mb() {
  local line='2024-10-21 20:59:33 worker-5ff76448fd-h9dsn INFO heartbeat ok id=123e4567-e89b-12d3-a456-426614174000'
  (set +o pipefail; yes "$line" | head -c 1048576 | head -n -1)
  echo "$1"
}

# Mean brotli size of (at most 40, evenly spaced) shard files in a folder.
shard_mean() { node -e "const z=require('zlib'),fs=require('fs'),p=require('path');const d=process.argv[1];const f=fs.readdirSync(d).sort();const step=Math.max(1,Math.floor(f.length/40));let n=0,t=0;for(let i=0;i<f.length;i+=step){const b=fs.readFileSync(p.join(d,f[i]));t+=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length;n++}console.log((t/n/1024).toFixed(1))" "$1"; }

echo "| KB | entries | kb build | bundle raw | bundle brotli | entry shards (brotli, each) | postings read by range (raw) | typed p50/p95 | error line p50/p95 | 5 KB paste p50/p95 | 1 MB paste (kb search, wall) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
row() { # name content-dir queries-file error-line
  local name=$1 content=$2 queries=$3 err=$4 out="$work/$1-out"
  local t0 t1 build_s raw br lat
  t0=$(now); nice -n 15 "$bin/kb" build --content "$content" --out "$out" >"$work/$name-build.txt"; t1=$(now)
  build_s=$(echo "$t1 - $t0" | bc)
  raw=$(stat -c %s "$out/kb.bundle"); br=$(brotli_size "$out/kb.bundle")
  local shards="embedded"
  if [ -d "$out/kb-entries" ]; then
    shards="$(find "$out/kb-entries" -name '*.json' | wc -l) × $(shard_mean "$out/kb-entries") KB"
  fi
  local postings="in the bundle"
  if [ -d "$out/kb-postings" ]; then
    postings="$(( $(cat "$out"/kb-postings/* | wc -c) / 1024 )) KB"
  fi
  head -n 90 "$queries" > "$work/$name-q.jsonl"   # 30 queries of each kind are plenty
  lat=$(nice -n 15 "$bin/examples/latency" "$out/kb.bundle" "$work/$name-q.jsonl" 10)
  pick() { echo "$lat" | awk -v k="$1" '$1==k {printf "%.2f / %.2f ms", $4/1000, $7/1000}'; }
  paste_1mb "$err" > "$work/paste.txt"
  t0=$(now); nice -n 15 "$bin/kb" search --index "$out" --limit 3 - < "$work/paste.txt" >"$work/$name-paste.txt"; t1=$(now)
  local entries; entries=$(grep -o '[0-9]* entries' "$work/$name-build.txt" | head -1 | cut -d' ' -f1)
  printf '| %s | %s | %.2f s | %d KB | %d KB | %s | %s | %s | %s | %s | %.0f ms |\n' "$name" "$entries" "$build_s" $((raw / 1024)) $((br / 1024)) "$shards" "$postings" \
    "$(pick typing)$(pick question)" "$(pick error)" "$(pick paste)" "$(echo "($t1 - $t0) * 1000" | bc)"
}

cat tests/kbs/eas/queries.jsonl tests/kbs/eas/extra-queries.jsonl > "$work/eas-queries.jsonl"
row eas "$root/content" "$work/eas-queries.jsonl" "fork/exec /bin/sh: exec format error"
for n in "${sizes[@]}"; do
  nice -n 15 "$bin/examples/synthetic_kb" "$work/syn-$n" "$n" 42 >/dev/null
  err=$(head -3 "$work/syn-$n/queries.jsonl" | node -e "const l=require('fs').readFileSync(0,'utf8').split('\n').filter(Boolean).map(JSON.parse);console.log(l.find(q=>q.kind==='error').query)")
  row "synthetic-$n" "$work/syn-$n/content" "$work/syn-$n/queries.jsonl" "$err"
done
