"""The persistent queue between the watcher and the scanner (SQLite, WAL, 0600).

A path enters `items` before it is scanned and leaves only when its verdict is in the log. To make
"judged exactly once" hold across a kill -9 at any point, a claimed item records, before the scan,
the sha256 it is about to judge and the log's last row id (`log_head`). After a crash, a claimed
item whose verdict row (same path and sha256, id > log_head) is already in the log is finished
without a second scan; any other claimed item goes back to pending.

`seen` is the catch-up index: path -> (size, mtime_ns, inode, sha256, verdict id) of what was
judged, so a restart re-queues only what changed while the agent was down, and a touch that
changed nothing is not scanned again.

Memory stays bounded on bursts: pending paths live in SQLite, not in Python lists.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from agent.files import connect_private_sqlite

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'pending',   -- pending | claimed | logged
    size INTEGER,
    mtime_ns INTEGER,
    inode INTEGER,
    due REAL NOT NULL,                       -- not before (settle time, back-off)
    enqueued REAL NOT NULL,
    generation INTEGER NOT NULL DEFAULT 0,   -- bumped by every new event for the path
    claimed_generation INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,                             -- what the claimed scan is judging
    log_head INTEGER,                        -- log's last verdict id before the scan
    verdict_id INTEGER                       -- set once the verdict is in the log
);
CREATE INDEX IF NOT EXISTS items_due ON items(state, due);
CREATE TABLE IF NOT EXISTS seen (
    path TEXT PRIMARY KEY,
    size INTEGER,
    mtime_ns INTEGER,
    inode INTEGER,
    sha256 TEXT,
    verdict_id INTEGER,
    time REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_sha ON seen(sha256);
"""


@dataclass(frozen=True)
class Item:
    id: int
    path: str
    state: str
    size: int | None
    mtime_ns: int | None
    inode: int | None
    due: float
    generation: int
    attempts: int
    sha256: str | None
    log_head: int | None
    verdict_id: int | None


_COLS = "id, path, state, size, mtime_ns, inode, due, generation, attempts, sha256, log_head,"
_COLS += " verdict_id"


_RAW = "\x01b64:"  # prefix of paths that are not valid UTF-8 (odd bytes in a name)


def encode_path(path: str) -> str:
    """SQLite text must be UTF-8; a name with undecodable bytes (surrogate-escaped by Python)
    is stored as base64 of its raw bytes behind a prefix no real path starts with."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        import base64

        return _RAW + base64.b64encode(os.fsencode(path)).decode("ascii")


def decode_path(value: str) -> str:
    if value.startswith(_RAW):
        import base64

        return os.fsdecode(base64.b64decode(value[len(_RAW) :]))
    return value


def display_path(path: str) -> str:
    """A printable, UTF-8-safe form of `path` for the log and alerts (odd bytes as \\xNN)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _item(r: tuple) -> Item:
    return Item(r[0], decode_path(r[1]), *r[2:])


def file_identity(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ino


class Queue:
    """Thread-safe (one connection behind a lock); several processes may open it (WAL)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        # NORMAL is safe against process crashes in WAL mode; after a power cut the
        # catch-up walk re-queues anything the last transactions held.
        self.db = connect_private_sqlite(self.path, synchronous="NORMAL")
        with self._tx():
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self.db.close()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    # -- entering ---------------------------------------------------------------------------
    def put(self, path: str, *, delay: float = 0.0, now: float | None = None) -> None:
        self.put_many([path], delay=delay, now=now)

    def put_many(
        self, paths: Iterable[str], *, delay: float = 0.0, now: float | None = None
    ) -> int:
        """Queue paths (or push back the due time of ones already pending). Returns how many."""
        now = time.time() if now is None else now
        due = now + delay
        n = 0
        with self._tx():
            for p in paths:
                self.db.execute(
                    "INSERT INTO items (path, due, enqueued) VALUES (?, ?, ?)"
                    " ON CONFLICT(path) DO UPDATE SET generation = generation + 1,"
                    " due = CASE WHEN state = 'pending' THEN max(due, excluded.due) ELSE due END",
                    (encode_path(p), due, now),
                )
                n += 1
        return n

    # -- scanning ---------------------------------------------------------------------------
    def claim(self, *, now: float | None = None) -> Item | None:
        """The next pending item that is due, marked claimed; None if nothing is due."""
        now = time.time() if now is None else now
        with self._tx():
            r = self.db.execute(
                f"SELECT {_COLS} FROM items WHERE state='pending' AND due <= ?"
                " ORDER BY due, id LIMIT 1",
                (now,),
            ).fetchone()
            if r is None:
                return None
            self.db.execute(
                "UPDATE items SET state='claimed', attempts = attempts + 1,"
                " claimed_generation = generation WHERE id=?",
                (r[0],),
            )
        item = _item(r)
        return Item(**{**item.__dict__, "state": "claimed", "attempts": item.attempts + 1})

    def next_due(self) -> float | None:
        with self._lock:
            r = self.db.execute("SELECT min(due) FROM items WHERE state='pending'").fetchone()
        return r[0] if r and r[0] is not None else None

    def defer(self, item: Item, delay: float, st: os.stat_result | None = None) -> None:
        """Not ready yet (still being written): back to pending, due after `delay`. Waiting for
        a writer is not a failed attempt, so `attempts` starts again."""
        size, mtime, ino = file_identity(st) if st is not None else (None, None, None)
        with self._tx():
            self.db.execute(
                "UPDATE items SET state='pending', due=?, size=?, mtime_ns=?, inode=?,"
                " sha256=NULL, log_head=NULL, verdict_id=NULL, attempts=0 WHERE id=?",
                (time.time() + delay, size, mtime, ino, item.id),
            )

    def retry(self, item: Item, delay: float) -> None:
        """A scan failed for a passing reason (timeout under load, the worker was killed): back
        to pending after `delay`, keeping `attempts` so the caller can give up after N."""
        with self._tx():
            self.db.execute(
                "UPDATE items SET state='pending', due=?, sha256=NULL, log_head=NULL,"
                " verdict_id=NULL WHERE id=?",
                (time.time() + delay, item.id),
            )

    def start_scan(self, item: Item, sha256: str | None, log_head: int) -> None:
        """Record what is about to be judged, before judging it (see module docstring)."""
        with self._tx():
            self.db.execute(
                "UPDATE items SET sha256=?, log_head=? WHERE id=?", (sha256, log_head, item.id)
            )

    def mark_logged(self, item: Item, verdict_id: int) -> None:
        with self._tx():
            self.db.execute(
                "UPDATE items SET state='logged', verdict_id=? WHERE id=?", (verdict_id, item.id)
            )

    def done(
        self,
        item: Item,
        *,
        st: os.stat_result | None,
        sha256: str | None,
        verdict_id: int | None,
    ) -> None:
        """The verdict is in the log (or nothing needs judging): the item leaves the queue.

        If new events arrived for the path meanwhile, it goes back to pending instead.
        """
        with self._tx():
            if st is not None:
                size, mtime, ino = file_identity(st)
                self.db.execute(
                    "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (encode_path(item.path), size, mtime, ino, sha256, verdict_id, time.time()),
                )
            r = self.db.execute(
                "SELECT generation, claimed_generation FROM items WHERE id=?", (item.id,)
            ).fetchone()
            if r is not None and r[1] is not None and r[0] != r[1]:
                self.db.execute(
                    "UPDATE items SET state='pending', sha256=NULL, log_head=NULL,"
                    " verdict_id=NULL, attempts=0 WHERE id=?",
                    (item.id,),
                )
            else:
                self.db.execute("DELETE FROM items WHERE id=?", (item.id,))

    def drop(self, item: Item) -> None:
        """The file is gone (or not a file we judge): forget the item."""
        self.done(item, st=None, sha256=None, verdict_id=None)

    # -- recovery and catch-up ----------------------------------------------------------------
    def interrupted(self) -> list[Item]:
        """Items a previous run claimed but did not finish (crash, kill -9, power cut)."""
        with self._lock:
            rows = self.db.execute(
                f"SELECT {_COLS} FROM items WHERE state IN ('claimed', 'logged') ORDER BY id"
            ).fetchall()
        return [_item(r) for r in rows]

    def release(self, item: Item, *, delay: float = 0.0) -> None:
        """Put an interrupted item back to pending for a fresh scan (not before `delay` s)."""
        with self._tx():
            self.db.execute(
                "UPDATE items SET state='pending', sha256=NULL, log_head=NULL, verdict_id=NULL,"
                " due=? WHERE id=?",
                (time.time() + delay, item.id),
            )

    def seen_matches(self, path: str, st: os.stat_result) -> bool:
        """Was this exact file (size, mtime, inode) already judged at this path?"""
        with self._lock:
            r = self.db.execute(
                "SELECT size, mtime_ns, inode FROM seen WHERE path=?", (encode_path(path),)
            ).fetchone()
        return r is not None and tuple(r) == file_identity(st)

    def seen_sha(self, path: str) -> str | None:
        with self._lock:
            r = self.db.execute(
                "SELECT sha256 FROM seen WHERE path=?", (encode_path(path),)
            ).fetchone()
        return r[0] if r else None

    def remember(self, path: str, st: os.stat_result, sha256: str | None, verdict_id: int | None):
        """Record a judged file in the catch-up index without it passing through `items`."""
        size, mtime, ino = file_identity(st)
        with self._tx():
            self.db.execute(
                "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?, ?, ?, ?)",
                (encode_path(path), size, mtime, ino, sha256, verdict_id, time.time()),
            )

    def prune_seen(self, batch: int = 1000) -> int:
        """Forget judged files that no longer exist (deleted, moved away), so the index does not
        grow for ever. Returns how many entries went. Reads in batches; the lock is held only
        while deleting."""
        removed, last = 0, ""
        while True:
            with self._lock:
                rows = self.db.execute(
                    "SELECT path FROM seen WHERE path > ? ORDER BY path LIMIT ?", (last, batch)
                ).fetchall()
            if not rows:
                return removed
            last = rows[-1][0]
            gone = [(p,) for (p,) in rows if not os.path.lexists(decode_path(p))]
            if gone:
                with self._tx():
                    self.db.executemany("DELETE FROM seen WHERE path = ?", gone)
                removed += len(gone)

    def seen_count(self) -> int:
        with self._lock:
            return int(self.db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def catch_up(self, files: Iterable[tuple[str, os.stat_result]], batch: int = 500) -> int:
        """Queue every file that is new or changed since it was judged. Returns how many."""
        queued = 0
        buf: list[str] = []
        for path, st in files:
            if not self.seen_matches(path, st):
                buf.append(path)
            if len(buf) >= batch:
                queued += self.put_many(buf)
                buf = []
        if buf:
            queued += self.put_many(buf)
        return queued

    # -- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        with self._lock:
            return int(self.db.execute("SELECT count(*) FROM items").fetchone()[0])

    def pending(self, limit: int = 100) -> list[Item]:
        with self._lock:
            rows = self.db.execute(
                f"SELECT {_COLS} FROM items ORDER BY due, id LIMIT ?", (limit,)
            ).fetchall()
        return [_item(r) for r in rows]


def count_items(path: str | os.PathLike[str]) -> int | None:
    """Queue length read-only (for `status`); None if there is no queue yet."""
    p = Path(path)
    if not p.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM items").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return None
