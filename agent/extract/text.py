"""Plain text and CSV in UTF-8 (with or without BOM), GBK/GB18030 and UTF-16: detected from the
bytes, never guessed from the extension."""

from __future__ import annotations

import csv
import io

from agent.errors import CorruptFile
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, register
from detectors.model import Block, BlockKind, Table


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding). BOMs first, then strict UTF-8, then GB18030 (a superset of GBK that
    decodes every GBK file), then charset-normalizer for the rest."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if data.count(b"\x00") > len(data) // 4 and len(data) >= 2:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "gb18030"):
        return str(best), best.encoding
    # damaged bytes in UTF-8/GBK text: keep everything else, mark the damage with U+FFFD
    candidates = [(data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "gb18030")]
    text, enc = min(candidates, key=lambda c: c[0].count("\ufffd"))
    if text.count("\ufffd") > len(text) // 10:
        raise CorruptFile("text in an unknown encoding")
    return text, f"{enc} (damaged)"


@register(mt.TEXT)
def extract_text(data: bytes, ctx: Ctx) -> Parts:
    text, enc = decode_text(data)
    ctx.budget.add_text(len(text))
    parts = Parts(pages=1)
    parts.metadata.append(("encoding", enc))
    # Blank-line separated paragraphs keep reading order and keep lines whole
    for n, para in enumerate(_paragraphs(text)):
        parts.blocks.append(Block(para, BlockKind.PARAGRAPH, page=1, origin=f"line:{n + 1}"))
    return parts


def _paragraphs(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        s = line.rstrip("\r\n")
        if s.strip():
            out.append(s)
    return out


@register(mt.CSV)
def extract_csv(data: bytes, ctx: Ctx) -> Parts:
    text, enc = decode_text(data)
    ctx.budget.add_text(len(text))
    parts = Parts(pages=1)
    parts.metadata.append(("encoding", enc))
    sample = text[:16384]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(1 << 20, ctx.limits.max_text_chars))
    rows: list[tuple[str, ...]] = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            cells = tuple(c.strip() for c in row)
            while cells and not cells[-1]:
                cells = cells[:-1]
            if cells:
                rows.append(cells)
    except csv.Error as e:
        parts.warnings.append(f"csv: {e}; read as plain text")
        for n, line in enumerate(_paragraphs(text)):
            parts.blocks.append(Block(line, BlockKind.PARAGRAPH, page=1, origin=f"line:{n + 1}"))
        return parts
    parts.tables.append(Table(rows=tuple(rows), page=1, origin="csv"))
    return parts
