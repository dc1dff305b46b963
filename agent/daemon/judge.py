"""Judging one queued file: settle, hash, reuse or scan, log the verdict, then act on it.

The order of steps for one file is what makes a kill -9 harmless:

1. the path is in the queue (SQLite) before anything else happens;
2. when claimed, it must have settled (no writer, size and mtime stable), else it is deferred;
3. its sha256 and the log's last row id are written to the queue *before* the scan;
4. the verdict is appended to the log (one transaction), then the item is marked `logged`;
5. quarantine and alert run; the item leaves the queue.

After a crash, an item whose verdict row is already in the log (found by path, sha256 and
id > log_head) is finished without a second row (`Judge.recover`); any other item is scanned again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from agent import locations
from agent.config import Config
from agent.daemon.platform import has_writer
from agent.files import sha256_file
from agent.queue import Item, Queue, display_path
from agent.redact import scrub
from agent.store import LogRow, Store, now_iso
from detectors.model import CategoryScore, Decision, Evidence, Verdict

log = logging.getLogger(__name__)


# A scan that fails for a passing reason (a timeout under load, the worker killed) is tried
# again after these delays before its `unreadable` verdict is logged.
RETRY_BACKOFF_S = (10.0, 60.0)
# An item claimed this many times without reaching the log (the agent died reading it each
# time) is logged `unreadable` instead of being read again.
MAX_ATTEMPTS = 3


def is_transient(verdict: Verdict) -> bool:
    """An `unreadable` that may well not happen again: a timeout, a file changed or vanished
    while read, a worker that was killed or crashed."""
    if verdict.decision is not Decision.UNREADABLE:
        return False
    if verdict.error_kind in ("timeout", "access"):
        return True
    return (verdict.error or "").startswith(("the reader crashed", "the reader was killed"))


class Stopping(BaseException):
    """Raised in the main thread by SIGTERM/SIGINT to abandon a scan in progress (safe: the
    item stays in the queue and is scanned again next time)."""


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


def actions_for(config: Config, policy: Any, verdict: Verdict) -> tuple[str, ...]:
    """The actions the policy asks for in the configured mode (quarantine only in block mode,
    no alert in audit mode)."""
    mode = config.mode
    try:
        acts = tuple(policy.actions(mode, verdict))
    except Exception:
        log.exception("policy.actions failed; logging only")
        acts = ("log",)
    if verdict.decision is Decision.UNREADABLE and mode != "audit" and "alert" not in acts:
        if verdict.error_kind == "encrypted":
            wanted = config.alert.alert_on_encrypted
        else:  # nothing could be judged: the person is told (an unknown file type is not news)
            wanted = config.alert.alert_on_unreadable and verdict.error_kind != "unsupported"
        if wanted:
            acts = (*acts, "alert")
    if mode != "block":
        acts = tuple(a for a in acts if a != "quarantine")
    if mode == "audit":
        acts = tuple(a for a in acts if a != "alert")
    return acts


def action_name(acts: tuple[str, ...]) -> str:
    """The strongest action, as the log records it."""
    if "quarantine" in acts:
        return "quarantine"
    if "alert" in acts:
        return "alert"
    return "log"


class Judge:
    """Judges queued items one at a time and records the outcome in the log and the queue.

    `policy` and `scanner` are callables so the agent can create them lazily (the idle agent
    stays small); `on_network` tells whether a path is on a polled (network) folder, where a
    lease cannot see remote writers."""

    def __init__(
        self,
        config: Config,
        store: Store,
        queue: Queue,
        *,
        policy: Callable[[], Any],
        scanner: Callable[[], Any],
        alerter: Any = None,
        on_network: Callable[[str], bool] = lambda _p: False,
        stop: threading.Event | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.queue = queue
        self._policy = policy
        self._scanner = scanner
        self.alerter = alerter
        self._on_network = on_network
        self._stop = stop or threading.Event()
        self.settle = max(0.0, float(config.watch_options.settle_seconds))
        self.in_scan = False
        self.scanned = 0
        self.logged = 0
        self.last: deque[dict[str, Any]] = deque(maxlen=10)

    def actions(self, verdict: Verdict) -> tuple[str, ...]:
        return actions_for(self.config, self._policy(), verdict)

    @property
    def policy_version(self) -> str | None:
        return getattr(self._policy(), "version", None)

    # -- one item ---------------------------------------------------------------------------
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

    def process(self, item: Item) -> None:
        """Judge one claimed item (or defer/drop it); see the module docstring for the order."""
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
            if prev is not None and self.store.was_restored(sha):
                # security staff restored it on purpose (beside a name clash: a new name)
                self.queue.done(item, st=st, sha256=sha, verdict_id=prev.id)
                return
            # A verdict is reused only if it was reached under the policy in force now (its
            # version covers the allowlist) and is not an `unreadable` (which may pass).
            if (
                prev is not None
                and prev.verdict != Decision.UNREADABLE.value
                and prev.policy_version is not None
                and prev.policy_version == self.policy_version
            ):
                if self.store.same_path(prev, shown):  # same content already judged here
                    self.queue.done(item, st=st, sha256=sha, verdict_id=prev.id)
                    return
                self._record(item, verdict_from_row(prev), st, sha, reused=True)
                return
        if item.attempts > MAX_ATTEMPTS:
            # the agent stopped (crashed, was killed) while reading it every time: do not try
            # a fourth time, say so in the log
            log.warning("giving up on a file after %d attempts", item.attempts - 1)
            gave_up = Verdict(
                path=shown,
                decision=Decision.UNREADABLE,
                error=f"gave up after {item.attempts - 1} attempts that did not finish",
                error_kind="failed",
                sha256=sha,
                size=st.st_size if st is not None else None,
            )
            self.queue.start_scan(item, sha, self.store.head_id())
            self._record(item, gave_up, st, sha)
            return
        self.queue.start_scan(item, sha, self.store.head_id())
        self.in_scan = True
        try:
            if self._stop.is_set():
                raise Stopping()
            extraction, verdict = self._scanner().scan_detailed(path, display_path=shown)
        finally:
            self.in_scan = False
        self.scanned += 1
        if is_transient(verdict) and item.attempts <= len(RETRY_BACKOFF_S):
            delay = RETRY_BACKOFF_S[item.attempts - 1]
            log.info("unreadable (%s); trying again in %.0f s", verdict.error_kind, delay)
            self.queue.retry(item, delay)
            return
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
        self._record(item, verdict, st, sha, thumbnail=self._thumbnail(path, extraction, verdict))

    def _thumbnail(self, path: str, extraction: Any, verdict: Verdict) -> str | None:
        """A masked thumbnail of a flagged OCR'd file for the console (before any quarantine)."""
        if extraction is None or verdict.decision is not Decision.FLAGGED:
            return None
        try:  # in the extraction worker: a crash there costs the picture, not the agent
            return self._scanner().thumbnail(path, extraction, verdict, self.config.thumbnails_path)
        except Exception as e:
            log.info("no thumbnail: %s", type(e).__name__)
            return None

    def _record(
        self,
        item: Item,
        verdict: Verdict,
        st: os.stat_result | None,
        sha: str | None,
        *,
        reused: bool = False,
        thumbnail: str | None = None,
    ) -> None:
        """Log the verdict, act on it, and finish the item."""
        acts = self.actions(verdict)
        shown = display_path(item.path)
        if reused:
            verdict = dataclasses.replace(verdict, path=shown)
            self.queue.start_scan(item, sha, self.store.head_id())
        action = action_name(acts)
        if action == "alert" and self.alerter is not None:
            # a flagged file in a staging folder is counted for the digest, not popped up
            role = locations.folder_role(item.path, self.config).role
            action = {"popup": "alert", "digest": "digest"}.get(
                getattr(self.config.alert, role, "popup"), "log"
            )
        vid = self.store.append_verdict(
            verdict,
            action=action,
            mode=self.config.mode,
            path=shown,
            thumbnail=thumbnail,
            policy_version=self.policy_version,
        )
        self.queue.mark_logged(item, vid)
        self.logged += 1
        self._act(item, vid, verdict, acts)
        self.queue.done(item, st=st, sha256=sha, verdict_id=vid)
        self.last.append(
            {
                "id": vid,
                "time": now_iso(),
                "path": scrub(shown),
                "verdict": verdict.decision.value,
                "categories": [c.id for c in verdict.flagged_categories],
                "action": action_name(acts),
            }
        )

    def _act(self, item: Item, vid: int, verdict: Verdict, acts: tuple[str, ...]) -> None:
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
                folder = locations.folder_role(item.path, self.config)
                self.alerter.alert(
                    verdict,
                    display_path(item.path),
                    quarantined=where,
                    role=folder.role,
                    where=folder.reason,
                    verdict_id=vid,
                    path=item.path,
                )
            except Exception:
                log.exception("alert failed")

    # -- crash recovery ---------------------------------------------------------------------
    def recover(self, backoff: float = 0.0) -> int:
        """Finish or release what a previous run (or a failed step) left claimed: an item whose
        verdict is in the log is finished without a second row; others go back to pending.
        Returns items finished."""
        finished = 0
        for item in self.queue.interrupted():
            vid = item.verdict_id
            if vid is None and item.sha256 is not None and item.log_head is not None:
                vid = self.store.verdict_after(item.log_head, display_path(item.path), item.sha256)
            if vid is None:
                self.queue.release(item, delay=backoff)
                continue
            row = self.store.get(vid)
            if row is None:
                self.queue.release(item, delay=backoff)
                continue
            verdict = verdict_from_row(row)
            acts = self.actions(verdict)
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
