"""Media type from a file's bytes, never from its name: a .docx renamed .jpg is still a docx."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

PDF = "application/pdf"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLS = "application/vnd.ms-excel"
DOC = "application/msword"
PPT = "application/vnd.ms-powerpoint"
RTF = "application/rtf"
OFD = "application/ofd"
OLE = "application/x-ole-storage"
OOXML_ENCRYPTED = "application/x-ooxml-encrypted"
TEXT = "text/plain"
CSV = "text/csv"
JPEG = "image/jpeg"
PNG = "image/png"
GIF = "image/gif"
BMP = "image/bmp"
TIFF = "image/tiff"
WEBP = "image/webp"
HEIC = "image/heic"
RAR = "application/vnd.rar"
SEVENZ = "application/x-7z-compressed"
GZIP = "application/gzip"
BZIP2 = "application/x-bzip2"
XZ = "application/x-xz"
TAR = "application/x-tar"
UNKNOWN = "application/octet-stream"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file's first bytes

# HEIF major brands: iPhone photos are `heic`; `mif1`/`msf1` are the generic still/sequence ones
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
IMAGES = (JPEG, PNG, GIF, BMP, TIFF, WEBP)
_U16 = lambda s: s.encode("utf-16-le")  # noqa: E731


def sniff(path: str | os.PathLike[str]) -> str:
    """The media type of the file at `path`, from its content."""
    with open(Path(path), "rb") as f:
        data = f.read(8 * 1024 * 1024)
    return sniff_bytes(data)


def sniff_bytes(data: bytes) -> str:
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if (
        head[:2] == b"\x09\x08"
        and head[2:4] in (b"\x08\x00", b"\x10\x00")
        and head[6:8] == b"\x05\x00"
    ):
        return XLS  # an Excel workbook stream on its own (BOF record): a sheet embedded in a .doc
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"BM") and len(head) > 26:
        return BMP
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    if head.startswith(b"Rar!\x1a\x07"):
        return RAR
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return SEVENZ
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    if head.startswith(b"BZh") and head[3:4].isdigit():
        return BZIP2
    if head.startswith(b"\xfd7zXZ\x00"):
        return XZ
    if head[257:262] == b"ustar":
        return TAR
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"{\\rtf"):
        return RTF
    if _looks_text(data):
        return CSV if _looks_csv(data) else TEXT
    return UNKNOWN


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # BadZipFile, NotImplementedError (bad version), zlib.error...
        return ZIP  # the archive extractor reports it as corrupt
    if "OFD.xml" in names:
        return OFD
    if "[Content_Types].xml" in names or any(n.startswith("word/") for n in names):
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            if "xl/vbaProject.bin" in names:
                return XLSM
            return XLSX
        if "ppt/presentation.xml" in names:
            return PPTX
    return ZIP


def _ole_kind(data: bytes) -> str:
    """OLE2 compound file: encrypted OOXML (Office 'password to open'), Word/WPS .doc/.wps,
    Excel/WPS .xls/.et, PowerPoint/WPS .ppt/.dps, told apart by the streams at the root (an
    embedded workbook inside a .doc lives in a sub-storage and does not count)."""
    root = _ole_root_streams(data)
    if root is None:  # a directory olefile cannot read: look for the stream names in the bytes
        # (NUL-terminated, as directory entries store them: "Book" alone is in many texts)
        root = {n for n in _OLE_KINDS if _U16(n + "\x00") in data}
        root |= {n for n in ("EncryptedPackage", "EncryptionInfo") if _U16(n) in data}
    if "EncryptedPackage" in root or "EncryptionInfo" in root:
        return OOXML_ENCRYPTED
    for name, kind in _OLE_KINDS.items():
        if name in root:
            return kind
    return OLE


_OLE_KINDS = {
    "WordDocument": DOC,
    "Workbook": XLS,
    "Book": XLS,
    "PowerPoint Document": PPT,
}


def _ole_root_streams(data: bytes) -> set[str] | None:
    """Names of the streams directly under the root storage, or None if unreadable."""
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {e[0] for e in ole.listdir(streams=True, storages=False) if len(e) == 1}
    except Exception:  # olefile raises OSError, ValueError, struct.error... on damaged files
        return None


def _utf8_text_with_a_few_controls(sample: bytes) -> bool:
    """Valid UTF-8 whose characters are mostly letters, with some control bytes: a real export
    (a clinical report with \x04 separators) is text. Counted per character, not per byte: one
    Chinese character is three bytes, so a byte count makes a few controls look like many."""
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(sample) - 4:
            return False
        text = sample[: e.start].decode("utf-8")
    if not text:
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v\x1b")
    letters = sum(1 for c in text if c.isalpha())
    return controls <= len(text) // 10 and letters >= len(text) // 3


def _looks_text(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return True
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    # UTF-16 without BOM: every other byte zero for ASCII-heavy text
    if sample.count(b"\x00") > len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50
    bad = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    if bad > len(sample) // 30 and not _utf8_text_with_a_few_controls(sample):
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 4:  # cut in the middle of a character
            return True
    try:
        sample[: len(sample) - 1].decode("gb18030")
        return True
    except UnicodeDecodeError:
        pass
    # a text file with a few damaged bytes is still a text file
    for enc in ("utf-8", "gb18030"):
        decoded = sample.decode(enc, errors="replace")
        if decoded.count("\ufffd") < max(2, len(decoded) // 50):
            return True
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best is not None


def _looks_csv(data: bytes) -> bool:
    """Several lines with the same number (≥ 2) of commas/tabs outside quotes."""
    from agent.extract.text import decode_text

    try:
        text, _ = decode_text(data[:16384])
    except Exception:
        return False
    lines = [ln for ln in text.splitlines() if ln.strip()][:20]
    if len(lines) < 2:
        return False
    for sep in (",", "\t"):
        counts = [ln.count(sep) for ln in lines]
        if counts[0] >= 1 and sum(1 for c in counts if c == counts[0]) >= 0.8 * len(counts):
            return True
    return False
