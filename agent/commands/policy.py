"""`shareguard policy check FILE [--extends FILE]` and
`shareguard policy explain FILE [--policy FILE] [--config FILE] [--format text|json] [--all]`.

`check` validates a full pack or an organisation extension (errors name file:line and field, exit
2). `explain` extracts a file and shows, per category, every signal that fired with its weight,
count, strength and contribution, so the score can be followed by hand (docs/policy.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from agent.commands import add_config_option
from agent.errors import ExitCode
from agent.i18n import t


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    c = sub.add_parser("check", help=t("policy.cmd.check"), description=t("policy.cmd.check"))
    c.add_argument("file", metavar="FILE", help=t("policy.opt.file"))
    c.add_argument(
        "--extends", action="append", default=[], metavar="FILE", help=t("policy.opt.extends")
    )
    e = sub.add_parser("explain", help=t("policy.cmd.explain"), description=t("policy.cmd.explain"))
    add_config_option(e)
    e.add_argument("file", metavar="FILE", help=t("policy.opt.target"))
    e.add_argument(
        "--policy", action="append", default=[], metavar="FILE", help=t("policy.opt.policy")
    )
    e.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("policy.opt.format")
    )
    e.add_argument("--all", action="store_true", help=t("policy.opt.all"))


def _check(args: argparse.Namespace) -> int:
    from policies import check_file

    policy = check_file(args.file, extends=args.extends)
    signals = {s for c in policy.categories for s in c.signals}
    print(
        t(
            "policy.check.ok",
            path=args.file,
            categories=len(policy.categories),
            signals=len(signals),
        )
    )
    return ExitCode.CLEAN


def _category_name(policy: Any, cid: str) -> str:
    name = t(f"category.{cid}")
    if name == f"category.{cid}":
        cat = next((c for c in policy.categories if c.id == cid), None)
        return (cat.name if cat and cat.name else None) or cid
    return name


def _explain_text(policy: Any, exps: list[Any], show_all: bool) -> list[str]:
    lines = []
    caps = {c.id: c.cap_without for c in policy.categories}
    shown = 0
    for e in exps:
        if not e.rows and not show_all:
            continue
        shown += 1
        decision = t("policy.explain.flagged") if e.flagged else t("policy.explain.not_flagged")
        head = t(
            "policy.explain.category",
            name=_category_name(policy, e.id),
            id=e.id,
            score=e.score,
            threshold=e.threshold,
            decision=decision,
        )
        if e.capped:
            head += t("policy.explain.capped", cap=caps.get(e.id, 0.0))
        lines.append(head)
        lines.append(
            t(
                "policy.explain.formula",
                positive=e.positive,
                negative=e.negative_factor,
                score=e.score,
            )
        )
        for r in e.rows:
            lines.append(
                t(
                    "policy.explain.row",
                    sign="+" if r.contribution >= 0 else "−",
                    signal=r.signal,
                    weight=r.weight,
                    count=r.count,
                    saturate=r.saturate,
                    strength=r.strength,
                    contribution=r.contribution,
                )
            )
            for ev in r.evidence:
                lines.append(t("policy.explain.evidence", text=ev.text, location=ev.location))
    if not shown:
        lines.append(t("policy.explain.nothing"))
    return lines


def _walk(extraction: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out = [(prefix, extraction)]
    for m in extraction.members:
        out += _walk(m, m.source.path)
    return out


def _explain(args: argparse.Namespace) -> int:
    from agent.config import load_config
    from agent.errors import ExtractionError
    from agent.extract import Extractor
    from policies import load_policy

    config = load_config(args.config)
    policy = load_policy([*config.policy_files(), *args.policy])
    with Extractor(config) as extractor:
        try:
            extraction = extractor.extract(args.file, display_path=args.file)
        except ExtractionError as err:
            print(t("policy.explain.unreadable", reason=err.reason), file=sys.stderr)
            return ExitCode.ERROR
    verdict = policy.evaluate(extraction)
    parts = _walk(extraction)
    if args.format == "json":
        doc = {
            "path": args.file,
            "verdict": verdict.decision.value,
            "parts": [
                {
                    "member": member or None,
                    "categories": [dataclasses.asdict(e) for e in policy.explain(ext)],
                }
                for member, ext in parts
            ],
        }
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for member, ext in parts:
            if member:
                print(t("policy.explain.member", path=member))
            else:
                print(t("policy.explain.file", path=args.file))
            for line in _explain_text(policy, policy.explain(ext), args.all):
                print(line)
    return ExitCode.FLAGGED if verdict.flagged_categories else ExitCode.CLEAN


def run(args: argparse.Namespace) -> int:
    if args.policy_command == "check":
        return _check(args)
    return _explain(args)
