"""Policy packs: categories made of weighted signals, thresholds, actions per mode.

`load_policy(extra_files)` compiles `default.yaml` plus organisation extension files into an
immutable `Policy`; `Policy.evaluate(extraction)` runs the detectors and scores each category
(formula in docs/policy.md); `Policy.actions(mode, verdict)` says what the agent does;
`Policy.explain(extraction)` lists every signal that fired with its weight and contribution.

Importing the package is cheap: these names load on first use, so `policies.errors` (imported by
every command) does not pull numpy, YAML and the detectors into a short-lived `shareguard check`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policies.errors import ConfigError

if TYPE_CHECKING:
    from policies.engine import CategoryExplanation, Policy, SignalRow
    from policies.loader import check_file, load_policy

DEFAULT_PACK = Path(__file__).with_name("default.yaml")
# The default pack's categories, in its order (tests/test_policy.py checks they agree): for
# views and benches that must name them without compiling a policy.
BUILTIN_CATEGORIES = (
    "control_order",
    "screening_list",
    "medical_record",
    "investigation_report",
    "internal_material",
    "classified",
)

_LAZY = {
    "CategoryExplanation": "policies.engine",
    "Policy": "policies.engine",
    "SignalRow": "policies.engine",
    "check_file": "policies.loader",
    "load_policy": "policies.loader",
}

__all__ = [
    "BUILTIN_CATEGORIES",
    "DEFAULT_PACK",
    "CategoryExplanation",
    "ConfigError",
    "Policy",
    "SignalRow",
    "check_file",
    "load_policy",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policies' has no attribute {name!r}")
