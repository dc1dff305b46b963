"""Making text safe to store and to show: identifiers masked, control characters escaped.

`scrub` masks every identifier in free text (file paths, error messages, notes): the detectors'
`mask_text` plus a local pass for the shapes people type. `terminal_safe` escapes what a terminal
would interpret (newlines, ANSI escapes, other control and bidi characters), so a file named
``名单\x1b[31mRED\x1b[0m\n#99 fake`` prints as one visibly escaped line.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
# 18-digit resident IDs (last may be X), 15-digit old IDs, mainland mobile numbers; digits may be
# split by spaces or hyphens, as people type them.
_SEP = r"[ \-\u3000]?"
_ID18 = re.compile(r"(?<![0-9])(?:[0-9]" + _SEP + r"){17}[0-9Xx](?![0-9])")
_ID15 = re.compile(r"(?<![0-9])[0-9]{15}(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]" + _SEP + r"[0-9]{4}" + _SEP + r"[0-9]{4}(?![0-9])")


def _mask_keep(value: str, head: int, tail: int) -> str:
    digits = re.sub(r"[ \-\u3000]", "", value)
    return digits[:head] + "*" * (len(digits) - head - tail) + digits[-tail:]


def _fallback_mask(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    text = _ID18.sub(lambda m: _mask_keep(m.group(0), 4, 4), text)
    text = _ID15.sub(lambda m: _mask_keep(m.group(0), 4, 4), text)
    return _MOBILE.sub(lambda m: _mask_keep(m.group(0), 3, 4), text)


def scrub(text: str | None) -> str:
    """Mask every identifier in `text` (the detectors' masking when present, plus our own pass)."""
    if not text:
        return ""
    if not any(c.isdigit() for c in text):  # every identifier we mask has digits (fast path)
        return text
    return _scrub(text)


@functools.lru_cache(maxsize=8192)
def _scrub(text: str) -> str:
    try:
        from detectors.masking import mask_text
    except ImportError:  # the detection package has not landed its masking module
        pass
    else:
        try:
            text = "".join(
                part if boundary else mask_text(part) for boundary, part in _pieces(text)
            )
        except Exception:  # masking must never take the console down; our own pass follows
            pass
    return _fallback_mask(text)


def _is_boundary(c: str) -> bool:
    """Punctuation that NFKC would change (（ ） 【 】 ：) and no identifier contains."""
    if c.isascii() or c.isalnum():
        return False
    n = unicodedata.normalize("NFKC", c)
    return n != c and n not in (" ", "-")


def _pieces(text: str) -> list[tuple[bool, str]]:
    """`text` cut into (is_boundary, run) pieces. `mask_text` NFKC-normalises what it is given;
    masking piecewise keeps a path's own spelling (（已恢复） stays full-width)."""
    out: list[tuple[bool, str]] = []
    for c in text:
        b = _is_boundary(c)
        if out and out[-1][0] == b:
            out[-1] = (b, out[-1][1] + c)
        else:
            out.append((b, c))
    return out


# Characters a terminal acts on, or that reorder what is shown (bidi overrides, "Trojan Source").
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _escape_char(c: str) -> str:
    o = ord(c)
    if o < 0x20 or o == 0x7F or 0x80 <= o < 0xA0 or c in _BIDI or c in "\u2028\u2029":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"
        )
    if unicodedata.category(c) in ("Cc", "Cf", "Cs") and c not in "\u200b\u200c\u200d":
        return f"\\u{o:04x}"
    return c


def terminal_safe(text: str | None) -> str:
    """`text` with every control, format and bidi character written as a visible escape
    (``\\n``, ``\\x1b``, ``\\u202e``): one line that cannot move the cursor, recolour or
    retitle the terminal."""
    if not text:
        return ""
    if text.isprintable():
        return text
    return "".join(_escape_char(c) for c in text)


def shown(text: str | None) -> str:
    """Masked and terminal-safe: what the CLI prints for a file name or other free text."""
    return terminal_safe(scrub(text))
