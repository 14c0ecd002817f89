"""ZeroIfUnreadable: a readable notebook is exported exactly as nbconvert's NotebookExporter does;
a file that is not one becomes an empty notebook with the reason in the resources.
(That such a file then scores zero and is flagged by plain ``nbgrader autograde`` is checked in
test_grading_parallel.py, on a real course.)"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbconvert.exporters import NotebookExporter

from partnership_grading.exporters import UNREADABLE, ZeroIfUnreadable


def test_a_readable_notebook_is_exported_unchanged(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell("*hi*")])
    path = tmp_path / "ps.ipynb"
    nbformat.write(nb, path)
    ours, res = ZeroIfUnreadable().from_filename(str(path))
    theirs, _ = NotebookExporter().from_filename(str(path))
    assert ours == theirs and UNREADABLE not in res and res["metadata"]["name"] == "ps"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"print('I saved my script with the notebook name')\n", "not a notebook"),
        (json.dumps(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])).encode()[:-20], "cut off"),
        (json.dumps({"nbformat": 5, "nbformat_minor": 0, "cells": [], "metadata": {}}).encode(), "nbformat 5"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not text"),
        (b"", "empty"),
    ],
)
def test_an_unreadable_file_becomes_an_empty_notebook_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "ps.ipynb"
    path.write_bytes(content)
    with pytest.raises(Exception):
        NotebookExporter().from_filename(str(path))  # what nbgrader alone would do: fail the student
    nb, res = ZeroIfUnreadable().from_filename(str(path))
    assert reason in res[UNREADABLE]
    assert nbformat.reads(nb, as_version=4).cells == []
    assert res["metadata"]["name"] == "ps" and res["metadata"]["path"] == str(tmp_path)
