"""GuardedExecute's kernel handling: private Unix sockets, and a kernel that fails before any student
code ran is the grading machine's fault (raised, so it is retried), never a zero for the student."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat
import pytest

from partnership_grading.preprocessors import GraderFault, GuardedExecute, findings_of

pytestmark = pytest.mark.slow


def cell(source: str, grade_id: str | None = None, *, locked: bool = False, solution: bool = False):
    c = nbformat.v4.new_code_cell(source)
    if grade_id:
        c.metadata["nbgrader"] = {"grade_id": grade_id, "locked": locked, "solution": solution, "grade": False, "schema_version": 3}
    return c


def notebook(*cells):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


class Recording(GuardedExecute):
    """Keeps what the kernel manager was given (nbclient drops the manager when the notebook is done)."""

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        self.seen = {"transport": km.transport, "ip": km.ip, "mode": os.stat(Path(km.ip).parent).st_mode & 0o777
                     if km.transport == "ipc" else None}
        return km


def run(nb, **traits):
    ep = Recording(timeout=30, notebook_timeout=60, **traits)
    return ep, ep.preprocess(nb, {"metadata": {"path": tempfile.gettempdir()}})[0]


def test_kernels_talk_over_private_unix_sockets_that_are_removed_afterwards():
    nb = notebook(cell("print(6 * 7)"))
    ep, out = run(nb)
    assert out.cells[0].outputs[0]["text"] == "42\n"
    assert ep.seen["transport"] == "ipc"
    folder = Path(ep.seen["ip"]).parent
    assert folder.name.startswith("nbg-") and len(ep.seen["ip"]) < 90, "socket paths must stay under the Unix limit"
    assert ep.seen["mode"] == 0o700, "only the grader's user may connect to the kernel"
    assert not folder.exists(), "the socket folder is removed with the kernel"


def test_a_sandboxed_kernel_has_no_network_even_when_tcp_is_asked_for():
    code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 22), timeout=2)\nexcept OSError as e:\n    print(type(e).__name__)"
    ep, out = run(notebook(cell(code)), kernel_transport="tcp")
    assert ep.seen["transport"] == "ipc", "the sandbox has no network, so its kernel always uses Unix sockets"
    assert out.cells[0].outputs[0]["text"].strip() in ("ConnectionRefusedError", "OSError")


def test_a_kernel_that_dies_before_it_is_ready_is_a_grader_fault_not_a_zero():
    nb = notebook(cell("x = 1", "answer", solution=True))
    with pytest.raises(GraderFault, match="before any student code ran"):
        run(nb, extra_kernel_lines=["import os; os._exit(3)"])


def test_a_locked_setup_cell_that_kills_the_kernel_is_a_grader_fault():
    nb = notebook(cell("import os; os._exit(3)", "setup", locked=True), cell("x = 1", "answer", solution=True))
    with pytest.raises(GraderFault):
        run(nb)


def test_a_student_cell_that_kills_the_kernel_costs_the_student_the_cells_after_it():
    nb = notebook(
        cell("BASE = 1", "setup", locked=True),
        cell("import os; os._exit(3)", "answer", solution=True),
        cell("assert BASE == 1", "test", locked=True),
    )
    _, out = run(nb)
    assert out.cells[0].execution_count is not None
    assert out.cells[2].outputs[-1]["ename"] == "NotRunError"
    kinds = {f.kind for f in findings_of(out)}
    assert "kernel died" in kinds, kinds


@pytest.mark.parametrize("setup", ["import time; time.sleep(30)", "import no_such_module_anywhere"])
def test_a_locked_setup_cell_that_times_out_or_fails_is_a_grader_fault(setup):
    """A slow machine or a broken environment must not turn into a zero for the student."""
    nb = notebook(cell(setup, "setup", locked=True), cell("x = 1", "answer", solution=True))
    with pytest.raises(GraderFault, match="setup"):
        Recording(timeout=2, notebook_timeout=60).preprocess(nb, {"metadata": {"path": tempfile.gettempdir()}})


def test_a_student_cell_that_times_out_is_scored_not_raised():
    nb = notebook(
        cell("BASE = 1", "setup", locked=True),
        cell("while True:\n    pass", "answer", solution=True),
        cell("assert BASE == 1", "test", locked=True),
    )
    out = Recording(timeout=2, notebook_timeout=60).preprocess(nb, {"metadata": {"path": tempfile.gettempdir()}})[0]
    assert out.cells[1].outputs[-1]["ename"] == "CellTimeoutError"
    assert {f.kind for f in findings_of(out)} == {"timeout"}


def test_kernels_start_whatever_the_temporary_folder(tmp_path, monkeypatch):
    """A long TMPDIR only the grader may enter (pytest's, or a worker's scratch) still gives the sandboxed kernel its sockets."""
    private = tmp_path / ("deep-" * 12) / "scratch"
    private.mkdir(parents=True)
    private.chmod(0o700)
    tmp_path.chmod(0o700)
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    ep, out = run(notebook(cell("print(6 * 7)")))
    assert out.cells[0].outputs[0]["text"] == "42\n" and len(ep.seen["ip"]) < 90
