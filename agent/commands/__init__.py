"""One module per sub-command: `configure(parser)` and `run(args) -> int`."""

from __future__ import annotations

import argparse


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """`--config FILE`, shared by every command that reads or writes the agent's data."""
    from agent.i18n import t

    parser.add_argument("--config", metavar="FILE", help=t("cli.opt.config"))
