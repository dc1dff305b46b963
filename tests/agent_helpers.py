"""Helpers for agent tests: a private D-Bus session bus, a real notification server on it, and
the agent run as a real subprocess.

The notification server implements org.freedesktop.Notifications (the freedesktop spec) with
dbus-fast on the real bus and appends what it receives to a JSON-lines file. Run this file as
``python agent_helpers.py notify-server OUT`` with DBUS_SESSION_BUS_ADDRESS set.
"""

# ruff: noqa: F722, F821
# (D-Bus signatures are string annotations read by dbus-fast: no postponed annotations here)

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from faker import Faker

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
# the checkout's own venv (CI, scripts/test.sh), else the running interpreter's (a git worktree
# sharing another checkout's venv, with PYTHONPATH naming the worktree)
SHAREGUARD = (
    VENV_BIN / "shareguard"
    if (VENV_BIN / "shareguard").exists()
    else Path(sys.executable).parent / "shareguard"
)
PYTHON = VENV_BIN / "python" if (VENV_BIN / "python").exists() else Path(sys.executable)


def wait_for(pred: Callable[[], object], timeout: float = 30.0, interval: float = 0.05) -> object:
    """Poll `pred` until it returns something truthy; fail with a clear message on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {timeout}s: {pred}")
        time.sleep(interval)


# -- D-Bus ------------------------------------------------------------------------------------
@contextlib.contextmanager
def session_bus() -> Iterator[str]:
    """A private dbus-daemon session bus; yields its address."""
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon printed no address")
        yield address
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class NotificationServer:
    """A real org.freedesktop.Notifications server (subprocess) on the given bus."""

    def __init__(self, address: str, out: Path, *, inline_reply: bool = False) -> None:
        """`inline_reply`: advertise a reply field (as KDE Plasma does); `reply()` then emits
        NotificationReplied from the server, as when a person types a reply."""
        self.address, self.out = address, out
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
        extra = ["inline-reply"] if inline_reply else []
        self.proc = subprocess.Popen(
            [str(PYTHON), __file__, "notify-server", str(out), *extra],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if line != "ready":
            self.stop()
            raise RuntimeError(f"notification server did not start: {line!r}")

    def received(self) -> list[dict]:
        if not self.out.exists():
            return []
        return [json.loads(x) for x in self.out.read_text(encoding="utf-8").splitlines() if x]

    def reply(self, nid: int, text: str) -> None:
        """The person replies `text` to notification `nid` (the server emits the signal)."""
        subprocess.run(
            [
                "dbus-send", f"--bus={self.address}", "--type=method_call",
                "--dest=org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                "org.shareguard.TestControl.Reply", f"uint32:{nid}", f"string:{text}",
            ],
            check=True, capture_output=True, timeout=10,
        )  # fmt: skip

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> "NotificationServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _serve_notifications(out: str, extra_caps: tuple[str, ...] = ()) -> None:
    import asyncio

    from dbus_fast import Variant
    from dbus_fast.aio import MessageBus
    from dbus_fast.service import ServiceInterface, method
    from dbus_fast.service import signal as dbus_signal

    class Notifications(ServiceInterface):
        def __init__(self) -> None:
            super().__init__("org.freedesktop.Notifications")
            self.next_id = 0

        @method()
        def Notify(
            self,
            app_name: "s",
            replaces_id: "u",
            app_icon: "s",
            summary: "s",
            body: "s",
            actions: "as",
            hints: "a{sv}",
            expire_timeout: "i",
        ) -> "u":
            self.next_id += 1
            rec = {
                "id": self.next_id,
                "app_name": app_name,
                "summary": summary,
                "body": body,
                "actions": list(actions),
                "hints": {
                    k: (v.value if isinstance(v, Variant) else v)
                    for k, v in hints.items()
                    if isinstance(getattr(v, "value", v), str | int | float | bool)
                },
                "expire_timeout": expire_timeout,
            }
            with open(out, "a", encoding="utf-8") as f:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return self.next_id

        @method()
        def GetCapabilities(self) -> "as":
            return ["body", "actions", *extra_caps]

        @method()
        def GetServerInformation(self) -> "ssss":
            return ["shareguard-test-notifyd", "shareguard", "1.0", "1.2"]

        @method()
        def CloseNotification(self, nid: "u"):
            self.NotificationClosed(nid, 3)

        @dbus_signal()
        def NotificationClosed(self, nid: "u", reason: "u") -> "uu":
            return [nid, reason]

        @dbus_signal()
        def ActionInvoked(self, nid: "u", key: "s") -> "us":
            return [nid, key]

        @dbus_signal()
        def NotificationReplied(self, nid: "u", text: "s") -> "us":
            return [nid, text]

    class TestControl(ServiceInterface):
        """Lets a test act as the person at the desktop."""

        def __init__(self, notifications: Notifications) -> None:
            super().__init__("org.shareguard.TestControl")
            self.n = notifications

        @method()
        def Reply(self, nid: "u", text: "s"):
            self.n.NotificationReplied(nid, text)

        @method()
        def Invoke(self, nid: "u", key: "s"):
            self.n.ActionInvoked(nid, key)

    async def main() -> None:
        bus = await MessageBus().connect()
        notifications = Notifications()
        bus.export("/org/freedesktop/Notifications", notifications)
        bus.export("/org/freedesktop/Notifications", TestControl(notifications))
        await bus.request_name("org.freedesktop.Notifications")
        print("ready", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()

    asyncio.run(main())


# -- the agent as a subprocess ----------------------------------------------------------------
def write_config(
    path: Path,
    *,
    data_dir: Path,
    watch: list[Path],
    mode: str = "warn",
    extra: str = "",
    settle: float = 0.3,
    policy: list[Path] | None = None,
) -> Path:
    lines = [
        f'mode = "{mode}"',
        f"data_dir = {json.dumps(str(data_dir))}",
        f"watch = {json.dumps([str(w) for w in watch])}",
    ]
    if policy:
        lines.append(f"policy = {json.dumps([str(p) for p in policy])}")
    text = "\n".join(lines) + "\n" + extra
    if "[watch_options]" not in text:
        text += f"\n[watch_options]\nsettle_seconds = {settle}\nuse_defaults = false\n"
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o600)
    return path


class AgentProcess:
    """`shareguard run --config FILE` as a real subprocess."""

    def __init__(self, config: Path, *, env: dict[str, str] | None = None, log: Path) -> None:
        self.config, self.log = config, log
        self._logf = open(log, "ab")  # noqa: SIM115
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            [str(SHAREGUARD), "-v", "run", "--config", str(config)],
            stdout=self._logf,
            stderr=subprocess.STDOUT,
            env=full_env,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, state_path: Path, timeout: float = 60.0) -> dict:
        def ready() -> dict | None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"agent exited early:\n{self.output()}")
            try:
                st = json.loads(state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            return st if st.get("pid") == self.pid and st.get("ready") else None

        return wait_for(ready, timeout)  # type: ignore[return-value]

    def output(self) -> str:
        if not self._logf.closed:
            self._logf.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill9(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self._logf.close()

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._logf.close()
        return self.proc.returncode


def extraction_workers(pid: int) -> list:
    """The agent's extraction worker processes (not multiprocessing's resource tracker)."""
    import psutil

    try:
        kids = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for c in kids:
        try:
            cmd = " ".join(c.cmdline())
        except psutil.Error:
            continue
        if "resource_tracker" in cmd:
            continue
        if "agent.extract" in cmd or "spawn_main" in cmd:
            out.append(c)
    return out


def log_rows(data_dir: Path) -> list[dict]:
    """Rows of the agent's log, read straight from SQLite (read-only)."""
    db = data_dir / "log.sqlite3"
    if not db.exists():
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute("SELECT * FROM verdicts ORDER BY id")]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "notify-server":
        _serve_notifications(sys.argv[2], tuple(sys.argv[3:]))
    else:
        sys.exit("usage: agent_helpers.py notify-server OUT")


def roster_text(seed: int, rows: int = 8) -> str:
    """A synthetic screening list (Faker zh_CN: no real person)."""
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    lines = [
        "关于开展重点人员排查工作的通知",
        "附件：排查人员名单",
        "序号,姓名,身份证号,手机号,住址",
    ]
    for i in range(1, rows + 1):
        lines.append(f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()},{fake.address()}")
    return "\n".join(lines) + "\n"
