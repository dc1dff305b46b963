"""Quarantine never loses a file: same filesystem, other filesystem, name clash on restore."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from agent.actions.quarantine import QuarantineError, quarantine_verdict, restore
from agent.config import Config
from agent.store import Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

SHM = Path("/dev/shm")


def _flagged(path: Path) -> Verdict:
    data = path.read_bytes()
    return Verdict(
        path=str(path),
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "screening_list",
                0.9,
                0.5,
                (Evidence("identifiers", "resident_id", "4201**********1234", "t0 r2 c3", 0.6),),
            ),
        ),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _setup(tmp_path: Path, data_dir: Path, name: str = "名单.xlsx") -> tuple[Config, Store, Path]:
    cfg = Config(mode="block", data_dir=str(data_dir))
    store = Store.open(cfg)
    folder = tmp_path / "Downloads"
    folder.mkdir()
    f = folder / name
    f.write_bytes(os.urandom(3000) + "排查名单".encode())
    return cfg, store, f


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _check_roundtrip(cfg: Config, store: Store, f: Path, expect_method: str) -> None:
    original = f.read_bytes()
    vid = store.append_verdict(_flagged(f), action="quarantine", mode="block")
    rec = quarantine_verdict(store, vid, f, cfg)
    stored = Path(rec.stored)
    assert rec.method == expect_method
    assert not f.exists(), "the original must leave the watched folder"
    assert stored.read_bytes() == original
    assert stored.is_relative_to(cfg.quarantine_path)
    assert _mode(stored) == 0o600 and _mode(stored.parent) == 0o700
    assert _mode(cfg.quarantine_path) == 0o700
    assert not list(cfg.quarantine_path.rglob("*.partial"))
    ev = [e for e in store.events(vid) if e.kind == "quarantine"]
    assert ev and ev[0].data["from"] == str(f) and ev[0].data["sha256"] == rec.sha256

    back = restore(store, vid, cfg)
    assert back == f and f.read_bytes() == original
    assert not stored.exists()
    assert [e.kind for e in store.events(vid)] == ["quarantine", "restore"]
    with pytest.raises(QuarantineError):
        restore(store, vid, cfg)  # nothing left in quarantine for it
    assert store.verify().ok


def test_same_filesystem_is_a_rename(tmp_path: Path) -> None:
    cfg, store, f = _setup(tmp_path, tmp_path / "data")
    assert os.stat(f).st_dev == os.stat(tmp_path).st_dev
    _check_roundtrip(cfg, store, f, "rename")


@pytest.mark.skipif(not SHM.is_dir(), reason="needs /dev/shm (tmpfs)")
def test_other_filesystem_copies_verifies_then_removes(tmp_path: Path) -> None:
    data_dir = (
        Path(os.environ.get("SHAREGUARD_TEST_SHM", SHM)) / f"sg-q-{os.getpid()}-{id(tmp_path)}"
    )
    try:
        cfg, store, f = _setup(tmp_path, data_dir)
        assert os.stat(SHM).st_dev != os.stat(tmp_path).st_dev, "need two filesystems"
        _check_roundtrip(cfg, store, f, "copy")
    finally:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)


def test_restore_with_name_clash_keeps_both(tmp_path: Path) -> None:
    cfg, store, f = _setup(tmp_path, tmp_path / "data", "病历.docx")
    original = f.read_bytes()
    vid = store.append_verdict(_flagged(f), action="quarantine", mode="block")
    quarantine_verdict(store, vid, f, cfg)
    f.write_text("a new file the user made with the same name", encoding="utf-8")
    back = restore(store, vid, cfg)
    assert back != f and back.parent == f.parent
    assert back.name.startswith("病历") and back.suffix == ".docx"
    assert back.read_bytes() == original
    assert f.read_text(encoding="utf-8").startswith("a new file")
    restore_ev = store.events(vid)[-1]
    assert restore_ev.kind == "restore" and restore_ev.data["to"] == str(back)


def test_tampered_quarantine_is_not_restored(tmp_path: Path) -> None:
    cfg, store, f = _setup(tmp_path, tmp_path / "data")
    vid = store.append_verdict(_flagged(f), action="quarantine", mode="block")
    rec = quarantine_verdict(store, vid, f, cfg)
    Path(rec.stored).write_bytes(b"swapped")
    with pytest.raises(QuarantineError):
        restore(store, vid, cfg)
    assert Path(rec.stored).exists(), "nothing is deleted on a refused restore"


def test_quarantine_refuses_missing_and_links(tmp_path: Path) -> None:
    cfg, _store, f = _setup(tmp_path, tmp_path / "data")
    link = f.with_name("link.xlsx")
    link.symlink_to(f)
    with pytest.raises(QuarantineError):
        quarantine_verdict(_store, 1, link, cfg)
    with pytest.raises(QuarantineError):
        quarantine_verdict(_store, 1, f.with_name("gone.xlsx"), cfg)
    assert f.exists() and link.is_symlink()


def test_tidy_and_find_after_a_crash(tmp_path: Path) -> None:
    import json

    from agent.actions.quarantine import find_quarantined, sha256_file, tidy

    cfg, _store, f = _setup(tmp_path, tmp_path / "data")
    root = cfg.quarantine_path
    # killed while writing the first manifest
    (root / "a").mkdir(parents=True)
    (root / "a" / "manifest.json.partial").write_text("{", encoding="utf-8")
    # killed while copying across filesystems: the original is still in place
    (root / "b").mkdir()
    (root / "b" / "manifest.json").write_text(
        json.dumps({"from": str(f), "name": f.name, "state": "moving"}), encoding="utf-8"
    )
    (root / "b" / (f.name + ".partial")).write_bytes(f.read_bytes()[:10])
    # killed after the rename, before the manifest said so
    other = f.with_name("已移动.docx")
    (root / "c").mkdir()
    moved = root / "c" / other.name
    moved.write_bytes(b"moved content")
    (root / "c" / "manifest.json").write_text(
        json.dumps({"from": str(other), "name": other.name, "state": "moving"}), encoding="utf-8"
    )
    original = f.read_bytes()
    assert tidy(cfg) == 2
    assert sorted(p.name for p in root.iterdir()) == ["c"]
    assert f.read_bytes() == original, "the original is never touched by tidy"
    rec = find_quarantined(cfg, str(other), sha256_file(moved))
    assert rec is not None and rec.stored == str(moved)
    assert json.loads((root / "c" / "manifest.json").read_text())["state"] == "quarantined"
    assert find_quarantined(cfg, str(other), "0" * 64) is None


def test_slot_names_never_look_like_identifiers_to_the_log() -> None:
    """The log masks identifier-shaped digit runs; a masked slot name cannot be found again."""
    from agent.actions.quarantine import slot_name
    from agent.redact import scrub

    names = {slot_name() for _ in range(3000)}
    assert len(names) == 3000
    assert [n for n in names if scrub(n) != n] == []


def test_a_slot_the_log_masked_is_still_restored(tmp_path: Path, monkeypatch) -> None:
    """Slots named before slot_name (time + 12 hex digits) were masked in 1 log of ~280 when
    the hex came out all digits: restore finds such a slot by its manifest."""
    import agent.actions.quarantine as q

    monkeypatch.setattr(q, "slot_name", lambda: "20261203T062312-316304436603")
    cfg, store, f = _setup(tmp_path, tmp_path / "data", "病历.docx")
    original = f.read_bytes()
    vid = store.append_verdict(_flagged(f), action="quarantine", mode="block")
    quarantine_verdict(store, vid, f, cfg)
    logged = store.events(vid)[-1].data["slot"]
    assert "*" in logged, logged  # the old name is what the log masks
    back = restore(store, vid, cfg)
    assert back == f and back.read_bytes() == original
