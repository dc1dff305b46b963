"""How long `shareguard check` takes for one document, as a person waits for it.

Runs the real command (a new process each time, as a file manager does) on a flagged and a clean
text document, a .docx and a photo, with notifications off, and prints median / p95 / max
wall-clock seconds. Target: under 2 s for a text document.

    .venv/bin/python bench/check.py [--runs 10]
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
SHAREGUARD = ROOT / ".venv" / "bin" / "shareguard"
FLAGGED = "关于做好近期重点工作的通知\n秘密★1年\n各科室：\n请按要求落实。\n" * 3
CLEAN = "周末社区图书馆开放时间调整为上午九点至下午五点，欢迎居民前来借阅。\n" * 20


def make_files(d: Path) -> dict[str, Path]:
    files = {"text, flagged": d / "通知.txt", "text, clean": d / "开放时间.txt"}
    files["text, flagged"].write_text(FLAGGED, encoding="utf-8")
    files["text, clean"].write_text(CLEAN, encoding="utf-8")
    try:
        import docx

        doc = docx.Document()
        for line in FLAGGED.splitlines():
            doc.add_paragraph(line)
        files["docx, flagged"] = d / "通知.docx"
        doc.save(files["docx, flagged"])
    except ImportError:
        pass
    try:
        from PIL import Image, ImageDraw, ImageFont

        font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 40)
        img = Image.new("RGB", (1200, 500), "white")
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(FLAGGED.splitlines()[:4]):
            draw.text((60, 60 + i * 90), line, font=font, fill="black")
        files["photo (OCR), flagged"] = d / "通知.jpg"
        img.save(files["photo (OCR), flagged"], quality=85)
    except (ImportError, OSError):
        pass
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        cfg = d / "config.toml"
        cfg.write_text(f'data_dir = "{d / "data"}"\n', encoding="utf-8")
        env = dict(os.environ, XDG_CONFIG_HOME=str(d / "cfg"), XDG_DATA_HOME=str(d / "share"))
        files = make_files(d)
        print(f"shareguard check, {args.runs} runs each (new process per run, --no-notify)")
        print(f"{'document':24} {'exit':>4} {'median':>8} {'p95':>8} {'max':>8}")
        for label, path in files.items():
            times, rc = [], None
            for _ in range(args.runs):
                t0 = time.perf_counter()
                r = subprocess.run(
                    [str(SHAREGUARD), "check", "--no-notify", "--config", str(cfg), str(path)],
                    capture_output=True,
                    env=env,
                    check=False,
                )
                times.append(time.perf_counter() - t0)
                rc = r.returncode
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(
                f"{label:24} {rc!s:>4} {statistics.median(times):8.2f} {p95:8.2f} {times[-1]:8.2f}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
