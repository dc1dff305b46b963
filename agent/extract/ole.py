"""What the legacy binary Office readers share: opening an OLE2 compound file under the limits,
its SummaryInformation properties, and pictures carved out of its streams for OCR.

Word 97 (.doc, WPS .wps), Excel (.xls, WPS .et) and PowerPoint (.ppt, WPS .dps) are all OLE2
compound files; olefile (pure Python) reads the container, the format modules read the streams.
"""

from __future__ import annotations

import io
import struct

from agent.errors import CorruptFile, EncryptedFile, TooLarge
from agent.extract.base import MB, Ctx, Parts

# An image smaller than this is an icon, a bullet or a logo, not a document
MIN_OCR_PIXELS = 300 * 200
MAX_CARVED_IMAGES = 50


def open_ole(data: bytes, ctx: Ctx):
    """An `olefile.OleFileIO` over `data`; CorruptFile if the container is damaged."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as e:  # OSError, struct.error, IndexError... on damaged directories
        raise CorruptFile(f"OLE container unreadable: {type(e).__name__}: {e}") from e
    if len(ole.direntries) > ctx.limits.archive_members * 4:
        raise TooLarge(f"OLE container has {len(ole.direntries)} entries")
    return ole


def read_stream(ole, name: str | list[str], ctx: Ctx, *, required: bool = True) -> bytes | None:
    """One stream's bytes, refusing streams larger than the whole-archive budget."""
    try:
        if not ole.exists(name):
            if required:
                raise CorruptFile(f"the {name!r} stream is missing")
            return None
        size = ole.get_size(name)
        if size > ctx.limits.archive_total_mb * MB:
            raise TooLarge(f"stream {name!r} is {size // MB} MB")
        return ole.openstream(name).read()
    except (CorruptFile, TooLarge):
        raise
    except Exception as e:
        raise CorruptFile(f"stream {name!r} unreadable: {type(e).__name__}: {e}") from e


def check_not_encrypted(ole) -> None:
    """Office 'password to open' on a binary file leaves these streams (RC4 CryptoAPI)."""
    for name in ("EncryptedSummary", "EncryptionInfo", "EncryptedPackage"):
        if ole.exists(name):
            raise EncryptedFile("the Office file is password-protected")


def _decode(value: object, codepage: int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        enc = {936: "gbk", 65001: "utf-8", 1200: "utf-16-le", 950: "big5"}.get(
            codepage or 0, f"cp{codepage}" if codepage else "cp1252"
        )
        try:
            value = value.decode(enc, "replace")
        except LookupError:
            value = value.decode("gbk", "replace")
    return str(value).strip("\x00 \r\n") or None


def summary_metadata(ole, parts: Parts) -> None:
    """Title, author, last saved by and dates from the SummaryInformation stream."""
    try:
        m = ole.get_metadata()
    except Exception as e:  # a damaged property set is no reason to lose the text
        parts.warnings.append(f"document properties unreadable: {type(e).__name__}")
        return
    cp = getattr(m, "codepage", None)
    if isinstance(cp, int):
        cp &= 0xFFFF  # stored as a signed 16-bit value: 65001 (UTF-8) reads as -535
    for attr, key in (
        ("title", "title"),
        ("subject", "subject"),
        ("author", "author"),
        ("last_saved_by", "last_modified_by"),
        ("company", "company"),
        ("manager", "manager"),
    ):
        parts.meta(key, _decode(getattr(m, attr, None), cp))
    for attr, key in (("create_time", "created"), ("last_saved_time", "modified")):
        v = getattr(m, attr, None)
        if v is not None and hasattr(v, "isoformat") and v.year > 1601:
            parts.meta(key, v.isoformat())


def carve_images(blob: bytes, ctx: Ctx, parts: Parts, origin: str) -> None:
    """OCR the JPEG and PNG pictures stored in a binary Office stream (Word's Data stream,
    PowerPoint's Pictures stream): their headers are found by signature and Pillow reads each
    from there, stopping at its own end marker."""
    if ctx.ocr is None:
        if b"\x89PNG\r\n\x1a\n" in blob or b"\xff\xd8\xff" in blob:
            parts.warnings.append(f"{origin}: pictures not read (OCR off)")
        return
    from agent.extract.image import ocr_image_bytes

    found = 0
    starts = sorted(_find_all(blob, b"\x89PNG\r\n\x1a\n") + _find_all(blob, b"\xff\xd8\xff"))
    last_end = -1
    for start in starts:
        if start < last_end:  # a thumbnail inside a JPEG's EXIF, already read
            continue
        found += 1
        if found > MAX_CARVED_IMAGES:
            parts.warnings.append(f"{origin}: more than {MAX_CARVED_IMAGES} pictures, rest skipped")
            break
        ctx.budget.check_time()
        end = _image_end(blob, start)
        last_end = end
        sub = ocr_image_bytes(
            blob[start:end], ctx, origin=f"{origin}#image{found}", min_pixels=MIN_OCR_PIXELS
        )
        parts.merge(sub)


def _find_all(blob: bytes, sig: bytes) -> list[int]:
    out, i = [], blob.find(sig)
    while i != -1 and len(out) < 10 * MAX_CARVED_IMAGES:
        out.append(i)
        i = blob.find(sig, i + len(sig))
    return out


def _image_end(blob: bytes, start: int) -> int:
    """Where the image starting at `start` ends (PNG: after IEND; JPEG: after the last EOI
    before the next picture's header), or the end of the blob."""
    if blob.startswith(b"\x89PNG", start):
        i = blob.find(b"IEND", start)
        return i + 8 if i != -1 else len(blob)
    pos = start + 2
    while pos + 4 <= len(blob):  # walk the JPEG segments up to start-of-scan
        if blob[pos] != 0xFF:
            break
        marker = blob[pos + 1]
        if marker == 0xDA:
            eoi = blob.find(b"\xff\xd9", pos)
            return eoi + 2 if eoi != -1 else len(blob)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (seg,) = struct.unpack(">H", blob[pos + 2 : pos + 4])
        pos += 2 + seg
    return len(blob)
