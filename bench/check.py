"""How long `shareguard check` takes for one file, as a person waits for it, side by side in one
run with the plain `tesseract FILE - -l chi_sim` on the same images:

- `no agent`: the real command, a new process each time (as a file manager starts it), which
  starts its own extraction worker and loads the OCR model;
- `agent, warm`: the same command while `shareguard run` is up: the agent judges the file with its
  already warm worker over the check channel (agent/checkd.py) and logs it;
- `agent, parked`: the same, right after the agent parked its idle worker (wake = new worker +
  model load), to weigh the idle policy against the worker's resident memory;
- `agent latency`: a photo copied into a watched folder, until its row is in the log, beside the
  scan time the agent recorded for it (the OCR part).

Prints medians, the ratios to plain tesseract, the peak memory of the `check` process tree
(no agent; measured in one extra run per file, not in the timed ones) and of the agent's
worker (VmHWM), and the worker's resident memory when idle.

    .venv/bin/python bench/check.py [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHAREGUARD = ROOT / ".venv" / "bin" / "shareguard"
REAL = ROOT.parent / "shared" / "corpus" / "real" / "images"
FLAGGED = "关于做好近期重点工作的通知\n秘密★1年\n各科室：\n请按要求落实。\n" * 3
CLEAN = "周末社区图书馆开放时间调整为上午九点至下午五点，欢迎居民前来借阅。\n" * 20
PARK_S = 2.0  # the second agent parks its worker after this many idle seconds


def make_files(d: Path, quick: bool) -> dict[str, Path]:
    from tests.docgen.corpus import generate
    from tests.docgen.render import write

    files = {"text, flagged": d / "通知.txt", "text, clean": d / "开放时间.txt"}
    files["text, flagged"].write_text(FLAGGED, encoding="utf-8")
    files["text, clean"].write_text(CLEAN, encoding="utf-8")
    survey = next(doc for t, doc in generate(per_template=1, seed=7) if t.name == "epi_report")
    files["phone photo 个案调查表"] = write(survey, d / "IMG_2041.jpg", "photo", seed=4)
    files["screenshot 个案调查表"] = write(survey, d / "截图.png", "screenshot", seed=4)
    if not quick:
        for label, name in (
            ("lab report photo (real)", "paddleocr_hospital_lab_report_photo_REDACTED.jpg"),
            ("dense page (real)", "cdla_journal_page_0633.jpg"),
        ):
            if (REAL / name).is_file():
                files[label] = REAL / name
    return files


def timed(cmd: list[str], env: dict[str, str], *, memory: bool = False) -> tuple[float, int, float]:
    """(seconds, exit code, peak RSS MB of the process tree or NaN). `memory`: the largest VmHWM
    seen in any of its processes, read every 20 ms; a run that samples is not a timing run, for
    the sampling takes CPU from the command (on two cores, a cold check of the phone photo
    against plain tesseract, 11 runs alternated: 0.581 sampled, 0.548 not). Not `ru_maxrss`
    from wait4: that counts the forked child's pages before it execs, i.e. this bench's own
    ~450 MB."""
    import threading

    import psutil

    hwm: dict[int, float] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if not memory:
        proc.wait()
        return time.perf_counter() - t0, proc.returncode, float("nan")
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                kids = psutil.Process(proc.pid).children(recursive=True)
            except psutil.Error:
                kids = []
            for pid in [proc.pid] + [c.pid for c in kids]:
                v = vm(pid, "VmHWM")
                if v == v:
                    hwm[pid] = v
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    dt = time.perf_counter() - t0
    done.set()
    sampler.join()
    return dt, proc.returncode, max(hwm.values(), default=float("nan"))


def check_cmd(cfg: Path, path: Path) -> list[str]:
    return [str(SHAREGUARD), "check", "--no-notify", "--config", str(cfg), str(path)]


def worker_of(agent_pid: int) -> int | None:
    import psutil

    try:
        kids = psutil.Process(agent_pid).children(recursive=True)
    except psutil.Error:
        return None
    for c in kids:
        try:
            if c.status() != psutil.STATUS_ZOMBIE and "agent.extract.worker" in " ".join(
                c.cmdline()
            ):
                return c.pid
        except psutil.Error:
            continue
    return None


def vm(pid: int | None, key: str) -> float:
    if pid is None:
        return float("nan")
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return int(status.split(f"{key}:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):  # gone, or a zombie (no memory lines)
        return float("nan")


def log_rows(data: Path) -> list[dict]:
    db = data / "log.sqlite3"
    if not db.exists():
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM verdicts ORDER BY id")]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def wait_for(pred, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.02)
    raise TimeoutError("condition not met")


class Agent:
    """`shareguard run` for the bench, its worker parked after `idle_s`."""

    def __init__(self, cfg: Path, env: dict[str, str], log: Path, idle_s: float) -> None:
        self.log = open(log, "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [str(SHAREGUARD), "run", "--config", str(cfg)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=dict(env, SHAREGUARD_WORKER_IDLE_S=str(idle_s)),
        )
        self.pid = self.proc.pid

    def __enter__(self) -> Agent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(120)
        self.log.close()


def fmt(x: float) -> str:
    return "-" if x != x else f"{x:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="generated files only, no real images")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="sgc-") as tmp:
        d = Path(tmp)
        data, watched = d / "data", d / "w"
        watched.mkdir()
        cfg = d / "config.toml"
        cfg.write_text(
            f'data_dir = "{data}"\nwatch = ["{watched}"]\nmode = "audit"\n'
            "[watch_options]\nuse_defaults = false\nsettle_seconds = 0.3\n",
            encoding="utf-8",
        )
        env = dict(os.environ, XDG_CONFIG_HOME=str(d / "cfg"), XDG_DATA_HOME=str(d / "share"))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        files = make_files(d, args.quick)
        rows: dict[str, dict[str, list[float]]] = {k: {} for k in files}

        def add(label: str, key: str, v: float) -> None:
            rows[label].setdefault(key, []).append(v)
            print(f"  {label}: {key} {v:.2f}", file=sys.stderr, flush=True)  # progress

        # 1. plain tesseract and `check` without an agent, interleaved per run
        for _ in range(args.runs):
            for label, path in files.items():
                if path.suffix in (".jpg", ".png") and shutil.which("tesseract"):
                    s, _, _ = timed(["tesseract", str(path), "-", "-l", "chi_sim"], env)
                    add(label, "tesseract", s)
                s, rc, _ = timed(check_cmd(cfg, path), env)
                add(label, "no agent", s)
                add(label, "exit", rc)
        for label, path in files.items():  # peak memory, in runs of their own
            _, _, peak = timed(check_cmd(cfg, path), env, memory=True)
            add(label, "peak MB (no agent)", peak)

        # 2. the agent running with its worker kept warm; 3. an agent that parks it at once
        idle_rss = hwm = float("nan")
        latency: list[tuple[float, float]] = []
        photo = files["phone photo 个案调查表"]
        with Agent(cfg, env, d / "warm.log", idle_s=3600) as agent:
            try:
                wait_for(lambda: (data / "check.sock").exists(), 120)
                timed(check_cmd(cfg, photo), env)  # starts the worker, loads the model
                for _ in range(args.runs):
                    for label, path in files.items():
                        s, _, _ = timed(check_cmd(cfg, path), env)
                        add(label, "agent, warm", s)
                worker = worker_of(agent.pid)
                idle_rss, hwm = vm(worker, "VmRSS"), vm(worker, "VmHWM")
                # landing -> log row, for a photo dropped into the watched folder
                for i in range(args.runs):
                    n = len(log_rows(data))
                    t0 = time.perf_counter()
                    # new content each time (bytes after the JPEG end): the agent reuses the
                    # verdict of content it already judged, which would skip the OCR measured here
                    (watched / f"IMG_{i:04d}.jpg").write_bytes(photo.read_bytes() + bytes(i + 1))
                    row = wait_for(lambda n=n: (log_rows(data)[n:] or [None])[0], 300)
                    latency.append((time.perf_counter() - t0, row.get("scan_seconds") or 0.0))
            except Exception as e:  # print what was measured
                print(f"warm agent phase failed: {type(e).__name__}: {e}")
        with Agent(cfg, env, d / "parked.log", idle_s=PARK_S) as agent:
            try:
                wait_for(lambda: (data / "check.sock").exists(), 120)
                timed(check_cmd(cfg, photo), env)
                for _ in range(args.runs):
                    wait_for(lambda: worker_of(agent.pid) is None, PARK_S + 120)
                    s, _, _ = timed(check_cmd(cfg, photo), env)
                    add("phone photo 个案调查表", "agent, parked", s)
            except Exception as e:
                print(f"parked agent phase failed: {type(e).__name__}: {e}")

    print(f"\nshareguard check, {args.runs} runs each (median s; ratio = check / plain tesseract)")
    cols = ["no agent", "agent, warm", "agent, parked", "tesseract"]
    head = f"{'file':26} {'exit':>4} " + " ".join(f"{c:>13}" for c in cols)
    head += f" {'no agent/tess':>13} {'warm/tess':>9} {'peak MB':>8}"
    print(head)
    for label, r in rows.items():
        med = {c: statistics.median(r[c]) if r.get(c) else float("nan") for c in cols}
        tess = med["tesseract"]
        exit_code = int(r["exit"][-1]) if r.get("exit") else -1
        peak = max(r.get("peak MB (no agent)", [float("nan")]))
        print(
            f"{label:26} {exit_code:>4} "
            + " ".join(f"{fmt(med[c]):>13}" for c in cols)
            + f" {fmt(med['no agent'] / tess):>13} {fmt(med['agent, warm'] / tess):>9}"
            + f" {peak:8.0f}"
        )
    print(f"\nagent's extraction worker: peak {fmt(hwm)} MB (VmHWM), resident when idle "
          f"{fmt(idle_rss)} MB (parked: 2nd agent, idle {PARK_S:g} s)")  # fmt: skip
    if latency:
        lat = statistics.median(x for x, _ in latency)
        scan = statistics.median(y for _, y in latency)
        print(f"agent photo latency (copy -> log row): median {lat:.2f} s; the scan itself "
              f"(recorded scan_seconds) {scan:.2f} s; overhead {lat - scan:.2f} s")  # fmt: skip
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print(json.dumps({"rows": rows, "latency": latency}, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
