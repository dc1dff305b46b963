"""The `shareguard` command: one sub-command per verb, each in agent/commands/<verb>.py.

Each command module exposes `configure(parser)` and `run(args) -> int`, and keeps heavy imports
inside `run` so `shareguard --help` stays fast. Exceptions become exit codes here and nowhere else.
"""

from __future__ import annotations

import argparse
import importlib
import logging
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shareguard", description=i18n.t("cli.description"))
    parser.add_argument("--lang", choices=("zh_CN", "en"), help=i18n.t("cli.opt.lang"))
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help=i18n.t("cli.opt.verbose")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"agent.commands.{name}")
        p = sub.add_parser(
            name, help=i18n.t(f"cli.cmd.{name}"), description=i18n.t(f"cli.cmd.{name}")
        )
        module.configure(p)
        p.set_defaults(_module=module)
    return parser


def _early_language(argv: Sequence[str]) -> None:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            i18n.set_language(argv[i + 1])
        elif a.startswith("--lang="):
            i18n.set_language(a.split("=", 1)[1])


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    parser = build_parser()
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


if __name__ == "__main__":
    sys.exit(main())
