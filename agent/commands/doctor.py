"""`shareguard doctor [--config FILE] [--format text|json] [--skip CHECK]`."""

from __future__ import annotations

import argparse
import json
import sys

from agent.commands import add_config_option
from agent.errors import ExitCode
from agent.i18n import t

CHECK_IDS = (
    "tesseract",
    "chi_sim",
    "ocr_sample",
    "rapidocr",
    "notifications",
    "folder",
    "permissions",
    "service",
    "policy",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("doctor.opt.format")
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=CHECK_IDS,
        metavar="CHECK",
        help=t("doctor.opt.skip", ids=", ".join(CHECK_IDS)),
    )


def run(args: argparse.Namespace) -> int:
    from agent.doctor import render_text, run_checks

    report = run_checks(args.config, skip=args.skip)
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render_text(report))
    return ExitCode.CLEAN if report.ok else ExitCode.ERROR
