"""Every extraction limit, one test each; and hostile or broken files: each gives a clear
ExtractionError kind, never a hang, never a dead caller."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
import zipfile
import zlib
from pathlib import Path

import pytest

from agent.config import Config, Limits
from agent.errors import (
    CorruptFile,
    EncryptedFile,
    ExtractionError,
    ExtractionTimeout,
    FileAccessError,
    TooLarge,
)
from agent.extract import Extractor, extract_in_process
from tests.docgen.render import sample_doc, write, write_pdf_pages

MB = 1024 * 1024


def cfg(engine: str = "none", **limits: object) -> Config:
    base = Config()
    return dataclasses.replace(
        base,
        limits=dataclasses.replace(Limits(), **limits),
        ocr=dataclasses.replace(base.ocr, engine=engine),
    )


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height but holds almost no data (decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# ---------------------------------------------------------------- one test per limit


def test_limit_file_size(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * (2 * MB))
    with Extractor(cfg(max_file_mb=1)) as ex, pytest.raises(TooLarge) as ei:
        ex.extract(p)
    assert ei.value.size == 2 * MB  # type: ignore[attr-defined]
    assert ex.worker_pid is None  # refused before any worker was needed


def test_limit_pages(tmp_path: Path) -> None:
    p = write_pdf_pages(sample_doc(), tmp_path / "five.pdf", pages=5)
    with pytest.raises(TooLarge, match="5 pages"):
        extract_in_process(p, cfg(max_pages=3))
    assert extract_in_process(p, cfg(max_pages=5)).pages == 5


def test_limit_pixels(tmp_path: Path) -> None:
    p = write(sample_doc(), tmp_path / "page.png", "scan-png")
    with pytest.raises(TooLarge, match="pixel"):
        extract_in_process(p, cfg(engine="tesseract", max_pixels=100_000))


def test_limit_ocr_pages_leaves_a_warning(tmp_path: Path) -> None:
    p = write(sample_doc(), tmp_path / "scan.pdf", "pdf-scan")
    e = extract_in_process(p, cfg(engine="tesseract", ocr_max_pages=0))
    assert not e.ocr_used
    assert any("OCR page limit" in w for w in e.warnings)


def test_limit_text_chars(tmp_path: Path) -> None:
    p = tmp_path / "long.txt"
    p.write_text("交办单\n" * 1000, encoding="utf-8")
    with pytest.raises(TooLarge, match="characters"):
        extract_in_process(p, cfg(max_text_chars=1000))


def test_limit_archive_depth(tmp_path: Path) -> None:
    data = "身份证号 名单".encode()
    name = "a.txt"
    for level in range(5):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(name, data)
        data, name = buf.getvalue(), f"level{level}.zip"
    p = tmp_path / "deep.zip"
    p.write_bytes(data)
    with pytest.raises(TooLarge, match="nested deeper than 3"):
        extract_in_process(p, cfg(archive_depth=3))
    assert extract_in_process(p, cfg(archive_depth=6)).members


def test_limit_archive_members(tmp_path: Path) -> None:
    p = _zip(tmp_path / "many.zip", {f"{i}.txt": b"x" for i in range(50)})
    with pytest.raises(TooLarge, match="50 entries"):
        extract_in_process(p, cfg(archive_members=10))


def test_limit_archive_ratio_flat_bomb(tmp_path: Path) -> None:
    p = _zip(tmp_path / "bomb.zip", {"zeros.txt": bytes(30 * MB)})
    assert p.stat().st_size < 100_000
    with pytest.raises(TooLarge, match="zip bomb"):
        extract_in_process(p, cfg())


def test_limit_archive_total_size(tmp_path: Path) -> None:
    rnd = os.urandom(700_000)  # incompressible: no ratio alarm, only the total
    p = _zip(tmp_path / "total.zip", {"a.bin": rnd, "b.bin": rnd[::-1]})
    with pytest.raises(TooLarge, match="expand"):
        extract_in_process(p, cfg(archive_total_mb=1.0))


def test_limit_timeout_kills_and_restarts_the_worker(tmp_path: Path) -> None:
    doc = sample_doc()
    f = write(doc, tmp_path / "a.docx", "docx")
    # 50 ms cannot cover starting a worker and importing the parsers: a stand-in for a file
    # that hangs a parser (the kill path is the same)
    ex = Extractor(cfg(timeout_s=0.05))
    try:
        with pytest.raises(ExtractionTimeout) as ei:
            ex.extract(f)
        assert ei.value.sha256 and ei.value.size == f.stat().st_size  # type: ignore[attr-defined]
        assert ex.worker_pid is None and ex.restarts == 1
        ex.config = cfg(timeout_s=60)
        assert doc.identifiers[0] in ex.extract(f).text()
    finally:
        ex.close()


def test_limit_memory_cap_stops_a_bomb_not_the_caller(tmp_path: Path) -> None:
    from PIL import Image

    p = tmp_path / "huge.png"
    Image.new("L", (9000, 8000), 255).save(p)  # 72 MP: under the pixel limit, tiny on disk
    doc = sample_doc()
    ok = write(doc, tmp_path / "ok.docx", "docx")
    with Extractor(cfg(engine="tesseract", memory_mb=400, max_pixels=80_000_000)) as ex:
        with pytest.raises(TooLarge, match="memory"):
            ex.extract(p)
        assert doc.identifiers[0] in ex.extract(ok).text()  # a fresh worker serves the next one


# ---------------------------------------------------------------- hostile and broken files


def test_nested_zip_bomb(tmp_path: Path) -> None:
    """42.zip-style: each level holds 16 copies of the level below."""
    data = bytes(2 * MB)
    name = "zeros.bin"
    for level in range(3):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(16):
                zf.writestr(f"{i}_{name}", data)
        data, name = buf.getvalue(), f"l{level}.zip"
    p = tmp_path / "42.zip"
    p.write_bytes(data)
    with Extractor(cfg()) as ex, pytest.raises(TooLarge):
        ex.extract(p)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
).replace("&lol0;", "&lol;")


def _strip_decl(xml: str) -> str:
    return xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml


def test_docx_entity_expansion_is_refused(tmp_path: Path) -> None:
    p = write(sample_doc(), tmp_path / "a.docx", "docx")
    with zipfile.ZipFile(p) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    body = items["word/document.xml"].decode()
    body = body.split("?>", 1)[1].replace(
        "<w:body>", "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    )
    items["word/document.xml"] = (BILLION_LAUGHS + body).encode()
    _zip(p, items)
    with pytest.raises(CorruptFile, match="DTD"):
        extract_in_process(p, cfg())


def test_xlsx_entity_expansion_is_refused(tmp_path: Path) -> None:
    p = write(sample_doc(), tmp_path / "a.xlsx", "xlsx")
    with zipfile.ZipFile(p) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    name = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in items else "xl/workbook.xml"
    xml = _strip_decl(items[name].decode())
    items[name] = (BILLION_LAUGHS + xml).encode()
    _zip(p, items)
    with Extractor(cfg()) as ex, pytest.raises(CorruptFile, match="DTD"):
        ex.extract(p)


def test_gigantic_docx_xml(tmp_path: Path) -> None:
    p = write(sample_doc(), tmp_path / "a.docx", "docx")
    with zipfile.ZipFile(p) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    items["word/document.xml"] = items["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + para * 1_500_000
    )
    _zip(p, items)
    with Extractor(cfg()) as ex, pytest.raises(TooLarge):
        ex.extract(p)


def test_image_with_huge_declared_dimensions(tmp_path: Path) -> None:
    p = tmp_path / "bomb.png"
    p.write_bytes(_png_header_only(100_000, 100_000))
    with Extractor(cfg(engine="tesseract")) as ex, pytest.raises(TooLarge, match="pixel"):
        ex.extract(p)


def test_truncated_and_malformed_pdfs(tmp_path: Path) -> None:
    doc = sample_doc()
    good = write(doc, tmp_path / "good.pdf", "pdf").read_bytes()
    cases = {
        "header-only.pdf": b"%PDF-1.4\n",
        "garbage.pdf": b"%PDF-1.7\n" + os.urandom(5000),
        "truncated.pdf": good[: len(good) // 3],
        "no-xref.pdf": good.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx"),
        "loop.pdf": (
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n"
        ),
    }
    with Extractor(cfg()) as ex:
        for name, data in cases.items():
            p = tmp_path / name
            p.write_bytes(data)
            try:
                e = ex.extract(p)
            except ExtractionError as err:
                assert err.kind == "corrupt", (name, err)
            else:  # pdfium repaired it: then the text must be the real text
                assert doc.identifiers[0] in e.text(), name
        # the worker is still serving
        ok = tmp_path / "good.pdf"
        ok.write_bytes(good)
        assert doc.identifiers[0] in ex.extract(ok).text()


def test_pdf_with_thousands_of_pages(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(3000):
        pdf.new_page(595, 842)
    p = tmp_path / "thousands.pdf"
    pdf.save(str(p))
    pdf.close()
    with Extractor(cfg()) as ex, pytest.raises(TooLarge, match="3000 pages"):
        ex.extract(p)


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt=pdfencrypt.StandardEncryption("user-pw", "owner-pw"))
    c.drawString(100, 700, "secret")
    c.save()
    with Extractor(cfg()) as ex, pytest.raises(EncryptedFile):
        ex.extract(p)


def test_password_protected_docx(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write(sample_doc(), tmp_path / "plain.docx", "docx")
    enc = tmp_path / "locked.docx"
    with open(plain, "rb") as f, open(enc, "wb") as out:
        OOXMLFile(f).encrypt("pw", out)
    with Extractor(cfg()) as ex, pytest.raises(EncryptedFile):
        ex.extract(enc)


def test_encrypted_zip(tmp_path: Path) -> None:
    p = _zip(tmp_path / "a.zip", {"a.txt": b"hello"})
    raw = bytearray(p.read_bytes())
    # set the "encrypted" flag bit in the local and central headers
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = raw.find(sig)
        raw[i + off] |= 0x1
    p.write_bytes(bytes(raw))
    with pytest.raises(EncryptedFile):
        extract_in_process(p, cfg())


def test_vanished_file_and_directory(tmp_path: Path) -> None:
    with Extractor(cfg()) as ex:
        with pytest.raises(FileAccessError, match="vanished"):
            ex.extract(tmp_path / "gone.docx")
        with pytest.raises(FileAccessError, match="regular"):
            ex.extract(tmp_path)


def test_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(FileAccessError, match="regular"):
        extract_in_process(fifo, cfg())


def test_symlinks(tmp_path: Path) -> None:
    doc = sample_doc()
    target = write(doc, tmp_path / "real.docx", "docx")
    link = tmp_path / "link.docx"
    link.symlink_to(target)
    assert doc.identifiers[0] in extract_in_process(link, cfg()).text()
    loop_a, loop_b = tmp_path / "a", tmp_path / "b"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    with pytest.raises(FileAccessError, match="loop"):
        extract_in_process(loop_a, cfg())
    dangling = tmp_path / "dangling.docx"
    dangling.symlink_to(tmp_path / "nowhere.docx")
    with pytest.raises(FileAccessError):
        extract_in_process(dangling, cfg())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    p = write(sample_doc(), tmp_path / "a.docx", "docx")
    p.chmod(0)
    with pytest.raises(FileAccessError, match="permission"):
        extract_in_process(p, cfg())


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and util-linux setpriv"
)
def test_permission_denied_as_root_without_dac_override(tmp_path: Path) -> None:
    """CI runs as root, who reads any file; drop the two capabilities that let it, as an agent
    running for an ordinary user would be, and the same file must be reported, not crash."""
    p = write(sample_doc(), tmp_path / "a.docx", "docx")
    p.chmod(0)
    shareguard = Path(sys.executable).with_name("shareguard")
    r = subprocess.run(
        [
            "setpriv",
            "--bounding-set=-dac_override,-dac_read_search",
            str(shareguard),
            "scan",
            "--format",
            "jsonl",
            str(p),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    row = json.loads(r.stdout.strip().splitlines()[-1])
    assert row["verdict"] == "unreadable", r.stderr
    assert row["error_kind"] == "access" and "permission" in row["error"]


def test_file_changing_while_read(tmp_path: Path) -> None:
    p = tmp_path / "growing.txt"
    p.write_bytes(b"x" * (40 * MB))
    stop = threading.Event()

    def writer() -> None:
        with open(p, "ab") as f:
            while not stop.is_set():
                f.write(b"y" * 4096)
                f.flush()

    t = threading.Thread(target=writer)
    t.start()
    try:
        with pytest.raises((FileAccessError, TooLarge)) as ei:
            extract_in_process(p, cfg(max_file_mb=100))
    finally:
        stop.set()
        t.join()
    assert ei.value.kind in ("access", "too_large")


def test_odd_bytes_in_file_names(tmp_path: Path) -> None:
    doc = sample_doc()
    src = write(doc, tmp_path / "a.docx", "docx")
    odd = os.path.join(os.fsencode(tmp_path), b"\xff\xfe\xe5\x90\x8d\n\x01.docx")
    os.rename(src, odd)
    e = extract_in_process(os.fsdecode(odd), cfg())
    assert doc.identifiers[0] in e.text()
    name = e.blocks[0].text
    name.encode("utf-8")  # printable as UTF-8: no lone surrogates in what we hand on
