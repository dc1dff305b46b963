"""The local check channel: `shareguard check` asks the running agent to judge files with its warm
extraction worker (OCR model already loaded) instead of starting a worker and loading a model of
its own, and the agent logs the verdict, once.

Address: a Unix socket `<data dir>/check.sock` (0600, inside the 0700 data dir); on Windows a
named pipe `\\\\.\\pipe\\shareguard-check-<16 hex of the data dir's hash>`. Both ends go through
`multiprocessing.connection` with its HMAC challenge in both directions, keyed from the install
key (0600, readable only by the person): only the same person's processes connect, and `check`
knows it talks to its own agent before it unpickles an answer.

Protocol, one connection per `check` run: the client sends `("check", path, display_path)` per
file and reads `("ok", Verdict, log error or None)` or `("err", reason)`; `None` ends the
session. The agent judges check requests before its queue (the person is waiting), on its main
loop, so the log, the queue and the worker keep one user each.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.config import Config
    from detectors.model import Verdict

log = logging.getLogger(__name__)
SOCKET_NAME = "check.sock"
# How long a connected client may take to authenticate or send its next request before the
# agent drops it (a stuck client must not hold a thread forever).
CLIENT_IDLE_S = 60.0


def address(config: Config) -> tuple[str, str]:
    """(address, multiprocessing family) of the agent's check channel."""
    if sys.platform == "win32":
        tag = hashlib.sha256(str(config.data_path).encode()).hexdigest()[:16]
        return rf"\\.\pipe\shareguard-check-{tag}", "AF_PIPE"
    return str(config.data_path / SOCKET_NAME), "AF_UNIX"


def channel_key(install_key: bytes) -> bytes:
    """The HMAC key of the channel, derived so the install key itself never serves two uses."""
    return hmac.new(install_key, b"shareguard/check-channel/v1", hashlib.sha256).digest()


def judge_and_log(
    scanner: Any,
    store: Any,
    config: Config,
    path: Path,
    shown: str,
    *,
    wait_for_thumbnail: bool = True,
) -> tuple[Verdict, str | None]:
    """Judge one file for `check` and log it with action `check` (plus a masked thumbnail when
    flagged OCR'd): the same steps whether the agent or `check` itself does them. Returns the
    verdict and why it did not reach the log (None when it did). `wait_for_thumbnail=False`:
    `check` itself, whose worker finishes the picture after the answer is given."""
    extraction, verdict = scan_one(scanner, path, shown)
    thumb = None
    make = getattr(scanner, "thumbnail", None)
    if verdict.flagged_categories and extraction is not None and make is not None:
        try:  # made in the extraction worker from the bytes that were judged
            thumb = make(path, extraction, verdict, config.thumbnails_path, wait=wait_for_thumbnail)
        except Exception as e:  # a thumbnail is a nicety; the verdict is not
            log.info("no thumbnail: %s", type(e).__name__)
    if store is None:
        return verdict, "no log"
    try:
        store.append_verdict(
            verdict,
            action="check",
            mode=config.mode,
            path=shown,
            thumbnail=thumb,
            policy_version=getattr(getattr(scanner, "policy", None), "version", None),
        )
    except Exception as e:
        log.warning("check verdict not logged: %s", e)
        return verdict, str(e) or type(e).__name__
    return verdict, None


def scan_one(scanner: Any, path: Path, shown: str) -> tuple[Any, Verdict]:
    """(extraction or None, verdict shown as `shown`)."""
    detailed = getattr(scanner, "scan_detailed", None)
    if detailed is None:
        return None, scanner.scan(path, display_path=shown)
    extraction, verdict = detailed(path, display_path=shown)
    if verdict.path != shown:
        verdict = dataclasses.replace(verdict, path=shown)
    return extraction, verdict


@dataclasses.dataclass
class _Request:
    path: str
    shown: str
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    reply: tuple = ()


class CheckServer:
    """The agent's end: accepts connections on a thread, hands each file to the agent's main loop
    (`serve_pending`, called from it) and sends the answer back."""

    def __init__(self, config: Config, install_key: bytes, wake: Callable[[], None]) -> None:
        self.config = config
        self._key = channel_key(install_key)
        self._wake = wake
        self._pending: queue.Queue[_Request] = queue.Queue()
        self._closing = threading.Event()
        self._listener: Any = None
        self._thread: threading.Thread | None = None
        self.address, self.family = address(config)

    def start(self) -> None:
        """Listen; a stale socket left by a killed agent is replaced (one agent per data dir is
        guaranteed by the agent lock, taken before this)."""
        from multiprocessing.connection import Listener

        if self.family == "AF_UNIX":
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.address)
            old = os.umask(0o177)
            try:
                self._listener = Listener(self.address, self.family, authkey=self._key)
            finally:
                os.umask(old)
            os.chmod(self.address, 0o600)
        else:  # pragma: no cover - Windows
            self._listener = Listener(self.address, self.family, authkey=self._key)
        self._thread = threading.Thread(target=self._accept_loop, name="checkd", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        listener, self._listener = self._listener, None
        if listener is not None:
            # wake the blocked accept() with a connection of our own, then close
            with contextlib.suppress(Exception):
                from multiprocessing.connection import Client

                Client(self.address, self.family, authkey=self._key).close()
            with contextlib.suppress(Exception):
                listener.close()
        if self._thread is not None:
            self._thread.join(5.0)
        while True:  # nobody will serve these any more
            try:
                req = self._pending.get_nowait()
            except queue.Empty:
                break
            req.reply = ("err", "agent stopping")
            req.done.set()

    def _accept_loop(self) -> None:
        from multiprocessing import AuthenticationError

        while not self._closing.is_set():
            listener = self._listener
            if listener is None:
                return
            try:
                conn = listener.accept()
            except (AuthenticationError, EOFError, ConnectionError) as e:
                log.info("check channel: refused a connection (%s)", type(e).__name__)
                continue
            except OSError:
                if self._closing.is_set():
                    return
                log.exception("check channel: accept failed")
                self._closing.wait(1.0)
                continue
            if self._closing.is_set():
                conn.close()
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: Any) -> None:
        """One client: requests one after another until it sends None or goes away."""
        try:
            while not self._closing.is_set():
                if not conn.poll(CLIENT_IDLE_S):
                    return
                msg = conn.recv()
                if msg is None:
                    return
                if not (isinstance(msg, tuple) and len(msg) == 3 and msg[0] == "check"):
                    conn.send(("err", "bad request"))
                    return
                req = _Request(str(msg[1]), str(msg[2]))
                self._pending.put(req)
                self._wake()
                while not req.done.wait(1.0):
                    if self._closing.is_set():
                        return
                conn.send(req.reply)
        except (EOFError, OSError) as e:
            log.info("check channel: client went away (%s)", e)
        except Exception:
            log.exception("check channel: session failed")
        finally:
            with contextlib.suppress(Exception):
                conn.close()

    def has_pending(self) -> bool:
        return not self._pending.empty()

    def serve_pending(self, judge: Callable[[Path, str], tuple[Verdict, str | None]]) -> int:
        """Judge every waiting request with `judge(path, shown)` (on the caller's thread: the
        agent's main loop). Returns how many were served."""
        n = 0
        while True:
            try:
                req = self._pending.get_nowait()
            except queue.Empty:
                return n
            try:
                t0 = time.perf_counter()
                verdict, log_error = judge(Path(req.path), req.shown)
                req.reply = ("ok", verdict, log_error)
                log.info("checked for `check` in %.2f s: %s", time.perf_counter() - t0,
                         verdict.decision.value)  # fmt: skip
            except Exception as e:
                log.exception("check of %s failed", req.shown)
                req.reply = ("err", f"{type(e).__name__}: {e}")
            req.done.set()
            n += 1


class AgentSession:
    """The client's end, for one `check` run. `connect` returns None when no agent answers."""

    def __init__(self, conn: Any, timeout_s: float) -> None:
        self.conn = conn
        self.timeout_s = timeout_s

    @classmethod
    def connect(cls, config: Config) -> AgentSession | None:
        from multiprocessing import AuthenticationError
        from multiprocessing.connection import Client

        addr, family = address(config)
        if family == "AF_UNIX" and not os.path.exists(addr):
            return None
        try:
            install_key = config.key_path.read_bytes()
        except OSError:
            return None
        if len(install_key) < 32:
            return None
        try:
            conn = Client(addr, family, authkey=channel_key(install_key))
        except (OSError, EOFError, AuthenticationError) as e:
            log.info("no agent on the check channel (%s)", e)
            return None
        # the agent may be busy with one file of its queue (bounded by the reader time limit)
        # before it takes ours, which is bounded by the same limit
        return cls(conn, 2 * config.limits.timeout_s + 15.0)

    def check(self, path: Path, shown: str) -> tuple[Verdict, str | None]:
        """The agent's verdict and why it did not log it (None: logged). Raises ConnectionError
        when the agent did not answer (stopped, crashed, too slow)."""
        try:
            self.conn.send(("check", str(path), shown))
            if not self.conn.poll(self.timeout_s):
                raise ConnectionError("the agent did not answer in time")
            reply = self.conn.recv()
        except (EOFError, OSError) as e:
            raise ConnectionError(f"the agent went away: {e}") from e
        if reply[0] != "ok":
            raise ConnectionError(f"the agent could not check the file: {reply[1]}")
        return reply[1], reply[2]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        with contextlib.suppress(Exception):
            self.conn.close()
