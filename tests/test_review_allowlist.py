"""Allowlist entries written into an organisation policy file, checked by the real policy engine."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from agent.config import Config
from agent.review.allowlist import Entry, merge, policy_file, preview, save
from policies import load_policy

ORG = """\
# 单位策略：在内置策略之上的补充
allowlist:
  sha256: []
  folders:
    - "/srv/公开发布"  # 门户网站发布目录
  phrases: []
"""


def cfg(tmp_path: Path, policy: Path | None = None) -> Config:
    return Config(
        data_dir=str(tmp_path / "data"),
        policy=(str(policy),) if policy else (),
        source=str(tmp_path / "config.toml"),
    )


def test_policy_file_is_the_first_configured_else_beside_the_config(tmp_path: Path):
    assert policy_file(cfg(tmp_path)) == tmp_path / "policy.yaml"
    org = tmp_path / "org.yaml"
    assert policy_file(cfg(tmp_path, org)) == org


def test_entries_keep_comments_and_load_in_the_engine(tmp_path: Path):
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    os.chmod(org, 0o640)
    c = cfg(tmp_path, org)
    save(c, Entry("folder", "/home/li/Desktop/公开", "公开材料", reviewer="王工", source_row=7))
    save(c, Entry("phrase", "政府信息公开目录"))
    save(c, Entry("sha256", "ab" * 32))
    text = org.read_text(encoding="utf-8")
    assert text.startswith("# 单位策略") and "# 门户网站发布目录" in text
    assert "王工" in text and "log row 7" in text
    data = yaml.safe_load(text)
    assert data["allowlist"]["folders"] == ["/srv/公开发布", "/home/li/Desktop/公开"]
    assert data["allowlist"]["phrases"] == ["政府信息公开目录"]
    assert data["allowlist"]["sha256"] == ["ab" * 32]
    assert stat.S_IMODE(os.stat(org).st_mode) == 0o640  # permissions kept
    policy = load_policy([org])
    assert "/home/li/Desktop/公开" in policy.allow_folders
    assert "ab" * 32 in policy.allow_sha256


def test_new_file_is_created_private(tmp_path: Path):
    c = cfg(tmp_path)
    path = save(c, Entry("sha256", "cd" * 32))
    assert path == tmp_path / "policy.yaml"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_policy([path]).allow_sha256


@pytest.mark.parametrize(
    "entry",
    [
        Entry("sha256", "not-a-digest"),
        Entry("phrase", "x"),
        Entry("folder", "/"),
        Entry("folder", "C:\\"),
        Entry("phrase", "两行\n文字"),
        Entry("colour", "red"),
        Entry("folder", "."),
        Entry("folder", "Desktop/公开"),
    ],
)
def test_bad_entries_are_refused_before_anything_is_written(tmp_path: Path, entry: Entry):
    c = cfg(tmp_path)
    with pytest.raises(ValueError):
        preview(c, entry)
    assert not (tmp_path / "policy.yaml").exists()


def test_duplicate_and_stale_preview_are_refused(tmp_path: Path):
    c = cfg(tmp_path)
    save(c, Entry("phrase", "政府信息公开"))
    with pytest.raises(ValueError, match="already"):
        preview(c, Entry("phrase", "政府信息公开"))
    p = preview(c, Entry("phrase", "新闻发布会"))
    (tmp_path / "policy.yaml").write_text(p.before + "# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(ValueError, match="changed"):
        save(c, Entry("phrase", "新闻发布会"), expected_before=p.before)


def test_flow_style_allowlist_is_rewritten_correctly():
    text = merge('allowlist: {sha256: [], phrases: ["ab"]}\n', Entry("phrase", "政府信息公开"))
    assert yaml.safe_load(text)["allowlist"]["phrases"] == ["ab", "政府信息公开"]


@pytest.mark.parametrize(
    "path,folder",
    [
        ("/home/li/Desktop/名单.xlsx", "/home/li/Desktop"),
        ("C:\\Users\\li\\Desktop\\名单.xlsx", "C:\\Users\\li\\Desktop"),
        ("/srv/收件/附件.zip!内层/名单.xlsx", "/srv/收件"),
    ],
)
def test_folder_entries_come_from_the_logged_path_with_its_own_separators(path, folder):
    from agent.review.app import parent_folder

    assert parent_folder(path) == folder
    Entry("folder", folder).validate()
