"""Alerts on a real desktop: a private D-Bus session, dunst under Xvfb, dbus-monitor counting the
Notify calls, and buttons pressed through dunst's own menu (it emits ActionInvoked). The reply
field is tested on the freedesktop test server of agent_helpers, which advertises
`inline-reply` like KDE Plasma (dunst has none) and emits NotificationReplied."""

from __future__ import annotations

import re
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from agent_helpers import NotificationServer, session_bus, wait_for
from alert_helpers import DunstDesktop, dunst_desktop, have_desktop_tools

from agent.actions.alert import ICON_PATH, Alerter, compose
from agent.actions.quarantine import restore
from agent.config import AlertConfig, Config
from agent.store import Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

RAW_ID = "420106199001011234"  # what the evidence masks; must never reach the desktop


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


class Browser:
    """Stands in for the person's browser: follows the redirect file the agent opens."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        return True

    def last_page_url(self) -> str:
        assert self.opened, "no page was opened"
        uri = self.opened[-1]
        assert uri.startswith("file://"), uri
        f = Path(urllib.parse.unquote(uri[len("file://") :]))
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
        m = re.search(r'url=(http://127\.0\.0\.1:\d+/w/[^"#]+)(#\w+)?"', f.read_text())
        assert m, f.read_text()
        return m.group(1)

    def get(self) -> str:
        with urllib.request.urlopen(self.last_page_url(), timeout=10) as r:
            return r.read().decode()

    def post(self, action: str, **form: str) -> str:
        req = urllib.request.Request(
            f"{self.last_page_url()}/{action}",
            data=urllib.parse.urlencode(form).encode(),
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read().decode()


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if not have_desktop_tools():
        pytest.fail("Xvfb, dunst and dbus-monitor are needed (scripts/test.sh installs them)")
    with dunst_desktop(tmp_path / "desktop") as d:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", d.address)
        yield d


@pytest.fixture
def cfg(tmp_path: Path) -> Config:
    return Config(data_dir=str(tmp_path / "data"), alert=AlertConfig(contact="保密办 王老师 8888"))


def _logged(cfg: Config, f: Path, sha: str) -> int:
    with Store.open(cfg) as s:
        return s.append_verdict(_verdict(str(f), sha), action="alert", mode="warn", path=str(f))


def _alert(alerter: Alerter, cfg: Config, f: Path, sha: str, **kw) -> bool:
    vid = _logged(cfg, f, sha)
    return alerter.alert(
        _verdict(str(f), sha), str(f), verdict_id=vid, path=str(f), where="chat_app", **kw
    )


def _events(cfg: Config, kind: str) -> list:
    with Store.open(cfg) as s:
        return [e for e in s.events() if e.kind == kind]


def test_outgoing_popup_has_icon_headline_and_buttons(desktop: DunstDesktop, cfg, tmp_path):
    browser = Browser()
    alerter = Alerter(cfg, interactive=True, opener=browser)
    assert alerter.available, alerter.reason
    f = tmp_path / "排查名单.xlsx"
    f.write_bytes(b"x")
    assert _alert(alerter, cfg, f, "a1")
    (n,) = desktop.wait_calls(1)
    assert n.app_name == "shareguard"
    # shareguard's own icon, not the Python logo
    assert n.app_icon.startswith("file://")
    assert Path(urllib.parse.unquote(n.app_icon[7:])).read_bytes() == ICON_PATH.read_bytes()
    # the document type and the deciding evidence (masked) lead
    assert n.summary.startswith("排查人员名单")
    assert "4201**********1234" in n.summary and RAW_ID not in n.summary + n.body
    assert "排查名单.xlsx" in n.body and "聊天软件" in n.body and "保密办 王老师 8888" in n.body
    assert n.action_keys == ["default", "why", "override", "quarantine"]
    assert n.action_labels[1:] == ["查看原因", "仍需发送", "移入隔离区"]
    assert n.urgency == 2 and n.expire_timeout == -1
    # the pop-up is on record for the security officer's per-PC counts
    (ev,) = _events(cfg, "alert")
    assert ev.data["type"] == "popup" and ev.data["host"] and ev.verdict_id is not None
    alerter.close()


def test_identifiers_in_file_names_are_masked(desktop: DunstDesktop, cfg, tmp_path):
    browser = Browser()
    alerter = Alerter(cfg, interactive=True, opener=browser)
    f = tmp_path / f"张三_{RAW_ID}_排查.xlsx"
    assert _alert(alerter, cfg, f, "m1")
    (n,) = desktop.wait_calls(1)
    assert "张三_4201**********1234_排查.xlsx" in n.body and RAW_ID not in n.body
    desktop.press("why")
    wait_for(lambda: browser.opened, 10)
    page = browser.get()
    assert "4201**********1234_排查.xlsx" in page and RAW_ID not in page
    alerter.close()


def test_one_popup_per_document_per_day_survives_restart(desktop: DunstDesktop, cfg, tmp_path):
    alerter = Alerter(cfg, interactive=True, opener=Browser())
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert _alert(alerter, cfg, a, "same")
    assert not _alert(alerter, cfg, b, "same")  # same content under another name
    alerter.close()
    again = Alerter(cfg, interactive=True, opener=Browser())  # the agent restarted
    assert not _alert(again, cfg, a, "same")
    assert _alert(again, cfg, a, "other")
    again.close()
    time.sleep(0.3)
    assert len(desktop.calls()) == 2


def test_why_button_and_bubble_open_the_local_page(desktop: DunstDesktop, cfg, tmp_path):
    browser = Browser()
    alerter = Alerter(cfg, interactive=True, opener=browser)
    f = tmp_path / "排查名单.xlsx"
    assert _alert(alerter, cfg, f, "w1")
    desktop.wait_calls(1)
    desktop.press("why")
    wait_for(lambda: browser.opened, 10)
    page = browser.get()
    assert "排查名单.xlsx" in page and "排查人员名单" in page
    assert "4201**********1234" in page and "身份证号" in page and RAW_ID not in page
    assert 'name="reason"' in page  # 仍需发送 can be answered here too
    assert "token" not in browser.opened[-1] and "/w/" not in browser.opened[-1]
    # a click on the bubble opens the same page
    desktop.close_all()
    assert _alert(alerter, cfg, tmp_path / "二.xlsx", "w2")
    desktop.wait_calls(2)
    desktop.click()
    wait_for(lambda: len(browser.opened) >= 2, 10)
    assert "二.xlsx" in browser.get()
    alerter.close()


def test_send_anyway_asks_for_a_reason_records_override_and_silences(
    desktop: DunstDesktop, cfg, tmp_path
):
    browser = Browser()
    alerter = Alerter(cfg, interactive=True, opener=browser)
    f = tmp_path / "排查名单.xlsx"
    assert _alert(alerter, cfg, f, "o1")
    desktop.wait_calls(1)
    desktop.press("override")  # dunst has no reply field: the page asks for the reason
    wait_for(lambda: browser.opened, 10)
    assert "请填写理由" in browser.post("override", reason="  ")
    done = browser.post("override", reason=f"经科长同意发区疾控 {RAW_ID}")
    assert "已记录理由" in done and 'name="reason"' not in done
    (ev,) = _events(cfg, "override")
    assert ev.data["reason"].startswith("经科长同意发区疾控") and RAW_ID not in ev.data["reason"]
    assert ev.data["via"] == "page" and ev.data["sha256"] == "o1" and ev.verdict_id
    # confirmed on the desktop, and this content raises no further alerts
    confirm = desktop.wait_calls(2)[1]
    assert "已记录" in confirm.summary and confirm.actions in ([], ["default", ""])
    assert not _alert(alerter, cfg, tmp_path / "copy.xlsx", "o1")
    alerter.close()
    again = Alerter(cfg, interactive=True, opener=Browser())  # the log is the record
    (again.memory.path).unlink()
    again = Alerter(cfg, interactive=True, opener=Browser())
    assert not _alert(again, cfg, tmp_path / "copy2.xlsx", "o1")
    again.close()
    assert len([c for c in desktop.calls() if c.urgency == 2]) == 1
    with Store.open(cfg) as s:
        assert s.verify().ok


def test_quarantine_button_moves_the_file_and_the_console_can_restore(
    desktop: DunstDesktop, cfg, tmp_path
):
    alerter = Alerter(cfg, interactive=True, opener=Browser())
    f = tmp_path / "微信" / "排查名单.xlsx"
    f.parent.mkdir()
    f.write_bytes(b"roster bytes")
    import hashlib

    sha = hashlib.sha256(b"roster bytes").hexdigest()
    assert _alert(alerter, cfg, f, sha)
    desktop.wait_calls(1)
    desktop.press("quarantine")
    (ev,) = wait_for(lambda: _events(cfg, "quarantine"), 10)
    assert not f.exists()
    assert ev.data["by"] == "user" and ev.data["from"] == str(f)
    assert Path(ev.data["to"]).is_file()
    confirm = desktop.wait_calls(2)[1]
    assert "隔离区" in confirm.summary
    with Store.open(cfg) as s:
        back = restore(s, ev.verdict_id, cfg)
    assert back == f and f.read_bytes() == b"roster bytes"
    alerter.close()


def test_quarantine_refuses_a_changed_file(desktop: DunstDesktop, cfg, tmp_path):
    alerter = Alerter(cfg, interactive=True, opener=Browser())
    f = tmp_path / "名单.xlsx"
    f.write_bytes(b"now different")
    assert _alert(alerter, cfg, f, "not-the-hash-of-these-bytes")
    desktop.wait_calls(1)
    desktop.press("quarantine")
    confirm = desktop.wait_calls(2)[1]
    assert "未能移入隔离区" in confirm.summary and f.exists()
    assert confirm.body == "文件在提醒之后被修改过，请重新检查。"
    assert not _events(cfg, "quarantine")
    alerter.close()


def test_block_mode_offers_no_quarantine_button(desktop: DunstDesktop, cfg, tmp_path):
    alerter = Alerter(replace(cfg, mode="block"), interactive=True, opener=Browser())
    assert _alert(alerter, cfg, tmp_path / "a.xlsx", "b1")
    (n,) = desktop.wait_calls(1)
    assert n.action_keys == ["default", "why", "override"]
    alerter.close()


def test_staging_files_are_counted_for_one_daily_digest(desktop: DunstDesktop, cfg, tmp_path):
    from datetime import datetime

    browser = Browser()
    alerter = Alerter(cfg, interactive=True, opener=browser)
    for i in range(3):
        f = tmp_path / "Downloads" / f"内部文件{i}.docx"
        vid = _logged(cfg, f, f"s{i}")
        assert not alerter.alert(
            _verdict(str(f), f"s{i}"), str(f), role="staging", verdict_id=vid, path=str(f)
        )
    time.sleep(0.3)
    assert desktop.calls() == []  # no pop-up for staging folders
    morning = datetime.now().replace(hour=9, minute=0)
    evening = datetime.now().replace(hour=17, minute=30)
    assert not alerter.maybe_digest(morning)  # before digest_at (17:00)
    assert alerter.maybe_digest(evening)
    assert not alerter.maybe_digest(evening)  # at most one a day
    (n,) = desktop.wait_calls(1)
    assert n.summary == "今天有 3 份内部文件保存在本机，外发前请先确认"
    assert "list" in n.action_keys
    desktop.press("list")
    wait_for(lambda: browser.opened, 10)
    page = browser.get()
    assert all(f"内部文件{i}.docx" in page for i in range(3))
    alerter.close()
    again = Alerter(cfg, interactive=True, opener=Browser())
    assert not again.maybe_digest(evening)  # survives a restart
    again.close()
    ((ev),) = _events(cfg, "alert")
    assert ev.data["type"] == "digest" and ev.data["count"] == 3


def test_status_shows_todays_alerts(desktop: DunstDesktop, cfg, tmp_path):
    from agent.commands.status import collect

    alerter = Alerter(cfg, interactive=True, opener=Browser())
    assert _alert(alerter, cfg, tmp_path / "微信" / "a.xlsx", "t1")
    f = tmp_path / "Downloads" / "b.docx"
    alerter.alert(_verdict(str(f), "t2"), str(f), role="staging", verdict_id=_logged(cfg, f, "t2"))
    alerter.close()
    today = collect(cfg)["alerts_today"]
    assert today == {
        "popups": 1,
        "staging": 1,
        "digest_sent": False,
        "overridden": 0,
        "digest_at": "17:00",
    }


def test_no_digest_when_nothing_was_flagged(desktop: DunstDesktop, cfg):
    from datetime import datetime

    alerter = Alerter(cfg, interactive=True, opener=Browser())
    assert not alerter.maybe_digest(datetime.now().replace(hour=23, minute=59))
    alerter.close()
    assert desktop.calls() == []


def test_burst_folds_into_one_summary_with_a_list(desktop: DunstDesktop, tmp_path):
    cfg = Config(
        data_dir=str(tmp_path / "data"), alert=AlertConfig(burst_window_s=3, burst_threshold=2)
    )
    alerter = Alerter(cfg, interactive=True, opener=Browser())
    results = [_alert(alerter, cfg, tmp_path / f"名单{i}.xlsx", str(i)) for i in range(12)]
    assert results[:2] == [True, True] and not any(results[2:])
    desktop.wait_calls(3)
    time.sleep(1)  # nothing more should arrive after the summary
    got = desktop.calls()
    assert len(got) == 3
    assert "10" in got[2].summary and "名单2.xlsx" in got[2].body and "list" in got[2].action_keys
    alerter.close()


def test_reply_field_records_the_reason_where_the_server_has_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cfg
) -> None:
    with session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        out = tmp_path / "n.jsonl"
        with NotificationServer(address, out, inline_reply=True) as server:
            alerter = Alerter(cfg, interactive=True, opener=Browser())
            assert _alert(alerter, cfg, tmp_path / "排查名单.xlsx", "r1")
            (n,) = wait_for(server.received, 10)
            keys = n["actions"][0::2]
            assert "inline-reply" in keys and "override" not in keys
            assert n["actions"][keys.index("inline-reply") * 2 + 1] == "仍需发送"
            server.reply(n["id"], "已脱敏，经领导同意")
            (ev,) = wait_for(lambda: _events(cfg, "override"), 10)
            assert ev.data["reason"] == "已脱敏，经领导同意" and ev.data["via"] == "reply"
            assert not _alert(alerter, cfg, tmp_path / "again.xlsx", "r1")
            alerter.close()


def test_why_page_refuses_other_hosts_origins_and_unknown_links(
    desktop: DunstDesktop, cfg, tmp_path
):
    browser = Browser()
    alerter = Alerter(cfg, interactive=True, opener=browser)
    assert _alert(alerter, cfg, tmp_path / "a.xlsx", "x1")
    desktop.wait_calls(1)
    desktop.press("why")
    wait_for(lambda: browser.opened, 10)
    url = browser.last_page_url()

    def status(req: urllib.request.Request) -> int:
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    assert status(urllib.request.Request(url, headers={"Host": "evil.example:80"})) == 403
    forged = urllib.request.Request(
        url + "/override",
        data=b"reason=x",
        method="POST",
        headers={"Origin": "http://evil.example"},
    )
    assert status(forged) == 403
    assert status(urllib.request.Request(url.rsplit("/", 1)[0] + "/guessed")) == 404
    assert not _events(cfg, "override")
    alerter.close()


# -- composing (no desktop needed) -----------------------------------------------------------
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
    assert title.startswith("Screening list") and "4201**********1234" in title
    assert "do not send" in body.lower()


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
