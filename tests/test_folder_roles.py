"""Folder roles: outgoing (chat apps' file folders, removable drives, network shares, folders the
organisation names) and staging (Desktop, Downloads, Documents); the most specific folder wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import parse_config
from agent.errors import ConfigError
from agent.locations import OUTGOING, STAGING, Mount, folder_role

LOCAL = [Mount("/", "ext4", "/dev/sda1")]


def role(path: Path, home: Path, config=None, table=LOCAL) -> tuple[str, str]:
    r = folder_role(path, config, home=home, table=table)
    return r.role, r.reason


def test_staging_defaults(tmp_path: Path) -> None:
    home = tmp_path
    for folder in ("Downloads", "Desktop", "Documents", "下载", "桌面", "文档"):
        assert role(home / folder / "x" / "通知.docx", home) == (STAGING, "staging_default")


@pytest.mark.parametrize(
    "inside",
    [
        "Documents/WeChat Files/wxid_abc123/FileStorage/File/2026-12/名单.xlsx",
        "Documents/xwechat_files/wxid_abc_1a2b/msg/file/2026-12/名单.xlsx",
        "文档/Tencent Files/12345/FileRecv/名单.xlsx",
        "Documents/WXWork/1688/Cache/File/2026-12/名单.xlsx",
        "Documents/DingTalk/名单.xlsx",
        ".local/share/DingTalk/files/名单.xlsx",
    ],
)
def test_chat_app_folders_are_outgoing_even_inside_documents(tmp_path: Path, inside: str) -> None:
    assert role(tmp_path / inside, tmp_path) == (OUTGOING, "chat_app")


def test_wechat_files_outside_filestorage_are_not_chat_app(tmp_path: Path) -> None:
    # the WeChat account folder also holds its database and settings: only FileStorage sends
    assert role(tmp_path / "Documents/WeChat Files/wxid_abc/config/x.dat", tmp_path)[0] == STAGING


def test_removable_drives_and_network_shares_are_outgoing(tmp_path: Path, monkeypatch) -> None:
    usb = tmp_path / "media" / "u" / "KINGSTON"
    usb.mkdir(parents=True)
    share = tmp_path / "Documents" / "科室共享"
    share.mkdir(parents=True)
    monkeypatch.setenv("SHAREGUARD_REMOVABLE_ROOTS", str(tmp_path / "media"))
    table = [
        *LOCAL,
        Mount(str(usb), "vfat", "/dev/sdb1"),
        Mount(str(share), "cifs", "//fs01/share"),
    ]
    assert role(usb / "名单.xlsx", tmp_path, table=table) == (OUTGOING, "removable")
    # a network share mounted inside Documents is still a way out
    assert role(share / "名单.xlsx", tmp_path, table=table) == (OUTGOING, "network")


def test_unclassified_folders_are_outgoing(tmp_path: Path) -> None:
    # a folder named in `watch` and not covered by any rule, or a file given to `check`
    assert role(tmp_path / "elsewhere" / "a.docx", tmp_path / "home") == (OUTGOING, "unclassified")


def test_config_folders_with_paths_and_globs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cfg = parse_config(
        f"""
[folders]
"{home}/Downloads/外发" = "outgoing"
"{tmp_path}/科室/*/对外" = "outgoing"
"{home}/Documents/WeChat Files/*/FileStorage/Fav" = "staging"
"{home}/Documents/xwechat_files" = "staging"
"""
    )
    assert role(home / "Downloads/外发/a.docx", home, cfg) == (OUTGOING, "config")
    assert role(home / "Downloads/其他/a.docx", home, cfg) == (STAGING, "staging_default")
    assert role(tmp_path / "科室/疾控科/对外/a.docx", home, cfg) == (OUTGOING, "config")
    assert role(tmp_path / "科室/疾控科/内部/a.docx", home, cfg) == (OUTGOING, "unclassified")
    # deeper wins, even against a built-in outgoing folder
    assert role(home / "Documents/WeChat Files/w1/FileStorage/Fav/a", home, cfg)[0] == STAGING
    assert role(home / "Documents/WeChat Files/w1/FileStorage/File/a", home, cfg)[0] == OUTGOING
    # equal depth: the organisation's rule beats the built-in one
    assert role(home / "Documents/xwechat_files/w/msg/file/a", home, cfg) == (STAGING, "config")


def test_config_tilde_is_the_home_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    cfg = parse_config('[folders]\n"~/公文交换" = "outgoing"\n')
    assert folder_role(tmp_path / "公文交换" / "a.pdf", cfg, table=LOCAL).reason == "config"


def test_bad_role_names_the_line() -> None:
    with pytest.raises(ConfigError) as e:
        parse_config('mode = "warn"\n\n[folders]\n"/srv/out" = "outbox"\n', path="c.toml")
    assert e.value.line == 4 and "outgoing" in str(e.value)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[alert]\noutgoing = "shout"\n', "alert.outgoing"),
        ('[alert]\nstaging = "popups"\n', "alert.staging"),
        ('[alert]\ndigest_at = "25:00"\n', "alert.digest_at"),
        ('[folders]\n"/x" = 1\n', "folders./x"),
    ],
)
def test_bad_alert_actions_are_refused(text: str, field: str) -> None:
    with pytest.raises(ConfigError) as e:
        parse_config(text, path="c.toml")
    assert e.value.field == field and e.value.line == 2


def test_per_role_actions_default_and_override() -> None:
    cfg = parse_config("")
    assert (cfg.alert.outgoing, cfg.alert.staging, cfg.alert.digest_at) == (
        "popup",
        "digest",
        "17:00",
    )
    cfg = parse_config('[alert]\nstaging = "popup"\ndigest_at = ""\n')
    assert cfg.alert.staging == "popup" and cfg.alert.digest_at == ""


def test_default_config_text_parses() -> None:
    from agent.config import DEFAULT_CONFIG_TOML

    cfg = parse_config(DEFAULT_CONFIG_TOML)
    assert cfg.folders == () and cfg.alert.staging == "digest"
