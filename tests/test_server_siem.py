"""SIEM export: flagged verdicts as CEF in RFC 5424 syslog over UDP and TCP (RFC 6587 octet
counting) to listeners on loopback, and as JSON Lines; a cursor sends each row once."""

from __future__ import annotations

import json
import re
import socket
import stat
import threading
from pathlib import Path

import pytest

from agent.config import load_config
from agent.forward import Forwarder, enroll, set_fleet_server
from tests.server_helpers import ThreadServer, agent_config, cli, fill_log

SYSLOG = re.compile(
    r"^<(?P<pri>\d+)>1 (?P<ts>\S+Z) (?P<host>\S+) shareguard (?P<pid>\d+) flagged -"
    r" \ufeff(?P<msg>.*)$",
    re.S,
)


@pytest.fixture
def office(pg_dsn: str, tmp_path: Path):
    srv = ThreadServer(pg_dsn, tmp_path / "state").start()
    cfg_path = agent_config(tmp_path, "pc1")
    cred = enroll(srv.token(department="财务|科=1"), load_config(cfg_path))
    set_fleet_server(cfg_path, cred.url)
    config = load_config(cfg_path)
    fill_log(config, 9, flagged_every=3)  # 3 flagged, 6 clean
    Forwarder(config, cred).sync()
    yield srv, cred
    srv.stop()


def check_cef(msg: str, agent_id: str) -> dict[str, str]:
    head = re.split(r"(?<!\\)\|", msg, maxsplit=7)
    assert head[:4] == ["CEF:0", "shareguard", "shareguard", "0.1.0"]
    assert head[4] == "flagged:internal_material" and 0 <= int(head[6]) <= 10
    pairs = re.split(r" (?=\w+=)", head[7])
    ext = dict(re.split(r"(?<!\\)=", p, maxsplit=1) for p in pairs)
    assert ext["cs2"] == agent_id and ext["cs1"] == "internal_material"
    assert ext["cs5"] == "财务|科\\=1"  # '=' escaped in extension values; '|' needs no escape
    assert ext["fname"].startswith("/home/pc/Desktop/")
    return ext


def test_cef_over_udp_syslog_once_per_cursor(office) -> None:
    srv, cred = office
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(10)
    port = sock.getsockname()[1]
    r = cli("server", "siem", "--dsn", srv.dsn, "--syslog", f"udp://127.0.0.1:{port}")
    msgs = [sock.recv(65535).decode() for _ in range(3)]
    m = [SYSLOG.match(x) for x in msgs]
    assert all(m), msgs
    assert {x["pri"] for x in m} == {"84"}  # authpriv.warning
    row_ids = sorted(int(check_cef(x["msg"], cred.agent_id)["cn1"]) for x in m)
    assert row_ids == [1, 4, 7]
    assert "3" in r.stderr
    # the cursor remembers: a second run sends nothing new
    cli("server", "siem", "--dsn", srv.dsn, "--syslog", f"udp://127.0.0.1:{port}")
    sock.settimeout(1.0)
    with pytest.raises(TimeoutError):
        sock.recv(65535)
    sock.close()


def test_cef_over_tcp_syslog_with_octet_counting(office) -> None:
    srv, cred = office
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received = bytearray()

    def accept() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.extend(chunk)

    th = threading.Thread(target=accept)
    th.start()
    cli("server", "siem", "--dsn", srv.dsn, "--syslog", f"tcp://127.0.0.1:{port}",
        "--cursor", "tcp")  # fmt: skip
    th.join(10)
    server.close()
    frames, data = [], bytes(received)
    while data:
        n, _, rest = data.partition(b" ")
        frames.append(rest[: int(n)].decode())
        data = rest[int(n) :]
    assert len(frames) == 3
    for f in frames:
        m = SYSLOG.match(f)
        assert m, f
        check_cef(m["msg"], cred.agent_id)


def test_jsonl_file_export(office, tmp_path: Path) -> None:
    srv, cred = office
    out = tmp_path / "siem.jsonl"
    cli("server", "siem", "--dsn", srv.dsn, "--jsonl", str(out), "--cursor", "file")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["row_id"] for r in rows] == [1, 4, 7]
    assert all(r["agent_id"] == cred.agent_id and r["verdict"] == "flagged" for r in rows)
    cli("server", "siem", "--dsn", srv.dsn, "--jsonl", str(out), "--cursor", "file")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
