"""What the review console reads and writes: the `LogStore` protocol.

One console (`agent.review.views`) runs over two stores: the PC's chained SQLite log
(`agent.store.Store`) and the office server's PostgreSQL (`server.logstore.PgLogStore`). The
protocol holds exactly the operations the console's views need, nothing about how a store is
kept (chains, ingest, retention stay with each store).

Rows come newest first, ordered by (time, id); a page is found by keyset (`Cursor`, the last
row's time and id), never by OFFSET, so deep pages over a million rows cost what the first does.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import Any, Protocol

from agent.store import Event, LogFilter, LogRow

Cursor = tuple[str, int]  # (time, id) of a row: the page boundary


def cursor_of(row: LogRow) -> Cursor:
    return (row.time, row.id)


def format_cursor(c: Cursor) -> str:
    return f"{c[1]}~{c[0]}"


def parse_cursor(text: str) -> Cursor | None:
    """The cursor in a page link (`id~time`), None when absent or malformed."""
    rid, sep, time = text.partition("~")
    if not sep or not rid.isdigit() or not time or len(time) > 40:
        return None
    return (time, int(rid))


class LogStore(Protocol):
    """The reading and triage operations of the review console."""

    def page(
        self,
        f: LogFilter,
        *,
        limit: int,
        before: Cursor | None = None,
        after: Cursor | None = None,
    ) -> list[LogRow]:
        """Up to `limit` rows matching `f`, newest first: older than `before`, or the `limit`
        rows just newer than `after` (the previous page), or the newest."""
        ...

    def count(self, f: LogFilter, *, cap: int | None = None) -> int | None:
        """Rows matching `f`; with `cap`, counting stops at cap + 1 (meaning "more than cap").
        None when the store cannot count this filter quickly (a text search over a million
        paths)."""
        ...

    def counts_by_day(self, f: LogFilter) -> list[tuple[str, str, int]] | None:
        """(day, category, rows) for the chart and the category totals; None when the store
        cannot count this filter quickly (the console then says so instead of waiting)."""
        ...

    def get(self, row_id: int) -> LogRow | None: ...

    def events(self, row_id: int) -> list[Event]:
        """What happened to a row after its verdict (triage, quarantine, override), oldest
        first."""
        ...

    def answers(self, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The person's answers to these rows' alerts: {id: {"override": reason,
        "quarantine": True}}."""
        ...

    def alert_counts(self) -> list[dict[str, Any]]:
        """Per PC: pop-ups, summaries, digests, overrides and quarantines."""
        ...

    def hosts(self) -> list[str]: ...

    def departments(self) -> list[str]:
        """Department labels (set at enrolment); empty for a single PC's log."""
        ...

    def actions(self) -> list[str]: ...

    def version(self) -> Hashable:
        """Changes whenever rows or events are added (the console's menu cache key)."""
        ...

    def mark(self, row_id: int, status: str, *, reviewer: str | None, note: str | None) -> Any:
        """Record a triage decision, with who made it."""
        ...

    def export_rows(self, f: LogFilter) -> Iterator[LogRow]:
        """Every row matching `f`, oldest first, streamed; safe to run in another thread."""
        ...
