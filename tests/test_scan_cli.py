"""`shareguard scan`: recursion, jsonl schema, text lines for people, exit codes, masking."""

from __future__ import annotations

import json
import os
import re

import pytest
from faker import Faker

from agent.cli import main
from tests.docgen.doc import Doc
from tests.docgen.render import write

fake = Faker("zh_CN")
fake.seed_instance(5)


def roster_doc() -> tuple[Doc, list[str]]:
    rows = [[fake.name(), fake.ssn(), fake.phone_number()] for _ in range(4)]
    doc = Doc(title="返乡人员名单", tables=[[["姓名", "身份证号", "联系电话"], *rows]])
    return doc, [r[1] for r in rows] + [r[2] for r in rows]


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "out"
    (root / "sub" / "deeper").mkdir(parents=True)
    doc, raw = roster_doc()
    write(doc, root / "sub" / "deeper" / "名单.xlsx", "xlsx")
    write(doc, root / "名单.csv", "csv-gbk")
    (root / "notes.txt").write_text("今天下午三点开会，请准时参加。\n", encoding="utf-8")
    (root / "sub" / "秘密.txt").write_text("秘密★1年\n关于有关情况的报告\n", encoding="utf-8")
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    os.symlink(root, root / "sub" / "loop")  # a link back up must not loop
    return root, raw


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["scan", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_schema_and_exit_code(tree, capsys, config_file):
    root, raw = tree
    code, out, _ = run(capsys, "--config", str(config_file), "--format", "jsonl", str(root))
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    by_name = {os.path.basename(r["path"]): r for r in rows}
    assert set(by_name) == {"名单.xlsx", "名单.csv", "notes.txt", "秘密.txt", "broken.docx"}
    for r in rows:
        assert r["verdict"] in ("flagged", "clean", "unreadable")
        assert "timings" in r
        scores = [c["score"] for c in r["categories"]]
        assert scores == sorted(scores, reverse=True)
        for c in r["categories"]:
            assert c["evidence"]
            for ev in c["evidence"]:
                assert {"detector", "text", "location"} <= set(ev)
    assert by_name["名单.xlsx"]["categories"][0]["id"] == "screening_list"
    assert by_name["名单.csv"]["categories"][0]["id"] == "screening_list"
    assert by_name["秘密.txt"]["categories"][0]["id"] == "classified"
    assert by_name["notes.txt"]["verdict"] == "clean" and by_name["notes.txt"]["categories"] == []
    assert by_name["broken.docx"]["verdict"] == "unreadable" and by_name["broken.docx"]["error"]
    for value in raw:
        assert value not in out
    shown = [
        ev[k]
        for r in rows
        for c in r["categories"]
        for ev in c["evidence"]
        for k in ("text", "context")
    ]
    assert shown and not any(re.search(r"\d{11,}", x) for x in shown)


def test_text_format_for_people(tree, capsys, config_file):
    root, raw = tree
    code, out, _ = run(capsys, "--config", str(config_file), str(root))
    assert code == 1
    lines = out.splitlines()
    roster = next(ln for ln in lines if "名单.xlsx" in ln)
    assert "排查人员名单" in roster and "姓名" in roster
    assert any("秘密.txt" in ln and "涉密标识文件" in ln and "秘密★1年" in ln for ln in lines)
    assert any("notes.txt" in ln and "[通过]" in ln for ln in lines)
    assert any("broken.docx" in ln and "[无法读取]" in ln for ln in lines)
    assert "共扫描 5 个文件" in lines[-1]
    for value in raw:
        assert value not in out


def test_clean_only_exits_zero(tmp_path, capsys, config_file):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("会议纪要：下周一继续讨论食堂菜单。", encoding="utf-8")
    code, out, _ = run(capsys, "--config", str(config_file), "--format", "json", str(folder))
    assert code == 0
    doc = json.loads(out)
    assert doc["summary"] == {"total": 1, "flagged": 0, "unreadable": 0, "clean": 1}


def test_missing_path_is_usage_error(tmp_path, capsys, config_file):
    code, _, err = run(capsys, "--config", str(config_file), str(tmp_path / "nope"))
    assert code == 2 and "nope" in err


def test_bad_policy_file_exit_2_names_line(tmp_path, capsys, config_file):
    pol = tmp_path / "org.yaml"
    pol.write_text("categories:\n  control_order:\n    threshold: 7\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    code, _, err = run(
        capsys, "--config", str(config_file), "--policy", str(pol), str(tmp_path / "a.txt")
    )
    assert code == 2 and f"{pol}:3" in err


def test_policy_extension_allowlists_a_phrase(tmp_path, capsys, config_file):
    pol = tmp_path / "org.yaml"
    pol.write_text("allowlist:\n  phrases: [本单位公开模板]\n", encoding="utf-8")
    f = tmp_path / "x.txt"
    f.write_text("秘密★1年\n本单位公开模板\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "--config", str(config_file), "--format", "jsonl", "--policy", str(pol), str(f)
    )
    row = json.loads(out)
    assert code == 0 and row["verdict"] == "clean" and row["allowlisted"].startswith("phrase:")


def test_policy_check_and_explain(tmp_path, capsys, config_file):
    assert main(["policy", "check", "policies/default.yaml"]) == 0
    out, _ = capsys.readouterr()
    assert "6" in out
    f = tmp_path / "交办单.txt"
    f.write_text("吉首市疫情防控交办单\n（第010号）\n请于2月1日18时前报送\n", encoding="utf-8")
    code = main(["policy", "explain", "--config", str(config_file), str(f)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert "control_order" in out and "order_form_title" in out and "+0.85" in out
    code = main(["policy", "explain", "--config", str(config_file), "--format", "json", str(f)])
    doc = json.loads(capsys.readouterr()[0])
    top = doc["parts"][0]["categories"][0]
    assert top["id"] == "control_order" and top["rows"][0]["signal"] == "order_form_title"
