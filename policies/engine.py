"""The scoring engine: findings → category scores a person can follow from the evidence.

For each category and each of its signals:
    contribution = |weight| × strength × min(1, count / saturate)
where `count` is the number of distinct values (identifiers, by keyed hash), of person rows
(rosters) or of distinct phrases (lexicon), and `strength` the strongest finding's own strength.
    positive = 1 − Π(1 − contribution)      over signals with weight > 0   (noisy-OR)
    factor   = Π(1 − contribution)^2        over signals with weight < 0
    score    = positive·factor / (positive·factor + 1 − positive)
Negative evidence is weighed against positive evidence in odds: each piece multiplies the odds of
the category by (1 − c)², so a news byline (c = 0.6) takes a borderline 0.7 down to 0.27 but
leaves a document whose form is unmistakable (0.97) at 0.84. No single signal below weight −1
can zero a score; only a full-weight negative (−1: a publication mark in the 附注 position) does.
If none of the category's `require_any` signals fired, the score is capped at `cap_without`.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from detectors import DetectContext, LexiconEntry, run_detectors
from detectors.masking import mask_text
from detectors.model import (
    BlockKind,
    CategoryScore,
    Decision,
    Evidence,
    Extraction,
    Finding,
    Verdict,
)
from detectors.ngram_model import NgramModel, document_text
from detectors.text import squash

EVIDENCE_PER_SIGNAL = 3
MODEL_SIGNAL = "doc_model"
# Signals that speak for one category only (their findings name it in category_hints).
SCOPED_SIGNALS = frozenset({MODEL_SIGNAL})
DEFAULT_CAP = 0.3
NEGATIVE_POWER = 2


def weigh(positive: float, factor: float) -> float:
    """Scale the odds of `positive` by `factor` (the product of the negative evidence)."""
    if positive <= 0.0 or factor <= 0.0:
        return 0.0
    if positive >= 1.0:
        return 1.0
    num = positive * factor
    return num / (num + 1.0 - positive)


# Blocks an allowlist phrase is not looked for in: anyone can rename a file or set its title.
_NOT_CONTENT = frozenset({BlockKind.FILENAME, BlockKind.METADATA})


@dataclass(frozen=True)
class SignalSpec:
    weight: float
    saturate: float = 1.0


@dataclass(frozen=True)
class Category:
    id: str
    threshold: float
    signals: Mapping[str, SignalSpec]
    require_any: tuple[str, ...] = ()
    cap_without: float = DEFAULT_CAP
    name: str | None = None


@dataclass(frozen=True)
class SignalRow:
    """One line of `policy explain`: a signal, what it counted and what it added."""

    signal: str
    weight: float
    saturate: float
    count: int
    strength: float
    contribution: float  # signed: negative evidence is < 0
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CategoryExplanation:
    id: str
    score: float
    threshold: float
    positive: float
    negative_factor: float
    capped: bool
    rows: tuple[SignalRow, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.score >= self.threshold


def _evidence(f: Finding, weight: float) -> Evidence:
    bbox = f.location.bbox
    return Evidence(
        detector=f.detector,
        signal=f.signal,
        # Detectors mask already; masking again here makes it a property of every Evidence.
        text=mask_text(f.excerpt),
        location=f.location.describe(),
        weight=round(weight, 4),
        context=mask_text(f.context or f.excerpt),
        page=f.location.page,
        bbox=(bbox.x0, bbox.y0, bbox.x1, bbox.y1) if bbox else None,
    )


def _descendants(extraction: Extraction) -> list[Extraction]:
    """Every archive member at any depth, each judged on its own."""
    out: list[Extraction] = []
    for m in extraction.members:
        out.append(m)
        out.extend(_descendants(m))
    return out


def _count(findings: list[Finding]) -> int:
    hashes = {f.value_hash for f in findings if f.value_hash}
    if hashes:
        return len(hashes)
    seen: dict[tuple[str, str], int] = {}
    for f in findings:
        key = (f.excerpt, f.location.describe())
        seen[key] = max(seen.get(key, 0), f.count)
    return sum(seen.values())


@dataclass(frozen=True)
class Policy:
    categories: tuple[Category, ...]
    lexicon: tuple[LexiconEntry, ...]
    params: Mapping[str, Mapping[str, Any]]
    action_map: Mapping[str, tuple[str, ...]]
    allow_sha256: frozenset[str] = frozenset()
    allow_folders: tuple[str, ...] = ()
    allow_phrases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    model: NgramModel | None = field(default=None, repr=False, compare=False)
    model_min_probability: float = 0.2
    model_required_probability: float = 0.6
    # `fleet.forward_thumbnails`: an enrolled PC sends its office server the redacted
    # thumbnails of flagged photos and scans (off by default; agent/forward.py)
    forward_thumbnails: bool = False

    @classmethod
    def compile(
        cls,
        data: Mapping[str, Any],
        sources: tuple[str, ...] = (),
        model: NgramModel | None = None,
    ) -> Policy:
        cats = []
        for cid, c in (data.get("categories") or {}).items():
            sigs = {
                s: SignalSpec(float(spec["weight"]), float(spec.get("saturate", 1)))
                for s, spec in (c.get("signals") or {}).items()
            }
            cats.append(
                Category(
                    id=cid,
                    threshold=float(c.get("threshold", 0.6)),
                    signals=sigs,
                    require_any=tuple(c.get("require_any") or ()),
                    cap_without=float(c.get("cap_without", DEFAULT_CAP)),
                    name=c.get("name"),
                )
            )
        hints: dict[str, list[str]] = defaultdict(list)
        for c in cats:
            for s, spec in c.signals.items():
                if spec.weight > 0:
                    hints[s].append(c.id)
        lex = []
        for name, e in (data.get("lexicon") or {}).items():
            lex.append(
                LexiconEntry(
                    signal=name,
                    phrases=tuple(dict.fromkeys(squash(p) for p in e.get("phrases") or ())),
                    patterns=tuple(re.compile(p) for p in e.get("patterns") or ()),
                    scope=e.get("scope", "any"),
                    max_len=int(e.get("max_len", 40)),
                    hints=tuple(hints.get(name, ())),
                )
            )
        al = data.get("allowlist") or {}
        return cls(
            categories=tuple(cats),
            lexicon=tuple(lex),
            params={k: dict(v or {}) for k, v in (data.get("detectors") or {}).items()},
            action_map={k: tuple(v or ()) for k, v in (data.get("actions") or {}).items()},
            allow_sha256=frozenset(h.lower() for h in al.get("sha256") or ()),
            allow_folders=tuple(al.get("folders") or ()),
            allow_phrases=tuple(squash(p) for p in al.get("phrases") or ()),
            sources=sources,
            raw=data,
            model=model,
            model_min_probability=float((data.get("model") or {}).get("min_probability", 0.2)),
            model_required_probability=float(
                (data.get("model") or {}).get("required_probability", 0.6)
            ),
            forward_thumbnails=bool((data.get("fleet") or {}).get("forward_thumbnails", False)),
        )

    def with_model(self, model: NgramModel | None) -> Policy:
        """The same pack with another learned layer (training and leave-family-out runs)."""
        return replace(self, model=model)

    # ---- detection and scoring -------------------------------------------------------------
    def context(self, hasher: Callable[[str], str] | None = None) -> DetectContext:
        if hasher is None:
            return DetectContext(params=self.params, lexicon=self.lexicon)
        return DetectContext(params=self.params, lexicon=self.lexicon, hasher=hasher)

    def findings(
        self, extraction: Extraction, hasher: Callable[[str], str] | None = None
    ) -> tuple[list[Finding], list[str]]:
        findings, warnings = run_detectors(extraction, self.context(hasher))
        if self.model is not None:
            try:
                findings.extend(self.model_findings(extraction, findings))
            except Exception as e:  # the rules still stand when the model cannot run
                warnings.append(f"model failed: {type(e).__name__}: {e}")
        return findings, warnings

    def model_findings(self, extraction: Extraction, findings: list[Finding]) -> list[Finding]:
        """One `doc_model` finding per category the learned layer finds likely enough; its
        excerpt names the n-grams that pushed that category up most."""
        model = self.model
        if model is None:
            return []
        text = document_text(extraction)
        if len(text) < 8:
            return []
        prediction = model.predict(text, {f.signal for f in findings})
        out = []
        for cat, p in prediction.probabilities().items():
            if cat == "clean" or p < self.model_min_probability:
                continue
            top = prediction.top_features(cat, n=5)
            grams = " ".join(g for g, _ in top)
            excerpt = mask_text(f"p={p:.2f} · {grams}")
            out.append(
                Finding(
                    detector="model",
                    signal=MODEL_SIGNAL,
                    excerpt=excerpt,
                    category_hints=(cat,),
                    strength=round(p, 4),
                    context=excerpt,
                )
            )
        return out

    def score(self, findings: list[Finding]) -> list[CategoryExplanation]:
        by_signal: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_signal[f.signal].append(f)
        out = []
        for cat in self.categories:
            rows = []
            pos_rest, neg = 1.0, 1.0
            for sname, spec in cat.signals.items():
                fs = by_signal.get(sname)
                if fs and sname in SCOPED_SIGNALS:
                    fs = [f for f in fs if cat.id in f.category_hints]
                if not fs:
                    continue
                count = _count(fs)
                strength = max(f.strength for f in fs)
                c = abs(spec.weight) * strength * min(1.0, count / spec.saturate)
                if spec.weight > 0:
                    pos_rest *= 1 - c
                else:
                    neg *= (1 - c) ** NEGATIVE_POWER
                signed = c if spec.weight > 0 else -c
                best = sorted(fs, key=lambda f: -f.strength)[:EVIDENCE_PER_SIGNAL]
                rows.append(
                    SignalRow(
                        signal=sname,
                        weight=spec.weight,
                        saturate=spec.saturate,
                        count=count,
                        strength=strength,
                        contribution=signed,
                        evidence=tuple(_evidence(f, signed) for f in best),
                    )
                )
            positive = 1 - pos_rest
            score = weigh(positive, neg)
            capped = False
            missing = cat.require_any and not any(
                self._requires(cat, s, by_signal.get(s)) for s in cat.require_any
            )
            if missing and score > cat.cap_without:
                score, capped = cat.cap_without, True
            rows.sort(key=lambda r: -abs(r.contribution))
            out.append(
                CategoryExplanation(
                    id=cat.id,
                    score=round(min(1.0, max(0.0, score)), 4),
                    threshold=cat.threshold,
                    positive=round(positive, 4),
                    negative_factor=round(neg, 4),
                    capped=capped,
                    rows=tuple(rows),
                )
            )
        out.sort(key=lambda e: -e.score)
        return out

    def _requires(self, cat: Category, signal: str, fs: list[Finding] | None) -> bool:
        """Whether `signal` stands for the document's form in `cat`: any finding of a rule
        signal does; the learned layer only when it is confident for this very category."""
        if not fs:
            return False
        if signal in SCOPED_SIGNALS:
            return any(
                cat.id in f.category_hints and f.strength >= self.model_required_probability
                for f in fs
            )
        return True

    def explain(
        self, extraction: Extraction, hasher: Callable[[str], str] | None = None
    ) -> list[CategoryExplanation]:
        findings, _ = self.findings(extraction, hasher)
        return self.score(findings)

    # ---- verdicts ---------------------------------------------------------------------------
    def allowlisted(self, extraction: Extraction) -> str | None:
        src = extraction.source
        if src.sha256 and src.sha256.lower() in self.allow_sha256:
            return f"sha256:{src.sha256}"
        outer = src.path.split("!", 1)[0]
        for pattern in self.allow_folders:
            p = pattern.rstrip("/")
            if outer.startswith(p + "/") or fnmatch.fnmatch(outer, pattern):
                return f"folder:{pattern}"
        if self.allow_phrases:
            # content only: a phrase in the file name or metadata (which anyone can set by
            # renaming the file or editing its properties) must not switch detection off
            parts = [b.text for b in extraction.blocks if b.kind not in _NOT_CONTENT]
            parts += ["\t".join(row) for t in extraction.tables for row in t.rows]
            text = squash("\n".join(parts))
            for ph in self.allow_phrases:
                if ph and ph in text:
                    return f"phrase:{ph}"
        return None

    def _categories(
        self, extraction: Extraction, hasher: Callable[[str], str] | None
    ) -> tuple[list[CategoryScore], list[str]]:
        findings, warnings = self.findings(extraction, hasher)
        scores = [
            CategoryScore(
                id=e.id,
                score=e.score,
                threshold=e.threshold,
                evidence=tuple(ev for r in e.rows if r.contribution > 0 for ev in r.evidence),
            )
            for e in self.score(findings)
        ]
        return scores, warnings

    def evaluate(
        self, extraction: Extraction, hasher: Callable[[str], str] | None = None
    ) -> Verdict:
        src = extraction.source
        reason = self.allowlisted(extraction)
        base = Verdict(
            path=src.path,
            decision=Decision.CLEAN,
            sha256=src.sha256,
            size=src.size,
            media_type=src.media_type,
            warnings=tuple(extraction.warnings),
        )
        if reason:
            return replace(base, allowlisted=reason)
        cats, warnings = self._categories(extraction, hasher)
        best = {c.id: c for c in cats}
        for member in _descendants(extraction):
            rel = member.source.path
            if rel.startswith(src.path + "!"):
                rel = rel[len(src.path) + 1 :]
            if self.allowlisted(member):
                continue
            mcats, mwarn = self._categories(member, hasher)
            warnings.extend(f"{rel}: {w}" for w in [*member.warnings, *mwarn])
            for c in mcats:
                cur = best.get(c.id)
                if cur is None or c.score > cur.score:
                    best[c.id] = replace(
                        c,
                        evidence=tuple(
                            replace(ev, location=f"{rel} {ev.location}".strip())
                            for ev in c.evidence
                        ),
                    )
        ordered = tuple(sorted(best.values(), key=lambda c: -c.score))
        flagged = any(c.flagged for c in ordered)
        return replace(
            base,
            decision=Decision.FLAGGED if flagged else Decision.CLEAN,
            categories=ordered,
            warnings=tuple(dict.fromkeys([*base.warnings, *warnings])),
        )

    def actions(self, mode: str, verdict: Verdict) -> tuple[str, ...]:
        """What the agent does with a verdict in `mode` (audit | warn | block)."""
        if verdict.decision == Decision.FLAGGED:
            return self.action_map.get(mode, ("log",))
        if verdict.decision == Decision.UNREADABLE:
            return ("log",)
        return ()

    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    @functools.cached_property
    def version(self) -> str:
        """A hash of the effective pack (default + extensions, allowlist included): a verdict
        reached under one version is reused only under the same version. `fleet` is left out:
        what a PC forwards to its server changes no verdict, so toggling it rescans nothing."""
        judged = {k: v for k, v in self.raw.items() if k != "fleet"}
        canonical = json.dumps(judged, sort_keys=True, ensure_ascii=False, default=str)
        learned = self.model.version if self.model is not None else ""
        return hashlib.sha256((canonical + learned).encode()).hexdigest()[:32]
