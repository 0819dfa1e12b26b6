"""Per-KB question/message deltas for the convex/all settings (dev-tuned ceiling)."""
import sys
import numpy as np
import sweep
for a in (0.1, 0.2, 0.3, 0.4):
    out = {}
    for kb, q, row, idx in sweep.data:
        if not q["expected"]:
            continue
        exp = set(q["expected"]); lex = sweep.lex_ids(q)
        r = sweep.rerank(q, row, idx, "convex", "all", alpha=a)
        d = int(bool(r) and r[0] in exp) - int(bool(lex) and lex[0] in exp)
        out.setdefault((kb, q["kind"]), []).append(d)
    print(f"a={a}: " + "  ".join(f"{kb[:4]}/{k[:4]} {100*np.mean(v):+.1f}(n={len(v)})" for (kb, k), v in sorted(out.items())))
