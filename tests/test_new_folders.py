"""Default folders that appear after the agent started (a Downloads folder made later, a chat app
installed after shareguard) are watched and caught up on; a folder that goes away is dropped
quietly."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from agent_helpers import AgentProcess, log_rows, wait_for
from faker import Faker


def _roster(seed: int) -> str:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rows = ["序号,姓名,身份证号,手机号"]
    rows += [f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()}" for i in range(1, 9)]
    return "\n".join(rows) + "\n"


def _state(data: Path) -> dict:
    return json.loads((data / "agent-state.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_downloads_folder_created_after_start_gets_its_first_row(tmp_path: Path) -> None:
    home, data, media = tmp_path / "home", tmp_path / "data", tmp_path / "media"
    (home / "Desktop").mkdir(parents=True)
    media.mkdir()
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        f'mode = "audit"\ndata_dir = "{data}"\n[watch_options]\nsettle_seconds = 0.3\n',
        encoding="utf-8",
    )
    env = {"HOME": str(home), "SHAREGUARD_REMOVABLE_ROOTS": str(media)}
    agent = AgentProcess(cfg, env=env, log=tmp_path / "agent.log")
    try:
        agent.wait_ready(data / "agent-state.json")
        started = time.monotonic()
        assert [f["path"] for f in _state(data)["folders"]] == [str(home / "Desktop")]
        time.sleep(10)
        downloads = home / "Downloads"
        downloads.mkdir()
        (downloads / "名单.csv").write_text(_roster(1), encoding="utf-8")  # before it is watched
        # and a chat app installed now: its file folder appears on first run
        wechat = home / "Documents" / "WeChat Files" / "wxid_abc" / "FileStorage"
        (wechat / "File" / "2026-12").mkdir(parents=True)
        shutil.rmtree(home / "Desktop")
        (row,) = wait_for(lambda: log_rows(data), 90 - (time.monotonic() - started))
        assert row["verdict"] == "flagged"
        folders = wait_for(
            lambda: {f["path"] for f in _state(data)["folders"]} or None, 10, interval=0.5
        )
        assert str(downloads) in folders and str(home / "Desktop") not in folders
        assert str(home / "Documents") in folders, "Documents appeared too; it holds WeChat's"
        (wechat / "File" / "2026-12" / "排查.csv").write_text(_roster(2), encoding="utf-8")
        wait_for(lambda: len(log_rows(data)) == 2, 30)
        errors = _state(data)["watch_errors"]
        time.sleep(2)
        assert _state(data)["watch_errors"] == errors, "no error loop for the gone folder"
    finally:
        assert agent.stop() == 0, agent.output()
