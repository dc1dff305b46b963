"""The central console: the local console's list and detail pages (the same templates, over
`PgLogStore`), plus login, per-PC health, silent PCs, chain breaks and policy upload.

Security: every page needs a session (username + argon2id password); the session cookie is
HttpOnly, Secure, SameSite=Strict; every POST carries the session's CSRF token (the login form
a signed one bound to a pre-login cookie) and a cross-origin Origin is refused. Reviewers
triage; admins also upload policy. Everything shown is masked (`scrub`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
import urllib.parse
from pathlib import Path, PurePath
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from psycopg_pool import ConnectionPool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from agent import i18n
from agent.redact import scrub
from agent.review.app import CATEGORIES, PAGE_SIZE, chart, highlight
from agent.review.export import csv_values, row_record, scrub_evidence
from agent.review.filters import VERDICTS, build_filter
from agent.store import TRIAGE_STATUSES, LogFilter, LogRow
from server import auth
from server import policy as policy_packs
from server.logstore import CentralFilter, PgLogStore

HERE = Path(__file__).resolve().parent
AGENT_TEMPLATES = HERE.parent / "agent" / "review" / "templates"
SESSION_COOKIE = "sg_central"
LOGIN_COOKIE = "sg_login"
LANG_COOKIE = "sg_lang"
SILENT_MINUTES = 30
CHOICES_TTL_S = 30.0
FILTER_KEYS = ("category", "since", "until", "status", "host", "folder", "action", "mode",
               "verdict", "q", "department")  # fmt: skip
PUBLIC = ("/login", "/static/", "/api/")


def _lang(request: Request) -> str:
    q = request.query_params.get("lang")
    return i18n.normalise_language(q or request.cookies.get(LANG_COOKIE) or "zh_CN")


def _query(params: dict[str, str], **extra: Any) -> str:
    merged = {k: v for k, v in {**params, **extra}.items() if v not in (None, "")}
    return urllib.parse.urlencode(merged)


def row_view(row: LogRow) -> dict[str, Any]:
    """What a page may show of a row: masked everywhere."""
    return {
        "id": row.id, "time": row.time.replace("T", " ")[:19], "path": scrub(row.path),
        "name": scrub(PurePath(row.path.replace("\\", "/")).name), "host": scrub(row.host),
        "user": scrub(row.user), "verdict": row.verdict, "categories": row.categories,
        "action": row.action, "mode": row.mode, "status": row.status,
        "reviewer": scrub(row.reviewer), "note": scrub(row.note), "error_kind": row.error_kind,
        "error": scrub(row.error), "sha256": row.sha256, "size": row.size,
        "media_type": row.media_type, "thumbnail": False,
    }  # fmt: skip


class CentralConsole:
    def __init__(
        self, pool: ConnectionPool, *, secure_cookies: bool = True, secret: bytes | None = None
    ) -> None:
        self.pool = pool
        self.store = PgLogStore(pool)
        self.secure = secure_cookies
        self.secret = secret or secrets.token_bytes(32)  # signs pre-login CSRF tokens
        self._choices: tuple[float, dict[str, list[str]]] = (float("-inf"), {})
        self.env = Environment(
            loader=ChoiceLoader(
                [FileSystemLoader(str(HERE / "templates")), FileSystemLoader(str(AGENT_TEMPLATES))]
            ),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # -- sessions -----------------------------------------------------------------------------
    def session(self, request: Request) -> auth.Session | None:
        sid = request.cookies.get(SESSION_COOKIE, "")
        if not sid:
            return None
        with self.pool.connection() as conn:
            return auth.get_session(conn, sid)

    def guard(self, request: Request) -> tuple[auth.Session | None, Response | None]:
        """The session, or the response to send instead (login redirect, CSRF refusal)."""
        s = self.session(request)
        if s is None:
            nxt = urllib.parse.quote(
                request.url.path + ("?" + request.url.query if request.url.query else "")
            )
            return None, RedirectResponse(f"/login?next={nxt}", status_code=303)
        return s, None

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

    def render(
        self,
        request: Request,
        name: str,
        session: auth.Session | None,
        status: int = 200,
        **ctx: Any,
    ) -> HTMLResponse:
        lang = _lang(request)

        def t(key: str, **kw: Any) -> str:
            return i18n.t(key, lang=lang, **kw)

        def action_label(action: str) -> str:
            parts = [p for p in action.replace("+", ",").split(",") if p]
            out = []
            for p in parts:
                s = i18n.t("review.action." + p, lang=lang)
                out.append(s if s != "review.action." + p else p)
            return " + ".join(out)

        def cat_label(cid: str) -> str:
            """The catalogue's name of a category (an organisation's own: its id)."""
            label = i18n.t("category." + cid, lang=lang)
            return cid if label == "category." + cid else label

        other = "en" if lang == "zh_CN" else "zh_CN"
        switch = request.url.path + "?" + _query(dict(request.query_params), lang=other)
        html = self.env.get_template(name).render(
            t=t, action_label=action_label, cat_label=cat_label, lang=lang, switch_url=switch,
            other_lang=other,
            csrf=session.csrf if session else "", user=session, **ctx,
        )  # fmt: skip
        resp = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang"):
            resp.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="strict", secure=self.secure)
        return resp

    def denied(self, request: Request, key: str = "review.denied.csrf") -> Response:
        return PlainTextResponse(i18n.t(key, lang=_lang(request)), status_code=403)

    # -- login ----------------------------------------------------------------------------------
    def _login_csrf(self, nonce: str) -> str:
        return hmac.new(self.secret, b"login:" + nonce.encode(), hashlib.sha256).hexdigest()

    async def login_page(self, request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        nxt = request.query_params.get("next", "/")
        resp = self.render(
            request, "login.html", None, login_csrf=self._login_csrf(nonce),
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
        with self.pool.connection() as conn:
            role = auth.check_password(conn, name, password)
            if role is None:
                return RedirectResponse("/login?failed=1", status_code=303)
            sid = auth.create_session(conn, name)
        resp = RedirectResponse(nxt, status_code=303)
        resp.set_cookie(
            SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=self.secure,
            max_age=auth.SESSION_HOURS * 3600,
        )  # fmt: skip
        resp.delete_cookie(LOGIN_COOKIE)
        return resp

    async def logout(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
        assert s is not None
        if not await self.check_post(request, s.csrf):
            return self.denied(request)
        with self.pool.connection() as conn:
            auth.end_session(conn, request.cookies.get(SESSION_COOKIE, ""))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE)
        return resp

    def choices(self) -> dict[str, list[str]]:
        """Hosts, departments and actions for the filter menus (refreshed every 30 s)."""
        at, cached = self._choices
        if time.monotonic() - at > CHOICES_TTL_S:
            cached = {
                "hosts": self.store.hosts(),
                "departments": self.store.departments(),
                "actions": self.store.actions(),
            }
            self._choices = (time.monotonic(), cached)
        return cached

    # -- the log ----------------------------------------------------------------------------
    @staticmethod
    def _params(request: Request) -> dict[str, str]:
        return {k: request.query_params.get(k, "").strip() for k in FILTER_KEYS}

    @staticmethod
    def _filter(params: dict[str, str]) -> CentralFilter:
        verdict = params.get("verdict", "")
        base = build_filter(
            category=params.get("category"), since=params.get("since"),
            until=params.get("until"), status=params.get("status"), host=params.get("host"),
            folder=params.get("folder"), action=params.get("action"), mode=params.get("mode"),
            text=params.get("q"), verdict=verdict if verdict in VERDICTS else None,
            all_verdicts=verdict == "all",
        )  # fmt: skip
        return CentralFilter(base=base, department=params.get("department") or None)

    def index(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
        params = self._params(request)
        try:
            f, error = self._filter(params), None
        except ValueError as e:
            f, error = CentralFilter(LogFilter()), str(e)
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page = 1
        store = self.store
        total = store.count(f)
        rows = store.query(f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        lang = _lang(request)
        days = store.counts_by_day(f)
        per_cat: dict[str, int] = {}
        for _, cat, n in days:
            per_cat[cat] = per_cat.get(cat, 0) + n
        pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
        return self.render(
            request, "list.html", s,
            rows=[row_view(r) for r in rows], total=total, page=page, pages=pages,
            prev_url="?" + _query(params, page=page - 1) if page > 1 else None,
            next_url="?" + _query(params, page=page + 1) if page < pages else None,
            params=params, query=_query(params),
            counts=dict(sorted(per_cat.items(), key=lambda kv: -kv[1])),
            chart=chart(days, lambda k, **kw: i18n.t(k, lang=lang, **kw)),
            hosts=self.choices()["hosts"], actions=self.choices()["actions"],
            categories=CATEGORIES,
            statuses=TRIAGE_STATUSES, error=error,
            scope={
                "departments": self.choices()["departments"],
                "department": params.get("department"),
                "keep": {k: v for k, v in params.items() if v and k != "department"},
            },
        )  # fmt: skip

    def _row(self, request: Request) -> LogRow | None:
        try:
            return self.store.get(int(request.path_params["id"]))
        except (KeyError, ValueError):
            return None

    def detail(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
        row = self._row(request)
        if row is None:
            return self.render(request, "error.html", s, 404, message_key="review.not_found")
        evidence = scrub_evidence(row.evidence)
        by_cat: dict[str, list[dict[str, Any]]] = {}
        for e in evidence or []:
            e = dict(e)
            e["pieces"] = highlight(e.get("context") or "", e.get("text") or "")
            by_cat.setdefault(e.get("category", ""), []).append(e)
        events = [
            {
                "time": ev.time.replace("T", " ")[:19], "kind": ev.kind, "actor": scrub(ev.actor),
                "data": scrub(json.dumps(ev.data, ensure_ascii=False)),
            }
            for ev in self.store.events(row.id)
        ]  # fmt: skip
        return self.render(
            request, "detail.html", s, row=row_view(row),
            evidence_purged=evidence is None and bool(row.categories), by_cat=by_cat,
            events=events, statuses=TRIAGE_STATUSES, has_thumbnail=False, folder="",
            policy_path="", central=True,
        )  # fmt: skip

    async def mark(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
        assert s is not None
        if not await self.check_post(request, s.csrf):
            return self.denied(request)
        row = self._row(request)
        if row is None:
            return self.render(request, "error.html", s, 404, message_key="review.not_found")
        form = await request.form()
        status = str(form.get("status", ""))
        if status not in TRIAGE_STATUSES:
            return self.render(request, "error.html", s, 400, message_key="review.bad_status")
        note = str(form.get("note", "")).strip()[:2000] or None
        # the reviewer is whoever is logged in, not what the form says
        self.store.mark(row.id, status, reviewer=s.username, note=note)
        return RedirectResponse(f"/item/{row.id}?saved=1", status_code=303)

    def export(self, request: Request) -> Response:
        _, deny = self.guard(request)
        if deny:
            return deny
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "jsonl"):
            return PlainTextResponse("not found", status_code=404)
        try:
            f = self._filter(self._params(request))
        except ValueError as e:
            return PlainTextResponse(str(e), status_code=400)

        def chunks() -> Any:
            import csv
            import io

            from agent.review.export import EXPORT_FIELDS

            buf = io.StringIO()
            w = csv.writer(buf)
            if fmt == "csv":
                buf.write("\ufeff")
                w.writerow(EXPORT_FIELDS)
            for i, row in enumerate(self.store.iter_rows(f)):
                if fmt == "csv":
                    w.writerow(csv_values(row))
                else:
                    buf.write(json.dumps(row_record(row), ensure_ascii=False) + "\n")
                if i % 500 == 499:
                    yield buf.getvalue().encode()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue().encode()

        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
        return StreamingResponse(
            chunks(), media_type=media,
            headers={"Content-Disposition": f'attachment; filename="shareguard-office.{fmt}"'},
        )  # fmt: skip

    # -- the office ---------------------------------------------------------------------------
    def agents(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
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
            request, "agents.html", s, agents=rows, silent=silent, silent_minutes=SILENT_MINUTES
        )

    def breaks(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
        rows = [
            {**b, "host": scrub(b["host"]), "time": b["time"].strftime("%Y-%m-%d %H:%M:%S")}
            for b in self.store.chain_breaks(request.query_params.get("agent") or None)
        ]
        return self.render(request, "breaks.html", s, breaks=rows)

    async def policy_page(self, request: Request) -> Response:
        s, deny = self.guard(request)
        if deny:
            return deny
        assert s is not None
        if s.role != "admin":
            return self.denied(request, "server.denied.admin")
        saved, error, body = None, None, ""
        if request.method == "POST":
            if not await self.check_post(request, s.csrf):
                return self.denied(request)
            form = await request.form()
            body = str(form.get("body", ""))
            try:
                with self.pool.connection() as conn:
                    saved = policy_packs.upload(conn, body, s.username).version
            except Exception as e:  # ConfigError with file:line, YAML errors
                error = scrub(str(e))
        with self.pool.connection() as conn:
            current = policy_packs.latest(conn)
        return self.render(
            request, "policy.html", s, saved=saved, error=error,
            current=current.version if current else None,
            body=body or (current.body if current else ""),
        )  # fmt: skip

    def routes(self) -> list[Route]:
        return [
            Route("/login", self.login_page, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/logout", self.logout, methods=["POST"]),
            Route("/", self.index),
            Route("/item/{id:int}", self.detail),
            Route("/item/{id:int}/mark", self.mark, methods=["POST"]),
            Route("/export.{fmt:str}", self.export),
            Route("/agents", self.agents),
            Route("/breaks", self.breaks),
            Route("/admin/policy", self.policy_page, methods=["GET", "POST"]),
        ]
