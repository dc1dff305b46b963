"""The 7z reader's folder decoding: real archives written by py7zr (and, for the settings, as
7-Zip 26.02 writes them: tests/docgen/convert.py `sevenzip_defaults`), read through Python's C
LZMA decoder where the folder's coder chain allows it and through py7zr's decompressors
otherwise, with the same answers, limits and failures either way."""

from __future__ import annotations

import dataclasses
import io
import lzma
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import py7zr
import pytest

from agent.config import Config, Limits
from agent.errors import CorruptFile, EncryptedFile, TooLarge
from agent.extract import extract_in_process
from agent.extract import media as mt
from agent.extract.archive import lzma_filters
from detectors.model import BlockKind, Extraction
from tests.docgen.convert import sevenzip_defaults

ROOT = Path(__file__).resolve().parents[1]
NO_OCR = dataclasses.replace(Config(), ocr=dataclasses.replace(Config().ocr, engine="none"))
ROSTER = (
    "姓名,身份证号,联系电话\n"
    "张三,110101199003074514,13812345678\n"
    "李四,11010119850101002X,13987654321\n"
)
NOTICE = "关于开展专项检查的通知\n请各单位于本周五前报送材料。\n"


def _text(n: int, seed: int) -> bytes:
    """Chinese prose that LZMA compresses some but not all (as a real document's text)."""
    rnd = random.Random(seed)
    chars = "关于开展专项检查的通知请各单位按照要求认真组织落实确保工作取得实效报送材料联系人电话"
    return "".join(rnd.choice(chars) for _ in range(n)).encode()


def _body(e: Extraction) -> str:
    """A text member's text, its lines joined (the file name block left out)."""
    return "".join(b.text for b in e.blocks if b.kind != BlockKind.FILENAME).replace("\n", "")


def _write(members: dict[str, bytes], filters: list[dict] | None, plain_header: bool = False):
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", filters=filters) as z:
        if plain_header:  # the header unencoded, so a test can edit it in place
            z.set_encoded_header_mode(False)
        for name, body in members.items():
            z.writestr(body, name)
    return buf.getvalue()


def _folders(data: bytes) -> list:
    with py7zr.SevenZipFile(io.BytesIO(data)) as z:
        return list(z.header.main_streams.unpackinfo.folders)


def _extract(tmp_path: Path, data: bytes, config: Config = NO_OCR, name: str = "材料.7z"):
    p = tmp_path / name
    p.write_bytes(data)
    return extract_in_process(p, config)


def test_solid_block_read_member_by_member_through_c_lzma(tmp_path: Path) -> None:
    """7-Zip's defaults (LZMA2, one solid block): each member comes out whole, in order, as its
    own extraction, and the folder is decoded by the C decoder alone."""
    members = {
        "表/名单.csv": ROSTER.encode("gbk"),
        "通知.txt": NOTICE.encode(),
        "正文.txt": _text(30_000, 1),
    }
    total = sum(map(len, members.values()))
    data = _write(members, sevenzip_defaults(total))
    (folder,) = _folders(data)  # one solid block; its dictionary (96 KB) cut to its output
    assert lzma_filters(folder, 1 << 30) == [{"id": lzma.FILTER_LZMA2, "dict_size": total}]
    e = _extract(tmp_path, data)
    assert e.source.media_type == mt.SEVENZ
    assert [m.source.path.rsplit("!", 1)[1] for m in e.members] == list(members)
    assert e.members[0].tables[0].rows[1] == ("张三", "110101199003074514", "13812345678")
    assert "专项检查" in e.members[1].text()
    assert _body(e.members[2]) == members["正文.txt"].decode()


CHAINS = {
    # name: (py7zr filters, decoded by the C lzma decoder alone?)
    "lzma2": ([{"id": lzma.FILTER_LZMA2, "preset": 5}], True),
    "bcj-x86+lzma2": ([{"id": lzma.FILTER_X86}, {"id": lzma.FILTER_LZMA2}], True),
    "arm+lzma2": ([{"id": lzma.FILTER_ARM}, {"id": lzma.FILTER_LZMA2}], True),
    "delta+lzma2": ([{"id": lzma.FILTER_DELTA, "dist": 2}, {"id": lzma.FILTER_LZMA2}], True),
    "lzma": ([{"id": lzma.FILTER_LZMA1}], True),
    # an LZMA stream has no end mark to flush a BCJ filter's last bytes: py7zr's path
    "bcj-x86+lzma": ([{"id": lzma.FILTER_X86}, {"id": lzma.FILTER_LZMA1}], False),
    "ppmd": ([{"id": py7zr.FILTER_PPMD}], False),
    "bzip2": ([{"id": py7zr.FILTER_BZIP2}], False),
    "copy": ([{"id": py7zr.FILTER_COPY}], False),
}


@pytest.mark.parametrize("chain", sorted(CHAINS))
def test_coder_chains_read_alike(tmp_path: Path, chain: str) -> None:
    filters, native = CHAINS[chain]
    members = {"a.txt": _text(20_000, 2), "b.csv": ROSTER.encode("gbk"), "c.txt": _text(5, 3)}
    data = _write(members, filters)
    folders = _folders(data)
    assert all((lzma_filters(f, 1 << 30) is not None) == native for f in folders)
    e = _extract(tmp_path, data)
    assert [_body(m) for m in (e.members[0], e.members[2])] == [
        members["a.txt"].decode(),
        members["c.txt"].decode(),
    ]
    assert e.members[1].tables[0].rows[2] == ("李四", "11010119850101002X", "13987654321")


def _set_header_crcs(data: bytearray) -> bytes:
    off, size = struct.unpack_from("<QQ", data, 12)
    struct.pack_into("<I", data, 28, zlib.crc32(data[32 + off : 32 + off + size]))
    struct.pack_into("<I", data, 8, zlib.crc32(data[12:32]))
    return bytes(data)


def huge_dictionary_7z() -> bytes:
    """A roster in a 7z whose LZMA2 coder declares a 4 GB dictionary (property 40)."""
    data = bytearray(_write({"名单.csv": ROSTER.encode("gbk")}, None, plain_header=True))
    off, size = struct.unpack_from("<QQ", data, 12)
    at = data.find(b"\x21\x21\x01", 32 + off)  # coder: id size 1 + properties, LZMA2, 1 byte
    assert 32 + off < at < 32 + off + size
    data[at + 3] = 40
    return _set_header_crcs(data)


def test_declared_huge_dictionary_costs_only_the_output(tmp_path: Path) -> None:
    """A header may declare a 4 GB dictionary for a few KB of data (LZMA2 property 40): the
    decoder's dictionary is cut to the folder's output, so the archive reads under the worker's
    memory cap instead of failing (or, without a cap, reserving 4 GB)."""
    p = tmp_path / "huge-dict.7z"
    p.write_bytes(huge_dictionary_7z())
    (folder,) = _folders(p.read_bytes())
    assert folder.coders[0]["properties"] == b"\x28"
    script = (
        "import dataclasses, sys\n"
        "from agent.extract.worker import limit_memory\n"
        "from agent.config import Config\n"
        "from agent.extract import extract_in_process\n"
        "c = Config(); c = dataclasses.replace(c, ocr=dataclasses.replace(c.ocr, engine='none'))\n"
        "limit_memory(1024)\n"  # a cap as the worker sets (1.5 GB by default), under 4 GB
        "e = extract_in_process(sys.argv[1], c)\n"
        "print(e.members[0].tables[0].rows[1][0])\n"
    )
    assert _run_child(script, p, timeout=120) == "张三"


def _read_number(b: bytes | bytearray, i: int) -> tuple[int, int]:
    """7z's variable-length number at b[i]: (value, length)."""
    first, mask, value = b[i], 0x80, 0
    for n in range(8):
        if not first & mask:
            return value | ((first & (mask - 1)) << (8 * n)), n + 1
        value |= b[i + 1 + n] << (8 * n)
        mask >>= 1
    return value, 9


def _cut_packed_stream(data: bytes, keep: float) -> bytes:
    """The same archive with its packed stream cut short (header intact, sizes as declared
    except the packed size, which says what is there): a stream that ends inside a member."""
    b = bytearray(data)
    off, size = struct.unpack_from("<QQ", b, 12)
    header = bytearray(b[32 + off : 32 + off + size])
    at = header.find(b"\x06\x00\x01\x09")  # PackInfo: pack position 0, one stream, sizes
    packsize, n = _read_number(header, at + 4)
    assert packsize == off
    cut = int(packsize * keep)
    assert n == 3 and 0x4000 <= cut < packsize  # both take three bytes
    header[at + 4 : at + 7] = bytes([0xC0 | (cut >> 16), cut & 0xFF, (cut >> 8) & 0xFF])
    out = bytearray(b[:32]) + b[32 : 32 + cut] + header
    struct.pack_into("<QQ", out, 12, cut, len(header))
    return _set_header_crcs(out)


@pytest.mark.parametrize("chain", ["lzma2", "bcj-x86+lzma2", "ppmd"])
def test_stream_cut_short_is_corrupt(tmp_path: Path, chain: str) -> None:
    data = _write({"a.txt": _text(200_000, 4)}, CHAINS[chain][0], plain_header=True)
    cut = _cut_packed_stream(data, 0.5)
    with pytest.raises(CorruptFile):
        _extract(tmp_path, cut)
    whole = _extract(tmp_path, data)  # the same archive, not cut, reads
    assert _body(whole.members[0]) == _text(200_000, 4).decode()


def test_bomb_in_solid_block_stopped_within_limits(tmp_path: Path) -> None:
    """Zeros in one solid block with a real member: refused on the declared ratio before any
    decoding; with the ratio lifted, stopped at the archive's total size (the member before it
    still judged), never decoded further."""
    members = {"名单.csv": ROSTER.encode("gbk"), "zeros.bin": bytes(40 * 1024 * 1024)}
    data = _write(members, sevenzip_defaults(40 * 1024 * 1024))
    assert len(data) < 100_000
    with pytest.raises(TooLarge, match="bomb"):
        _extract(tmp_path, data)
    limits = dataclasses.replace(Limits(), archive_total_mb=10, archive_ratio=1e9)
    with pytest.raises(TooLarge, match="10 MB"):
        _extract(tmp_path, data, dataclasses.replace(NO_OCR, limits=limits))


def test_encrypted_folder_is_encrypted_on_every_path(tmp_path: Path) -> None:
    buf = io.BytesIO()
    filters = [*sevenzip_defaults(1000), {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
    with py7zr.SevenZipFile(buf, "w", filters=filters, password="口令") as z:
        z.set_encrypted_header(False)
        z.writestr(ROSTER.encode("gbk"), "名单.csv")
    (folder,) = _folders(buf.getvalue())
    assert lzma_filters(folder, 1 << 30) is None  # AES: py7zr's path, which knows passwords
    with pytest.raises(EncryptedFile):
        _extract(tmp_path, buf.getvalue())


def test_damaged_ppmd_archive_never_crashes_the_process(tmp_path: Path) -> None:
    """pyppmd's threaded PPMd decoder, left mid-stream by a cut archive and freed later by the
    garbage collector (an error's traceback keeps it until then), crashed the whole process
    (SIGSEGV). The reader now drops its decoders when it is done: many damaged archives, errors
    kept, collections between, in a child process so a crash fails this test, not the run."""
    data = _write({"a.txt": _text(200_000, 4)}, CHAINS["ppmd"][0], plain_header=True)
    (tmp_path / "cut.7z").write_bytes(_cut_packed_stream(data, 0.5))
    (tmp_path / "whole.7z").write_bytes(data)
    script = (
        "import dataclasses, gc, sys\n"
        "from pathlib import Path\n"
        "from agent.config import Config\n"
        "from agent.errors import CorruptFile\n"
        "from agent.extract import extract_in_process\n"
        "c = Config(); c = dataclasses.replace(c, ocr=dataclasses.replace(c.ocr, engine='none'))\n"
        "d = Path(sys.argv[1]); kept = []\n"
        "for i in range(20):\n"
        "    try:\n"
        "        extract_in_process(d / 'cut.7z', c)\n"
        "    except CorruptFile as e:\n"
        "        kept.append(e)\n"
        "    extract_in_process(d / 'whole.7z', c)\n"
        "    if i % 5 == 4:\n"
        "        kept.clear(); gc.collect()\n"
        "print(len(kept), 'ok')\n"
    )
    assert _run_child(script, tmp_path, timeout=300) == "0 ok"


def test_a_ppmd_decoder_left_waiting_is_run_to_its_end_before_it_is_dropped() -> None:
    """What keeps the race above away: pyppmd's decoding thread, left waiting for input by a
    stream that ends inside a symbol, is fed until it has ended, so freeing the decoder no
    longer cancels a thread that waits on memory being freed."""
    import types

    import pyppmd

    from agent.extract import archive

    enc = pyppmd.Ppmd7Encoder(6, 16 << 20)
    packed = enc.encode(_text(200_000, 4)) + enc.flush()
    decoder = pyppmd.Ppmd7Decoder(6, 16 << 20)
    decoder.decode(packed[: len(packed) // 2], 1 << 20)  # asks for more than half a stream gives
    assert decoder.needs_input and not decoder.eof  # its thread waits for input
    kept = len(archive._PPMD_KEPT)
    archive._end_ppmd_threads([types.SimpleNamespace(decoder=decoder)])
    assert decoder.eof or not decoder.needs_input
    assert len(archive._PPMD_KEPT) == kept


def _run_child(script: str, arg: Path, *, timeout: float) -> str:
    """Run `script` in a fresh interpreter (a crash or a memory cap stays there); its stdout."""
    out = subprocess.run(
        [sys.executable, "-c", script, str(arg)], capture_output=True, text=True, cwd=ROOT,
        timeout=timeout, check=False,
    )  # fmt: skip
    assert out.returncode == 0, f"exit {out.returncode}: {out.stderr[-2000:]}"
    return out.stdout.strip()
