"""Distil a model2vec-style static token table from MiniLM (no registry ships one):
each vocab token alone as [CLS] tok [SEP] through the 6 layers, mean pooled; PCA to D
dims; int8-quantised per row. Query/entry vector = (idf-weighted) mean of token rows."""
import json
import time
import numpy as np
import brotli
from minilm import MiniLM
from data import OUT

m = MiniLM()
V = m.w["embeddings.word_embeddings.weight"].shape[0]
CLS, SEP = 101, 102
t0 = time.perf_counter()
rows = []
B = 1024
for s in range(0, V, B):
    ids = [[CLS, t, SEP] for t in range(s, min(V, s + B))]
    h, mask = m.forward_ids(ids)
    rows.append(h.mean(1))
E = np.concatenate(rows).astype(np.float32)
t_distil = time.perf_counter() - t0
print("distil s", t_distil, flush=True)
mu = E.mean(0)
U, S, Vt = np.linalg.svd(E - mu, full_matrices=False)
info = {"distil_s": t_distil}
for D in (384, 256, 128):
    P = (E - mu) @ Vt[:D].T if D < 384 else (E - mu)
    scale = np.abs(P).max(1, keepdims=True) / 127.0
    q8 = np.round(P / scale).astype(np.int8)
    deq = q8.astype(np.float32) * scale
    np.save(f"{OUT}/static_{D}.npy", deq)
    raw = q8.tobytes() + scale.astype(np.float16).tobytes()
    t0 = time.perf_counter()
    br = len(brotli.compress(raw, quality=11))
    info[f"static{D}_int8_bytes"] = len(raw)
    info[f"static{D}_int8_brotli"] = br
    print(D, len(raw), br, time.perf_counter() - t0, flush=True)
json.dump(info, open(f"{OUT}/static_info.json", "w"), indent=1)
