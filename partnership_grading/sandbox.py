"""The disposable sandbox every autograding kernel runs in: bubblewrap, as an unprivileged user.

A kernel started by :class:`~partnership_grading.preprocessors.GuardedExecute` runs as::

    bwrap --unshare-all --die-with-parent --clearenv ... -- python -m ipykernel_launcher -f …

with these views and limits (see :func:`bwrap_argv`):

- the system (``/usr`` and its links, a few files of ``/etc``), the Python installation, the
  virtual environment and the course package **read-only**; nothing else of the machine: no
  ``source/``, no gradebook, no other students, no grader configuration, no home folders;
- a private writable working folder, mounted at ``/home/student/<assignment>``, holding only this
  student's notebook and the files the release itself contains (never other files the student
  handed in, so nothing can shadow an installed package or run before the first cell);
- a private folder for the kernel's Unix sockets and connection file (the only way in or out);
- new user, PID, network, IPC, UTS and cgroup namespaces: no network at all (the kernel talks to
  the grader over Unix sockets), its own ``/proc`` showing only its own processes, and every
  process it started dies with it (``--die-with-parent``, PID namespace);
- an unprivileged user with no capabilities: the grader's own account (bubblewrap in a user
  namespace), or, when the grader runs as root, :data:`SANDBOX_USER` (created by
  ``scripts/system-deps.sh``; bubblewrap mounts as root, then ``setpriv`` drops to that user);
- an empty environment apart from what the kernel needs (no database URLs, tokens, ``JPY_*``).

The time, memory, file-size and output limits stay where they were (rlimits set before ``exec``,
and the per-cell and per-notebook timeouts of the grader).
"""

from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SANDBOX_USER = "nbgrader-sandbox"
UNSAFE_ENV = "GRADING_UNSAFE_NO_SANDBOX"  # "1": grade where no sandbox can be made (set by --unsafe-no-sandbox)
HOME = "/home/student"

# Files of /etc a Python kernel (and matplotlib's font lookup) reads; the rest of /etc stays out.
ETC_FILES = (
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/fonts",
    "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/mime.types", "/etc/matplotlibrc",
)
# Kept from the grader's environment; everything else (secrets included) is dropped.
KEEP_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


class SandboxUnavailable(RuntimeError):
    """Student code cannot be sandboxed on this machine: autograding refuses to run it."""


@dataclass(frozen=True)
class Account:
    """Who the sandboxed kernel runs as."""

    uid: int
    gid: int
    name: str

    @property
    def switch(self) -> bool:
        """Whether the grader runs as root and the kernel must be switched to this account.

        Root's bubblewrap mounts what only root can read (a Python installed under ``/root``, say);
        the kernel then drops to the account with every capability cleared (``setpriv``).
        Any other user runs bubblewrap unprivileged, in a user namespace, as itself.
        """
        return os.geteuid() == 0 and self.uid != 0


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def sandbox_account(user: str = SANDBOX_USER) -> Account:
    """The grader's own account, or ``user`` when the grader is root (root never runs student code)."""
    if os.geteuid() != 0:
        return Account(os.geteuid(), os.getegid(), pwd.getpwuid(os.geteuid()).pw_name)
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise SandboxUnavailable(
            f"autograding runs as root, so student code must run as the unprivileged user {user!r}, "
            f"which does not exist. Create it (`useradd --system --no-create-home --shell /usr/sbin/nologin {user}`, "
            "or `make system-deps`), or grade as an ordinary user."
        ) from None
    if entry.pw_uid == 0:
        raise SandboxUnavailable(f"the sandbox user {user!r} is root; it must be an unprivileged account.")
    return Account(entry.pw_uid, entry.pw_gid, user)


def _python_roots() -> list[str]:
    """The interpreter, the environment and any folder an installed package is imported from."""
    import partnership

    roots = {os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix)}
    package = os.path.realpath(Path(partnership.__file__).parent)  # an editable install lives outside the environment
    roots.add(package)
    exe = os.path.realpath(sys.executable)
    if not any(exe.startswith(r + os.sep) for r in roots):
        roots.add(os.path.dirname(exe))
    return sorted(roots)


def _system_binds() -> list[str]:
    argv: list[str] = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    for path in ETC_FILES:
        argv += ["--ro-bind-try", path, path]
    return argv


def _parents(targets: list[str]) -> list[str]:
    """``--dir`` for every folder above a mount point, readable by the sandbox user.

    bubblewrap makes missing parents of a mount point with mode 0700, which the unprivileged user
    could not enter (the environment under ``/root/.pyenv``, say); ``--perms`` makes them 0755.
    Folders below ``/tmp`` count too: the kernel's socket folder lies in ``$TMPDIR``, which is often
    a folder of its own there (a batch job's ``/tmp/job-123``, pytest's ``/tmp/pytest-of-…``).
    """
    out: list[str] = []
    made: set[str] = set()
    for target in targets:
        parts = Path(target).parts
        for k in range(2, len(parts)):
            folder = str(Path(*parts[:k]))
            if folder in made or folder in ("/tmp", "/proc", "/dev") or folder.startswith(("/usr/", HOME)):
                continue
            made.add(folder)
            out += ["--perms", "0755", "--dir", folder]
    return out


def sandboxed(command: list[str], account: Account, *, workdir: str, mount_as: str, socket_dir: str, env: dict[str, str] | None = None) -> list[str]:
    """``command`` (a kernel's command line) wrapped so that it runs in the sandbox as ``account``."""
    bwrap = bwrap_path()
    if bwrap is None:
        raise SandboxUnavailable(
            "bubblewrap (`bwrap`) is not installed, so student code cannot be sandboxed. Install Debian's "
            "`bubblewrap` package (`make system-deps` does), or pass --GuardedExecute.allow_unsandboxed=True "
            "to grade without a sandbox (unsafe: only for code you trust)."
        )
    if account.switch:  # no user namespace: root's mounts, then setpriv drops to the account
        unshare = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    else:
        unshare = ["--unshare-all", "--cap-drop", "ALL"]
    argv = [bwrap, *unshare, "--die-with-parent", "--clearenv"]
    binds = _system_binds() + [arg for root in _python_roots() for arg in ("--ro-bind", root, root)]
    binds += ["--bind", socket_dir, socket_dir, "--bind", workdir, mount_as]
    argv += ["--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp"]
    argv += _parents([binds[k + 2] for k, arg in enumerate(binds) if arg in ("--ro-bind", "--ro-bind-try", "--bind", "--symlink")])
    argv += ["--perms", "1777", "--tmpfs", HOME]  # a home of its own, gone with the sandbox
    argv += binds + ["--chdir", mount_as]
    values = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
    values.update(env or {})
    values.update(
        PATH=os.pathsep.join([os.path.join(sys.prefix, "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
        HOME=HOME, TMPDIR="/tmp", MPLBACKEND="Agg", MPLCONFIGDIR="/tmp/matplotlib", IPYTHONDIR=f"{HOME}/.ipython",
        PYTHONNOUSERSITE="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    for key, value in sorted(values.items()):
        argv += ["--setenv", key, value]
    argv.append("--")
    if account.switch:
        setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
        argv += [setpriv, f"--reuid={account.uid}", f"--regid={account.gid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
    return argv + list(command)


def hand_over(path: str, account: Account) -> None:
    """Let the sandbox account write a folder the grader made (sockets, working folder)."""
    if account.switch:
        os.chown(path, account.uid, account.gid)


@functools.lru_cache(maxsize=None)
def self_check(user: str = SANDBOX_USER) -> str:
    """Start one trivial sandbox; raise :class:`SandboxUnavailable` (saying why) if it does not work.

    Returns a one-line description (for the log and the autograded notebook's metadata).
    """
    account = sandbox_account(user)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nbg-check-") as tmp:
        hand_over(tmp, account)
        probe = "import os, sys; print(os.getuid(), os.getpid(), sum(p.isdigit() for p in os.listdir('/proc')) < 5, os.path.exists('/etc/shadow'))"
        argv = sandboxed([sys.executable, "-I", "-c", probe], account, workdir=tmp, mount_as=f"{HOME}/check", socket_dir=tmp)
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SandboxUnavailable(f"bubblewrap could not start a sandbox here ({exc}).") from exc
    if proc.returncode != 0:
        raise SandboxUnavailable(
            "bubblewrap could not start a sandbox here (exit code "
            f"{proc.returncode}: {proc.stderr.strip()[-400:]}). It needs unprivileged user namespaces "
            "(sysctl kernel.unprivileged_userns_clone=1 on some kernels) or a setuid bwrap."
        )
    uid, pid, private_proc, shadow = proc.stdout.split()
    if int(uid) == 0 or pid not in ("1", "2") or private_proc != "True" or shadow != "False":
        raise SandboxUnavailable(f"the sandbox is not isolated as expected (uid {uid}, pid {pid}, private /proc {private_proc}).")
    return f"bubblewrap as {account.name} (uid {uid}), own PID namespace, no network"
