"""Helpers to turn a match on a Line into a Finding with masked excerpt and context."""

from __future__ import annotations

from detectors.masking import mask_text
from detectors.model import Finding
from detectors.text import Line, context_window


def finding_from_line(
    line: Line,
    detector: str,
    signal: str,
    excerpt: str,
    *,
    hints: tuple[str, ...] = (),
    value_hash: str | None = None,
    count: int = 1,
    strength: float = 1.0,
    context: str | None = None,
) -> Finding:
    """`excerpt` may be raw: it is masked here, and the context is cut around it."""
    masked = mask_text(excerpt).strip()
    if context is None:
        full = mask_text(line.text)
        i = full.find(masked)
        if i < 0:
            context = full if len(full) <= 80 else masked
        else:
            context = context_window(full, i, i + len(masked))
    if line.confidence is not None:
        strength = min(strength, max(0.5, line.confidence))
    return Finding(
        detector=detector,
        signal=signal,
        excerpt=masked[:120],
        location=line.location,
        category_hints=hints,
        value_hash=value_hash,
        count=count,
        strength=strength,
        context=context[:200],
    )
