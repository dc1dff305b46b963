"""What the person was already told, so the same document pops up at most once a day.

One small JSON file per person (`<data>/alert-memory.json`, 0600, rewritten atomically) that
survives restarts:

- `day`: the local date the day-scoped fields belong to (they reset when it changes);
- `popped`: sha256 → time of today's pop-up for that content;
- `staging`: sha256 → {name, path, category, evidence, verdict_id} of flagged files seen in
  staging folders today (the digest counts and lists them);
- `digest_day`: the local date the last digest went out;
- `overridden`: sha256s the person chose to send anyway (kept across days; the `override`
  events in the log are the record, this is the fast lookup, refilled from the log at start).

Only masked evidence and file names are kept, like the log. A corrupt or unreadable file starts
an empty memory (at worst one repeated pop-up), never a crash.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.files import make_private_dir, write_private

log = logging.getLogger(__name__)
FILE_NAME = "alert-memory.json"
MAX_STAGING = 1000  # a day's digest list is capped; the count stays exact


@dataclass(frozen=True)
class StagedFile:
    sha256: str
    name: str
    path: str
    category: str
    evidence: str
    verdict_id: int | None


def today(now: datetime | None = None) -> str:
    return (now or datetime.now()).date().isoformat()


class AlertMemory:
    """Thread-safe: pop-ups come from the agent's loop, button presses from the alert thread."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._data: dict[str, Any] = self._load()

    @classmethod
    def for_config(cls, config: Any) -> AlertMemory:
        data_path = getattr(config, "data_path", None)
        return cls(Path(data_path) / FILE_NAME if data_path is not None else None)

    # -- storage -----------------------------------------------------------------------------
    def _empty(self) -> dict[str, Any]:
        return {
            "day": today(),
            "popped": {},
            "staging": {},
            "staging_count": 0,
            "digest_day": None,
            "overridden": [],
        }

    def _load(self) -> dict[str, Any]:
        data = self._empty()
        if self.path is None:
            return data
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return data
        except (OSError, ValueError) as e:
            log.warning("alert memory unreadable, starting afresh: %s", e)
            return data
        if isinstance(stored, dict):
            for key, default in data.items():
                value = stored.get(key, default)
                if key == "digest_day":
                    data[key] = value if isinstance(value, str) else None
                elif isinstance(value, type(default)):
                    data[key] = value
        return data

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            make_private_dir(self.path.parent)
            write_private(
                self.path, json.dumps(self._data, ensure_ascii=False).encode(), durable=False
            )
        except OSError as e:  # a full disk must not stop alerts; at worst one repeat
            log.warning("could not save alert memory: %s", e)

    def _roll(self, day: str) -> None:
        if self._data.get("day") != day:
            self._data.update(day=day, popped={}, staging={}, staging_count=0)

    # -- pop-ups -----------------------------------------------------------------------------
    def claim_popup(self, sha256: str | None, now: datetime | None = None) -> bool:
        """True (and remembered) if `sha256` has not popped up today; False for a repeat.
        Content without a hash (unreadable file) always may pop up (the burst fold limits it)."""
        if not sha256:
            return True
        with self._lock:
            self._roll(today(now))
            if sha256 in self._data["popped"]:
                return False
            self._data["popped"][sha256] = (now or datetime.now()).isoformat(timespec="seconds")
            self._save()
            return True

    def popped_today(self, sha256: str, now: datetime | None = None) -> bool:
        with self._lock:
            self._roll(today(now))
            return sha256 in self._data["popped"]

    # -- overrides ---------------------------------------------------------------------------
    def add_override(self, sha256: str) -> None:
        with self._lock:
            if sha256 and sha256 not in self._data["overridden"]:
                self._data["overridden"].append(sha256)
                self._save()

    def merge_overrides(self, shas: Iterable[str]) -> None:
        """Refill from the log's `override` events (the record) at start."""
        with self._lock:
            known = set(self._data["overridden"])
            new = [s for s in shas if s and s not in known]
            if new:
                self._data["overridden"].extend(dict.fromkeys(new))
                self._save()

    def overridden(self, sha256: str | None) -> bool:
        with self._lock:
            return bool(sha256) and sha256 in self._data["overridden"]

    # -- digest ------------------------------------------------------------------------------
    def add_staged(self, f: StagedFile, now: datetime | None = None) -> bool:
        """Count a flagged file seen in a staging folder today. False if already counted."""
        with self._lock:
            self._roll(today(now))
            staging = self._data["staging"]
            if f.sha256 in staging:
                return False
            self._data["staging_count"] += 1
            if len(staging) < MAX_STAGING:
                staging[f.sha256] = {
                    "name": f.name,
                    "path": f.path,
                    "category": f.category,
                    "evidence": f.evidence,
                    "verdict_id": f.verdict_id,
                }
            self._save()
            return True

    def staged(self, now: datetime | None = None) -> tuple[int, list[StagedFile]]:
        """Today's count and list of flagged files in staging folders."""
        with self._lock:
            self._roll(today(now))
            files = [
                StagedFile(
                    sha,
                    str(v.get("name", "")),
                    str(v.get("path", "")),
                    str(v.get("category", "")),
                    str(v.get("evidence", "")),
                    v.get("verdict_id"),
                )
                for sha, v in self._data["staging"].items()
                if isinstance(v, dict)
            ]
            return int(self._data["staging_count"]), files

    def claim_digest(self, now: datetime | None = None) -> bool:
        """True (and remembered) if no digest went out today."""
        with self._lock:
            day = today(now)
            self._roll(day)
            if self._data.get("digest_day") == day:
                return False
            self._data["digest_day"] = day
            self._save()
            return True

    def today_summary(self, now: datetime | None = None) -> dict[str, Any]:
        """For `shareguard status`: today's pop-ups, flagged files in staging folders, whether
        the digest went out, and how many documents the person chose to send anyway."""
        with self._lock:
            self._roll(today(now))
            return {
                "popups": len(self._data["popped"]),
                "staging": int(self._data["staging_count"]),
                "digest_sent": self._data.get("digest_day") == today(now),
                "overridden": len(self._data["overridden"]),
            }

    def digest_sent(self, now: datetime | None = None) -> bool:
        with self._lock:
            return self._data.get("digest_day") == today(now)


def is_due(digest_at: str, now: datetime) -> bool:
    """Is the local time `now` at or past today's `digest_at` ("HH:MM")?"""
    if not digest_at:
        return False
    hh, mm = (int(x) for x in digest_at.split(":"))
    return (now.hour, now.minute) >= (hh, mm)


__all__ = ["AlertMemory", "StagedFile", "is_due", "today"]
