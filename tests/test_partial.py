"""What was read is judged: a limit hit in one part of a file (a picture over the pixel limit,
a zip member, the pages after the time limit) skips that part with a warning, and the rest is
still judged; a file nothing could be judged of alerts; `scan` exits 2 on an unreadable file."""

from __future__ import annotations

import dataclasses
import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from faker import Faker

from agent.actions.alert import compose
from agent.cli import main
from agent.config import AlertConfig, Config, Limits, OcrConfig
from agent.daemon import actions_for
from agent.extract import extract_in_process
from agent.pipeline import Scanner
from detectors.model import Decision, Verdict
from policies import load_policy
from tests.docgen.render import sample_doc, write_pdf_pages


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height but holds almost no data (decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


BOMB = _png_header_only(60000, 60000)


@pytest.fixture(autouse=True)
def _chinese() -> None:
    """The texts checked here are the Chinese ones (another test may have switched to English)."""
    from agent import i18n

    i18n.set_language("zh_CN")


def _people(seed: int, n: int = 8) -> list[tuple[str, str, str]]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    return [(fake.name(), fake.ssn(), fake.phone_number()) for _ in range(n)]


def _report_docx(path: Path) -> Path:
    """An investigation-report .docx: a roster table in the body, and one pasted picture that
    declares 60000x60000 pixels."""
    import docx
    from docx.shared import Inches

    d = docx.Document()
    d.add_heading("关于重点人员排查情况的调查报告", 1)
    d.add_paragraph("经排查，现将有关人员情况报告如下：")
    people = _people(1)
    table = d.add_table(rows=1, cols=4)
    for cell, head in zip(
        table.rows[0].cells, ("序号", "姓名", "身份证号", "联系电话"), strict=True
    ):
        cell.text = head
    for i, (name, pid, phone) in enumerate(people, 1):
        for cell, value in zip(table.add_row().cells, (str(i), name, pid, phone), strict=True):
            cell.text = value
    d.add_picture(io.BytesIO(BOMB), width=Inches(1))
    d.save(path)
    return path


def _config(tmp_path: Path, **limits: object) -> Config:
    base = Config(data_dir=str(tmp_path / "data"))
    return dataclasses.replace(base, limits=dataclasses.replace(Limits(), **limits))


def test_docx_with_an_over_limit_picture_is_flagged_from_its_body_text(tmp_path: Path) -> None:
    f = _report_docx(tmp_path / "调查报告.docx")
    config = _config(tmp_path)
    with Scanner(config, load_policy()) as scanner:
        v = scanner.scan(f)
    assert v.decision is Decision.FLAGGED, v.error
    assert v.error_kind == "partial" and "word/media/image1.png" in v.error
    assert "pixel" in v.error


def test_check_shows_the_warning_beside_the_finding(tmp_path: Path, config_file: Path, capsys):
    f = _report_docx(tmp_path / "调查报告.docx")
    assert main(["check", "--no-notify", "--config", str(config_file), str(f)]) == 1
    out = capsys.readouterr().out
    assert "部分内容未能检查" in out and "word/media/image1.png" in out
    assert main(["log", "show", "1", "--config", str(config_file)]) == 0
    assert "word/media/image1.png" in capsys.readouterr().out


def test_zip_with_the_picture_beside_a_roster_is_flagged(tmp_path: Path) -> None:
    people = _people(2)
    csv = "序号,姓名,身份证号,手机号\n" + "".join(
        f"{i},{n},{p},{m}\n" for i, (n, p, m) in enumerate(people, 1)
    )
    f = tmp_path / "材料.zip"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("现场照片.png", BOMB)
        zf.writestr("名单.csv", csv.encode("utf-8"))
    with Scanner(_config(tmp_path), load_policy()) as scanner:
        v = scanner.scan(f)
    assert v.decision is Decision.FLAGGED
    assert v.error_kind == "partial" and "现场照片.png" in v.error


def test_a_long_pdf_that_reaches_the_time_limit_is_judged_on_the_pages_read(
    tmp_path: Path,
) -> None:
    doc = sample_doc()
    f = write_pdf_pages(doc, tmp_path / "long.pdf", pages=1500)
    whole = dataclasses.replace(
        _config(tmp_path, timeout_s=600, max_pages=5000), ocr=OcrConfig(engine="none")
    )
    t0 = time.monotonic()
    extract_in_process(f, whole)
    took = time.monotonic() - t0
    # a time limit whose soft deadline (80 %) falls half-way through this machine's reading
    half = dataclasses.replace(
        whole, limits=dataclasses.replace(whole.limits, timeout_s=took * 0.6)
    )
    e = extract_in_process(f, half)
    assert doc.identifiers[0] in e.text(), "the first pages were read and are judged"
    (w,) = [w for w in e.warnings if w.startswith("not_read:timeout:")]
    assert "pages" in w and "-1500" in w


def test_nothing_readable_is_still_unreadable_and_alerts_in_warn_mode(tmp_path: Path) -> None:
    f = tmp_path / "照片.png"
    f.write_bytes(BOMB)
    with Scanner(_config(tmp_path), load_policy()) as scanner:
        v = scanner.scan(f)
    assert v.decision is Decision.UNREADABLE and v.error_kind == "too_large"
    policy = load_policy()
    warn = Config(mode="warn")
    assert "alert" in actions_for(warn, policy, v)
    assert "alert" not in actions_for(Config(mode="audit"), policy, v)
    off = Config(mode="warn", alert=AlertConfig(alert_on_unreadable=False))
    assert "alert" not in actions_for(off, policy, v)
    unsupported = Verdict(path="/d/a.bin", decision=Decision.UNREADABLE, error_kind="unsupported")
    assert "alert" not in actions_for(warn, policy, unsupported)
    title, body = compose(v, str(f), warn)
    assert "未能检查" in title and "请自行确认后再发送" in body


def test_scan_exits_2_when_a_file_is_unreadable(tmp_path: Path, config_file: Path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "通知.txt").write_text("关于召开年度总结会议的通知\n", encoding="utf-8")
    assert main(["scan", "--config", str(config_file), str(folder)]) == 0
    (folder / "照片.png").write_bytes(BOMB)
    assert main(["scan", "--config", str(config_file), str(folder)]) == 2
    assert "照片.png" in capsys.readouterr().out
