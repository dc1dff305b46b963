"""The central log as the review console reads it: `agent.review.logstore.LogStore` over
PostgreSQL, returning the agent's own `LogRow`s.

Row ids are the server's own (one sequence over every PC); `agent_id`/`row_id` name the original
row. Built for a million rows and more: pages by keyset on (time, id) with one composite index
per common filter, the triage status on the row itself (`verdicts.status`), capped counts, and
the chart and category totals from per-day count tables (`verdict_daily`, kept at ingest, and
`verdict_daily_triaged`, kept here by `mark`). A filter those tables cannot answer is counted
from the rows under a time limit; past it the console says it did not count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
import time as _time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from agent.store import TRIAGE_STATUSES, Event, LogFilter, LogRow

_SELECT = (
    "SELECT v.id, v.time, v.host, v.os_user, v.path, v.sha256, v.size, v.media_type, v.verdict,"
    " v.categories, v.evidence, v.error, v.error_kind, v.action, v.mode, v.scan_seconds,"
    " v.thumbnail, v.status, t.reviewer, t.note, v.policy_version"
    " FROM verdicts v LEFT JOIN triage_state t ON t.verdict_pk = v.id"
)
CHART_DAYS = 62
SLOW_COUNT_MS = 150  # a count or chart this filter needs from the rows: give up after this
TEXT_WINDOW = 1000  # a common text (5 % of rows or more): its page is among the newest rows
TEXT_CAP = 10_000  # a text search reads up to this many matches from its index (count, chart)
TEXT_REUSE_S = 2.0  # the list's count and chart reuse the matches its page read this recently
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")  # as sg_cjk_bigrams in server/db.py (schema v6)


def cjk_bigrams(text: str) -> list[str]:
    """The pairs of adjacent Chinese characters in `text` (what schema v6 indexes per path)."""
    return sorted({run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)})


def like_has_trigram(text: str, *, cjk: bool) -> bool:
    """Does pg_trgm extract a trigram from LIKE '%text%'? It splits the pattern into words
    (letters and digits, for the database's locale: ASCII only in a C one) and pads a word with
    two spaces before and one after, except where the word touches a wildcard: so '文件_1' gives
    '文件 ' and '  1', but '名单' alone gives none (and the index would read every entry)."""
    word = (lambda c: c.isalnum()) if cjk else (lambda c: c.isascii() and c.isalnum())
    i = 0
    while i < len(text):
        if not word(text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and word(text[j]):
            j += 1
        if (j - i) + (2 if i > 0 else 0) + (1 if j < len(text) else 0) >= 3:
            return True
        i = j
    return False


def _row(r: Any) -> LogRow:
    return LogRow(
        id=r[0], time=r[1], host=r[2], user=r[3], path=r[4], sha256=r[5], size=r[6],
        media_type=r[7], verdict=r[8], categories=json.loads(r[9]),
        evidence=json.loads(r[10]) if r[10] is not None else None, error=r[11],
        error_kind=r[12], action=r[13], mode=r[14], scan_seconds=r[15], thumbnail=r[16],
        status=r[17] or "new", reviewer=r[18], note=r[19], policy_version=r[20],
    )  # fmt: skip


def where(f: LogFilter, *, text_index: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause of a filter over `verdicts v` (no join needed: status is on the row).
    `text_index` says how the text is matched: "trgm", with an escaped LIKE that the trigram
    index answers; "cjk2", with the Chinese character pairs' index (then strpos); else with
    strpos alone, which a walk down a time index answers (a common text)."""
    clauses: list[str] = []
    args: list[Any] = []
    if f.verdicts:
        if len(f.verdicts) == 1:
            clauses.append("v.verdict = %s")
            args.append(f.verdicts[0])
        else:
            clauses.append("v.verdict = ANY(%s)")
            args.append(list(f.verdicts))
    if f.category:
        clauses.append("v.id IN (SELECT verdict_pk FROM verdict_categories WHERE category = %s)")
        args.append(f.category)
    if f.since:
        clauses.append("v.time >= %s")
        args.append(f.since)
    if f.until:
        clauses.append("v.time < %s")
        args.append(f.until)
    if f.status:
        clauses.append("v.status = %s")
        args.append(f.status)
    if f.host:
        clauses.append("v.host = %s")
        args.append(f.host)
    if f.folder:
        prefix = f.folder.rstrip("/\\")
        clauses.append("(v.path = %s OR starts_with(v.path, %s) OR starts_with(v.path, %s))")
        args.extend([prefix, prefix + "/", prefix + "\\"])
    if f.action:
        clauses.append("v.action = %s")
        args.append(f.action)
    if f.mode:
        clauses.append("v.mode = %s")
        args.append(f.mode)
    if f.text and text_index == "trgm":
        clauses.append("v.path LIKE %s")
        args.append("%" + re.sub(r"([\\%_])", r"\\\1", f.text) + "%")
    elif f.text and text_index == "cjk2":
        clauses.append(  # the first clause is the index's own condition (schema v6)
            "v.path ~ '[一-鿿]{2}' AND sg_cjk_bigrams(v.path) @> %s::text[]"
            " AND strpos(v.path, %s) > 0"
        )
        args.extend([cjk_bigrams(f.text), f.text])
    elif f.text:
        clauses.append("strpos(v.path, %s) > 0")
        args.append(f.text)
    if f.answer in ("override", "quarantine"):
        by_user = " AND e.data::jsonb ->> 'by' = 'user'" if f.answer == "quarantine" else ""
        clauses.append(
            "EXISTS (SELECT 1 FROM agent_events e WHERE e.agent_id = v.agent_id"
            f" AND e.verdict_row_id = v.row_id AND e.kind = %s{by_user})"
        )
        args.append(f.answer)
    if f.department:
        clauses.append("v.department = %s")
        args.append(f.department)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _daily(f: LogFilter, *, days: int | None) -> tuple[str, list[Any]] | None:
    """(day, category, n) rows of flagged rows matching `f` from the per-day tables (ingest's
    `verdict_daily`, less or only `verdict_daily_triaged` for a status), for the last `days`
    days; None when `f` filters on something those tables do not keep."""
    dates = all(x is None or len(x) == 10 for x in (f.since, f.until))
    if not dates or f.folder or f.action or f.mode or f.text or f.answer:
        return None
    clauses, args = ["true"], []
    if days is not None:
        clauses.append("day >= to_char(now() - make_interval(days => %s), 'YYYY-MM-DD')")
        args.append(days)
    for col, val, op in (("host", f.host, "="), ("department", f.department, "="),
                         ("category", f.category, "="), ("day", f.since, ">="),
                         ("day", f.until, "<")):  # fmt: skip
        if val:
            clauses.append(f"{col} {op} %s")
            args.append(val)
    cond = " AND ".join(clauses)
    flagged = f"SELECT day, category, n FROM verdict_daily WHERE {cond}"
    triaged = f"SELECT day, category, n FROM verdict_daily_triaged WHERE {cond}"
    if f.status is None:
        return flagged, args
    if f.status == "new":  # every flagged row less the triaged ones
        return flagged + " UNION ALL " + triaged.replace(" n FROM", " -n FROM"), args + args
    return triaged + " AND status = %s", [*args, f.status]


class PgLogStore:
    """Read (and triage) the central log; every method borrows a pooled connection."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        self._trgm: tuple[bool, bool, bool] | None = None  # trigram index, reads CJK, pairs index
        self._lock = threading.Lock()
        # what a text search's page or count found, for the same list's count and chart
        self._recent: dict[tuple[str, LogFilter], tuple[float, Any]] = {}

    def _all(self, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
        with self.pool.connection() as conn:
            return conn.execute(sql, args).fetchall()  # type: ignore[arg-type]

    def page(
        self,
        f: LogFilter,
        *,
        limit: int = 50,
        before: tuple[str, int] | None = None,
        after: tuple[str, int] | None = None,
    ) -> list[LogRow]:
        order = "DESC"
        if after is not None and before is None:
            order = "ASC"

        def bounded(w: str, args: list[Any]) -> tuple[str, list[Any]]:
            key = before if before is not None else after
            if key is None:
                return w, args
            op = "<" if before is not None else ">"
            return w + (" AND " if w else " WHERE ") + f"(v.time, v.id) {op} (%s, %s)", [
                *args,
                key[0],
                key[1],
            ]

        by = f"ORDER BY v.time {order}, v.id {order}"
        if f.text:
            ids = self._text_page(f, limit, before, after, bounded, order)
            sql = _SELECT + " WHERE v.id = ANY(%s) ORDER BY v.time DESC, v.id DESC"
            return [_row(r) for r in self._all(sql, [ids])]
        w, args = bounded(*where(f))
        # the page's ids on the index first, then the wide columns of those rows only
        ids_sql = f"SELECT v.id FROM verdicts v{w} {by} LIMIT %s"
        sql = _SELECT + " WHERE v.id IN (" + ids_sql + ") ORDER BY v.time DESC, v.id DESC"
        return [_row(r) for r in self._all(sql, [*args, limit])]

    def _text_page(
        self,
        f: LogFilter,
        limit: int,
        before: tuple[str, int] | None,
        after: tuple[str, int] | None,
        bounded: Callable[[str, list[Any]], tuple[str, list[Any]]],
        order: str,
    ) -> list[int]:
        """A text search's page of ids. A common text's newest matches are among the newest
        TEXT_WINDOW rows (one cheap read). Past them, a text an index answers is read from
        that index once (`_matches`); one no index answers walks down the time index."""
        by = f"ORDER BY v.time {order}, v.id {order}"
        w, args = bounded(*where(dataclasses.replace(f, text=None)))
        # the window's matches, and whether it was full (older rows remain), in one read
        ((seen, found),) = self._all(
            f"SELECT count(*), coalesce(array_agg(s.id ORDER BY s.time {order}, s.id {order})"
            " FILTER (WHERE strpos(s.path, %s) > 0), '{}')"
            f" FROM (SELECT v.id, v.time, v.path FROM verdicts v{w} {by} LIMIT {TEXT_WINDOW}) s",
            [f.text, *args],
        )
        if len(found) >= limit or seen < TEXT_WINDOW:
            return list(found[:limit])
        index = self._text_index(f)
        if index:
            return self._matches(f, index, limit, before, after)
        w, args = bounded(*where(f))  # no index: a walk down the time index
        return [i for (i,) in self._all(f"SELECT v.id FROM verdicts v{w} {by} LIMIT %s",
                                        [*args, limit])]  # fmt: skip

    def _matches(
        self,
        f: LogFilter,
        index: str,
        limit: int,
        before: tuple[str, int] | None,
        after: tuple[str, int] | None,
    ) -> list[int]:
        """The page of a text that `index` answers, from one read of every match: all of them
        are counted, and at most TEXT_CAP are kept a moment (the list's count and chart);
        more are only sorted as far as the page needs. A walk down the time index instead
        would read every newer row first (a text found only in old rows)."""
        w, args = where(f, text_index=index)
        order, key, op = "DESC", (before or ("", 0)), "<"
        if after is not None and before is None:
            order, key, op = "ASC", after, ">"
        bound = "true" if before is None and after is None else f"(m.time, m.id) {op} (%s, %s)"
        rows = self._all(
            f"WITH m AS MATERIALIZED (SELECT v.id, v.time FROM verdicts v{w}),"
            " n AS (SELECT count(*) AS n FROM m)"
            " SELECT n.n, p.time, p.id FROM n LEFT JOIN LATERAL (SELECT m.time, m.id FROM m"
            f" WHERE n.n <= %s OR {bound} ORDER BY m.time {order}, m.id {order}"
            " LIMIT (SELECT CASE WHEN n <= %s THEN n ELSE %s END FROM n)) p ON true",
            [*args, TEXT_CAP, *(key if bound != "true" else ()), TEXT_CAP, limit],
        )
        n = int(rows[0][0])
        rows = [(t, i) for _, t, i in rows if i is not None]
        keys = sorted(rows, reverse=True)
        self._remember("count", f, n)
        self._remember("keys", f, keys if n <= TEXT_CAP else None)
        if n > TEXT_CAP:
            return [i for _, i in keys]  # the page itself, ordered by the query
        if after is not None and before is None:
            return [k[1] for k in reversed(keys) if k > after][:limit]
        return [k[1] for k in keys if before is None or k < before][:limit]

    def _remember(self, kind: str, f: LogFilter, value: Any) -> None:
        now = _time.monotonic()
        with self._lock:
            self._recent = {k: v for k, v in self._recent.items() if now - v[0] <= TEXT_REUSE_S}
            self._recent[(kind, f)] = (now, value)

    def _recalled(self, kind: str, f: LogFilter) -> tuple[bool, Any]:
        """(found, value) of what this store found for `f` in the last TEXT_REUSE_S."""
        with self._lock:
            got = self._recent.get((kind, f))
        if got is None or _time.monotonic() - got[0] > TEXT_REUSE_S:
            return False, None
        return True, got[1]

    def _text_index(self, f: LogFilter) -> str | None:
        """Which index answers this filter's text: "trgm" (schema v4, flagged rows) when
        pg_trgm finds a trigram in the LIKE pattern (see `like_has_trigram`; Chinese only where
        the database's LC_CTYPE reads it), else "cjk2" (schema v6) when the text holds two
        Chinese characters in a row; else None (the rows are read)."""
        text = f.text or ""
        if f.verdicts != ("flagged",):
            return None
        if self._trgm is None:
            (has_index, pairs) = self._all(
                "SELECT to_regclass('verdicts_path_trgm') IS NOT NULL,"
                " to_regclass('verdicts_path_cjk2') IS NOT NULL"
            )[0]
            cjk = False
            if has_index:  # (show_trgm exists only with pg_trgm)
                try:
                    cjk = self._all("SELECT array_length(show_trgm('排查名单'), 1) > 0")[0][0]
                except psycopg.Error:
                    has_index = False
            self._trgm = (bool(has_index), bool(cjk), bool(pairs))
        has_index, cjk, pairs = self._trgm
        if has_index and like_has_trigram(text, cjk=cjk):
            return "trgm"
        if pairs and cjk_bigrams(text):
            return "cjk2"
        return None

    def query(self, f: LogFilter, *, limit: int = 50, offset: int = 0) -> list[LogRow]:
        """Rows by OFFSET (scripts and tests; the console pages with `page`)."""
        w, args = where(f)
        ids = f"SELECT v.id FROM verdicts v{w} ORDER BY v.time DESC, v.id DESC LIMIT %s OFFSET %s"
        sql = _SELECT + " WHERE v.id IN (" + ids + ") ORDER BY v.time DESC, v.id DESC"
        return [_row(r) for r in self._all(sql, [*args, limit, offset])]

    def count(self, f: LogFilter, *, cap: int | None = None) -> int | None:
        """Rows matching `f`; a category's flagged rows exactly from the per-day tables (each
        row counts once per category), others from the rows, stopping at cap + 1."""
        if f.category and f.verdicts == ("flagged",):
            daily = _daily(f, days=None)
            if daily is not None:
                sql, args = daily
                return int(self._all(f"SELECT coalesce(sum(n), 0) FROM ({sql}) d", args)[0][0])
        index = self._text_index(f) if f.text else None
        if f.text:
            if index is None:
                return None  # every path read: not quick at scale (the page shows what it found)
            found, n = self._recalled("count", f)  # what the page (or a count) just found
            if found and n is None:
                return None  # too slow to count a moment ago
            if found and (n <= TEXT_CAP or (cap is not None and cap <= TEXT_CAP)):
                return n if cap is None else min(n, cap + 1)  # n > TEXT_CAP: "more than"
            # a common text (found among the newest rows): the LIKE's statistics let PostgreSQL
            # count it by a scan that stops early; the pairs' index has none, so strpos alone
            index = "trgm" if index == "trgm" else None
        w, args = where(f, text_index=index)
        inner = f"SELECT 1 FROM verdicts v{w}"
        if cap is not None:
            inner += " LIMIT %s"
            args = [*args, cap + 1]
        sql = f"SELECT count(*) FROM ({inner}) x"
        if not f.text:
            return int(self._all(sql, args)[0][0])
        try:  # a substring of every path: counted only if that is quick
            with self.pool.connection() as conn, conn.transaction():
                conn.execute(f"SET LOCAL statement_timeout = {SLOW_COUNT_MS}")
                n = int(conn.execute(sql, args).fetchone()[0])  # type: ignore[arg-type,index]
        except psycopg.errors.QueryCanceled:
            n = None
        if cap is not None and cap >= TEXT_CAP:
            self._remember("count", f, n if n is None or n <= cap else TEXT_CAP + 1)
        return n

    def iter_rows(self, f: LogFilter) -> Iterator[LogRow]:
        w, args = where(f)
        with (
            self.pool.connection() as conn,
            conn.transaction(),
            conn.cursor(name="export") as cur,
        ):
            cur.itersize = 500
            cur.execute(_SELECT + w + " ORDER BY v.id", args)
            for r in cur:
                yield _row(r)

    def export_rows(self, f: LogFilter) -> Iterator[LogRow]:
        return self.iter_rows(f)

    def counts_by_day(self, f: LogFilter) -> list[tuple[str, str, int]] | None:
        """(day, category, count) for the chart: the last CHART_DAYS days. Flagged rows by host,
        department, category, date and triage status come from the per-day tables; other
        filters count the rows themselves, or give up (None) past SLOW_COUNT_MS."""
        if f.verdicts and "flagged" not in f.verdicts:
            return []  # only flagged rows have categories
        daily = _daily(f, days=CHART_DAYS)
        if daily is not None:
            sql, args = daily
            sql = (
                f"SELECT day, category, sum(n) FROM ({sql}) d GROUP BY 1, 2 HAVING sum(n) > 0"
                " ORDER BY 1"
            )
            return [(d, c, int(n)) for d, c, n in self._all(sql, args)]
        index = self._text_index(f) if f.text else None
        if f.text:
            if index is None:
                return None  # see count
            found, keys = self._recalled("keys", f)
            if found and keys is not None:  # every match, from the page's read of the index
                sql = (
                    "SELECT substr(v.time, 1, 10) AS day, c.category, count(*)"
                    " FROM verdict_categories c JOIN verdicts v ON v.id = c.verdict_pk"
                    " WHERE v.id = ANY(%s)"
                    " AND v.time >= to_char(now() - make_interval(days => %s), 'YYYY-MM-DD')"
                    " GROUP BY day, c.category ORDER BY day"
                )
                # only rows of the chart's days (a day's margin for time zones) are looked up
                since = (dt.datetime.now(dt.UTC) - dt.timedelta(days=CHART_DAYS + 1)).isoformat()
                rows = self._all(sql, [[i for t, i in keys if t >= since[:10]], CHART_DAYS])
                return [(d, c, int(n)) for d, c, n in rows]
            found, n = self._recalled("count", f)
            if not found:
                n = self.count(f, cap=TEXT_CAP)
            if n is None or n > TEXT_CAP:
                return None  # a common text: not counted (reading its rows takes too long)
            index = "trgm" if index == "trgm" else None
        w, args = where(f, text_index=index)
        sql = (
            "SELECT substr(v.time, 1, 10) AS day, c.category, count(*) FROM verdict_categories c"
            " JOIN verdicts v ON v.id = c.verdict_pk"
            + w
            + (" AND " if w else " WHERE ")
            + "v.time >= to_char(now() - make_interval(days => %s), 'YYYY-MM-DD')"
            + " GROUP BY day, c.category ORDER BY day"
        )
        try:
            with self.pool.connection() as conn, conn.transaction():
                conn.execute(f"SET LOCAL statement_timeout = {SLOW_COUNT_MS}")
                rows = conn.execute(sql, [*args, CHART_DAYS]).fetchall()  # type: ignore[arg-type]
        except psycopg.errors.QueryCanceled:
            return None
        return [(d, c, int(n)) for d, c, n in rows]

    def get(self, pk: int) -> LogRow | None:
        rows = self._all(_SELECT + " WHERE v.id = %s", (pk,))
        return _row(rows[0]) if rows else None

    def origin(self, pk: int) -> dict[str, Any] | None:
        rows = self._all(
            "SELECT v.agent_id, v.row_id, v.policy_version, v.department, v.received"
            " FROM verdicts v WHERE v.id = %s",
            (pk,),
        )
        if not rows:
            return None
        a, r, p, d, rec = rows[0]
        return {"agent_id": a, "row_id": r, "policy_version": p, "department": d, "received": rec}

    def events(self, pk: int) -> list[Event]:
        """The agent's own events on this row (quarantine, restore, local triage) and the
        central triage actions, oldest first."""
        out: list[Event] = []
        for i, t, k, a, d in self._all(
            "SELECT e.event_id, e.time, e.kind, e.actor, e.data FROM agent_events e"
            " JOIN verdicts v ON v.agent_id = e.agent_id AND v.row_id = e.verdict_row_id"
            " WHERE v.id = %s ORDER BY e.event_id",
            (pk,),
        ):
            out.append(Event(int(i), t, pk, k, a, json.loads(d)))
        for i, t, s, r, n in self._all(
            "SELECT id, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS'),"
            " status, reviewer, note FROM triage_actions WHERE verdict_pk = %s ORDER BY id",
            (pk,),
        ):
            out.append(Event(int(i), t, pk, "triage", r, {"status": s, "note": n, "central": True}))
        return sorted(out, key=lambda e: e.time)

    def mark(self, pk: int, status: str, *, reviewer: str | None, note: str | None = None) -> None:
        """A central triage decision, recorded with the logged-in reviewer (append-only
        actions, the latest on the row and in `triage_state`, the per-day counts moved)."""
        if status not in TRIAGE_STATUSES:
            raise ValueError(f"status must be one of {', '.join(TRIAGE_STATUSES)}")
        if not reviewer:
            raise ValueError("a central triage decision needs the reviewer's name")
        with self._lock:
            self._recent.clear()  # a status filter's matches change
        with self.pool.connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT status, verdict, substr(time, 1, 10), host, department FROM verdicts"
                " WHERE id = %s FOR UPDATE",
                (pk,),
            ).fetchone()
            if row is None:
                raise KeyError(pk)
            old, verdict, day, host, department = row
            conn.execute(
                "INSERT INTO triage_actions (verdict_pk, status, reviewer, note)"
                " VALUES (%s, %s, %s, %s)",
                (pk, status, reviewer, note),
            )
            conn.execute(
                "INSERT INTO triage_state (verdict_pk, status, reviewer, note, time)"
                " VALUES (%s, %s, %s, %s, now()) ON CONFLICT (verdict_pk) DO UPDATE SET"
                " status = excluded.status, reviewer = excluded.reviewer, note = excluded.note,"
                " time = excluded.time",
                (pk, status, reviewer, note),
            )
            conn.execute("UPDATE verdicts SET status = %s WHERE id = %s", (status, pk))
            if verdict != "flagged" or old == status:
                return
            for st, delta in ((old, -1), (status, 1)):
                if st == "new":
                    continue  # "new" is every flagged row less the triaged ones
                conn.execute(
                    "INSERT INTO verdict_daily_triaged"
                    " (day, category, host, department, status, n)"
                    " SELECT %s, category, %s, %s, %s, %s FROM verdict_categories"
                    " WHERE verdict_pk = %s"
                    " ON CONFLICT (day, category, host, department, status)"
                    " DO UPDATE SET n = verdict_daily_triaged.n + excluded.n",
                    (day, host, department, st, delta, pk),
                )

    def answers(self, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The people's answers to these rows' alerts, as their PCs forwarded them."""
        ids = list(row_ids)
        if not ids:
            return {}
        out: dict[int, dict[str, Any]] = {}
        for pk, kind, data in self._all(
            "SELECT v.id, e.kind, e.data FROM verdicts v JOIN agent_events e"
            " ON e.agent_id = v.agent_id AND e.verdict_row_id = v.row_id"
            " WHERE v.id = ANY(%s) AND e.kind IN ('override', 'quarantine') ORDER BY e.id",
            (ids,),
        ):
            d = json.loads(data)
            if kind == "override":
                out.setdefault(pk, {})["override"] = d.get("reason")
            elif d.get("by") == "user":
                out.setdefault(pk, {})["quarantine"] = True
        return out

    def alert_counts(self) -> list[dict[str, Any]]:
        """Per PC: pop-ups, summaries and digests shown, overrides given, quarantines chosen."""
        per: dict[str, dict[str, Any]] = {}
        for host, kind, n in self._all(
            "SELECT coalesce(e.data::jsonb ->> 'host', a.host), e.data::jsonb ->> 'type',"
            " count(*) FROM agent_events e JOIN agents a USING (agent_id)"
            " WHERE e.kind = 'alert' GROUP BY 1, 2"
            " UNION ALL SELECT v.host, e.kind, count(*) FROM agent_events e JOIN verdicts v"
            " ON v.agent_id = e.agent_id AND v.row_id = e.verdict_row_id"
            " WHERE e.kind = 'override'"
            " OR (e.kind = 'quarantine' AND e.data::jsonb ->> 'by' = 'user') GROUP BY 1, 2"
            " ORDER BY 1"
        ):
            row = per.setdefault(
                host,
                {"host": host, "popup": 0, "summary": 0, "digest": 0, "override": 0,
                 "quarantine": 0},
            )  # fmt: skip
            if kind in row:
                row[kind] += int(n)
        return list(per.values())

    def version(self) -> tuple[int, int]:
        """(last row, last event) the server holds: changes whenever a PC forwards more."""
        (v, e) = self._all(
            "SELECT coalesce((SELECT max(id) FROM verdicts), 0),"
            " coalesce((SELECT max(id) FROM agent_events), 0)"
        )[0]
        return int(v), int(e)

    def hosts(self) -> list[str]:
        """The hosts rows name (a skip scan of the host index: one probe per host)."""
        return [
            h for (h,) in self._all(
                "WITH RECURSIVE a(x) AS (SELECT min(host) FROM verdicts UNION ALL"
                " SELECT (SELECT min(host) FROM verdicts WHERE host > a.x) FROM a"
                " WHERE a.x IS NOT NULL) SELECT x FROM a WHERE x IS NOT NULL"
            )
        ]  # fmt: skip

    def departments(self) -> list[str]:
        return [
            d for (d,) in self._all("SELECT DISTINCT department FROM agents WHERE department <> ''"
                                    " ORDER BY 1")
        ]  # fmt: skip

    def actions(self) -> list[str]:
        return [
            a for (a,) in self._all(
                "WITH RECURSIVE a(x) AS (SELECT min(action) FROM verdicts UNION ALL"
                " SELECT (SELECT min(action) FROM verdicts WHERE action > a.x) FROM a"
                " WHERE a.x IS NOT NULL) SELECT x FROM a WHERE x IS NOT NULL"
            )
        ]  # fmt: skip

    def agents(self, silent_minutes: int | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT agent_id, host, os_user, department, version, policy_version, fleet_policy,"
            " last_seen,"
            " pending, watched_folders, alerts_available, verdict_head_id, event_head_id,"
            " (SELECT count(*) FROM chain_breaks b WHERE b.agent_id = a.agent_id) AS breaks"
            " FROM agents a"
        )
        args: list[Any] = []
        if silent_minutes is not None:
            sql += " WHERE last_seen IS NULL OR last_seen < now() - make_interval(mins => %s)"
            args.append(silent_minutes)
        sql += " ORDER BY last_seen NULLS FIRST, host"
        cols = (
            "agent_id", "host", "user", "department", "version", "policy_version", "fleet_policy",
            "last_seen",
            "pending", "watched_folders", "alerts_available", "rows", "events", "chain_breaks",
        )  # fmt: skip
        return [dict(zip(cols, r, strict=True)) for r in self._all(sql, args)]

    def chain_breaks(self, agent_id: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT b.agent_id, a.host, b.stream, b.row_id, b.kind, b.detail, b.time"
            " FROM chain_breaks b JOIN agents a USING (agent_id)"
        )
        args: list[Any] = []
        if agent_id:
            sql += " WHERE b.agent_id = %s"
            args.append(agent_id)
        cols = ("agent_id", "host", "stream", "row_id", "kind", "detail", "time")
        return [dict(zip(cols, r, strict=True)) for r in self._all(sql + " ORDER BY b.id", args)]
