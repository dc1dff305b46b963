"""File names carry ID and mobile numbers (张三_4201…1234_排查.xlsx): the log stores them masked,
matches files by a keyed hash of the full path, and retention can blank them with the chain intact.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from agent_helpers import AgentProcess, log_rows, wait_for, write_config
from faker import Faker
from starlette.testclient import TestClient

from agent.actions.quarantine import restore
from agent.cli import main
from agent.config import load_config
from agent.retention import apply_retention
from agent.review.app import create_app
from agent.store import _MIGRATIONS, _VERDICT_FIELDS, GENESIS, Store, load_install_key
from detectors.model import CategoryScore, Decision, Evidence, Verdict

TOKEN = "path-privacy-token-0123"


def _identity(seed: int) -> tuple[str, str, str]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    return fake.name(), fake.ssn(), fake.phone_number()


def _flagged(path: str, sha: str = "ab" * 32) -> Verdict:
    ev = Evidence("identifiers", "resident_id", "4201**********1234", "r2 c3", 0.5)
    return Verdict(
        path=path,
        decision=Decision.FLAGGED,
        sha256=sha,
        size=10,
        media_type="text/csv",
        categories=(CategoryScore("screening_list", 0.9, 0.5, (ev,)),),
        error=f"note about {path}",
    )


def _dump(db: Path) -> str:
    """Every value in the database, WAL included (a read through SQLite)."""
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def _no_raw(text: str, *values: str) -> None:
    for v in values:
        assert v not in text, f"raw identifier {v[:4]}… leaked"


def test_stored_path_is_masked_and_matched_by_a_keyed_hash(tmp_path: Path) -> None:
    name, pid, mobile = _identity(1)
    raw = f"/home/u/下载/{name}_{pid}_{mobile}_排查（终稿）.xlsx"
    key = load_install_key(tmp_path / "install.key")
    with Store(tmp_path / "log.sqlite3", key) as store:
        vid = store.append_verdict(_flagged(raw), action="alert", mode="warn")
        row = store.get(vid)
        assert row.path == f"/home/u/下载/{name}_{pid[:4]}{'*' * 10}{pid[-4:]}_" + (
            f"{mobile[:3]}****{mobile[-4:]}_排查（终稿）.xlsx"
        ), "only the identifiers are masked; the rest keeps its spelling"
        assert store.same_path(row, raw)
        assert not store.same_path(row, raw.replace("排查", "名单"))
        assert store.verdict_after(0, raw, "ab" * 32) == vid
        assert store.verify().ok
    _no_raw(_dump(tmp_path / "log.sqlite3"), pid, mobile)
    # the hash is keyed per install: another install cannot test guesses against it
    with Store(tmp_path / "other.sqlite3", b"k" * 32) as other:
        assert other.path_hash(raw) != row.path_hash


def test_retention_blanks_paths_and_the_chain_still_verifies(tmp_path: Path) -> None:
    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[retention]\npath_days = 30\n', encoding="utf-8"
    )
    cfg = load_config(cfg_path)
    old = (datetime.now(UTC) - timedelta(days=40)).isoformat(timespec="milliseconds")
    with Store.open(cfg) as store:
        old_id = store.append_verdict(_flagged("/d/张三.xlsx"), time=old.replace("+00:00", "Z"))
        new_id = store.append_verdict(_flagged("/d/李四.xlsx"))
        apply_retention(cfg, store)
        assert store.get(old_id).path == "" and store.get(new_id).path == "/d/李四.xlsx"
        assert store.same_path(store.get(old_id), "/d/张三.xlsx"), "the keyed hash stays"
        assert store.verify().ok
        assert any(e.kind == "purge" and e.data.get("paths") == 1 for e in store.events())
        # a path may only be blanked, never rewritten
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("UPDATE verdicts SET path='/d/other.xlsx' WHERE id=?", (new_id,))
        # and a rewrite past the trigger is caught by verify
        store.db.execute("DROP TRIGGER verdicts_no_update")
        store.db.execute("UPDATE verdicts SET path='/d/other.xlsx' WHERE id=?", (new_id,))
        result = store.verify()
    assert not result.ok and f"path of row {new_id} was altered" in "\n".join(result.problems)
    assert main(["log", "verify", "--config", str(cfg_path)]) == 1


def test_log_written_before_masking_still_verifies_after_the_upgrade(tmp_path: Path) -> None:
    """A v2 log (raw paths chained as they are) opens, migrates and verifies; new rows are
    masked; retention leaves the old rows' paths alone (blanking them would break the chain)."""
    db_path, key = tmp_path / "log.sqlite3", b"s" * 32
    with Store(tmp_path / "scratch.sqlite3", key) as scratch:
        hash_row = scratch._hash  # the same keyed chain hash the v2 writer used
    con = sqlite3.connect(db_path)
    for v in (1, 2):
        con.executescript(_MIGRATIONS[v])
    con.execute("PRAGMA user_version = 2")
    values = dict.fromkeys(_VERDICT_FIELDS)
    values.update(
        time="2026-01-01T00:00:00.000Z",
        host="pc",
        user="u",
        path="/d/old_13812345678.xlsx",
        verdict="clean",
        categories="[]",
        evidence_hash=hashlib.sha256(b"[]").hexdigest(),
        action="log",
        mode="warn",
    )
    row_hash = hash_row(GENESIS, [values[f] for f in _VERDICT_FIELDS])
    con.execute(
        f"INSERT INTO verdicts ({', '.join(_VERDICT_FIELDS)}, evidence, prev_hash, row_hash)"
        f" VALUES ({', '.join('?' * (len(_VERDICT_FIELDS) + 3))})",
        [values[f] for f in _VERDICT_FIELDS] + ["[]", GENESIS, row_hash],
    )
    con.execute("UPDATE chain_head SET last_id=1, last_hash=? WHERE name='verdicts'", (row_hash,))
    con.commit()
    con.close()
    with Store(db_path, key) as store:
        assert store.verify().ok
        store.append_verdict(_flagged("/d/new_13912345678.xlsx"))
        assert store.purge_paths("2027-01-01T00:00:00.000Z") == 1
        assert store.verify().ok
        assert store.get(1).path == "/d/old_13812345678.xlsx"
        assert store.same_path(store.get(1), "/d/old_13812345678.xlsx")


def test_no_raw_identifier_in_the_log_its_outputs_or_the_console(tmp_path: Path, capsys) -> None:
    """The agent in block mode judges and quarantines a roster whose name holds an ID and a
    mobile number: neither appears in the database, `log list/show/export`, or console pages;
    restoring still puts the file back under its exact name."""
    name, pid, mobile = _identity(7)
    fake = Faker("zh_CN")
    fake.seed_instance(8)
    watched, data = tmp_path / "Downloads", tmp_path / "data"
    watched.mkdir()
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], mode="block")
    f = watched / f"{name}_{pid}_{mobile}_排查.csv"
    rows = ["序号,姓名,身份证号,手机号"] + [
        f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()}" for i in range(1, 9)
    ]
    content = ("\n".join(rows) + "\n").encode()
    agent = AgentProcess(cfg, log=tmp_path / "agent.log")
    try:
        agent.wait_ready(data / "agent-state.json")
        f.write_bytes(content)
        (row,) = wait_for(lambda: [r for r in log_rows(data) if r["sha256"]], 30)
        assert row["action"] == "quarantine"
        wait_for(lambda: not f.exists(), 10)
    finally:
        assert agent.stop() == 0, agent.output()
    _no_raw(_dump(data / "log.sqlite3"), pid, mobile)
    _no_raw((data / "agent-state.json").read_text(encoding="utf-8"), pid, mobile)
    capsys.readouterr()
    for argv in (
        ["log", "list", "--all"],
        ["log", "list", "--format", "jsonl"],
        ["log", "show", str(row["id"])],
        ["log", "show", str(row["id"]), "--format", "jsonl"],
        ["log", "export", "--format", "csv"],
        ["log", "export", "--format", "jsonl"],
    ):
        assert main([*argv, "--config", str(cfg)]) == 0
        out = capsys.readouterr().out
        assert re.search(r"\*{10}", out), argv
        _no_raw(out, pid, mobile)
    config = load_config(cfg)
    with TestClient(create_app(config, token=TOKEN, allowed_hosts=("testserver",))) as client:
        assert client.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
        for url in ("/?verdict=", f"/item/{row['id']}", "/export.csv", "/export.jsonl"):
            r = client.get(url)
            assert r.status_code == 200, url
            _no_raw(r.text, pid, mobile)
    with Store.open(config) as store:
        back = restore(store, row["id"], config)
        assert store.verify().ok
    assert back == f and f.read_bytes() == content
    _no_raw(_dump(data / "log.sqlite3"), pid, mobile)
