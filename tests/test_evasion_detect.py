"""Evasion tricks the detectors must still catch (issue 7, detection side), end to end through
the Scanner on real files made by the real libraries."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor
from faker import Faker

from detectors.model import Decision
from tests.docgen.doc import Doc
from tests.docgen.render import write

fake = Faker("zh_CN")
fake.seed_instance(77)


def top(v) -> str | None:
    return v.flagged_categories[0].id if v.flagged_categories else None


def ids(n: int) -> list[str]:
    return [fake.ssn(min_age=18, max_age=80) for _ in range(n)]


def spaced(s: str) -> str:
    return f"{s[:6]} {s[6:14]} {s[14:]}"


def hyphened(s: str) -> str:
    return f"{s[:6]}-{s[6:14]}-{s[14:]}"


def fullwidth(s: str) -> str:
    return s.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))


def roster(spell=lambda s: s, n: int = 4) -> Doc:
    rows = [[fake.name(), spell(i), fake.phone_number()] for i in ids(n)]
    return Doc(title="人员信息", tables=[[["姓名", "身份证号", "电话"], *rows]])


@pytest.mark.parametrize("spell", [spaced, hyphened, fullwidth], ids=["spaces", "hyphens", "fw"])
def test_ids_written_oddly_in_a_docx_roster(scanner, tmp_path, spell):
    p = write(roster(spell), tmp_path / "r.docx", "docx")
    assert top(scanner.scan(p)) == "screening_list"


def test_ids_in_running_text_without_table(scanner, tmp_path):
    lines = [f"{fake.name()}，身份证{spaced(i)}，从武汉返回" for i in ids(3)]
    p = tmp_path / "note.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    assert top(scanner.scan(p)) == "screening_list"


def test_mark_split_across_runs(scanner, tmp_path):
    d = Document()
    para = d.add_paragraph()
    for piece in ("关于复工安排的通知", "（讨", "论", "稿）"):
        para.add_run(piece)
    d.add_paragraph("各单位：请做好复工准备。")
    head = d.add_paragraph()
    for piece in ("秘", "密", "★", "1", "年"):
        head.add_run(piece)
    p = tmp_path / "split.docx"
    d.save(p)
    got = {c.id for c in scanner.scan(p).flagged_categories}
    assert {"internal_material", "classified"} <= got


def test_roster_in_white_text_and_comment(scanner, tmp_path):
    d = Document()
    d.add_paragraph("会议通知：周五下午开会。")
    para = d.add_paragraph()
    for i in ids(3):
        run = para.add_run(f"{fake.name()} {i} {fake.phone_number()}\n")
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    p = tmp_path / "white.docx"
    d.save(p)
    assert top(scanner.scan(p)) == "screening_list"
    d2 = Document()
    body = d2.add_paragraph("请审阅。")
    d2.add_comment(body.runs, text="秘密★1年 不得外传", author="x")
    p2 = tmp_path / "comment.docx"
    d2.save(p2)
    assert top(scanner.scan(p2)) == "classified"


def test_marks_in_header_footer_and_metadata(scanner, tmp_path):
    doc = Doc(title="物资情况", paragraphs=["库存如下。"], header="机密★5年", footer="注意保密")
    assert top(scanner.scan(write(doc, tmp_path / "h.docx", "docx"))) == "classified"
    d = Document()
    d.add_paragraph("正文")
    d.core_properties.title = "关于恢复部分公交线路的通告（讨论稿）"
    p = tmp_path / "meta.docx"
    d.save(p)
    assert top(scanner.scan(p)) == "internal_material"


def test_hidden_sheet_and_gbk_csv(scanner, tmp_path):
    assert (
        top(scanner.scan(write(roster(), tmp_path / "h.xlsx", "xlsx-hidden"))) == "screening_list"
    )
    assert top(scanner.scan(write(roster(), tmp_path / "g.csv", "csv-gbk"))) == "screening_list"


def test_renamed_extension(scanner, tmp_path):
    real = write(roster(), tmp_path / "r.xlsx", "xlsx")
    disguised = tmp_path / "holiday.jpg"
    real.rename(disguised)
    assert top(scanner.scan(disguised)) == "screening_list"


def test_zip_in_zip(scanner, tmp_path):
    inner_doc = write(roster(), tmp_path / "名单.docx", "docx")
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as z:
        z.write(inner_doc, "资料/名单.docx")
        z.writestr("readme.txt", "照片")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as z:
        z.write(inner, "inner.zip")
    v = scanner.scan(outer)
    assert v.decision == Decision.FLAGGED and top(v) == "screening_list"
    loc = v.flagged_categories[0].evidence[0].location
    assert "inner.zip" in loc and "名单.docx" in loc


def test_photo_of_document_embedded_in_docx(scanner, tmp_path):
    doc = Doc(
        title="吉首市疫情防控交办单",
        preamble=["（第012号）"],
        paragraphs=["交办事项：对湖北返乡人员开展排查", "办理时限：2月3日18时前"],
    )
    p = write(doc, tmp_path / "photo.docx", "docx-image")
    assert top(scanner.scan(p)) == "control_order"


def test_upside_down_scan(scanner, tmp_path):
    doc = Doc(preamble=["秘密★1年"], title="关于重点人员管控情况的报告", paragraphs=["市指挥部："])
    p = write(doc, tmp_path / "rot.png", "rot180")
    assert top(scanner.scan(p)) == "classified"


def test_nothing_raw_in_verdict(scanner, tmp_path):
    doc = roster(spaced)
    p = write(doc, tmp_path / "r.docx", "docx")
    dumped = repr(scanner.scan(p).to_dict())
    for row in doc.tables[0][1:]:
        raw = row[1].replace(" ", "")
        assert raw not in dumped and raw[6:14] not in dumped and row[2] not in dumped


def _tracked_docx(path: Path, inserted: str, deleted: str) -> Path:
    """A docx whose body has a tracked insertion and a tracked deletion (raw WordprocessingML:
    python-docx cannot write revisions)."""
    d = Document()
    d.add_paragraph("MARKER_INS")
    d.add_paragraph("MARKER_DEL")
    d.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    ins = (
        '<w:ins w:id="901" w:author="x" w:date="2020-02-01T00:00:00Z"><w:r><w:t>'
        + inserted
        + "</w:t></w:r></w:ins>"
    )
    dele = (
        '<w:del w:id="902" w:author="x" w:date="2020-02-01T00:00:00Z"><w:r><w:delText>'
        + deleted
        + "</w:delText></w:r></w:del>"
    )
    xml = xml.replace("<w:r><w:t>MARKER_INS</w:t></w:r>", ins)
    xml = xml.replace("<w:r><w:t>MARKER_DEL</w:t></w:r>", dele)
    assert "MARKER" not in xml
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def test_tracked_insertions_and_deletions(scanner, tmp_path):
    p = _tracked_docx(tmp_path / "ins.docx", "关于恢复部分公交线路的通告（讨论稿）", "正文")
    assert top(scanner.scan(p)) == "internal_material"
    # Text deleted with track changes on is still in the file, and still leaves with it.
    p = _tracked_docx(tmp_path / "del.docx", "正文", "秘密★1年")
    assert top(scanner.scan(p)) == "classified"
