"""Fast checks of the formgrader's MathJax (partnership_grading/formgrader_maths.py): which template wins
and what the Jupyter servers are told to serve. The page in a browser is in test_grading_feedback.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

from partnership_grading import feedback as fb
from partnership_grading import formgrader_maths as fm

from .test_exercise_sources import COURSE

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = {"base_url": "/user/someone", "submission_id": "s1", "notebook_id": "nb", "assignment_id": "a",
             "index": 0, "total": 1, "notebook_path": "nb.ipynb"}  # what nbgrader's SubmissionHandler passes


@pytest.fixture
def formgrader_config(monkeypatch):
    """The configuration nbgrader's formgrader gives its exporter, in the course folder (its own code, not a copy)."""
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

    monkeypatch.chdir(COURSE)
    monkeypatch.setattr(sys, "path", list(sys.path))  # nbgrader puts the working folder on it
    extension = FormgradeExtension()
    extension.root_dir = str(COURSE)
    extension.initialize([])
    return extension.config


def _exporter(config):
    from nbconvert.exporters import HTMLExporter

    exporter = HTMLExporter(config=config)
    exporter._preprocessors = []  # ShowRubric needs a submission; the template is what is checked here
    return exporter


def test_the_formgrader_keeps_its_template_and_finds_the_courses_mathjax_macro_first(formgrader_config):
    exporter = _exporter(formgrader_config)
    assert exporter.template_name == "formgrade", "nbgrader's grading page, unchanged"
    macro = Path(exporter.environment.get_template("mathjax.html.j2").filename)
    assert macro == fm.TEMPLATES / "formgrade" / "mathjax.html.j2", "not nbconvert's base/mathjax.html.j2"


def test_the_grading_page_loads_mathjax_from_its_own_server_and_nothing_from_a_cdn(formgrader_config):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(r"If $\delta \ge \delta^*$ then $$T > R$$.")])
    page, _ = _exporter(formgrader_config).from_notebook_node(nb, resources=dict(RESOURCES))
    assert "cdnjs" not in page and "MathJax.Hub" not in page
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page), "no address off the server"
    assert f'"/{fm.STATIC_URL}"' in page, "the vendored entry point, under the base url the script computes"
    assert 'lastIndexOf("/formgrader/")' in page and '"ui/safe"' in page
    assert r"$\delta \ge \delta^*$" in page, "the TeX is left for MathJax"


def test_the_served_folder_holds_the_pinned_mathjax():
    import json

    assert fm.missing() is None, fm.missing()
    (served,) = fm.static_paths()
    assert (Path(served) / fm.ENTRY).is_file() and (Path(served) / "es5" / "ui" / "safe.js").is_file()
    assert list((Path(served) / "es5" / "output" / "chtml" / "fonts" / "woff-v2").glob("MathJax_Main-Regular.woff"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    installed = json.loads((Path(served) / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == lock["node_modules/mathjax"]["version"] == lock[""]["devDependencies"]["mathjax"]


def test_the_feedback_pages_keep_their_script_free_macro_under_the_same_config(formgrader_config):
    exporter = fb.FeedbackExporter(config=formgrader_config)
    macro = Path(exporter.environment.get_template("mathjax.html.j2").filename)
    assert macro == fb.TEMPLATES / fb.TEMPLATE_NAME / "mathjax.html.j2"
    assert "<script" not in macro.read_text(encoding="utf-8")


def test_every_server_that_runs_the_formgrader_serves_it():
    from jupyter_server.serverapp import ServerApp

    app = ServerApp()
    app.parse_command_line(fm.server_options())  # `make grading-formgrader` and tests/jupyter_server.py
    assert app.extra_static_paths == fm.static_paths()  # the class's hub: tests/test_hub_config.py


def test_the_formgrader_command_refuses_to_start_without_mathjax(monkeypatch, tmp_path, capsys):
    from partnership_grading import course as wf
    from partnership_grading.course import steps

    monkeypatch.setattr(fm, "MATHJAX", tmp_path / "nowhere")
    monkeypatch.setattr(steps.subprocess, "call", lambda *a, **k: pytest.fail("JupyterLab was started"))
    assert wf.formgrader(wf.Course(COURSE), open_browser=False) == 2
    assert "make js-deps" in capsys.readouterr().err
