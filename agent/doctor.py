"""`shareguard doctor`: check the environment the agent needs and say how to fix what is missing.

Each check returns a `Check` with a status (`ok`, `warn`, `fail`, `skip`), whether it is essential,
a translated explanation and, when something is wrong, the command that fixes it. Only a failed
*essential* check makes `doctor` exit non-zero; a missing notification service is a warning
(the agent keeps working and logs with alerts off).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.config import Config, default_config_path, load_config
from agent.errors import ConfigError
from agent.i18n import t

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"
SAMPLE_IMAGE = Path(__file__).resolve().parent / "data" / "doctor-sample.png"
SAMPLE_TEXT = "交办单第010号"  # what OCR of SAMPLE_IMAGE must give, whitespace removed
SERVICE_NAME = "shareguard.service"
AUTOSTART_NAME = "shareguard.desktop"
HEARTBEAT_STALE_S = 180.0  # a heartbeat older than this means the agent is not running


@dataclass(frozen=True)
class Check:
    id: str
    status: str
    essential: bool
    detail: str
    fix: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == FAIL and self.essential


@dataclass(frozen=True)
class Report:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return not any(c.failed for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [asdict(c) for c in self.checks]}


# -- fix commands per platform ----------------------------------------------------------------


def package_manager() -> str | None:
    """The system package manager the fix commands should name (apt-get, dnf, yum), if any."""
    for pm in ("apt-get", "dnf", "yum"):
        if shutil.which(pm):
            return pm
    return None


def _sudo() -> str:
    return "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "


def install_command(what: str) -> str:
    """The command that installs `what` ('tesseract' or 'chi_sim') on this machine."""
    if sys.platform == "win32":
        return "winget install UB-Mannheim.TesseractOCR  # " + t("doctor.fix.win_chi_sim")
    if sys.platform == "darwin":
        return "brew install tesseract tesseract-lang"
    pm = package_manager()
    pkgs = {
        "apt-get": {
            "tesseract": "tesseract-ocr tesseract-ocr-chi-sim",
            "chi_sim": "tesseract-ocr-chi-sim",
        },
        "dnf": {
            "tesseract": "tesseract tesseract-langpack-chi_sim",
            "chi_sim": "tesseract-langpack-chi_sim",
        },
        "yum": {
            "tesseract": "tesseract tesseract-langpack-chi_sim",
            "chi_sim": "tesseract-langpack-chi_sim",
        },
    }
    if pm is None:
        return t("doctor.fix.no_pm")
    return f"{_sudo()}{pm} install -y {pkgs[pm][what]}"


# -- individual checks ------------------------------------------------------------------------


def _ocr_needs_tesseract(config: Config) -> bool:
    return config.ocr.engine in ("auto", "tesseract")


def check_config(config_path: str | None) -> tuple[Check, Config]:
    try:
        config = load_config(config_path)
    except ConfigError as e:
        return (
            Check(
                "config",
                FAIL,
                True,
                t("doctor.config.bad", error=str(e)),
                t("doctor.fix.config", path=e.path or config_path or default_config_path()),
            ),
            Config(),
        )
    if config.source:
        return Check("config", OK, True, t("doctor.config.ok", path=config.source)), config
    return Check(
        "config", OK, True, t("doctor.config.defaults", path=default_config_path())
    ), config


def tesseract_version() -> str | None:
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0].removeprefix("tesseract").strip() if first else ""


def tesseract_languages() -> set[str]:
    exe = shutil.which("tesseract")
    if not exe:
        return set()
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    lines = (out.stdout + out.stderr).splitlines()
    return {ln.strip() for ln in lines if ln.strip() and " " not in ln.strip()}


def check_tesseract(config: Config) -> Check:
    essential = _ocr_needs_tesseract(config)
    version = tesseract_version()
    if version is None:
        return Check(
            "tesseract",
            FAIL if essential else WARN,
            essential,
            t("doctor.tesseract.missing"),
            install_command("tesseract"),
        )
    return Check("tesseract", OK, essential, t("doctor.tesseract.ok", version=version or "?"))


def check_language(config: Config) -> Check:
    essential = _ocr_needs_tesseract(config)
    lang = config.ocr.language
    if shutil.which("tesseract") is None:
        return Check("chi_sim", SKIP, essential, t("doctor.skip.no_tesseract"))
    langs = tesseract_languages()
    missing = [x for x in lang.split("+") if x not in langs]
    if missing:
        return Check(
            "chi_sim",
            FAIL if essential else WARN,
            essential,
            t("doctor.lang.missing", data="+".join(missing)),
            install_command("chi_sim"),
        )
    return Check("chi_sim", OK, essential, t("doctor.lang.ok", data=lang))


def _normalise(text: str) -> str:
    return "".join(text.split())


def check_ocr_sample(config: Config) -> Check:
    """OCR the shipped sample image with tesseract and compare with the text it shows."""
    essential = _ocr_needs_tesseract(config)
    if shutil.which("tesseract") is None:
        return Check("ocr_sample", SKIP, essential, t("doctor.skip.no_tesseract"))
    try:
        import pytesseract
        from PIL import Image

        with Image.open(SAMPLE_IMAGE) as img:
            got = pytesseract.image_to_string(img, lang=config.ocr.language, timeout=60)
    except Exception as e:  # any failure here is what the person needs to see
        return Check(
            "ocr_sample",
            FAIL if essential else WARN,
            essential,
            t("doctor.ocr.error", error=f"{type(e).__name__}: {e}"),
            install_command("chi_sim"),
        )
    if SAMPLE_TEXT in _normalise(got):
        return Check("ocr_sample", OK, essential, t("doctor.ocr.ok", text=got.strip()))
    return Check(
        "ocr_sample",
        FAIL if essential else WARN,
        essential,
        t("doctor.ocr.wrong", expected=SAMPLE_TEXT, got=_normalise(got) or "∅"),
        install_command("chi_sim"),
    )


def check_rapidocr(config: Config) -> Check:
    essential = config.ocr.engine in ("rapidocr", "rapidocr-onnxruntime")
    if config.ocr.engine in ("tesseract", "none"):
        return Check("rapidocr", SKIP, False, t("doctor.rapidocr.unused", engine=config.ocr.engine))
    try:
        if config.ocr.engine == "rapidocr-onnxruntime":
            import rapidocr_onnxruntime  # noqa: F401
        else:
            import rapidocr  # noqa: F401
    except Exception as e:
        package = (
            "rapidocr-onnxruntime>=1.3.24"
            if config.ocr.engine == "rapidocr-onnxruntime"
            else "rapidocr>=3.10,<4"
        )
        return Check(
            "rapidocr",
            FAIL if essential else WARN,
            essential,
            t("doctor.rapidocr.missing", error=f"{type(e).__name__}: {e}"),
            f"{sys.executable} -m pip install '{package}'",
        )
    return Check("rapidocr", OK, essential, t("doctor.rapidocr.ok"))


# (check id, import name, pip requirement, files it reads, what it uses)
_READERS = (
    ("reader_office", "olefile", "olefile>=0.46", ".doc .wps .ppt .dps", "olefile"),
    ("reader_7z", "py7zr", "py7zr>=1.0", ".7z", "py7zr"),
    ("reader_rar", "rarfile", "rarfile>=4.1", ".rar", "rarfile"),
    ("reader_heic", "pillow_heif", "pillow-heif>=0.16", ".heic .heif", "pillow-heif"),
)


def rar_tool_install_command() -> str:
    if sys.platform == "darwin":
        return "brew install unar"
    if sys.platform == "win32":
        return "Windows 10+: tar.exe (bsdtar) " + t("doctor.fix.rar_windows")
    pm = package_manager()
    return f"{_sudo()}{pm} install -y unar" if pm else t("doctor.fix.rar_tool")


def check_readers(config: Config) -> list[Check]:
    """The optional file readers (pip packages, plus the RAR decompressor tool). None is
    essential: without one, those files are logged as unreadable and everything else works."""
    import importlib

    checks = []
    for cid, module, requirement, files, what in _READERS:
        try:
            importlib.import_module(module)
        except Exception:
            checks.append(
                Check(
                    cid,
                    WARN,
                    False,
                    t("doctor.reader.missing", package=what, files=files),
                    f"{sys.executable} -m pip install '{requirement}'",
                )
            )
            continue
        if cid != "reader_rar":
            checks.append(Check(cid, OK, False, t("doctor.reader.ok", what=what)))
            continue
        from agent.extract.archive import rar_backend

        tool = rar_backend()
        if tool is None:
            checks.append(
                Check(cid, WARN, False, t("doctor.reader.rar_no_tool"), rar_tool_install_command())
            )
        else:
            checks.append(Check(cid, OK, False, t("doctor.reader.rar_ok", tool=tool)))
    return checks


def session_bus_address() -> str | None:
    """The session bus: $DBUS_SESSION_BUS_ADDRESS, else the systemd-style $XDG_RUNTIME_DIR/bus."""
    env = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if env:
        return env
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    bus = Path(runtime) / "bus"
    return f"unix:path={bus}" if bus.exists() else None


async def _notification_server(address: str, timeout: float) -> tuple[str, str]:
    """('owned', server name) / ('activatable', '') / ('absent', '') on the session bus."""
    from dbus_fast import Message, MessageType
    from dbus_fast.aio import MessageBus

    bus = await asyncio.wait_for(MessageBus(bus_address=address).connect(), timeout)
    try:

        async def call(dest: str, path: str, iface: str, member: str, sig: str = "", body=()):
            reply = await asyncio.wait_for(
                bus.call(
                    Message(
                        destination=dest,
                        path=path,
                        interface=iface,
                        member=member,
                        signature=sig,
                        body=list(body),
                    )
                ),
                timeout,
            )
            if reply is None or reply.message_type == MessageType.ERROR:
                raise RuntimeError(reply.error_name if reply else "no reply")
            return reply.body

        dbus = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
        name = "org.freedesktop.Notifications"
        (owned,) = await call(*dbus, "NameHasOwner", "s", [name])
        if not owned:
            (activatable,) = await call(*dbus, "ListActivatableNames")
            if name not in activatable:
                return "absent", ""
        # Asking for the server's name starts an activatable one, which proves it can run.
        try:
            info = await call(name, "/org/freedesktop/Notifications", name, "GetServerInformation")
        except Exception as e:
            if owned:
                raise
            return "unstartable", f"{type(e).__name__}: {e}".strip(": ")
        return ("owned" if owned else "activatable"), f"{info[0]} {info[2]}".strip()
    finally:
        bus.disconnect()


def check_notifications(config: Config, timeout: float = 3.0) -> Check:
    if not config.alert.enabled:
        return Check("notifications", SKIP, False, t("doctor.notify.disabled"))
    if sys.platform != "linux":
        return Check("notifications", SKIP, False, t("doctor.notify.platform"))
    address = session_bus_address()
    if address is None:
        return Check(
            "notifications", WARN, False, t("doctor.notify.no_bus"), t("doctor.fix.notify")
        )
    try:
        state, server = asyncio.run(_notification_server(address, timeout))
    except Exception as e:
        return Check(
            "notifications",
            WARN,
            False,
            t("doctor.notify.error", error=f"{type(e).__name__}: {e}".strip(": ")),
            t("doctor.fix.notify"),
        )
    if state == "owned":
        return Check("notifications", OK, False, t("doctor.notify.ok", server=server))
    if state == "activatable":
        return Check("notifications", OK, False, t("doctor.notify.activatable", server=server))
    if state == "unstartable":
        return Check(
            "notifications",
            WARN,
            False,
            t("doctor.notify.unstartable", error=server),
            t("doctor.fix.notify"),
        )
    return Check("notifications", WARN, False, t("doctor.notify.absent"), t("doctor.fix.notify"))


def watched_folders(config: Config) -> list[Path]:
    """The folders the agent would watch: configured ones plus the platform defaults."""
    folders = [Path(os.path.expandvars(p)).expanduser() for p in config.watch]
    if config.watch_options.use_defaults:
        try:
            from agent.locations import default_folders
        except ImportError:
            return folders
        for f in map(Path, default_folders()):
            if f not in folders:
                folders.append(f)
    return folders


def check_folders(config: Config) -> list[Check]:
    checks: list[Check] = []
    configured = {str(Path(os.path.expandvars(p)).expanduser()) for p in config.watch}
    folders = watched_folders(config)
    for folder in folders:
        explicit = str(folder) in configured
        if not folder.is_dir():
            checks.append(
                Check(
                    "folder",
                    WARN,
                    False,
                    t("doctor.folder.missing", path=folder),
                    f"mkdir -p '{folder}'" if explicit else None,
                )
            )
        elif not os.access(folder, os.R_OK | os.X_OK):
            checks.append(
                Check(
                    "folder",
                    FAIL,
                    True,
                    t("doctor.folder.unreadable", path=folder),
                    f"chmod u+rx '{folder}'",
                )
            )
        else:
            checks.append(Check("folder", OK, False, t("doctor.folder.ok", path=folder)))
    if not any(c.status == OK for c in checks):
        # Not essential: the agent runs and picks up removable drives; there is just nothing to
        # watch yet (a fresh account without Desktop/Downloads).
        checks.append(
            Check(
                "folder",
                WARN,
                False,
                t("doctor.folder.none"),
                t("doctor.fix.folders", path=config.source or default_config_path()),
            )
        )
    return checks


def _mode_ok(path: Path, want: int) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0 and (
        stat.S_IMODE(path.stat().st_mode) & want == want
    )


def check_permissions(config: Config) -> Check:
    """The data dir and everything private in it must be readable by the owner only."""
    data = config.data_path
    if not data.exists():
        return Check("permissions", OK, True, t("doctor.perm.not_yet", path=data))
    if sys.platform == "win32":
        return Check("permissions", SKIP, True, t("doctor.perm.windows", path=data))
    bad: list[str] = []
    dirs = [data, config.quarantine_path, config.thumbnails_path]
    files = [config.key_path]
    for base in (config.log_path, config.queue_path):
        files += [Path(str(base) + s) for s in ("", "-wal", "-shm")]
    for d in dirs:
        if d.exists():
            if not _mode_ok(d, 0o700):
                bad.append(f"{d} ({oct(stat.S_IMODE(d.stat().st_mode))})")
            for child in d.iterdir() if d != data else ():
                if stat.S_IMODE(child.lstat().st_mode) & 0o077:
                    bad.append(f"{child} ({oct(stat.S_IMODE(child.lstat().st_mode))})")
    for f in files:
        if f.exists() and stat.S_IMODE(f.stat().st_mode) & 0o077:
            bad.append(f"{f} ({oct(stat.S_IMODE(f.stat().st_mode))})")
    if not os.access(data, os.W_OK):
        bad.append(t("doctor.perm.not_writable", path=data))
    if bad:
        return Check(
            "permissions",
            FAIL,
            True,
            t("doctor.perm.bad", items="; ".join(bad)),
            f"chmod -R go-rwx '{data}'",
        )
    return Check("permissions", OK, True, t("doctor.perm.ok", path=data))


def check_policy(config: Config) -> Check:
    try:
        from policies import load_policy

        load_policy(config.policy_files())
    except ConfigError as e:
        target = e.path or (config.policy[0] if config.policy else "")
        return Check(
            "policy",
            FAIL,
            True,
            t("doctor.policy.bad", error=str(e)),
            f"shareguard policy check {target}".strip(),
        )
    except Exception as e:
        return Check(
            "policy", FAIL, True, t("doctor.policy.bad", error=f"{type(e).__name__}: {e}"), None
        )
    extra = ", ".join(config.policy) if config.policy else t("doctor.policy.builtin")
    return Check("policy", OK, True, t("doctor.policy.ok", files=extra))


# -- service ----------------------------------------------------------------------------------


def _xdg(var: str, default: str) -> Path:
    return Path(os.environ.get(var) or Path.home() / default)


def systemd_unit_path() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "systemd" / "user" / SERVICE_NAME


def autostart_path() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "autostart" / AUTOSTART_NAME


def user_systemd_running() -> bool:
    """True when a systemd user manager answers (not the case in containers or over plain ssh)."""
    if not shutil.which("systemctl"):
        return False
    try:
        r = subprocess.run(
            ["systemctl", "--user", "is-system-running"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return r.stdout.strip() in ("running", "degraded", "starting", "initializing")


def read_state(config: Config) -> dict[str, Any] | None:
    try:
        return json.loads(config.state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _timestamp(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()
    return None


def _pid_alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        import psutil

        return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except Exception:
        return False


def agent_alive(config: Config, now: float | None = None) -> tuple[bool, str]:
    """(running, detail) from the agent's state file: its pid lives and its heartbeat is fresh."""
    state = read_state(config)
    if not state:
        return False, t("doctor.service.no_state", path=config.state_path)
    pid = state.get("pid")
    beat = None
    for key in ("heartbeat", "heartbeat_at", "updated", "time"):
        beat = _timestamp(state.get(key))
        if beat is not None:
            break
    if beat is None:
        with contextlib.suppress(OSError):
            beat = config.state_path.stat().st_mtime
    age = (now or time.time()) - (beat or 0)
    if state.get("stopped") or state.get("running") is False:
        return False, t("doctor.service.stopped", pid=pid)
    if not _pid_alive(pid):
        return False, t("doctor.service.dead", pid=pid)
    if age > HEARTBEAT_STALE_S:
        return False, t("doctor.service.stale", pid=pid, age=int(age))
    return True, t("doctor.service.alive", pid=pid, age=int(max(age, 0)))


def check_service(config: Config) -> Check:
    running, detail = agent_alive(config)
    if sys.platform == "linux":
        unit, autostart = systemd_unit_path(), autostart_path()
        if unit.exists():
            how = t("doctor.service.systemd", path=unit)
            fix = "systemctl --user restart shareguard"
        elif autostart.exists():
            how = t("doctor.service.autostart", path=autostart)
            fix = "nohup shareguard run >/dev/null 2>&1 &"
        else:
            if running:
                return Check(
                    "service",
                    WARN,
                    False,
                    t("doctor.service.unregistered_running", detail=detail),
                    "shareguard install",
                )
            return Check(
                "service", FAIL, True, t("doctor.service.unregistered"), "shareguard install"
            )
    else:
        how, fix = t("doctor.service.other"), "shareguard run"
    if running:
        return Check("service", OK, True, t("doctor.service.join", how=how, detail=detail))
    return Check("service", FAIL, True, t("doctor.service.join", how=how, detail=detail), fix)


# -- the whole report -------------------------------------------------------------------------


def run_checks(config_path: str | None = None, *, skip: Iterable[str] = ()) -> Report:
    """Run every check (except those in `skip`) and return the report."""
    skip = set(skip)
    checks: list[Check] = []
    config_check, config = check_config(config_path)
    checks.append(config_check)
    steps: list[tuple[str, Callable[[Config], Check | list[Check]]]] = [
        ("tesseract", check_tesseract),
        ("chi_sim", check_language),
        ("ocr_sample", check_ocr_sample),
        ("rapidocr", check_rapidocr),
        ("readers", check_readers),
        ("notifications", check_notifications),
        ("folder", check_folders),
        ("permissions", check_permissions),
        ("service", check_service),
        ("policy", check_policy),
    ]
    for cid, fn in steps:
        if cid in skip:
            continue
        result = fn(config)
        checks.extend(result if isinstance(result, list) else [result])
    return Report(tuple(checks))


_MARK = {OK: "✔", WARN: "!", FAIL: "✘", SKIP: "-"}


def render_text(report: Report) -> str:
    lines = [t("doctor.title")]
    for c in report.checks:
        label = t(f"doctor.label.{c.id}")
        lines.append("  " + t("doctor.line", mark=_MARK[c.status], label=label, detail=c.detail))
        if c.fix and c.status in (WARN, FAIL):
            lines.append("      " + t("doctor.fix", fix=c.fix))
    failed = [c for c in report.checks if c.failed]
    warned = [
        c for c in report.checks if c.status == WARN or (c.status == FAIL and not c.essential)
    ]
    if failed:
        lines.append(t("doctor.summary.fail", n=len(failed)))
    elif warned:
        lines.append(t("doctor.summary.warn", n=len(warned)))
    else:
        lines.append(t("doctor.summary.ok"))
    return "\n".join(lines)
