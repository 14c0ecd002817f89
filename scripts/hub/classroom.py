"""A class on a JupyterHub on this machine: local accounts, the course in the instructor's home, nbgrader's exchange.

``make hub`` runs this file (a demonstration; it prints the address, the users and their passwords)
and ``tests/test_hub.py`` imports it; ``jupyterhub_config.py`` beside it reads the class it
describes. It runs as root, because it creates the accounts:

- an instructor (``pr-instructor``) and three students (``pr-student1..3``), real local accounts
  with locked passwords (nobody can log in to the machine as them; the hub has its own passwords)
  and private home folders (0700);
- the course: a copy of this repository's ``exercises/`` (its ``nbgrader_config.py``, the rubrics
  and the sources, with a SQLite gradebook of its own) in ``~pr-instructor/course``, owned by the
  instructor, so only the instructor reads the sources and the gradebook;
- nbgrader's exchange, a folder every account may write into, 1777 like ``/tmp``: nbgrader makes
  it 0777, and the sticky bit keeps a student from renaming or removing the course's folder in
  it (``nbgrader release_assignment`` leaves that bit alone);
- what each role's Jupyter reads: ``instructor/`` or ``student/`` beside this file on
  ``JUPYTER_CONFIG_PATH`` (nbgrader's configuration, which extensions are on, the formgrader's
  frame policy), and the exchange in ``NBGRADER_EXCHANGE``.

The hub, its proxy and the single-user servers run from this repository's ``.venv`` and
``node_modules`` (``make install js-deps``): nothing is downloaded when it starts. They run in the
class's *view* of the machine (:func:`view_argv`, a mount namespace made by bubblewrap as root):
the repository shows only what the class runs (the environment, the course package, the proxy and
this folder), so its solutions, specs and instructor edition stay out of reach, and a private
folder the Python installation lives in (pyenv's under ``/root``, say) shows only that
installation. Commands run as a class account (:func:`run_as`) see the same view.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV_BIN = Path(sys.prefix) / "bin"  # the interpreter's environment, not its resolved symlink
CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
CONFIG = HERE / "jupyterhub_config.py"
CLASS_ENV = "PR_HUB_CLASS"  # the hub's configuration finds the class description through this variable

INSTRUCTOR = "pr-instructor"
STUDENTS = ("pr-student1", "pr-student2", "pr-student3")
COURSE_ID = "partners-and-rivals"
COURSE_FOLDER = "course"  # in the instructor's home


class ClassroomError(RuntimeError):
    """The class cannot be set up on this machine; the message says what to do."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def home(user: str) -> Path:
    """The account's home folder; before the account exists, where ``useradd --create-home`` will put it."""
    try:
        return Path(pwd.getpwnam(user).pw_dir)
    except KeyError:
        return Path("/home") / user


@dataclass(frozen=True)
class Classroom:
    """Everything the hub's configuration and the class's commands need to know about one class."""

    state: str  # root-only folder: the hub's database, cookie secret, pid files, log, class.json
    exchange: str  # nbgrader's exchange root
    port: int  # the hub's public port on 127.0.0.1
    hub_port: int  # the hub's own API port (internal)
    proxy_api_port: int  # the proxy's REST API port (internal)
    user_password: str  # students log in with it
    admin_password: str  # the instructor (the hub's only admin) logs in with it
    instructor: str = INSTRUCTOR
    students: tuple[str, ...] = STUDENTS
    course_id: str = COURSE_ID

    @property
    def url(self) -> str:
        """The hub's address. Each user's server has its own origin, ``http://<user>.localhost:<port>``."""
        return f"http://localhost:{self.port}"

    def user_url(self, user: str) -> str:
        return f"http://{user}.localhost:{self.port}/user/{user}"

    @property
    def users(self) -> tuple[str, ...]:
        return (self.instructor, *self.students)

    @property
    def course_root(self) -> Path:
        return home(self.instructor) / COURSE_FOLDER

    def password(self, user: str) -> str:
        return self.admin_password if user == self.instructor else self.user_password

    def role(self, user: str) -> str:
        if user == self.instructor:
            return "instructor"
        if user in self.students:
            return "student"
        raise ValueError(f"{user!r} is not in this class ({', '.join(self.users)}).")

    def environment(self, user: str) -> dict[str, str]:
        """What a user's server (and a command run as the user) gets on top of HOME, USER and the locale."""
        env = {
            "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
            "JUPYTER_CONFIG_PATH": str(HERE / self.role(user)),
            "NBGRADER_EXCHANGE": self.exchange,
            "PR_COURSE_ID": self.course_id,
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
        if user == self.instructor:
            env["PR_COURSE_ROOT"] = str(self.course_root)
        return env

    # -- saved as JSON for the hub's configuration --------------------------------------------------
    @property
    def file(self) -> Path:
        return Path(self.state) / "class.json"

    def save(self) -> Path:
        self.file.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        os.chmod(self.file, 0o600)  # it holds the passwords
        return self.file

    @classmethod
    def load(cls, path: Path) -> Classroom:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data["students"] = tuple(data["students"])
        return cls(**data)


def new_classroom(state: Path, exchange: Path, port: int | None = None) -> Classroom:
    """A class with fresh random passwords and free ports on 127.0.0.1."""
    return Classroom(
        state=str(state), exchange=str(exchange), port=port or free_port(), hub_port=free_port(),
        proxy_api_port=free_port(), user_password=secrets.token_urlsafe(12), admin_password=secrets.token_urlsafe(32),
    )


# -- accounts, the course and the exchange --------------------------------------------------------


def _require_root() -> None:
    if os.geteuid() != 0:
        raise ClassroomError("the class creates local accounts and runs their servers as them: run it as root.")


def ensure_account(user: str) -> bool:
    """Create ``user`` (home folder, own group, locked password) if missing; return True if it was created."""
    try:
        pwd.getpwnam(user)
        created = False
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", user], check=True)  # noqa: S607 - the system's own useradd
        created = True
    where = home(user)
    where.mkdir(exist_ok=True)
    entry = pwd.getpwnam(user)
    os.chown(where, entry.pw_uid, entry.pw_gid)
    os.chmod(where, 0o700)  # no student reads another's work, nobody reads the instructor's course
    return created


def empty_home(user: str) -> None:
    """Remove everything in a class account's home (a fresh start), keeping the folder itself."""
    if not user.startswith("pr-"):
        raise ValueError(f"refusing to empty the home of {user!r}: only the class accounts (pr-*) are reset")
    where = home(user)
    for child in where.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def remove_account(user: str) -> None:
    if not user.startswith("pr-"):
        raise ValueError(f"refusing to remove {user!r}: only the class accounts (pr-*) are removed")
    subprocess.run(["userdel", "--remove", user], check=False, stderr=subprocess.DEVNULL)  # noqa: S607 - the system's own userdel


def setup(room: Classroom) -> list[str]:
    """Accounts (emptied), the course in the instructor's home, the exchange and the hub's state; return the accounts created."""
    _require_root()
    if not CHP.exists():
        raise ClassroomError(f"{CHP} is missing: run `make js-deps` (configurable-http-proxy comes from npm).")
    created = [user for user in room.users if ensure_account(user)]
    for user in room.users:
        empty_home(user)
    state = Path(room.state)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o700)
    exchange = Path(room.exchange)
    if exchange.exists():
        shutil.rmtree(exchange)
    exchange.mkdir(parents=True)
    os.chmod(exchange, 0o1777)  # noqa: S103 - nbgrader's exchange root: every account writes, the sticky bit keeps files apart
    for parent in exchange.parents:  # every account must reach the exchange
        if parent == Path("/"):
            break
        mode = parent.stat().st_mode
        if mode & 0o001 == 0:
            raise ClassroomError(f"{parent} is not searchable by other users (mode {oct(mode & 0o777)}): choose another exchange folder.")
    for path in (state, exchange, *(home(u) for u in room.users)):
        if any(str(path).startswith(folder + os.sep) for folder in hidden_folders()):
            raise ClassroomError(f"{path} is inside a folder the class's view hides ({', '.join(hidden_folders())}): choose another.")
    _make_course(room)
    room.save()
    _check_environment(room)
    return created


def _make_course(room: Classroom) -> None:
    sys.path.insert(0, str(REPO))
    from partnership_grading.course import Course, make_course_copy

    make_course_copy(Course(REPO / "exercises"), room.course_root)
    entry = pwd.getpwnam(room.instructor)
    for path in [room.course_root, *room.course_root.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def _check_environment(room: Classroom) -> None:
    """Every account must be able to run the course's environment (a checkout in a private home cannot)."""
    probe = run_as(room, room.students[0], str(VENV_BIN / "python"), "-c", "import partnership, nbgrader, jupyterhub", check=False)
    if probe.returncode != 0:
        raise ClassroomError(
            f"{room.students[0]} cannot use the course environment {VENV_BIN.parent} (every folder above it must be "
            f"readable and searchable by other users):\n{probe.stdout[-2000:]}"
        )


def _searchable(path: Path) -> bool:
    return path.stat().st_mode & 0o001 != 0


def view_argv() -> list[str]:
    """``bwrap`` options for the class's view: the repository and any private folder above what the class runs hidden.

    Shown read-only: the Python installation, the environment, the course package, the grading
    engine (the instructor autogrades with it; it holds no answer), node_modules and this folder. Hidden (an empty tmpfs in their place): the repository and every folder above
    those that other users cannot search (``/root`` for a pyenv Python).
    """
    keep = sorted({os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, REPO / "partnership", REPO / "partnership_grading",
                                                  REPO / "node_modules", HERE)})
    hide = {str(REPO)}
    for path in keep:
        for parent in Path(path).parents:
            if parent != Path("/") and not _searchable(parent):
                hide.add(str(parent))
    outermost = sorted(h for h in hide if not any(h.startswith(o + os.sep) for o in hide if o != h))
    argv = ["bwrap", "--dev-bind", "/", "/"]
    for folder in outermost:
        argv += ["--perms", "0755", "--tmpfs", folder]
    made = set(outermost)
    for path in keep:
        covering = [folder for folder in outermost if path.startswith(folder + os.sep)]
        if not covering:
            continue
        for parent in reversed(Path(path).parents):  # the folders between, searchable (bwrap would make them 0700)
            if str(parent).startswith(covering[0] + os.sep) and str(parent) not in made:
                argv += ["--perms", "0755", "--dir", str(parent)]
                made.add(str(parent))
        argv += ["--ro-bind", path, path]
    return argv


def hidden_folders() -> list[str]:
    """The folders the class's view replaces by empty ones (what :func:`view_argv` hides)."""
    argv = view_argv()
    return [argv[i + 1] for i, arg in enumerate(argv) if arg == "--tmpfs"]


def user_env(room: Classroom, user: str) -> dict[str, str]:
    entry = pwd.getpwnam(user)
    base = {"HOME": entry.pw_dir, "USER": user, "LOGNAME": user, "SHELL": entry.pw_shell, "LANG": os.environ.get("LANG", "C.UTF-8")}
    return {**base, **room.environment(user)}


def run_as(room: Classroom, user: str, *cmd: str, cwd: Path | None = None, check: bool = True,
           timeout: float | None = 900) -> subprocess.CompletedProcess:
    """Run ``cmd`` as a class account in the class's view, with its server's environment; stdout and stderr together."""
    entry = pwd.getpwnam(user)
    argv = [
        *view_argv(), "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--chdir", str(cwd or entry.pw_dir), "--",
        "setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", "--inh-caps=-all", "--", *cmd,
    ]
    done = subprocess.run(argv, env=user_env(room, user), text=True, errors="replace", stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=timeout)
    if check and done.returncode != 0:
        raise ClassroomError(f"`{' '.join(cmd)}` as {user} failed (exit {done.returncode}):\n{done.stdout[-3000:]}")
    return done


def nbgrader(room: Classroom, *args: str) -> subprocess.CompletedProcess:
    """``nbgrader <args>`` in the course folder, as the instructor (what they would type in the hub's terminal)."""
    return run_as(room, room.instructor, str(VENV_BIN / "python"), "-m", "nbgrader", *args, cwd=room.course_root)


def grading(room: Classroom, *args: str) -> subprocess.CompletedProcess:
    """The course's own workflow (``python -m partnership_grading``) on the instructor's course, as the instructor."""
    return run_as(room, room.instructor, str(VENV_BIN / "python"), "-m", "partnership_grading", "--course", str(room.course_root),
                  *args, cwd=room.course_root)


# -- the hub ----------------------------------------------------------------------------------------


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


def _print_welcome(room: Classroom) -> None:
    print(
        f"\nThe class is on {room.url}/  (127.0.0.1 only; Chromium and Firefox find *.localhost here)\n\n"
        f"  instructor  {room.instructor:<12}  password {room.admin_password}\n"
        + "".join(f"  student     {s:<12}  password {room.user_password}\n" for s in room.students)
        + f"\nps1-ip is released. Students: Nbgrader > Assignment List > Fetch, work, Validate, Submit.\n"
        f"The instructor, in a terminal of the hub: cd ~/course && nbgrader collect ps1-ip &&\n"
        f"  python -m partnership_grading autograde ps1-ip; grade the written answers in Nbgrader > Formgrader;\n"
        f"  python -m partnership_grading feedback ps1-ip && nbgrader release_feedback ps1-ip.\n"
        f"Log: {Path(room.state) / 'jupyterhub.log'}.  Stop with Ctrl-C (the accounts stay; --remove deletes them).\n",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A demonstration class on a JupyterHub on 127.0.0.1 (run as root).")
    parser.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default %(default)s)")
    parser.add_argument("--state", type=Path, default=DEMO_STATE, help="the hub's state and the exchange (default %(default)s)")
    parser.add_argument("--remove", action="store_true", help="remove the class accounts, their homes and the state, then exit")
    args = parser.parse_args(argv)
    try:
        _require_root()
        if args.remove:
            for user in (INSTRUCTOR, *STUDENTS):
                remove_account(user)
            shutil.rmtree(args.state, ignore_errors=True)
            print(f"removed the accounts {INSTRUCTOR}, {', '.join(STUDENTS)} and {args.state}")
            return 0
        args.state.mkdir(parents=True, exist_ok=True)
        os.chmod(args.state, 0o755)  # noqa: S103 - students reach the exchange inside it; the hub's own state is in hub/ (0700)
        room = new_classroom(args.state / "hub", args.state / "exchange", port=args.port)
        with running_class(room) as hub:
            grading(room, "release", "ps1-ip")  # nbgrader generate_assignment, as the course does it
            nbgrader(room, "release_assignment", "ps1-ip", "--force")
            _print_welcome(room)
            try:
                hub.process.wait()
            except KeyboardInterrupt:
                print("\nstopping the hub and the servers ...", flush=True)
        return 0
    except ClassroomError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
