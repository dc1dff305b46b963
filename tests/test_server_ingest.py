"""Row intake details against a real PostgreSQL: a server restored from a backup gets every row
again, stale resends double nothing, and the derived tables (category index, per-day counts)
agree with the rows they are derived from."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import psycopg

from agent.forward import Forwarder
from server import ingest
from tests.pg_cluster import find_pg_bin
from tests.server_helpers import ThreadServer, fill_log
from tests.test_server import breaks, enrolled, local_rows, server_rows


def test_a_server_restored_from_last_nights_backup_gets_every_row_again(
    pg_dsn: str, tmp_path: Path
) -> None:
    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    config, cred = enrolled(server, tmp_path, "pc1")
    fw = Forwarder(config, cred, batch=15, heartbeat_s=3600)  # no heartbeat to learn from
    try:
        fill_log(config, 20, flagged_every=2)
        assert fw.sync() == 20
        backup = tmp_path / "backup.dump"
        pg = find_pg_bin()
        assert pg is not None
        subprocess.run([str(pg / "pg_dump"), "-Fc", "-f", str(backup), pg_dsn], check=True)
        fill_log(config, 20, start=20, flagged_every=2)
        assert fw.sync() == 20
        server.stop()
        # the database is lost; the office restores last night's dump into a new one and
        # starts the server at the same address with the same state dir (same CA)
        restored = pg_dsn + "_restored"
        with psycopg.connect(pg_dsn.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{restored.rsplit("/", 1)[1]}"')
        subprocess.run(
            [str(pg / "pg_restore"), "--no-owner", "-d", restored, str(backup)], check=True
        )
        again = ThreadServer(restored, tmp_path / "state")
        again.port, again.url = server.port, server.url
        again.start()
        try:
            fill_log(config, 10, start=40, flagged_every=2)
            fw.sync()  # the agent still believes the server holds 40 rows
            assert [(r[1], r[2]) for r in server_rows(restored)] == local_rows(config)
            assert breaks(restored) == []  # no false gap for the rows the backup lacked
        finally:
            again.stop()
    finally:
        fw.close()
        server.stop()


def test_a_stale_resend_is_answered_with_the_head_and_doubles_nothing(
    pg_dsn: str, tmp_path: Path
) -> None:
    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        config, cred = enrolled(server, tmp_path, "pc1")
        fill_log(config, 30, flagged_every=3)
        fw = Forwarder(config, cred, batch=7)
        assert fw.sync() == 30
        # the agent lost the answers (a timeout after the server committed): it starts over
        fw.heads = {"verdicts": 0, "events": 0}
        assert fw.send("verdicts") == 0
        assert fw.heads["verdicts"] == 30  # it learnt the server's head instead
        fill_log(config, 5, start=30, flagged_every=3)
        assert fw.sync() == 5
        assert [(r[1], r[2]) for r in server_rows(pg_dsn)] == local_rows(config)
        assert breaks(pg_dsn) == []
        fw.close()
    finally:
        server.stop()


def test_an_agent_that_does_not_say_after_still_doubles_nothing(
    pg_dsn: str, tmp_path: Path
) -> None:
    """Agents from before `after` resend rows the server has: each is acknowledged once."""
    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        config, cred = enrolled(server, tmp_path, "pc1")
        fill_log(config, 12, flagged_every=2)
        from agent.store import Store, chain_rows

        with Store.open(config) as st:
            rows = chain_rows(st, "verdicts", 0, 100)
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            first = ingest.ingest(conn, cred.agent_id, "verdicts", rows[:8])
            again = ingest.ingest(conn, cred.agent_id, "verdicts", rows)
        assert (first.accepted, first.head) == (8, 8)
        assert (again.accepted, again.duplicates, again.head) == (4, 8, 12)
        assert again.breaks == [] and not again.resync
        assert len(server_rows(pg_dsn)) == 12
    finally:
        server.stop()


def test_category_index_and_daily_counts_agree_with_the_rows(pg_dsn: str, tmp_path: Path) -> None:
    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        fws = []
        for i, dept in enumerate(("内科", "办公室", "内科")):
            config, cred = enrolled(server, tmp_path, f"pc{i}", department=dept)
            fill_log(config, 25 + 10 * i, flagged_every=2 + i, host=f"pc-{i % 2}")
            fws.append(Forwarder(config, cred, batch=9))
        for fw in fws:
            fw.sync()
            fw.close()
        with psycopg.connect(pg_dsn) as c:
            daily = c.execute(
                "SELECT day, category, host, department, n FROM verdict_daily ORDER BY 1, 2, 3, 4"
            ).fetchall()
            rows = c.execute(
                "SELECT id, time, host, department, verdict, categories FROM verdicts"
            ).fetchall()
            index = set(c.execute("SELECT verdict_pk, category, score FROM verdict_categories"))
        expected: dict[tuple, int] = {}
        expected_index = set()
        for pk, t, host, dept, verdict, cats in rows:
            for cat in json.loads(cats):
                expected_index.add((pk, cat["id"], cat["score"]))
                if verdict == "flagged":
                    key = (t[:10], cat["id"], host, dept)
                    expected[key] = expected.get(key, 0) + 1
        assert index == expected_index and index
        assert daily == [(*k, n) for k, n in sorted(expected.items())]
        assert sum(n for *_, n in daily) == sum(1 for r in rows if r[4] == "flagged")
    finally:
        server.stop()


def test_a_malformed_category_list_is_stored_not_fatal(pg_dsn: str, tmp_path: Path) -> None:
    """An agent's own bytes (its chain hash covers them, so tampering shows as `altered`):
    a category list that is not JSON must not stop its batch or the agents after it."""
    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        config, cred = enrolled(server, tmp_path, "pc1")
        fill_log(config, 3)
        from agent.store import Store, chain_rows

        with Store.open(config) as st:
            rows = chain_rows(st, "verdicts", 0, 100)
        rows[1]["categories"] = '[{"id": 7}, "x", {"id": "medical_record", "score": "high"}'
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            res = ingest.ingest(conn, cred.agent_id, "verdicts", rows, after=0)
        assert res.accepted == 3
        assert (2, "altered") in {(r, k) for r, k, _ in res.breaks}
        assert len(server_rows(pg_dsn)) == 3
    finally:
        server.stop()


def test_a_rewritten_or_deleted_triage_event_is_a_chain_break(pg_dsn: str, tmp_path: Path):
    """Triage and quarantine events are re-checked on heartbeat like verdict rows: someone who
    turns a confirmed finding into a false positive on the PC, after it was forwarded, shows."""
    import sqlite3

    from agent.store import Store

    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        config, cred = enrolled(server, tmp_path, "pc1")
        fill_log(config, 4)
        with Store.open(config) as st:
            for rid in (1, 2, 3):
                st.mark(rid, "confirmed", reviewer="张老师")
        fw = Forwarder(config, cred)
        fw.sync()
        fw.heartbeat()
        fw.heartbeat()
        assert breaks(pg_dsn) == []  # an untouched log audits clean
        db = sqlite3.connect(Path(config.data_path) / "log.sqlite3")
        db.execute("DROP TRIGGER events_no_update")
        db.execute("DROP TRIGGER events_no_delete")
        db.execute(
            "UPDATE events SET data = replace(data, 'confirmed', 'false_positive') WHERE id = 2"
        )
        db.execute("DELETE FROM events WHERE id = 3")
        db.commit()
        db.close()
        fw.heartbeat()  # the server names the window of events to re-check
        fw.heartbeat()  # the agent sends their digests as they are now
        found = {(b["row_id"], b["kind"]) for b in breaks(pg_dsn)}
        assert found == {(2, "rewritten"), (3, "deleted")}
        with psycopg.connect(pg_dsn) as c:
            streams = {r[0] for r in c.execute("SELECT stream FROM chain_breaks")}
        assert streams == {"events"}
        fw.close()
    finally:
        server.stop()


def test_the_event_audit_window_cycles_through_a_long_chain() -> None:
    assert ingest.event_audit_start(40) == 0
    n = ingest.AUDIT_ROWS
    starts = {ingest.event_audit_start(3 * n + 7, now=30.0 * k) for k in range(8)}
    assert starts == {0, n, 2 * n, 3 * n}  # every event falls in some window


def test_malformed_audit_entries_are_ignored_not_a_server_error(pg_dsn: str, tmp_path: Path):
    server = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        config, cred = enrolled(server, tmp_path, "pc1")
        fill_log(config, 3)
        fw = Forwarder(config, cred)
        fw.sync()
        junk = [["x", "d"], 5, [True, "d"], [], None, [2.5, "d"], [1]]
        hb = fw.client.json(
            "POST", "/api/v1/heartbeat", {"audit": junk, "audit_events": junk, "pending": 0}
        )
        assert hb["verdict_head"] == 3
        assert {(b["row_id"], b["kind"]) for b in breaks(pg_dsn)} == {(1, "deleted")}
        fw.close()
    finally:
        server.stop()
