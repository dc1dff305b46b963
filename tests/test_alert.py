"""Alerts reach a real notification server on a real (private) D-Bus session bus."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from agent_helpers import NotificationServer, session_bus, wait_for

from agent.actions.alert import Alerter, compose
from agent.config import AlertConfig, Config
from detectors.model import CategoryScore, Decision, Evidence, Verdict


def _verdict(name: str, sha: str) -> Verdict:
    return Verdict(
        path=name,
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "screening_list",
                0.92,
                0.5,
                (
                    Evidence("lexicon", "title", "排查名单", "p1", 0.2),
                    Evidence("identifiers", "resident_id", "4201**********1234", "t0 r2 c3", 0.6),
                ),
            ),
        ),
        sha256=sha,
    )


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    with session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        with NotificationServer(address, tmp_path / "notifications.jsonl") as server:
            yield server


def test_flagged_file_alert_is_delivered_in_chinese(bus: NotificationServer) -> None:
    cfg = Config(alert=AlertConfig(contact="保密办 王老师 8888"))
    alerter = Alerter(cfg)
    assert alerter.available, alerter.reason
    assert alerter.alert(
        _verdict("/home/u/Downloads/排查名单.xlsx", "a1"), "/home/u/Downloads/排查名单.xlsx"
    )
    alerter.wait()
    got = wait_for(bus.received, 10)
    assert len(got) == 1
    n = got[0]
    assert n["app_name"] == "shareguard"
    assert "请勿外发" in n["summary"]
    assert "排查名单.xlsx" in n["body"]  # the file name
    assert "排查人员名单" in n["body"]  # the category name
    assert "4201**********1234" in n["body"]  # the strongest evidence, masked
    assert "保密办 王老师 8888" in n["body"]  # what to do, from the organisation's config
    assert alerter.sent[-1].delivered
    # one alert per file: the same file again is not re-announced
    assert not alerter.alert(
        _verdict("/home/u/Downloads/排查名单.xlsx", "a1"), "/home/u/Downloads/排查名单.xlsx"
    )
    alerter.close()
    time.sleep(0.2)
    assert len(bus.received()) == 1


def test_burst_folds_into_one_summary(bus: NotificationServer) -> None:
    cfg = Config(alert=AlertConfig(burst_window_s=0.5, burst_threshold=2))
    alerter = Alerter(cfg)
    assert alerter.available
    results = [
        alerter.alert(_verdict(f"/d/名单{i}.xlsx", str(i)), f"/d/名单{i}.xlsx") for i in range(12)
    ]
    assert results[:2] == [True, True] and not any(results[2:])
    got = wait_for(lambda: len(bus.received()) >= 3 and bus.received(), 10)
    time.sleep(0.7)  # nothing more should arrive after the summary
    got = bus.received()
    assert len(got) == 3
    summary = got[2]
    assert "10" in summary["summary"]
    assert "名单2.xlsx" in summary["body"]
    alerter.close()


def test_custom_advice_text() -> None:
    cfg = Config(alert=AlertConfig(advice="请先交保密员审核（{contact}）", contact="分机 1234"))
    _title, body = compose(_verdict("/d/a.docx", "x"), "/d/a.docx", cfg)
    assert "请先交保密员审核（分机 1234）" in body


def test_english_alert() -> None:
    from agent import i18n

    i18n.set_language("en")
    try:
        title, body = compose(_verdict("/d/a.docx", "x"), "/d/a.docx", Config())
    finally:
        i18n.set_language(None)
        i18n._language = None
    assert "do not send" in title and "Screening list" in body


def test_no_notification_service_means_alerts_off(monkeypatch: pytest.MonkeyPatch) -> None:
    with session_bus() as address:  # a bus with nobody serving notifications
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        alerter = Alerter(Config())
        assert not alerter.available and alerter.reason
        assert alerter.alert(_verdict("/d/a.docx", "x"), "/d/a.docx")  # recorded, not raised
        assert alerter.sent and not alerter.sent[0].delivered
        alerter.close()


def test_disabled_in_config() -> None:
    alerter = Alerter(Config(alert=AlertConfig(enabled=False)))
    assert not alerter.available
    alerter.close()
