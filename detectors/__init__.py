"""Detectors: pure functions over an Extraction that return Findings.

Each detector is registered by id and called as `fn(extraction, ctx) -> list[Finding]`. They do
no file or network I/O and know nothing of thresholds: the policy pack passes in the phrase lists
and parameters (`DetectContext`) and decides what the findings are worth.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from detectors.model import Extraction, Finding

Hasher = Callable[[str], str]
Detector = Callable[[Extraction, "DetectContext"], list[Finding]]

REGISTRY: dict[str, Detector] = {}


def register(name: str) -> Callable[[Detector], Detector]:
    def deco(fn: Detector) -> Detector:
        REGISTRY[name] = fn
        return fn

    return deco


@dataclass(frozen=True)
class LexiconEntry:
    """A phrase signal from the policy pack: literal phrases (normalised) and regexes.

    scope: `any` (every line), `short` (lines up to `max_len` characters after normalisation),
    `margin` (header, footer, metadata, file name and short lines).
    """

    signal: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    scope: str = "any"
    max_len: int = 40
    hints: tuple[str, ...] = ()


def _ephemeral_hasher() -> Hasher:
    key = os.urandom(32)

    def h(value: str) -> str:
        return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]

    return h


@dataclass(frozen=True)
class DetectContext:
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    lexicon: tuple[LexiconEntry, ...] = ()
    hasher: Hasher = field(default_factory=_ephemeral_hasher)

    def p(self, detector: str) -> Mapping[str, Any]:
        return self.params.get(detector, {})


def run_detectors(
    extraction: Extraction, ctx: DetectContext, only: tuple[str, ...] | None = None
) -> tuple[list[Finding], list[str]]:
    """Run every registered detector; one that raises becomes a warning, the rest still run."""
    _load_builtin()
    findings: list[Finding] = []
    warnings: list[str] = []
    for name, fn in REGISTRY.items():
        if only is not None and name not in only:
            continue
        try:
            findings.extend(fn(extraction, ctx))
        except Exception as e:  # a broken detector must not hide what the others found
            warnings.append(f"detector {name} failed: {type(e).__name__}: {e}")
    return findings, warnings


def _load_builtin() -> None:
    if REGISTRY.keys() >= BUILTIN:
        return
    from detectors import (  # noqa: F401
        doc_form,
        identifiers,
        lexicon,
        marks,
        persons,
        roster,
        structure,
    )


BUILTIN = frozenset(
    {"identifiers", "lexicon", "doc_form", "roster", "marks", "structure", "persons"}
)


def param_specs() -> dict[str, dict[str, str]]:
    """Each built-in detector's parameters and their kinds (int, number, strings, patterns,
    mapping), so a policy pack that misspells one is refused instead of silently ignored."""
    import importlib

    return {
        name: dict(importlib.import_module(f"detectors.{name}").PARAMS) for name in sorted(BUILTIN)
    }
