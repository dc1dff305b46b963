"""Each format of issue 13 against its twin on the labelled corpus: same verdict, same top
category, and the extraction time ratio.

    .venv/bin/python bench/formats.py                      # 2 docs per template, text formats
    .venv/bin/python bench/formats.py --per-template 1 --images   # also HEIC vs JPEG (OCR)

For every positive and hard-negative document of `tests.docgen.corpus.generate`, writes the
document as each new format and as its twin (doc/wps/rtf ↔ docx, xls/et ↔ xlsx, ppt/dps ↔ pptx,
ofd ↔ pdf, 7z/tgz ↔ docx, heic ↔ jpeg; LibreOffice makes the binary Office files, one run per
format), scans both with the agent's `Scanner`, and prints per format: files, verdict agreement,
top-category agreement, and extraction time new/twin (sum over the files, both timed in this
process, interleaved, so machine noise hits both alike). Every disagreement is listed.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.docgen.convert import LEGACY, TWIN, write_legacy_many  # noqa: E402
from tests.docgen.corpus import carries, generate  # noqa: E402
from tests.docgen.render import default_ext, write  # noqa: E402

TEXT_NEW = ("doc", "wps", "rtf", "xls", "et", "ppt", "dps", "ofd", "7z", "tgz")


def _top(verdict) -> str | None:
    flagged = [c for c in verdict.categories if c.flagged]
    return flagged[0].id if flagged else None


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

    from agent.config import load_config
    from agent.extract import extract_in_process
    from agent.pipeline import Scanner
    from policies import load_policy

    docs = generate(per_template=args.per_template, seed=args.seed)
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
        print(f"wrote {n_files} files in {time.perf_counter() - t0:.0f} s")
        print(f"\n{'format':8} {'twin':6} {'files':>5} {'same verdict':>14} {'same top':>10} "
              f"{'time new/twin':>14}")  # fmt: skip
        problems = []
        for fmt in formats:
            same_v = same_top = 0
            t_new = t_twin = 0.0
            for new, twin, label in pairs[fmt]:
                v_new, v_twin = scanner.scan(new), scanner.scan(twin)
                if v_new.decision == v_twin.decision:
                    same_v += 1
                if _top(v_new) == _top(v_twin):
                    same_top += 1
                else:
                    problems.append(
                        f"  {fmt}: {new.name} label={label} new={v_new.decision.value}/"
                        f"{_top(v_new)} twin={v_twin.decision.value}/{_top(v_twin)}"
                        + (f" error={v_new.error}" if v_new.error else "")
                    )
                for _ in range(args.repeat):
                    a = time.perf_counter()
                    extract_in_process(new, config)
                    b = time.perf_counter()
                    extract_in_process(twin, config)
                    c = time.perf_counter()
                    t_new += b - a
                    t_twin += c - b
            n = len(pairs[fmt])
            ratio = t_new / t_twin if t_twin else float("nan")
            print(
                f"{fmt:8} {TWIN[fmt]:6} {n:5d} {same_v:>8}/{n:<5d} {same_top:>4}/{n:<5d} "
                f"{ratio:13.2f}x"
            )
        scanner.close()
        if problems:
            print("\ndisagreements:")
            print("\n".join(problems))


if __name__ == "__main__":
    main()
