"""Each format of issue 13 against its twin on the labelled corpus: same verdict, same top
category, and the extraction time ratio.

    .venv/bin/python bench/formats.py                      # 2 docs per template, text formats
    .venv/bin/python bench/formats.py --per-template 1 --images   # also HEIC vs JPEG (OCR)
    .venv/bin/python bench/accuracy.py --formats           # the same table, from accuracy.py

For every positive and hard-negative document of `tests.docgen.corpus.generate`, writes the
document as each new format and as its twin (doc/wps/rtf ↔ docx, xls/et ↔ xlsx, ppt/dps ↔ pptx,
ofd ↔ pdf, 7z/tgz ↔ zip of the same docx, heic ↔ jpeg; LibreOffice makes the binary Office
files, one run per format), scans both with the agent's `Scanner`, and prints per format: files,
verdict agreement, top-category agreement, and extraction time new/twin (sum over the files, both
timed in this process, interleaved, so machine noise hits both alike, after one untimed run of
each so that imports are not counted). For the archives, `decode/twin` is the time spent only
decompressing the members (the agent's own reader, no member extracted) over the twin's whole
extraction: the floor a faster reader could reach. Every disagreement is listed.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__" or str(ROOT) not in sys.path:  # bench/agent.py is not the package
    sys.path.insert(0, str(ROOT))

from tests.docgen.convert import LEGACY, TWIN, write_legacy_many  # noqa: E402
from tests.docgen.corpus import carries, generate  # noqa: E402
from tests.docgen.render import default_ext, write  # noqa: E402

TEXT_NEW = ("doc", "wps", "rtf", "xls", "et", "ppt", "dps", "ofd", "7z", "tgz")


@dataclasses.dataclass
class FormatRow:
    """One format's agreement with its twin and its extraction time against the twin's."""

    fmt: str
    twin: str
    files: int = 0
    same_verdict: int = 0
    same_top: int = 0
    t_new: float = 0.0  # seconds, summed over files and repeats
    t_twin: float = 0.0
    t_decode: float | None = None  # archives: decompressing the members only

    @property
    def ratio(self) -> float:
        return self.t_new / self.t_twin if self.t_twin else float("nan")


def _top(verdict) -> str | None:
    flagged = [c for c in verdict.categories if c.flagged]
    return flagged[0].id if flagged else None


def _decoder(fmt: str) -> Callable[[Path], None] | None:
    """Decompress every member of an archive the way the agent's reader does, extracting none."""
    import io

    if fmt == "7z":
        import py7zr

        from agent.config import Config
        from agent.extract.archive import _SevenZipFolders
        from agent.extract.base import Budget, Ctx

        def decode(path: Path) -> None:
            config = Config()
            with py7zr.SevenZipFile(io.BytesIO(path.read_bytes())) as z:
                folders = _SevenZipFolders(z, Ctx(config, Budget(config), str(path)))
                for f in z.files:
                    if not f.is_directory:
                        folders.read(f)

        return decode
    if fmt == "tgz":
        import gzip
        import tarfile

        def decode(path: Path) -> None:
            with tarfile.open(fileobj=io.BytesIO(gzip.decompress(path.read_bytes()))) as tf:
                for info in tf:
                    if info.isfile():
                        tf.extractfile(info).read()  # type: ignore[union-attr]

        return decode
    return None


def compare(
    formats: list[str],
    per_template: int = 2,
    seed: int = 0,
    repeat: int = 3,
    log: Callable[[str], None] = print,
) -> tuple[list[FormatRow], list[str]]:
    """Write the corpus in each format and its twin, scan and time both; the rows and every
    disagreement (one line each)."""
    from agent.config import load_config
    from agent.extract import extract_in_process
    from agent.pipeline import Scanner
    from policies import load_policy

    docs = generate(per_template=per_template, seed=seed)
    rows: list[FormatRow] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sg-formats-") as td:
        root = Path(td)
        (root / "config.toml").write_text(f'data_dir = "{root}/data"\n', encoding="utf-8")
        config = load_config(root / "config.toml")
        if "heic" not in formats:  # text formats: no OCR needed, and none wanted in the timing
            config = dataclasses.replace(config, ocr=dataclasses.replace(config.ocr, engine="none"))
        scanner = Scanner(config, load_policy())
        pairs: dict[str, list[tuple[Path, Path, str]]] = collections.defaultdict(list)
        t0 = time.perf_counter()
        twins: dict[tuple[int, str], Path] = {}
        for fmt in formats:
            twin = TWIN[fmt]
            src_fmt = LEGACY[fmt][0] if fmt in LEGACY else twin
            jobs = []
            for n, (t, doc) in enumerate(docs):
                if not carries(doc, src_fmt):
                    continue
                key = (n, twin)
                if key not in twins:
                    twin_path = root / f"{n:04d}-{t.name}-twin{default_ext(twin)}"
                    twins[key] = write(doc, twin_path, twin)
                dest = root / f"{n:04d}-{t.name}-{fmt}{default_ext(fmt)}"
                jobs.append((doc, dest))
                pairs[fmt].append((dest, twins[key], doc.label))
            if fmt in LEGACY:
                write_legacy_many(jobs, fmt)
            else:
                for doc, dest in jobs:
                    write(doc, dest, fmt)
        n_files = sum(len(v) for v in pairs.values())
        log(f"wrote {n_files} files in {time.perf_counter() - t0:.0f} s")
        for fmt in formats:
            row = FormatRow(fmt, TWIN[fmt])
            decode = _decoder(fmt)
            if decode is not None:
                row.t_decode = 0.0
            if pairs[fmt]:  # imports and first-use set-up (py7zr, olefile...) out of the timing
                extract_in_process(pairs[fmt][0][0], config)
                extract_in_process(pairs[fmt][0][1], config)
                if decode is not None:
                    decode(pairs[fmt][0][0])
            for new, twin, label in pairs[fmt]:
                v_new, v_twin = scanner.scan(new), scanner.scan(twin)
                row.files += 1
                row.same_verdict += v_new.decision == v_twin.decision
                if _top(v_new) == _top(v_twin):
                    row.same_top += 1
                else:
                    problems.append(
                        f"  {fmt}: {new.name} label={label} new={v_new.decision.value}/"
                        f"{_top(v_new)} twin={v_twin.decision.value}/{_top(v_twin)}"
                        + (f" error={v_new.error}" if v_new.error else "")
                    )
                for _ in range(repeat):
                    a = time.perf_counter()
                    extract_in_process(new, config)
                    b = time.perf_counter()
                    extract_in_process(twin, config)
                    c = time.perf_counter()
                    row.t_new += b - a
                    row.t_twin += c - b
                    if decode is not None:
                        decode(new)
                        row.t_decode += time.perf_counter() - c  # type: ignore[operator]
            rows.append(row)
        scanner.close()
    return rows, problems


def print_table(rows: list[FormatRow], problems: list[str]) -> None:
    print(f"\n{'format':8} {'twin':6} {'files':>5} {'same verdict':>14} {'same top':>10} "
          f"{'time new/twin':>14} {'decode/twin':>12}")  # fmt: skip
    for r in rows:
        decode = f"{r.t_decode / r.t_twin:11.2f}x" if r.t_decode is not None and r.t_twin else ""
        print(
            f"{r.fmt:8} {r.twin:6} {r.files:5d} {r.same_verdict:>8}/{r.files:<5d} "
            f"{r.same_top:>4}/{r.files:<5d} {r.ratio:13.2f}x {decode:>12}"
        )
    if problems:
        print("\ndisagreements:")
        print("\n".join(problems))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-template", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--images", action="store_true", help="also HEIC vs JPEG (OCR, slow)")
    ap.add_argument("--formats", default=",".join(TEXT_NEW))
    ap.add_argument("--repeat", type=int, default=3, help="extraction timings per file")
    args = ap.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if args.images and "heic" not in formats:
        formats.append("heic")
    rows, problems = compare(formats, args.per_template, args.seed, args.repeat)
    print_table(rows, problems)


if __name__ == "__main__":
    main()
