"""One HTTPS server for the agents' API and the central console."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from psycopg_pool import ConnectionPool
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agent.files import write_private
from server import db
from server.api import Api
from server.console import CentralConsole

STATIC = Path(__file__).resolve().parent.parent / "agent" / "review" / "static"
CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


class Headers:
    """Security headers on every response. Plain ASGI: starlette's BaseHTTPMiddleware runs each
    request through extra tasks and memory streams, a fifth of the server's CPU per ingest
    request in bench/fleet.py's profile."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = not scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                if page:
                    h["Content-Security-Policy"] = CSP
                    h["X-Frame-Options"] = "DENY"
                    h.setdefault("Cache-Control", "no-store")
                h["X-Content-Type-Options"] = "nosniff"
                h["Referrer-Policy"] = "no-referrer"
                h["Strict-Transport-Security"] = "max-age=31536000"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def make_pool(dsn: str, *, size: int = 8) -> ConnectionPool:
    pool = ConnectionPool(
        dsn, min_size=2, max_size=size, kwargs={"autocommit": True}, open=True, timeout=30
    )
    with pool.connection() as conn:
        db.require_schema(conn)
    return pool


def console_secret(state: Path) -> bytes:
    """The key that signs pre-login CSRF tokens, shared by every worker process (0600)."""
    p = state / "console.key"
    try:
        key = p.read_bytes()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    write_private(p, key)
    return key


def app_from_env() -> Starlette:
    """The app for one of several uvicorn worker processes (`server run --workers N`)."""
    state = Path(os.environ["SHAREGUARD_SERVER_STATE"])
    pool = make_pool(
        os.environ["SHAREGUARD_DSN"], size=int(os.environ.get("SHAREGUARD_SERVER_POOL", "8"))
    )
    return create_app(pool, (state / "ca.pem").read_bytes(), secret=console_secret(state))


def create_app(
    pool: ConnectionPool,
    ca_pem: bytes,
    *,
    secure_cookies: bool = True,
    secret: bytes | None = None,
) -> Starlette:
    api = Api(pool, ca_pem)
    console = CentralConsole(pool, secure_cookies=secure_cookies, secret=secret)

    async def not_found(request: Request, exc: Any) -> Response:
        return PlainTextResponse("not found", status_code=404)

    app = Starlette(
        routes=[
            *api.routes(),
            *console.routes(),
            Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
        ],
        middleware=[Middleware(Headers)],
        exception_handlers={404: not_found},
    )
    app.state.api, app.state.console, app.state.pool = api, console, pool
    return app
