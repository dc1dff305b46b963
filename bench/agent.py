"""Agent benchmark: latency from a file landing in a watched folder to its log row (text files and
photos; median, p95), throughput for a 1,000-file burst, idle CPU and memory.

Runs the real agent (`shareguard run --config`) as a subprocess on a temporary folder and prints
figures; it asserts nothing.

    .venv/bin/python bench/agent.py                 # full run (~3 minutes)
    .venv/bin/python bench/agent.py --quick         # fewer files, 10 s idle
    .venv/bin/python bench/agent.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from agent_helpers import AgentProcess, extraction_workers, write_config  # noqa: E402
from faker import Faker  # noqa: E402


def _rows(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM verdicts").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _wait_rows(db: Path, n: int, timeout: float = 300.0, interval: float = 0.005) -> float:
    deadline = time.perf_counter() + timeout
    while _rows(db) < n:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{n} rows not reached")
        time.sleep(interval)
    return time.perf_counter()


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def roster(fake: Faker, rows: int = 6) -> str:
    lines = ["排查人员名单", "序号,姓名,身份证号,手机号"]
    lines += [f"{i},{fake.name()},{fake.ssn()},{fake.phone_number()}" for i in range(1, rows + 1)]
    return "\n".join(lines) + "\n"


def make_photos(folder: Path, n: int, seed: int = 0) -> list[Path]:
    from tests.docgen.render import page_image
    from tests.docgen.templates import quarantine_roster

    out = []
    for i in range(n):
        rng = random.Random(seed + i)
        fake = Faker("zh_CN")
        fake.seed_instance(seed + i)
        doc = quarantine_roster(rng, fake)
        p = folder / f"photo_{i}.jpg"
        page_image(doc, "photo", dpi=150, seed=seed + i).convert("RGB").save(p, "JPEG", quality=70)
        out.append(p)
    return out


def _tree(pid: int) -> list[psutil.Process]:
    p = psutil.Process(pid)
    return [p, *p.children(recursive=True)]


def _cpu_seconds(procs: list[psutil.Process]) -> dict[int, float]:
    out: dict[int, float] = {}
    for p in procs:
        try:
            t = p.cpu_times()
            out[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return out


def _rss_mb(p: psutil.Process) -> float:
    try:
        return p.memory_info().rss / 2**20
    except psutil.Error:
        return float("nan")


def measure_idle(pid: int, seconds: float) -> dict[str, float]:
    c0, t0 = _cpu_seconds(_tree(pid)), time.perf_counter()
    time.sleep(seconds)
    c1, t1 = _cpu_seconds(_tree(pid)), time.perf_counter()
    # processes that ended meanwhile (a parked worker) count up to their end: unknown, so they
    # are left out; new ones count from zero
    used = sum(c1[k] - c0.get(k, 0.0) for k in c1)
    agent = psutil.Process(pid)
    workers = [p for p in agent.children(recursive=True)]
    return {
        "idle_cpu_percent_of_core": round(100 * used / (t1 - t0), 3),
        "idle_rss_agent_mb": round(_rss_mb(agent), 1),
        "idle_rss_workers_mb": round(sum(_rss_mb(w) for w in workers), 1),
        "seconds": round(t1 - t0, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--text-files", type=int, default=40)
    ap.add_argument("--photos", type=int, default=8)
    ap.add_argument("--burst", type=int, default=1000)
    ap.add_argument("--idle-seconds", type=float, default=60.0)
    ap.add_argument("--settle", type=float, default=1.0, help="watch_options.settle_seconds")
    ap.add_argument(
        "--worker-idle",
        type=float,
        default=30.0,
        help="SHAREGUARD_WORKER_IDLE_S for the agent (the product default is 120)",
    )
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    if args.quick:
        args.text_files, args.photos, args.burst, args.idle_seconds = 15, 3, 300, 10.0

    fake = Faker("zh_CN")
    fake.seed_instance(42)
    results: dict[str, object] = {"settle_seconds": args.settle}
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        tmp_path = Path(tmp)
        watched = tmp_path / "Downloads"
        watched.mkdir()
        staging = tmp_path / "staging"
        staging.mkdir()
        data = tmp_path / "data"
        cfg = write_config(
            tmp_path / "config.toml", data_dir=data, watch=[watched], settle=args.settle
        )
        db = data / "log.sqlite3"
        agent = AgentProcess(
            cfg,
            log=tmp_path / "agent.log",
            env={"SHAREGUARD_WORKER_IDLE_S": str(args.worker_idle)},
        )
        try:
            t_start = time.perf_counter()
            agent.wait_ready(data / "agent-state.json", timeout=120)
            results["startup_s"] = round(time.perf_counter() - t_start, 2)
            time.sleep(2.0)
            fresh = measure_idle(agent.pid, min(10.0, args.idle_seconds))
            results["idle_before_first_file"] = fresh
            print(f"idle before the first file: {fresh}", flush=True)

            # latency, text files: written elsewhere then moved in (lands complete)
            lat: list[float] = []
            n = 0
            for i in range(args.text_files):
                src = staging / f"t{i}.csv"
                src.write_text(roster(fake) if i % 2 else fake.paragraph() + "\n", "utf-8")
                t0 = time.perf_counter()
                src.rename(watched / src.name)
                n += 1
                lat.append(_wait_rows(db, n) - t0)
            first_text = lat[0]
            lat_text = lat[1:] if len(lat) > 1 else lat  # the first one starts the worker
            results["text_latency_s"] = {
                "n": len(lat_text),
                "median": round(statistics.median(lat_text), 3),
                "p95": round(_pct(lat_text, 95), 3),
                "first_file_incl_worker_start": round(first_text, 3),
            }
            print(f"text latency: {results['text_latency_s']}", flush=True)

            # latency, photos (OCR)
            photos = make_photos(staging, args.photos)
            lat = []
            for p in photos:
                t0 = time.perf_counter()
                p.rename(watched / p.name)
                n += 1
                lat.append(_wait_rows(db, n) - t0)
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            photo_rows = con.execute(
                "SELECT verdict, thumbnail FROM verdicts WHERE path LIKE '%photo_%'"
            ).fetchall()
            con.close()
            results["photo_latency_s"] = {
                "flagged": sum(v == "flagged" for v, _ in photo_rows),
                "with_thumbnail": sum(bool(t) for _, t in photo_rows),
                "n": len(lat),
                "median": round(statistics.median(lat), 3),
                "p95": round(_pct(lat, 95), 3),
                "first_photo_incl_ocr_model_load": round(lat[0], 3),
            }
            print(f"photo latency: {results['photo_latency_s']}", flush=True)

            # burst: a folder of N files unzipped at once (written in place)
            burst = watched / "unzipped"
            burst.mkdir()
            procs = _tree(agent.pid)
            peak = 0.0
            t0 = time.perf_counter()
            for i in range(args.burst):
                body = roster(fake, 3) if i % 3 == 0 else f"{i}\n{fake.sentence()}\n"
                (burst / f"{i:04d}.txt").write_text(body, "utf-8")
            t_written = time.perf_counter()
            target = n + args.burst
            while _rows(db) < target:
                peak = max(peak, sum(_rss_mb(p) for p in _tree(agent.pid)))
                if time.perf_counter() - t0 > 600:
                    break
                time.sleep(0.05)
            t1 = time.perf_counter()
            done = _rows(db) - n
            n = _rows(db)
            results["burst"] = {
                "files": args.burst,
                "judged": done,
                "write_s": round(t_written - t0, 2),
                "total_s": round(t1 - t0, 2),
                "files_per_s": round(done / (t1 - t0), 1),
                "peak_rss_agent_and_workers_mb": round(peak, 1),
            }
            del procs
            print(f"burst: {results['burst']}", flush=True)

            time.sleep(3.0)
            busy = measure_idle(agent.pid, min(10.0, args.idle_seconds))
            results["idle_after_work_worker_up"] = busy
            print(f"idle after work, worker still up: {busy}", flush=True)
            t0 = time.perf_counter()
            while extraction_workers(agent.pid) and (
                time.perf_counter() - t0 < args.worker_idle + 60
            ):
                time.sleep(1.0)
            idle = measure_idle(agent.pid, args.idle_seconds)
            results["idle_after_worker_parked"] = idle
            print(f"idle after the worker was parked: {idle}", flush=True)
        finally:
            rc = agent.stop()
            results["exit_code"] = rc
    print(json.dumps(results, ensure_ascii=False, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
