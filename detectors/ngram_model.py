"""The learned layer: a linear model over character 1–3-grams plus the structural signals.

It reads what the rules cannot enumerate (the wording of a 督办单 written another way, a record
with no section headings) and gives, per category, a probability that `policies` turns into the
`doc_model` signal. Inference is a dictionary look-up per n-gram and one small matrix product:
no scikit-learn at run time, well under a millisecond per page. The weights are trained by
`bench/train_model.py` (scikit-learn's LogisticRegression on the same features) and shipped as
one `.npz` file beside the policy pack.

Pure: no file I/O here; `policies` loads the arrays and builds a `NgramModel`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from detectors.model import Extraction
from detectors.text import squash

MAX_CHARS = 6000  # a document's first characters carry its type; long files cost no more
NGRAM = (1, 2, 3)
SIGNAL_PREFIX = "§"


def document_text(extraction: Extraction) -> str:
    """What the model reads: blocks and table cells in reading order, squashed, cut."""
    parts = [b.text for b in extraction.blocks]
    for t in extraction.tables:
        parts.extend(" ".join(c for c in row if c) for row in t.rows)
    return squash("\n".join(parts))[:MAX_CHARS]


def ngram_counts(text: str) -> Counter[str]:
    c: Counter[str] = Counter()
    n = len(text)
    for k in NGRAM:
        c.update(text[i : i + k] for i in range(n - k + 1))
    return c


@dataclass(frozen=True)
class NgramModel:
    classes: tuple[str, ...]  # "clean" and category ids
    vocab: Mapping[str, int]  # n-gram -> row of `weights`
    idf: np.ndarray  # (V,)
    weights: np.ndarray  # (V + S, K): n-gram rows, then one row per structural signal
    intercept: np.ndarray  # (K,)
    signals: tuple[str, ...] = ()  # structural signal names, in the order of their rows
    version: str = ""
    _signal_row: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        rows = {s: len(self.idf) + i for i, s in enumerate(self.signals)}
        object.__setattr__(self, "_signal_row", rows)

    def features(self, text: str, signals: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row indices, values): tf-idf (sublinear tf, L2) of known n-grams, then signals."""
        idx: list[int] = []
        val: list[float] = []
        for g, n in ngram_counts(text).items():
            i = self.vocab.get(g)
            if i is not None:
                idx.append(i)
                val.append((1.0 + math.log(n)) * float(self.idf[i]))
        v = np.asarray(val, dtype=np.float64)
        norm = float(np.sqrt(v @ v)) if len(v) else 0.0
        if norm > 0:
            v /= norm
        sig = sorted({self._signal_row[s] for s in signals if s in self._signal_row})
        return (
            np.asarray(idx + sig, dtype=np.int64),
            np.concatenate([v, np.ones(len(sig))]),
        )

    def probabilities(self, text: str, signals: Iterable[str]) -> dict[str, float]:
        idx, val = self.features(text, signals)
        z = self.intercept.astype(np.float64) + val @ self.weights[idx].astype(np.float64)
        z -= z.max()
        p = np.exp(z)
        p /= p.sum()
        return {c: float(x) for c, x in zip(self.classes, p, strict=True)}

    def top_features(
        self, text: str, signals: Iterable[str], category: str, n: int = 5
    ) -> list[tuple[str, float]]:
        """The n-grams (and signals) that pushed `category` up the most, for `policy explain`."""
        k = self.classes.index(category)
        idx, val = self.features(text, signals)
        if not len(idx):
            return []
        contrib = val * self.weights[idx, k].astype(np.float64)
        names = _names(self)
        order = np.argsort(-contrib)[:n]
        return [(names[int(idx[j])], float(contrib[j])) for j in order if contrib[j] > 0]


_NAMES: dict[int, list[str]] = {}


def _names(model: NgramModel) -> list[str]:
    key = id(model)
    if key not in _NAMES:
        names = [""] * (len(model.idf) + len(model.signals))
        for g, i in model.vocab.items():
            names[i] = g
        for s, i in model._signal_row.items():
            names[i] = SIGNAL_PREFIX + s
        _NAMES.clear()
        _NAMES[key] = names
    return _NAMES[key]


def to_arrays(model: NgramModel) -> dict[str, np.ndarray]:
    """The arrays `bench/train_model.py` saves and `from_arrays` reads back."""
    vocab = sorted(model.vocab.items(), key=lambda kv: kv[1])
    return {
        "classes": np.asarray(model.classes),
        "vocab": np.asarray("\n".join(g for g, _ in vocab)),
        "idf": model.idf.astype(np.float32),
        "weights": model.weights.astype(np.float16),
        "intercept": model.intercept.astype(np.float32),
        "signals": np.asarray(model.signals),
        "version": np.asarray(model.version),
    }


def from_arrays(arrays: Mapping[str, np.ndarray]) -> NgramModel:
    grams = str(arrays["vocab"]).split("\n") if str(arrays["vocab"]) else []
    return NgramModel(
        classes=tuple(str(c) for c in arrays["classes"]),
        vocab={g: i for i, g in enumerate(grams)},
        idf=np.asarray(arrays["idf"], dtype=np.float32),
        weights=np.asarray(arrays["weights"], dtype=np.float32),
        intercept=np.asarray(arrays["intercept"], dtype=np.float32),
        signals=tuple(str(s) for s in arrays["signals"]),
        version=str(arrays["version"]),
    )
