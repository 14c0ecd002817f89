"""nbgrader preprocessors that make autograding safe against hostile or broken submissions.

``exercises/nbgrader_config.py`` puts them into nbgrader's own autograde pipeline, so plain
``nbgrader autograde`` and ``python -m partnership_grading autograde --parallel N`` both use them:

sanitize (before any student code runs, outside the kernel)
    :class:`RestoreStructure` → nbgrader's ClearOutput, DeduplicateIds, OverwriteKernelspec,
    OverwriteCells → :class:`ScreenStudentCode` → CheckCellMetadata
autograde
    :class:`GuardedExecute` (nbgrader's Execute with limits) → IgnorePattern, ClearMetadata,
    LimitOutput, SaveAutoGrades, AssignLatePenalties → :class:`RecordFindings` → CheckCellMetadata

What each adds to nbgrader:

- :class:`RestoreStructure` puts the notebook back into the release's shape: deleted locked or
  answer cells come back (locked ones from the gradebook), cells moved out of order go back to
  their place, changed nbgrader metadata (points, grade ids, the grade/locked/solution flags) is
  reset, cells with unknown grade ids become ordinary cells. nbgrader alone restores the *source*
  of locked cells and their points, but fails the whole notebook on an unknown grade id and grades
  a moved test cell where the student put it.
- :class:`ScreenStudentCode` runs :mod:`~partnership_grading.integrity`'s static scan over every
  cell a student can edit and replaces blocked cells with an error that names the reason.
- :class:`GuardedExecute` bounds each notebook: per-cell and per-notebook time, memory, CPU time and
  file size for the kernel, the size of the output kept, and a kernel environment without the
  grader's secrets (``NBGRADER_DB_URL`` and the like). If the kernel dies or hangs it marks every
  cell that did not run with an error (nbgrader would otherwise give a test cell without output
  **full** marks, or fail the whole submission) and grading goes on. A kernel that fails before any
  student cell ran raises :class:`GraderFault` instead (the machine's fault: retried, not scored).
  Kernels use Unix sockets in a private folder: parallel workers starting kernels at once could
  otherwise pick the same free TCP port.
- :class:`RecordFindings` flags the submission in the gradebook (the formgrader's flag) and writes
  the reason as the comment of each blocked answer cell, which the feedback shows.

Every finding is also kept in the autograded notebook's metadata (``partnership.integrity``).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from partnership.variants import ID_VARIABLE

from . import sandbox, variants, verdicts
from .exporters import UNREADABLE
from .integrity import Finding, names_bound, neutralised_source, scan_cells

META_KEY = "partnership"


def findings_of(nb: NotebookNode) -> list[Finding]:
    """The findings recorded in a (sanitized or autograded) notebook's metadata."""
    return [Finding.from_dict(d) for d in nb.metadata.get(META_KEY, {}).get("integrity", [])]


def add_findings(nb: NotebookNode, findings: list[Finding]) -> None:
    meta = nb.metadata.setdefault(META_KEY, {})
    meta.setdefault("integrity", []).extend(f.to_dict() for f in findings)


def _nbgrader_meta(cell: NotebookNode) -> dict | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else None


def _source_notebook(config, assignment: str, notebook: str) -> NotebookNode | None:
    """The instructor's source notebook (its cell order is the release's)."""
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    path = Path(coursedir.format_path(coursedir.source_directory, ".", assignment)) / f"{notebook}.ipynb"
    if not path.exists():
        return None
    return nbformat.read(path, as_version=4)


class RestoreStructure(NbGraderPreprocessor):
    """Give the submission the release's cells, order and nbgrader metadata (before nbgrader's checks)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        nb.metadata[META_KEY] = {"integrity": []}  # whatever the student put there is discarded
        findings: list[Finding] = []
        unreadable = resources.get(UNREADABLE)  # set by exporters.ZeroIfUnreadable: the file was not a notebook
        if unreadable:
            findings.append(Finding("zero", "unreadable", f"{info['notebook']}.ipynb: {unreadable}; every part scores zero"))
        findings += self._kernel_findings(nb)
        source = _source_notebook(self.config, info["assignment"], info["notebook"])
        with Gradebook(info["db_url"]) as gb:
            record = gb.find_notebook(info["notebook"], info["assignment"])
            cells = {c.name: c for c in record.source_cells}
            points = {c.name: float(c.max_score) for c in record.grade_cells}
            solutions = {c.name for c in record.solution_cells}
            tasks = {c.name for c in record.task_cells}
            if source is None:  # no source notebook here: fall back to the gradebook's cells
                order = list(cells)
                canonical = {}
            else:
                order = [m["grade_id"] for c in source.cells if (m := _nbgrader_meta(c)) and m.get("grade_id") in cells]
                canonical = {m["grade_id"]: (c, m) for c in source.cells if (m := _nbgrader_meta(c)) and m.get("grade_id")}

            def meta_for(gid: str) -> dict:
                base = dict(canonical[gid][1]) if gid in canonical else {}
                base.update(
                    grade_id=gid,
                    grade=gid in points,
                    solution=gid in solutions,
                    locked=bool(cells[gid].locked),
                    schema_version=3,
                )
                if gid in tasks:
                    base["task"] = True
                if gid in points:
                    base["points"] = points[gid]
                else:
                    base.pop("points", None)
                base.pop("checksum", None)
                if cells[gid].checksum:
                    base["checksum"] = cells[gid].checksum
                base.pop("cell_type", None)
                return base

            id_of = {}  # nbformat cell id in the release -> grade id (to recognise cells whose metadata was removed)
            if source is not None:
                for c in source.cells:
                    m = _nbgrader_meta(c)
                    if m and m.get("grade_id") in cells and c.get("id"):
                        id_of[c["id"]] = m["grade_id"]

            present = {m.get("grade_id") for c in nb.cells if (m := _nbgrader_meta(c))} & set(cells)
            claimed: dict[str, NotebookNode] = {}
            sequence: list[tuple[str | None, NotebookNode]] = []
            for k, cell in enumerate(nb.cells):
                meta = _nbgrader_meta(cell)
                gid = meta.get("grade_id") if meta else None
                label = f"cell {k + 1}"
                unknown = gid is not None and gid not in cells
                if unknown or (meta is not None and gid is None):
                    cell.metadata.pop("nbgrader", None)
                    gid = None
                if gid is None and cell.get("id") in id_of and id_of[cell["id"]] not in claimed and id_of[cell["id"]] not in present:
                    gid = id_of[cell["id"]]
                    what = f"had its grade id changed to {(meta or {}).get('grade_id')!r}" if unknown else "had its nbgrader metadata removed"
                    findings.append(Finding("restore", "metadata", f"{what}; restored", gid))
                elif unknown:
                    findings.append(Finding("restore", "metadata", f"has nbgrader metadata with an unknown grade id {(meta or {}).get('grade_id')!r}; graded as an ordinary cell", label))
                if gid is not None and gid in claimed:
                    if cells[gid].locked:
                        findings.append(Finding("restore", "duplicate", f"is a copy of the locked cell {gid!r}; the copy was dropped", label))
                        continue
                    findings.append(Finding("restore", "duplicate", f"repeats the grade id {gid!r}; graded as an ordinary cell", label))
                    cell.metadata.pop("nbgrader", None)
                    gid = None
                if gid is not None:
                    claimed[gid] = cell
                    self._canonicalise(cell, gid, meta_for(gid), cells[gid], findings)
                sequence.append((gid, cell))

            seen = [g for g, _ in sequence if g is not None]
            expected = [g for g in order if g in claimed]
            if seen != expected:
                moved = [g for g, e in zip(seen, expected) if g != e]
                findings.append(Finding("restore", "order", f"cells were moved ({', '.join(moved[:4])}{'…' if len(moved) > 4 else ''}); put back in the release's order", moved[0] if moved else ""))

            anchors: dict[str | None, list[NotebookNode]] = {}
            last: str | None = None
            for gid, cell in sequence:
                if gid is None:
                    anchors.setdefault(last, []).append(cell)
                else:
                    last = gid
            rebuilt = list(anchors.get(None, []))
            for gid in order:
                if gid in claimed:
                    rebuilt.append(claimed[gid])
                else:
                    rebuilt.append(self._restored(gid, meta_for(gid), cells[gid], canonical.get(gid, (None,))[0]))
                    what = "locked cell" if cells[gid].locked else "answer cell"
                    if not unreadable:  # an unreadable file has no cells: one finding says why
                        findings.append(Finding("restore", "deleted", f"the {what} was deleted; put back from the release" + ("" if cells[gid].locked else " (empty, so its part scores zero)"), gid))
                rebuilt.extend(anchors.get(gid, []))
            nb.cells = rebuilt
            _unique_ids(nb)
        add_findings(nb, findings)
        return nb, resources

    @staticmethod
    def _kernel_findings(nb: NotebookNode) -> list[Finding]:
        out = []
        spec = nb.metadata.get("kernelspec") or {}
        info = nb.metadata.get("language_info") or {}
        language = str(spec.get("language") or info.get("name") or "").lower()
        name = str(spec.get("name") or "")
        if (language and language != "python") or (name and not name.startswith("python")):
            shown = spec.get("display_name") or name or language
            out.append(
                Finding("review", "kernel", f"the notebook was written for the {shown!r} kernel (language {language or 'unknown'}); "
                        "the grader runs the course's Python 3 kernel, so code in another language fails")
            )
        orig = nb.metadata.pop("orig_nbformat", None)
        if orig not in (None, 4):
            out.append(Finding("info", "nbformat", f"the file was saved as nbformat {orig}; converted to nbformat 4 and graded"))
        return out

    @staticmethod
    def _canonicalise(cell: NotebookNode, gid: str, meta: dict, record, findings: list[Finding]) -> None:
        old = _nbgrader_meta(cell) or {}
        changed = []
        for key in ("grade", "solution", "locked", "points", "task"):
            before, after = old.get(key), meta.get(key)
            if key == "points" and before is not None and after is not None:
                try:
                    same = float(before) == float(after)
                except (TypeError, ValueError):
                    same = False
            else:
                same = bool(before) == bool(after) if key in ("grade", "solution", "locked", "task") else before == after
            if not same:
                changed.append(f"{key} {before!r} → {after!r}")
        if changed:
            findings.append(Finding("restore", "metadata", "nbgrader metadata was changed (" + ", ".join(changed) + "); reset to the release's", gid))
        if cell.cell_type != record.cell_type:
            findings.append(Finding("restore", "metadata", f"was changed from a {record.cell_type} cell to a {cell.cell_type} cell; changed back", gid))
            if record.cell_type == "code":
                cell.cell_type = "code"
                cell.outputs = []
                cell.execution_count = None
            else:
                cell.cell_type = "markdown"
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
        if record.locked and _released(cell.source) != _released(record.source or ""):
            findings.append(Finding("restore", "edited", "the locked cell was edited; the release's version was run instead", gid))
        cell.metadata["nbgrader"] = meta
        if record.locked:
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False

    @staticmethod
    def _restored(gid: str, meta: dict, record, template: NotebookNode | None) -> NotebookNode:
        if record.cell_type == "code":
            cell = nbformat.v4.new_code_cell(record.source or "")
        else:
            cell = nbformat.v4.new_markdown_cell(record.source or "")
        cell["id"] = (template.get("id") if template is not None else None) or gid.replace("_", "-")
        cell.metadata["nbgrader"] = meta
        if record.locked:
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False
        return cell


def _is_student_cell(cell: NotebookNode) -> bool:
    meta = _nbgrader_meta(cell) or {}
    return cell.cell_type == "code" and not (meta.get("locked") and not meta.get("solution"))


def _failed_before_student_code(nb: NotebookNode) -> str | None:
    """The first locked cell with an error (a timeout, a missing module) among those that run before any student cell."""
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if _is_student_cell(cell):
            return None
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            label = (_nbgrader_meta(cell) or {}).get("grade_id") or f"cell {k + 1}"
            return f"{label} ({errors[0].get('ename')}: {str(errors[0].get('evalue', ''))[:120]})"
    return None


def _student_code_ran(nb: NotebookNode, upto: int | None) -> bool:
    """Whether a cell a student can edit is among the cells run so far (``upto``: the cell running at the failure)."""
    if upto is None:
        return False  # the kernel never became ready
    return any(_is_student_cell(cell) for cell in nb.cells[: upto + 1])


HIDDEN = re.compile(r"^[^\n]*BEGIN HIDDEN TESTS.*?END HIDDEN TESTS[^\n]*(\n|$)", re.S | re.M)


HIDDEN_REGION = re.compile(r"^[^\n]*BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[^\n]*END HIDDEN TESTS[^\n]*(\n|$)", re.S | re.M)


def _split_tests(source: str) -> tuple[str, list]:
    """A test cell's visible tests (what the kernel runs) and its hidden checks (data, kept here)."""
    text = source if isinstance(source, str) else "".join(source)
    regions = HIDDEN_REGION.findall(text)
    try:
        hidden = [c for body, _ in regions for c in verdicts.parse_hidden(body)]
    except (ValueError, SyntaxError) as exc:
        raise GraderFault(f"a test cell's hidden region is not the grader's data format ({exc}); regenerate the assignment") from exc
    return HIDDEN.sub("", text).rstrip("\n"), hidden


def _as_information(outputs: list) -> list:
    """What the kernel printed for a test cell, kept for the student but unable to decide the grade.

    nbgrader scores a test cell zero on an error or stderr output and reads a number in an
    ``execute_result`` as partial credit; so errors and stderr become stdout text and results become
    display data, and only the grader's own verdict (appended after them) can be an error.
    """
    kept = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "error":
            text = "\n".join(out.get("traceback") or [f"{out.get('ename')}: {out.get('evalue')}"]) + "\n"
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=text))
        elif kind == "stream":
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=out.get("text", "")))
        elif kind == "execute_result":
            kept.append(nbformat.v4.new_output("display_data", data=out.get("data", {}), metadata=out.get("metadata", {})))
        else:
            kept.append(out)
    return kept


def _verdict_output(failures: list[str]) -> NotebookNode:
    if not failures:
        return nbformat.v4.new_output("stream", name="stdout", text="Graded by the course's checks, outside your notebook: passed.\n")
    return nbformat.v4.new_output(
        "error", ename="AssertionError", evalue="\n".join(failures),
        traceback=["Graded by the course's checks, outside your notebook: not passed."] + [f"- {f}" for f in failures],
    )


def _released(source: str) -> str:
    """A locked cell as students received it: hidden tests removed, trailing space ignored."""
    text = HIDDEN.sub("", source if isinstance(source, str) else "".join(source))
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _unique_ids(nb: NotebookNode) -> None:
    seen: set[str] = set()
    for k, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not isinstance(cid, str) or not re.fullmatch(r"[a-zA-Z0-9-_]{1,64}", cid) or cid in seen:
            base = f"cell-{k + 1}"
            cid = base
            n = 1
            while cid in seen:
                n += 1
                cid = f"{base}-{n}"
            cell["id"] = cid
        seen.add(cid)


class ScreenStudentCode(NbGraderPreprocessor):
    """Replace student cells that could tamper with grading by an error naming the reason."""

    enabled_check = Bool(True, help="Run the static integrity scan (disable only to test the runtime defences)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        if not self.enabled_check:
            return nb, resources
        tests: list[str] = []
        setup: list[str] = []
        student: list[tuple[int, str]] = []
        for k, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            meta = _nbgrader_meta(cell) or {}
            if meta.get("locked") and not meta.get("solution"):
                (tests if meta.get("grade") else setup).append(cell.source)
            else:
                student.append((k, meta.get("grade_id") or f"cell {k + 1}"))
        scans = scan_cells(
            [(label, nb.cells[k].source) for k, label in student], protected=names_bound(tests), setup_sources=setup
        )
        findings = []
        for (k, label), scan in zip(student, scans):
            for line, why in scan.review:
                findings.append(Finding("review", "suspicious", why, label, line))
            if scan.block:
                for line, why in scan.block:
                    findings.append(Finding("block", "tampering", f"not run: {why}", label, line))
                nb.cells[k].source = neutralised_source(nb.cells[k].source, scan.block)
        add_findings(nb, findings)
        return nb, resources


class NotebookTimeout(RuntimeError):
    """The notebook used up its whole time budget."""


class GraderFault(RuntimeError):
    """The kernel or a locked cell failed before any student code ran: not the submission's fault.

    Raised (not scored) so that nbgrader reports the notebook as failed: the parallel path retries it
    once and on the next run, and plain ``nbgrader autograde`` grades it on the next run.
    """


VARIANT_ID_ENV = ID_VARIABLE  # the student id the kernel's my_numbers reads first
THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
SECRET_ENV = re.compile(r"(NBGRADER_DB_URL|DATABASE|PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PGPASS|^PG|AWS_|JUPYTERHUB_API)", re.I)


class _LazySolution:
    """The instructor's solution cells (from ``source/``), run in the grader the first time a reference needs them."""

    def __init__(self, config, assignment: str, notebook: str, trusted: dict):
        self._args = (config, assignment, notebook, trusted)
        self._ns: SimpleNamespace | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._ns is None:
            config, assignment, notebook, trusted = self._args
            source = _source_notebook(config, assignment, notebook)
            if source is None:
                raise AttributeError(f"no source notebook for {assignment}/{notebook}, so solution.{name} is unknown")
            cells = [c.source for c in source.cells if c.cell_type == "code" and (_nbgrader_meta(c) or {}).get("solution")]
            self._ns = verdicts.solution_namespace(trusted, cells)
        return getattr(self._ns, name)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel command is wrapped by :mod:`~partnership_grading.sandbox`."""

    wrap = None  # set per kernel by GuardedExecute: the kernel's command line -> the sandboxed one

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        return self.wrap(cmd) if self.wrap is not None else cmd


class GuardedExecute(Execute):
    """nbgrader's Execute in a sandbox, with limits per notebook and verdicts decided outside the kernel.

    Every test cell runs in the kernel with its hidden region removed (students get the visible
    tests' messages), then :func:`~partnership_grading.verdicts.judge` decides it in this process
    and the cell's outputs are rebuilt so that only that verdict can be an error: nothing the kernel
    prints or raises changes a grade. A kernel death or hang fails only that notebook's remaining cells.
    """

    allow_unsandboxed = Bool(
        os.environ.get(sandbox.UNSAFE_ENV) == "1",
        help="Grade without the bubblewrap sandbox when it is unavailable (unsafe: student code then runs "
        f"with the grader's own access to the machine). Also set by {sandbox.UNSAFE_ENV}=1.",
    ).tag(config=True)
    sandbox_user = Unicode(sandbox.SANDBOX_USER, help="Unprivileged account kernels run as when the grader is root.").tag(config=True)
    max_processes = Integer(512, help="Processes and threads the sandbox account may run (RLIMIT_NPROC; only for the dedicated account).").tag(config=True)

    notebook_timeout = Integer(
        int(os.environ.get("NBGRADER_NOTEBOOK_TIMEOUT", "300")),
        help="Seconds the whole notebook may run; cells after that are not run and score zero.",
    ).tag(config=True)
    memory_limit_mb = Integer(
        int(os.environ.get("NBGRADER_MEMORY_MB", "2048")), help="Address-space limit of the kernel (RLIMIT_AS), MB; 0: none."
    ).tag(config=True)
    file_size_limit_mb = Integer(64, help="Largest file the kernel may write (RLIMIT_FSIZE), MB; 0: none.").tag(config=True)
    max_output_chars = Integer(200_000, help="Characters of output kept per cell (errors are always kept).").tag(config=True)
    scrub_env = Bool(True, help="Start the kernel without the grader's secrets (database URLs, tokens, passwords).").tag(config=True)
    kernel_stdout = Unicode("devnull", help="'devnull' or 'inherit': where the kernel's own stdout goes.").tag(config=True)
    extra_kernel_lines = List(Unicode(), help="Python lines the kernel runs at start, before any cell.").tag(config=True)
    variant_numbers = Unicode(
        "",
        help="JSON {'student': id, 'numbers': {...} or null}: the student's numbers, computed by whoever set it "
        "(the parallel path's coordinator, which holds the course secret). Empty: derived here from the course secret.",
    ).tag(config=True)
    kernel_transport = Unicode(
        "ipc" if sys.platform.startswith("linux") else "tcp",
        help="'ipc' (Unix sockets in a private folder) or 'tcp'. Kernels started at the same moment by "
        "parallel workers can pick the same free TCP port (a known jupyter_client race); sockets cannot collide.",
    ).tag(config=True)
    extra_arguments: list[str]  # nbclient's own trait, declared for the type checker (nbgrader's Execute is untyped)

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
        meta = _nbgrader_meta(cell) or {}
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            return super().preprocess_cell(cell, resources, index)
        # A test cell: the kernel sees only the visible tests; the hidden checks stay here.
        visible, hidden = _split_tests(cell.source)
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
                solution = _LazySolution(self.config, self._assignment, self._notebook_name, trusted)
                failures = verdicts.judge(visible, hidden, trusted, self._ask, solution).failures
            except verdicts.KernelSilent as exc:
                self._silent = True
                failures = [f"the tests could not be run: {exc}"]
            except verdicts.ProbeFailed as exc:
                failures = [f"the tests could not be run: {exc}"]
            except verdicts.ReferenceFailed as exc:
                raise GraderFault(f"a hidden check's reference fails in the grader ({exc}); fix the assignment") from exc
        cell.outputs = _as_information(cell.get("outputs", [])) + [_verdict_output(failures)]

    def _ask(self, request: dict):
        """One question to the student's kernel; its JSON answer (see :func:`verdicts.probe_expression`)."""
        return run_sync(self._async_ask)(request)

    async def _async_ask(self, request: dict):
        import ast
        import json

        expression = verdicts.probe_expression(request)
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"answer": expression}, allow_stdin=False)
        limit = self.timeout or 60
        if self._deadline is not None:
            limit = min(limit, max(1.0, self._deadline - time.monotonic()))
        reply = await self._reply_to(msg_id, limit)
        if reply is None:
            # Too slow: interrupt it. A kernel that then answers is fine for the next part; one that does not is lost.
            await self.km.interrupt_kernel()
            if await self._reply_to(msg_id, min(10.0, self.iopub_timeout or 10.0)) is None:
                raise verdicts.KernelSilent(f"your code ran longer than {limit:.0f} s when the grader called it and did not stop when interrupted")
            raise verdicts.ProbeFailed(f"your code ran longer than {limit:.0f} s when the grader called it, and was interrupted")
        item = reply["content"].get("user_expressions", {}).get("answer", {})
        if item.get("status") != "ok":
            ename = item.get("ename") or reply["content"].get("ename") or "Error"
            raise verdicts.ProbeFailed(f"the grader could not read your notebook's values ({ename}: {str(item.get('evalue', ''))[:200]})")
        text = item.get("data", {}).get("text/plain", "")
        if len(text) > verdicts.MAX_REPLY:
            raise verdicts.ProbeFailed("a value is too large to grade")
        try:
            return json.loads(ast.literal_eval(text))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
            raise verdicts.ProbeFailed(f"the grader could not read your notebook's values ({type(exc).__name__})") from exc

    async def _reply_to(self, msg_id: str, limit: float):
        from queue import Empty

        waited = 0.0
        while waited < limit:
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=0.5)
            except Empty:
                waited += 0.5
                if not await self.km.is_alive():
                    raise verdicts.KernelSilent("your notebook's kernel died while the grader was checking it") from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

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

    def _trusted(self, nb: NotebookNode) -> dict:
        """The locked setup cells, run once in the grader's own process: the names the tests may rely on."""
        if self._trusted_ns is None:
            setup = [c.source for c in nb.cells if c.cell_type == "code" and (m := _nbgrader_meta(c)) and m.get("locked") and not m.get("grade") and not m.get("solution")]
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
            return variants.grading_numbers(root, _source_notebook(self.config, self._assignment, self._notebook_name),
                                            self._assignment, self._student)
        except variants.VariantsError as exc:
            raise GraderFault(f"this student's numbers cannot be derived ({exc})") from exc

    def _working_folder(self, nb: NotebookNode, resources: dict) -> str:
        """A private folder with the release's own files and this notebook, nothing else the student handed in."""
        from nbgrader.coursedir import CourseDirectory

        folder = tempfile.mkdtemp(prefix="nbg-work-")
        coursedir = CourseDirectory(config=self.config)
        source = Path(coursedir.format_path(coursedir.source_directory, ".", self._assignment))
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

    def create_kernel_manager(self):
        if self._sandbox is not None:
            self.kernel_manager_class = SandboxedKernelManager
        km = super().create_kernel_manager()
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

    def _timeout_findings(self, nb: NotebookNode) -> None:
        found = []
        for k, cell in enumerate(nb.cells):
            if any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
                label = (_nbgrader_meta(cell) or {}).get("grade_id") or f"cell {k + 1}"
                found.append(Finding("runtime", "timeout", f"ran longer than {self.timeout} s and was interrupted", label))
        add_findings(nb, found)

    def _findings_for_output(self, nb: NotebookNode) -> None:
        if self._out_cut:
            labels = [(_nbgrader_meta(nb.cells[k]) or {}).get("grade_id") or f"cell {k + 1}" for k in sorted(self._out_cut) if k < len(nb.cells)]
            add_findings(nb, [Finding("info", "output", f"printed more than {self.max_output_chars:,} characters; the rest was not kept", ", ".join(labels))])

    def _mark_unrun(self, nb: NotebookNode, reason: str) -> str:
        first = ""
        for k, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or cell.get("execution_count") is not None:
                continue
            if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                continue
            if not first:
                first = (_nbgrader_meta(cell) or {}).get("grade_id") or f"cell {k + 1}"
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

    async def async_start_new_kernel(self, **kwargs):
        limits = []
        if self.memory_limit_mb:
            limits.append((resource.RLIMIT_AS, self.memory_limit_mb * 1024 * 1024))
        if self.file_size_limit_mb:
            limits.append((resource.RLIMIT_FSIZE, self.file_size_limit_mb * 1024 * 1024))
        if self.notebook_timeout:  # CPU seconds: a backstop if interrupts and timeouts are ignored
            limits.append((resource.RLIMIT_CPU, self.notebook_timeout + 60))
        limits.append((resource.RLIMIT_CORE, 0))
        if self._sandbox is not None and self._sandbox.switch and self.max_processes:
            limits.append((resource.RLIMIT_NPROC, self.max_processes))
        # Never the folder the student's files were collected into: the working folder holds the notebook,
        # the release's files and the grader's own variants.json, nothing else the student handed in.
        kwargs["cwd"] = self._workdir

        def set_limits() -> None:  # runs in the kernel's process before exec
            for which, value in limits:
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

    def output(self, outs, msg, display_id, cell_index):
        msg_type = msg.get("msg_type")
        content = msg.get("content", {})
        if msg_type == "error":
            return super().output(outs, msg, display_id, cell_index)
        size = len(content.get("text", "")) if msg_type == "stream" else sum(len(str(v)) for v in content.get("data", {}).values())
        used = self._out_chars.get(cell_index, 0)
        self._out_chars[cell_index] = used + size
        if used + size <= self.max_output_chars:
            return super().output(outs, msg, display_id, cell_index)
        room = max(0, self.max_output_chars - used)
        first_cut = cell_index not in self._out_cut
        self._out_cut.add(cell_index)
        if msg_type == "stream":
            keep_stderr = content.get("name") == "stderr" and not any(o.get("name") == "stderr" for o in outs)
            if first_cut or keep_stderr:
                text = content.get("text", "")[: max(room, 200 if keep_stderr else 0)]
                note = f"\n[... output cut by the grader: more than {self.max_output_chars:,} characters ...]\n" if first_cut else ""
                msg = {**msg, "content": {**content, "text": text + note}}
                return super().output(outs, msg, display_id, cell_index)
            return None
        if msg_type == "execute_result":
            data = content.get("data", {})
            plain = str(data.get("text/plain", ""))[:2000]
            msg = {**msg, "content": {**content, "data": {"text/plain": plain}}}
            return super().output(outs, msg, display_id, cell_index)
        return None  # large display data beyond the budget is dropped


class RecordFindings(NbGraderPreprocessor):
    """Flag the submission in the gradebook and put each blocked cell's reason in its comment."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        findings = findings_of(nb)
        if not findings:
            return nb, resources
        info = resources["nbgrader"]
        by_cell: dict[str, list[str]] = {}
        for f in findings:
            if f.severity in ("block", "runtime") and f.cell:
                by_cell.setdefault(f.cell, []).append(("line %d: " % f.line if f.line else "") + f.message)
        with Gradebook(info["db_url"]) as gb:
            try:
                sub = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            except MissingEntry:
                return nb, resources
            if any(f.flags for f in findings):
                sub.flagged = True
            solution_ids = {c.name for c in sub.notebook.solution_cells}
            for gid, reasons in by_cell.items():
                if gid in solution_ids:
                    comment = gb.find_comment(gid, info["notebook"], info["assignment"], info["student"])
                    comment.auto_comment = "Integrity check: " + "; ".join(reasons)
            zero = [f for f in findings if f.severity == "zero"]
            if zero and solution_ids:  # as the parallel grader words it, on the first answer
                comment = gb.find_comment(min(solution_ids), info["notebook"], info["assignment"], info["student"])
                comment.auto_comment = f"Not graded: {zero[0].message}"
            gb.db.commit()
        return nb, resources


class HideHiddenTests(NbGraderPreprocessor):
    """Feedback without the hidden tests' code: each test cell keeps its visible tests and its result.

    nbgrader's feedback shows the autograded notebook, hidden tests included, which spoils them for
    the next class; IPython's tracebacks also quote the failing test line. So the hidden region is
    removed from test cells and a test cell's error is reduced to its last line, which names the
    check that failed and the hint.
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        for cell in nb.cells:
            meta = _nbgrader_meta(cell) or {}
            if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
                continue
            cell.source = HIDDEN.sub("", cell.source)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return nb, resources
