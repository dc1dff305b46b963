"""Static checks of the installer files that cannot run here: the macOS launchd plist, the Windows
PowerShell scripts, and the Linux templates and shell scripts with the real linters."""

from __future__ import annotations

import plistlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from agent.cli import build_parser
from agent.commands.install import script_args

INSTALLER = Path(__file__).resolve().parents[1] / "installer"
PS1 = [INSTALLER / "install.ps1", INSTALLER / "uninstall.ps1"]


def render(template: str, exec_path: str) -> str:
    """As install.sh renders: a path with spaces is double-quoted."""

    def q(p: str) -> str:
        return f'"{p}"' if " " in p else p

    text = (INSTALLER / "templates" / template).read_text(encoding="utf-8")
    return (
        text.replace("@EXEC@", q(exec_path))
        .replace("@AGENT_EXEC@", q(exec_path + "-agent"))
        .replace("@DOCS@", str(INSTALLER))
    )


# -- macOS ------------------------------------------------------------------------------------
def test_launchd_plist_is_valid_and_keeps_the_agent_running() -> None:
    raw = (INSTALLER / "macos" / "com.shareguard.agent.plist").read_bytes()
    plist = plistlib.loads(raw)
    assert plist["Label"] == "com.shareguard.agent"
    assert plist["ProgramArguments"] == ["@VENV@/bin/shareguard", "run"]
    assert plist["RunAtLoad"] is True
    assert plist["KeepAlive"] == {"SuccessfulExit": False}  # restart after a crash only
    assert plist["Umask"] == 0o077 and plist["LowPriorityIO"] is True
    assert plist["EnvironmentVariables"]["ORT_DISABLE_TELEMETRY"] == "1"
    # after the substitution the README describes, it is still a valid plist
    filled = raw.replace(b"@VENV@", b"/Users/x/Library/Application Support/shareguard/venv")
    filled = filled.replace(b"@LOGS@", b"/Users/x/Library/Logs/shareguard")
    again = plistlib.loads(filled)
    assert again["StandardErrorPath"].startswith("/Users/x/Library/Logs/")
    assert "@" not in plistlib.dumps(again).decode()
    assert "launchctl bootstrap" in (INSTALLER / "macos" / "README.md").read_text()


# -- Windows ----------------------------------------------------------------------------------
def _strip_strings_and_comments(src: str) -> str:
    """PowerShell source without here-strings, strings and comments (for delimiter balance)."""
    src = re.sub(r'@"\r?\n.*?\r?\n"@', '""', src, flags=re.S)
    src = re.sub(r"@'\r?\n.*?\r?\n'@", "''", src, flags=re.S)
    src = re.sub(r"<#.*?#>", "", src, flags=re.S)
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == "#":
            while i < n and src[i] != "\n":
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "`" and c == '"' else 1
            out.append('""')
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _params(src: str) -> set[str]:
    block = re.search(r"param\((.*?)\n\)", src, flags=re.S)
    assert block, "no param() block"
    return set(re.findall(r"\$(\w+)", block.group(1)))


@pytest.mark.parametrize("script", PS1, ids=lambda p: p.name)
def test_powershell_scripts_are_well_formed(script: Path) -> None:
    raw = script.read_bytes()
    # Windows PowerShell 5.1 reads a BOM-less script as ANSI and would garble the Chinese text
    assert raw.startswith(b"\xef\xbb\xbf")
    src = raw.decode("utf-8-sig")
    code = _strip_strings_and_comments(src)
    for open_, close in ("()", "{}", "[]"):
        assert code.count(open_) == code.count(close), f"unbalanced {open_}{close} in {script}"
    assert "Set-StrictMode" in src and '$ErrorActionPreference = "Stop"' in src


def test_powershell_parameters_match_what_shareguard_install_passes() -> None:
    install = _params(PS1[0].read_text(encoding="utf-8-sig"))
    uninstall = _params(PS1[1].read_text(encoding="utf-8-sig"))
    parser = build_parser()
    for argv, params, flags in (
        (["install", "--no-start", "--offline", "D:\\wheels"], install, ("no_start",)),
        (["uninstall", "--purge", "--prefix", "D:\\sg"], uninstall, ("purge",)),
    ):
        for arg in script_args(parser.parse_args(argv), flags):
            if arg.startswith("--"):
                ps_name = "".join(w.title() for w in arg[2:].split("-"))
                assert ps_name in params, f"{ps_name} missing from the script's param()"


def test_windows_install_registers_a_logon_task_with_pythonw_and_the_shortcuts() -> None:
    src = PS1[0].read_text(encoding="utf-8-sig")
    assert "New-ScheduledTaskTrigger -AtLogOn" in src
    assert re.search(r'-Execute \$VenvPythonw -Argument "-m agent\.cli run"', src)
    assert "SendTo" in src and '"-m agent.cli check"' in src
    assert "Start Menu" in src and '"-m agent.cli review"' in src
    assert "$env:LOCALAPPDATA" in src


@pytest.mark.parametrize("script", PS1, ids=lambda p: p.name)
def test_powershell_parses_with_pwsh(script: Path) -> None:
    pwsh = shutil.which("pwsh") or shutil.which("powershell")
    if not pwsh:
        pytest.skip("pwsh not installed (Debian has no powershell package; PyPI none)")
    cmd = (
        "$e = $null; [System.Management.Automation.Language.Parser]::ParseFile("
        f"'{script}', [ref]$null, [ref]$e) | Out-Null; $e | ForEach-Object {{ $_.ToString() }};"
        " exit $e.Count"
    )
    r = subprocess.run([pwsh, "-NoProfile", "-Command", cmd], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# -- Linux ------------------------------------------------------------------------------------
def test_systemd_unit_is_hardened_and_verifies(tmp_path: Path) -> None:
    unit = tmp_path / "shareguard.service"
    unit.write_text(render("shareguard.service", "/usr/bin/true"), encoding="utf-8")
    text = unit.read_text()
    for line in (
        "Restart=on-failure",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "PrivateTmp=yes",
        "Nice=10",
        "IOSchedulingClass=idle",
        "ExecStart=/usr/bin/true run",
    ):
        assert line in text.splitlines(), line
    # it must still read the user's folders and move files into quarantine in block mode
    assert "ReadWritePaths=%h" in text and "ProtectHome" not in text
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze not installed")
    r = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr


@pytest.mark.parametrize(
    "template",
    ["shareguard-autostart.desktop", "shareguard-check.desktop", "shareguard-review.desktop"],
)
def test_desktop_entries_validate(template: str, tmp_path: Path) -> None:
    entry = tmp_path / template
    entry.write_text(render(template, "/opt/share guard/venv/bin/shareguard"), encoding="utf-8")
    if template == "shareguard-check.desktop":
        text = entry.read_text()
        assert "%F" in text  # several files from the file manager
        mimes = re.search(r"^MimeType=(.*)$", text, flags=re.M).group(1).split(";")
        for m in ("application/pdf", "text/plain", "image/jpeg", "image/png", "text/csv"):
            assert m in mimes
        assert any("wordprocessingml" in m for m in mimes)
        assert any("spreadsheetml" in m for m in mimes)
    if not shutil.which("desktop-file-validate"):
        pytest.skip("desktop-file-validate not installed (desktop-file-utils)")
    r = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


def test_shell_scripts_pass_bash_n_and_shellcheck() -> None:
    scripts = [str(INSTALLER / "install.sh"), str(INSTALLER / "uninstall.sh")]
    for s in scripts:
        subprocess.run(["bash", "-n", s], check=True)
    if not shutil.which("shellcheck"):
        pytest.skip("shellcheck not installed")
    r = subprocess.run(["shellcheck", "-S", "warning", *scripts], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
