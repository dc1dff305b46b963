"""Thumbnails in the review console's data: which picture files rows still own, and removing
the others. Rendering lives in `agent.extract.thumbnail` (it runs in the extraction worker)."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from agent.extract.thumbnail import MAX_SIDE, has_identifier, make_thumbnail, render_thumbnail
from agent.retention import purge_orphans
from detectors.model import Extraction, Verdict

__all__ = [
    "MAX_SIDE",
    "has_identifier",
    "make_thumbnail",
    "purge_orphans",
    "render_thumbnail",
    "stored_thumbnail",
    "thumbnail_for",
]


def stored_thumbnail(thumbnails_path: str | os.PathLike[str], name: str | None) -> Path | None:
    """The picture file a log row names, only if it is a regular file inside the thumbnails
    folder (what the console serves and what agent.forward may send: never another file)."""
    if not name:
        return None
    root = Path(thumbnails_path).resolve()
    pure = PurePath(name)
    p = Path(pure) if pure.is_absolute() else root / pure
    try:
        p = p.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not p.is_relative_to(root) or not p.is_file():
        return None
    return p


def thumbnail_for(config, path, extraction: Extraction | None, verdict: Verdict) -> str | None:
    """Make the thumbnail of a flagged OCR'd file in `config.thumbnails_path`, in this process,
    and return the name to pass as `Store.append_verdict(thumbnail=)`. The agent and `check`
    use `Extractor.thumbnail` instead, which does the same in the extraction worker."""
    if extraction is None or verdict.decision.value != "flagged":
        return None
    out = make_thumbnail(path, extraction, verdict, config.thumbnails_path)
    return out.name if out else None
