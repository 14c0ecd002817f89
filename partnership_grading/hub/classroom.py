"""The class: local accounts, the course in the instructor's home, nbgrader's exchange, and commands
run as a class account in the class's view (:mod:`.view`)."""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .view import HUB_CONFIG, REPO, hidden_folders, view_argv

VENV_BIN = Path(sys.prefix) / "bin"  # the interpreter's environment, not its resolved symlink
CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
CONFIG = HUB_CONFIG / "jupyterhub_config.py"
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
            "JUPYTER_CONFIG_PATH": str(HUB_CONFIG / self.role(user)),
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
    from ..course import Course, make_course_copy

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
