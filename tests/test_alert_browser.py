"""The why page in a real browser (Debian's chromium through Playwright): the agent opens a 0600
`file://` redirect, chromium follows it to the loopback page, and the person records a reason or
quarantines the file with the page's own forms (real Origin headers, real CSP)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from agent.actions.alert_memory import AlertMemory
from agent.actions.respond import AlertTarget, Responder
from agent.config import load_config
from agent.review.why import WhyItem, WhyPage, WhyServer
from agent.store import Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


def _page(config_file: Path, tmp_path: Path):
    config = load_config(config_file)
    f = tmp_path / "微信" / "排查名单.xlsx"
    f.parent.mkdir()
    f.write_bytes(b"roster")
    sha = hashlib.sha256(b"roster").hexdigest()
    ev = Evidence("identifiers", "resident_id", "4201**********1234", "t0 r2 c3", 0.6)
    verdict = Verdict(
        path=str(f),
        decision=Decision.FLAGGED,
        categories=(CategoryScore("screening_list", 0.92, 0.6, (ev,)),),
        sha256=sha,
    )
    with Store.open(config) as s:
        vid = s.append_verdict(verdict, action="alert", mode="warn", path=str(f))
    target = AlertTarget(vid, str(f), str(f), sha, "outgoing", "chat_app")
    opened: list[str] = []
    server = WhyServer(
        config, Responder(config, AlertMemory.for_config(config)), opener=opened.append
    )
    secret = server.add(
        WhyPage(
            "shareguard：为什么提醒这个文件",
            [WhyItem.from_verdict(verdict, str(f), "聊天软件的文件夹")],
            target=target,
            can_override=True,
            can_quarantine=True,
        )
    )
    server.open(secret)
    return config, server, opened[0], f


def test_reason_recorded_from_the_page(chromium, config_file: Path, tmp_path: Path) -> None:
    config, server, uri, _f = _page(config_file, tmp_path)
    try:
        page = chromium.new_page()
        page.goto(uri)
        page.wait_for_url("http://127.0.0.1:*/w/*")
        assert "排查人员名单" in page.content() and "4201**********1234" in page.content()
        assert page.evaluate("document.querySelector('header img').naturalWidth") > 0  # icon
        page.fill("#reason", "经科长同意，发区疾控中心核对")
        page.click("#override button")
        page.wait_for_selector("#message")
        assert "已记录理由" in page.inner_text("#message")
        assert page.query_selector("#reason") is None  # answered once
        with Store.open(config) as s:
            (ev,) = [e for e in s.events() if e.kind == "override"]
        assert ev.data["reason"] == "经科长同意，发区疾控中心核对" and ev.data["via"] == "page"
        page.close()
    finally:
        server.close()


def test_quarantine_from_the_page(chromium, config_file: Path, tmp_path: Path) -> None:
    config, server, uri, f = _page(config_file, tmp_path)
    try:
        page = chromium.new_page()
        page.goto(uri)
        page.wait_for_url("http://127.0.0.1:*/w/*")
        page.click("#quarantine button")
        page.wait_for_selector("#message")
        assert "隔离区" in page.inner_text("#message") and not f.exists()
        with Store.open(config) as s:
            (ev,) = [e for e in s.events() if e.kind == "quarantine"]
        assert ev.data["by"] == "user" and Path(ev.data["to"]).is_file()
        page.close()
    finally:
        server.close()
