"""The hub's processes: JupyterHub and its proxy started on 127.0.0.1, stopped, and nothing left running."""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .classroom import CLASS_ENV, CONFIG, VENV_BIN, Classroom, ClassroomError, setup
from .view import view_argv


@dataclass
class Hub:
    room: Classroom
    process: subprocess.Popen
    log: Path


def start_hub(room: Classroom, timeout: float = 120) -> Hub:
    """Start JupyterHub (and, through it, configurable-http-proxy) on 127.0.0.1; return once it answers."""
    log = Path(room.state) / "jupyterhub.log"
    env = {**os.environ, CLASS_ENV: str(room.file), "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
    with log.open("w") as out:
        # The hub stays root in the view (it starts each user's server as that user); its own session,
        # so stopping it reaches bwrap and the hub together and nothing else.
        process = subprocess.Popen(
            [*view_argv(), "--cap-add", "ALL", "--chdir", room.state, "--", str(VENV_BIN / "jupyterhub"), "-f", str(CONFIG)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    hub = Hub(room, process, log)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise ClassroomError("JupyterHub exited:\n" + log.read_text()[-4000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{room.port}/hub/api", timeout=2) as resp:
                if resp.status == 200:
                    return hub
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_hub(hub)
            raise ClassroomError(f"JupyterHub did not answer within {timeout:.0f} s:\n" + log.read_text()[-4000:])
        time.sleep(0.5)


def _pid_from(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def leftovers(room: Classroom) -> list[int]:
    """Processes still running as a class account, and the hub or the proxy if their pid files name live processes."""
    uids = set()
    for user in room.users:
        try:
            uids.add(pwd.getpwnam(user).pw_uid)
        except KeyError:
            pass
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("Uid:") and int(line.split()[1]) in uids and _alive(int(status.parent.name)):
                    pids.append(int(status.parent.name))
        except (OSError, ValueError):
            continue
    for name in ("jupyterhub.pid", "proxy.pid"):
        pid = _pid_from(Path(room.state) / name)
        if pid:
            pids.append(pid)
    return sorted(set(pids))


def stop_hub(hub: Hub, timeout: float = 60) -> list[int]:
    """Stop the hub (it stops the single-user servers and the proxy); end what is left by pid; return those pids."""
    hub_pid = _pid_from(Path(hub.room.state) / "jupyterhub.pid")
    if hub.process.poll() is None:
        try:
            os.killpg(hub.process.pid, signal.SIGTERM)  # bwrap and the hub; the hub then stops the servers and the proxy
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (hub.process.poll() is None or (hub_pid and _alive(hub_pid))):
        time.sleep(0.2)
    if hub.process.poll() is None:
        os.killpg(hub.process.pid, signal.SIGKILL)
    hub.process.wait()
    left = leftovers(hub.room)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in left:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in left):
            time.sleep(0.2)
    return left


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


@contextmanager
def running_class(room: Classroom) -> Iterator[Hub]:
    """Set up the class, start its hub; stop everything on the way out, whatever happened."""
    setup(room)
    hub = start_hub(room)
    try:
        yield hub
    finally:
        stop_hub(hub)


# -- make hub ---------------------------------------------------------------------------------------

DEMO_STATE = Path("/srv/partners-and-rivals-hub")
