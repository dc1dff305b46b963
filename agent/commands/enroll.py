"""`shareguard enroll TOKEN`: join this PC to the office's review server.

The token (from `shareguard server enroll-token`) carries the server's URL and its CA
fingerprint; the server's certificate is checked against it before anything is sent. The
per-agent credential the server returns is stored in the data dir (0600) and the config gets
`[fleet] server`; the token itself is not stored.
"""

from __future__ import annotations

import argparse
import sys

from agent.commands import add_config_option
from agent.i18n import t


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("token", help=t("enroll.opt.token"))
    parser.add_argument("--department", help=t("enroll.opt.department"))


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from agent.config import default_config_path, load_config
    from agent.forward import FleetError, enroll, set_fleet_server

    config_path = Path(args.config) if args.config else default_config_path()
    config = load_config(config_path if config_path.exists() else None)
    try:
        cred = enroll(args.token, config, department=args.department)
    except (FleetError, OSError) as e:
        print(t("enroll.failed", error=str(e)), file=sys.stderr)
        return 2
    set_fleet_server(config_path, cred.url)
    load_config(config_path)  # the edited file must still be valid
    print(t("enroll.done", url=cred.url, agent_id=cred.agent_id, config=str(config_path)))
    return 0
