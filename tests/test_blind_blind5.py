"""Blind batch 5 is well-formed: every family builds for three seeds, is labelled, varies by seed
and renders to a real file. Fast on purpose: no OCR and no detection (the batch must be measured
once, by the detection team, before any tuning; see the docstring of tests/blind/batch5.py).
tests/test_blind_batches.py checks it further (read-back of the rendered text, formats)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from policies import BUILTIN_CATEGORIES
from tests.blind.batch5 import FAMILIES, FORMATS, SPLIT
from tests.docgen import render
from tests.docgen.corpus import build

SEEDS = (0, 1, 2)
IMAGE_LIKE = {*render.IMAGE_FORMATS, "pdf-scan", "docx-image"}


def _text(doc) -> str:
    return "\n".join([doc.header, *doc.lines(), doc.footer])


def test_batch_has_18_positives_over_all_six_categories_and_12_negatives():
    labels = Counter(t.label for t in FAMILIES)
    assert set(labels) == {*BUILTIN_CATEGORIES, "clean"}, labels
    assert all(labels[c] >= 3 for c in BUILTIN_CATEGORIES), labels
    assert sum(labels[c] for c in BUILTIN_CATEGORIES) >= 18, labels
    assert labels["clean"] >= 12, labels
    assert len(FAMILIES) >= 30


def test_family_names_are_unique_prefixed_and_in_the_blind5_split():
    names = [t.name for t in FAMILIES]
    assert len(names) == len(set(names)), [n for n, c in Counter(names).items() if c > 1]
    assert all(n.startswith("b5_") for n in names), names
    assert {t.split for t in FAMILIES} == {SPLIT} == {"blind5"}
    assert set(FORMATS) == set(names)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda t: t.name)
def test_family_builds_labelled_varied_documents(family):
    texts = []
    for seed in SEEDS:
        doc = build(family, seed)
        assert doc.label == family.label and doc.kind == family.name
        text = _text(doc)
        assert len("".join(text.split())) >= 60, f"{family.name} seed {seed}: almost empty"
        for ident in doc.identifiers:
            assert ident in text, f"declared identifier {ident} is not printed"
        for phrase in doc.key_phrases:
            assert phrase in text, f"declared key phrase {phrase!r} is not printed"
        texts.append(text)
    assert len(set(texts)) == len(SEEDS), f"{family.name}: seeds give identical documents"


@pytest.mark.parametrize("family", FAMILIES, ids=lambda t: t.name)
def test_family_renders_to_its_first_non_image_format(family, tmp_path: Path):
    fmt = next(f for f in FORMATS[family.name] if f not in IMAGE_LIKE)
    doc = build(family, 0)
    path = render.write(doc, tmp_path / f"{family.name}{render.default_ext(fmt)}", fmt, seed=0)
    assert path.stat().st_size > 0
    if fmt.startswith("txt"):
        got = path.read_bytes().decode("gbk" if fmt.endswith("gbk") else "utf-8-sig")
        assert "".join(_text(doc).split()) in "".join(got.split())
