"""The agent's run loop: watcher -> queue -> Scanner -> policy actions -> alert/quarantine -> log.

One thread judges files (this loop); the watcher's threads only record which paths changed into
the persistent queue. The order of steps for one file is what makes a kill -9 harmless:

1. the path is in the queue (SQLite) before anything else happens;
2. when claimed, it must have settled (no writer, size and mtime stable), else it is deferred;
3. its sha256 and the log's last row id are written to the queue *before* the scan;
4. the verdict is appended to the log (one transaction), then the item is marked `logged`;
5. quarantine and alert run; the item leaves the queue.

After a crash, an item whose verdict row is already in the log (found by path, sha256 and
id > log_head) is finished without a second row; any other item is scanned again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import logging
import os
import signal
import socket
import stat
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from agent import locations
from agent.config import Config
from agent.files import make_private_dir, sha256_file, write_private
from agent.i18n import t
from agent.queue import Item, Queue, display_path
from agent.store import LogRow, Store, load_install_key, now_iso, value_hasher
from agent.watcher import PathFilter, Watcher, walk_files
from detectors.model import CategoryScore, Decision, Evidence, Verdict

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
MOUNT_CHECK_S = 5.0
EVENT_DELAY_S = 0.2  # coalesce the events of one write before looking at the file
# The extraction worker (parsers, OCR model: hundreds of MB) is stopped after this long without a
# file to judge, so an idle agent stays small; the next file starts it again.
WORKER_IDLE_S = float(os.environ.get("SHAREGUARD_WORKER_IDLE_S", "120"))
RETENTION_CHECK_S = 3600.0


class _Stop(BaseException):
    """Raised in the main thread by SIGTERM/SIGINT to abandon a scan in progress (safe: the
    item stays in the queue and is scanned again next time)."""


def has_writer(path: str) -> bool | None:
    """Is `path` open for writing by any process? None if this cannot be known here.

    Linux: a read lease can only be taken when nobody has the file open for writing (the same
    mechanism Samba uses for oplocks); it is released at once. Needs SIGIO ignored (the agent
    does that) and the file to be ours; network filesystems answer None.
    """
    if not sys.platform.startswith("linux"):
        return None
    import fcntl

    f_setlease = getattr(fcntl, "F_SETLEASE", 1024)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.fcntl(fd, f_setlease, fcntl.F_RDLCK)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EBUSY):
                return True
            return None  # EACCES (not ours), EINVAL (fs without leases)
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, f_setlease, fcntl.F_UNLCK)
        return False
    finally:
        os.close(fd)


def verdict_from_row(row: LogRow) -> Verdict:
    """Rebuild a Verdict from a log row (same content judged before: no second scan)."""
    evidence: dict[str, list[Evidence]] = {}
    for e in row.evidence or []:
        evidence.setdefault(e.get("category", ""), []).append(
            Evidence(
                detector=e.get("detector", ""),
                signal=e.get("signal", ""),
                text=e.get("text", ""),
                location=e.get("location", ""),
                weight=float(e.get("weight", 0.0)),
            )
        )
    cats = tuple(
        CategoryScore(
            c["id"], float(c["score"]), float(c["score"]), tuple(evidence.get(c["id"], ()))
        )
        for c in row.categories
    )
    return Verdict(
        path=row.path,
        decision=Decision(row.verdict),
        categories=cats,
        error=row.error,
        error_kind=row.error_kind,
        sha256=row.sha256,
        size=row.size,
        media_type=row.media_type,
    )


def set_low_priority() -> None:
    """Scanning must not make the PC sluggish: nice 10 and idle I/O (below-normal on Windows)."""
    try:
        import psutil

        p = psutil.Process()
        if sys.platform == "win32":  # pragma: no cover
            p.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            return
        if p.nice() < 10:
            p.nice(10)
        if hasattr(psutil, "IOPRIO_CLASS_IDLE"):
            with contextlib.suppress(Exception):
                p.ionice(psutil.IOPRIO_CLASS_IDLE)
    except Exception as e:
        log.debug("could not lower priority: %s", e)


def write_private_json(path: Path, data: dict[str, Any]) -> None:
    write_private(path, json.dumps(data, ensure_ascii=False, indent=1).encode(), durable=False)


class AgentLock:
    """One agent per data dir (flock on `agent.lock`)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "agent.lock"
        self.fd: int | None = None

    def acquire(self) -> int | None:
        """Returns None on success, else the pid holding the lock (0 if unknown)."""
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows
            pass
        except OSError:
            try:
                other = int(os.read(self.fd, 32).decode().strip() or 0)
            except ValueError:
                other = 0
            os.close(self.fd)
            self.fd = None
            return other
        os.ftruncate(self.fd, 0)
        os.write(self.fd, str(os.getpid()).encode())
        return None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class Agent:
    """The background agent. `run()` blocks until `stop()` (or SIGTERM/SIGINT)."""

    def __init__(self, config: Config, *, scanner: Any = None, policy: Any = None) -> None:
        self.config = config
        self._scanner = scanner
        self._policy = policy
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._in_scan = False
        self._mounts_seen: tuple[str, ...] = ()
        self._last_heartbeat = 0.0
        self._last_mount_check = 0.0
        self._last_work = time.monotonic()
        self._worker_parked = True
        self._needs_recovery = False
        self._failures = 0
        self._catchup_todo: set[str] = set()
        self._catchup_lock = threading.Lock()
        self._last_catchup_retry = 0.0
        self._last_retention = float("-inf")
        self.started = now_iso()
        self.scanned = 0
        self.logged = 0
        self.last: deque[dict[str, Any]] = deque(maxlen=10)
        self.alerter: Any = None
        self.watcher: Watcher | None = None
        self.store: Store | None = None
        self.queue: Queue | None = None
        self.ready = False
        self.settle = max(0.0, float(config.watch_options.settle_seconds))

    # -- pieces, created lazily so the idle agent stays small -----------------------------------
    @property
    def policy(self) -> Any:
        if self._policy is None:
            from policies import load_policy

            self._policy = load_policy(self.config.policy)
        return self._policy

    @property
    def scanner(self) -> Any:
        if self._scanner is None:
            from agent.pipeline import Scanner

            key = load_install_key(self.config.key_path)
            self._scanner = Scanner(self.config, self.policy, hasher=value_hasher(key))
        return self._scanner

    # -- lifecycle --------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _on_signal(self, signum: int, _frame: Any) -> None:
        self.stop()
        if self._in_scan:
            raise _Stop()

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        if hasattr(signal, "SIGIO"):
            signal.signal(signal.SIGIO, signal.SIG_IGN)  # lease breaks (see has_writer)

    def open(self) -> None:
        cfg = self.config
        make_private_dir(cfg.data_path)
        self.store = Store.open(cfg)
        self.queue = Queue(cfg.queue_path)
        self.policy  # noqa: B018 - a bad policy stops the agent at start, not at the first file
        if cfg.mode in ("warn", "block") and cfg.alert.enabled:
            from agent.actions.alert import Alerter

            self.alerter = Alerter(cfg)
        folders = locations.watch_folders(cfg)
        private = [str(cfg.data_path)]
        self.filter = PathFilter(cfg.exclude, private)
        self.watcher = Watcher(
            self._enqueue,
            path_filter=self.filter,
            poll_interval_s=cfg.watch_options.poll_interval_s,
        )
        self.watcher.start(folders)
        self._mounts_seen = tuple(f.path for f in folders if f.removable)

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        if self.alerter is not None:
            self.alerter.close()
        if self._scanner is not None:
            with contextlib.suppress(Exception):
                self._scanner.close()
        self.write_state(running=False)
        if self.queue is not None:
            self.queue.close()
        if self.store is not None:
            self.store.close()

    def run(self) -> int:
        """Recover, catch up, then judge files until stopped."""
        assert self.queue is not None and self.watcher is not None
        self.tidy_quarantine()
        self.recover()
        self._start_catch_up([f.path for f in self.watcher.folders])
        self.ready = True
        self.write_state()
        while not self._stop.is_set():
            try:
                did = self.step()
            except _Stop:
                break
            except Exception:  # the queue itself failed (disk full, I/O error): wait, retry
                log.exception("queue error; retrying")
                self._failures += 1
                self._needs_recovery = True
                did = False
            now = time.monotonic()
            if now - self._last_heartbeat >= HEARTBEAT_S:
                self.write_state()
            if now - self._last_mount_check >= MOUNT_CHECK_S:
                self._check_mounts()
            if now - self._last_retention >= RETENTION_CHECK_S:
                self._apply_retention()
            if now - self._last_catchup_retry >= MOUNT_CHECK_S:
                self._last_catchup_retry = now
                self._retry_catch_up()
            if did:
                self._last_work = now
                self._worker_parked = False
            elif self._failures:
                self._stop.wait(min(30.0, 1.0 * self._failures))
            elif not self._worker_parked and now - self._last_work >= WORKER_IDLE_S:
                self._park_worker()
            if not did:
                try:
                    nd = self.queue.next_due()
                except Exception:
                    nd = time.time() + 5.0
                wait = HEARTBEAT_S if nd is None else max(0.02, nd - time.time())
                periodic = self._watch_removable or self._catchup_todo or self.watcher.overflowed
                wait = min(wait, HEARTBEAT_S, MOUNT_CHECK_S if periodic else 1e9)
                if not self._worker_parked:
                    wait = min(wait, max(0.05, WORKER_IDLE_S - (now - self._last_work)))
                self._wake.wait(wait)
                self._wake.clear()
        return 0

    def _apply_retention(self) -> None:
        """Blank evidence older than `retention.evidence_days` (at start, then hourly)."""
        from agent.retention import apply_retention

        self._last_retention = time.monotonic()
        assert self.store is not None
        try:
            n = apply_retention(self.config, self.store)
        except Exception:  # a full disk must not stop the agent; retried next hour
            log.exception("retention purge failed")
            return
        if n:
            log.info("retention: evidence of %d old rows purged", n)

    def _park_worker(self) -> None:
        """Stop the idle extraction worker (it restarts on the next file)."""
        self._worker_parked = True
        extractor = getattr(self._scanner, "extractor", None)
        if extractor is not None:
            with contextlib.suppress(Exception):
                extractor.close()
            log.info("extraction worker stopped after %.0f s idle", WORKER_IDLE_S)

    @property
    def _watch_removable(self) -> bool:
        return bool(self.config.watch_options.use_defaults)

    # -- watcher side -------------------------------------------------------------------------
    def _enqueue(self, paths: list[str]) -> None:
        assert self.queue is not None
        self.queue.put_many(paths, delay=EVENT_DELAY_S)
        self._wake.set()

    def catch_up(self, roots: list[str]) -> int:
        """Queue what changed in `roots` while the agent was not running (stat index, then hash).

        If the queue cannot take them (disk full), the roots are kept and walked again later."""
        assert self.queue is not None
        n = 0
        for i, root in enumerate(roots):
            if self._stop.is_set():
                break
            try:
                n += self.queue.catch_up(walk_files(root, self.filter))
            except Exception as e:
                log.warning("catch-up of %s failed (%s); will retry", root, e)
                with self._catchup_lock:
                    self._catchup_todo.update(roots[i:])
                break
            self._wake.set()
        if n:
            log.info("catch-up queued %d files", n)
        return n

    def _start_catch_up(self, roots: list[str]) -> None:
        threading.Thread(target=self.catch_up, args=(roots,), name="catch-up", daemon=True).start()

    def _retry_catch_up(self) -> None:
        """Walk again what a failed catch-up or a dropped event burst may have missed."""
        if self.watcher is not None and self.watcher.overflowed:
            self.watcher.overflowed = False
            with self._catchup_lock:
                self._catchup_todo.update(f.path for f in self.watcher.folders)
        with self._catchup_lock:
            roots, self._catchup_todo = sorted(self._catchup_todo), set()
        if roots:
            self._start_catch_up(roots)

    def _check_mounts(self) -> None:
        self._last_mount_check = time.monotonic()
        if not self._watch_removable or self.watcher is None:
            return
        now = tuple(locations.removable_mounts())
        if now == self._mounts_seen:
            return
        table = locations.mounts()
        for mp in set(now) - set(self._mounts_seen):
            wf = locations.WatchFolder(
                mp, polled=locations.is_network(mp, table), removable=True, reason="removable"
            )
            if self.watcher.add(wf):
                self._start_catch_up([mp])
        for mp in set(self._mounts_seen) - set(now):
            self.watcher.remove(mp)
        self._mounts_seen = now
        self.write_state()

    # -- judging ----------------------------------------------------------------------------
    def step(self) -> bool:
        """Judge the next due file, if any. Returns whether there was one."""
        assert self.queue is not None
        if self._needs_recovery:
            self.recover(backoff=min(300.0, 5.0 * self._failures))
            self._needs_recovery = False
        item = self.queue.claim()
        if item is None:
            return False
        try:
            self.process(item)
        except _Stop:
            raise
        except Exception:
            # e.g. a full disk under the log: the item stays in the queue; `recover` finishes it
            # if its verdict did reach the log, else releases it for a later try
            log.exception("could not process a queued file; it will be retried")
            self._failures += 1
            self._needs_recovery = True
            return False
        self._failures = 0
        return True

    def _settled(self, item: Item, st: os.stat_result) -> bool:
        if item.size is not None and (item.size, item.mtime_ns) != (st.st_size, st.st_mtime_ns):
            return False  # changed since we last looked
        # a lease only sees local writers: on a network share another machine may be writing
        writer = None if self._on_network(item.path) else has_writer(item.path)
        if writer:
            return False
        if writer is False:
            return True  # nobody has it open for writing: complete
        # no writer information (network share, other platform): rely on a quiet period
        return time.time() - st.st_mtime >= self.settle and item.size is not None

    def _on_network(self, path: str) -> bool:
        if self.watcher is None:
            return False
        return any(
            f.polled and (path == f.path or path.startswith(f.path.rstrip("/") + "/"))
            for f in self.watcher.folders
        )

    def process(self, item: Item) -> None:
        assert self.queue is not None and self.store is not None
        path = item.path
        shown = display_path(path)
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            self.queue.drop(item)
            return
        except OSError:
            st = None  # type: ignore[assignment]
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.queue.drop(item)  # symlinks and special files are not followed
            return
        if st is not None:
            if not self._settled(item, st):
                self.queue.defer(item, max(self.settle, 0.2), st)
                return
            if self.queue.seen_matches(path, st):
                self.queue.done(item, st=st, sha256=self.queue.seen_sha(path), verdict_id=None)
                return
        try:
            sha = sha256_file(path)
        except FileNotFoundError:
            self.queue.drop(item)
            return
        except OSError:
            sha = None  # unreadable: the scanner says why
        if sha is not None:
            prev = self.store.last_verdict_for_sha256(sha)
            if prev is not None:
                if prev.path == shown or self._restored(sha):
                    # same content already judged here, or security staff restored it on
                    # purpose (a restore beside a name clash lands under a new name)
                    self.queue.done(item, st=st, sha256=sha, verdict_id=prev.id)
                    return
                self._judge(item, verdict_from_row(prev), st, sha, reused=True)
                return
        head = self.store.db.execute(
            "SELECT last_id FROM chain_head WHERE name='verdicts'"
        ).fetchone()[0]
        self.queue.start_scan(item, sha, head)
        self._in_scan = True
        try:
            if self._stop.is_set():
                raise _Stop()
            extraction, verdict = self.scanner.scan_detailed(path, display_path=shown)
        finally:
            self._in_scan = False
        self.scanned += 1
        if sha is not None and verdict.sha256 and verdict.sha256 != sha:
            self.queue.defer(item, max(self.settle, 0.2))  # changed while being read
            return
        try:
            st2 = os.lstat(path)
        except OSError:
            st2 = None
        if (
            st is not None
            and st2 is not None
            and (st2.st_size, st2.st_mtime_ns) != (st.st_size, st.st_mtime_ns)
        ):
            self.queue.defer(item, max(self.settle, 0.2), st2)
            return
        verdict = dataclasses.replace(
            verdict,
            path=shown,
            sha256=verdict.sha256 or sha,
            size=verdict.size if verdict.size is not None else (st.st_size if st else None),
        )
        self._judge(item, verdict, st, sha, thumbnail=self._thumbnail(path, extraction, verdict))

    def _thumbnail(self, path: str, extraction: Any, verdict: Verdict) -> str | None:
        """A masked thumbnail of a flagged OCR'd file for the console (before any quarantine)."""
        if extraction is None or verdict.decision is not Decision.FLAGGED:
            return None
        try:
            from agent.review.thumbnails import thumbnail_for

            return thumbnail_for(self.config, path, extraction, verdict)
        except Exception as e:
            log.info("no thumbnail: %s", e)
            return None

    def _restored(self, sha: str) -> bool:
        assert self.store is not None
        return (
            self.store.db.execute(
                "SELECT 1 FROM events e JOIN verdicts v ON v.id = e.verdict_id"
                " WHERE v.sha256 = ? AND e.kind = 'restore' LIMIT 1",
                (sha,),
            ).fetchone()
            is not None
        )

    def _actions(self, verdict: Verdict) -> tuple[str, ...]:
        mode = self.config.mode
        try:
            acts = tuple(self.policy.actions(mode, verdict))
        except Exception:
            log.exception("policy.actions failed; logging only")
            acts = ("log",)
        if (
            verdict.decision is Decision.UNREADABLE
            and verdict.error_kind == "encrypted"
            and self.config.alert.alert_on_encrypted
            and mode != "audit"
            and "alert" not in acts
        ):
            acts = (*acts, "alert")
        if mode != "block":
            acts = tuple(a for a in acts if a != "quarantine")
        if mode == "audit":
            acts = tuple(a for a in acts if a != "alert")
        return acts

    @staticmethod
    def _action_name(acts: tuple[str, ...]) -> str:
        if "quarantine" in acts:
            return "quarantine"
        if "alert" in acts:
            return "alert"
        return "log"

    def _judge(
        self,
        item: Item,
        verdict: Verdict,
        st: os.stat_result | None,
        sha: str | None,
        *,
        reused: bool = False,
        thumbnail: str | None = None,
    ) -> None:
        assert self.queue is not None and self.store is not None
        acts = self._actions(verdict)
        shown = display_path(item.path)
        if reused:
            verdict = dataclasses.replace(verdict, path=shown)
            head = self.store.db.execute(
                "SELECT last_id FROM chain_head WHERE name='verdicts'"
            ).fetchone()[0]
            self.queue.start_scan(item, sha, head)
        vid = self.store.append_verdict(
            verdict,
            action=self._action_name(acts),
            mode=self.config.mode,
            path=shown,
            thumbnail=thumbnail,
        )
        self.queue.mark_logged(item, vid)
        self.logged += 1
        self._act(item, vid, verdict, acts)
        self.queue.done(item, st=st, sha256=sha, verdict_id=vid)
        self.last.append(
            {
                "id": vid,
                "time": now_iso(),
                "path": shown,
                "verdict": verdict.decision.value,
                "categories": [c.id for c in verdict.flagged_categories],
                "action": self._action_name(acts),
            }
        )

    def _act(self, item: Item, vid: int, verdict: Verdict, acts: tuple[str, ...]) -> None:
        assert self.store is not None
        where = None
        if "quarantine" in acts and os.path.lexists(item.path):
            from agent.actions.quarantine import quarantine_verdict

            try:
                rec = quarantine_verdict(self.store, vid, item.path, self.config)
                where = rec.stored
            except Exception as e:
                log.warning("quarantine failed: %s", e)
                with contextlib.suppress(Exception):
                    self.store.add_event(
                        vid, "note", {"quarantine_error": str(e)}, actor="shareguard"
                    )
        if ("alert" in acts or "quarantine" in acts) and self.alerter is not None:
            try:
                self.alerter.alert(verdict, display_path(item.path), quarantined=where)
            except Exception:
                log.exception("alert failed")

    # -- crash recovery ---------------------------------------------------------------------
    def tidy_quarantine(self) -> None:
        from agent.actions.quarantine import tidy

        try:
            tidy(self.config)
        except OSError as e:
            log.warning("could not tidy the quarantine: %s", e)

    def recover(self, backoff: float = 0.0) -> int:
        """Finish or release what a previous run (or a failed step) left claimed: an item whose
        verdict is in the log is finished without a second row; others go back to pending.
        Returns items finished."""
        assert self.queue is not None and self.store is not None
        finished = 0
        for item in self.queue.interrupted():
            vid = item.verdict_id
            if vid is None and item.sha256 is not None and item.log_head is not None:
                r = self.store.db.execute(
                    "SELECT id FROM verdicts WHERE id > ? AND path = ? AND sha256 = ?"
                    " ORDER BY id LIMIT 1",
                    (item.log_head, display_path(item.path), item.sha256),
                ).fetchone()
                vid = r[0] if r else None
            if vid is None:
                self.queue.release(item, delay=backoff)
                continue
            row = self.store.get(vid)
            if row is None:
                self.queue.release(item, delay=backoff)
                continue
            verdict = verdict_from_row(row)
            acts = self._actions(verdict)
            done_kinds = {e.kind for e in self.store.events(vid)}
            if "quarantine" in done_kinds:
                acts = tuple(a for a in acts if a != "quarantine")
            elif "quarantine" in acts:
                try:
                    same = os.path.isfile(item.path) and sha256_file(item.path) == row.sha256
                except OSError:
                    same = False
                if not same:
                    acts = tuple(a for a in acts if a != "quarantine")
                    # moved before the crash, but not yet recorded: record it now
                    from agent.actions.quarantine import find_quarantined

                    rec = find_quarantined(self.config, item.path, row.sha256)
                    if rec is not None:
                        self.store.add_event(vid, "quarantine", rec.to_dict(), actor="shareguard")
            self._act(item, vid, verdict, acts)
            try:
                st = os.lstat(item.path)
            except OSError:
                st = None
            self.queue.done(item, st=st, sha256=row.sha256, verdict_id=vid)
            finished += 1
        return finished

    # -- status -----------------------------------------------------------------------------
    def state(self, *, running: bool = True) -> dict[str, Any]:
        folders = self.watcher.folders if self.watcher else []
        alerts_on = bool(self.alerter is not None and self.alerter.available)
        return {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "running": running,
            "ready": self.ready and running,
            "started": self.started,
            "heartbeat": now_iso(),
            "heartbeat_epoch": time.time(),
            "mode": self.config.mode,
            "config": self.config.source,
            "folders": [
                {
                    "path": f.path,
                    "polled": f.polled,
                    "removable": f.removable,
                    "reason": f.reason,
                    "poll_interval_s": self.config.watch_options.poll_interval_s
                    if f.polled
                    else None,
                }
                for f in folders
            ],
            "watch_errors": list(self.watcher.errors) if self.watcher else [],
            "alerts": alerts_on,
            "alerts_reason": (
                "" if alerts_on else (self.alerter.reason if self.alerter else "mode or config")
            ),
            "queue": len(self.queue) if self.queue is not None else None,
            "scanned": self.scanned,
            "logged": self.logged,
            "last": list(self.last),
        }

    def write_state(self, *, running: bool = True) -> None:
        self._last_heartbeat = time.monotonic()
        try:
            write_private_json(self.config.state_path, self.state(running=running))
        except Exception as e:  # a full disk must not stop the agent
            log.warning("could not write state file: %s", e)


def run_agent(config: Config) -> int:
    """`shareguard run`: lock, lower priority, open, recover, catch up, loop; clean shutdown."""
    make_private_dir(config.data_path)
    lock = AgentLock(config.data_path)
    other = lock.acquire()
    if other is not None:
        print(t("agent.run.already", pid=other or "?"), file=sys.stderr)
        return 2
    agent = Agent(config)
    agent.install_signal_handlers()
    set_low_priority()
    try:
        agent.open()
        assert agent.watcher is not None
        if not agent.watcher.folders:
            print(t("agent.run.no_folders"), file=sys.stderr)
        print(
            t("agent.run.started", mode=config.mode, count=len(agent.watcher.folders)),
            file=sys.stderr,
            flush=True,
        )
        if agent.alerter is not None and not agent.alerter.available:
            print(t("agent.run.alerts_off"), file=sys.stderr, flush=True)
        agent.run()
    except _Stop:
        pass
    finally:
        with contextlib.suppress(_Stop):
            agent.close()
        lock.release()
    print(t("agent.run.stopped"), file=sys.stderr, flush=True)
    return 0
