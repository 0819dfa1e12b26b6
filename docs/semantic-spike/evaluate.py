"""Embedding-only, hybrid re-rank and out-of-scope numbers. Dev-set numbers only:
every query file is used both to pick fusion settings and to report them."""
import json
import sys
import collections
import numpy as np
from data import KBS, OUT, load_entries, load_queries, entry_doc_text, entry_chunks
from tokenizers import Tokenizer

TOK = Tokenizer.from_file("/tmp/spike-model/tokenizer.json")
TOK.no_padding()
TOK.no_truncation()


def static_encode(texts, table, idf=None):
    out = np.zeros((len(texts), table.shape[1]), np.float32)
    for i, t in enumerate(texts):
        ids = TOK.encode(t, add_special_tokens=False).ids
        if not ids:
            continue
        w = np.ones(len(ids), np.float32) if idf is None else idf[ids]
        v = (table[ids] * w[:, None]).sum(0)
        out[i] = v / (np.linalg.norm(v) + 1e-9)
    return out


def scores_for(kb, variant, es, qs):
    """returns (nq, ne) similarity matrix"""
    if variant.startswith("minilm"):
        z = np.load(f"{OUT}/emb_minilm_{kb}.npz")
        Q = z["q"]
        if variant == "minilm-doc":
            return Q @ z["doc"].T
        S = Q @ z["chunks"].T
        owner = z["owner"]
    else:  # static-D or static-D-idf
        parts = variant.split("-")
        D = int(parts[1])
        table = np.load(f"{OUT}/static_{D}.npy")
        chunks, owner = [], []
        for i, e in enumerate(es):
            for c in entry_chunks(e):
                chunks.append(c)
                owner.append(i)
        owner = np.array(owner)
        idf = None
        if "idf" in parts:
            df = np.zeros(table.shape[0])
            for c in chunks:
                df[list(set(TOK.encode(c, add_special_tokens=False).ids))] += 1
            idf = np.log((len(chunks) + 1) / (df + 1)).astype(np.float32) + 1.0
        if "kbvocab" in parts:
            keep = np.zeros(table.shape[0], bool)
            for c in chunks:
                keep[TOK.encode(c, add_special_tokens=False).ids] = True
            table = table * keep[:, None]
            print(f"# {kb}: kbvocab keeps {keep.sum()} of {len(keep)} token rows", flush=True)
        C = static_encode(chunks, table, idf)
        Q = static_encode([q["query"] for q in qs], table, idf)
        S = Q @ C.T
    ne = len(es)
    M = np.full((S.shape[0], ne), -1.0, np.float32)
    for j in range(ne):
        M[:, j] = S[:, owner == j].max(1)
    return M


def lex_ids(q):
    return [h["id"] for h in q["hits"]]


def rerank(q, sim_row, idx, method, gate, alpha=0.5, k=60, margin=0.1):
    ids = lex_ids(q)
    if not ids:
        return ids
    hits = q["hits"]
    if gate == "weak" and not hits[0].get("weak"):
        return ids
    if gate == "margin":
        s1 = hits[0]["score"]
        s2 = hits[1]["score"] if len(hits) > 1 else 0.0
        if (s1 - s2) / max(s1, 1e-9) >= margin and not hits[0].get("weak"):
            return ids
    cos = np.array([sim_row[idx[i]] for i in ids])
    if method == "rrf":
        erank = np.argsort(np.argsort(-cos))
        f = [1 / (k + r + 1) + 1 / (k + erank[r] + 1) for r in range(len(ids))]
        # stable: ties keep lexical order
    else:  # convex
        lex = np.array([h["score"] for h in hits])
        ln = lex / max(lex[0], 1e-9)
        f = alpha * ln + (1 - alpha) * cos
    order = sorted(range(len(ids)), key=lambda r: (-f[r], r))
    return [ids[r] for r in order]


def main():
    variants = sys.argv[1:] or ["minilm-doc", "minilm-chunks"]
    methods = [("lexical", None, {}),
               ("rrf", "all", {}), ("rrf", "weak", {}), ("rrf", "margin", {}),
               ("convex", "all", {"alpha": 0.5}), ("convex", "all", {"alpha": 0.7}),
               ("convex", "weak", {"alpha": 0.5}), ("convex", "weak", {"alpha": 0.3}),
               ("convex", "margin", {"alpha": 0.5})]
    report = {}
    for variant in variants:
        rows = []
        oos = []
        for kb in KBS:
            es = load_entries(kb)
            qs = load_queries(kb)
            idx = {e["id"]: i for i, e in enumerate(es)}
            M = scores_for(kb, variant, es, qs)
            for qi, q in enumerate(qs):
                mx = float(M[qi].max())
                lexflag = (not q["hits"]) or bool(q["hits"][0].get("weak"))
                if not q["expected"]:
                    oos.append((kb, "oos", mx, lexflag, None))
                    continue
                exp = set(q["expected"])
                emb_top = es[int(M[qi].argmax())]["id"]
                res = {"embed-only": emb_top in exp}
                for meth, gate, kw in methods:
                    name = meth if meth == "lexical" else f"{meth}/{gate}" + (f"/a{kw['alpha']}" if kw else "")
                    r = lex_ids(q) if meth == "lexical" else rerank(q, M[qi], idx, meth, gate, **kw)
                    res[name] = bool(r) and r[0] in exp
                rows.append(dict(kb=kb, set=q["set"], kind=q["kind"], res=res))
                lexright = bool(q["hits"]) and q["hits"][0]["id"] in exp
                oos.append((kb, "in", mx, lexflag, lexright))
        report[variant] = summarise(variant, rows, oos)
    json.dump(report, open(f"{OUT}/report_{'_'.join(variants)}.json", "w"), indent=1)


def summarise(variant, rows, oos):
    names = list(rows[0]["res"].keys())
    print(f"\n=== {variant}  (dev-set numbers) ===")
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r["kb"] + "/" + r["set"], r["kind"])].append(r)
        groups[("POOLED", r["kind"])].append(r)
        groups[(r["kb"] + "/ALL", r["kind"])].append(r)
        if r["kind"] in ("message", "question"):
            groups[("POOLED", "message+question")].append(r)
    out = {}
    hdr = f"{'set':38s}{'kind':18s}{'n':>4s} " + " ".join(f"{n[:16]:>16s}" for n in names)
    print(hdr)
    for key in sorted(groups):
        g = groups[key]
        acc = {n: 100 * np.mean([r["res"][n] for r in g]) for n in names}
        out["|".join(key)] = dict(n=len(g), **acc)
        lex = acc["lexical"]
        cells = [f"{acc[n]:6.1f}" + (f"({acc[n]-lex:+5.1f})" if n != "lexical" else "       ") + "   " for n in names]
        print(f"{key[0]:38s}{key[1]:18s}{len(g):4d} " + " ".join(f"{c:>16s}" for c in cells))
    # out of scope
    print("\nout-of-scope: share flagged by max-cos < t  (oos flagged | in-scope lexical-right flagged)")
    oo = {}
    for kb in list(KBS) + ["POOLED"]:
        sel = [o for o in oos if kb == "POOLED" or o[0] == kb]
        o_ = [o for o in sel if o[1] == "oos"]
        i_ = [o for o in sel if o[1] == "in" and o[4]]
        lo = 100 * np.mean([o[3] for o in o_])
        li = 100 * np.mean([o[3] for o in i_])
        line = f"{kb:16s} lexical weak/none: {lo:5.1f}% | {li:4.1f}%   "
        d = {"lexical": (lo, li)}
        for t in (0.2, 0.3, 0.4, 0.5):
            a = 100 * np.mean([o[2] < t for o in o_])
            b = 100 * np.mean([o[2] < t for o in i_])
            c = 100 * np.mean([o[2] < t or o[3] for o in o_])
            dd = 100 * np.mean([o[2] < t or o[3] for o in i_])
            d[str(t)] = (a, b, c, dd)
            line += f" t={t}: {a:5.1f}|{b:4.1f} (or weak {c:5.1f}|{dd:4.1f})"
        # AUC of max-cos separating oos vs in-scope-right
        xs = np.array([o[2] for o in o_]); ys = np.array([o[2] for o in i_])
        auc = float(np.mean(xs[:, None] < ys[None, :]) + 0.5 * np.mean(xs[:, None] == ys[None, :]))
        d["auc"] = auc
        line += f"  AUC={auc:.3f} n_oos={len(o_)} n_in_right={len(i_)}"
        oo[kb] = d
        print(line)
    out["oos"] = oo
    return out


if __name__ == "__main__":
    main()
