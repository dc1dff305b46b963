"""Desktop alerts through desktop-notifier (D-Bus on Linux, native toasts on Windows/macOS).

One alert per file. When more than `alert.burst_threshold` alerts would go out inside
`alert.burst_window_s`, the rest fold into one summary sent when the window closes. If no
notification service answers, `available` is False and `alert()` only records; the agent keeps
working and says alerts are off.

desktop-notifier is asynchronous; the Alerter runs its own event loop in one daemon thread so the
agent's loop stays synchronous.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.i18n import t
from detectors.model import Decision, Verdict

log = logging.getLogger(__name__)
APP_NAME = "shareguard"
_PROBE_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class SentAlert:
    title: str
    body: str
    files: tuple[str, ...]
    delivered: bool


def _mask(text: str) -> str:
    try:
        from detectors.masking import mask_text
    except ImportError:
        return text
    try:
        return mask_text(text)
    except Exception:
        return text


def _advice(config: Any) -> str:
    a = getattr(config, "alert", None)
    if a is not None and a.advice:
        return a.advice.replace("{contact}", a.contact or t("agent.alert.default_contact"))
    contact = (a.contact if a is not None else "") or t("agent.alert.default_contact")
    return t("agent.alert.advice", contact=contact)


def compose(
    verdict: Verdict, display_path: str, config: Any, *, quarantined: str | None = None
) -> tuple[str, str]:
    """Title and body of the alert for one file (Chinese by default)."""
    name = Path(display_path).name or display_path
    advice = _advice(config)
    if verdict.decision is not Decision.FLAGGED:
        return t("agent.alert.encrypted_title"), t(
            "agent.alert.encrypted_body", name=name, advice=advice
        )
    cats = verdict.flagged_categories or verdict.categories
    top = cats[0] if cats else None
    category = t(f"category.{top.id}") if top else t("verdict.flagged")
    evidence = ""
    if top and top.evidence:
        strongest = max(top.evidence, key=lambda e: e.weight)
        if strongest.text:
            evidence = t("agent.alert.evidence", text=_mask(strongest.text)[:60])
    body = t("agent.alert.body", name=name, category=category, evidence=evidence, advice=advice)
    if quarantined:
        body += "\n" + t("agent.alert.quarantined", where=quarantined)
    return t("agent.alert.title"), body


def _bus_reachable() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    addr = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if addr:
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    return Path(runtime, "bus").exists()


class Alerter:
    """`alert(verdict, display_path)` sends (or folds) one alert; `.available` says if it can."""

    def __init__(self, config: Any, *, probe: bool = True) -> None:
        self.config = config
        self.enabled = bool(getattr(getattr(config, "alert", None), "enabled", True))
        self.window = float(getattr(config.alert, "burst_window_s", 5.0))
        self.threshold = int(getattr(config.alert, "burst_threshold", 3))
        self.sent: list[SentAlert] = []
        self._lock = threading.Lock()
        self._recent: deque[float] = deque()
        self._pending: list[str] = []
        self._flush_at: float | None = None
        self._alerted: set[tuple[str, str | None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._notifier: Any = None
        self._futures: list[Future[Any]] = []
        self._timer: threading.Timer | None = None
        self.available = False
        self.reason = ""
        if not self.enabled:
            self.reason = "disabled in config"
        elif probe:
            self.available = self._probe()

    # -- plumbing -----------------------------------------------------------------------------
    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            th = threading.Thread(target=loop.run_forever, name="shareguard-alert", daemon=True)
            th.start()
            self._loop, self._thread = loop, th
        return self._loop

    def _run(self, coro: Any, timeout: float | None = None) -> Any:
        fut = asyncio.run_coroutine_threadsafe(coro, self._ensure_loop())
        if timeout is None:
            return fut
        return fut.result(timeout)

    def _probe(self) -> bool:
        if not _bus_reachable():
            self.reason = "no session bus"
            return False
        try:
            from desktop_notifier import DesktopNotifier

            async def make() -> Any:
                n = DesktopNotifier(app_name=APP_NAME)
                await n.get_capabilities()
                return n

            self._notifier = self._run(make(), timeout=_PROBE_TIMEOUT_S)
        except Exception as e:  # no server, no bus, unsupported platform
            self.reason = f"{type(e).__name__}: {e}".strip()
            log.info("desktop notifications unavailable: %s", self.reason)
            self._notifier = None
            return False
        return True

    def _send(self, title: str, body: str, files: tuple[str, ...]) -> None:
        if not self.available or self._notifier is None:
            self.sent.append(SentAlert(title, body, files, False))
            return
        notifier = self._notifier
        record = {"ok": False}

        async def go() -> None:
            from desktop_notifier import Urgency

            def dispatched() -> None:
                record["ok"] = True

            await notifier.send(
                title, body, urgency=Urgency.Critical, on_dispatched=dispatched, timeout=-1
            )

        def done(_f: Future[Any]) -> None:
            self.sent.append(SentAlert(title, body, files, record["ok"]))
            if not record["ok"]:
                log.warning("alert not delivered for %s", ", ".join(files))

        fut = self._run(go())
        fut.add_done_callback(done)
        with self._lock:
            self._futures.append(fut)

    # -- public -------------------------------------------------------------------------------
    def alert(
        self,
        verdict: Verdict,
        display_path: str,
        *,
        quarantined: str | None = None,
        now: float | None = None,
    ) -> bool:
        """Alert about one file. Returns True if sent now, False if folded or a repeat."""
        key = (display_path, verdict.sha256)
        now = time.monotonic() if now is None else now
        with self._lock:
            if key in self._alerted:
                return False
            self._alerted.add(key)
            while self._recent and now - self._recent[0] > self.window:
                self._recent.popleft()
            fold = len(self._recent) >= self.threshold
            if fold:
                self._pending.append(Path(display_path).name or display_path)
                if self._flush_at is None:
                    self._flush_at = self._recent[0] + self.window
                    delay = max(0.0, self._flush_at - now)
                    self._timer = threading.Timer(delay, self.flush)
                    self._timer.daemon = True
                    self._timer.start()
                return False
            self._recent.append(now)
        title, body = compose(verdict, display_path, self.config, quarantined=quarantined)
        self._send(title, body, (display_path,))
        return True

    def flush(self) -> None:
        """Send the folded summary now (called by the burst timer and on shutdown)."""
        with self._lock:
            names, self._pending = self._pending, []
            self._flush_at = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if names:
                self._recent.append(time.monotonic())
        if not names:
            return
        shown = "、".join(names[:5])
        more = t("agent.alert.summary_more") if len(names) > 5 else ""
        title = t("agent.alert.summary_title", count=len(names))
        body = t("agent.alert.summary_body", names=shown, more=more, advice=_advice(self.config))
        self._send(title, body, tuple(names))

    def wait(self, timeout: float = 5.0) -> None:
        """Wait for alerts in flight (tests and shutdown)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            futures, self._futures = self._futures, []
        for f in futures:
            with contextlib.suppress(Exception):
                f.result(max(0.0, deadline - time.monotonic()))

    def close(self) -> None:
        self.flush()
        self.wait()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(2)
            self._loop = None
