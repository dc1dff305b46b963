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


def removable_roots(config: object = None) -> tuple[str, ...]:
    """Where desktops mount removable drives: `[watch_options] removable_roots` in the config,
    else SHAREGUARD_REMOVABLE_ROOTS (os.pathsep-separated; older installs and tests), else
    /media and /run/media."""
    roots = getattr(getattr(config, "watch_options", None), "removable_roots", ())
    if roots:
        return tuple(os.path.realpath(os.path.expanduser(r)) for r in roots)
    env = os.environ.get("SHAREGUARD_REMOVABLE_ROOTS")
    if env:
        return tuple(os.path.realpath(r) for r in env.split(os.pathsep) if r)
    return REMOVABLE_ROOTS


def poll_folders(config: object = None) -> set[str]:
    """Folders to poll even if they do not look like network mounts: `[watch_options]
    poll_folders`, plus SHAREGUARD_POLL_FOLDERS (older installs and tests)."""
    named = list(getattr(getattr(config, "watch_options", None), "poll_folders", ()) or ())
    named += [p for p in os.environ.get("SHAREGUARD_POLL_FOLDERS", "").split(os.pathsep) if p]
    return {os.path.realpath(os.path.expanduser(p)) for p in named}


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


def removable_mounts(table: Iterable[Mount] | None = None, config: object = None) -> list[str]:
    """Mount points of removable drives (Linux: under /media, /run/media; Windows: drive
    letters of removable drives)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_removable()
    out: list[str] = []
    roots = removable_roots(config)
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
    (and folders named in `[watch_options] poll_folders`, for mounts this cannot recognise)."""
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
            entries += [(p, "removable") for p in removable_mounts(config=config)]
    table = mounts()
    forced = poll_folders(config)
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


# -- folder roles -------------------------------------------------------------------------------
# Where a flagged file sits decides what the person is told. Outgoing: the file is on its way out
# (a chat app's file folder, a removable drive, a network share, a folder the organisation names).
# Staging: where documents live while people work on them (Desktop, Downloads, Documents); a
# flagged file there is logged and counted for the daily digest. The most specific folder wins, so
# the WeChat folder inside Documents is outgoing.
OUTGOING = "outgoing"
STAGING = "staging"

# chat apps' file folders, relative to the home folder ("*" matches one path component)
CHAT_APP_PATTERNS = (
    "{docs}/WeChat Files/*/FileStorage",
    "{docs}/xwechat_files",
    "{docs}/Tencent Files",
    "{docs}/DingTalk",
    "{docs}/WXWork",
    "WeChat Files/*/FileStorage",
    "xwechat_files",
    "Tencent Files",
    "WXWork",
    ".local/share/DingTalk",
    ".xwechat",
    "Library/Containers/com.tencent.xinWeChat",
    "Library/Containers/com.tencent.qq",
    "Library/Containers/com.alibaba.DingTalkMac",
    "Library/Containers/com.tencent.WeWorkMac",
    "AppData/Roaming/Tencent/Users",
    "AppData/Roaming/DingTalk",
)
_DOCS_NAMES = ("Documents", "文档", "My Documents")


@dataclass(frozen=True)
class FolderRole:
    role: str  # outgoing | staging
    reason: str  # chat_app | removable | network | config | staging_default | unclassified
    folder: str  # the folder (or pattern) that decided it


def _norm(path: str) -> str:
    return os.path.normcase(os.path.abspath(os.path.expanduser(os.path.expandvars(path))))


def _parts(path: str) -> tuple[str, ...]:
    return Path(path).parts


def _match_depth(path_parts: tuple[str, ...], pattern: str) -> int:
    """Depth of the folder `pattern` (a path or glob, "*" within one component) if `path` lies
    in it, else 0."""
    import fnmatch

    pat = _parts(_norm(pattern))
    if len(pat) > len(path_parts):
        return 0
    for p, q in zip(path_parts, pat, strict=False):
        if p != q and not fnmatch.fnmatchcase(p, q):
            return 0
    return len(pat)


def _staging_defaults(home: Path) -> list[str]:
    out = [str(home / n) for n in ("Desktop", "Downloads", "Documents", "桌面", "下载", "文档")]
    if home == Path.home():
        for name, fb in (
            ("DESKTOP", "Desktop"),
            ("DOWNLOAD", "Downloads"),
            ("DOCUMENTS", "Documents"),
        ):
            out.append(str(_xdg_dir(name, fb)))
    return out


def _chat_app_folders(home: Path) -> list[str]:
    out: list[str] = []
    for pat in CHAT_APP_PATTERNS:
        if "{docs}" in pat:
            out += [str(home / pat.format(docs=d)) for d in _DOCS_NAMES]
        else:
            out.append(str(home / pat))
    return out


def folder_role(
    path: str | os.PathLike[str],
    config: object = None,
    *,
    home: Path | None = None,
    table: Iterable[Mount] | None = None,
) -> FolderRole:
    """The role of the folder holding `path`: the deepest matching rule wins; at equal depth the
    organisation's `[folders]` rule beats the built-in one. A path no rule covers (a folder named
    in `watch`, a file given to `check`) is outgoing: it is being looked at because it may leave.
    """
    home = home or Path.home()
    p = _parts(_norm(os.fspath(path)))
    best: tuple[int, int, FolderRole] | None = None

    def consider(pattern: str, role: str, reason: str, priority: int) -> None:
        nonlocal best
        depth = _match_depth(p, pattern)
        if depth and (best is None or (depth, priority) > best[:2]):
            best = (depth, priority, FolderRole(role, reason, pattern))

    for pattern in _staging_defaults(home):
        consider(pattern, STAGING, "staging_default", 0)
    for pattern in _chat_app_folders(home):
        consider(pattern, OUTGOING, "chat_app", 0)
    mount_table = list(table) if table is not None else mounts()
    for mp in removable_mounts(mount_table, config):
        consider(mp, OUTGOING, "removable", 0)
    m = mount_of(os.fspath(path), mount_table)
    if m is not None and m.network:
        consider(m.point, OUTGOING, "network", 0)
    elif sys.platform == "win32" and is_network(os.fspath(path)):  # pragma: no cover
        return FolderRole(OUTGOING, "network", os.path.splitdrive(os.fspath(path))[0])
    for pattern, role in getattr(config, "folders", ()) or ():
        consider(pattern, role, "config", 1)
    if best is None:
        return FolderRole(OUTGOING, "unclassified", "")
    return best[2]
