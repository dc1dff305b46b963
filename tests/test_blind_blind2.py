"""Blind batch 2 is well-formed: every family builds, is labelled, varies by seed and renders.

Fast on purpose: no OCR and no detection (the batch must be measured once, by the detection team,
before any tuning; see the docstring of tests/blind/batch2.py).
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from policies import BUILTIN_CATEGORIES
from tests.blind.batch2 import FAMILIES, FORMATS, SPLIT
from tests.docgen import render
from tests.docgen.corpus import build

CATEGORIES = BUILTIN_CATEGORIES
# Writers that only put a page image in the file (need OCR to read back)
IMAGE_LIKE = {*render.IMAGE_FORMATS, "pdf-scan", "docx-image"}
SEEDS = (0, 1, 2)


def _text(doc) -> str:
    return "\n".join([doc.header, *doc.lines(), doc.footer])


def test_batch_covers_every_category_and_enough_negatives():
    labels = Counter(t.label for t in FAMILIES)
    for cat in CATEGORIES:
        assert labels[cat] >= 4, f"{cat}: only {labels[cat]} families"
    assert sum(labels[c] for c in CATEGORIES) >= 24
    assert labels["clean"] >= 16
    assert set(labels) == {*CATEGORIES, "clean"}, f"unknown labels: {set(labels)}"


def test_family_names_are_unique_prefixed_and_in_the_blind_split():
    names = [t.name for t in FAMILIES]
    assert len(names) == len(set(names))
    assert all(n.startswith("b2_") for n in names)
    assert all(t.split == SPLIT == "blind2" for t in FAMILIES)
    assert set(FORMATS) == set(names)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda t: t.name)
def test_family_builds_labelled_varied_documents(family):
    texts = []
    for seed in SEEDS:
        doc = build(family, seed)
        assert doc.label == family.label
        assert doc.kind == family.name
        text = _text(doc)
        assert len(text.strip()) >= 40, f"{family.name} seed {seed}: almost empty"
        for ident in doc.identifiers:
            assert ident in text, f"declared identifier {ident} is not printed"
        for phrase in doc.key_phrases:
            assert phrase in text, f"declared key phrase {phrase!r} is not printed"
        texts.append(text)
    assert len(set(texts)) == len(SEEDS), f"{family.name}: seeds give identical documents"
    # Same seed, same document: the batch is reproducible
    assert _text(build(family, SEEDS[0])) == texts[0]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda t: t.name)
def test_family_formats_are_known_and_it_renders_to_its_first_text_format(family, tmp_path):
    formats = FORMATS[family.name]
    assert formats and all(f in render.FORMATS for f in formats), formats
    text_formats = [f for f in formats if f not in IMAGE_LIKE]
    assert text_formats, f"{family.name}: no format that can be checked without OCR"
    fmt = text_formats[0]
    doc = build(family, 0)
    path = render.write(doc, tmp_path / f"doc{render.default_ext(fmt)}", fmt)
    assert path.stat().st_size > 0
    cells = [c for t in doc.tables for row in t for c in row if c]
    probe = next(x for x in [doc.title, *doc.paragraphs, *cells, *doc.preamble] if x)
    if fmt.startswith("txt"):
        encoding = {"txt": "utf-8", "txt-gbk": "gbk"}.get(fmt, "utf-8")
        assert probe in path.read_bytes().decode(encoding)
    elif fmt.startswith("csv"):
        encoding = {"csv": "utf-8", "csv-gbk": "gbk"}.get(fmt, "utf-8")
        with path.open(encoding=encoding, newline="") as fh:
            got = [c for row in csv.reader(fh) for c in row]
        assert probe in got or any(probe in c for c in got)
    elif fmt == "docx":
        import docx

        d = docx.Document(str(path))
        got = [p.text for p in d.paragraphs]
        got += [c.text for t in d.tables for row in t.rows for c in row.cells]
        got.append(d.sections[0].header.paragraphs[0].text)
        assert probe in got
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(str(path), read_only=True)
        rows = [row for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
        got = [str(v) for row in rows for v in row]
        assert probe in got
    elif fmt == "pdf":
        assert path.read_bytes().startswith(b"%PDF")
    else:  # pragma: no cover - a new text format would need a check here
        pytest.fail(f"no read-back check for {fmt}")
