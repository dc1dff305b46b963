"""`shareguard extract FILE [--format text|json]`: show what the scanner sees in a file.

This is the one place raw extracted text leaves the process: a person asked for it, on their own
file, in their own terminal. Nothing is logged.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from agent.commands import add_config_option
from agent.config import OCR_ENGINES
from agent.i18n import t


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=t("extract.opt.file"))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("extract.opt.format")
    )
    parser.add_argument(
        "--ocr-engine",
        choices=OCR_ENGINES,
        help=t("extract.opt.engine"),
    )
    add_config_option(parser)


def _printable(s: str) -> str:
    """A path as UTF-8 can print it: undecodable bytes of odd file names become U+FFFD."""
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def extraction_to_dict(e: Any) -> dict[str, Any]:
    """JSON-ready view of an Extraction (members nested)."""

    def bbox(b: Any) -> list[float] | None:
        return (
            None if b is None else [round(b.x0, 4), round(b.y0, 4), round(b.x1, 4), round(b.y1, 4)]
        )

    return {
        "path": _printable(e.source.path),
        "sha256": e.source.sha256,
        "size": e.source.size,
        "media_type": e.source.media_type,
        "pages": e.pages,
        "ocr_used": e.ocr_used,
        "warnings": list(e.warnings),
        "metadata": [list(kv) for kv in e.metadata],
        "blocks": [
            {
                "text": b.text,
                "kind": str(b.kind),
                "page": b.page,
                "bbox": bbox(b.bbox),
                "confidence": b.confidence,
                "origin": b.origin,
            }
            for b in e.blocks
        ],
        "tables": [
            {
                "name": tb.name,
                "page": tb.page,
                "origin": tb.origin,
                "ocr": tb.ocr,
                "rows": [list(r) for r in tb.rows],
            }
            for tb in e.tables
        ],
        "members": [extraction_to_dict(m) for m in e.members],
    }


def _print_text(e: Any, out: Any) -> None:
    out.write(e.text() + "\n")
    for m in e.members:
        out.write(t("extract.member", path=_printable(m.source.path)) + "\n")
        _print_text(m, out)


def run(args: argparse.Namespace) -> int:
    from agent.config import load_config
    from agent.errors import ExitCode, ExtractionError
    from agent.extract import Extractor

    config = load_config(args.config)
    if args.ocr_engine:
        config = dataclasses.replace(
            config, ocr=dataclasses.replace(config.ocr, engine=args.ocr_engine)
        )
    try:
        with Extractor(config, short_lived=True) as extractor:  # one file, then exit
            extraction = extractor.extract(args.file)
    except ExtractionError as e:
        kind = t(f"extract.kind.{e.kind}")
        print(t("extract.unreadable", path=args.file, kind=kind, reason=e.reason), file=sys.stderr)
        return ExitCode.ERROR
    if args.format == "json":
        json.dump(extraction_to_dict(extraction), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_text(extraction, sys.stdout)
        if extraction.warnings:
            print(t("extract.warnings", warnings="; ".join(extraction.warnings)), file=sys.stderr)
    return ExitCode.CLEAN
