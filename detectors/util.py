"""Helpers to turn a match on a Line into a Finding with masked excerpt and context."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from detectors.masking import mask_text
from detectors.model import Finding
from detectors.text import Line, context_window


def finding_from_line(
    line: Line,
    detector: str,
    signal: str,
    excerpt: str,
    *,
    hints: tuple[str, ...] = (),
    value_hash: str | None = None,
    count: int = 1,
    strength: float = 1.0,
    context: str | None = None,
) -> Finding:
    """`excerpt` may be raw: it is masked here, and the context is cut around it."""
    masked = mask_text(excerpt).strip()
    if context is None:
        full = mask_text(line.text)
        i = full.find(masked)
        if i < 0:
            # matched on the squashed, NFKC line ("T38.2°C" in "T 38.2℃"): show the words as
            # they stand on the line, so the excerpt is always found in its context
            span = loose_find(full, masked)
            if span is not None:
                masked = full[span[0] : span[1]]
                i = span[0]
        if i < 0:
            context = full if len(full) <= 80 else masked
        else:
            context = context_window(full, i, i + len(masked))
    if line.confidence is not None:
        strength = min(strength, max(0.5, line.confidence))
    return Finding(
        detector=detector,
        signal=signal,
        excerpt=masked[:120],
        location=line.location,
        category_hints=hints,
        value_hash=value_hash,
        count=count,
        strength=strength,
        context=context[:200],
    )


_DATE = re.compile(r"(?<![\d.])(\d{4}[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?(?![\d.])")


def is_date(tok: str) -> bool:
    """A month and day (1月20日, 1-20, 2020.1.20; 1.20 in chat), not a decimal such as a score
    (75.75, 84.48: no such month or day)."""
    return any(
        1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31 for m in _DATE.finditer(tok)
    )


def loose_find(text: str, needle: str) -> tuple[int, int] | None:
    """(start, end) of `needle` in `text` compared as the detectors compare lines: NFKC,
    whitespace ignored. None when it is not there."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                index.append(i)
    want = "".join(c for c in unicodedata.normalize("NFKC", needle) if not c.isspace())
    if not want:
        return None
    k = "".join(chars).find(want)
    if k < 0:
        return None
    return index[k], index[k + len(want) - 1] + 1


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def patterns(params: Mapping[str, Any], key: str) -> list[re.Pattern[str]]:
    """The compiled regular expressions a policy pack gives a detector under `key`."""
    v = params.get(key, ())
    if isinstance(v, str):
        v = (v,)
    return [compiled(p) for p in v]


_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def looks_like_name(text: str, surnames: frozenset[str], titles: tuple[str, ...] = ()) -> bool:
    """Two to four Han characters starting with a known surname, and not a title (张经理)."""
    return (
        bool(_HAN_NAME.match(text))
        and not (titles and text.endswith(titles))
        and (text[0] in surnames or text[:2] in surnames)
    )
