"""This checkout's 7z reader against another commit's, side by side in one process, on the same
files, against their zip twins: the before/after of a change to the reader, which separate runs
of bench/formats.py on a shared machine cannot show (its load moves the ratios more than the
change does).

    .venv/bin/python bench/archive_ab.py --ref main --per-template 1 --rounds 9

For each document of `tests.docgen.corpus.generate` (one docx in each archive, as
bench/formats.py): the zip twin, a 7z as 7-Zip writes a document (LZMA2 level 5) and a 7z as
py7zr writes by default (BCJ x86 + LZMA2 preset 7). Each round times, in turn, the zip, then
each 7z through this checkout's reader and through REF's (`extract_bytes` of the bytes, warm,
the reader swapped in the registry); a document's time is its median over the rounds. Printed:
per variant the sum of the medians over the zip twins' (wall clock and the thread's CPU time),
and the median per-document ratio; `--per-doc` prints each document.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__" or str(ROOT) not in sys.path:  # bench/agent.py is not the package
    sys.path.insert(0, str(ROOT))


def _reader_at(ref: str):
    """`extract_7z` of agent/extract/archive.py at `ref`, loaded beside this checkout's."""
    from agent.extract import base

    src = subprocess.run(
        ["git", "show", f"{ref}:agent/extract/archive.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    saved = dict(base.REGISTRY)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(src)
    spec = importlib.util.spec_from_file_location("archive_at_ref", f.name)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["archive_at_ref"] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    os.unlink(f.name)
    base.REGISTRY.clear()
    base.REGISTRY.update(saved)  # its @register calls must not replace this checkout's readers
    return mod.extract_7z


def _write_7z(data: bytes, filters: list[dict] | None) -> bytes:
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", filters=filters) as z:
        z.writestr(data, "通知.docx")
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="main", help="the commit whose reader is compared")
    ap.add_argument("--per-template", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--per-doc", action="store_true")
    args = ap.parse_args()

    import dataclasses
    import zipfile

    from agent.config import Config
    from agent.extract import _load_extractors, extract_bytes
    from agent.extract import media as mt
    from agent.extract.base import REGISTRY, Budget, Ctx
    from tests.docgen.convert import _docx_bytes, sevenzip_defaults
    from tests.docgen.corpus import carries, generate

    _load_extractors()
    new_reader = REGISTRY[mt.SEVENZ]
    old_reader = _reader_at(args.ref)
    config = Config()
    config = dataclasses.replace(config, ocr=dataclasses.replace(config.ocr, engine="none"))
    docs = []
    for n, (t, doc) in enumerate(generate(per_template=args.per_template, seed=args.seed)):
        if not carries(doc, "docx"):
            continue
        docx = _docx_bytes(doc)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("通知.docx", docx)
        docs.append(
            (f"{n:04d}-{t.name}", buf.getvalue(),
             _write_7z(docx, sevenzip_defaults(len(docx))), _write_7z(docx, None))
        )  # fmt: skip
    variants = {
        "7z (7-Zip defaults), this reader": (2, new_reader),
        f"7z (7-Zip defaults), {args.ref}'s reader": (2, old_reader),
        "7z (py7zr defaults), this reader": (3, new_reader),
        f"7z (py7zr defaults), {args.ref}'s reader": (3, old_reader),
    }

    def run(data: bytes, name: str) -> tuple[float, float]:
        a, ca = time.perf_counter(), time.thread_time()
        extract_bytes(data, name, Ctx(config, Budget(config), name))
        return time.perf_counter() - a, time.thread_time() - ca

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    times: dict[str, list[list[tuple[float, float]]]] = {
        k: [[] for _ in docs] for k in ["zip", *variants]
    }
    for _warm in range(2):  # imports and first use out of the timing, on both sides
        for d in docs:
            run(d[1], "x.zip")
            for idx, reader in variants.values():
                REGISTRY[mt.SEVENZ] = reader
                run(d[idx], "x.7z")
    for _ in range(args.rounds):
        for i, d in enumerate(docs):
            times["zip"][i].append(run(d[1], "x.zip"))
            for k, (idx, reader) in variants.items():
                REGISTRY[mt.SEVENZ] = reader
                times[k][i].append(run(d[idx], "x.7z"))
    REGISTRY[mt.SEVENZ] = new_reader
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    def med(k: str, i: int, j: int) -> float:
        return statistics.median(x[j] for x in times[k][i])

    print(f"\n{len(docs)} documents, {args.rounds} rounds; ratios against the zip twin")
    print(f"{'variant':44} {'wall':>7} {'cpu':>7} {'per doc (median)':>17}")
    for k in variants:
        wall = sum(med(k, i, 0) for i in range(len(docs))) / sum(
            med("zip", i, 0) for i in range(len(docs))
        )
        cpu = sum(med(k, i, 1) for i in range(len(docs))) / sum(
            med("zip", i, 1) for i in range(len(docs))
        )
        per = statistics.median(med(k, i, 0) / med("zip", i, 0) for i in range(len(docs)))
        print(f"{k:44} {wall:6.2f}x {cpu:6.2f}x {per:16.2f}x")
    if args.per_doc:
        print(f"\nper document, ms (median wall): zip, then {', '.join(variants)}")
        for i, d in enumerate(docs):
            cells = " ".join(f"{med(k, i, 0) * 1000:7.2f}" for k in ["zip", *variants])
            print(f"  {d[0]:36} {cells}")


if __name__ == "__main__":
    main()
