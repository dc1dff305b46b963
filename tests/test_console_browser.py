"""The review console in a real browser: Debian's chromium driven by Playwright, against the real
server (uvicorn on a free loopback port) reading a log filled by real scans of generated files.

Screenshots land in test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import io
import re
import socket
import threading
import time
from pathlib import Path

import pytest
import yaml
from faker import Faker

from agent.config import load_config
from agent.store import Store
from tests.docgen.doc import Doc
from tests.docgen.render import write

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
TOKEN = "browser-test-token-5f1c0e"


def _docs(seed: int = 11) -> tuple[Doc, Doc, Doc, list[str]]:
    fake = Faker("zh_CN")
    Faker.seed(seed)
    people = [(fake.name(), fake.ssn(), fake.phone_number(), fake.address()) for _ in range(12)]
    roster = Doc(
        title="重点人员排查名单",
        tables=[
            [["序号", "姓名", "身份证号", "联系电话", "户籍地址"]]
            + [[str(i + 1), n, s, p, a] for i, (n, s, p, a) in enumerate(people)]
        ],
        label="screening_list",
    )
    oid, ophone = fake.ssn(), fake.phone_number()
    order = Doc(
        title="信访事项交办单",
        preamble=["秘密★1年", "交办编号：〔2026〕第0147号"],
        paragraphs=[
            f"反映人：{fake.name()}，身份证号：{oid}，联系电话：{ophone}。",
            "反映事项：要求解决拖欠工程款问题。",
            "请于2026年12月10日前将办理结果书面报送县信访局。",
        ],
        closing=["县信访局（印）", "2026年11月20日"],
        label="control_order",
    )
    news = Doc(
        title="我市举办秋季农产品展销会",
        paragraphs=["本次展销会为期三天，吸引了来自周边县区的两百余家企业参展。"],
    )
    raw = [s for _, s, _, _ in people] + [p for _, _, p, _ in people] + [oid, ophone]
    return roster, order, news, raw


def _scan_all(config, files: list[Path]) -> list[int]:
    """Scan each file as the agent does and append its verdict (with a thumbnail) to the log."""
    from agent.pipeline import Scanner
    from agent.review.thumbnails import thumbnail_for
    from policies import load_policy

    ids = []
    with Scanner(config, load_policy()) as scanner, Store.open(config) as store:
        for f in files:
            if hasattr(scanner, "scan_detailed"):
                extraction, verdict = scanner.scan_detailed(f)
            else:
                extraction = scanner.extractor.extract(f)
                verdict = scanner.policy.evaluate(extraction)
            thumb = thumbnail_for(config, f, extraction, verdict)
            action = "log,alert" if verdict.decision.value == "flagged" else "log"
            ids.append(store.append_verdict(verdict, action=action, mode="warn", thumbnail=thumb))
    return ids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    import uvicorn

    from agent.review.app import create_app

    root = tmp_path_factory.mktemp("console")
    cfg_path = root / "config.toml"
    cfg_path.write_text(f'mode = "warn"\ndata_dir = "{root / "data"}"\n', encoding="utf-8")
    config = load_config(cfg_path)
    outbox = root / "Desktop"
    outbox.mkdir()
    roster, order, news, raw = _docs()
    files = [
        write(roster, outbox / "排查名单.csv", "csv"),
        write(order, outbox / "交办单照片.jpg", "photo", seed=3),
        write(news, outbox / "新闻稿.txt", "txt"),
    ]
    ids = _scan_all(config, files)
    port = _free_port()
    app = create_app(config, token=TOKEN, allowed_hosts=("127.0.0.1",), port=port)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield {
        "base": f"http://127.0.0.1:{port}",
        "config": config,
        "ids": ids,
        "raw": raw,
        "policy": cfg_path.parent / "policy.yaml",
    }
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"console-{name}.png"), full_page=True)


def _assert_masked(text: str, raw: list[str], where: str) -> None:
    leaked = [r for r in raw if r in text]
    assert not leaked, f"raw identifiers in {where}: {len(leaked)}"


def test_scans_produced_the_rows_the_console_needs(served):
    with Store.open(served["config"]) as store:
        rows = [store.get(i) for i in served["ids"]]
    roster, photo, news = rows
    assert roster.verdict == "flagged"
    assert "screening_list" in [c["id"] for c in roster.categories]
    assert photo.verdict == "flagged" and photo.thumbnail
    assert news.verdict == "clean"


def test_review_flow_in_chromium(served, browser):
    base, raw = served["base"], served["raw"]
    roster_id, photo_id, _ = served["ids"]
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    seen: list[str] = []

    # without the token: refused
    r = page.goto(base + "/")
    assert r.status == 403
    assert "令牌" in page.inner_text("body")

    # log in with the token: the token leaves the address bar, the list shows both flagged files
    page.goto(f"{base}/?token={TOKEN}")
    assert "token" not in page.url
    assert page.locator("#rows tbody tr").count() == 2
    assert page.locator("#chart rect").count() >= 2
    seen.append(page.content())
    _shot(page, "list")

    # filter by category through the form
    page.select_option("select[name=category]", "screening_list")
    page.click("#apply")
    page.wait_for_url(re.compile(r"category=screening_list"))
    assert page.locator("#rows tbody tr").count() == 1
    seen.append(page.content())
    page.select_option("select[name=category]", "")
    page.click("#apply")

    # the photo's detail page: highlighted evidence and the thumbnail
    page.click(f'#rows a[href="/item/{photo_id}"] >> nth=0')
    page.wait_for_url(re.compile(rf"/item/{photo_id}$"))
    assert page.locator("td.context mark").count() >= 1
    img = page.locator("#thumbnail")
    assert img.count() == 1
    assert page.evaluate("document.getElementById('thumbnail').naturalWidth") > 100
    seen.append(page.content())
    _shot(page, "detail")

    # mark it a false positive
    page.check("input[name=status][value=false_positive]")
    page.fill("input[name=reviewer]", "保密办王工")
    page.fill("textarea[name=note]", "公开通报，非涉密")
    page.click("#save-triage")
    page.wait_for_url(re.compile(rf"/item/{photo_id}\?saved=1"))
    assert page.inner_text("#status") == "误报"
    with Store.open(served["config"]) as store:
        assert store.get(photo_id).status == "false_positive"

    # the allowlist entry is previewed, then written to the organisation's policy file
    page.click("#allow-preview")
    assert "sha256" in page.inner_text("#allow-added") or len(page.inner_text("#allow-added")) > 60
    assert not served["policy"].exists()
    _shot(page, "allowlist-preview")
    page.click("#allow-save")
    page.wait_for_url(re.compile(rf"/item/{photo_id}\?allowlisted=sha256"))
    data = yaml.safe_load(served["policy"].read_text(encoding="utf-8"))
    with Store.open(served["config"]) as store:
        assert data["allowlist"]["sha256"] == [store.get(photo_id).sha256]

    # a forged POST with a bad CSRF token is refused, and changes nothing
    # (the page's CSP forbids fetch(), so forge it through the real form)
    page.goto(f"{base}/item/{roster_id}")
    page.evaluate("document.querySelector('#triage input[name=csrf]').value = 'forged'")
    page.check("input[name=status][value=confirmed]")
    with page.expect_response(lambda r: r.url.endswith("/mark")) as resp:
        page.click("#save-triage")
    assert resp.value.status == 403
    with Store.open(served["config"]) as store:
        assert store.get(roster_id).status == "new"

    # export the filtered list as CSV
    page.goto(f"{base}/?verdict=all")
    seen.append(page.content())
    with page.expect_download() as dl:
        page.click("#export-csv")
    body = Path(dl.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {int(r["id"]) for r in rows} == set(served["ids"])
    _assert_masked(body, raw, "CSV export")

    # English switch
    page.click("#lang-switch")
    assert "Flagged files" in page.inner_text("body")
    page.goto(f"{base}/item/{roster_id}")
    seen.append(page.content())
    _shot(page, "detail-roster-en")

    for i, html in enumerate(seen):
        _assert_masked(html, raw, f"page {i}")
    ctx.close()


def test_fresh_browser_without_token_is_refused(served, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    for path in ("/", f"/item/{served['ids'][0]}", "/export.csv", "/?token=wrong"):
        assert page.goto(served["base"] + path).status == 403
    ctx.close()
