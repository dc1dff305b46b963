"""`shareguard server ...`: init, run, enroll-token, log, agents, user, policy, siem.

Wired into agent/cli.py through agent/commands/server.py; heavy imports stay in the handlers.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

from agent.i18n import t


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def dsn(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--dsn",
            default=os.environ.get("SHAREGUARD_DSN"),
            help=t("server.opt.dsn"),
        )

    p = sub.add_parser("init", help=t("server.cmd.init"))
    dsn(p)
    p = sub.add_parser("run", help=t("server.cmd.run"))
    dsn(p)
    p.add_argument("--listen", default="127.0.0.1:8443", metavar="HOST:PORT")
    p.add_argument("--state", required=True, metavar="DIR", help=t("server.opt.state"))
    p.add_argument("--san", action="append", default=[], metavar="NAME",
                   help=t("server.opt.san"))  # fmt: skip
    p.add_argument("--workers", type=int, default=1, help=t("server.opt.workers"))
    p.add_argument("--workers-db", type=int, default=8, help=argparse.SUPPRESS)
    p = sub.add_parser("enroll-token", help=t("server.cmd.enroll_token"))
    dsn(p)
    p.add_argument("--url", required=True, metavar="https://HOST:PORT")
    p.add_argument("--state", metavar="DIR", help=t("server.opt.state"))
    p.add_argument("--fingerprint", help=argparse.SUPPRESS)
    p.add_argument("--expires", default="24h")
    p.add_argument("--uses", type=int, default=1)
    p.add_argument("--department", default="")
    for name in ("log", "agents"):
        p = sub.add_parser(name, help=t(f"server.cmd.{name}"))
        dsn(p)
        p.add_argument("--format", choices=("jsonl",), default="jsonl")
        if name == "log":
            p.add_argument("--all", action="store_true", help=t("server.opt.all"))
    p = sub.add_parser("breaks", help=t("server.cmd.breaks"))
    dsn(p)
    p = sub.add_parser("user", help=t("server.cmd.user"))
    usub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    pa = usub.add_parser("add", help=t("server.cmd.user_add"))
    dsn(pa)
    pa.add_argument("name")
    pa.add_argument("--role", choices=("reviewer", "admin"), default="reviewer")
    pa.add_argument("--password-file", metavar="FILE")
    p = sub.add_parser("policy", help=t("server.cmd.policy"))
    dsn(p)
    p.add_argument("file", help=t("server.opt.policy_file"))
    p.add_argument("--by", default=getpass.getuser())
    p = sub.add_parser("siem", help=t("server.cmd.siem"))
    dsn(p)
    p.add_argument("--syslog", metavar="tcp://HOST:PORT|udp://HOST:PORT")
    p.add_argument("--jsonl", metavar="FILE", help=t("server.opt.siem_jsonl"))
    p.add_argument("--cursor", default="default", help=t("server.opt.siem_cursor"))
    p.add_argument("--follow", action="store_true", help=t("server.opt.follow"))
    p.add_argument("--interval", type=float, default=5.0, help=argparse.SUPPRESS)


def _need_dsn(args: argparse.Namespace) -> str:
    if not args.dsn:
        from agent.errors import ConfigError

        raise ConfigError(t("server.need_dsn"))
    return str(args.dsn)


def run(args: argparse.Namespace) -> int:
    handler = {
        "init": _init, "run": _run, "enroll-token": _token, "log": _log, "agents": _agents,
        "breaks": _breaks, "user": _user, "policy": _policy, "siem": _siem,
    }[args.server_command]  # fmt: skip
    return handler(args)


def _init(args: argparse.Namespace) -> int:
    from server import db

    before, after = db.migrate(_need_dsn(args))
    print(t("server.init.done", before=before, after=after))
    return 0


def _split_listen(listen: str) -> tuple[str, int]:
    host, _, port = listen.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def _run(args: argparse.Namespace) -> int:
    import uvicorn

    from server import db
    from server.app import console_secret, create_app, make_pool
    from server.tls import ensure_tls

    dsn = _need_dsn(args)
    db.migrate(dsn)
    host, port = _split_listen(args.listen)
    tls = ensure_tls(Path(args.state), [host, *args.san])
    print(t("server.run.fingerprint", fingerprint=tls.fingerprint), flush=True)
    print(t("server.run.listening", url=f"https://{host}:{port}"), flush=True)
    common = dict(
        host=host, port=port, ssl_certfile=str(tls.cert), ssl_keyfile=str(tls.key),
        log_level="warning", access_log=False, timeout_keep_alive=30,
    )  # fmt: skip
    if args.workers > 1:
        # one Python process is bound by its GIL: several, each with its own pool (app_from_env)
        os.environ["SHAREGUARD_DSN"] = dsn
        os.environ["SHAREGUARD_SERVER_STATE"] = str(Path(args.state).resolve())
        os.environ["SHAREGUARD_SERVER_POOL"] = str(args.workers_db)
        uvicorn.run("server.app:app_from_env", factory=True, workers=args.workers, **common)
        return 0
    pool = make_pool(dsn, size=args.workers_db)
    app = create_app(pool, tls.ca_cert.read_bytes(), secret=console_secret(Path(args.state)))
    uvicorn.run(app, **common)
    pool.close()
    return 0


def _fingerprint(args: argparse.Namespace) -> str:
    from agent.errors import ConfigError
    from server.tls import fingerprint

    if args.fingerprint:
        return str(args.fingerprint)
    state = Path(args.state) if args.state else None
    if state is None or not (state / "ca.pem").exists():
        raise ConfigError(t("server.token.need_state"))
    return fingerprint((state / "ca.pem").read_bytes())


def _token(args: argparse.Namespace) -> int:
    from server import auth, db

    if not args.url.startswith("https://"):
        from agent.errors import ConfigError

        raise ConfigError(t("server.token.need_https"))
    fp = _fingerprint(args)
    with db.connect(_need_dsn(args), autocommit=True) as conn:
        db.require_schema(conn)
        token = auth.create_token(
            conn,
            url=args.url.rstrip("/"),
            fingerprint=fp,
            expires=auth.parse_duration(args.expires),
            uses=args.uses,
            department=args.department,
            created_by=getpass.getuser(),
        )
    print(token)
    return 0


def _rows(conn: Any, sql: str, args: tuple[Any, ...] = ()) -> Any:
    with conn.cursor(name="cli") as cur:
        cur.itersize = 1000
        cur.execute(sql, args)
        cols = [d[0] for d in cur.description]
        for r in cur:
            yield dict(zip(cols, r, strict=True))


def log_records(conn: Any, *, all_verdicts: bool = False, after_pk: int = 0) -> Any:
    """The `server log` rows (also what the SIEM export sends): masked path, no evidence."""
    from agent.redact import scrub

    where = "WHERE v.id > %s" + ("" if all_verdicts else " AND v.verdict = 'flagged'")
    for r in _rows(
        conn,
        "SELECT v.id AS pk, v.agent_id, v.host, v.row_id, v.time, v.path, v.sha256, v.verdict,"
        " v.categories, v.action, v.mode, coalesce(t.status, 'new') AS status, t.reviewer,"
        " v.policy_version, v.department FROM verdicts v"
        f" LEFT JOIN triage_state t ON t.verdict_pk = v.id {where} ORDER BY v.id",
        (after_pk,),
    ):
        r["path"] = scrub(r["path"])
        r["host"] = scrub(r["host"])
        r["categories"] = [c["id"] for c in json.loads(r["categories"])]
        yield r


def _log(args: argparse.Namespace) -> int:
    from server import db

    with db.connect(_need_dsn(args)) as conn:
        db.require_schema(conn)
        for r in log_records(conn, all_verdicts=args.all):
            r.pop("pk")
            print(json.dumps(r, ensure_ascii=False, default=str))
    return 0


def _agents(args: argparse.Namespace) -> int:
    from agent.redact import scrub
    from server import db

    with db.connect(_need_dsn(args)) as conn:
        db.require_schema(conn)
        for r in _rows(
            conn,
            "SELECT agent_id, host, os_user AS user, department, version, policy_version,"
            " fleet_policy,"
            " last_seen, pending, watched_folders, alerts_available,"
            " verdict_head_id AS rows_received,"
            " (SELECT count(*) FROM chain_breaks b WHERE b.agent_id = a.agent_id) AS chain_breaks"
            " FROM agents a ORDER BY host, agent_id",
        ):
            r["last_seen"] = r["last_seen"].isoformat() if r["last_seen"] else None
            r["watched_folders"] = [
                scrub(f.get("path", "")) if isinstance(f, dict) else scrub(str(f))
                for f in r["watched_folders"] or []
            ]
            print(json.dumps(r, ensure_ascii=False, default=str))
    return 0


def _breaks(args: argparse.Namespace) -> int:
    from server import db

    with db.connect(_need_dsn(args)) as conn:
        db.require_schema(conn)
        for r in _rows(
            conn,
            "SELECT b.agent_id, a.host, b.stream, b.row_id, b.kind, b.detail, b.time"
            " FROM chain_breaks b JOIN agents a USING (agent_id) ORDER BY b.id",
        ):
            print(json.dumps(r, ensure_ascii=False, default=str))
    return 0


def _user(args: argparse.Namespace) -> int:
    from server import auth, db

    if args.password_file:
        password = Path(args.password_file).read_text(encoding="utf-8").splitlines()[0]
    else:
        password = getpass.getpass(t("server.user.password"))
        if getpass.getpass(t("server.user.again")) != password:
            print(t("server.user.mismatch"), file=sys.stderr)
            return 2
    with db.connect(_need_dsn(args), autocommit=True) as conn:
        db.require_schema(conn)
        try:
            created = auth.add_user(conn, args.name, args.role, password)
        except ValueError as e:
            print(str(e), file=sys.stderr)
            return 2
    print(t("server.user.created" if created else "server.user.updated", name=args.name,
            role=args.role))  # fmt: skip
    return 0


def _policy(args: argparse.Namespace) -> int:
    from policies import check_file
    from server import db
    from server import policy as packs

    check_file(args.file)  # errors name the admin's own file and line
    body = Path(args.file).read_text(encoding="utf-8")
    with db.connect(_need_dsn(args), autocommit=True) as conn:
        db.require_schema(conn)
        pack = packs.upload(conn, body, args.by)
    print(t("server.policy.saved", version=pack.version))
    return 0


def _siem(args: argparse.Namespace) -> int:
    from server import siem

    if not args.syslog and not args.jsonl:
        from agent.errors import ConfigError

        raise ConfigError(t("server.siem.need_target"))
    n = siem.export(
        _need_dsn(args), syslog=args.syslog, jsonl=args.jsonl, cursor=args.cursor,
        follow=args.follow, interval=args.interval, hostname=socket.gethostname(),
    )  # fmt: skip
    print(t("server.siem.sent", n=n), file=sys.stderr)
    return 0
