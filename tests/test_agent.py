"""The agent as a real subprocess (`shareguard run --config`), real inotify, real D-Bus."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from agent_helpers import (
    SHAREGUARD,
    AgentProcess,
    NotificationServer,
    extraction_workers,
    log_rows,
    roster_text,
    session_bus,
    wait_for,
    write_config,
)
from faker import Faker

from agent.actions.quarantine import restore
from agent.config import load_config
from agent.store import Store


def plain_text(seed: int) -> str:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    return "\n".join(fake.paragraph() for _ in range(3)) + "\n"


def sha(p: Path | bytes) -> str:
    return hashlib.sha256(p if isinstance(p, bytes) else p.read_bytes()).hexdigest()


@pytest.fixture
def desktop(tmp_path: Path):
    """A private session bus with a real notification server on it."""
    with (
        session_bus() as address,
        NotificationServer(address, tmp_path / "notifications.jsonl") as server,
    ):
        yield address, server


@pytest.fixture
def setup(tmp_path: Path):
    watched = tmp_path / "Downloads"
    watched.mkdir()
    data = tmp_path / "data"
    return watched, data


def _start(tmp_path: Path, cfg: Path, data: Path, env: dict[str, str] | None = None):
    agent = AgentProcess(cfg, env=env, log=tmp_path / "agent.log")
    agent.wait_ready(data / "agent-state.json")
    return agent


def _rows_for(data: Path, path: Path) -> list[dict]:
    return [r for r in log_rows(data) if r["path"] == str(path)]


def test_drop_and_move_in_get_a_log_row_and_an_alert(tmp_path: Path, setup, desktop) -> None:
    watched, data = setup
    address, server = desktop
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[watched],
        extra='[alert]\ncontact = "保密办 8888"\n',
    )
    agent = _start(tmp_path, cfg, data, {"DBUS_SESSION_BUS_ADDRESS": address})
    try:
        dropped = watched / "排查人员名单.csv"
        dropped.write_text(roster_text(1), encoding="utf-8")
        outside = tmp_path / "elsewhere.txt"
        outside.write_text(roster_text(2), encoding="utf-8")
        moved = watched / "微信" / "转发名单.txt"
        moved.parent.mkdir()
        os.rename(outside, moved)
        clean = watched / "通知.txt"
        clean.write_text(plain_text(3), encoding="utf-8")

        for f in (dropped, moved, clean):
            wait_for(lambda f=f: _rows_for(data, f), 30)
        for f in (dropped, moved):
            (row,) = _rows_for(data, f)
            assert row["verdict"] == "flagged"
            assert "screening_list" in row["categories"]
            assert row["sha256"] == sha(f) and row["action"] == "alert" and row["mode"] == "warn"
            assert "**" in (row["evidence"] or ""), "evidence is stored masked"
        (row,) = _rows_for(data, clean)
        assert row["verdict"] == "clean"

        got = wait_for(lambda: len(server.received()) >= 2 and server.received(), 20)
        bodies = "\n".join(n["body"] for n in got)
        assert "排查人员名单.csv" in bodies and "转发名单.txt" in bodies
        assert "排查人员名单" in bodies and "保密办 8888" in bodies
        assert "通知.txt" not in bodies  # clean files are not announced
        time.sleep(0.5)
        assert len(server.received()) == 2, "one alert per file"

        out = subprocess.run(
            [str(SHAREGUARD), "status", "--config", str(cfg), "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
        )
        st = json.loads(out.stdout)
        assert st["running"] and st["alerts"] and st["pid"] == agent.pid
        assert [f["path"] for f in st["folders"]] == [str(watched)]
        assert st["queue"] == 0 and len(st["last"]) == 3
        text = subprocess.run(
            [str(SHAREGUARD), "status", "--config", str(cfg)], capture_output=True, text=True
        ).stdout
        assert "运行中" in text and str(watched) in text
    finally:
        assert agent.stop() == 0, agent.output()
    state = json.loads((data / "agent-state.json").read_text(encoding="utf-8"))
    assert state["running"] is False
    # nothing sensitive in the agent's own output or state (the raw ID numbers it found)
    import re

    ids = re.findall(r"\d{17}[\dX]", roster_text(1) + roster_text(2))
    assert ids
    leaked = agent.output() + json.dumps(state, ensure_ascii=False)
    assert not [i for i in ids if i in leaked]
    st = json.loads(
        subprocess.run(
            [str(SHAREGUARD), "status", "--config", str(cfg), "--format", "json"],
            capture_output=True,
            text=True,
        ).stdout
    )
    assert not st["running"]


def test_file_still_being_written_is_judged_only_when_complete(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], settle=0.3)
    agent = _start(tmp_path, cfg, data)
    try:
        target = watched / "名单.csv"
        full = roster_text(7, rows=30).encode()
        half = len(full) // 2
        with open(target, "wb") as f:
            f.write(full[:half])
            f.flush()
            time.sleep(2.0)  # well past the settle time, but the writer still holds it open
            assert not _rows_for(data, target), "a half-written file must not be judged"
            f.write(full[half:])
        (row,) = wait_for(lambda: _rows_for(data, target), 30)
        assert row["sha256"] == sha(full) and row["size"] == len(full)
        assert row["verdict"] == "flagged"
        time.sleep(1.0)
        assert len(_rows_for(data, target)) == 1
    finally:
        agent.stop()


def test_same_content_is_not_scanned_again(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched])
    agent = _start(tmp_path, cfg, data)
    try:
        a = watched / "a.txt"
        a.write_text(roster_text(11), encoding="utf-8")
        wait_for(lambda: _rows_for(data, a), 30)
        os.utime(a)  # touched, not changed
        b = watched / "副本" / "a - 副本.txt"
        b.parent.mkdir()
        shutil.copyfile(a, b)
        (rb,) = wait_for(lambda: _rows_for(data, b), 30)
        (ra,) = _rows_for(data, a)
        assert rb["sha256"] == ra["sha256"] and rb["verdict"] == ra["verdict"] == "flagged"
        assert rb["categories"] == ra["categories"]
        assert rb["scan_seconds"] is None, "the copy reused the earlier verdict"
        time.sleep(1.0)
        assert len(log_rows(data)) == 2
    finally:
        agent.stop()


def test_catch_up_after_downtime(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched])
    old = watched / "old.txt"
    old.write_text(plain_text(1), encoding="utf-8")
    changed = watched / "changed.txt"
    changed.write_text(plain_text(2), encoding="utf-8")
    agent = _start(tmp_path, cfg, data)
    try:
        wait_for(lambda: _rows_for(data, old) and _rows_for(data, changed), 30)
    finally:
        agent.stop()
    # while the agent is down
    new = watched / "new.txt"
    new.write_text(roster_text(5), encoding="utf-8")
    changed.write_text(roster_text(6), encoding="utf-8")
    agent = _start(tmp_path, cfg, data)
    try:
        wait_for(lambda: _rows_for(data, new) and len(_rows_for(data, changed)) == 2, 30)
        time.sleep(1.0)
        assert len(_rows_for(data, old)) == 1, "unchanged files are not judged again"
        assert _rows_for(data, changed)[-1]["sha256"] == sha(changed)
    finally:
        agent.stop()


def test_block_mode_quarantines_and_restore_puts_it_back(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], mode="block")
    agent = _start(tmp_path, cfg, data)
    config = load_config(cfg)
    try:
        f = watched / "名单.csv"
        content = roster_text(21).encode()
        f.write_bytes(content)
        (row,) = wait_for(lambda: _rows_for(data, f), 30)
        assert row["action"] == "quarantine"
        wait_for(lambda: not f.exists(), 10)
        f.write_text(plain_text(22), encoding="utf-8")  # the user makes a new file there
        wait_for(lambda: len(_rows_for(data, f)) == 2, 30)
        # security staff restore it while the agent runs: it lands beside, and stays
        with Store.open(config) as store:
            (ev,) = [e for e in store.events(row["id"]) if e.kind == "quarantine"]
            assert Path(ev.data["to"]).read_bytes() == content
            back = restore(store, row["id"], config)
        assert back != f and back.parent == watched and back.read_bytes() == content
        time.sleep(2.0)
        assert back.exists(), "a restored file is not quarantined again"
        assert not _rows_for(data, back)
    finally:
        assert agent.stop() == 0, agent.output()
    with Store.open(config) as store:
        assert store.verify().ok


def test_hung_worker_is_killed_and_the_file_read_again(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(
        tmp_path / "c.toml", data_dir=data, watch=[watched], extra="[limits]\ntimeout_s = 4.0\n"
    )
    agent = _start(tmp_path, cfg, data)
    try:
        warm = watched / "warm.txt"
        warm.write_text(plain_text(1), encoding="utf-8")
        wait_for(lambda: _rows_for(data, warm), 30)
        workers = extraction_workers(agent.pid)
        assert len(workers) == 1, "extraction runs in one worker process"
        for w in workers:
            os.kill(w.pid, signal.SIGSTOP)  # the worker hangs
        hung = watched / "卡住.txt"
        hung.write_text(roster_text(2), encoding="utf-8")
        # the hung worker is killed at the time limit; a timeout may be passing (load), so the
        # file is read again after a back-off by a fresh worker, and judged for what it is
        wait_for(lambda: all(not psutil.pid_exists(w.pid) for w in workers), 20)
        assert not _rows_for(data, hung), "a timeout is retried before anything is logged"
        (row,) = wait_for(lambda: _rows_for(data, hung), 40)
        assert row["verdict"] == "flagged" and row["sha256"] == sha(hung)
        for w in workers:
            assert not psutil.pid_exists(w.pid) or w.status() == psutil.STATUS_ZOMBIE
        after = watched / "after.txt"
        after.write_text(roster_text(3), encoding="utf-8")
        (row,) = wait_for(lambda: _rows_for(data, after), 30)
        assert row["verdict"] == "flagged", "a fresh worker serves the next file"
    finally:
        assert agent.stop() == 0


def test_second_agent_on_same_data_dir_refuses(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched])
    agent = _start(tmp_path, cfg, data)
    try:
        r = subprocess.run(
            [str(SHAREGUARD), "run", "--config", str(cfg)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 2 and str(agent.pid) in r.stderr
    finally:
        agent.stop()


def test_private_files(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched])
    agent = _start(tmp_path, cfg, data)
    agent.stop()
    assert (data.stat().st_mode & 0o777) == 0o700
    for name in ("log.sqlite3", "queue.sqlite3", "agent-state.json", "install.key"):
        p = data / name
        if p.exists():
            assert (p.stat().st_mode & 0o777) == 0o600, name


def test_idle_worker_is_stopped_and_restarted_on_demand(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[watched],
        extra="[watch_options]\nsettle_seconds = 0.3\nuse_defaults = false\nworker_idle_s = 1\n",
    )
    agent = _start(tmp_path, cfg, data)
    try:
        assert not extraction_workers(agent.pid), "no worker before the first file"
        a = watched / "a.txt"
        a.write_text(roster_text(31), encoding="utf-8")
        wait_for(lambda: _rows_for(data, a), 30)
        wait_for(lambda: not extraction_workers(agent.pid), 20)
        b = watched / "b.txt"
        b.write_text(roster_text(32), encoding="utf-8")
        (row,) = wait_for(lambda: _rows_for(data, b), 30)
        assert row["verdict"] == "flagged"
    finally:
        assert agent.stop() == 0


def _can_mount(where: Path) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)], capture_output=True
    )
    return r.returncode == 0


def test_removable_drive_is_picked_up_when_mounted(tmp_path: Path, setup) -> None:
    """A real filesystem (tmpfs) mounted under the removable-drive root while the agent runs."""
    watched, data = setup
    home = tmp_path / "home"
    home.mkdir()
    media = tmp_path / "media"
    (media / "user").mkdir(parents=True)
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[watched],
        extra=(
            "[watch_options]\nsettle_seconds = 0.3\nuse_defaults = true\n"
            f"removable_roots = [{json.dumps(str(media))}]\n"
        ),
    )
    env = {"HOME": str(home)}
    agent = _start(tmp_path, cfg, data, env)
    usb = media / "user" / "KINGSTON"
    mounted = False
    try:
        if not _can_mount(usb):
            pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
        mounted = True
        state = data / "agent-state.json"

        def watching() -> bool:
            st = json.loads(state.read_text(encoding="utf-8"))
            return any(f["path"] == str(usb) and f["removable"] for f in st["folders"])

        wait_for(watching, 30)
        f = usb / "名单.csv"
        f.write_text(roster_text(41), encoding="utf-8")
        (row,) = wait_for(lambda: _rows_for(data, f), 30)
        assert row["verdict"] == "flagged"
        subprocess.run(["umount", str(usb)], check=True)
        mounted = False
        wait_for(lambda: not watching(), 30)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(usb)], check=False)
        assert agent.stop() == 0, agent.output()


def test_full_disk_under_the_log_loses_nothing(tmp_path: Path, setup) -> None:
    """The data dir on a real, small tmpfs that fills up: the agent keeps running, and the files
    that could not be logged are logged once space returns."""
    watched, _ = setup
    data = tmp_path / "small"
    if not _can_mount(data):
        pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
    try:
        cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched])
        agent = _start(tmp_path, cfg, data)
        try:
            first = watched / "first.txt"
            first.write_text(roster_text(51), encoding="utf-8")
            wait_for(lambda: _rows_for(data, first), 30)
            filler = data / "filler"
            with open(filler, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
                except OSError:
                    pass
            late = [watched / f"late{i}.txt" for i in range(3)]
            for i, p in enumerate(late):
                p.write_text(roster_text(60 + i), encoding="utf-8")
            time.sleep(3.0)
            assert agent.proc.poll() is None, "a full disk must not stop the agent"
            filler.unlink()
            for p in late:
                wait_for(lambda p=p: _rows_for(data, p), 90)
            time.sleep(1.0)
            for p in late:
                assert len(_rows_for(data, p)) == 1
        finally:
            assert agent.stop() == 0, agent.output()
        r = subprocess.run(
            [str(SHAREGUARD), "log", "verify", "--config", str(cfg)], capture_output=True, text=True
        )
        assert r.returncode == 0, r.stdout + r.stderr
    finally:
        subprocess.run(["umount", "-l", str(data)], check=False)


def test_odd_names_links_and_vanishing_files(tmp_path: Path, setup) -> None:
    watched, data = setup
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], mode="block")
    outside = tmp_path / "secret-outside.csv"
    outside.write_text(roster_text(71), encoding="utf-8")
    agent = _start(tmp_path, cfg, data)
    try:
        odd = os.path.join(os.fsencode(watched), b"\xff\xfe" + "名单.csv".encode())
        content = roster_text(72).encode()
        with open(odd, "wb") as f:
            f.write(content)
        (watched / "loop").symlink_to(watched, target_is_directory=True)
        (watched / "link.csv").symlink_to(outside)
        gone = watched / "转瞬即逝.txt"
        gone.write_text(roster_text(73), encoding="utf-8")
        gone.unlink()
        marker = watched / "marker.txt"
        marker.write_text(plain_text(74), encoding="utf-8")
        wait_for(lambda: _rows_for(data, marker), 30)
        shown = os.fsencode(odd).decode("utf-8", "backslashreplace")
        (row,) = wait_for(lambda: _rows_for(data, Path(shown)), 30)
        assert row["verdict"] == "flagged" and row["action"] == "quarantine"
        wait_for(lambda: not os.path.lexists(odd), 10)
        time.sleep(1.0)
        paths = {r["path"] for r in log_rows(data)}
        assert paths == {str(marker), shown}, "links are not followed; vanished files skipped"
        assert outside.exists() and agent.proc.poll() is None
    finally:
        assert agent.stop() == 0, agent.output()
    config = load_config(cfg)
    with Store.open(config) as store:
        back = restore(store, row["id"], config)
    assert os.fsencode(back) == odd and Path(back).read_bytes() == content


def test_polled_share_waits_for_a_quiet_period(tmp_path: Path, setup) -> None:
    """A folder watched by polling (as network shares are): no native events and no lease, so a
    file is judged only after size and mtime stayed unchanged for settle_seconds."""
    watched, data = setup
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[watched],
        extra=(
            "[watch_options]\nsettle_seconds = 1.5\npoll_interval_s = 0.3\nuse_defaults = false\n"
            f"poll_folders = [{json.dumps(str(watched))}]\n"
        ),
    )
    agent = _start(tmp_path, cfg, data)
    try:
        st = json.loads((data / "agent-state.json").read_text(encoding="utf-8"))
        assert st["folders"][0]["polled"] is True
        target = watched / "共享名单.csv"
        full = roster_text(91, rows=40).encode()
        step = len(full) // 8 + 1
        with open(target, "wb") as f:
            for i in range(0, len(full), step):  # another machine copying slowly
                f.write(full[i : i + step])
                f.flush()
                time.sleep(0.4)
            assert not _rows_for(data, target), "judged before the copy finished"
        (row,) = wait_for(lambda: _rows_for(data, target), 30)
        assert row["sha256"] == sha(full) and row["verdict"] == "flagged"
        time.sleep(1.0)
        assert len(_rows_for(data, target)) == 1
    finally:
        assert agent.stop() == 0, agent.output()


def test_encrypted_file_alerts_when_configured(tmp_path: Path, setup, desktop) -> None:
    """An encrypted file leaving is itself a risk: with alert_on_encrypted it is announced."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    watched, data = setup
    address, server = desktop
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[watched],
        extra="[alert]\nalert_on_encrypted = true\n",
    )
    staging = tmp_path / "加密名单.pdf"
    c = canvas.Canvas(str(staging), encrypt=pdfencrypt.StandardEncryption("pw", canPrint=0))
    c.drawString(100, 750, "name list")
    c.save()
    agent = _start(tmp_path, cfg, data, {"DBUS_SESSION_BUS_ADDRESS": address})
    try:
        target = watched / staging.name
        os.rename(staging, target)
        (row,) = wait_for(lambda: _rows_for(data, target), 60)
        assert row["verdict"] == "unreadable" and row["error_kind"] == "encrypted"
        assert row["action"] == "alert"
        (n,) = wait_for(server.received, 20)
        assert "加密" in n["summary"] and "加密名单.pdf" in n["body"]
    finally:
        assert agent.stop() == 0, agent.output()
