"""Grading a class on a real Dask cluster of separate processes, one of which is killed mid-run.

The test starts, from the project's environment, ``dask scheduler`` and two ``dask worker``
processes (``--nworkers 1 --nthreads 1``), all on 127.0.0.1 with no dashboard, each in its own
process group. Then:

1. a copy of a ps2-revenue class (solutions, partial answers, the release, a cheat, tampering, a
   file that is not a notebook) is graded by plain sequential ``nbgrader autograde``: the reference;
2. the same class, in another copy, is graded by the command line
   ``autograde ps2-revenue --scheduler tcp://127.0.0.1:PORT``;
3. once two students are saved and a worker is running a submission, that worker's whole process
   group (the nanny, the worker and its sandboxed kernel) is killed with SIGKILL;
4. the run finishes on the other worker: every student is graded exactly once (one state file and
   one gradebook submission each, none recorded as a grader failure, so the killed worker's
   submissions were run again), and the export is byte-identical to plain nbgrader's.

Every process the test started is stopped at the end, and the test checks that none is left.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnership_grading import course as wf
from partnership_grading.parallel import state_path
from tests import hostile_corpus as hostile

from .test_grading_parallel import _students, scores

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ps2-revenue"
DASK = Path(sys.executable).parent / "dask"

pytestmark = [pytest.mark.slow, pytest.mark.cluster]


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group (a worker's nanny closes its worker), then SIGKILL whatever is left of it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _alive_in_groups(groups: set[int]) -> list[str]:
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if stat[0] != "Z" and int(stat[2]) in groups:
            alive.append(f"{pid} (group {stat[2]})")
    return alive


@contextlib.contextmanager
def dask_cluster(tmp: Path, names: tuple[str, ...]):
    """``dask scheduler`` and one ``dask worker`` per name; yields (address, {name: worker process})."""
    # One death per task, as the local cluster allows (Dask's default of 3 would also pass this test).
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}
    started: list[subprocess.Popen] = []

    def start(cmd: list[str], log: str) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=(tmp / log).open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
        started.append(proc)
        return proc

    try:
        info = tmp / "scheduler.json"
        scheduler = start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                           "--scheduler-file", str(info)], "scheduler.log")
        deadline = time.monotonic() + 180
        while not info.exists() and scheduler.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert info.exists(), (tmp / "scheduler.log").read_text()[-3000:]
        address = json.loads(info.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:"), address
        workers = {name: start([str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                                "--no-dashboard", "--name", name, "--local-directory", str(tmp / name)], f"{name}.log")
                   for name in names}
        yield address, workers
    finally:
        for proc in reversed(started):
            _stop(proc)


@pytest.mark.timeout(1800)  # grades the class twice in its body (plain, then on the cluster, waiting up to 900 s)
def test_a_class_graded_on_a_cluster_survives_a_killed_worker(tmp_path):
    from distributed import Client

    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp_path / "course", [ASSIGNMENT])
    (released,) = wf.release(course, [ASSIGNMENT])
    corpus = hostile.corpus_from(ROOT / "exercises", ASSIGNMENT, released)
    inbox = tmp_path / "inbox"
    students = _students(corpus)
    students.update({f"s9-solution-{k}": hostile._bytes(corpus.solved()) for k in range(3)})  # a longer run, to kill it in the middle
    for student, data in students.items():
        (inbox / student).mkdir(parents=True)
        (inbox / student / corpus.spec.notebook).write_bytes(data)
    wf.collect(course, ASSIGNMENT, inbox)
    shutil.copytree(course.root, tmp_path / "plain")
    plain = wf.Course(tmp_path / "plain", db_url=f"sqlite:///{tmp_path / 'plain' / 'gradebook.db'}")
    wf.autograde(plain, [ASSIGNMENT])
    reference = wf.export(plain, tmp_path / "plain.csv").read_bytes()

    groups: set[int] = set()
    with dask_cluster(tmp_path, ("w1", "w2")) as (address, workers):
        groups = {p.pid for p in workers.values()}
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=180)
            by_name = {w["name"]: addr for addr, w in client.scheduler_info(n_workers=-1)["workers"].items()}
            assert sorted(by_name) == ["w1", "w2"], by_name

            cmd = [sys.executable, "-m", "partnership_grading", "--course", str(course.root), "autograde", ASSIGNMENT,
                   "--scheduler", address, "--no-summary", "--no-progress"]
            run = subprocess.Popen(cmd, env=course.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
            groups.add(run.pid)
            try:
                saved = lambda: [s for s in students if state_path(course, ASSIGNMENT, s).exists()]  # noqa: E731
                victim, lost, deadline = None, [], time.monotonic() + 400
                while victim is None and run.poll() is None and time.monotonic() < deadline:
                    if len(saved()) >= 2:
                        for name, addr in by_name.items():
                            keys = [k for k in client.processing(workers=[addr]).get(addr, []) if str(k).startswith("autograde-")]
                            if keys:
                                victim, lost = name, keys
                                os.killpg(workers[name].pid, signal.SIGKILL)
                                break
                    time.sleep(0.1)
                assert victim is not None, f"no worker was killed mid-run ({len(saved())} of {len(students)} saved)"
                at_kill = saved()
                out, _ = run.communicate(timeout=900)
            finally:
                if run.poll() is None:
                    os.killpg(run.pid, signal.SIGKILL)
                    run.wait()
            assert run.returncode == 0, out[-3000:]
            assert len(at_kill) < len(students), "the worker was killed before the end of the run"
            workers[victim].wait(timeout=30)
            assert list(client.scheduler_info(n_workers=-1)["workers"]) == [by_name[next(n for n in by_name if n != victim)]]

        assert f"autograde {ASSIGNMENT}: {len(students)} submission(s) graded" in out, out[-3000:]
        assert f"cluster: Dask scheduler {address}" in out
        states = {s: json.loads(state_path(course, ASSIGNMENT, s).read_text()) for s in students}
        assert {s: st["status"] for s, st in states.items() if st["status"] != "graded"} == {"s8-not-a-notebook": "unreadable"}, \
            f"the submissions on the killed worker ({lost}) were graded again, not given up"
        from nbgrader.api import Gradebook

        with Gradebook(course.db, course.course_id) as gb:
            ids = [sub.student.id for sub in gb.assignment_submissions(ASSIGNMENT)]
        assert sorted(ids) == sorted(students), "exactly one submission per student"
        assert wf.export(course, tmp_path / "cluster.csv").read_bytes() == reference
        assert scores(course)["s1-solution"] == scores(plain)["s1-solution"]

    left = _alive_in_groups(groups)
    assert left == [], f"processes the test started are still running: {left}"
