"""`scan(path)`: file -> Extraction -> Findings -> Verdict. The CLI, the agent and tests share it.

The agent adds only *when* and *where*; everything about *what* a file is lives behind this call.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING

from agent.errors import ExtractionError
from agent.extract.base import NOT_READ
from detectors.model import Decision, Extraction, Verdict

if TYPE_CHECKING:
    from agent.config import Config
    from policies import Policy


def partial(verdict: Verdict) -> Verdict:
    """A verdict on a file that a limit kept from being read in full (a picture over the pixel
    limit in a .docx, a zip member, the pages after the time limit) says so: `error_kind`
    "partial" and the parts not read in `error`. It is still flagged or clean on what was read."""
    skipped = [w for w in verdict.warnings if NOT_READ + ":" in w]
    if not skipped or verdict.decision is Decision.UNREADABLE:
        return verdict
    parts = []
    for w in skipped:  # "[member: ]not_read:<kind>:<where>: <reason>" -> "<where> (<reason>)"
        head, _, rest = w.partition(NOT_READ + ":")
        _kind, _, where_reason = rest.partition(":")
        where, _, reason = where_reason.partition(": ")
        parts.append(f"{head}{where} ({reason})" if reason else f"{head}{where}")
    return dataclasses.replace(verdict, error="; ".join(parts)[:1000], error_kind="partial")


class Scanner:
    """Holds what a scan needs across files: config, compiled policy, the value hasher and
    (owned by agent.extract) the worker process that runs extraction under limits."""

    def __init__(self, config: Config, policy: Policy, *, hasher=None, extractor=None) -> None:
        from agent.extract import Extractor

        self.config = config
        self.policy = policy
        self.hasher = hasher
        self.extractor = extractor if extractor is not None else Extractor(config)

    def close(self, *, wait: bool = True) -> None:
        self.extractor.close(wait=wait)

    def __enter__(self) -> Scanner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def thumbnail(
        self,
        path: str | Path,
        extraction: Extraction,
        verdict: Verdict,
        out_dir: str | Path,
        *,
        wait: bool = True,
    ) -> str | None:
        """The console thumbnail of a flagged OCR'd file, made in the extraction worker from
        the bytes that were judged; the file name, or None (`wait`: `Extractor.thumbnail`)."""
        if extraction is None or verdict.decision is not Decision.FLAGGED:
            return None
        if not extraction.ocr_used:
            return None
        return self.extractor.thumbnail(path, extraction, verdict, out_dir, wait=wait)

    def scan(self, path: str | Path, *, display_path: str | None = None) -> Verdict:
        return self.scan_detailed(path, display_path=display_path)[1]

    def scan_detailed(
        self, path: str | Path, *, display_path: str | None = None
    ) -> tuple[Extraction | None, Verdict]:
        """(extraction, verdict); the extraction is None when the file was unreadable. Callers
        that need what was read (thumbnails, `policy explain`) use this instead of `scan`."""
        path = Path(path)
        shown = display_path or str(path)
        t0 = time.perf_counter()
        try:
            extraction = self.extractor.extract(path, display_path=shown)
        except ExtractionError as e:
            return None, Verdict(
                path=shown,
                decision=Decision.UNREADABLE,
                error=e.reason,
                error_kind=e.kind,
                timings=(("extract", time.perf_counter() - t0),),
                sha256=getattr(e, "sha256", None),
                size=getattr(e, "size", None),
                media_type=getattr(e, "media_type", None),
            )
        t1 = time.perf_counter()
        verdict = partial(self.policy.evaluate(extraction, hasher=self.hasher))
        t2 = time.perf_counter()
        return extraction, dataclasses.replace(
            verdict,
            timings=(("extract", t1 - t0), ("detect", t2 - t1)),
        )
