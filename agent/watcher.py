"""Watching folders with watchdog: native events (inotify, ReadDirectoryChangesW, FSEvents) for
local folders, a stat-based PollingObserver for network mounts.

The observer/handler split follows watchdog: the handler only filters and records *which* paths
changed into a small coalescing set; a flusher thread hands them to the sink (the persistent
queue) in batches, so a burst of thousands of events costs a few transactions and bounded memory.
Whether a file has settled is decided later, when the queue hands it to the scanner.
"""

from __future__ import annotations

import dataclasses
import errno
import fnmatch
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from agent.locations import WatchFolder

log = logging.getLogger(__name__)

# Temporary, partial-download and lock files: never judged (the final file is).
TEMP_PATTERNS = (
    "~$*",
    ".~lock.*",
    "~*.tmp",
    "*.tmp",
    "*.temp",
    "*.part",
    "*.partial",
    "*.crdownload",
    "*.download",
    "*.opdownload",
    "*.!qb",
    "*.td",
    "*.td.cfg",
    "*.swp",
    "*.swx",
    "*~",
    ".#*",
    ".goutputstream-*",
    ".ds_store",
    "thumbs.db",
    "desktop.ini",
)
MAX_PENDING = 20_000  # coalescing set size before the handler flushes synchronously


def is_temporary(name: str) -> bool:
    low = name.lower()
    return any(fnmatch.fnmatchcase(low, pat) for pat in TEMP_PATTERNS)


class PathFilter:
    """Decides cheaply whether a path is worth queueing."""

    def __init__(self, excludes: Iterable[str] = (), private_roots: Iterable[str] = ()) -> None:
        self.excludes = tuple(excludes)
        self.private = tuple(os.path.realpath(p).rstrip("/") + "/" for p in private_roots)

    def __call__(self, path: str) -> bool:
        """True if `path` should be queued."""
        name = os.path.basename(path)
        if not name or is_temporary(name):
            return False
        if self.private and (path + "/").startswith(self.private):
            return False
        if self.private and os.path.realpath(path).startswith(self.private):
            return False
        for pat in self.excludes:
            if fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(path, pat):
                return False
            if any(fnmatch.fnmatch(part, pat) for part in Path(path).parts[:-1] if part != "/"):
                return False
        return True


def walk_files(root: str, keep: Callable[[str], bool]) -> Iterator[tuple[str, os.stat_result]]:
    """Regular files under `root` (symlinks are not followed), with their lstat."""
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = list(it)
        except OSError:
            continue
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    if keep(e.path):
                        stack.append(e.path)
                elif e.is_file(follow_symlinks=False) and keep(e.path):
                    yield e.path, e.stat(follow_symlinks=False)
            except OSError:
                continue


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.w = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        et = event.event_type
        if et in ("opened", "closed_no_write", "deleted"):
            return
        path = os.fsdecode(event.dest_path if et == "moved" else event.src_path)
        if event.is_directory:
            if et in ("created", "moved"):
                self.w._note_dir(path)
            return
        if self.w.filter(path):
            self.w._note(path)


class _OverflowSpy(logging.Handler):
    """watchdog rebuilds its watches when the kernel's inotify queue overflows but only logs
    that events were lost; this turns that log record into `Watcher.overflowed`."""

    def __init__(self, watcher: Watcher) -> None:
        super().__init__(logging.WARNING)
        self.watcher = watcher

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.watcher.overflowed = True
            self.watcher._wake.set()


_INOTIFY_LOGGERS = ("watchdog.observers.inotify_c", "watchdog.observers.inotify")


class Watcher:
    """Recursive watches on folders; changed paths go to `sink(paths)` in batches."""

    def __init__(
        self,
        sink: Callable[[list[str]], None],
        *,
        path_filter: PathFilter | None = None,
        poll_interval_s: float = 30.0,
        flush_interval_s: float = 0.1,
    ) -> None:
        self.sink = sink
        self.filter = path_filter or PathFilter()
        self.poll_interval_s = poll_interval_s
        self.flush_interval_s = flush_interval_s
        self._native: BaseObserver = Observer()
        self._polling: BaseObserver | None = None
        self._handler = _Handler(self)
        self._watches: dict[str, tuple[WatchFolder, ObservedWatch, BaseObserver]] = {}
        self._pending: set[str] = set()
        self._dirs: list[str] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._flusher = threading.Thread(target=self._flush_loop, name="watch-flush", daemon=True)
        self._spy: logging.Handler | None = None
        self._retry = False  # the sink failed (e.g. disk full): paths kept, retried every second
        # Set when paths had to be dropped (sink failing for long, or a folder moved in while it
        # was failing): the owner should walk the folders again (catch-up) and clear it.
        self.overflowed = False
        self.errors: list[str] = []

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, folders: Iterable[WatchFolder] = ()) -> None:
        self._spy = _OverflowSpy(self)
        for name in _INOTIFY_LOGGERS:
            logging.getLogger(name).addHandler(self._spy)
        self._native.start()
        self._flusher.start()
        for f in folders:
            self.add(f)

    def stop(self) -> None:
        for name in _INOTIFY_LOGGERS:
            if self._spy is not None:
                logging.getLogger(name).removeHandler(self._spy)
        self._stop.set()
        self._wake.set()
        for obs in (self._native, self._polling):
            if obs is not None:
                obs.stop()
        for obs in (self._native, self._polling):
            if obs is not None and obs.is_alive():
                obs.join(5)
        if self._flusher.is_alive():
            self._flusher.join(5)
        self._flush()

    @property
    def folders(self) -> list[WatchFolder]:
        return [f for f, _, _ in self._watches.values()]

    def add(self, folder: WatchFolder) -> bool:
        """Start watching `folder` (recursive). Network mounts are polled."""
        if folder.path in self._watches:
            return False
        if folder.polled:
            if self._polling is None:
                self._polling = PollingObserver(timeout=self.poll_interval_s)
                self._polling.start()
            observer = self._polling
        else:
            observer = self._native
        try:
            watch = observer.schedule(self._handler, folder.path, recursive=True)
        except OSError as e:  # vanished, permission, inotify watch limit
            if not folder.polled and e.errno in (errno.ENOSPC, errno.EMFILE):
                # too many folders for inotify (fs.inotify.max_user_watches): poll instead
                msg = f"{folder.path}: {e}; polled every {self.poll_interval_s:g} s instead"
                log.warning(msg)
                self.errors.append(msg)
                return self.add(dataclasses.replace(folder, polled=True))
            msg = f"cannot watch {folder.path}: {e}"
            log.warning(msg)
            self.errors.append(msg)
            return False
        self._watches[folder.path] = (folder, watch, observer)
        return True

    def remove(self, path: str) -> None:
        entry = self._watches.pop(path, None)
        if entry is None:
            return
        _, watch, observer = entry
        try:
            observer.unschedule(watch)
        except (KeyError, OSError):
            pass

    # -- events -----------------------------------------------------------------------------
    def _note(self, path: str) -> None:
        with self._lock:
            if len(self._pending) >= MAX_PENDING and self._retry:
                self.overflowed = True  # bounded memory while the sink is failing
                return
            self._pending.add(path)
            full = len(self._pending) >= MAX_PENDING
        if full:
            self._flush()
        else:
            self._wake.set()

    def _note_dir(self, path: str) -> None:
        with self._lock:
            self._dirs.append(path)
        self._wake.set()

    def _flush(self) -> None:
        with self._lock:
            paths, self._pending = list(self._pending), set()
            dirs, self._dirs = self._dirs, []
        if paths and not self._deliver(paths):
            if dirs:
                self.overflowed = True
            return
        for d in dirs:  # a folder created or moved in: its files count too
            batch: list[str] = []
            for p, _st in walk_files(d, self.filter):
                batch.append(p)
                if len(batch) >= 500:
                    self._deliver(batch)
                    batch = []
            if batch:
                self._deliver(batch)

    def _deliver(self, paths: list[str]) -> bool:
        """Hand paths to the sink; on failure keep them (bounded) for a retry."""
        try:
            self.sink(paths)
        except Exception as e:
            log.warning("could not queue %d paths (%s); will retry", len(paths), e)
            with self._lock:
                room = MAX_PENDING - len(self._pending)
                if room < len(paths):
                    self.overflowed = True
                self._pending.update(paths[: max(0, room)])
                self._retry = True
            return False
        self._retry = False
        return True

    def _flush_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(1.0 if self._retry else None)
            self._wake.clear()
            if self._stop.is_set():
                break
            # let a burst of events for the same files coalesce
            self._stop.wait(self.flush_interval_s)
            self._flush()
