"""What forwarding thumbnails costs: one agent's photo rows to `shareguard server run` on loopback,
with the office's policy off (rows only) and on (rows, then each row's thumbnail), side by side.

    .venv/bin/python bench/thumbnails.py [--rows 200] [--rounds 2] [--dsn DSN]

Each row is a synthetic flagged photo verdict (no identifiers) naming its own thumbnail: a
640x480 PNG of Chinese text with blacked-out lines, drawn by Pillow like the real ones (each
different, so nothing compresses across rows). A throwaway PostgreSQL cluster (Debian's, fsync
on) is started unless --dsn is given. Prints per round: rows/s with the policy off and on,
thumbnails/s (rows over the extra time the policy on took), the on/off time ratio; and the
server's image check (`check_image`) per thumbnail.
Figures depend on the machine's load: compare the two columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.config import Config  # noqa: E402
from agent.files import make_private_dir, write_private  # noqa: E402


def thumbnail_png(i: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    from tests.docgen.render import cjk_font_path

    img = Image.new("RGB", (640, 480), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(cjk_font_path(), 22)
    for k in range(14):
        line = f"关于做好第{i}批重点工作的通知 第{k}行 请于月底前报送"
        d.text((30, 20 + 32 * k), line, fill="black", font=font)
    for k in (3, 7):
        d.rectangle((24, 16 + 32 * k, 600, 46 + 32 * k), fill="black", outline=(220, 38, 38))
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


def photo_rows(config: Config, pngs: list[bytes]) -> None:
    from agent.store import Store
    from detectors.model import CategoryScore, Decision, Evidence, Verdict

    make_private_dir(config.thumbnails_path)
    mark = Evidence("marks", "secrecy_mark", "秘密★1年", "p1", 0.9)
    with Store.open(config) as st:
        for i, png in enumerate(pngs):
            name = f"{i:032x}-p1.png"
            write_private(Path(config.thumbnails_path) / name, png, durable=False)
            v = Verdict(
                path=f"/home/pc/Desktop/通知_{i}.jpg",
                decision=Decision.FLAGGED,
                categories=(CategoryScore("classified", 0.9, 0.6, (mark,)),),
                sha256=f"{i:064x}",
                size=200_000 + i,
                media_type="image/jpeg",
            )  # fmt: skip
            st.append_verdict(v, action="log", mode="audit", thumbnail=name)


def one_run(server, dsn: str, base: Path, name: str, pngs: list[bytes], on: bool) -> float:
    import psycopg

    from agent.forward import Forwarder, enroll
    from server import policy

    with psycopg.connect(dsn, autocommit=True) as conn:
        policy.upload(conn, f"fleet:\n  forward_thumbnails: {'true' if on else 'false'}\n", "bench")
    config = dataclasses.replace(Config(), data_dir=str(base / name), source=None)
    cred = enroll(server.token(), config)
    photo_rows(config, pngs)
    fw = Forwarder(config, cred, heartbeat_s=3600)
    try:
        t0 = time.perf_counter()
        sent = fw.sync()
        while fw.thumbnails_behind:  # as Forwarder.run goes on, without its pause
            sent += fw.sync()
        took = time.perf_counter() - t0
    finally:
        fw.close()
    assert sent == len(pngs), sent
    assert fw.thumbnails_sent == (len(pngs) if on else 0), fw.thumbnails_sent
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--dsn")
    args = ap.parse_args()

    from server import db
    from server.thumbnails import check_image
    from tests.pg_cluster import pg_cluster
    from tests.server_helpers import ServerProc

    pngs = [thumbnail_png(i) for i in range(args.rows)]
    sizes = [len(p) for p in pngs]
    print(f"{args.rows} thumbnails of 640x480, {statistics.mean(sizes) / 1024:.0f} KB on average")
    checks = []
    for p in pngs:
        t0 = time.perf_counter()
        check_image(p)
        checks.append(time.perf_counter() - t0)
    checks.sort()
    print(f"server check_image: p50 {checks[len(checks) // 2] * 1000:.1f} ms,"
          f" p95 {checks[int(len(checks) * 0.95)] * 1000:.1f} ms per thumbnail")  # fmt: skip
    with contextlib.ExitStack() as stack:
        base = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sg-thumbs-")))
        dsn = args.dsn or stack.enter_context(pg_cluster(base / "pg", fsync=True))
        db.migrate(dsn)
        server = ServerProc(dsn, base / "state").start()
        stack.callback(server.stop)
        print("round  off: rows/s   on: rows/s  thumbnails/s  on/off time")
        for r in range(args.rounds):
            order = (False, True) if r % 2 == 0 else (True, False)  # alternate: load drifts
            took = {on: one_run(server, dsn, base, f"r{r}-{on}", pngs, on) for on in order}
            extra = max(took[True] - took[False], 1e-9)  # the thumbnails' share of the time
            print(f"{r:5d}  {args.rows / took[False]:12.0f}  {args.rows / took[True]:11.0f}"
                  f"  {args.rows / extra:12.0f}  {took[True] / took[False]:11.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
