"""The persistent queue: survives reopen, coalesces, defers, finishes exactly once."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from agent.queue import Queue, count_items


def _file(p: Path, text: str = "x") -> os.stat_result:
    p.write_text(text, encoding="utf-8")
    return os.lstat(p)


def test_private_and_persistent(tmp_path: Path) -> None:
    qp = tmp_path / "data" / "queue.sqlite3"
    q = Queue(qp)
    q.put_many(["/a", "/b", "/a"])
    assert len(q) == 2
    q.close()
    assert stat.S_IMODE(qp.stat().st_mode) == 0o600
    q = Queue(qp)  # a new process would see the same
    assert len(q) == 2 and count_items(qp) == 2
    assert q.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    q.close()


def test_claim_respects_due_and_order(tmp_path: Path) -> None:
    q = Queue(tmp_path / "q.sqlite3")
    now = time.time()
    q.put("/later", delay=60, now=now)
    q.put("/now", now=now)
    item = q.claim(now=now + 0.01)
    assert item is not None and item.path == "/now" and item.attempts == 1
    assert q.claim(now=now + 0.01) is None  # /later is not due; /now is claimed
    assert q.claim(now=now + 61).path == "/later"


def test_events_push_back_a_pending_item(tmp_path: Path) -> None:
    q = Queue(tmp_path / "q.sqlite3")
    q.put("/f", delay=1, now=100.0)
    q.put("/f", delay=1, now=105.0)  # still being written: due moves to 106
    assert q.claim(now=102.0) is None
    assert q.claim(now=106.0) is not None


def test_new_event_during_scan_requeues(tmp_path: Path) -> None:
    q = Queue(tmp_path / "q.sqlite3")
    f = tmp_path / "a.txt"
    st = _file(f)
    q.put(str(f))
    item = q.claim()
    q.put(str(f))  # the file changed while it was being judged
    q.done(item, st=st, sha256="s", verdict_id=1)
    assert len(q) == 1, "a changed file is judged again"
    item2 = q.claim()
    q.done(item2, st=st, sha256="s", verdict_id=2)
    assert len(q) == 0


def test_interrupted_items_and_release(tmp_path: Path) -> None:
    qp = tmp_path / "q.sqlite3"
    q = Queue(qp)
    q.put_many(["/a", "/b", "/c"])
    a, b = q.claim(), q.claim()
    q.start_scan(a, "sha-a", 7)
    q.mark_logged(b, 42)
    q.close()  # "crash"
    q = Queue(qp)
    got = {i.path: i for i in q.interrupted()}
    assert set(got) == {"/a", "/b"}
    assert (got["/a"].sha256, got["/a"].log_head) == ("sha-a", 7)
    assert got["/b"].verdict_id == 42 and got["/b"].state == "logged"
    q.release(got["/a"])
    assert {i.path for i in q.interrupted()} == {"/b"}


def test_catch_up_uses_the_stat_index(tmp_path: Path) -> None:
    q = Queue(tmp_path / "q.sqlite3")
    files = [tmp_path / f"f{i}.txt" for i in range(5)]
    stats = {str(f): _file(f, f"v{f.name}") for f in files}
    for p, st in stats.items():
        q.remember(p, st, "sha", 1)
    assert q.catch_up(stats.items()) == 0, "unchanged files are not queued again"
    time.sleep(0.01)
    st = _file(files[2], "changed while the agent was down")
    stats[str(files[2])] = st
    new = tmp_path / "new.txt"
    stats[str(new)] = _file(new)
    assert q.catch_up(stats.items()) == 2
    assert {i.path for i in q.pending()} == {str(files[2]), str(new)}


def test_burst_of_1000_is_held_on_disk(tmp_path: Path) -> None:
    q = Queue(tmp_path / "q.sqlite3")
    q.put_many(f"/burst/{i:04d}.txt" for i in range(1000))
    assert len(q) == 1000
    assert len(q.pending(limit=10)) == 10
    seen = set()
    while (item := q.claim()) is not None:
        seen.add(item.path)
        q.drop(item)
    assert len(seen) == 1000 and len(q) == 0
