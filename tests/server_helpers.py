"""Helpers for the office-server tests: the real `shareguard server run` as a subprocess on a
loopback port, and agents' local logs filled with synthetic rows."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.agent_helpers import wait_for
from tests.pg_cluster import free_port

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def cli(*args: str, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [PY, "-m", "agent.cli", *args], capture_output=True, text=True, env=env, input=input,
        timeout=120,
    )  # fmt: skip
    if check and r.returncode != 0:
        raise AssertionError(
            f"shareguard {' '.join(args)} -> {r.returncode}\n{r.stdout}\n{r.stderr}"
        )
    return r


class ServerProc:
    """`shareguard server run` on 127.0.0.1:<free port>; restartable, killable."""

    def __init__(self, dsn: str, state: Path, *extra: str) -> None:
        self.dsn, self.state, self.extra = dsn, state, extra
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[str] | None = None
        self.log = state.parent / f"server-{self.port}.log"

    def start(self) -> ServerProc:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        out = open(self.log, "a")  # noqa: SIM115 - owned by the child
        self.proc = subprocess.Popen(
            [PY, "-m", "agent.cli", "server", "run", "--dsn", self.dsn,
             "--listen", f"127.0.0.1:{self.port}", "--state", str(self.state), *self.extra],
            env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        out.close()

        def up() -> bool:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited:\n{self.log.read_text()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return True
            return False

        wait_for(up, timeout=60, interval=0.1)
        return self

    @property
    def ca_pem(self) -> str:
        return (self.state / "ca.pem").read_text()

    def kill9(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def token(self, *, uses: int = 1, department: str = "", expires: str = "1h") -> str:
        return cli(
            "server", "enroll-token", "--dsn", self.dsn, "--url", self.url, "--state",
            str(self.state), "--uses", str(uses), "--department", department,
            "--expires", expires,
        ).stdout.strip()  # fmt: skip


def agent_config(base: Path, name: str) -> Path:
    """A private config + data dir for one simulated PC."""
    d = base / name
    d.mkdir(parents=True, exist_ok=True)
    cfg = d / "config.toml"
    cfg.write_text(f'mode = "audit"\ndata_dir = "{d / "data"}"\n', encoding="utf-8")
    os.chmod(cfg, 0o600)
    return cfg


def fill_log(
    config: Any,
    n: int,
    *,
    start: int = 0,
    flagged_every: int = 1,
    policy_version: str | None = None,
    host: str | None = None,
) -> list[int]:
    """Append `n` synthetic verdicts (Faker-free, no identifiers) to the PC's own log."""
    from agent.store import Store
    from detectors.model import CategoryScore, Decision, Evidence, Verdict

    ids = []
    with Store.open(config) as st:
        for i in range(start, start + n):
            flagged = i % flagged_every == 0
            v = Verdict(
                path=f"/home/pc/Desktop/通知_{i}.docx",
                decision=Decision.FLAGGED if flagged else Decision.CLEAN,
                categories=(
                    CategoryScore(
                        "internal_material", 0.8, 0.6,
                        (Evidence("drafts", "draft_mark", "征求意见稿", "p1", 0.5),),
                    ),
                )
                if flagged
                else (),
                sha256=f"{i:064x}",
                size=1000 + i,
                media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )  # fmt: skip
            ids.append(
                st.append_verdict(
                    v, action="log", mode="audit", policy_version=policy_version, host=host
                )
            )
    return ids


def wait_rows(dsn: str, n: int, timeout: float = 30.0) -> int:
    import psycopg

    def count() -> int | None:
        with psycopg.connect(dsn) as c:
            k = int(c.execute("SELECT count(*) FROM verdicts").fetchone()[0])  # type: ignore[index]
        return k if k >= n else None

    return int(wait_for(count, timeout=timeout, interval=0.2))  # type: ignore[arg-type]


def wait_gone(proc: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)


class ThreadServer:
    """The same app `server run` serves, in a thread of the test process (starts in well under
    a second; the subprocess `ServerProc` is for kill -9 and the CLI itself)."""

    def __init__(self, dsn: str, state: Path) -> None:
        self.dsn, self.state = dsn, state
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.server: Any = None
        self.thread: Any = None
        self.pool: Any = None

    def start(self) -> ThreadServer:
        import threading

        import uvicorn

        from server.app import create_app, make_pool
        from server.tls import ensure_tls

        tls = ensure_tls(self.state, ["127.0.0.1"])
        self.pool = make_pool(self.dsn, size=4)
        app = create_app(self.pool, tls.ca_cert.read_bytes())
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, ssl_certfile=str(tls.cert),
            ssl_keyfile=str(tls.key), log_level="warning", access_log=False,
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        wait_for(lambda: self.server.started, timeout=30)
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            self.thread.join(15)
            self.server = None
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    @property
    def ca_pem(self) -> str:
        return (self.state / "ca.pem").read_text()

    def token(self, *, uses: int = 1, department: str = "", expires: str = "1h") -> str:
        import psycopg

        from server import auth
        from server.tls import fingerprint

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            return auth.create_token(
                conn, url=self.url, fingerprint=fingerprint(self.ca_pem.encode()),
                expires=auth.parse_duration(expires), uses=uses, department=department,
            )  # fmt: skip
