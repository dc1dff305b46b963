"""The office server against a real PostgreSQL (Debian's, a throwaway cluster): schema,
enrolment with CA pinning, idempotent chain-checked forwarding, tamper detection, crash safety,
offline catch-up, policy from the centre."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import psycopg
import pytest

from agent.config import load_config
from agent.forward import (
    FleetError,
    Forwarder,
    enroll,
    load_credential,
    set_fleet_server,
    verify_policy,
)
from agent.store import (
    VERDICT_FIELDS,
    WIRE_VERDICT_FIELDS,
    Store,
    chain_hash,
    chain_key,
    load_install_key,
)
from policies import load_policy
from tests.server_helpers import (
    ServerProc,
    ThreadServer,
    agent_config,
    cli,
    fill_log,
    wait_rows,
)


@pytest.fixture
def server(pg_dsn: str, tmp_path: Path):
    s = ThreadServer(pg_dsn, tmp_path / "state").start()
    yield s
    s.stop()


@pytest.fixture
def server_proc(pg_dsn: str, tmp_path: Path):
    """The real `shareguard server run` process (for kill -9 and the CLI)."""
    s = ServerProc(pg_dsn, tmp_path / "state").start()
    yield s
    s.stop()


def enrolled(server, base: Path, name: str, department: str = "") -> tuple:
    cfg_path = agent_config(base, name)
    cred = enroll(server.token(department=department), load_config(cfg_path))
    set_fleet_server(cfg_path, cred.url)
    return load_config(cfg_path), cred


def server_rows(dsn: str) -> list[tuple]:
    with psycopg.connect(dsn) as c:
        return c.execute(
            "SELECT agent_id, row_id, row_hash FROM verdicts ORDER BY agent_id, row_id"
        ).fetchall()


def local_rows(config) -> list[tuple[int, str]]:
    with Store.open(config) as st:
        return [(i, h) for i, h in st.db.execute("SELECT id, row_hash FROM verdicts ORDER BY id")]


def breaks(dsn: str) -> list[dict]:
    with psycopg.connect(dsn) as c:
        rows = c.execute("SELECT row_id, kind FROM chain_breaks ORDER BY id").fetchall()
    return [{"row_id": r, "kind": k} for r, k in rows]


def test_init_is_idempotent_and_versioned(pg_empty_dsn: str) -> None:
    from server.db import LATEST, MIGRATIONS

    first = cli("--lang", "en", "server", "init", "--dsn", pg_empty_dsn)
    assert f"v0 → v{LATEST}" in first.stdout
    second = cli("--lang", "en", "server", "init", "--dsn", pg_empty_dsn)
    assert f"v{LATEST} → v{LATEST}" in second.stdout
    with psycopg.connect(pg_empty_dsn) as c:
        versions = c.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        assert versions == [(v,) for v in sorted(MIGRATIONS)]
        tables = {
            r[0] for r in c.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        }
    assert {"agents", "verdicts", "agent_events", "chain_breaks", "users", "policies"} <= tables


def test_run_makes_a_private_ca_and_the_token_pins_it(server_proc: ServerProc, tmp_path: Path):
    server = server_proc
    assert stat.S_IMODE(server.state.stat().st_mode) == 0o700
    assert stat.S_IMODE((server.state / "ca.key").stat().st_mode) == 0o600
    printed = server.log.read_text()
    from server.tls import fingerprint

    fp = fingerprint((server.state / "ca.pem").read_bytes())
    assert fp in printed
    token = server.token(uses=2, department="内科")
    raw = token[4:]
    body = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    assert body["u"] == server.url and body["f"] == fp

    cfg_path = agent_config(tmp_path, "pc1")
    cli("enroll", token, "--config", str(cfg_path))
    config = load_config(cfg_path)
    cred = load_credential(config)
    cred_file = Path(config.data_path) / "fleet.json"
    assert stat.S_IMODE(cred_file.stat().st_mode) == 0o600
    assert body["s"] not in cred_file.read_text()  # the token's secret is not kept
    assert config.fleet.server == server.url
    assert cred.fingerprint == fp


def test_a_token_for_another_ca_or_a_spent_token_is_refused(server: ThreadServer, tmp_path: Path):
    token = server.token(uses=1)
    raw = token[4:]
    body = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    body["f"] = "sha256:" + "0" * 64
    forged = "SG1." + base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")
    config = load_config(agent_config(tmp_path, "pc1"))
    with pytest.raises(FleetError, match="fingerprint"):
        enroll(forged, config)
    assert load_credential(config) is None
    enroll(token, config)
    with pytest.raises(FleetError, match="403"):
        enroll(token, load_config(agent_config(tmp_path, "pc2")))
    r = cli("enroll", "garbage", "--config", str(agent_config(tmp_path, "pc3")), check=False)
    assert r.returncode == 2


def test_forwarding_is_complete_ordered_and_idempotent(server: ThreadServer, tmp_path: Path):
    config, cred = enrolled(server, tmp_path, "pc1", department="内科")
    fill_log(config, 30, flagged_every=3)
    with Store.open(config) as st:
        st.mark(1, "confirmed", reviewer="张老师")
    fw = Forwarder(config, cred, batch=7)
    assert fw.sync() == 31
    assert [(r[1], r[2]) for r in server_rows(server.dsn)] == local_rows(config)
    # a resend from scratch (agent crashed before the ack, server restored...) doubles nothing
    fw.heads = {"verdicts": 0, "events": 0}
    for stream in ("verdicts", "events"):
        while fw.send(stream):
            pass
    assert len(server_rows(server.dsn)) == 30
    with psycopg.connect(server.dsn) as c:
        assert c.execute("SELECT count(*) FROM agent_events").fetchone()[0] == 1
        # the per-day counts behind the console's chart count each flagged row once
        assert c.execute("SELECT sum(n) FROM verdict_daily").fetchone()[0] == 10
    assert breaks(server.dsn) == []
    out = [json.loads(x) for x in cli("server", "log", "--dsn", server.dsn).stdout.splitlines()]
    assert len(out) == 10  # flagged only
    first = out[0]
    assert set(first) >= {
        "agent_id", "host", "row_id", "time", "path", "sha256", "verdict", "categories",
        "action", "status", "policy_version",
    }  # fmt: skip
    assert first["agent_id"] == cred.agent_id and first["verdict"] == "flagged"
    assert first["categories"] == ["internal_material"]
    r = cli("server", "agents", "--dsn", server.dsn)
    agents = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(agents) == 1 and agents[0]["department"] == "内科"
    assert set(agents[0]) >= {
        "agent_id", "host", "user", "version", "policy_version", "last_seen", "pending",
        "watched_folders", "alerts_available",
    }  # fmt: skip


def test_a_rewritten_or_deleted_local_row_is_a_chain_break(server: ThreadServer, tmp_path: Path):
    config, cred = enrolled(server, tmp_path, "pc1")
    fill_log(config, 6)
    fw = Forwarder(config, cred)
    fw.sync()
    assert breaks(server.dsn) == []
    # Someone with the PC's disk edits an already forwarded row's path, deletes another, and
    # rewrites a third the careful way: with the install key, re-chaining the rows after it.
    key = chain_key(load_install_key(config.key_path))
    db = sqlite3.connect(Path(config.data_path) / "log.sqlite3")
    db.execute("DROP TRIGGER verdicts_no_update")
    db.execute("DROP TRIGGER verdicts_no_delete")
    db.execute("UPDATE verdicts SET path = '/home/pc/Desktop/无害.docx' WHERE id = 2")
    db.execute("DELETE FROM verdicts WHERE id = 4")
    db.execute("UPDATE verdicts SET verdict = 'clean', categories = '[]' WHERE id = 5")
    prev = db.execute("SELECT row_hash FROM verdicts WHERE id = 3").fetchone()[0]
    fields = ", ".join(WIRE_VERDICT_FIELDS)
    for rid in (5, 6):
        names = [*WIRE_VERDICT_FIELDS]
        rec = dict(zip(names, db.execute(f"SELECT {fields} FROM verdicts WHERE id = ?", (rid,))
                       .fetchone(), strict=True))  # fmt: skip
        rec.update(id=rid, prev_hash=prev, row_hash="")
        values = [rec["path_digest"] if f == "path" else rec[f]
                  for f in (*VERDICT_FIELDS, "path_hash", "policy_version")]  # fmt: skip
        new_hash = chain_hash(key, prev, values)
        db.execute("UPDATE verdicts SET prev_hash = ?, row_hash = ? WHERE id = ?",
                   (prev, new_hash, rid))  # fmt: skip
        prev = new_hash
    db.commit()
    db.close()
    fw.heartbeat()  # learns which forwarded rows to re-check
    fw.heartbeat()  # sends their digests
    found = {(b["row_id"], b["kind"]) for b in breaks(server.dsn)}
    assert found == {(2, "rewritten"), (4, "deleted"), (5, "rewritten"), (6, "rewritten")}
    # the server keeps the copy it received first
    with psycopg.connect(server.dsn) as c:
        assert c.execute("SELECT verdict FROM verdicts WHERE row_id = 5").fetchone()[0] == "flagged"


def test_rows_removed_before_forwarding_show_as_a_gap(server: ThreadServer, tmp_path: Path):
    config, cred = enrolled(server, tmp_path, "pc1")
    fill_log(config, 6)
    db = sqlite3.connect(Path(config.data_path) / "log.sqlite3")
    db.execute("DROP TRIGGER verdicts_no_delete")
    db.execute("DELETE FROM verdicts WHERE id IN (3, 4)")
    db.commit()
    db.close()
    Forwarder(config, cred).sync()
    kinds = {(b["row_id"], b["kind"]) for b in breaks(server.dsn)}
    assert (5, "gap") in kinds


def test_kill9_of_the_server_mid_burst_loses_and_doubles_nothing(server_proc, tmp_path):
    server = server_proc
    agents = [enrolled(server, tmp_path, f"pc{i}") for i in range(2)]
    fws = [Forwarder(cfg, cred, batch=20, poll_s=0.05) for cfg, cred in agents]
    threads = [fw.start() for fw in fws]
    try:

        def burst(cfg) -> None:
            for k in range(15):
                fill_log(cfg, 20, start=k * 20)

        writers = [threading.Thread(target=burst, args=(cfg,)) for cfg, _ in agents]
        for w in writers:
            w.start()
        time.sleep(0.8)
        server.kill9()
        time.sleep(1.0)
        server.start()
        for w in writers:
            w.join()
        wait_rows(server.dsn, 600, timeout=90)
    finally:
        for fw in fws:
            fw.stop()
        for th in threads:
            th.join(10)
    rows = server_rows(server.dsn)
    assert len(rows) == 600 == len(set(rows))
    for cfg, cred in agents:
        assert [(r[1], r[2]) for r in rows if r[0] == cred.agent_id] == local_rows(cfg)
    assert breaks(server.dsn) == []


def test_an_agent_offline_for_200_files_catches_up_in_order(server: ThreadServer, tmp_path: Path):
    config, cred = enrolled(server, tmp_path, "pc1")
    server.stop()
    fw = Forwarder(config, cred, batch=50, poll_s=0.05)
    th = fw.start()
    try:
        fill_log(config, 200)
        time.sleep(1.5)
        assert fw.errors >= 1  # it tried, and kept the rows
        server.start()
        wait_rows(server.dsn, 200, timeout=90)
    finally:
        fw.stop()
        th.join(10)
    assert [(r[1], r[2]) for r in server_rows(server.dsn)] == local_rows(config)
    assert breaks(server.dsn) == []


POLICY = """\
allowlist:
  phrases: [公开发布的招聘公告]
"""


def test_policy_from_the_centre_is_signed_and_pulled(server: ThreadServer, tmp_path: Path):
    config, cred = enrolled(server, tmp_path, "pc1")
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories: [oops\n", encoding="utf-8")
    r = cli("server", "policy", "--dsn", server.dsn, str(bad), check=False)
    assert r.returncode == 2 and "bad.yaml:" in r.stderr
    good = tmp_path / "org.yaml"
    good.write_text(POLICY, encoding="utf-8")
    cli("server", "policy", "--dsn", server.dsn, str(good))
    before = load_policy(config.policy_files())
    fw = Forwarder(config, cred)
    fw.heartbeat()
    pulled = config.fleet_policy_path
    assert pulled.read_text(encoding="utf-8") == POLICY
    assert stat.S_IMODE(pulled.stat().st_mode) == 0o600
    # the agent's policy now includes the pack (the running agent reloads on the new file)
    after = load_policy(config.policy_files())
    assert str(pulled) in config.policy_files() and after.version != before.version
    assert "公开发布的招聘公告" in after.raw["allowlist"]["phrases"]
    # a pack not signed by our server is refused
    pack = fw.client.json("GET", "/api/v1/policy")
    assert verify_policy(cred.policy_key, pack["body"], pack["signature"])
    assert not verify_policy(cred.policy_key, pack["body"] + "#", pack["signature"])
    fw.heartbeat()
    with psycopg.connect(server.dsn) as c:
        (fleet_policy,) = c.execute("SELECT fleet_policy FROM agents").fetchone()
    assert fleet_policy == 1


def test_unauthenticated_agents_are_refused(server: ThreadServer, tmp_path: Path):
    config, cred = enrolled(server, tmp_path, "pc1")
    from dataclasses import replace

    fw = Forwarder(config, replace(cred, agent_key="wrong"))
    with pytest.raises(FleetError, match="401"):
        fw.heartbeat()
    assert os.environ.get("SHAREGUARD_DSN") is None
