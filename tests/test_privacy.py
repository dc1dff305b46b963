"""Retention of shareguard's own evidence: old evidence and thumbnails go, the chain stays valid."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from agent_helpers import AgentProcess, log_rows, wait_for, write_config

from agent.config import load_config
from agent.files import make_private_dir
from agent.retention import apply_retention, cutoff
from agent.store import Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict


def _flagged(path: str) -> Verdict:
    ev = Evidence("identifiers", "resident_id", "4201**********1234", "r2 c3", 0.5)
    return Verdict(
        path=path,
        decision=Decision.FLAGGED,
        sha256="cd" * 32,
        size=1,
        categories=(CategoryScore("screening_list", 0.9, 0.5, (ev,)),),
    )


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _seed_log(config_path: Path) -> tuple[Path, Path]:
    """One 100-day-old and one fresh flagged row, each with a thumbnail file."""
    cfg = load_config(config_path)
    thumbs = make_private_dir(cfg.thumbnails_path)
    old_thumb, new_thumb = thumbs / "old.png", thumbs / "new.png"
    for p in (old_thumb, new_thumb):
        p.write_bytes(b"\x89PNG\r\n\x1a\n")
        os.chmod(p, 0o600)
    with Store.open(cfg) as store:
        old = _iso(datetime.now(UTC) - timedelta(days=100))
        store.append_verdict(_flagged("/d/old.xlsx"), thumbnail="old.png", time=old)
        store.append_verdict(_flagged("/d/new.xlsx"), thumbnail="new.png")
    return old_thumb, new_thumb


def test_retention_off_keeps_everything(config_file: Path) -> None:
    cfg = load_config(config_file)
    assert cutoff(cfg) is None
    _seed_log(config_file)
    with Store.open(cfg) as store:
        assert apply_retention(cfg, store) == 0
        assert all(r.evidence for r in store.query())


def test_retention_purges_old_evidence_and_thumbnails(tmp_path: Path) -> None:
    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[retention]\nevidence_days = 30\n', encoding="utf-8"
    )
    old_thumb, new_thumb = _seed_log(cfg_path)
    cfg = load_config(cfg_path)
    with Store.open(cfg) as store:
        assert apply_retention(cfg, store) == 1
        rows = {r.path: r for r in store.query()}
        assert rows["/d/old.xlsx"].evidence is None
        assert rows["/d/new.xlsx"].evidence and rows["/d/new.xlsx"].evidence[0]["text"]
        assert rows["/d/old.xlsx"].categories  # what was found stays countable
        assert store.verify().ok
        assert apply_retention(cfg, store) == 0  # idempotent
    assert not old_thumb.exists()
    assert new_thumb.exists()


def test_running_agent_applies_retention_at_start(tmp_path: Path) -> None:
    watch = tmp_path / "watch"
    watch.mkdir()
    data = tmp_path / "data"
    cfg_path = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[watch],
        mode="audit",
        extra="[retention]\nevidence_days = 30\n",
    )
    old_thumb, _ = _seed_log(cfg_path)
    agent = AgentProcess(cfg_path, log=tmp_path / "agent.log")
    try:
        agent.wait_ready(data / "agent-state.json")

        def purged() -> bool:
            rows = {r["path"]: r for r in log_rows(data)}
            return rows["/d/old.xlsx"]["evidence"] is None and not old_thumb.exists()

        wait_for(purged, timeout=30)
        rows = {r["path"]: r for r in log_rows(data)}
        assert rows["/d/new.xlsx"]["evidence"] is not None
    finally:
        agent.stop()
    cfg = load_config(cfg_path)
    with Store.open(cfg) as store:
        assert store.verify().ok
