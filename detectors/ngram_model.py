"""The learned layer: a linear model over character 1–3-grams plus the structural signals.

It reads what the rules cannot enumerate (the wording of a 督办单 written another way, a record
with no section headings) and gives, per category, a probability that `policies` turns into the
`doc_model` signal. N-grams are hashed into 2**18 buckets with numpy (the hashing trick): no
vocabulary to load and well under a millisecond per page. The weights are trained by
`bench/train_model.py` (scikit-learn's LogisticRegression on the same features) and shipped as
one `.npz` file beside the policy pack; scikit-learn is not needed at run time.

Pure: no file I/O here; `policies` loads the arrays and builds an `NgramModel`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from detectors.model import Extraction
from detectors.text import squash

MAX_CHARS = 6000  # a document's first characters carry its type; long files cost no more
NGRAM = (1, 2, 3)
BITS = 18
SIGNAL_PREFIX = "§"
_MUL = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(0x10001)
_SALT = {1: np.uint64(0x51ED27), 2: np.uint64(0xA0761D64), 3: np.uint64(0xE7037ED1)}


def document_text(extraction: Extraction) -> str:
    """What the model reads: blocks and table cells in reading order, squashed, cut."""
    parts = [b.text for b in extraction.blocks]
    for t in extraction.tables:
        parts.extend(" ".join(c for c in row if c) for row in t.rows)
    return squash("\n".join(parts))[:MAX_CHARS]


def _hashes(text: str) -> list[tuple[int, np.ndarray]]:
    """(n, bucket of the n-gram starting at each position) for every n in NGRAM."""
    c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    out = []
    with np.errstate(over="ignore"):
        for k in NGRAM:
            if len(c) < k:
                continue
            h = c[: len(c) - k + 1].copy()
            for j in range(1, k):
                h = h * _BASE + c[j : len(c) - k + 1 + j]
            h = ((h ^ _SALT[k]) * _MUL) >> np.uint64(64 - BITS)
            out.append((k, h.astype(np.int64)))
    return out


def hashed_counts(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(buckets, counts) of the text's character n-grams."""
    parts = [h for _, h in _hashes(text)]
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(parts), return_counts=True)


@dataclass(frozen=True)
class NgramModel:
    classes: tuple[str, ...]  # "clean" and category ids
    idf: np.ndarray  # (2**BITS,): 0 for buckets too rare in training to count
    weights: np.ndarray  # (2**BITS + S, K): bucket rows, then one row per structural signal
    intercept: np.ndarray  # (K,)
    signals: tuple[str, ...] = ()  # structural signal names, in the order of their rows
    version: str = ""
    _signal_row: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        rows = {s: len(self.idf) + i for i, s in enumerate(self.signals)}
        object.__setattr__(self, "_signal_row", rows)
        # float32: the 2**18 × K weight table is 7 MB resident in the agent instead of 15.
        object.__setattr__(self, "idf", np.asarray(self.idf, dtype=np.float32))
        object.__setattr__(self, "weights", np.asarray(self.weights, dtype=np.float32))
        object.__setattr__(self, "intercept", np.asarray(self.intercept, dtype=np.float64))

    def features(self, text: str, signals: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row indices, values): tf-idf (sublinear tf, L2) of known n-grams, then signals."""
        idx, counts = hashed_counts(text)
        idf = self.idf[idx]
        keep = idf > 0
        idx, v = idx[keep], (1.0 + np.log(counts[keep])) * idf[keep]
        v /= float(np.sqrt(v @ v)) or 1.0
        sig = sorted({self._signal_row[s] for s in signals if s in self._signal_row})
        return (
            np.concatenate([idx, np.asarray(sig, dtype=np.int64)]),
            np.concatenate([v, np.ones(len(sig))]),
        )

    def predict(self, text: str, signals: Iterable[str]) -> Prediction:
        idx, val = self.features(text, signals)
        rows = self.weights[idx]
        z = self.intercept + val @ rows
        p = np.exp(z - z.max())
        return Prediction(self, text, idx, val, rows, p / p.sum())

    def probabilities(self, text: str, signals: Iterable[str]) -> dict[str, float]:
        return self.predict(text, signals).probabilities()


@dataclass(frozen=True)
class Prediction:
    """One document's features and class probabilities, kept to explain them."""

    model: NgramModel
    text: str
    idx: np.ndarray
    val: np.ndarray
    rows: np.ndarray  # weights of the document's features, (n, K)
    p: np.ndarray  # (K,)

    def probabilities(self) -> dict[str, float]:
        return {c: float(x) for c, x in zip(self.model.classes, self.p, strict=True)}

    def top_features(self, category: str, n: int = 5) -> list[tuple[str, float]]:
        """The n-grams (and signals) that pushed `category` up the most, for `policy explain`."""
        if not len(self.idx):
            return []
        contrib = self.val * self.rows[:, self.model.classes.index(category)]
        order = [int(j) for j in np.argsort(-contrib)[:n] if contrib[j] > 0]
        names = {row: SIGNAL_PREFIX + s for s, row in self.model._signal_row.items()}
        wanted = [int(self.idx[j]) for j in order if int(self.idx[j]) not in names]
        if wanted:
            # Hashes are not reversible: find an n-gram of this text that fell in each bucket.
            for k, h in _hashes(self.text):
                for pos in np.flatnonzero(np.isin(h, wanted)):
                    names.setdefault(int(h[pos]), self.text[pos : pos + k])
        return [(names.get(int(self.idx[j]), "?"), float(contrib[j])) for j in order]


def to_arrays(model: NgramModel) -> dict[str, np.ndarray]:
    """The arrays `bench/train_model.py` saves and `from_arrays` reads back."""
    return {
        "classes": np.asarray(model.classes),
        "idf": model.idf.astype(np.float32),
        "weights": model.weights.astype(np.float16),
        "intercept": model.intercept.astype(np.float32),
        "signals": np.asarray(model.signals),
        "version": np.asarray(model.version),
        "bits": np.asarray(BITS),
    }


def from_arrays(arrays: Mapping[str, np.ndarray]) -> NgramModel:
    if int(arrays["bits"]) != BITS:
        raise ValueError(f"model hashed into 2**{int(arrays['bits'])} buckets, expected {BITS}")
    return NgramModel(
        classes=tuple(str(c) for c in arrays["classes"]),
        idf=np.asarray(arrays["idf"]),
        weights=np.asarray(arrays["weights"]),
        intercept=np.asarray(arrays["intercept"]),
        signals=tuple(str(s) for s in arrays["signals"]),
        version=str(arrays["version"]),
    )
