"""Small redacted page images for the review console, made at scan time.

Why at scan time: the console must show *where* on a photo or scan the findings were, but the
original file may be gone (sent, deleted, moved back from quarantine) by the time a reviewer looks,
and keeping a copy of every flagged file would be a second, larger leak. So the agent renders one
small image (at most 640 px) of the page with the most findings, blacks out every OCR line that
holds an identifier (ID, phone number...) so no raw number is readable, outlines the other findings
in red, and stores it 0600 in the thumbnails folder. The log row names the file; the console
serves it by row id only.

Geometry: OCR boxes are normalised to [0, 1] of the page *as OCR saw it*: EXIF orientation
applied, then rotated by ``ocr.rotate.p<N>`` degrees counter-clockwise (PIL ``rotate(deg,
expand=True)``) and flipped left-right if ``ocr.mirrored.p<N>`` is set. We repeat exactly that.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

from agent.files import make_private_dir, write_private
from agent.review.export import scrub
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


def _page_image(path: Path, media_type: str, page: int, extraction: Extraction):
    from PIL import Image, ImageOps

    for p, media in extraction.images:
        if p == page and Path(media).is_file():
            with Image.open(media) as im:
                return im.convert("RGB"), True  # already as OCR saw it
    if media_type.startswith("image/"):
        with Image.open(path) as im:
            with contextlib.suppress(EOFError):
                im.seek(max(0, page - 1))
            if im.format == "JPEG":
                im.draft("RGB", (MAX_SIDE * 3, MAX_SIDE * 3))
            frame = ImageOps.exif_transpose(im) if page <= 1 else im.copy()
            return frame.convert("RGB"), False
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            pg = pdf[page - 1]
            w, h = pg.get_size()
            scale = min(4.0, (MAX_SIDE * 2) / max(w, h, 1.0))
            img = pg.render(scale=scale).to_pil().convert("RGB")
            pg.close()
            return img, False
        finally:
            pdf.close()
    return None, False


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


def make_thumbnail(
    path: str | os.PathLike[str],
    extraction: Extraction,
    verdict: Verdict,
    out_dir: str | os.PathLike[str],
    *,
    max_side: int = MAX_SIDE,
) -> Path | None:
    """Render the redacted thumbnail of an OCR'd photo or scanned page; None when there is
    nothing to draw (no OCR, not an image or PDF, file unreadable)."""
    from PIL import Image, ImageDraw

    if not extraction.ocr_used:
        return None
    media_type = extraction.source.media_type or verdict.media_type or ""
    page = _pick_page(extraction, verdict)
    if page is None:
        return None
    try:
        img, as_seen = _page_image(Path(path), media_type, page, extraction)
    except Exception:  # a thumbnail is a convenience; never fail the scan over it
        return None
    if img is None:
        return None
    if not as_seen:
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
    out = make_private_dir(out_dir)
    name = f"{(extraction.source.sha256 or verdict.sha256 or 'x')[:32]}-p{page}.png"
    target = out / name
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    write_private(target, buf.getvalue(), durable=False)
    return target


def thumbnail_for(config, path, extraction: Extraction | None, verdict: Verdict) -> str | None:
    """For the agent and `shareguard check`: make the thumbnail of a flagged OCR'd file in
    `config.thumbnails_path` and return the name to pass as `Store.append_verdict(thumbnail=)`."""
    if extraction is None or verdict.decision.value != "flagged":
        return None
    out = make_thumbnail(path, extraction, verdict, config.thumbnails_path)
    return out.name if out else None


def purge_orphans(config, store) -> int:
    """Delete thumbnail files no log row owns any more: rows whose evidence retention purged
    (`Store.purge_evidence`), or files left by a crash between rendering and logging. Returns
    how many were removed. Call it right after retention purges evidence, so old pictures go
    with old evidence."""
    root = Path(config.thumbnails_path)
    if not root.is_dir():
        return 0
    named = {Path(name).name for name in store.thumbnails_in_use()}
    removed = 0
    for p in root.iterdir():
        if p.is_file() and not p.is_symlink() and p.name not in named:
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed
