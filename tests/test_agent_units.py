"""Agent pieces in process: the writer check, verdict reuse and the actions per mode."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from agent.config import AlertConfig, Config
from agent.daemon import action_name, actions_for, has_writer, verdict_from_row
from agent.store import Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict


def _flagged(path: str) -> Verdict:
    return Verdict(
        path=path,
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "medical_record",
                0.81,
                0.5,
                (Evidence("sections", "diagnosis", "诊断：***", "p1", 0.4),),
            ),
        ),
        sha256=hashlib.sha256(b"x").hexdigest(),
        size=1,
        media_type="text/plain",
    )


def test_has_writer_sees_an_open_writer(tmp_path: Path) -> None:
    f = tmp_path / "a.docx"
    with open(f, "wb") as w:
        w.write(b"half")
        w.flush()
        assert has_writer(str(f)) is True
    assert has_writer(str(f)) is False
    with open(f, "rb"):
        assert has_writer(str(f)) is False, "readers do not count"


def test_verdict_from_row_round_trip(tmp_path: Path) -> None:
    cfg = Config(data_dir=str(tmp_path / "data"))
    with Store.open(cfg) as store:
        v = _flagged("/d/病历.txt")
        vid = store.append_verdict(v, action="alert", mode="warn")
        back = verdict_from_row(store.get(vid))
    assert back.decision is Decision.FLAGGED
    assert [c.id for c in back.flagged_categories] == ["medical_record"]
    assert back.categories[0].evidence[0].text == "诊断：***"
    assert (back.sha256, back.size, back.media_type) == (v.sha256, v.size, v.media_type)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("audit", "log"), ("warn", "alert"), ("block", "quarantine")],
)
def test_actions_per_mode(tmp_path: Path, mode: str, expected: str) -> None:
    from policies import load_policy

    cfg, policy = Config(mode=mode, data_dir=str(tmp_path / "d")), load_policy()
    acts = actions_for(cfg, policy, _flagged("/d/a.txt"))
    assert action_name(acts) == expected
    if mode == "audit":
        assert "alert" not in acts and "quarantine" not in acts
    clean = Verdict(path="/d/b.txt", decision=Decision.CLEAN)
    assert action_name(actions_for(cfg, policy, clean)) == "log"


def test_encrypted_alert_only_when_configured(tmp_path: Path) -> None:
    from policies import load_policy

    enc = Verdict(path="/d/x.pdf", decision=Decision.UNREADABLE, error_kind="encrypted")
    off = Config(data_dir=str(tmp_path / "a"))
    on = Config(data_dir=str(tmp_path / "b"), alert=AlertConfig(alert_on_encrypted=True))
    assert "alert" not in actions_for(off, load_policy(), enc)
    assert "alert" in actions_for(on, load_policy(), enc)
