"""The console's LogStore contract, checked the same way on both stores: the PC's SQLite log
and the office server's PostgreSQL (rows forwarded there by the real agent code over HTTPS).

Keyset pages walk every row once in (time, id) order both ways, counts stop at their cap,
triage records who did it, and the per-day counts behind the chart agree with the rows
themselves before and after triage (on PostgreSQL they come from count tables)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from pathlib import Path

import pytest

from agent.config import load_config
from agent.review.logstore import LogStore, cursor_of
from agent.store import LogFilter, LogRow, Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

N = 23
CATS = ("control_order", "screening_list", "medical_record")


def _times() -> list[str]:
    """Times within the chart's window, not in append order, some shared (the id breaks ties)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out = []
    for i in range(N):
        hours = (i * 7) % 19 * 5 + 1  # shuffled; i and i+19 share a time
        out.append((now - dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    return out


def _fill(store: Store) -> None:
    for i, time in enumerate(_times()):
        flagged = i % 5 != 4
        cats = tuple(
            CategoryScore(c, 0.7, 0.6, (Evidence("forms", "doc_number", "〔2026〕1号", "p1", 0.4),))
            for c in CATS[: 1 + i % 3]
        )
        v = Verdict(
            path=f"/home/li/Desktop/文件_{i:02d}.docx",
            decision=Decision.FLAGGED if flagged else Decision.CLEAN,
            categories=cats if flagged else (),
            sha256=f"{i:064x}",
            size=100 + i,
            media_type="application/pdf",
        )
        store.append_verdict(v, action="log", mode="audit", time=time, host=f"pc-{i % 2}")


def _open(request: pytest.FixtureRequest, tmp_path: Path, fill):
    """The PC's log filled by `fill`, as the SQLite store or forwarded to a real server."""
    cfg_path = tmp_path / "pc" / "config.toml"
    cfg_path.parent.mkdir()
    cfg_path.write_text(f'mode = "audit"\ndata_dir = "{tmp_path / "pc" / "data"}"\n')
    config = load_config(cfg_path)
    with Store.open(config) as st:
        fill(st)
    if request.param == "sqlite":
        with Store.open(config) as st:
            yield st
        return
    from agent.forward import Forwarder, enroll, set_fleet_server
    from server.logstore import PgLogStore
    from tests.server_helpers import ThreadServer

    srv = ThreadServer(request.getfixturevalue("pg_dsn"), tmp_path / "state").start()
    try:
        cred = enroll(srv.token(), config)
        set_fleet_server(cfg_path, cred.url)
        Forwarder(load_config(cfg_path), cred).sync()
        yield PgLogStore(srv.pool)
    finally:
        srv.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def logstore(request: pytest.FixtureRequest, tmp_path: Path):
    yield from _open(request, tmp_path, _fill)


def _walk(store: LogStore, f: LogFilter, size: int) -> list[list[LogRow]]:
    pages, before = [], None
    while True:
        rows = store.page(f, limit=size, before=before)
        if not rows:
            return pages
        pages.append(rows)
        before = cursor_of(rows[-1])


def _everything(store: LogStore, f: LogFilter) -> list[LogRow]:
    return [r for page in _walk(store, f, 1000) for r in page]


def test_keyset_pages_walk_every_row_once_newest_first_and_back(logstore: LogStore) -> None:
    for f in (LogFilter(), LogFilter(verdicts=()), LogFilter(host="pc-1")):
        pages = _walk(logstore, f, 4)
        rows = [r for p in pages for r in p]
        keys = [cursor_of(r) for r in rows]
        assert keys == sorted(keys, reverse=True)
        assert len(set(keys)) == len(keys) == logstore.count(f)
        expected = sum(
            1
            for i in range(N)
            if (not f.verdicts or i % 5 != 4) and (f.host is None or f"pc-{i % 2}" == f.host)
        )
        assert len(rows) == expected
        assert {r.path.rsplit("_", 1)[1] for r in rows} <= {f"{i:02d}.docx" for i in range(N)}
        # back again: the page just newer than a page's first row is the page before it
        for earlier, later in itertools.pairwise(pages):
            back = logstore.page(f, limit=4, after=cursor_of(later[0]))
            assert [r.id for r in back] == [r.id for r in earlier]


def test_counts_stop_at_their_cap(logstore: LogStore) -> None:
    everything = logstore.count(LogFilter(verdicts=()))
    assert everything == N
    assert logstore.count(LogFilter(verdicts=()), cap=5) == 6
    assert logstore.count(LogFilter(verdicts=()), cap=N) == N


def _chart_totals(store: LogStore, f: LogFilter) -> Counter:
    days = store.counts_by_day(f)
    assert days is not None
    out: Counter = Counter()
    for _, cat, n in days:
        out[cat] += n
    return out


def _row_totals(rows: list[LogRow]) -> Counter:
    return Counter(c["id"] for r in rows for c in r.categories)


def test_triage_records_the_reviewer_and_moves_the_counts(logstore: LogStore) -> None:
    flagged = _everything(logstore, LogFilter())
    assert _chart_totals(logstore, LogFilter()) == _row_totals(flagged)
    one, two = flagged[3], flagged[7]
    logstore.mark(one.id, "confirmed", reviewer="王审核", note="已上报")
    logstore.mark(two.id, "confirmed", reviewer="王审核", note=None)
    logstore.mark(two.id, "false_positive", reviewer="李审核", note="公开文件")

    got = logstore.get(one.id)
    assert got is not None and (got.status, got.reviewer, got.note) == (
        "confirmed",
        "王审核",
        "已上报",
    )
    triage = [e for e in logstore.events(two.id) if e.kind == "triage"]
    assert [e.actor for e in triage] == ["王审核", "李审核"]
    assert [r.id for r in _everything(logstore, LogFilter(status="confirmed"))] == [one.id]
    assert [r.id for r in _everything(logstore, LogFilter(status="false_positive"))] == [two.id]
    new = _everything(logstore, LogFilter(status="new"))
    assert {r.id for r in new} == {r.id for r in flagged} - {one.id, two.id}
    assert logstore.count(LogFilter(status="new")) == len(flagged) - 2
    # the chart's totals agree with the rows under each status filter
    for status, rows in (("new", new), ("confirmed", [one]), ("false_positive", [two])):
        assert _chart_totals(logstore, LogFilter(status=status)) == _row_totals(rows), status
    host = one.host
    same_host_new = [r for r in new if r.host == host]
    assert _chart_totals(logstore, LogFilter(status="new", host=host)) == _row_totals(same_host_new)
    # counts agree with the rows for every category and status (PostgreSQL: from the tables)
    for cat in CATS:
        for status in (None, "new", "confirmed", "false_positive"):
            f = LogFilter(category=cat, status=status)
            assert logstore.count(f) == len(_everything(logstore, f)), (cat, status)
    # back to new: it counts as new again
    logstore.mark(one.id, "new", reviewer="王审核", note=None)
    assert logstore.count(LogFilter(status="new")) == len(flagged) - 1
    assert _chart_totals(logstore, LogFilter(status="confirmed")) == Counter()


def test_text_search_is_a_plain_substring(logstore: LogStore) -> None:
    """`_` and `%` are characters, not patterns: "_1" is 文件_10 … 文件_19."""
    rows = _everything(logstore, LogFilter(verdicts=(), text="_1"))
    assert sorted(r.path[-7:-5] for r in rows) == [f"{i}" for i in range(10, 20)]
    assert _everything(logstore, LogFilter(verdicts=(), text="%")) == []
    # flagged rows, three letters in a row: PostgreSQL answers from its trigram index (LIKE,
    # escaped); 01, 11 and 21 are flagged
    assert logstore.count(LogFilter(text="1.docx")) == 3
    assert logstore.count(LogFilter(text="_1.docx")) == 0
    assert len(_everything(logstore, LogFilter(text="_1.docx"))) == 0
    assert len(_everything(logstore, LogFilter(text="1.docx"))) == 3
    assert len(_everything(logstore, LogFilter(verdicts=(), text="文件_"))) == N
    # a text no index answers may go uncounted on PostgreSQL (None), never miscounted
    assert logstore.count(LogFilter(verdicts=(), text="_1")) in (10, None)


def test_the_menus_and_answers(logstore: LogStore) -> None:
    assert logstore.hosts() == ["pc-0", "pc-1"]
    assert logstore.actions() == ["log"]
    before = logstore.version()
    assert logstore.answers([r.id for r in _everything(logstore, LogFilter())]) == {}
    assert logstore.alert_counts() == []
    assert logstore.version() == before


# -- text search: the same rows in the same order on both stores, whichever way PostgreSQL
# answers (trigram index, Chinese-pair index, newest rows, or reading them) -----------------
TEXT_PATHS = (  # newest first; (path, flagged)
    ("/home/li/Desktop/周报_1.docx", True),
    ("/home/li/Desktop/周报_2.docx", True),
    ("/home/li/Desktop/周报_3.docx", True),
    ("/home/li/Desktop/名单.txt", False),  # clean: only an all-verdicts search finds it
    ("/home/li/归档/2025/排查名单_01.xlsx", True),
    ("/home/li/归档/2025/人员名单.xlsx", True),
    ("/home/li/归档/100%_完成.docx", True),
    ("C:\\Users\\li\\文档\\名单_2.docx", True),
    ("/home/li/归档/x1y.docx", True),
    ("/home/li/归档/x_y.docx", True),
    ("/home/li/归档/2025/排查名单_02.xlsx", True),
)
SEARCHES = (
    "名单",  # two Chinese characters: no trigram in a LIKE; the pair index
    "排查名单",  # rare Chinese, old rows only
    "人员名",
    "名单_",
    "周报",  # the newest rows
    "2025/排查",
    "%",  # LIKE metacharacters are characters
    "100%_",
    "_",
    "x_y",  # not x1y
    "\\",
    "\\li\\",
    "绝密",  # nothing
    "zzzq",
    "li",  # every row
)
UNINDEXED = {"%", "_", "\\", "li"}  # no trigram, no Chinese pair: PostgreSQL reads the rows


def _fill_text(store: Store) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    # appended oldest first but not in time order, so ids and times disagree
    for k in (3, 9, 0, 10, 5, 1, 7, 2, 8, 4, 6):
        path, flagged = TEXT_PATHS[k]
        v = Verdict(
            path=path,
            decision=Decision.FLAGGED if flagged else Decision.CLEAN,
            categories=(CategoryScore("screening_list", 0.7, 0.6, ()),) if flagged else (),
            sha256=f"{k:064x}",
            size=100 + k,
            media_type="application/pdf",
        )
        time = (now - dt.timedelta(hours=3 * k + 1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        store.append_verdict(v, action="log", mode="audit", time=time, host="pc-0")


@pytest.fixture(params=["sqlite", "postgresql"])
def textstore(request: pytest.FixtureRequest, tmp_path: Path):
    yield from _open(request, tmp_path, _fill_text)


@pytest.mark.parametrize("small", [False, True], ids=["default", "small-window-and-cap"])
def test_text_search_finds_the_same_rows_in_order(
    textstore: LogStore, small: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each text's rows newest first, paged both ways, flagged and all verdicts. `small`: on
    PostgreSQL a newest-rows window of 2 and at most 2 matches read from an index, so texts
    matching only old rows, and more rows than that, take the other ways there."""
    if small:
        import server.logstore

        monkeypatch.setattr(server.logstore, "TEXT_WINDOW", 2)
        monkeypatch.setattr(server.logstore, "TEXT_CAP", 2)
    for text in SEARCHES:
        for verdicts in (("flagged",), ()):
            f = LogFilter(verdicts=verdicts, text=text)
            want = [p for p, flagged in TEXT_PATHS if text in p and (flagged or not verdicts)]
            pages = _walk(textstore, f, 2)
            got = [r.path for page in pages for r in page]
            assert got == want, (text, verdicts)
            for earlier, later in itertools.pairwise(pages):
                back = textstore.page(f, limit=2, after=cursor_of(later[0]))
                assert [r.id for r in back] == [r.id for r in earlier], (text, verdicts)
            count = textstore.count(f, cap=10)
            assert count in (len(want), None), (text, verdicts)
            if isinstance(textstore, Store) or (verdicts and text not in UNINDEXED):
                assert count == len(want), (text, verdicts)  # an index answers these
            assert textstore.count(f, cap=0) in (min(len(want), 1), None)
            days = textstore.counts_by_day(f)
            if days is not None:
                assert sum(n for *_, n in days) == sum(1 for p in want if "名单.txt" not in p)
