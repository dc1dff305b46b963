"""The formats Chinese offices send (issue 13), on real files made at test time by the real
tools: LibreOffice headless (.doc .wps .rtf .xls .et .ppt .dps), python-pptx, py7zr, tarfile,
pillow-heif, OFD built from the GB/T 33190 structure. RAR: no free tool writes it, so stored
RAR5 archives are written byte by byte here and compressed ones come from tests/data/rar/."""

from __future__ import annotations

import dataclasses
import io
import shutil
import struct
import tarfile
import zipfile
from pathlib import Path

import pytest

from agent.config import Config, Limits
from agent.errors import CorruptFile, EncryptedFile, TooLarge, UnsupportedFormat
from agent.extract import extract_in_process, sniff
from agent.extract import media as mt
from detectors.model import BlockKind, Extraction
from tests.docgen.convert import ofd_bytes, rar5_stored, write_7z, write_pptx, write_tar
from tests.docgen.doc import Doc
from tests.docgen.render import page_image, sample_doc, write

NO_OCR = dataclasses.replace(Config(), ocr=dataclasses.replace(Config().ocr, engine="none"))
RAR_DATA = Path(__file__).resolve().parent / "data" / "rar"


def cfg(engine: str = "none", **limits: object) -> Config:
    base = Config()
    return dataclasses.replace(
        base,
        limits=dataclasses.replace(Limits(), **limits),
        ocr=dataclasses.replace(base.ocr, engine=engine),
    )


@pytest.fixture(scope="module")
def doc() -> Doc:
    return sample_doc(seed=7)  # the document the legacy_samples fixture converted


def _body(e: Extraction) -> list[str]:
    return [b.text for b in e.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)]


def _rows(e: Extraction) -> list[list[list[str]]]:
    return [[list(r) for r in t.rows] for t in e.tables]


# ---------------------------------------------------------------- Word 97 / WPS Writer


@pytest.mark.parametrize("fmt", ["doc", "wps"])
def test_word97_body_table_header_footer_properties(
    legacy_samples: dict[str, Path], doc: Doc, fmt: str
) -> None:
    e = extract_in_process(legacy_samples[fmt], NO_OCR)
    assert e.source.media_type == mt.DOC
    assert _body(e) == [*doc.preamble, doc.title, *doc.paragraphs, *doc.closing]
    assert _rows(e) == [doc.tables[0]]  # the roster is a table, not loose paragraphs
    headers = [b.text for b in e.blocks if b.kind == BlockKind.HEADER]
    footers = [b.text for b in e.blocks if b.kind == BlockKind.FOOTER]
    assert headers == [doc.header]
    assert footers == [doc.footer]
    assert e.meta("title") == doc.title
    assert e.meta("author") == doc.author


def test_word97_picture_is_ocrd(legacy_samples: dict[str, Path]) -> None:
    """A .doc whose only content is a photo of a 交办单: the picture is found and read."""
    image_doc = sample_doc(seed=8)
    e = extract_in_process(legacy_samples["doc-image"], Config())
    assert e.ocr_used
    text = e.text()
    assert "交办单" in text
    assert image_doc.identifiers[0] in text.replace(" ", "")


def test_word97_encrypted_flag_and_word95(legacy_samples: dict[str, Path], tmp_path: Path) -> None:
    """The FIB's fEncrypted flag (set by Word's 'password to open') gives `encrypted`; a Word
    6/95 FIB gives `unsupported`, not garbage text."""
    import olefile

    src = legacy_samples["doc"].read_bytes()
    ole = olefile.OleFileIO(src)
    wd = bytearray(ole.openstream("WordDocument").read())
    ole.close()
    start = src.find(bytes(wd[:32]))  # the FIB is the first sector of the stream
    assert start > 0
    enc = bytearray(src)
    enc[start + 0x0B] |= 0x01  # flags high byte: fEncrypted (0x0100)
    (tmp_path / "enc.doc").write_bytes(enc)
    with pytest.raises(EncryptedFile):
        extract_in_process(tmp_path / "enc.doc", NO_OCR)
    old = bytearray(src)
    old[start + 2 : start + 4] = struct.pack("<H", 0x65)  # nFib of Word 6
    (tmp_path / "w6.doc").write_bytes(old)
    with pytest.raises(UnsupportedFormat):
        extract_in_process(tmp_path / "w6.doc", NO_OCR)


# ---------------------------------------------------------------- Excel 97 / WPS Spreadsheets


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_word97_documents_inserted_as_objects_are_read_as_members(
    legacy_samples: dict[str, Path], doc: Doc, kind: str
) -> None:
    """Insert > Object: a roster inserted into a covering note as an Excel sheet or a Word
    document. In the docx it is a file under word/embeddings; in the .doc (LibreOffice writes
    it as Word does) a storage under ObjectPool holding the sheet's Workbook stream, or the
    Word document's own streams. Either way it is read as a member, and flagged alike."""
    from agent.pipeline import Scanner
    from policies import load_policy

    legacy, twin = legacy_samples[f"doc-with-{kind}"], legacy_samples[f"docx-with-{kind}"]
    e = extract_in_process(legacy, NO_OCR)
    assert "附件见插入的对象。" in _body(e)
    (member,) = e.members
    assert member.source.media_type == (mt.XLS if kind == "xlsx" else mt.DOC)
    assert member.source.path.startswith(f"{legacy}!ObjectPool/")
    (twin_member,) = extract_in_process(twin, NO_OCR).members
    roster = doc.tables[0]
    assert [t.rows for t in member.tables if t.rows[0] == tuple(roster[0])] == [
        t.rows for t in twin_member.tables if t.rows[0] == tuple(roster[0])
    ]
    assert all(i in member.text() for i in doc.identifiers)
    with Scanner(NO_OCR, load_policy()) as scanner:
        v_legacy, v_twin = scanner.scan(legacy), scanner.scan(twin)
    assert v_legacy.decision == v_twin.decision
    assert (
        [c.id for c in v_legacy.categories if c.flagged][:1]
        == [c.id for c in v_twin.categories if c.flagged][:1]
        != []
    )


def test_docx_with_a_word97_document_inserted_as_an_object(
    legacy_samples: dict[str, Path], doc: Doc, tmp_path: Path
) -> None:
    """Word 2007+ keeps an inserted Word 97-2003 object as word/embeddings/
    Microsoft_Word_97_-_2003_Document.doc: read as a member, like an inserted docx."""
    from tests.docgen.convert import docx_with_embedded

    host = write(Doc(title="关于转发材料的说明"), tmp_path / "host.docx", "docx").read_bytes()
    note = tmp_path / "note.docx"
    note.write_bytes(docx_with_embedded(host, legacy_samples["doc"].read_bytes(), "doc"))
    (member,) = extract_in_process(note, NO_OCR).members
    assert member.source.media_type == mt.DOC and member.source.path.endswith(".doc")
    assert _rows(member) == [doc.tables[0]]


def test_word97_inserted_objects_obey_the_nesting_limit(legacy_samples: dict[str, Path]) -> None:
    """An inserted document is one level down, as an archive member is: under a depth limit
    of 0 it is skipped, and said so, while the note around it is still read."""
    e = extract_in_process(legacy_samples["doc-with-xlsx"], cfg(archive_depth=0))
    assert not e.members
    assert "附件见插入的对象。" in _body(e)
    assert any(w.startswith("not_read:too_large:") and "ObjectPool" in w for w in e.warnings)


def test_packaged_file_inside_an_object() -> None:
    """Insert > Object > From file: Packager's native data holds the file's name and bytes.
    (Built here by its documented layout: no tool on Linux writes one.)"""
    from agent.extract.legacy_office import _packaged_file

    payload = b"%PDF-1.4 ..."
    name = "返乡人员名单.pdf".encode("gbk")
    temp = b"C:\\Temp\\" + name + b"\x00"
    body = (
        b"\x02\x00" + name + b"\x00" + b"D:\\" + name + b"\x00" + b"\x00\x00\x03\x00"
        + struct.pack("<I", len(temp)) + temp + struct.pack("<I", len(payload)) + payload
    )  # fmt: skip
    blob = struct.pack("<I", len(body)) + body
    assert _packaged_file(blob) == ("返乡人员名单.pdf", payload)
    with pytest.raises(CorruptFile):
        _packaged_file(blob[:-3])


@pytest.mark.parametrize("fmt", ["xls", "et"])
def test_biff8_every_sheet(legacy_samples: dict[str, Path], doc: Doc, fmt: str) -> None:
    e = extract_in_process(legacy_samples[fmt], NO_OCR)
    assert e.source.media_type == mt.XLS
    sheets = [
        b.text for b in e.blocks if b.kind == BlockKind.METADATA and b.origin.startswith("sheet:")
    ]
    assert sheets == ["正文", "名单"]
    assert _rows(e)[1] == doc.tables[0]  # ID numbers come out as digits, not 1.3e17
    assert [r[0] for r in _rows(e)[0]][:3] == doc.preamble
    # the document properties xlrd does not read (SummaryInformation), as for .doc and .ppt
    assert e.meta("title") == doc.title


# ---------------------------------------------------------------- PowerPoint 97 / WPS Presentation


@pytest.mark.parametrize("fmt", ["ppt", "dps"])
def test_ppt_slide_text(legacy_samples: dict[str, Path], doc: Doc, fmt: str) -> None:
    e = extract_in_process(legacy_samples[fmt], NO_OCR)
    assert e.source.media_type == mt.PPT
    lines = [b.text for b in e.blocks if b.kind == BlockKind.PARAGRAPH]
    for want in [doc.header, *doc.preamble, doc.title, *doc.paragraphs, doc.footer]:
        assert want in lines
    for cell in (c for row in doc.tables[0] for c in row):
        assert cell in lines
    pages = {b.text: b.page for b in e.blocks if b.kind == BlockKind.PARAGRAPH}
    assert pages[doc.title] == 1
    assert pages[doc.identifiers[0]] == 2  # the table slide
    assert not any("Master" in t or t.startswith("___") for t in lines)
    assert e.pages == 3  # text, table, photo slides
    assert any("not read (OCR off)" in w for w in e.warnings)
    assert e.meta("title") == doc.title


def test_ppt_table_cells_that_repeat_are_all_read(tmp_path: Path) -> None:
    """A slide's text can be stored twice in a .ppt (outline and drawing) and is read once; but
    a table that repeats a value (性别 男 男, the same date, the same station) keeps every copy:
    a roster whose repeated cells went missing lost its rows' shape."""
    from tests.docgen.convert import write_legacy

    table = [["姓名", "性别", "返乡日期"], ["张三", "男", "2月5日"], ["李四", "男", "2月5日"]]
    doc = Doc(title="返乡人员名单", tables=[table], label="screening_list")
    p = tmp_path / "a.ppt"
    write_legacy(doc, p, "ppt")
    e = extract_in_process(p, NO_OCR)
    lines = [b.text for b in e.blocks if b.kind == BlockKind.PARAGRAPH]
    assert lines.count("男") == 2 and lines.count("2月5日") == 2
    assert lines.count("返乡人员名单") == 1


def test_ppt_picture_is_ocrd(legacy_samples: dict[str, Path]) -> None:
    e = extract_in_process(legacy_samples["ppt"], Config())
    assert e.ocr_used
    ocr = "".join(b.text for b in e.blocks if b.kind == BlockKind.OCR_LINE)
    assert "交办单" in ocr


def test_pptx_notes_tables_and_pictures(tmp_path: Path, doc: Doc) -> None:
    """Not only text boxes: speaker notes, table cells and a pasted photo (OCR) of a slide."""
    from pptx import Presentation
    from pptx.util import Mm

    p = tmp_path / "a.pptx"
    write_pptx(doc, p)
    prs = Presentation(str(p))
    slide = prs.slides[0]
    slide.notes_slide.notes_text_frame.text = "演讲备注：名单请勿外传"
    photo = tmp_path / "page.png"
    page_image(sample_doc(seed=8), "png", dpi=110).save(photo)
    pic_slide = prs.slides.add_slide(prs.slide_layouts[6])
    pic_slide.shapes.add_picture(str(photo), Mm(10), Mm(10), height=Mm(190))
    prs.save(str(p))
    e = extract_in_process(p, Config())
    text = e.text()
    assert "演讲备注：名单请勿外传" in text
    assert doc.identifiers[0] in text  # a table cell
    assert e.ocr_used and "交办单" in "".join(
        b.text for b in e.blocks if b.kind == BlockKind.OCR_LINE
    )


# ---------------------------------------------------------------- RTF


def test_rtf_from_libreoffice(legacy_samples: dict[str, Path], doc: Doc) -> None:
    e = extract_in_process(legacy_samples["rtf"], NO_OCR)
    assert e.source.media_type == mt.RTF
    assert _body(e) == [*doc.preamble, doc.title, *doc.paragraphs, *doc.closing]
    assert _rows(e) == [doc.tables[0]]
    assert [b.text for b in e.blocks if b.kind == BlockKind.HEADER] == [doc.header]
    assert [b.text for b in e.blocks if b.kind == BlockKind.FOOTER] == [doc.footer]
    assert e.meta("title") == doc.title  # the Unicode (\ud) copy, not the ANSI '????'


def test_rtf_gbk_bytes_unicode_escapes_and_skipped_destinations(tmp_path: Path) -> None:
    """What older government systems write: \\ansicpg936 with GBK byte pairs, a GBK font
    charset under an ANSI code page, \\uN with its fallback skipped, field codes, a font table
    and a stylesheet that must not leak into the text, the creation date."""
    gbk = "".join(f"\\'{b:02x}" for b in "交办单".encode("gbk"))
    gbk2 = "".join(f"\\'{b:02x}" for b in "督办".encode("gbk"))
    rtf = (
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}"
        r"{\f1\fnil\fcharset0 Arial;}}{\stylesheet{\s1 heading 1;}}"
        r"{\info{\title " + gbk + r"}{\author \u37073?\u25991?}"
        r"{\creatim\yr2026\mo3\dy9\hr10\min5}{\revtim\yr2026\mo13\dy1}}"
        r"\pard\f0 关于" + gbk + r"的通知\par"
        r"\uc1\u21150?\u29702?\u26102?\u38480?：三日内\par"
        r"{\field{\*\fldinst HYPERLINK http://x.invalid}{\fldrslt " + gbk2 + r"}}\par"
        r"\trowd\cellx2000\cellx4000\intbl 姓名\cell 身份证号\cell\row"
        r"\trowd\cellx2000\cellx4000\intbl 张三\cell 110101199003074514\cell\row"
        r"\pard 落款\par}"
    )
    # the literal Chinese above stands for GBK bytes a real file would hold as raw bytes
    p = tmp_path / "a.rtf"
    p.write_bytes(rtf.encode("gbk"))
    e = extract_in_process(p, NO_OCR)
    assert _body(e) == ["关于交办单的通知", "办理时限：三日内", "督办", "落款"]
    assert _rows(e) == [[["姓名", "身份证号"], ["张三", "110101199003074514"]]]
    assert e.meta("title") == "交办单"
    assert e.meta("author") == "郑文"
    assert e.meta("created") == "2026-03-09T10:05:00"
    assert e.meta("modified") is None  # month 13: not a date
    assert "SimSun" not in e.text() and "heading" not in e.text()


def test_rtf_formatting_words_right_against_the_ones_that_carry_text(tmp_path: Path) -> None:
    """Runs of formatting words (skipped in one match) end at the first word that means
    something, with or without the space that may follow a control word."""
    rtf = (
        r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 SimSun;}}"
        r"\pard\plain\lang2052\loch\af0\hich\f0\dbch\f0 返乡\lang1033\kerning2\par"
        r"{\rtlch\af0\ltrch\fs24\u21517?\u21333?}\ql\sb0\sa0\par"
        r"\trowd\cellx2000\cellx4000\pard\intbl\ql\widctlpar 张三\lang2052\cell\intbl"
        r"\brdrs\brdrw10 李四\cell\row\pard\plain\lang2052 落款\tab 盖章\line 二〇二六年\par}"
    )
    p = tmp_path / "a.rtf"
    p.write_bytes(rtf.encode("gbk"))
    e = extract_in_process(p, NO_OCR)
    assert _body(e) == ["返乡", "名单", "落款\t盖章\n二〇二六年"]
    assert _rows(e) == [[["张三", "李四"]]]


def test_rtf_formatting_runs_stop_where_text_hides_among_the_words(tmp_path: Path) -> None:
    """A run of control words is scanned as bytes of their alphabet, so everything in that
    alphabet that is text must end it: digits after a line break or a word's space, a hyphen
    that is not a negative argument, letters right after an argument, an escaped backslash,
    an optional hyphen `\\-`."""
    rtf = (
        r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 SimSun;}}"
        "\\pard\\plain\\loch\\f0\n2020\\par"  # a line break ends a word: 2020 is text
        r"\pard\fi-360\li720\b0-\b 12\b0  -3\par"  # -360 an argument; "-" and " -3" text
        r"\pard\lang2052\\dbch\par"  # an escaped backslash: '\dbch' is text
        r"\pard\loch\-5\par"  # \- an optional hyphen (nothing), then the text 5
        r"{\pard\fs24}{\fs24 42}\par"  # a group with no text; a number after a word's space
        r"\pard\kerning0\u21517?\u21333?\cf1  x\par"  # the second space is text
        r"\pard\f0abc\b0-9\par}"  # letters after an argument, a hyphen after one: text
    )
    p = tmp_path / "a.rtf"
    p.write_bytes(rtf.encode("ascii"))
    e = extract_in_process(p, NO_OCR)
    assert _body(e) == ["2020", "-12 -3", "\\dbch", "5", "42", "名单 x", "abc-9"]


def test_rtf_cells_a_row_or_the_file_ends_before_their_cell_mark(tmp_path: Path) -> None:
    """A row ended without its last \\cell, and a file that ends inside a cell (cut off, or
    written by a careless generator): the text is still read, into the table."""
    gbk = "".join(f"\\'{b:02x}" for b in "王五".encode("gbk"))
    rtf = (
        r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 SimSun;}}\f0"
        r"\trowd\cellx1000\cellx2000\pard\intbl 姓名\cell " + gbk + r"\f0\row"
        r"\trowd\cellx1000\pard\intbl 张三\par 李四"
    )
    p = tmp_path / "a.rtf"
    p.write_bytes(rtf.encode("gbk"))
    e = extract_in_process(p, NO_OCR)
    assert _rows(e) == [[["姓名", "王五"], ["张三\n李四"]]]


def test_rtf_characters_past_the_basic_plane_fallbacks_and_font_charsets(tmp_path: Path) -> None:
    """RTF writes a character past U+FFFF as two \\uN (a surrogate pair), which must become one
    character: a lone surrogate cannot be encoded, so the log could not store the text. Under
    \\uc2 each \\uN's fallback is two \\'xx bytes (Word and WPS write GBK pairs there). A font
    table without a group per font still gives each font its charset."""
    gbk = "".join(f"\\'{b:02x}" for b in "名单".encode("gbk"))
    rtf = (
        r"{\rtf1\ansi\ansicpg1252{\fonttbl\f0\fnil\fcharset134 SimSun;\f1\froman\fcharset0 T;}"
        r"\pard\f0 \u-10179?\u-8704?\u-10176?\u-9216? ok\par"  # 😀 𠀀
        r"{\uc2\u21517\'c3\'fb\u21333\'b5\'a5}\par"
        r"\pard x\u-10179?y\par"  # a lone high surrogate: replaced, not kept
        "\\pard\\u21517\n?x{\\*\\u21333?}\\par"  # a break before the fallback; \\* skips
        r"\pard\f0 " + gbk + r"\par"  # font 0: GBK under an ANSI code page
        r"\pard\f1 caf\'e9\par}"  # font 1, charset 0: the document's code page
    )
    p = tmp_path / "a.rtf"
    p.write_bytes(rtf.encode("ascii"))
    e = extract_in_process(p, NO_OCR)
    assert _body(e) == ["😀𠀀 ok", "名单", "x\ufffdy", "名x", "名单", "café"]
    e.text().encode("utf-8")  # storable


def test_rtf_line_break_between_a_brace_and_the_destination_it_opens(tmp_path: Path) -> None:
    """Line breaks in RTF are nothing: `{` CR LF `\\fonttbl` still opens the font table (and
    `\\pict` a picture), so font names and hex digits do not become text."""
    rtf = (
        b"{\\rtf1\\ansi{\r\n\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}"
        b"{\n\\stylesheet{\\s1 heading 1;}}\\pard\\f0 before\\par"
        b"{\r\n\\pict\\pngblip\\picw10 89504e470d0a}\\pard after\\par}"
    )
    p = tmp_path / "a.rtf"
    p.write_bytes(rtf)
    e = extract_in_process(p, NO_OCR)
    assert _body(e) == ["before", "after"]


def test_rtf_binary_data_is_skipped_by_its_length_and_a_binary_picture_is_kept(
    tmp_path: Path,
) -> None:
    """\\binN is followed by N raw bytes, braces and backslashes included: they are neither
    text nor group marks, in a group that is read or in one that is skipped. A \\pict's \\bin
    data is the picture, OCR'd like a hex one."""
    from agent.extract.base import Budget, Ctx
    from agent.extract.rtf import _Reader

    out = io.BytesIO()
    page_image(sample_doc(), "clean", dpi=60).save(out, "PNG")
    png = out.getvalue() + b"}}}{\\par}"  # a PNG may hold { } \ anywhere: here for certain
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0\fnil\fcharset134 SimSun;}}\pard before\par"
        rb"{\pict\pngblip\picw600\bin" + str(len(png)).encode() + b" " + png + b"}"
        rb"\pard after\par"
        rb"{\*\objdata\bin7 {{{\\}}\pard skipped\par}"  # in a group that is skipped
        rb"\pard end\par}"
    )
    c = cfg()
    reader = _Reader(Ctx(c, Budget(c), "a.rtf"))
    parts = reader.read(rtf)
    assert [b.text for b in parts.blocks] == ["before", "after", "end"]
    assert reader.pictures == [png]
    assert not parts.warnings


# ---------------------------------------------------------------- OFD


def test_ofd_text_reading_order_table_metadata_seal(tmp_path: Path, doc: Doc) -> None:
    p = tmp_path / "a.ofd"
    p.write_bytes(ofd_bytes(doc))
    e = extract_in_process(p, NO_OCR)
    assert e.source.media_type == mt.OFD
    body = _body(e)
    assert body[0] == doc.header
    assert body[1 : 1 + len(doc.preamble) + 1] == [*doc.preamble, doc.title]
    assert doc.closing[0] in body and body[-1] == doc.footer
    assert _rows(e) == [doc.tables[0]]  # cells at column positions make a table again
    assert e.meta("title") == doc.title and e.meta("author") == doc.author
    assert e.meta("created") == "2024-03-05"
    assert e.meta("ofd.seal") == "yes" and e.meta("ofd.signatures") == "1"
    assert e.meta("ofd.signature") == "digests_match"  # the SM3 digests of the signed parts
    assert e.pages == 1


def test_ofd_changed_after_signing_is_invalid_not_a_seal(tmp_path: Path, doc: Doc) -> None:
    """A sealed 红头文件 whose page was edited after the seal was applied: the signature's SM3
    digest of the page no longer matches, so the seal does not count."""
    good = ofd_bytes(doc)
    page = "Doc_0/Pages/Page_0/Content.xml"

    def changed(edit) -> Path:
        with zipfile.ZipFile(io.BytesIO(good)) as zf:
            items = {n: zf.read(n) for n in zf.namelist()}
        edit(items)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n, b in items.items():
                z.writestr(n, b)
        p = tmp_path / f"c{len(list(tmp_path.iterdir()))}.ofd"
        p.write_bytes(out.getvalue())
        return p

    def edit_page(items: dict[str, bytes]) -> None:
        items[page] = items[page].replace(doc.title.encode(), "关于调整会议时间的通知".encode())

    e = extract_in_process(changed(edit_page), NO_OCR)
    assert "关于调整会议时间的通知" in _body(e)  # the text is still read and judged
    assert e.meta("ofd.signature") == "invalid"
    assert e.meta("ofd.seal") is None and e.meta("ofd.signatures") == "1"
    assert any("Page_0/Content.xml was changed after it was signed" in w for w in e.warnings)
    e = extract_in_process(changed(lambda items: items.pop("Doc_0/PublicRes.xml")), NO_OCR)
    assert e.meta("ofd.signature") == "invalid" and e.meta("ofd.seal") is None
    assert any("a signed file is missing" in w for w in e.warnings)


def test_ofd_unsealed_multipage_and_picture(tmp_path: Path) -> None:
    long_doc = sample_doc(seed=3, rows=60)  # the roster runs over to a second page
    png = io.BytesIO()
    page_image(sample_doc(seed=8), "png", dpi=110).save(png, format="PNG")
    p = tmp_path / "b.ofd"
    p.write_bytes(ofd_bytes(long_doc, seal=False, image=png.getvalue()))
    e = extract_in_process(p, Config())
    assert e.meta("ofd.seal") is None
    assert e.pages == 2
    text_tables = [t for t in e.tables if not t.ocr]
    assert sum(1 for t in text_tables for r in t.rows if r[0].isdigit()) == 60
    assert {t.page for t in text_tables} == {1, 2}
    assert e.ocr_used and "交办单" in "".join(
        b.text for b in e.blocks if b.kind == BlockKind.OCR_LINE
    )


def test_ofd_hostile(tmp_path: Path, doc: Doc) -> None:
    good = ofd_bytes(doc)
    zf = zipfile.ZipFile(io.BytesIO(good))
    items = {n: zf.read(n) for n in zf.namelist()}

    def rezip(changes: dict[str, bytes | None]) -> Path:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n, b in {**items, **changes}.items():
                if b is not None:
                    z.writestr(n, b)
        p = tmp_path / f"h{len(list(tmp_path.iterdir()))}.ofd"
        p.write_bytes(out.getvalue())
        return p

    lol = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><ofd:OFD>&a;</ofd:OFD>'
    with pytest.raises(CorruptFile, match="DTD"):
        extract_in_process(rezip({"OFD.xml": lol}), NO_OCR)
    with pytest.raises(CorruptFile, match="missing"):
        extract_in_process(rezip({"Doc_0/Document.xml": None}), NO_OCR)
    with pytest.raises(EncryptedFile):
        extract_in_process(rezip({"Doc_0/Encryptions.xml": b"<x/>"}), NO_OCR)
    bomb = rezip({"Doc_0/Pages/Page_0/Content.xml": b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>"})
    with pytest.raises(TooLarge, match="bomb"):
        extract_in_process(bomb, cfg(archive_ratio=50))
    with pytest.raises(CorruptFile):
        extract_in_process(_truncated(rezip({}), tmp_path), NO_OCR)


def _truncated(p: Path, tmp_path: Path) -> Path:
    data = p.read_bytes()
    out = tmp_path / f"cut-{p.name}"
    out.write_bytes(data[: len(data) // 2])
    return out


# ---------------------------------------------------------------- true type by content


def test_true_type_by_content(legacy_samples: dict[str, Path], tmp_path: Path, doc: Doc) -> None:
    renamed = tmp_path / "报告.pdf"  # a .doc renamed .pdf
    shutil.copyfile(legacy_samples["doc"], renamed)
    assert sniff(renamed) == mt.DOC
    assert doc.title in _body(extract_in_process(renamed, NO_OCR))
    wps = tmp_path / "通知.wps"  # WPS saving in OOXML under its own name
    write(doc, wps, "docx")
    assert extract_in_process(wps, NO_OCR).source.media_type == mt.DOCX
    fake = tmp_path / "公文.ofd"  # an .ofd that is really a zip of something else
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("名单.csv", "姓名,身份证号\n张三,110101199003074514\n")
    e = extract_in_process(fake, NO_OCR)
    assert e.source.media_type == mt.ZIP
    assert e.members[0].tables[0].rows[1] == ("张三", "110101199003074514")
    ppt_as_doc = tmp_path / "x.doc"  # a .ppt renamed .doc is read as a presentation
    shutil.copyfile(legacy_samples["ppt"], ppt_as_doc)
    assert sniff(ppt_as_doc) == mt.PPT


# ---------------------------------------------------------------- archives


def test_7z_members_and_nesting(tmp_path: Path, doc: Doc) -> None:
    p = tmp_path / "材料.7z"
    write_7z(doc, p, inner="文件/通知.docx")
    e = extract_in_process(p, NO_OCR)
    assert e.source.media_type == mt.SEVENZ
    (m,) = e.members
    assert m.source.path == f"{p}!文件/通知.docx"
    assert [list(r) for r in m.tables[0].rows] == doc.tables[0]


def test_7z_encrypted_bomb_depth_truncated(tmp_path: Path, doc: Doc) -> None:
    import py7zr

    enc = tmp_path / "enc.7z"
    write_7z(doc, enc, password="secret")
    with pytest.raises(EncryptedFile):
        extract_in_process(enc, NO_OCR)
    enc_names = tmp_path / "enc-names.7z"
    with py7zr.SevenZipFile(enc_names, "w", password="secret") as z:
        z.set_encrypted_header(True)
        z.writestr(b"x", "a.txt")
    with pytest.raises(EncryptedFile):
        extract_in_process(enc_names, NO_OCR)
    bomb = tmp_path / "bomb.7z"
    with py7zr.SevenZipFile(bomb, "w") as z:
        z.writestr(bytes(30 * 1024 * 1024), "zeros.txt")
    assert bomb.stat().st_size < 100_000
    with pytest.raises(TooLarge, match="bomb"):
        extract_in_process(bomb, NO_OCR)
    with pytest.raises(TooLarge):
        extract_in_process(bomb, cfg(archive_total_mb=10, archive_ratio=1e9))
    inner = tmp_path / "l0.7z"
    write_7z(doc, inner)
    for level in range(1, 4):
        outer = tmp_path / f"l{level}.7z"
        with py7zr.SevenZipFile(outer, "w") as z:
            z.writestr(inner.read_bytes(), inner.name)
        inner = outer
    with pytest.raises(TooLarge, match="nested"):
        extract_in_process(inner, cfg(archive_depth=2))
    with pytest.raises(CorruptFile):
        extract_in_process(_truncated(tmp_path / "l0.7z", tmp_path), NO_OCR)


def test_7z_folders_read_in_order_and_encrypted_folder_skipped(tmp_path: Path) -> None:
    """Two solid folders: the first (plain) is read member by member, the second (added with a
    password) is reported per member, and the archive is still judged on what was read."""
    import py7zr

    p = tmp_path / "mixed.7z"
    with py7zr.SevenZipFile(p, "w") as z:
        z.writestr("姓名,身份证号\n张三,110101199003074514\n".encode("gbk"), "a/名单.csv")
        z.writestr("关于开展专项检查的通知".encode(), "b.txt")
    with py7zr.SevenZipFile(p, "a", password="pw") as z:
        z.writestr(b"secret", "c.txt")
    e = extract_in_process(p, NO_OCR)
    assert [m.source.path.rsplit("!", 1)[1] for m in e.members] == ["a/名单.csv", "b.txt"]
    assert e.members[0].tables[0].rows[1] == ("张三", "110101199003074514")
    assert "专项检查" in e.members[1].text()
    assert any(w.startswith("member_unreadable:encrypted:") and w.endswith("!c.txt")
               for w in e.warnings)  # fmt: skip


def test_7z_member_failing_its_crc_is_corrupt(tmp_path: Path) -> None:
    import py7zr

    p = tmp_path / "stored.7z"
    body = "关于开展专项检查的通知".encode() * 20
    with py7zr.SevenZipFile(p, "w", filters=[{"id": py7zr.FILTER_COPY}]) as z:
        z.writestr(body, "a.txt")
    data = bytearray(p.read_bytes())
    i = data.find(body)
    data[i + 5] ^= 0x01  # stored, so the change reaches the member unnoticed but for its CRC
    p.write_bytes(bytes(data))
    with pytest.raises(CorruptFile, match="CRC"):
        extract_in_process(p, NO_OCR)


def test_7z_split_into_volumes(tmp_path: Path, doc: Doc) -> None:
    """7-Zip's "split to volumes" (py7zr + multivolumefile write the same): the first part is
    named as such, later parts are no known type, the same bytes under a plain name are cut."""
    import multivolumefile
    import py7zr

    docx = write(doc, tmp_path / "x.docx", "docx").read_bytes()
    volumes = multivolumefile.open(tmp_path / "名单.7z", mode="wb", volume=len(docx) // 2)
    with volumes as vol, py7zr.SevenZipFile(vol, "w") as z:
        z.writestr(docx, "名单.docx")
    first = tmp_path / "名单.7z.0001"
    with pytest.raises(UnsupportedFormat, match="first part of a multi-volume 7z"):
        extract_in_process(first, NO_OCR)
    with pytest.raises(UnsupportedFormat, match="later part of a split archive"):
        extract_in_process(tmp_path / "名单.7z.0002", NO_OCR)
    plain = tmp_path / "名单.7z"
    shutil.copyfile(first, plain)
    with pytest.raises(CorruptFile, match="cut short"):
        extract_in_process(plain, NO_OCR)


def test_tar_tgz_and_gz(tmp_path: Path, doc: Doc) -> None:
    for name, gz in (("a.tar", False), ("a.tar.gz", True)):
        p = tmp_path / name
        write_tar(doc, p, gz=gz)
        (m,) = extract_in_process(p, NO_OCR).members
        assert m.source.path == f"{p}!通知.docx"
        assert [list(r) for r in m.tables[0].rows] == doc.tables[0]
    single = tmp_path / "名单.csv.gz"
    single.write_bytes(_gzip("姓名,身份证号\n张三,110101199003074514\n"))
    (m,) = extract_in_process(single, NO_OCR).members
    assert m.source.path.endswith("!名单.csv") and m.source.media_type == mt.CSV


def _gzip(text: str) -> bytes:
    import gzip

    return gzip.compress(text.encode("gbk"))


def test_gz_bomb_and_tar_limits(tmp_path: Path) -> None:
    import gzip

    bomb = tmp_path / "zeros.gz"
    bomb.write_bytes(gzip.compress(bytes(40 * 1024 * 1024)))
    with pytest.raises(TooLarge, match="bomb"):
        extract_in_process(bomb, NO_OCR)
    many = tmp_path / "many.tar"
    with tarfile.open(many, "w") as tf:
        for i in range(30):
            info = tarfile.TarInfo(f"f{i}.txt")
            info.size = 2
            tf.addfile(info, io.BytesIO(b"ab"))
    with pytest.raises(TooLarge, match="entries"):
        extract_in_process(many, cfg(archive_members=10))


def test_truncated_tar_member(tmp_path: Path, doc: Doc) -> None:
    p = tmp_path / "a.tar"
    write_tar(doc, p)  # one docx member: cut in the middle of its data
    with pytest.raises(CorruptFile):
        extract_in_process(_truncated(p, tmp_path), NO_OCR)


def test_rar_stored_written_here(tmp_path: Path, doc: Doc) -> None:
    docx = write(doc, tmp_path / "x.docx", "docx").read_bytes()
    p = tmp_path / "材料.rar"
    p.write_bytes(rar5_stored({"通知/名单.docx": docx}))
    e = extract_in_process(p, NO_OCR)
    assert e.source.media_type == mt.RAR
    (m,) = e.members
    assert m.source.path == f"{p}!通知/名单.docx"
    assert [list(r) for r in m.tables[0].rows] == doc.tables[0]
    bomb = tmp_path / "bomb.rar"  # declares 5 GB for a few bytes
    bomb.write_bytes(rar5_stored({"a.txt": b"abc"}, declared={"a.txt": 5 * 1024**3}))
    with pytest.raises(TooLarge):
        extract_in_process(bomb, NO_OCR)


def test_rar_volumes_written_here(tmp_path: Path) -> None:
    """A roster split over two RAR volumes (stored RAR5, written here: no free tool writes
    RAR): each volume alone is reported as a volume, not as a damaged file; a member that lies
    whole in the first volume is still read."""
    roster = "姓名,身份证号\n张三,110101199003074514\n".encode("gbk") * 20
    half = len(roster) // 2
    size = {"名单.csv": len(roster)}
    first = tmp_path / "材料.part1.rar"
    first.write_bytes(rar5_stored({"名单.csv": roster[:half]}, size, volume=0,
                                  split={"名单.csv": 0x10}))  # fmt: skip
    second = tmp_path / "材料.part2.rar"
    second.write_bytes(rar5_stored({"名单.csv": roster[half:]}, size, volume=1,
                                   split={"名单.csv": 0x08}))  # fmt: skip
    with pytest.raises(UnsupportedFormat, match="volume of a multi-part RAR"):
        extract_in_process(first, NO_OCR)
    with pytest.raises(UnsupportedFormat, match="later volume"):
        extract_in_process(second, NO_OCR)
    notice = "关于开展专项检查的通知".encode()
    mixed = tmp_path / "材料2.part1.rar"
    mixed.write_bytes(rar5_stored({"通知.txt": notice, "名单.csv": roster[:half]}, size,
                                  volume=0, split={"名单.csv": 0x10}))  # fmt: skip
    e = extract_in_process(mixed, NO_OCR)
    assert [m.text() for m in e.members] == [f"通知.txt\n{notice.decode()}"]
    assert any(w.startswith("member_unreadable:unsupported:") and "名单.csv" in w
               for w in e.warnings)  # fmt: skip


def test_rar_real_samples(tmp_path: Path) -> None:
    from agent.extract.archive import rar_backend

    assert rar_backend() in ("unar", "bsdtar", "unrar", "7z", "7zz")  # scripts/test.sh installs
    for name in ("rar5-solid.rar", "rar3-solid.rar"):  # compressed: through the backend
        e = extract_in_process(RAR_DATA / name, NO_OCR)
        assert [m.source.path.rsplit("!", 1)[1] for m in e.members] == ["stest1.txt", "stest2.txt"]
        assert all(len(m.text()) > 1000 for m in e.members)
    with pytest.raises(EncryptedFile, match="every file"):
        extract_in_process(RAR_DATA / "rar5-psw.rar", NO_OCR)
    with pytest.raises(EncryptedFile, match="names"):
        extract_in_process(RAR_DATA / "rar5-hpsw.rar", NO_OCR)
    with pytest.raises(CorruptFile):
        extract_in_process(_truncated(RAR_DATA / "rar5-solid.rar", tmp_path), NO_OCR)


# ---------------------------------------------------------------- HEIC


def test_heic_photo_with_exif_orientation(tmp_path: Path) -> None:
    """An iPhone-style HEIC: pixels stored sideways with EXIF Orientation=6; the text is read
    upright and the camera metadata kept."""
    import pillow_heif
    from PIL import Image

    page_doc = sample_doc(seed=8)
    img = page_image(page_doc, "jpeg", dpi=120).convert("RGB")
    sideways = img.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 13"
    p = tmp_path / "IMG_0001.HEIC"
    pillow_heif.from_pillow(sideways).save(str(p), quality=85, exif=exif.tobytes())
    assert sniff(p) == mt.HEIC
    e = extract_in_process(p, Config())
    assert e.meta("exif.make") == "Apple"
    text = e.text().replace(" ", "")
    assert "交办单" in text
    assert page_doc.identifiers[0] in text
    with pytest.raises(CorruptFile):
        extract_in_process(_truncated(p, tmp_path), Config())


# ---------------------------------------------------------------- hostile legacy files


def _mini_chain_looped(data: bytes) -> bytes:
    """The .xls with its Workbook stream (under 4 KB: kept in the mini stream) chained from
    its last mini sector back to its first."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    start = ole.direntries[ole._find("Workbook")].isectStart
    sector, per = ole.sectorsize, ole.sectorsize // 4
    fat_sectors, s = [], ole.first_mini_fat_sector
    while s not in (olefile.ENDOFCHAIN, olefile.FREESECT) and len(fat_sectors) < 64:
        fat_sectors.append(s)
        s = ole.fat[s]
    minifat = b"".join(data[(x + 1) * sector : (x + 2) * sector] for x in fat_sectors)
    s = start
    while (nxt := struct.unpack_from("<I", minifat, 4 * s)[0]) != olefile.ENDOFCHAIN:
        s = nxt
    out = bytearray(data)
    struct.pack_into("<I", out, (fat_sectors[s // per] + 1) * sector + (s % per) * 4, start)
    return bytes(out)


def test_xls_whose_short_workbook_chain_loops_back_is_read_not_looped_forever(
    legacy_samples: dict[str, Path], doc: Doc, tmp_path: Path
) -> None:
    """xlrd follows a small workbook stream's mini-sector chain with no guard: a chain led back
    on itself kept it looping, and growing, forever (found by bench/fuzz_extract.py). Such a
    stream is read by its size instead. Through the worker, whose time and memory caps would
    end a regression as a timeout, not hang the test run."""
    from agent.extract import Extractor

    data = legacy_samples["xls"].read_bytes()
    assert len(data) < 64 * 1024  # a small workbook: its stream is in the mini stream
    p = tmp_path / "loop.xls"
    p.write_bytes(_mini_chain_looped(data))
    with Extractor(cfg(timeout_s=30.0)) as ex:
        e = ex.extract(p)
    assert tuple(doc.tables[0][1]) in [r for t in e.tables for r in t.rows]


@pytest.mark.parametrize("fmt", ["doc", "xls", "ppt"])
def test_truncated_ole_files_are_corrupt(
    legacy_samples: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    data = legacy_samples[fmt].read_bytes()
    for frac in (0.9, 0.5, 0.1):
        p = tmp_path / f"cut{int(frac * 10)}.{fmt}"
        p.write_bytes(data[: int(len(data) * frac)])
        with pytest.raises(CorruptFile):
            extract_in_process(p, NO_OCR)


def test_ppt_records_nested_without_end_are_refused(
    legacy_samples: dict[str, Path], tmp_path: Path
) -> None:
    """A PowerPoint stream of containers each holding the next (a loop in all but name)."""
    import olefile

    p = tmp_path / "deep.ppt"
    shutil.copyfile(legacy_samples["ppt"], p)
    with olefile.OleFileIO(str(p), write_mode=True) as ole:
        size = ole.get_size("PowerPoint Document")
        deep = bytearray()
        while len(deep) + 8 <= size:
            deep += struct.pack("<HHI", 0x000F, 0x03E8, size - len(deep) - 8)
        deep += bytes(size - len(deep))
        ole.write_stream("PowerPoint Document", bytes(deep))
    with pytest.raises(CorruptFile, match="nested"):
        extract_in_process(p, NO_OCR)


def test_rtf_truncated_is_read_so_far_and_deep_nesting_refused(
    legacy_samples: dict[str, Path], tmp_path: Path, doc: Doc
) -> None:
    data = legacy_samples["rtf"].read_bytes()
    cut = tmp_path / "cut.rtf"
    cut.write_bytes(data[: int(len(data) * 0.95)])
    e = extract_in_process(cut, NO_OCR)
    assert doc.title in _body(e)  # what was there is still judged
    assert any("truncated" in w for w in e.warnings)
    deep = tmp_path / "deep.rtf"
    deep.write_bytes(b"{\\rtf1 " + b"{" * 100_000 + b"x" + b"}" * 100_000 + b"}")
    with pytest.raises(CorruptFile, match="nested"):
        extract_in_process(deep, NO_OCR)
