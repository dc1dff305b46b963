"""The watcher on real folders with real inotify events (and a polling observer)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from agent_helpers import wait_for

from agent.locations import WatchFolder, is_network, parse_mountinfo, removable_mounts
from agent.watcher import PathFilter, Watcher, is_temporary


class Sink:
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, paths: list[str]) -> None:
        with self.lock:
            self.paths.extend(paths)

    def has(self, p: Path) -> bool:
        with self.lock:
            return str(p) in self.paths


@pytest.fixture
def watched(tmp_path: Path):
    folder = tmp_path / "WeChat Files" / "wxid_x" / "FileStorage"
    folder.mkdir(parents=True)
    sink = Sink()
    w = Watcher(sink, path_filter=PathFilter(["*.bak"], [str(folder / "private")]))
    w.start([WatchFolder(str(folder))])
    yield folder, sink, w
    w.stop()


def test_drop_nested_and_move_in(watched, tmp_path: Path) -> None:
    folder, sink, _w = watched
    (folder / "File" / "2026-11").mkdir(parents=True)
    a = folder / "File" / "2026-11" / "名单.xlsx"
    a.write_bytes(b"x" * 100)
    outside = tmp_path / "outside.docx"
    outside.write_bytes(b"y")
    moved = folder / "moved.docx"
    os.rename(outside, moved)  # a move into the watched folder counts
    wait_for(lambda: sink.has(a) and sink.has(moved), 10)


def test_folder_moved_in_brings_its_files(watched, tmp_path: Path) -> None:
    folder, sink, _w = watched
    src = tmp_path / "unzipped"
    (src / "sub").mkdir(parents=True)
    files = [src / "sub" / f"{i}.txt" for i in range(20)]
    for f in files:
        f.write_text("内容", encoding="utf-8")
    shutil.move(str(src), str(folder / "unzipped"))
    targets = [folder / "unzipped" / "sub" / f"{i}.txt" for i in range(20)]
    wait_for(lambda: all(sink.has(t) for t in targets), 10)


def test_temporary_excluded_and_private_are_skipped(watched) -> None:
    folder, sink, _w = watched
    (folder / "private").mkdir()
    skipped = [
        folder / "~$报告.docx",
        folder / "下载.part",
        folder / "a.crdownload",
        folder / "x.tmp",
        folder / "old.bak",
        folder / "private" / "q.sqlite3",
    ]
    for p in skipped:
        p.write_bytes(b"z")
    marker = folder / "marker.txt"
    marker.write_text("m", encoding="utf-8")
    wait_for(lambda: sink.has(marker), 10)
    assert not any(sink.has(p) for p in skipped)


def test_polling_observer_for_network_mounts(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    sink = Sink()
    w = Watcher(sink, poll_interval_s=0.2)
    w.start([WatchFolder(str(share), polled=True)])
    try:
        f = share / "调查报告.pdf"
        f.write_bytes(b"%PDF-1.4")
        wait_for(lambda: sink.has(f), 10)
        assert w._polling is not None and w._polling.is_alive()
    finally:
        w.stop()


def test_is_temporary() -> None:
    for name in ("~$x.docx", "a.part", "b.crdownload", "c.tmp", ".~lock.a.xlsx#", "x.docx~"):
        assert is_temporary(name), name
    for name in ("名单.xlsx", "report.pdf", "tmp.docx", "partial.txt"):
        assert not is_temporary(name), name


MOUNTINFO = """\
22 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
40 22 0:50 / /mnt/share rw,relatime shared:20 - cifs //fs01/公文 rw,vers=3.0
41 22 0:51 / /home/u/nfs rw,relatime shared:21 - nfs4 srv:/export rw
42 22 8:17 / /media/u/KINGSTON rw,nosuid,nodev shared:22 - vfat /dev/sdb1 rw
43 22 8:33 / /run/media/u/My\\040Disk rw,nosuid shared:23 - exfat /dev/sdc1 rw
"""


def test_network_and_removable_mounts_from_mountinfo(monkeypatch: pytest.MonkeyPatch) -> None:
    table = parse_mountinfo(MOUNTINFO)
    assert is_network("/mnt/share/办公室/a.docx", table)
    assert is_network("/home/u/nfs", table)
    assert not is_network("/home/u/Documents", table)
    assert not is_network("/media/u/KINGSTON/x.xlsx", table)
    monkeypatch.setattr(os.path, "isdir", lambda p: True)
    assert removable_mounts(table) == ["/media/u/KINGSTON", "/run/media/u/My Disk"]


def test_download_renamed_from_temporary_name_counts(watched) -> None:
    folder, sink, _w = watched
    part = folder / "排查名单.xlsx.crdownload"
    part.write_bytes(b"x" * 1000)
    final = folder / "排查名单.xlsx"
    os.rename(part, final)  # how browsers finish a download
    wait_for(lambda: sink.has(final), 10)
    assert not sink.has(part)


def test_inotify_watch_limit_falls_back_to_polling(tmp_path: Path) -> None:
    """Fault injection: the native observer refuses with ENOSPC (fs.inotify.max_user_watches)."""
    import errno

    class Exhausted:
        def schedule(self, *a, **k):
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

        def start(self) -> None:
            pass

        def stop(self) -> None:
            pass

        def is_alive(self) -> bool:
            return False

    big = tmp_path / "Documents"
    big.mkdir()
    sink = Sink()
    w = Watcher(sink, poll_interval_s=0.2)
    w._native = Exhausted()  # type: ignore[assignment]
    w.start([WatchFolder(str(big))])
    try:
        assert [f.polled for f in w.folders] == [True]
        assert w.errors and "polled" in w.errors[0]
        f = big / "名单.xlsx"
        f.write_bytes(b"x")
        wait_for(lambda: sink.has(f), 10)
    finally:
        w.stop()


def test_inotify_queue_overflow_asks_for_a_catch_up(watched) -> None:
    """Fault injection: watchdog reports a kernel queue overflow only in its log."""
    import logging

    _folder, _sink, w = watched
    assert not w.overflowed
    logging.getLogger("watchdog.observers.inotify_c").warning(
        "Inotify queue overflowed; filesystem events were lost"
    )
    assert w.overflowed
