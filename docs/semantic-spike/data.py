"""Load KB content (markdown + YAML front matter), query sets and lexical results."""
import json
import os
import re
import glob
import yaml

MAIN = os.environ.get("KB_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
KBS = {
    "eas": (f"{MAIN}/content", "/tmp/spike-eas"),
    "rustc-errors": (f"{MAIN}/tests/kbs/rustc-errors/content", "/tmp/spike-rustc-errors"),
    "postgres-errors": (f"{MAIN}/tests/kbs/postgres-errors/content", "/tmp/spike-postgres-errors"),
}
OUT = "/tmp/spike-out"


def strip_md(s):
    s = re.sub(r"```[a-zA-Z]*\n", "", s)
    s = s.replace("```", "")
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"[*_`>#]+", " ", s)
    s = re.sub(r"[ \t]+", " ", s)
    return s.strip()


def load_entries(kb):
    root = KBS[kb][0]
    entries = []
    for path in sorted(glob.glob(f"{root}/**/*.md", recursive=True)):
        txt = open(path, encoding="utf-8").read()
        if not txt.startswith("---"):
            continue
        _, fm, body = txt.split("---", 2)
        meta = yaml.safe_load(fm) or {}
        eid = str(meta.get("id") or os.path.splitext(os.path.basename(path))[0])
        title = str(meta.get("title", ""))
        errors = [str(e) for e in (meta.get("errors") or [])]
        keywords = [str(e) for e in (meta.get("keywords") or [])]
        # sections
        parts = re.split(r"^##+ +(.*)$", body, flags=re.M)
        intro = parts[0]
        secs = [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts), 2)]
        entries.append(dict(id=eid, title=title, errors=errors, keywords=keywords,
                            body=strip_md(body), intro=strip_md(intro),
                            sections=[(h, strip_md(t)) for h, t in secs]))
    return entries


def entry_doc_text(e):
    return e["title"] + ". " + e["body"]


def entry_chunks(e):
    """title + intro, title + each section, title + front-matter errors/keywords."""
    ch = [e["title"] + ". " + e["intro"]]
    for h, t in e["sections"]:
        ch.append(e["title"] + ". " + h + ". " + t)
    if e["errors"] or e["keywords"]:
        ch.append(e["title"] + ". " + "; ".join(e["errors"] + e["keywords"]))
    return ch


def query_files(kb):
    return sorted(glob.glob(f"{MAIN}/tests/kbs/{kb}/*.jsonl"))


def load_queries(kb):
    """list of dicts with set, kind, query, expected, lex (hits)."""
    rows = []
    for f in query_files(kb):
        name = os.path.splitext(os.path.basename(f))[0]
        lexf = f"{OUT}/lex_{kb}_{name}.jsonl"
        qs = [json.loads(l) for l in open(f) if l.strip()]
        lx = [json.loads(l) for l in open(lexf) if l.strip()]
        assert len(qs) == len(lx), (f, len(qs), len(lx))
        for q, r in zip(qs, lx):
            assert r["query"] == q["query"]
            rows.append(dict(set=name, kind=q["kind"], query=q["query"], expected=q["expected"], hits=r["hits"]))
    return rows
