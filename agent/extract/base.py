"""What every format extractor shares: the per-file context (limits, OCR, budgets), the mutable
`Parts` an extractor fills, the registry keyed by media type, and zip/XML guards.

Extractors take the file's *bytes* (read once, hashed once), so a file that changes while it is
read cannot give a mix of two versions, and archive members go through the same code as files.
"""

from __future__ import annotations

import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from agent.errors import CorruptFile, ExtractionError, ExtractionTimeout, TooLarge
from detectors.model import Block, BlockKind, Extraction, Table

if TYPE_CHECKING:
    from agent.config import Config
    from agent.extract.ocr import Ocr


@dataclass
class Parts:
    """What an extractor found in one file; turned into an immutable Extraction at the end."""

    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    members: list[Extraction] = field(default_factory=list)
    ocr_used: bool = False
    pages: int | None = None

    def meta(self, key: str, value: Any) -> None:
        """Record a metadata value both as a (key, value) pair and as a METADATA block."""
        if value is None:
            return
        s = str(value).strip()
        if not s:
            return
        self.metadata.append((key, s))
        self.blocks.append(Block(s, BlockKind.METADATA, origin=key))

    def merge(self, other: Parts) -> None:
        self.blocks.extend(other.blocks)
        self.tables.extend(other.tables)
        self.metadata.extend(other.metadata)
        self.warnings.extend(other.warnings)
        self.members.extend(other.members)
        self.ocr_used = self.ocr_used or other.ocr_used


# The worker stops reading at this share of `limits.timeout_s` and hands over what it read (the
# parent kills it at the full time limit, which then loses everything).
SOFT_DEADLINE = 0.8
NOT_READ = "not_read"  # warning prefix for a part skipped at a limit: `not_read:<kind>:<where>:`


class Budget:
    """Limits shared by one top-level file and everything nested in it. `skipped` collects the
    parts a limit kept from being read: what was read is still judged (docs/architecture.md)."""

    def __init__(self, config: Config) -> None:
        lim = config.limits
        self.deadline = time.monotonic() + lim.timeout_s * SOFT_DEADLINE
        self.skipped: list[ExtractionError] = []
        self.text_chars = 0
        self.ocr_pages = 0
        self.archive_bytes = 0
        self.archive_members = 0
        self.max_text_chars = lim.max_text_chars
        self.max_ocr_pages = lim.ocr_max_pages

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ExtractionTimeout("extraction ran past its time limit")

    def skip(self, parts: Parts, where: str, err: ExtractionError) -> None:
        """Record that `where` was not read because of `err` (a warning on `parts`)."""
        self.skipped.append(err)
        parts.warnings.append(f"{NOT_READ}:{err.kind}:{where}: {err.reason}")

    def add_text(self, n: int) -> None:
        self.text_chars += n
        if self.text_chars > self.max_text_chars:
            raise TooLarge(f"more than {self.max_text_chars} characters of text")


@dataclass
class Ctx:
    """Per-extraction context handed to every extractor."""

    config: Config
    budget: Budget
    display_path: str
    depth: int = 0  # archive nesting depth (0 = the file itself)
    ocr: Ocr | None = None  # None = OCR switched off

    @property
    def limits(self):
        return self.config.limits

    def child(self, display_path: str) -> Ctx:
        return Ctx(self.config, self.budget, display_path, self.depth + 1, self.ocr)


Extract = Callable[[bytes, Ctx], Parts]
REGISTRY: dict[str, Extract] = {}


def register(*media_types: str) -> Callable[[Extract], Extract]:
    def deco(fn: Extract) -> Extract:
        for m in media_types:
            REGISTRY[m] = fn
        return fn

    return deco


# ---------------------------------------------------------------- zip and XML guards

MB = 1024 * 1024
# A member smaller than this may be highly compressible without being a bomb (blank XML, zeros)
RATIO_FLOOR = 1 * MB


def open_zip(data: bytes, ctx: Ctx) -> zipfile.ZipFile:
    """Open a zip (archive, docx, xlsx) after checking member count, sizes and ratios against
    the limits; the declared sizes are checked again while reading (`read_member`)."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as e:
        raise CorruptFile(f"not a readable zip: {e}") from e
    lim = ctx.limits
    if len(infos) > lim.archive_members:
        raise TooLarge(f"zip has {len(infos)} entries (limit {lim.archive_members})")
    total = sum(i.file_size for i in infos)
    if total > lim.archive_total_mb * MB:
        raise TooLarge(f"zip would expand to {total // MB} MB (limit {lim.archive_total_mb:g} MB)")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > lim.archive_ratio * max(1, i.compress_size):
            raise TooLarge(
                f"zip member {i.filename!r} expands {i.file_size // max(1, i.compress_size)}x "
                f"(limit {lim.archive_ratio:g}x): a zip bomb"
            )
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: Ctx) -> bytes:
    """Read one member, never more than it declared nor than the archive budget allows."""
    if info.flag_bits & 0x1:
        from agent.errors import EncryptedFile

        raise EncryptedFile(f"zip member {info.filename!r} is password-protected")
    b = ctx.budget
    b.archive_bytes += info.file_size
    if b.archive_bytes > ctx.limits.archive_total_mb * MB:
        raise TooLarge(f"archive contents exceed {ctx.limits.archive_total_mb:g} MB in total")
    out = bytearray()
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                out += chunk
                if len(out) > info.file_size:
                    raise TooLarge(f"zip member {info.filename!r} is larger than it declares")
                b.check_time()
    except ExtractionError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        ValueError,
        zlib.error,
    ) as e:
        raise CorruptFile(f"zip member {info.filename!r} unreadable: {e}") from e
    except NotImplementedError as e:  # unsupported compression method
        raise CorruptFile(f"zip member {info.filename!r}: {e}") from e
    except RuntimeError as e:  # zipfile raises RuntimeError for encrypted members
        from agent.errors import EncryptedFile

        raise EncryptedFile(f"zip member {info.filename!r}: {e}") from e
    return bytes(out)


def check_xml(data: bytes, name: str) -> None:
    """Refuse XML with a DTD: Office never writes one, and entity expansion ('billion laughs')
    and external entities need one."""
    head = data[:65536]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<\x00!\x00D\x00O\x00C" in head:
        raise CorruptFile(f"{name}: XML declares a DTD/entities (refused: entity expansion)")


def parse_xml(data: bytes, name: str):
    """Parse an XML part with lxml, no entities, no network, no huge trees."""
    from lxml import etree

    check_xml(data, name)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise CorruptFile(f"{name}: malformed XML: {e}") from e
