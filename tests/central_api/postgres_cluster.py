"""A throwaway PostgreSQL cluster for tests, when the machine has the server binaries.

``KIOSK_TEST_PG_URL`` points at an existing database instead. Otherwise ``initdb`` and
``pg_ctl`` (Debian's postgresql package) start a cluster in a temporary folder on a unix
socket; as root, the cluster runs as the ``postgres`` system user (PostgreSQL refuses root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _find(tool: str) -> str | None:
    found = shutil.which(tool)
    if found:
        return found
    for version in ("17", "16", "15", "14", "13"):
        candidate = Path(f"/usr/lib/postgresql/{version}/bin/{tool}")
        if candidate.exists():
            return str(candidate)
    return None


def unavailable_reason() -> str | None:
    if os.environ.get("KIOSK_TEST_PG_URL"):
        return None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    if not (_find("initdb") and _find("pg_ctl")):
        return "no PostgreSQL server binaries (initdb/pg_ctl) on this machine"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
    return None


@contextmanager
def postgres_url() -> Iterator[str]:
    if url := os.environ.get("KIOSK_TEST_PG_URL"):
        yield url
        return
    initdb, pg_ctl = _find("initdb"), _find("pg_ctl")
    assert initdb and pg_ctl
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    data, sock = folder / "data", folder / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (folder, sock):
            os.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    run = lambda *cmd: subprocess.run([*prefix, *cmd], check=True, capture_output=True)  # noqa: E731
    run(initdb, "-D", str(data), "-A", "trust", "-U", "kiosk", "--no-sync")
    run(
        pg_ctl,
        "-D",
        str(data),
        "-w",
        "-t",
        "60",
        "-l",
        str(folder / "pg.log"),
        "-o",
        f"-k {sock} -c listen_addresses='' -c fsync=off",
        "start",
    )
    try:
        import psycopg

        with psycopg.connect(
            host=str(sock), user="kiosk", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE central")
        yield f"postgresql+psycopg://kiosk@/central?host={sock}"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)
