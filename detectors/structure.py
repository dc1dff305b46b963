"""Document structure beyond the 公文 header: where a publication mark stands (附注), tasking
tables and labelled task fields, chat-style orders, news datelines and bylines, trajectory
tables, lab-result tables and drug-leaflet sections.

Every signal here is about *position or layout*, not about a word: 此件公开发布 counts in the
附注 position (in parentheses, as a labelled field, or on a short line near the end), not when a
sentence mentions it; 通报批评 is not news, but 新华社北京2月1日电（记者 …） is. Patterns and
word lists come from the policy pack (`detectors.structure`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from detectors import DetectContext, register
from detectors.model import BlockKind, Extraction, Finding, Location
from detectors.text import MARGIN_KINDS, Line, block_lines, squash
from detectors.util import compiled, finding_from_line, patterns

NAME = "structure"
# Parameters the policy pack may set for this detector (checked by policies.schema).
PARAMS: dict[str, str] = {
    "publication_formal": "patterns",
    "publication_bare": "patterns",
    "publication_tail": "number",
    "responsibility_fields": "strings",
    "deadline_fields": "strings",
    "matter_fields": "strings",
    "chat_addressee": "patterns",
    "chat_public": "patterns",
    "chat_demand": "patterns",
    "chat_deadline": "patterns",
    "news_dateline": "patterns",
    "news_byline": "patterns",
    "trajectory_columns": "mapping",
    "lab_columns": "mapping",
    "leaflet_sections": "strings",
    "minutes_parts": "patterns",
}


def _first(pats: Iterable[re.Pattern[str]], s: str) -> re.Match[str] | None:
    for pat in pats:
        m = pat.search(s)
        if m:
            return m
    return None


def _label_at_start(s: str, labels: Sequence[str]) -> str | None:
    """A field label at the start of a cell or line ("承办单位：…", "办结时限")."""
    for w in labels:
        if s.startswith(w) and (len(s) == len(w) or s[len(w)] in ":：(（ " or len(s) <= 12):
            return w
    return None


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    p = ctx.p(NAME)
    lines = block_lines(extraction)
    body = [ln for ln in lines if ln.kind not in MARGIN_KINDS]
    out: list[Finding] = []
    out.extend(_publication(body, p))
    out.extend(_tasking(extraction, lines, p))
    out.extend(_chat_order(body, p))
    out.extend(_news_form(body, p))
    out.extend(_table_kinds(extraction, p))
    out.extend(_leaflet(body, p))
    out.extend(_minutes(body, p))
    return out


def _minutes(body: list[Line], p: Mapping[str, Any]) -> list[Finding]:
    """纪要: a title ending in 纪要 among the first lines, and the parts minutes have (议定事项,
    出席/列席, 记录, 分送, 印发)."""
    title = None
    for line in body[:6]:
        if len(line.norm) <= 40 and line.norm.endswith("纪要") and "《" not in line.norm:
            title = line
            break
    if title is None:
        return []
    parts = {
        m.group(0) for line in body for m in [_first(patterns(p, "minutes_parts"), line.norm)] if m
    }
    if not parts:
        return []
    excerpt = f"{title.norm[-8:]} · {'|'.join(sorted(parts))[:40]}"
    return [finding_from_line(title, NAME, "minutes_form", excerpt, count=len(parts))]


def _publication(body: list[Line], p: Mapping[str, Any]) -> list[Finding]:
    """此件公开发布 / 主动公开 in the 附注 position: parenthesised, as a labelled field, or a
    short line in the last part of the document (after the body)."""
    formal = patterns(p, "publication_formal")
    bare = patterns(p, "publication_bare")
    tail_share = float(p.get("publication_tail", 0.34))
    n = len(body)
    for i, line in enumerate(body):
        s = line.norm
        m = _first(formal, s)
        if m:
            return [finding_from_line(line, NAME, "publication_mark", m.group(0))]
        if len(s) <= 24 and i >= n * (1 - tail_share):
            m = _first(bare, s)
            if m:
                return [finding_from_line(line, NAME, "publication_mark", m.group(0))]
    return []


def _tasking(extraction: Extraction, lines: list[Line], p: Mapping[str, Any]) -> list[Finding]:
    """A responsibility field and a deadline field: a 任务分解表's header, a 督办单's rows
    (督办事项 / 承办单位 / 办结时限), or labelled lines in text."""
    resp = tuple(squash(x) for x in p.get("responsibility_fields", ()))
    due = tuple(squash(x) for x in p.get("deadline_fields", ()))
    matter = tuple(squash(x) for x in p.get("matter_fields", ()))
    found: dict[str, tuple[str, Line]] = {}
    for line in lines:
        if line.kind in MARGIN_KINDS:
            continue
        # A text row of a pasted table holds several cells: "序号\t工作任务\t牵头单位…".
        cells = (
            [squash(c) for c in re.split(r"\t| {2,}|\|", line.text)]
            if ("\t" in line.text or "  " in line.text or "|" in line.text)
            else [line.norm]
        )
        for s in cells:
            if not s or len(s) > 40:
                continue
            for kind, labels in (("resp", resp), ("due", due), ("matter", matter)):
                w = _label_at_start(s, labels)
                if w and (kind, w) not in found:
                    found[(kind, w)] = (w, line)  # type: ignore[index]
    kinds = {k for k, _ in found}
    if not ({"resp", "due"} <= kinds or ({"matter", "due"} <= kinds and len(found) >= 3)):
        return []
    labels = [w for (_, w), _ in sorted(found.items(), key=lambda kv: kv[1][1].index)]
    first = min((ln for _, ln in found.values()), key=lambda ln: ln.index)
    excerpt = "|".join(dict.fromkeys(labels))[:60]
    f = finding_from_line(first, NAME, "tasking_fields", excerpt, context=excerpt)
    return [f]


# a chat message's speaker: a name, maybe with a role in brackets, then a colon
_SPEAKER = re.compile(r"^[^\s:：(（]{1,12}(\([^)]{1,10}\))?[:：]\s*")


def _chat_order(body: list[Line], p: Mapping[str, Any]) -> list[Finding]:
    """An order typed into a chat: addressed to units or staff, asking them to hand something
    in, by a time. All three must be there; an address to the public spoils it."""
    addressee = patterns(p, "chat_addressee")
    public = patterns(p, "chat_public")
    demand = patterns(p, "chat_demand")
    by_time = patterns(p, "chat_deadline")
    hit: dict[str, tuple[Line, str]] = {}
    for line in body[:80]:
        s = line.norm
        if any(pat.search(s) for pat in public):
            return []
        for key, pats in (("to", addressee), ("what", demand), ("when", by_time)):
            if key in hit:
                continue
            # the message after its speaker (武丹丹(村主任): 各位组长…) for the addressee
            m = _first(pats, s) or (_first(pats, _SPEAKER.sub("", s, 1)) if key == "to" else None)
            if m:
                hit[key] = (line, m.group(0))
    if len(hit) < 3:
        return []
    line, _ = hit["to"]
    excerpt = " … ".join(hit[k][1] for k in ("to", "what", "when"))[:80]
    return [finding_from_line(line, NAME, "chat_order", excerpt, context=excerpt)]


def _news_form(body: list[Line], p: Mapping[str, Any]) -> list[Finding]:
    """A dateline (新华社北京2月1日电, 本报讯), a byline (记者 …), or a source / editor line."""
    anywhere = patterns(p, "news_dateline")
    short = patterns(p, "news_byline")
    out: list[Finding] = []
    seen: set[str] = set()
    for line in body:
        s = line.norm
        m = _first(anywhere, s) or (_first(short, s) if len(s) <= 40 else None)
        if m and m.re.pattern not in seen:
            seen.add(m.re.pattern)
            out.append(finding_from_line(line, NAME, "news_form", m.group(0)))
    return out


def _header_kinds(row: Sequence[str], groups: Mapping[str, tuple[str, ...]]) -> set[str]:
    cells = [c for c in (squash(x) for x in row if x and x.strip()) if len(c) <= 12]
    return {kind for kind, words in groups.items() if any(w in c for c in cells for w in words)}


def _table_kinds(extraction: Extraction, p: Mapping[str, Any]) -> list[Finding]:
    """Tables read by their header: a trajectory table (time + place + activity) belongs to an
    investigation; a lab table (item + result + reference range) to a medical record."""
    out: list[Finding] = []
    rows_of: list[tuple[int, Sequence[Sequence[str]], Location]] = [
        (ti, t.rows, Location(page=t.page, origin=t.name or t.origin, table=ti))
        for ti, t in enumerate(extraction.tables)
    ]
    # Tab- or multi-space separated text rows (OCR of a table photo, a pasted table).
    text_rows = [
        re.split(r"\t| {2,}", raw.strip())
        for b in extraction.blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.OCR_LINE)
        for raw in b.text.splitlines()
        if "\t" in raw or "  " in raw.strip()
    ]
    if text_rows:
        rows_of.append((-1, text_rows, Location()))
    done: set[str] = set()
    groups = {
        key: {kind: tuple(squash(w) for w in words) for kind, words in p.get(key, {}).items()}
        for key in ("trajectory_columns", "lab_columns")
    }
    for ti, rows, loc in rows_of:
        for row in rows[:6]:
            for key, signal, need in (
                ("trajectory_columns", "trajectory_table", {"time", "place", "activity"}),
                ("lab_columns", "lab_table", {"item", "result", "reference"}),
            ):
                if signal in done:
                    continue
                kinds = _header_kinds(row, groups[key])
                if need <= kinds:
                    done.add(signal)
                    label = "|".join(squash(c) for c in row if c and c.strip())[:60]
                    out.append(
                        Finding(
                            detector=NAME,
                            signal=signal,
                            excerpt=label,
                            location=loc if ti >= 0 else Location(),
                            context=label,
                        )
                    )
    return out


def _leaflet(body: list[Line], p: Mapping[str, Any]) -> list[Finding]:
    """【适应症】【用法用量】【不良反应】: the bracketed sections of a drug package leaflet."""
    words = tuple(p.get("leaflet_sections", ()))
    if not words:
        return []
    pat = compiled(r"【(" + "|".join(map(re.escape, words)) + r")】")
    seen: dict[str, Line] = {}
    for line in body:
        for m in pat.finditer(line.norm):
            seen.setdefault(m.group(1), line)
    if len(seen) < 2:
        return []
    first = min(seen.values(), key=lambda ln: ln.index)
    excerpt = "".join(f"【{w}】" for w in list(seen)[:4])
    return [finding_from_line(first, NAME, "leaflet_sections", excerpt, count=len(seen))]
