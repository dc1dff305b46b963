"""Roster tables: lists of people with identifying data. Column meaning comes from the header
(姓名, 身份证号, 联系电话, 住址, 返回日期, 车次, 体温, 隔离…) and, when headers are missing or
garbled by OCR, from the cells themselves (valid ID numbers, mobile numbers, names, temperatures).
Works on Tables from any format, and on text lines when a document has no Table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from detectors import DetectContext, register
from detectors.masking import MOBILE, find_ids, mask_text, normalise_digits
from detectors.model import BlockKind, Extraction, Finding, Location, Table
from detectors.text import Line, block_lines, squash
from detectors.util import is_date, looks_like_name

NAME = "roster"
# Parameters the policy pack may set for this detector (checked by policies.schema).
PARAMS: dict[str, str] = {
    "min_rows": "int",
    "phone_only_min_rows": "int",
    "identifying": "strings",
    "screening": "strings",
    "columns": "mapping",
    "surnames": "strings",
}
_TEMP = re.compile(r"^3[4-9](\.\d)?(℃|°C|度)?$")
_DATE = re.compile(r"^(\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?$")


_MASKED = re.compile(r"[0-9A-Za-z][*＊×]{3,}[0-9A-Za-z*＊×]")
# the same read off a photo: OCR keeps one star of a run (450100*786) or none at all
_MASKED_READ = re.compile(r"[0-9A-Za-z][*＊×]+[0-9A-Za-z]")


def _column_terms(p: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    cols = p.get("columns", {})
    return {k: tuple(squash(t) for t in v) for k, v in cols.items()}


def _header_role(cell: str, terms: dict[str, tuple[str, ...]]) -> str | None:
    c = squash(cell)
    if not c or len(c) > 14:
        return None
    best, best_len = None, 0
    for role, words in terms.items():
        for w in words:
            if w in c and len(w) > best_len:
                best, best_len = role, len(w)
    return best


def _looks_name(cell: str, surnames: frozenset[str]) -> bool:
    return looks_like_name(squash(cell), surnames)


def _content_role(values: Sequence[str], surnames: frozenset[str]) -> str | None:
    vals = [normalise_digits(v).strip() for v in values if v and v.strip()]
    if len(vals) < 2:
        return None

    def share(pred) -> float:
        return sum(1 for v in vals if pred(v)) / len(vals)

    if share(lambda v: bool(find_ids(v))) >= 0.5:
        return "id"
    if share(lambda v: bool(MOBILE.search(v))) >= 0.5:
        return "phone"
    if share(lambda v: _looks_name(v, surnames)) >= 0.6:
        return "name"
    if share(lambda v: bool(_TEMP.match(squash(v)))) >= 0.6:
        return "temperature"
    if share(lambda v: is_date(squash(v)) and bool(_DATE.match(squash(v)))) >= 0.6:
        return "date"
    return None


def _find_header(rows: Sequence[Sequence[str]], terms) -> tuple[int, dict[int, str]]:
    best_i, best_roles = -1, {}
    for i, row in enumerate(rows[:4]):
        # A key/value form row ("姓名 | 张三 | 身份证号 | 4201…") carries values: not a header.
        if any(find_ids(normalise_digits(c)) or MOBILE.search(normalise_digits(c)) for c in row):
            continue
        roles = {}
        for j, cell in enumerate(row):
            r = _header_role(cell, terms)
            if r and r not in roles.values():
                roles[j] = r
        if len(roles) >= 2 and len(roles) > len(best_roles):
            best_i, best_roles = i, roles
    return best_i, best_roles


def _looks_masked(value: str, role: str) -> bool:
    """A cell of an ID, phone or name column printed masked (4501**********7787, 张**), or an
    ID or phone as OCR reads that off a photo: one star left (450100*786) or, for an ID, none
    (46020907090: 8-13 digits, too few for any ID number; an ID misread by OCR keeps about 15-18
    characters)."""
    if role == "name":  # 张**, 李*某: a name printed masked
        return any(c in value for c in "*＊×")
    if _MASKED.search(value) or _MASKED_READ.search(value):
        return True
    digits = sum(c.isdigit() for c in value)
    return role == "id" and 8 <= digits <= 13 and len(value.strip()) <= 14


def analyse_table(table: Table, p: Mapping[str, Any]) -> dict[str, Any]:
    """Column roles, header row index and person-row count of one table (for tests, explain)."""
    terms = _column_terms(p)
    surnames = frozenset(p.get("surnames", ()))
    rows = [tuple(c or "" for c in r) for r in table.rows]
    hi, roles = _find_header(rows, terms)
    data = rows[hi + 1 :] if hi >= 0 else rows
    width = max((len(r) for r in data), default=0)
    for j in range(width):
        if j in roles and roles[j] not in ("name",):
            continue
        role = _content_role([r[j] if j < len(r) else "" for r in data], surnames)
        if role and (j not in roles or role in ("id", "phone")):
            roles[j] = role
    for j, role in list(roles.items()):
        # ID or phone numbers or names printed masked (4501**********7787, 138****5678, 张**):
        # a list de-identified for publication (a 公示), not a roster of raw identifiers
        if role in ("id", "phone", "name"):
            vals = [r[j] for r in data if j < len(r) and r[j].strip()]
            if vals and sum(_looks_masked(v, role) for v in vals) >= 0.6 * len(vals):
                roles[j] = "masked"
    person_rows = 0
    for r in data:
        filled = [c for c in r if c.strip()]
        if len(filled) < 2:
            continue
        ok = False
        for j, role in roles.items():
            cell = r[j] if j < len(r) else ""
            if not cell.strip():
                continue
            v = normalise_digits(cell)
            if (
                (role == "id" and find_ids(v))
                or (role == "phone" and MOBILE.search(v))
                or (role == "name" and 2 <= len(squash(cell)) <= 6)
            ):
                ok = True
                break
        if ok:
            person_rows += 1
    return {"header_row": hi, "roles": roles, "person_rows": person_rows}


def _company_column(table: Table, suffixes: tuple[str, ...]) -> bool:
    """A column of business names and no resident IDs: a directory of businesses. (A staff
    roster with a 公司名称 column and ID numbers is still a roster.)"""
    rows = [r for r in table.rows[1:] if any(c.strip() for c in r)]
    if len(rows) < 2 or any(find_ids(normalise_digits(c)) for r in rows for c in r):
        return False
    width = max(len(r) for r in rows)
    for j in range(width):
        vals = [squash(r[j]) for r in rows if j < len(r) and r[j].strip()]
        if vals and sum(v.endswith(suffixes) for v in vals) / len(rows) >= 0.6:
            return True
    return False


def _strength(roles: set[str], p: Mapping[str, Any]) -> float:
    identifying = set(p.get("identifying", ("id", "phone", "address", "passport")))
    screening = set(p.get("screening", ("date", "travel", "temperature", "quarantine", "health")))
    if roles & {"id", "phone"}:
        return 1.0
    if "name" in roles and roles & identifying:
        return 0.9
    if "name" in roles and roles & screening:
        return 0.75
    if "name" in roles and len(roles) >= 3:
        return 0.5
    return 0.0


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    p = ctx.p(NAME)
    min_rows = int(p.get("min_rows", 2))
    out: list[Finding] = []
    company = tuple(ctx.p("persons").get("company_suffixes", ()))
    for ti, table in enumerate(extraction.tables):
        if company and _company_column(table, company):
            # A directory of businesses (公司, 店, 厂 in a column) is not a list of private persons.
            loc = Location(page=table.page, origin=table.name or table.origin, table=ti)
            out.append(
                Finding(
                    detector=NAME,
                    signal="business_directory",
                    excerpt="|".join(squash(c) for c in table.rows[0] if c.strip())[:60],
                    location=loc,
                    count=1,
                )
            )
            continue
        info = analyse_table(table, p)
        roles = set(info["roles"].values())
        header = table.rows[info["header_row"]] if info["header_row"] >= 0 else ()
        label = mask_text("|".join(squash(c) for c in header if c.strip()))[:60]
        label = label or "|".join(sorted(roles))
        loc = Location(page=table.page, origin=table.name or table.origin, table=ti)
        strength = _strength(roles, p)
        # Names with phones (and a unit, a sex): a contact list, not a roster of private data.
        contact_only = roles <= {"name", "phone", "work", "gender", "age"}
        if info["person_rows"] >= min_rows and strength > 0:
            out.append(
                Finding(
                    detector=NAME,
                    signal="contact_list" if contact_only else "roster_table",
                    excerpt=f"{label} ×{info['person_rows']}",
                    location=loc,
                    category_hints=("screening_list",),
                    count=info["person_rows"],
                    strength=strength,
                    context=f"{label} ×{info['person_rows']}",
                )
            )
        elif info["header_row"] >= 0 and len(roles) >= 3 and info["person_rows"] == 0:
            out.append(
                Finding(
                    detector=NAME,
                    signal="roster_template",
                    excerpt=label,
                    location=loc,
                    count=1,
                    context=label,
                )
            )
    out.extend(_text_roster(extraction, p, ctx))
    return out


def _text_roster(extraction: Extraction, p: Mapping[str, Any], ctx: DetectContext) -> list[Finding]:
    """Person lines in running text (OCR of a roster photo, a list pasted into a .txt)."""
    terms = _column_terms(p)
    surnames = frozenset(p.get("surnames", ()))
    min_rows = int(p.get("min_rows", 2))
    header: Line | None = None
    header_roles: set[str] = set()
    persons: dict[str, Line] = {}
    for line in block_lines(extraction):
        if line.kind in (BlockKind.CELL,) or line.location.table is not None:
            continue
        parts = [x for x in re.split(r"[\s,，;；|]+", line.text) if x]
        if header is None and len(parts) >= 3:
            roles = {r for r in (_header_role(x, terms) for x in parts) if r}
            if len(roles) >= 3:
                header, header_roles = line, roles
                continue
        v = normalise_digits(line.text)
        ids = find_ids(v)
        key = None
        if ids:
            key = "ric:" + ids[0][2]
        else:
            m = MOBILE.search(v)
            if m:
                key = "tel:" + m.group(1) + m.group(2) + m.group(3)
        if key is None:
            continue
        has_name = any(_looks_name(x, surnames) for x in parts[:6]) or header is not None
        if has_name and key not in persons:
            persons[key] = line
    with_id = sum(1 for k in persons if k.startswith("ric:"))
    # Without a header row, names with phone numbers alone are often a contact list
    # (联系人 lines of a notice): only a longer list of them counts as a roster.
    phone_only_min = int(p.get("phone_only_min_rows", 5))
    if header is None and with_id < min_rows and len(persons) < phone_only_min:
        return []
    if len(persons) < min_rows:
        return []
    first = next(iter(persons.values()))
    excerpt = f"{'|'.join(sorted(header_roles)) or 'name|id'} ×{len(persons)}"
    return [
        Finding(
            detector=NAME,
            signal="roster_lines",
            excerpt=excerpt,
            location=first.location,
            category_hints=("screening_list",),
            count=len(persons),
            strength=1.0 if header is not None else 0.85,
            context=excerpt,
        )
    ]
