"""File helpers the agent shares: hashing, private dirs, atomic private writes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

PARTIAL = ".partial"


def sha256_file(path: str | os.PathLike[str], chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def make_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create `path` (and parents) and make it 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)
    return path


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename inside `path` durable (no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_private(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` (0600) through a temporary name and a rename: never half-written."""
    path = Path(path)
    tmp = path.with_name(path.name + PARTIAL)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if durable:
        fsync_dir(path.parent)


def connect_private_sqlite(path: str | os.PathLike[str], *, synchronous: str) -> sqlite3.Connection:
    """A WAL-mode SQLite connection (autocommit; callers use BEGIN IMMEDIATE) whose files are
    0600 in a 0700 directory. SQLite gives the -wal/-shm files the database file's mode."""
    path = Path(path)
    make_private_dir(path.parent)
    old = os.umask(0o077)
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={synchronous}")
        db.execute("PRAGMA busy_timeout=30000")
    finally:
        os.umask(old)
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.chmod(str(path) + suffix, stat.S_IRUSR | stat.S_IWUSR)
    return db
