"""Extraction from every non-OCR format, on real files written by the real libraries."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from agent.config import Config
from agent.errors import EncryptedFile, UnsupportedFormat
from agent.extract import Extractor, extract_in_process, sniff
from agent.extract import media as mt
from detectors.model import BlockKind
from tests.docgen.doc import Doc
from tests.docgen.render import sample_doc, write, write_pdf_pages

NO_OCR = dataclasses.replace(Config(), ocr=dataclasses.replace(Config().ocr, engine="none"))
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def doc() -> Doc:
    return sample_doc(seed=7)


def _text(path: Path, config: Config = NO_OCR) -> str:
    return extract_in_process(path, config).text()


# ---------------------------------------------------------------- text and csv


@pytest.mark.parametrize("fmt", ["txt", "txt-utf8sig", "txt-gbk", "txt-gb18030", "txt-utf16"])
def test_text_encodings_lose_no_characters(tmp_path: Path, doc: Doc, fmt: str) -> None:
    p = write(doc, tmp_path / "a.txt", fmt)
    e = extract_in_process(p, NO_OCR)
    assert e.source.media_type == mt.TEXT
    expected = [ln for ln in [doc.header, *doc.lines(), doc.footer] if ln.strip()]
    got = [b.text for b in e.blocks if b.kind == BlockKind.PARAGRAPH]
    assert got == expected


@pytest.mark.parametrize("fmt", ["csv", "csv-utf8sig", "csv-gbk", "csv-utf16"])
def test_csv_is_a_table_in_any_encoding(tmp_path: Path, doc: Doc, fmt: str) -> None:
    # a GBK roster saved with a harmless extension is still read as a CSV table
    p = write(doc, tmp_path / "notes.dat", fmt)
    e = extract_in_process(p, NO_OCR)
    assert e.source.media_type == mt.CSV
    assert len(e.tables) == 1
    assert [list(r) for r in e.tables[0].rows] == doc.tables[0]


def test_real_corpus_text_files_lose_no_characters(real_corpus: Path) -> None:
    files = sorted((real_corpus / "medical").glob("*.txt"))[:10]
    files += sorted((real_corpus / "official").glob("*.txt"))[:10]
    assert len(files) >= 10
    for f in files:
        raw = f.read_text(encoding="utf-8")
        e = extract_in_process(f, NO_OCR)
        got = "\n".join(b.text for b in e.blocks if b.kind == BlockKind.PARAGRAPH)
        want = "\n".join(ln for ln in raw.splitlines() if ln.strip())
        assert got == want, f.name


# ---------------------------------------------------------------- docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _patch_docx(path: Path, body_xml: str = "", parts: dict[str, str] | None = None) -> None:
    """Add raw WordprocessingML to a python-docx file (features python-docx cannot write)."""
    with zipfile.ZipFile(path) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    doc_xml = items["word/document.xml"].decode("utf-8")
    if body_xml:
        doc_xml = doc_xml.replace("<w:sectPr", body_xml + "<w:sectPr", 1)
    items["word/document.xml"] = doc_xml.encode("utf-8")
    ct = items["[Content_Types].xml"].decode("utf-8")
    for name, xml in (parts or {}).items():
        items[name] = xml.encode("utf-8")
        base = name.split("/")[-1].split(".")[0]
        ct = ct.replace(
            "</Types>",
            f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-'
            f'officedocument.wordprocessingml.{base}+xml"/></Types>',
        )
    items["[Content_Types].xml"] = ct.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in items.items():
            zf.writestr(n, b)


def test_docx_body_tables_header_footer_properties(tmp_path: Path, doc: Doc) -> None:
    p = write(doc, tmp_path / "a.docx", "docx")
    e = extract_in_process(p, NO_OCR)
    assert e.source.media_type == mt.DOCX
    kinds = {b.kind for b in e.blocks}
    assert {BlockKind.HEADER, BlockKind.FOOTER, BlockKind.HEADING, BlockKind.FILENAME} <= kinds
    assert any(b.kind == BlockKind.HEADER and "注意保密" in b.text for b in e.blocks)
    assert [list(r) for r in e.tables[0].rows] == doc.tables[0]
    assert e.meta("author") == doc.author
    assert e.meta("title") == doc.title
    body = [b.text for b in e.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)]
    assert body[:4] == [*doc.preamble, doc.title]
    # table cells are not repeated as paragraphs
    assert not any(doc.identifiers[0] in t for t in body)


def test_docx_hidden_places(tmp_path: Path) -> None:
    """Text boxes, tracked insertions and deletions, footnotes and comments all come out."""
    import docx

    p = tmp_path / "hidden.docx"
    d = docx.Document()
    para = d.add_paragraph("正文第一段")
    d.add_comment(para.runs, text="批注：名单见附件 身份证号", author="审核人")
    d.save(str(p))
    textbox = (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的交办单</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的交办单</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    tracked = (
        '<w:p><w:ins w:id="1" w:author="a"><w:r><w:t>插入的讨论稿</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的秘密内容</w:delText></w:r>'
        "</w:del></w:p>"
    )
    footnotes = (
        f'<w:footnotes {W_NS}><w:footnote w:id="1"><w:p><w:r><w:t>脚注：仅限内部</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    )
    _patch_docx(p, textbox + tracked, {"word/footnotes.xml": footnotes})
    e = extract_in_process(p, NO_OCR)
    by_kind: dict[BlockKind, list[str]] = {}
    for b in e.blocks:
        by_kind.setdefault(b.kind, []).append(b.text)
    assert by_kind[BlockKind.TEXTBOX] == ["文本框里的交办单"]  # once, not twice (VML fallback)
    assert "插入的讨论稿" in by_kind[BlockKind.PARAGRAPH]
    assert "删除的秘密内容" in by_kind[BlockKind.PARAGRAPH]
    assert by_kind[BlockKind.FOOTNOTE] == ["脚注：仅限内部"]
    assert any("身份证号" in t for t in by_kind[BlockKind.COMMENT])


def test_renamed_docx_is_still_docx(tmp_path: Path, doc: Doc) -> None:
    p = write(doc, tmp_path / "holiday.jpg", "docx")
    assert sniff(p) == mt.DOCX
    e = extract_in_process(p, NO_OCR)
    assert doc.identifiers[0] in e.text()
    assert e.blocks[0].kind == BlockKind.FILENAME and e.blocks[0].text == "holiday.jpg"


# ---------------------------------------------------------------- spreadsheets


def test_xlsx_every_sheet_hidden_rows_columns_and_numeric_ids(tmp_path: Path, doc: Doc) -> None:
    import openpyxl

    p = write(doc, tmp_path / "a.xlsx", "xlsx-hidden")
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("隐藏行列")
    ws.append(["姓名", "身份证号", "备注"])
    ws.append(["张三", 13912345678, 3.0])  # a phone number typed as a number
    ws.row_dimensions[2].hidden = True
    ws.column_dimensions["B"].hidden = True
    wb.create_sheet("很隐藏").append(["veryHidden 内容"])
    wb["很隐藏"].sheet_state = "veryHidden"
    wb.save(p)
    e = extract_in_process(p, NO_OCR)
    names = {t.name for t in e.tables}
    assert {"名单", "隐藏行列", "很隐藏", "正文"} <= names
    roster = next(t for t in e.tables if t.name == "名单")
    assert [list(r) for r in roster.rows] == doc.tables[0]
    hidden = next(t for t in e.tables if t.name == "隐藏行列")
    assert hidden.rows[1] == ("张三", "13912345678", "3")
    assert any("veryHidden" in w for w in e.warnings)
    assert e.meta("author") == doc.author


def test_xls_via_xlrd(tmp_path: Path, doc: Doc) -> None:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("名单")
    for i, row in enumerate(doc.tables[0]):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    p = tmp_path / "old.xls"
    wb.save(str(p))
    assert sniff(p) == mt.XLS
    e = extract_in_process(p, NO_OCR)
    assert [list(r) for r in e.tables[0].rows] == doc.tables[0]


# ---------------------------------------------------------------- pdf


def test_pdf_text_layer(tmp_path: Path, doc: Doc) -> None:
    p = write(doc, tmp_path / "a.pdf", "pdf")
    e = extract_in_process(p, NO_OCR)
    text = e.text()
    assert e.source.media_type == mt.PDF and e.pages == 1 and not e.ocr_used
    for phrase in [*doc.key_phrases, *doc.identifiers, doc.header]:
        assert phrase in text.replace("\n", ""), phrase
    assert e.meta("title") == doc.title
    assert all(b.page == 1 for b in e.blocks if b.kind == BlockKind.PARAGRAPH)


def test_pdf_pages_are_numbered(tmp_path: Path, doc: Doc) -> None:
    p = write_pdf_pages(doc, tmp_path / "many.pdf", pages=5)
    e = extract_in_process(p, NO_OCR)
    assert e.pages == 5
    assert {b.page for b in e.blocks if b.kind == BlockKind.PARAGRAPH} == {1, 2, 3, 4, 5}


def test_pdf_ruled_table_comes_out_as_rows(tmp_path: Path, doc: Doc) -> None:
    """A roster drawn with ruling lines: pdfplumber rebuilds its rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as RLTable

    from tests.docgen.render import _register_reportlab_font

    font = _register_reportlab_font()
    p = tmp_path / "roster.pdf"
    t = RLTable(doc.tables[0])
    t.setStyle(
        [("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    )
    SimpleDocTemplate(str(p), pagesize=A4).build([t])
    e = extract_in_process(p, NO_OCR)
    tables = [t for t in e.tables if t.origin == "pdf-table"]
    assert tables and [list(r) for r in tables[0].rows] == doc.tables[0]


def test_scanned_pdf_with_ocr_off_warns(tmp_path: Path, doc: Doc) -> None:
    p = write(doc, tmp_path / "scan.pdf", "pdf-scan")
    e = extract_in_process(p, NO_OCR)
    assert any("OCR" in w for w in e.warnings)


# ---------------------------------------------------------------- archives and sniffing


def test_zip_in_zip_members_with_display_paths(tmp_path: Path, doc: Doc) -> None:
    inner_doc = write(doc, tmp_path / "名单.docx", "docx")
    inner_csv = write(doc, tmp_path / "roster.csv", "csv-gbk")
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(inner_doc, "材料/名单.docx")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(inner, "inner.zip")
        zf.write(inner_csv, "roster.csv")
        zf.writestr("tool.exe", b"MZ\x90\x00" + bytes(200))
    e = extract_in_process(outer, NO_OCR, display_path="outer.zip")
    paths = {m.source.path for m in e.members}
    assert paths == {"outer.zip!inner.zip", "outer.zip!roster.csv"}
    nested = next(m for m in e.members if m.source.path == "outer.zip!inner.zip")
    assert nested.members[0].source.path == "outer.zip!inner.zip!材料/名单.docx"
    assert doc.identifiers[0] in nested.members[0].text()
    assert any(w.startswith("member_unreadable:unsupported:outer.zip!tool.exe") for w in e.warnings)


def test_gbk_member_names_from_chinese_windows(tmp_path: Path) -> None:
    p = tmp_path / "gbk.zip"
    gbk = "名单.txt".encode("gbk")
    placeholder = b"X" * (len(gbk) - 4) + b".txt"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr(placeholder.decode(), "张三 身份证号".encode())
    # what WinRAR/Windows zip on a Chinese system write: GBK bytes, no UTF-8 flag
    p.write_bytes(p.read_bytes().replace(placeholder, gbk))
    e = extract_in_process(p, NO_OCR, display_path="gbk.zip")
    assert e.members[0].source.path == "gbk.zip!名单.txt"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n", mt.PDF),
        (b"\xff\xd8\xff\xe0" + bytes(20), mt.JPEG),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), mt.PNG),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", mt.WEBP),
        (b"II*\x00" + bytes(20), mt.TIFF),
        ("姓名,身份证号\n张三,1\n李四,2\n".encode("gbk"), mt.CSV),
        ("普通的一段中文文字。\n".encode("gbk"), mt.TEXT),
        (b"\x00\x01\x02\x03" * 100, mt.UNKNOWN),
    ],
)
def test_sniff_by_content(tmp_path: Path, data: bytes, expected: str) -> None:
    p = tmp_path / "file.docx"  # a misleading extension on purpose
    p.write_bytes(data)
    assert sniff(p) == expected


def test_unknown_binary_is_unsupported(tmp_path: Path) -> None:
    p = tmp_path / "x.pdf"
    p.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(UnsupportedFormat) as ei:
        extract_in_process(p, NO_OCR)
    assert ei.value.kind == "unsupported"
    assert ei.value.sha256 and ei.value.size == 2560  # type: ignore[attr-defined]


def test_encrypted_office_file(tmp_path: Path, doc: Doc) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write(doc, tmp_path / "plain.xlsx", "xlsx")
    enc = tmp_path / "locked.xlsx"
    with open(plain, "rb") as f, open(enc, "wb") as out:
        OOXMLFile(f).encrypt("secret", out)
    assert msoffcrypto  # imported for its encrypt()
    with pytest.raises(EncryptedFile):
        extract_in_process(enc, NO_OCR)


# ---------------------------------------------------------------- the worker and the CLI


def test_worker_serves_many_files_with_one_process(tmp_path: Path, doc: Doc) -> None:
    kinds = [("docx", ".docx"), ("xlsx", ".xlsx"), ("pdf", ".pdf"), ("csv-gbk", ".csv")]
    files = [write(doc, tmp_path / f"f{i}{ext}", fmt) for i, (fmt, ext) in enumerate(kinds)]
    with Extractor(NO_OCR) as ex:
        pids = set()
        for f in files:
            e = ex.extract(f, display_path=f"shown/{f.name}")
            assert doc.identifiers[1] in e.text(), f
            assert e.source.path == f"shown/{f.name}"
            pids.add(ex.worker_pid)
        assert len(pids) == 1 and ex.restarts == 0


def test_cli_extract_text_json_and_unreadable(tmp_path: Path, doc: Doc, config_file: Path) -> None:
    p = write(doc, tmp_path / "a.docx", "docx")
    exe = [sys.executable, "-m", "agent.cli", "extract", "--config", str(config_file)]
    r = subprocess.run([*exe, str(p)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert doc.title in r.stdout and doc.identifiers[0] in r.stdout
    r = subprocess.run(
        [*exe, "--format", "json", str(p)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    data = json.loads(r.stdout)
    assert data["media_type"] == mt.DOCX
    assert {"text", "kind", "page", "bbox", "confidence"} <= set(data["blocks"][0])
    assert data["tables"][0]["rows"][0] == doc.tables[0][0]
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj <<\n")
    r = subprocess.run([*exe, str(bad)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2
    assert "无法读取文件" in r.stderr and "损坏" in r.stderr


def test_damaged_gbk_text_is_still_text(tmp_path: Path, doc: Doc) -> None:
    """A few broken bytes (a bad copy, a truncated download) must not make a roster unreadable."""
    raw = write(doc, tmp_path / "a.txt", "txt-gbk").read_bytes()
    cut = raw.index("交办单".encode("gbk")) + 6
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(raw[:cut] + b"\xff\x80\x00" + raw[cut:])
    e = extract_in_process(damaged, NO_OCR)
    assert e.source.media_type == mt.TEXT
    assert "交办单" in e.text() and doc.identifiers[0] in e.text()


def test_photo_pasted_into_a_text_pdf_is_sent_to_ocr(tmp_path: Path, doc: Doc) -> None:
    """A text page that also carries a large picture (a photo of a 交办单 pasted into a report)
    is OCR'd as well; with OCR off the page is at least reported."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from tests.docgen.render import _register_reportlab_font

    photo = write(doc, tmp_path / "photo.jpg", "jpeg", dpi=60)
    font = _register_reportlab_font()
    p = tmp_path / "report.pdf"
    c = canvas.Canvas(str(p))
    c.setFont(font, 12)
    for i in range(5):
        c.drawString(72, 780 - 16 * i, "工作情况汇报：本周完成了辖区走访和资料整理工作。")
    c.drawImage(str(photo), 20 * mm, 20 * mm, width=150 * mm, height=180 * mm)
    c.showPage()
    c.save()
    e = extract_in_process(p, NO_OCR)
    assert "工作情况汇报" in e.text()
    assert any("large image" in w for w in e.warnings)
