"""Progress for large folders shows only on a terminal (a pseudo-terminal here), never in pipes."""

from __future__ import annotations

import io
import os
import pty

from agent.commands.scan import PROGRESS_MIN_FILES, Progress


def test_progress_on_a_terminal_only():
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w", closefd=False) as tty:
            p = Progress(PROGRESS_MIN_FILES, stream=tty)
            assert p.on
            p.update(PROGRESS_MIN_FILES)
            p.close()
        out = os.read(master, 4096).decode("utf-8")
        assert f"{PROGRESS_MIN_FILES}/{PROGRESS_MIN_FILES}" in out
    finally:
        os.close(master)
        os.close(slave)
    assert not Progress(PROGRESS_MIN_FILES - 1, stream=open(os.devnull, "w")).on  # noqa: SIM115
    piped = io.StringIO()
    p = Progress(500, stream=piped)
    p.update(10)
    assert not p.on and piped.getvalue() == ""
