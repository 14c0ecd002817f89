"""GuardedExecute: nbgrader's Execute with the sandbox, the limits and the verdicts decided outside the kernel.

Its three concerns beside nbgrader's own execution are mixins, a file each: where the kernel runs
(:class:`~.sandboxed_kernel.SandboxedKernel`), how the grader asks it for values
(:class:`~.kernel_probe.KernelProbe`) and how much output a cell keeps
(:class:`~.output_budget.OutputBudget`). This file is the notebook's course: per-notebook time,
the student's numbers, the working folder, and what a kernel that dies or hangs leaves behind.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer, Unicode

from .. import limits, sandbox, variants, verdicts
from ..cells import is_setup, is_student_code, is_test, label
from ..integrity import Finding
from .faults import GraderFault, NotebookTimeout
from .findings import add_findings
from .kernel_probe import KernelProbe
from .output_budget import OutputBudget
from .sandboxed_kernel import SandboxedKernel
from .source_notebook import source_folder, source_notebook
from .verdict_outputs import LazySolution, as_information, split_tests, verdict_output


def _failed_before_student_code(nb: NotebookNode) -> str | None:
    """The first locked cell with an error (a timeout, a missing module) among those that run before any student cell."""
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if is_student_code(cell):
            return None
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            return f"{label(cell, k)} ({errors[0].get('ename')}: {str(errors[0].get('evalue', ''))[:120]})"
    return None


def _student_code_ran(nb: NotebookNode, upto: int | None) -> bool:
    """Whether a cell a student can edit is among the cells run so far (``upto``: the cell running at the failure)."""
    if upto is None:
        return False  # the kernel never became ready
    return any(is_student_code(cell) for cell in nb.cells[: upto + 1])


class GuardedExecute(SandboxedKernel, KernelProbe, OutputBudget, Execute):
    """nbgrader's Execute in a sandbox, with limits per notebook and verdicts decided outside the kernel.

    Every test cell runs in the kernel with its hidden region removed (students get the visible
    tests' messages), then :func:`~partnership_grading.verdicts.judge` decides it in this process
    and the cell's outputs are rebuilt so that only that verdict can be an error: nothing the kernel
    prints or raises changes a grade. A kernel death or hang fails only that notebook's remaining cells.
    """

    notebook_timeout = Integer(
        limits.NOTEBOOK_TIMEOUT_S,
        help="Seconds the whole notebook may run; cells after that are not run and score zero.",
    ).tag(config=True)
    variant_numbers = Unicode(
        "",
        help="JSON {'student': id, 'numbers': {...} or null}: the student's numbers, computed by whoever set it "
        "(the parallel path's coordinator, which holds the course secret). Empty: derived here from the course secret.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict, km=None):
        self._deadline = time.monotonic() + self.notebook_timeout if self.notebook_timeout else None
        self._out_chars: dict[int, int] = {}
        self._out_cut: set[int] = set()
        self._ipc_dir: str | None = None
        self._workdir: str | None = None
        self._running: int | None = None
        self._silent = False
        self._sandbox = self._sandbox_account(nb)
        self._trusted_ns: dict | None = None
        self._assignment = resources.get("nbgrader", {}).get("assignment", "assignment")
        self._notebook_name = resources.get("nbgrader", {}).get("notebook", "")
        self._student = str(resources.get("nbgrader", {}).get("student") or "")
        self._numbers = self._variant_numbers()
        started = time.monotonic()
        try:
            self._workdir = self._working_folder(nb, resources)
            out = super().preprocess(nb, resources, km=km)
        except Exception as exc:  # any failure of the kernel, not of the grader's own code
            from nbclient.exceptions import CellTimeoutError, DeadKernelError

            if isinstance(exc, (DeadKernelError, CellTimeoutError, NotebookTimeout, RuntimeError)) and not _student_code_ran(nb, self._running):
                raise GraderFault(
                    f"the kernel failed before any student code ran ({type(exc).__name__}: {str(exc)[:200]}); "
                    "this is a fault of the grading machine, so the notebook was not scored"
                ) from exc
            if isinstance(exc, DeadKernelError):
                kind, reason = "kernel died", "the kernel died (the code exited or crashed the Python process)"
            elif isinstance(exc, NotebookTimeout):
                kind, reason = "notebook timeout", f"the notebook used up its {self.notebook_timeout} s"
            elif isinstance(exc, CellTimeoutError):
                kind, reason = "hung", "a cell ran past its time limit and did not stop when interrupted"
            else:
                raise
            cell_label = self._mark_unrun(nb, reason)
            add_findings(nb, [Finding("runtime", kind, f"{reason} after {time.monotonic() - started:.0f} s; every cell from there on was not run and its part scores zero", cell_label)])
            return nb, resources
        finally:
            self._findings_for_output(nb)
            for folder in (self._ipc_dir, self._workdir):
                if folder:
                    shutil.rmtree(folder, ignore_errors=True)
        failed = _failed_before_student_code(nb)
        if failed:
            raise GraderFault(
                f"the locked cell {failed} failed before any student code ran; this is a fault of the "
                "grading machine or of the assignment, so the notebook was not scored"
            )
        self._timeout_findings(nb)
        return out

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        if not is_test(cell):
            return super().preprocess_cell(cell, resources, index)
        # A test cell: the kernel sees only the visible tests; the hidden checks stay here.
        visible, hidden = split_tests(cell.source)
        cell.source = visible
        cell, resources = super().preprocess_cell(cell, resources, index)
        self._decide(cell, visible, hidden)
        return cell, resources

    def _decide(self, cell: NotebookNode, visible: str, hidden: list) -> None:
        """Replace the test cell's verdict by the grader's own (see :mod:`~partnership_grading.verdicts`)."""
        timed_out = any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", []))
        if timed_out or self._silent:
            failures = ["the tests could not be run: your notebook's kernel stopped answering (see the error above)"]
        else:
            try:
                trusted = self._trusted(self.nb)
                solution = LazySolution(self.config, self._assignment, self._notebook_name, trusted)
                failures = verdicts.judge(visible, hidden, trusted, self._ask, solution).failures
            except verdicts.KernelSilent as exc:
                self._silent = True
                failures = [f"the tests could not be run: {exc}"]
            except verdicts.ProbeFailed as exc:
                failures = [f"the tests could not be run: {exc}"]
            except verdicts.ReferenceFailed as exc:
                raise GraderFault(f"a hidden check's reference fails in the grader ({exc}); fix the assignment") from exc
        cell.outputs = as_information(cell.get("outputs", [])) + [verdict_output(failures)]

    def _trusted(self, nb: NotebookNode) -> dict:
        """The locked setup cells, run once in the grader's own process: the names the tests may rely on."""
        if self._trusted_ns is None:
            setup = [c.source for c in nb.cells if is_setup(c)]
            try:
                with variants.assigned(self._assignment, self._numbers):  # the student's numbers, as this grader derived them
                    self._trusted_ns = verdicts.trusted_namespace(setup)
            except Exception as exc:
                raise GraderFault(f"the locked setup cell fails in the grader itself ({type(exc).__name__}: {exc})") from exc
        return self._trusted_ns

    def _variant_numbers(self) -> dict | None:
        """The numbers this student is graded with (``None``: the published ones), never the notebook's own claim.

        The student is the one nbgrader filed the submission under (``submitted/<student>/``). The
        parallel path hands the numbers in (``variant_numbers``); otherwise they are derived here
        from the course secret and the parameters in the source notebook.
        """
        import json

        if self.variant_numbers:
            given = json.loads(self.variant_numbers)
            if given.get("student") != self._student:
                raise GraderFault(f"the numbers handed to the grader are for {given.get('student')!r}, not {self._student!r}")
            return given.get("numbers")
        from nbgrader.coursedir import CourseDirectory

        root = Path(CourseDirectory(config=self.config).root)
        try:
            return variants.grading_numbers(root, source_notebook(self.config, self._assignment, self._notebook_name),
                                            self._assignment, self._student)
        except variants.VariantsError as exc:
            raise GraderFault(f"this student's numbers cannot be derived ({exc})") from exc

    def _working_folder(self, nb: NotebookNode, resources: dict) -> str:
        """A private folder with the release's own files and this notebook, nothing else the student handed in."""
        folder = tempfile.mkdtemp(prefix="nbg-work-")
        source = source_folder(self.config, self._assignment)
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                rel = path.relative_to(source)
                if path.is_file() and path.suffix != ".ipynb" and not any(
                    part in (".ipynb_checkpoints", "__pycache__") for part in rel.parts
                ):
                    (Path(folder) / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, Path(folder) / rel)
        name = resources.get("nbgrader", {}).get("notebook", "notebook")
        nbformat.write(nb, str(Path(folder) / f"{name}.ipynb"))
        # The student's numbers: the grader's own table with only this student, or none (the published numbers).
        table = Path(folder) / variants.TABLE
        table.unlink(missing_ok=True)
        if self._numbers is not None:
            import json

            table.write_text(json.dumps({self._student: self._numbers}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if self._sandbox is not None:
            for path in [Path(folder), *Path(folder).rglob("*")]:
                sandbox.hand_over(str(path), self._sandbox)
        return folder

    def _timeout_findings(self, nb: NotebookNode) -> None:
        found = []
        for k, cell in enumerate(nb.cells):
            if any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
                found.append(Finding("runtime", "timeout", f"ran longer than {self.timeout} s and was interrupted", label(cell, k)))
        add_findings(nb, found)

    def _mark_unrun(self, nb: NotebookNode, reason: str) -> str:
        first = ""
        for k, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or cell.get("execution_count") is not None:
                continue
            if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                continue
            if not first:
                first = label(cell, k)
            cell.setdefault("outputs", []).append(
                nbformat.v4.new_output(
                    "error", ename="NotRunError", evalue=f"not run by the grader: {reason}",
                    traceback=[f"NotRunError: this cell was not run by the grader: {reason}."],
                )
            )
        return first

    def _get_timeout(self, cell):
        timeout = super()._get_timeout(cell)
        if self._deadline is None:
            return timeout
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise NotebookTimeout(f"the notebook used up its {self.notebook_timeout} s")
        return max(1, int(min(timeout, left))) if timeout else max(1, int(left))
