from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from agent.store import LogFilter, Store, load_install_key, value_hasher
from detectors.model import CategoryScore, Decision, Evidence, Verdict


def _verdict(path: str, cat: str = "screening_list", score: float = 0.9) -> Verdict:
    ev = Evidence("identifiers", "resident_id", "4201**********1234", "t0 r2 c3", 0.5)
    return Verdict(
        path=path,
        decision=Decision.FLAGGED,
        sha256="ab" * 32,
        size=10,
        media_type="text/plain",
        categories=(CategoryScore(cat, score, 0.5, (ev,)),),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    key = load_install_key(tmp_path / "data" / "install.key")
    s = Store(tmp_path / "data" / "log.sqlite3", key)
    yield s
    s.close()


def test_append_query_and_verify(store: Store) -> None:
    ids = [
        store.append_verdict(_verdict(f"/home/u/Desktop/f{i}.docx"), action="alert", mode="warn")
        for i in range(5)
    ]
    store.append_verdict(Verdict(path="/x/clean.txt", decision=Decision.CLEAN))
    assert store.count() == 5
    assert store.count(LogFilter(verdicts=())) == 6
    row = store.get(ids[0])
    assert row is not None and row.categories == [{"id": "screening_list", "score": 0.9}]
    assert row.evidence[0]["text"] == "4201**********1234"
    assert store.counts_by_category() == {"screening_list": 5}
    store.mark(ids[1], "false_positive", reviewer="sec", note="template")
    assert store.get(ids[1]).status == "false_positive"
    assert store.count(LogFilter(status="false_positive")) == 1
    assert store.count(LogFilter(status="new")) == 4
    assert store.count(LogFilter(folder="/home/u/Desktop")) == 5
    assert store.count(LogFilter(folder="/home/u/Desk")) == 0
    assert store.verify().ok


def test_log_files_are_private(store: Store, tmp_path: Path) -> None:
    store.append_verdict(_verdict("/a"))
    for p in (tmp_path / "data" / "log.sqlite3", tmp_path / "data" / "install.key"):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_append_only_triggers_refuse_edits(store: Store) -> None:
    rid = store.append_verdict(_verdict("/a"))
    with pytest.raises(sqlite3.DatabaseError):
        store.db.execute("UPDATE verdicts SET path='/b' WHERE id=?", (rid,))
    with pytest.raises(sqlite3.DatabaseError):
        store.db.execute("DELETE FROM verdicts WHERE id=?", (rid,))


def _tamper(store: Store, sql: str, *args: object) -> None:
    store.db.execute("DROP TRIGGER verdicts_no_update")
    store.db.execute("DROP TRIGGER verdicts_no_delete")
    store.db.execute(sql, args)


def test_verify_catches_edited_row(store: Store) -> None:
    ids = [store.append_verdict(_verdict(f"/f{i}")) for i in range(3)]
    _tamper(store, "UPDATE verdicts SET verdict='clean' WHERE id=?", ids[1])
    result = store.verify()
    assert not result.ok
    assert any(f"row {ids[1]} was altered" in p for p in result.problems)


def test_verify_catches_deleted_rows(store: Store) -> None:
    ids = [store.append_verdict(_verdict(f"/f{i}")) for i in range(4)]
    _tamper(store, "DELETE FROM verdicts WHERE id=?", ids[1])
    assert any("missing" in p for p in store.verify().problems)


def test_verify_catches_deleted_last_row(store: Store) -> None:
    ids = [store.append_verdict(_verdict(f"/f{i}")) for i in range(3)]
    _tamper(store, "DELETE FROM verdicts WHERE id=?", ids[-1])
    assert not store.verify().ok


def test_purged_evidence_keeps_chain_valid(store: Store) -> None:
    store.append_verdict(_verdict("/old"), time="2020-01-01T00:00:00.000Z")
    store.append_verdict(_verdict("/new"))
    assert store.purge_evidence("2021-01-01") == 1
    rows = store.query()
    assert rows[-1].evidence is None and rows[0].evidence is not None
    assert store.verify().ok


def test_edited_evidence_detected(store: Store) -> None:
    rid = store.append_verdict(_verdict("/a"))
    store.db.execute("DROP TRIGGER verdicts_no_update")
    store.db.execute("UPDATE verdicts SET evidence='[]' WHERE id=?", (rid,))
    assert not store.verify().ok


def test_reopen_keeps_chain(tmp_path: Path) -> None:
    key = load_install_key(tmp_path / "k")
    with Store(tmp_path / "log.db", key) as s:
        s.append_verdict(_verdict("/a"))
    with Store(tmp_path / "log.db", key) as s:
        s.append_verdict(_verdict("/b"))
        assert s.verify().ok and s.verify().rows == 2
    with Store(tmp_path / "log.db", b"x" * 32) as s:
        assert not s.verify().ok  # a different install key cannot forge the chain


def test_value_hasher_is_keyed(tmp_path: Path) -> None:
    a = value_hasher(b"a" * 32)("420101199001011234")
    b = value_hasher(b"b" * 32)("420101199001011234")
    assert a != b and len(a) == 32
