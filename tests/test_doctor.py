"""`shareguard doctor` against the real machine: real tesseract, real D-Bus, real files."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from agent import i18n
from agent.config import load_config
from agent.doctor import (
    FAIL,
    OK,
    SKIP,
    WARN,
    check_folders,
    check_language,
    check_notifications,
    check_ocr_sample,
    check_permissions,
    check_policy,
    check_service,
    check_tesseract,
    render_text,
    run_checks,
)
from tests.agent_helpers import SHAREGUARD, NotificationServer, session_bus, write_config

BUS_ENV = ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")


@pytest.fixture
def cfg_path(tmp_path: Path) -> Path:
    watched = tmp_path / "outbox"
    watched.mkdir()
    return write_config(tmp_path / "config.toml", data_dir=tmp_path / "data", watch=[watched])


def doctor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SHAREGUARD), *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def by_id(report_json: dict, cid: str) -> list[dict]:
    return [c for c in report_json["checks"] if c["id"] == cid]


def test_tesseract_chi_sim_and_sample_ocr_pass_on_this_machine(cfg_path: Path) -> None:
    config = load_config(cfg_path)
    tess = check_tesseract(config)
    assert tess.status == OK and tess.essential
    assert any(ch.isdigit() for ch in tess.detail)  # the version is shown
    assert check_language(config).status == OK
    ocr = check_ocr_sample(config)
    assert ocr.status == OK, ocr.detail
    assert "交办单" in ocr.detail


def test_missing_language_data_fails_with_the_install_command(tmp_path: Path) -> None:
    cfg = write_config(
        tmp_path / "c.toml",
        data_dir=tmp_path / "d",
        watch=[tmp_path],
        extra='[ocr]\nlanguage = "zzz_missing"\n',
    )
    check = check_language(load_config(cfg))
    assert check.status == FAIL and check.failed
    assert "zzz_missing" in check.detail
    assert check.fix and "install" in check.fix


def test_cli_passes_with_skip_service_and_json_lists_every_check(cfg_path: Path) -> None:
    r = doctor("doctor", "--config", str(cfg_path), "--skip", "service", "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] is True
    ids = {c["id"] for c in report["checks"]}
    assert {"config", "tesseract", "chi_sim", "ocr_sample", "rapidocr", "notifications"} <= ids
    assert {"folder", "permissions", "policy"} <= ids and "service" not in ids
    assert all(c["status"] in (OK, WARN, SKIP) for c in report["checks"])


def test_text_output_is_chinese_by_default_and_english_on_request(cfg_path: Path) -> None:
    fast = ("--skip", "service", "--skip", "ocr_sample", "--skip", "rapidocr")
    zh = doctor("doctor", "--config", str(cfg_path), *fast)
    assert "运行环境检查" in zh.stdout and "结论" in zh.stdout
    en = doctor("--lang", "en", "doctor", "--config", str(cfg_path), *fast)
    assert "environment check" in en.stdout and "Result:" in en.stdout
    assert "结论" not in en.stdout


def test_no_tesseract_on_path_is_an_essential_failure_naming_the_fix(cfg_path: Path) -> None:
    env = dict(os.environ, PATH=str(SHAREGUARD.parent))  # the venv only: no tesseract
    r = doctor("doctor", "--config", str(cfg_path), "--skip", "service", env=env)
    assert r.returncode == 2, r.stdout
    assert "Tesseract" in r.stdout and "未安装" in r.stdout
    # with no package manager on PATH either, the fix says what to install
    assert "chi_sim" in r.stdout or "tesseract-ocr" in r.stdout


def test_bad_config_is_reported_with_its_line_and_exit_2(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('mode = "warn"\nmode_typo = 3\n', encoding="utf-8")
    r = doctor(
        "--lang",
        "en",
        "doctor",
        "--config",
        str(cfg),
        "--format",
        "json",
        "--skip",
        "ocr_sample",
        "--skip",
        "rapidocr",
    )
    assert r.returncode == 2
    config_check = by_id(json.loads(r.stdout), "config")[0]
    assert config_check["status"] == FAIL
    assert f"{cfg}:2" in config_check["detail"]


def test_bad_policy_fails_and_points_at_policy_check(tmp_path: Path) -> None:
    pol = tmp_path / "org.yaml"
    pol.write_text("categories: [not, a, mapping\n", encoding="utf-8")
    cfg = write_config(tmp_path / "c.toml", data_dir=tmp_path / "d", watch=[tmp_path], policy=[pol])
    check = check_policy(load_config(cfg))
    assert check.status == FAIL and check.essential
    assert check.fix == f"shareguard policy check {pol}"


def test_data_dir_readable_by_others_fails_with_chmod_fix(cfg_path: Path) -> None:
    config = load_config(cfg_path)
    data = config.data_path
    data.mkdir(mode=0o700)
    (data / "quarantine").mkdir(mode=0o700)
    key = data / "install.key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o600)
    assert check_permissions(config).status == OK
    key.chmod(0o644)
    (data / "quarantine").chmod(0o755)
    check = check_permissions(config)
    assert check.status == FAIL and check.failed
    assert "install.key" in check.detail and "quarantine" in check.detail
    assert check.fix == f"chmod -R go-rwx '{data}'"
    subprocess.run(["sh", "-c", check.fix], check=True)  # the printed fix really fixes it
    assert check_permissions(config).status == OK


def test_missing_watch_folder_and_no_folder_at_all_warn(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "c.toml", data_dir=tmp_path / "d", watch=[tmp_path / "gone"])
    checks = check_folders(load_config(cfg))
    assert checks[0].status == WARN and "gone" in checks[0].detail
    assert checks[0].fix == f"mkdir -p '{tmp_path / 'gone'}'"
    assert checks[-1].status == WARN and not checks[-1].failed
    assert "watch" in (checks[-1].fix or "")


def test_service_states_from_registration_and_heartbeat(
    cfg_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(cfg_path)
    unregistered = check_service(config)
    assert unregistered.failed and unregistered.fix == "shareguard install"

    autostart = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "shareguard.desktop"
    autostart.parent.mkdir(parents=True)
    autostart.write_text("[Desktop Entry]\nType=Application\nName=x\nExec=true\n")
    not_running = check_service(config)
    assert not_running.failed and "自启动" in not_running.detail

    # a live process with a fresh heartbeat, in the agent's state-file format
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        config.data_path.mkdir(mode=0o700, exist_ok=True)
        state = {"pid": sleeper.pid, "running": True, "heartbeat_epoch": time.time()}
        state["heartbeat"] = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        config.state_path.write_text(json.dumps(state), encoding="utf-8")
        assert check_service(config).status == OK
        state["heartbeat"] = time.strftime(
            "%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - 3600)
        )
        config.state_path.write_text(json.dumps(state), encoding="utf-8")
        stale = check_service(config)
        assert stale.failed and "卡住" in stale.detail
    finally:
        sleeper.kill()
        sleeper.wait()
    dead = check_service(config)
    assert dead.failed


def test_notification_service_on_a_real_session_bus(
    cfg_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(cfg_path)
    for var in BUS_ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-runtime"))
    no_bus = check_notifications(config)
    assert no_bus.status == WARN and not no_bus.essential
    with session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        absent = check_notifications(config)
        assert absent.status == WARN and absent.fix
        with NotificationServer(address, tmp_path / "got.jsonl"):
            present = check_notifications(config)
            assert present.status == OK, present.detail
            assert "shareguard-test-notifyd" in present.detail


def test_report_fails_only_on_essential_checks(
    cfg_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = run_checks(str(cfg_path), skip=("service", "ocr_sample", "rapidocr"))
    assert report.ok
    monkeypatch.setattr(i18n, "_language", "en")
    text = render_text(report)
    assert text.splitlines()[0] == "shareguard environment check"


def test_notification_service_found_through_the_runtime_dir_socket(
    cfg_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Services on systemd desktops may lack DBUS_SESSION_BUS_ADDRESS: $XDG_RUNTIME_DIR/bus."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    address = f"unix:path={runtime / 'bus'}"
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            f"--address={address}",
            "--print-address=1",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert daemon.stdout is not None and daemon.stdout.readline().strip()
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        with NotificationServer(address, tmp_path / "got.jsonl"):
            check = check_notifications(load_config(cfg_path))
        assert check.status == OK, check.detail
    finally:
        daemon.terminate()
        daemon.wait(10)


def test_optional_readers_are_reported_and_a_missing_rar_tool_is_a_warning(
    cfg_path: Path,
) -> None:
    fast = ("--skip", "service", "--skip", "ocr_sample", "--skip", "rapidocr", "--format", "json")
    r = doctor("doctor", "--config", str(cfg_path), *fast)
    readers = {c["id"]: c for c in json.loads(r.stdout)["checks"] if c["id"].startswith("reader_")}
    assert set(readers) == {"reader_office", "reader_7z", "reader_rar", "reader_heic"}
    assert all(c["status"] == OK and not c["essential"] for c in readers.values())
    assert "unar" in readers["reader_rar"]["detail"] or "bsdtar" in readers["reader_rar"]["detail"]
    env = dict(os.environ, PATH=str(SHAREGUARD.parent))  # the venv only: no unar, no bsdtar
    r = doctor("doctor", "--config", str(cfg_path), *fast, "--skip", "tesseract", env=env)
    rar = by_id(json.loads(r.stdout), "reader_rar")[0]
    assert rar["status"] == WARN and not rar["essential"]
    assert "unar" in rar["fix"] or "tar.exe" in rar["fix"]
