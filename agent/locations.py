"""Where files leave from: the platform's default outgoing folders, removable drives and network
mounts (which deliver no native change events for other machines' writes, so they are polled).
"""

from __future__ import annotations

import glob
import os
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

NETWORK_FS = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "ncpfs",
        "afs",
        "9p",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.gvfsd-fuse",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
    }
)
REMOVABLE_ROOTS = ("/media", "/run/media")


def removable_roots() -> tuple[str, ...]:
    """Where desktops mount removable drives; SHAREGUARD_REMOVABLE_ROOTS (os.pathsep-separated)
    overrides it, e.g. for tests that mount a real filesystem elsewhere."""
    env = os.environ.get("SHAREGUARD_REMOVABLE_ROOTS")
    if env:
        return tuple(os.path.realpath(r) for r in env.split(os.pathsep) if r)
    return REMOVABLE_ROOTS


@dataclass(frozen=True)
class Mount:
    point: str
    fstype: str
    source: str

    @property
    def network(self) -> bool:
        return self.fstype in NETWORK_FS or self.fstype.startswith(("nfs", "cifs", "smb"))


@dataclass(frozen=True)
class WatchFolder:
    path: str
    polled: bool = False  # network mount: watched by polling
    removable: bool = False
    reason: str = "config"  # config | default | removable


def _unescape(field: str) -> str:
    """mountinfo escapes space, tab, newline and backslash as octal."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 4 <= len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[Mount]:
    mounts: list[Mount] = []
    for line in text.splitlines():
        parts = line.split(" - ", 1)
        if len(parts) != 2:
            continue
        left, right = parts[0].split(), parts[1].split()
        if len(left) < 5 or len(right) < 2:
            continue
        mounts.append(Mount(_unescape(left[4]), right[0], _unescape(right[1])))
    return mounts


def mounts() -> list[Mount]:
    """Mounted filesystems (Linux: /proc/self/mountinfo; elsewhere: psutil)."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            return parse_mountinfo(f.read())
    except OSError:
        pass
    try:
        import psutil

        return [
            Mount(p.mountpoint, p.fstype.lower(), p.device) for p in psutil.disk_partitions(True)
        ]
    except Exception:
        return []


def mount_of(path: str | os.PathLike[str], table: Iterable[Mount] | None = None) -> Mount | None:
    """The mount that holds `path` (longest mount-point prefix)."""
    p = os.path.realpath(path)
    best: Mount | None = None
    for m in table if table is not None else mounts():
        mp = m.point.rstrip("/") or "/"
        if (p == mp or p.startswith(mp + "/") or mp == "/") and (
            best is None or len(mp) > len(best.point.rstrip("/") or "/")
        ):
            best = m
    return best


def is_network(path: str | os.PathLike[str], table: Iterable[Mount] | None = None) -> bool:
    if sys.platform == "win32":
        return _windows_is_network(str(path))
    m = mount_of(path, table)
    return bool(m and m.network)


def _windows_is_network(path: str) -> bool:  # pragma: no cover - Windows only
    if path.startswith(("\\\\", "//")):
        return True
    try:
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(path))[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    except Exception:
        return False


def removable_mounts(table: Iterable[Mount] | None = None) -> list[str]:
    """Mount points of removable drives (Linux: under /media, /run/media; Windows: drive
    letters of removable drives)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_removable()
    out: list[str] = []
    roots = removable_roots()
    for m in table if table is not None else mounts():
        mp = m.point
        if any(mp.startswith(root + "/") for root in roots) and os.path.isdir(mp):
            out.append(mp)
    return sorted(set(out))


def _windows_removable() -> list[str]:  # pragma: no cover - Windows only
    try:
        import ctypes

        out = []
        for letter in string.ascii_uppercase:
            root = f"{letter}:\\"
            if ctypes.windll.kernel32.GetDriveTypeW(root) == 2:  # DRIVE_REMOVABLE
                out.append(root)
        return out
    except Exception:
        return []


def _xdg_dir(name: str, fallback: str) -> Path:
    """XDG user dir (Desktop, Downloads, Documents may be localised, e.g. 桌面, 下载, 文档)."""
    home = Path.home()
    conf = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "user-dirs.dirs"
    try:
        for line in conf.read_text(encoding="utf-8").splitlines():
            if line.startswith(f"XDG_{name}_DIR="):
                value = line.split("=", 1)[1].strip().strip('"')
                return Path(value.replace("$HOME", str(home)))
    except OSError:
        pass
    return home / fallback


def default_folders(home: Path | None = None) -> list[str]:
    """Outgoing folders that exist on this machine: desktop, downloads, documents, and the file
    folders of WeChat, QQ, DingTalk and WeCom."""
    home = home or Path.home()
    cands: list[Path] = []
    if home == Path.home():
        cands += [
            _xdg_dir("DESKTOP", "Desktop"),
            _xdg_dir("DOWNLOAD", "Downloads"),
            _xdg_dir("DOCUMENTS", "Documents"),
        ]
    cands += [home / n for n in ("Desktop", "Downloads", "Documents", "桌面", "下载", "文档")]
    docs = [home / "Documents", home / "文档", home / "My Documents"]
    patterns: list[str] = []
    for d in docs:
        patterns += [
            str(d / "WeChat Files" / "*" / "FileStorage"),
            str(d / "xwechat_files" / "*" / "msg" / "file"),
            str(d / "Tencent Files"),
            str(d / "DingTalk"),
            str(d / "WXWork"),
        ]
    patterns += [
        str(home / "Library/Containers/com.tencent.xinWeChat/Data/Library/Application Support"),
        str(home / "Library/Containers/com.tencent.qq/Data/Library/Application Support/QQ"),
        str(home / "AppData/Roaming/Tencent/Users"),
        str(home / "AppData/Roaming/DingTalk"),
        str(home / ".local/share/DingTalk"),
        str(home / "Tencent Files"),
        str(home / "WeChat Files" / "*" / "FileStorage"),
        str(home / "WXWork"),
    ]
    for pat in patterns:
        cands += [Path(p) for p in sorted(glob.glob(pat))]
    seen: set[str] = set()
    out: list[str] = []
    for c in cands:
        if not c.is_dir():
            continue
        real = os.path.realpath(c)
        if real in seen:
            continue
        seen.add(real)
        out.append(str(c))
    return out


def _nested(path: str, others: Iterable[str]) -> bool:
    rp = os.path.realpath(path)
    for o in others:
        ro = os.path.realpath(o)
        if ro != rp and rp.startswith(ro.rstrip("/") + "/"):
            return True
    return False


def watch_folders(config: object, *, include_removable: bool = True) -> list[WatchFolder]:
    """The folders the agent watches: configured ones plus (if enabled) the defaults and the
    removable drives now mounted; nested duplicates removed; network mounts marked for polling
    (and folders named in SHAREGUARD_POLL_FOLDERS, for mounts this cannot recognise)."""
    opts = getattr(config, "watch_options", None)
    use_defaults = getattr(opts, "use_defaults", True)
    entries: list[tuple[str, str]] = []
    for w in getattr(config, "watch", ()):
        p = os.path.expanduser(os.path.expandvars(w))
        if os.path.isdir(p):
            entries.append((os.path.abspath(p), "config"))
    if use_defaults:
        entries += [(p, "default") for p in default_folders()]
        if include_removable:
            entries += [(p, "removable") for p in removable_mounts()]
    table = mounts()
    forced = {
        os.path.realpath(p)
        for p in os.environ.get("SHAREGUARD_POLL_FOLDERS", "").split(os.pathsep)
        if p
    }
    paths = [p for p, _ in entries]
    out: list[WatchFolder] = []
    done: set[str] = set()
    for p, why in entries:
        rp = os.path.realpath(p)
        if rp in done or _nested(p, paths):
            continue
        done.add(rp)
        out.append(
            WatchFolder(
                p,
                polled=rp in forced or is_network(p, table),
                removable=why == "removable",
                reason=why,
            )
        )
    return out
