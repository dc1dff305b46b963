"""Throughput of `scan` on 200 text-format files, and where the time goes.

    .venv/bin/python bench/scan.py [--files 200] [--top 25]

1. End to end: `shareguard scan --format jsonl` on a folder of 200 synthetic files (txt, GBK txt,
   GBK csv, docx, xlsx, text PDF), as a user runs it: files/s and the extract/detect split taken
   from each verdict's timings.
2. In process, under cProfile: the same files through `extract_in_process` + `Policy.evaluate`
   (the worker process hides its time from a profiler in the parent), top functions by
   cumulative time, and detection alone per detector.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.docgen.corpus import TEXT_FORMATS, generate, write_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sg-scan-"))
    docs = generate(per_template=1 + args.files // 150, seed=9)
    items = write_corpus(docs, work / "files", TEXT_FORMATS, seed=9)[: args.files]
    keep = {it.path for it in items}
    for f in (work / "files").iterdir():
        if f not in keep:
            f.unlink()
    size = sum(p.stat().st_size for p in keep)
    print(f"{len(keep)} files, {size / 1e6:.1f} MB, formats {TEXT_FORMATS}")
    cfg = work / "config.toml"
    cfg.write_text(f'data_dir = "{work / "data"}"\n', encoding="utf-8")

    exe = Path(sys.executable).with_name("shareguard")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "scan", "--config", str(cfg), "--format", "jsonl", str(work / "files")],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    ext = sum(r["timings"].get("extract", 0) for r in rows)
    det = sum(r["timings"].get("detect", 0) for r in rows)
    print("\n## end to end: shareguard scan --format jsonl (worker process, one file at a time)")
    print(
        f"wall {wall:.2f}s for {len(rows)} files = {len(rows) / wall:.1f} files/s "
        f"(exit {proc.returncode}; includes interpreter and worker start-up)"
    )
    print(
        f"sum of verdict timings: extract {ext:.2f}s, detect {det:.2f}s "
        f"({det / max(len(rows), 1) * 1000:.1f} ms/file)"
    )
    by_fmt: dict[str, list[float]] = {}
    for r in rows:
        fmt = Path(r["path"]).name.split("-", 2)[-1].rsplit(".", 1)[0]
        by_fmt.setdefault(fmt, []).append(
            r["timings"].get("extract", 0) + r["timings"].get("detect", 0)
        )
    for fmt, ts in sorted(by_fmt.items()):
        print(f"  {fmt:10} {len(ts):4} files, mean {sum(ts) / len(ts) * 1000:7.1f} ms")

    from agent.config import load_config
    from agent.extract import extract_in_process
    from detectors import run_detectors
    from policies import load_policy

    config = load_config(cfg)
    policy = load_policy()
    paths = sorted(keep)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    extractions = []
    for p in paths:
        e = extract_in_process(p, config)
        extractions.append(e)
        policy.evaluate(e)
    prof.disable()
    wall = time.perf_counter() - t0
    print(f"\n## in process under cProfile: {len(paths) / wall:.1f} files/s ({wall:.2f}s)")
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(args.top)
    print("\n".join(s.getvalue().splitlines()[: args.top + 12]))

    print("## detection only, per detector (same files, extraction excluded)")
    from detectors import REGISTRY

    ctx = policy.context()
    run_detectors(extractions[0], ctx)  # load the built-in detectors
    for name in list(REGISTRY):
        t0 = time.perf_counter()
        for e in extractions:
            run_detectors(e, ctx, only=(name,))
        print(f"  {name:12} {(time.perf_counter() - t0) / len(extractions) * 1000:7.2f} ms/file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
