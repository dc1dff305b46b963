"""Operating-system pieces of the agent: the writer check, low priority, the one-agent lock."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def has_writer(path: str) -> bool | None:
    """Is `path` open for writing by any process? None if this cannot be known here.

    Linux: a read lease can only be taken when nobody has the file open for writing (the same
    mechanism Samba uses for oplocks); it is released at once. Needs SIGIO ignored (the agent
    does that) and the file to be ours; network filesystems answer None.
    """
    if not sys.platform.startswith("linux"):
        return None
    import fcntl

    f_setlease = getattr(fcntl, "F_SETLEASE", 1024)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.fcntl(fd, f_setlease, fcntl.F_RDLCK)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EBUSY):
                return True
            return None  # EACCES (not ours), EINVAL (fs without leases)
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, f_setlease, fcntl.F_UNLCK)
        return False
    finally:
        os.close(fd)


def set_low_priority() -> None:
    """Scanning must not make the PC sluggish: nice 10 and idle I/O (below-normal on Windows)."""
    try:
        import psutil

        p = psutil.Process()
        if sys.platform == "win32":  # pragma: no cover
            p.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            return
        if p.nice() < 10:
            p.nice(10)
        if hasattr(psutil, "IOPRIO_CLASS_IDLE"):
            with contextlib.suppress(Exception):
                p.ionice(psutil.IOPRIO_CLASS_IDLE)
    except Exception as e:
        log.debug("could not lower priority: %s", e)


class AgentLock:
    """One agent per data dir (flock on `agent.lock`)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "agent.lock"
        self.fd: int | None = None

    def acquire(self) -> int | None:
        """Returns None on success, else the pid holding the lock (0 if unknown)."""
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows
            pass
        except OSError:
            try:
                other = int(os.read(self.fd, 32).decode().strip() or 0)
            except ValueError:
                other = 0
            os.close(self.fd)
            self.fd = None
            return other
        os.ftruncate(self.fd, 0)
        os.write(self.fd, str(os.getpid()).encode())
        return None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
