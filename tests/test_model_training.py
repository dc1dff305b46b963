"""The learned layer's training recipe runs, and what it writes is what the policy loads: a
small model trained on a few synthetic families tells a held-out document of each apart."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from detectors.ngram_model import hashed_counts
from policies import DEFAULT_PACK, load_policy
from tests.docgen.corpus import as_extraction, build
from tests.docgen.templates import TEMPLATES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
pytest.importorskip(
    "sklearn", reason="scikit-learn is the `train` extra (scripts/test.sh installs it)"
)
import train_model


def test_hashing_is_stable_and_counts_every_ngram():
    idx, counts = hashed_counts("交办单交办单")
    assert counts.sum() == 6 + 5 + 4  # 1-, 2- and 3-grams
    again, _ = hashed_counts("交办单交办单")
    assert np.array_equal(idx, again)


def test_trained_model_round_trips_and_separates_families(tmp_path):
    policy = load_policy(model=False)
    names = {"jiaobandan", "inpatient_record", "leak_news", "return_roster"}
    fams = [t for t in TEMPLATES if t.name in names]
    samples = train_model.template_samples(fams, per_template=6, seed=5, policy=policy)
    model = train_model.fit(samples, c=4.0, version="test")
    out = tmp_path / "m.npz"
    train_model.save(model, out)
    pack = tmp_path / "org.yaml"
    pack.write_text(f"model:\n  file: {out.name}\n", encoding="utf-8")
    loaded = load_policy([pack])
    assert loaded.model is not None and loaded.version != load_policy(model=False).version
    for t in fams:
        ext = as_extraction(build(t, 99_001))
        findings, _ = policy.findings(ext)
        probs = loaded.model.probabilities(
            train_model.document_text(ext), {f.signal for f in findings}
        )
        assert max(probs, key=probs.get) == t.label, (t.name, probs)


def test_shipped_model_is_small_and_loads():
    shipped = DEFAULT_PACK.with_name("doctype.npz")
    assert shipped.stat().st_size < 10_000_000
    assert load_policy().model is not None
