"""The central console in a real browser: Debian's chromium driven by Playwright, against the
office server's app over HTTPS (uvicorn, its own CA) on a real PostgreSQL, with the logs of two
PCs forwarded by the real agent code.

Login (a wrong password refused), the list with both PCs' rows, the host filter, a detail page,
triage by the logged-in reviewer, a forwarded thumbnail shown under the CSP, logout; no raw ID
number or phone number in any page.
Screenshots land in test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent import i18n
from agent.config import load_config
from agent.files import write_private
from agent.forward import Forwarder, enroll, set_fleet_server
from agent.store import Store
from tests.review_data import sample_verdicts
from tests.server_helpers import ThreadServer, agent_config, cli
from tests.test_console_browser import ARTIFACTS, CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

PASSWORD = "审核员-浏览器-correct-horse"


def _thumbnail(tmp_path: Path, raw_id: str) -> bytes:
    """A page thumbnail rendered by the real code (identifier line blacked out)."""
    from agent.review.thumbnails import make_thumbnail
    from tests.test_review_thumbnails import _extraction, _page

    img, boxes, lines = _page(tmp_path, raw_id)
    src = tmp_path / "交办单.png"
    img.save(src)
    extraction, verdict = _extraction(src, boxes, lines)
    out = make_thumbnail(src, extraction, verdict, tmp_path / "made")
    assert out is not None
    return out.read_bytes()


@pytest.fixture
def office(pg_dsn: str, tmp_path: Path):
    from server import policy

    srv = ThreadServer(pg_dsn, tmp_path / "state").start()
    sample = sample_verdicts(seed=23)
    # the office forwards thumbnails: ward-pc-0's first flagged row has one
    import psycopg

    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        policy.upload(conn, "fleet:\n  forward_thumbnails: true\n", "admin")
    thumb = _thumbnail(tmp_path, sample.raw_ids[0])
    hosts = []
    for i, dept in enumerate(("内科", "办公室")):
        cfg_path = agent_config(tmp_path, f"pc{i}")
        cred = enroll(srv.token(department=dept), load_config(cfg_path))
        set_fleet_server(cfg_path, cred.url)
        config = load_config(cfg_path)
        pictured = i == 0  # one flagged row of this PC gets the picture
        with Store.open(config) as st:
            for v, kw in sample.verdicts:
                if pictured and v.decision.value == "flagged":
                    config.thumbnails_path.mkdir(mode=0o700, parents=True, exist_ok=True)
                    write_private(config.thumbnails_path / "page.png", thumb)
                    kw, pictured = {**kw, "thumbnail": "page.png"}, False
                st.append_verdict(v, **{**kw, "host": f"ward-pc-{i}"})
        hosts.append(f"ward-pc-{i}")
        Forwarder(config, cred).sync()
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    cli("server", "user", "add", "zhang", "--role", "reviewer", "--dsn", pg_dsn,
        "--password-file", str(pw))  # fmt: skip
    yield srv, sample, hosts
    srv.stop()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield b
        b.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"central-{name}.png"), full_page=True)


def _hosts_shown(page) -> set[str]:
    return {c.strip() for c in page.locator("#rows tbody tr td:nth-child(5)").all_inner_texts()}


def test_central_review_flow_in_chromium(office, browser) -> None:
    srv, sample, hosts = office
    # the server's own CA is not in chromium's store: the test trusts it for this context only
    ctx = browser.new_context(ignore_https_errors=True, locale="zh-CN")
    page = ctx.new_page()
    seen: list[str] = []

    # every page needs a login: the list sends us to the login form
    page.goto(srv.url + "/")
    page.wait_for_url(re.compile(r"/login\?next="))
    assert page.locator("#login").count() == 1
    seen.append(page.content())
    _shot(page, "login")

    # a wrong password is refused and logs nobody in
    page.fill("input[name=username]", "zhang")
    page.fill("input[name=password]", "not-the-password")
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/login\?failed=1"))
    assert page.locator("#login-failed").is_visible()
    page.goto(srv.url + "/")
    page.wait_for_url(re.compile(r"/login"))

    # the right one: the list holds both PCs' flagged rows
    page.fill("input[name=username]", "zhang")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(srv.url + "/")
    flagged = sum(1 for v, _ in sample.verdicts if v.decision.value == "flagged")
    assert page.locator("#rows tbody tr").count() == 2 * flagged
    assert _hosts_shown(page) == set(hosts)
    assert page.locator("#chart rect").count() >= 1
    seen.append(page.content())
    _shot(page, "list")

    # filter by host
    page.select_option("select[name=host]", hosts[1])
    page.click("#apply")
    page.wait_for_url(re.compile(r"host=ward-pc-1"))
    assert page.locator("#rows tbody tr").count() == flagged
    assert _hosts_shown(page) == {hosts[1]}
    seen.append(page.content())

    # open a row and triage it: the status and the reviewer (the logged-in user) show
    first = page.locator("#rows tbody tr a.file").first
    first.click()
    page.wait_for_url(re.compile(r"/item/\d+$"))
    assert page.locator("section.evidence td.context").count() >= 1  # the masked evidence
    assert page.locator("#reviewer-self").inner_text() == "zhang"
    seen.append(page.content())
    page.check("input[name=status][value=confirmed]")
    page.fill("textarea[name=note]", "已通知科室负责人")
    page.click("#save-triage")
    page.wait_for_url(re.compile(r"/item/\d+\?saved=1$"))
    status = page.locator("#status").inner_text()
    assert status == i18n.t("log.triage.confirmed", lang="zh_CN")
    head = page.locator("section.head").inner_text()
    assert "zhang" in head and "已通知科室负责人" in head
    seen.append(page.content())
    _shot(page, "detail")

    # the row ward-pc-0 forwarded a thumbnail for shows it, rendered under the page's CSP
    import psycopg

    with psycopg.connect(srv.dsn) as c:
        (pk,) = c.execute("SELECT verdict_pk FROM thumbnails").fetchone()
    page.goto(srv.url + f"/item/{pk}")
    img = page.locator("#thumbnail")
    img.wait_for()
    assert page.evaluate("document.getElementById('thumbnail').naturalWidth") > 100
    seen.append(page.content())
    _shot(page, "thumbnail")

    # the list shows it triaged; the to-do list no longer does
    page.goto(srv.url + "/?status=confirmed")
    assert page.locator("#rows tbody tr").count() == 1
    page.goto(srv.url + "/?status=new")
    assert page.locator("#rows tbody tr").count() == 2 * flagged - 1
    seen.append(page.content())

    # logout ends the session: the list asks for a login again
    page.click("#logout")
    page.wait_for_url(re.compile(r"/login$"))
    page.goto(srv.url + "/")
    page.wait_for_url(re.compile(r"/login\?next="))
    seen.append(page.content())
    ctx.close()

    for html in seen:
        leaked = [raw for raw in sample.raw_values if raw in html]
        assert not leaked, f"{len(leaked)} raw identifiers in a page"
    assert any("**********" in html for html in seen)  # masked IDs are shown
