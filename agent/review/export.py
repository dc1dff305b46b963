"""Masked, serialisable views of log rows, shared by `shareguard log` and the review console.

Evidence in the log is already masked by the detectors. Paths, notes and error texts are not, and
a file may well be named after the person in it (``张三_110101199003071234.xlsx``), so everything
that leaves the process through a page or an export goes through :func:`scrub` first.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable
from typing import IO, Any

from agent.store import LogRow

EXPORT_FIELDS = (
    "id",
    "time",
    "host",
    "user",
    "path",
    "sha256",
    "size",
    "media_type",
    "verdict",
    "categories",
    "evidence",
    "error_kind",
    "error",
    "action",
    "mode",
    "status",
    "reviewer",
    "note",
)

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
            text = mask_text(text)
        except Exception:  # masking must never take the console down; our own pass follows
            pass
    return _fallback_mask(text)


def scrub_evidence(evidence: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    if evidence is None:
        return None
    out = []
    for e in evidence:
        d = dict(e)
        for key in ("text", "context", "location"):
            if isinstance(d.get(key), str):
                d[key] = scrub(d[key])
        out.append(d)
    return out


def row_record(row: LogRow) -> dict[str, Any]:
    """One row as a JSON-safe dict with every free-text field masked."""
    d = row.to_dict()
    for key in ("path", "note", "error", "reviewer", "user", "host"):
        if d.get(key):
            d[key] = scrub(d[key])
    d["evidence"] = scrub_evidence(row.evidence)
    d["thumbnail"] = bool(row.thumbnail)
    return d


def write_jsonl(rows: Iterable[LogRow], fp: IO[str]) -> int:
    n = 0
    for row in rows:
        fp.write(json.dumps(row_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(value: Any) -> str:
    s = "" if value is None else str(value)
    # Spreadsheet formula injection: a path or note starting with = + - @ must stay text.
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        s = "'" + s
    return s


def csv_values(row: LogRow) -> list[str]:
    d = row_record(row)
    cats = ";".join(f"{c['id']}:{c['score']}" for c in d["categories"])
    ev = d["evidence"]
    evidence = (
        " | ".join(f"{e.get('category')}/{e.get('signal')}: {e.get('text', '')}" for e in ev)
        if ev
        else ""
    )
    values = {**d, "categories": cats, "evidence": evidence}
    return [_cell(values.get(f)) for f in EXPORT_FIELDS]


def write_csv(rows: Iterable[LogRow], fp: IO[str]) -> int:
    w = csv.writer(fp)
    w.writerow(EXPORT_FIELDS)
    n = 0
    for row in rows:
        w.writerow(csv_values(row))
        n += 1
    return n


def export_text(rows: Iterable[LogRow], fmt: str) -> str:
    buf = io.StringIO()
    (write_csv if fmt == "csv" else write_jsonl)(rows, buf)
    return buf.getvalue()
