"""Loading and validating policy files: YAML with line numbers, one ConfigError per problem,
naming the file, the line and the dotted field. Nothing falls back silently to defaults.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from detectors import param_specs
from policies.errors import ConfigError

MODES = ("audit", "warn", "block")
ACTIONS = ("log", "alert", "quarantine")
SCOPES = ("any", "short", "margin")
TOP_KEYS = (
    "version",
    "actions",
    "categories",
    "lexicon",
    "detectors",
    "allowlist",
    "model",
    "examples",
    "fleet",
)
MODEL_KEYS = ("file", "min_probability", "required_probability")
EXAMPLE_KEYS = ("match", "no_match")
CATEGORY_KEYS = ("threshold", "signals", "require_any", "cap_without", "name", "name_en")
SIGNAL_KEYS = ("weight", "saturate")
LEXICON_KEYS = ("phrases", "patterns", "scope", "max_len")
ALLOWLIST_KEYS = ("sha256", "folders", "phrases")
# What an enrolled PC sends its office server beyond its log rows (docs/policy.md, `fleet`).
FLEET_KEYS = ("forward_thumbnails",)
# Signals emitted by the structural detectors (lexicon signals are declared in the pack itself).
BUILTIN_SIGNALS = frozenset(
    {
        "resident_id",
        "mobile",
        "landline",
        "passport",
        "plate",
        "doc_number",
        "order_number",
        "order_form_title",
        "title_notice",
        "title_public",
        "title_report",
        "main_recipients",
        "deadline",
        "task_assignment",
        "signing_date",
        "electronic_seal",
        "issuing_body",
        "cc_line",
        "contact_line",
        "roster_table",
        "roster_lines",
        "roster_template",
        "secrecy_mark",
        "confidential_mark",
        "internal_mark",
        "draft_mark",
        "publication_mark",
        "tasking_fields",
        "chat_order",
        "news_form",
        "trajectory_table",
        "lab_table",
        "leaflet_sections",
        "person_rows",
        "screening_attrs",
        "doc_model",
        "contact_rows",
        "minutes_form",
        "contact_list",
    }
)
Path_ = tuple[str | int, ...]


def read_yaml(path: str | Path) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML and return (data, {key path: 1-based line})."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read policy file: {e.strerror or e}", path=str(p)) from e
    except UnicodeDecodeError as e:
        raise ConfigError("policy file is not UTF-8", path=str(p)) from e
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # safe: (C)SafeLoader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(f"YAML syntax error: {e.problem or e}", path=str(p), line=line) from e
    except yaml.YAMLError as e:
        raise ConfigError(f"YAML error: {e}", path=str(p)) from e
    lines: dict[Path_, int] = {}

    def walk(n: yaml.Node | None, at: Path_) -> None:
        if n is None:
            return
        lines.setdefault(at, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = k.value
                lines[(*at, key)] = k.start_mark.line + 1
                walk(v, (*at, key))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                lines[(*at, i)] = v.start_mark.line + 1
                walk(v, (*at, i))

    walk(node, ())
    return data, lines


class Validator:
    def __init__(self, path: str, lines: dict[Path_, int], *, extension: bool) -> None:
        self.path, self.lines, self.extension = path, lines, extension

    def fail(self, at: Path_, msg: str) -> ConfigError:
        line = None
        for i in range(len(at), -1, -1):
            line = self.lines.get(tuple(at[:i]))
            if line:
                break
        return ConfigError(msg, path=self.path, line=line, field=".".join(map(str, at)) or None)

    def mapping(self, v: Any, at: Path_, keys: tuple[str, ...] | None = None) -> dict:
        if not isinstance(v, dict):
            raise self.fail(at, f"expected a mapping, got {type(v).__name__}")
        if keys is not None:
            for k in v:
                if k not in keys:
                    raise self.fail((*at, k), f"unknown key {k!r} (allowed: {', '.join(keys)})")
        return v

    def strings(self, v: Any, at: Path_) -> list[str]:
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            raise self.fail(at, "expected a list of non-empty strings")
        return v

    def number(self, v: Any, at: Path_, lo: float, hi: float) -> float:
        if isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi:
            raise self.fail(at, f"expected a number in [{lo}, {hi}], got {v!r}")
        return float(v)

    def param(self, at: Path_, kind: str, value: Any) -> None:
        if kind == "int":
            self.number(value, at, 0, 100_000)
            if not isinstance(value, int):
                raise self.fail(at, f"expected a whole number, got {value!r}")
        elif kind == "number":
            self.number(value, at, 0.0, 100_000.0)
        elif kind in ("strings", "patterns"):
            for i, item in enumerate(self.strings(value, at)):
                if kind == "patterns":
                    try:
                        re.compile(item)
                    except re.error as err:
                        raise self.fail((*at, i), f"bad regular expression: {err}") from err
        elif kind == "mapping":
            for k, v in self.mapping(value, at).items():
                self.strings(v, (*at, k))

    def validate(self, data: Any, known_signals: set[str]) -> dict:
        if data is None:
            data = {}
        d = self.mapping(data, (), TOP_KEYS)
        if "version" in d and d["version"] != 1:
            raise self.fail(("version",), f"unsupported policy version {d['version']!r}")
        if not self.extension:
            for k in ("categories", "lexicon", "detectors", "actions"):
                if k not in d:
                    raise self.fail((), f"missing required section {k!r}")
        for mode, acts in self.mapping(d.get("actions", {}), ("actions",), MODES).items():
            for i, a in enumerate(self.strings(acts, ("actions", mode)) if acts else []):
                if a not in ACTIONS:
                    raise self.fail(("actions", mode, i), f"unknown action {a!r}")
        lex = self.mapping(d.get("lexicon", {}) or {}, ("lexicon",))
        for name, entry in lex.items():
            at = ("lexicon", name)
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
                raise self.fail(at, "signal names are lower_snake_case")
            if name in BUILTIN_SIGNALS:
                raise self.fail(at, f"{name!r} is a built-in signal; pick another name")
            e = self.mapping(entry, at, LEXICON_KEYS)
            if "phrases" in e:
                self.strings(e["phrases"], (*at, "phrases"))
            for i, pat in enumerate(
                self.strings(e["patterns"], (*at, "patterns")) if "patterns" in e else []
            ):
                try:
                    re.compile(pat)
                except re.error as err:
                    raise self.fail((*at, "patterns", i), f"bad regular expression: {err}") from err
            if "scope" in e and e["scope"] not in SCOPES:
                raise self.fail((*at, "scope"), f"scope must be one of {', '.join(SCOPES)}")
            if "max_len" in e:
                self.number(e["max_len"], (*at, "max_len"), 1, 10_000)
            known_signals.add(name)
        cats = self.mapping(d.get("categories", {}) or {}, ("categories",))
        for cid, cat in cats.items():
            at = ("categories", cid)
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(cid)):
                raise self.fail(at, "category ids are lower_snake_case")
            c = self.mapping(cat, at, CATEGORY_KEYS)
            if "threshold" in c:
                self.number(c["threshold"], (*at, "threshold"), 0.0, 1.0)
            elif not self.extension:
                raise self.fail(at, "missing 'threshold'")
            if "cap_without" in c:
                self.number(c["cap_without"], (*at, "cap_without"), 0.0, 1.0)
            sigs = self.mapping(c.get("signals", {}) or {}, (*at, "signals"))
            for sname, spec in sigs.items():
                sat = (*at, "signals", sname)
                if sname not in known_signals:
                    raise self.fail(sat, f"unknown signal {sname!r}")
                s = self.mapping(spec, sat, SIGNAL_KEYS)
                if "weight" not in s:
                    raise self.fail(sat, "missing 'weight'")
                self.number(s["weight"], (*sat, "weight"), -1.0, 1.0)
                if "saturate" in s:
                    self.number(s["saturate"], (*sat, "saturate"), 1, 10_000)
            for i, sname in enumerate(
                self.strings(c["require_any"], (*at, "require_any")) if "require_any" in c else []
            ):
                if sname not in known_signals:
                    raise self.fail((*at, "require_any", i), f"unknown signal {sname!r}")
        specs = param_specs()
        dets = self.mapping(d.get("detectors", {}) or {}, ("detectors",))
        for name, params in dets.items():
            if name not in specs:
                raise self.fail(
                    ("detectors", name),
                    f"unknown detector {name!r} (known: {', '.join(sorted(specs))})",
                )
            spec = specs[name]
            params = self.mapping(params, ("detectors", name), tuple(spec))
            for key, value in params.items():
                self.param((*("detectors", name, key),), spec[key], value)
        model = self.mapping(d.get("model", {}) or {}, ("model",), MODEL_KEYS)
        if "file" in model and not (isinstance(model["file"], str) and model["file"]):
            raise self.fail(("model", "file"), "expected a file name")
        for key in ("min_probability", "required_probability"):
            if key in model:
                self.number(model[key], ("model", key), 0.0, 1.0)
        examples = self.mapping(d.get("examples", {}) or {}, ("examples",))
        for sname, ex in examples.items():
            at = ("examples", sname)
            if sname not in known_signals:
                raise self.fail(at, f"unknown signal {sname!r}")
            e = self.mapping(ex, at, EXAMPLE_KEYS)
            for k, v in e.items():
                self.strings(v, (*at, k))
        fleet = self.mapping(d.get("fleet", {}) or {}, ("fleet",), FLEET_KEYS)
        for key, value in fleet.items():
            if not isinstance(value, bool):
                raise self.fail(("fleet", key), f"expected true or false, got {value!r}")
        al = self.mapping(d.get("allowlist", {}) or {}, ("allowlist",), ALLOWLIST_KEYS)
        for k, v in al.items():
            if v:
                self.strings(v, ("allowlist", k))
        for i, h in enumerate(al.get("sha256") or []):
            if not re.fullmatch(r"[0-9a-fA-F]{64}", h):
                raise self.fail(("allowlist", "sha256", i), "expected a 64-hex-digit sha256")
        return d
