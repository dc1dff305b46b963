"""Small redacted page images for the review console, rendered in the extraction worker.

Why at scan time: the console must show *where* on a photo or scan the findings were, but the
original file may be gone (sent, deleted, moved back from quarantine) by the time a reviewer looks,
and keeping a copy of every flagged file would be a second, larger leak. So one small image (at
most 640 px) of the page with the most findings is rendered, every OCR line that holds an
identifier (ID, phone number...) is blacked out so no raw number is readable, the other findings
are outlined in red, and it is stored 0600 in the thumbnails folder. The log row names the file;
the console serves it by row id only.

Where: in the extraction worker (`Extractor.thumbnail`), under its memory cap and time limit, and
only from the bytes that were judged (the sha256 must match), so a file that crashes the image
library crashes a worker, not the agent, and the picture cannot show other content.

Geometry: OCR boxes are normalised to [0, 1] of the page *as OCR saw it*: EXIF orientation
applied, then rotated by ``ocr.rotate.p<N>`` degrees counter-clockwise (PIL ``rotate(deg,
expand=True)``) and flipped left-right if ``ocr.mirrored.p<N>`` is set. We repeat exactly that.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

from agent.files import make_private_dir, write_private
from agent.redact import scrub
from detectors.model import BlockKind, Extraction, Verdict

MAX_SIDE = 640
_DIGITS = re.compile(r"[0-9OoDlI|][0-9OoDlI|\s\-‐‑–—_.Xx×]{6,}[0-9Xx×]")
RED = (220, 38, 38)


def has_identifier(text: str) -> bool:
    """Conservative: anything the masking would change, or a run of 8+ digit-like characters."""
    t = unicodedata.normalize("NFKC", text)
    if scrub(t) != t:
        return True
    return any(sum(c.isdigit() for c in m.group(0)) >= 6 for m in _DIGITS.finditer(t))


def _page_image(data: bytes, media_type: str, page: int):
    """The page as a PIL image, from the bytes that were judged."""
    from PIL import Image, ImageOps

    if media_type.startswith("image/"):
        with Image.open(io.BytesIO(data)) as im:
            with contextlib.suppress(EOFError):
                im.seek(max(0, page - 1))
            if im.format == "JPEG":  # decoded at 1/2..1/8 scale, still >= 640 px a side
                from agent.extract.image import draft_box

                im.draft("RGB", draft_box(im.size, MAX_SIDE))
            frame = ImageOps.exif_transpose(im) if page <= 1 else im.copy()
            return frame.convert("RGB")
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            pg = pdf[page - 1]
            w, h = pg.get_size()
            scale = min(4.0, (MAX_SIDE * 2) / max(w, h, 1.0))
            img = pg.render(scale=scale).to_pil().convert("RGB")
            pg.close()
            return img
        finally:
            pdf.close()
    return None


def _own_page(origin: str | None) -> bool:
    return origin is None or origin.startswith("page:")


def _pick_page(extraction: Extraction, verdict: Verdict) -> int | None:
    pages: Counter[int] = Counter()
    for c in verdict.flagged_categories:
        for e in c.evidence:
            if e.bbox is not None:
                pages[e.page or 1] += 2
    for b in extraction.blocks:
        # OCR of the file's own pages (not of images embedded in a docx, origin word/media/...)
        if b.kind == BlockKind.OCR_LINE and b.bbox is not None and _own_page(b.origin):
            pages[b.page or 1] += 1
    if not pages:
        return None
    return pages.most_common(1)[0][0]


def _drawn_page(extraction: Extraction, verdict: Verdict) -> int | None:
    """The page the thumbnail shows (the one with the most findings), None if none can be."""
    return _pick_page(extraction, verdict) if extraction.ocr_used else None


def _name(extraction: Extraction, verdict: Verdict, page: int) -> str:
    return f"{(extraction.source.sha256 or verdict.sha256 or 'x')[:32]}-p{page}.png"


def thumbnail_name(extraction: Extraction, verdict: Verdict) -> str | None:
    """The file name the thumbnail of this judged file gets; None when there is nothing to
    draw (no OCR, no boxes)."""
    page = _drawn_page(extraction, verdict)
    return None if page is None else _name(extraction, verdict, page)


def make_thumbnail(
    path: str | os.PathLike[str],
    extraction: Extraction,
    verdict: Verdict,
    out_dir: str | os.PathLike[str],
    *,
    max_side: int = MAX_SIDE,
) -> Path | None:
    """Read `path` and render its thumbnail, only if it still holds the bytes that were judged
    (same sha256); None otherwise. Runs in the extraction worker (`Extractor.thumbnail`)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != extraction.source.sha256:
        return None  # changed since it was judged: a picture of other content would mislead
    return render_thumbnail(data, extraction, verdict, out_dir, max_side=max_side)


def render_thumbnail(
    data: bytes,
    extraction: Extraction,
    verdict: Verdict,
    out_dir: str | os.PathLike[str],
    *,
    max_side: int = MAX_SIDE,
) -> Path | None:
    """Render the redacted thumbnail of an OCR'd photo or scanned page from the file's bytes;
    None when there is nothing to draw (no OCR, not an image or PDF, unreadable)."""
    from PIL import Image, ImageDraw

    page = _drawn_page(extraction, verdict)
    if page is None:
        return None
    media_type = extraction.source.media_type or verdict.media_type or ""
    try:
        img = _page_image(data, media_type, page)
    except Exception:  # a thumbnail is a convenience; never fail the scan over it
        return None
    if img is None:
        return None
    rot = extraction.meta(f"ocr.rotate.p{page}")
    if rot:
        with contextlib.suppress(ValueError):
            img = img.rotate(float(rot), expand=True)
    if extraction.meta(f"ocr.mirrored.p{page}"):
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    w, h = img.size
    draw = ImageDraw.Draw(img)

    def rect(b: tuple[float, float, float, float], pad: int = 0) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = b
        return (
            max(0, int(x0 * w) - pad),
            max(0, int(y0 * h) - pad),
            min(w, int(x1 * w + 0.999) + pad),
            min(h, int(y1 * h + 0.999) + pad),
        )

    outlines: list[tuple[int, int, int, int]] = []
    redact: list[tuple[int, int, int, int]] = []
    rotated = bool(extraction.meta(f"ocr.rotate.p{page}"))
    for b in extraction.blocks:
        if b.bbox is None or (b.page or 1) != page:
            continue
        if b.kind == BlockKind.OCR_LINE:
            if not _own_page(b.origin):
                continue  # OCR of an image embedded in the page: boxes are relative to it
        elif media_type != "application/pdf" or rotated:
            continue  # PDF text-layer boxes share the frame only when the page was not turned
        if has_identifier(b.text):
            redact.append(rect((b.bbox.x0, b.bbox.y0, b.bbox.x1, b.bbox.y1), pad=2))
    for c in verdict.flagged_categories:
        for e in c.evidence:
            if e.bbox is None or (e.page or 1) != page:
                continue
            masked_number = re.search(r"[0-9]\*{3,}|\*{3,}[0-9]", e.text or "")
            if e.detector == "identifiers" or masked_number or has_identifier(e.text):
                redact.append(rect(e.bbox, pad=2))
            else:
                outlines.append(rect(e.bbox, pad=3))
    for r in outlines:
        draw.rectangle(r, outline=RED, width=3)
    for r in redact:
        draw.rectangle(r, fill=(0, 0, 0))
        draw.rectangle(r, outline=RED, width=2)
    target = make_private_dir(out_dir) / _name(extraction, verdict, page)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    write_private(target, buf.getvalue(), durable=False)
    return target
