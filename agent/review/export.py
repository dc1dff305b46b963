"""Masked, serialisable views of log rows, shared by `shareguard log` and the review console.

Evidence in the log is masked by the detectors and paths by the store, but notes, reviewer names
and rows written before paths were masked are not, and a file may well be named after the person
in it (``张三_110101199003071234.xlsx``), so everything that leaves the process through a page or
an export goes through :func:`agent.redact.scrub` again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any

from agent.redact import scrub
from agent.store import LogRow

__all__ = ["EXPORT_FIELDS", "csv_values", "row_record", "scrub", "scrub_evidence", "write_csv"]

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
