"""Shared by tests/test_fuzz_extract.py (short, CI) and bench/fuzz_extract.py (long): seed files
from the real writers, mutations, and the one property every extractor must keep: return an
Extraction or raise an ExtractionError, nothing else, within the limits."""

from __future__ import annotations

import dataclasses
import io
import random
import tarfile
import zipfile
from pathlib import Path

from agent.config import Config, Limits
from agent.errors import ExtractionError
from agent.extract import UNMAPPED, extract_bytes
from agent.extract.base import Budget, Ctx, Parts
from tests.docgen.render import sample_doc, write

SEED_FORMATS = {
    "text": ("txt-gbk", ".txt"),
    "csv": ("csv-utf8sig", ".csv"),
    "docx": ("docx", ".docx"),
    "xlsx": ("xlsx-hidden", ".xlsx"),
    "pdf": ("pdf", ".pdf"),
    "png": ("png", ".png"),
    "jpeg": ("jpeg", ".jpg"),
    "tiff": ("tiff-multi", ".tif"),
}


class NullOcr:
    """Stands in for the OCR engine while fuzzing: the image is decoded (that is what is
    fuzzed) but not recognised (that would cost seconds per example). JPEGs are decoded at the
    size the real RapidOCR engine asks for (`Ocr.input_side`)."""

    input_side = 1600

    def page(self, img, *, page, origin) -> Parts:
        img.load()
        return Parts(ocr_used=True)


def fuzz_config() -> Config:
    limits = dataclasses.replace(
        Limits(),
        timeout_s=20,
        max_pages=50,
        max_pixels=4_000_000,
        max_text_chars=500_000,
        archive_total_mb=20,
        ocr_max_pages=3,
    )
    return dataclasses.replace(Config(), limits=limits)


def make_seeds(folder: Path, legacy: dict[str, Path] | None = None) -> dict[str, bytes]:
    """One small valid file per format, made by the real libraries; `legacy` adds the
    LibreOffice-made samples (`doc`, `xls`, `ppt`, `rtf`, and .doc files with a sheet or a
    document inserted as an object: conftest's `legacy_samples`)."""
    import py7zr
    from PIL import Image

    from tests.docgen.convert import ofd_bytes, rar5_stored

    doc = sample_doc(seed=1, rows=2)
    seeds = {}
    for name, (fmt, ext) in SEED_FORMATS.items():
        seeds[name] = write(doc, folder / f"seed{ext}", fmt, dpi=40).read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a/名单.csv", seeds["csv"])
        zf.writestr("b.docx", seeds["docx"])
    seeds["zip"] = buf.getvalue()
    seeds["ofd"] = ofd_bytes(doc)
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr(seeds["csv"], "a/名单.csv")
        z.writestr(seeds["text"], "b.txt")
    seeds["7z"] = buf.getvalue()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in (("a/名单.csv", seeds["csv"]), ("b.txt", seeds["text"])):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    seeds["tgz"] = buf.getvalue()
    seeds["rar"] = rar5_stored({"a/名单.csv": seeds["csv"], "b.txt": seeds["text"]})
    import pillow_heif

    heic = io.BytesIO()
    small = Image.open(io.BytesIO(seeds["png"])).convert("RGB")
    pillow_heif.from_pillow(small).save(heic, quality=50)
    seeds["heic"] = heic.getvalue()
    for name, path in (legacy or {}).items():
        if name in ("doc", "xls", "ppt", "rtf", "doc-with-xlsx", "doc-with-docx"):
            seeds[name] = path.read_bytes()
    return seeds


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """Byte-level mutations: flips, overwrites with boundary values, truncation, insertion,
    duplication of a slice; several per example."""
    b = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        if not b:
            b += bytes([rnd.randrange(256)])
        op = rnd.randrange(6)
        i = rnd.randrange(len(b))
        if op == 0:
            b[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            b[i] = rnd.choice((0, 0xFF, 0x7F, 0x80, 0x20, 0x3C))
        elif op == 2:
            del b[rnd.randrange(len(b)) :]
        elif op == 3:
            b[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif op == 4:
            j = min(len(b), i + rnd.randint(1, 64))
            b[i:i] = b[i:j] * rnd.randint(2, 8)
        else:
            j = min(len(b), i + rnd.randint(1, 4))
            b[i:j] = (0xFFFFFFFF).to_bytes(4, "little")[: j - i]
    return bytes(b)


def mutate_zip_member(data: bytes, rnd: random.Random) -> bytes:
    """Structure-aware for OOXML/zip: mutate the *inside* of one member and re-zip, so the XML
    parsers see broken XML instead of a CRC error."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            items = [(i.filename, zf.read(i)) for i in zf.infolist()]
    except Exception:
        return mutate(data, rnd)
    if not items:
        return data
    k = rnd.randrange(len(items))
    name, body = items[k]
    items[k] = (name, mutate(body, rnd))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in items:
            zf.writestr(n, b)
    return out.getvalue()


class Unmapped(AssertionError):
    """A library exception reached the extractor boundary without an extractor mapping it."""


def check_one(data: bytes, config: Config, *, strict: bool = True) -> str:
    """Run the extractor on `data`; return "ok" or the error kind. Anything but an Extraction
    or an ExtractionError raises; with `strict`, so does a library error that only the
    boundary's catch-all turned into CorruptFile (it works, but no extractor expected it)."""
    ctx = Ctx(config, Budget(config), "fuzz.bin", 0, NullOcr())  # type: ignore[arg-type]
    try:
        extract_bytes(data, "fuzz.bin", ctx)
    except ExtractionError as e:
        if strict and e.reason.startswith(UNMAPPED):
            raise Unmapped(e.reason) from e
        return e.kind
    return "ok"
