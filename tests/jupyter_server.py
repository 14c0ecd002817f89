"""Start a real JupyterLab server (which also serves Notebook 7) on 127.0.0.1 for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from partnership_grading.formgrader_maths import server_options


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter_lab(
    root: Path, state: Path, env: dict[str, str] | None = None, python: str | Path | None = None, extra: list[str] | None = None
) -> Iterator[str]:
    """Serve ``root`` without a token; ``state`` keeps config, workspaces and settings of this run only.

    ``python`` is the interpreter whose JupyterLab runs (default: this one; the student-kit test
    passes the kit's fresh environment), ``extra`` more command-line options.
    """
    port = _free_port()
    env = {**(env or os.environ), "JUPYTER_CONFIG_DIR": str(state / "config"), "JUPYTER_RUNTIME_DIR": str(state / "runtime")}
    cmd = [
        str(python or sys.executable), "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={state / 'workspaces'}", f"--LabApp.user_settings_dir={state / 'settings'}",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *server_options(),  # MathJax for the formgrader's grading page, as `make grading-formgrader` serves it
        *(extra or []),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI often run as root
    state.mkdir(parents=True, exist_ok=True)
    log_path = state / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(cmd, cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                if server.poll() is not None:
                    pytest.fail("the Jupyter server exited:\n" + log_path.read_text()[-3000:])
                try:
                    urllib.request.urlopen(f"{base}/api/status", timeout=1)
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                pytest.fail("the Jupyter server did not start within 60 s:\n" + log_path.read_text()[-3000:])
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
