"""installer/install.sh and uninstall.sh, run for real into a throwaway HOME on this machine.

To stay fast and offline, the test builds the shareguard wheel from the checkout once and installs
with `--offline`; the Python dependencies are not re-downloaded: the environment the installer
finds (and, being idempotent, keeps) already sees the test venv's packages through a .pth file.
Everything else is the real thing: system-package checks, pip, the launcher, the config, the
XDG autostart fallback (this container runs no user systemd) or the systemd user unit, the agent
started by the installer, `shareguard doctor`, a dropped file scanned and logged, a second install
that changes nothing, and `shareguard uninstall` leaving only the kept data.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from tests.agent_helpers import log_rows, wait_for, write_config

ROOT = Path(__file__).resolve().parents[1]
INSTALL = ROOT / "installer" / "install.sh"
PY = f"python{sys.version_info.major}.{sys.version_info.minor}"
CLASSIFIED = "关于做好近期重点工作的通知\n秘密★1年\n各科室：\n请按要求落实。\n"


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shareguard wheel, built once per session from a copy of the checkout."""
    src = tmp_path_factory.mktemp("src")
    for name in ("agent", "detectors", "policies", "server"):  # the packages pyproject ships
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert list(out.glob("shareguard-*.whl"))
    return out


@pytest.fixture(scope="session")
def deps_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test venv's site-packages minus shareguard itself (a farm of symlinks)."""
    site = Path(sysconfig.get_paths()["purelib"])
    farm = tmp_path_factory.mktemp("deps")
    for entry in site.iterdir():
        n = entry.name
        if n.startswith(("shareguard", "__editable__")) or n.endswith(".pth"):
            continue
        (farm / n).symlink_to(entry)
    return farm


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root with its type, mode, size and mtime (pycache excluded)."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


def user_systemd_running() -> bool:
    r = (
        subprocess.run(
            ["systemctl", "--user", "is-system-running"],
            capture_output=True,
            text=True,
            check=False,
        )
        if shutil.which("systemctl")
        else None
    )
    return bool(r) and r.stdout.strip() in ("running", "degraded")


def kill_agents(venv: Path) -> None:
    """Stop agents this test's installer started (matched by this test's own venv path)."""
    r = subprocess.run(
        ["pgrep", "-f", f"{venv}/bin/shareguard run"], capture_output=True, text=True, check=False
    )
    for pid in map(int, r.stdout.split()):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_install_scan_reinstall_uninstall(tmp_path: Path, wheelhouse: Path, deps_dir: Path):
    home = tmp_path / "home"
    for d in (".config", ".local/share", ".local/state", "Outbox"):
        (home / d).mkdir(parents=True)
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(tmp_path / "runtime"),  # no session bus: alerts off, still works
    }
    outbox = home / "Outbox"
    data = home / ".local/share/shareguard"
    state_dir = home / ".local/state/shareguard"
    venv = data / "venv"
    config = home / ".config/shareguard/config.toml"
    config.parent.mkdir(mode=0o700)
    write_config(config, data_dir=data, watch=[outbox])
    # an environment that already sees the dependencies (see the module docstring)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (venv / "lib" / PY / "site-packages" / "deps.pth").write_text(f"{deps_dir}\n")
    before = snapshot(home)

    def install(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(INSTALL), "--user", "--offline", str(wheelhouse), *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    try:
        first = install()
        assert first.returncode == 0, first.stdout + first.stderr
        out = first.stdout
        # it says where the log is and how to open the review console
        assert str(data / "log.sqlite3") in out and "shareguard review" in out
        assert "运行环境检查" in out and "结论" in out  # doctor ran, in Chinese

        launcher = home / ".local/bin/shareguard"
        assert launcher.is_symlink() and os.readlink(launcher) == str(venv / "bin/shareguard")
        apps = home / ".local/share/applications"
        check_entry = apps / "shareguard-check.desktop"
        assert f"{venv}/bin/shareguard check %F" in check_entry.read_text()
        assert (apps / "shareguard-review.desktop").exists()
        # menu entries show shareguard's own icon, from the installed package
        icon = re.search(r"^Icon=(.+)$", check_entry.read_text(), re.M)
        assert icon and icon.group(1).endswith("agent/data/shareguard.png"), check_entry.read_text()
        assert Path(icon.group(1)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert config.read_text().startswith('mode = "warn"')  # existing config kept
        unit = home / ".config/systemd/user/shareguard.service"
        autostart = home / ".config/autostart/shareguard.desktop"
        if user_systemd_running():
            assert unit.exists() and not autostart.exists()
            verify = subprocess.run(
                ["systemd-analyze", "--user", "verify", str(unit)],
                capture_output=True,
                text=True,
                check=False,
            )
            assert verify.returncode == 0, verify.stderr
        else:
            assert autostart.exists() and not unit.exists()
            assert f"Exec={venv}/bin/shareguard-agent" in autostart.read_text()
        if shutil.which("desktop-file-validate"):
            for entry in [check_entry, apps / "shareguard-review.desktop"] + (
                [autostart] if autostart.exists() else []
            ):
                v = subprocess.run(
                    ["desktop-file-validate", str(entry)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                assert v.returncode == 0, v.stdout + v.stderr

        # the installer started the agent; doctor (in the installer output) saw it running
        assert "✔ 后台服务" in out, out
        doctor = subprocess.run(
            [str(launcher), "doctor"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert doctor.returncode == 0, doctor.stdout + doctor.stderr

        # the agent scans a file dropped into the watched folder
        (outbox / "通知.txt").write_text(CLASSIFIED, encoding="utf-8")
        rows = wait_for(lambda: [r for r in log_rows(data) if r["path"].endswith("通知.txt")], 60)
        assert rows[0]["verdict"] == "flagged"  # type: ignore[index]

        # a second install changes nothing (the agent's own data files aside)
        def installed_view() -> dict[str, tuple]:
            agent_files = (str(data.relative_to(home)), str(state_dir.relative_to(home)))
            venv_rel = str(venv.relative_to(home))
            return {
                k: v
                for k, v in snapshot(home).items()
                if k.startswith(venv_rel) or not k.startswith(agent_files)
            }

        snap1 = installed_view()
        second = install()
        assert second.returncode == 0, second.stdout + second.stderr
        assert "已是最新" in second.stdout
        assert installed_view() == snap1
        # so does `shareguard install` from the installed command (no checkout at hand: it
        # repairs the registration and keeps the installed package)
        again = subprocess.run(
            [str(launcher), "install"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode == 0, again.stdout + again.stderr
        assert "已是最新" in again.stdout
        assert installed_view() == snap1
        unit_or_entry = unit if unit.exists() else autostart
        unit_or_entry.unlink()  # a lost registration is put back
        repair = subprocess.run(
            [str(launcher), "install", "--no-start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert repair.returncode == 0, repair.stdout + repair.stderr
        assert unit_or_entry.exists()

        # uninstall through the installed command: stops the agent, keeps log and quarantine
        un = subprocess.run(
            [str(launcher), "uninstall"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert un.returncode == 0, un.stdout + un.stderr
        assert str(data) in un.stdout  # says where the kept data is
        time.sleep(0.2)
        assert (
            subprocess.run(
                ["pgrep", "-f", f"{venv}/bin/shareguard run"], capture_output=True, check=False
            ).returncode
            == 1
        )
        after = snapshot(home)
        new = sorted(set(after) - set(before))
        kept = (
            str(data.relative_to(home)),
            str(state_dir.relative_to(home)),
            "Outbox/通知.txt",  # the person's own file
        )
        traces = [p for p in new if not p.startswith(kept)]
        assert traces == [], traces
        assert not venv.exists() and not launcher.exists() and not check_entry.exists()
        assert not autostart.exists() and not unit.exists()
        assert (data / "log.sqlite3").exists()  # the log is kept
        assert config.exists()  # an edited config is kept
    finally:
        kill_agents(venv)
