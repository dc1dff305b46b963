"""Train the learned layer (detectors/ngram_model.py) and write policies/doctype.npz.

    .venv/bin/pip install scikit-learn          # training only; the agent does not need it
    .venv/bin/python bench/train_model.py       # default recipe, writes policies/doctype.npz
    .venv/bin/python bench/train_model.py --out /tmp/m.npz --per-template 6

The recipe (reproducible: every generator is seeded):
- the synthetic families of tests/docgen/templates.py, `--per-template` documents each, plus
  every mutation of tests/docgen/mutate.py applied to each positive (so a penalty clause, a
  lost header or a chat retype does not look like a new kind of document);
- the blind batches that have been measured once (tests/blind/batch*.py listed in
  `MEASURED_BLIND`), the same way;
- the real public text of ../shared/corpus/train (labels from its labels.jsonl).
../shared/corpus/real is never trained on: it is the real-world check in bench/accuracy.py.
Features: character 1–3-grams of the squashed text (tf-idf, sublinear, L2) plus one indicator
per structural signal the rules found; multinomial logistic regression, balanced classes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detectors.model import Block, BlockKind, Extraction, Source  # noqa: E402
from detectors.ngram_model import (  # noqa: E402
    BITS,
    NgramModel,
    document_text,
    hashed_counts,
    to_arrays,
)
from tests.docgen.corpus import as_extraction, build  # noqa: E402
from tests.docgen.mutate import MUTATIONS  # noqa: E402
from tests.docgen.templates import TEMPLATES, Template  # noqa: E402

TRAIN = ROOT.parent / "shared" / "corpus" / "train"
OUT = ROOT / "policies" / "doctype.npz"
# Blind batches whose first measurement is recorded (bench/accuracy.py --blind): only these may
# be trained on. A batch not listed here is still blind.
MEASURED_BLIND: tuple[str, ...] = (
    "batch1",
    "batch2",
    "batch3",
    "batch4",
    "batch5",
    "batch6",
    "batch7",
)
MIN_DF = 3


@dataclass(frozen=True)
class Sample:
    text: str
    signals: frozenset[str]
    label: str
    family: str


def text_extraction(text: str, path: str = "doc.txt") -> Extraction:
    blocks = tuple(Block(x, BlockKind.PARAGRAPH) for x in text.splitlines() if x.strip())
    return Extraction(
        source=Source(path=path, sha256="", size=len(text), media_type="text/plain"),
        blocks=blocks,
    )


def _rule_policy():
    from policies import load_policy

    return load_policy(model=False)


def sample_of(extraction: Extraction, label: str, family: str, policy) -> Sample:
    findings, _ = policy.findings(extraction)
    return Sample(document_text(extraction), frozenset(f.signal for f in findings), label, family)


def template_samples(
    templates: Iterable[Template], per_template: int, seed: int, policy, mutate: bool = True
) -> list[Sample]:
    out = []
    for t in templates:
        for i in range(per_template):
            doc = build(t, seed * 1000 + i)
            out.append(sample_of(as_extraction(doc), t.label, t.name, policy))
            if mutate and t.label != "clean":
                rng = random.Random(f"{t.name}:{seed}:{i}")
                fn = MUTATIONS[rng.choice(sorted(MUTATIONS))]
                out.append(sample_of(as_extraction(fn(doc, rng)), t.label, t.name, policy))
    return out


def blind_templates(batches: Sequence[str]) -> list[Template]:
    out: list[Template] = []
    for b in batches:
        out.extend(importlib.import_module(f"tests.blind.{b}").FAMILIES)
    return out


def train_corpus_samples(policy) -> list[Sample]:
    out = []
    labels = TRAIN / "labels.jsonl"
    if not labels.exists():
        return out
    for line in labels.read_text("utf-8").splitlines():
        row = json.loads(line)
        text = (TRAIN / row["path"]).read_text("utf-8", errors="replace")
        family = f"train:{row['label']}:{row.get('kind', '')}"
        ext = text_extraction(text, row["path"])
        out.append(sample_of(ext, row["label"], family, policy))
    return out


def default_samples(per_template: int = 8, seed: int = 3) -> list[Sample]:
    policy = _rule_policy()
    samples = template_samples(TEMPLATES, per_template, seed, policy)
    samples += template_samples(blind_templates(MEASURED_BLIND), per_template, seed, policy)
    samples += train_corpus_samples(policy)
    return samples


def fit(samples: Sequence[Sample], c: float = 4.0, version: str = "") -> NgramModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    buckets = 1 << BITS
    counts = [hashed_counts(s.text) for s in samples]
    df = np.zeros(buckets, dtype=np.int64)
    for idx, _ in counts:
        df[idx] += 1
    n_docs = len(samples)
    idf = np.where(df >= MIN_DF, np.log((1 + n_docs) / (1 + df)) + 1.0, 0.0)
    signals = sorted({s for smp in samples for s in smp.signals})
    sig_col = {s: buckets + i for i, s in enumerate(signals)}
    rows, cols, vals = [], [], []
    for r, (smp, (idx, cnt)) in enumerate(zip(samples, counts, strict=True)):
        keep = idf[idx] > 0
        v = (1 + np.log(cnt[keep])) * idf[idx[keep]]
        v /= float(np.sqrt(v @ v)) or 1.0
        rows += [r] * int(keep.sum())
        cols += idx[keep].tolist()
        vals += v.tolist()
        for s in smp.signals:
            rows.append(r)
            cols.append(sig_col[s])
            vals.append(1.0)
    x = csr_matrix((vals, (rows, cols)), shape=(n_docs, buckets + len(signals)))
    y = [s.label for s in samples]
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    clf.fit(x, y)
    return NgramModel(
        classes=tuple(str(k) for k in clf.classes_),
        idf=idf.astype(np.float32),
        weights=clf.coef_.T.astype(np.float32),
        intercept=clf.intercept_.astype(np.float32),
        signals=tuple(signals),
        version=version,
    )


def save(model: NgramModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        np.savez_compressed(fp, **to_arrays(model))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--per-template", type=int, default=8)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.perf_counter()
    samples = default_samples(args.per_template, args.seed)
    t1 = time.perf_counter()
    by = Counter(s.label for s in samples)
    print(f"{len(samples)} samples from {len({s.family for s in samples})} families: {dict(by)}")
    model = fit(samples, c=args.c, version=time.strftime("%Y-%m-%d") + f"-s{args.seed}")
    t2 = time.perf_counter()
    save(model, args.out)
    size = args.out.stat().st_size
    used = int((model.idf > 0).sum())
    print(
        f"features {t1 - t0:.1f}s, fit {t2 - t1:.1f}s; {used} n-gram buckets in use, "
        f"{len(model.signals)} signals; wrote {args.out} ({size / 1e6:.2f} MB)"
    )
    longest = max(samples, key=lambda s: len(s.text))
    t3 = time.perf_counter()
    for _ in range(100):
        model.predict(longest.text, longest.signals).top_features(longest.label)
    ms = (time.perf_counter() - t3) / 100 * 1000
    print(f"inference with explanation: {ms:.2f} ms on a {len(longest.text)}-char text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
