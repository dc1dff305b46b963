"""PDF: the text layer with pypdfium2 (fast: ~2,000 pages/s here), pdfplumber's table finder only
on pages with ruling lines (where a roster's row/column structure pays for its ~50 pages/s), and
OCR of the rendered page where the text layer is missing (scans), unusable (fonts without a
Unicode map) or covers only part of the page (a photo pasted into a PDF)."""

from __future__ import annotations

import ctypes
import io
import logging
import re

from agent.errors import CorruptFile, EncryptedFile, ExtractionError, ExtractionTimeout, TooLarge
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, register
from detectors.model import Block, BlockKind, Table

log = logging.getLogger(__name__)
MIN_TEXT_CHARS = 30  # fewer usable characters than this on a page: treat it as a scan
BAD_SHARE = 0.3  # more unusable characters than this: no Unicode map, OCR instead
BIG_IMAGE_SHARE = 0.3  # an image covering this much of a text page is OCR'd too
TABLE_MIN_PATHS = 8  # path objects (rules) on a page before pdfplumber looks for tables
TABLE_MAX_PAGES = 30
_DEFAULT_META = {"untitled", "anonymous", "unspecified", ""}
_META_KEYS = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "creator",
    "Producer": "producer",
    "CreationDate": "created",
    "ModDate": "modified",
}


_BAD = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_SPACE = re.compile(r"\s+")


def _bad_share(text: str) -> float:
    """Share of characters no font with a Unicode map would produce (replacement, private
    use, control characters)."""
    n = len(_SPACE.sub("", text))
    return len(_BAD.findall(text)) / n if n else 0.0


def _objects(page, pdfium_c) -> tuple[float, int]:
    """(share of the page covered by images, number of path objects), top-level objects only,
    through the raw API: the object wrappers cost more than reading the text."""
    raw = page.raw
    w, h = page.get_size()
    area = max(1.0, w * h)
    image_share, paths = 0.0, 0
    get_obj, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    PATH, IMAGE = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = tuple(ctypes.byref(v) for v in (left, bottom, right, top))
    for i in range(min(pdfium_c.FPDFPage_CountObjects(raw), 20000)):
        obj = get_obj(raw, i)
        kind = get_type(obj)
        if kind == PATH:
            paths += 1
        elif kind == IMAGE and pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            box = (right.value - left.value) * (top.value - bottom.value)
            image_share += max(0.0, box) / area
    return image_share, paths


def open_pdf(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise EncryptedFile("the PDF is password-protected") from e
        raise CorruptFile(f"PDF unreadable: {msg}") from e


@register(mt.PDF)
def extract_pdf(data: bytes, ctx: Ctx) -> Parts:
    import pypdfium2.raw as pdfium_c

    pdf = open_pdf(data)
    parts = Parts()
    try:
        n = len(pdf)
        if n > ctx.limits.max_pages:
            raise TooLarge(f"PDF has {n} pages (limit {ctx.limits.max_pages})")
        if n == 0:
            raise CorruptFile("PDF has no pages")
        parts.pages = n
        try:
            meta = pdf.get_metadata_dict(skip_empty=True)
        except Exception:
            meta = {}
        for k, key in _META_KEYS.items():
            v = (meta.get(k) or "").strip()
            if v.lower() not in _DEFAULT_META and key in ("title", "author", "subject", "keywords"):
                parts.meta(key, v)
            elif v:
                parts.metadata.append((key, v))
        table_pages: list[int] = []
        failed = 0
        for i in range(n):
            try:
                ctx.budget.check_time()
            except ExtractionTimeout as e:  # pages 1..i are read: judge them
                ctx.budget.skip(parts, f"pages {i + 1}-{n}" if i + 1 < n else f"page {n}", e)
                break
            try:
                page = pdf[i]
            except Exception as e:
                parts.warnings.append(f"page {i + 1}: unreadable ({e})")
                failed += 1
                continue
            try:
                _page(page, i + 1, ctx, parts, pdfium_c, table_pages)
            except ExtractionTimeout as e:
                ctx.budget.skip(parts, f"pages {i + 1}-{n}" if i + 1 < n else f"page {n}", e)
                break
            finally:
                page.close()
        if failed == n:
            raise CorruptFile("PDF unreadable: no page could be loaded")
        if table_pages:
            try:
                _tables(data, table_pages, ctx, parts)
            except ExtractionTimeout as e:  # the pages' text is read; only the table grid is not
                ctx.budget.skip(parts, "tables", e)
    except ExtractionError:
        raise
    except MemoryError as e:
        raise TooLarge("PDF too large for the memory limit") from e
    except Exception as e:  # pdfium raises its own errors for broken files
        raise CorruptFile(f"PDF unreadable: {type(e).__name__}: {e}") from e
    finally:
        pdf.close()
    return parts


def _page(page, no: int, ctx: Ctx, parts: Parts, pdfium_c, table_pages: list[int]) -> None:
    w, h = page.get_size()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range() if textpage.count_chars() > 0 else ""
    finally:
        textpage.close()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    usable = len(_SPACE.sub("", text))
    bad = _bad_share(text)
    image_share, paths = _objects(page, pdfium_c)
    reason = None
    if bad > BAD_SHARE:
        reason = "no Unicode map"
    elif usable < MIN_TEXT_CHARS and (image_share > 0.05 or usable > 0 or paths > 50):
        reason = "little text"
    elif image_share > BIG_IMAGE_SHARE:
        reason = "large image"
    if bad <= BAD_SHARE and text.strip():
        ctx.budget.add_text(len(text))
        for line in text.split("\n"):
            if line.strip():
                parts.blocks.append(Block(line, BlockKind.PARAGRAPH, page=no))
    if paths >= TABLE_MIN_PATHS and len(table_pages) < TABLE_MAX_PAGES:
        table_pages.append(no)
    if reason is None:
        return
    if ctx.ocr is None:
        parts.warnings.append(f"page {no}: needs OCR ({reason}) but OCR is off")
        return
    if ctx.budget.ocr_pages >= ctx.budget.max_ocr_pages:
        parts.warnings.append(f"page {no}: needs OCR ({reason}); OCR page limit reached")
        return
    ctx.budget.ocr_pages += 1
    side = ctx.config.ocr.max_side
    scale = min(4.0, side / max(w, h, 1.0))
    bitmap = page.render(scale=scale, grayscale=False)
    img = bitmap.to_pil().convert("RGB")
    bitmap.close()
    sub = ctx.ocr.page(img, page=no, origin=f"page:{no}:ocr")
    sub.warnings.append(f"page {no}: OCR ({reason})")
    parts.merge(sub)


def _tables(data: bytes, pages: list[int], ctx: Ctx, parts: Parts) -> None:
    """pdfplumber's ruled-table finder on the pages that have rules."""
    try:
        import pdfplumber
    except ImportError:
        return
    try:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            for no in pages:
                ctx.budget.check_time()
                page = doc.pages[no - 1]
                for t in page.extract_tables():
                    rows = tuple(
                        tuple((c or "").replace("\n", "") for c in row)
                        for row in t
                        if any((c or "").strip() for c in row)
                    )
                    if len(rows) >= 2:
                        parts.tables.append(Table(rows=rows, page=no, origin="pdf-table"))
                page.close()
    except ExtractionError:
        raise
    except Exception as e:
        parts.warnings.append(f"table finder failed: {type(e).__name__}: {e}")
