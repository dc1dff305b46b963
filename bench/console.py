"""Review console speed on a big log: fill 10,000 rows, time the list page with filters.

    .venv/bin/python bench/console.py [--rows 10000] [--runs 20] [--keep DIR]

Prints, per URL, the median and p95 of the full HTTP round trip through a real uvicorn server on
loopback (routing, SQLite queries, Jinja rendering, transfer). Target: list pages < 300 ms.
The fill uses `synchronous=NORMAL` on its own connection to save time; reads are unaffected.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.config import load_config
from agent.store import LogFilter, Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

CATS = [
    "control_order",
    "screening_list",
    "medical_record",
    "investigation_report",
    "internal_material",
    "classified",
]
HOSTS = [f"pc-{i}" for i in range(1, 9)]
FOLDERS = [f"/home/u{i}/{d}" for i in range(1, 6) for d in ("Desktop", "Downloads", "Documents")]


def fill(store: Store, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    store.db.execute("PRAGMA synchronous=NORMAL")
    start = datetime(2026, 9, 1, tzinfo=UTC)
    for i in range(n):
        r = rng.random()
        decision = (
            Decision.FLAGGED if r < 0.7 else Decision.CLEAN if r < 0.95 else Decision.UNREADABLE
        )
        cats = ()
        if decision == Decision.FLAGGED:
            chosen = rng.sample(CATS, rng.choice((1, 1, 2)))
            cats = tuple(
                CategoryScore(
                    c,
                    round(rng.uniform(0.6, 1.0), 3),
                    0.6,
                    tuple(
                        Evidence(
                            "identifiers",
                            "resident_id",
                            f"{rng.randint(1100, 6599)}**********{rng.randint(1000, 9999)}",
                            f"sheet:名单 r{k + 2} c3",
                            0.3,
                            context=f"身份证号 {rng.randint(1100, 6599)}**********1234 联系电话",
                        )
                        for k in range(3)
                    ),
                )
                for c in chosen
            )
        t = start + timedelta(seconds=rng.randint(0, 90 * 86400))
        v = Verdict(
            path=f"{rng.choice(FOLDERS)}/文件{i:05d}.xlsx",
            decision=decision,
            categories=cats,
            sha256=f"{rng.getrandbits(256):064x}",
            size=rng.randint(1000, 10_000_000),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            error="corrupt" if decision == Decision.UNREADABLE else None,
            error_kind="corrupt" if decision == Decision.UNREADABLE else None,
        )
        mode = rng.choice(("audit", "warn", "warn", "block"))
        action = {"audit": "log", "warn": "log,alert", "block": "log,alert,quarantine"}[mode]
        rid = store.append_verdict(
            v,
            action=action if decision == Decision.FLAGGED else "log",
            mode=mode,
            host=rng.choice(HOSTS),
            time=t.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        )
        if decision == Decision.FLAGGED and rng.random() < 0.2:
            store.mark(rid, rng.choice(("confirmed", "false_positive", "ignored")), reviewer="王工")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--keep", help="data dir to reuse (filled once)")
    a = ap.parse_args()

    import httpx
    import uvicorn

    from agent.review.app import create_app

    root = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="sg-bench-console-"))
    root.mkdir(parents=True, exist_ok=True)
    cfg = root / "config.toml"
    cfg.write_text(f'data_dir = "{root / "data"}"\n', encoding="utf-8")
    config = load_config(cfg)
    with Store.open(config) as store:
        have = store.count(LogFilter(verdicts=()))
        if have < a.rows:
            t0 = time.perf_counter()
            fill(store, a.rows - have)
            print(f"filled {a.rows - have} rows in {time.perf_counter() - t0:.1f} s")
        some_id = store.query(limit=1)[0].id
        # a deep page (the 100th), as its keyset link names it
        deep = store.page(LogFilter(), limit=99 * 50)[-1]
        from agent.review.logstore import cursor_of, format_cursor

        deep_url = "/?" + urllib.parse.urlencode(
            {"before": format_cursor(cursor_of(deep)), "p": 100}
        )

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "bench"
    app = create_app(config, token=token, allowed_hosts=("127.0.0.1",), port=port)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    urls = [
        "/",
        "/?category=screening_list",
        "/?since=2026-10-01&until=2026-10-31",
        "/?status=new&host=pc-3",
        "/?folder=/home/u2/Desktop&mode=warn",
        "/?action=log,alert,quarantine&category=classified&since=2026-11-01",
        "/?verdict=all",
        "/?q=文件0999",
        deep_url,
        f"/item/{some_id}",
    ]
    print(f"rows: {a.rows}, runs per URL: {a.runs}, server: uvicorn on loopback")
    print(f"{'URL':<70} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
    worst = 0.0
    with httpx.Client(base_url=base, timeout=120) as client:
        client.get(f"/?token={token}")
        for u in urls:
            times = []
            size = 0
            for _ in range(a.runs):
                t0 = time.perf_counter()
                r = client.get(u)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (u, r.status_code)
                size = len(r.content)
            times.sort()
            med = statistics.median(times)
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            worst = max(worst, p95)
            print(f"{u:<70} {med:>10.1f} {p95:>8.1f} {size:>8}")
        t0 = time.perf_counter()
        r = client.get("/export.csv")
        print(
            f"{'/export.csv (all flagged rows)':<70} {(time.perf_counter() - t0) * 1000:>10.1f}"
            f" {'':>8} {len(r.content):>8}"
        )
    print(f"worst p95: {worst:.1f} ms (target < 300 ms): {'OK' if worst < 300 else 'TOO SLOW'}")
    server.should_exit = True
    th.join(timeout=5)
    return 0 if worst < 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
