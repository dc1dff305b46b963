"""The review console's pages, written once over a `LogStore`: the flagged-file list with its
filters, chart and counts, a row's detail with evidence, triage, export and the thumbnail.

Two apps mount them: the PC's own console (`agent.review.app`: one-time token, 127.0.0.1, the
SQLite log) and the office server's console (`server.console`: logins, roles, PostgreSQL). Each
app guards the requests before they get here and adapts the views through a few hooks
(`page_context`, `reviewer`, `detail_context`, `thumbnail_image`, `has_thumbnail`, `categories`,
`call`).

Everything shown or exported is masked (`agent.review.export.scrub`), file names included.
Lists page by keyset (`before`/`after` cursors), and count at most `COUNT_CAP` rows.
"""

from __future__ import annotations

import csv
import html
import io
import json
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
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
from agent.review.export import EXPORT_FIELDS, csv_values, row_record, scrub, scrub_evidence
from agent.review.filters import VERDICTS, build_filter
from agent.review.logstore import LogStore, cursor_of, format_cursor, parse_cursor
from agent.store import TRIAGE_STATUSES, LogFilter, LogRow
from policies import BUILTIN_CATEGORIES

PAGE_SIZE = 50
COUNT_CAP = 10_000  # the list's total stops here ("10000+"): no full count per page
LANG_COOKIE = "sg_lang"
# The built-in pack's categories, used when the policy in force cannot be read.
CATEGORIES = BUILTIN_CATEGORIES
FILTER_KEYS = (
    "answer",
    "category",
    "since",
    "until",
    "status",
    "host",
    "department",
    "folder",
    "action",
    "mode",
    "verdict",
    "q",
)
THUMBNAIL_TYPES = ("image/png", "image/jpeg")
_BOM = "\ufeff".encode()  # Excel on Chinese Windows reads a CSV as GBK without it


def lang_of(request: Request) -> str:
    q = request.query_params.get("lang")
    if q:
        return i18n.normalise_language(q)
    return i18n.normalise_language(request.cookies.get(LANG_COOKIE) or "zh_CN")


def query_string(params: dict[str, str], **extra: Any) -> str:
    merged = {k: v for k, v in {**params, **extra}.items() if v not in (None, "")}
    return urllib.parse.urlencode(merged)


def filter_from(params: dict[str, str]) -> LogFilter:
    """The LogFilter of a list's query parameters (ValueError on bad input)."""
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
        department=params.get("department"),
    )


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


def row_view(row: LogRow) -> dict[str, Any]:
    """What a page may show of a row: masked everywhere."""
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


class ConsoleViews:
    """The shared pages. Subclasses adapt them to their app through the hook methods."""

    export_name = "shareguard-log"
    secure_cookies = False
    menu_ttl_s = 0.0  # keep the filter menus at least this long, even when the log grew

    def __init__(self, store: LogStore, env: Environment) -> None:
        self.store = store
        self.env = env
        self._menus: dict[str, Any] = {"version": None, "at": float("-inf")}

    # -- hooks ------------------------------------------------------------------------------
    def page_context(self, request: Request) -> dict[str, Any]:
        """Extra template values for every page (the CSRF token, the logged-in user)."""
        return {}

    def reviewer(self, request: Request, form: Any) -> str | None:
        """Who made a triage decision: the name typed in the form (the local console)."""
        return str(form.get("reviewer", "")).strip()[:200] or None

    def categories(self) -> tuple[tuple[str, ...], dict[str, dict[str, str]]]:
        """Category ids in force and an organisation's own categories' names by language."""
        return CATEGORIES, {}

    def thumbnail_image(self, row: LogRow) -> tuple[bytes, str] | None:
        """The row's redacted thumbnail as (bytes, media type), if this console has it: the PC
        reads its thumbnails folder, the office server its `thumbnails` table."""
        return None

    def has_thumbnail(self, row: LogRow) -> bool:
        """Does the detail page show a thumbnail (without reading the picture)?"""
        return self.thumbnail_image(row) is not None

    def detail_context(self, request: Request, row: LogRow, events: list[dict]) -> dict[str, Any]:
        """What a detail page shows beyond the row (restore, allowlist: local only)."""
        return {}

    async def call(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        """Run a store-bound page function (inline here; the server runs it in a thread)."""
        return fn(*args, **kw)

    # -- rendering --------------------------------------------------------------------------
    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = lang_of(request)
        names = self.categories()[1]

        def t(key: str, **kw: Any) -> str:
            text = i18n.t(key, lang=lang, **kw)
            if text == key and key.startswith("category."):  # an organisation's own category
                own = names.get(key.removeprefix("category.")) or {}
                return own.get(lang) or own.get("zh_CN") or key.removeprefix("category.")
            return text

        def cat_label(cid: str) -> str:
            return t("category." + cid)

        def action_label(action: str) -> str:
            parts = [p for p in action.replace("+", ",").split(",") if p]
            out = []
            for p in parts:
                s = i18n.t("review.action." + p, lang=lang)
                out.append(s if s != "review.action." + p else p)
            return " + ".join(out)

        other = "en" if lang == "zh_CN" else "zh_CN"
        switch = request.url.path + "?" + query_string(dict(request.query_params), lang=other)
        body = self.env.get_template(name).render(
            t=t,
            cat_label=cat_label,
            action_label=action_label,
            lang=lang,
            switch_url=switch,
            other_lang=other,
            **{**self.page_context(request), **ctx},
        )
        resp = HTMLResponse(body, status_code=status)
        if request.query_params.get("lang"):
            resp.set_cookie(
                LANG_COOKIE,
                lang,
                httponly=True,
                samesite="strict",
                secure=self.secure_cookies,
                path="/",
            )
        return resp

    def error(self, request: Request, status: int, key: str, **ctx: Any) -> HTMLResponse:
        return self.render(request, "error.html", status, message_key=key, **ctx)

    def menus(self) -> dict[str, Any]:
        """Hosts, departments, actions and per-PC alert counts; recomputed when the log grew
        (and, on the server, at most every `menu_ttl_s`)."""
        m = self._menus
        if time.monotonic() - m["at"] < self.menu_ttl_s:
            return m
        version = self.store.version()
        if m["version"] != version:
            m.update(
                hosts=self.store.hosts(),
                departments=self.store.departments(),
                actions=self.store.actions(),
                alert_counts=self.store.alert_counts(),
                version=version,
                at=time.monotonic(),
            )
        return m

    # -- the list ---------------------------------------------------------------------------
    def params(self, request: Request) -> dict[str, str]:
        return {k: request.query_params.get(k, "").strip() for k in FILTER_KEYS}

    def list_page(self, request: Request) -> Response:
        params = self.params(request)
        try:
            f, error = filter_from(params), None
        except ValueError as e:
            f, error = LogFilter(), str(e)
        q = request.query_params
        before = parse_cursor(q.get("before", ""))
        after = None if before else parse_cursor(q.get("after", ""))
        try:
            page = max(1, int(q.get("p", "1")))
        except ValueError:
            page = 1
        store = self.store
        try:
            rows = store.page(f, limit=PAGE_SIZE + 1, before=before, after=after)
        except ValueError as e:  # a filter this store cannot apply (a PC's log: department)
            f, error = LogFilter(), str(e)
            rows = store.page(f, limit=PAGE_SIZE + 1)
        if after is not None:
            # the page just newer than `after`: the oldest PAGE_SIZE of the rows found; fewer
            # than a page means we are back at the newest rows
            more_newer = len(rows) > PAGE_SIZE
            rows = rows[-PAGE_SIZE:]
            if not more_newer:
                page = 1
            more_older = True
        else:
            more_older = len(rows) > PAGE_SIZE
            rows = rows[:PAGE_SIZE]
        if before is None and after is None:
            page = 1
        total = store.count(f, cap=COUNT_CAP)
        if total is None:  # not countable quickly: what this page shows is known
            shown = f"{len(rows)}+" if more_older else str(len(rows))
        else:
            shown = f"{COUNT_CAP}+" if total > COUNT_CAP else str(total)
        days = store.counts_by_day(f)
        per_cat: dict[str, int] = {}
        for _, cat, n in days or ():
            per_cat[cat] = per_cat.get(cat, 0) + n
        counts = dict(sorted(per_cat.items(), key=lambda kv: -kv[1]))
        answers = store.answers([r.id for r in rows])
        views = [row_view(r) for r in rows]
        for v in views:
            a = answers.get(v["id"], {})
            v["override"] = scrub(a["override"]) if a.get("override") else None
            v["user_quarantine"] = bool(a.get("quarantine"))
        lang = lang_of(request)
        names = self.categories()[1]

        def t(key: str, **kw: Any) -> str:
            text = i18n.t(key, lang=lang, **kw)
            if text == key and key.startswith("category."):
                own = names.get(key.removeprefix("category.")) or {}
                return own.get(lang) or own.get("zh_CN") or key.removeprefix("category.")
            return text

        menus = self.menus()
        ids = self.categories()[0]
        return self.render(
            request,
            "list.html",
            rows=views,
            alert_counts=menus["alert_counts"],
            total=shown,
            page=page,
            first_url="?" + query_string(params) if page > 1 else None,
            prev_url=(
                "?" + query_string(params, after=format_cursor(cursor_of(rows[0])), p=page - 1)
                if page > 1 and rows
                else None
            ),
            next_url=(
                "?" + query_string(params, before=format_cursor(cursor_of(rows[-1])), p=page + 1)
                if more_older and rows
                else None
            ),
            params=params,
            query=query_string(params),
            counts=counts,
            counted=days is not None,
            chart=chart(days or (), t),
            hosts=menus["hosts"],
            departments=menus["departments"],
            actions=menus["actions"],
            categories=(*ids, *sorted(set(counts) - set(ids))),  # in the log, not the policy
            statuses=TRIAGE_STATUSES,
            error=error,
        )

    async def index(self, request: Request) -> Response:
        return await self.call(self.list_page, request)

    # -- one row ----------------------------------------------------------------------------
    def row_of(self, request: Request) -> LogRow | None:
        try:
            rid = int(request.path_params["id"])
        except (KeyError, ValueError):
            return None
        return self.store.get(rid)

    def detail_page(self, request: Request) -> Response:
        row = self.row_of(request)
        if row is None:
            return self.error(request, 404, "review.not_found")
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
            for ev in self.store.events(row.id)
        ]
        return self.render(
            request,
            "detail.html",
            row=row_view(row),
            evidence_purged=evidence is None and bool(row.categories),
            by_cat=by_cat,
            events=events,
            statuses=TRIAGE_STATUSES,
            has_thumbnail=self.has_thumbnail(row),
            **self.detail_context(request, row, events),
        )

    async def detail(self, request: Request) -> Response:
        return await self.call(self.detail_page, request)

    async def mark(self, request: Request) -> Response:
        row = await self.call(self.row_of, request)
        if row is None:
            return self.error(request, 404, "review.not_found")
        form = await request.form()
        status = str(form.get("status", ""))
        if status not in TRIAGE_STATUSES:
            return self.error(request, 400, "review.bad_status")
        note = str(form.get("note", "")).strip()[:2000] or None
        reviewer = self.reviewer(request, form)
        await self.call(self.store.mark, row.id, status, reviewer=reviewer, note=note)
        return RedirectResponse(f"/item/{row.id}?saved=1", status_code=303)

    async def thumbnail(self, request: Request) -> Response:
        row = await self.call(self.row_of, request)
        image = await self.call(self.thumbnail_image, row) if row else None
        if image is None or image[1] not in THUMBNAIL_TYPES:
            return PlainTextResponse("not found", status_code=404)
        data, media_type = image
        return Response(
            data,
            media_type=media_type,  # one of two fixed types, never what a PC claimed
            headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
        )

    # -- export -----------------------------------------------------------------------------
    def export_chunks(self, f: LogFilter, fmt: str) -> Iterator[bytes]:
        """The export, streamed in chunks (Starlette runs this generator in a worker thread;
        `export_rows` reads on a connection of its own)."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        if fmt == "csv":
            writer.writerow(EXPORT_FIELDS)
        first = True
        for i, row in enumerate(self.store.export_rows(f)):
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

    async def export(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "jsonl"):
            return PlainTextResponse("not found", status_code=404)
        try:
            f = filter_from(self.params(request))
            await self.call(self.store.count, f, cap=0)  # a filter this store cannot apply
        except ValueError as e:
            return PlainTextResponse(str(e), status_code=400)
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
        name = f"{self.export_name}.{fmt}"
        return StreamingResponse(
            self.export_chunks(f, fmt),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def routes(self) -> list[Route]:
        return [
            Route("/", self.index),
            Route("/item/{id:int}", self.detail),
            Route("/item/{id:int}/mark", self.mark, methods=["POST"]),
            Route("/item/{id:int}/thumbnail", self.thumbnail),
            Route("/export.{fmt:str}", self.export),
        ]
