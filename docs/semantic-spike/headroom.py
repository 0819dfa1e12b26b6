"""Headroom of a top-10 re-ranker: lexical top-1, top-10 recall (oracle), and how many
lexical misses carry weak:true on the first hit (what a 'load only when uncertain' gate sees)."""
import collections
from data import KBS, load_queries
agg = collections.defaultdict(lambda: collections.Counter())
for kb in KBS:
    for q in load_queries(kb):
        if not q["expected"]:
            continue
        ids = [h["id"] for h in q["hits"]]
        exp = set(q["expected"])
        for key in (kb, "POOLED"):
            c = agg[(key, q["kind"])]
            c["n"] += 1
            c["top1"] += bool(ids) and ids[0] in exp
            c["top10"] += any(i in exp for i in ids)
            wrong = not (ids and ids[0] in exp)
            weak = (not ids) or bool(q["hits"][0].get("weak"))
            c["wrong"] += wrong
            c["wrong_weak"] += wrong and weak
            c["right_weak"] += (not wrong) and weak
print(f"{'kb':16s}{'kind':10s}{'n':>5s}{'top1%':>8s}{'top10%':>8s}{'miss':>6s}{'miss&weak':>10s}{'right&weak':>11s}")
for (kb, kind), c in sorted(agg.items()):
    print(f"{kb:16s}{kind:10s}{c['n']:5d}{100*c['top1']/c['n']:8.1f}{100*c['top10']/c['n']:8.1f}{c['wrong']:6d}{c['wrong_weak']:10d}{c['right_weak']:11d}")
