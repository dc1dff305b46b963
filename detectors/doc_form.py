"""The form of an official document (公文): issuing body, 文号, order number, title, 主送 list,
deadline, 落款 date, 抄送, an electronic seal (OFD). Form is judged on standalone lines: a 文号 or
title quoted inside a sentence (as news does) is a mention, not the document itself, and counts
little or nothing.

Patterns and word lists come from the policy pack (`detectors.doc_form` params).
"""

from __future__ import annotations

import re

from detectors import DetectContext, register
from detectors.model import Extraction, Finding, Location
from detectors.text import MARGIN_KINDS, Line, block_lines
from detectors.util import finding_from_line, patterns

NAME = "doc_form"
SEAL_KEY = "ofd.seal"  # set by the OFD reader (agent.extract.ofd) for a sealed signature
# Parameters the policy pack may set for this detector (checked by policies.schema).
PARAMS: dict[str, str] = {
    "short_line": "int",
    "title_max": "int",
    "lead_lines": "int",
    "doc_number": "patterns",
    "order_number": "patterns",
    "order_title": "patterns",
    "title_notice": "patterns",
    "title_public": "patterns",
    "title_report": "patterns",
    "deadline": "patterns",
    "task_phrases": "patterns",
    "date_line": "patterns",
    "issuing_body": "patterns",
    "cc_line": "patterns",
    "contact_line": "patterns",
    "org_suffixes": "strings",
    "public_addressees": "strings",
    "public_prefixes": "strings",
}


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    p = ctx.p(NAME)
    short = int(p.get("short_line", 40))
    title_max = int(p.get("title_max", 100))
    lead_lines = int(p.get("lead_lines", 12))
    org_suffixes = tuple(p.get("org_suffixes", ()))
    public_addressees = tuple(p.get("public_addressees", ()))
    public_prefixes = tuple(p.get("public_prefixes", ("广大", "全体")))
    lines = [ln for ln in block_lines(extraction) if ln.kind not in MARGIN_KINDS]
    out: list[Finding] = []
    seen: set[str] = set()

    def add(line: Line, signal: str, excerpt: str, strength: float = 1.0, once: bool = True):
        if once and signal in seen:
            return
        seen.add(signal)
        out.append(
            finding_from_line(
                line, NAME, signal, excerpt, hints=("control_order",), strength=strength
            )
        )

    for i, line in enumerate(lines):
        s = line.norm
        if not s:
            continue
        n = len(s)
        lead = i < lead_lines
        # 文号 such as 国办发〔2020〕12号: the document's own number stands on its own line.
        for pat in patterns(p, "doc_number"):
            m = pat.search(s)
            if m:
                # 《…的通知》（国办发〔2020〕12号） cites another document's number.
                cited = s[: m.start()].rstrip("(（").endswith("》")
                own = not cited and (n <= short or m.start() == 0 or (lead and m.start() < 40))
                if own:
                    add(line, "doc_number", m.group(0), 1.0)
                break
        for pat in patterns(p, "order_number"):
            m = pat.search(s)
            if m and n <= short and "《" not in s[: m.start()]:
                add(line, "order_number", m.group(0))
                break
        # A title may name another document (关于印发《…》的通知); a sentence that quotes one
        # ends elsewhere, so past the lead lines 《 still means a mention.
        quotes = "《" in s and not (lead and not s.endswith("》"))
        if n <= title_max and not quotes and "“" not in s[:4]:
            for pat in patterns(p, "order_title"):
                m = pat.search(s)
                if m and n <= short:
                    add(line, "order_form_title", s)
                    break
            for key, signal in (
                ("title_public", "title_public"),
                ("title_report", "title_report"),
                ("title_notice", "title_notice"),
            ):
                if any(pat.search(s) for pat in patterns(p, key)):
                    add(line, signal, s, 1.0 if lead else 0.6)
                    break
        # 主送: "各乡镇、各部门：" — units separated by 、 ending with a colon.
        if n <= 160 and s.endswith(":"):
            body = s[:-1]
            body = re.sub(r"^主送(机关)?:?", "", body)
            units = [u for u in re.split(r"[、,，;]", body) if u]
            # "广大市民：", "各位家长：" address the public; "各村民小组：" is a unit.
            if any(u.endswith(public_addressees) or u.startswith(public_prefixes) for u in units):
                units = []
            has_org = sum(1 for u in units if u.endswith(org_suffixes) or u.startswith("各"))
            if units and has_org >= 1 and (len(units) >= 2 or body.startswith("各") or lead):
                add(line, "main_recipients", line.text.strip(), 1.0 if len(units) >= 2 else 0.7)
        for pat in patterns(p, "deadline"):
            m = pat.search(s)
            if m:
                add(line, "deadline", m.group(0))
                break
        for pat in patterns(p, "task_phrases"):
            m = pat.search(s)
            if m:
                add(line, "task_assignment", m.group(0))
                break
        if n <= 24:
            for pat in patterns(p, "date_line"):
                if pat.fullmatch(s):
                    add(line, "signing_date", s)
                    break
            if any(pat.search(s) for pat in patterns(p, "issuing_body")):
                add(line, "issuing_body", s)
        for pat in patterns(p, "cc_line"):
            if pat.match(s):
                add(line, "cc_line", s[:30])
                break
        for pat in patterns(p, "contact_line"):
            m = pat.search(s)
            if m:
                add(line, "contact_line", s[:40])
                break
    if any(k == SEAL_KEY and v == "yes" for k, v in extraction.metadata):
        # an electronic seal (OFD Signatures.xml) is affixed by the issuing body: the file is an
        # issued official document, whatever its text says about itself
        out.append(
            Finding(
                NAME,
                "electronic_seal",
                "电子印章",
                location=Location(origin=f"metadata:{SEAL_KEY}"),
                category_hints=("control_order",),
            )
        )
    return out
