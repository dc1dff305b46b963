"""The review console's routes through Starlette's TestClient, on a real chained SQLite log."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image
from review_data import fill_store, sample_verdicts
from starlette.testclient import TestClient

from agent.config import load_config
from agent.review.app import create_app
from agent.store import Store

TOKEN = "test-token-0123456789"


@pytest.fixture
def console(config_file: Path):
    config = load_config(config_file)
    sample = sample_verdicts()
    with Store.open(config) as store:
        ids = fill_store(
            store,
            sample,
            times=[
                "2026-11-01T08:00:00.000Z",
                "2026-11-02T09:00:00.000Z",
                "2026-11-03T10:00:00.000Z",
                "2026-11-03T11:00:00.000Z",
                "2026-11-04T12:00:00.000Z",
            ],
        )
        # a thumbnail for the photo row, and rows whose thumbnail points outside the folder
        thumbs = config.thumbnails_path
        thumbs.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 48), "white").save(thumbs / "photo.png")
        verdict, kw = sample.verdicts[1]
        photo = store.append_verdict(verdict, thumbnail="photo.png", **kw)
        evil_rel = store.append_verdict(verdict, thumbnail="../log.sqlite3", **kw)
        evil_abs = store.append_verdict(verdict, thumbnail=str(config.key_path), **kw)
    app = create_app(config, token=TOKEN, allowed_hosts=("testserver",))
    client = TestClient(app)
    yield {
        "client": client,
        "config": config,
        "sample": sample,
        "ids": ids,
        "photo": photo,
        "evil": (evil_rel, evil_abs),
    }
    client.close()


def login(client: TestClient) -> None:
    r = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field in the form"
    return m.group(1)


def row_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<td><a href="/item/(\d+)">', html)]


def test_token_is_required_then_swapped_for_a_strict_cookie(console):
    client = console["client"]
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    assert client.get(f"/item/{console['ids'][0]}").status_code == 403
    assert client.get("/export.csv").status_code == 403
    r = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303
    assert "token" not in r.headers["location"]
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    r = client.get("/")
    assert r.status_code == 200
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store"


def test_unexpected_host_header_is_refused(console):
    client = console["client"]
    login(client)
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_list_shows_flagged_rows_with_counts_chart_and_filters(console):
    client = console["client"]
    ids = console["ids"]
    login(client)
    html = client.get("/").text
    assert set(row_ids(html)) >= {ids[0], ids[1], ids[2]}
    assert ids[3] not in row_ids(html) and ids[4] not in row_ids(html)  # clean, unreadable
    assert "排查人员名单" in html and "各类别数量" in html
    assert html.count("<rect") >= 4  # the per-day chart
    assert set(row_ids(client.get("/?verdict=all").text)) >= set(ids)
    assert row_ids(client.get("/?category=medical_record").text) == [ids[2]]
    assert row_ids(client.get("/?since=2026-11-02&until=2026-11-02").text) == [ids[1]]
    assert row_ids(client.get("/?host=pc-office-1").text) == [ids[2], ids[0]]
    assert row_ids(client.get("/?folder=/home/wang").text) == [ids[2]]
    assert row_ids(client.get("/?mode=warn").text) == [ids[2], ids[0]]
    assert row_ids(client.get("/?action=log,alert").text) == [ids[2], ids[0]]
    assert row_ids(client.get("/?verdict=unreadable").text) == [ids[4]]
    bad = client.get("/?since=not-a-date")
    assert bad.status_code == 200 and "筛选条件有误" in bad.text


def test_detail_shows_scores_and_highlighted_masked_evidence(console):
    client = console["client"]
    login(client)
    html = client.get(f"/item/{console['ids'][0]}").text
    assert "排查人员名单" in html and "0.93" in html
    marks = re.findall(r"<mark>(.*?)</mark>", html)
    assert any("****" in m for m in marks)
    assert client.get("/item/99999").status_code == 404


def test_english_switch(console):
    client = console["client"]
    login(client)
    html = client.get("/?lang=en").text
    assert "Screening list" in html and "Flagged files" in html
    assert "Screening list" in client.get("/").text  # remembered by cookie


def test_triage_needs_a_valid_csrf_token_and_lands_in_the_log(console):
    client = console["client"]
    rid = console["ids"][1]
    login(client)
    token = csrf_of(client.get(f"/item/{rid}").text)
    form = {"status": "false_positive", "note": "公开通报", "reviewer": "王工"}
    assert client.post(f"/item/{rid}/mark", data=form).status_code == 403
    assert client.post(f"/item/{rid}/mark", data={**form, "csrf": "x" * 64}).status_code == 403
    r = client.post(
        f"/item/{rid}/mark",
        data={**form, "csrf": token},
        headers={"origin": "http://evil.example"},
    )
    assert r.status_code == 403
    with Store.open(console["config"]) as store:
        assert store.get(rid).status == "new"
    r = client.post(f"/item/{rid}/mark", data={**form, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    with Store.open(console["config"]) as store:
        row = store.get(rid)
        assert (row.status, row.note, row.reviewer) == ("false_positive", "公开通报", "王工")
        assert store.events(rid)[-1].kind == "triage"
        assert store.verify().ok
    assert row_ids(client.get("/?status=false_positive").text) == [rid]


def test_a_new_session_token_gets_another_csrf(config_file):
    config = load_config(config_file)
    a = create_app(config, token="a" * 20, allowed_hosts=("testserver",))
    b = create_app(config, token="b" * 20, allowed_hosts=("testserver",))
    assert a.state.console.csrf != b.state.console.csrf


def test_no_route_reads_outside_the_data_dir(console):
    client = console["client"]
    login(client)
    r = client.get(f"/item/{console['photo']}/thumbnail")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    for rid in console["evil"]:
        assert client.get(f"/item/{rid}/thumbnail").status_code == 404
    for url in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/store.py",
        "/item/..%2f..%2flog.sqlite3/thumbnail",
        "/export.sqlite3",
        "/static//etc/passwd",
    ):
        r = client.get(url)
        assert r.status_code == 404, url
        assert b"SQLite format" not in r.content and b"import " not in r.content


def test_exports_are_filtered_and_contain_no_raw_identifiers(console):
    client = console["client"]
    login(client)
    r = client.get("/export.csv?verdict=all")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 8
    r2 = client.get("/export.jsonl?category=screening_list")
    objs = [json.loads(x) for x in r2.text.splitlines()]
    assert [o["id"] for o in objs] == [console["ids"][0]]
    for raw in console["sample"].raw_values:
        assert raw not in r.text and raw not in r2.text


def test_no_page_shows_a_raw_identifier(console):
    client = console["client"]
    login(client)
    pages = [client.get("/").text, client.get("/?verdict=all&lang=en").text]
    pages += [client.get(f"/item/{i}").text for i in console["ids"]]
    joined = "\n".join(pages)
    assert "交办单_" in joined  # the file named after a person is listed...
    for raw in console["sample"].raw_values:
        assert raw not in joined  # ...with the ID in its name masked


def test_false_positive_becomes_a_previewed_allowlist_entry(console, tmp_path):
    client = console["client"]
    config = console["config"]
    rid = console["ids"][0]
    login(client)
    token = csrf_of(client.get(f"/item/{rid}").text)
    # only false positives can be allowlisted
    assert client.get(f"/item/{rid}/allowlist?kind=sha256").status_code == 409
    client.post(f"/item/{rid}/mark", data={"status": "false_positive", "csrf": token})
    detail = client.get(f"/item/{rid}").text
    assert 'id="allowlist"' in detail
    preview = client.get(f"/item/{rid}/allowlist?kind=sha256&reason=公开名单")
    assert preview.status_code == 200
    assert "a" * 64 in preview.text
    policy = Path(config.source).parent / "policy.yaml"
    assert not policy.exists()  # previewing writes nothing
    before = re.search(r'name="before" value="([^"]+)"', preview.text).group(1)
    save = {"kind": "sha256", "reason": "公开名单", "before": before}
    assert client.post(f"/item/{rid}/allowlist", data=save).status_code == 403  # no CSRF
    r = client.post(f"/item/{rid}/allowlist", data={**save, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    data = yaml.safe_load(policy.read_text(encoding="utf-8"))
    assert data["allowlist"]["sha256"] == ["a" * 64]
    # a stale preview is refused, a phrase entry is added beside the first
    assert client.post(f"/item/{rid}/allowlist", data={**save, "csrf": token}).status_code == 400
    p2 = client.get(f"/item/{rid}/allowlist?kind=phrase&value=政府信息公开")
    before = re.search(r'name="before" value="([^"]+)"', p2.text).group(1)
    client.post(
        f"/item/{rid}/allowlist",
        data={"kind": "phrase", "value": "政府信息公开", "before": before, "csrf": token},
    )
    data = yaml.safe_load(policy.read_text(encoding="utf-8"))
    assert data["allowlist"]["phrases"] == ["政府信息公开"]
    assert data["allowlist"]["sha256"] == ["a" * 64]


def test_allowlist_preview_shows_the_whole_file_line_by_line(console):
    client = console["client"]
    rid = console["ids"][0]
    login(client)
    token = csrf_of(client.get(f"/item/{rid}").text)
    client.post(f"/item/{rid}/mark", data={"status": "false_positive", "csrf": token})
    html = client.get(f"/item/{rid}/allowlist?kind=phrase&value=公开名单").text
    after = re.search(r'<pre id="allow-after"[^>]*>(.*?)</pre>', html, re.S).group(1)
    lines = after.splitlines()
    assert "allowlist:" in lines and "  phrases:" in lines
    assert any(line.startswith("<mark>") and "公开名单" in line for line in lines)
