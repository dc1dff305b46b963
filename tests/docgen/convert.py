"""Writers for the formats Chinese offices send that the Python libraries cannot write directly.

- `doc`, `wps`: LibreOffice headless converts the `docx` to Word 97 (`.wps` is the same bytes:
  WPS Writer saves Word 97). Twin: `docx`.
- `rtf`: LibreOffice, `docx` → RTF. Twin: `docx`.
- `xls`, `et`: LibreOffice, `xlsx` → Excel 97 (BIFF8; WPS Spreadsheets' `.et` is BIFF8 too).
  Twin: `xlsx`.
- `pptx`: python-pptx, slides of text boxes (one per line, header/footer boxes) and table slides.
- `ppt`, `dps`: LibreOffice, `pptx` → PowerPoint 97. Twin: `pptx`.
- `ofd`: built by hand from GB/T 33190-2016: OFD.xml (DocInfo), Document.xml, pages of
  TextObjects (table cells at column positions), a signature with a seal. Twin: `pdf`.
- `7z`: py7zr, the `docx` inside a 7z, with 7-Zip's own default settings for a document
  (`sevenzip_defaults`: LZMA2 level 5, no BCJ, dictionary cut to the data; py7zr's own default,
  BCJ x86 + LZMA2 preset 7, is what 7-Zip uses only for programs); `tar`, `tgz`: tarfile, the
  same in a tar / tar.gz.
  Twin: `zip` (zipfile, the same `docx` in a zip: the archive format read before).
- `heic`: pillow-heif, the clean page image (as `jpeg`) encoded as HEIC. Twin: `jpeg`.

LibreOffice is slow to start (seconds), so `convert_many` converts a whole batch in one
`soffice --convert-to` call with a private profile; `write()` of one file works but pays the
start-up each time.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.docgen.doc import Doc

# fmt → (source format written first, LibreOffice filter target, extension LibreOffice writes)
LEGACY = {
    "doc": ("docx", "doc:MS Word 97", ".doc"),
    "wps": ("docx", "doc:MS Word 97", ".doc"),
    "rtf": ("docx", "rtf", ".rtf"),
    "xls": ("xlsx", "xls:MS Excel 97", ".xls"),
    "et": ("xlsx", "xls:MS Excel 97", ".xls"),
    "ppt": ("pptx", "ppt:MS PowerPoint 97", ".ppt"),
    "dps": ("pptx", "ppt:MS PowerPoint 97", ".ppt"),
}
TWIN = {
    "doc": "docx",
    "wps": "docx",
    "rtf": "docx",
    "xls": "xlsx",
    "et": "xlsx",
    "ppt": "pptx",
    "dps": "pptx",
    "ofd": "pdf",
    "7z": "zip",
    "tar": "zip",
    "tgz": "zip",
    "heic": "jpeg",
}
EXT = {"tgz": ".tar.gz", "heic": ".heic"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_many(sources: Sequence[Path], target: str, outdir: Path, timeout: float = 600) -> None:
    """Convert every file in `sources` with one LibreOffice run (`target` as for
    `--convert-to`, e.g. "doc:MS Word 97"); outputs land in `outdir` under the same stem."""
    exe = soffice()
    if exe is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sg-lo-profile-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=profile)
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout, env=env)


def write_legacy_many(jobs: Sequence[tuple[Doc, Path]], fmt: str) -> list[Path]:
    """Write each (doc, destination) as `fmt` (a LEGACY key) with one LibreOffice run."""
    from tests.docgen.render import write

    src_fmt, target, lo_ext = LEGACY[fmt]
    with tempfile.TemporaryDirectory(prefix="sg-lo-src-") as td:
        tdir = Path(td)
        sources = []
        for i, (doc, _) in enumerate(jobs):
            src = tdir / f"f{i:05d}.{src_fmt}"
            write(doc, src, src_fmt)
            sources.append(src)
        out = tdir / "out"
        convert_many(sources, target, out)
        results = []
        for i, (_, dest) in enumerate(jobs):
            produced = out / f"f{i:05d}{lo_ext}"
            if not produced.exists():
                raise RuntimeError(f"LibreOffice did not write {produced.name} ({fmt})")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(produced, dest)
            results.append(dest)
    return results


def write_legacy(doc: Doc, path: Path, fmt: str) -> None:
    write_legacy_many([(doc, path)], fmt)


# ---------------------------------------------------------------- password to open

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub SaveOne(src As String, dst As String, flt As String, pw As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, args())
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = flt
  out(1).Name = "Password"
  out(1).Value = pw
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub

Sub Main
{calls}
End Sub
</script:module>
"""


def save_with_password(
    jobs: Sequence[tuple[Path, Path, str]], password: str, timeout: float = 300
) -> None:
    """LibreOffice's "password to open": each (source, destination, filter name, e.g.
    "MS Excel 97") is loaded and stored with the `Password` property, the way the Save As
    dialog does. Debian's LibreOffice 7.4 ignores a password given as `--convert-to` filter
    options, so a Basic macro in a private profile does it (one LibreOffice run for all jobs).
    Its PowerPoint 97 export ignores the password: see `mark_ppt_encrypted`."""
    from xml.sax.saxutils import escape

    exe = soffice()
    if exe is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")

    def basic(s: str) -> str:
        return escape('"' + s.replace('"', '""') + '"')

    calls = "\n".join(
        f"  SaveOne({basic(str(src))}, {basic(str(dst))}, {basic(flt)}, {basic(password)})"
        for src, dst, flt in jobs
    )
    with tempfile.TemporaryDirectory(prefix="sg-lo-profile-") as profile:
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=profile)
        base = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        # the first start lays out the profile (and its Standard Basic library) ...
        subprocess.run([*base, "--terminate_after_init"], check=True, capture_output=True,
                       timeout=timeout, env=env)  # fmt: skip
        module = Path(profile) / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(_MACRO.replace("{calls}", calls), encoding="utf-8")
        # ... the second runs the macro from it ("My Macros" are trusted)
        subprocess.run([*base, "--invisible", "macro:///Standard.Module1.Main"], check=True,
                       capture_output=True, timeout=timeout, env=env)  # fmt: skip
    for _, dst, flt in jobs:
        if not dst.exists():
            raise RuntimeError(f"LibreOffice did not write {dst.name} ({flt}) with a password")


def mark_ppt_encrypted(src: Path, dest: Path, seed: int = 0) -> Path:
    """A .ppt as PowerPoint's "password to open" leaves it, for what a reader meets first: the
    Current User stream's headerToken says encrypted (0xF3D1C4DF, [MS-PPT] 2.3.2) and the
    PowerPoint Document stream is ciphertext (RC4 under a random key here: the reader never
    decrypts, so the key derivation does not matter). Built by hand because no free tool here
    writes an encrypted .ppt (LibreOffice's PowerPoint 97 export ignores the password)."""
    import random

    import olefile
    from Cryptodome.Cipher import ARC4

    shutil.copyfile(src, dest)
    with olefile.OleFileIO(str(dest), write_mode=True) as ole:
        cu = bytearray(ole.openstream("Current User").read())
        cu[12:16] = (0xF3D1C4DF).to_bytes(4, "little")
        ole.write_stream("Current User", bytes(cu))
        body = ole.openstream("PowerPoint Document").read()
        key = random.Random(seed).randbytes(16)
        ole.write_stream("PowerPoint Document", ARC4.new(key).encrypt(body))
    return dest


# ---------------------------------------------------------------- pptx


def write_pptx(doc: Doc, path: Path) -> None:
    """One slide per 12 lines (a text box each, header and footer boxes at top and bottom),
    then the tables as pptx tables on their own slides (14 rows a slide)."""
    from pptx import Presentation
    from pptx.util import Mm, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Mm(297), Mm(210)
    blank = prs.slide_layouts[6]
    lines = [*doc.preamble, *([doc.title] if doc.title else []), *doc.paragraphs, *doc.closing]

    def box(slide, text: str, top_mm: float, height_mm: float = 12) -> None:
        tb = slide.shapes.add_textbox(Mm(15), Mm(top_mm), Mm(267), Mm(height_mm))
        tf = tb.text_frame
        tf.word_wrap = True
        tf.text = text
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(12)

    chunks = [lines[i : i + 12] for i in range(0, len(lines), 12)] or [[]]
    for chunk in chunks:
        slide = prs.slides.add_slide(blank)
        if doc.header:
            box(slide, doc.header, 3, 8)
        for k, line in enumerate(chunk):
            box(slide, line, 14 + 14 * k)
        if doc.footer:
            box(slide, doc.footer, 198, 8)
    for table in doc.tables:
        if not table:
            continue
        for start in range(0, len(table), 14):
            rows = table[start : start + 14]
            if start:
                rows = [table[0], *rows]
            slide = prs.slides.add_slide(blank)
            ncols = max(len(r) for r in rows)
            shape = slide.shapes.add_table(len(rows), ncols, Mm(10), Mm(10), Mm(277), Mm(8))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    shape.table.cell(i, j).text = cell
                    for p in shape.table.cell(i, j).text_frame.paragraphs:
                        for r in p.runs:
                            r.font.size = Pt(10)
    if doc.author:
        prs.core_properties.author = doc.author
    if doc.title:
        prs.core_properties.title = doc.title
    prs.save(str(path))


# ---------------------------------------------------------------- OFD (GB/T 33190-2016)

_OFD_NS = "http://www.ofdspec.org/2016"


def _x(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _width(text: str, size: float) -> float:
    return sum(size if ord(c) > 0x2E7F else size * 0.55 for c in text)


def ofd_bytes(doc: Doc, *, seal: bool = True, image: bytes | None = None) -> bytes:
    """A one-or-more-page OFD package of `doc`: text lines top to bottom, tables as one
    TextObject per cell at column positions, optionally a signature with a seal file and a
    page image (`image`: PNG bytes) referenced from DocumentRes."""
    import zipfile

    size = 4.2  # mm, about 12 pt
    objs: list[list[str]] = [[]]
    y = 20.0
    uid = 10

    def add(x: float, text: str) -> None:
        nonlocal uid
        uid += 1
        w = max(5.0, len(text) * size)
        objs[-1].append(
            f'<ofd:TextObject ID="{uid}" Boundary="{x:.1f} {y:.1f} {w:.1f} {size * 1.4:.1f}" '
            f'Font="2" Size="{size}"><ofd:TextCode X="0" Y="{size:.1f}">{_x(text)}'
            "</ofd:TextCode></ofd:TextObject>"
        )

    def next_line(step: float = 7.0) -> None:
        nonlocal y
        y += step
        if y > 270:
            objs.append([])
            y = 20.0

    if doc.header:
        add(20, doc.header)
        next_line(10)
    for line in [*doc.preamble, *([doc.title] if doc.title else []), *doc.paragraphs]:
        for k in range(0, max(1, len(line)), 38):  # wrap at the text width
            add(20, line[k : k + 38])
            next_line()
    for table in doc.tables:
        ncols = max((len(r) for r in table), default=0)
        widths = [max(_width(r[j], size) if j < len(r) else 0 for r in table) for j in range(ncols)]
        xs, x = [], 15.0
        for w in widths:
            xs.append(x)
            x += w + 6  # cell padding and rule: ~3 mm each side
        for row in table:
            for j, cell in enumerate(row):
                if cell:
                    add(xs[j], cell)
            next_line()
    for line in doc.closing:
        add(110, line)
        next_line()
    if doc.footer:
        y = max(y, 280.0)
        add(100, doc.footer)
    files: dict[str, bytes] = {}
    pages_xml = []
    for n, page_objs in enumerate(objs):
        extra = ""
        if image is not None and n == 0:
            extra = (
                '<ofd:ImageObject ID="9" ResourceID="5" Boundary="20 150 170 100" '
                'CTM="170 0 0 100 0 0"/>'
            )
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}">'
            '<ofd:Content><ofd:Layer ID="3">' + "".join(page_objs) + extra + "</ofd:Layer>"
            "</ofd:Content></ofd:Page>"
        ).encode()
        pages_xml.append(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
    media = ""
    if image is not None:
        media = (
            '<ofd:MultiMedias><ofd:MultiMedia ID="5" Type="Image">'
            "<ofd:MediaFile>Image_5.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>"
        )
        files["Doc_0/Res/Image_5.png"] = image
    files["Doc_0/DocumentRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res">'
        f"{media}</ofd:Res>"
    ).encode()
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res">'
        '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    ).encode()
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}">'
        "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>"
        "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>"
        f"<ofd:Pages>{''.join(pages_xml)}</ofd:Pages></ofd:Document>"
    ).encode()
    signatures = ""
    if seal:
        signatures = "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
        files["Doc_0/Signs/Signatures.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="{_OFD_NS}">'
            '<ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" '
            'BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>'
        ).encode()
        files["Doc_0/Signs/Sign_0/Signature.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="{_OFD_NS}">'
            '<ofd:SignedInfo><ofd:Provider ProviderName="测试签章组件" Version="1.0"/>'
            "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>"
            "<ofd:SignatureDateTime>20240305120000Z</ofd:SignatureDateTime>"
            f"{_ofd_references(files)}"
            "<ofd:Seal><ofd:BaseLoc>Seal.esl</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo>"
            "<ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>"
        ).encode()
        files["Doc_0/Signs/Sign_0/Seal.esl"] = b"0\x82\x01\x00" + bytes(64)
        files["Doc_0/Signs/Sign_0/SignedValue.dat"] = bytes(64)
    info = "<ofd:DocID>0f1e2d3c4b5a69788796a5b4c3d2e1f0</ofd:DocID>"
    if doc.title:
        info += f"<ofd:Title>{_x(doc.title)}</ofd:Title>"
    if doc.author:
        info += f"<ofd:Author>{_x(doc.author)}</ofd:Author>"
    info += "<ofd:CreationDate>2024-03-05</ofd:CreationDate><ofd:Creator>docgen</ofd:Creator>"
    ofd_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" '
        f'DocType="OFD"><ofd:DocBody><ofd:DocInfo>{info}</ofd:DocInfo>'
        f"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{signatures}</ofd:DocBody></ofd:OFD>"
    ).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", ofd_xml)
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _ofd_references(files: dict[str, bytes]) -> str:
    """The signed files' SM3 digests as a signature lists them (GB/T 33190-2016 18.2.2): every
    XML part written so far (pages, Document.xml, resources), not the signature parts."""
    import base64
    import hashlib

    refs = "".join(
        f'<ofd:Reference FileRef="/{name}"><ofd:CheckValue>'
        f"{base64.b64encode(hashlib.new('sm3', body).digest()).decode()}"
        "</ofd:CheckValue></ofd:Reference>"
        for name, body in files.items()
        if name.endswith(".xml") and "/Signs/" not in name
    )
    return f'<ofd:References CheckMethod="1.2.156.10197.1.401">{refs}</ofd:References>'


def write_ofd(doc: Doc, path: Path) -> None:
    path.write_bytes(ofd_bytes(doc))


# ---------------------------------------------------------------- archives and HEIC


def _docx_bytes(doc: Doc) -> bytes:
    from tests.docgen.render import write

    with tempfile.TemporaryDirectory() as td:
        return write(doc, Path(td) / "x.docx", "docx").read_bytes()


def sevenzip_defaults(size: int) -> list[dict]:
    """The filters 7-Zip (26.02, checked with `7zz a`) writes for a document at its default level
    5 ("Normal"): LZMA2 alone (its BCJ filter only for programs), and its 16 MB dictionary cut to
    the data's size (the smallest 2^n or 3*2^n at least that large)."""
    import lzma

    sizes = (k << n for n in range(11, 23) for k in (2, 3))  # 4 KB, 6 KB, 8 KB ... 12 MB
    dict_size = next((d for d in sizes if d >= size), 16 << 20)
    return [{"id": lzma.FILTER_LZMA2, "preset": 5, "dict_size": dict_size}]


def write_7z(doc: Doc, path: Path, inner: str = "通知.docx", password: str | None = None) -> None:
    import py7zr

    data = _docx_bytes(doc)
    filters = sevenzip_defaults(len(data))
    if password:  # 7-Zip's "password to open": AES-256 over the same LZMA2
        filters.append({"id": py7zr.FILTER_CRYPTO_AES256_SHA256})
    with py7zr.SevenZipFile(path, "w", filters=filters, password=password) as z:
        if password:
            z.set_encrypted_header(False)
        z.writestr(data, inner)


def write_zip(doc: Doc, path: Path, inner: str = "通知.docx") -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(inner, _docx_bytes(doc))


def write_tar(doc: Doc, path: Path, gz: bool = False, inner: str = "通知.docx") -> None:
    data = _docx_bytes(doc)
    with tarfile.open(path, "w:gz" if gz else "w") as tf:
        info = tarfile.TarInfo(inner)
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))


def _vint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def rar5_stored(
    files: dict[str, bytes],
    declared: dict[str, int] | None = None,
    *,
    volume: int | None = None,
    split: dict[str, int] | None = None,
) -> bytes:
    """A RAR5 archive of stored (uncompressed) files, written from the RAR5 format
    description (no free tool writes RAR): signature, main header, a file header + data per
    file, end header. `declared` overrides a file's declared unpacked size (hostile tests).
    `volume` makes it volume N (0 = the first) of a multi-volume set; `split` then marks a
    file's data area as continuing from the previous volume (0x08) and/or in the next (0x10)."""
    import struct
    import zlib

    def header(body: bytes) -> bytes:
        size = _vint(len(body))
        return struct.pack("<I", zlib.crc32(size + body)) + size + body

    out = bytearray(b"Rar!\x1a\x07\x01\x00")
    if volume is None:
        out += header(_vint(1) + _vint(0) + _vint(0))
    elif volume == 0:
        out += header(_vint(1) + _vint(0) + _vint(0x01))  # a volume, the first: no number
    else:
        out += header(_vint(1) + _vint(0) + _vint(0x03) + _vint(volume))  # volume number N
    for name, data in files.items():
        raw = name.encode()
        size = (declared or {}).get(name, len(data))
        out += header(
            _vint(2) + _vint(0x02 | (split or {}).get(name, 0)) + _vint(len(data))  # data area
            + _vint(0x04) + _vint(size) + _vint(0x20)  # CRC present, unpacked size, attrs
            + struct.pack("<I", zlib.crc32(data)) + _vint(0) + _vint(0)  # stored, Windows
            + _vint(len(raw)) + raw
        )  # fmt: skip
        out += data
    out += header(_vint(5) + _vint(0) + _vint(0))
    return bytes(out)


def write_heic(doc: Doc, path: Path, dpi: int = 200, seed: int = 0) -> None:
    import pillow_heif

    from tests.docgen.render import page_image

    img = page_image(doc, "jpeg", dpi=dpi, seed=seed)
    heif = pillow_heif.from_pillow(img.convert("RGB"))
    heif.save(str(path), quality=90)


def legacy_samples(folder: Path, doc: Doc, image_doc: Doc | None = None) -> dict[str, Path]:
    """`doc` as every LibreOffice-made format (`doc wps rtf xls et ppt dps`, 4 LibreOffice
    runs), password-protected .doc/.xls/.ppt (`doc-encrypted` etc., 2 more short runs), plus,
    when `image_doc` is given, `doc-image` (a .doc whose only content is a photo of
    `image_doc`'s page) and a last .ppt/.dps slide holding that photo. `.wps`/`.et`/`.dps` are
    the .doc/.xls/.ppt bytes under WPS's names. `docx-with-xlsx`/`-docx` are a covering note
    with `doc` inserted as an object (an Excel sheet, a Word document), `doc-with-*` the same
    as .doc."""
    from tests.docgen.render import write

    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    src = folder / "src"
    src.mkdir(exist_ok=True)
    words = [write(doc, src / "sample.docx", "docx")]
    if image_doc is not None:
        words.append(write(image_doc, src / "sample-image.docx", "docx-image", dpi=150))
    # a covering note with `doc` inserted as an object: as an Excel sheet, as a Word document
    host = write(
        Doc(title="关于转发材料的说明", paragraphs=["附件见插入的对象。"]), src / "h.docx", "docx"
    )
    for kind in ("xlsx", "docx"):
        payload = write(doc, src / f"payload.{kind}", kind).read_bytes()
        twin = folder / f"sample-with-{kind}.docx"
        twin.write_bytes(docx_with_embedded(host.read_bytes(), payload, kind))
        out[f"docx-with-{kind}"] = twin
        words.append(twin)
        out[f"doc-with-{kind}"] = folder / f"sample-with-{kind}.doc"
    convert_many(words, LEGACY["doc"][1], folder)
    convert_many(words[:1], LEGACY["rtf"][1], folder)
    convert_many([write(doc, src / "sample.xlsx", "xlsx")], LEGACY["xls"][1], folder)
    pptx = write(doc, src / "sample.pptx", "pptx")
    if image_doc is not None:  # a last slide holding only a photo of a page (OCR)
        from pptx import Presentation
        from pptx.util import Mm

        from tests.docgen.render import page_image

        photo = src / "page.png"
        page_image(image_doc, "png", dpi=110).save(photo)
        prs = Presentation(str(pptx))
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_picture(str(photo), Mm(10), Mm(10), height=Mm(190))
        prs.save(str(pptx))
    convert_many([pptx], LEGACY["ppt"][1], folder)
    for fmt, made in (("doc", "doc"), ("rtf", "rtf"), ("xls", "xls"), ("ppt", "ppt")):
        out[fmt] = folder / f"sample.{made}"
    # "password to open" (x): LibreOffice encrypts .doc (RC4) and .xls (FILEPASS, RC4
    # CryptoAPI); the encrypted .ppt is marked by hand from LibreOffice's
    out["doc-encrypted"] = folder / "sample-encrypted.doc"
    out["xls-encrypted"] = folder / "sample-encrypted.xls"
    save_with_password(
        [
            (words[0], out["doc-encrypted"], "MS Word 97"),
            (src / "sample.xlsx", out["xls-encrypted"], "MS Excel 97"),
        ],
        "x",
    )
    out["ppt-encrypted"] = mark_ppt_encrypted(out["ppt"], folder / "sample-encrypted.ppt")
    for fmt, same in (("wps", "doc"), ("et", "xls"), ("dps", "ppt")):
        out[fmt] = folder / f"sample.{fmt}"
        shutil.copyfile(out[same], out[fmt])
    if image_doc is not None:
        out["doc-image"] = folder / "sample-image.doc"
    for fmt, p in out.items():
        if not p.exists():
            raise RuntimeError(f"LibreOffice did not write the {fmt} sample")
    return out


# ---------------------------------------------------------------- embedded objects

_CT = "application/vnd.openxmlformats-officedocument"
_EMBED_TYPES = {
    "xlsx": ("Excel.Sheet.12", f"{_CT}.spreadsheetml.sheet", "Microsoft_Excel_Worksheet.xlsx"),
    "docx": (
        "Word.Document.12",
        f"{_CT}.wordprocessingml.document",
        "Microsoft_Word_Document.docx",
    ),
    "doc": ("Word.Document.8", "application/msword", "Microsoft_Word_97_-_2003_Document.doc"),
}


def docx_with_embedded(host: bytes, payload: bytes, kind: str) -> bytes:
    """`host` (a docx) with `payload` (an xlsx, docx or doc) inserted as an OLE object, the
    way Word writes one (Insert > Object): a VML shape showing a preview picture and an
    `o:OLEObject` pointing at word/embeddings/. LibreOffice keeps it when it converts to .doc."""
    import zipfile

    from PIL import Image

    progid, content_type, part = _EMBED_TYPES[kind]
    preview = io.BytesIO()
    Image.new("RGB", (320, 160), "white").save(preview, "PNG")
    obj = (
        '<w:p><w:r><w:object w:dxaOrig="6400" w:dyaOrig="3200">'
        '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:320pt;height:160pt" o:ole="">'
        '<v:imagedata r:id="rIdPreview1" o:title=""/></v:shape>'
        f'<o:OLEObject Type="Embed" ProgID="{progid}" ShapeID="_x0000_i1025" '
        'DrawAspect="Content" ObjectID="_1700000001" r:id="rIdObject1"/></w:object></w:r></w:p>'
    )
    rels = (
        '<Relationship Id="rIdObject1" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/package" Target="embeddings/{part}"/>'
        '<Relationship Id="rIdPreview1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/image" Target="media/preview1.png"/>'
    )
    types = (
        f'<Default Extension="{kind}" ContentType="{content_type}"/>'
        '<Default Extension="png" ContentType="image/png"/>'
    )
    src = zipfile.ZipFile(io.BytesIO(host))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8").replace("<w:sectPr", obj + "<w:sectPr", 1)
                if "xmlns:v=" not in text:
                    text = text.replace(
                        "<w:document ",
                        '<w:document xmlns:v="urn:schemas-microsoft-com:vml" '
                        'xmlns:o="urn:schemas-microsoft-com:office:office" ',
                        1,
                    )
                data = text.encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", types.encode() + b"</Types>")
            dst.writestr(info, data)
        dst.writestr(f"word/embeddings/{part}", payload)
        dst.writestr("word/media/preview1.png", preview.getvalue())
    return out.getvalue()
