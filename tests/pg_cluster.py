"""A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `initdb` into a temp dir,
`pg_ctl start` on a free loopback port, as an unprivileged user when run as root (CI).

Usage: ``with pg_cluster(tmpdir) as dsn: ...``; `find_pg_bin()` is None when PostgreSQL is not
installed (tests then skip with that reason).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The newest Debian PostgreSQL bin dir (initdb is not on PATH there), or PATH's."""
    dirs = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name), reverse=True
    )
    for d in dirs:
        if (Path(d) / "initdb").exists():
            return Path(d)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> str | None:
    """The user to run the cluster as: postgres's own account when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and neither 'postgres' nor 'nobody' exists")


@contextlib.contextmanager
def pg_cluster(base: Path, *, fsync: bool = False) -> Iterator[str]:
    """Start a cluster under `base` (created); yield its DSN; stop it and leave the files."""
    bindir = find_pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    base.mkdir(parents=True, exist_ok=True)
    data = base / "pgdata"
    user = _run_as()
    if user:
        info = pwd.getpwnam(user)
        os.chown(base, info.pw_uid, info.pw_gid)
        # the path down to `base` must be traversable by that user
        p = base.parent
        while p != p.parent:
            mode = p.stat().st_mode
            if not mode & 0o001:
                os.chmod(p, mode | 0o011)
            p = p.parent

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        full = (["runuser", "-u", user, "--"] if user else []) + list(cmd)
        r = subprocess.run(full, capture_output=True, text=True, cwd=base)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(full)} -> {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r

    port = free_port()
    reuse = (data / "PG_VERSION").exists()  # a kept cluster (bench --keep DIR): start it again
    if not reuse:
        run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "--username=shareguard",
            "--encoding=UTF8",
            "--locale=C",
            # as README's Office deployment creates the database: byte-order collation, UTF-8
            # character classes (the console's trigram index then serves Chinese text search)
            "--lc-ctype=C.UTF-8",
            "--no-sync",
        )
    opts = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{base}'"
        f" -c fsync={'on' if fsync else 'off'} -c max_connections=200"
        " -c shared_buffers=128MB"
    )
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        opts,
        "-l",
        str(base / "pg.log"),
        "-w",
        "-t",
        "60",
        "start",
    )
    try:
        if not reuse:
            run(
                str(bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "shareguard",
                "shareguard",
            )
        yield f"postgresql://shareguard@127.0.0.1:{port}/shareguard"
    finally:
        with contextlib.suppress(RuntimeError):
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
