"""Value types shared by every stage: file -> Extraction -> Finding -> Verdict.

Stdlib only. Everything here is immutable; stages build new values, never edit old ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CELL = "cell"
    HEADER = "header"
    FOOTER = "footer"
    TEXTBOX = "textbox"
    FOOTNOTE = "footnote"
    COMMENT = "comment"
    OCR_LINE = "ocr_line"
    METADATA = "metadata"
    FILENAME = "filename"


@dataclass(frozen=True, slots=True)
class BBox:
    """Box normalised to [0, 1] of the page as the OCR saw it (after orientation was fixed),
    or of the PDF page. The rotation applied is in Extraction.metadata as ("ocr.rotate.p<N>", deg).
    """

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # display path; archive members as "outer.zip!inner/path"
    sha256: str
    size: int
    media_type: str  # sniffed from content, never from the extension


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    page: int | None = None  # 1-based page / sheet index where meaningful
    bbox: BBox | None = None
    confidence: float | None = None  # OCR confidence in [0, 1]
    origin: str | None = None  # e.g. "word/header1.xml", "sheet:名单", "word/media/image1.png"


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cell strings, wherever it came from (docx, xlsx, csv, pdf, OCR)."""

    rows: tuple[tuple[str, ...], ...]
    page: int | None = None
    name: str | None = None  # sheet name for spreadsheets
    origin: str | None = None
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    source: Source
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()  # (key, value) pairs: title, author, dates, EXIF
    ocr_used: bool = False
    warnings: tuple[str, ...] = ()
    members: tuple[Extraction, ...] = ()  # archive members, each judged on its own
    pages: int | None = None

    def meta(self, key: str) -> str | None:
        for k, v in self.metadata:
            if k == key:
                return v
        return None

    def text(self) -> str:
        """All block text and table cells, one block/row per line (for `extract` and tests)."""
        parts = [b.text for b in self.blocks]
        for t in self.tables:
            parts.extend("\t".join(row) for row in t.rows)
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Location:
    page: int | None = None
    origin: str | None = None  # sheet, xml part, archive member, image
    table: int | None = None  # index into Extraction.tables
    row: int | None = None
    col: int | None = None
    bbox: BBox | None = None
    block: int | None = None  # index into Extraction.blocks

    def describe(self) -> str:
        parts: list[str] = []
        if self.origin:
            parts.append(self.origin)
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.table is not None:
            parts.append(f"t{self.table}")
        if self.row is not None:
            parts.append(f"r{self.row + 1}")
        if self.col is not None:
            parts.append(f"c{self.col + 1}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of evidence. Detectors say what they saw; the policy decides what it is worth."""

    detector: str  # e.g. "identifiers", "doc_form"
    signal: str  # e.g. "resident_id", "doc_number", "roster_table"; policy weights key on this
    excerpt: str  # already masked; safe to log and show
    location: Location = field(default_factory=Location)
    category_hints: tuple[str, ...] = ()
    value_hash: str | None = None  # keyed hash of the raw value, to count distinct values
    count: int = 1  # e.g. number of person rows in a roster
    strength: float = 1.0  # detector's own confidence in [0, 1] (e.g. OCR confidence)
    context: str = ""  # masked text around the match (contains `excerpt`), for highlighting


class Decision(StrEnum):
    FLAGGED = "flagged"
    CLEAN = "clean"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class Evidence:
    detector: str
    signal: str
    text: str  # masked
    location: str  # Location.describe()
    weight: float  # what this piece added to the category score
    context: str = ""  # masked text around the match (contains `text`), for highlighting
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # OCR box, normalised to [0, 1]


@dataclass(frozen=True, slots=True)
class CategoryScore:
    id: str
    score: float  # in [0, 1]
    threshold: float
    evidence: tuple[Evidence, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.score >= self.threshold


@dataclass(frozen=True, slots=True)
class Verdict:
    path: str
    decision: Decision
    categories: tuple[CategoryScore, ...] = ()  # highest score first; all scored categories
    error: str | None = None  # human-readable reason when unreadable
    error_kind: str | None = None  # unsupported | encrypted | corrupt | too_large | timeout | ...
    sha256: str | None = None
    size: int | None = None
    media_type: str | None = None
    timings: tuple[tuple[str, float], ...] = ()  # (stage, seconds)
    warnings: tuple[str, ...] = ()
    allowlisted: str | None = None  # reason when an allowlist entry cleared the file

    @property
    def flagged_categories(self) -> tuple[CategoryScore, ...]:
        return tuple(c for c in self.categories if c.flagged)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "verdict": self.decision.value,
            "categories": [
                {
                    "id": c.id,
                    "score": round(c.score, 3),
                    "evidence": [asdict(e) for e in c.evidence],
                }
                for c in self.flagged_categories
            ],
            "sha256": self.sha256,
            "size": self.size,
            "media_type": self.media_type,
            "timings": {k: round(v, 4) for k, v in self.timings},
        }
        if self.error is not None:
            d["error"] = self.error
            d["error_kind"] = self.error_kind
        if self.warnings:
            d["warnings"] = list(self.warnings)
        if self.allowlisted:
            d["allowlisted"] = self.allowlisted
        return d
