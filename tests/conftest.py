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
    from tests.pg_cluster import find_pg_bin, pg_cluster

    if find_pg_bin() is None:
        pytest.skip("PostgreSQL is not installed (scripts/test.sh installs Debian's postgresql)")
    with pg_cluster(tmp_path_factory.mktemp("pg")) as dsn:
        yield dsn


@pytest.fixture
def pg_dsn(pg_server: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the session's cluster for one test."""
    import re
    import uuid

    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:40] + "_" + uuid.uuid4().hex[:6]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.rsplit("/", 1)[0] + "/" + name
