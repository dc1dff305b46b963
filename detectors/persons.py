"""Person rows: a list of private persons recognised from the values in each row, with no header
needed. A row is a table row, a numbered line, or a tab-, comma- or space-separated line (OCR
rows included). It is a person row when it holds a Chinese personal name and an identity or
contact value (valid ID, mobile, home place), or a name, a sex and another personal attribute
(age, travel, date, temperature, isolation or health status).

Two signals: `person_rows` (how many, and how identifying: an ID weighs more than a mobile) and
`screening_attrs` (rows that also carry travel, health or isolation attributes). Company rows
(…公司, …店, 主营) and titles instead of names (张经理, 李老师) are not persons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from detectors import DetectContext, register
from detectors.masking import MOBILE, find_ids, normalise_digits
from detectors.model import Extraction, Finding, Location
from detectors.text import Line, block_lines, squash
from detectors.util import finding_from_line, is_date, looks_like_name

NAME = "persons"
# Parameters the policy pack may set for this detector (checked by policies.schema).
PARAMS: dict[str, str] = {
    "min_rows": "int",
    "title_suffixes": "strings",
    "place_suffixes": "strings",
    "company_suffixes": "strings",
    "travel_words": "strings",
    "health_words": "strings",
}
_SPLIT = re.compile(r"[\s,，;；|/、:：]+")
_LEAD_NUMBER = re.compile(r"^[(（]?\d{1,4}[)）.、．]?")
_AGE = re.compile(r"^(\d{1,3})岁?$|^(\d{1,3})周岁$")
_TEMP = re.compile(r"^3[4-9](\.\d)?(℃|°C|度)?$")
_TRAIN = re.compile(r"^[GDCKTZY]\d{1,4}次?$")
# 3栋2单元301室, 5号, 三组: numbered parts of an address.
_NUMBERED_PLACE = re.compile(r"[\d一二三四五六七八九十]+(号|栋|幢|单元|室|楼|组)$")
_FLIGHT = re.compile(r"^(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\d{3,4}$")


def row_attributes(
    tokens: Sequence[str], p: Mapping[str, Any], surnames: frozenset[str]
) -> tuple[str | None, set[str]]:
    """(the name, the attribute kinds) of one row's tokens; name None when there is none."""
    titles = tuple(p.get("title_suffixes", ()))
    place_suffixes = tuple(p.get("place_suffixes", ()))
    company = tuple(p.get("company_suffixes", ()))
    travel_words = tuple(p.get("travel_words", ()))
    health_words = tuple(p.get("health_words", ()))
    name: str | None = None
    kinds: set[str] = set()
    for raw in tokens:
        tok = squash(raw)
        if not tok:
            continue
        tok = re.sub(r"^(姓名|性别|年龄|电话|手机|住址|身份证号?码?)", "", tok) or tok
        v = normalise_digits(tok)
        if find_ids(v):
            kinds.add("id")
            continue
        if MOBILE.search(v):
            kinds.add("mobile")
            continue
        if company and tok.endswith(company):
            kinds.add("company")
            continue
        if name is None and looks_like_name(tok, surnames, titles):
            name = tok
            continue
        if tok in ("男", "女"):
            kinds.add("sex")
            continue
        m = _AGE.match(tok)
        if m and 0 < int(m.group(1) or m.group(2)) < 111:
            kinds.add("age")
            continue
        if _TEMP.match(tok):
            kinds.add("temperature")
            continue
        if _TRAIN.match(tok) or _FLIGHT.match(tok) or any(w in tok for w in travel_words):
            kinds.add("travel")
        if is_date(tok):
            kinds.add("date")
        if any(w in tok for w in health_words):
            kinds.add("health")
        if (3 <= len(tok) <= 30 and tok.endswith(place_suffixes)) or _NUMBERED_PLACE.search(tok):
            kinds.add("place")
    return name, kinds


IDENTIFYING = {"id", "mobile", "place"}
SCREENING = {"travel", "date", "temperature", "health"}
PERSONAL = {"age", "travel", "date", "temperature", "health"}


def is_person_row(name: str | None, kinds: set[str]) -> bool:
    if name is None or ("company" in kinds and "id" not in kinds):
        return False
    return bool(kinds & IDENTIFYING) or ("sex" in kinds and bool(kinds & PERSONAL))


def _rows(extraction: Extraction) -> Iterable[tuple[Sequence[str], Line | Location]]:
    for ti, table in enumerate(extraction.tables):
        for ri, row in enumerate(table.rows):
            cells = [t for c in row for t in _SPLIT.split(c or "") if t]
            yield (
                cells,
                Location(page=table.page, origin=table.name or table.origin, table=ti, row=ri),
            )
    for line in block_lines(extraction):
        if line.location.table is not None:
            continue
        text = _LEAD_NUMBER.sub("", line.text.strip())
        yield [t for t in _SPLIT.split(text) if t], line


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    p = ctx.p(NAME)
    surnames = frozenset(ctx.p("roster").get("surnames", ()))
    min_rows = int(p.get("min_rows", 3))
    persons: dict[str, tuple[set[str], Line | Location]] = {}
    for tokens, where in _rows(extraction):
        if len(tokens) < 2 or len(tokens) > 24:
            continue
        name, kinds = row_attributes(tokens, p, surnames)
        if not is_person_row(name, kinds):
            continue
        assert name is not None
        if name in persons:
            persons[name][0].update(kinds)
        else:
            persons[name] = (kinds, where)
    if len(persons) < min_rows:
        return []
    every = set().union(*(k for k, _ in persons.values()))
    if not every & ((IDENTIFYING - {"mobile"}) | SCREENING):
        # Names with phone numbers and nothing else: a contact list (通讯录), not a roster.
        first = next(iter(persons.values()))[1]
        return [_finding(first, "contact_rows", f"name|mobile ×{len(persons)}", len(persons), 1.0)]
    strength = 1.0 if "id" in every else 0.85 if "place" in every else 0.7
    first = next(iter(persons.values()))[1]
    kinds_label = "|".join(sorted(every & (IDENTIFYING | SCREENING | {"sex", "age"})))
    excerpt = f"{kinds_label} ×{len(persons)}"
    out = [_finding(first, "person_rows", excerpt, len(persons), strength)]
    screening = sum(1 for k, _ in persons.values() if k & SCREENING)
    if screening >= max(2, len(persons) // 2):
        label = "|".join(sorted(every & SCREENING))
        out.append(_finding(first, "screening_attrs", f"{label} ×{screening}", screening, 1.0))
    return out


def _finding(where: Line | Location, signal: str, excerpt: str, count: int, strength: float):
    if isinstance(where, Line):
        return finding_from_line(
            where, NAME, signal, excerpt, count=count, strength=strength, context=excerpt
        )
    return Finding(
        detector=NAME,
        signal=signal,
        excerpt=excerpt,
        location=where,
        category_hints=("screening_list",),
        count=count,
        strength=strength,
        context=excerpt,
    )
