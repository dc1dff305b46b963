"""Quarantine in `block` mode: move a flagged file out of reach, and put it back on request.

Never deletes user data. Same filesystem: one atomic rename. Other filesystem: copy to a temporary
name inside the quarantine, fsync, verify the sha256, rename into place, fsync the folder, and only
then remove the original. A crash at any point leaves the original, or the verified copy, or both.

Each quarantined file lives in its own private folder ``<quarantine>/<id>/`` (0700) beside a
``manifest.json`` (0600) naming where it came from, so a restore works even without the log.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import shutil
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.errors import ShareguardError
from agent.files import PARTIAL as _PARTIAL
from agent.files import fsync_dir, make_private_dir, sha256_file, write_private

MANIFEST = "manifest.json"


class QuarantineError(ShareguardError):
    """A quarantine or restore could not be done; the file stays where it was."""


@dataclass(frozen=True)
class QuarantineRecord:
    original: str  # printable (UTF-8) form of where the file came from
    stored: str
    sha256: str
    size: int
    method: str  # rename | copy
    original_b64: str | None = None  # the exact original path when its name has odd bytes

    def to_dict(self) -> dict[str, Any]:
        # The log masks identifiers in event text, so "from"/"to" are for people; restore finds
        # the exact original in the slot's manifest (inside the private quarantine folder).
        d: dict[str, Any] = {
            "from": self.original,
            "to": self.stored,
            "slot": Path(self.stored).parent.name,
            "sha256": self.sha256,
            "size": self.size,
            "method": self.method,
        }
        return d


def _printable(path: str) -> str:
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _raw_b64(path: str) -> str | None:
    """base64 of the path's bytes if it is not valid UTF-8 (so it can be restored exactly)."""
    if _printable(path) == path:
        return None
    return base64.b64encode(os.fsencode(path)).decode("ascii")


def _original_of(rec: dict[str, Any]) -> Path:
    if rec.get("from_b64"):
        return Path(os.fsdecode(base64.b64decode(rec["from_b64"])))
    return Path(rec["from"])


def _copy_verified(src: Path, dst: Path, expected: str) -> None:
    """Copy src to dst via a temporary name; fsync; check the hash; rename into place."""
    tmp = dst.with_name(dst.name + _PARTIAL)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with open(src, "rb") as fin, os.fdopen(fd, "wb", closefd=False) as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.close(fd)
    got = sha256_file(tmp)
    if got != expected:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise QuarantineError(f"copy of {src} does not match (sha256 {got} != {expected})")
    with contextlib.suppress(OSError):
        shutil.copystat(src, tmp)
        os.chmod(tmp, 0o600)
    os.replace(tmp, dst)
    fsync_dir(dst.parent)


def _move(src: Path, dst: Path, *, private: bool) -> str:
    """Move without ever losing data; returns the method used. dst must not exist."""
    if dst.exists():
        raise QuarantineError(f"{dst} exists")
    expected = sha256_file(src)
    try:
        same_fs = os.stat(src).st_dev == os.stat(dst.parent).st_dev
    except OSError as e:
        raise QuarantineError(str(e)) from e
    if same_fs:
        # link+unlink refuses to overwrite a file that appeared meanwhile; rename as fallback
        try:
            os.link(src, dst)
        except OSError:
            os.rename(src, dst)
        else:
            os.unlink(src)
        fsync_dir(dst.parent)
        fsync_dir(src.parent)
        method = "rename"
    else:
        _copy_verified(src, dst, expected)
        os.unlink(src)
        fsync_dir(src.parent)
        method = "copy"
    if private:
        with contextlib.suppress(OSError):
            os.chmod(dst, 0o600)
    return method


def slot_name() -> str:
    """A new slot folder's name: the time, then 12 random lowercase letters. No digits in the
    random part: the log masks identifier-shaped digit runs in event values, and a hex part that
    came out all digits (1 slot in ~280) joined the time's digits into an "ID number", masked,
    so the slot could no longer be found from the log."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{''.join(secrets.choice(string.ascii_lowercase) for _ in range(12))}"


def quarantine_record(path: str | os.PathLike[str], config: Any) -> QuarantineRecord:
    """Move `path` into the quarantine; returns where it went and how."""
    src = Path(path).absolute()
    if not src.is_file() or src.is_symlink():
        raise QuarantineError(f"not a regular file: {src}")
    root = make_private_dir(Path(config.quarantine_path))
    slot = make_private_dir(root / slot_name())
    dst = slot / _printable(src.name)
    size = src.stat().st_size
    manifest: dict[str, Any] = {
        "from": _printable(str(src)),
        "name": dst.name,
        "size": size,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "state": "moving",
    }
    raw = _raw_b64(str(src))
    if raw:
        manifest["from_b64"] = raw
    write_private(slot / MANIFEST, json.dumps(manifest).encode())
    try:
        method = _move(src, dst, private=True)
    except BaseException:
        with contextlib.suppress(OSError):
            (slot / MANIFEST).unlink()
            slot.rmdir()
        raise
    sha = sha256_file(dst)
    manifest.update(state="quarantined", sha256=sha, method=method)
    write_private(slot / MANIFEST, json.dumps(manifest).encode())
    return QuarantineRecord(_printable(str(src)), str(dst), sha, size, method, raw)


def quarantine(path: str | os.PathLike[str], config: Any) -> Path:
    """Move `path` into the quarantine and return the quarantined copy's path."""
    return Path(quarantine_record(path, config).stored)


def quarantine_verdict(store: Any, verdict_id: int, path: str | os.PathLike[str], config: Any):
    """Quarantine `path` and record a `quarantine` event for `verdict_id` in the log."""
    rec = quarantine_record(path, config)
    store.add_event(verdict_id, "quarantine", rec.to_dict(), actor="shareguard")
    return rec


def tidy(config: Any) -> int:
    """After a crash: drop half-written manifests and copies, and empty slots. Returns how many
    slots were removed. Safe: a `.partial` copy exists only while the original is still in place
    (the original is removed after the verified copy is renamed into place)."""
    root = Path(config.quarantine_path)
    if not root.is_dir():
        return 0
    removed = 0
    for slot in root.iterdir():
        if not slot.is_dir() or slot.is_symlink():
            continue
        for f in slot.iterdir():
            if f.name.endswith(_PARTIAL):
                with contextlib.suppress(OSError):
                    f.unlink()
        kept = [f for f in slot.iterdir() if f.name != MANIFEST]
        if not kept:
            with contextlib.suppress(OSError):
                (slot / MANIFEST).unlink(missing_ok=True)
                slot.rmdir()
                removed += 1
    return removed


def find_quarantined(config: Any, original: str, sha256: str | None) -> QuarantineRecord | None:
    """The quarantined copy of `original` (with that content), from the slots' manifests; used
    to record a quarantine that a crash interrupted before it reached the log."""
    for slot, m in _manifests(Path(config.quarantine_path)):
        if m.get("from") != _printable(original):
            continue
        stored = slot / str(m.get("name", ""))
        if not stored.is_file():
            continue
        digest = sha256_file(stored)
        if sha256 is not None and digest != sha256:
            continue
        if m.get("state") != "quarantined":
            m.update(state="quarantined", sha256=digest, method=m.get("method", "unknown"))
            write_private(slot / MANIFEST, json.dumps(m).encode())
        return QuarantineRecord(
            _printable(original),
            str(stored),
            digest,
            stored.stat().st_size,
            str(m.get("method", "unknown")),
            m.get("from_b64"),
        )
    return None


def free_name(target: Path) -> Path:
    """`target`, or `name (restored N).ext` if something already lives there."""
    if not os.path.lexists(target):
        return target
    stem, suffix = target.stem, target.suffix
    n = 1
    while True:
        label = "（已恢复）" if n == 1 else f"（已恢复 {n}）"
        cand = target.with_name(f"{stem}{label}{suffix}")
        if not os.path.lexists(cand):
            return cand
        n += 1


def _current_quarantine(store: Any, verdict_id: int) -> dict[str, Any] | None:
    """The quarantine event of `verdict_id` not yet followed by a restore, if any."""
    current: dict[str, Any] | None = None
    for ev in store.events(verdict_id):
        if ev.kind == "quarantine":
            current = ev.data
        elif ev.kind == "restore" and current is not None:
            current = None
    return current


def restore(store: Any, verdict_id: int, config: Any) -> Path:
    """Put the quarantined file of `verdict_id` back where it came from.

    If a file now lives at the original path, the restored one gets a free name beside it; nothing
    is overwritten. Records a `restore` event. Returns the path the file was restored to.
    """
    rec = _current_quarantine(store, verdict_id)
    if rec is None:
        raise QuarantineError(f"verdict {verdict_id} has no file in quarantine")
    if rec.get("slot"):
        root = Path(config.quarantine_path)
        slot = str(rec["slot"])
        if "*" in slot:  # masked in the log (slots named before slot_name): find it by content
            slot = _slot_holding(root, rec) or slot
        rec = _from_manifest(root, slot, rec)
    stored = Path(rec["to"])
    qroot = Path(config.quarantine_path).resolve()
    if not stored.resolve().is_relative_to(qroot):
        raise QuarantineError(f"{stored} is outside the quarantine folder")
    if not stored.is_file():
        raise QuarantineError(f"quarantined file is missing: {stored}")
    if rec.get("sha256") and sha256_file(stored) != rec["sha256"]:
        raise QuarantineError(f"quarantined file was altered: {stored}")
    original = _original_of(rec)
    original.parent.mkdir(parents=True, exist_ok=True)
    target = free_name(original)
    method = _move(stored, target, private=False)
    with contextlib.suppress(OSError):
        os.chmod(target, 0o644 & ~_umask())
    slot = stored.parent
    with contextlib.suppress(OSError):
        (slot / MANIFEST).unlink()
        slot.rmdir()
    store.add_event(
        verdict_id,
        "restore",
        {
            "from": str(stored),
            "to": _printable(str(target)),
            "sha256": rec.get("sha256"),
            "method": method,
        },
    )
    return target


def _slot_holding(root: Path, rec: dict[str, Any]) -> str | None:
    """The slot whose manifest names the logged file: same original (as the log masks it) and
    same content (sha256)."""
    from agent.redact import scrub

    if not rec.get("sha256"):
        return None
    for slot, m in _manifests(root):
        if m.get("sha256") == rec["sha256"] and scrub(str(m.get("from"))) == rec.get("from"):
            return slot.name
    return None


def _manifests(root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(slot, manifest) of every slot with a readable manifest, newest first."""
    if not root.is_dir():
        return
    for slot in sorted(root.iterdir(), reverse=True):
        try:
            yield slot, json.loads((slot / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue


def _from_manifest(root: Path, slot: str, rec: dict[str, Any]) -> dict[str, Any]:
    """The exact paths of a quarantine event, from its slot's manifest (the log holds them
    masked)."""
    if "/" in slot or "\\" in slot or slot in ("", ".", ".."):
        raise QuarantineError(f"bad quarantine slot {slot!r}")
    try:
        m = json.loads((root / slot / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise QuarantineError(f"quarantine manifest unreadable: {e}") from e
    out = {**rec, "to": str(root / slot / str(m.get("name", ""))), "from": m.get("from")}
    out.pop("from_b64", None)
    if m.get("from_b64"):
        out["from_b64"] = m["from_b64"]
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
