"""The labelled synthetic corpus: every template, tuning and held-out, judged in process (fast),
and a sample rendered as real files through the Scanner. Full figures: bench/accuracy.py."""

from __future__ import annotations

import collections
import functools

import pytest

from agent.config import load_config
from agent.pipeline import Scanner
from policies import load_policy
from tests.docgen.corpus import as_extraction, generate, templates, write_corpus


@functools.cache
def policy():
    return load_policy()


def judge(label: str, verdict) -> bool:
    flagged = verdict.flagged_categories
    if label == "clean":
        return not flagged
    return bool(flagged) and flagged[0].id == label


def test_every_category_and_hard_negative_has_tuning_and_heldout_templates():
    labels = {t.label for t in templates()}
    assert labels == {
        "control_order",
        "screening_list",
        "medical_record",
        "investigation_report",
        "internal_material",
        "classified",
        "clean",
    }
    for label in labels:
        assert {t.split for t in templates(label=label)} == {"tune", "heldout"}, label


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_in_process_targets(split):
    results = collections.defaultdict(list)
    for t, doc in generate(per_template=4, seed=42, split=split):
        results[t.label].append(judge(t.label, policy().evaluate(as_extraction(doc))))
    positives = [ok for label, oks in results.items() if label != "clean" for ok in oks]
    assert sum(positives) / len(positives) >= 0.95
    negatives = results["clean"]
    assert 1 - sum(negatives) / len(negatives) <= 0.03


def test_rendered_sample_through_the_scanner(tmp_path):
    docs = generate(per_template=1, seed=7, split="heldout")
    items = write_corpus(docs, tmp_path / "c", ("docx", "pdf", "txt-gbk"), seed=7)
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    wrong = []
    with Scanner(load_config(cfg), policy()) as scanner:
        for it in items:
            v = scanner.scan(it.path)
            if not judge(it.doc.label, v):
                wrong.append((it.path.name, [(c.id, c.score) for c in v.categories[:2]]))
    assert len(wrong) <= len(items) * 0.05, wrong
