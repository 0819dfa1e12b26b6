#!/usr/bin/env bash
# Explores the property tests (content fuzz, hostile queries) with fresh
# random seeds, ROUNDS times (default 20). `scripts/test.sh` pins one seed so
# that CI is reproducible; this is where new inputs are found. A failure
# prints its seed (rerun with PROPTEST_RNG_SEED=<seed>) and its shrunk input,
# which belongs in a regression test named after the bug.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-20}"
cargo test --release -p indexer --test content_fuzz --test hostile_queries --no-run
for round in $(seq 1 "$rounds"); do
    seed=$(( (RANDOM << 30) ^ (RANDOM << 15) ^ RANDOM ))
    if ! PROPTEST_RNG_SEED=$seed cargo test --release -p indexer \
        --test content_fuzz --test hostile_queries -q >/tmp/kb-fuzz.log 2>&1; then
        grep -E "minimal failing input|Test failed" /tmp/kb-fuzz.log || tail -30 /tmp/kb-fuzz.log
        echo "round $round failed with PROPTEST_RNG_SEED=$seed (log: /tmp/kb-fuzz.log)"
        exit 1
    fi
    echo "round $round/$rounds: seed $seed passed"
done
