"""Write an abstract `Doc` to a real file in any format users share, made by the real libraries.

    from tests.docgen.render import write, FORMATS
    write(doc, tmp_path / "x.docx", "docx")

Formats (`fmt`):

| fmt | what is written |
|---|---|
| `txt` `txt-utf8sig` `txt-gbk` `txt-gb18030` `txt-utf16` | plain text, `Doc.lines()` |
| `csv` `csv-utf8sig` `csv-gbk` `csv-utf16` | the tables (or lines as one column) as CSV |
| `docx` | python-docx: body, tables, header and footer, core author/title |
| `docx-image` | a docx whose only content is a photo of the page (embedded image, needs OCR) |
| `xlsx` | openpyxl: each table on a sheet (`名单`, `名单2`...), text lines on `正文` |
| `xlsx-hidden` | as `xlsx`, with every table sheet hidden (`sheet_state = "hidden"`) |
| `pdf` | reportlab text-layer PDF with an embedded CJK TrueType font (A4) |
| `pdf-scan` | image-only PDF: the page rendered at 200 dpi, embedded as a JPEG (needs OCR) |
| `scan-png` / `png` | the clean page rendered with Pillow at 200 dpi, PNG |
| `scan-tiff` | the page as a (single-page) TIFF; `tiff-multi` writes the page twice (2 frames) |
| `jpeg` / `webp` / `bmp` | the clean page in that image format |
| `photo` | phone photo of the page: keystone, ±4°, light falloff/shadow, blur, noise, q60 |
| `photo-shadow` | `photo` with a strong diagonal shadow |
| `screenshot` | desktop screenshot: the whole page in a viewer window, 2560x1440, PNG |
| `phone-screenshot` | phone screenshot: 1080x2340, status bar, page scaled to width, PNG |
| `rot90` / `rot180` / `rot270` | the clean page rotated (pixels), PNG |
| `exif-rot` | JPEG whose pixels are rotated 90° with EXIF Orientation=6 telling viewers to fix it |
| `mirror` | the page mirrored left-right, PNG |
| `pptx` `ofd` `7z` `zip` `tar` `tgz` `heic` | see `tests/docgen/convert.py` |
| `doc` `wps` `rtf` `xls` `et` `ppt` `dps` | LibreOffice headless, see `tests/docgen/convert.py` |

`write()` accepts `seed=` so degradations are reproducible, and `dpi=` for page images. Every
function here uses only what tests already install (Pillow, numpy, python-docx, openpyxl,
reportlab). Fonts: WenQuanYi Zen Hei (TrueType, reportlab-compatible) or Noto CJK.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path

from tests.docgen.doc import Doc

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
A4_MM = (210.0, 297.0)


def cjk_font_path() -> str:
    for p in FONT_CANDIDATES:
        if Path(p).exists():
            return p
    raise FileNotFoundError("no CJK font: install fonts-wqy-zenhei or fonts-noto-cjk")


# ---------------------------------------------------------------- text / csv


def _text(doc: Doc) -> str:
    parts = []
    if doc.header:
        parts.append(doc.header)
    parts.extend(doc.lines())
    if doc.footer:
        parts.append(doc.footer)
    return "\n".join(parts) + "\n"


def _write_text(doc: Doc, path: Path, encoding: str) -> None:
    path.write_bytes(_text(doc).encode(encoding))


def _csv_rows(doc: Doc) -> list[list[str]]:
    if doc.tables:
        rows: list[list[str]] = []
        for i, table in enumerate(doc.tables):
            if i:
                rows.append([])
            rows.extend(table)
        return rows
    return [[line] for line in doc.lines()]


def _write_csv(doc: Doc, path: Path, encoding: str) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in _csv_rows(doc):
        w.writerow(row)
    path.write_bytes(buf.getvalue().encode(encoding))


# ---------------------------------------------------------------- docx


def _write_docx(doc: Doc, path: Path, image: Path | None = None) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    section = d.sections[0]
    if doc.header:
        section.header.paragraphs[0].text = doc.header
    if doc.footer:
        section.footer.paragraphs[0].text = doc.footer
    if image is not None:
        d.add_picture(str(image), width=Mm(160))
    else:
        for line in doc.preamble:
            d.add_paragraph(line)
        if doc.title:
            d.add_heading(doc.title, level=1)
        for p in doc.paragraphs:
            d.add_paragraph(p)
        for table in doc.tables:
            if not table:
                continue
            ncols = max(len(r) for r in table)
            t = d.add_table(rows=len(table), cols=ncols)
            t.style = "Table Grid"
            for i, row in enumerate(table):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
        for line in doc.closing:
            d.add_paragraph(line)
    if doc.author:
        d.core_properties.author = doc.author
    if doc.title:
        d.core_properties.title = doc.title
    d.save(str(path))


# ---------------------------------------------------------------- xlsx


def _write_xlsx(doc: Doc, path: Path, hidden: bool = False) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "正文"
    for line in [*doc.preamble, *([doc.title] if doc.title else []), *doc.paragraphs]:
        ws.append([line])
    for line in doc.closing:
        ws.append([line])
    for i, table in enumerate(doc.tables):
        sheet = wb.create_sheet("名单" if i == 0 else f"名单{i + 1}")
        for row in table:
            sheet.append(list(row))
        if hidden:
            sheet.sheet_state = "hidden"
    if doc.author:
        wb.properties.creator = doc.author
    if doc.title:
        wb.properties.title = doc.title
    wb.save(str(path))


# ---------------------------------------------------------------- pdf


def _register_reportlab_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "CJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
        if not Path(path).exists():
            raise FileNotFoundError("reportlab needs a TrueType CJK font: fonts-wqy-zenhei")
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
    return name


def _wrap(text: str, width_chars: int) -> list[str]:
    out = []
    while len(text) > width_chars:
        out.append(text[:width_chars])
        text = text[width_chars:]
    out.append(text)
    return out


def _layout(doc: Doc, width_chars: int = 36) -> list[tuple[str, str]]:
    """Reading-order (style, line) pairs shared by the PDF and page-image renderers."""
    lines: list[tuple[str, str]] = []
    for p in doc.preamble:
        lines.append(("pre", p))
    if doc.title:
        lines.extend(("title", s) for s in _wrap(doc.title, width_chars * 2 // 3))
    for p in doc.paragraphs:
        lines.extend(("body", s) for s in _wrap("\u3000\u3000" + p, width_chars))
    for table in doc.tables:
        for row in table:
            lines.append(("row", "\t".join(row)))
        lines.append(("body", ""))
    for p in doc.closing:
        lines.append(("close", p))
    return lines


def _write_pdf(doc: Doc, path: Path, pages: int = 1) -> None:
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = _register_reportlab_font()
    w, h = A4_MM[0] * mm, A4_MM[1] * mm
    c = canvas.Canvas(str(path), pagesize=(w, h))
    if doc.title:
        c.setTitle(doc.title)
    if doc.author:
        c.setAuthor(doc.author)
    size = 12
    lines = _layout(doc)

    def frame() -> None:
        c.setFont(font, 9)
        if doc.header:
            c.drawString(25 * mm, h - 15 * mm, doc.header)
        if doc.footer:
            c.drawString(25 * mm, 12 * mm, doc.footer)

    for _ in range(pages):
        y = h - 30 * mm
        frame()
        for style, line in lines:
            if y < 25 * mm:
                c.showPage()
                frame()
                y = h - 30 * mm
            if style == "title":
                c.setFont(font, 18)
                c.drawCentredString(w / 2, y, line)
                y -= 12 * mm
            elif style == "row":
                c.setFont(font, 10)
                cells = line.split("\t")
                colw = (w - 50 * mm) / max(1, len(cells))
                for i, cell in enumerate(cells):
                    c.drawString(25 * mm + i * colw, y, cell)
                y -= 7 * mm
            else:
                c.setFont(font, size)
                if style == "close":
                    c.drawRightString(w - 25 * mm, y, line)
                else:
                    c.drawString(25 * mm, y, line)
                y -= 8 * mm
        c.showPage()
    c.save()


def _write_pdf_scan(doc: Doc, path: Path, dpi: int, seed: int) -> None:
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = render_page(doc, dpi=dpi)
    buf = io.BytesIO()
    img.convert("L").save(buf, "JPEG", quality=80)
    buf.seek(0)
    w, h = A4_MM[0] * mm, A4_MM[1] * mm
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
    c.showPage()
    c.save()


# ---------------------------------------------------------------- page images


def render_page(doc: Doc, dpi: int = 200):
    """The document's first page as a Pillow RGB image of A4 paper at `dpi` (black on white)."""
    from PIL import Image, ImageDraw, ImageFont

    px = lambda mm_: round(mm_ / 25.4 * dpi)  # noqa: E731
    W, H = px(A4_MM[0]), px(A4_MM[1])
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    fp = cjk_font_path()
    pt = lambda p: ImageFont.truetype(fp, round(p / 72 * dpi))  # noqa: E731
    f_body, f_title, f_small, f_row = pt(12), pt(18), pt(9), pt(10.5)
    left, right = px(25), W - px(25)
    if doc.header:
        draw.text((left, px(12)), doc.header, font=f_small, fill="black")
        draw.line((left, px(17), right, px(17)), fill="black", width=max(1, dpi // 100))
    if doc.footer:
        draw.text((left, H - px(15)), doc.footer, font=f_small, fill="black")
    drawn = [t for t in (doc.header, doc.footer) if t]
    img.info["lines"] = drawn  # what is printed on the page, for OCR ground truth
    y = px(28)
    usable = right - left
    body_chars = max(10, int(usable / (12 / 72 * dpi)))
    for style, line in _layout(doc, width_chars=body_chars):
        if y > H - px(25):
            break
        drawn.append(line.replace("\t", ""))
        if style == "title":
            tw = draw.textlength(line, font=f_title)
            draw.text(((W - tw) / 2, y), line, font=f_title, fill="black")
            y += px(12)
        elif style == "row":
            cells = line.split("\t")
            colw = usable / max(1, len(cells))
            rh = px(8)
            for i, cell in enumerate(cells):
                x0 = left + i * colw
                draw.rectangle((x0, y - px(1.5), x0 + colw, y + rh - px(1.5)), outline="black")
                # shrink long cells to fit their column
                f = f_row
                size = f_row.size
                while draw.textlength(cell, font=f) > colw - px(2) and size > 8:
                    size -= 1
                    f = ImageFont.truetype(fp, size)
                draw.text((x0 + px(1), y), cell, font=f, fill="black")
            y += rh
        else:
            if style == "close":
                tw = draw.textlength(line, font=f_body)
                draw.text((right - tw, y), line, font=f_body, fill="black")
            else:
                draw.text((left, y), line, font=f_body, fill="black")
            y += px(8)
    return img


def page_text(doc: Doc, dpi: int = 200) -> str:
    """The characters printed on the rendered first page (a long document is cut at the page
    end), whitespace removed: the ground truth for OCR of that page's images."""
    lines = render_page(doc, dpi=dpi).info["lines"]
    return "".join("".join(lines).split())


def _phone_photo(page, rng: random.Random, shadow: float = 0.35):
    """Printed page photographed by a phone: keystone, small rotation, light falloff, blur,
    sensor noise, on a darker desk background, downscaled to a 12 MP-ish frame and saved q60."""
    import numpy as np
    from PIL import Image, ImageFilter

    W, H = page.size
    # desk background bigger than the page
    bw, bh = int(W * 1.18), int(H * 1.12)
    desk = Image.new("RGB", (bw, bh), (110 + rng.randint(-15, 15), 96, 80))
    ox, oy = (bw - W) // 2, (bh - H) // 2
    desk.paste(page, (ox, oy))
    # keystone: the top edge is narrower (camera tilted)
    k = rng.uniform(0.03, 0.07) * W
    src = [(ox, oy), (ox + W, oy), (ox + W, oy + H), (ox, oy + H)]
    dst = [(ox + k, oy + k * 0.4), (ox + W - k, oy), (ox + W, oy + H), (ox, oy + H)]
    coeffs = _perspective_coeffs(dst, src)
    img = desk.transform(
        desk.size, Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(90, 80, 70)
    )
    img = img.rotate(
        rng.uniform(-4, 4), resample=Image.BICUBIC, expand=False, fillcolor=(90, 80, 70)
    )
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # light gradient across the frame and a soft diagonal shadow
    grad = 1.0 - 0.18 * (xx / w) - 0.10 * (yy / h)
    edge = xx / w + yy / h
    cut = rng.uniform(0.8, 1.2)
    sh = 1.0 - shadow * 1.0 / (1.0 + np.exp(-(edge - cut) * 18))
    a *= (grad * sh)[..., None]
    a *= np.array([1.0, 0.97, 0.9], dtype=np.float32)  # warm cast
    nr = np.random.default_rng(rng.randint(0, 2**31))
    a += nr.normal(0, 6.0, a.shape).astype(np.float32)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    # phones save ~3000-4000 px frames
    scale = 3000 / max(img.size)
    if scale < 1:
        img = img.resize((int(img.width * scale), int(img.height * scale)), Image.LANCZOS)
    return img


def _perspective_coeffs(src, dst):
    """Coefficients for PIL's PERSPECTIVE transform mapping output `src` points to input `dst`."""
    import numpy as np

    A, B = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B.extend([u, v])
    res = np.linalg.solve(np.array(A, dtype=float), np.array(B, dtype=float))
    return tuple(float(r) for r in res)


def _desk_screenshot(page, rng: random.Random):
    """A 2560x1440 desktop: taskbar, a document viewer window showing the whole page
    ("fit page"), so every line of the page is on screen (about 18 px per character)."""
    from PIL import Image, ImageDraw

    W, H = 2560, 1440
    screen = Image.new("RGB", (W, H), (40, 70, 120))
    d = ImageDraw.Draw(screen)
    d.rectangle((0, H - 48, W, H), fill=(30, 30, 30))  # taskbar
    win = (200, 30, W - 200, H - 60)
    d.rectangle(win, fill=(235, 235, 235))
    d.rectangle((win[0], win[1], win[2], win[1] + 60), fill=(245, 245, 245))  # toolbar
    avail = win[3] - win[1] - 80
    scale = avail / page.height
    shown = page.resize((int(page.width * scale), avail), Image.LANCZOS)
    screen.paste(shown, ((W - shown.width) // 2, win[1] + 70))
    return screen


def _phone_screenshot(page, rng: random.Random):
    """A 1080x2340 phone screenshot: status bar, app title bar, the page fitted to the width."""
    from PIL import Image, ImageDraw

    screen = Image.new("RGB", (1080, 2340), (255, 255, 255))
    d = ImageDraw.Draw(screen)
    d.rectangle((0, 0, 1080, 90), fill=(245, 245, 245))
    d.rectangle((0, 90, 1080, 250), fill=(237, 237, 237))
    scale = 1080 / page.width
    shown = page.resize((1080, int(page.height * scale)), Image.LANCZOS)
    screen.paste(shown.crop((0, 0, 1080, min(shown.height, 2340 - 260))), (0, 260))
    return screen


def page_image(doc: Doc, fmt: str, *, dpi: int = 200, seed: int = 0):
    """The page as a Pillow image after the degradation named by `fmt` (see module doc)."""
    from PIL import Image

    rng = random.Random(seed)
    page = render_page(doc, dpi=dpi)
    if fmt == "photo":
        return _phone_photo(page, rng)
    if fmt == "photo-shadow":
        return _phone_photo(page, rng, shadow=0.55)
    if fmt == "screenshot":
        return _desk_screenshot(page, rng)
    if fmt == "phone-screenshot":
        return _phone_screenshot(page, rng)
    if fmt == "rot90":
        return page.transpose(Image.Transpose.ROTATE_90)
    if fmt == "rot180":
        return page.transpose(Image.Transpose.ROTATE_180)
    if fmt == "rot270":
        return page.transpose(Image.Transpose.ROTATE_270)
    if fmt == "mirror":
        return page.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return page


def _write_image(doc: Doc, path: Path, fmt: str, dpi: int, seed: int) -> None:
    from PIL import Image

    if fmt == "exif-rot":
        page = render_page(doc, dpi=dpi)
        # pixels stored rotated 90° clockwise... Orientation=6 means "rotate 90 CW to view",
        # so store them rotated 90° counter-clockwise.
        stored = page.transpose(Image.Transpose.ROTATE_90)
        exif = Image.Exif()
        exif[0x0112] = 6
        stored.save(path, "JPEG", quality=85, exif=exif.tobytes())
        return
    if fmt == "tiff-multi":
        page = render_page(doc, dpi=dpi).convert("L")
        page.save(path, "TIFF", save_all=True, append_images=[page], compression="tiff_lzw")
        return
    img = page_image(doc, fmt, dpi=dpi, seed=seed)
    if fmt in ("photo", "photo-shadow"):
        img.save(path, "JPEG", quality=60)
    elif fmt == "jpeg":
        img.save(path, "JPEG", quality=85)
    elif fmt == "webp":
        img.save(path, "WEBP", quality=85)
    elif fmt == "bmp":
        img.convert("L").save(path, "BMP")
    elif fmt == "scan-tiff":
        img.convert("L").save(path, "TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
    else:
        img.save(path, "PNG", dpi=(dpi, dpi))


def _convert():
    from tests.docgen import convert

    return convert


def _write_docx_image(doc: Doc, path: Path, dpi: int, seed: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as td:
        img_path = Path(td) / "photo.jpg"
        _write_image(doc, img_path, "photo", dpi, seed)
        bare = Doc(header=doc.header, footer=doc.footer, author=doc.author)
        _write_docx(bare, path, image=img_path)


# ---------------------------------------------------------------- registry

_WRITERS: dict[str, Callable[[Doc, Path, int, int], None]] = {
    "txt": lambda d, p, dpi, s: _write_text(d, p, "utf-8"),
    "txt-utf8sig": lambda d, p, dpi, s: _write_text(d, p, "utf-8-sig"),
    "txt-gbk": lambda d, p, dpi, s: _write_text(d, p, "gbk"),
    "txt-gb18030": lambda d, p, dpi, s: _write_text(d, p, "gb18030"),
    "txt-utf16": lambda d, p, dpi, s: _write_text(d, p, "utf-16"),
    "csv": lambda d, p, dpi, s: _write_csv(d, p, "utf-8"),
    "csv-utf8sig": lambda d, p, dpi, s: _write_csv(d, p, "utf-8-sig"),
    "csv-gbk": lambda d, p, dpi, s: _write_csv(d, p, "gbk"),
    "csv-utf16": lambda d, p, dpi, s: _write_csv(d, p, "utf-16"),
    "docx": lambda d, p, dpi, s: _write_docx(d, p),
    "docx-image": _write_docx_image,
    "xlsx": lambda d, p, dpi, s: _write_xlsx(d, p),
    "xlsx-hidden": lambda d, p, dpi, s: _write_xlsx(d, p, hidden=True),
    "pdf": lambda d, p, dpi, s: _write_pdf(d, p),
    "pdf-scan": _write_pdf_scan,
    # formats of issue 13 (tests/docgen/convert.py: LibreOffice, python-pptx, py7zr, by hand)
    "pptx": lambda d, p, dpi, s: _convert().write_pptx(d, p),
    "ofd": lambda d, p, dpi, s: _convert().write_ofd(d, p),
    "7z": lambda d, p, dpi, s: _convert().write_7z(d, p),
    "zip": lambda d, p, dpi, s: _convert().write_zip(d, p),
    "tar": lambda d, p, dpi, s: _convert().write_tar(d, p),
    "tgz": lambda d, p, dpi, s: _convert().write_tar(d, p, gz=True),
    "heic": lambda d, p, dpi, s: _convert().write_heic(d, p, dpi, s),
    **{
        f: (lambda d, p, dpi, s, f=f: _convert().write_legacy(d, p, f))
        for f in ("doc", "wps", "rtf", "xls", "et", "ppt", "dps")
    },
}
IMAGE_FORMATS = (
    "scan-png",
    "png",
    "jpeg",
    "webp",
    "bmp",
    "scan-tiff",
    "tiff-multi",
    "photo",
    "photo-shadow",
    "screenshot",
    "phone-screenshot",
    "rot90",
    "rot180",
    "rot270",
    "mirror",
    "exif-rot",
)
FORMATS: tuple[str, ...] = (*_WRITERS, *IMAGE_FORMATS)
# Degraded images that stand for what people really send (photo test set of issue 2)
PHOTO_SET = ("photo", "photo-shadow", "screenshot", "phone-screenshot", "scan-png", "rot180")


def write(doc: Doc, path: str | Path, fmt: str, *, dpi: int = 200, seed: int = 0) -> Path:
    """Write `doc` to `path` as `fmt` (one of FORMATS) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in _WRITERS:
        _WRITERS[fmt](doc, path, dpi, seed)
    elif fmt in IMAGE_FORMATS:
        _write_image(doc, path, fmt, dpi, seed)
    else:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return path


def write_pdf_pages(doc: Doc, path: str | Path, pages: int) -> Path:
    """A text-layer PDF repeating `doc` `pages` times (for page limits and throughput)."""
    path = Path(path)
    _write_pdf(doc, path, pages=pages)
    return path


def default_ext(fmt: str) -> str:
    """A natural file extension for `fmt` (tests may use another one on purpose)."""
    if fmt.startswith("txt"):
        return ".txt"
    if fmt.startswith("csv"):
        return ".csv"
    if fmt.startswith("docx"):
        return ".docx"
    if fmt.startswith("xlsx"):
        return ".xlsx"
    if fmt.startswith("pdf"):
        return ".pdf"
    if fmt in ("pptx", "ofd", "7z", "zip", "tar", "heic", *("doc", "wps", "rtf", "xls", "et")):
        return f".{fmt}"
    if fmt in ("ppt", "dps"):
        return f".{fmt}"
    if fmt == "tgz":
        return ".tar.gz"
    return {
        "photo": ".jpg",
        "photo-shadow": ".jpg",
        "jpeg": ".jpg",
        "exif-rot": ".jpg",
        "webp": ".webp",
        "bmp": ".bmp",
        "scan-tiff": ".tif",
        "tiff-multi": ".tif",
    }.get(fmt, ".png")


def sample_doc(seed: int = 0, rows: int = 3) -> Doc:
    """A small 交办单 with a roster of synthetic people (Faker zh_CN: valid-checksum ID numbers
    that belong to nobody), secrecy and draft marks, header and footer. For extraction tests."""
    from faker import Faker

    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    people = [(fake.name(), fake.ssn(), fake.phone_number()) for _ in range(rows)]
    table = [["序号", "姓名", "身份证号", "联系电话"]]
    table += [[str(i + 1), n, s, p] for i, (n, s, p) in enumerate(people)]
    contact = fake.name()
    return Doc(
        title="关于开展重点人员排查工作的交办单",
        preamble=["秘密★1年", "讨论稿", "某市卫健委〔2024〕15号"],
        paragraphs=[
            "请各单位于本周五前完成辖区内重点人员的排查工作，并将名单报送至办公室。",
            f"联系人：{contact}，电话{people[0][2]}。身份证号须完整填写。",
        ],
        tables=[table],
        closing=["某市卫生健康委员会办公室", "2024年3月5日"],
        header="内部资料 注意保密",
        footer="第1页",
        author=contact,
        label="control_order",
        kind="jiaobandan",
        key_phrases=["交办单", "秘密", "讨论稿", "身份证号", "重点人员排查"],
        identifiers=[s for _, s, _ in people] + [p for _, _, p in people],
    )
