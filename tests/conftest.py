"""Shared fixtures. Test data is synthetic (Faker zh_CN and our own templates)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_CORPUS = SHARED / "corpus" / "real"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the developer's real config/data dirs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("SHAREGUARD_CONFIG", raising=False)
    monkeypatch.delenv("SHAREGUARD_LANG", raising=False)
    # `main(["--lang", "en", …])` sets the process-wide language: no test may leave it behind.
    from agent import i18n

    monkeypatch.setattr(i18n, "_language", None)
    yield


@pytest.fixture
def real_corpus() -> Path:
    if not REAL_CORPUS.is_dir():
        pytest.fail(
            f"shared corpus missing at {REAL_CORPUS}: CI lays ../shared beside the checkout"
        )
    return REAL_CORPUS


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """A config whose data dir is private to this test."""
    data = tmp_path / "data"
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'mode = "warn"\ndata_dir = "{data}"\n', encoding="utf-8")
    os.chmod(cfg, 0o600)
    return cfg


@pytest.fixture(scope="session")
def scanner(tmp_path_factory: pytest.TempPathFactory):
    """The Scanner the agent uses (default policy, real extraction worker), shared by tests
    that only judge files; its data dir is private to the test session."""
    from agent.config import load_config
    from agent.pipeline import Scanner
    from policies import load_policy

    cfg = tmp_path_factory.mktemp("scanner") / "config.toml"
    cfg.write_text(f'data_dir = "{cfg.parent / "data"}"\n', encoding="utf-8")
    with Scanner(load_config(cfg), load_policy()) as s:
        yield s


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory):
    """A real PostgreSQL cluster for this test session (Debian's postgresql, throwaway, loopback
    port, unprivileged user); yields an admin DSN. Server tests make one database each."""
    import shutil
    import tempfile

    from tests.pg_cluster import find_pg_bin, pg_cluster

    if find_pg_bin() is None:
        pytest.skip("PostgreSQL is not installed (scripts/test.sh installs Debian's postgresql)")
    # not under pytest's own temp root: pytest resets that to 0700 (the cluster's user must
    # reach its data dir)
    base = Path(tempfile.mkdtemp(prefix="shareguard-pg-"))
    try:
        with pg_cluster(base / "cluster") as dsn:
            yield dsn
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _new_database(admin_dsn: str, label: str, template: str | None = None) -> str:
    import re
    import uuid

    import psycopg

    name = "t_" + re.sub(r"\W", "_", label.lower())[:40] + "_" + uuid.uuid4().hex[:6]
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return admin_dsn.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> str:
    """A database with the server's schema, copied for each test (CREATE DATABASE TEMPLATE)."""
    from server import db

    dsn = _new_database(pg_server, "template")
    db.migrate(dsn)
    return dsn.rsplit("/", 1)[1]


@pytest.fixture
def pg_dsn(pg_server: str, pg_template: str, request: pytest.FixtureRequest) -> str:
    """A fresh database with the server's schema (from the template) for one test."""
    return _new_database(pg_server, request.node.name, pg_template)


@pytest.fixture
def pg_empty_dsn(pg_server: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database for one test."""
    return _new_database(pg_server, request.node.name)


@pytest.fixture(scope="session")
def legacy_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`tests.docgen.render.sample_doc(seed=7)` converted by LibreOffice headless to .doc .wps
    .rtf .xls .et .ppt .dps (+ `doc-image`: a .doc holding only a photo of the page;
    `doc-encrypted`, `xls-encrypted`, `ppt-encrypted`: password to open; `doc-with-xlsx`,
    `doc-with-docx` and their docx twins: the document inserted as an object). Made once
    per test run: pytest-xdist workers share one copy through a lock in the common temp root."""
    import fcntl
    import shutil

    from tests.docgen.convert import legacy_samples as make
    from tests.docgen.convert import soffice
    from tests.docgen.render import sample_doc

    if soffice() is None:
        pytest.fail("LibreOffice is missing: scripts/test.sh installs libreoffice-*-nogui")
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's root, common to the workers (not to other runs)
    root = base / "legacy-samples"
    root.mkdir(exist_ok=True)
    names = ("doc", "wps", "rtf", "xls", "et", "ppt", "dps", "doc-image",
             "doc-encrypted", "xls-encrypted", "ppt-encrypted", "docx-with-xlsx",
             "docx-with-docx", "doc-with-xlsx", "doc-with-docx")  # fmt: skip
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / "done"
        if not done.exists():
            shutil.rmtree(root / "files", ignore_errors=True)
            made = make(root / "files", sample_doc(seed=7), image_doc=sample_doc(seed=8))
            done.write_text("\n".join(f"{k}\t{v}" for k, v in made.items()), encoding="utf-8")
        paths = dict(line.split("\t", 1) for line in done.read_text("utf-8").splitlines())
    return {k: Path(paths[k]) for k in names}
