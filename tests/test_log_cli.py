"""`shareguard log`: list, show, mark, export, verify on a real chained SQLite log."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from review_data import fill_store, sample_verdicts

from agent.cli import main
from agent.config import load_config
from agent.store import Store


@pytest.fixture
def filled(config_file: Path):
    sample = sample_verdicts()
    with Store.open(load_config(config_file)) as store:
        ids = fill_store(
            store,
            sample,
            times=[
                "2026-11-01T08:00:00.000Z",
                "2026-11-02T09:00:00.000Z",
                "2026-11-03T10:00:00.000Z",
                "2026-11-03T11:00:00.000Z",
                "2026-11-04T12:00:00.000Z",
            ],
        )
    return config_file, sample, ids


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_list_shows_flagged_by_default_and_all_adds_the_rest(filled, capsys):
    cfg, _sample, _ids = filled
    code, out, _ = run(capsys, "log", "list", "--config", str(cfg), "--format", "jsonl")
    assert code == 0
    rows = jsonl(out)
    assert {r["verdict"] for r in rows} == {"flagged"}
    assert len(rows) == 3
    for r in rows:
        for key in ("id", "time", "path", "sha256", "verdict", "categories", "action", "status"):
            assert key in r
    code, out, _ = run(capsys, "log", "--config", str(cfg), "list", "--all", "--format", "jsonl")
    assert {r["verdict"] for r in jsonl(out)} == {"flagged", "clean", "unreadable"}


def test_list_filters(filled, capsys):
    cfg, _, ids = filled
    base = ("log", "list", "--config", str(cfg), "--format", "jsonl")
    _, out, _ = run(capsys, *base, "--category", "control_order")
    assert [r["id"] for r in jsonl(out)] == [ids[1]]
    _, out, _ = run(capsys, *base, "--since", "2026-11-02", "--until", "2026-11-02")
    assert [r["id"] for r in jsonl(out)] == [ids[1]]
    _, out, _ = run(capsys, *base, "--host", "pc-office-1")
    assert sorted(r["id"] for r in jsonl(out)) == [ids[0], ids[2]]
    _, out, _ = run(capsys, *base, "--folder", "/home/wang")
    assert [r["id"] for r in jsonl(out)] == [ids[2]]
    _, out, _ = run(capsys, *base, "--mode", "block")
    assert [r["id"] for r in jsonl(out)] == [ids[1]]
    code, _, err = run(capsys, *base, "--since", "yesterday")
    assert code == 2 and err


def test_text_list_is_chinese_and_masks_identifiers_in_file_names(filled, capsys):
    cfg, sample, _ = filled
    code, out, _ = run(capsys, "log", "list", "--config", str(cfg))
    assert code == 0
    assert "排查人员名单" in out and "交办单_" in out
    for raw in sample.raw_values:
        assert raw not in out


def test_mark_records_triage_and_show_reports_it(filled, capsys):
    cfg, sample, ids = filled
    code, out, _ = run(
        capsys,
        "log",
        "mark",
        str(ids[1]),
        "--status",
        "false_positive",
        "--note",
        f"公开通报，联系 {sample.raw_phones[1]}",
        "--reviewer",
        "保密办王工",
        "--config",
        str(cfg),
    )
    assert code == 0, out
    _, out, _ = run(capsys, "log", "show", str(ids[1]), "--config", str(cfg), "--format", "jsonl")
    (row,) = jsonl(out)
    assert row["status"] == "false_positive"
    assert row["reviewer"] == "保密办王工"
    assert row["events"][-1]["kind"] == "triage"
    _, out, _ = run(
        capsys,
        "log",
        "list",
        "--config",
        str(cfg),
        "--status",
        "false_positive",
        "--format",
        "jsonl",
    )
    assert [r["id"] for r in jsonl(out)] == [ids[1]]
    _, text, _ = run(capsys, "log", "show", str(ids[1]), "--config", str(cfg))
    assert "误报" in text and "交办/督办类公文" in text
    for raw in sample.raw_values:
        assert raw not in out and raw not in text
    code, _, err = run(capsys, "log", "show", "999", "--config", str(cfg))
    assert code == 2 and "999" in err


def test_export_csv_and_jsonl_to_private_files_without_raw_identifiers(filled, capsys, tmp_path):
    cfg, sample, ids = filled
    out_csv = tmp_path / "out.csv"
    code, _, _ = run(capsys, "log", "export", "--config", str(cfg), "--all", "-o", str(out_csv))
    assert code == 0
    assert stat.S_IMODE(os.stat(out_csv).st_mode) == 0o600
    text = out_csv.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows] == ids
    assert rows[0]["categories"].startswith("screening_list:")
    assert "2113" in rows[0]["evidence"] or "****" in rows[0]["evidence"]
    code, out, _ = run(
        capsys,
        "log",
        "export",
        "--config",
        str(cfg),
        "--format",
        "jsonl",
        "--category",
        "screening_list",
    )
    assert [r["id"] for r in jsonl(out)] == [ids[0]]
    for raw in sample.raw_values:
        assert raw not in text and raw not in out


def test_verify_passes_then_catches_an_edited_row(filled, capsys):
    cfg, _, ids = filled
    code, out, _ = run(capsys, "log", "verify", "--config", str(cfg))
    assert code == 0 and "5" in out
    config = load_config(cfg)
    db = sqlite3.connect(config.log_path)
    db.execute("DROP TRIGGER verdicts_no_update")
    db.execute("UPDATE verdicts SET host = 'elsewhere' WHERE id = ?", (ids[2],))
    db.commit()
    db.close()
    code, out, _ = run(capsys, "log", "verify", "--config", str(cfg))
    assert code == 1
    assert f"row {ids[2]}" in out


def test_restore_without_a_quarantined_file_is_a_clear_error(filled, capsys):
    cfg, _, ids = filled
    code, _, err = run(capsys, "log", "restore", str(ids[0]), "--config", str(cfg))
    assert code == 2 and err.strip()


def test_english_switch(filled, capsys):
    cfg, _, ids = filled
    code, out, _ = run(capsys, "--lang", "en", "log", "show", str(ids[0]), "--config", str(cfg))
    assert code == 0 and "Screening list" in out


def test_csv_cells_cannot_become_spreadsheet_formulas(filled, capsys):
    cfg, _, ids = filled
    run(
        capsys,
        "log",
        "mark",
        str(ids[0]),
        "--status",
        "confirmed",
        "--note",
        '=HYPERLINK("http://x","y")',
        "--config",
        str(cfg),
    )
    _, out, _ = run(capsys, "log", "export", "--config", str(cfg), "--category", "screening_list")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["note"].startswith("'=")


def test_folder_filter_matches_the_folder_and_below_only(config_file, capsys):
    from detectors.model import CategoryScore, Decision, Verdict

    paths = [
        "/home/u/Desktop",
        "/home/u/Desktop/名单.xlsx",
        "/home/u/Desktop/sub/病历.pdf",
        "/home/u/Desktop2/x.docx",
        "/home/u/Desktop0/y.docx",
        "C:\\Users\\li\\Desktop\\交办单.docx",
    ]
    cats = (CategoryScore("screening_list", 0.9, 0.6),)
    with Store.open(load_config(config_file)) as store:
        ids = [store.append_verdict(Verdict(p, Decision.FLAGGED, cats)) for p in paths]
    base = ("log", "list", "--config", str(config_file), "--format", "jsonl")
    _, out, _ = run(capsys, *base, "--folder", "/home/u/Desktop/")
    assert sorted(r["id"] for r in jsonl(out)) == ids[:3]
    _, out, _ = run(capsys, *base, "--folder", "C:\\Users\\li")
    assert [r["id"] for r in jsonl(out)] == [ids[5]]
