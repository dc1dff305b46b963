"""Small faults of issue 11: a UTF-8 export with a few control bytes is text; a file being read
when the worker is killed is read again; the seen index forgets files that are gone; the
environment-only settings are config keys."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from agent_helpers import AgentProcess, extraction_workers, log_rows, wait_for, write_config

from agent.config import load_config
from agent.extract import extract_in_process
from agent.extract.media import sniff
from agent.queue import Queue
from tests.test_thumbnail_worker import _order_photo


def test_a_utf8_export_with_control_bytes_is_read_as_text(real_corpus: Path) -> None:
    f = real_corpus / "medical" / "ccks2019_report_line0003.txt"
    data = f.read_bytes()
    assert b"\x04\x04" in data, "the clinical export this is about"
    assert sniff(f) == "text/plain"
    e = extract_in_process(f, load_config(None))
    assert e.source.media_type == "text/plain"
    first_line = data.split(b"\x04")[0].decode("utf-8").strip()
    assert first_line and first_line in e.text()


def test_the_seen_index_forgets_files_that_are_gone(tmp_path: Path) -> None:
    q = Queue(tmp_path / "queue.sqlite3")
    try:
        files = [tmp_path / f"f{i}.txt" for i in range(5)]
        for f in files:
            f.write_text("x", encoding="utf-8")
            q.remember(str(f), f.stat(), "ab" * 32, None)
        files[1].unlink()
        files[3].rename(tmp_path / "moved.txt")
        assert q.seen_count() == 5
        assert q.prune_seen(batch=2) == 2
        assert q.seen_count() == 3
        assert q.seen_matches(str(files[0]), files[0].stat())
    finally:
        q.close()


def test_settings_that_were_environment_only_are_config_keys(tmp_path: Path) -> None:
    from agent import locations

    media, share = tmp_path / "media", tmp_path / "share"
    share.mkdir()
    p = tmp_path / "c.toml"
    p.write_text(
        f'watch = ["{share}"]\n[watch_options]\nworker_idle_s = 5\n'
        f'removable_roots = ["{media}"]\npoll_folders = ["{share}"]\nuse_defaults = false\n',
        encoding="utf-8",
    )
    cfg = load_config(p)
    assert cfg.watch_options.worker_idle_s == 5.0
    assert locations.removable_roots(cfg) == (str(media),)
    (folder,) = locations.watch_folders(cfg)
    assert folder.path == str(share) and folder.polled


def test_a_file_being_read_when_the_worker_is_killed_is_read_again(tmp_path: Path) -> None:
    watched, data = tmp_path / "Downloads", tmp_path / "data"
    watched.mkdir()
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], mode="audit")
    agent = AgentProcess(cfg, log=tmp_path / "agent.log")
    try:
        agent.wait_ready(data / "agent-state.json")
        photo = _order_photo(tmp_path / "交办单.jpg")
        os.replace(photo, watched / photo.name)  # appears whole; its OCR takes seconds
        (worker,) = wait_for(lambda: extraction_workers(agent.pid), 30, interval=0.02)
        time.sleep(1.0)  # starting up, reading, OCR: not done yet
        assert not log_rows(data), "the photo was judged too fast for this test"
        os.kill(worker.pid, signal.SIGKILL)
        (row,) = wait_for(lambda: log_rows(data), 90)
        assert row["verdict"] == "flagged", "read again by a fresh worker, not logged unreadable"
    finally:
        assert agent.stop() == 0, agent.output()
