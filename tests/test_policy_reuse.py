"""Verdicts follow the policy in force: an allowlist phrase matches content only, a verdict is
reused only under the same policy version, an `unreadable` is never reused, and the running agent
reloads its policy when the file changes (an event in the log)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from agent_helpers import AgentProcess, log_rows, wait_for, write_config
from faker import Faker

from agent.config import load_config
from agent.daemon import Judge
from agent.extract import extract_in_process
from agent.queue import Queue
from agent.review.allowlist import Entry, save
from agent.store import Store
from detectors.model import Decision, Verdict
from policies import load_policy

PHRASE = "本局政务公开专用模板"


def _roster(seed: int, title: str = "重点人员排查名单") -> str:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rows = [title, "序号,姓名,身份证号,手机号,住址"]
    rows += [
        f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()},{fake.address()}"
        for i in range(1, 9)
    ]
    return "\n".join(rows) + "\n"


def _events(data: Path, kind: str) -> list[dict]:
    con = sqlite3.connect(f"file:{data / 'log.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute("SELECT * FROM events WHERE kind=?", (kind,))]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def test_allowlist_phrase_matches_content_not_the_file_name(tmp_path: Path) -> None:
    ext = tmp_path / "org.yaml"
    ext.write_text(f'allowlist:\n  phrases: ["{PHRASE}"]\n', encoding="utf-8")
    policy = load_policy([ext])
    cfg = load_config(None)
    renamed = tmp_path / f"{PHRASE}_名单.csv"
    renamed.write_text(_roster(1), encoding="utf-8")
    v = policy.evaluate(extract_in_process(renamed, cfg))
    assert v.decision is Decision.FLAGGED and not v.allowlisted, "renaming must not bypass"
    inside = tmp_path / "名单.csv"
    inside.write_text(_roster(1, title=PHRASE), encoding="utf-8")
    v = policy.evaluate(extract_in_process(inside, cfg))
    assert v.decision is Decision.CLEAN and v.allowlisted == f"phrase:{PHRASE}"


def test_policy_version_is_a_hash_of_the_effective_pack(tmp_path: Path) -> None:
    ext = tmp_path / "org.yaml"
    ext.write_text(f'allowlist:\n  phrases: ["{PHRASE}"]\n', encoding="utf-8")
    assert load_policy().version == load_policy().version
    assert load_policy([ext]).version != load_policy().version
    ext.write_text(f'allowlist:\n  phrases: ["{PHRASE}", "另一个"]\n', encoding="utf-8")
    assert load_policy([ext]).version != load_policy().version


def test_an_unreadable_verdict_is_not_reused_for_a_copy(tmp_path: Path, scanner) -> None:
    """A timeout logged under load must not stick to the content for ever."""
    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text(f'mode = "audit"\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    config = load_config(cfg_path)
    f = tmp_path / "名单.csv"
    f.write_text(_roster(5), encoding="utf-8")
    from agent.files import sha256_file

    sha = sha256_file(f)
    policy = scanner.policy
    queue = Queue(config.queue_path)
    with Store.open(config) as store:
        store.append_verdict(
            Verdict(
                path=str(tmp_path / "earlier.csv"),
                decision=Decision.UNREADABLE,
                error="reading took longer than 120 s; stopped",
                error_kind="timeout",
                sha256=sha,
            ),
            policy_version=policy.version,
        )
        judge = Judge(config, store, queue, policy=lambda: policy, scanner=lambda: scanner)
        queue.put(str(f))
        item = queue.claim()
        judge.process(item)
        row = store.query(limit=1)[0]
        assert row.verdict == "flagged" and row.sha256 == sha
        assert row.policy_version == policy.version
    queue.close()


def test_a_policy_edit_while_the_agent_runs_changes_the_next_verdict(tmp_path: Path) -> None:
    """A SHA-256 allowlisted in the console does not alert for a copy under a new name (nor for
    the same file touched again); a reload is an event; a broken edit keeps the old policy."""
    watched, data = tmp_path / "Downloads", tmp_path / "data"
    watched.mkdir()
    org = tmp_path / "org.yaml"
    org.write_text(f'allowlist:\n  phrases: ["{PHRASE}"]\n', encoding="utf-8")
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], policy=[org])
    config = load_config(cfg)
    before = load_policy([org]).version
    agent = AgentProcess(cfg, log=tmp_path / "agent.log")
    try:
        agent.wait_ready(data / "agent-state.json")
        a = watched / "名单.csv"
        a.write_text(_roster(11), encoding="utf-8")
        (first,) = wait_for(lambda: log_rows(data), 30)
        assert first["verdict"] == "flagged" and first["policy_version"] == before
        # the renamed-file bypass: the phrase only in the name changes nothing
        renamed = watched / f"{PHRASE}.csv"
        renamed.write_text(_roster(12), encoding="utf-8")
        wait_for(lambda: len(log_rows(data)) == 2, 30)
        assert log_rows(data)[-1]["verdict"] == "flagged"
        # security staff allowlist the first file's content in the console
        save(config, Entry("sha256", first["sha256"], reason="public template", reviewer="sec"))
        after = load_policy([org]).version
        assert after != before
        (ev,) = wait_for(lambda: _events(data, "reload"), 15)
        assert after in ev["data"] and before in ev["data"]
        shutil.copyfile(a, watched / "名单-副本.csv")
        wait_for(lambda: len(log_rows(data)) == 3, 30)
        copy = log_rows(data)[-1]
        assert copy["verdict"] == "clean" and copy["action"] == "log"
        assert copy["policy_version"] == after
        a.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")  # saved again, same bytes
        wait_for(lambda: len(log_rows(data)) == 4, 30)
        assert log_rows(data)[-1]["verdict"] == "clean", "the same file is judged again"
        # a broken edit: logged, and the policy in force stays
        org.write_text(org.read_text(encoding="utf-8") + "categories: [oops\n", encoding="utf-8")
        wait_for(lambda: _events(data, "reload_failed"), 15)
        shutil.copyfile(a, watched / "名单-副本2.csv")
        wait_for(lambda: len(log_rows(data)) == 5, 30)
        assert log_rows(data)[-1]["verdict"] == "clean"
        assert log_rows(data)[-1]["policy_version"] == after
    finally:
        assert agent.stop() == 0, agent.output()
    with Store.open(config) as store:
        assert store.verify().ok
