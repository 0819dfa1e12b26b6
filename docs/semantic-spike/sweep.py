"""Fusion settings sweep (tuned on the same dev sets: an optimistic ceiling), with the share
of queries whose gate fires (= would load the model lazily)."""
import sys
import numpy as np
from data import KBS, load_entries, load_queries
from evaluate import scores_for, rerank, lex_ids

variant = sys.argv[1] if len(sys.argv) > 1 else "minilm-chunks"
data = []
for kb in KBS:
    es = load_entries(kb); qs = load_queries(kb)
    idx = {e["id"]: i for i, e in enumerate(es)}
    M = scores_for(kb, variant, es, qs)
    for qi, q in enumerate(qs):
        data.append((kb, q, M[qi], idx))


def fires(q, gate, margin):
    h = q["hits"]
    if not h:
        return False
    if gate == "all":
        return True
    if gate == "weak":
        return bool(h[0].get("weak"))
    s1 = h[0]["score"]; s2 = h[1]["score"] if len(h) > 1 else 0.0
    return bool(h[0].get("weak")) or (s1 - s2) / max(s1, 1e-9) < margin


def run(method, gate, alpha=0.5, margin=0.1, k=60):
    res = {"message": [], "question": [], "paste": [], "typo": []}
    fired = []
    per_kb = {}
    for kb, q, row, idx in data:
        f = fires(q, gate, margin)
        fired.append(f)
        if not q["expected"]:
            continue
        exp = set(q["expected"])
        lex = lex_ids(q)
        r = rerank(q, row, idx, method, gate, alpha=alpha, k=k, margin=margin)
        d = int(bool(r) and r[0] in exp) - int(bool(lex) and lex[0] in exp)
        res[q["kind"]].append(d)
        if q["kind"] in ("message", "question"):
            per_kb.setdefault(kb, []).append(d)
    mq = res["message"] + res["question"]
    return (100 * np.mean(res["message"]), 100 * np.mean(res["question"]), 100 * np.mean(mq),
            100 * np.mean(res["paste"]), 100 * np.mean(fired), {k: 100 * np.mean(v) for k, v in per_kb.items()},
            sum(x < 0 for x in res["paste"]))


print(f"variant {variant}; points vs lexical top-1 (dev sets, pooled); fired = share of all queries incl. out-of-scope that would load the model")
print(f"{'setting':34s}{'msg':>7s}{'quest':>7s}{'msg+q':>7s}{'paste':>7s}{'paste-':>7s}{'fired%':>8s}  per-KB msg+q")
for method, gate, a, m in ([("rrf", g, 0.5, mm) for g in ("all", "weak") for mm in (0.1,)] +
                           [("rrf", "margin", 0.5, mm) for mm in (0.05, 0.1, 0.2, 0.3)] +
                           [("convex", "all", a, 0.1) for a in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)] +
                           [("convex", "weak", a, 0.1) for a in (0.3, 0.5, 0.7)] +
                           [("convex", "margin", a, mm) for a in (0.5, 0.7) for mm in (0.05, 0.1, 0.2, 0.3)]):
    r = run(method, gate, alpha=a, margin=m)
    name = f"{method}/{gate}" + (f"/a={a}" if method == "convex" else "") + (f"/m={m}" if gate == "margin" else "")
    kbs = " ".join(f"{k[:4]}{v:+.1f}" for k, v in r[5].items())
    print(f"{name:34s}{r[0]:+7.1f}{r[1]:+7.1f}{r[2]:+7.1f}{r[3]:+7.1f}{r[6]:7d}{r[4]:8.1f}  {kbs}")
