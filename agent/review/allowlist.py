"""Turn a false positive into an allowlist entry in the organisation's policy file.

The YAML shape of organisation extension files belongs to the policy engine (`policies/`,
`docs/policy.md`). Everything that knows that shape is in :func:`entry_document` and
:func:`merge`, so adjusting to the engine is a change in one place. Before anything is written
the merged text is parsed back and, when the engine is installed, loaded by it: an entry the engine
would reject is never saved.

Assumed shape (top-level key ``allowlist``, a list of mappings, one key naming the kind)::

    allowlist:
      - sha256: 3f5a...          # this exact file
        reason: "..."
      - folder: /srv/公开/发布    # anything under this folder
      - phrase: 政府信息公开     # files containing this phrase
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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


def policy_file(config: Any) -> Path:
    """The organisation's policy file: the first of `config.policy`, else beside the config."""
    if getattr(config, "policy", ()):
        return Path(config.policy[0]).expanduser()
    if getattr(config, "source", None) and not str(config.source).startswith("<"):
        return Path(config.source).expanduser().parent / "policy.yaml"
    from agent.config import default_config_path

    return default_config_path().parent / "policy.yaml"


def entry_document(entry: Entry) -> dict[str, Any]:
    """The mapping one entry becomes in the policy file."""
    d: dict[str, Any] = {entry.kind: entry.value.strip()}
    reason = entry.reason.strip() or "false positive"
    d["reason"] = reason
    meta = [f"added {now_iso()[:10]}"]
    if entry.reviewer:
        meta.append(f"by {entry.reviewer}")
    if entry.source_row is not None:
        meta.append(f"from log row {entry.source_row}")
    d["added"] = ", ".join(meta)
    return d


def _dump_item(entry: Entry) -> str:
    text = yaml.safe_dump(
        [entry_document(entry)], allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    return "".join("  " + line + "\n" for line in text.splitlines())


def merge(existing: str, entry: Entry) -> str:
    """`existing` policy text with `entry` appended to its allowlist, comments kept."""
    item = _dump_item(entry)
    data = yaml.safe_load(existing) if existing.strip() else None
    if data is None:
        header = "# Organisation policy: extends shareguard's built-in policy pack.\n"
        return (existing if existing.strip() else header) + "allowlist:\n" + item
    if not isinstance(data, dict):
        raise ValueError("the policy file is not a YAML mapping")
    if "allowlist" not in data:
        sep = "" if existing.endswith("\n") else "\n"
        return existing + sep + "allowlist:\n" + item
    if data["allowlist"] is not None and not isinstance(data["allowlist"], list):
        raise ValueError("`allowlist` in the policy file is not a list")
    # If `allowlist:` is the last top-level key, append the item as text (keeps comments).
    top = [ln for ln in existing.splitlines() if ln and not ln[0].isspace() and ln[0] != "#"]
    if top and top[-1].startswith("allowlist:") and top[-1].strip() == "allowlist:":
        sep = "" if existing.endswith("\n") else "\n"
        return existing + sep + item
    data["allowlist"] = [*(data["allowlist"] or []), entry_document(entry)]
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
    return Preview(path, path.exists(), before, after, _dump_item(entry))


def _check(text: str, entry: Entry) -> None:
    data = yaml.safe_load(text)
    items = data.get("allowlist") if isinstance(data, dict) else None
    if not items or entry_document(entry)[entry.kind] not in [
        i.get(entry.kind) for i in items if isinstance(i, dict)
    ]:
        raise ValueError("the merged policy does not contain the new entry")
    try:
        from policies import load_policy
    except ImportError:  # engine not installed: the YAML check above is all we can do
        return
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "policy.yaml"
        p.write_text(text, encoding="utf-8")
        load_policy(extra_files=(str(p),))  # raises ConfigError with file:line


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
