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


_SUMMARY = {2: "title", 3: "subject", 4: "author", 8: "last_modified_by", 12: "created",
            13: "modified"}  # fmt: skip
_DOC_SUMMARY = {15: "company", 14: "manager"}
_VT_I2, _VT_LPSTR, _VT_LPWSTR, _VT_FILETIME = 2, 30, 31, 64


def _stream_head(ole, data: bytes, name: str, limit: int = 65536) -> bytes | None:
    """The first `limit` bytes of a stream, following its FAT chain in `data` directly:
    olefile reads a whole stream, and SummaryInformation often carries a preview picture of
    hundreds of KB after the few properties needed here."""
    import olefile

    try:
        sid_entry = ole._find(name)
    except Exception:
        return None
    entry = ole.direntries[sid_entry]
    if entry is None:
        return None
    if entry.size < ole.minisectorcutoff or entry.size <= limit:
        return ole.openstream(name).read()
    ss = ole.sectorsize
    out = bytearray()
    sid = entry.isectStart
    seen = 0
    while sid not in (olefile.ENDOFCHAIN, olefile.FREESECT) and len(out) < limit:
        if sid >= len(ole.fat) or seen > limit // ss + 1:
            break
        out += data[(sid + 1) * ss : (sid + 2) * ss]
        sid = ole.fat[sid]
        seen += 1
    return bytes(out[:limit])


def _property_set(blob: bytes, wanted: dict[int, str]) -> dict[str, object]:
    """Read the first section of an OLE property set: strings, FILETIMEs, the code page."""
    out: dict[str, object] = {}
    if len(blob) < 48:
        return out
    (offset,) = struct.unpack_from("<I", blob, 44)
    if offset + 8 > len(blob):
        return out
    _, count = struct.unpack_from("<II", blob, offset)
    codepage = 1252
    props = []
    for i in range(min(count, 256)):
        at = offset + 8 + 8 * i
        if at + 8 > len(blob):
            break
        props.append(struct.unpack_from("<II", blob, at))
    values: dict[int, tuple[int, int]] = {}
    for pid, poff in props:
        at = offset + poff
        if at + 4 > len(blob):
            continue
        (vt,) = struct.unpack_from("<I", blob, at)
        values[pid] = (vt & 0xFFFF, at + 4)
    if 1 in values and values[1][0] == _VT_I2 and values[1][1] + 2 <= len(blob):
        codepage = struct.unpack_from("<h", blob, values[1][1])[0] & 0xFFFF
    for pid, key in wanted.items():
        if pid not in values:
            continue
        vt, at = values[pid]
        if vt in (_VT_LPSTR, _VT_LPWSTR) and at + 4 <= len(blob):
            (n,) = struct.unpack_from("<I", blob, at)
            raw = blob[at + 4 : at + 4 + (2 * n if vt == _VT_LPWSTR else n)]
            out[key] = raw.decode("utf-16-le", "replace") if vt == _VT_LPWSTR else raw
        elif vt == _VT_FILETIME and at + 8 <= len(blob):
            (ft,) = struct.unpack_from("<Q", blob, at)
            if ft > 116444736000000000:  # after 1970
                import datetime as dt

                out[key] = dt.datetime(1601, 1, 1) + dt.timedelta(microseconds=ft // 10)
    out["_codepage"] = codepage
    return out


def summary_metadata(ole, data: bytes, parts: Parts) -> None:
    """Title, author, last saved by, dates (SummaryInformation) and company/manager
    (DocumentSummaryInformation)."""
    for stream, wanted in (
        ("\x05SummaryInformation", _SUMMARY),
        ("\x05DocumentSummaryInformation", _DOC_SUMMARY),
    ):
        try:
            blob = _stream_head(ole, data, stream)
            props = _property_set(blob, wanted) if blob else {}
        except Exception as e:  # a damaged property set is no reason to lose the text
            parts.warnings.append(f"document properties unreadable: {type(e).__name__}")
            continue
        cp = props.pop("_codepage", None)
        for key in wanted.values():
            v = props.get(key)
            if hasattr(v, "isoformat"):
                parts.meta(key, v.isoformat())  # type: ignore[union-attr]
            else:
                parts.meta(key, _decode(v, cp))  # type: ignore[arg-type]


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
