"""The `shareguard` command: one sub-command per verb, each in agent/commands/<verb>.py.

Each command module exposes `configure(parser)` and `run(args) -> int`, and keeps heavy imports
inside `run` so `shareguard --help` stays fast. Exceptions become exit codes here and nowhere else.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from agent import i18n
from agent.errors import ConfigError, ExitCode, ShareguardError

COMMANDS = (
    "scan",
    "check",
    "extract",
    "run",
    "status",
    "log",
    "review",
    "policy",
    "doctor",
    "install",
    "uninstall",
    "enroll",
    "server",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just that command's options are configured (its
    module imported), which keeps a short-lived `shareguard check` from importing every verb."""
    parser = argparse.ArgumentParser(prog="shareguard", description=i18n.t("cli.description"))
    parser.add_argument("--lang", choices=("zh_CN", "en"), help=i18n.t("cli.opt.lang"))
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help=i18n.t("cli.opt.verbose")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        p = sub.add_parser(
            name, help=i18n.t(f"cli.cmd.{name}"), description=i18n.t(f"cli.cmd.{name}")
        )
        if only is None or name == only:
            module = importlib.import_module(f"agent.commands.{name}")
            module.configure(p)
            p.set_defaults(_module=module)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The verb on the command line (the first word that is not a global option)."""
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a == "--lang":
            skip = True
        elif not a.startswith("-"):
            return a if a in COMMANDS else None
    return None


def _early_language(argv: Sequence[str]) -> None:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            i18n.set_language(argv[i + 1])
        elif a.startswith("--lang="):
            i18n.set_language(a.split("=", 1)[1])


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    parser = build_parser(only=_command_named(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "_module", None):
        parser.print_help()
        return ExitCode.ERROR
    try:
        return int(args._module.run(args))
    except ConfigError as e:
        print(i18n.t("cli.error.config", error=str(e)), file=sys.stderr)
        return ExitCode.ERROR
    except ShareguardError as e:
        print(i18n.t("cli.error.generic", error=str(e)), file=sys.stderr)
        return int(e.exit_code)
    except KeyboardInterrupt:
        print(i18n.t("cli.error.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return ExitCode.ERROR


def entry() -> None:
    """The console script. A command whose module sets `EXIT_WITHOUT_TEARDOWN` (`check`: a
    person waits on it) ends once its output is flushed and its files closed, without the
    interpreter's teardown (freeing the policy, numpy...: 20-35 ms of a cold `check`)."""
    argv = sys.argv[1:]
    code = main(argv)
    name = _command_named(argv)
    module = sys.modules.get(f"agent.commands.{name}") if name else None
    if not getattr(module, "EXIT_WITHOUT_TEARDOWN", False):
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to say
            pass
    os._exit(code)


if __name__ == "__main__":
    entry()
