"""Thumbnails to the office server only when the policy says so (`fleet.forward_thumbnails`, off
by default): a real OCR'd photo judged by the real scanner, its redacted thumbnail made by the
real extraction worker, forwarded by the real agent code to a real server on PostgreSQL and
served by the central console behind its login."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from faker import Faker

from agent.config import load_config
from agent.files import write_private
from agent.forward import Client, Forwarder, enroll, pinned_context, set_fleet_server
from agent.store import Store
from policies import ConfigError, load_policy
from server import policy as policy_packs
from tests.agent_helpers import AgentProcess, log_rows, wait_for, write_config
from tests.docgen.doc import Doc
from tests.docgen.render import write
from tests.server_helpers import ThreadServer, fill_log
from tests.test_server import enrolled
from tests.test_server_console import PASSWORD, client, csrf_of, login

ON = "fleet:\n  forward_thumbnails: true\n"
OFF = "fleet:\n  forward_thumbnails: false\n"


@pytest.fixture(scope="module")
def photo(scanner, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A photographed control order with a raw ID number, judged and thumbnailed once."""
    fake = Faker("zh_CN")
    fake.seed_instance(12)
    raw_id, raw_phone = fake.ssn(), fake.phone_number()
    doc = Doc(
        title="信访事项交办单",
        preamble=["秘密★1年", "交办编号：〔2026〕第0147号"],
        paragraphs=[
            f"反映人：{fake.name()}，身份证号：{raw_id}，联系电话：{raw_phone}。",
            "反映事项：要求解决拖欠工程款问题。",
            "请于2026年12月10日前将办理结果书面报送县信访局。",
        ],
        closing=["县信访局（印）", "2026年11月20日"],
        label="control_order",
    )
    d = tmp_path_factory.mktemp("photo")
    path = write(doc, d / "交办单.jpg", "photo", seed=12)
    extraction, verdict = scanner.scan_detailed(path)
    assert verdict.decision.value == "flagged"
    name = scanner.thumbnail(path, extraction, verdict, d / "thumbs")
    assert name, "the real worker made no thumbnail"
    return {
        "path": path,
        "verdict": verdict,
        "thumb": d / "thumbs" / name,
        "raw": [raw_id, raw_phone],
    }


def add_photo_row(config: Any, photo: dict[str, Any], name: str | None = None) -> tuple[int, Path]:
    """Log the photo's verdict on this PC with its thumbnail, as the agent does."""
    name = name or photo["thumb"].name
    target = Path(config.thumbnails_path) / name
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_private(target, photo["thumb"].read_bytes())
    with Store.open(config) as st:
        rid = st.append_verdict(photo["verdict"], action="log", mode="audit", thumbnail=name)
    return rid, target


def upload(dsn: str, body: str) -> int:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return policy_packs.upload(conn, body, "admin").version


def stored(dsn: str) -> list[tuple[str, int, str, bytes, str]]:
    """(agent_id, row_id, sha256, bytes, media type) of every thumbnail the server holds."""
    with psycopg.connect(dsn) as c:
        return [
            (a, r, s, bytes(d), m)
            for a, r, s, d, m in c.execute(
                "SELECT v.agent_id, v.row_id, t.sha256, t.data, t.media_type FROM thumbnails t"
                " JOIN verdicts v ON v.id = t.verdict_pk ORDER BY v.agent_id, v.row_id"
            )
        ]


def server_pk(dsn: str, agent_id: str, row_id: int) -> int:
    with psycopg.connect(dsn) as c:
        return int(
            c.execute(
                "SELECT id FROM verdicts WHERE agent_id = %s AND row_id = %s", (agent_id, row_id)
            ).fetchone()[0]  # type: ignore[index]
        )


@pytest.fixture
def office(pg_dsn: str, tmp_path: Path):
    from server import auth

    srv = ThreadServer(pg_dsn, tmp_path / "state").start()
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        auth.add_user(conn, "li", "reviewer", PASSWORD)
        auth.add_user(conn, "admin", "admin", PASSWORD)
    yield srv
    srv.stop()


def test_the_policy_switch_is_off_by_default_and_validated(tmp_path: Path) -> None:
    assert load_policy().forward_thumbnails is False
    on = tmp_path / "on.yaml"
    on.write_text(ON, encoding="utf-8")
    pol = load_policy([on])
    assert pol.forward_thumbnails is True
    assert pol.version == load_policy().version  # forwarding changes no verdict: no rescan
    for bad, field in (
        ('fleet:\n  forward_thumbnails: "yes"\n', "fleet.forward_thumbnails"),
        ("fleet:\n  forward_files: true\n", "fleet.forward_files"),
    ):
        p = tmp_path / "bad.yaml"
        p.write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError) as e:
            load_policy([p])
        assert e.value.field == field and e.value.line == 2
    assert policy_packs.forwards_thumbnails(None) is False
    assert policy_packs.forwards_thumbnails("allowlist:\n  phrases: [x]\n") is False
    assert policy_packs.forwards_thumbnails(ON) is True


def test_by_default_no_thumbnail_leaves_the_pc(office: ThreadServer, photo, tmp_path) -> None:
    config, cred = enrolled(office, tmp_path, "pc1")
    rid, thumb = add_photo_row(config, photo)
    fw = Forwarder(config, cred)
    try:
        assert fw.sync() == 1
        assert fw.thumbnails_wanted is False and fw.forwards_thumbnails() is False
        # even a PC whose own policy turns it on sends nothing the office did not ask for
        beside = tmp_path / "pc1" / "policy.yaml"
        beside.write_text(ON, encoding="utf-8")
        assert fw.forwards_thumbnails() is True
        fw.heads = None
        fw.sync()
        assert stored(office.dsn) == []
    finally:
        fw.close()
    pk = server_pk(office.dsn, cred.agent_id, rid)
    with client(office) as c:
        login(c)
        page = c.get(f"/item/{pk}")
        assert page.status_code == 200 and 'id="thumbnail"' not in page.text
        assert c.get(f"/item/{pk}/thumbnail").status_code == 404
    with client(office) as c:
        login(c, "admin")
        assert "缩略图上传：未开启" in c.get("/admin/policy").text
    # and the server refuses thumbnails outright while the office's policy is off
    api = Client(cred.url, pinned_context(cred.ca_pem), f"{cred.agent_id}:{cred.agent_key}")
    data = thumb.read_bytes()
    status, raw = api.request(
        "POST", "/api/v1/thumbnails", {"upto": rid, "items": [item(rid, data)]}
    )
    api.close()
    assert status == 403 and b"policy" in raw
    assert stored(office.dsn) == []


def item(rid: int, data: bytes, sha: str | None = None) -> dict[str, Any]:
    return {
        "row_id": rid,
        "sha256": sha or hashlib.sha256(data).hexdigest(),
        "data": base64.b64encode(data).decode(),
    }


def test_policy_on_forwards_the_exact_thumbnail_and_the_console_serves_it_behind_login(
    office: ThreadServer, photo, tmp_path: Path
) -> None:
    config, cred = enrolled(office, tmp_path, "pc1")
    fill_log(config, 3)
    rid, thumb = add_photo_row(config, photo)
    fill_log(config, 2, start=3)
    upload(office.dsn, ON)
    fw = Forwarder(config, cred)
    try:
        assert fw.sync() == 6  # pulls the pack, sends the rows, then the thumbnail
        local = thumb.read_bytes()
        assert stored(office.dsn) == [
            (cred.agent_id, rid, hashlib.sha256(local).hexdigest(), local, "image/png")
        ]
        # a resend after a lost answer (a crash, a timeout) doubles nothing
        fw.thumbnail_after = 0
        assert fw.send_thumbnails() == 0
        assert len(stored(office.dsn)) == 1
        with psycopg.connect(office.dsn) as c:
            cursor = c.execute(
                "SELECT thumbnail_cursor FROM agents WHERE agent_id = %s", (cred.agent_id,)
            ).fetchone()[0]  # type: ignore[index]
        assert cursor == 6 and fw.thumbnail_after == 6
    finally:
        fw.close()
    pk = server_pk(office.dsn, cred.agent_id, rid)
    with client(office) as c:
        assert c.get(f"/item/{pk}/thumbnail").status_code == 303  # logged out: the login page
        login(c)
        page = c.get(f"/item/{pk}")
        assert f'src="/item/{pk}/thumbnail"' in page.text
        r = c.get(f"/item/{pk}/thumbnail")
        assert r.status_code == 200 and r.content == local
        assert r.headers["content-type"] == "image/png"
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert all(raw not in page.text for raw in photo["raw"])
        c.post("/logout", data={"csrf": csrf_of(page.text)})
        r = c.get(f"/item/{pk}/thumbnail")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        login(c, "admin")
        assert "缩略图上传：已开启" in c.get("/admin/policy").text


def test_a_running_agent_forwards_its_flagged_photos_thumbnail(
    office: ThreadServer, photo, tmp_path: Path
) -> None:
    """The real agent (`shareguard run`) judges a photo dropped in its watched folder, renders
    the thumbnail in its worker, forwards the row and then the picture, byte for byte."""
    upload(office.dsn, ON)
    home = tmp_path / "pc"
    watched = home / "Desktop"
    watched.mkdir(parents=True)
    cfg = write_config(home / "config.toml", data_dir=home / "data", watch=[watched], mode="audit")
    cred = enroll(office.token(), load_config(cfg))
    set_fleet_server(cfg, cred.url)
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share")}  # fmt: skip
    agent = AgentProcess(cfg, env=env, log=home / "agent.log")
    try:
        agent.wait_ready(home / "data" / "agent-state.json", timeout=120)
        shutil.copy(photo["path"], watched / "交办单.jpg")
        got = wait_for(lambda: stored(office.dsn), timeout=120, interval=0.2)
        (row,) = log_rows(home / "data")
        assert row["verdict"] == "flagged" and row["thumbnail"], agent.output()
        local = (home / "data" / "thumbnails" / row["thumbnail"]).read_bytes()
        assert got == [
            (cred.agent_id, row["id"], hashlib.sha256(local).hexdigest(), local, "image/png")
        ]
    finally:
        agent.stop()


def test_turned_off_again_nothing_more_is_sent(office: ThreadServer, photo, tmp_path) -> None:
    config, cred = enrolled(office, tmp_path, "pc1")
    first, _ = add_photo_row(config, photo)
    upload(office.dsn, ON)
    fw = Forwarder(config, cred, heartbeat_s=0)  # a heartbeat every round: the policy news
    try:
        fw.sync()
        assert [r[1] for r in stored(office.dsn)] == [first]
        upload(office.dsn, OFF)
        add_photo_row(config, photo, name="second.png")
        assert fw.sync() == 1
        assert fw.thumbnails_wanted is False and fw.forwards_thumbnails() is False
        assert [r[1] for r in stored(office.dsn)] == [first]
    finally:
        fw.close()


def test_a_missing_thumbnail_file_is_skipped_and_its_row_still_forwards(
    office: ThreadServer, photo, tmp_path: Path
) -> None:
    config, cred = enrolled(office, tmp_path, "pc1")
    upload(office.dsn, ON)
    gone, gone_file = add_photo_row(config, photo, name="gone.png")
    kept, _ = add_photo_row(config, photo, name="kept.png")
    gone_file.unlink()
    # a name pointing outside the thumbnails folder is never read (only what the log names,
    # inside that folder, leaves the PC)
    secret = tmp_path / "original.png"
    shutil.copy(photo["thumb"], secret)
    with Store.open(config) as st:
        outside = st.append_verdict(photo["verdict"], action="log", thumbnail=str(secret))
    fw = Forwarder(config, cred)
    try:
        assert fw.sync() == 3
        assert [r[1] for r in stored(office.dsn)] == [kept]
        with psycopg.connect(office.dsn) as c:
            rows = c.execute(
                "SELECT row_id FROM verdicts WHERE agent_id = %s ORDER BY 1", (cred.agent_id,)
            ).fetchall()
        assert [r[0] for r in rows] == [gone, kept, outside]
        assert fw.thumbnail_after == outside
    finally:
        fw.close()


def _png(w: int, h: int) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (w, h), 255).save(buf, format="PNG")
    return buf.getvalue()


def test_oversized_non_image_and_unknown_row_uploads_are_refused_with_a_reason(
    office: ThreadServer, photo, tmp_path: Path
) -> None:
    config, cred = enrolled(office, tmp_path, "pc1")
    upload(office.dsn, ON)
    rid, thumb = add_photo_row(config, photo)
    fw = Forwarder(config, cred)
    fw.heartbeat()
    fw.thumbnails_wanted = False  # rows only: the uploads below are made by hand
    for stream in ("verdicts", "events"):
        fw.send(stream)
    fw.close()
    good = thumb.read_bytes()
    big = good[:64] + os.urandom(600 * 1024)
    truncated = good[: len(good) // 2]
    cases = {
        "too large": item(rid, big),
        "not a PNG or JPEG": item(rid, b"<svg onload=alert(1)>"),
        "5000x5000 pixels": item(rid, _png(5000, 5000)),
        "damaged image": item(rid, truncated),
        "sha256 does not match": item(rid, good, sha="0" * 64),
        "has not got this row": item(rid + 1, good),
    }
    api = Client(cred.url, pinned_context(cred.ca_pem), f"{cred.agent_id}:{cred.agent_key}")
    try:
        for reason, it in cases.items():
            status, raw = api.request("POST", "/api/v1/thumbnails", {"items": [it]})
            assert status == 200, raw
            res = httpx.Response(200, content=raw).json()
            assert res["stored"] == 0 and len(res["refused"]) == 1, res
            assert reason in res["refused"][0]["error"], (reason, res)
        assert stored(office.dsn) == []
        # a request over the size cap is refused before it is read; no credential, no entry
        status, raw = api.request("POST", "/api/v1/thumbnails", {"items": [item(rid, good)] * 9})
        assert status == 400 and b"more than 8" in raw
        anon = Client(cred.url, pinned_context(cred.ca_pem))
        status, _ = anon.request("POST", "/api/v1/thumbnails", {"items": [item(rid, good)]})
        anon.close()
        assert status == 401
        # the real thumbnail still goes in afterwards
        status, raw = api.request("POST", "/api/v1/thumbnails", {"items": [item(rid, good)]})
        assert status == 200 and re.search(rb'"stored":\s*1', raw), raw
    finally:
        api.close()
    assert [r[3] for r in stored(office.dsn)] == [good]


def test_a_thumbnail_backlog_never_holds_new_rows_up(
    office: ThreadServer, photo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Turned on over many old rows, the thumbnails go a round's worth at a time (here one
    request) and every round sends the new rows first."""
    import agent.forward

    monkeypatch.setattr(agent.forward, "THUMBNAIL_ROUND_S", 0.0)
    config, cred = enrolled(office, tmp_path, "pc1")
    ids = [add_photo_row(config, photo, name=f"p{i}.png")[0] for i in range(20)]
    upload(office.dsn, ON)
    fw = Forwarder(config, cred)
    try:
        assert fw.sync() == 20
        assert [r[1] for r in stored(office.dsn)] == ids[:8] and fw.thumbnails_behind
        fill_log(config, 1, start=100)
        assert fw.sync() == 1  # the new row went before the rest of the backlog
        assert [r[1] for r in stored(office.dsn)] == ids[:16] and fw.thumbnails_behind
        fw.sync()
        assert [r[1] for r in stored(office.dsn)] == ids and not fw.thumbnails_behind
        assert fw.thumbnail_after == 21
    finally:
        fw.close()
