"""The issue's scenario end to end, on a real desktop (private D-Bus, dunst under Xvfb,
dbus-monitor) with the agent as a real subprocess: six internal documents are downloaded into
Downloads, two are then copied into the WeChat file folder to send.

Expected: no pop-up for the downloads (staging), one pop-up with buttons for each copy (outgoing),
「仍需发送」 with a reason records an `override` and silences that content, 「移入隔离区」
quarantines and the review console puts the file back, and one digest for the six."""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from agent_helpers import AgentProcess, log_rows, wait_for, write_config
from alert_helpers import dunst_desktop, have_desktop_tools
from faker import Faker

from agent.actions.alert import ICON_PATH


def internal_doc(seed: int) -> str:
    """A synthetic screening list (Faker zh_CN: no real person)."""
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    lines = [
        "关于开展重点人员排查工作的通知",
        "附件：排查人员名单",
        "序号,姓名,身份证号,手机号,住址",
    ]
    for i in range(1, 9):
        lines.append(f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()},{fake.address()}")
    return "\n".join(lines) + "\n"


def _events(data: Path, kind: str) -> list[dict]:
    import sqlite3

    con = sqlite3.connect(f"file:{data / 'log.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        rows = con.execute(
            "SELECT verdict_id, actor, data FROM events WHERE kind = ? ORDER BY id", (kind,)
        ).fetchall()
    finally:
        con.close()
    return [{"verdict_id": v, "actor": a, **json.loads(d)} for v, a, d in rows]


def _page_url(opened: Path, n: int) -> str:
    lines = wait_for(
        lambda: opened.exists() and len(opened.read_text().split()) >= n and opened.read_text(),
        15,
    )
    uri = str(lines).split()[n - 1]
    redirect = Path(urllib.parse.unquote(uri.removeprefix("file://")))
    m = re.search(r"url=(http://127\.0\.0\.1:\d+/w/[^\"#]+)", redirect.read_text())
    assert m, redirect.read_text()
    return m.group(1)


def _post(url: str, **form: str) -> str:
    req = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read().decode()


def test_downloads_then_two_copies_into_wechat(tmp_path: Path) -> None:
    if not have_desktop_tools():
        pytest.fail("Xvfb, dunst and dbus-monitor are needed (scripts/test.sh installs them)")
    home = tmp_path / "home"
    downloads = home / "Downloads"
    wechat = (
        home / "Documents" / "WeChat Files" / "wxid_clerk01" / "FileStorage" / "File" / "2026-12"
    )
    downloads.mkdir(parents=True)
    wechat.mkdir(parents=True)
    data = tmp_path / "data"
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" >> "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=data,
        watch=[downloads, home / "Documents" / "WeChat Files"],
        extra='[alert]\ndigest_at = "23:59"\n',
    )
    with dunst_desktop(tmp_path / "desktop") as desk:
        env = {
            "DBUS_SESSION_BUS_ADDRESS": desk.address,
            "HOME": str(home),
            "BROWSER": str(browser),
        }
        agent = AgentProcess(cfg, env=env, log=tmp_path / "agent.log")
        try:
            agent.wait_ready(data / "agent-state.json")
            docs = []
            for i in range(6):  # downloaded from the office system, one after another
                f = downloads / f"内部文件{i + 1}.csv"
                f.write_text(internal_doc(100 + i), encoding="utf-8")
                docs.append(f)
                time.sleep(0.5)
            wait_for(lambda: len([r for r in log_rows(data) if r["verdict"] == "flagged"]) >= 6, 60)
            rows = log_rows(data)
            assert all(r["action"] == "digest" for r in rows), [r["action"] for r in rows]
            time.sleep(1)
            assert desk.calls() == [], "no pop-up for files in Downloads"

            # two of them are copied into the WeChat file folder to send
            sent = [wechat / docs[0].name, wechat / docs[3].name]
            for src, dst in zip((docs[0], docs[3]), sent, strict=True):
                shutil.copy(src, dst)
            calls = desk.wait_calls(2, 30)
            time.sleep(1)
            calls = desk.calls()
            assert len(calls) == 2, [c.summary for c in calls]
            for c in calls:
                assert c.summary.startswith("排查人员名单：")
                assert re.search(r"\d{4}\*+\d{3}[\dX]", c.summary), c.summary  # masked ID
                assert c.action_keys == ["default", "why", "override", "quarantine"]
                assert Path(urllib.parse.unquote(c.app_icon[7:])).read_bytes() == (
                    ICON_PATH.read_bytes()
                )
            by_name = {
                next(s.name for s in sent if s.name in c.body): c for c in calls
            }  # which bubble is about which file

            # 「仍需发送」 on the first: the page asks for the reason (dunst has no reply field)
            desk.press("override", by_name[sent[0].name].summary)
            url = _page_url(opened, 1)
            assert "已记录理由" in _post(url + "/override", reason="经科长同意，发区疾控中心核对")
            (ov,) = _events(data, "override")
            assert ov["reason"] == "经科长同意，发区疾控中心核对" and ov["via"] == "page"
            assert ov["path"] == str(sent[0]) and ov["verdict_id"]
            # the same content again (another copy to send) raises no further pop-up
            shutil.copy(docs[0], wechat / "再发一次.csv")
            wait_for(lambda: [r for r in log_rows(data) if r["path"].endswith("再发一次.csv")], 30)

            # 「移入隔离区」 on the second
            desk.press("quarantine", by_name[sent[1].name].summary)
            (q,) = wait_for(lambda: _events(data, "quarantine"), 15)
            assert q["by"] == "user" and not sent[1].exists()
            time.sleep(1)
            alerts = [c for c in desk.calls() if c.expire_timeout == -1]
            confirmations = [c for c in desk.calls() if c.expire_timeout != -1]
            assert len(alerts) == 2, [c.summary for c in alerts]
            assert len(confirmations) == 2  # "已记录发送理由" and "已移入隔离区", after each press
        finally:
            assert agent.stop() == 0, agent.output()

        # security staff restore the quarantined file from the review console
        from starlette.testclient import TestClient

        from agent.config import load_config
        from agent.review.app import create_app

        app = create_app(
            load_config(cfg), token="scenario-token-0123", allowed_hosts=("testserver",)
        )
        with TestClient(app) as console:
            console.get("/?token=scenario-token-0123")
            listed = console.get("/?answer=quarantine").text
            assert f'href="/item/{q["verdict_id"]}"' in listed
            overrides = console.get("/?answer=override").text
            assert "经科长同意，发区疾控中心核对" in overrides  # the reason, as a column
            page = console.get(f"/item/{q['verdict_id']}").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            r = console.post(f"/item/{q['verdict_id']}/restore", data={"csrf": csrf})
            assert r.status_code == 200
        assert sent[1].read_text(encoding="utf-8") == docs[3].read_text(encoding="utf-8")

        # the digest: at most one a day, only because something was flagged in staging
        cfg.write_text(cfg.read_text().replace('digest_at = "23:59"', 'digest_at = "00:00"'))
        agent = AgentProcess(cfg, env=env, log=tmp_path / "agent2.log")
        try:
            agent.wait_ready(data / "agent-state.json")
            digest = wait_for(
                lambda: [c for c in desk.calls() if c.summary.startswith("今天有")], 20
            )
            assert digest[0].summary == "今天有 6 份内部文件保存在本机，外发前请先确认"
            assert "list" in digest[0].action_keys
            time.sleep(1)  # the restored file is not announced again
            alerts = [c for c in desk.calls() if c.expire_timeout == -1]
            assert len(alerts) == 3, [c.summary for c in alerts]
        finally:
            assert agent.stop() == 0, agent.output()
    kinds = [e["type"] for e in _events(data, "alert")]
    assert kinds.count("popup") == 2 and kinds.count("digest") == 1
