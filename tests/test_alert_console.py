"""What the security officer sees of people's answers to alerts: overrides and their reasons (a
filter and a column), quarantines the person chose, per-PC counts of pop-ups, overrides and
digests; and shareguard's icon as the console's favicon. Real chained SQLite log, the real
Responder writing the events, Starlette's TestClient for the console."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from agent.actions.alert_memory import AlertMemory
from agent.actions.respond import AlertTarget, Responder
from agent.config import load_config
from agent.review.app import create_app
from agent.store import LogFilter, Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

TOKEN = "test-token-0123456789"


def _verdict(path: str, sha: str) -> Verdict:
    ev = Evidence("identifiers", "resident_id", "4201**********1234", "t0 r2 c3", 0.6)
    return Verdict(
        path=path,
        decision=Decision.FLAGGED,
        categories=(CategoryScore("screening_list", 0.9, 0.6, (ev,)),),
        sha256=sha,
    )


@pytest.fixture
def logged(config_file: Path, tmp_path: Path):
    config = load_config(config_file)
    responder = Responder(config, AlertMemory.for_config(config))
    ids = {}
    with Store.open(config) as store:
        for name, host in (("a.xlsx", "pc-01"), ("b.xlsx", "pc-01"), ("c.xlsx", "pc-02")):
            ids[name] = store.append_verdict(
                _verdict(f"/home/u/微信/{name}", name), action="alert", mode="warn", host=host
            )
    targets = {n: AlertTarget(ids[n], f"/home/u/微信/{n}", f"/home/u/微信/{n}", n) for n in ids}
    for n in ids:
        responder.record_alert("popup", targets[n])
    responder.record_alert("digest", None, count=6)
    responder.override(targets["a.xlsx"], "经科长同意发区疾控 420106199001011234", via="page")
    moved = tmp_path / "c.xlsx"
    moved.write_bytes(b"c")
    responder.quarantine(
        AlertTarget(ids["c.xlsx"], str(moved), str(moved), hashlib.sha256(b"c").hexdigest())
    )
    app = create_app(config, token=TOKEN, allowed_hosts=("testserver",))
    with TestClient(app) as client:
        client.get(f"/?token={TOKEN}")
        yield {"client": client, "config": config, "ids": ids}


def test_override_filter_and_reason_column(logged) -> None:
    c = logged["client"]
    page = c.get("/?answer=override").text
    rows = re.findall(r'<a href="/item/(\d+)">', page)
    assert rows == [str(logged["ids"]["a.xlsx"])]
    assert "经科长同意发区疾控" in page
    assert "420106199001011234" not in page and "4201**********1234" in page  # masked reason
    quarantined = c.get("/?answer=quarantine").text
    assert re.findall(r'<a href="/item/(\d+)">', quarantined) == [str(logged["ids"]["c.xlsx"])]
    assert "本人移入隔离区" in quarantined
    assert c.get("/?answer=shout").status_code == 200  # a bad value is reported, not a crash
    assert "answer must be one of" in c.get("/?answer=shout").text


def test_per_pc_counts(logged) -> None:
    with Store.open(logged["config"]) as s:
        counts = {r["host"]: r for r in s.alert_counts()}
        assert s.count(LogFilter(answer="override")) == 1
    import socket

    here = socket.gethostname()  # pop-ups and digests are recorded by the PC that showed them
    assert counts[here]["popup"] == 3 and counts[here]["digest"] == 1
    assert counts[here]["override"] == 1
    assert counts["pc-02"]["quarantine"] == 1  # a user quarantine counts for the row's PC
    page = logged["client"].get("/").text
    section = page[page.index('id="alert-counts"') :]
    assert "提醒统计" in page and here in section


def test_override_event_shows_on_the_item_page(logged) -> None:
    page = logged["client"].get(f"/item/{logged['ids']['a.xlsx']}").text
    assert "override" in page and "经科长同意发区疾控" in page


def test_favicon_is_shareguards_icon(logged) -> None:
    c = logged["client"]
    r = c.get("/favicon.png")
    icon = Path(__file__).resolve().parents[1] / "agent" / "data" / "shareguard.png"
    assert r.status_code == 200 and r.content == icon.read_bytes()
    assert '<link rel="icon" type="image/png" href="/favicon.png">' in c.get("/").text


def test_quarantined_file_can_be_restored_from_the_console(logged, tmp_path: Path) -> None:
    c = logged["client"]
    rid = logged["ids"]["c.xlsx"]
    page = c.get(f"/item/{rid}").text
    assert 'id="restore-file"' in page
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert c.post(f"/item/{rid}/restore", data={"csrf": "x" * 64}).status_code == 403
    assert not (tmp_path / "c.xlsx").exists()
    r = c.post(f"/item/{rid}/restore", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and (tmp_path / "c.xlsx").read_bytes() == b"c"
    with Store.open(logged["config"]) as s:
        assert [e.kind for e in s.events(rid) if e.kind in ("quarantine", "restore")] == [
            "quarantine",
            "restore",
        ]
    assert 'id="restore-file"' not in c.get(f"/item/{rid}").text  # nothing left to restore
    # a second restore finds nothing and says so
    again = c.post(f"/item/{rid}/restore", data={"csrf": token})
    assert "恢复失败" in again.text


def test_log_list_filters_by_answer(logged) -> None:
    import json
    import subprocess
    import sys

    def ids(answer: str) -> list[int]:
        cmd = [sys.executable, "-m", "agent.cli", "log", "list", "--answer", answer]
        r = subprocess.run(
            [*cmd, "--format", "jsonl", "--config", logged["config"].source],
            capture_output=True,
            text=True,
            check=True,
        )
        return [json.loads(line)["id"] for line in r.stdout.splitlines() if line.strip()]

    assert ids("override") == [logged["ids"]["a.xlsx"]]
    assert ids("quarantine") == [logged["ids"]["c.xlsx"]]
