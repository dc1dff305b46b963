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
    from faker import Faker

    from agent.actions.alert_memory import AlertMemory
    from agent.actions.respond import AlertTarget, Responder

    srv = ThreadServer(pg_dsn, tmp_path / "state").start()
    sample = sample_verdicts()
    phone = Faker("zh_CN").phone_number()
    sample.raw_phones.append(phone)
    for i, dept in enumerate(("内科", "办公室")):
        cfg_path = agent_config(tmp_path, f"pc{i}")
        cred = enroll(srv.token(department=dept), load_config(cfg_path))
        set_fleet_server(cfg_path, cred.url)
        config = load_config(cfg_path)
        with Store.open(config) as st:
            ids = [
                st.append_verdict(v, **{**kw, "host": f"{kw.get('host', 'pc')}-{i}"})
                for v, kw in sample.verdicts
            ]
            first = st.get(ids[0])
        # the person at the PC sends the first file anyway, giving a reason with a phone number
        assert first is not None and first.verdict == "flagged"
        Responder(config, AlertMemory(None)).override(
            AlertTarget(first.id, first.path, first.path, first.sha256),
            f"客户急需 已电话确认 {phone}",
            via="page",
        )
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
        rows_table = one_host[one_host.index('id="rows"') :]
        hosts = set(re.findall(r"<td>(pc-office-[^<]+)</td>", rows_table))
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


def test_overrides_from_the_pcs_show_in_the_list_masked(office) -> None:
    srv, sample = office
    with client(srv) as c:
        login(c)
        page = c.get("/", params={"answer": "override"}).text
        ids = re.findall(r'<td><a href="/item/(\d+)">', page)
        assert len(ids) == 2  # one per PC
        assert page.count("客户急需 已电话确认") == 2
        assert "****" in page and not any(p in page for p in sample.raw_phones)
        # the per-PC answers table counts them, and links to the filtered list
        table = page[page.index('id="alert-counts"') :]
        assert table.count("answer=override&amp;host=") == 2
        everything = c.get("/", params={"verdict": "all"}).text
        assert everything.count("客户急需 已电话确认") == 2  # the answer column, unfiltered too


def test_a_false_positive_points_to_the_policy_pack_not_a_local_allowlist(office) -> None:
    srv, _ = office
    with client(srv) as c:
        login(c, "admin")
        page = c.get("/item/1")
        r = c.post("/item/1/mark", data={"status": "false_positive", "csrf": csrf_of(page.text)})
        assert r.status_code == 303
        detail = c.get("/item/1").text
        assert 'id="allowlist-elsewhere"' in detail and 'href="/admin/policy"' in detail
        assert "/item/1/allowlist" not in detail and 'name="reviewer"' not in detail
        assert c.get("/item/1/allowlist").status_code == 404
    with client(srv) as c:
        login(c, "li")  # a reviewer is told where it is done, without an admin link
        detail = c.get("/item/1").text
        assert 'id="allowlist-elsewhere"' in detail
        section = detail[detail.index('id="allowlist-elsewhere"') :]
        assert 'href="/admin/policy"' not in section.split("</section>")[0]


def test_pages_walk_a_big_list_by_keyset(pg_dsn: str, tmp_path: Path) -> None:
    from tests.server_helpers import fill_log

    srv = ThreadServer(pg_dsn, tmp_path / "state").start()
    try:
        cfg_path = agent_config(tmp_path, "pc")
        cred = enroll(srv.token(), load_config(cfg_path))
        set_fleet_server(cfg_path, cred.url)
        fill_log(load_config(cfg_path), 130)
        Forwarder(load_config(cfg_path), cred).sync()
        pw = tmp_path / "pw"
        pw.write_text(PASSWORD + "\n", encoding="utf-8")
        cli("server", "user", "add", "li", "--dsn", pg_dsn, "--password-file", str(pw))
        with client(srv) as c:
            login(c)
            seen: list[str] = []
            url, pages = "/", []
            while url:
                page = c.get(url).text
                pages.append(page)
                seen += re.findall(r'<td><a href="/item/(\d+)">', page)
                m = re.search(r'id="next-page" href="([^"]+)"', page)
                url = "/" + m.group(1).replace("&amp;", "&") if m else ""
            assert len(pages) == 3 and len(seen) == len(set(seen)) == 130
            assert "（130 条）" in pages[0]
            # and back: the previous page of page 3 is page 2
            m = re.search(r'id="prev-page" href="([^"]+)"', pages[2])
            assert m
            back = c.get("/" + m.group(1).replace("&amp;", "&")).text
            assert re.findall(r'<td><a href="/item/(\d+)">', back) == seen[50:100]
    finally:
        srv.stop()
