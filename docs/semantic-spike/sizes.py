"""Byte costs: model weights (fp32, fp16, int8) raw and brotli -q 11, tokenizer, stored vectors."""
import json
import time
import numpy as np
import brotli
from safetensors.numpy import load_file
from data import KBS, OUT

info = {}


def br(b, name):
    t0 = time.perf_counter()
    n = len(brotli.compress(b, quality=11))
    info[name] = dict(raw=len(b), brotli=n, brotli_s=round(time.perf_counter() - t0, 1))
    print(name, info[name], flush=True)


raw = open("/tmp/spike-model/model.safetensors", "rb").read()
tok = open("/tmp/spike-model/tokenizer.json", "rb").read()
br(tok, "tokenizer.json")
_v = json.loads(tok)["model"]["vocab"]
vocab = "\n".join(sorted(_v, key=_v.get)).encode()
br(vocab, "vocab.txt (wordpiece list only)")
w = load_file("/tmp/spike-model/model.safetensors")
w.pop("embeddings.position_ids", None)
fp16 = b"".join(v.astype(np.float16).tobytes() for v in w.values())
br(fp16, "minilm fp16 weights")
# int8: per-output-row symmetric for 2-D matrices, fp16 scale; 1-D params fp16
q = []
for k, v in w.items():
    if v.ndim == 2:
        s = np.abs(v).max(1, keepdims=True) / 127.0
        q.append(np.round(v / s).astype(np.int8).tobytes() + s.astype(np.float16).tobytes())
    else:
        q.append(v.astype(np.float16).tobytes())
br(b"".join(q), "minilm int8 weights")
# stored vectors per KB, int8 per vector
for kb in KBS:
    z = np.load(f"{OUT}/emb_minilm_{kb}.npz")
    for key in ("doc", "chunks"):
        v = z[key]
        s = np.abs(v).max(1, keepdims=True) / 127.0
        b = np.round(v / s).astype(np.int8).tobytes() + s.astype(np.float16).tobytes()
        br(b, f"vectors {kb} {key} ({len(v)} x 384 int8)")
t0 = time.perf_counter()
br(raw, "minilm fp32 model.safetensors")
json.dump(info, open(f"{OUT}/sizes.json", "w"), indent=1)
