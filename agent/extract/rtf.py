"""RTF (older government systems and WordPad export it): a small reader of the RTF 1.9 syntax.

Written here rather than taken from striprtf because the product needs what a plain-text
stripper drops: tables (`\\cell`/`\\row` → Tables), headers and footers as such, document
properties (`\\info`), pictures (`\\pict` JPEG/PNG → OCR), and correct Chinese: `\\uN` with its
`\\ucN` fallback skipped, and `\\'xx` byte pairs decoded in the code page of the font's charset
(`\\fcharset134` → GBK) or of `\\ansicpgN`. Field instructions (`\\fldinst`), font/colour/style
tables and other `\\*` destinations are skipped. Not read: embedded OLE objects (`\\objdata`)
and WMF/EMF pictures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from agent.errors import CorruptFile
from agent.extract import media as mt
from agent.extract.base import MB, Ctx, Parts, register
from detectors.model import Block, BlockKind, Table

MAX_DEPTH = 400
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z'])|([{}])|[\r\n]+"
    rb"|([^\\{}\r\n]+)"
)
_CHARSET_CP = {0: "cp1252", 128: "cp932", 129: "cp949", 134: "gbk", 136: "big5", 161: "cp1253",
               162: "cp1254", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251",
               222: "cp874", 238: "cp1250"}  # fmt: skip
_SKIP = {
    b"fonttbl", b"colortbl", b"stylesheet", b"listtable", b"listoverridetable", b"rsidtbl",
    b"generator", b"xmlnstbl", b"themedata", b"colorschememapping", b"datastore",
    b"latentstyles", b"pgdsctbl", b"filetbl", b"revtbl", b"fldinst", b"objdata", b"nonshppict",
    b"sp", b"bkmkstart", b"bkmkend", b"pnseclvl", b"listtext", b"mmathPr", b"defchp",
    b"defpap", b"template", b"userprops", b"docvar", b"fontemb", b"fontfile", b"falt",
    b"panose", b"xmlopen", b"pntext", b"pntxta", b"pntxtb",
}  # fmt: skip
_ENTER_STARRED = {b"shppict", b"shpinst", b"shptxt", b"ud", b"upr"}
_INFO = {b"title": "title", b"author": "author", b"operator": "last_modified_by",
         b"subject": "subject", b"company": "company", b"manager": "manager"}  # fmt: skip
_HEADER = {b"header", b"headerl", b"headerr", b"headerf"}
_FOOTER = {b"footer", b"footerl", b"footerr", b"footerf"}
_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"-": "", b"\\": "\\", b"{": "{", b"}": "}",
            b"emdash": "\u2014", b"endash": "\u2013", b"lquote": "\u2018",
            b"rquote": "\u2019", b"ldblquote": "\u201c", b"rdblquote": "\u201d",
            b"bullet": "\u2022", b"emspace": "\u2003", b"enspace": "\u2002"}  # fmt: skip


_HANDLED = frozenset(
    {b"par", b"sect", b"page", b"line", b"tab", b"cell", b"nestcell", b"row", b"nestrow",
     b"intbl", b"pard", b"bin", b"u", b"uc", b"f", b"ansicpg", b"fcharset", b"jpegblip",
     b"pngblip", b"pict", b"info", b"upr"}
    | _SKIP | set(_INFO) | _HEADER | _FOOTER | {k for k in _SYMBOLS if len(k) > 1}
)  # fmt: skip
_BRACES = re.compile(rb"\\[\\{}]|[{}]")
# a run of control words that only format (\lang2052\loch\af5\dbch...: most of the tokens
# a word processor writes), consumed in one match; none of _HANDLED may start it
_FORMATTING_RUN = re.compile(
    rb"(?:\\(?!(?:"
    + b"|".join(re.escape(w) for w in sorted(_HANDLED, key=len, reverse=True))
    + rb")(?![a-zA-Z]))[a-zA-Z]{1,32}(?:-?\d{1,10})? ?)+"
)


def _group_end(data: bytes, pos: int) -> int:
    """Position just after the `}` closing the group open at `pos` (escaped braces skipped)."""
    depth = 1
    for m in _BRACES.finditer(data, pos):
        tok = m.group()
        if tok == b"{":
            depth += 1
        elif tok == b"}":
            depth -= 1
            if depth == 0:
                return m.end()
    return len(data)


@dataclass(frozen=True)
class _State:
    skip: bool = False
    uc: int = 1
    codepage: str | None = None  # from the current font's charset
    dest: str = "body"  # body, header, footer, pict, info:<key>, fonttbl
    font: int | None = None
    star: bool = False  # after \\*: the next word names an optional destination


class _Reader:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.doc_cp = "cp1252"
        self.fonts: dict[int, str] = {}
        self.parts = Parts()
        self.para: list[str] = []  # current paragraph text
        self.pending = bytearray()  # \'xx bytes not decoded yet
        self.cell: list[str] = []  # paragraphs of the current cell
        self.row: list[str] = []
        self.rows: list[tuple[str, ...]] = []
        self.in_table = False
        self.story: dict[str, list[str]] = {"header": [], "footer": []}
        self.info: dict[str, list[str]] = {}
        self.pict = bytearray()
        self.pict_kind: str | None = None
        self.pictures: list[bytes] = []
        self.font_charset: dict[int, int] = {}
        self.font_no: int | None = None
        self.chars = 0

    # text sinks
    def _flush_bytes(self, st: _State) -> None:
        if self.pending:
            cp = st.codepage or self.doc_cp
            try:
                s = bytes(self.pending).decode(cp, "replace")
            except LookupError:
                s = bytes(self.pending).decode("gbk", "replace")
            self.pending.clear()
            self._put(s, st, flush=False)

    def _put(self, s: str, st: _State, flush: bool = True) -> None:
        if flush:
            self._flush_bytes(st)
        if not s:
            return
        self.chars += len(s)
        if self.chars > 1_000_000:
            self.ctx.budget.add_text(self.chars)
            self.chars = 0
        if st.dest.startswith("info:"):
            self.info.setdefault(st.dest[5:], []).append(s)
        elif st.dest == "body" or st.dest in self.story:
            self.para.append(s)

    def _end_para(self, st: _State) -> None:
        self._flush_bytes(st)
        text = "".join(self.para).replace("\u00a0", " ").strip()
        self.para = []
        if st.dest in self.story:
            if text:
                self.story[st.dest].append(text)
            return
        if self.in_table:
            self.cell.append(text)
            return
        self._close_table()
        if text:
            self.parts.blocks.append(Block(text, BlockKind.PARAGRAPH, origin="rtf"))

    def _end_cell(self, st: _State) -> None:
        self._flush_bytes(st)
        self.cell.append("".join(self.para).strip())
        self.para = []
        self.row.append("\n".join(c for c in self.cell if c))
        self.cell = []

    def _end_row(self) -> None:
        if self.row:
            self.rows.append(tuple(c.replace("\u00a0", " ").strip() for c in self.row))
        self.row, self.cell = [], []

    def _close_table(self) -> None:
        self._end_row()
        if self.rows:
            self.parts.tables.append(Table(rows=tuple(self.rows), page=None, origin="rtf"))
        self.rows = []

    # the parser
    def read(self, data: bytes) -> Parts:
        stack: list[_State] = []
        st = _State()
        skip_chars = 0  # fallback characters still to skip after a \uN
        new_group = False  # the next control word is the first in its group
        pos, n_tokens = 0, 0
        while pos < len(data):
            if data[pos] == 0x5C and not new_group and not st.star:  # a backslash: formatting?
                run = _FORMATTING_RUN.match(data, pos)
                if run is not None:
                    pos = run.end()
                    continue
            m = _TOKEN.match(data, pos)
            if m is None:  # a lone backslash or a bad \'x escape: skip the byte
                pos += 1
                continue
            pos = m.end()
            n_tokens += 1
            if n_tokens % 4096 == 0:
                self.ctx.budget.check_time()
            word, arg, hexb, sym, brace, text = m.groups()
            if brace is not None:
                if brace == b"{":
                    if len(stack) >= MAX_DEPTH:
                        raise CorruptFile(f"RTF groups nested deeper than {MAX_DEPTH}")
                    self._flush_bytes(st)
                    stack.append(st)
                    new_group = True
                else:
                    self._leave(st, stack[-1] if stack else _State())
                    if not stack:
                        self.parts.warnings.append("RTF: unbalanced closing brace")
                        continue
                    st = stack.pop()
                    new_group = False
                skip_chars = 0
                continue
            first, new_group = new_group, False
            if word is not None:
                if not first and not st.star and word not in _HANDLED:
                    continue  # character/paragraph formatting: nothing to read
                st, skip_chars = self._word(word, arg, st, first, skip_chars)
                if st.skip and stack and not stack[-1].skip:
                    # a destination we ignore (font table, styles, theme...): jump to its end
                    # rather than tokenising it, most of an RTF file's bytes
                    pos = _group_end(data, pos)
                    st = stack.pop()
                    skip_chars = 0
                continue
            if sym is not None:
                if sym == b"*":
                    st = replace(st, star=True) if not st.skip else st
                    new_group = True  # the destination word follows
                    continue
                if st.skip:
                    continue
                if skip_chars:
                    skip_chars -= 1
                    continue
                if sym in _SYMBOLS:
                    self._put(_SYMBOLS[sym], st)
                continue
            if hexb is not None:
                if st.skip:
                    continue
                if skip_chars:
                    skip_chars -= 1
                    continue
                if st.dest == "pict":
                    continue
                self.pending.append(int(hexb, 16))
                continue
            if text is not None and not st.skip:
                if st.dest == "pict":
                    if len(self.pict) < 2 * self.ctx.limits.max_file_mb * MB:
                        self.pict += text
                    continue
                if st.dest == "fonttbl":
                    continue
                if skip_chars:
                    n = min(skip_chars, len(text))
                    text, skip_chars = text[n:], skip_chars - n
                if text.isascii():
                    self._put(text.decode("ascii"), st)
                else:  # raw 8-bit text (GBK files often skip the \'xx escapes)
                    self.pending += text
        if stack:
            self.parts.warnings.append("RTF ends inside an open group (truncated?): read so far")
        self._end_para(st)
        self._close_table()
        return self._finish()

    def _word(
        self, word: bytes, arg: bytes | None, st: _State, first: bool, skip_chars: int
    ) -> tuple[_State, int]:
        n = int(arg) if arg is not None else None
        if st.star:  # \*\word: a destination we may not know
            if word in _ENTER_STARRED:
                return replace(st, star=False), 0
            return replace(st, skip=True, star=False), 0
        if st.skip:
            return st, skip_chars
        if first and word in _SKIP:
            if word == b"fonttbl":
                return replace(st, dest="fonttbl"), 0
            return replace(st, skip=True), 0
        if first and word == b"info":
            return replace(st, dest="info"), 0
        if first and st.dest == "info" and word in _INFO:
            self.info[_INFO[word]] = []  # a later (Unicode, \\ud) copy replaces the ANSI one
            return replace(st, dest=f"info:{_INFO[word]}"), 0
        if first and st.dest == "info" and word == b"upr":
            return st, 0
        if first and st.dest == "info":
            return replace(st, skip=True), 0
        if first and word in _HEADER:
            return replace(st, dest="header"), 0
        if first and word in _FOOTER:
            return replace(st, dest="footer"), 0
        if first and word == b"pict":
            self.pict = bytearray()
            self.pict_kind = None
            return replace(st, dest="pict"), 0
        if st.dest == "pict":
            if word in (b"jpegblip", b"pngblip"):
                self.pict_kind = word.decode()
            return st, 0
        if st.dest == "fonttbl":
            if word == b"f" and n is not None:
                self.font_no = n
            elif word == b"fcharset" and n is not None and self.font_no is not None:
                self.font_charset[self.font_no] = n
            return st, 0
        if word == b"ansicpg" and n:
            self.doc_cp = "gbk" if n == 936 else f"cp{n}"
        elif word == b"f" and n is not None:
            self._flush_bytes(st)
            charset = self.font_charset.get(n)
            cp = _CHARSET_CP.get(charset) if charset is not None else None
            if charset == 0 or charset == 1:
                cp = None  # ANSI/default charset: the document's code page
            return replace(st, font=n, codepage=cp), skip_chars
        elif word == b"uc" and n is not None:
            return replace(st, uc=max(0, n)), skip_chars
        elif word == b"u" and n is not None:
            self._put(chr((n + 65536) % 65536 if n < 0 else n % 0x110000), st)
            return st, st.uc
        elif word in (b"par", b"sect", b"page"):
            self._end_para(st)
        elif word in (b"line",):
            self._put("\n", st)
        elif word == b"tab":
            self._put("\t", st)
        elif word in (b"cell", b"nestcell"):
            self._end_cell(st)
        elif word in (b"row", b"nestrow"):
            self._end_cell(st) if self.para else None
            self._end_row()
        elif word == b"intbl":
            self.in_table = True
        elif word == b"pard":
            if self.in_table and not self.para and not self.cell:
                self.in_table = False  # table properties end with the paragraph's
        elif word == b"bin" and n:
            return replace(st, skip=True), 0  # raw binary in a \pict: not followed
        elif word in _SYMBOLS:
            self._put(_SYMBOLS[word], st)
        return st, skip_chars

    def _leave(self, st: _State, parent: _State) -> None:
        """Closing a group: finish a picture or a header/footer paragraph."""
        self._flush_bytes(st)
        if st.dest == "pict" and parent.dest != "pict":
            if self.pict_kind and len(self.pictures) < 50:
                hexdata = re.sub(rb"[^0-9a-fA-F]", b"", bytes(self.pict))
                try:
                    self.pictures.append(bytes.fromhex(hexdata[: len(hexdata) // 2 * 2].decode()))
                except ValueError:
                    self.parts.warnings.append("RTF: a picture's data is damaged")
            self.pict = bytearray()
        if st.dest in self.story and parent.dest != st.dest:
            self._end_para(st)

    def _finish(self) -> Parts:
        parts = self.parts
        self.ctx.budget.add_text(self.chars)
        for dest, kind in (("header", BlockKind.HEADER), ("footer", BlockKind.FOOTER)):
            for text in self.story[dest]:
                parts.blocks.append(Block(text, kind, origin=f"rtf#{dest}"))
        for key, chunks in self.info.items():
            parts.meta(key, "".join(chunks))
        return parts


@register(mt.RTF)
def extract_rtf(data: bytes, ctx: Ctx) -> Parts:
    reader = _Reader(ctx)
    parts = reader.read(data)
    if reader.pictures:
        if ctx.ocr is None:
            parts.warnings.append("RTF pictures not read (OCR off)")
        else:
            from agent.extract.image import ocr_image_bytes
            from agent.extract.ole import MIN_OCR_PIXELS

            for i, pic in enumerate(reader.pictures, 1):
                ctx.budget.check_time()
                parts.merge(
                    ocr_image_bytes(pic, ctx, origin=f"rtf#image{i}", min_pixels=MIN_OCR_PIXELS)
                )
    return parts
