"""Longer fuzzing of every extractor, and the cost of each hostile file.

    .venv/bin/python bench/fuzz_extract.py --minutes 10         # fuzz, random (new cases each run)
    .venv/bin/python bench/fuzz_extract.py --hostile-only        # time and peak memory per bomb

Fuzz: byte-level and (for zip-based formats) structure-aware mutations of valid seed files
(tests/test_fuzz_extract_lib.py), in process with a null OCR engine; every case that raises
anything but an ExtractionError, or that only the boundary's catch-all mapped ("unmapped"), is
saved under $TMPDIR/shareguard-fuzz-findings/ for a regression test.

Hostile: each bomb/broken file from tests/test_limits.py through a fresh `Extractor` worker
(the real path, memory cap on); prints verdict kind, seconds and the worker's peak RSS.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import os
import random
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fuzz(minutes: float, seed: int | None) -> None:
    from tests.test_fuzz_extract_lib import (
        Unmapped,
        check_one,
        fuzz_config,
        make_seeds,
        mutate,
        mutate_zip_member,
    )

    cfg = fuzz_config()
    rnd = random.Random(seed)
    out_dir = Path(tempfile.gettempdir()) / "shareguard-fuzz-findings"
    with tempfile.TemporaryDirectory() as td:
        from tests.docgen.convert import legacy_samples, soffice
        from tests.docgen.render import sample_doc

        legacy = None
        if soffice() is not None:  # .doc .xls .ppt .rtf seeds need LibreOffice to be made
            legacy = legacy_samples(Path(td) / "legacy", sample_doc(seed=1, rows=2))
        seeds = make_seeds(Path(td), legacy)
    kinds: dict[str, collections.Counter] = {k: collections.Counter() for k in seeds}
    findings: dict[str, int] = {}
    slowest: dict[str, float] = dict.fromkeys(seeds, 0.0)
    deadline = time.monotonic() + minutes * 60
    n = 0
    while time.monotonic() < deadline:
        fmt = rnd.choice(list(seeds))
        data = seeds[fmt]
        if fmt in ("docx", "xlsx", "zip", "ofd") and rnd.random() < 0.6:
            data = mutate_zip_member(data, rnd)
        else:
            data = mutate(data, rnd)
        t = time.perf_counter()
        try:
            kinds[fmt][check_one(data, cfg)] += 1
        except Unmapped as e:
            kinds[fmt]["UNMAPPED"] += 1
            _save(out_dir, fmt, data, f"unmapped: {e}", findings)
        except Exception as e:  # the property broke
            kinds[fmt]["CRASH"] += 1
            _save(out_dir, fmt, data, "".join(traceback.format_exception(e)), findings)
        slowest[fmt] = max(slowest[fmt], time.perf_counter() - t)
        n += 1
    print(f"fuzz: {n} cases in {minutes:g} min ({n / (minutes * 60):.0f}/s)")
    print(f"  {'format':8} {'cases':>6}  {'slowest s':>9}  outcomes")
    for fmt, c in kinds.items():
        print(f"  {fmt:8} {sum(c.values()):6d}  {slowest[fmt]:9.2f}  {dict(c.most_common())}")
    print(f"findings saved: {len(findings)} (in {out_dir})" if findings else "findings: none")


def _save(out_dir: Path, fmt: str, data: bytes, why: str, findings: dict[str, int]) -> None:
    key = why.strip().splitlines()[-1][:200]
    if key in findings:
        findings[key] += 1
        return
    findings[key] = 1
    out_dir.mkdir(exist_ok=True)
    h = hashlib.sha256(data).hexdigest()[:12]
    (out_dir / f"{fmt}-{h}.bin").write_bytes(data)
    (out_dir / f"{fmt}-{h}.txt").write_text(why, encoding="utf-8")
    print(f"  finding [{fmt}] {key}")


def hostile_files(tmp: Path) -> dict[str, Path]:
    import pypdfium2 as pdfium
    from PIL import Image

    from tests.docgen.render import sample_doc, write
    from tests.test_limits import BILLION_LAUGHS, _png_header_only, _strip_decl, _zip

    doc = sample_doc()
    files: dict[str, Path] = {}
    files["flat zip bomb (30 MB zeros)"] = _zip(tmp / "flat.zip", {"z.bin": bytes(30 << 20)})
    data, name = bytes(2 << 20), "z.bin"
    for level in range(3):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(16):
                zf.writestr(f"{i}_{name}", data)
        data, name = buf.getvalue(), f"l{level}.zip"
    (tmp / "nested.zip").write_bytes(data)
    files["nested zip bomb (16^3 x 2 MB)"] = tmp / "nested.zip"
    d = write(doc, tmp / "laughs.docx", "docx")
    with zipfile.ZipFile(d) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    items["word/document.xml"] = (
        BILLION_LAUGHS + _strip_decl(items["word/document.xml"].decode())
    ).encode()
    files["docx billion laughs"] = _zip(d, items)
    g = write(doc, tmp / "giant.docx", "docx")
    with zipfile.ZipFile(g) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    items["word/document.xml"] = items["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1_500_000
    )
    files["docx with 50 MB of XML"] = _zip(g, items)
    (tmp / "bomb.png").write_bytes(_png_header_only(100_000, 100_000))
    files["PNG declaring 100000x100000"] = tmp / "bomb.png"
    Image.new("L", (9000, 8000), 255).save(tmp / "big.png")
    files["PNG 9000x8000 (72 MP, real)"] = tmp / "big.png"
    good = write(doc, tmp / "good.pdf", "pdf").read_bytes()
    (tmp / "trunc.pdf").write_bytes(good[: len(good) // 3])
    files["truncated PDF"] = tmp / "trunc.pdf"
    (tmp / "loop.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    files["PDF page tree loop"] = tmp / "loop.pdf"
    pdf = pdfium.PdfDocument.new()
    for _ in range(3000):
        pdf.new_page(595, 842)
    pdf.save(str(tmp / "pages.pdf"))
    pdf.close()
    files["PDF with 3000 pages"] = tmp / "pages.pdf"
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp / "enc.pdf"), encrypt=pdfencrypt.StandardEncryption("u", "o"))
    c.drawString(100, 700, "x")
    c.save()
    files["password-protected PDF"] = tmp / "enc.pdf"
    try:
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = write(doc, tmp / "plain.docx", "docx")
        with open(plain, "rb") as f, open(tmp / "enc.docx", "wb") as o:
            OOXMLFile(f).encrypt("pw", o)
        files["password-protected docx"] = tmp / "enc.docx"
    except ImportError:
        pass
    return files


def hostile() -> None:
    import dataclasses

    from agent.config import Config
    from agent.errors import ExtractionError
    from agent.extract import Extractor

    cfg = Config()
    cfg = dataclasses.replace(cfg, ocr=dataclasses.replace(cfg.ocr, engine="tesseract"))
    print(
        f"hostile files through the worker (timeout {cfg.limits.timeout_s:g} s, "
        f"memory cap {cfg.limits.memory_mb} MB, OCR tesseract)"
    )
    print(f"  {'file':32} {'size':>9}  {'result':28} {'s':>6}  {'worker peak RSS MB':>18}")
    with tempfile.TemporaryDirectory() as td:
        for label, path in hostile_files(Path(td)).items():
            ex = Extractor(cfg)
            t = time.perf_counter()
            try:
                ex.extract(path)
                result = "read (no error)"
            except ExtractionError as e:
                result = f"{e.kind}: {e.reason[:18]}"
            dt = time.perf_counter() - t
            peak = _peak(ex)
            ex.close()
            size = path.stat().st_size
            print(f"  {label:32} {size:9,d}  {result:28} {dt:6.2f}  {peak:>18}")


def _peak(ex) -> str:
    pid = ex.worker_pid
    if pid is None:
        return "(worker killed/exited)"
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return f"{int(status.split('VmHWM:')[1].split()[0]) / 1024:.0f}"
    except (OSError, IndexError):
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--hostile-only", action="store_true")
    ap.add_argument("--fuzz-only", action="store_true")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if not args.fuzz_only:
        hostile()
    if not args.hostile_only:
        fuzz(args.minutes, args.seed)


if __name__ == "__main__":
    main()
