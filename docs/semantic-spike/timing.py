"""Per-query and per-entry time on one core (numpy fp32 MiniLM after the 2-D matmul fix;
static lookup). Native numpy+OpenBLAS: a wasm build without SIMD threads would be slower."""
import json
import time
import numpy as np
from data import KBS, OUT, load_entries, load_queries, entry_chunks
from minilm import MiniLM
from evaluate import static_encode

m = MiniLM()
m.encode(["warm up"])
res = {}
qs_all, ch_all = [], []
for kb in KBS:
    qs = load_queries(kb)
    qs_all += [(kb, q) for q in qs]
    es = load_entries(kb)
    ch_all += [(kb, e) for e in es]
rng = np.random.default_rng(0)
sample = [qs_all[i] for i in rng.choice(len(qs_all), 150, replace=False)]
for kind in ("message", "question", "paste", "typo", "out-of-scope"):
    ts = []
    for kb, q in sample:
        if q["kind"] != kind:
            continue
        t0 = time.perf_counter(); m.encode([q["query"]]); ts.append(time.perf_counter() - t0)
    if ts:
        res[f"minilm query {kind}"] = dict(n=len(ts), median_ms=1000 * np.median(ts), p90_ms=1000 * np.percentile(ts, 90))
esample = [ch_all[i] for i in rng.choice(len(ch_all), 30, replace=False)]
ts = []
for kb, e in esample:
    t0 = time.perf_counter(); m.encode(entry_chunks(e)); ts.append(time.perf_counter() - t0)
res["minilm entry (all chunks)"] = dict(n=len(ts), median_ms=1000 * np.median(ts), mean_ms=1000 * np.mean(ts))
t0 = time.perf_counter(); m.forward_ids([[101] + [2000] * 30 + [102]]); t1 = time.perf_counter()
res["minilm 32-token forward ms"] = 1000 * (t1 - t0)
table = np.load(f"{OUT}/static_128.npy")
ts = []
for kb, q in sample:
    t0 = time.perf_counter(); static_encode([q["query"]], table); ts.append(time.perf_counter() - t0)
res["static128 query (tokenize+lookup)"] = dict(median_ms=1000 * np.median(ts), p90_ms=1000 * np.percentile(ts, 90))
for k, v in res.items():
    print(k, v)
json.dump(res, open(f"{OUT}/timing2.json", "w"), indent=1, default=float)
