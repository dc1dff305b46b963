"""Phrase signals defined as data in the policy pack (medical sections, investigation terms,
publication marks, addresses to the public, news markers...). One finding per distinct phrase,
at its first occurrence, so the policy can count how many different ones a document has.
"""

from __future__ import annotations

import re
from functools import lru_cache

from detectors import DetectContext, LexiconEntry, register
from detectors.model import Extraction, Finding
from detectors.text import MARGIN_KINDS, Line, block_lines
from detectors.util import finding_from_line

NAME = "lexicon"
# This detector takes no parameters: its phrase lists come from the `lexicon:` section.
PARAMS: dict[str, str] = {}


@lru_cache(maxsize=256)
def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for a phrase list: a line without any of them is skipped in one
    scan instead of one substring search per phrase."""
    return re.compile("|".join(map(re.escape, phrases)))


def _in_scope(entry: LexiconEntry, line: Line) -> bool:
    if entry.scope == "any":
        return True
    if entry.scope == "short":
        return len(line.norm) <= entry.max_len
    if entry.scope == "margin":
        return line.kind in MARGIN_KINDS or len(line.norm) <= entry.max_len
    return True


def _excerpt_for(line: Line, phrase: str) -> str:
    """The phrase as written in the line when it can be found, else the phrase itself."""
    i = line.text.find(phrase)
    return line.text[i : i + len(phrase)] if i >= 0 else phrase


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    lines = block_lines(extraction)
    out: list[Finding] = []
    for entry in ctx.lexicon:
        seen: set[str] = set()
        alternation = _alternation(entry.phrases) if entry.phrases else None
        for line in lines:
            if not _in_scope(entry, line):
                continue
            # One scan of the line decides whether any phrase is there; only then is each
            # phrase looked for (so phrases inside longer ones still count on their own).
            if alternation is not None and alternation.search(line.norm):
                for phrase in entry.phrases:
                    if phrase in seen or phrase not in line.norm:
                        continue
                    seen.add(phrase)
                    out.append(
                        finding_from_line(
                            line, NAME, entry.signal, _excerpt_for(line, phrase), hints=entry.hints
                        )
                    )
            for pat in entry.patterns:
                m = pat.search(line.norm)
                if not m or pat.pattern in seen:
                    continue
                seen.add(pat.pattern)
                out.append(
                    finding_from_line(line, NAME, entry.signal, m.group(0), hints=entry.hints)
                )
    return out
