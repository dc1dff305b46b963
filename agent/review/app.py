"""The review console: a small Starlette app over the flagged-file log.

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
import html
import io
import json
import logging
import os
import secrets
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from agent import i18n
from agent.review import allowlist
from agent.review.export import csv_values, row_record, scrub, scrub_evidence
from agent.review.filters import VERDICTS, build_filter
from agent.store import TRIAGE_STATUSES, LogFilter, LogRow, Store, load_install_key

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
PAGE_SIZE = 50
SESSION_COOKIE = "sg_session"
TOKEN_TTL_S = 300.0  # the console's one-time token must be used within this
LANG_COOKIE = "sg_lang"
# The built-in pack's categories, used only when the policy cannot be loaded; the console reads
# the categories (and an organisation category's `name`/`name_en`) from the policy in force.
CATEGORIES = (
    "control_order",
    "screening_list",
    "medical_record",
    "investigation_report",
    "internal_material",
    "classified",
)
FILTER_KEYS = (
    "answer",
    "category",
    "since",
    "until",
    "status",
    "host",
    "folder",
    "action",
    "mode",
    "verdict",
    "q",
)
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
    q = request.query_params.get("lang")
    if q:
        return i18n.normalise_language(q)
    return i18n.normalise_language(request.cookies.get(LANG_COOKIE) or "zh_CN")


def _params(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "").strip() for k in FILTER_KEYS}


def _filter(params: dict[str, str]) -> LogFilter:
    verdict = params.get("verdict", "")
    return build_filter(
        category=params.get("category"),
        since=params.get("since"),
        until=params.get("until"),
        status=params.get("status"),
        host=params.get("host"),
        folder=params.get("folder"),
        action=params.get("action"),
        mode=params.get("mode"),
        text=params.get("q"),
        verdict=verdict if verdict in VERDICTS else None,
        all_verdicts=verdict == "all",
        answer=params.get("answer"),
    )


def _query(params: dict[str, str], **extra: Any) -> str:
    merged = {k: v for k, v in {**params, **extra}.items() if v not in (None, "")}
    return urllib.parse.urlencode(merged)


def highlight(context: str, text: str) -> list[tuple[str, bool]]:
    """Split masked `context` into (piece, is_match) around the first occurrence of `text`."""
    if not context:
        return [(text, True)] if text else []
    if text and text in context:
        i = context.index(text)
        parts = [(context[:i], False), (text, True), (context[i + len(text) :], False)]
        return [p for p in parts if p[0]]
    return [(context, False)]


def chart(days: Iterable[tuple[str, str, int]], t: Any, *, max_days: int = 62) -> dict[str, Any]:
    """Stacked bars per day (SVG geometry, computed here so the template stays dumb)."""
    per_day: dict[str, dict[str, int]] = {}
    for day, cat, n in days:
        per_day.setdefault(day, {})[cat] = per_day.get(day, {}).get(cat, 0) + n
    keys = sorted(per_day)[-max_days:]
    if not keys:
        return {"bars": [], "width": 0, "height": 0, "max": 0, "legend": []}
    top = max(sum(per_day[d].values()) for d in keys)
    bar_w, gap, h = 14, 4, 120
    bars = []
    for i, d in enumerate(keys):
        x = 30 + i * (bar_w + gap)
        y = h
        for cat in CATEGORIES + tuple(sorted(set(per_day[d]) - set(CATEGORIES))):
            n = per_day[d].get(cat, 0)
            if not n:
                continue
            bh = max(1.0, n / top * (h - 10))
            y -= bh
            bars.append(
                {
                    "x": x,
                    "y": round(y, 1),
                    "w": bar_w,
                    "h": round(bh, 1),
                    "cat": cat,
                    "title": f"{d} {t('category.' + cat)}: {n}",
                }
            )
    labels = [
        {"x": 30 + i * (bar_w + gap) + bar_w / 2, "text": d[5:]}
        for i, d in enumerate(keys)
        if i % max(1, len(keys) // 8) == 0
    ]
    used = sorted({b["cat"] for b in bars}, key=lambda c: (*CATEGORIES, c).index(c))
    # The bars as ready markup: a Jinja loop over ~400 rects cost more than every query.
    rects = "".join(
        f'<rect x="{b["x"]}" y="{b["y"]}" width="{b["w"]}" height="{b["h"]}"'
        f' class="c-{html.escape(b["cat"])}"><title>{html.escape(b["title"])}</title></rect>'
        for b in bars
    )
    return {
        "svg_bars": Markup(rects),
        "bars": bars,
        "labels": labels,
        "width": 40 + len(keys) * (bar_w + gap),
        "height": h + 20,
        "max": top,
        "legend": [{"cat": c, "name": t("category." + c)} for c in used],
    }


def parent_folder(path: str) -> str:
    """The folder a logged file was in, keeping its own separators (Windows paths too); for an
    archive member ("outer.zip!inner/x.docx") the archive's folder."""
    outer = path.split("!", 1)[0]
    i = max(outer.rfind("/"), outer.rfind("\\"))
    return outer[:i] if i > 0 else outer[: i + 1] or outer


def _thumbnail_file(config: Any, row: LogRow) -> Path | None:
    """The row's thumbnail, only if it is a regular file inside the thumbnails folder."""
    if not row.thumbnail or row.evidence is None:  # purged rows lose their picture too
        return None
    root = Path(config.thumbnails_path).resolve()
    name = PurePath(row.thumbnail)
    p = Path(name) if name.is_absolute() else root / name
    try:
        p = p.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not p.is_relative_to(root) or not p.is_file():
        return None
    return p


def _export_chunks(console: Console, f: LogFilter, fmt: str) -> Iterator[bytes]:
    """The export, streamed in chunks from a connection of its own (Starlette runs this
    generator in a worker thread; the pages keep using theirs)."""
    import csv

    from agent.review.export import EXPORT_FIELDS

    store = Store(console.store.path, load_install_key(console.config.key_path))
    try:
        buf = io.StringIO()
        writer = csv.writer(buf)
        if fmt == "csv":
            writer.writerow(EXPORT_FIELDS)
        first = True
        for i, row in enumerate(store.iter_rows(f)):
            if fmt == "csv":
                writer.writerow(csv_values(row))
            else:
                buf.write(json.dumps(row_record(row), ensure_ascii=False) + "\n")
            if i % 500 == 499:
                yield (_BOM if first and fmt == "csv" else b"") + buf.getvalue().encode()
                first = False
                buf.seek(0)
                buf.truncate()
        yield (_BOM if first and fmt == "csv" else b"") + buf.getvalue().encode()
    finally:
        store.close()


_BOM = "\ufeff".encode()  # Excel on Chinese Windows reads a CSV as GBK without it


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

    policy_cache: dict[str, Any] = {"seen": None, "ids": CATEGORIES, "names": {}}

    def policy_categories() -> tuple[tuple[str, ...], dict[str, dict[str, str]]]:
        """Category ids and names from the policy in force (re-read when its files change)."""
        files = config.policy_files()
        seen = []
        for f in files:
            try:
                st = os.stat(f)
                seen.append((f, st.st_mtime_ns, st.st_size))
            except OSError:
                seen.append((f, None, None))
        if policy_cache["seen"] != seen:
            policy_cache["seen"] = seen
            try:
                from policies import load_policy

                pol = load_policy(files)
            except Exception:  # a broken policy file must not take the console down
                policy_cache["ids"], policy_cache["names"] = CATEGORIES, {}
            else:
                raw = pol.raw.get("categories") or {}
                policy_cache["ids"] = pol.category_ids()
                policy_cache["names"] = {
                    cid: {
                        "zh_CN": str((raw.get(cid) or {}).get("name") or ""),
                        "en": str((raw.get(cid) or {}).get("name_en") or ""),
                    }
                    for cid in pol.category_ids()
                }
        return policy_cache["ids"], policy_cache["names"]

    def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = _lang(request)

        def t(key: str, **kw: Any) -> str:
            return i18n.t(key, lang=lang, **kw)

        names = policy_categories()[1]

        def cat_label(cid: str) -> str:
            """The catalogue's name for a built-in category, else the policy's own name."""
            key = "category." + cid
            label = i18n.t(key, lang=lang)
            if label != key:
                return label
            own = names.get(cid) or {}
            return own.get(lang) or own.get("zh_CN") or own.get("en") or cid

        def action_label(action: str) -> str:
            parts = [p for p in action.replace("+", ",").split(",") if p]
            return " + ".join(
                i18n.t("review.action." + p, lang=lang)
                if i18n.t("review.action." + p, lang=lang) != "review.action." + p
                else p
                for p in parts
            )

        other = "en" if lang == "zh_CN" else "zh_CN"
        switch = request.url.path + "?" + _query(dict(request.query_params), lang=other)
        html = env.get_template(name).render(
            t=t,
            cat_label=cat_label,
            action_label=action_label,
            lang=lang,
            switch_url=switch,
            other_lang=other,
            csrf=console.csrf,
            **ctx,
        )
        resp = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang"):
            resp.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="strict", path="/")
        return resp

    def row_view(row: LogRow) -> dict[str, Any]:
        return {
            "id": row.id,
            "time": row.time.replace("T", " ")[:19],
            "path": scrub(row.path),
            "name": scrub(PurePath(row.path.replace("\\", "/")).name),
            "host": scrub(row.host),
            "user": scrub(row.user),
            "verdict": row.verdict,
            "categories": row.categories,
            "action": row.action,
            "mode": row.mode,
            "status": row.status,
            "reviewer": scrub(row.reviewer),
            "note": scrub(row.note),
            "error_kind": row.error_kind,
            "error": scrub(row.error),
            "sha256": row.sha256,
            "size": row.size,
            "media_type": row.media_type,
            "thumbnail": bool(row.thumbnail),
        }

    cache: dict[str, Any] = {"head": None}

    def choices() -> dict[str, Any]:
        """Hosts and actions for the filter menus; recomputed only when rows were added."""
        store = console.store
        head = store.head_id()
        if cache["head"] != head:
            cache["hosts"] = store.hosts()
            cache["actions"] = store.actions()
            cache["head"] = head
        return cache

    async def index(request: Request) -> Response:
        params = _params(request)
        try:
            f = _filter(params)
            error = None
        except ValueError as e:
            f, error = LogFilter(), str(e)
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page = 1
        store = console.store
        total = store.count(f)
        rows = store.query(f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        lang = _lang(request)
        names = policy_categories()[1]

        def t(key: str, **kw: Any) -> str:
            text = i18n.t(key, lang=lang, **kw)
            if text == key and key.startswith("category."):  # an organisation's own category
                own = names.get(key.removeprefix("category.")) or {}
                return own.get(lang) or own.get("zh_CN") or key.removeprefix("category.")
            return text

        pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
        # per-category totals are the per-day counts summed: one scan instead of two
        days = store.counts_by_day(f)
        per_cat: dict[str, int] = {}
        for _, cat, n in days:
            per_cat[cat] = per_cat.get(cat, 0) + n
        counts = dict(sorted(per_cat.items(), key=lambda kv: -kv[1]))
        answers = store.answers([r.id for r in rows])
        views = [row_view(r) for r in rows]
        for v in views:
            a = answers.get(v["id"], {})
            v["override"] = scrub(a["override"]) if a.get("override") else None
            v["user_quarantine"] = bool(a.get("quarantine"))
        return render(
            request,
            "list.html",
            rows=views,
            alert_counts=store.alert_counts(),
            total=total,
            page=page,
            pages=pages,
            prev_url="?" + _query(params, page=page - 1) if page > 1 else None,
            next_url="?" + _query(params, page=page + 1) if page < pages else None,
            params=params,
            query=_query(params),
            counts=counts,
            chart=chart(days, t),
            hosts=choices()["hosts"],
            actions=choices()["actions"],
            categories=(
                *policy_categories()[0],
                *sorted(set(counts) - set(policy_categories()[0])),  # in the log, not the policy
            ),
            statuses=TRIAGE_STATUSES,
            error=error,
        )

    def get_row(request: Request) -> LogRow | None:
        try:
            rid = int(request.path_params["id"])
        except (KeyError, ValueError):
            return None
        return console.store.get(rid)

    async def detail(request: Request) -> Response:
        row = get_row(request)
        if row is None:
            return render(request, "error.html", 404, message_key="review.not_found")
        evidence = scrub_evidence(row.evidence)
        by_cat: dict[str, list[dict[str, Any]]] = {}
        for e in evidence or []:
            e = dict(e)
            e["pieces"] = highlight(e.get("context") or "", e.get("text") or "")
            by_cat.setdefault(e.get("category", ""), []).append(e)
        events = [
            {
                "time": ev.time.replace("T", " ")[:19],
                "kind": ev.kind,
                "actor": scrub(ev.actor),
                "data": scrub(json.dumps(ev.data, ensure_ascii=False)),
            }
            for ev in console.store.events(row.id)
        ]
        in_quarantine = False
        for ev in events:  # a quarantine not yet followed by a restore
            if ev["kind"] in ("quarantine", "restore"):
                in_quarantine = ev["kind"] == "quarantine"
        return render(
            request,
            "detail.html",
            in_quarantine=in_quarantine,
            restore_error=request.query_params.get("restore_error") == "1",
            row=row_view(row),
            evidence_purged=evidence is None and bool(row.categories),
            by_cat=by_cat,
            events=events,
            statuses=TRIAGE_STATUSES,
            has_thumbnail=_thumbnail_file(console.config, row) is not None,
            folder=scrub(parent_folder(row.path)),
            policy_path=str(allowlist.policy_file(console.config)),
        )

    async def mark(request: Request) -> Response:
        row = get_row(request)
        if row is None:
            return render(request, "error.html", 404, message_key="review.not_found")
        form = await request.form()
        status = str(form.get("status", ""))
        if status not in TRIAGE_STATUSES:
            return render(request, "error.html", 400, message_key="review.bad_status")
        note = str(form.get("note", "")).strip()[:2000] or None
        reviewer = str(form.get("reviewer", "")).strip()[:200] or None
        console.store.mark(row.id, status, reviewer=reviewer, note=note)
        return RedirectResponse(f"/item/{row.id}?saved=1", status_code=303)

    async def restore_file(request: Request) -> Response:
        """Put a quarantined file back where it came from (never overwrites; see restore())."""
        from agent.actions.quarantine import QuarantineError, restore

        row = get_row(request)
        if row is None:
            return render(request, "error.html", 404, message_key="review.not_found")
        try:
            restore(console.store, row.id, console.config)
        except (QuarantineError, OSError) as e:
            log.warning("restore of row %d failed: %s", row.id, e)
            return RedirectResponse(f"/item/{row.id}?restore_error=1", status_code=303)
        return RedirectResponse(f"/item/{row.id}?restored=1", status_code=303)

    def _entry(row: LogRow, data: Any) -> allowlist.Entry:
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

    async def allowlist_preview(request: Request) -> Response:
        row = get_row(request)
        if row is None:
            return render(request, "error.html", 404, message_key="review.not_found")
        if row.status != "false_positive":
            return render(request, "error.html", 409, message_key="review.allow.only_fp")
        entry = _entry(row, request.query_params)
        try:
            p = allowlist.preview(console.config, entry)
        except Exception as e:  # ConfigError from the engine, ValueError, YAML errors
            return render(
                request, "error.html", 400, message_key="review.allow.invalid", detail=scrub(str(e))
            )
        return render(
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

    async def allowlist_save(request: Request) -> Response:
        row = get_row(request)
        if row is None:
            return render(request, "error.html", 404, message_key="review.not_found")
        if row.status != "false_positive":
            return render(request, "error.html", 409, message_key="review.allow.only_fp")
        form = await request.form()
        entry = _entry(row, form)
        try:
            p = allowlist.preview(console.config, entry)
            if hashlib.sha256(p.before.encode()).hexdigest() != form.get("before", ""):
                raise ValueError(i18n.t("review.allow.changed", lang=_lang(request)))
            path = allowlist.save(console.config, entry, expected_before=p.before)
        except Exception as e:
            return render(
                request, "error.html", 400, message_key="review.allow.invalid", detail=scrub(str(e))
            )
        console.store.add_event(
            row.id,
            "note",
            {"allowlist": entry.kind, "policy_file": str(path)},
            actor=entry.reviewer or None,
        )
        return RedirectResponse(f"/item/{row.id}?allowlisted={entry.kind}", status_code=303)

    async def thumbnail(request: Request) -> Response:
        row = get_row(request)
        p = _thumbnail_file(console.config, row) if row else None
        if p is None:
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(p, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def export(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "jsonl"):
            return PlainTextResponse("not found", status_code=404)
        params = _params(request)
        try:
            f = _filter(params)
        except ValueError as e:
            return PlainTextResponse(str(e), status_code=400)
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
        name = f"shareguard-log.{fmt}"
        return StreamingResponse(
            _export_chunks(console, f, fmt),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def favicon(request: Request) -> Response:
        return FileResponse(HERE.parent / "data" / "shareguard.png", media_type="image/png")

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("not found", status_code=404)

    routes = [
        Route("/", index),
        Route("/item/{id:int}", detail),
        Route("/item/{id:int}/mark", mark, methods=["POST"]),
        Route("/item/{id:int}/restore", restore_file, methods=["POST"]),
        Route("/item/{id:int}/thumbnail", thumbnail),
        Route("/item/{id:int}/allowlist", allowlist_preview, methods=["GET"]),
        Route("/item/{id:int}/allowlist", allowlist_save, methods=["POST"]),
        Route("/export.{fmt:str}", export),
        Route("/favicon.png", favicon),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, console=console)],
        exception_handlers={404: not_found},
    )
    app.state.console = console
    return app
