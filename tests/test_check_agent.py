"""`shareguard check` with the agent running: the agent judges the file with its own (warm)
worker over the local check channel and logs the verdict once; without an agent, or with a dead
one, `check` judges the file itself. Real agent process, real Unix socket, real log."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.agent_helpers import (
    SHAREGUARD,
    AgentProcess,
    extraction_workers,
    log_rows,
    wait_for,
    write_config,
)

CLASSIFIED = "关于做好近期重点工作的通知\n秘密★1年\n各科室：\n请按要求落实。\n"
CLEAN = "周末社区图书馆开放时间调整为上午九点至下午五点，欢迎居民前来借阅。\n"


def check(cfg: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SHAREGUARD), "check", "--no-notify", "--config", str(cfg), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    # short paths: a Unix socket path must stay under ~100 bytes
    data = tmp_path / "d"
    watched = tmp_path / "w"
    watched.mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "通知.txt").write_text(CLASSIFIED, encoding="utf-8")
    (docs / "开放时间.txt").write_text(CLEAN, encoding="utf-8")
    cfg = write_config(tmp_path / "config.toml", data_dir=data, watch=[watched])
    return {"cfg": cfg, "data": data, "docs": docs, "log": tmp_path / "agent.log"}


def test_check_is_judged_and_logged_once_by_the_running_agent(setup) -> None:
    agent = AgentProcess(setup["cfg"], log=setup["log"])
    try:
        agent.wait_ready(setup["data"] / "agent-state.json")
        sock = setup["data"] / "check.sock"
        assert stat.S_ISSOCK(sock.stat().st_mode)
        assert stat.S_IMODE(sock.stat().st_mode) == 0o600
        assert not extraction_workers(agent.pid)  # idle agent: no worker yet

        r = check(setup["cfg"], setup["docs"] / "通知.txt", setup["docs"] / "开放时间.txt")
        assert r.returncode == 1, r.stdout + r.stderr
        assert "涉密标识文件" in r.stdout
        # the agent's own worker did the reading, and stays for the next check
        workers = extraction_workers(agent.pid)
        assert len(workers) == 1
        rows = log_rows(setup["data"])
        assert [(Path(r["path"]).name, r["action"], r["verdict"]) for r in rows] == [
            ("通知.txt", "check", "flagged"),
            ("开放时间.txt", "check", "clean"),
        ]
        assert "checked for `check`" in agent.output()

        r = check(setup["cfg"], setup["docs"] / "开放时间.txt")
        assert r.returncode == 0, r.stdout + r.stderr
        assert extraction_workers(agent.pid)[0].pid == workers[0].pid  # warm: same worker
        assert len(log_rows(setup["data"])) == 3
    finally:
        assert agent.stop() == 0
    assert not (setup["data"] / "check.sock").exists()

    # no agent: check reads and logs the file itself
    r = check(setup["cfg"], setup["docs"] / "通知.txt")
    assert r.returncode == 1, r.stdout + r.stderr
    assert len(log_rows(setup["data"])) == 4


def test_a_killed_agent_leaves_a_dead_socket_and_check_still_answers(setup) -> None:
    agent = AgentProcess(setup["cfg"], log=setup["log"])
    agent.wait_ready(setup["data"] / "agent-state.json")
    agent.kill9()
    assert (setup["data"] / "check.sock").exists()
    r = check(setup["cfg"], setup["docs"] / "通知.txt")
    assert r.returncode == 1, r.stdout + r.stderr
    (row,) = log_rows(setup["data"])
    assert row["action"] == "check" and row["verdict"] == "flagged"
    # the next agent replaces the dead socket and serves checks again
    agent = AgentProcess(setup["cfg"], log=setup["log"])
    try:
        agent.wait_ready(setup["data"] / "agent-state.json")
        r = check(setup["cfg"], setup["docs"] / "开放时间.txt")
        assert r.returncode == 0, r.stdout + r.stderr
        wait_for(lambda: "checked for `check`" in agent.output(), 5)
    finally:
        agent.stop()


def test_the_channel_refuses_a_client_without_the_install_key(setup) -> None:
    from multiprocessing import AuthenticationError
    from multiprocessing.connection import Client

    agent = AgentProcess(setup["cfg"], log=setup["log"])
    try:
        agent.wait_ready(setup["data"] / "agent-state.json")
        with pytest.raises((AuthenticationError, EOFError, ConnectionError)):
            Client(str(setup["data"] / "check.sock"), "AF_UNIX", authkey=os.urandom(32))
        assert not log_rows(setup["data"])
        # the agent keeps serving its own person
        r = check(setup["cfg"], setup["docs"] / "通知.txt")
        assert r.returncode == 1, r.stdout + r.stderr
        assert len(log_rows(setup["data"])) == 1
    finally:
        agent.stop()
