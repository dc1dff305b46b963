"""`shareguard install [ARGS...]`: run the platform's install script (a thin wrapper).

The scripts live in `installer/` of a checkout; install.sh copies them into the environment it
creates (`<venv>/share/shareguard/installer`), so the installed `shareguard` finds them there.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from agent import i18n
from agent.errors import ExitCode, ShareguardError
from agent.i18n import t


def installer_dirs() -> list[Path]:
    """Where the installer scripts may be, most specific first."""
    checkout = Path(__file__).resolve().parents[2] / "installer"
    shipped = Path(sys.prefix) / "share" / "shareguard" / "installer"
    return [shipped, checkout] if shipped.is_dir() else [checkout, shipped]


def find_script(name: str) -> Path:
    dirs = installer_dirs()
    for d in dirs:
        if (d / name).is_file():
            return d / name
    raise ShareguardError(t("install.not_found", name=name, where=", ".join(map(str, dirs))))


def add_location_options(parser: argparse.ArgumentParser) -> None:
    """Options install.sh and uninstall.sh share (passed through unchanged)."""
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--user", action="store_true", help=t("install.opt.user"))
    scope.add_argument("--system", action="store_true", help=t("install.opt.system"))
    parser.add_argument("--prefix", metavar="DIR", help=t("install.opt.prefix"))
    parser.add_argument("--bin-dir", metavar="DIR", help=t("install.opt.bin_dir"))


def script_args(args: argparse.Namespace, flags: tuple[str, ...]) -> list[str]:
    out = [f"--{name.replace('_', '-')}" for name in flags if getattr(args, name, False)]
    for name in ("prefix", "bin_dir", "offline", "python"):
        value = getattr(args, name, None)
        if value:
            out += [f"--{name.replace('_', '-')}", str(value)]
    return [*out, "--lang", i18n.language()]


def configure(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    parser.add_argument("--no-start", action="store_true", help=t("install.opt.no_start"))
    parser.add_argument("--offline", metavar="DIR", help=t("install.opt.offline"))
    parser.add_argument("--python", metavar="PY", help=t("install.opt.python"))
    parser.add_argument(
        "--no-system-packages", action="store_true", help=t("install.opt.no_system_packages")
    )


def run_script(name: str, args: list[str]) -> int:
    if sys.platform == "win32":
        ps1 = find_script(name.replace(".sh", ".ps1"))
        # PowerShell spells --no-start as -NoStart
        ps_args = [
            "-" + "".join(w.title() for w in a[2:].split("-")) if a.startswith("--") else a
            for a in args
        ]
        cmd = ["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass", "-File", str(ps1)]
        cmd += ps_args
    else:
        cmd = ["bash", str(find_script(name)), *args]
    print(t("install.running", cmd=" ".join(cmd)), file=sys.stderr)
    try:
        return subprocess.call(cmd)
    except OSError as e:
        raise ShareguardError(str(e)) from e


def run(args: argparse.Namespace) -> int:
    flags = ("user", "system", "no_start", "no_system_packages")
    rc = run_script("install.sh", script_args(args, flags))
    return ExitCode.CLEAN if rc == 0 else ExitCode.ERROR
