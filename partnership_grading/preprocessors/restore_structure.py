"""RestoreStructure: give a submission the release's cells, order and nbgrader metadata, before nbgrader's checks."""

from __future__ import annotations

import re

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from ..cells import nbgrader_meta, released_source
from ..exporters import UNREADABLE
from ..integrity import Finding
from .findings import META_KEY, add_findings
from .source_notebook import source_notebook


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
        source = source_notebook(self.config, info["assignment"], info["notebook"])
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
                order = [m["grade_id"] for c in source.cells if (m := nbgrader_meta(c)) and m.get("grade_id") in cells]
                canonical = {m["grade_id"]: (c, m) for c in source.cells if (m := nbgrader_meta(c)) and m.get("grade_id")}

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
                    m = nbgrader_meta(c)
                    if m and m.get("grade_id") in cells and c.get("id"):
                        id_of[c["id"]] = m["grade_id"]

            present = {m.get("grade_id") for c in nb.cells if (m := nbgrader_meta(c))} & set(cells)
            claimed: dict[str, NotebookNode] = {}
            sequence: list[tuple[str | None, NotebookNode]] = []
            for k, cell in enumerate(nb.cells):
                if "nbgrader" in cell.metadata and nbgrader_meta(cell) is None:
                    del cell.metadata["nbgrader"]  # not a mapping: nbgrader's own steps could not read it
                meta = nbgrader_meta(cell)
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
        old = nbgrader_meta(cell) or {}
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
        if record.locked and released_source(cell.source) != released_source(record.source or ""):
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
