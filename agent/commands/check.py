"""`shareguard check FILE... [--config FILE] [--notify|--no-notify] [--format text|json]`.

Check files by hand before sending them. The verdict and its explanation are the agent's own
(`agent.pipeline.Scanner` + the policy, `agent.actions.alert.compose` for the words); run from a
file manager (stdout not a terminal) the answer comes as a desktop notification. Every verdict is
recorded in the log with action `check`. Exit codes as `scan`: 0 clean, 1 flagged, 2 error.

When the agent runs, files are judged by it over the local check channel (`agent.checkd`): its
extraction worker is warm (no model load per check) and it logs the verdict. Without an agent (or
when it stops answering) this process judges and logs the file itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from agent.commands import add_config_option
from agent.errors import ExitCode
from agent.i18n import t
from agent.redact import shown, terminal_safe

EVIDENCE_PER_CATEGORY = 3
# a person waits on this command: its process ends as soon as its output and log are done
# (`agent.cli.entry`), its log closed in `run`
EXIT_WITHOUT_TEARDOWN = True


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("check.opt.files"))
    notify = parser.add_mutually_exclusive_group()
    notify.add_argument(
        "--notify", dest="notify", action="store_true", default=None, help=t("check.opt.notify")
    )
    notify.add_argument(
        "--no-notify", dest="notify", action="store_false", help=t("check.opt.no_notify")
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("check.opt.format")
    )


def expand(paths: list[str]) -> list[Path]:
    """Files named, and every file under folders named (sorted, so output is stable)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file())
        else:
            out.append(p)
    return out


def exit_code(verdicts: list[Any]) -> int:
    from detectors.model import Decision

    if any(v.decision is Decision.FLAGGED for v in verdicts):
        return ExitCode.FLAGGED
    if not verdicts or any(v.decision is not Decision.CLEAN for v in verdicts):
        return ExitCode.ERROR
    return ExitCode.CLEAN


def describe(verdict: Any, display_path: str, config: Any) -> str:
    """The terminal explanation: the agent's alert text, then the evidence per category."""
    from agent.actions.alert_text import compose
    from detectors.model import Decision

    # A file name can hold a newline and ANSI escapes: everything taken from the file is
    # escaped to one visible line (and its identifiers masked) before it reaches the terminal.
    path = shown(display_path)
    if verdict.decision is Decision.CLEAN:
        line = t("check.clean", path=path)
        if verdict.allowlisted:
            line += t("check.allowlisted", reason=terminal_safe(verdict.allowlisted))
        return line
    if verdict.decision is not Decision.FLAGGED:
        reason = verdict.error or verdict.error_kind or t("verdict.unreadable")
        return t("check.unreadable", path=path, reason=shown(reason))
    _title, body = compose(verdict, path, config)
    lines = [t("check.flagged", path=path)]
    lines += ["  " + shown(ln) for ln in body.split("\n")]
    if verdict.error_kind == "partial" and verdict.error and t("alert.partial") not in body:
        lines.append("  " + shown(t("alert.partial", parts=verdict.error)))
    for cat in verdict.flagged_categories:
        lines.append(
            t(
                "check.category",
                category=t(f"category.{cat.id}"),
                score=f"{cat.score:.2f}",
                threshold=f"{cat.threshold:.2f}",
            )
        )
        strongest = sorted(cat.evidence, key=lambda e: e.weight, reverse=True)
        for ev in strongest[:EVIDENCE_PER_CATEGORY]:
            where = t("check.where", location=terminal_safe(ev.location)) if ev.location else ""
            lines.append(t("check.evidence", text=terminal_safe(ev.text), where=where))
    return "\n".join(lines)


def notify(results: list[tuple[str, Any]], config: Any) -> None:
    """One desktop notification per flagged or unreadable file, one for all the clean ones."""
    from agent.actions.alert import Alerter, _advice
    from agent.doctor import session_bus_address
    from detectors.model import Decision

    if sys.platform == "linux" and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        address = session_bus_address()  # desktop-notifier does not look in $XDG_RUNTIME_DIR
        if address:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    alerter = Alerter(config)
    if not alerter.available:
        alerter.close()
        return
    try:
        clean = []
        for shown, v in results:
            name = Path(shown).name or shown
            if v.decision is Decision.FLAGGED:
                alerter.alert(v, shown)
            elif v.decision is Decision.CLEAN:
                clean.append(name)
            else:
                reason = v.error or v.error_kind or t("verdict.unreadable")
                body = t(
                    "check.notify.unreadable_body", name=name, reason=reason, advice=_advice(config)
                )
                alerter._send(t("check.notify.unreadable_title"), body, (shown,))
        if clean:
            shown_names = "、".join(clean[:5]) + (
                t("agent.alert.summary_more") if len(clean) > 5 else ""
            )
            alerter._send(
                t("check.notify.clean_title"),
                t("check.notify.clean_body", names=shown_names),
                tuple(clean),
            )
    finally:
        alerter.close()


def run(args: argparse.Namespace) -> int:
    from agent.checkd import AgentSession
    from agent.config import load_config

    config = load_config(args.config)
    files = expand(args.files)
    if not files:
        print(t("check.no_files"), file=sys.stderr)
        return ExitCode.ERROR
    # The running agent judges with its warm worker and logs; else this process does both,
    # with an extraction worker launched now, so that its start overlaps this one's imports
    session = AgentSession.connect(config)
    launched = None
    if session is None:
        from agent.worker_process import launch_worker

        launched = launch_worker()
    local = _Local(
        config,
        warm_ocr=session is None and any(map(may_need_ocr, files)),
        launched=launched,
    )
    results: list[tuple[str, Any]] = []
    try:
        for path in files:
            shown = str(path.absolute())
            answer = None
            if session is not None:
                try:
                    answer = session.check(path.absolute(), shown)
                except ConnectionError as e:
                    print(t("check.agent_lost", error=e), file=sys.stderr)
                    session.close()
                    session = None
            if answer is None:
                answer = local.check(path, shown)
            verdict, log_error = answer
            if log_error is not None:
                print(t("check.log_failed", error=log_error), file=sys.stderr)
            results.append((shown, verdict))
            if args.format == "text":
                print(describe(verdict, shown, config), flush=True)
    finally:
        if session is not None:
            session.close()
        local.close()
    if args.format == "json" and sys.stdout is not None:
        json.dump([v.to_dict() for _, v in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    # pythonw (Windows "Send to") has no stdout at all; a file manager gives a pipe or nothing
    attached = sys.stdout is not None and sys.stdout.isatty()
    want_notify = args.notify if args.notify is not None else not attached
    if want_notify and config.alert.enabled:
        notify(results, config)
    return exit_code([v for _, v in results])


def may_need_ocr(path: Path) -> bool:
    """Whether `path` may hold pictures to OCR: everything but plain text and CSV (told by
    content, from its first 4 KB; a file that cannot be read is left to the scan to report)."""
    from agent.extract.media import CSV, TEXT, sniff_bytes

    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return True
    return sniff_bytes(head) not in (TEXT, CSV)


class _Local:
    """Judging without an agent: a Scanner (its own worker, OCR model loaded on first use) and
    the log, both opened on the first file that needs them. `warm_ocr`: the worker loads the OCR
    model as it starts, while the policy loads (a picture is coming); a text file's check does
    not pay for it (0.5 GB and a core for a second)."""

    def __init__(self, config: Any, *, warm_ocr: bool = True, launched: Any = None) -> None:
        self.config = config
        self.warm_ocr = warm_ocr
        self.launched = launched  # a worker process started ahead, for the Extractor
        self.scanner: Any = None
        self.store: Any = None
        self.store_error: str | None = None

    def _open(self) -> None:
        from agent.extract import Extractor

        # the worker and its OCR models load on the other core while this process imports the
        # scanner, the log and the policy
        extractor = Extractor(
            self.config, warm_ocr=self.warm_ocr, short_lived=True, launched=self.launched
        )
        self.launched = None
        extractor.start()
        from agent.pipeline import Scanner
        from agent.store import Store, load_install_key, value_hasher
        from policies import load_policy

        policy = load_policy(self.config.policy_files())
        hasher = None
        try:
            self.store = Store.open(self.config)
            hasher = value_hasher(load_install_key(self.config.key_path))
        except Exception as e:  # the check itself must still answer
            self.store_error = str(e) or type(e).__name__
        self.scanner = Scanner(self.config, policy, hasher=hasher, extractor=extractor)

    def check(self, path: Path, shown: str) -> tuple[Any, str | None]:
        from agent.checkd import judge_and_log

        if self.scanner is None:
            self._open()
        verdict, log_error = judge_and_log(
            self.scanner, self.store, self.config, path, shown, wait_for_thumbnail=False
        )
        if self.store is None:
            log_error = self.store_error
        return verdict, log_error

    def close(self) -> None:
        if self.launched is not None:  # no file reached this process's own extractor
            self.launched.discard()
        if self.scanner is not None:
            self.scanner.close(wait=False)  # this process is about to exit
        if self.store is not None:
            self.store.close()
