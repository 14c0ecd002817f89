"""The notebook exporter that plain ``nbgrader autograde`` (and the formgrader's button) reads submissions with.

nbgrader reads each submission with ``nbformat.read``; a file that is not a notebook (not JSON, cut
off by an interrupted upload, an nbformat it cannot read) raises, nbgrader reports an error for the
whole student and leaves the gradebook as it was: no score, or an earlier submission's scores.
:class:`ZeroIfUnreadable` turns such a file into an empty notebook instead, with the reason in
``resources``: :class:`~partnership.grading.preprocessors.RestoreStructure` then rebuilds the
release's cells with empty answers, so every part scores zero, and
:class:`~partnership.grading.preprocessors.RecordFindings` flags the submission with the reason.
``exercises/nbgrader_config.py`` sets it as ``Autograde.exporter_class``.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.exporters.exporter import ResourcesDict

from .integrity import read_problem

UNREADABLE = "partnership_unreadable"  # the resources key that carries the reason


class ZeroIfUnreadable(NotebookExporter):
    """nbgrader's NotebookExporter, except that an unreadable file becomes an empty notebook to grade as zero."""

    def from_filename(self, filename: str, resources: dict | None = None, **kw):
        problem = read_problem(Path(filename))
        if problem is None:
            return super().from_filename(filename, resources=resources, **kw)
        resources = ResourcesDict() if resources is None else resources
        if not resources.get("metadata"):
            resources["metadata"] = ResourcesDict()
        path, basename = os.path.split(filename)
        resources["metadata"]["name"] = os.path.splitext(basename)[0]
        resources["metadata"]["path"] = path
        modified = datetime.datetime.fromtimestamp(os.path.getmtime(filename), tz=datetime.timezone.utc)
        resources["metadata"]["modified_date"] = modified.strftime("%B %d, %Y")
        resources[UNREADABLE] = problem
        return self.from_notebook_node(nbformat.v4.new_notebook(), resources=resources, **kw)
