"""The must-match and must-not-match examples that stand beside the rules in the policy pack
(`examples:` in policies/default.yaml), as gitleaks keeps them: every rule is checked against
the texts it was written for and against the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from detectors.model import Block, Extraction, Source
from policies import load_policy

POLICY = load_policy()
EXAMPLES = [
    (signal, kind, text)
    for signal, ex in (POLICY.raw.get("examples") or {}).items()
    for kind in ("match", "no_match")
    for text in ex.get(kind, ())
]


def _extraction(text: str) -> Extraction:
    blocks = tuple(Block(line) for line in text.splitlines() if line.strip())
    return Extraction(source=Source("example.txt", "", len(text), "text/plain"), blocks=blocks)


def test_every_new_structural_signal_has_examples():
    have = set(POLICY.raw["examples"])
    for signal in ("chat_order", "tasking_fields", "person_rows", "publication_mark", "news_form"):
        assert signal in have


@pytest.mark.parametrize(("signal", "kind", "text"), EXAMPLES, ids=lambda v: str(v)[:24])
def test_example(signal: str, kind: str, text: str):
    findings, warnings = POLICY.with_model(None).findings(_extraction(text))
    assert not warnings
    fired = {f.signal for f in findings}
    if kind == "match":
        assert signal in fired, f"{signal} should fire on {text!r}; fired: {sorted(fired)}"
    else:
        assert signal not in fired, f"{signal} must not fire on {text!r}"
