"""Turn a false positive into an allowlist entry in the organisation's policy file.

The YAML shape belongs to the policy engine (`policies/schema.py`, ALLOWLIST_KEYS): a top-level
``allowlist`` mapping of ``sha256``, ``folders`` and ``phrases``, each a list of strings::

    allowlist:
      sha256:
        - "3f5a..."   # 公开通报，误报 (added 2026-11-28 by 王工, log row 12)
      folders: []
      phrases: []

Everything that knows that shape is in :data:`KEYS` and :func:`merge`. The entry is inserted as
text so the file's comments survive; the reason goes in a trailing comment since the schema holds
plain strings. Before anything is written the merged text is parsed back and loaded by the policy
engine (`policies.load_policy`), so an entry the engine would reject is never saved.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from agent.errors import ConfigError
from agent.store import now_iso

KINDS = ("sha256", "folder", "phrase")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Entry:
    kind: str
    value: str
    reason: str = ""
    reviewer: str = ""
    source_row: int | None = None

    def validate(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        v = self.value.strip()
        if not v:
            raise ValueError("empty value")
        if "\n" in v or "\r" in v:
            raise ValueError("value must be one line")
        if self.kind == "sha256" and not _SHA256.match(v):
            raise ValueError("not a SHA-256 digest")
        if self.kind == "phrase" and len(v) < 2:
            raise ValueError("phrase too short: it would clear almost every file")
        if self.kind == "folder" and (v in ("/", "\\") or re.fullmatch(r"[A-Za-z]:\\?", v)):
            raise ValueError("refusing to allowlist a whole drive")
        if self.kind == "folder" and not re.match(r"(/|\\\\|[A-Za-z]:\\)", v):
            raise ValueError("the folder must be an absolute path")


def policy_file(config: Any) -> Path:
    """The organisation's policy file: the first of `config.policy`, else beside the config."""
    if getattr(config, "policy", ()):
        return Path(config.policy[0]).expanduser()
    if getattr(config, "source", None) and not str(config.source).startswith("<"):
        return Path(config.source).expanduser().parent / "policy.yaml"
    from agent.config import default_config_path

    return default_config_path().parent / "policy.yaml"


KEYS = {"sha256": "sha256", "folder": "folders", "phrase": "phrases"}


def _comment(entry: Entry) -> str:
    meta = [f"added {now_iso()[:10]}"]
    if entry.reviewer:
        meta.append(f"by {entry.reviewer}")
    if entry.source_row is not None:
        meta.append(f"log row {entry.source_row}")
    reason = entry.reason.strip() or "false positive"
    text = f"{reason} ({', '.join(meta)})"
    return " ".join(text.split())  # one line


def _item(entry: Entry, indent: str) -> str:
    value = json.dumps(entry.value.strip(), ensure_ascii=False)  # a valid YAML double-quoted scalar
    return f"{indent}- {value}  # {_comment(entry)}\n"


def _block_end(lines: list[str], start: int) -> int:
    """Index after the last line belonging to the block opened at `start` (indented deeper)."""
    base = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    last = start + 1
    while end < len(lines):
        ln = lines[end]
        if ln.strip() and not ln.lstrip().startswith("#"):
            if len(ln) - len(ln.lstrip()) <= base:
                break
            last = end + 1
        end += 1
    return last


def merge(existing: str, entry: Entry) -> str:
    """`existing` policy text with `entry` added to its allowlist, comments kept."""
    key = KEYS[entry.kind]
    data = yaml.safe_load(existing) if existing.strip() else None
    if data is None:
        header = "# Organisation policy: extends shareguard's built-in policy pack.\n"
        body = existing if existing.strip() else header
        return body + f"allowlist:\n  {key}:\n" + _item(entry, "    ")
    if not isinstance(data, dict):
        raise ValueError("the policy file is not a YAML mapping")
    al = data.get("allowlist")
    if al is not None and not isinstance(al, dict):
        raise ValueError("`allowlist` in the policy file is not a mapping")
    if al and entry.value.strip() in (al.get(key) or []):
        raise ValueError("already in the allowlist")
    lines = existing.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    top = next((i for i, ln in enumerate(lines) if re.match(r"allowlist\s*:", ln)), None)
    if top is None:
        return "".join(lines) + f"allowlist:\n  {key}:\n" + _item(entry, "    ")
    if lines[top].split(":", 1)[1].split("#", 1)[0].strip() not in ("", "{}"):
        return _dump_fallback(data, entry)
    if lines[top].split(":", 1)[1].split("#", 1)[0].strip() == "{}":
        lines[top] = "allowlist:\n"
    end = _block_end(lines, top)
    sub = next(
        (i for i in range(top + 1, end) if re.match(rf"\s+{key}\s*:", lines[i])),
        None,
    )
    if sub is None:
        lines.insert(end, f"  {key}:\n" + _item(entry, "    "))
        return "".join(lines)
    indent = " " * (len(lines[sub]) - len(lines[sub].lstrip()))
    rest = lines[sub].split(":", 1)[1].split("#", 1)[0].strip()
    if rest == "[]":
        lines[sub] = f"{indent}{key}:\n"
        lines.insert(sub + 1, _item(entry, indent + "  "))
        return "".join(lines)
    if rest:
        return _dump_fallback(data, entry)  # flow style with items: rewrite the file
    item_end = _block_end(lines, sub)
    first_item = next(
        (lines[i] for i in range(sub + 1, item_end) if lines[i].lstrip().startswith("-")), None
    )
    item_indent = (
        " " * (len(first_item) - len(first_item.lstrip())) if first_item else indent + "  "
    )
    lines.insert(item_end, _item(entry, item_indent))
    return "".join(lines)


def _dump_fallback(data: dict[str, Any], entry: Entry) -> str:
    al = dict(data.get("allowlist") or {})
    al[KEYS[entry.kind]] = [*(al.get(KEYS[entry.kind]) or []), entry.value.strip()]
    data = {**data, "allowlist": al}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class Preview:
    path: Path
    exists: bool
    before: str
    after: str
    added: str  # the lines the entry adds


def preview(config: Any, entry: Entry) -> Preview:
    entry.validate()
    path = policy_file(config)
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    after = merge(before, entry)
    _check(after, entry)
    return Preview(path, path.exists(), before, after, _item(entry, "    "))


def _check(text: str, entry: Entry) -> None:
    data = yaml.safe_load(text)
    al = data.get("allowlist") if isinstance(data, dict) else None
    if not isinstance(al, dict) or entry.value.strip() not in (al.get(KEYS[entry.kind]) or []):
        raise ValueError("the merged policy does not contain the new entry")
    try:
        from policies import load_policy
    except ImportError:  # engine not installed: the YAML check above is all we can do
        return
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "policy.yaml"
        p.write_text(text, encoding="utf-8")
        try:
            load_policy(extra_files=(str(p),))  # raises ConfigError with file:line
        except ConfigError as e:
            if e.path and Path(e.path) != p:
                # The fault is in another file (the built-in pack); ours parsed and matched
                # the schema above, so do not block the reviewer on someone else's file.
                return
            raise


def save(config: Any, entry: Entry, *, expected_before: str | None = None) -> Path:
    """Write the entry (atomically). With `expected_before`, refuse if the file changed since
    the preview the reviewer approved."""
    p = preview(config, entry)
    if expected_before is not None and p.before != expected_before:
        raise ValueError("the policy file changed since the preview; preview again")
    p.path.parent.mkdir(parents=True, exist_ok=True)
    mode = p.path.stat().st_mode & 0o777 if p.exists else 0o600
    fd, tmp = tempfile.mkstemp(dir=p.path.parent, prefix=".policy-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fp:
            fp.write(p.after)
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p.path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return p.path
