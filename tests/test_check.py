"""`shareguard check` as a person uses it: from a terminal and from a file manager (no TTY)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from faker import Faker

from tests.agent_helpers import (
    SHAREGUARD,
    NotificationServer,
    log_rows,
    session_bus,
    wait_for,
    write_config,
)

CLASSIFIED = "关于做好近期重点工作的通知\n秘密★1年\n各科室：\n请按要求落实。\n"
CLEAN = "周末社区图书馆开放时间调整为上午九点至下午五点，欢迎居民前来借阅。\n"


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    data = tmp_path / "data"
    cfg = write_config(tmp_path / "config.toml", data_dir=data, watch=[tmp_path])
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "通知.txt").write_text(CLASSIFIED, encoding="utf-8")
    (docs / "开放时间.txt").write_text(CLEAN, encoding="utf-8")
    fake = Faker("zh_CN")
    Faker.seed(6)
    ids = [fake.ssn() for _ in range(8)]
    rows = ["序号,姓名,身份证号,联系电话,现住址"]
    rows += [
        f"{i},{fake.name()},{pid},{fake.phone_number()},{fake.address()}"
        for i, pid in enumerate(ids, 1)
    ]
    (docs / "排查名单.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    return {"cfg": cfg, "data": data, "docs": docs, "ids": tmp_path / "ids.json"}


def check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SHAREGUARD), "check", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def no_bus_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "no-runtime")
    return env


def test_flagged_file_explained_like_the_agent_and_logged(setup, tmp_path: Path) -> None:
    doc = setup["docs"] / "通知.txt"
    r = check("--config", str(setup["cfg"]), "--no-notify", str(doc))
    assert r.returncode == 1, r.stdout + r.stderr
    assert str(doc) in r.stdout
    assert "涉密标识文件" in r.stdout  # category name, as in the agent's alert
    assert "秘密★1年" in r.stdout  # the evidence
    assert "请勿外发" in r.stdout  # the agent's advice
    rows = log_rows(setup["data"])
    assert len(rows) == 1
    assert rows[0]["action"] == "check" and rows[0]["verdict"] == "flagged"
    assert rows[0]["path"] == str(doc)


def test_clean_file_exits_0_and_is_logged_as_clean(setup) -> None:
    doc = setup["docs"] / "开放时间.txt"
    r = check("--config", str(setup["cfg"]), "--no-notify", str(doc))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "未发现敏感内容" in r.stdout
    assert [row["verdict"] for row in log_rows(setup["data"])] == ["clean"]


def test_missing_file_is_an_error_and_flagged_wins_over_it(setup) -> None:
    missing = setup["docs"] / "没有这个文件.docx"
    r = check("--config", str(setup["cfg"]), "--no-notify", str(missing))
    assert r.returncode == 2
    assert "无法检查" in r.stdout
    both = check("--config", str(setup["cfg"]), "--no-notify", str(missing), str(setup["docs"]))
    assert both.returncode == 1


def test_roster_is_flagged_and_no_raw_id_reaches_output_or_log(setup) -> None:
    ids = json.loads(setup["ids"].read_text(encoding="utf-8"))
    r = check("--config", str(setup["cfg"]), "--no-notify", str(setup["docs"] / "排查名单.csv"))
    assert r.returncode == 1, r.stdout
    assert "排查人员名单" in r.stdout
    db = b"".join(p.read_bytes() for p in setup["data"].glob("log.sqlite3*"))
    for pid in ids:
        assert pid not in r.stdout and pid not in r.stderr
        assert pid.encode() not in db


def test_folder_and_json_format(setup) -> None:
    r = check("--config", str(setup["cfg"]), "--no-notify", "--format", "json", str(setup["docs"]))
    assert r.returncode == 1
    verdicts = {Path(v["path"]).name: v["verdict"] for v in json.loads(r.stdout)}
    assert verdicts == {"通知.txt": "flagged", "开放时间.txt": "clean", "排查名单.csv": "flagged"}


def test_from_a_file_manager_the_answer_is_a_desktop_notification(setup, tmp_path: Path) -> None:
    got = tmp_path / "notifications.jsonl"
    with session_bus() as address, NotificationServer(address, got) as server:
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
        # stdout is a pipe here, as when a file manager runs the .desktop entry
        r = check(
            "--config",
            str(setup["cfg"]),
            str(setup["docs"] / "通知.txt"),
            str(setup["docs"] / "开放时间.txt"),
            env=env,
        )
        assert r.returncode == 1, r.stdout + r.stderr
        received = server.received()
        silent = check("--config", str(setup["cfg"]), "--no-notify", str(setup["docs"]), env=env)
        assert silent.returncode == 1
        assert len(server.received()) == len(received)  # --no-notify sent nothing
    summaries = [n["summary"] for n in received]
    bodies = "\n".join(n["body"] for n in received)
    assert len(received) == 2, received
    assert any(s.startswith("涉密标识文件：") for s in summaries)  # the type leads
    assert any("未发现敏感内容" in s for s in summaries)
    assert "通知.txt" in bodies and "开放时间.txt" in bodies


def test_without_a_notification_service_the_terminal_answer_still_comes(
    setup, tmp_path: Path
) -> None:
    r = check(
        "--config",
        str(setup["cfg"]),
        "--notify",
        str(setup["docs"] / "通知.txt"),
        env=no_bus_env(tmp_path),
    )
    assert r.returncode == 1
    assert "涉密标识文件" in r.stdout


def test_flagged_photo_is_logged_with_a_private_thumbnail(setup, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 40)
    img = Image.new("RGB", (1000, 360), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(["秘密★1年", "关于做好近期重点工作的通知", "各科室：请按要求落实。"]):
        draw.text((60, 50 + i * 90), line, font=font, fill="black")
    photo = tmp_path / "通知.png"
    img.save(photo)
    r = check("--config", str(setup["cfg"]), "--no-notify", str(photo))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "涉密标识文件" in r.stdout
    (row,) = log_rows(setup["data"])
    assert row["action"] == "check" and row["thumbnail"]
    # check answers without waiting for the picture: its worker finishes it after
    thumb = setup["data"] / "thumbnails" / row["thumbnail"]
    wait_for(thumb.is_file, timeout=30)
    assert thumb.stat().st_mode & 0o077 == 0


def test_only_files_that_may_hold_pictures_warm_the_ocr_model(tmp_path: Path) -> None:
    """Without an agent, `check` loads the OCR model ahead only for files that may need it, told
    by content: a text file's check does not pay for it, a picture named .txt still does."""
    from PIL import Image

    from agent.commands.check import may_need_ocr
    from tests.docgen.render import sample_doc, write

    text = tmp_path / "通知.txt"
    text.write_text("关于做好近期重点工作的通知\n各科室：请按要求落实。\n", encoding="utf-8")
    table = tmp_path / "名单.csv"
    table.write_text("姓名,电话\n张三,13800000000\n", encoding="utf-8")
    picture = tmp_path / "截图.txt"
    Image.new("RGB", (40, 20), "white").save(picture, format="PNG")
    docx = write(sample_doc(seed=3, rows=2), tmp_path / "a.docx", "docx")
    assert not may_need_ocr(text) and not may_need_ocr(table)
    assert may_need_ocr(picture) and may_need_ocr(docx)
    assert may_need_ocr(tmp_path / "gone.png")  # unreadable: the scan reports it
