"""The flagged-file log: SQLite in WAL mode, append-only, each row chained to the last.

Every verdict the agent or `check` reaches becomes one row of `verdicts`; later facts about a row
(triage decisions, quarantine and restore, evidence purges) are rows of `events`. Both tables are
append-only (triggers refuse UPDATE/DELETE) and each row carries
``row_hash = HMAC(chain_key, prev_hash || canonical(row))``, so an edited, inserted or deleted row
breaks the chain and `verify()` names it. The evidence enters the hash only through its own digest,
so retention can blank old evidence and the chain still verifies.

`triage_state` and `verdict_categories` are derived tables (rebuildable from the chained ones)
that keep the console's filters fast.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
import socket
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.files import connect_private_sqlite, make_private_dir
from detectors.model import Verdict

SCHEMA_VERSION = 3
GENESIS = "0" * 64
TRIAGE_STATUSES = ("new", "confirmed", "false_positive", "ignored")

_VERDICT_FIELDS = (
    "time",
    "host",
    "user",
    "path",
    "sha256",
    "size",
    "media_type",
    "verdict",
    "categories",
    "evidence_hash",
    "error",
    "error_kind",
    "action",
    "mode",
    "scan_seconds",
    "thumbnail",
)
# Rows written since schema v3 are chained over the path's digest instead of the path itself (so
# retention can blank the path), plus the keyed path hash and the policy version.
_VERDICT_FIELDS_V3 = (
    *("path_digest" if f == "path" else f for f in _VERDICT_FIELDS),
    "path_hash",
    "policy_version",
)
_EVENT_FIELDS = ("time", "verdict_id", "kind", "actor", "data")

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE verdicts (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        host TEXT NOT NULL,
        user TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        media_type TEXT,
        verdict TEXT NOT NULL,
        categories TEXT NOT NULL,      -- JSON [{id, score}], flagged ones, highest first
        evidence TEXT,                 -- JSON, masked; NULL once purged by retention
        evidence_hash TEXT NOT NULL,
        error TEXT,
        error_kind TEXT,
        action TEXT NOT NULL,
        mode TEXT NOT NULL,
        scan_seconds REAL,
        thumbnail TEXT,
        prev_hash TEXT NOT NULL,
        row_hash TEXT NOT NULL
    );
    CREATE INDEX verdicts_time ON verdicts(time);
    CREATE INDEX verdicts_sha ON verdicts(sha256);
    CREATE INDEX verdicts_verdict ON verdicts(verdict, time);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        verdict_id INTEGER,
        kind TEXT NOT NULL,            -- triage | quarantine | restore | purge | note
        actor TEXT NOT NULL,
        data TEXT NOT NULL,            -- JSON
        prev_hash TEXT NOT NULL,
        row_hash TEXT NOT NULL
    );
    CREATE INDEX events_verdict ON events(verdict_id);
    CREATE TABLE verdict_categories (
        verdict_id INTEGER NOT NULL,
        category TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (verdict_id, category)
    ) WITHOUT ROWID;
    CREATE INDEX verdict_categories_cat ON verdict_categories(category, verdict_id);
    CREATE TABLE triage_state (
        verdict_id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        reviewer TEXT,
        note TEXT,
        time TEXT NOT NULL
    );
    CREATE INDEX triage_status ON triage_state(status);
    CREATE TABLE chain_head (
        name TEXT PRIMARY KEY,         -- 'verdicts' | 'events'
        last_id INTEGER NOT NULL,
        last_hash TEXT NOT NULL
    );
    INSERT INTO chain_head VALUES ('verdicts', 0, '%(genesis)s'), ('events', 0, '%(genesis)s');
    CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
    CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts
        WHEN NEW.id IS NOT OLD.id OR NEW.row_hash IS NOT OLD.row_hash
          OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.evidence_hash IS NOT OLD.evidence_hash
          OR NEW.path IS NOT OLD.path OR NEW.verdict IS NOT OLD.verdict
          OR NEW.categories IS NOT OLD.categories OR NEW.time IS NOT OLD.time
          OR NEW.sha256 IS NOT OLD.sha256 OR NEW.action IS NOT OLD.action
          OR (NEW.evidence IS NOT NULL AND NEW.evidence IS NOT OLD.evidence)
          OR (NEW.thumbnail IS NOT NULL AND NEW.thumbnail IS NOT OLD.thumbnail)
        BEGIN SELECT RAISE(ABORT, 'the log is append-only (only evidence may be purged)'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
    """.replace("%(genesis)s", GENESIS),
    # v2: the review console's computer and folder filters (bench/console.py)
    2: """
    CREATE INDEX verdicts_host ON verdicts(host, verdict);
    CREATE INDEX verdicts_path ON verdicts(path);
    """,
    # v3: paths stored masked, matched by a keyed hash of the full path, blankable by retention
    # (the chain covers their digest); the policy version each verdict was reached under.
    3: """
    ALTER TABLE verdicts ADD COLUMN path_hash TEXT;
    ALTER TABLE verdicts ADD COLUMN path_digest TEXT;
    ALTER TABLE verdicts ADD COLUMN policy_version TEXT;
    CREATE INDEX verdicts_path_hash ON verdicts(path_hash);
    DROP TRIGGER verdicts_no_update;
    CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts
        WHEN NEW.id IS NOT OLD.id OR NEW.row_hash IS NOT OLD.row_hash
          OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.evidence_hash IS NOT OLD.evidence_hash
          OR (NEW.path IS NOT OLD.path AND (NEW.path != '' OR OLD.path_digest IS NULL))
          OR NEW.verdict IS NOT OLD.verdict
          OR NEW.categories IS NOT OLD.categories OR NEW.time IS NOT OLD.time
          OR NEW.sha256 IS NOT OLD.sha256 OR NEW.action IS NOT OLD.action
          OR NEW.path_hash IS NOT OLD.path_hash OR NEW.path_digest IS NOT OLD.path_digest
          OR NEW.policy_version IS NOT OLD.policy_version
          OR (NEW.evidence IS NOT NULL AND NEW.evidence IS NOT OLD.evidence)
          OR (NEW.thumbnail IS NOT NULL AND NEW.thumbnail IS NOT OLD.thumbnail)
        BEGIN SELECT RAISE(ABORT, 'the log is append-only (only evidence and paths may be purged)');
        END;
    """,
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _canonical(values: Sequence[Any]) -> bytes:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":")).encode()


def _digest(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


def load_install_key(path: Path) -> bytes:
    """The per-install secret (0600) that keys value hashes and the log chain; made on first use."""
    make_private_dir(path.parent)
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def value_hasher(key: bytes):
    """Keyed hash for raw identifier values: counts distinct IDs without storing them."""
    vkey = hmac.new(key, b"shareguard/value-hash/v1", hashlib.sha256).digest()

    def h(value: str) -> str:
        return hmac.new(vkey, value.encode(), hashlib.sha256).hexdigest()[:32]

    return h


@dataclass(frozen=True)
class LogRow:
    id: int
    time: str
    host: str
    user: str
    path: str
    sha256: str | None
    size: int | None
    media_type: str | None
    verdict: str
    categories: list[dict[str, Any]]
    evidence: list[dict[str, Any]] | None
    error: str | None
    error_kind: str | None
    action: str
    mode: str
    scan_seconds: float | None
    thumbnail: str | None
    status: str = "new"
    reviewer: str | None = None
    note: str | None = None
    path_hash: str | None = None  # keyed hash of the full path (None in rows before v3)
    policy_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time,
            "host": self.host,
            "user": self.user,
            "path": self.path,
            "sha256": self.sha256,
            "size": self.size,
            "media_type": self.media_type,
            "verdict": self.verdict,
            "categories": self.categories,
            "evidence": self.evidence,
            "error": self.error,
            "error_kind": self.error_kind,
            "action": self.action,
            "mode": self.mode,
            "scan_seconds": self.scan_seconds,
            "policy_version": self.policy_version,
            "status": self.status,
            "reviewer": self.reviewer,
            "note": self.note,
        }


@dataclass(frozen=True)
class Event:
    id: int
    time: str
    verdict_id: int | None
    kind: str
    actor: str
    data: dict[str, Any]


@dataclass(frozen=True)
class LogFilter:
    verdicts: tuple[str, ...] = ("flagged",)  # empty = all
    category: str | None = None
    since: str | None = None  # ISO time or date, inclusive
    until: str | None = None  # ISO time or date, exclusive
    status: str | None = None
    host: str | None = None
    folder: str | None = None  # path prefix
    action: str | None = None
    mode: str | None = None
    text: str | None = None  # substring of the path
    answer: str | None = None  # the person's answer to the alert: override | quarantine
    department: str | None = None  # the office server's enrolment label (not in a PC's log)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    events: int
    problems: tuple[str, ...] = field(default_factory=tuple)


class Store:
    """The log. Open one per process; safe to use from several processes at once (WAL)."""

    def __init__(self, path: str | os.PathLike[str], key: bytes) -> None:
        self.path = Path(path)
        self._chain_key = hmac.new(key, b"shareguard/log-chain/v1", hashlib.sha256).digest()
        self._path_key = hmac.new(key, b"shareguard/path-hash/v1", hashlib.sha256).digest()
        self.db = connect_private_sqlite(self.path, synchronous="FULL")
        self._migrate()

    @classmethod
    def open(cls, config: Any) -> Store:
        """Open the log named by an agent.config.Config."""
        return cls(config.log_path, load_install_key(config.key_path))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"log schema v{version} is newer than this shareguard (v{SCHEMA_VERSION})"
            )
        for v in range(version + 1, SCHEMA_VERSION + 1):
            with self._tx():
                # re-check inside the lock: another process may have migrated meanwhile
                if self.db.execute("PRAGMA user_version").fetchone()[0] >= v:
                    continue
                for stmt in _split_sql(_MIGRATIONS[v]):
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {v}")

    @contextlib.contextmanager
    def _tx(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _hash(self, prev: str, values: Sequence[Any]) -> str:
        return hmac.new(
            self._chain_key, prev.encode() + _canonical(values), hashlib.sha256
        ).hexdigest()

    def path_hash(self, path: str) -> str:
        """Keyed hash of a full path: matches the same file across rows without storing its name
        (which often carries an ID or mobile number)."""
        return hmac.new(
            self._path_key, path.encode("utf-8", "surrogateescape"), "sha256"
        ).hexdigest()

    # -- writing --------------------------------------------------------------------------
    def append_verdict(
        self,
        verdict: Verdict,
        *,
        action: str = "none",
        mode: str = "audit",
        path: str | None = None,
        thumbnail: str | None = None,
        host: str | None = None,
        user: str | None = None,
        time: str | None = None,
        policy_version: str | None = None,
    ) -> int:
        """Append one verdict; returns its row id. Evidence in a Verdict is already masked; the
        path and error text are masked here (the full path is kept only as a keyed hash)."""
        from agent.redact import scrub

        flagged = verdict.flagged_categories
        categories = [{"id": c.id, "score": round(c.score, 3)} for c in flagged]
        evidence = json.dumps(
            [
                {
                    "category": c.id,
                    "detector": e.detector,
                    "signal": e.signal,
                    "text": e.text,
                    "location": e.location,
                    "weight": round(e.weight, 3),
                    # masked text around the match and the OCR box, for the review console
                    **({"context": e.context} if e.context else {}),
                    **({"page": e.page} if e.page is not None else {}),
                    **({"bbox": [round(x, 4) for x in e.bbox]} if e.bbox else {}),
                }
                for c in flagged
                for e in c.evidence
            ],
            ensure_ascii=False,
        )
        scan_seconds = sum(s for _, s in verdict.timings) if verdict.timings else None
        full_path = path or verdict.path
        stored_path = scrub(full_path)
        row = {
            "time": time or now_iso(),
            "host": host or socket.gethostname(),
            "user": user or _user(),
            "path": stored_path,
            "path_digest": _digest(stored_path),
            "path_hash": self.path_hash(full_path),
            "policy_version": policy_version,
            "sha256": verdict.sha256,
            "size": verdict.size,
            "media_type": verdict.media_type,
            "verdict": verdict.decision.value,
            "categories": json.dumps(categories, ensure_ascii=False),
            "evidence_hash": _digest(evidence),
            "error": scrub(verdict.error) or None,
            "error_kind": verdict.error_kind,
            "action": action,
            "mode": mode,
            "scan_seconds": round(scan_seconds, 4) if scan_seconds is not None else None,
            "thumbnail": thumbnail,
        }
        with self._tx():
            _last_id, prev = self.db.execute(
                "SELECT last_id, last_hash FROM chain_head WHERE name='verdicts'"
            ).fetchone()
            row_hash = self._hash(prev, [row[f] for f in _VERDICT_FIELDS_V3])
            cols = [*_VERDICT_FIELDS, "path_hash", "path_digest", "policy_version"]
            cur = self.db.execute(
                f"INSERT INTO verdicts ({', '.join(cols)}, evidence, prev_hash, row_hash)"
                f" VALUES ({', '.join('?' * (len(cols) + 3))})",
                [row[f] for f in cols] + [evidence, prev, row_hash],
            )
            rid = int(cur.lastrowid or 0)
            self.db.execute(
                "UPDATE chain_head SET last_id=?, last_hash=? WHERE name='verdicts'",
                (rid, row_hash),
            )
            self.db.executemany(
                "INSERT INTO verdict_categories VALUES (?, ?, ?)",
                [(rid, c["id"], c["score"]) for c in categories],
            )
        return rid

    def add_event(
        self, verdict_id: int | None, kind: str, data: dict[str, Any], actor: str | None = None
    ) -> int:
        """Append an event. Its text values are masked (a quarantine event names the file)."""
        data = _scrubbed(data)
        row = {
            "time": now_iso(),
            "verdict_id": verdict_id,
            "kind": kind,
            "actor": actor or _user(),
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
        }
        with self._tx():
            if (
                verdict_id is not None
                and not self.db.execute(
                    "SELECT 1 FROM verdicts WHERE id=?", (verdict_id,)
                ).fetchone()
            ):
                raise KeyError(verdict_id)
            _, prev = self.db.execute(
                "SELECT last_id, last_hash FROM chain_head WHERE name='events'"
            ).fetchone()
            row_hash = self._hash(prev, [row[f] for f in _EVENT_FIELDS])
            cur = self.db.execute(
                f"INSERT INTO events ({', '.join(_EVENT_FIELDS)}, prev_hash, row_hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [row[f] for f in _EVENT_FIELDS] + [prev, row_hash],
            )
            eid = int(cur.lastrowid or 0)
            self.db.execute(
                "UPDATE chain_head SET last_id=?, last_hash=? WHERE name='events'", (eid, row_hash)
            )
            if kind == "triage" and verdict_id is not None:
                self.db.execute(
                    "INSERT OR REPLACE INTO triage_state VALUES (?, ?, ?, ?, ?)",
                    (
                        verdict_id,
                        data.get("status", "new"),
                        data.get("reviewer"),
                        data.get("note"),
                        row["time"],
                    ),
                )
        return eid

    def mark(
        self, verdict_id: int, status: str, *, reviewer: str | None = None, note: str | None = None
    ) -> int:
        """Record a triage decision (an appended event; earlier decisions stay in the log)."""
        if status not in TRIAGE_STATUSES:
            raise ValueError(f"status must be one of {', '.join(TRIAGE_STATUSES)}")
        return self.add_event(
            verdict_id,
            "triage",
            {"status": status, "reviewer": reviewer, "note": note},
            actor=reviewer,
        )

    def purge_evidence(self, before: str) -> int:
        """Blank the evidence of rows older than `before` (ISO); the chain still verifies."""
        with self._tx():
            # Only the evidence: `thumbnail` is part of the row hash, so blanking it would break
            # the chain. The picture files themselves are deleted by
            # agent.review.thumbnails.purge_orphans (rows without evidence no longer own one).
            cur = self.db.execute(
                "UPDATE verdicts SET evidence=NULL WHERE time < ? AND evidence IS NOT NULL",
                (before,),
            )
            n = cur.rowcount
        if n:
            self.add_event(None, "purge", {"before": before, "rows": n})
        return n

    def purge_paths(self, before: str) -> int:
        """Blank the stored (masked) path of rows older than `before` (ISO); the chain still
        verifies (it covers the path's digest) and the keyed path hash still matches copies.
        Rows written before schema v3 are chained over the path itself and keep it."""
        with self._tx():
            cur = self.db.execute(
                "UPDATE verdicts SET path='' WHERE time < ? AND path != ''"
                " AND path_digest IS NOT NULL",
                (before,),
            )
            n = cur.rowcount
        if n:
            self.add_event(None, "purge", {"before": before, "paths": n})
        return n

    # -- reading --------------------------------------------------------------------------
    def _row(self, r: sqlite3.Row | tuple[Any, ...]) -> LogRow:
        (
            rid,
            time,
            host,
            user,
            path,
            sha,
            size,
            media,
            verdict,
            cats,
            ev,
            err,
            errk,
            action,
            mode,
            secs,
            thumb,
            status,
            reviewer,
            note,
            path_hash,
            policy_version,
        ) = r
        return LogRow(
            id=rid,
            time=time,
            host=host,
            user=user,
            path=path,
            sha256=sha,
            size=size,
            media_type=media,
            verdict=verdict,
            categories=json.loads(cats),
            evidence=json.loads(ev) if ev is not None else None,
            error=err,
            error_kind=errk,
            action=action,
            mode=mode,
            scan_seconds=secs,
            thumbnail=thumb,
            status=status or "new",
            reviewer=reviewer,
            note=note,
            path_hash=path_hash,
            policy_version=policy_version,
        )

    _SELECT = (
        "SELECT v.id, v.time, v.host, v.user, v.path, v.sha256, v.size, v.media_type, v.verdict,"
        " v.categories, v.evidence, v.error, v.error_kind, v.action, v.mode, v.scan_seconds,"
        " v.thumbnail, t.status, t.reviewer, t.note, v.path_hash, v.policy_version"
        " FROM verdicts v LEFT JOIN triage_state t ON t.verdict_id = v.id"
    )

    def get(self, verdict_id: int) -> LogRow | None:
        r = self.db.execute(self._SELECT + " WHERE v.id = ?", (verdict_id,)).fetchone()
        return self._row(r) if r else None

    def _where(self, f: LogFilter) -> tuple[str, list[Any]]:
        from agent.redact import scrub

        clauses: list[str] = []
        args: list[Any] = []
        if f.verdicts:
            clauses.append(f"v.verdict IN ({', '.join('?' * len(f.verdicts))})")
            args.extend(f.verdicts)
        if f.category:
            clauses.append("v.id IN (SELECT verdict_id FROM verdict_categories WHERE category = ?)")
            args.append(f.category)
        if f.since:
            clauses.append("v.time >= ?")
            args.append(f.since)
        if f.until:
            clauses.append("v.time < ?")
            args.append(f.until)
        if f.status:
            if f.status == "new":
                clauses.append("(t.status IS NULL OR t.status = 'new')")
            else:
                clauses.append("t.status = ?")
                args.append(f.status)
        if f.host:
            clauses.append("v.host = ?")
            args.append(f.host)
        if f.folder:
            prefix = scrub(f.folder).rstrip("/\\")
            # "prefix/…" or "prefix\\…" as byte ranges ("/"+1 is "0", "\\"+1 is "]"), so the
            # path index answers instead of a substr() over every row (bench/console.py)
            clauses.append(
                "(v.path = ? OR (v.path >= ? AND v.path < ?) OR (v.path >= ? AND v.path < ?))"
            )
            args.extend([prefix, prefix + "/", prefix + "0", prefix + "\\", prefix + "]"])
        if f.action:
            clauses.append("v.action = ?")
            args.append(f.action)
        if f.mode:
            clauses.append("v.mode = ?")
            args.append(f.mode)
        if f.text:
            clauses.append("instr(v.path, ?) > 0")
            args.append(scrub(f.text))
        if f.answer == "override":
            clauses.append("v.id IN (SELECT verdict_id FROM events WHERE kind = 'override')")
        elif f.answer == "quarantine":
            clauses.append(
                "v.id IN (SELECT verdict_id FROM events WHERE kind = 'quarantine'"
                " AND json_extract(data, '$.by') = 'user')"
            )
        if f.department:
            raise ValueError("a PC's own log has no departments (the office server has)")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def query(
        self, f: LogFilter = LogFilter(), *, limit: int | None = 100, offset: int = 0
    ) -> list[LogRow]:
        where, args = self._where(f)
        if limit is None:
            sql = self._SELECT + where + " ORDER BY v.id DESC"
            return [self._row(r) for r in self.db.execute(sql, args)]
        # Pick the page's ids on narrow columns first: a plain OFFSET would read (and drop) the
        # evidence of every skipped row; this keeps deep console pages fast (bench/console.py).
        ids = (
            "SELECT v.id FROM verdicts v LEFT JOIN triage_state t ON t.verdict_id = v.id"
            + where
            + " ORDER BY v.id DESC LIMIT ? OFFSET ?"
        )
        sql = self._SELECT + " WHERE v.id IN (" + ids + ") ORDER BY v.id DESC"
        return [self._row(r) for r in self.db.execute(sql, [*args, limit, offset])]

    def page(
        self,
        f: LogFilter = LogFilter(),
        *,
        limit: int = 50,
        before: tuple[str, int] | None = None,
        after: tuple[str, int] | None = None,
    ) -> list[LogRow]:
        """A console page, newest first by (time, id), found by keyset (see
        agent.review.logstore.LogStore.page)."""
        where, args = self._where(f)
        order = "DESC"
        if before is not None:
            where += (" AND " if where else " WHERE ") + "(v.time, v.id) < (?, ?)"
            args += [before[0], before[1]]
        elif after is not None:
            where += (" AND " if where else " WHERE ") + "(v.time, v.id) > (?, ?)"
            args += [after[0], after[1]]
            order = "ASC"
        ids = (
            "SELECT v.id FROM verdicts v LEFT JOIN triage_state t ON t.verdict_id = v.id"
            + where
            + f" ORDER BY v.time {order}, v.id {order} LIMIT ?"
        )
        sql = self._SELECT + " WHERE v.id IN (" + ids + ") ORDER BY v.time DESC, v.id DESC"
        return [self._row(r) for r in self.db.execute(sql, [*args, limit])]

    def export_rows(self, f: LogFilter = LogFilter()) -> Iterator[LogRow]:
        """Every row matching `f`, oldest first, from a read-only connection of its own (the
        console streams exports from a worker thread while its pages use `self.db`)."""
        where, args = self._where(f)
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            for r in db.execute(self._SELECT + where + " ORDER BY v.id", args):
                yield self._row(r)
        finally:
            db.close()

    def departments(self) -> list[str]:
        """A PC's log has no department labels (LogStore protocol)."""
        return []

    def version(self) -> tuple[int, int]:
        """(last verdict id, last event id): changes whenever the log grows."""
        heads = dict(self.db.execute("SELECT name, last_id FROM chain_head"))
        return int(heads.get("verdicts", 0)), int(heads.get("events", 0))

    def iter_rows(self, f: LogFilter = LogFilter()) -> Iterator[LogRow]:
        where, args = self._where(f)
        for r in self.db.execute(self._SELECT + where + " ORDER BY v.id", args):
            yield self._row(r)

    def count(self, f: LogFilter = LogFilter(), *, cap: int | None = None) -> int:
        """Rows matching `f`; with `cap`, at most cap + 1 (meaning "more than cap")."""
        where, args = self._where(f)
        sql = "SELECT 1 FROM verdicts v LEFT JOIN triage_state t ON t.verdict_id = v.id" + where
        if cap is not None:
            sql += " LIMIT ?"
            args = [*args, cap + 1]
        return int(self.db.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0])

    def counts_by_category(self, f: LogFilter = LogFilter()) -> dict[str, int]:
        where, args = self._where(f)
        sql = (
            "SELECT c.category, count(*) FROM verdict_categories c JOIN verdicts v"
            " ON v.id = c.verdict_id LEFT JOIN triage_state t ON t.verdict_id = v.id"
            + where
            + " GROUP BY c.category ORDER BY 2 DESC"
        )
        return {cat: n for cat, n in self.db.execute(sql, args)}

    def counts_by_day(self, f: LogFilter = LogFilter()) -> list[tuple[str, str, int]]:
        """(day, category, count) rows for the console's chart."""
        where, args = self._where(f)
        sql = (
            "SELECT substr(v.time, 1, 10) AS day, c.category, count(*) FROM verdict_categories c"
            " JOIN verdicts v ON v.id = c.verdict_id LEFT JOIN triage_state t"
            " ON t.verdict_id = v.id" + where + " GROUP BY day, c.category ORDER BY day"
        )
        return [(d, c, n) for d, c, n in self.db.execute(sql, args)]

    def events(self, verdict_id: int | None = None) -> list[Event]:
        if verdict_id is None:
            rows = self.db.execute(
                "SELECT id, time, verdict_id, kind, actor, data FROM events ORDER BY id"
            )
        else:
            rows = self.db.execute(
                "SELECT id, time, verdict_id, kind, actor, data FROM events WHERE verdict_id=?"
                " ORDER BY id",
                (verdict_id,),
            )
        return [Event(i, t, v, k, a, json.loads(d)) for i, t, v, k, a, d in rows]

    def last_verdict_for_sha256(self, sha256: str) -> LogRow | None:
        r = self.db.execute(
            self._SELECT + " WHERE v.sha256 = ? ORDER BY v.id DESC LIMIT 1", (sha256,)
        ).fetchone()
        return self._row(r) if r else None

    def same_path(self, row: LogRow, path: str) -> bool:
        """Is `row` about the file at `path` (by keyed hash; rows before v3 by their path)?"""
        if row.path_hash is not None:
            return hmac.compare_digest(row.path_hash, self.path_hash(path))
        return row.path == path

    def hosts(self) -> list[str]:
        return [h for (h,) in self.db.execute("SELECT DISTINCT host FROM verdicts ORDER BY host")]

    def actions(self) -> list[str]:
        """The distinct actions in the log (the console's action filter)."""
        return [a for (a,) in self.db.execute("SELECT DISTINCT action FROM verdicts ORDER BY 1")]

    def answers(self, verdict_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The person's answers to the alerts of these rows: {id: {"override": reason,
        "quarantine": True}} (the latest override reason; quarantines they chose)."""
        ids = list(verdict_ids)
        if not ids:
            return {}
        out: dict[int, dict[str, Any]] = {}
        sql = (
            "SELECT verdict_id, kind, json_extract(data, '$.reason') FROM events"
            f" WHERE verdict_id IN ({', '.join('?' * len(ids))})"
            " AND (kind = 'override'"
            "      OR (kind = 'quarantine' AND json_extract(data, '$.by') = 'user'))"
            " ORDER BY id"
        )
        for vid, kind, reason in self.db.execute(sql, ids):
            out.setdefault(vid, {})[kind] = reason if kind == "override" else True
        return out

    def alert_counts(self) -> list[dict[str, Any]]:
        """Per PC: pop-ups, summaries and digests shown, overrides given, quarantines chosen."""
        sql = """
            SELECT host, kind, n FROM (
              SELECT json_extract(data, '$.host') AS host,
                     json_extract(data, '$.type') AS kind, count(*) AS n
                FROM events WHERE kind = 'alert' GROUP BY 1, 2
              UNION ALL
              SELECT coalesce(json_extract(e.data, '$.host'), v.host), 'override', count(*)
                FROM events e LEFT JOIN verdicts v ON v.id = e.verdict_id
                WHERE e.kind = 'override' GROUP BY 1
              UNION ALL
              SELECT v.host, 'quarantine', count(*)
                FROM events e JOIN verdicts v ON v.id = e.verdict_id
                WHERE e.kind = 'quarantine' AND json_extract(e.data, '$.by') = 'user' GROUP BY 1
            ) ORDER BY host"""
        per: dict[str, dict[str, Any]] = {}
        for host, kind, n in self.db.execute(sql):
            row = per.setdefault(
                host or "?",
                {"host": host or "?", "popup": 0, "summary": 0, "digest": 0, "override": 0,
                 "quarantine": 0},
            )  # fmt: skip
            if kind in row:
                row[kind] += n
        return list(per.values())

    def head_id(self) -> int:
        """Id of the last verdict row (0 for an empty log)."""
        return int(
            self.db.execute("SELECT last_id FROM chain_head WHERE name='verdicts'").fetchone()[0]
        )

    def verdict_after(self, head_id: int, path: str, sha256: str) -> int | None:
        """The first verdict id above `head_id` for this path and content (crash recovery: was
        the verdict of an interrupted scan already logged?)."""
        r = self.db.execute(
            "SELECT id FROM verdicts WHERE id > ? AND sha256 = ?"
            " AND (path_hash = ? OR (path_hash IS NULL AND path = ?)) ORDER BY id LIMIT 1",
            (head_id, sha256, self.path_hash(path), path),
        ).fetchone()
        return int(r[0]) if r else None

    def was_restored(self, sha256: str) -> bool:
        """Did security staff restore a quarantined file with this content?"""
        return (
            self.db.execute(
                "SELECT 1 FROM events e JOIN verdicts v ON v.id = e.verdict_id"
                " WHERE v.sha256 = ? AND e.kind = 'restore' LIMIT 1",
                (sha256,),
            ).fetchone()
            is not None
        )

    def thumbnails_in_use(self) -> set[str]:
        """Thumbnail names still owned by a row (one whose evidence retention has not purged)."""
        return {
            name
            for (name,) in self.db.execute(
                "SELECT thumbnail FROM verdicts"
                " WHERE thumbnail IS NOT NULL AND evidence IS NOT NULL"
            )
        }

    # -- integrity ------------------------------------------------------------------------
    def verify(self) -> VerifyResult:
        """Walk both chains; report every break (edited, inserted, reordered or deleted rows)."""
        problems: list[str] = []
        cols = ", ".join(_VERDICT_FIELDS_V3)
        path_at = _VERDICT_FIELDS.index("path")
        prev, prev_id, n = GENESIS, 0, 0
        for r in self.db.execute(
            f"SELECT id, {cols}, path, evidence, prev_hash, row_hash FROM verdicts ORDER BY id"
        ):
            rid, values, path, evidence, stored_prev, stored = (
                r[0],
                list(r[1 : len(_VERDICT_FIELDS_V3) + 1]),
                r[-4],
                r[-3],
                r[-2],
                r[-1],
            )
            n += 1
            if values[path_at] is None:  # a row from before v3: chained over the path itself
                values = [*values[:path_at], path, *values[path_at + 1 : len(_VERDICT_FIELDS)]]
            elif path and _digest(path) != values[path_at]:
                problems.append(f"verdicts: path of row {rid} was altered")
            if rid != prev_id + 1:
                problems.append(f"verdicts: rows {prev_id + 1}..{rid - 1} missing")
            if stored_prev != prev:
                problems.append(f"verdicts: row {rid} does not follow row {prev_id}")
            if self._hash(stored_prev, values) != stored:
                problems.append(f"verdicts: row {rid} was altered")
            ev_index = _VERDICT_FIELDS.index("evidence_hash")
            if evidence is not None and _digest(evidence) != values[ev_index]:
                problems.append(f"verdicts: evidence of row {rid} was altered")
            prev, prev_id = stored, rid
        head_id, head_hash = self.db.execute(
            "SELECT last_id, last_hash FROM chain_head WHERE name='verdicts'"
        ).fetchone()
        if (head_id, head_hash) != (prev_id, prev):
            problems.append(
                f"verdicts: the last row(s) after {prev_id} were removed"
                if head_id > prev_id
                else "verdicts: chain head does not match"
            )
        prev, prev_id, m = GENESIS, 0, 0
        for r in self.db.execute(
            "SELECT id, time, verdict_id, kind, actor, data, prev_hash, row_hash"
            " FROM events ORDER BY id"
        ):
            eid, values, stored_prev, stored = r[0], list(r[1:6]), r[6], r[7]
            m += 1
            if eid != prev_id + 1:
                problems.append(f"events: rows {prev_id + 1}..{eid - 1} missing")
            if stored_prev != prev:
                problems.append(f"events: row {eid} does not follow row {prev_id}")
            if self._hash(stored_prev, values) != stored:
                problems.append(f"events: row {eid} was altered")
            prev, prev_id = stored, eid
        head_id, head_hash = self.db.execute(
            "SELECT last_id, last_hash FROM chain_head WHERE name='events'"
        ).fetchone()
        if (head_id, head_hash) != (prev_id, prev):
            problems.append(
                "events: the last row(s) were removed"
                if head_id > prev_id
                else "events: chain head does not match"
            )
        return VerifyResult(ok=not problems, rows=n, events=m, problems=tuple(problems))


_DIGEST = re.compile(r"[0-9a-f]{32,128}")  # sha256s and policy versions are not text to mask


def _scrubbed(value: Any) -> Any:
    """`value` with identifiers masked in every string inside it."""
    from agent.redact import scrub

    if isinstance(value, str):
        return value if _DIGEST.fullmatch(value) else scrub(value)
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrubbed(v) for v in value]
    return value


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


# -- forwarding to the office server (server/, agent/forward.py) ------------------------------
VERDICT_FIELDS = _VERDICT_FIELDS
EVENT_FIELDS = _EVENT_FIELDS
# what a forwarded verdict row carries: every stored column the chain or the console needs
WIRE_VERDICT_FIELDS = (*_VERDICT_FIELDS, "path_hash", "path_digest", "policy_version", "evidence")


def chain_key(install_key: bytes) -> bytes:
    """The key of the log's hash chain (derived from the install key; given to the office
    server at enrolment so it can check every forwarded row, never the install key itself)."""
    return hmac.new(install_key, b"shareguard/log-chain/v1", hashlib.sha256).digest()


def chain_hash(key: bytes, prev: str, values: Sequence[Any]) -> str:
    """row_hash = HMAC(chain key, prev_hash || canonical(values))."""
    return hmac.new(key, prev.encode() + _canonical(values), hashlib.sha256).hexdigest()


def record_problems(key: bytes, table: str, record: dict[str, Any]) -> list[str]:
    """What is wrong with one forwarded row on its own (hash, evidence, path digest); the same
    rules as `Store.verify`, for the server, which holds the chain key but not the log."""
    rid = record.get("id")
    if table == "events":
        values = [record.get(f) for f in _EVENT_FIELDS]
    elif record.get("path_digest") is None:  # a row from before v3: chained over the path
        values = [record.get(f) for f in _VERDICT_FIELDS]
    else:
        values = [record.get(f) for f in _VERDICT_FIELDS_V3]
    problems = []
    if not hmac.compare_digest(
        chain_hash(key, str(record.get("prev_hash")), values), str(record.get("row_hash"))
    ):
        problems.append(f"{table}: row {rid} was altered")
    if table == "verdicts":
        evidence = record.get("evidence")
        if evidence is not None and _digest(evidence) != record.get("evidence_hash"):
            problems.append(f"verdicts: evidence of row {rid} was altered")
        path = record.get("path")
        if (
            record.get("path_digest") is not None
            and path
            and _digest(path) != record.get("path_digest")
        ):
            problems.append(f"verdicts: path of row {rid} was altered")
    return problems


def row_digest(record: dict[str, Any]) -> str:
    """A digest of a forwarded row as it is now (the server compares it with its copy).
    Evidence and path count through their own digests: retention may blank them later."""
    blankable = {"evidence"} | ({"path"} if record.get("path_digest") is not None else set())
    return hashlib.sha256(
        _canonical(sorted((k, v) for k, v in record.items() if k not in blankable))
    ).hexdigest()


def _wire_columns(table: str) -> str:
    fields = {"verdicts": WIRE_VERDICT_FIELDS, "events": _EVENT_FIELDS}[table]
    return ", ".join(("id", *fields, "prev_hash", "row_hash"))


def chain_rows(store: Store, table: str, after_id: int, limit: int) -> list[dict[str, Any]]:
    """Rows of `verdicts` or `events` with id > after_id, oldest first, exactly as stored
    (values, evidence, prev_hash, row_hash): what agent/forward.py sends."""
    cur = store.db.execute(
        f"SELECT {_wire_columns(table)} FROM {table} WHERE id > ? ORDER BY id LIMIT ?",
        (after_id, limit),
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def chain_rows_by_id(store: Store, table: str, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        part = list(ids[i : i + 500])
        cur = store.db.execute(
            f"SELECT {_wire_columns(table)} FROM {table}"
            f" WHERE id IN ({', '.join('?' * len(part))})",
            part,
        )
        names = [d[0] for d in cur.description]
        for r in cur:
            rec = dict(zip(names, r, strict=True))
            out[int(rec["id"])] = rec
    return out


def thumbnail_rows(store: Store, after_id: int, upto_id: int, limit: int) -> list[tuple[int, str]]:
    """(row id, thumbnail name) of rows after_id < id <= upto_id that name a thumbnail and still
    have their evidence (retention deletes the picture with it), oldest first."""
    return [
        (int(i), str(name))
        for i, name in store.db.execute(
            "SELECT id, thumbnail FROM verdicts WHERE id > ? AND id <= ?"
            " AND thumbnail IS NOT NULL AND evidence IS NOT NULL ORDER BY id LIMIT ?",
            (after_id, upto_id, limit),
        )
    ]


def chain_head(store: Store, table: str) -> int:
    return int(
        store.db.execute("SELECT last_id FROM chain_head WHERE name = ?", (table,)).fetchone()[0]
    )
