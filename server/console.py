"""The central console: the local console's views (`agent.review.views`, the same code and
templates) over `PgLogStore`, plus login, per-PC health, silent PCs, chain breaks and policy
upload.

Security: every page needs a session (username + argon2id password); the session cookie is
HttpOnly, Secure, SameSite=Strict; every POST carries the session's CSRF token (the login form
a signed one bound to a pre-login cookie) and a cross-origin Origin is refused. Reviewers
triage (as themselves: the reviewer is the logged-in user, never a form field); admins also
upload policy. Everything shown is masked (`scrub`). A PC's allowlist is not editable from
here (it lives in that PC's local policy): the office-wide one goes in the policy pack.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from psycopg_pool import ConnectionPool
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from agent import i18n
from agent.redact import scrub
from agent.review.views import ConsoleViews, lang_of
from agent.store import LogRow
from server import auth, thumbnails
from server import policy as policy_packs
from server.logstore import PgLogStore

HERE = Path(__file__).resolve().parent
AGENT_TEMPLATES = HERE.parent / "agent" / "review" / "templates"
SESSION_COOKIE = "sg_central"
LOGIN_COOKIE = "sg_login"
SILENT_MINUTES = 30
CHOICES_TTL_S = 30.0
Endpoint = Callable[[Request], Awaitable[Response]]


class CentralViews(ConsoleViews):
    """The shared views as the office sees them: the reviewer is the session's user, queries
    run in worker threads (PostgreSQL, a pool), menus are refreshed at most every 30 s."""

    export_name = "shareguard-office"
    menu_ttl_s = CHOICES_TTL_S

    def __init__(self, store: PgLogStore, env: Environment, *, secure_cookies: bool) -> None:
        super().__init__(store, env)
        self.pool = store.pool
        self.secure_cookies = secure_cookies

    def page_context(self, request: Request) -> dict[str, Any]:
        s: auth.Session | None = getattr(request.state, "session", None)
        return {"csrf": s.csrf if s else "", "user": s}

    def reviewer(self, request: Request, form: Any) -> str | None:
        return request.state.session.username  # not what the form says

    def detail_context(self, request: Request, row: LogRow, events: list[dict]) -> dict[str, Any]:
        return {"allowlist_here": False, "can_restore": False}

    # Thumbnails the PCs forwarded (only while the office's policy asks for them): from
    # PostgreSQL, never from a file; not shown once a row's evidence is gone.
    def has_thumbnail(self, row: LogRow) -> bool:
        if row.evidence is None:
            return False
        with self.pool.connection() as conn:
            return thumbnails.exists(conn, row.id)

    def thumbnail_image(self, row: LogRow) -> tuple[bytes, str] | None:
        if row.evidence is None:
            return None
        with self.pool.connection() as conn:
            return thumbnails.fetch(conn, row.id)

    async def call(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        return await run_in_threadpool(fn, *args, **kw)


class CentralConsole:
    def __init__(
        self, pool: ConnectionPool, *, secure_cookies: bool = True, secret: bytes | None = None
    ) -> None:
        self.pool = pool
        self.store = PgLogStore(pool)
        self.secure = secure_cookies
        self.secret = secret or secrets.token_bytes(32)  # signs pre-login CSRF tokens
        self.env = Environment(
            loader=ChoiceLoader(
                [FileSystemLoader(str(HERE / "templates")), FileSystemLoader(str(AGENT_TEMPLATES))]
            ),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.views = CentralViews(self.store, self.env, secure_cookies=secure_cookies)

    # -- sessions -----------------------------------------------------------------------------
    def session(self, request: Request) -> auth.Session | None:
        sid = request.cookies.get(SESSION_COOKIE, "")
        if not sid:
            return None
        with self.pool.connection() as conn:
            return auth.get_session(conn, sid)

    def guard(self, request: Request) -> tuple[auth.Session | None, Response | None]:
        """The session, or the login redirect to send instead."""
        s = self.session(request)
        if s is None:
            nxt = urllib.parse.quote(
                request.url.path + ("?" + request.url.query if request.url.query else "")
            )
            return None, RedirectResponse(f"/login?next={nxt}", status_code=303)
        request.state.session = s
        return s, None

    def guarded(self, endpoint: Endpoint, *, admin: bool = False) -> Endpoint:
        """`endpoint` behind a session, the CSRF check on every POST and, if asked, the admin
        role."""

        async def wrapped(request: Request) -> Response:
            _, deny = await run_in_threadpool(self.guard, request)
            if deny:
                return deny
            s = request.state.session
            if admin and s.role != "admin":
                return self.denied(request, "server.denied.admin")
            if request.method not in ("GET", "HEAD") and not await self.check_post(request, s.csrf):
                return self.denied(request)
            return await endpoint(request)

        return wrapped

    async def check_post(self, request: Request, expected: str) -> bool:
        origin = request.headers.get("origin")
        host = request.headers.get("host", "").lower()
        if origin and origin != "null" and urllib.parse.urlsplit(origin).netloc.lower() != host:
            return False
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return False
        form = await request.form()
        sent = str(form.get("csrf", ""))
        return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> Response:
        return self.views.render(request, name, status, **ctx)

    def denied(self, request: Request, key: str = "review.denied.csrf") -> Response:
        return PlainTextResponse(i18n.t(key, lang=lang_of(request)), status_code=403)

    # -- login ----------------------------------------------------------------------------------
    def _login_csrf(self, nonce: str) -> str:
        return hmac.new(self.secret, b"login:" + nonce.encode(), hashlib.sha256).hexdigest()

    async def login_page(self, request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        nxt = request.query_params.get("next", "/")
        resp = self.render(
            request, "login.html", login_csrf=self._login_csrf(nonce),
            next=nxt if nxt.startswith("/") and not nxt.startswith("//") else "/",
            failed=bool(request.query_params.get("failed")),
        )  # fmt: skip
        resp.set_cookie(LOGIN_COOKIE, nonce, httponly=True, samesite="strict", secure=self.secure)
        return resp

    async def login(self, request: Request) -> Response:
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not await self.check_post(request, self._login_csrf(nonce)):
            return self.denied(request)
        form = await request.form()
        name, password = str(form.get("username", "")), str(form.get("password", ""))
        nxt = str(form.get("next", "/"))
        if not nxt.startswith("/") or nxt.startswith("//"):
            nxt = "/"

        def check() -> str | None:
            with self.pool.connection() as conn:
                if auth.check_password(conn, name, password) is None:
                    return None
                return auth.create_session(conn, name)

        sid = await run_in_threadpool(check)  # argon2 is slow on purpose: not on the loop
        if sid is None:
            return RedirectResponse("/login?failed=1", status_code=303)
        resp = RedirectResponse(nxt, status_code=303)
        resp.set_cookie(
            SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=self.secure,
            max_age=auth.SESSION_HOURS * 3600,
        )  # fmt: skip
        resp.delete_cookie(LOGIN_COOKIE)
        return resp

    async def logout(self, request: Request) -> Response:
        def end() -> None:
            with self.pool.connection() as conn:
                auth.end_session(conn, request.cookies.get(SESSION_COOKIE, ""))

        await run_in_threadpool(end)
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE)
        return resp

    # -- the office ---------------------------------------------------------------------------
    def agents_page(self, request: Request) -> Response:
        silent = bool(request.query_params.get("silent"))
        now = dt.datetime.now(dt.UTC)
        rows = []
        for a in self.store.agents(SILENT_MINUTES if silent else None):
            seen = a["last_seen"]
            rows.append(
                {
                    **{k: scrub(v) if isinstance(v, str) else v for k, v in a.items()},
                    "last_seen": seen.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
                    if seen
                    else "—",
                    "silent": seen is None or now - seen > dt.timedelta(minutes=SILENT_MINUTES),
                    "folders": [scrub(str(f.get("path", f)) if isinstance(f, dict) else str(f))
                                for f in a["watched_folders"] or []],
                }
            )  # fmt: skip
        return self.render(
            request, "agents.html", agents=rows, silent=silent, silent_minutes=SILENT_MINUTES
        )

    def breaks_page(self, request: Request) -> Response:
        rows = [
            {**b, "host": scrub(b["host"]), "time": b["time"].strftime("%Y-%m-%d %H:%M:%S")}
            for b in self.store.chain_breaks(request.query_params.get("agent") or None)
        ]
        return self.render(request, "breaks.html", breaks=rows)

    async def policy_page(self, request: Request) -> Response:
        body = ""
        if request.method == "POST":
            form = await request.form()
            body = str(form.get("body", ""))
        return await run_in_threadpool(self._policy_page, request, body)

    def _policy_page(self, request: Request, body: str) -> Response:
        s = request.state.session
        saved, error = None, None
        if request.method == "POST":
            try:
                with self.pool.connection() as conn:
                    saved = policy_packs.upload(conn, body, s.username).version
            except Exception as e:  # ConfigError with file:line, YAML errors
                error = scrub(str(e))
        with self.pool.connection() as conn:
            current = policy_packs.latest(conn)
        return self.render(
            request, "policy.html", saved=saved, error=error,
            current=current.version if current else None,
            thumbnails=policy_packs.forwards_thumbnails(current.body if current else None),
            body=body or (current.body if current else ""),
        )  # fmt: skip

    async def agents(self, request: Request) -> Response:
        return await run_in_threadpool(self.agents_page, request)

    async def breaks(self, request: Request) -> Response:
        return await run_in_threadpool(self.breaks_page, request)

    def routes(self) -> list[Route]:
        shared = [
            Route(r.path, self.guarded(r.endpoint), methods=r.methods) for r in self.views.routes()
        ]
        return [
            Route("/login", self.login_page, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/logout", self.guarded(self.logout), methods=["POST"]),
            *shared,
            Route("/agents", self.guarded(self.agents)),
            Route("/breaks", self.guarded(self.breaks)),
            Route("/admin/policy", self.guarded(self.policy_page, admin=True),
                  methods=["GET", "POST"]),
        ]  # fmt: skip
