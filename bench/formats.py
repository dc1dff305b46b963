"""Each format of issue 13 against its twin on the labelled corpus: same verdict, same top
category, and the extraction time ratio.

    .venv/bin/python bench/formats.py                      # 2 docs per template, text formats
    .venv/bin/python bench/formats.py --per-template 1 --images   # also HEIC vs JPEG (OCR)
    .venv/bin/python bench/accuracy.py --formats           # the same table, from accuracy.py

For every positive and hard-negative document of `tests.docgen.corpus.generate`, writes the
document as each new format and as its twin (doc/wps/rtf ↔ docx, xls/et ↔ xlsx, ppt/dps ↔ pptx,
ofd ↔ pdf, 7z/tgz ↔ zip of the same docx, heic ↔ jpeg; LibreOffice makes the binary Office
files, one run per format; the 7z with 7-Zip's own default settings for a document), scans both
with the agent's `Scanner`, and prints per format: files, verdict agreement, top-category
agreement, and the extraction time new/twin.

What is timed: `extract_in_process` of the file (read, sniff, extract, members included), in
this process, warm: one untimed run of each side first, so that neither side's imports or
first-use set-up are counted (the agent's worker is long-lived: an import is paid once per
worker, by its first file of that kind). Each file and its twin are then timed `--repeat` times,
interleaved (new, twin, new, twin...), so machine noise hits both alike; a document's time is
the median of its runs. `time new/twin` is the sum of the documents' medians over the twins';
`per doc` is the median and the worst of the per-document ratios; `cpu` is the same sum ratio
in the extracting thread's CPU time, which a loaded machine (others' processes taking the cores)
does not inflate as it does the wall clock. For the archives, `floor` is
the ratio no reader over the same decompressor could beat: the twin's time, less the zip
member's inflating, plus the new archive's bare decoding (7z: Python's C LZMA decoder over the
packed folders, headers parsed outside the timing; tgz: gzip), per document, median; `decode`
is that bare decoding alone over the twin's whole extraction (median over documents). Every
disagreement is listed; `--per-doc` prints each document's times.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import statistics
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
class DocTimes:
    """One document's times (seconds, medians of the runs): wall clock, the extracting
    thread's CPU time (what machine load cannot inflate), and the floor (archives) or None."""

    name: str
    new: float
    twin: float
    cpu_new: float
    cpu_twin: float
    floor: float | None
    decode_new: float | None = None  # archives: the members' bare decompression, new and twin
    decode_twin: float | None = None


@dataclasses.dataclass
class FormatRow:
    """One format's agreement with its twin and its extraction time against the twin's."""

    fmt: str
    twin: str
    files: int = 0
    same_verdict: int = 0
    same_top: int = 0
    docs: list[DocTimes] = dataclasses.field(default_factory=list)

    @property
    def t_new(self) -> float:
        return sum(d.new for d in self.docs)

    @property
    def t_twin(self) -> float:
        return sum(d.twin for d in self.docs)

    @property
    def cpu_ratio(self) -> float:
        twin = sum(d.cpu_twin for d in self.docs)
        return sum(d.cpu_new for d in self.docs) / twin if twin else float("nan")

    @property
    def ratio(self) -> float:
        return self.t_new / self.t_twin if self.t_twin else float("nan")

    @property
    def doc_ratios(self) -> list[float]:
        return [d.new / d.twin for d in self.docs if d.twin]

    @property
    def floor(self) -> float | None:
        floors = [d.floor / d.twin for d in self.docs if d.floor is not None and d.twin]
        return statistics.median(floors) if floors else None

    @property
    def decode(self) -> float | None:
        """Median over documents of the new archive's bare decompression over the twin's
        whole extraction."""
        ds = [d.decode_new / d.twin for d in self.docs if d.decode_new is not None and d.twin]
        return statistics.median(ds) if ds else None


def _top(verdict) -> str | None:
    flagged = [c for c in verdict.categories if c.flagged]
    return flagged[0].id if flagged else None


def _member_decoder(path: Path, fmt: str) -> Callable[[], object] | None:
    """Only the decompression of an archive's members, everything else done beforehand: 7z,
    Python's C LZMA decoder over each packed folder (the chain the agent's reader uses); tgz,
    gzip; zip, raw inflate of each member. None for other formats (or a 7z folder that needs
    py7zr's decompressors)."""
    import gzip
    import io
    import lzma
    import struct
    import zipfile
    import zlib

    data = path.read_bytes()
    if fmt == "7z":
        import py7zr

        from agent.extract.archive import lzma_filters

        jobs = []
        with py7zr.SevenZipFile(io.BytesIO(data)) as z:
            main = z.header.main_streams
            pos = z.afterheader + main.packinfo.packpos
            for folder, size in zip(main.unpackinfo.folders, main.packinfo.packsizes, strict=True):
                filters = lzma_filters(folder, 1 << 30)
                if filters is None:
                    return None
                jobs.append((data[pos : pos + size], filters))
                pos += size
        return lambda: [
            lzma.LZMADecompressor(format=lzma.FORMAT_RAW, filters=f).decompress(p) for p, f in jobs
        ]
    if fmt == "tgz":
        return lambda: gzip.decompress(data)
    if fmt == "zip":
        raw = []
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
                start = info.header_offset + 30 + name_len + extra_len
                raw.append((data[start : start + info.compress_size], info.compress_type))
        return lambda: [
            zlib.decompress(b, -15) if kind == zipfile.ZIP_DEFLATED else b for b, kind in raw
        ]
    return None


def _median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def compare(
    formats: list[str],
    per_template: int = 2,
    seed: int = 0,
    repeat: int = 5,
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
            if pairs[fmt]:  # imports and first-use set-up (py7zr, olefile...) out of the timing
                extract_in_process(pairs[fmt][0][0], config)
                extract_in_process(pairs[fmt][0][1], config)
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
                decode_new = _member_decoder(new, fmt)
                decode_twin = _member_decoder(twin, TWIN[fmt]) if decode_new else None
                t_new, t_twin, t_dn, t_dt, cpu_new, cpu_twin = [], [], [], [], [], []
                for _ in range(repeat):
                    a, ca = time.perf_counter(), time.thread_time()
                    extract_in_process(new, config)
                    b, cb = time.perf_counter(), time.thread_time()
                    extract_in_process(twin, config)
                    c, cc = time.perf_counter(), time.thread_time()
                    t_new.append(b - a)
                    t_twin.append(c - b)
                    cpu_new.append(cb - ca)
                    cpu_twin.append(cc - cb)
                    if decode_new is not None and decode_twin is not None:
                        decode_new()
                        d = time.perf_counter()
                        decode_twin()
                        t_dn.append(d - c)
                        t_dt.append(time.perf_counter() - d)
                twin_s = statistics.median(t_twin)
                floor = twin_s - statistics.median(t_dt) + statistics.median(t_dn) if t_dn else None
                row.docs.append(
                    DocTimes(
                        new.name,
                        statistics.median(t_new),
                        twin_s,
                        statistics.median(cpu_new),
                        statistics.median(cpu_twin),
                        floor,
                        statistics.median(t_dn) if t_dn else None,
                        statistics.median(t_dt) if t_dt else None,
                    )
                )
            rows.append(row)
        scanner.close()
    return rows, problems


def print_table(rows: list[FormatRow], problems: list[str], per_doc: bool = False) -> None:
    print(f"\n{'format':8} {'twin':6} {'files':>5} {'same verdict':>14} {'same top':>10} "
          f"{'time new/twin':>14} {'per doc med/max':>16} {'cpu':>6} {'floor':>7} "
          f"{'decode':>7}")  # fmt: skip
    for r in rows:
        ratios = r.doc_ratios
        per = f"{statistics.median(ratios):.2f}/{max(ratios):.2f}x" if ratios else ""
        floor = f"{r.floor:.2f}x" if r.floor is not None else ""
        decode = f"{r.decode:.2f}x" if r.decode is not None else ""
        print(
            f"{r.fmt:8} {r.twin:6} {r.files:5d} {r.same_verdict:>8}/{r.files:<5d} "
            f"{r.same_top:>4}/{r.files:<5d} {r.ratio:13.2f}x {per:>16} {r.cpu_ratio:5.2f}x "
            f"{floor:>7} {decode:>7}"
        )
    if per_doc:
        for r in rows:
            print(f"\n{r.fmt} vs {r.twin}, per document (ms, median of the runs):")
            print(f"  {'':40} {'new':>8} {'twin':>8} {'ratio':>6}  {'cpu':>6}  {'floor':>6}"
                  "  decode ms new/twin")  # fmt: skip
            for d in r.docs:
                fl = ""
                if d.floor is not None and d.decode_new is not None and d.decode_twin is not None:
                    fl = (f"  {d.floor / d.twin:5.2f}x  {d.decode_new * 1000:6.2f} "
                          f"{d.decode_twin * 1000:6.2f}")  # fmt: skip
                print(
                    f"  {d.name:40} {d.new * 1000:8.2f} {d.twin * 1000:8.2f} "
                    f"{d.new / d.twin:5.2f}x  {d.cpu_new / d.cpu_twin:5.2f}x{fl}"
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
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per file (median)")
    ap.add_argument("--per-doc", action="store_true", help="print each document's times")
    args = ap.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if args.images and "heic" not in formats:
        formats.append("heic")
    print(f"load average before: {_load()}")
    rows, problems = compare(formats, args.per_template, args.seed, args.repeat)
    print(f"load average after: {_load()}")
    print_table(rows, problems, args.per_doc)


def _load() -> str:
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
