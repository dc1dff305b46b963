"""The labelled synthetic corpus: documents from `templates`, written in any format by `render`.

    docs = generate(per_template=3, seed=1, split="heldout")
    items = write_corpus(docs, tmp_path, formats=("txt", "docx"))
    ext = as_extraction(docs[0])      # in-process Extraction for detector unit tests

Fake people come from Faker zh_CN seeded per document, so a corpus is reproducible.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from detectors.model import Block, BlockKind, Extraction, Source, Table
from tests.docgen.doc import Doc
from tests.docgen.templates import TEMPLATES, Template

TEXT_FORMATS = ("txt", "txt-gbk", "csv-gbk", "docx", "xlsx", "pdf")
PHOTO_FORMATS = ("photo", "pdf-scan", "screenshot")


@dataclass(frozen=True)
class Item:
    path: Path
    doc: Doc
    fmt: str
    split: str


def templates(split: str | None = None, label: str | None = None) -> list[Template]:
    return [
        t
        for t in TEMPLATES
        if (split is None or t.split == split) and (label is None or t.label == label)
    ]


def build(t: Template, seed: int) -> Doc:
    rng = random.Random(f"{t.name}:{seed}")
    fake = Faker("zh_CN")
    fake.seed_instance(rng.randint(0, 2**31))
    doc = t.build(rng, fake)
    doc.closing = [c for c in doc.closing if c]
    return doc


def generate(
    per_template: int = 3, seed: int = 0, split: str | None = None, label: str | None = None
) -> list[tuple[Template, Doc]]:
    out = []
    for t in templates(split, label):
        for i in range(per_template):
            out.append((t, build(t, seed * 1000 + i)))
    return out


def as_extraction(doc: Doc, path: str = "doc.txt") -> Extraction:
    """The Extraction an extractor would produce for a text-layer rendering of `doc`."""
    blocks: list[Block] = []
    if doc.header:
        blocks.append(Block(text=doc.header, kind=BlockKind.HEADER))
    for line in doc.preamble:
        blocks.append(Block(text=line))
    if doc.title:
        blocks.append(Block(text=doc.title, kind=BlockKind.HEADING))
    for p in doc.paragraphs:
        blocks.append(Block(text=p))
    for c in doc.closing:
        blocks.append(Block(text=c))
    if doc.footer:
        blocks.append(Block(text=doc.footer, kind=BlockKind.FOOTER))
    tables = tuple(Table(rows=tuple(tuple(r) for r in t)) for t in doc.tables)
    raw = "\n".join(doc.lines()).encode()
    return Extraction(
        source=Source(
            path=path,
            sha256=hashlib.sha256(raw).hexdigest(),
            size=len(raw),
            media_type="text/plain",
        ),
        blocks=tuple(blocks),
        tables=tables,
    )


def carries(doc: Doc, fmt: str) -> bool:
    """Whether `fmt` can carry what makes `doc` what it is (the renderer's CSV holds only the
    tables; its xlsx has no page header/footer, where some documents carry their mark)."""
    if fmt.startswith("csv"):
        return bool(doc.tables) and doc.label in ("screening_list", "clean")
    if fmt.startswith("xlsx"):
        return not (doc.header or doc.footer)
    return True


def write_corpus(
    docs: Iterable[tuple[Template, Doc]], root: Path, formats: Sequence[str], *, seed: int = 0
) -> list[Item]:
    from tests.docgen.render import default_ext, write

    root.mkdir(parents=True, exist_ok=True)
    items = []
    for n, (t, doc) in enumerate(docs):
        for fmt in formats:
            if not carries(doc, fmt):
                continue
            path = root / f"{n:04d}-{t.name}-{fmt}{default_ext(fmt)}"
            write(doc, path, fmt, seed=seed + n)
            items.append(Item(path, doc, fmt, t.split))
    return items
