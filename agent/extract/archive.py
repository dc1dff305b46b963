"""Archives, expanded recursively under the limits (depth, member count, total size, ratio):
zip, 7z (py7zr), RAR (rarfile: headers in pure Python, compressed data through the `unar` or
`bsdtar` tool when one is installed; `shareguard doctor` says which), tar and single-file
gzip/bzip2/xz (stdlib).

Each member is extracted as its own Extraction in `members`, shown as `outer.zip!inner/path`
(nested: `a.zip!b.zip!c.docx`), so it is judged on its own and the alert names the real file.
Every format gets the zip guard's checks: declared sizes and ratios before anything is
decompressed, then the real sizes while reading (never more than declared, never more than the
archive budget). An archive whose every member is encrypted raises EncryptedFile; some
encrypted members are warnings.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from agent.errors import (
    CorruptFile,
    EncryptedFile,
    ExtractionError,
    ExtractionTimeout,
    TooLarge,
    UnsupportedFormat,
)
from agent.extract import media as mt
from agent.extract.base import MB, RATIO_FLOOR, Ctx, Parts, open_zip, read_member, register


@register(mt.ZIP)
def extract_zip(data: bytes, ctx: Ctx) -> Parts:
    from agent.extract import extract_member

    if ctx.depth >= ctx.limits.archive_depth:
        raise TooLarge(f"archives nested deeper than {ctx.limits.archive_depth} levels")
    zf = open_zip(data, ctx)
    parts = Parts()
    infos = [i for i in zf.infolist() if not i.is_dir()]
    parts.pages = None
    encrypted = 0
    for i, info in enumerate(infos):
        name = _name(info)
        try:
            ctx.budget.check_time()
            ctx.budget.archive_members += 1
            if ctx.budget.archive_members > ctx.limits.archive_members:
                raise TooLarge(f"more than {ctx.limits.archive_members} archive members in total")
            if info.flag_bits & 0x1:
                encrypted += 1
                parts.warnings.append(f"member_unreadable:encrypted:{ctx.display_path}!{name}")
                continue
            member_data = read_member(zf, info, ctx)
            member = extract_member(member_data, name, ctx, parts)
        except (TooLarge, ExtractionTimeout) as e:
            # a shared limit (time, member count, total size): what was read is still judged
            rest = f"{ctx.display_path}!{name}" + (
                f" (+{len(infos) - i - 1} more)" if i + 1 < len(infos) else ""
            )
            ctx.budget.skip(parts, rest, e)
            break
        if member is not None:
            parts.members.append(member)
    if infos and encrypted == len(infos):
        raise EncryptedFile("every file in the zip is password-protected")
    parts.metadata.append(("archive.members", str(len(infos))))
    return parts


def _name(info) -> str:
    """Member name; zips from Chinese Windows store GBK names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


# ---------------------------------------------------------------- the other archive formats


@dataclass
class Entry:
    """One archive member as its format declares it, and how to read it."""

    name: str
    size: int  # declared uncompressed size
    packed: int | None  # declared compressed size, when the format has one per member
    encrypted: bool
    read: Callable[[], bytes]


def _check_declared(entries: list[Entry], data_len: int, ctx: Ctx, kind: str) -> None:
    lim = ctx.limits
    if len(entries) > lim.archive_members:
        raise TooLarge(f"{kind} has {len(entries)} entries (limit {lim.archive_members})")
    total = sum(e.size for e in entries)
    if total > lim.archive_total_mb * MB:
        raise TooLarge(
            f"{kind} would expand to {total // MB} MB (limit {lim.archive_total_mb:g} MB)"
        )
    for e in entries:
        if (
            e.packed is not None
            and e.size > RATIO_FLOOR
            and e.size > lim.archive_ratio * max(1, e.packed)
        ):
            raise TooLarge(
                f"{kind} member {e.name!r} expands {e.size // max(1, e.packed)}x "
                f"(limit {lim.archive_ratio:g}x): an archive bomb"
            )
    if total > RATIO_FLOOR and total > lim.archive_ratio * max(1, data_len):
        raise TooLarge(
            f"{kind} expands {total // max(1, data_len)}x (limit {lim.archive_ratio:g}x): "
            "an archive bomb"
        )


def _expand(entries: list[Entry], data_len: int, ctx: Ctx, kind: str) -> Parts:
    """Extract each member under the shared budget, as `extract_zip` does for zip."""
    from agent.extract import extract_member

    if ctx.depth >= ctx.limits.archive_depth:
        raise TooLarge(f"archives nested deeper than {ctx.limits.archive_depth} levels")
    _check_declared(entries, data_len, ctx, kind)
    parts = Parts()
    encrypted = 0
    unsupported: list[UnsupportedFormat] = []
    for i, e in enumerate(entries):
        try:
            ctx.budget.check_time()
            ctx.budget.archive_members += 1
            if ctx.budget.archive_members > ctx.limits.archive_members:
                raise TooLarge(f"more than {ctx.limits.archive_members} archive members in total")
            if e.encrypted:
                encrypted += 1
                parts.warnings.append(f"member_unreadable:encrypted:{ctx.display_path}!{e.name}")
                continue
            ctx.budget.archive_bytes += e.size
            if ctx.budget.archive_bytes > ctx.limits.archive_total_mb * MB:
                raise TooLarge(
                    f"archive contents exceed {ctx.limits.archive_total_mb:g} MB in total"
                )
            try:
                member_data = e.read()
            except EncryptedFile:
                encrypted += 1
                parts.warnings.append(f"member_unreadable:encrypted:{ctx.display_path}!{e.name}")
                continue
            except UnsupportedFormat as err:  # no tool for its method, split across volumes
                unsupported.append(err)
                parts.warnings.append(
                    f"member_unreadable:unsupported:{ctx.display_path}!{e.name}: {err.reason}"
                )
                continue
            if len(member_data) > e.size:
                raise TooLarge(f"{kind} member {e.name!r} is larger than it declares")
            member = extract_member(member_data, e.name, ctx, parts)
        except (TooLarge, ExtractionTimeout) as err:
            # a shared limit (time, member count, total size): what was read is still judged
            rest = f"{ctx.display_path}!{e.name}" + (
                f" (+{len(entries) - i - 1} more)" if i + 1 < len(entries) else ""
            )
            ctx.budget.skip(parts, rest, err)
            break
        if member is not None:
            parts.members.append(member)
    if entries and encrypted == len(entries):
        raise EncryptedFile(f"every file in the {kind} is password-protected")
    if unsupported and encrypted + len(unsupported) == len(entries):
        raise unsupported[0]  # not one member could be read: the archive is unreadable
    parts.metadata.append(("archive.members", str(len(entries))))
    return parts


def _bounded_read(f, size: int, ctx: Ctx, name: str) -> bytes:
    """Read a member stream, never more than one byte past its declared size."""
    out = bytearray()
    while True:
        chunk = f.read(min(1 << 20, size + 1 - len(out)) or 1)
        if not chunk:
            break
        out += chunk
        if len(out) > size:
            raise TooLarge(f"archive member {name!r} is larger than it declares")
        ctx.budget.check_time()
    return bytes(out)


# 7z


@functools.cache
def _7z_errors() -> tuple[type[BaseException], ...]:
    """py7zr's own errors (Bad7zFile, CrcError, DecompressionError, ...) and what its
    decompressors raise on damaged data (found by the fuzz tests: LZMAError)."""
    import lzma

    import py7zr

    own = tuple(
        c
        for c in vars(py7zr.exceptions).values()
        if isinstance(c, type) and issubclass(c, Exception)
    )
    return (*own, lzma.LZMAError, zlib.error, EOFError, OSError, ValueError, KeyError,
            IndexError, TypeError, AttributeError, NotImplementedError, UnicodeDecodeError,
            LookupError, RuntimeError, MemoryError, struct.error)  # fmt: skip


# 7z method ids that Python's own `lzma` module (liblzma, in C) decodes, as its raw filter ids.
# A folder whose coder chain is only these (7-Zip's defaults: LZMA2, BCJ+LZMA2 for programs,
# Delta+LZMA2 for some tables; LZMA alone from 7-Zip <= 9.20) is decoded in one C decoder;
# any other chain (PPMd, BZip2, Deflate, AES, BCJ2, LZMA+BCJ...) goes through py7zr's own.
_LZMA_METHODS = {
    b"\x21": "FILTER_LZMA2",
    b"\x03\x01\x01": "FILTER_LZMA1",
    b"\x03": "FILTER_DELTA",
    b"\x03\x03\x01\x03": "FILTER_X86",
    b"\x03\x03\x02\x05": "FILTER_POWERPC",
    b"\x03\x03\x04\x01": "FILTER_IA64",
    b"\x03\x03\x05\x01": "FILTER_ARM",
    b"\x03\x03\x07\x01": "FILTER_ARMTHUMB",
    b"\x03\x03\x08\x05": "FILTER_SPARC",
}
_DICT_MIN = 4096  # liblzma's smallest dictionary


def lzma_filters(folder, limit: int) -> list[dict] | None:
    """The liblzma raw filter chain (in encoding order, as `lzma` takes it) that decodes a 7z
    folder, or None when the folder needs py7zr's decompressors. The chain is followed through
    the folder's bind pairs from its packed stream to its output. The dictionary is cut to the
    folder's output size (or `limit`): a decoder never looks further back than it has written,
    and a header declaring a 1.5 GB dictionary for a 40 KB member then costs 40 KB, not 1.5 GB."""
    import lzma

    coders = folder.coders
    if not coders or any(
        c.get("numinstreams", 1) != 1 or c.get("numoutstreams", 1) != 1 for c in coders
    ):
        return None
    if len(folder.packed_indices) != 1 or len(folder.bindpairs) != len(coders) - 1:
        return None
    feeds = {b.outcoder: b.incoder for b in folder.bindpairs}  # coder -> the coder it feeds
    order = [folder.packed_indices[0]]  # decoding order: the packed stream's coder first
    while order[-1] in feeds and len(order) <= len(coders):
        order.append(feeds[order[-1]])
    if sorted(order) != list(range(len(coders))):
        return None
    out_size = folder.unpacksizes[order[-1]] if order[-1] < len(folder.unpacksizes) else 0
    dict_size = max(_DICT_MIN, min(int(out_size), limit))
    filters: list[dict] = []
    for k, i in enumerate(reversed(order)):  # encoding order: the filters, then the LZMA coder
        coder = coders[i]
        name = _LZMA_METHODS.get(bytes(coder["method"]))
        props = coder.get("properties") or b""
        if name is None:
            return None
        fid = getattr(lzma, name, None)
        last = k == len(order) - 1
        if fid is None or last != name.startswith("FILTER_LZMA"):
            return None  # the LZMA coder must be the last filter, and only there
        if name == "FILTER_LZMA2":
            if len(props) != 1 or props[0] > 40:
                return None
            p = props[0]
            declared = 0xFFFFFFFF if p == 40 else (2 | (p & 1)) << (p // 2 + 11)
            filters.append({"id": fid, "dict_size": min(declared, dict_size)})
        elif name == "FILTER_LZMA1":
            # LZMA alone: a BCJ after it would hold back its last bytes, for the LZMA stream has
            # no end mark to flush them on (py7zr's LZMA1+BCJ path handles that)
            if len(props) != 5 or len(order) != 1 or props[0] >= 9 * 5 * 5:
                return None
            lc, rest = props[0] % 9, props[0] // 9
            lp, pb = rest % 5, rest // 5
            if lc + lp > 4:  # liblzma's bound (the LZMA SDK allows more)
                return None
            declared = int.from_bytes(props[1:5], "little")
            f = {"id": fid, "lc": lc, "lp": lp, "pb": pb}
            filters.append({**f, "dict_size": max(_DICT_MIN, min(declared, dict_size))})
        elif name == "FILTER_DELTA":
            if len(props) != 1:
                return None
            filters.append({"id": fid, "dist": props[0] + 1})
        else:  # branch converters: a start offset in the properties is not supported here
            if props:
                return None
            filters.append({"id": fid})
    return filters


class _LzmaStream:
    """A folder's output from Python's C LZMA decoder, given out in bounded steps."""

    def __init__(self, packed: memoryview, filters: list[dict]) -> None:
        import lzma

        self.dec = lzma.LZMADecompressor(format=lzma.FORMAT_RAW, filters=filters)
        self.packed: memoryview | None = packed

    def read(self, n: int) -> bytes:
        """Up to `n` bytes (fewer only at the end of the data)."""
        dec = self.dec
        if dec.eof:
            return b""
        if self.packed is not None:
            data, self.packed = self.packed, None
            return dec.decompress(data, n)
        if dec.needs_input:
            return b""  # every packed byte given, and the stream not ended: cut short
        return dec.decompress(b"", n)


# pyppmd decoders whose thread would not end (see _end_ppmd_threads): kept, never freed
_PPMD_KEPT: list = []


def _end_ppmd_threads(chain: list) -> None:
    """pyppmd (1.3) decodes PPMd in a thread of its own which, when the input ends inside a
    symbol (a damaged or cut stream), waits for more. Freeing the decoder then cancels that
    thread and frees the mutex it waits on without joining it: a race that crashes the process
    now and then (SIGSEGV; seen once in CI, in tests/test_extract_7z.py). So before a decoder
    is dropped, a thread that may be waiting gets zeros until it has run to its end (garbage
    that nobody reads; an error ends it too). One that will not end is kept, never freed."""
    for decompressor in chain:
        decoder = getattr(decompressor, "decoder", None)
        if decoder is None or not hasattr(decoder, "needs_input"):
            continue
        for _ in range(64):
            # no input left over and no end seen: its thread may be waiting for more
            if decoder.eof or not decoder.needs_input:
                break
            try:
                decoder.decode(b"\0" * 65536, 1)
            except Exception:  # a decoding error ends the thread as well
                break
        else:
            _PPMD_KEPT.append(decoder)


class _Py7zrStream:
    """A folder's output from py7zr's decompressor chain (methods `lzma` lacks)."""

    def __init__(self, folder, fp, pos: int, size: int) -> None:
        self.dec = folder.get_decompressor(size, reset=True)
        self.fp, self.pos = fp, pos

    def read(self, n: int) -> bytes:
        self.fp.seek(self.pos)
        out = self.dec.decompress(self.fp, n)
        self.pos = self.fp.tell()
        return out

    def close(self) -> None:
        if self.dec is not None:
            _end_ppmd_threads(getattr(self.dec, "chain", ()))
            self.dec = None


class _SevenZipFolders:
    """Reads 7z members folder by folder, straight from the archive's bytes: each folder (a solid
    block) is decoded once, front to back, in bounded steps, and only the member being read is
    held. LZMA/LZMA2 folders (with BCJ or Delta filters) go through Python's C `lzma` decoder
    alone; other methods through py7zr's decompressors. py7zr's `extractall` (writer plumbing
    per member, a second CRC pass) is not used: it costs about as much again as the decoding."""

    def __init__(self, z, data: bytes, ctx: Ctx) -> None:
        self.z, self.data, self.ctx = z, data, ctx
        self.start: dict[int, tuple[int, int]] = {}  # id(folder) -> (offset, packed size)
        self.files: dict[int, list] = {}  # id(folder) -> its members, in stream order
        self.index: dict[int, int] = {}  # member id -> its place in its folder
        main = z.header.main_streams if hasattr(z.header, "main_streams") else None
        if main is not None and main.unpackinfo is not None:
            pos, stream = z.afterheader + (main.packinfo.packpos or 0), 0
            for folder in main.unpackinfo.folders:
                n = max(1, len(folder.packed_indices))
                size = sum(main.packinfo.packsizes[stream : stream + n])
                self.start[id(folder)] = (pos, size)
                self.files[id(folder)] = members = list(folder.files or ())
                self.index.update((g.id, i) for i, g in enumerate(members))
                pos, stream = pos + size, stream + n
        self.folder = None  # the folder being read, its decoded stream, its next member
        self.stream: _LzmaStream | _Py7zrStream | None = None
        self.next = 0

    def read(self, f) -> bytes:
        """The bytes of member `f` (an ArchiveFile), CRC-checked."""
        from py7zr.exceptions import PasswordRequired

        folder = f.folder
        if folder is None or f.emptystream:
            return b""
        files, index = self.files[id(folder)], self.index[f.id]
        if self.folder is not folder or index < self.next:
            pos, size = self.start[id(folder)]
            if pos + size > len(self.data):
                raise CorruptFile("7z packed data lies past the end of the file")
            limit = int(self.ctx.limits.archive_total_mb * MB)
            self._drop_stream()
            filters = lzma_filters(folder, limit)
            if filters is not None:
                packed = memoryview(self.data)[pos : pos + size]
                self.stream = _LzmaStream(packed, filters)
            else:
                try:
                    self.stream = _Py7zrStream(folder, self.z.fp, pos, size)
                except PasswordRequired as e:
                    raise EncryptedFile(f"7z member {f.filename!r} is password-protected") from e
            self.folder, self.next = folder, 0
        while self.next < index:  # members skipped in a solid block still have to be decoded
            self._take(files[self.next], keep=False)
            self.next += 1
        out = self._take(f)
        self.next = index + 1
        return out

    def close(self) -> None:
        """Drop the decoders now, their threads ended (`_end_ppmd_threads`). A traceback would
        otherwise keep them until a garbage collection, and pyppmd's threaded PPMd decoder, left
        mid-stream by a damaged archive, crashed the process when the collector freed it, in the
        middle of reading another file (found by tests/test_extract_7z.py)."""
        self._drop_stream()
        self.folder = None
        for folder in self.z.header.main_streams.unpackinfo.folders if self.start else ():
            folder.decompressor = None

    def _drop_stream(self) -> None:
        if isinstance(self.stream, _Py7zrStream):
            self.stream.close()
        self.stream = None

    def _take(self, f, keep: bool = True) -> bytes:
        size = int(f.uncompressed or 0)
        out = bytearray()
        got = 0
        assert self.stream is not None
        while got < size:
            self.ctx.budget.check_time()
            chunk = self.stream.read(min(size - got, 1 << 20))
            if not chunk:
                raise CorruptFile(f"7z data ends inside member {f.filename!r}")
            got += len(chunk)
            if keep:
                out += chunk
        if keep and f.crc32 is not None and zlib.crc32(out) != f.crc32:
            raise CorruptFile(f"7z member {f.filename!r} fails its CRC check")
        return bytes(out)


_7Z_VOLUME = re.compile(r"\.7z\.\d{3,4}$", re.IGNORECASE)  # 7-Zip's a.7z.001, py7zr's .0001


def _check_7z_whole(data: bytes, ctx: Ctx) -> None:
    """A 7z keeps its header at the end (the start header says where): one that lies past the
    end of the bytes is the first part of a split archive (7-Zip's "split to volumes": a.7z.001,
    .002, ... are byte ranges of one archive, joined by no one here) or a cut-short file."""
    if len(data) < 32:
        raise CorruptFile("7z archive cut short in its start header")
    offset, size = struct.unpack_from("<QQ", data, 12)
    if 32 + offset + size <= len(data):
        return
    name = ctx.display_path.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    if _7Z_VOLUME.search(name):
        raise UnsupportedFormat(
            f"the first part of a multi-volume 7z archive ({name}): its contents need the other "
            "parts joined to it, which is not done here"
        )
    raise CorruptFile("7z archive cut short: its header lies past the end of the file")


@register(mt.SEVENZ)
def extract_7z(data: bytes, ctx: Ctx) -> Parts:
    try:
        import py7zr
        from py7zr.compressor import SupportedMethods
        from py7zr.exceptions import PasswordRequired, UnsupportedCompressionMethodError
    except ImportError as e:  # optional reader
        raise UnsupportedFormat("7z archives need the py7zr package") from e

    _check_7z_whole(data, ctx)
    errors = _7z_errors()
    try:
        z = py7zr.SevenZipFile(io.BytesIO(data), mode="r")
    except PasswordRequired as e:
        raise EncryptedFile("the 7z archive is password-protected (encrypted names)") from e
    except errors as e:
        if "password" in str(e).lower():
            raise EncryptedFile("the 7z archive is password-protected") from e
        raise CorruptFile(f"7z archive unreadable: {type(e).__name__}: {e}") from e
    folders = None
    try:
        folders = _SevenZipFolders(z, data, ctx)
        entries = [
            Entry(
                f.filename,
                int(f.uncompressed or 0),
                None,
                f.folder is not None and SupportedMethods.needs_password(f.folder.coders),
                functools.partial(folders.read, f),
            )
            for f in z.files
            if not f.is_directory
        ]
        return _expand(entries, len(data), ctx, "7z")
    except ExtractionError:
        raise
    except PasswordRequired as e:
        raise EncryptedFile("the 7z archive is password-protected") from e
    except UnsupportedCompressionMethodError as e:
        raise UnsupportedFormat(f"7z compression method not supported: {e}") from e
    except errors as e:
        raise CorruptFile(f"7z archive unreadable: {type(e).__name__}: {e}") from e
    finally:
        if folders is not None:
            folders.close()
        z.close()


# RAR


def rar_backend() -> str | None:
    """The tool rarfile will use to decompress RAR data (`unar`, `bsdtar`, `unrar`, `7z`), or
    None when there is none (stored members are still read, compressed ones are not)."""
    try:
        setup = _rarfile().tool_setup()
    except Exception:
        return None
    try:
        return str(setup.get_cmdline("check_cmd", None)[0])
    except Exception:
        return "unknown"


def _rarfile():
    """rarfile, told that Windows 10+'s own `tar.exe` is bsdtar (libarchive reads RAR)."""
    import shutil
    import sys

    import rarfile

    if sys.platform == "win32" and not shutil.which("bsdtar") and shutil.which("tar"):
        rarfile.BSDTAR_TOOL = "tar"
    return rarfile


@register(mt.RAR)
def extract_rar(data: bytes, ctx: Ctx) -> Parts:
    try:
        rarfile = _rarfile()
    except ImportError as e:
        raise UnsupportedFormat("RAR archives need the rarfile package") from e
    errors = (rarfile.Error, EOFError, OSError, ValueError, KeyError, IndexError, TypeError,
              AttributeError, NotImplementedError, UnicodeDecodeError, struct.error)  # fmt: skip
    try:
        rf = rarfile.RarFile(io.BytesIO(data))
        infos = [i for i in rf.infolist() if not i.is_dir()]
        if not infos and rf.needs_password():
            raise EncryptedFile("the RAR archive is password-protected (encrypted names)")
    except rarfile.PasswordRequired as e:
        raise EncryptedFile("the RAR archive is password-protected (encrypted names)") from e
    except rarfile.NeedFirstVolume as e:
        raise UnsupportedFormat("a later volume of a multi-part RAR archive") from e
    except errors as e:
        raise CorruptFile(f"RAR archive unreadable: {type(e).__name__}: {e}") from e

    split_flags = rarfile.RAR_FILE_SPLIT_BEFORE | rarfile.RAR_FILE_SPLIT_AFTER
    split = [i for i in infos if i.flags & split_flags]
    if infos and len(split) == len(infos):
        raise UnsupportedFormat(
            "a volume of a multi-part RAR archive: its contents continue in the other volumes, "
            "which are not joined here"
        )

    def reader(info) -> Callable[[], bytes]:
        def read() -> bytes:
            if info.flags & split_flags:
                raise UnsupportedFormat("continues in another volume of a multi-part RAR archive")
            try:
                with rf.open(info) as f:
                    return _bounded_read(f, int(info.file_size or 0), ctx, info.filename)
            except rarfile.PasswordRequired as e:
                raise EncryptedFile(f"RAR member {info.filename!r} is password-protected") from e
            except rarfile.RarCannotExec as e:
                raise UnsupportedFormat(
                    "compressed RAR data needs the unar or bsdtar tool (see shareguard doctor)"
                ) from e
            except rarfile.NeedFirstVolume as e:
                raise UnsupportedFormat(f"RAR member {info.filename!r} spans volumes") from e
            except ExtractionError:
                raise
            except errors as e:
                raise CorruptFile(
                    f"RAR member {info.filename!r} unreadable: {type(e).__name__}: {e}"
                ) from e

        return read

    entries = [
        Entry(
            i.filename,
            int(i.file_size or 0),
            int(i.compress_size or 0),
            bool(i.needs_password()),
            reader(i),
        )
        for i in infos
    ]
    try:
        return _expand(entries, len(data), ctx, "RAR")
    finally:
        rf.close()


# tar and single-file compression


@register(mt.TAR)
def extract_tar(data: bytes, ctx: Ctx) -> Parts:
    return _tar(data, ctx, "tar")


def _tar(data: bytes, ctx: Ctx, kind: str) -> Parts:
    import tarfile

    try:
        tf = tarfile.open(fileobj=io.BytesIO(data), mode="r:")  # noqa: SIM115 (read lazily)
        infos: list[tarfile.TarInfo] = []
        for info in tf:  # headers one by one, so a huge listing stops at the member limit
            if info.isfile():
                infos.append(info)
            if len(infos) > ctx.limits.archive_members:
                raise TooLarge(f"{kind} has more than {ctx.limits.archive_members} entries")
            ctx.budget.check_time()
    except ExtractionError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError, UnicodeDecodeError) as e:
        raise CorruptFile(f"{kind} archive unreadable: {type(e).__name__}: {e}") from e

    def reader(info) -> Callable[[], bytes]:
        def read() -> bytes:
            f = tf.extractfile(info)
            if f is None:
                return b""
            try:
                return _bounded_read(f, info.size, ctx, info.name)
            except (tarfile.TarError, EOFError, OSError, ValueError) as e:
                raise CorruptFile(f"{kind} member {info.name!r} unreadable: {e}") from e

        return read

    # a tar stores members uncompressed: its size is the expansion, no ratio to check
    entries = [Entry(i.name, i.size, None, False, reader(i)) for i in infos]
    return _expand(entries, len(data), ctx, kind)


_STREAMS = {mt.GZIP: ("gzip", ".gz"), mt.BZIP2: ("bz2", ".bz2"), mt.XZ: ("lzma", ".xz")}


@register(mt.GZIP, mt.BZIP2, mt.XZ)
def extract_compressed(data: bytes, ctx: Ctx) -> Parts:
    """A .gz/.bz2/.xz holds one file (often a tar): decompressed in bounded steps, then
    extracted as that file (a tar inside is expanded as a tar)."""
    import bz2
    import gzip
    import lzma
    import zlib

    media = mt.sniff_bytes(data)
    module, suffix = _STREAMS[media]
    lim = ctx.limits
    cap = int(min(lim.archive_total_mb * MB, max(RATIO_FLOOR, lim.archive_ratio * len(data))))
    if ctx.depth >= lim.archive_depth:
        raise TooLarge(f"archives nested deeper than {lim.archive_depth} levels")
    opener = {"gzip": gzip.GzipFile, "bz2": bz2.BZ2File, "lzma": lzma.LZMAFile}[module]
    out = bytearray()
    try:
        with opener(fileobj=io.BytesIO(data)) as f:
            while chunk := f.read(1 << 20):
                out += chunk
                if len(out) > cap:
                    raise TooLarge(
                        f"{suffix} expands past {cap // MB} MB "
                        f"({lim.archive_ratio:g}x its size, or the archive limit): a bomb"
                    )
                ctx.budget.check_time()
    except ExtractionError:
        raise
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as e:
        raise CorruptFile(f"{suffix} stream unreadable: {type(e).__name__}: {e}") from e
    ctx.budget.archive_bytes += len(out)
    inner = bytes(out)
    name = ctx.display_path.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    base = name[: -len(suffix)] if name.lower().endswith(suffix) else name
    if name.lower().endswith((".tgz", ".tbz2", ".txz")):
        base = name.rsplit(".", 1)[0] + ".tar"
    if mt.sniff_bytes(inner) == mt.TAR:
        return _tar(inner, ctx, "tar")
    parts = Parts()
    from agent.extract import extract_member

    member = extract_member(inner, base or "content", ctx, parts)
    if member is not None:
        parts.members.append(member)
    parts.metadata.append(("archive.members", "1"))
    return parts
