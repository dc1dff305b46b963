"""Thumbnails are made in the extraction worker, from the bytes that were judged; a crash there
costs the picture, not the agent; and an item the agent keeps dying on is given up on."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from agent_helpers import AgentProcess, log_rows, wait_for, write_config
from faker import Faker

from agent.config import load_config
from agent.daemon import Judge
from agent.daemon.judge import MAX_ATTEMPTS
from agent.queue import Queue
from agent.store import LogFilter, Store
from tests.docgen.doc import Doc
from tests.docgen.render import write

ROOT = Path(__file__).resolve().parents[1]


def _order_photo(path: Path, seed: int = 3) -> Path:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    order = Doc(
        title="信访事项交办单",
        preamble=["秘密★1年", "交办编号：〔2026〕第0147号"],
        paragraphs=[
            f"反映人：{fake.name()}，身份证号：{fake.ssn()}，联系电话：{fake.phone_number()}。",
            "反映事项：要求解决拖欠工程款问题。",
            "请于2026年12月10日前将办理结果书面报送县信访局。",
        ],
        closing=["县信访局（印）", "2026年11月20日"],
        label="control_order",
    )
    return write(order, path, "photo", seed=seed)


CALLER = """
import json, sys
from pathlib import Path
from agent.config import load_config
from agent.pipeline import Scanner
from policies import load_policy

config = load_config(sys.argv[1])
photo, out = Path(sys.argv[2]), Path(sys.argv[3])
with Scanner(config, load_policy()) as scanner:
    extraction, verdict = scanner.scan_detailed(photo)
    first = scanner.thumbnail(photo, extraction, verdict, out)
    photo.write_bytes(photo.read_bytes() + b"changed")  # no longer what was judged
    second = scanner.thumbnail(photo, extraction, verdict, out)
    restarts = scanner.extractor.restarts
print(json.dumps({
    "verdict": verdict.decision.value,
    "first": first,
    "second": second,
    "restarts": restarts,
    "imaging_in_caller": sorted(m for m in ("PIL", "pypdfium2") if m in sys.modules),
}))
"""


def _call(config_file: Path, photo: Path, out: Path, env: dict[str, str] | None = None) -> dict:
    r = subprocess.run(
        [sys.executable, "-c", CALLER, str(config_file), str(photo), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=240,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_the_worker_makes_the_thumbnail_from_the_judged_bytes(
    config_file: Path, tmp_path: Path
) -> None:
    photo = _order_photo(tmp_path / "交办单.jpg")
    out = tmp_path / "thumbs"
    got = _call(config_file, photo, out)
    assert got["verdict"] == "flagged"
    assert got["first"] and (out / got["first"]).is_file()
    assert stat.S_IMODE((out / got["first"]).stat().st_mode) == 0o600
    assert got["second"] is None, "changed bytes: no picture of other content"
    assert got["imaging_in_caller"] == [], "the caller never decodes the file itself"


def test_a_thumbnail_crash_in_the_worker_costs_only_the_picture(
    config_file: Path, tmp_path: Path
) -> None:
    photo = _order_photo(tmp_path / "交办单.jpg")
    got = _call(
        config_file, photo, tmp_path / "thumbs", env={"SHAREGUARD_FAULT": "thumbnail-abort"}
    )
    assert got["verdict"] == "flagged"
    assert got["first"] is None and got["restarts"] >= 1


def test_the_agent_survives_a_thumbnail_crash(tmp_path: Path) -> None:
    watched, data = tmp_path / "Downloads", tmp_path / "data"
    watched.mkdir()
    cfg = write_config(tmp_path / "c.toml", data_dir=data, watch=[watched], mode="audit")
    agent = AgentProcess(
        cfg, env={"SHAREGUARD_FAULT": "thumbnail-abort"}, log=tmp_path / "agent.log"
    )
    try:
        agent.wait_ready(data / "agent-state.json")
        _order_photo(watched / "交办单.jpg")
        (row,) = wait_for(lambda: log_rows(data), 120)
        assert row["verdict"] == "flagged" and row["thumbnail"] is None
        (watched / "通知.txt").write_text("关于召开年度总结会议的通知\n请各科室准时参加。\n")
        wait_for(lambda: len(log_rows(data)) == 2, 60)
        assert agent.proc.poll() is None, "the agent is still running"
    finally:
        assert agent.stop() == 0, agent.output()


def test_an_item_the_agent_keeps_dying_on_is_given_up_with_an_unreadable_row(
    tmp_path: Path, scanner
) -> None:
    """Each claim that never reached the log (the agent died reading it: `recover` releases it)
    counts; after MAX_ATTEMPTS the file is logged `unreadable` instead of read again."""
    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text(f'mode = "audit"\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    config = load_config(cfg_path)
    f = tmp_path / "坏文件.txt"
    f.write_text("会让读取进程崩溃的文件（模拟）\n", encoding="utf-8")
    queue = Queue(config.queue_path)
    try:
        with Store.open(config) as store:
            policy = scanner.policy
            judge = Judge(config, store, queue, policy=lambda: policy, scanner=lambda: scanner)
            queue.put(str(f))
            for _ in range(MAX_ATTEMPTS):
                item = queue.claim()
                queue.start_scan(item, None, store.head_id())
                assert judge.recover() == 0  # the agent restarted: released, not finished
            item = queue.claim()
            assert item.attempts == MAX_ATTEMPTS + 1
            judge.process(item)
            (row,) = store.query(LogFilter(verdicts=()), limit=None)
            assert row.verdict == "unreadable" and row.error_kind == "failed"
            assert str(MAX_ATTEMPTS) in row.error
            assert len(queue) == 0, "not retried forever"
    finally:
        queue.close()


def test_a_thumbnail_not_waited_for_is_named_at_once_made_by_the_worker_and_out_of_the_way(
    tmp_path: Path,
) -> None:
    """`check` does not wait for the picture: the name comes back at once, the worker makes the
    file, its reply does not get in the way of the next file, and a stop right after the request
    still leaves the picture made."""
    from agent.extract.thumbnail import thumbnail_name
    from agent.pipeline import Scanner
    from policies import load_policy

    photo = _order_photo(tmp_path / "交办单.jpg")
    notice = Doc(title="周末图书馆开放时间", paragraphs=["上午九点开放。"])
    other = write(notice, tmp_path / "a.docx", "docx")
    out = tmp_path / "thumbs"
    config = load_config(write_config(tmp_path / "c.toml", data_dir=tmp_path / "data", watch=[]))
    scanner = Scanner(config, load_policy())
    try:
        extraction, verdict = scanner.scan_detailed(photo)
        name = scanner.thumbnail(photo, extraction, verdict, out, wait=False)
        assert name and name == thumbnail_name(extraction, verdict)
        assert "周末图书馆" in scanner.extractor.extract(other).text()  # the reply was dropped
        wait_for((out / name).is_file, timeout=30)
        (out / name).unlink()
        again = scanner.thumbnail(photo, extraction, verdict, out, wait=False)
        assert again == name
    finally:
        scanner.close(wait=False)
    wait_for((out / name).is_file, timeout=30)
    assert stat.S_IMODE((out / name).stat().st_mode) == 0o600
