"""Retention: blank the evidence (and delete the thumbnails) of log rows older than
`retention.evidence_days`, and their file paths after `retention.path_days`. The rows themselves
stay, so the chain still verifies and the counts per day and category stay true."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from agent.config import Config
from agent.store import Store


def cutoff(config: Config, now: datetime | None = None, *, days: int | None = None) -> str | None:
    """ISO time before which evidence (or what `days` is for) is purged, or None when retention
    keeps it for ever."""
    days = config.retention.evidence_days if days is None else days
    if days <= 0:
        return None
    when = (now or datetime.now(UTC)) - timedelta(days=days)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def apply_retention(config: Config, store: Store, now: datetime | None = None) -> int:
    """Purge what retention says is too old; returns the number of rows whose evidence went."""
    paths_before = cutoff(config, now, days=config.retention.path_days)
    if paths_before is not None:
        store.purge_paths(paths_before)
    before = cutoff(config, now)
    if before is None:
        return 0
    purged = store.purge_evidence(before)
    purge_orphans(config, store)
    return purged


def purge_orphans(config, store) -> int:
    """Delete thumbnail files no log row owns any more: rows whose evidence retention purged
    (`Store.purge_evidence`), or files left by a crash between rendering and logging. Returns
    how many were removed. Call it right after retention purges evidence, so old pictures go
    with old evidence."""
    root = Path(config.thumbnails_path)
    if not root.is_dir():
        return 0
    named = {Path(name).name for name in store.thumbnails_in_use()}
    removed = 0
    for p in root.iterdir():
        if p.is_file() and not p.is_symlink() and p.name not in named:
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed
