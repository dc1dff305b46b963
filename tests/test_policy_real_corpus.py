"""Rates on real public documents (../shared/corpus/real), end to end through the Scanner.

Targets from the issue: clinical records flagged as medical_record ≥ 90%; news and public notices
clean ≥ 97%; official notices without a publication mark flagged as control_order ≥ 80%, and
those with one not flagged as control_order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.config import load_config
from agent.pipeline import Scanner
from detectors.model import Decision
from policies import load_policy

PUBLICATION = re.compile(r"此件公开发布|主动公开")


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, list[tuple[Path, object]]]:
    from tests.conftest import REAL_CORPUS

    if not REAL_CORPUS.is_dir():
        pytest.fail(f"shared corpus missing at {REAL_CORPUS}")
    cfg = tmp_path_factory.mktemp("cfg") / "config.toml"
    cfg.write_text(f'data_dir = "{cfg.parent / "data"}"\n', encoding="utf-8")
    out: dict[str, list[tuple[Path, object]]] = {}
    with Scanner(load_config(cfg), load_policy()) as scanner:
        for folder in ("medical", "news", "public", "official"):
            out[folder] = [
                (f, scanner.scan(f)) for f in sorted((REAL_CORPUS / folder).glob("*.txt"))
            ]
    return out


def rate(pairs, pred) -> tuple[float, list[str]]:
    bad = [p.name for p, v in pairs if not pred(p, v)]
    return 1 - len(bad) / len(pairs), bad


def flagged_ids(v) -> set[str]:
    return {c.id for c in v.flagged_categories}


def test_clinical_records_flagged(verdicts):
    r, bad = rate(verdicts["medical"], lambda p, v: "medical_record" in flagged_ids(v))
    assert r >= 0.90, bad


def test_news_and_public_notices_clean(verdicts):
    pairs = verdicts["news"] + verdicts["public"]
    r, bad = rate(pairs, lambda p, v: v.decision == Decision.CLEAN)
    assert r >= 0.97, bad


def test_unmarked_official_notices_are_control_orders(verdicts):
    unmarked = [
        (p, v) for p, v in verdicts["official"] if not PUBLICATION.search(p.read_text("utf-8"))
    ]
    assert len(unmarked) >= 15
    r, bad = rate(
        unmarked, lambda p, v: v.flagged_categories[:1] and v.categories[0].id == "control_order"
    )
    assert r >= 0.80, bad


def test_marked_official_notices_are_not_control_orders(verdicts):
    marked = [(p, v) for p, v in verdicts["official"] if PUBLICATION.search(p.read_text("utf-8"))]
    assert marked
    r, bad = rate(marked, lambda p, v: "control_order" not in flagged_ids(v))
    assert r == 1.0, bad
