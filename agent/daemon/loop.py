"""The agent's run loop: watcher -> queue -> Judge (scan, policy, log, alert/quarantine).

One thread judges files (this loop, through `agent.daemon.judge.Judge`); the watcher's threads
only record which paths changed into the persistent queue. Besides judging, the loop writes the
state file (heartbeat), follows removable drives, retries failed catch-ups, applies retention
and parks the idle extraction worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from agent import locations
from agent.config import Config
from agent.daemon.judge import Judge, Stopping
from agent.daemon.platform import AgentLock, set_low_priority
from agent.daemon.state import agent_state, write_state
from agent.files import make_private_dir
from agent.i18n import t
from agent.queue import Queue
from agent.store import Store, load_install_key, now_iso, value_hasher
from agent.watcher import PathFilter, Watcher, walk_files

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
MOUNT_CHECK_S = 5.0
EVENT_DELAY_S = 0.2  # coalesce the events of one write before looking at the file
RETENTION_CHECK_S = 3600.0
RELOAD_CHECK_S = 2.0  # how often the config and policy files are looked at for changes
# How often the folders to watch are resolved again: a Downloads folder made later, or a chat
# app installed after shareguard (its file folder appears on first run).
FOLDER_CHECK_S = 30.0


class Agent:
    """The background agent. `run()` blocks until `stop()` (or SIGTERM/SIGINT)."""

    def __init__(self, config: Config, *, scanner: Any = None, policy: Any = None) -> None:
        self.config = config
        self._scanner = scanner
        self._policy = policy
        self._stop = threading.Event()
        self._wake = threading.Event()
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
        self._last_reload_check = 0.0
        self._last_folder_check = time.monotonic()
        self._unwatchable: set[str] = set()
        self._files_seen: tuple[Any, ...] = ()
        self.started = now_iso()
        self.alerter: Any = None
        self.watcher: Watcher | None = None
        self.store: Store | None = None
        self.queue: Queue | None = None
        self.judge: Judge | None = None
        self.forwarder: Any = None
        self.checks: Any = None  # agent.checkd.CheckServer: `shareguard check` asks here
        self.ready = False

    # -- pieces, created lazily so the idle agent stays small -----------------------------------
    @property
    def policy(self) -> Any:
        if self._policy is None:
            from policies import load_policy

            self._policy = load_policy(self.config.policy_files())
        return self._policy

    @property
    def scanner(self) -> Any:
        if self._scanner is None:
            from agent.extract import Extractor
            from agent.pipeline import Scanner

            key = load_install_key(self.config.key_path)
            # a person may be waiting on the next picture (an alert, `check`): OCR loads with
            # the worker, not on the first photo
            extractor = Extractor(self.config, warm_ocr=True, warm_page=True)
            self._scanner = Scanner(
                self.config, self.policy, hasher=value_hasher(key), extractor=extractor
            )
        return self._scanner

    # -- lifecycle --------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _on_signal(self, signum: int, _frame: Any) -> None:
        self.stop()
        if self.judge is not None and self.judge.in_scan:
            raise Stopping()

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

            self.alerter = Alerter(cfg, interactive=True)
        self.judge = Judge(
            cfg,
            self.store,
            self.queue,
            policy=lambda: self.policy,
            scanner=lambda: self.scanner,
            alerter=self.alerter,
            on_network=self._on_network,
            stop=self._stop,
        )
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
        self._files_seen = self._settings_fingerprint()
        self._open_check_channel()

    def _start_forwarder(self) -> None:
        """Forward the log to the office server, if this PC is enrolled (`shareguard enroll`)."""
        if not self.config.fleet.server:
            return
        from agent.forward import FleetError, Forwarder, load_credential

        try:
            cred = load_credential(self.config)
        except FleetError as e:
            log.error("not forwarding: %s", e)
            return
        if cred is None:
            log.error("not forwarding: [fleet] server is set but this PC is not enrolled")
            return
        self.forwarder = Forwarder(
            self.config,
            cred,
            batch=self.config.fleet.batch,
            heartbeat_s=self.config.fleet.heartbeat_s,
        )
        self.forwarder.start()

    def _open_check_channel(self) -> None:
        """Serve `shareguard check` with this agent's warm worker (agent.checkd); without the
        channel `check` judges files itself, so a failure here is only logged."""
        from agent.checkd import CheckServer

        try:
            key = load_install_key(self.config.key_path)
            server = CheckServer(self.config, key, self._wake.set)
            server.start()
        except Exception as e:
            log.warning("check channel not available: %s", e)
            return
        self.checks = server

    def _check_file(self, path: Any, shown: str) -> tuple[Any, str | None]:
        from agent.checkd import judge_and_log

        return judge_and_log(self.scanner, self.store, self.config, path, shown)

    def close(self) -> None:
        if self.checks is not None:
            self.checks.close()
        if self.forwarder is not None:
            self.forwarder.stop()
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
        self._start_forwarder()  # after the state file: its first heartbeat reports the folders
        self._maybe_digest()
        while not self._stop.is_set():
            try:
                did = self.step()
            except Stopping:
                break
            except Exception:  # the queue itself failed (disk full, I/O error): wait, retry
                log.exception("queue error; retrying")
                self._failures += 1
                self._needs_recovery = True
                did = False
            now = time.monotonic()
            if now - self._last_heartbeat >= HEARTBEAT_S:
                self.write_state()
                self._maybe_digest()
            if now - self._last_mount_check >= MOUNT_CHECK_S:
                self._check_mounts()
            if now - self._last_retention >= RETENTION_CHECK_S:
                self._apply_retention()
            if now - self._last_reload_check >= RELOAD_CHECK_S:
                self._last_reload_check = now
                self.reload_if_changed()
            if now - self._last_folder_check >= FOLDER_CHECK_S:
                self._check_folders()
            if now - self._last_catchup_retry >= MOUNT_CHECK_S:
                self._last_catchup_retry = now
                self._retry_catch_up()
            if did:
                self._last_work = now
                self._worker_parked = False
            elif self._failures:
                self._stop.wait(min(30.0, 1.0 * self._failures))
            elif not self._worker_parked and now - self._last_work >= self.worker_idle_s:
                self._park_worker()
            if not did:
                try:
                    nd = self.queue.next_due()
                except Exception:
                    nd = time.time() + 5.0
                wait = HEARTBEAT_S if nd is None else max(0.02, nd - time.time())
                periodic = self._watch_removable or self._catchup_todo or self.watcher.overflowed
                wait = min(wait, HEARTBEAT_S, RELOAD_CHECK_S, MOUNT_CHECK_S if periodic else 1e9)
                if not self._worker_parked:
                    wait = min(wait, max(0.05, self.worker_idle_s - (now - self._last_work)))
                self._wake.wait(wait)
                self._wake.clear()
        return 0

    def _maybe_digest(self) -> None:
        """The daily digest of flagged files in staging folders, once it is due."""
        if self.alerter is None:
            return
        try:
            self.alerter.maybe_digest()
        except Exception:
            log.exception("digest failed")

    def _apply_retention(self) -> None:
        """Blank evidence older than `retention.evidence_days` and forget files that are gone
        from the `seen` index (at start, then hourly)."""
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
        try:
            gone = self.queue.prune_seen() if self.queue is not None else 0
        except Exception:
            log.exception("pruning the seen index failed")
        else:
            if gone:
                log.info("seen index: %d files that no longer exist forgotten", gone)

    # -- reloading config and policy ------------------------------------------------------------
    def _settings_files(self) -> list[Path]:
        """The config file and every policy file that is (or would be, once created) in force."""
        files = [Path(p).expanduser() for p in self.config.policy]
        if not self.config.policy and self.config.beside_policy_path is not None:
            files.append(self.config.beside_policy_path)
        if self.config.source and not self.config.source.startswith("<"):
            files.append(Path(self.config.source).expanduser())
        files.append(self.config.fleet_policy_path)  # pulled from the office server
        return files

    def _settings_fingerprint(self) -> tuple[Any, ...]:
        out: list[Any] = []
        for p in self._settings_files():
            try:
                st = p.stat()
                out.append((str(p), st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                out.append((str(p), None))
        return tuple(out)

    def reload_if_changed(self) -> bool:
        """Reload the config and policy when one of their files changed (docs/review.md: an
        allowlist entry saved in the console applies without a restart). A file that does not
        load keeps the previous settings in force; both outcomes are events in the log."""
        seen = self._settings_fingerprint()
        if seen == self._files_seen:
            return False
        self._files_seen = seen
        from agent.config import load_config
        from agent.errors import ConfigError
        from policies import load_policy

        assert self.store is not None
        old_version = getattr(self._policy, "version", None)
        try:
            config = load_config(self.config.source) if self.config.source else self.config
            policy = load_policy(config.policy_files())
        except (ConfigError, OSError) as e:
            log.error("settings not reloaded, the previous ones stay in force: %s", e)
            with contextlib.suppress(Exception):
                self.store.add_event(None, "reload_failed", {"error": str(e)}, actor="shareguard")
            return False
        config_changed = config != self.config
        self._apply_settings(config, policy)
        self._files_seen = self._settings_fingerprint()  # the policy files may have changed
        log.info("settings reloaded (policy %s -> %s)", old_version, policy.version)
        with contextlib.suppress(Exception):
            self.store.add_event(
                None,
                "reload",
                {
                    "policy_version": policy.version,
                    "previous_policy_version": old_version,
                    "config_changed": config_changed,
                    "policy_files": list(config.policy_files()),
                },
                actor="shareguard",
            )
        self.write_state()
        return True

    def _apply_settings(self, config: Config, policy: Any) -> None:
        old = self.config
        self.config, self._policy = config, policy
        if self._scanner is not None:
            if (old.limits, old.ocr) != (config.limits, config.ocr):
                with contextlib.suppress(Exception):
                    self._scanner.close()  # the worker runs under the old limits
                self._scanner = None
            else:
                self._scanner.policy = policy
                self._scanner.config = config
        if (old.mode, old.alert) != (config.mode, config.alert):
            if self.alerter is not None:
                with contextlib.suppress(Exception):
                    self.alerter.close()
                self.alerter = None
            if config.mode in ("warn", "block") and config.alert.enabled:
                from agent.actions.alert import Alerter

                self.alerter = Alerter(config, interactive=True)
        if self.judge is not None:
            self.judge.config = config
            self.judge.alerter = self.alerter
            self.judge.settle = max(0.0, float(config.watch_options.settle_seconds))
        if self.watcher is not None and (old.watch, old.exclude, old.watch_options) != (
            config.watch,
            config.exclude,
            config.watch_options,
        ):
            self.filter = PathFilter(config.exclude, [str(config.data_path)])
            self.watcher.filter = self.filter
            self._sync_folders(locations.watch_folders(config))

    def _check_folders(self) -> None:
        """Resolve the folders to watch again: watch (and catch up on) the ones that appeared,
        drop the ones that are gone."""
        self._last_folder_check = time.monotonic()
        try:
            wanted = locations.watch_folders(self.config, include_removable=False)
        except Exception:
            log.exception("could not resolve the folders to watch")
            return
        if self._sync_folders(wanted):
            self.write_state()

    def _sync_folders(self, wanted: list[locations.WatchFolder]) -> bool:
        """Watch what `wanted` adds (and catch up on it), drop what it no longer has (removable
        drives are `_check_mounts`' business). A folder that cannot be watched is tried once
        while it exists, not every round. Returns whether anything changed."""
        assert self.watcher is not None
        changed = False
        have = {f.path for f in self.watcher.folders}
        keep = {f.path for f in wanted}
        self._unwatchable &= keep  # gone (or no longer wanted): may be tried again later
        for f in wanted:
            if f.path in have or f.path in self._unwatchable:
                continue
            if self.watcher.add(f):
                log.info("now watching a new folder (%s)", f.reason)
                self._start_catch_up([f.path])
                changed = True
            else:
                self._unwatchable.add(f.path)
        for path in have - keep:
            if path not in self._mounts_seen:
                self.watcher.remove(path)
                changed = True
        return changed

    def _park_worker(self) -> None:
        """Stop the idle extraction worker (it restarts on the next file)."""
        self._worker_parked = True
        extractor = getattr(self._scanner, "extractor", None)
        if extractor is not None:
            with contextlib.suppress(Exception):
                extractor.close()
            log.info("extraction worker stopped after %.0f s idle", self.worker_idle_s)

    @property
    def worker_idle_s(self) -> float:
        """The extraction worker (parsers, OCR model: hundreds of MB) is stopped after this
        long without a file to judge, so an idle agent stays small; the next file starts it
        again. `[watch_options] worker_idle_s`; SHAREGUARD_WORKER_IDLE_S still overrides it."""
        env = os.environ.get("SHAREGUARD_WORKER_IDLE_S")
        if env:
            with contextlib.suppress(ValueError):
                return float(env)
        return float(self.config.watch_options.worker_idle_s)

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
        now = tuple(locations.removable_mounts(config=self.config))
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

    def _on_network(self, path: str) -> bool:
        if self.watcher is None:
            return False
        return any(
            f.polled and (path == f.path or path.startswith(f.path.rstrip("/") + "/"))
            for f in self.watcher.folders
        )

    # -- judging ----------------------------------------------------------------------------
    def step(self) -> bool:
        """Judge the next due file, if any. Returns whether there was one."""
        assert self.queue is not None and self.judge is not None
        if self._needs_recovery:
            self.recover(backoff=min(300.0, 5.0 * self._failures))
            self._needs_recovery = False
        if self.checks is not None and self.checks.serve_pending(self._check_file):
            return True  # a person waits on `check`: before the queue
        item = self.queue.claim()
        if item is None:
            return False
        try:
            self.judge.process(item)
        except Stopping:
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

    # -- crash recovery ---------------------------------------------------------------------
    def tidy_quarantine(self) -> None:
        from agent.actions.quarantine import tidy

        try:
            tidy(self.config)
        except OSError as e:
            log.warning("could not tidy the quarantine: %s", e)

    def recover(self, backoff: float = 0.0) -> int:
        """Finish or release what a previous run left claimed (see `Judge.recover`)."""
        assert self.judge is not None
        return self.judge.recover(backoff)

    # -- status -----------------------------------------------------------------------------
    def state(self, *, running: bool = True) -> dict[str, Any]:
        return agent_state(self, running=running)

    def write_state(self, *, running: bool = True) -> None:
        self._last_heartbeat = time.monotonic()
        write_state(self.config.state_path, self.state(running=running))


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
    except Stopping:
        pass
    finally:
        with contextlib.suppress(Stopping):
            agent.close()
        lock.release()
    print(t("agent.run.stopped"), file=sys.stderr, flush=True)
    return 0
