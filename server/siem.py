"""SIEM export of flagged verdicts: CEF over syslog (RFC 5424; UDP, or TCP with RFC 6587
octet counting) and JSON Lines (a file, or `-` for stdout).

A named cursor in the database remembers the last row sent, so a scheduled or `--follow` export
sends each flagged row once per cursor; a failed send leaves the cursor where it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any, TextIO

from server import db

VENDOR, PRODUCT, VERSION = "shareguard", "shareguard", "0.1.0"
FACILITY = 10  # authpriv (security/authorisation messages)
SEVERITY = {"classified": 10, "screening_list": 8, "medical_record": 8, "control_order": 7,
            "investigation_report": 6, "internal_material": 5}  # fmt: skip


def _cef_escape_header(v: str) -> str:
    return v.replace("\\", "\\\\").replace("|", "\\|")


def _cef_escape_ext(v: str) -> str:
    return v.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n")


def cef(record: dict[str, Any]) -> str:
    """One flagged row as a CEF event (the path is already masked)."""
    cats = record["categories"]
    sev = max((SEVERITY.get(c, 5) for c in cats), default=3)
    ext = {
        "rt": str(record["time"]),
        "dhost": record["host"],
        "duser": "",
        "fname": record["path"],
        "fileHash": record["sha256"] or "",
        "act": record["action"],
        "cs1Label": "categories",
        "cs1": ",".join(cats),
        "cs2Label": "agent",
        "cs2": record["agent_id"],
        "cs3Label": "policyVersion",
        "cs3": str(record["policy_version"]),
        "cs4Label": "triage",
        "cs4": record["status"],
        "cs5Label": "department",
        "cs5": record.get("department") or "",
        "cn1Label": "rowId",
        "cn1": str(record["row_id"]),
        "externalId": f"{record['agent_id']}:{record['row_id']}",
    }
    head = "|".join(
        _cef_escape_header(x)
        for x in (
            "CEF:0",
            VENDOR,
            PRODUCT,
            VERSION,
            "flagged:" + (cats[0] if cats else "other"),
            "Flagged document before sharing",
            str(sev),
        )
    )
    return head + "|" + " ".join(f"{k}={_cef_escape_ext(str(v))}" for k, v in ext.items() if v)


def syslog_5424(message: str, *, hostname: str, severity: int = 4) -> bytes:
    """An RFC 5424 message: <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG."""
    pri = FACILITY * 8 + severity
    ts = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    host = (hostname or "-").replace(" ", "_")[:255]
    return f"<{pri}>1 {ts} {host} shareguard {os.getpid()} flagged - \ufeff{message}".encode()


class SyslogSender:
    def __init__(self, url: str) -> None:
        u = urllib.parse.urlsplit(url)
        if u.scheme not in ("tcp", "udp") or not u.hostname or not u.port:
            raise ValueError("syslog target must be tcp://HOST:PORT or udp://HOST:PORT")
        self.scheme, self.addr = u.scheme, (u.hostname, u.port)
        self.sock: socket.socket | None = None

    def _connect(self) -> socket.socket:
        if self.sock is None:
            if self.scheme == "tcp":
                self.sock = socket.create_connection(self.addr, timeout=10)
            else:
                self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        return self.sock

    def send(self, msg: bytes) -> None:
        s = self._connect()
        if self.scheme == "tcp":
            s.sendall(str(len(msg)).encode() + b" " + msg)  # RFC 6587 octet counting
        else:
            s.sendto(msg[:65000], self.addr)

    def close(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.close()
            self.sock = None


def _records(conn: Any, after: int) -> Iterator[dict[str, Any]]:
    from server.cli import log_records

    yield from log_records(conn, after_pk=after)


def export(
    dsn: str,
    *,
    syslog: str | None = None,
    jsonl: str | None = None,
    cursor: str = "default",
    follow: bool = False,
    interval: float = 5.0,
    hostname: str = "",
) -> int:
    """Send flagged rows after the cursor; returns how many were sent."""
    sender = SyslogSender(syslog) if syslog else None
    out: TextIO | None = None
    if jsonl == "-":
        out = sys.stdout
    elif jsonl:
        fd = os.open(jsonl, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        out = os.fdopen(fd, "a", encoding="utf-8")
    sent = 0
    try:
        with db.connect(dsn, autocommit=True) as conn:
            db.require_schema(conn)
            while True:
                row = conn.execute(
                    "SELECT last_pk FROM siem_cursors WHERE name = %s", (cursor,)
                ).fetchone()
                after = int(row[0]) if row else 0
                last = after
                with db.connect(dsn) as rconn:
                    for rec in _records(rconn, after):
                        pk = int(rec.pop("pk"))
                        if sender:
                            sender.send(syslog_5424(cef(rec), hostname=hostname))
                        if out:
                            out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
                        last = pk
                        sent += 1
                if out:
                    out.flush()
                if last > after:
                    conn.execute(
                        "INSERT INTO siem_cursors (name, last_pk) VALUES (%s, %s)"
                        " ON CONFLICT (name) DO UPDATE SET last_pk = excluded.last_pk",
                        (cursor, last),
                    )
                if not follow:
                    return sent
                time.sleep(interval)
    finally:
        if sender:
            sender.close()
        if out and out is not sys.stdout:
            out.close()
