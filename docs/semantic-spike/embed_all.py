"""Embed entries (whole doc, and chunks) and queries with numpy MiniLM; cache + timings."""
import json
import time
import numpy as np
from data import KBS, OUT, load_entries, load_queries, entry_doc_text, entry_chunks
from minilm import MiniLM

m = MiniLM()
m.encode(["warm up"])
timing = {}
for kb in KBS:
    es = load_entries(kb)
    qs = load_queries(kb)
    t0 = time.perf_counter()
    doc = m.encode([entry_doc_text(e) for e in es])
    t_doc = time.perf_counter() - t0
    chunks, owner = [], []
    for i, e in enumerate(es):
        for c in entry_chunks(e):
            chunks.append(c)
            owner.append(i)
    t0 = time.perf_counter()
    ch = m.encode(chunks)
    t_ch = time.perf_counter() - t0
    qt = []
    qv = []
    for q in qs:
        t0 = time.perf_counter()
        qv.append(m.encode([q["query"]])[0])
        qt.append(time.perf_counter() - t0)
    qlen = [len(m.tok.encode(q["query"]).ids) for q in qs]
    np.savez(f"{OUT}/emb_minilm_{kb}.npz", doc=doc, chunks=ch, owner=np.array(owner), q=np.stack(qv))
    timing[kb] = dict(entries=len(es), chunks=len(chunks), doc_s=t_doc, chunks_s=t_ch,
                      per_entry_doc_ms=1000 * t_doc / len(es), per_entry_chunks_ms=1000 * t_ch / len(es),
                      q_median_ms=1000 * float(np.median(qt)), q_p90_ms=1000 * float(np.percentile(qt, 90)),
                      q_mean_tokens=float(np.mean(qlen)), q_max_tokens=int(max(qlen)))
    print(kb, timing[kb], flush=True)
json.dump(timing, open(f"{OUT}/timing_minilm.json", "w"), indent=1)
