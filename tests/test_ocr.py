"""OCR with the real engines (RapidOCR on ONNX Runtime, tesseract chi_sim) on a few generated
photos/scans and real public images. OCR costs 1-3 s per image: this file OCRs 8 images."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from agent.config import Config
from agent.extract import Extractor, extract_in_process
from agent.extract.ocr import Ocr, OcrLine, _join_words, ocr_tables
from detectors.model import BlockKind
from tests.docgen.doc import Doc
from tests.docgen.render import sample_doc, write


def cfg(engine: str) -> Config:
    base = Config()
    return dataclasses.replace(base, ocr=dataclasses.replace(base.ocr, engine=engine))


@pytest.fixture(scope="module")
def doc() -> Doc:
    return sample_doc(seed=11)


@pytest.fixture(scope="module")
def rapid() -> Ocr:
    ocr = Ocr(cfg("rapidocr"))
    assert ocr.engine.name == "rapidocr"
    return ocr


@pytest.fixture(scope="module")
def tess() -> Ocr:
    ocr = Ocr(cfg("tesseract"))
    assert ocr.engine.name == "tesseract"
    return ocr


def _flat(text: str) -> str:
    return "".join(text.split())


def test_rapidocr_phone_photo(tmp_path: Path, doc: Doc, rapid: Ocr) -> None:
    p = write(doc, tmp_path / "IMG_0001.jpg", "photo", seed=3)
    e = extract_in_process(p, cfg("rapidocr"), ocr=rapid)
    text = _flat(e.text())
    assert e.ocr_used and e.meta("ocr.engine") == "rapidocr"
    for phrase in doc.key_phrases:
        assert phrase in text, phrase
    for ident in doc.identifiers:
        assert ident in text, ident
    lines = [b for b in e.blocks if b.kind == BlockKind.OCR_LINE]
    assert lines and all(b.bbox is not None and b.confidence is not None for b in lines)
    assert all(0 <= v <= 1 for b in lines for v in (b.bbox.x0, b.bbox.y0, b.bbox.x1, b.bbox.y1))
    # the title line sits above the roster
    title = next(b for b in lines if "交办单" in b.text)
    id_line = next(b for b in lines if doc.identifiers[0] in b.text)
    assert title.bbox.y1 < id_line.bbox.y0
    # the roster comes back as a table with the ID numbers in one column
    assert e.tables and all(t.ocr for t in e.tables)
    roster = max(e.tables, key=lambda t: len(t.rows))
    id_cols = {row.index(i) for row in roster.rows for i in doc.identifiers[:3] if i in row}
    assert len(id_cols) == 1


def test_exif_orientation_is_applied_before_ocr(tmp_path: Path, doc: Doc) -> None:
    """Phones store pixels sideways and an EXIF Orientation tag; OCR must get the upright page
    (checked on the decoded frame: no OCR needed)."""
    from agent.extract.base import Budget, Ctx, Parts
    from agent.extract.image import frames, open_image

    p = write(doc, tmp_path / "exif.jpg", "exif-rot")
    c = cfg("rapidocr")
    img = open_image(p.read_bytes(), Ctx(c, Budget(c), "exif.jpg"))
    assert img.size[0] > img.size[1]  # stored landscape (sideways)
    (_, frame), *_ = frames(img, Ctx(c, Budget(c), "exif.jpg"), Parts())
    assert frame.size[1] > frame.size[0]  # handed to OCR as an upright A4 portrait


def test_tesseract_scan(tmp_path: Path, doc: Doc, tess: Ocr) -> None:
    p = write(doc, tmp_path / "scan.png", "scan-png")
    e = extract_in_process(p, cfg("tesseract"), ocr=tess)
    text = _flat(e.text())
    assert e.meta("ocr.engine") == "tesseract"
    for phrase in ("交办单", "身份证号", "讨论稿"):
        assert phrase in text, phrase
    found = sum(ident in text for ident in doc.identifiers)
    assert found >= len(doc.identifiers) - 1


def test_tesseract_orientation_fixes_a_sideways_page(tmp_path: Path, doc: Doc, tess: Ocr) -> None:
    p = write(doc, tmp_path / "sideways.png", "rot90")
    e = extract_in_process(p, cfg("tesseract"), ocr=tess)
    assert e.meta("ocr.rotate.p1") in ("90", "270")
    assert "交办单" in _flat(e.text())


def test_photo_pasted_into_docx_and_scanned_pdf_through_the_worker(
    tmp_path: Path, doc: Doc
) -> None:
    docx = write(doc, tmp_path / "附件.docx", "docx-image", seed=5)
    pdf = write(doc, tmp_path / "scan.pdf", "pdf-scan")
    with Extractor(cfg("auto")) as ex:
        e = ex.extract(docx)
        assert e.ocr_used
        ocr_blocks = [b for b in e.blocks if b.kind == BlockKind.OCR_LINE]
        assert ocr_blocks and ocr_blocks[0].origin.startswith("word/media/")
        assert doc.identifiers[0] in _flat(e.text())
        e = ex.extract(pdf)
        assert e.ocr_used and any("OCR" in w for w in e.warnings)
        assert all(b.page == 1 for b in e.blocks if b.kind == BlockKind.OCR_LINE)
        text = _flat(e.text())
        assert doc.title in text and doc.identifiers[2] in text
        assert ex.restarts == 0


def test_real_public_images(real_corpus: Path, rapid: Ocr) -> None:
    """Public images nobody here made: a donor form filled with synthetic data (XFUND) and a
    redacted hospital lab report photo."""
    images = real_corpus / "images"
    form = extract_in_process(images / "xfund_zh_form_1_annotated.jpg", cfg("rapidocr"), ocr=rapid)
    text = _flat(form.text())
    assert "中国人体器官捐献志愿登记表" in text
    assert "210422198210034379" in text  # the (synthetic) ID number printed on the form
    assert "18655212648" in text
    lab = extract_in_process(
        images / "paddleocr_hospital_lab_report_photo_REDACTED.jpg", cfg("rapidocr"), ocr=rapid
    )
    text = _flat(lab.text())
    for phrase in ("报告单", "门诊号", "标本种类", "申请医生"):
        assert phrase in text, phrase
    # an upside-down printed page: read, and its lines put back in reading order
    page = extract_in_process(
        images / "chineseocr_lite_rotated_printed_page.jpg", cfg("rapidocr"), ocr=rapid
    )
    assert page.meta("ocr.rotate.p1") == "180"
    lines = [b.text for b in page.blocks if b.kind == BlockKind.OCR_LINE]
    first = next(i for i, t in enumerate(lines) if "三、应用" in t)
    later = next(i for i, t in enumerate(lines) if "Iterator模式有三个重要的作用" in t)
    assert first < later


# ---------------------------------------------------------------- no OCR needed


def test_ocr_boxes_become_a_table() -> None:
    def ln(text: str, x: float, y: float, w: float = 0.1) -> OcrLine:
        return OcrLine(text, (x, y, x + w, y + 0.02), 0.99)

    lines = [
        ln("名单", 0.4, 0.05),
        ln("姓名", 0.1, 0.2),
        ln("身份证号", 0.3, 0.2),
        ln("电话", 0.7, 0.2),
        ln("张三", 0.1, 0.25),
        ln("110101199003074511", 0.3, 0.251, 0.25),
        ln("13912345678", 0.7, 0.249),
        ln("李四", 0.1, 0.3),
        ln("13812345678", 0.7, 0.3),  # a missing ID cell stays empty
        ln("落款", 0.6, 0.5),
    ]
    tables = ocr_tables(lines)
    assert len(tables) == 1
    assert tables[0][0] == ("姓名", "身份证号", "电话")
    assert tables[0][1] == ("张三", "110101199003074511", "13912345678")
    assert tables[0][2] == ("李四", "", "13812345678")


def test_tesseract_words_join_without_spaces_between_chinese() -> None:
    assert _join_words(["身", "份", "证", "号", "110101", "abc", "def"]) == "身份证号110101 abc def"
