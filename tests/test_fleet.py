"""Two real agents (`shareguard run` subprocesses with their own homes and watched folders),
enrolled with tokens, forward what they flag to a real server on a real PostgreSQL."""

from __future__ import annotations

import json
import time
from pathlib import Path

import psycopg
import pytest

from agent.config import load_config
from agent.forward import enroll, set_fleet_server
from tests.agent_helpers import AgentProcess, log_rows, roster_text, wait_for, write_config
from tests.server_helpers import ThreadServer, cli


@pytest.fixture
def server(pg_dsn: str, tmp_path: Path):
    s = ThreadServer(pg_dsn, tmp_path / "state").start()
    yield s
    s.stop()


def test_two_enrolled_agents_show_every_flagged_file_centrally_within_10s(
    server: ThreadServer, tmp_path: Path
) -> None:
    pcs = []
    for name, dept in (("pc1", "内科"), ("pc2", "办公室")):
        home = tmp_path / name
        watched = home / "Desktop"
        watched.mkdir(parents=True)
        cfg = write_config(
            home / "config.toml", data_dir=home / "data", watch=[watched], mode="audit"
        )
        cred = enroll(server.token(department=dept), load_config(cfg))
        set_fleet_server(cfg, cred.url)
        env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "XDG_DATA_HOME": str(home / ".local/share")}  # fmt: skip
        agent = AgentProcess(cfg, env=env, log=home / "agent.log")
        pcs.append((name, home, watched, cred, agent))
    try:
        for _, home, _, _, agent in pcs:
            agent.wait_ready(home / "data" / "agent-state.json", timeout=120)
        ids_written = []
        for i, (_, _, watched, _, _) in enumerate(pcs):
            for k in range(2):
                f = watched / f"排查名单_{k}.csv"
                text = roster_text(10 * i + k)
                f.write_text(text, encoding="utf-8")
                ids_written += [line.split(",")[2] for line in text.splitlines()[3:]]
        delays = []
        for _, home, _, cred, agent in pcs:
            rows = wait_for(lambda h=home: (r := log_rows(h / "data")) and len(r) >= 2 and r, 120)
            local_seen = time.monotonic()
            flagged = [r for r in rows if r["verdict"] == "flagged"]
            assert len(flagged) == 2, agent.output()

            n = len(rows)

            def central(cred=cred, n=n) -> bool:
                with psycopg.connect(server.dsn) as c:
                    k = c.execute(
                        "SELECT count(*) FROM verdicts WHERE agent_id = %s", (cred.agent_id,)
                    ).fetchone()[0]
                return k >= n

            wait_for(central, timeout=10, interval=0.1)
            delays.append(time.monotonic() - local_seen)
        out = cli("server", "log", "--dsn", server.dsn).stdout
        records = [json.loads(x) for x in out.splitlines()]
        assert len(records) == 4
        assert {r["agent_id"] for r in records} == {p[3].agent_id for p in pcs}
        assert all(r["categories"] == ["screening_list"] for r in records), records
        from policies import load_policy

        expected = load_policy(load_config(pcs[0][1] / "config.toml").policy_files()).version
        assert {r["policy_version"] for r in records} == {expected}
        for raw in ids_written:  # nothing raw reaches the centre
            assert raw not in out
        assert max(delays) <= 10
        # the heartbeat carries each PC's health
        for *_, agent in pcs:
            agent.stop()
        agents = [
            json.loads(x) for x in cli("server", "agents", "--dsn", server.dsn).stdout.splitlines()
        ]
        assert {a["department"] for a in agents} == {"内科", "办公室"}
        assert all(a["watched_folders"] for a in agents)
    finally:
        for *_, agent in pcs:
            agent.stop()
