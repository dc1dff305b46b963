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

import datetime
import re
from typing import NamedTuple

from agent.errors import CorruptFile
from agent.extract import media as mt
from agent.extract.base import MB, Ctx, Parts, register
from detectors.model import Block, BlockKind, Table

MAX_DEPTH = 400
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
_TIMES = {b"creatim": "created", b"revtim": "modified"}  # {\creatim\yr2026\mo3\dy9\hr10\min5}
_READ_WHOLE = frozenset({b"fonttbl", *_TIMES})
_TIME_PARTS = re.compile(rb"\\(yr|mo|dy|hr|min|sec)(\d{1,4})")
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


def _trie_alternation(words: frozenset[bytes]) -> bytes:
    """A regex matching exactly `words`, factored by prefix: sre tries alternatives one by
    one, so a flat list of ~100 words costs ~100 checks per control word; a trie a few."""
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(bytes([c]), {})
        node[b""] = {}

    def emit(node: dict) -> bytes:
        alts = [re.escape(k) + emit(node[k]) for k in sorted(k for k in node if k)]
        if not alts:
            return b""
        body = b"(?:" + b"|".join(alts) + b")" if len(alts) > 1 else alts[0]
        return body + b"?" if b"" in node else body

    return emit(trie)


_ACTS_ANYWHERE = frozenset(
    {b"par", b"sect", b"page", b"line", b"tab", b"cell", b"nestcell", b"row", b"nestrow",
     b"pard", b"bin", b"u", b"uc", b"ansicpg", b"fcharset", b"jpegblip", b"pngblip"}
    | {k for k in _SYMBOLS if len(k) > 1}
)  # fmt: skip
# One token per match. Most of a word processor's RTF is runs of control words that only
# format (\lang2052\loch\af5\dbch...): a run is one token, matched as bytes of the control
# words' alphabet (~10x faster in sre than word by word), then cut where `_CUT` finds a word
# that acts or something that is not a word. \uN with its fallback and \'xx bytes come in runs
# too.
_TOKEN = re.compile(
    # 1: \uN each followed by one fallback unit (the \uc1 every writer uses by default)
    # (possessive: a digit of N or the delimiter is never taken back as the fallback)
    rb"((?:\\u-?\d{1,10}+ ?+(?:\\'[0-9a-fA-F]{2}|[^\\{}\r\n]))+)"
    # 2, 3: a control word that acts (but \f and \intbl, read from runs) and its argument
    + rb"|\\("
    + _trie_alternation(_HANDLED - {b"f", b"intbl"})
    + rb")(?![a-zA-Z])(-?\d{1,10})? ?"
    # 4: \'xx bytes
    + rb"|((?:\\'[0-9a-fA-F]{2})+)"
    # 5: a control symbol; 6: a brace; line breaks; 7: text
    + rb"|\\([^a-zA-Z'])|([{}])|[\r\n]+|([^\\{}\r\n]+)"
    # 8: a run of formatting words (and, where it starts, none of group 2's)
    + rb"|(\\[a-zA-Z][a-zA-Z0-9\\\-]*(?:(?: [\r\n]*|[\r\n]+)\\[a-zA-Z0-9\\\-]*)* ?)"
)
# the groups of `_TOKEN`, told apart by the match's `lastindex`
_UNI, _WORD_GROUP, _ARG, _HEX, _SYMBOL, _BRACE, _TEXT, _RUN = range(1, 9)
# where a run ends: a word that acts, or what the alphabet lets through that is not a control
# word: a backslash before a symbol (\\ \' \* \- ...), and text (below). Each search has a
# literal first byte, which sre scans for quickly.
_CUT = re.compile(
    rb"\\(?:(?:" + _trie_alternation(_ACTS_ANYWHERE) + rb")(?![a-zA-Z])|(?![a-zA-Z]))"
)
# ... searched for in the file with letters made "a" and digits "0": an argument then letters
# (\f0abc: \f0, then the text "abc"), a hyphen that is not an argument's sign (\b0-, \b-x).
# All of a run of digits is an argument (\fs24123: 24123), however many there are.
_CLASSES = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", b"a" * 52 + b"0" * 10
)
_ODD_HYPHEN = re.compile(rb"-(?:(?<!a-)|(?!0))")
# the font table read in one pass: each \fN, then its \fcharsetN
_FONT_TABLE = re.compile(rb"\\f(-?\d{1,10})|\\fcharset(\d{1,10})")
_INTBL = re.compile(rb"\\intbl(?![a-zA-Z])")
_FONT = re.compile(rb"\\f(-?\d{1,10})")
_WORD = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?")
_UNICODE = re.compile(rb"\\u(-?\d{1,10})")
_BRACES = re.compile(rb"\\bin(\d{1,10}) ?|\\[\\{}]|[{}]")
_BIN = re.compile(rb"\\bin\d")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _char(n: int) -> str:
    """\\uN's N (a signed 16-bit value for code points past 32767) as a character."""
    return chr((n + 65536) % 65536 if n < 0 else n % 0x110000)


def _text(s: str) -> str:
    """Pairs of \\uN surrogates (how RTF writes characters past U+FFFF) made one character;
    a lone surrogate, which no encoder accepts, replaced."""
    if _SURROGATES.search(s) is None:
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _group_end(data: bytes, pos: int, plain_braces: bool = False) -> int:
    """Position just after the `}` closing the group open at `pos`, -1 if the file ends first.
    In a file with `plain_braces` (no `\\{`, `\\}`, nor \\binN, whose N raw bytes may hold any
    brace), counted close by close with bytes.find/count."""
    depth = 1
    if plain_braces:
        while True:
            close = data.find(b"}", pos)
            if close < 0:
                return -1
            depth += data.count(b"{", pos, close) - 1
            if depth <= 0:
                return close + 1
            pos = close + 1
    while (m := _BRACES.search(data, pos)) is not None:
        tok, pos = m.group(), m.end()
        if tok == b"{":
            depth += 1
        elif tok == b"}":
            depth -= 1
            if depth == 0:
                return pos
        elif m.group(1) is not None:
            pos += int(m.group(1))
    return -1


class _State(NamedTuple):  # a NamedTuple: _replace is ~3x cheaper than dataclasses.replace
    skip: bool = False
    uc: int = 1
    codepage: str | None = None  # from the current font's charset
    dest: str = "body"  # body, header, footer, pict, info:<key>
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
        self.pict = bytearray()  # hex digits, or (after \\binN) the picture's raw bytes
        self.pict_raw = False
        self.pict_kind: str | None = None
        self.pictures: list[bytes] = []
        self.font_charset: dict[int, int] = {}
        self.chars = 0
        self.plain_braces = False  # no `\{`, `\}` or \binN: braces counted the fast way
        self.truncated = False  # a skipped group the file ends inside

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
        text = _text("".join(self.para)).replace("\u00a0", " ").strip()
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
        self.cell.append(_text("".join(self.para)).strip())
        self.para = []
        self.row.append("\n".join(c for c in self.cell if c))
        self.cell = []

    def _end_row(self) -> None:
        if any(self.cell):  # paragraphs of a cell the row (or the file) ends before its \cell
            self.row.append("\n".join(c for c in self.cell if c))
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
        has_binary = b"\\bin" in data and _BIN.search(data) is not None
        self.plain_braces = not (has_binary or b"\\{" in data or b"\\}" in data)
        classes = data.translate(_CLASSES)
        pos, n_tokens, end = 0, 0, len(data)
        # The end of the last run matched, and the first cuts found in it (or `scanned`): a
        # run cut short (by \par, \cell...) goes on from there, neither matched nor searched
        # again from each cut, which would be quadratic in the run's length.
        scanned = cut_at = hyphen_at = letters_at = 0
        while pos < end:
            n_tokens += 1
            if n_tokens % 4096 == 0:
                self.ctx.budget.check_time()
            if pos < scanned and data[pos] == 0x5C and _CUT.match(data, pos) is None:
                start, pos, kind = pos, scanned, _RUN
            else:
                m = _TOKEN.match(data, pos)
                if m is None:  # a lone backslash or a bad \'x escape: skip the byte
                    pos += 1
                    continue
                start, pos, kind = m.start(), m.end(), m.lastindex
                if kind is None:  # line breaks: nothing, and a group's first word may follow
                    continue
                if kind == _RUN:
                    scanned = pos
                    cut_at = hyphen_at = letters_at = 0
            word = arg = None
            if kind == _RUN:
                # (a run never starts with a word that names a destination: `_TOKEN` takes
                # those one by one, so only \*\word and the \info group's words need a look)
                if st.star or (new_group and st.dest == "info"):
                    m = _WORD.match(data, start)
                    pos = m.end()
                    word, arg = m.groups()
                else:
                    if cut_at <= start:
                        cut = _CUT.search(data, start + 1, scanned)
                        cut_at = cut.start() if cut is not None else scanned
                    if hyphen_at <= start:
                        cut = _ODD_HYPHEN.search(classes, start + 1, scanned)
                        hyphen_at = scanned if cut is None else cut.start()
                    if letters_at <= start:
                        found = classes.find(b"0a", start + 1, scanned)
                        letters_at = scanned if found < 0 else found + 1
                    pos = min(cut_at, hyphen_at, letters_at)
                    new_group = False
                    st, skip_chars = self._run_effects(data, start, pos, st, skip_chars)
                    continue
            elif kind == _UNI:
                if st.uc == 1 and not st.star:
                    new_group, skip_chars = False, 0
                    if not st.skip and st.dest != "pict":
                        uni = m.group(_UNI)
                        self._put("".join(_char(int(n)) for n in _UNICODE.findall(uni)), st)
                    continue
                # \*\uN, or a fallback that is not one unit: \uN on its own
                m = _WORD.match(data, start)
                pos = m.end()
                word, arg = m.groups()
            elif kind == _BRACE:
                if data[start] == 0x7B:  # {
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
            elif kind <= _ARG:
                word, arg = m.group(_WORD_GROUP, _ARG)
            first, new_group = new_group, False
            if word is not None:
                if not first and not st.star and word not in _HANDLED:
                    continue  # character/paragraph formatting: nothing to read
                if has_binary and word == b"bin":  # N raw bytes follow, braces and all
                    pos = self._binary(data, pos, int(arg or 0), st)
                    if not st.star:
                        continue
                if first and not st.star and not st.skip and word in _READ_WHOLE:
                    # a group read in one pass: the font table, a date of the \info group
                    stop = self._skip_group(data, pos)
                    if word == b"fonttbl":
                        self._read_fonts(data, pos, stop)
                    elif st.dest == "info":
                        self._read_time(_TIMES[word], data, pos, stop)
                    pos, st, skip_chars = stop, stack.pop(), 0
                    continue
                st, skip_chars = self._word(word, arg, st, first, skip_chars)
                if st.skip and stack and not stack[-1].skip:
                    # a destination we ignore (font table, styles, theme...): jump to its end
                    # rather than tokenising it, most of an RTF file's bytes
                    pos = self._skip_group(data, pos)
                    st = stack.pop()
                    skip_chars = 0
                continue
            if kind == _HEX:
                hexb = m.group(_HEX)
                if st.skip:
                    continue
                if skip_chars:  # the \uN fallback: one \'xx a character
                    n = min(skip_chars, len(hexb) // 4)
                    hexb, skip_chars = hexb[4 * n :], skip_chars - n
                if st.dest != "pict" and hexb:
                    self.pending += bytes.fromhex(hexb.replace(b"\\'", b"").decode("ascii"))
                continue
            if kind == _SYMBOL:
                sym = m.group(_SYMBOL)
                if sym == b"*":
                    st = st._replace(star=True) if not st.skip else st
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
            if kind == _TEXT and not st.skip:
                text = m.group(_TEXT)
                if st.dest == "pict":
                    if not self.pict_raw and len(self.pict) < 2 * self.ctx.limits.max_file_mb * MB:
                        self.pict += text
                    continue
                if skip_chars:
                    n = min(skip_chars, len(text))
                    text, skip_chars = text[n:], skip_chars - n
                if text.isascii():
                    self._put(text.decode("ascii"), st)
                else:  # raw 8-bit text (GBK files often skip the \'xx escapes)
                    self.pending += text
        if stack or self.truncated:
            self.parts.warnings.append("RTF ends inside an open group (truncated?): read so far")
        self._end_para(st)
        self._close_table()
        return self._finish()

    def _skip_group(self, data: bytes, pos: int) -> int:
        """Where the group open at `pos` ends (the file's end if it ends first: truncated)."""
        stop = _group_end(data, pos, self.plain_braces)
        if stop < 0:
            self.truncated = True
            return len(data)
        return stop

    def _binary(self, data: bytes, pos: int, size: int, st: _State) -> int:
        """\\binN's N raw bytes at `pos`: a \\pict's picture, or nothing to read."""
        stop = pos + max(0, size)
        if stop > len(data):
            self.truncated = True
        if (
            st.dest == "pict"
            and not st.skip
            and len(self.pict) < 2 * self.ctx.limits.max_file_mb * MB
        ):
            if not self.pict_raw:
                self.pict = bytearray()
                self.pict_raw = True
            self.pict += data[pos:stop]
        return min(stop, len(data))

    def _read_time(self, key: str, data: bytes, pos: int, stop: int) -> None:
        """A date of the \\info group (creation, last revision), as the other readers give it."""
        t = {k: int(v) for k, v in _TIME_PARTS.findall(data, pos, stop)}
        try:
            when = datetime.datetime(
                t[b"yr"], t.get(b"mo", 1), t.get(b"dy", 1),
                t.get(b"hr", 0), t.get(b"min", 0), t.get(b"sec", 0),
            )  # fmt: skip
        except (KeyError, ValueError):  # no year, or a month 13: not a date to show
            return
        self.info[key] = [when.isoformat()]

    def _read_fonts(self, data: bytes, pos: int, stop: int) -> None:
        """The font table: each font's charset, which gives its \\'xx bytes' code page."""
        font = None
        for m in _FONT_TABLE.finditer(data, pos, stop):
            if m.group(1) is not None:
                font = int(m.group(1))
            elif font is not None:
                self.font_charset[font] = int(m.group(2))

    def _run_effects(
        self, data: bytes, pos: int, stop: int, st: _State, skip_chars: int
    ) -> tuple[_State, int]:
        """What a formatting run changes: its last font, and \\intbl."""
        fonts = _FONT.findall(data, pos, stop)
        if fonts:
            st, skip_chars = self._word(b"f", fonts[-1], st, False, skip_chars)
        if _INTBL.search(data, pos, stop) is not None:
            self._word(b"intbl", None, st, False, skip_chars)
        return st, skip_chars

    def _word(
        self, word: bytes, arg: bytes | None, st: _State, first: bool, skip_chars: int
    ) -> tuple[_State, int]:
        n = int(arg) if arg is not None else None
        if st.star:  # \*\word: a destination we may not know
            if word in _ENTER_STARRED:
                return st._replace(star=False), 0
            return st._replace(skip=True, star=False), 0
        if st.skip:
            return st, skip_chars
        if first and word in _SKIP:
            return st._replace(skip=True), 0
        if first and word == b"info":
            return st._replace(dest="info"), 0
        if first and st.dest == "info" and word in _INFO:
            self.info[_INFO[word]] = []  # a later (Unicode, \\ud) copy replaces the ANSI one
            return st._replace(dest=f"info:{_INFO[word]}"), 0
        if first and st.dest == "info" and word == b"upr":
            return st, 0
        if first and st.dest == "info":
            return st._replace(skip=True), 0
        if first and word in _HEADER:
            return st._replace(dest="header"), 0
        if first and word in _FOOTER:
            return st._replace(dest="footer"), 0
        if first and word == b"pict":
            self.pict = bytearray()
            self.pict_raw = False
            self.pict_kind = None
            return st._replace(dest="pict"), 0
        if st.dest == "pict":
            if word in (b"jpegblip", b"pngblip"):
                self.pict_kind = word.decode()
            return st, 0
        if word == b"ansicpg" and n:
            self.doc_cp = "gbk" if n == 936 else f"cp{n}"
        elif word == b"f" and n is not None:
            if n == st.font:
                return st, skip_chars
            self._flush_bytes(st)
            charset = self.font_charset.get(n)
            cp = _CHARSET_CP.get(charset) if charset is not None else None
            if charset == 0 or charset == 1:
                cp = None  # ANSI/default charset: the document's code page
            return st._replace(font=n, codepage=cp), skip_chars
        elif word == b"uc" and n is not None:
            return (st if st.uc == max(0, n) else st._replace(uc=max(0, n))), skip_chars
        elif word == b"u" and n is not None:
            self._put(_char(n), st)
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
            self._flush_bytes(st)  # bytes not decoded yet are text of the last cell
            if self.para:
                self._end_cell(st)
            self._end_row()
        elif word == b"intbl":
            self.in_table = True
        elif word == b"pard":
            self._flush_bytes(st)
            if self.in_table and not self.para and not self.cell:
                self.in_table = False  # table properties end with the paragraph's
        elif word in _SYMBOLS:
            self._put(_SYMBOLS[word], st)
        return st, skip_chars

    def _leave(self, st: _State, parent: _State) -> None:
        """Closing a group: finish a picture or a header/footer paragraph."""
        self._flush_bytes(st)
        if st.dest == "pict" and parent.dest != "pict":
            if self.pict_kind and len(self.pictures) < 50:
                if self.pict_raw:  # \binN data
                    self.pictures.append(bytes(self.pict))
                else:
                    hexdata = re.sub(rb"[^0-9a-fA-F]", b"", bytes(self.pict))
                    try:
                        self.pictures.append(
                            bytes.fromhex(hexdata[: len(hexdata) // 2 * 2].decode())
                        )
                    except ValueError:
                        self.parts.warnings.append("RTF: a picture's data is damaged")
            self.pict, self.pict_raw = bytearray(), False
        if st.dest in self.story and parent.dest != st.dest:
            self._end_para(st)

    def _finish(self) -> Parts:
        parts = self.parts
        self.ctx.budget.add_text(self.chars)
        for dest, kind in (("header", BlockKind.HEADER), ("footer", BlockKind.FOOTER)):
            for text in self.story[dest]:
                parts.blocks.append(Block(text, kind, origin=f"rtf#{dest}"))
        for key, chunks in self.info.items():
            parts.meta(key, _text("".join(chunks)))
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
