"""Images (JPEG, PNG, GIF, BMP, TIFF incl. multi-page, WebP): checked against the pixel limit
before decoding (Pillow's decompression-bomb guard is on), EXIF-transposed, shrunk while
decoding where the format allows (JPEG draft mode), then OCR'd page by page."""

from __future__ import annotations

import contextlib
import io
import warnings

from agent.errors import (
    CorruptFile,
    ExtractionError,
    ExtractionTimeout,
    TooLarge,
    UnsupportedFormat,
)
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, register

_EXIF_KEEP = {
    0x010F: "exif.make",
    0x0110: "exif.model",
    0x0131: "exif.software",
    0x0132: "exif.datetime",
    0x013B: "exif.artist",
    0x010E: "exif.description",
}


@contextlib.contextmanager
def pixel_limit(ctx: Ctx):
    """Pillow's decompression-bomb guard at our limit, restored afterwards (the setting is
    process-wide and the extractor may run inside a test or a long-lived caller)."""
    from PIL import Image

    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = ctx.limits.max_pixels
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = old


def open_image(data: bytes, ctx: Ctx):
    """Open with the pixel limit enforced; raises TooLarge / CorruptFile."""
    from PIL import Image

    try:
        with pixel_limit(ctx), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            w, h = img.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise TooLarge(f"image dimensions over the pixel limit: {e}") from e
    except Image.UnidentifiedImageError as e:
        raise CorruptFile(f"not a readable image: {e}") from e
    except RuntimeError as e:
        raise _decoder_refused(e) from e
    except (OSError, ValueError, SyntaxError, EOFError, TypeError, KeyError, IndexError) as e:
        raise CorruptFile(f"image unreadable: {type(e).__name__}: {e}") from e
    if w * h > ctx.limits.max_pixels:
        raise TooLarge(f"image is {w}x{h} pixels (limit {ctx.limits.max_pixels})")
    if w <= 0 or h <= 0:
        raise CorruptFile("image has no pixels")
    return img


def _decoder_refused(e: RuntimeError) -> TooLarge | CorruptFile:
    """What a decoder's RuntimeError means: libheif (pillow-heif) raises one for an image whose
    boxes declare more pixels than its security limit allows (a bomb by declaration), and for
    damaged data."""
    msg = str(e)
    if "security limit" in msg.lower() or "memory allocation" in msg.lower():
        return TooLarge(f"image declares more pixels than the decoder allows: {msg}")
    return CorruptFile(f"image unreadable: {msg}")


def draft_box(size: tuple[int, int], side: int) -> tuple[int, int]:
    """The size to ask JPEG draft mode for, so that the longer side stays >= `side`: draft
    decodes at 1/2, 1/4 or 1/8 scale only while *both* sides stay at least what is asked, so
    a square box would keep a 4032x3024 phone photo at full size for a side of 2000."""
    w, h = size
    s = side / max(w, h, 1)
    return max(1, int(w * s)), max(1, int(h * s))


def frames(img, ctx: Ctx, parts: Parts):
    """Yield (page number, upright RGB frame) for each frame, within the OCR page budget."""
    from PIL import Image, ImageOps

    try:
        n = getattr(img, "n_frames", 1) or 1
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, KeyError) as e:
        raise CorruptFile(f"image frames unreadable: {type(e).__name__}: {e}") from e
    if n > ctx.limits.max_pages:
        raise TooLarge(f"image has {n} frames (limit {ctx.limits.max_pages})")
    parts.pages = n
    for i in range(n):
        if ctx.budget.ocr_pages >= ctx.budget.max_ocr_pages:
            parts.warnings.append(f"OCR page limit reached: pages {i + 1}-{n} not read")
            return
        try:
            if n > 1:
                img.seek(i)
            if img.format == "JPEG":
                side = ctx.ocr.input_side if ctx.ocr is not None else ctx.config.ocr.max_side
                img.draft("RGB", draft_box(img.size, side))
            if img.size[0] * img.size[1] > ctx.limits.max_pixels:
                raise TooLarge(f"image frame {i + 1} is over the pixel limit")
            with pixel_limit(ctx), warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                frame = ImageOps.exif_transpose(img) if i == 0 else img.copy()
                frame = frame.convert("RGB")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise TooLarge(f"image frame over the pixel limit: {e}") from e
        except MemoryError as e:
            raise TooLarge("image too large to decode within the memory limit") from e
        except RuntimeError as e:
            raise _decoder_refused(e) from e
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, KeyError) as e:
            if i == 0:
                raise CorruptFile(f"image unreadable: {e}") from e
            parts.warnings.append(f"frame {i + 1}: unreadable ({e})")
            return
        ctx.budget.ocr_pages += 1
        yield i + 1, frame


def exif_metadata(img, parts: Parts) -> None:
    try:
        exif = img.getexif()
    except Exception:
        return
    for tag, key in _EXIF_KEEP.items():
        v = exif.get(tag)
        if isinstance(v, bytes):
            v = v.decode("utf-8", "replace")
        if v:
            parts.meta(key, str(v).strip("\x00 "))
    if exif.get(0x8825):
        parts.metadata.append(("exif.gps", "present"))


@register(*mt.IMAGES)
def extract_image(data: bytes, ctx: Ctx) -> Parts:
    img = open_image(data, ctx)
    parts = Parts()
    exif_metadata(img, parts)
    if ctx.ocr is None:
        parts.warnings.append("OCR is off: image text not read")
        return parts
    for page, frame in frames(img, ctx, parts):
        try:
            ctx.budget.check_time()
        except ExtractionTimeout as e:  # earlier frames are read: judge them
            ctx.budget.skip(parts, f"frame {page} and after", e)
            break
        parts.merge(ctx.ocr.page(frame, page=page, origin=None))
    return parts


def ocr_image_bytes(data: bytes, ctx: Ctx, *, origin: str, min_pixels: int = 0) -> Parts:
    """OCR an image found inside another document (docx media, PDF images). Small images
    (logos, icons) and unreadable ones only leave a warning."""
    parts = Parts()
    try:
        img = open_image(data, ctx)
        if img.size[0] * img.size[1] < min_pixels:
            return parts
        for _, frame in frames(img, ctx, parts):
            ctx.budget.check_time()
            parts.merge(ctx.ocr.page(frame, page=None, origin=origin))  # type: ignore[union-attr]
            break  # first frame only for embedded images
    except (CorruptFile, UnsupportedFormat) as e:
        parts.warnings.append(f"{origin}: {e.reason}")
    except TooLarge:
        raise
    except ExtractionError:
        raise
    parts.pages = None
    return parts


def heif_available() -> bool:
    """Register pillow-heif's HEIC/HEIF opener with Pillow (once); False if not installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    if not getattr(heif_available, "_done", False):
        # thumbnails off: only the primary image is OCR'd; EXIF kept so its orientation
        # (and camera make/model) reach exif_transpose and the metadata
        pillow_heif.register_heif_opener(thumbnails=False)
        heif_available._done = True  # type: ignore[attr-defined]
    return True


@register(mt.HEIC)
def extract_heic(data: bytes, ctx: Ctx) -> Parts:
    """iPhone photos (HEIC): decoded by pillow-heif, then the same path as any photo."""
    if not heif_available():
        raise UnsupportedFormat("HEIC photos need the pillow-heif package")
    return extract_image(data, ctx)
