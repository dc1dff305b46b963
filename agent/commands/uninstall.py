"""`shareguard uninstall [--purge] [ARGS...]`: run the platform's uninstall script."""

from __future__ import annotations

import argparse

from agent.commands.install import add_location_options, run_script, script_args
from agent.errors import ExitCode
from agent.i18n import t


def configure(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    parser.add_argument("--purge", action="store_true", help=t("install.opt.purge"))


def run(args: argparse.Namespace) -> int:
    rc = run_script("uninstall.sh", script_args(args, ("user", "system", "purge")))
    return ExitCode.CLEAN if rc == 0 else ExitCode.ERROR
