"""Desktop alerts through desktop-notifier (D-Bus on Linux, native toasts on Windows/macOS).

What a flagged file causes depends on the role of its folder (`agent.locations.folder_role`) and
the config (`[alert] outgoing` / `staging`: popup | digest | log). Defaults: a flagged file in an
outgoing folder pops up; in a staging folder it is counted for the daily digest. A copy from a
staging folder into an outgoing one pops up then, because the content is now on its way out.

A pop-up leads with the document type and the one piece of evidence that decided it (masked),
shows shareguard's icon and, in the agent (`interactive`), offers buttons: 「查看原因」 (and a click
on the bubble) opens the local why page; 「仍需发送」 asks for a reason (the notification's reply
field where the server has one, else the why page) and records an `override` event; 「移入隔离区」
(warn mode) moves the file to quarantine. The same content (sha256) pops up at most once a day
per person (`AlertMemory`, survives restarts); content the person chose to send anyway raises no
further alerts. A burst of pop-ups still folds into one summary.

desktop-notifier is asynchronous; the Alerter runs its own event loop in one daemon thread so the
agent's loop stays synchronous. Button answers run on a small worker thread, never on that loop.
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
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.actions.alert_memory import AlertMemory, StagedFile, is_due
from agent.actions.alert_text import (  # noqa: F401  (compose is this module's API too)
    _advice,
    _advice_with_buttons,
    _scrub,
    compose,
    headline,
    shown_name,
    where_label,
)
from agent.actions.respond import AlertTarget, Responder, ResponseError
from agent.i18n import t
from detectors.model import Decision, Verdict

log = logging.getLogger(__name__)
APP_NAME = "shareguard"
ICON_PATH = Path(__file__).resolve().parents[1] / "data" / "shareguard.png"
_PROBE_TIMEOUT_S = 3.0

BUTTON_WHY = "why"
BUTTON_OVERRIDE = "override"
BUTTON_QUARANTINE = "quarantine"
BUTTON_LIST = "list"


@dataclass(frozen=True)
class SentAlert:
    title: str
    body: str
    files: tuple[str, ...]
    delivered: bool
    buttons: tuple[str, ...] = ()
    kind: str = "popup"  # popup | summary | digest | confirm | plain


@dataclass
class _Pending:
    names: list[str] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)


def _bus_reachable() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    addr = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if addr:
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    return Path(runtime, "bus").exists()


class Alerter:
    """`alert(verdict, display_path, ...)` pops up, counts for the digest, or only logs;
    `.available` says whether pop-ups can be shown at all.

    `interactive` (the agent): buttons, the why page, per-day memory and answers recorded in the
    log. Not interactive (`check`, which exits at once): plain alerts, every file announced.
    """

    def __init__(
        self,
        config: Any,
        *,
        probe: bool = True,
        interactive: bool = False,
        opener: Callable[[str], object] | None = None,
    ) -> None:
        self.config = config
        a = getattr(config, "alert", None)
        self.enabled = bool(getattr(a, "enabled", True))
        self.window = float(getattr(a, "burst_window_s", 5.0))
        self.threshold = int(getattr(a, "burst_threshold", 3))
        self.interactive = interactive
        self.sent: list[SentAlert] = []
        self._lock = threading.Lock()
        self._recent: deque[float] = deque()
        self._pending = _Pending()
        self._flush_at: float | None = None
        self._alerted: set[tuple[str, str | None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._notifier: Any = None
        self._caps: frozenset[Any] = frozenset()
        self._futures: list[Future[Any]] = []
        self._timer: threading.Timer | None = None
        self._answers = ThreadPoolExecutor(1, thread_name_prefix="shareguard-answer")
        self.memory: AlertMemory | None = None
        self.responder: Responder | None = None
        self.why: Any = None
        if interactive:
            from agent.review.why import WhyServer

            self.memory = AlertMemory.for_config(config)
            self.responder = Responder(config, self.memory)
            self.responder.load_overrides()
            self.why = WhyServer(config, self.responder, opener=opener, on_answer=self._answered)
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
            from desktop_notifier import DesktopNotifier, Icon

            async def make() -> tuple[Any, frozenset[Any]]:
                icon = Icon(path=ICON_PATH) if ICON_PATH.is_file() else None
                n = DesktopNotifier(app_name=APP_NAME, app_icon=icon)
                return n, await n.get_capabilities()

            self._notifier, self._caps = self._run(make(), timeout=_PROBE_TIMEOUT_S)
        except Exception as e:  # no server, no bus, unsupported platform
            self.reason = f"{type(e).__name__}: {e}".strip()
            log.info("desktop notifications unavailable: %s", self.reason)
            self._notifier = None
            return False
        return True

    def _has(self, capability: str) -> bool:
        return any(getattr(c, "name", "") == capability for c in self._caps)

    def _send(
        self,
        title: str,
        body: str,
        files: tuple[str, ...],
        *,
        buttons: tuple[tuple[str, str, Callable[[], None]], ...] = (),
        reply: tuple[str, str, Callable[[str], None]] | None = None,
        on_clicked: Callable[[], None] | None = None,
        kind: str = "plain",
        urgent: bool = True,
    ) -> None:
        """Send one notification. `buttons`: (identifier, title, callback); `reply`: (title,
        submit title, callback(text)) used only where the server has a reply field."""
        shown = tuple(b[0] for b in buttons) + (("reply",) if reply else ())
        if not self.available or self._notifier is None:
            self.sent.append(SentAlert(title, body, files, False, shown, kind))
            return
        notifier = self._notifier
        record = {"ok": False}

        async def go() -> None:
            from desktop_notifier import Button, ReplyField, Urgency

            def dispatched() -> None:
                record["ok"] = True

            kwargs: dict[str, Any] = {}
            if buttons:
                kwargs["buttons"] = [
                    Button(title=bt, on_pressed=self._later(cb), identifier=bid)
                    for bid, bt, cb in buttons
                ]
            if reply is not None:
                rt, submit, rcb = reply
                kwargs["reply_field"] = ReplyField(
                    title=rt, button_title=submit, on_replied=self._later_text(rcb)
                )
            if on_clicked is not None:
                kwargs["on_clicked"] = self._later(on_clicked)
            await notifier.send(
                title,
                body,
                urgency=Urgency.Critical if urgent else Urgency.Normal,
                on_dispatched=dispatched,
                timeout=8 if kind == "confirm" else -1,
                **kwargs,
            )

        def done(_f: Future[Any]) -> None:
            self.sent.append(SentAlert(title, body, files, record["ok"], shown, kind))
            if not record["ok"]:
                log.warning("alert not delivered for %s", ", ".join(files))

        fut = self._run(go())
        fut.add_done_callback(done)
        with self._lock:
            self._futures.append(fut)

    def _later(self, fn: Callable[[], None]) -> Callable[[], None]:
        """Run a button's answer off the notification loop (it may move a large file)."""

        def call() -> None:
            self._answers.submit(self._guard, fn)

        return call

    def _later_text(self, fn: Callable[[str], None]) -> Callable[[str], None]:
        def call(text: str) -> None:
            self._answers.submit(self._guard, lambda: fn(text))

        return call

    @staticmethod
    def _guard(fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:
            log.exception("answering an alert failed")

    # -- public -------------------------------------------------------------------------------
    def alert(
        self,
        verdict: Verdict,
        display_path: str,
        *,
        quarantined: str | None = None,
        now: float | None = None,
        role: str = "outgoing",
        where: str = "check",
        verdict_id: int | None = None,
        path: str | None = None,
    ) -> bool:
        """Alert about one file. Returns True if a pop-up went out now; False if it was folded
        into a summary, counted for the digest, only logged, a repeat, or overridden."""
        target = AlertTarget(
            verdict_id, path or display_path, display_path, verdict.sha256, role, where
        )
        key = (display_path, verdict.sha256)
        if self.memory is not None and self.memory.overridden(verdict.sha256):
            return False  # the person chose to send this content, with a reason on record
        action = self._role_action(role) if not quarantined else "popup"
        if action == "log":
            return False
        if action == "digest":
            if self.memory is not None and verdict.sha256:
                category, evidence = headline(verdict)
                self.memory.add_staged(
                    StagedFile(
                        verdict.sha256,
                        shown_name(display_path),
                        _scrub(display_path),
                        category,
                        evidence,
                        verdict_id,
                    )
                )
            return False
        now = time.monotonic() if now is None else now
        with self._lock:
            if key in self._alerted:
                return False
            self._alerted.add(key)
        if self.memory is not None and not self.memory.claim_popup(verdict.sha256):
            return False  # this content already popped up today
        with self._lock:
            while self._recent and now - self._recent[0] > self.window:
                self._recent.popleft()
            if len(self._recent) >= self.threshold:
                self._pending.names.append(shown_name(display_path))
                self._pending.items.append((verdict, target))
                if self._flush_at is None:
                    self._flush_at = self._recent[0] + self.window
                    delay = max(0.0, self._flush_at - now)
                    self._timer = threading.Timer(delay, self.flush)
                    self._timer.daemon = True
                    self._timer.start()
                return False
            self._recent.append(now)
        self._popup(verdict, target, quarantined)
        return True

    def _role_action(self, role: str) -> str:
        if not self.interactive:
            return "popup"  # `check`: the person asked about this file
        a = getattr(self.config, "alert", None)
        return str(getattr(a, role, "popup")) if role in ("outgoing", "staging") else "popup"

    def _popup(self, verdict: Verdict, target: AlertTarget, quarantined: str | None) -> None:
        title, body = compose(
            verdict,
            target.display_path,
            self.config,
            quarantined=quarantined,
            where=target.reason,
            buttons=self.interactive,
        )
        if not self.interactive or self.why is None:
            self._send(title, body, (target.display_path,), kind="popup")
            self._record("popup", target)
            return
        from agent.review.why import WhyItem, WhyPage

        flagged = verdict.decision is Decision.FLAGGED
        can_answer = flagged and target.verdict_id is not None and not quarantined
        can_quarantine = can_answer and getattr(self.config, "mode", "warn") == "warn"
        page = WhyPage(
            t("why.title"),
            [WhyItem.from_verdict(verdict, target.display_path, where_label(target.reason))],
            target=target,
            can_override=can_answer,
            can_quarantine=can_quarantine,
        )
        secret = self.why.add(page)
        buttons: list[tuple[str, str, Callable[[], None]]] = [
            (BUTTON_WHY, t("alert.button.why"), lambda: self.why.open(secret))
        ]
        reply = None
        if can_answer:
            if self._has("REPLY_FIELD"):
                reply = (
                    t("alert.button.override"),
                    t("alert.button.override_submit"),
                    lambda text: self._override_reply(target, text, secret),
                )
            else:
                buttons.append(
                    (
                        BUTTON_OVERRIDE,
                        t("alert.button.override"),
                        lambda: self.why.open(secret, "override"),
                    )
                )
        if can_quarantine:
            buttons.append(
                (
                    BUTTON_QUARANTINE,
                    t("alert.button.quarantine"),
                    lambda: self._quarantine(target, secret),
                )
            )
        self._send(
            title,
            body,
            (target.display_path,),
            buttons=tuple(buttons),
            reply=reply,
            on_clicked=lambda: self.why.open(secret),
            kind="popup",
        )
        self._record("popup", target)

    def _record(self, kind: str, target: AlertTarget | None, **data: Any) -> None:
        """An `alert` event for what was shown (nothing is shown without a notification
        service; `shareguard status` says alerts are off)."""
        if self.responder is not None and self.available:
            self.responder.record_alert(kind, target, **data)

    # -- answers ------------------------------------------------------------------------------
    def _override_reply(self, target: AlertTarget, text: str, secret: str) -> None:
        try:
            assert self.responder is not None
            self.responder.override(target, text, via="reply")
        except ResponseError:  # an empty reply: ask on the page instead
            self.why.open(secret, "override")
            return
        self._settle_page(secret, "why.override.done")
        self._answered("override", target)

    def _quarantine(self, target: AlertTarget, secret: str) -> None:
        name = shown_name(target.display_path)
        assert self.responder is not None
        try:
            self.responder.quarantine(target)
        except ResponseError as e:
            self._confirm(t("alert.quarantine_failed.title", name=name), str(e))
            return
        self._settle_page(secret, "why.quarantine.done")
        self._answered("quarantine", target)

    def _settle_page(self, secret: str, message_key: str) -> None:
        """The why page of an answered alert offers no more buttons and says what was done."""
        page = self.why.page(secret)
        if page is not None:
            page.can_override = page.can_quarantine = False
            page.message = t(message_key)

    def _answered(self, action: str, target: AlertTarget) -> None:
        """An answer given on the why page: confirm it on the desktop too."""
        name = shown_name(target.display_path)
        if action == "override":
            self._confirm(t("alert.overridden.title", name=name), t("alert.overridden.body"))
        elif action == "quarantine":
            self._confirm(t("alert.quarantined.title", name=name), t("alert.quarantined.body"))

    def _confirm(self, title: str, body: str) -> None:
        self._send(title, body, (), kind="confirm", urgent=False)

    # -- summary and digest -------------------------------------------------------------------
    def _list_page(self, title: str, items: list[Any]) -> str:
        from agent.review.why import WhyPage

        return self.why.add(WhyPage(title, items))

    def flush(self) -> None:
        """Send the folded summary now (called by the burst timer and on shutdown)."""
        with self._lock:
            pending, self._pending = self._pending, _Pending()
            self._flush_at = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if pending.names:
                self._recent.append(time.monotonic())
        names = pending.names
        if not names:
            return
        shown = "、".join(names[:5])
        more = t("alert.summary.more") if len(names) > 5 else ""
        title = t("alert.summary.title", count=len(names))
        body = t("alert.summary.body", names=shown, more=more)
        if not self.interactive or self.why is None:
            self._send(title, body, tuple(names), kind="summary")
            self._record("summary", None, count=len(names))
            return
        from agent.review.why import WhyItem

        items = [
            WhyItem.from_verdict(v, tg.display_path, where_label(tg.reason))
            for v, tg in pending.items
        ]
        secret = self._list_page(title, items)
        self._send(
            title,
            body,
            tuple(names),
            buttons=((BUTTON_LIST, t("alert.button.list"), lambda: self.why.open(secret)),),
            on_clicked=lambda: self.why.open(secret),
            kind="summary",
        )
        self._record("summary", None, count=len(names))

    def maybe_digest(self, now: datetime | None = None) -> bool:
        """Send today's staging digest if it is due (`[alert] digest_at`), not sent yet today,
        and something was flagged in a staging folder. Returns whether it went out."""
        if self.memory is None or not self.interactive:
            return False
        now = now or datetime.now()
        digest_at = str(getattr(getattr(self.config, "alert", None), "digest_at", ""))
        if not is_due(digest_at, now) or self.memory.digest_sent(now):
            return False
        count, files = self.memory.staged(now)
        if not count or not self.memory.claim_digest(now):
            return False
        from agent.review.why import WhyCategory, WhyEvidence, WhyItem

        names = [f.name for f in files]
        title = t("alert.digest.title", count=count)
        body = t(
            "alert.digest.body",
            names="、".join(names[:5]),
            more=t("alert.summary.more") if count > 5 else "",
        )
        items = [
            WhyItem(
                f.name,
                f.path,
                where_label("staging_default"),
                categories=(
                    WhyCategory(
                        f.category,
                        "",
                        "",
                        (WhyEvidence("", f.evidence, ""),) if f.evidence else (),
                    ),
                ),
            )
            for f in files
        ]
        secret = self._list_page(title, items)
        self._send(
            title,
            body,
            tuple(names),
            buttons=((BUTTON_LIST, t("alert.button.list"), lambda: self.why.open(secret)),),
            on_clicked=lambda: self.why.open(secret),
            kind="digest",
            urgent=False,
        )
        self._record("digest", None, count=count)
        return True

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
        self._answers.shutdown(wait=True, cancel_futures=False)
        if self.why is not None:
            self.why.close()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(2)
            self._loop = None
