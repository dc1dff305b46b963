"""Masking of identifiers, so evidence can be logged and shown without leaking what it found.

`mask_id("420101199001011234")` → `4201**********1234`; `mask_phone("13812345678")` →
`138****5678`; `mask_text(s)` masks every identifier the identifier detector would find in `s`,
in any of the spellings it accepts (spaces, hyphens, full-width digits, O/0 and l/1 confusions).
"""

from __future__ import annotations

import re
import unicodedata

# Characters OCR or people put in place of digits, and what they stand for.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
_ID_CHAR = r"[0-9OoDlI|]"
_SEP = r"[ \t\-‐‑–—_.]?"
# 18 id characters, the last may be X/x, with optional single separators between them.
ID_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])(?:" + _ID_CHAR + _SEP + r"){17}[0-9OoDlI|Xx×](?![0-9A-Za-z])"
)
MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[ \-]?)?(1[3-9]\d)[ \-]?(\d{4})[ \-]?(\d{4})(?!\d)")
LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)|0\d{2,3})[ \-]?[2-9]\d{6,7}(?:-\d{1,5})?(?!\d)"
)
PASSPORT = re.compile(r"(?<![0-9A-Za-z])[EGDSP][A-Z]?\d{7,8}(?![0-9A-Za-z])")
PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][·\- ]?"
    r"[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]{1,2}(?![0-9A-Za-z])"
)


def normalise_digits(text: str) -> str:
    """NFKC (full-width digits become ASCII) without changing the length of ASCII text."""
    return unicodedata.normalize("NFKC", text)


def compact_id(raw: str) -> str:
    """Strip separators and map OCR look-alikes; the result is an 18-character candidate."""
    s = re.sub(r"[ \t\-‐‑–—_.]", "", raw).translate(_DIGIT_LOOKALIKES)
    return s[:-1] + ("X" if s[-1:] in "xX×" else s[-1:])


def mask_id(value: str) -> str:
    s = compact_id(value) if len(value) != 18 else value.upper()
    if len(s) < 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    return _mask_landline(digits)


def _mask_landline(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return digits[:-4] + "****" if len(digits) > 4 else "****"


def _mask_short(value: str, keep: int = 2) -> str:
    v = value.replace(" ", "")
    if len(v) <= keep * 2:
        return "*" * len(v)
    return v[:keep] + "*" * (len(v) - keep * 2) + v[-keep:]


def mask_plate(value: str) -> str:
    v = re.sub(r"[·\- ]", "", value)
    return v[:2] + "*" * (len(v) - 3) + v[-1:]


def _valid_id(compact: str) -> bool:
    """Checksum and a plausible birth date, both by python-stdnum. The birth-place code is not
    required to be in stdnum's table: it lags behind re-districting, and real IDs keep old codes.
    """
    import datetime

    from stdnum.cn import ric

    if len(compact) != 18 or not compact[:17].isdigit():
        return False
    try:
        if ric.calc_check_digit(compact) != compact[17]:
            return False
        born = ric.get_birth_date(compact)
    except Exception:
        return False
    return datetime.date(1900, 1, 1) <= born <= datetime.date.today()


def find_ids(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical 18-char ID) for every valid resident ID in `text` (NFKC'd)."""
    out = []
    for m in ID_CANDIDATE.finditer(text):
        raw = m.group(0)
        if sum(c.isdigit() for c in raw) < 9:
            continue
        c = compact_id(raw)
        if _valid_id(c):
            out.append((m.start(), m.end(), c))
    return out


def mask_text(text: str) -> str:
    """Mask every resident ID, mobile, landline, passport and plate number in `text`."""
    s = normalise_digits(text)
    spans: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y, _ in spans)

    for a, b, c in find_ids(s):
        spans.append((a, b, mask_id(c)))
    # Long digit runs that look like IDs but fail validation are masked too (never leak them).
    for m in re.finditer(r"(?<![0-9A-Za-z])\d{15,18}[Xx]?(?![0-9A-Za-z])", s):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), mask_id(m.group(0))))
    for m in MOBILE.finditer(s):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), m.group(1) + "****" + m.group(3)))
    for m in LANDLINE.finditer(s):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), _mask_landline(m.group(0))))
    for m in PASSPORT.finditer(s):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), _mask_short(m.group(0))))
    for m in PLATE.finditer(s):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), mask_plate(m.group(0))))
    if not spans:
        return s
    spans.sort()
    out, pos = [], 0
    for a, b, rep in spans:
        out.append(s[pos:a])
        out.append(rep)
        pos = b
    out.append(s[pos:])
    return "".join(out)
