"""`shareguard server ...`: the office's central review server (see server/cli.py).

The server's own libraries (PostgreSQL driver and pool, password hashing) are the `server`
extra, not on every office PC: without them the sub-command says how to install them instead
of failing on an import deep inside.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from agent.i18n import t

# import name -> the distribution that brings it (what `pip install shareguard[server]` adds)
SERVER_MODULES = {"psycopg": "psycopg", "psycopg_pool": "psycopg-pool", "argon2": "argon2-cffi"}


def missing_server_modules() -> list[str]:
    """The server extra's distributions that cannot be imported here."""
    missing = []
    for module, dist in SERVER_MODULES.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(dist)
    return missing


def configure(parser: argparse.ArgumentParser) -> None:
    from server.cli import configure as server_configure  # argparse only: no server libraries

    server_configure(parser)


def run(args: argparse.Namespace) -> int:
    missing = missing_server_modules()
    if missing:
        print(t("server.need_extra", missing=", ".join(missing)), file=sys.stderr)
        return 2
    from server.cli import run as server_run

    return server_run(args)
