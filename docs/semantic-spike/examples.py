"""Queries whose top-1 changes under convex/all a=0.5 with MiniLM chunks (for the write-up)."""
import sweep
fix, brk = [], []
for kb, q, row, idx in sweep.data:
    if not q["expected"]:
        continue
    exp = set(q["expected"]); lex = sweep.lex_ids(q)
    r = sweep.rerank(q, row, idx, "convex", "all", alpha=0.5)
    a = bool(lex) and lex[0] in exp; b = bool(r) and r[0] in exp
    if a != b:
        (fix if b else brk).append((kb, q["kind"], q["query"][:90], lex[0] if lex else None, r[0] if r else None, q["expected"]))
print("FIXED", len(fix)); [print(" ", x) for x in fix]
print("BROKEN", len(brk)); [print(" ", x) for x in brk]
