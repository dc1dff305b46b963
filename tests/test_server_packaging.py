"""The office server's libraries are the `server` extra: an office PC without them runs the agent
as before, and `shareguard server ...` says in Chinese how to install them.

"Not installed" is a real interpreter in which importing those modules fails (their
sys.modules entries set to None, which makes `import` raise ImportError as for a missing
package); installing a second environment without them would take minutes per run."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER_ONLY = ("psycopg", "psycopg_pool", "argon2")


def without_server_extra(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        f"for m in {SERVER_ONLY!r}: sys.modules[m] = None\n"
        "from agent.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        f"loaded = [m for m in {SERVER_ONLY!r} if sys.modules.get(m) is not None]\n"
        "assert not loaded, loaded\n"
        "sys.exit(rc)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_server_command_without_the_extra_says_how_to_install_it() -> None:
    r = without_server_extra("server", "init", "--dsn", "postgresql://nobody@127.0.0.1:1/x")
    assert r.returncode == 2, r.stderr
    assert "shareguard[server]" in r.stderr
    assert "中心服务器" in r.stderr  # Chinese first
    assert "psycopg" in r.stderr  # names what is missing
    assert "Traceback" not in r.stderr
    en = without_server_extra("--lang", "en", "server", "run", "--state", "/nonexistent")
    assert en.returncode == 2
    assert "pip install 'shareguard[server]'" in en.stderr
    assert "Traceback" not in en.stderr


def test_help_and_the_agent_work_without_the_extra(tmp_path: Path) -> None:
    r = without_server_extra("server", "--help")
    assert r.returncode == 0, r.stderr
    assert "enroll-token" in r.stdout
    # an office PC's own work: scanning a file, with a config of its own
    doc = tmp_path / "通知.txt"
    doc.write_text("关于做好近期重点工作的通知\n秘密★1年\n各科室：\n请按要求落实。\n", "utf-8")
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    r = without_server_extra("scan", "--config", str(cfg), str(doc))
    assert r.returncode == 1, r.stderr  # 1: flagged
    assert "秘密★1年" in r.stdout
    assert "Traceback" not in r.stderr


def test_office_pcs_do_not_install_the_server_libraries() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(meta["dependencies"]).lower()
    for dist in ("psycopg", "argon2"):
        assert dist not in core
        assert any(d.lower().startswith(dist) for d in meta["optional-dependencies"]["server"])
    # the agent verifies signed policy packs from its server: cryptography stays for every PC
    assert "cryptography" in core
    # CI installs `.[test]`, which must bring the server's libraries for its tests
    assert "shareguard[server]" in meta["optional-dependencies"]["test"]
