"""nbgrader preprocessors that make autograding safe against hostile or broken submissions.

``exercises/nbgrader_config.py`` puts them into nbgrader's own autograde pipeline, so plain
``nbgrader autograde`` and ``python -m partnership.grading autograde --parallel N`` both use them:

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
- :class:`ScreenStudentCode` runs :mod:`~partnership.grading.integrity`'s static scan over every
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

import nbformat
from jupyter_core.utils import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from .exporters import UNREADABLE
from .integrity import Finding, neutralised_source, names_bound, scan_cells

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
                    what = f"had its grade id changed to {meta.get('grade_id')!r}" if unknown else "had its nbgrader metadata removed"
                    findings.append(Finding("restore", "metadata", f"{what}; restored", gid))
                elif unknown:
                    findings.append(Finding("restore", "metadata", f"has nbgrader metadata with an unknown grade id {meta.get('grade_id')!r}; graded as an ordinary cell", label))
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
        tests, setup, student = [], [], []
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


THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
SECRET_ENV = re.compile(r"(NBGRADER_DB_URL|DATABASE|PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PGPASS|^PG|AWS_|JUPYTERHUB_API)", re.I)


class GuardedExecute(Execute):
    """nbgrader's Execute with limits per notebook, and a kernel death or hang that fails only that notebook's remaining cells."""

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
    kernel_transport = Unicode(
        "ipc" if sys.platform.startswith("linux") else "tcp",
        help="'ipc' (Unix sockets in a private folder) or 'tcp'. Kernels started at the same moment by "
        "parallel workers can pick the same free TCP port (a known jupyter_client race); sockets cannot collide.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict, km=None):
        self._deadline = time.monotonic() + self.notebook_timeout if self.notebook_timeout else None
        self._out_chars: dict[int, int] = {}
        self._out_cut: set[int] = set()
        self._ipc_dir: str | None = None
        self._running: int | None = None
        started = time.monotonic()
        try:
            out = super().preprocess(nb, resources, km=km)
        except Exception as exc:  # noqa: BLE001 - any failure of the kernel, not of the grader's own code
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
            if self._ipc_dir:
                shutil.rmtree(self._ipc_dir, ignore_errors=True)
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
        return super().preprocess_cell(cell, resources, index)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
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
