"""Start a throwaway PostgreSQL server (Debian's packages) on 127.0.0.1 for gradebook tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def postgres_bindir() -> Path | None:
    dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return dirs[-1] if dirs and (dirs[-1] / "initdb").exists() else None


def why_unavailable() -> str | None:
    """None when a server can be started here, otherwise the reason (for a skip message)."""
    if postgres_bindir() is None:
        return "PostgreSQL is not installed (make system-deps installs Debian's postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, so initdb cannot drop privileges"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def temporary_postgres(database: str = "gradebook") -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh database on a private server, stopped and deleted after."""
    bindir = postgres_bindir()
    if bindir is None:
        raise RuntimeError(why_unavailable())
    root = Path(tempfile.mkdtemp(prefix="pr-postgres-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    # initdb and postgres refuse to run as root: run them as the postgres system user.
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        run(
            str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start",
            "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off",
        )
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database)
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
