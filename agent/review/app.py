"""The review console on one PC: the shared console views (`agent.review.views`) over this
PC's log (`agent.store.Store`), behind a one-time token, plus what only the PC can do
(thumbnails from its folder, restoring a quarantined file, editing its allowlist). The office
server mounts the same views over PostgreSQL (`server.console`).

Security model (a local tool that shows what was nearly leaked):
- Every request needs the session cookie, which is set once from the ``?token=`` printed by
  `shareguard review` (as Jupyter does). The token works once and only for `TOKEN_TTL_S`; a
  second use gets 403. The cookie is HttpOnly and SameSite=Strict.
- The Host header must be one this server answers to (DNS-rebinding guard) when bound to loopback.
- Every POST carries a CSRF token bound to the session, and a cross-origin `Origin` is refused.
- No route takes a file path: thumbnails are looked up by row id and must live in the thumbnails
  folder; static files come from the package's own folder.
- Everything shown or exported is masked (`agent.review.export.scrub`), including file names.
- Pages set a strict Content-Security-Policy and `Cache-Control: no-store`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from agent import i18n
from agent.review import allowlist
from agent.review.export import scrub
from agent.review.thumbnails import stored_thumbnail
from agent.review.views import (  # noqa: F401 - chart, highlight: the console's helpers' home
    CATEGORIES,
    LANG_COOKIE,
    PAGE_SIZE,
    ConsoleViews,
    chart,
    highlight,
    lang_of,
    parent_folder,
    row_view,
)
from agent.store import LogRow, Store

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
SESSION_COOKIE = "sg_session"
TOKEN_TTL_S = 300.0  # the console's one-time token must be used within this
CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass
class Console:
    config: Any
    store: Store
    token: str
    allowed_hosts: frozenset[str] | None  # None: do not check the Host header
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    # Cookies are per host, not per port: name it by port so two consoles do not log each out.
    cookie: str = SESSION_COOKIE
    # The token is one-time and short-lived: it is exchanged once for the session cookie, and
    # not at all after `token_ttl_s` (a URL left in a terminal, history or /proc is worthless).
    token_ttl_s: float = TOKEN_TTL_S
    issued: float = field(default_factory=time.monotonic)
    token_used: bool = False
    on_token_used: Callable[[], None] | None = None

    def take_token(self, token: str) -> bool:
        """True once, for the right token within its lifetime; False ever after."""
        if self.token_used or time.monotonic() - self.issued > self.token_ttl_s:
            return False
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            return False
        self.token_used = True
        if self.on_token_used is not None:
            with contextlib.suppress(Exception):
                self.on_token_used()
        return True

    @property
    def session(self) -> str:
        return hmac.new(self.secret, b"session:" + self.token.encode(), hashlib.sha256).hexdigest()

    @property
    def csrf(self) -> str:
        return hmac.new(self.secret, b"csrf:" + self.session.encode(), hashlib.sha256).hexdigest()


# -- security middleware ------------------------------------------------------------------


def _forbidden(request: Request, key: str, status: int = 403) -> Response:
    lang = _lang(request)
    return PlainTextResponse(i18n.t(key, lang=lang), status_code=status)


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: Any, console: Console) -> None:
        super().__init__(app)
        self.console = console

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await self._check(request, call_next)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def _check(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        c = self.console
        host = request.headers.get("host", "")
        if c.allowed_hosts is not None and host.lower() not in c.allowed_hosts:
            return _forbidden(request, "review.denied.host", 400)
        token = request.query_params.get("token")
        if token is not None:
            if not c.take_token(token):
                return _forbidden(request, "review.denied.token")
            # Swap the token for the session cookie and drop it from the address bar.
            query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            url = request.url.path + ("?" + urllib.parse.urlencode(query) if query else "")
            resp = RedirectResponse(url, status_code=303)
            resp.set_cookie(c.cookie, c.session, httponly=True, samesite="strict", path="/")
            return resp
        cookie = request.cookies.get(c.cookie, "")
        if not hmac.compare_digest(cookie.encode(), c.session.encode()):
            return _forbidden(request, "review.denied.token")
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin and origin != "null":
                o = urllib.parse.urlsplit(origin)
                if o.netloc.lower() != host.lower():
                    return _forbidden(request, "review.denied.csrf")
            # Forms here are urlencoded; read the raw body (Starlette hands it on to the endpoint).
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype != "application/x-www-form-urlencoded":
                return _forbidden(request, "review.denied.csrf")
            body = await request.body()
            fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            sent = (fields.get("csrf") or [""])[0]
            if not hmac.compare_digest(sent.encode(), c.csrf.encode()):
                return _forbidden(request, "review.denied.csrf")
        return await call_next(request)


# -- helpers ------------------------------------------------------------------------------


def _lang(request: Request) -> str:
    return lang_of(request)


def _thumbnail_file(config: Any, row: LogRow) -> Path | None:
    """The row's thumbnail, only if it is a regular file inside the thumbnails folder."""
    if not row.thumbnail or row.evidence is None:  # purged rows lose their picture too
        return None
    return stored_thumbnail(config.thumbnails_path, row.thumbnail)


class LocalViews(ConsoleViews):
    """The shared views over this PC's log, plus what only the PC can do: thumbnails from its
    own folder, restoring a quarantined file, and editing the PC's allowlist."""

    def __init__(self, console: Console, env: Environment) -> None:
        super().__init__(console.store, env)
        self.console = console
        self.config = console.config
        self._policy: dict[str, Any] = {"seen": None, "ids": CATEGORIES, "names": {}}

    def page_context(self, request: Request) -> dict[str, Any]:
        return {"csrf": self.console.csrf}

    def categories(self) -> tuple[tuple[str, ...], dict[str, dict[str, str]]]:
        """Category ids and names from the policy in force (re-read when its files change)."""
        cache = self._policy
        files = self.config.policy_files()
        seen = []
        for f in files:
            try:
                st = os.stat(f)
                seen.append((f, st.st_mtime_ns, st.st_size))
            except OSError:
                seen.append((f, None, None))
        if cache["seen"] != seen:
            cache["seen"] = seen
            try:
                from policies import load_policy

                pol = load_policy(files)
            except Exception:  # a broken policy file must not take the console down
                cache["ids"], cache["names"] = CATEGORIES, {}
            else:
                raw = pol.raw.get("categories") or {}
                cache["ids"] = pol.category_ids()
                cache["names"] = {
                    cid: {
                        "zh_CN": str((raw.get(cid) or {}).get("name") or ""),
                        "en": str((raw.get(cid) or {}).get("name_en") or ""),
                    }
                    for cid in pol.category_ids()
                }
        return cache["ids"], cache["names"]

    def has_thumbnail(self, row: LogRow) -> bool:
        return _thumbnail_file(self.config, row) is not None

    def thumbnail_image(self, row: LogRow) -> tuple[bytes, str] | None:
        p = _thumbnail_file(self.config, row)
        if p is None:
            return None
        try:
            return p.read_bytes(), "image/png"  # agent.extract.thumbnail writes PNG only
        except OSError:
            return None

    def detail_context(self, request: Request, row: LogRow, events: list[dict]) -> dict[str, Any]:
        in_quarantine = False
        for ev in events:  # a quarantine not yet followed by a restore
            if ev["kind"] in ("quarantine", "restore"):
                in_quarantine = ev["kind"] == "quarantine"
        return {
            "can_restore": True,
            "in_quarantine": in_quarantine,
            "restore_error": request.query_params.get("restore_error") == "1",
            "allowlist_here": True,
            "folder": scrub(parent_folder(row.path)),
            "policy_path": str(allowlist.policy_file(self.config)),
        }

    async def restore_file(self, request: Request) -> Response:
        """Put a quarantined file back where it came from (never overwrites; see restore())."""
        from agent.actions.quarantine import QuarantineError, restore

        row = self.row_of(request)
        if row is None:
            return self.error(request, 404, "review.not_found")
        try:
            restore(self.console.store, row.id, self.config)
        except (QuarantineError, OSError) as e:
            log.warning("restore of row %d failed: %s", row.id, e)
            return RedirectResponse(f"/item/{row.id}?restore_error=1", status_code=303)
        return RedirectResponse(f"/item/{row.id}?restored=1", status_code=303)

    def _entry(self, row: LogRow, data: Any) -> allowlist.Entry:
        kind = str(data.get("kind", ""))
        value = str(data.get("value", "")).strip()
        if kind == "sha256":
            value = row.sha256 or ""
        elif kind == "folder" and not value:
            value = parent_folder(row.path)
        return allowlist.Entry(
            kind=kind,
            value=value,
            reason=(str(data.get("reason", "")).strip() or (row.note or ""))[:300],
            reviewer=str(data.get("reviewer", "")).strip()[:200] or (row.reviewer or ""),
            source_row=row.id,
        )

    async def allowlist_preview(self, request: Request) -> Response:
        row = self.row_of(request)
        if row is None:
            return self.error(request, 404, "review.not_found")
        if row.status != "false_positive":
            return self.error(request, 409, "review.allow.only_fp")
        entry = self._entry(row, request.query_params)
        try:
            p = allowlist.preview(self.config, entry)
        except Exception as e:  # ConfigError from the engine, ValueError, YAML errors
            return self.error(request, 400, "review.allow.invalid", detail=scrub(str(e)))
        return self.render(
            request,
            "allowlist.html",
            row=row_view(row),
            entry=entry,
            shown_value=scrub(entry.value),
            typed_value="" if entry.kind == "sha256" else request.query_params.get("value", ""),
            preview=p,
            added=scrub(p.added),
            after_lines=[
                (line, line.strip() == scrub(p.added).strip())
                for line in scrub(p.after).splitlines()
            ],
            before_digest=hashlib.sha256(p.before.encode()).hexdigest(),
        )

    async def allowlist_save(self, request: Request) -> Response:
        row = self.row_of(request)
        if row is None:
            return self.error(request, 404, "review.not_found")
        if row.status != "false_positive":
            return self.error(request, 409, "review.allow.only_fp")
        form = await request.form()
        entry = self._entry(row, form)
        try:
            p = allowlist.preview(self.config, entry)
            if hashlib.sha256(p.before.encode()).hexdigest() != form.get("before", ""):
                raise ValueError(i18n.t("review.allow.changed", lang=_lang(request)))
            path = allowlist.save(self.config, entry, expected_before=p.before)
        except Exception as e:
            return self.error(request, 400, "review.allow.invalid", detail=scrub(str(e)))
        self.console.store.add_event(
            row.id,
            "note",
            {"allowlist": entry.kind, "policy_file": str(path)},
            actor=entry.reviewer or None,
        )
        return RedirectResponse(f"/item/{row.id}?allowlisted={entry.kind}", status_code=303)

    def routes(self) -> list[Route]:
        return [
            *super().routes(),
            Route("/item/{id:int}/restore", self.restore_file, methods=["POST"]),
            Route("/item/{id:int}/allowlist", self.allowlist_preview, methods=["GET"]),
            Route("/item/{id:int}/allowlist", self.allowlist_save, methods=["POST"]),
        ]


# -- the app ------------------------------------------------------------------------------


def create_app(
    config: Any,
    *,
    token: str | None = None,
    allowed_hosts: Iterable[str] | None = ("127.0.0.1", "localhost"),
    port: int | None = None,
    store: Store | None = None,
    token_ttl_s: float = TOKEN_TTL_S,
    on_token_used: Callable[[], None] | None = None,
) -> Starlette:
    """Build the console. `allowed_hosts` are host names (a port is appended when given; IPv6
    addresses also in the bracketed form browsers send, `[::1]:PORT`); None turns the Host check
    off (binding to a non-loopback address). The token works once, within `token_ttl_s`."""
    hosts: frozenset[str] | None = None
    if allowed_hosts is not None:
        hs = set()
        for h in allowed_hosts:
            h = h.lower().strip("[]")
            names = [h, f"[{h}]"] if ":" in h else [h]
            for name in names:
                hs.add(name)
                if port:
                    hs.add(f"{name}:{port}")
        hosts = frozenset(hs)
    console = Console(
        config=config,
        store=store or Store.open(config),
        token=token or secrets.token_urlsafe(32),
        allowed_hosts=hosts,
        cookie=f"{SESSION_COOKIE}_{port}" if port else SESSION_COOKIE,
        token_ttl_s=token_ttl_s,
        on_token_used=on_token_used,
    )
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    views = LocalViews(console, env)

    async def favicon(request: Request) -> Response:
        return FileResponse(HERE.parent / "data" / "shareguard.png", media_type="image/png")

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("not found", status_code=404)

    routes = [
        *views.routes(),
        Route("/favicon.png", favicon),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, console=console)],
        exception_handlers={404: not_found},
    )
    app.state.console = console
    app.state.views = views
    return app
