"""The local "why" page the person at the PC opens from an alert (「查看原因」 or a click).

Read-only about the verdict, and only about their own file: each alert registers one page under a
fresh random secret (not the console's token; no console access). A loopback HTTP server
(127.0.0.1, port chosen by the OS, started on first use, inside the agent) serves it. The browser
is not given the secret on a command line: the agent writes a 0600 redirect file in its private
data dir and opens that `file://` URL, so other local users can neither see nor guess the link.

Two answers can be given on the page, each recorded in the chained log through the Responder:
「仍需发送」 with a reason (where the notification has no reply field) and 「移入隔离区」.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import logging
import secrets
import threading
import time
import urllib.parse
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.actions.respond import AlertTarget, Responder, ResponseError
from agent.files import make_private_dir, write_private
from agent.i18n import language, t
from agent.redact import scrub
from detectors.model import Decision, Verdict

log = logging.getLogger(__name__)
PAGE_TTL_S = 7 * 86400
MAX_PAGES = 500
MAX_FORM = 8192
ICON = Path(__file__).resolve().parents[1] / "data" / "shareguard.png"


def _mask(text: str) -> str:
    from detectors.masking import mask_text

    try:
        return mask_text(text)
    except Exception:
        return text


def _signal_label(signal: str) -> str:
    key = f"review.signal.{signal}"
    label = t(key)
    return signal if label == key else label


@dataclass(frozen=True)
class WhyEvidence:
    signal: str
    text: str
    location: str


@dataclass(frozen=True)
class WhyCategory:
    label: str
    score: str
    threshold: str
    evidence: tuple[WhyEvidence, ...]


@dataclass(frozen=True)
class WhyItem:
    name: str
    display_path: str
    where: str
    time: str = ""
    categories: tuple[WhyCategory, ...] = ()
    unreadable: bool = False

    @classmethod
    def from_verdict(cls, verdict: Verdict, display_path: str, where: str) -> WhyItem:
        cats = verdict.flagged_categories or verdict.categories
        return cls(
            name=scrub(Path(display_path).name or display_path),
            display_path=scrub(display_path),
            where=where,
            time=time.strftime("%Y-%m-%d %H:%M"),
            categories=tuple(
                WhyCategory(
                    t(f"category.{c.id}"),
                    f"{c.score:.2f}",
                    f"{c.threshold:.2f}",
                    tuple(
                        WhyEvidence(_signal_label(e.signal), _mask(e.text)[:120], e.location)
                        for e in sorted(c.evidence, key=lambda e: -e.weight)[:8]
                    ),
                )
                for c in cats[:3]
            ),
            unreadable=verdict.decision is not Decision.FLAGGED,
        )


@dataclass
class WhyPage:
    title: str
    items: list[WhyItem]
    target: AlertTarget | None = None  # one file: the page can record an override / quarantine
    can_override: bool = False
    can_quarantine: bool = False
    created: float = field(default_factory=time.monotonic)
    message: str = ""
    message_bad: bool = False


class WhyServer:
    """Serves registered pages on 127.0.0.1 until `close()`."""

    def __init__(
        self,
        config: Any,
        responder: Responder | None,
        *,
        opener: Callable[[str], object] | None = None,
        on_answer: Callable[[str, AlertTarget], None] | None = None,
    ) -> None:
        self.config = config
        self.responder = responder
        self.opener = opener or webbrowser.open
        self.on_answer = on_answer  # tells the alerter (e.g. to confirm with a notification)
        self._pages: dict[str, WhyPage] = {}
        self._lock = threading.Lock()
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- pages -------------------------------------------------------------------------------
    def add(self, page: WhyPage) -> str:
        """Register a page; returns its secret."""
        secret = secrets.token_urlsafe(24)
        with self._lock:
            now = time.monotonic()
            for k in [k for k, p in self._pages.items() if now - p.created > PAGE_TTL_S]:
                del self._pages[k]
            while len(self._pages) >= MAX_PAGES:
                del self._pages[next(iter(self._pages))]
            self._pages[secret] = page
        return secret

    def page(self, secret: str) -> WhyPage | None:
        with self._lock:
            return self._pages.get(secret)

    def url(self, secret: str) -> str:
        return f"{self.origin}/w/{secret}"

    @property
    def origin(self) -> str:
        self.start()
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def open(self, secret: str, anchor: str = "") -> Path:
        """Open the page in the person's browser through a private redirect file; returns it."""
        folder = make_private_dir(Path(self.config.data_path) / "why")
        self._tidy(folder)
        name = hashlib.sha256(secret.encode()).hexdigest()[:24] + ".html"
        target = self.url(secret) + (f"#{anchor}" if anchor else "")
        html = (
            '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
            f'<meta http-equiv="refresh" content="0;url={target}">'
            f'<a href="{target}">shareguard</a>'
        )
        redirect = folder / name
        write_private(redirect, html.encode(), durable=False)
        try:
            self.opener(redirect.as_uri())
        except Exception as e:  # no browser: the page is still there for a retry
            log.warning("could not open a browser: %s", e)
        return redirect

    @staticmethod
    def _tidy(folder: Path) -> None:
        cutoff = time.time() - PAGE_TTL_S
        for f in folder.glob("*.html"):
            with contextlib.suppress(OSError):
                if f.stat().st_mtime < cutoff:
                    f.unlink()

    # -- server ------------------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self._httpd is not None:
                return
            server = self

            class Handler(_Handler):
                owner = server

            self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            self._httpd.daemon_threads = True
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, name="shareguard-why", daemon=True
            )
            self._thread.start()

    def close(self) -> None:
        with self._lock:
            httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()

    # -- answers -----------------------------------------------------------------------------
    def answer(self, secret: str, action: str, form: dict[str, str]) -> WhyPage | None:
        page = self.page(secret)
        if page is None or page.target is None or self.responder is None:
            return page
        try:
            if action == "override" and page.can_override:
                reason = form.get("reason", "").strip()
                if not reason:
                    page.message, page.message_bad = t("why.override.empty"), True
                    return page
                self.responder.override(page.target, reason, via="page")
                page.can_override = page.can_quarantine = False
                page.message, page.message_bad = t("why.override.done"), False
            elif action == "quarantine" and page.can_quarantine:
                self.responder.quarantine(page.target)
                page.can_override = page.can_quarantine = False
                page.message, page.message_bad = t("why.quarantine.done"), False
            else:
                return page
        except ResponseError as e:
            page.message, page.message_bad = t("why.quarantine.failed", error=str(e)), True
            return page
        if self.on_answer is not None:
            with contextlib.suppress(Exception):
                self.on_answer(action, page.target)
        return page

    def render(self, page: WhyPage | None, secret: str) -> str:
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        env = _env_cache.get("env")
        if env is None:
            env = Environment(
                loader=FileSystemLoader(Path(__file__).parent / "templates"),
                autoescape=select_autoescape(["html"]),
            )
            _env_cache["env"] = env
        contact = getattr(getattr(self.config, "alert", None), "contact", "")
        return env.get_template("why.html").render(
            t=t,
            lang=language(),
            title=page.title if page else t("why.title"),
            items=page.items if page else [],
            expired=page is None,
            can_override=bool(page and page.can_override),
            can_quarantine=bool(page and page.can_quarantine),
            message=page.message if page else "",
            message_bad=bool(page and page.message_bad),
            contact=contact,
            base=f"/w/{secret}",
        )


_env_cache: dict[str, Any] = {}


class _Handler(http.server.BaseHTTPRequestHandler):
    owner: WhyServer
    server_version = "shareguard-why"
    sys_version = ""

    def log_message(self, fmt: str, *args: Any) -> None:  # no secrets in logs
        return

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        # same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on the
        # page's own form posts, and the origin check below would refuse them
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self';"
            " frame-ancestors 'none'; base-uri 'none'",
        )
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> tuple[str, str] | None:
        parts = urllib.parse.urlsplit(self.path).path.split("/")
        # /w/<secret> or /w/<secret>/<action>
        if len(parts) in (3, 4) and parts[0] == "" and parts[1] == "w" and parts[2]:
            return parts[2], parts[3] if len(parts) == 4 else ""
        return None

    def do_GET(self) -> None:
        if not self._host_ok():
            self._send(403, b"forbidden", "text/plain")
            return
        if self.path == "/icon.png":
            self._send(200, ICON.read_bytes(), "image/png")
            return
        route = self._route()
        if route is None or route[1]:
            self._send(404, b"not found", "text/plain")
            return
        secret = route[0]
        page = self.owner.page(secret)
        self._send(200 if page else 404, self.owner.render(page, secret).encode())

    def do_POST(self) -> None:
        route = self._route()
        origin = self.headers.get("Origin")
        port = self.server.server_address[1]
        if (
            not self._host_ok()
            or route is None
            or origin not in (None, f"http://127.0.0.1:{port}", f"http://localhost:{port}")
        ):
            self._send(403, b"forbidden", "text/plain")
            return
        secret, action = route
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_FORM:
            self._send(413, b"too large", "text/plain")
            return
        raw = self.rfile.read(length).decode("utf-8", "replace")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
        page = self.owner.answer(secret, action, form)
        self._send(200 if page else 404, self.owner.render(page, secret).encode())
