"""Crash safety: kill -9 of the agent (or of its extraction worker) at a seeded random point
during a 300-file burst, then a restart: every file is judged exactly once and the log verifies.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from agent_helpers import (
    SHAREGUARD,
    AgentProcess,
    extraction_workers,
    log_rows,
    wait_for,
    write_config,
)
from faker import Faker

N_FILES = 300


def _burst_contents(seed: int) -> list[tuple[str, str]]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    out = []
    for i in range(N_FILES):
        if i % 3 == 0:
            body = "排查人员名单\n序号,姓名,身份证号,手机号\n" + "\n".join(
                f"{j},{fake.name()},{fake.ssn()},{fake.phone_number()}" for j in range(1, 4)
            )
            name = f"名单_{i:03d}.csv"
        else:
            body = f"{i}\n" + fake.paragraph()
            name = f"文档_{i:03d}.txt"
        out.append((name, body + "\n"))
    return out


def _write_burst(folder: Path, files: list[tuple[str, str]], stop_at: int | None = None) -> None:
    for k, (name, body) in enumerate(files):
        if stop_at is not None and k == stop_at:
            return
        (folder / name).write_text(body, encoding="utf-8")


def _check_exactly_once(data: Path, folder: Path, files: list[tuple[str, str]]) -> list[dict]:
    rows = [r for r in log_rows(data) if r["path"].startswith(str(folder))]
    counts = Counter(r["path"] for r in rows)
    expected = {str(folder / name) for name, _ in files}
    assert set(counts) == expected, f"missing: {sorted(expected - set(counts))[:5]}"
    dup = {p: n for p, n in counts.items() if n > 1}
    assert not dup, f"judged more than once: {dup}"
    return rows


def _verify(cfg: Path) -> None:
    r = subprocess.run(
        [str(SHAREGUARD), "log", "verify", "--config", str(cfg)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize(
    ("seed", "when", "mode"),
    [(11, "writing", "warn"), (23, "judging", "warn"), (37, "judging", "block")],
)
def test_kill9_agent_during_burst_then_restart(
    tmp_path: Path, seed: int, when: str, mode: str
) -> None:
    rng = random.Random(seed)
    folder = tmp_path / "WeChat Files" / "wxid_test" / "FileStorage" / "File"
    folder.mkdir(parents=True)
    data = tmp_path / "data"
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[folder], mode=mode)
    files = _burst_contents(seed)
    k = rng.randrange(1, N_FILES - 1)  # the seeded kill point

    agent = AgentProcess(cfg, log=tmp_path / "agent1.log")
    agent.wait_ready(data / "agent-state.json")
    if when == "writing":  # while the burst is still landing
        _write_burst(folder, files, stop_at=k)
        agent.kill9()
        _write_burst(folder, files[k:])  # the rest lands while the agent is down
    else:  # once k verdicts are in the log
        writer = threading.Thread(target=_write_burst, args=(folder, files))
        writer.start()
        wait_for(lambda: len(log_rows(data)) >= k, 120, 0.01)
        agent.kill9()
        writer.join()
    assert len(log_rows(data)) < N_FILES, "the kill came too late to test anything"

    agent = AgentProcess(cfg, log=tmp_path / "agent2.log")
    try:
        agent.wait_ready(data / "agent-state.json")
        wait_for(lambda: len(log_rows(data)) >= N_FILES, 180, 0.2)
        time.sleep(1.0)  # anything judged twice would show up now
        rows = _check_exactly_once(data, folder, files)
    finally:
        assert agent.stop() == 0, agent.output()
    flagged = [r for r in rows if r["verdict"] == "flagged"]
    assert len(flagged) >= N_FILES // 3 * 0.9, "rosters are still recognised after the crash"
    if mode == "block":
        _check_nothing_lost(data, folder, files, rows)
    _verify(cfg)


def _check_nothing_lost(data: Path, folder: Path, files, rows: list[dict]) -> None:
    """Every file's content is at its path or (flagged) in quarantine: never lost, never both
    half-done."""
    qdir = data / "quarantine"
    in_quarantine = Counter(
        p.read_text(encoding="utf-8")
        for p in qdir.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    by_path = {r["path"]: r for r in rows}
    for name, body in files:
        p = folder / name
        row = by_path[str(p)]
        if row["verdict"] == "flagged":
            assert row["action"] == "quarantine"
            assert not p.exists(), f"{name} left in place"
            assert in_quarantine[body] == 1, f"{name} is not in quarantine exactly once"
        else:
            assert p.read_text(encoding="utf-8") == body, f"{name} was touched"
    assert not list(qdir.rglob("*.partial"))


def test_kill9_worker_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(5)
    folder = tmp_path / "Downloads"
    folder.mkdir()
    data = tmp_path / "data"
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[folder], mode="warn")
    files = _burst_contents(5)
    agent = AgentProcess(cfg, log=tmp_path / "agent.log")
    try:
        agent.wait_ready(data / "agent-state.json")
        writer = threading.Thread(target=_write_burst, args=(folder, files))
        writer.start()
        kills = 0
        for target in sorted(rng.sample(range(10, N_FILES - 10), 4)):
            wait_for(lambda target=target: len(log_rows(data)) >= target, 120, 0.01)
            for w in extraction_workers(agent.pid):
                try:
                    os.kill(w.pid, signal.SIGKILL)
                    kills += 1
                except ProcessLookupError:
                    pass
        writer.join()
        wait_for(lambda: len(log_rows(data)) >= N_FILES, 180, 0.2)
        time.sleep(1.0)
        rows = _check_exactly_once(data, folder, files)
        assert agent.proc.poll() is None, "the agent survives its worker being killed"
    finally:
        assert agent.stop() == 0, agent.output()
    assert kills >= 1
    # a file whose reader was killed is recorded as unreadable, never dropped
    assert sum(r["verdict"] != "unreadable" for r in rows) >= N_FILES - kills
    _verify(cfg)
