"""A file name with a newline and ANSI escapes must not forge a log line or take over the
security officer's terminal: `check`, `scan`, `log list` and `log show` print it as one escaped
line."""

from __future__ import annotations

from pathlib import Path

import pytest
from faker import Faker

from agent.cli import main
from agent.redact import terminal_safe

EVIL = "名单\x1b[31mRED\x1b[0m\n#99 2026 clean fake.txt"
TITLE = "x\x1b]0;pwned\x07\u202etxt.exe"  # OSC retitle, BEL, right-to-left override


def _roster(seed: int) -> str:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rows = ["序号,姓名,身份证号,手机号"]
    rows += [f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()}" for i in range(1, 9)]
    return "\n".join(rows) + "\n"


def _assert_one_escaped_line(out: str, marker: str = "RED") -> None:
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    lines = [ln for ln in out.splitlines() if marker in ln]
    assert lines, out
    for line in lines:  # `check` names the file twice (its path, then the alert's 文件：)
        assert "\\x1b[31mRED\\x1b[0m\\n#99 2026 clean fake.txt" in line
    assert not any(ln.startswith("#99") for ln in out.splitlines()), "a forged line"


def test_terminal_safe_escapes_controls_and_bidi_but_keeps_chinese() -> None:
    name = "关于开展排查工作的通知（终稿）　附件.docx"
    assert terminal_safe(name) == name
    assert terminal_safe(EVIL) == "名单\\x1b[31mRED\\x1b[0m\\n#99 2026 clean fake.txt"
    assert terminal_safe(TITLE) == "x\\x1b]0;pwned\\x07\\u202etxt.exe"
    assert terminal_safe("a\rb\tc\x9bd\u2028e") == "a\\rb\\tc\\x9bd\\u2028e"


@pytest.fixture
def evil_file(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    f = folder / EVIL
    f.write_text(_roster(3), encoding="utf-8")
    (folder / TITLE).write_text("普通的会议纪要，没有个人信息。\n", encoding="utf-8")
    return f


def test_check_and_log_print_an_evil_name_as_one_escaped_line(
    evil_file: Path, config_file: Path, capsys
) -> None:
    assert main(["check", "--no-notify", "--config", str(config_file), str(evil_file)]) == 1
    _assert_one_escaped_line(capsys.readouterr().out)
    assert main(["check", "--no-notify", "--config", str(config_file), str(evil_file.parent)]) == 1
    out = capsys.readouterr().out
    _assert_one_escaped_line(out)
    assert "x\\x1b]0;pwned\\x07\\u202etxt.exe" in out
    assert main(["log", "list", "--all", "--config", str(config_file)]) == 0
    out = capsys.readouterr().out
    assert len([ln for ln in out.splitlines() if "RED" in ln]) == 2  # two checks, two rows
    assert "\x1b" not in out and "\u202e" not in out
    assert not any(ln.startswith("#99") for ln in out.splitlines())
    assert main(["log", "show", "1", "--config", str(config_file)]) == 0
    _assert_one_escaped_line(capsys.readouterr().out)


def test_scan_prints_an_evil_name_as_one_escaped_line(
    evil_file: Path, config_file: Path, capsys
) -> None:
    assert main(["scan", "--config", str(config_file), str(evil_file.parent)]) == 1
    out = capsys.readouterr().out
    _assert_one_escaped_line(out)
    assert "x\\x1b]0;pwned\\x07\\u202etxt.exe" in out
