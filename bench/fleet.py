"""Office server under load: N simulated agents forwarding to `shareguard server run` on loopback.

    .venv/bin/python bench/fleet.py [--agents 500] [--rows 40] [--console-rows 1000000]
                                    [--workers 4] [--threads 16] [--dsn DSN] [--keep DIR]
                                    [--console-only] [--runs 20] [--compare-ref REF]

Each simulated agent is a real local log (agent.store, synthetic verdict rows, no identifiers)
and the real forwarding code (agent.forward.Forwarder) with its own credential from a real
enrolment; agents are spread over worker processes. A throwaway PostgreSQL cluster (Debian's,
fsync on) is started unless --dsn is given. Phases, each bounded by --phase-timeout:

1. ingest: every agent sends its rows; prints rows/s and the p50/p95 latency of ingest requests;
2. kill -9 of the server mid-run, then a restart; then kill -9 of one worker process (its
   agents mid-batch) and a restart: prints lost and duplicated rows (server vs local logs);
3. console (bench/fleet_console.py): fills the server to --console-rows rows (SQL, one
   synthetic agent), logs in and prints p50/p95 of the list page per filter over HTTPS.

Figures depend on the machine's load: run it alone, compare runs side by side. `--keep DIR`
keeps the work dir and its cluster: a second run with the same DIR starts that cluster again and
finds its rows (`--console-only --keep DIR` fills the million rows once). `--compare-ref REF`
then times the text searches' store calls with server/logstore.py of git REF and of this
checkout alternately, against the same database (a before/after under the same load).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.config import Config  # noqa: E402
from agent.store import Store, chain_head  # noqa: E402

PY = sys.executable


def child_env() -> dict[str, str]:
    """The environment of the server and worker processes: this checkout first on the path,
    then whatever PYTHONPATH the bench was given (e.g. a folder that hides uvloop to compare)."""
    extra = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *([extra] if extra else [])]))


def agent_config(base: Path, i: int) -> Config:
    return dataclasses.replace(Config(), data_dir=str(base / f"a{i:04d}"), source=None)


# -- worker: forward a set of agents until each one's server head reaches its local head --------
def worker(args: argparse.Namespace) -> int:
    from agent.forward import Forwarder, load_credential

    base = Path(args.base)
    ids = [int(x) for x in args.ids.split(",")]
    latencies: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def forward(i: int) -> None:
        cfg = agent_config(base, i)
        cred = load_credential(cfg)
        assert cred is not None
        fw = Forwarder(cfg, cred, batch=args.batch, heartbeat_s=3600)
        orig = fw.client.json

        def timed(method: str, path: str, body: object = None) -> object:
            t0 = time.time()
            r = orig(method, path, body)
            if path == "/api/v1/ingest":
                with lock:
                    latencies.append((t0, time.time(), len(body["rows"])))  # type: ignore[index]
            return r

        fw.client.json = timed  # type: ignore[method-assign]
        target = chain_head(fw.store, "verdicts")
        backoff = 0.5
        deadline = time.monotonic() + args.phase_timeout
        while time.monotonic() < deadline:
            try:
                fw.sync()
                if fw.heads and fw.heads["verdicts"] >= target:
                    break
                backoff = 0.5
            except Exception:
                fw.heads = None
                fw.client.close()
                time.sleep(backoff)
                backoff = min(8.0, backoff * 2)
        fw.close()

    import resource

    def cpu() -> float:
        ru = resource.getrusage(resource.RUSAGE_SELF)
        return ru.ru_utime + ru.ru_stime

    c0 = cpu()  # not counting the interpreter's start and imports
    with ThreadPoolExecutor(args.threads) as ex:
        list(ex.map(forward, ids))
    Path(args.out).write_text(json.dumps({"spans": latencies, "cpu": cpu() - c0}))
    return 0


# -- the orchestrating process ----------------------------------------------------------------
class Server:
    def __init__(self, dsn: str, state: Path, port: int, log: Path, workers: int = 1) -> None:
        self.dsn, self.state, self.port, self.log = dsn, state, port, log
        self.workers = workers
        self.url = f"https://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import socket

        env = child_env()
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [PY, "-m", "agent.cli", "server", "run", "--dsn", self.dsn, "--listen",
                 f"127.0.0.1:{self.port}", "--state", str(self.state), "--workers-db", "8",
                 "--workers", str(self.workers)],
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(self.log.read_text()) from None
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)


def run_workers(args: argparse.Namespace, base: Path, n: int, tag: str) -> list[subprocess.Popen]:
    procs = []
    for w in range(args.workers):
        ids = [str(i) for i in range(n) if i % args.workers == w]
        procs.append(
            subprocess.Popen(
                [
                    PY,
                    __file__,
                    "--worker",
                    "--base",
                    str(base),
                    "--ids",
                    ",".join(ids),
                    "--out",
                    str(base / f"lat-{tag}-{w}.json"),
                    "--threads",
                    str(args.threads),
                    "--batch",
                    str(args.batch),
                    "--phase-timeout",
                    str(args.phase_timeout),
                ],
                env=child_env(),
            )
        )
    return procs


def spans(base: Path, tag: str) -> list[tuple[float, float, int]]:
    """(start, end, rows) of every ingest request of a phase, from every worker."""
    out: list[tuple[float, float, int]] = []
    for p in base.glob(f"lat-{tag}-*.json"):
        out += [tuple(x) for x in json.loads(p.read_text())["spans"]]  # type: ignore[misc]
    return out


def sim_cpu(base: Path, tag: str) -> float:
    """CPU seconds (user + system) the simulated agents' processes used in a phase."""
    return sum(json.loads(p.read_text())["cpu"] for p in base.glob(f"lat-{tag}-*.json"))


def tree_cpu(pid: int | None) -> float:
    """CPU seconds used so far by a process and its live children (server workers, postgres
    backends). Backends that already exited are not counted: read it before and after a phase
    whose connections stay open (the server's pool)."""
    import psutil

    if pid is None:
        return 0.0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for pr in procs:
        try:
            t = pr.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


def postmaster_pid(dsn: str) -> int | None:
    import psycopg

    with psycopg.connect(dsn) as c:
        (data,) = c.execute("SHOW data_directory").fetchone()  # type: ignore[misc]
    try:
        return int(Path(data, "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def fill(base: Path, n: int, rows: int, start: int, hosts: int) -> None:
    """Append `rows` synthetic verdicts to each simulated agent's log; agent i writes as host
    pc-(i mod hosts), as its own PC would (--hosts 1: every agent under one name)."""
    from tests.server_helpers import fill_log

    def one(i: int) -> None:
        fill_log(
            agent_config(base, i), rows, start=start, flagged_every=2, host=f"pc-{i % hosts:04d}"
        )

    with ThreadPoolExecutor(4) as ex:
        list(ex.map(one, range(n)))


def compare(dsn: str, base: Path, n: int, creds: dict[int, str]) -> tuple[int, int, int]:
    """(local rows, lost, duplicated) over every agent: server copies vs the local logs."""
    import psycopg

    with psycopg.connect(dsn) as c:
        server: dict[str, list[tuple[int, str]]] = {}
        for a, r, h in c.execute(
            "SELECT agent_id, row_id, row_hash FROM verdicts WHERE agent_id <> 'bench-console'"
        ):
            server.setdefault(a, []).append((r, h))
    total = lost = dup = 0
    for i in range(n):
        with Store.open(agent_config(base, i)) as st:
            local = {(r, h) for r, h in st.db.execute("SELECT id, row_hash FROM verdicts")}
        got = server.get(creds[i], [])
        total += len(local)
        lost += len(local - set(got))
        dup += len(got) - len(set(got))
    return total, lost, dup


def console_bench(args: argparse.Namespace, srv: Server, base: Path) -> None:
    """Phase 3, the console list at --console-rows rows: bench/fleet_console.py."""
    import fleet_console  # beside this file

    fleet_console.run(srv.dsn, srv.url, srv.state, base, args.console_rows, args.runs)
    if args.compare_ref:
        fleet_console.compare(srv.dsn, args.compare_ref, args.runs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=500)
    ap.add_argument("--rows", type=int, default=40, help="rows per agent per phase")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument(
        "--hosts", type=int, default=0, help="distinct host names (default: one per agent)"
    )
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--console-rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--phase-timeout", type=float, default=600)
    ap.add_argument("--server-workers", type=int, default=2, help="server run --workers")
    ap.add_argument("--dsn")
    ap.add_argument("--keep", help="work dir to keep (default: a temp dir, removed)")
    ap.add_argument("--skip-console", action="store_true")
    ap.add_argument("--skip-kill", action="store_true", help="skip the kill -9 phases")
    ap.add_argument(
        "--prefill", type=int, default=0, help="fill the server to N rows before the agents send"
    )
    ap.add_argument("--console-only", action="store_true", help="skip the agents' phases")
    ap.add_argument(
        "--compare-ref",
        help="also time the text searches' store calls with server/logstore.py of this git ref"
        " (e.g. main), alternating with this checkout's, against the same database",
    )
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--base", help=argparse.SUPPRESS)
    ap.add_argument("--ids", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)

    import contextlib

    from tests.pg_cluster import free_port, pg_cluster

    base = Path(args.keep or tempfile.mkdtemp(prefix="shareguard-fleet-"))
    base.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        dsn = args.dsn or stack.enter_context(pg_cluster(base / "pg", fsync=True))
        subprocess.run([PY, "-m", "agent.cli", "server", "init", "--dsn", dsn], check=True,
                       env=child_env(), capture_output=True)  # fmt: skip
        srv = Server(dsn, base / "state", free_port(), base / "server.log", args.server_workers)
        srv.start()
        stack.callback(srv.stop)
        n = args.agents
        if args.console_only:
            console_bench(args, srv, base)
            n = 0
        from agent.forward import enroll

        if n and args.prefill:
            import fleet_console  # beside this file

            total, filled = fleet_console.fill(dsn, args.prefill)
            print(f"prefilled the server to {total} rows ({filled} added)")
        if n:
            token = subprocess.run(
                [PY, "-m", "agent.cli", "server", "enroll-token", "--dsn", dsn, "--url", srv.url,
                 "--state", str(srv.state), "--uses", str(n), "--department", "bench"],
                check=True, env=child_env(), capture_output=True,
                text=True,
            ).stdout.strip()  # fmt: skip
            t0 = time.perf_counter()
            with ThreadPoolExecutor(8) as ex:
                got = ex.map(lambda i: enroll(token, agent_config(base, i)), range(n))
                creds = dict(enumerate(c.agent_id for c in got))
            print(f"enrolled {n} agents in {time.perf_counter() - t0:.1f} s")

            # phase 1: ingest
            fill(base, n, args.rows, 0, args.hosts or n)
            pg_pid = postmaster_pid(dsn)
            srv_cpu0, pg_cpu0 = tree_cpu(srv.proc.pid), tree_cpu(pg_pid)  # type: ignore[union-attr]
            t0 = time.perf_counter()
            procs = run_workers(args, base, n, "ingest")
            for p in procs:
                p.wait()
            wall = time.perf_counter() - t0
            srv_cpu = tree_cpu(srv.proc.pid) - srv_cpu0  # type: ignore[union-attr]
            pg_cpu = tree_cpu(pg_pid) - pg_cpu0
            agents_cpu = sim_cpu(base, "ingest")
            sp = spans(base, "ingest")
            lat = [e - s for s, e, _ in sp]
            busy = max(e for _, e, _ in sp) - min(s for s, _, _ in sp)
            sent = sum(k for *_, k in sp)
            total, lost, dup = compare(dsn, base, n, creds)
            print(f"ingest: {sent} rows from {n} agents in {busy:.1f} s (first request to last ack)"
                  f" = {sent / busy:.0f} rows/s; {len(lat)} requests of {sent / len(lat):.0f} rows,"
                  f" latency p50 {pct(lat, .5) * 1000:.0f} ms, p95 {pct(lat, .95) * 1000:.0f} ms;"
                  f" lost {lost}, duplicated {dup} (wall {wall:.1f} s)")  # fmt: skip
            print(f"cpu seconds in the ingest phase: server {srv_cpu:.1f}, postgres {pg_cpu:.1f},"
                  f" simulated agents {agents_cpu:.1f} (of {2 * wall:.1f} on 2 cores);"
                  f" {sent / max(srv_cpu, 1e-9):.0f} rows per server cpu-second,"
                  f" {sent / max(srv_cpu + pg_cpu, 1e-9):.0f} per server+postgres cpu-second"
                  )  # fmt: skip

        if n and not args.skip_kill:
            # phase 2a: kill -9 of the server mid-run
            fill(base, n, args.rows, args.rows, args.hosts or n)
            procs = run_workers(args, base, n, "kill-server")
            time.sleep(max(1.0, wall / 3))
            srv.kill9()
            print("server killed (-9) mid-run; restarting")
            time.sleep(1)
            srv.start()
            for p in procs:
                p.wait()
            total, lost, dup = compare(dsn, base, n, creds)
            print(f"after server kill -9: local rows {total}, lost {lost}, duplicated {dup}")

            # phase 2b: kill -9 of one worker process (its agents mid-batch), then a restart
            fill(base, n, args.rows, 2 * args.rows, args.hosts or n)
            procs = run_workers(args, base, n, "kill-agents")
            time.sleep(max(0.5, wall / 4))
            procs[0].send_signal(signal.SIGKILL)
            procs[0].wait()
            print("one agent process killed (-9) mid-batch; restarting it")
            ids = [str(i) for i in range(n) if i % args.workers == 0]
            again = subprocess.Popen(
                [PY, __file__, "--worker", "--base", str(base), "--ids", ",".join(ids), "--out",
                 str(base / "lat-restart.json"), "--threads", str(args.threads), "--batch",
                 str(args.batch), "--phase-timeout", str(args.phase_timeout)],
                env=child_env(),
            )  # fmt: skip
            for p in [*procs[1:], again]:
                p.wait()
            total, lost, dup = compare(dsn, base, n, creds)
            print(f"after agent kill -9: local rows {total}, lost {lost}, duplicated {dup}")
            import psycopg

            with psycopg.connect(dsn) as c:
                (breaks,) = c.execute("SELECT count(*) FROM chain_breaks").fetchone()  # type: ignore[misc]
            print(f"chain breaks reported: {breaks}")

        if n and not args.skip_console:
            console_bench(args, srv, base)
    if not args.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
