"""SandboxedKernel: the student's kernel in bubblewrap (:mod:`~partnership_grading.sandbox`), with rlimits,
an environment without the grader's secrets, and Unix sockets in a private folder.

Mixed into :class:`~.guarded_execute.GuardedExecute` before nbgrader's Execute; where bubblewrap is
missing, grading refuses to start unless ``allow_unsandboxed`` is set.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING, Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbformat.notebooknode import NotebookNode
from traitlets import Bool, Integer, List, Unicode
from traitlets.config import Configurable

from partnership.variants import ID_VARIABLE

from .. import limits, sandbox
from .findings import META_KEY

if TYPE_CHECKING:  # a mixin of nbgrader's Execute, which is nbclient's NotebookClient: type it as one
    from nbclient import NotebookClient as _Client
else:
    _Client = Configurable

VARIANT_ID_ENV = ID_VARIABLE  # the student id the kernel's my_numbers reads first
THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
SECRET_ENV = re.compile(r"(NBGRADER_DB_URL|DATABASE|PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PGPASS|^PG|AWS_|JUPYTERHUB_API)", re.I)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel command is wrapped by :mod:`~partnership_grading.sandbox`."""

    wrap = None  # set per kernel by GuardedExecute: the kernel's command line -> the sandboxed one

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        return self.wrap(cmd) if self.wrap is not None else cmd


class SandboxedKernel(_Client):
    """Where and how the kernel runs."""

    allow_unsandboxed = Bool(
        os.environ.get(sandbox.UNSAFE_ENV) == "1",
        help="Grade without the bubblewrap sandbox when it is unavailable (unsafe: student code then runs "
        f"with the grader's own access to the machine). Also set by {sandbox.UNSAFE_ENV}=1.",
    ).tag(config=True)
    sandbox_user = Unicode(sandbox.SANDBOX_USER, help="Unprivileged account kernels run as when the grader is root.").tag(config=True)
    max_processes = Integer(limits.MAX_PROCESSES, help="Processes and threads the sandbox account may run (RLIMIT_NPROC; only for the dedicated account).").tag(config=True)
    memory_limit_mb = Integer(
        limits.MEMORY_MB, help="Address-space limit of the kernel (RLIMIT_AS), MB; 0: none."
    ).tag(config=True)
    file_size_limit_mb = Integer(limits.FILE_SIZE_MB, help="Largest file the kernel may write (RLIMIT_FSIZE), MB; 0: none.").tag(config=True)
    scrub_env = Bool(True, help="Start the kernel without the grader's secrets (database URLs, tokens, passwords).").tag(config=True)
    kernel_stdout = Unicode("devnull", help="'devnull' or 'inherit': where the kernel's own stdout goes.").tag(config=True)
    extra_kernel_lines = List(Unicode(), help="Python lines the kernel runs at start, before any cell.").tag(config=True)
    kernel_transport = Unicode(
        "ipc" if sys.platform.startswith("linux") else "tcp",
        help="'ipc' (Unix sockets in a private folder) or 'tcp'. Kernels started at the same moment by "
        "parallel workers can pick the same free TCP port (a known jupyter_client race); sockets cannot collide.",
    ).tag(config=True)
    extra_arguments: list[str]  # nbclient's own trait, declared for the type checker (nbgrader's Execute is untyped)
    notebook_timeout: int  # GuardedExecute's; also the CPU-time backstop here
    # Set per notebook by GuardedExecute.preprocess:
    _sandbox: sandbox.Account | None
    _workdir: str | None
    _ipc_dir: str | None
    _student: str
    _assignment: str

    def _sandbox_account(self, nb: NotebookNode) -> sandbox.Account | None:
        try:
            note = sandbox.self_check(self.sandbox_user)
            account = sandbox.sandbox_account(self.sandbox_user)
        except sandbox.SandboxUnavailable as exc:
            if not self.allow_unsandboxed:
                raise
            self.log.warning("Grading WITHOUT a sandbox (GuardedExecute.allow_unsandboxed): %s", exc)
            nb.metadata.setdefault(META_KEY, {})["sandbox"] = f"none ({exc})"
            return None
        nb.metadata.setdefault(META_KEY, {})["sandbox"] = note
        return account

    def create_kernel_manager(self):
        if self._sandbox is not None:
            self.kernel_manager_class = SandboxedKernelManager
        km: Any = super().create_kernel_manager()  # a SandboxedKernelManager when sandboxed
        if self._sandbox is not None:
            # The kernel's only way out: Unix sockets and its connection file in a private folder,
            # on a short path (a socket's path must stay under about 100 bytes, whatever TMPDIR is).
            folder = tempfile.mkdtemp(prefix="nbg-")
            if len(folder) > 60:
                os.rmdir(folder)
                folder = tempfile.mkdtemp(prefix="nbg-", dir="/tmp")
            self._ipc_dir = folder
            km.transport = "ipc"
            km.ip = os.path.join(folder, "k")
            km.connection_file = os.path.join(folder, "kernel.json")
            account, workdir = self._sandbox, self._workdir
            if workdir is None:  # unreachable: preprocess() makes the working folder before the kernel starts
                raise RuntimeError("the kernel's working folder is made before its kernel manager")

            def wrap(cmd: list[str]) -> list[str]:
                sandbox.hand_over(folder, account)
                if os.path.exists(km.connection_file):
                    sandbox.hand_over(km.connection_file, account)
                threads = {var: "1" for var in THREAD_ENV}
                threads[VARIANT_ID_ENV] = self._student
                return sandbox.sandboxed(cmd, account, workdir=workdir, mount_as=f"{sandbox.HOME}/{self._assignment}", socket_dir=folder, env=threads)

            km.wrap = wrap
            # SIGINT to the process group would also stop bubblewrap, and with it the sandbox: ask the
            # kernel to interrupt itself over its control channel instead.
            km.kernel_spec.interrupt_mode = "message"
            return km
        if self.kernel_transport == "ipc":
            # A short private path: Unix socket paths are limited to about 100 bytes, and a 0700
            # folder keeps other local users off the kernel's sockets.
            folder = tempfile.mkdtemp(prefix="nbg-")
            if len(folder) < 80:
                self._ipc_dir = folder
                km.transport = "ipc"
                km.ip = os.path.join(folder, "k")
            else:
                os.rmdir(folder)
        return km

    async def async_start_new_kernel(self, **kwargs):
        rlimits = []
        if self.memory_limit_mb:
            rlimits.append((resource.RLIMIT_AS, self.memory_limit_mb * 1024 * 1024))
        if self.file_size_limit_mb:
            rlimits.append((resource.RLIMIT_FSIZE, self.file_size_limit_mb * 1024 * 1024))
        if self.notebook_timeout:  # CPU seconds: a backstop if interrupts and timeouts are ignored
            rlimits.append((resource.RLIMIT_CPU, self.notebook_timeout + limits.CPU_BACKSTOP_S))
        rlimits.append((resource.RLIMIT_CORE, 0))
        if self._sandbox is not None and self._sandbox.switch and self.max_processes:
            rlimits.append((resource.RLIMIT_NPROC, self.max_processes))
        # Never the folder the student's files were collected into: the working folder holds the notebook,
        # the release's files and the grader's own variants.json, nothing else the student handed in.
        kwargs["cwd"] = self._workdir

        def set_limits() -> None:  # runs in the kernel's process before exec
            for which, value in rlimits:
                try:
                    soft, hard = resource.getrlimit(which)
                    cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
                    resource.setrlimit(which, (cap, cap))
                except (ValueError, OSError):
                    pass

        kwargs.setdefault("preexec_fn", set_limits)
        env = {k: v for k, v in os.environ.items() if not (self.scrub_env and SECRET_ENV.search(k))}
        for var in THREAD_ENV:  # one thread per kernel: workers run side by side, and BLAS buffers fit the memory limit
            env.setdefault(var, "1")
        env.pop("JUPYTERHUB_USER", None)  # whoever runs the grader is not the student
        env[VARIANT_ID_ENV] = self._student  # who the student is, from nbgrader's folder: the kernel's my_numbers reads it
        kwargs.setdefault("env", env)
        if self.kernel_stdout == "devnull":
            kwargs.setdefault("stdout", subprocess.DEVNULL)
        if self.extra_kernel_lines:
            arg = f"--IPKernelApp.exec_lines={list(self.extra_kernel_lines)!r}"
            if arg not in self.extra_arguments:
                self.extra_arguments = [*self.extra_arguments, arg]
        return await super().async_start_new_kernel(**kwargs)

    # nbclient binds the synchronous wrapper to its own coroutine; bind it to ours.
    start_new_kernel = run_sync(async_start_new_kernel)
