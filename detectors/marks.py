"""Secrecy, internal and draft marks, wherever they appear: title, header, footer, watermark
text, metadata, file name, OCR text. Lines are compared after NFKC and whitespace removal.
Tesseract has no ★: it drops it or reads 太/女/大, so 秘密/机密/绝密 match with or without it,
but only where a mark stands (a short line or the margins), never inside a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from detectors import DetectContext, register
from detectors.model import Extraction, Finding
from detectors.text import MARGIN_KINDS, block_lines
from detectors.util import finding_from_line, patterns

NAME = "marks"
# Parameters the policy pack may set for this detector (checked by policies.schema).
PARAMS: dict[str, str] = {
    "short_line": "int",
    "secrecy_levels": "strings",
    "star_lookalikes": "strings",
    "draft_terms": "strings",
    "internal_terms": "strings",
    "internal_patterns": "patterns",
    "confidential_terms": "strings",
}
_TRIM = "()[]【】〔〕<>《》{}:：-—_.·,，、 \"'“”"
_STARS = "★☆*✱✶"
_CLOSE = ")）]】"
_FIELD = re.compile(r"密级[:：]?(绝密|机密|秘密)")
_COPY_NO = re.compile(r"^(份号[:：]?)?[0-9]{3,8}[-_.,，、]?")
# A draft that says so in other words: 第三稿, 修改稿 numbered, text still to be filled in.
_DRAFT_PATTERNS = (
    re.compile(r"[(（【]第[一二三四五六七八九十0-9]{1,3}稿[^)）】]{0,12}[)）】]"),
    re.compile(
        r"[(（【](此处)?(待补充|待定|待核实|待完善|待修改|待审定|结尾待定)[^)）】]{0,12}[)）】]"
    ),
    re.compile(r"【此处[^】]{1,30}】"),
    re.compile(r"【[^】]{0,12}(意见|批注|修改)[:：][^】]{1,40}】"),
)
# A short line that names the kind of text and its review stage apart: 讲话稿 送审, 汇报稿（讨论）,
# 发言稿·修改 (the stage word after the kind instead of one word like 送审稿). Whole line only.
# A numbered draft alone on its line (第三稿) is the same mark without brackets.
_DRAFT_STAGE_LINE = re.compile(
    r"^(讲话|发言|汇报|报告|材料|方案|文件|通知|意见|致辞|总结|提纲|文)稿[(（【·:：-]?"
    r"(送审|审议|讨论|征求意见|修改|审定|待审|未定)[)）】]?$"
    r"|^第[一二三四五六七八九十0-9]{1,3}稿$"
)


@lru_cache(maxsize=32)
def _secrecy_re(levels: tuple[str, ...], stars: str) -> re.Pattern[str]:
    lv = "|".join(map(re.escape, levels))
    st = "[" + re.escape(stars) + "]"
    term = r"(?:\d{1,2}年|[一二三四五六七八九十]{1,3}年|长期|\d{1,2}个月)"
    return re.compile(
        rf"^(?:密级[:：]?)?(?P<level>{lv})(?P<star>{st}{{1,2}})?(?P<term>{term})?"
        rf"(?P<rest>.*)$"
    )


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    p = ctx.p(NAME)
    levels = tuple(p.get("secrecy_levels", ("绝密", "机密", "秘密")))
    stars = "".join(p.get("star_lookalikes", ("★", "☆", "*", "太", "女", "大")))
    draft = tuple(p.get("draft_terms", ()))
    internal = tuple(p.get("internal_terms", ()))
    internal_patterns = patterns(p, "internal_patterns")
    confidential = tuple(p.get("confidential_terms", ()))
    short = int(p.get("short_line", 30))
    sec_re = _secrecy_re(levels, stars)
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()

    def add(line, signal: str, excerpt: str, hint: str, strength: float = 1.0) -> None:
        key = (signal, excerpt)
        if key in seen:
            return
        seen.add(key)
        out.append(finding_from_line(line, NAME, signal, excerpt, hints=(hint,), strength=strength))

    prev = ""
    for line in block_lines(extraction):
        s, prev, before_label = line.norm, line.norm or prev, prev.endswith("密级")
        if not s:
            continue
        margin = line.kind in MARGIN_KINDS
        is_short = len(s) <= short
        # 秘密★1年 / 机密★ / 密级：绝密 — at the start of a line (or anywhere in the margins).
        cand = [s]
        # 份号 first: "000012  机密★3年", "份号：000012 密级：秘密".
        lead = _COPY_NO.match(s)
        if lead and lead.end() < len(s):
            cand.append(s[lead.end() :])
        if margin or len(s) > 60:
            # In the margins, or in a line that lost its breaks, a mark may stand mid-line.
            cand += [s[m.start() :] for m in re.finditer("|".join(levels), s) if m.start()]
        midline = set(cand[1:]) - set(cand[1:2] if lead else ())
        # A labelled field (密级：机密, a form's 密级 cell run into its value) anywhere.
        for f in _FIELD.finditer(s):
            if f.start():
                cand.append(s[f.start() :])
        for c in cand:
            m = sec_re.match(c)
            if not m:
                continue
            star = m.group("star") or ""
            rest = m.group("rest")
            standalone = len(rest.strip(_TRIM)) == 0
            # A real ★ marks; an OCR stand-in (大, 女, 火…) only with a term or alone on the
            # line, so 秘密大揭秘 stays a headline.
            real_star = bool(star) and all(ch in _STARS for ch in star)
            if star and not real_star and not (m.group("term") or standalone):
                continue
            marked = real_star or bool(m.group("term")) or c.startswith("密级") or before_label
            # 秘密★1年 (a real star, a term, or the 密级 label) is a mark wherever a line starts
            # with it, even when the line breaks were lost; a bare 秘密 only on a line of its own.
            # (A value right after a 密级 label line or cell counts as labelled.)
            labelled = c.startswith("密级") or (before_label and c is s)
            unmistakable = real_star or bool(m.group("term")) or labelled
            if len(s) > 60 and c is not s and not unmistakable:
                continue
            # Mid-line, after other words (抽屉里的秘密, a chapter heading in a header), only a
            # star or a term makes a mark.
            if c in midline and c is not s and not unmistakable:
                continue
            if (marked and (is_short or margin or len(rest) < 20 or unmistakable)) or (
                standalone and (is_short or margin)
            ):
                end = max(m.end(g) for g in ("level", "star", "term") if m.group(g))
                add(line, "secrecy_mark", c[:end], "classified")
                break
        # In a line that lost its breaks (> 60 characters) the margin words may be anywhere:
        # they count, a little less sure.
        if is_short or margin or len(s) > 60:
            sure = 1.0 if (is_short or margin) else 0.75
            for term in confidential:
                if term in s:
                    add(line, "confidential_mark", term, "classified", sure)
            for term in internal:
                if term in s:
                    add(line, "internal_mark", term, "internal_material", sure)
            for pat in internal_patterns:
                m = pat.search(s)
                if m:
                    add(line, "internal_mark", m.group(0), "internal_material", sure)
        for term in draft:
            i = s.find(term)
            if i < 0:
                continue
            before, after = s[:i], s[i + len(term) :]
            # Inside 《…》 (or right before a 》 whose 《 is on an earlier line) it names a
            # document; it is not this document's mark.
            quoted = ("《" in before and "》" in after) or after.lstrip(_CLOSE).startswith("》")
            at_end = len(after.strip(_TRIM)) == 0
            # "（征求意见稿）" right after a title stays a mark even when the line breaks were
            # lost; inside 《…》 it names another document.
            bracketed = before.endswith(("(", "（", "[", "【")) and after.startswith(
                (")", "）", "]", "】")
            )
            if (
                (margin and not quoted)
                or (at_end and len(s) <= 80 and not quoted)
                or (is_short and len(before.strip(_TRIM)) == 0)
                or (bracketed and not quoted)
            ):
                add(line, "draft_mark", term, "internal_material")
        for pat in _DRAFT_PATTERNS:
            m = pat.search(s)
            if m and "《" not in s[: m.start()]:
                add(line, "draft_mark", m.group(0), "internal_material")
        if is_short and _DRAFT_STAGE_LINE.match(s):
            add(line, "draft_mark", s, "internal_material")
    return out
