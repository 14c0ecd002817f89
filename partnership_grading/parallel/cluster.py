"""The Dask cluster a run grades on: a ``LocalCluster`` on 127.0.0.1, or an existing scheduler's.

One idea: connecting (in the background, while the coordinator prepares), sizing the local cluster
(:func:`default_workers`) and closing it when the run ends.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future

    from distributed import Client, LocalCluster


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """One worker more than there are cores.

    A worker spends about a third of each submission waiting for its kernel to start, answer and
    stop, so one worker per core leaves the cores partly idle; measured on 2 cores, 3 workers grade
    about 15 % faster than 2, and 4 no faster than 3.
    """
    return available_cores() + 1


class _Cluster:
    """The Dask client, connected when first needed and shared by every assignment of a run.

    Without a scheduler address: a ``LocalCluster`` of worker processes (one thread each: every
    task is a kernel of its own, and nbgrader's log capture is per process) on 127.0.0.1, with no
    dashboard, whose scheduler lets a task's worker die once (``allowed-failures``; Dask's default
    of 3 would let one submission take down four workers before it is given up).
    """

    def __init__(self, workers: int, scheduler: str | None, scratch: Path | None):
        self.workers, self.scheduler, self.scratch = workers, scheduler, scratch
        self.client: Client | None = None
        self.local: LocalCluster | None = None
        self._starting: Future[None] | None = None
        self.description = ""

    def start_soon(self, needed: int) -> None:
        """Start connecting in the background: worker processes take seconds to start, as long as the coordinator's own preparation."""
        if self._starting is None:
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dask-start")
            self._starting = pool.submit(self._connect, needed)
            pool.shutdown(wait=False)

    def connect(self, needed: int) -> Client:
        self.start_soon(needed)
        if self._starting is not None:
            self._starting.result()
        if self.client is None:  # unreachable: _connect sets it or raises
            raise RuntimeError("the Dask client did not start")
        return self.client

    def _connect(self, needed: int) -> None:
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="60s")
            except OSError as exc:  # TimeoutError included
                raise ValueError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from exc
            self.description = f"Dask scheduler {self.scheduler}"
            return
        n = max(1, min(self.workers, needed))
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            self.local = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tcp",
                dashboard_address=None, local_directory=str(self.scratch) if self.scratch else None,
                silence_logs=logging.ERROR,  # a failed task is reported by the summary, not by a worker's traceback
            )
        self.client = Client(self.local)
        self.description = f"LocalCluster of {n} worker process(es) on 127.0.0.1"

    def size(self) -> int:
        if self.client is None:
            return 0
        if self.local is not None:
            return len(self.local.workers)
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def close(self) -> None:
        if self._starting is not None:
            with contextlib.suppress(Exception):  # a start that failed has nothing to close
                self._starting.result()
        if self.client is not None:
            self.client.close()
        if self.local is not None:
            self.local.close()
        self.client, self.local, self._starting = None, None, None
