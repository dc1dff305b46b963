"""Starting the extraction worker process (`python -m agent.extract.worker`).

Kept out of the `agent.extract` package, whose import (readers' registry, detectors' data types:
~30 ms) a cold `shareguard check` would otherwise pay before its worker can start: `check`
launches the process first and hands it to its `Extractor` (which sends the settings) once it
has loaded what it needs itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path


class LaunchedWorker:
    """A started worker process and its pickle channel: requests in, replies out. Its first
    message must be the settings (`Extractor`); it exits on EOF."""

    def __init__(self, proc: subprocess.Popen, requests: Connection, replies: Connection) -> None:
        self.proc = proc
        self.requests = requests
        self.replies = replies

    def discard(self) -> None:
        """Close the channel and end the process (never handed to an Extractor)."""
        for c in (self.requests, self.replies):
            try:
                c.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(5.0)
            except subprocess.TimeoutExpired:
                pass


def launch_worker() -> LaunchedWorker:
    """`python -m agent.extract.worker` with a pickle channel on its stdin/stdout (its own
    prints go to stderr). A plain subprocess, not multiprocessing's spawn: that would re-import
    the caller's __main__, which scripts and services cannot all guard."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    # one malloc arena: the OCR models load on a thread while the first file is read on
    # another, and what a second arena kept was not reused by the first page (worker peak
    # over photo, screenshot, lab photo and dense page: 621 MB with two arenas, 524-537 MB
    # with one; idle 374-413 MB either way; quiet machine, 2 runs each)
    env.setdefault("MALLOC_ARENA_MAX", "1")
    proc = subprocess.Popen(
        # -P: the current directory is not put on sys.path, so the worker imports the
        # agent's own code, never an `agent/` package in whatever folder the agent or
        # `check` was started from (a Downloads folder, say)
        [sys.executable, "-P", "-m", "agent.extract.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        close_fds=True,
        start_new_session=True,  # a Ctrl-C in a terminal goes to the CLI, not the worker
    )
    requests = Connection(os.dup(proc.stdin.fileno()), readable=False)  # type: ignore[union-attr]
    replies = Connection(os.dup(proc.stdout.fileno()), writable=False)  # type: ignore[union-attr]
    proc.stdin.close()  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    return LaunchedWorker(proc, requests, replies)
