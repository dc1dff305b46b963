"""Personal identifiers: resident ID numbers (checksum and birth date via python-stdnum),
mobile and landline numbers, passport and plate numbers. Raw values never leave: each finding
carries the masked value and a keyed hash so the policy can count distinct people.
"""

from __future__ import annotations

import re

from detectors import DetectContext, register
from detectors.masking import (
    LANDLINE,
    MOBILE,
    PASSPORT,
    PLATE,
    find_ids,
    mask_id,
    mask_plate,
    normalise_digits,
)
from detectors.model import Extraction, Finding
from detectors.text import block_lines
from detectors.util import finding_from_line

NAME = "identifiers"
# Parameters the policy pack may set for this detector (checked by policies.schema).
PARAMS: dict[str, str] = {
    "passport_context": "strings",
    "plate_context": "strings",
}


@register(NAME)
def detect(extraction: Extraction, ctx: DetectContext) -> list[Finding]:
    params = ctx.p(NAME)
    passport_context = tuple(params.get("passport_context", ("护照", "passport", "证件")))
    plate_context = tuple(params.get("plate_context", ("车牌", "号牌", "车辆", "自驾", "牌照")))
    out: list[Finding] = []
    for line in block_lines(extraction):
        s = normalise_digits(line.text)
        taken: list[tuple[int, int]] = []
        for a, b, value in find_ids(s):
            taken.append((a, b))
            out.append(
                finding_from_line(
                    line,
                    NAME,
                    "resident_id",
                    mask_id(value),
                    hints=("screening_list",),
                    value_hash=ctx.hasher("ric:" + value),
                )
            )
        for m in MOBILE.finditer(s):
            if _overlaps(m.start(), m.end(), taken):
                continue
            taken.append((m.start(), m.end()))
            value = m.group(1) + m.group(2) + m.group(3)
            out.append(
                finding_from_line(
                    line,
                    NAME,
                    "mobile",
                    value,
                    hints=("screening_list",),
                    value_hash=ctx.hasher("tel:" + value),
                )
            )
        for m in LANDLINE.finditer(s):
            if _overlaps(m.start(), m.end(), taken):
                continue
            value = re.sub(r"\D", "", m.group(0))
            out.append(
                finding_from_line(
                    line,
                    NAME,
                    "landline",
                    m.group(0),
                    value_hash=ctx.hasher("tel:" + value),
                )
            )
        low = s.lower()
        if any(k in low for k in passport_context):
            for m in PASSPORT.finditer(s):
                out.append(
                    finding_from_line(
                        line,
                        NAME,
                        "passport",
                        m.group(0),
                        hints=("screening_list",),
                        value_hash=ctx.hasher("pp:" + m.group(0)),
                    )
                )
        for m in PLATE.finditer(s):
            strength = 1.0 if any(k in s for k in plate_context) else 0.6
            out.append(
                finding_from_line(
                    line,
                    NAME,
                    "plate",
                    mask_plate(m.group(0)),
                    value_hash=ctx.hasher("plate:" + re.sub(r"[·\- ]", "", m.group(0))),
                    strength=strength,
                )
            )
    return out


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(not (b <= x or a >= y) for x, y in spans)
