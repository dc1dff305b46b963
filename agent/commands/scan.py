"""`shareguard scan [--format text|json|jsonl] [--policy FILE] [--config FILE] PATH...`

Scans files and folders (recursively) with the same `Scanner` the agent uses and prints one
verdict per file. Exit codes: 0 nothing flagged, 1 something flagged, 2 a file could not be
checked (unreadable), a usage or an internal error.
Evidence is printed masked, as the policy's evidence always is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from agent.commands import add_config_option
from agent.errors import ExitCode
from agent.i18n import t
from agent.redact import shown, terminal_safe

PROGRESS_MIN_FILES = 20


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument(
        "--format", choices=("text", "json", "jsonl"), default="text", help=t("scan.opt.format")
    )
    parser.add_argument(
        "--policy", action="append", default=[], metavar="FILE", help=t("scan.opt.policy")
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=t("scan.opt.paths"))


def iter_files(paths: list[str]) -> Iterator[Path]:
    """Files named, then every regular file under folders named, sorted; links to folders are
    not followed (no loops, no escaping the folder)."""
    for p in map(Path, paths):
        if p.is_dir() and not p.is_symlink():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    f = Path(root) / name
                    if f.is_symlink() and f.is_dir():
                        continue
                    yield f
        else:
            yield p


def text_line(verdict: Any) -> str:
    """One line for people: the Chinese category name and the strongest evidence."""
    from detectors.model import Decision

    # one line per file, whatever the file's name holds (newlines, ANSI escapes, identifiers)
    path = shown(verdict.path)
    if verdict.decision == Decision.UNREADABLE:
        reason = (verdict.error or verdict.error_kind or "").strip().splitlines()
        first = shown(reason[0][:200]) if reason else ""
        return t("scan.line.unreadable", path=path, reason=first)
    flagged = verdict.flagged_categories
    if not flagged:
        if verdict.allowlisted:
            return t("scan.line.allowlisted", path=path, reason=terminal_safe(verdict.allowlisted))
        return t("scan.line.clean", path=path)
    top = flagged[0]
    ev = max(top.evidence, key=lambda e: e.weight, default=None)
    evidence = terminal_safe(ev.text + (f" [{ev.location}]" if ev.location else "")) if ev else ""
    line = t(
        "scan.line.flagged",
        path=path,
        category=t(f"category.{top.id}"),
        score=top.score,
        evidence=evidence or t("scan.no_evidence"),
    )
    if len(flagged) > 1:
        others = "、".join(f"{t(f'category.{c.id}')}（{c.score:.2f}）" for c in flagged[1:])
        line += t("scan.line.flagged_more", others=others)
    if verdict.error_kind == "partial" and verdict.error:  # judged on what could be read
        line += " — " + shown(t("alert.partial", parts=verdict.error[:200]))
    return line


class Progress:
    """`scanning 12/200` on stderr, only when stderr is a terminal and the folder is large."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.stream = total, stream
        self.on = total >= PROGRESS_MIN_FILES and stream.isatty()
        self.last = 0.0

    def update(self, done: int) -> None:
        if not self.on:
            return
        now = time.monotonic()
        if now - self.last < 0.2 and done < self.total:
            return
        self.last = now
        self.stream.write("\r" + t("scan.progress", done=done, total=self.total) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.on:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from agent.config import load_config
    from agent.pipeline import Scanner
    from detectors.model import Decision
    from policies import load_policy

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        for p in missing:
            print(t("scan.error.missing", path=p), file=sys.stderr)
        return ExitCode.ERROR
    config = load_config(args.config)
    policy = load_policy([*config.policy_files(), *args.policy])
    files = list(iter_files(args.paths))
    if not files:
        print(t("scan.error.no_files"), file=sys.stderr)
        return ExitCode.ERROR
    progress = Progress(len(files))
    verdicts = []
    out = sys.stdout
    try:
        with Scanner(config, policy) as scanner:
            for i, f in enumerate(files, 1):
                verdict = scanner.scan(f, display_path=str(f))
                verdicts.append(verdict)
                if args.format == "jsonl":
                    out.write(json.dumps(verdict.to_dict(), ensure_ascii=False) + "\n")
                    out.flush()
                elif args.format == "text":
                    progress.close()  # clear the progress line before printing a verdict
                    out.write(text_line(verdict) + "\n")
                    out.flush()
                progress.update(i)
    finally:
        progress.close()
    counts = {
        "total": len(verdicts),
        "flagged": sum(v.decision == Decision.FLAGGED for v in verdicts),
        "unreadable": sum(v.decision == Decision.UNREADABLE for v in verdicts),
        "clean": sum(v.decision == Decision.CLEAN for v in verdicts),
    }
    if args.format == "json":
        json.dump(
            {"files": [v.to_dict() for v in verdicts], "summary": counts},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    elif args.format == "text" and len(verdicts) > 1:
        out.write(t("scan.summary", **counts) + "\n")
    if counts["flagged"]:
        return ExitCode.FLAGGED
    # as clamscan does: a file that could not be checked is an error scripts must notice
    return ExitCode.ERROR if counts["unreadable"] else ExitCode.CLEAN
