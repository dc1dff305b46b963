"""`shareguard log list|show|mark|export|verify|restore`: the flagged-file log on the command line.

Same data and the same masking as the review console (`agent.review.export`), so what a reviewer
sees in a terminal, a page or an export is one thing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from agent.commands import add_config_option
from agent.i18n import t
from agent.redact import shown, terminal_safe

if TYPE_CHECKING:
    from agent.store import LogRow, Store

_STATUSES = ("new", "confirmed", "false_positive", "ignored")


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", dest="all_verdicts", help=t("log.opt.all"))
    p.add_argument(
        "--verdict", choices=("flagged", "clean", "unreadable"), help=t("log.opt.verdict")
    )
    p.add_argument("--category", help=t("log.opt.category"))
    p.add_argument("--since", help=t("log.opt.since"))
    p.add_argument("--until", help=t("log.opt.until"))
    p.add_argument("--status", choices=_STATUSES, help=t("log.opt.status"))
    p.add_argument("--host", help=t("log.opt.host"))
    p.add_argument("--folder", help=t("log.opt.folder"))
    p.add_argument("--action", help=t("log.opt.action"))
    p.add_argument("--mode", choices=("audit", "warn", "block"), help=t("log.opt.mode"))
    p.add_argument("--answer", choices=("override", "quarantine"), help=t("log.opt.answer"))


def _sub_config(p: argparse.ArgumentParser) -> None:
    # Accept --config after the sub-command too; SUPPRESS keeps a value given before it.
    p.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help=t("cli.opt.config"))


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    sub = parser.add_subparsers(dest="log_command", metavar="SUB", help=t("log.help.sub"))
    sub.required = True

    p = sub.add_parser("list", help=t("log.help.list"), description=t("log.help.list"))
    _sub_config(p)
    _add_filters(p)
    p.add_argument("--format", choices=("text", "jsonl"), default="text", help=t("log.opt.format"))
    p.add_argument("--limit", type=int, default=100, help=t("log.opt.limit"))

    p = sub.add_parser("show", help=t("log.help.show"), description=t("log.help.show"))
    _sub_config(p)
    p.add_argument("id", type=int, help=t("log.opt.id"))
    p.add_argument("--format", choices=("text", "jsonl"), default="text", help=t("log.opt.format"))

    p = sub.add_parser("mark", help=t("log.help.mark"), description=t("log.help.mark"))
    _sub_config(p)
    p.add_argument("id", type=int, help=t("log.opt.id"))
    p.add_argument("--status", choices=_STATUSES, required=True, help=t("log.opt.status"))
    p.add_argument("--note", help=t("log.opt.note"))
    p.add_argument("--reviewer", help=t("log.opt.reviewer"))

    p = sub.add_parser("export", help=t("log.help.export"), description=t("log.help.export"))
    _sub_config(p)
    _add_filters(p)
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help=t("log.opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=t("log.opt.output"))

    p = sub.add_parser("verify", help=t("log.help.verify"), description=t("log.help.verify"))
    _sub_config(p)

    p = sub.add_parser("restore", help=t("log.help.restore"), description=t("log.help.restore"))
    _sub_config(p)
    p.add_argument("id", type=int, help=t("log.opt.id"))


def run(args: argparse.Namespace) -> int:
    from agent.config import load_config
    from agent.store import Store

    config = load_config(getattr(args, "config", None))
    with Store.open(config) as store:
        if args.log_command == "restore":
            return _restore(store, args, config)
        handler = {
            "list": _list,
            "show": _show,
            "mark": _mark,
            "export": _export,
            "verify": _verify,
        }[args.log_command]
        return handler(store, args)


# -- helpers -------------------------------------------------------------------------------


def _filter(args: argparse.Namespace):
    from agent.review.filters import build_filter

    return build_filter(
        category=args.category,
        since=args.since,
        until=args.until,
        status=args.status,
        host=args.host,
        folder=args.folder,
        action=args.action,
        mode=args.mode,
        verdict=args.verdict,
        all_verdicts=args.all_verdicts,
        answer=getattr(args, "answer", None),
    )


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def _categories(row: LogRow) -> str:
    return ", ".join(f"{t('category.' + c['id'])} {c['score']:.2f}" for c in row.categories)


def _time(s: str) -> str:
    return s.replace("T", " ")[:19]


def _terminal_safe(value: Any) -> Any:
    """Every string inside `value` with control characters escaped (file names, notes and
    errors can hold newlines and ANSI escapes that would forge lines or recolour the terminal)."""
    if isinstance(value, str):
        return terminal_safe(value)
    if isinstance(value, dict):
        return {k: _terminal_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_terminal_safe(v) for v in value]
    return value


# -- sub-commands --------------------------------------------------------------------------


def _list(store: Store, args: argparse.Namespace) -> int:
    from agent.review.export import row_record

    try:
        f = _filter(args)
    except ValueError as e:
        print(t("log.bad_filter", error=e), file=sys.stderr)
        return 2
    limit = args.limit if args.limit and args.limit > 0 else None
    rows = store.query(f, limit=limit)
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row_record(row), ensure_ascii=False))
        return 0
    if not rows:
        print(t("log.none"))
        return 0
    head = [
        t("log.col.id"),
        t("log.col.time"),
        t("log.col.verdict"),
        t("log.col.status"),
        t("log.col.action"),
        t("log.col.categories"),
        t("log.col.path"),
    ]
    table = [
        [
            str(r.id),
            _time(r.time),
            t("verdict." + r.verdict),
            t("log.triage." + r.status),
            r.action,
            _categories(r) or terminal_safe(r.error_kind or ""),
            shown(r.path),
        ]
        for r in rows
    ]
    widths = [max(_width(x[i]) for x in [head, *table]) for i in range(len(head) - 1)]
    for line in [head, *table]:
        print(
            "  ".join(_pad(c, w) for c, w in zip(line[:-1], widths, strict=True)) + "  " + line[-1]
        )
    total = store.count(f)
    if total > len(rows):
        print(t("log.count", shown=len(rows), total=total))
    return 0


def _show(store: Store, args: argparse.Namespace) -> int:
    from agent.review.export import row_record, scrub

    row = store.get(args.id)
    if row is None:
        print(t("log.not_found", id=args.id), file=sys.stderr)
        return 2
    events = store.events(row.id)
    if args.format == "jsonl":
        d = row_record(row)
        d["events"] = [
            {
                "id": e.id,
                "time": e.time,
                "kind": e.kind,
                "actor": scrub(e.actor),
                "data": json.loads(scrub(json.dumps(e.data, ensure_ascii=False))),
            }
            for e in events
        ]
        print(json.dumps(d, ensure_ascii=False))
        return 0
    d = _terminal_safe(row_record(row))
    print(f"#{row.id}  {_time(row.time)} UTC  {t('verdict.' + row.verdict)}")
    print(f"  {t('log.col.path')}: {d['path']}")
    for key in ("host", "user", "sha256", "size", "media_type", "mode"):
        print(f"  {t('log.show.' + key)}: {d[key] if d[key] is not None else ''}")
    print(f"  {t('log.col.action')}: {row.action}")
    if row.error:
        print(f"  {t('log.show.error')}: {row.error_kind or ''} {d['error']}")
    print(f"  {t('log.col.status')}: {t('log.triage.' + row.status)}")
    if row.reviewer:
        print(f"  {t('log.show.reviewer')}: {d['reviewer']}")
    if row.note:
        print(f"  {t('log.show.note')}: {d['note']}")
    for c in row.categories:
        print(f"  {t('category.' + c['id'])} ({c['id']}): {c['score']:.2f}")
        for e in d["evidence"] or []:
            if e.get("category") == c["id"]:
                where = f" [{e['location']}]" if e.get("location") else ""
                print(
                    f"    +{e.get('weight', 0):.2f} {e.get('detector')}/{e.get('signal')}:"
                    f" {e.get('text', '')}{where}"
                )
    if row.categories and d["evidence"] is None:
        print("  " + t("log.show.evidence_purged"))
    if events:
        print(f"  {t('log.show.events')}:")
        for e in events:
            data = shown(json.dumps(e.data, ensure_ascii=False))
            print(f"    {_time(e.time)} {e.kind} {shown(e.actor)} {data}")
    return 0


def _mark(store: Store, args: argparse.Namespace) -> int:
    if store.get(args.id) is None:
        print(t("log.not_found", id=args.id), file=sys.stderr)
        return 2
    store.mark(args.id, args.status, reviewer=args.reviewer, note=args.note)
    print(t("log.marked", id=args.id, status=t("log.triage." + args.status)))
    return 0


@contextlib.contextmanager
def _open_output(path: str | None, fmt: str) -> Iterator[IO[str]]:
    if not path:
        yield sys.stdout
        return
    # Exports hold masked evidence but still say who had which file: keep them private (0600).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # Excel on Chinese Windows reads a CSV as GBK unless it starts with a BOM.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with open(fd, "w", encoding=encoding, newline="") as fp:
        yield fp


def _export(store: Store, args: argparse.Namespace) -> int:
    from agent.review.export import write_csv, write_jsonl

    try:
        f = _filter(args)
    except ValueError as e:
        print(t("log.bad_filter", error=e), file=sys.stderr)
        return 2
    writer = write_csv if args.format == "csv" else write_jsonl
    with _open_output(args.output, args.format) as fp:
        n = writer(store.iter_rows(f), fp)
    if args.output:
        print(t("log.exported", n=n, path=Path(args.output)), file=sys.stderr)
    return 0


def _verify(store: Store, args: argparse.Namespace) -> int:
    result = store.verify()
    if result.ok:
        print(t("log.verify.ok", rows=result.rows, events=result.events))
        return 0
    print(t("log.verify.bad", n=len(result.problems)))
    for p in result.problems:
        print(f"  - {p}")
    return 1


def _restore(store: Store, args: argparse.Namespace, config) -> int:
    if store.get(args.id) is None:
        print(t("log.not_found", id=args.id), file=sys.stderr)
        return 2
    try:
        from agent.actions.quarantine import restore
    except ImportError as e:
        print(t("log.restore.unavailable", error=e), file=sys.stderr)
        return 2
    from agent.errors import ShareguardError

    try:
        target = restore(store, args.id, config)
    except (ShareguardError, OSError, ValueError, KeyError, LookupError) as e:
        print(t("log.restore.failed", error=e), file=sys.stderr)
        return 2
    print(t("log.restored", path=shown(str(target))))
    return 0
