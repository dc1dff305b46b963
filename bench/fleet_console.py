"""The console part of bench/fleet.py: the central console's list at a million rows.

Fills the server to --console-rows rows by SQL (one synthetic agent, 300 hosts, 4 departments,
a third flagged, one flagged row in seven triaged as the console's `mark` would leave it), logs
in over HTTPS and prints p50/p95 of the list page per filter. Run through bench/fleet.py
(`--console-only`, `--console-rows`, `--runs`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import ssl
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
AGENT = "bench-console"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def fill(dsn: str, rows: int) -> tuple[int, int]:
    """(rows now in the server, rows added)."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as c:
        (have,) = c.execute("SELECT count(*) FROM verdicts").fetchone()  # type: ignore[misc]
        need = max(0, rows - have)
        if not need:
            return have, 0
        c.execute(
            "INSERT INTO agents (agent_id, key_hash, chain_key, host, department)"
            f" VALUES ('{AGENT}', 'x', repeat('0', 64), 'pc-bench', '档案室')"
            " ON CONFLICT DO NOTHING"
        )
        (start,) = c.execute(  # type: ignore[misc]
            "SELECT coalesce(max(row_id), 0) FROM verdicts WHERE agent_id = %s", (AGENT,)
        ).fetchone()
        c.execute(
            f"""
            INSERT INTO verdicts (agent_id, row_id, time, host, os_user, path, sha256, size,
                media_type, verdict, categories, evidence, evidence_hash, action, mode,
                prev_hash, row_hash, department)
            SELECT '{AGENT}', %s + g,
                to_char((now() AT TIME ZONE 'UTC') - (%s - g) * interval '20 seconds',
                        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'pc-' || (g %% 300), 'user', '/home/u/Desktop/文件_' || g || '.docx',
                md5(g::text) || md5(g::text), 1000 + g %% 5000, 'application/pdf',
                CASE WHEN g %% 3 = 0 THEN 'flagged' ELSE 'clean' END,
                CASE WHEN g %% 3 = 0 THEN '[{{"id": "'
                    || (ARRAY['control_order','screening_list','medical_record',
                              'internal_material'])[1 + g %% 4] || '", "score": 0.8}}]'
                    ELSE '[]' END,
                '[]', md5(g::text), 'log', 'audit', md5(g::text), md5(g::text || 'h'),
                (ARRAY['内科','办公室','财务科','档案室'])[1 + g %% 4]
            FROM generate_series(1, %s) g
            """,
            (start, need, need),
        )
        new = f"v.agent_id = '{AGENT}' AND v.row_id > {int(start)}"
        c.execute(
            "INSERT INTO verdict_categories (category, verdict_pk, score)"
            " SELECT c->>'id', v.id, 0.8 FROM verdicts v,"
            f" jsonb_array_elements(v.categories::jsonb) c WHERE {new} ON CONFLICT DO NOTHING"
        )
        c.execute(  # what ingest keeps up to date for real agents' rows
            "INSERT INTO verdict_daily (day, category, host, department, n)"
            " SELECT substr(v.time, 1, 10), c.category, v.host, v.department, count(*)"
            " FROM verdict_categories c JOIN verdicts v ON v.id = c.verdict_pk"
            f" WHERE {new} AND v.verdict = 'flagged'"
            " GROUP BY 1, 2, 3, 4 ON CONFLICT (day, category, host, department)"
            " DO UPDATE SET n = verdict_daily.n + excluded.n"
        )
        # one flagged row in seven triaged, as PgLogStore.mark leaves it
        c.execute(
            "INSERT INTO triage_state (verdict_pk, status, reviewer, note, time)"
            " SELECT v.id, 'confirmed', 'bench', NULL, now() FROM verdicts v"
            f" WHERE {new} AND v.verdict = 'flagged' AND v.row_id % 7 = 0"
        )
        c.execute(
            "UPDATE verdicts v SET status = 'confirmed' FROM triage_state t"
            f" WHERE t.verdict_pk = v.id AND {new}"
        )
        c.execute(
            "INSERT INTO verdict_daily_triaged (day, category, host, department, status, n)"
            " SELECT substr(v.time, 1, 10), c.category, v.host, v.department, v.status, count(*)"
            " FROM verdict_categories c JOIN verdicts v ON v.id = c.verdict_pk"
            f" WHERE {new} AND v.status <> 'new' GROUP BY 1, 2, 3, 4, 5"
            " ON CONFLICT (day, category, host, department, status)"
            " DO UPDATE SET n = verdict_daily_triaged.n + excluded.n"
        )
        c.execute("VACUUM ANALYZE")
        (total,) = c.execute("SELECT count(*) FROM verdicts").fetchone()  # type: ignore[misc]
    return total, need


def urls(deep_cursor: str | None) -> list[tuple[str, str]]:
    today = dt.datetime.now(dt.UTC).date()
    since = (today - dt.timedelta(days=30)).isoformat()
    until = (today - dt.timedelta(days=20)).isoformat()
    out = [
        ("none", "/"),
        ("host", "/?host=pc-18"),
        ("department", "/?department=财务科"),
        ("status=new", "/?status=new"),
        ("status=new + date", f"/?status=new&since={since}"),
        ("date range", f"/?since={since}&until={until}"),
        ("category", "/?category=medical_record"),
        ("status=confirmed", "/?status=confirmed"),
        ("all verdicts", "/?verdict=all"),
        ("text (rare, ASCII)", "/?q=文件_99999."),
        ("text (rare, CJK)", "/?q=排查名单"),
        ("text (common)", "/?q=docx"),
        ("text (old rows only)", "/?q=文件_1"),
        ("text (2-char CJK)", "/?q=名单"),
        ("text (2-char CJK, all)", "/?q=文件"),
        ("text (no match)", "/?q=zq9x"),
    ]
    if deep_cursor:
        out.append(("page 200 (keyset)", "/?" + urllib.parse.urlencode(
            {"verdict": "all", "before": deep_cursor, "p": 200})))  # fmt: skip
    return out


def deep_cursor(dsn: str) -> str | None:
    """The cursor the 200th page's link carries (all verdicts)."""
    import psycopg

    from agent.review.logstore import format_cursor

    with psycopg.connect(dsn) as c:
        r = c.execute(
            "SELECT time, id FROM verdicts ORDER BY time DESC, id DESC OFFSET %s LIMIT 1",
            (199 * 50 - 1,),
        ).fetchone()
    return format_cursor((r[0], r[1])) if r else None


def run(dsn: str, url: str, state: Path, base: Path, rows: int, runs: int) -> dict[str, Any]:
    import httpx

    t0 = time.perf_counter()
    total, added = fill(dsn, rows)
    took = time.perf_counter() - t0
    print(f"console: {total} rows in the server (filled {added} in {took:.0f} s)")
    import psycopg

    with psycopg.connect(dsn) as c:
        ctype = c.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        print(
            f"database LC_CTYPE {ctype.fetchone()[0]}"  # type: ignore[index]
            " (C: CJK text cannot use the trigram index; C.UTF-8 or zh_CN.UTF-8 can)"
        )
    pw = base / "pw"
    pw.write_text("bench-password-1\n")
    subprocess.run(
        [
            PY,
            "-m",
            "agent.cli",
            "server",
            "user",
            "add",
            "bench",
            "--role",
            "reviewer",
            "--dsn",
            dsn,
            "--password-file",
            str(pw),
        ],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
    )  # fmt: skip  (exists already on a second run: fine)
    ctx = ssl.create_default_context(cadata=(state / "ca.pem").read_text())
    results: dict[str, Any] = {}
    with httpx.Client(base_url=url, verify=ctx, timeout=120) as c:
        page = c.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        c.post("/login", data={"csrf": token, "username": "bench", "password": "bench-password-1"})
        print(f"{'filter':22} {'url':52} {'p50 ms':>7} {'p95 ms':>7}  shown")
        for name, u in urls(deep_cursor(dsn)):
            c.get(u)  # warm
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                r = c.get(u)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (u, r.status_code)
            m = re.search(r"<h2>[^<]*（([^）]+) 条）</h2>", r.text)
            shown = m.group(1) if m else "?"
            if "not-counted" in r.text:
                shown += " (chart not counted)"
            p50, p95 = statistics.median(times), pct(times, 0.95)
            results[name] = p95
            print(f"{name:22} {u[:52]:52} {p50:7.0f} {p95:7.0f}  {shown}")
    worst = max(results.values())
    print(f"console list worst p95 at {total} rows: {worst:.0f} ms (target ≤ 300 ms)")
    return results


def compare(dsn: str, ref: str, runs: int) -> None:
    """The store calls of one list page (page, count, chart), for each text case, with
    server/logstore.py as of git `ref` and as checked out, alternately against the same
    database: a before/after that shares the machine's load. The schema is this checkout's
    (ref's queries run on it unchanged; an index ref lacks may serve them too)."""
    import importlib.util
    import tempfile

    from psycopg_pool import ConnectionPool

    from agent.review.views import COUNT_CAP, PAGE_SIZE, filter_from
    from server import logstore as new

    src = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:server/logstore.py"],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as tmp:
        tmp.write(src)
    spec = importlib.util.spec_from_file_location("logstore_ref", tmp.name)
    old = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(old)  # type: ignore[union-attr]
    os.unlink(tmp.name)
    print(f"store calls of one list page, {ref} vs this checkout, alternating, {runs} runs each;"
          f" load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    print(f"{'filter':24} {'ref p50':>8} {'ref p95':>8} {'new p50':>8} {'new p95':>8}  shown")
    with ConnectionPool(dsn, min_size=2, max_size=2, open=True) as pool:
        stores = {"ref": old.PgLogStore(pool), "new": new.PgLogStore(pool)}
        for name, u in urls(None):
            if not name.startswith("text"):
                continue
            q = urllib.parse.parse_qs(urllib.parse.urlsplit(u).query)
            f = filter_from({k: v[0] for k, v in q.items()})
            times: dict[str, list[float]] = {"ref": [], "new": []}
            shown: dict[str, str] = {}
            for i in range(runs + 1):
                for which in ("ref", "new") if i % 2 else ("new", "ref"):
                    st = stores[which]
                    t0 = time.perf_counter()
                    rows = st.page(f, limit=PAGE_SIZE + 1)
                    n = st.count(f, cap=COUNT_CAP)
                    days = st.counts_by_day(f)
                    if i:  # the first run warms
                        times[which].append((time.perf_counter() - t0) * 1000)
                    chart = "" if days is not None else ", chart not counted"
                    shown[which] = f"{len(rows)} rows, count {n}{chart}"
            (r50, r95), (n50, n95) = ((statistics.median(times[k]), pct(times[k], 0.95))
                                      for k in ("ref", "new"))  # fmt: skip
            print(f"{name:24} {r50:8.0f} {r95:8.0f} {n50:8.0f} {n95:8.0f}"
                  f"  ref: {shown['ref']}; new: {shown['new']}")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
