"""Blind batches 1, 3, 4, 5, 6, 7 and 8 (tests/blind/batch1.py, batch3.py, batch4.py, batch5.py,
batch6.py, batch7.py, batch8.py) are well-formed: every family builds, is labelled and varied,
and renders to a real file that carries its text. No OCR and no detection here: a batch is
measured by the detection team once, before tuning (tests/blind/README.md). (Batch 2's author
wrote its own checks: tests/test_blind_blind2.py.)"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from policies import BUILTIN_CATEGORIES
from tests.blind import batch1, batch3, batch4, batch5, batch6, batch7, batch8
from tests.docgen.corpus import build, carries
from tests.docgen.render import FORMATS as RENDER_FORMATS
from tests.docgen.render import IMAGE_FORMATS, default_ext, write

CATEGORIES = BUILTIN_CATEGORIES
SEEDS = (0, 1, 2)
BATCHES = {
    "batch1": (batch1, "b1", "blind1"),
    "batch3": (batch3, "b3", "blind3"),
    "batch4": (batch4, "b4", "blind4"),
    "batch5": (batch5, "b5", "blind5"),
    "batch6": (batch6, "b6", "blind6"),
    "batch7": (batch7, "b7", "blind7"),
    "batch8": (batch8, "b8", "blind8"),
}
# Minimum families per batch: (per category, positives, clean, in all). Batch 5 was asked for a
# smaller batch (30 families) under time pressure; the others keep the full 40.
MINIMUMS = {
    "batch1": (4, 24, 16, 40),
    "batch3": (4, 24, 16, 40),
    "batch4": (4, 24, 16, 40),
    "batch5": (3, 18, 12, 30),
    "batch6": (4, 24, 16, 40),
    "batch7": (4, 24, 16, 40),
    "batch8": (4, 24, 16, 40),
}
FORMATS = {
    **batch1.FORMATS,
    **batch3.FORMATS,
    **batch4.FORMATS,
    **batch5.FORMATS,
    **batch6.FORMATS,
    **batch7.FORMATS,
    **batch8.FORMATS,
}
BY_NAME = {
    t.name: t for b in (batch1, batch3, batch4, batch5, batch6, batch7, batch8) for t in b.FAMILIES
}
NAMES = sorted(BY_NAME)


def _text_formats(name: str) -> list[str]:
    return [f for f in FORMATS[name] if f not in IMAGE_FORMATS]


def _squash(s: str) -> str:
    return "".join(s.split())


def _read_back(path: Path, fmt: str) -> str:
    """The text a reader gets back from the rendered file, by the library that reads that format."""
    if fmt.startswith(("txt", "csv")):
        enc = {"gbk": "gbk", "gb18030": "gb18030", "utf16": "utf-16"}
        return path.read_bytes().decode(
            next((v for k, v in enc.items() if fmt.endswith(k)), "utf-8-sig")
        )
    if fmt == "docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
        parts += [p.text for s in d.sections for p in s.header.paragraphs]
        parts += [p.text for s in d.sections for p in s.footer.paragraphs]
        return "\n".join(parts)
    if fmt == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(str(path), read_only=True)
        return "\n".join(
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v
        )
    if fmt == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in pdf)
        finally:
            pdf.close()
    raise AssertionError(f"no reader for {fmt}")


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_family_names_unique_prefixed_and_split(batch: str):
    mod, prefix, split = BATCHES[batch]
    names = [t.name for t in mod.FAMILIES]
    assert len(names) == len(set(names)), [
        n for n, c in collections.Counter(names).items() if c > 1
    ]
    assert all(re.fullmatch(prefix + r"_[a-z0-9_]+", n) for n in names), names
    assert {t.split for t in mod.FAMILIES} == {mod.SPLIT} == {split}


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_label_coverage(batch: str):
    mod = BATCHES[batch][0]
    per_category, positives, clean, total = MINIMUMS[batch]
    per_label = collections.Counter(t.label for t in mod.FAMILIES)
    assert set(per_label) == {*CATEGORIES, "clean"}, per_label
    assert all(per_label[c] >= per_category for c in CATEGORIES), per_label
    assert sum(per_label[c] for c in CATEGORIES) >= positives, per_label
    assert per_label["clean"] >= clean, per_label
    assert len(mod.FAMILIES) >= total


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_formats_declared_for_every_family_and_known_to_the_renderer(batch: str):
    mod = BATCHES[batch][0]
    assert set(mod.FORMATS) == {t.name for t in mod.FAMILIES}
    for name, fmts in mod.FORMATS.items():
        assert fmts, name
        assert set(fmts) <= set(RENDER_FORMATS), (name, set(fmts) - set(RENDER_FORMATS))
        assert _text_formats(name), f"{name} has no text-layer format"


@pytest.mark.parametrize("name", NAMES)
def test_family_builds_labelled_varied_and_reproducible(name: str):
    t = BY_NAME[name]
    texts = []
    for seed in SEEDS:
        doc = build(t, seed)
        assert doc.label == t.label and doc.kind == name
        text = "\n".join(doc.lines())
        assert len(_squash(text)) >= 60, (name, seed, text)
        assert "\n".join(build(t, seed).lines()) == text, f"{name} seed {seed} is not reproducible"
        full = _squash(doc.header + text + doc.footer)
        for ident in doc.identifiers:
            assert ident in full, (name, seed, ident)
        for phrase in doc.key_phrases:
            assert _squash(phrase) in full, (name, seed, phrase)
        # every declared format can carry this document (csv keeps only tables, xlsx no header)
        for fmt in FORMATS[name]:
            assert carries(doc, fmt), (name, seed, fmt)
            if fmt.endswith("gbk"):
                (doc.header + text + doc.footer).encode("gbk")  # must not raise
        texts.append(text)
    assert len(set(texts)) == len(SEEDS), f"{name}: seeds give identical documents"


@pytest.mark.parametrize("name", NAMES)
def test_family_renders_to_first_text_format(name: str, tmp_path: Path):
    fmt = _text_formats(name)[0]
    for seed in SEEDS[:1]:  # building is checked for every seed above; writing once is enough
        doc = build(BY_NAME[name], seed)
        path = write(doc, tmp_path / f"{name}-{seed}{default_ext(fmt)}", fmt, seed=seed)
        assert path.stat().st_size > 0
        got = _squash(_read_back(path, fmt))
        want = [doc.title] if doc.title else []
        want += doc.key_phrases + doc.identifiers
        if doc.tables and len(doc.tables[0]) > 1:
            want.append(doc.tables[0][1][1])
        for w in want:
            assert _squash(w) in got, (name, seed, fmt, w)
