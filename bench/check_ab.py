"""A cold `shareguard check` (no agent) of two code trees, A/B, with the runs interleaved and
plain `tesseract FILE - -l chi_sim` between them, so that a noisy machine hits every side alike.
For judging a change to the cold path, where bench/check.py's medians move with the machine:

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/check_ab.py /tmp/before . --files photo,text --runs 15

Each tree runs with this checkout's virtual environment and `PYTHONPATH=<tree>` (its worker
too); a tree older than `agent.cli.entry` is run through `main()`. Prints per file and tree the
median seconds, the ratio to tesseract's median and the range.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PY = ROOT / ".venv" / "bin" / "python"
RUN = (
    "import sys, agent.cli as c; sys.argv[0] = 'shareguard'; "
    "c.entry() if hasattr(c, 'entry') else sys.exit(c.main())"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trees", nargs=2, type=Path)
    ap.add_argument("--files", default="photo,text", help="photo, screenshot, text")
    ap.add_argument("--runs", type=int, default=11)
    args = ap.parse_args()
    from bench.check import make_files

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        cfg = d / "config.toml"
        cfg.write_text(f'data_dir = "{d / "data"}"\nmode = "audit"\n', encoding="utf-8")
        made = make_files(d, quick=True)
        pick = {"photo": "phone photo 个案调查表", "screenshot": "screenshot 个案调查表",
                "text": "text, flagged"}  # fmt: skip
        files = {k: made[pick[k]] for k in args.files.split(",")}
        env = dict(os.environ, XDG_CONFIG_HOME=str(d / "cfg"), XDG_DATA_HOME=str(d / "share"))
        sides = [str(t.resolve()) for t in args.trees] + ["tesseract"]
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for name, path in files.items():
                for side in sides:
                    if side == "tesseract":
                        cmd = ["tesseract", str(path), "-", "-l", "chi_sim"]
                    else:
                        env["PYTHONPATH"] = side
                        cmd = [str(PY), "-P", "-c", RUN, "check", "--no-notify", "--config",
                               str(cfg), str(path)]  # fmt: skip
                    t = time.perf_counter()
                    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=env, check=False)  # fmt: skip
                    times.setdefault((name, side), []).append(time.perf_counter() - t)
        print(f"cold check, {args.runs} runs interleaved (median s; ratio to tesseract's median)")
        for name in files:
            tess = statistics.median(times[(name, "tesseract")])
            for side in sides:
                v = times[(name, side)]
                m = statistics.median(v)
                print(f"  {name:10} {side:40.40} {m:6.3f}  x{m / tess:5.3f}  "
                      f"[{min(v):.3f}-{max(v):.3f}]")  # fmt: skip


if __name__ == "__main__":
    main()
