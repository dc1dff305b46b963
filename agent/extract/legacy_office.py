"""Word 97-2003 (.doc, and WPS Writer's .wps, which is the same binary format) and PowerPoint
97-2003 (.ppt, WPS Presentation's .dps), read in pure Python from the OLE2 streams
([MS-DOC], [MS-PPT]): no LibreOffice or antiword at run time, so it installs with pip anywhere.

Word: the FIB gives the lengths of each story (body, footnotes, headers/footers, comments,
endnotes, text boxes); the piece table (CLX) maps character positions to the bytes of the
WordDocument stream (8-bit cp1252 or UTF-16LE pieces); paragraph properties (PAPX FKPs) say
which paragraphs are table cells and which end a table row, so tables come out as Tables.
Field codes (`HYPERLINK ...`, `PAGE`) are dropped, their results kept. Pictures in the Data
and WordDocument streams are carved out and OCR'd. Documents embedded as OLE objects (ObjectPool:
an Excel sheet, an OOXML file, a Word 97 document, a PDF, a packaged file) are read as members.
Not read: Word 6/95 files, revision marks as such (deleted text that is still in the pieces is
read as ordinary text).

PowerPoint: every text atom (TextCharsAtom, TextBytesAtom, CString in shapes) of each slide and
of the notes pages, slide by slide, skipping the masters' placeholder prompts; pictures from the
Pictures stream are OCR'd.
"""

from __future__ import annotations

import bisect
import collections
import re
import struct

from agent.errors import (
    CorruptFile,
    EncryptedFile,
    ExtractionError,
    ExtractionTimeout,
    TooLarge,
    UnsupportedFormat,
)
from agent.extract import media as mt
from agent.extract.base import MB, Ctx, Parts, register
from agent.extract.ole import (
    carve_images,
    check_not_encrypted,
    open_ole,
    read_stream,
    summary_metadata,
)
from detectors.model import Block, BlockKind, Table

# ---------------------------------------------------------------- Word 97 (.doc / .wps)

_STORIES = (  # FibRgLw97 index of each story's length, in the order they follow each other
    (3, BlockKind.PARAGRAPH, "body"),
    (4, BlockKind.FOOTNOTE, "footnotes"),
    (5, BlockKind.HEADER, "headers"),
    (7, BlockKind.COMMENT, "comments"),
    (8, BlockKind.FOOTNOTE, "endnotes"),
    (9, BlockKind.TEXTBOX, "textboxes"),
    (10, BlockKind.TEXTBOX, "header-textboxes"),
)
_FC_CLX, _FC_PLCF_HDD, _FC_BTE_PAPX = 33, 11, 13  # FibRgFcLcb97 pair indexes
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_ITAP = 0x2416, 0x2417, 0x6649
_SPRM_INNER_TTP, _SPRM_INNER_CELL = 0x244C, 0x244B
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
# control characters that stand for objects (picture, footnote mark, drawn object...)
_OBJECTS = re.compile(r"[\x00-\x06\x08\x0e-\x12\x16-\x1f]")


class _Fib:
    def __init__(self, wd: bytes) -> None:
        if len(wd) < 64:
            raise CorruptFile("the WordDocument stream is too short for a FIB")
        ident, self.nfib = struct.unpack_from("<HH", wd, 0)
        if ident != 0xA5EC:
            raise CorruptFile("not a Word document (bad FIB signature)")
        if self.nfib <= 0x0068:
            raise UnsupportedFormat(f"Word 6/95 documents are not supported (nFib {self.nfib:#x})")
        (flags,) = struct.unpack_from("<H", wd, 0x0A)
        if flags & 0x0100:  # fEncrypted (fObfuscated 0x8000 comes with it): RC4 or XOR
            # everything after the FIB's first 68 bytes is ciphertext: nothing more to parse
            raise EncryptedFile("the Word document is password-protected")
        self.table_stream = "1Table" if flags & 0x0200 else "0Table"
        pos = 32
        (csw,) = struct.unpack_from("<H", wd, pos)
        pos += 2 + csw * 2
        (cslw,) = struct.unpack_from("<H", wd, pos)
        pos += 2
        if cslw < 11 or pos + cslw * 4 > len(wd):
            raise CorruptFile("FIB too short")
        self.rg_lw = struct.unpack_from(f"<{cslw}i", wd, pos)
        pos += cslw * 4
        (cb_fclcb,) = struct.unpack_from("<H", wd, pos)
        pos += 2
        if cb_fclcb < 34 or pos + cb_fclcb * 8 > len(wd):
            raise CorruptFile("FIB too short")
        self.fclcb = struct.unpack_from(f"<{cb_fclcb * 2}I", wd, pos)

    def pair(self, index: int) -> tuple[int, int]:
        return self.fclcb[2 * index], self.fclcb[2 * index + 1]

    def story_lengths(self) -> list[int]:
        return [max(0, self.rg_lw[i]) for i, _, _ in _STORIES]


class _Pieces:
    """The piece table: character position → (byte offset, 1 or 2 bytes per character)."""

    def __init__(self, table: bytes, fc: int, lcb: int) -> None:
        clx = table[fc : fc + lcb]
        if len(clx) != lcb or lcb == 0:
            raise CorruptFile("the piece table (CLX) is missing or cut short")
        pos = 0
        while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
            if pos + 3 > len(clx):
                raise CorruptFile("the piece table (CLX) is damaged")
            (cb,) = struct.unpack_from("<h", clx, pos + 1)
            pos += 3 + max(0, cb)
        if pos + 5 > len(clx) or clx[pos] != 0x02:
            raise CorruptFile("the piece table (CLX) is damaged")
        (size,) = struct.unpack_from("<I", clx, pos + 1)
        plc = clx[pos + 5 : pos + 5 + size]
        n = (len(plc) - 4) // 12
        if n <= 0 or len(plc) < 4 + 12 * n:
            raise CorruptFile("the piece table (CLX) is empty")
        self.cps = list(struct.unpack_from(f"<{n + 1}I", plc, 0))
        self.pieces: list[tuple[int, bool]] = []  # (byte offset, compressed)
        for i in range(n):
            (fc_raw,) = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)
            compressed = bool(fc_raw & 0x40000000)
            fc_val = fc_raw & 0x3FFFFFFF
            self.pieces.append((fc_val // 2 if compressed else fc_val, compressed))

    def text(self, wd: bytes, end_cp: int, ctx: Ctx) -> tuple[str, list[int]]:
        """The document's characters up to `end_cp` and, for each, its byte offset (FC)."""
        out: list[str] = []
        fcs: list[int] = []
        for i, (fc, compressed) in enumerate(self.pieces):
            cp0, cp1 = self.cps[i], min(self.cps[i + 1], end_cp)
            if cp1 <= cp0:
                continue
            ctx.budget.check_time()
            n = cp1 - cp0
            width = 1 if compressed else 2
            raw = wd[fc : fc + n * width]
            if len(raw) < n * width:
                raise CorruptFile("a text piece points past the end of the document")
            out.append(raw.decode("cp1252" if compressed else "utf-16-le", "replace"))
            fcs.extend(range(fc, fc + n * width, width))
            ctx.budget.add_text(n)
        return "".join(out), fcs


class _ParaProps:
    """Paragraph table flags by byte offset, from the PAPX FKPs (PlcBtePapx)."""

    def __init__(self, wd: bytes, table: bytes, fc: int, lcb: int) -> None:
        self.starts: list[int] = []
        self.runs: list[tuple[int, int, int]] = []  # (fc end, in-table depth, row end: 0/1)
        plc = table[fc : fc + lcb]
        n = (len(plc) - 4) // 8
        if n <= 0:
            return
        for i in range(n):
            (pn,) = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * i)
            fkp = wd[(pn & 0x3FFFFF) * 512 : (pn & 0x3FFFFF) * 512 + 512]
            if len(fkp) < 512:
                continue
            crun = fkp[511]
            if 4 * (crun + 1) + 13 * crun > 511:
                continue
            rgfc = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
            for j in range(crun):
                b_offset = fkp[4 * (crun + 1) + 13 * j]
                depth, ttp = self._flags(fkp, b_offset * 2) if b_offset else (0, 0)
                self.starts.append(rgfc[j])
                self.runs.append((rgfc[j + 1], depth, ttp))
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[k] for k in order]
        self.runs = [self.runs[k] for k in order]

    @staticmethod
    def _flags(fkp: bytes, pos: int) -> tuple[int, int]:
        if pos >= 511:
            return 0, 0
        cb = fkp[pos]
        if cb == 0:
            if pos + 1 >= 511:
                return 0, 0
            length, start = 2 * fkp[pos + 1], pos + 2
        else:
            length, start = 2 * cb - 1, pos + 1
        grpprl = fkp[start + 2 : min(start + length, 511)]  # after the 2-byte istd
        in_table = ttp = 0
        itap = None
        inner_ttp = False
        i = 0
        while i + 2 <= len(grpprl):
            (sprm,) = struct.unpack_from("<H", grpprl, i)
            i += 2
            spra = sprm >> 13
            if spra in (0, 1):
                size = 1
            elif spra in (2, 4, 5):
                size = 2
            elif spra == 3:
                size = 4
            elif spra == 7:
                size = 3
            elif sprm == 0xD608 and i + 2 <= len(grpprl):  # sprmTDefTable: 2-byte length
                (cb2,) = struct.unpack_from("<H", grpprl, i)
                size = 2 + max(0, cb2 - 1)
            elif i < len(grpprl):
                size = 1 + grpprl[i]
            else:
                break
            operand = grpprl[i : i + size]
            i += size
            if not operand:
                break
            if sprm == _SPRM_IN_TABLE:
                in_table = operand[0]
            elif sprm == _SPRM_TTP:
                ttp = operand[0]
            elif sprm == _SPRM_ITAP and len(operand) == 4:
                itap = struct.unpack("<i", operand)[0]
            elif sprm == _SPRM_INNER_TTP:
                inner_ttp = bool(operand[0])
        depth = itap if itap is not None else (1 if in_table else 0)
        if inner_ttp and depth > 1:
            ttp = 1
        return max(0, depth), ttp

    def at(self, fc: int) -> tuple[int, int]:
        """(table depth, ends a row) of the paragraph whose mark is at byte offset `fc`."""
        k = bisect.bisect_right(self.starts, fc) - 1
        if k >= 0 and fc < self.runs[k][0]:
            return self.runs[k][1], self.runs[k][2]
        return 0, 0


def _strip_fields(text: str) -> str:
    """Drop field codes (between 0x13 and 0x14), keep results (between 0x14 and 0x15)."""
    if _FIELD_BEGIN not in text:
        return text
    out: list[str] = []
    stack: list[bool] = []  # per open field: are we in its code part?
    for ch in text:
        if ch == _FIELD_BEGIN:
            stack.append(True)
        elif ch == _FIELD_SEP:
            if stack:
                stack[-1] = False
        elif ch == _FIELD_END:
            if stack:
                stack.pop()
        elif not stack or not any(stack):
            out.append(ch)
    return "".join(out)


def _clean(text: str) -> str:
    text = _OBJECTS.sub("", _strip_fields(text))
    return text.replace("\x0b", "\n").replace("\x0c", "\n").replace("\xa0", " ").strip()


def _body(text: str, fcs: list[int], props: _ParaProps | None, parts: Parts) -> None:
    """Body paragraphs and tables, in order."""
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    cell: list[str] = []

    def close_table() -> None:
        nonlocal rows, row, cell
        if cell or row:
            row.append("\n".join(cell))
            rows.append(tuple(_clean(c) for c in row))
        if rows:
            parts.tables.append(Table(rows=tuple(rows), page=None, origin="WordDocument"))
        rows, row, cell = [], [], []

    start = 0
    for i, ch in enumerate(text):
        if ch not in "\r\x07":
            continue
        para = text[start:i]
        start = i + 1
        depth, ttp = props.at(fcs[i]) if props is not None else (0, 0)
        if depth == 0 and ch == "\x07":
            depth = 1  # a cell mark without table properties (props unreadable): still a cell
        if depth == 0:
            close_table()
            cleaned = _clean(para)
            if cleaned:
                parts.blocks.append(Block(cleaned, BlockKind.PARAGRAPH, origin="WordDocument"))
            continue
        if ttp:
            if cell:
                row.append("\n".join(cell))
            if row:
                rows.append(tuple(_clean(c) for c in row))
            row, cell = [], []
        elif ch == "\x07":
            cell.append(para)
            row.append("\n".join(cell))
            cell = []
        else:
            cell.append(para)
    close_table()
    tail = _clean(text[start:])
    if tail:
        parts.blocks.append(Block(tail, BlockKind.PARAGRAPH, origin="WordDocument"))


def _header_kinds(table: bytes, fib: _Fib, hdd_len: int) -> list[tuple[int, int, BlockKind]]:
    """(start, end, HEADER/FOOTER) of each header story, from PlcfHdd: after 6 separator
    stories, each section has even/odd header, even/odd footer, first header, first footer."""
    fc, lcb = fib.pair(_FC_PLCF_HDD)
    n = lcb // 4
    if n < 2 or fc + lcb > len(table):
        return [(0, hdd_len, BlockKind.HEADER)]
    cps = struct.unpack_from(f"<{n}I", table, fc)
    out = []
    for i in range(n - 1):
        if i < 6:
            continue
        kind = BlockKind.HEADER if (i - 6) % 6 in (0, 1, 4) else BlockKind.FOOTER
        out.append((min(cps[i], hdd_len), min(cps[i + 1], hdd_len), kind))
    return out


def _story(text: str, kind: BlockKind, origin: str, parts: Parts) -> None:
    for para in re.split(r"[\r\x07]", text):
        cleaned = _clean(para)
        if cleaned:
            parts.blocks.append(Block(cleaned, kind, origin=origin))


@register(mt.DOC)
def extract_doc(data: bytes, ctx: Ctx) -> Parts:
    ole = open_ole(data, ctx)
    try:
        check_not_encrypted(ole)
        parts = _word(ole, (), ctx)
        summary_metadata(ole, data, parts)
        embedded_objects(ole, ctx, parts)
    finally:
        ole.close()
    return parts


def _word(ole, storage: tuple[str, ...], ctx: Ctx) -> Parts:
    """The Word document in `storage` of the container: its root, or an embedded object's."""
    parts = Parts()
    try:
        wd = read_stream(ole, [*storage, "WordDocument"], ctx)
        assert wd is not None
        fib = _Fib(wd)
        table = read_stream(ole, [*storage, fib.table_stream], ctx)
        assert table is not None
        lengths = fib.story_lengths()
        total = sum(lengths) + (1 if any(lengths[1:]) else 0)
        pieces = _Pieces(table, *fib.pair(_FC_CLX))
        text, fcs = pieces.text(wd, total, ctx)
        try:
            props: _ParaProps | None = _ParaProps(wd, table, *fib.pair(_FC_BTE_PAPX))
        except (struct.error, IndexError, ValueError):
            props = None
            parts.warnings.append("paragraph properties unreadable: tables read as text")
        pos = 0
        for (_, kind, name), length in zip(_STORIES, lengths, strict=True):
            chunk = text[pos : pos + length]
            if name == "body":
                _body(chunk, fcs[pos : pos + length], props, parts)
            elif name == "headers":
                for s, e, k in _header_kinds(table, fib, len(chunk)):
                    _story(chunk[s:e], k, "WordDocument#headers", parts)
            elif chunk:
                _story(chunk, kind, f"WordDocument#{name}", parts)
            pos += length
        for stream in ("Data", "WordDocument"):
            blob = read_stream(ole, [*storage, stream], ctx, required=False)
            if blob:
                carve_images(blob, ctx, parts, origin=stream)
    except ExtractionError:
        raise
    except (struct.error, IndexError, ValueError, OSError) as e:
        raise CorruptFile(f"Word document unreadable: {type(e).__name__}: {e}") from e
    return parts


# ---------------------------------------------------------------- embedded objects

# The stream an embedded object keeps its document in, by the program that made it: an OOXML
# file (Office 2007+), an Excel sheet's BIFF stream, a PDF (Acrobat), a file packaged whole
# (Packager: "Insert > Object > From file"). A Word 97 document is a storage of streams.
_OBJECT_STREAMS = ("Package", "Workbook", "Book", "CONTENTS", "\x01Ole10Native")


def embedded_objects(ole, ctx: Ctx, parts: Parts) -> None:
    """Documents inserted as objects into a Word 97 file, each read as a member (as a docx's
    word/embeddings are): Word keeps each object in a storage under ObjectPool. A size or count
    limit skips that object, the time limit the ones after it."""
    objects: dict[tuple[str, ...], set[str]] = {}
    try:
        paths = ole.listdir(streams=True, storages=False)
    except Exception as e:  # a damaged directory: the document's own text is read already
        parts.warnings.append(f"embedded objects unreadable: {type(e).__name__}")
        return
    for path in paths:
        if len(path) == 3 and path[0] == "ObjectPool":
            objects.setdefault(tuple(path[:-1]), set()).add(path[-1])
    for storage, streams in sorted(objects.items()):
        where = f"{ctx.display_path}!{'/'.join(storage)}"
        try:
            ctx.budget.check_time()
            member = _embedded(ole, storage, streams, ctx, parts)
        except ExtractionTimeout as e:  # the document itself is read: judge it
            ctx.budget.skip(parts, f"{where} and the objects after it", e)
            break
        except TooLarge as e:
            ctx.budget.skip(parts, where, e)
            continue
        except CorruptFile as e:  # the object's stream is damaged in the container
            parts.warnings.append(f"member_unreadable:{e.kind}:{where}: {e.reason}")
            continue
        if member is not None:
            parts.members.append(member)


def _embedded(ole, storage: tuple[str, ...], streams: set[str], ctx: Ctx, parts: Parts):
    from agent.extract import extract_member

    if ctx.depth >= ctx.limits.archive_depth:
        raise TooLarge(f"documents nested deeper than {ctx.limits.archive_depth} levels")
    name = "/".join(storage)
    word = "WordDocument" in streams  # a Word 97 document, read in place
    stream = "WordDocument" if word else next((s for s in _OBJECT_STREAMS if s in streams), None)
    if stream is None:
        return None  # an equation, a chart, a drawing: no document in it
    ctx.budget.archive_members += 1
    if ctx.budget.archive_members > ctx.limits.archive_members:
        raise TooLarge(f"more than {ctx.limits.archive_members} embedded documents in total")
    blob = read_stream(ole, [*storage, stream], ctx)
    assert blob is not None
    ctx.budget.archive_bytes += len(blob)
    if ctx.budget.archive_bytes > ctx.limits.archive_total_mb * MB:
        raise TooLarge(f"embedded documents exceed {ctx.limits.archive_total_mb:g} MB in total")
    if word:  # its WordDocument stream identifies it
        read = (mt.DOC, lambda _data, child: _word(ole, storage, child))
        return extract_member(blob, f"{name}/WordDocument", ctx, parts, reader=read)
    label = f"{name}/{stream}"
    if stream == "\x01Ole10Native":
        filename, blob = _packaged_file(blob)
        label = f"{name}/{filename}"
    elif stream == "CONTENTS" and not blob.startswith(b"%PDF"):
        return None  # another program's private data
    return extract_member(blob, label, ctx, parts)


def _packaged_file(blob: bytes) -> tuple[str, bytes]:
    """The name and bytes of a file packaged whole (Packager's OLE 1.0 native data): the data's
    size, a flags word, the label and the source path (ANSI, NUL-ended), a reserved word, the
    temporary path (length-prefixed), then the file's size and bytes."""

    def ansi(pos: int) -> tuple[str, int]:
        end = blob.index(b"\x00", pos)
        return blob[pos:end].decode("gbk", "replace"), end + 1

    try:
        label, pos = ansi(6)
        _source, pos = ansi(pos)
        (n,) = struct.unpack_from("<I", blob, pos + 4)
        (size,) = struct.unpack_from("<I", blob, pos + 8 + n)
        start = pos + 12 + n
    except (ValueError, struct.error) as e:
        raise CorruptFile(f"packaged file unreadable: {type(e).__name__}") from e
    if start + size > len(blob):
        raise CorruptFile("packaged file cut short")
    name = label.replace("\\", "/").rsplit("/", 1)[-1] or "packaged"
    return name, blob[start : start + size]


@register(mt.OLE)
def extract_other_ole(data: bytes, ctx: Ctx) -> Parts:
    """An OLE2 file that is none of the Office kinds: damaged (its directory unreadable, e.g.
    a truncated .doc) or another program's (Outlook .msg, Visio...)."""
    ole = open_ole(data, ctx)  # CorruptFile when the container itself is damaged
    try:
        # a directory olefile could only half read (sector chains looping back, entries
        # referenced twice) is damage, not another program's format
        issues = [str(msg) for _, msg in getattr(ole, "parsing_issues", ())]
        if issues:
            raise CorruptFile(f"OLE container damaged: {issues[0]}")
        names = sorted("/".join(e) for e in ole.listdir(streams=True, storages=False))[:8]
    finally:
        ole.close()
    raise UnsupportedFormat(f"unsupported OLE2 compound file (streams: {', '.join(names)})")


# ---------------------------------------------------------------- PowerPoint 97 (.ppt / .dps)

_PPT_DOCUMENT, _PPT_SLIDE, _PPT_NOTES, _PPT_MAIN_MASTER = 0x03E8, 0x03EE, 0x03F0, 0x03F8
_PPT_SLIDE_LIST, _PPT_SLIDE_PERSIST = 0x0FF0, 0x03F3
_PPT_TEXT_CHARS, _PPT_TEXT_BYTES, _PPT_CSTRING = 0x0FA0, 0x0FA8, 0x0FBA
_PPT_CRYPT_SESSION = 0x2F14
# CurrentUserAtom.headerToken of an encrypted presentation ([MS-PPT] 2.3.2; 0xE391C05F if not)
_PPT_ENCRYPTED_TOKEN = (0xF3D1C4DF).to_bytes(4, "little")
_PPT_MAX_DEPTH = 32
# containers on the way to text: Document, SlideListWithText, Slide, Notes, PPDrawing, and the
# OfficeArt drawing, group, shape and client-textbox containers
_PPT_TEXT_CONTAINERS = {0x03E8, 0x0FF0, 0x03EE, 0x03F0, 0x040C, 0xF002, 0xF003, 0xF004, 0xF00D}
_PPT_WANTED_ATOMS = {_PPT_TEXT_CHARS, _PPT_TEXT_BYTES, _PPT_CSTRING, _PPT_CRYPT_SESSION,
                     _PPT_SLIDE_PERSIST}  # fmt: skip
# CStrings that are not slide text: programmable tags (`___PPT10`), hyperlinks, OLE names
_PPT_SKIP_CSTRING_PARENTS = {0x1388, 0x1389, 0x138A, 0x0FD7, 0x0FCC, 0x0FC8, 0x0FF5}


def _ppt_records(stream: bytes, ctx: Ctx):
    """Yield (type, instance, payload or None for a container, enclosing container types) in
    document order: every container on the way to text, and the atoms `extract_ppt` reads."""
    stack: list[list] = [[0, len(stream), ()]]
    n = 0
    while stack:
        frame = stack[-1]
        pos, end, path = frame
        if pos + 8 > end:
            stack.pop()
            continue
        ver_inst, rtype, length = struct.unpack_from("<HHI", stream, pos)
        body_end = min(pos + 8 + length, end)  # cut short: read what is there
        frame[0] = body_end
        n += 1
        if not n & 255:
            ctx.budget.check_time()
        if (ver_inst & 0x0F) == 0x0F:
            if len(path) >= _PPT_MAX_DEPTH:
                raise CorruptFile("PowerPoint records nested too deeply")
            yield rtype, ver_inst >> 4, None, path
            if rtype in _PPT_TEXT_CONTAINERS:  # fonts, pictures, VBA, masters hold no text
                stack.append([pos + 8, body_end, (*path, rtype)])
        elif rtype in _PPT_WANTED_ATOMS:  # the others (styles, rulers, OfficeArt...) unsliced
            yield rtype, ver_inst >> 4, stream[pos + 8 : body_end], path


def _ppt_text(rtype: int, payload: bytes) -> str:
    if rtype == _PPT_TEXT_BYTES:
        return payload.decode("cp1252", "replace")
    return payload.decode("utf-16-le", "replace")


def _merge_copies(outline: list[str], drawn: list[str]) -> list[str]:
    """A slide's outline lines, then its drawing's lines less one copy of each outline line:
    text stored in both is read once, a line the slide repeats (a table's cells) is not lost."""
    left = collections.Counter(outline)
    merged = list(outline)
    for line in drawn:
        if left[line]:
            left[line] -= 1
        else:
            merged.append(line)
    return merged


@register(mt.PPT)
def extract_ppt(data: bytes, ctx: Ctx) -> Parts:
    ole = open_ole(data, ctx)
    parts = Parts()
    try:
        check_not_encrypted(ole)
        current_user = read_stream(ole, "Current User", ctx, required=False) or b""
        if current_user[12:16] == _PPT_ENCRYPTED_TOKEN:
            # the records are ciphertext from the first byte: say so before walking them
            raise EncryptedFile("the presentation is password-protected")
        stream = read_stream(ole, "PowerPoint Document", ctx)
        assert stream is not None
        # a slide's text can be stored twice: in the outline (SlideListWithText) and in the
        # slide's drawing; each is kept whole (a table repeats its cells) and merged below
        outline: dict[int, list[str]] = {}
        slides: dict[int, list[str]] = {}
        notes: dict[int, list[str]] = {}
        n_slides = n_notes = 0
        outline_slide = 0
        slide_list = -1
        for rtype, instance, payload, path in _ppt_records(stream, ctx):
            if rtype == _PPT_CRYPT_SESSION:
                raise EncryptedFile("the presentation is password-protected")
            if rtype == _PPT_SLIDE and payload is None:
                n_slides += 1
                continue
            if rtype == _PPT_NOTES and payload is None:
                n_notes += 1
                continue
            if rtype == _PPT_SLIDE_LIST and payload is None:
                slide_list = instance  # 0 slides, 1 masters, 2 notes
                continue
            if rtype == _PPT_SLIDE_PERSIST and path and path[-1] == _PPT_SLIDE_LIST:
                outline_slide += slide_list == 0
                continue
            if payload is None or rtype not in (_PPT_TEXT_CHARS, _PPT_TEXT_BYTES, _PPT_CSTRING):
                continue
            if _PPT_MAIN_MASTER in path:
                continue  # "Click to edit Master title style"
            if rtype == _PPT_CSTRING and (
                (_PPT_SLIDE not in path and _PPT_NOTES not in path)
                or _PPT_SKIP_CSTRING_PARENTS & set(path)
            ):
                continue  # names of fonts, links, OLE objects, slide names
            text = _ppt_text(rtype, payload)
            if _PPT_NOTES in path:
                target, page = notes, n_notes
            elif _PPT_SLIDE in path:
                target, page = slides, n_slides
            elif _PPT_SLIDE_LIST in path:
                # the outline of slides (instance 0); other instances are masters and notes
                if slide_list != 0:
                    continue
                target, page = outline, outline_slide
            else:
                continue
            for line in re.split(r"[\r\x0b]", text):
                line = line.replace("\x00", "").strip()
                if line and line != "*":
                    target.setdefault(page, []).append(line)
                    ctx.budget.add_text(len(line))
        for page in sorted(outline.keys() | slides.keys()):
            for line in _merge_copies(outline.get(page, []), slides.get(page, [])):
                parts.blocks.append(Block(line, BlockKind.PARAGRAPH, page or None, origin="slide"))
        for page in sorted(notes):
            for line in notes[page]:
                parts.blocks.append(Block(line, BlockKind.COMMENT, page or None, origin="notes"))
        parts.pages = max(n_slides, outline_slide) or None
        summary_metadata(ole, data, parts)
        pictures = read_stream(ole, "Pictures", ctx, required=False)
        if pictures:
            carve_images(pictures, ctx, parts, origin="Pictures")
    except ExtractionError:
        raise
    except (struct.error, IndexError, ValueError, OSError) as e:
        raise CorruptFile(f"presentation unreadable: {type(e).__name__}: {e}") from e
    finally:
        ole.close()
    return parts
