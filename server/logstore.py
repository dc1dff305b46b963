"""The central log as the review views read it: the agent's LogRow over PostgreSQL.

Same reading API as agent.store.Store (count, query, counts_by_day, get, events, hosts, mark,
iter_rows), plus the office's own: department filter, agents' health, chain breaks. Row ids are
the server's own (one sequence over every PC); `agent_id`/`row_id` name the original row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from psycopg_pool import ConnectionPool

from agent.store import TRIAGE_STATUSES, Event, LogFilter, LogRow

_SELECT = (
    "SELECT v.id, v.time, v.host, v.os_user, v.path, v.sha256, v.size, v.media_type, v.verdict,"
    " v.categories, v.evidence, v.error, v.error_kind, v.action, v.mode, v.scan_seconds,"
    " v.thumbnail, t.status, t.reviewer, t.note"
    " FROM verdicts v LEFT JOIN triage_state t ON t.verdict_pk = v.id"
)
CHART_DAYS = 62


@dataclass(frozen=True)
class CentralFilter:
    base: LogFilter = field(default_factory=LogFilter)
    department: str | None = None
    agent_id: str | None = None


def _row(r: Any) -> LogRow:
    return LogRow(
        id=r[0], time=r[1], host=r[2], user=r[3], path=r[4], sha256=r[5], size=r[6],
        media_type=r[7], verdict=r[8], categories=json.loads(r[9]),
        evidence=json.loads(r[10]) if r[10] is not None else None, error=r[11],
        error_kind=r[12], action=r[13], mode=r[14], scan_seconds=r[15], thumbnail=r[16],
        status=r[17] or "new", reviewer=r[18], note=r[19],
    )  # fmt: skip


def where(cf: CentralFilter) -> tuple[str, list[Any]]:
    f = cf.base
    clauses: list[str] = []
    args: list[Any] = []
    if f.verdicts:
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
        if f.status == "new":
            clauses.append("(t.status IS NULL OR t.status = 'new')")
        else:
            clauses.append("t.status = %s")
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
    if f.text:
        clauses.append("strpos(v.path, %s) > 0")
        args.append(f.text)
    if cf.department:
        clauses.append("v.department = %s")
        args.append(cf.department)
    if cf.agent_id:
        clauses.append("v.agent_id = %s")
        args.append(cf.agent_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


class PgLogStore:
    """Read (and triage) the central log; every method borrows a pooled connection."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool

    def _all(self, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
        with self.pool.connection() as conn:
            return conn.execute(sql, args).fetchall()  # type: ignore[arg-type]

    def count(self, f: CentralFilter) -> int:
        w, args = where(f)
        sql = "SELECT count(*) FROM verdicts v LEFT JOIN triage_state t ON t.verdict_pk = v.id"
        return int(self._all(sql + w, args)[0][0])

    def query(self, f: CentralFilter, *, limit: int = 50, offset: int = 0) -> list[LogRow]:
        w, args = where(f)
        ids = (
            "SELECT v.id FROM verdicts v LEFT JOIN triage_state t ON t.verdict_pk = v.id"
            + w
            + " ORDER BY v.id DESC LIMIT %s OFFSET %s"
        )
        sql = _SELECT + " WHERE v.id IN (" + ids + ") ORDER BY v.id DESC"
        return [_row(r) for r in self._all(sql, [*args, limit, offset])]

    def iter_rows(self, f: CentralFilter) -> Iterator[LogRow]:
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

    def counts_by_day(self, f: CentralFilter) -> list[tuple[str, str, int]]:
        """(day, category, count) for the chart: the last CHART_DAYS days. Flagged rows by
        host, department, category and date come from the per-day table kept at ingest;
        other filters count the rows themselves."""
        b = f.base
        if b.verdicts and "flagged" not in b.verdicts:
            return []  # only flagged rows have categories
        dates = all(x is None or len(x) == 10 for x in (b.since, b.until))
        if dates and not (b.status or b.folder or b.action or b.mode or b.text or f.agent_id):
            clauses = ["day >= to_char(now() - make_interval(days => %s), 'YYYY-MM-DD')"]
            args: list[Any] = [CHART_DAYS]
            for col, val, op in (("host", b.host, "="), ("department", f.department, "="),
                                 ("category", b.category, "="), ("day", b.since, ">="),
                                 ("day", b.until, "<")):  # fmt: skip
                if val:
                    clauses.append(f"{col} {op} %s")
                    args.append(val)
            sql = (
                "SELECT day, category, sum(n) FROM verdict_daily WHERE "
                + " AND ".join(clauses)
                + " GROUP BY day, category ORDER BY day"
            )
            return [(d, c, int(n)) for d, c, n in self._all(sql, args)]
        w, args = where(f)
        sql = (
            "SELECT substr(v.time, 1, 10) AS day, c.category, count(*) FROM verdict_categories c"
            " JOIN verdicts v ON v.id = c.verdict_pk LEFT JOIN triage_state t"
            " ON t.verdict_pk = v.id"
            + w
            + (" AND " if w else " WHERE ")
            + "v.time >= to_char(now() - make_interval(days => %s), 'YYYY-MM-DD')"
            + " GROUP BY day, c.category ORDER BY day"
        )
        return [(d, c, int(n)) for d, c, n in self._all(sql, [*args, CHART_DAYS])]

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

    def mark(self, pk: int, status: str, *, reviewer: str, note: str | None = None) -> None:
        """A central triage decision, recorded with the logged-in reviewer (append-only)."""
        if status not in TRIAGE_STATUSES:
            raise ValueError(f"status must be one of {', '.join(TRIAGE_STATUSES)}")
        with self.pool.connection() as conn, conn.transaction():
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

    def hosts(self) -> list[str]:
        return [h for (h,) in self._all("SELECT DISTINCT host FROM agents ORDER BY 1")]

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
