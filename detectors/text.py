"""Text helpers shared by detectors: normalisation and the line view of an Extraction.

Detectors work line by line on NFKC-normalised text with all whitespace removed, so full-width
characters, OCR's spaces between CJK characters and table-cell order do not split phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from detectors.model import BBox, Block, BlockKind, Extraction, Location

_WS = re.compile(r"\s+")
# A very long "line" is a document whose paragraph breaks were lost; split it on whitespace runs.
LONG_LINE = 120
# Kinds whose text is "around" the document rather than in its body: marks count fully there.
MARGIN_KINDS = frozenset(
    {BlockKind.HEADER, BlockKind.FOOTER, BlockKind.METADATA, BlockKind.FILENAME}
)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """NFKC and no whitespace: the form every phrase comparison uses."""
    return _WS.sub("", nfkc(text))


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or segment of an over-long line, or one table cell) with where it came from."""

    text: str  # original text of the line
    norm: str  # squash(text)
    location: Location
    kind: BlockKind
    index: int  # position in reading order among all lines
    confidence: float | None = None

    @property
    def bbox(self) -> BBox | None:
        return self.location.bbox


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=[:：])(?=\S)")
# In text that lost its breaks a title runs into the first field ("…督办通知单督办事项：…",
# "…核查报告分行内控合规部：…"): break after a document-type word followed by a label and colon.
_TITLE_END = re.compile(
    r"(?:(?<=[单表函])|(?<=报告|通知|纪要|方案|通报|请示|批复))(?=[\u4e00-\u9fff]{2,10}[:：])"
)


def _split_long(text: str) -> list[str]:
    out: list[str] = []
    for raw in text.splitlines() or [text]:
        parts = [p for p in re.split(r"\s+", raw) if p] if len(raw) > LONG_LINE else []
        # OCR puts spaces between CJK characters: only split when the pieces are real segments.
        real = len(parts) > 1 and sum(map(len, parts)) / len(parts) >= 6
        pieces = parts if real else [raw]
        for piece in pieces:
            # A document whose line breaks were lost: sentences and "主送：" become lines again.
            if len(piece) > LONG_LINE:
                for x in _SENTENCE_END.split(piece):
                    if x.strip():
                        out.extend(y for y in _TITLE_END.split(x, maxsplit=1) if y.strip())
            else:
                out.append(piece)
    return out


def block_lines(extraction: Extraction) -> list[Line]:
    """Lines from blocks (split on newlines), then one line per table cell, in reading order.

    Cached per Extraction object because every detector asks for it.
    """
    key = id(extraction)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is extraction:
        return hit[1]
    lines: list[Line] = []
    n = 0
    for bi, block in enumerate(extraction.blocks):
        for part in _split_long(block.text):
            if not part.strip():
                continue
            lines.append(
                Line(
                    text=part,
                    norm=squash(part),
                    location=Location(
                        page=block.page, origin=block.origin, bbox=block.bbox, block=bi
                    ),
                    kind=block.kind,
                    index=n,
                    confidence=block.confidence,
                )
            )
            n += 1
    for ti, table in enumerate(extraction.tables):
        for ri, row in enumerate(table.rows):
            for ci, cell in enumerate(row):
                for part in _split_long(cell or ""):
                    if not part.strip():
                        continue
                    lines.append(
                        Line(
                            text=part,
                            norm=squash(part),
                            location=Location(
                                page=table.page,
                                origin=table.name or table.origin,
                                table=ti,
                                row=ri,
                                col=ci,
                            ),
                            kind=BlockKind.CELL,
                            index=n,
                        )
                    )
                    n += 1
    for key_, value in extraction.metadata:
        if key_.startswith(("ocr.", "exif.")) or not value.strip():
            continue
        for part in _split_long(value):
            lines.append(
                Line(
                    text=part,
                    norm=squash(part),
                    location=Location(origin=f"metadata:{key_}"),
                    kind=BlockKind.METADATA,
                    index=n,
                )
            )
            n += 1
    name = file_name(extraction.source.path)
    if name:
        lines.append(
            Line(
                text=name,
                norm=squash(name),
                location=Location(origin="filename"),
                kind=BlockKind.FILENAME,
                index=n,
            )
        )
    # One entry: every detector asks for the same Extraction in turn; keeping more would hold
    # the text of earlier documents in a long-running agent for no gain.
    _CACHE.clear()
    _CACHE[key] = (extraction, lines)
    return lines


_CACHE: dict[int, tuple[Extraction, list[Line]]] = {}


def file_name(path: str) -> str:
    """Last component of a display path, archive members included ("a.zip!dir/b.docx")."""
    tail = re.split(r"[/\\!]", path or "")[-1]
    return tail.rsplit(".", 1)[0] if "." in tail else tail


def body_lines(lines: Iterable[Line]) -> list[Line]:
    return [ln for ln in lines if ln.kind not in MARGIN_KINDS]


def context_window(text: str, start: int, end: int, width: int = 30) -> str:
    """The text around [start, end) on one line, at most `width` characters either side."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a > 0 else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def make_block(text: str, kind: BlockKind = BlockKind.PARAGRAPH, **kw: object) -> Block:
    """Convenience for tests and callers building Extractions by hand."""
    return Block(text=text, kind=kind, **kw)  # type: ignore[arg-type]
