"""The central console over HTTPS on a real PostgreSQL: login (argon2id), sessions, CSRF,
roles, triage by the logged-in user, filters by host and department, PC health, and no raw
identifier on any page."""

from __future__ import annotations

import re
import ssl
from pathlib import Path

import httpx
import psycopg
import pytest

from agent.config import load_config
from agent.forward import Forwarder, enroll, set_fleet_server
from agent.store import Store
from tests.review_data import sample_verdicts
from tests.server_helpers import ThreadServer, agent_config, cli

PASSWORD = "审核员-correct-horse"


@pytest.fixture
def office(pg_dsn: str, tmp_path: Path):
    """A server with two PCs' logs forwarded (synthetic rows with raw IDs in file names), a
    reviewer and an admin."""
    srv = ThreadServer(pg_dsn, tmp_path / "state").start()
    sample = sample_verdicts()
    for i, dept in enumerate(("内科", "办公室")):
        cfg_path = agent_config(tmp_path, f"pc{i}")
        cred = enroll(srv.token(department=dept), load_config(cfg_path))
        set_fleet_server(cfg_path, cred.url)
        config = load_config(cfg_path)
        with Store.open(config) as st:
            for v, kw in sample.verdicts:
                st.append_verdict(v, **{**kw, "host": f"{kw.get('host', 'pc')}-{i}"})
        Forwarder(config, cred).sync()
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    cli("server", "user", "add", "li", "--role", "reviewer", "--dsn", pg_dsn,
        "--password-file", str(pw))  # fmt: skip
    cli("server", "user", "add", "admin", "--role", "admin", "--dsn", pg_dsn,
        "--password-file", str(pw))  # fmt: skip
    yield srv, sample
    srv.stop()


def client(srv: ThreadServer) -> httpx.Client:
    ctx = ssl.create_default_context(cadata=srv.ca_pem)
    return httpx.Client(base_url=srv.url, verify=ctx, follow_redirects=False, timeout=30)


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)


def login(c: httpx.Client, name: str = "li", password: str = PASSWORD) -> httpx.Response:
    page = c.get("/login")
    return c.post(
        "/login", data={"csrf": csrf_of(page.text), "username": name, "password": password}
    )


def test_every_page_needs_a_login_and_a_wrong_password_gets_nothing(office) -> None:
    srv, _ = office
    with client(srv) as c:
        for path in ("/", "/item/1", "/agents", "/breaks", "/export.jsonl", "/admin/policy"):
            r = c.get(path)
            assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
        r = login(c, password="wrong-password")
        assert r.headers["location"] == "/login?failed=1"
        assert c.get("/").status_code == 303
        r = login(c, name="nobody")
        assert r.headers["location"] == "/login?failed=1"
        # the login form itself needs its CSRF token
        r = c.post("/login", data={"username": "li", "password": PASSWORD})
        assert r.status_code == 403
        r = login(c)
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = next(k for k in c.cookies.jar if k.name == "sg_central")
        assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")
        assert c.get("/").status_code == 200
        # logging out ends the session on the server
        page = c.get("/")
        assert c.post("/logout", data={"csrf": csrf_of(page.text)}).status_code == 303
        assert c.get("/").status_code == 303


def test_triage_needs_csrf_and_records_who_did_it(office) -> None:
    srv, _ = office
    with client(srv) as c:
        login(c)
        page = c.get("/item/1")
        assert page.status_code == 200
        r = c.post("/item/1/mark", data={"status": "confirmed"})
        assert r.status_code == 403
        r = c.post("/item/1/mark", data={"status": "confirmed", "csrf": "x" * 40})
        assert r.status_code == 403
        r = c.post(
            "/item/1/mark",
            data={"status": "confirmed", "csrf": csrf_of(page.text), "reviewer": "冒名者",
                  "note": "已核实"},
            headers={"Origin": srv.url},
        )  # fmt: skip
        assert r.status_code == 303
        r = c.post(
            "/item/1/mark",
            data={"status": "ignored", "csrf": csrf_of(page.text)},
            headers={"Origin": "https://evil.example"},
        )
        assert r.status_code == 403
    with psycopg.connect(srv.dsn) as conn:
        assert conn.execute("SELECT status, reviewer FROM triage_state").fetchall() == [
            ("confirmed", "li")
        ]
        assert conn.execute("SELECT reviewer, note FROM triage_actions").fetchall() == [
            ("li", "已核实")
        ]
    with client(srv) as c:
        login(c)
        detail = c.get("/item/1").text
        assert "已核实" in detail and "冒名者" not in detail


def test_lists_filter_by_host_and_department_and_show_pc_health(office) -> None:
    srv, sample = office
    with client(srv) as c:
        login(c)
        everything = c.get("/", params={"verdict": "all"}).text
        n_all = len(re.findall(r'href="/item/\d+" title=', everything))
        assert n_all == 2 * len(sample.verdicts)
        one_dept = c.get("/", params={"verdict": "all", "department": "内科"}).text
        assert len(re.findall(r'href="/item/\d+" title=', one_dept)) == len(sample.verdicts)
        one_host = c.get("/", params={"verdict": "all", "host": "pc-office-1-0"}).text
        hosts = set(re.findall(r"<td>(pc-office-[^<]+)</td>", one_host))
        assert hosts == {"pc-office-1-0"}
        agents = c.get("/agents").text
        assert agents.count("<tr") == 3  # header + two PCs
        assert "内科" in agents and "办公室" in agents
        assert c.get("/agents", params={"silent": "1"}).text.count("<tr") == 1
        with psycopg.connect(srv.dsn) as conn:
            conn.execute(
                "UPDATE agents SET last_seen = now() - interval '2 hours' WHERE department = '内科'"
            )
        silent = c.get("/agents", params={"silent": "1"}).text
        assert silent.count("<tr") == 2 and "内科" in silent and "办公室" not in silent


def test_no_raw_identifier_on_any_page_or_export(office) -> None:
    srv, sample = office
    with client(srv) as c:
        login(c, "admin")
        pages = [c.get("/", params={"verdict": "all"}).text, c.get("/agents").text,
                 c.get("/breaks").text, c.get("/export.jsonl").text, c.get("/export.csv").text,
                 c.get("/admin/policy").text]  # fmt: skip
        for pk in range(1, 2 * len(sample.verdicts) + 1):
            r = c.get(f"/item/{pk}")
            assert r.status_code == 200
            pages.append(r.text)
        assert any("**********" in p for p in pages)  # masked IDs are shown
        for p in pages:
            for raw in sample.raw_values:
                assert raw not in p


def test_only_admins_manage_policy(office) -> None:
    srv, _ = office
    with client(srv) as c:
        login(c, "li")
        assert c.get("/admin/policy").status_code == 403
    with client(srv) as c:
        login(c, "admin")
        page = c.get("/admin/policy")
        assert page.status_code == 200
        bad = c.post("/admin/policy", data={"csrf": csrf_of(page.text), "body": "allowlist: [x"})
        assert bad.status_code == 200 and 'id="policy-error"' in bad.text
        good = c.post(
            "/admin/policy",
            data={"csrf": csrf_of(page.text), "body": "allowlist:\n  phrases: [公开招聘公告]\n"},
        )
        assert 'id="policy-saved"' in good.text
    with psycopg.connect(srv.dsn) as conn:
        assert conn.execute("SELECT version, uploaded_by FROM policies").fetchall() == [
            (1, "admin")
        ]


def test_several_worker_processes_share_logins(pg_dsn: str, tmp_path: Path) -> None:
    """`server run --workers 2`: a login page from one process, its form posted to another."""
    from tests.server_helpers import ServerProc

    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    cli("server", "user", "add", "li", "--dsn", pg_dsn, "--password-file", str(pw))
    srv = ServerProc(pg_dsn, tmp_path / "state", "--workers", "2").start()
    try:
        for _ in range(6):  # new connections: the kernel spreads them over both workers
            with client(srv) as c:  # type: ignore[arg-type]
                assert login(c).headers["location"] == "/"
                assert c.get("/agents").status_code == 200
    finally:
        srv.stop()
