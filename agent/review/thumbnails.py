"""Thumbnails in the review console's data: which picture files rows still own, and removing
the others. Rendering lives in `agent.extract.thumbnail` (it runs in the extraction worker)."""

from __future__ import annotations

from agent.extract.thumbnail import MAX_SIDE, has_identifier, make_thumbnail, render_thumbnail
from agent.retention import purge_orphans
from detectors.model import Extraction, Verdict

__all__ = [
    "MAX_SIDE",
    "has_identifier",
    "make_thumbnail",
    "purge_orphans",
    "render_thumbnail",
    "thumbnail_for",
]


def thumbnail_for(config, path, extraction: Extraction | None, verdict: Verdict) -> str | None:
    """Make the thumbnail of a flagged OCR'd file in `config.thumbnails_path`, in this process,
    and return the name to pass as `Store.append_verdict(thumbnail=)`. The agent and `check`
    use `Extractor.thumbnail` instead, which does the same in the extraction worker."""
    if extraction is None or verdict.decision.value != "flagged":
        return None
    out = make_thumbnail(path, extraction, verdict, config.thumbnails_path)
    return out.name if out else None
