"""Bounded fuzzing of every extractor, seeded from valid files (a few seconds per extractor).
A longer run: `python bench/fuzz_extract.py --minutes 10`. Crashes found become the regression
cases at the bottom."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fuzz_extract_lib import (
    check_one,
    fuzz_config,
    make_seeds,
    mutate,
    mutate_zip_member,
)

ZIPPED = {"docx", "xlsx", "zip", "ofd"}
CONFIG = fuzz_config()


@pytest.fixture(scope="module")
def seeds(
    tmp_path_factory: pytest.TempPathFactory, legacy_samples: dict[str, Path]
) -> dict[str, bytes]:
    return make_seeds(tmp_path_factory.mktemp("seeds"), legacy_samples)


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's complaints about broken tags
@pytest.mark.parametrize(
    "fmt",
    [
        *("text", "csv", "docx", "xlsx", "pdf", "png", "jpeg", "tiff", "zip"),
        *("doc", "xls", "ppt", "rtf", "ofd", "7z", "tgz", "rar", "heic"),  # issue 13
    ],
)
def test_fuzz_extractor(seeds: dict[str, bytes], fmt: str) -> None:
    seed = seeds[fmt]
    assert check_one(seed, CONFIG) == "ok"  # the seed itself is valid

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,  # the same examples on every CI run; bench/ explores at random
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.randoms(use_true_random=False))
    def run(rnd: random.Random) -> None:
        data = mutate_zip_member(seed, rnd) if fmt in ZIPPED and rnd.random() < 0.6 else None
        if data is None:
            data = mutate(seed, rnd)
        check_one(data, CONFIG)  # raises on anything but an Extraction or ExtractionError

    run()


# Regression cases found by fuzzing (each crashed an extractor before its fix).
REGRESSIONS: dict[str, bytes] = {
    # empty input and lone BOMs
    "empty": b"",
    "bom-only": b"\xef\xbb\xbf",
    "utf16-odd-length": b"\xff\xfeA",
    # a zip central directory with no entries
    "empty-zip": b"PK\x05\x06" + bytes(18),
    # a PDF header followed by nothing usable
    "pdf-header": b"%PDF-1.7\n%%EOF",
    # a PNG signature with no chunks
    "png-signature": b"\x89PNG\r\n\x1a\n",
    # a TIFF header pointing past the end
    "tiff-bad-ifd": b"II*\x00\xff\xff\xff\x7f",
}


def _tiff_without_dimensions() -> bytes:
    """Found by the fuzzer: Pillow raised TypeError('Missing dimensions') from n_frames."""
    entry = struct.pack("<HHII", 259, 3, 1, 1)  # Compression=1, no ImageWidth/ImageLength
    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + entry + b"\x00" * 4


def _zip_with_broken_deflate(seeds: dict[str, bytes]) -> bytes:
    """Found by the fuzzer: zlib.error escaped from reading a docx/xlsx member."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("[Content_Types].xml", "word/document.xml"):
            zf.writestr(name, "<w:document>" + "交办单" * 500 + "</w:document>")
    data = bytearray(buf.getvalue())
    start = data.find(b"word/document.xml") + len("word/document.xml")
    for k in range(start + 10, start + 40):
        data[k] ^= 0x5A
    return bytes(data)


def _zip_with_impossible_version(seeds: dict[str, bytes]) -> bytes:
    """Found by bench/fuzz_extract.py: zipfile raised NotImplementedError ("zip file version
    25.5") while the file was being sniffed, outside any extractor's error mapping."""
    data = bytearray(seeds["docx"])
    i = data.find(b"PK\x01\x02")
    data[i + 6] = 255  # "version needed to extract" of the first central-directory entry
    return bytes(data)


@pytest.mark.parametrize(
    "name", [*sorted(REGRESSIONS), "tiff-no-dimensions", "broken-deflate", "zip-version"]
)
def test_fuzz_regressions(name: str, seeds: dict[str, bytes]) -> None:
    if name == "tiff-no-dimensions":
        data = _tiff_without_dimensions()
    elif name == "broken-deflate":
        data = _zip_with_broken_deflate(seeds)
    elif name == "zip-version":
        data = _zip_with_impossible_version(seeds)
    else:
        data = REGRESSIONS[name]
    assert check_one(data, CONFIG) in ("ok", "corrupt", "unsupported", "too_large")
