"""`shareguard server ...`: the office's central review server (see server/cli.py)."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    from server.cli import configure as server_configure

    server_configure(parser)


def run(args: argparse.Namespace) -> int:
    from server.cli import run as server_run

    return server_run(args)
