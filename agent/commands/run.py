"""`shareguard run [--config FILE]`: the agent in the foreground (services call this)."""

from __future__ import annotations

import argparse

from agent.commands import add_config_option


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    from agent.config import load_config
    from agent.daemon import run_agent

    return run_agent(load_config(args.config))
