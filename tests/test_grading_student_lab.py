"""The student workflow in a real browser: a released notebook opens in JupyterLab 4 and in
Notebook 7, its locked cells are read-only, and its setup cell (which imports the course package)
runs in the kernel.

Runs a local Jupyter server (no token, 127.0.0.1 only) on the released notebooks and drives
Debian's Chromium with Playwright; skipped with a reason where Chromium is missing.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

from partnership_grading import course as wf

from .browser import CHROMIUM
from .jupyter_server import jupyter_lab

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "ps1-ip.ipynb"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    work = tmp_path_factory.mktemp("student")
    wf.student_notebooks(wf.Course(ROOT / "exercises"), work, ["ps1-ip"])
    with jupyter_lab(work, tmp_path_factory.mktemp("student-state"), env=wf.Course(ROOT / "exercises").env()) as base:
        yield base, work


def test_the_server_reads_the_released_notebook(lab):
    base, work = lab
    with urllib.request.urlopen(f"{base}/api/contents/{NOTEBOOK}") as resp:
        model = json.load(resp)
    assert model["type"] == "notebook" and model["format"] == "json"
    cells = model["content"]["cells"]
    assert len(cells) == len(json.loads((work / NOTEBOOK).read_text())["cells"])


@pytest.mark.parametrize("ui,path", [("JupyterLab 4", "/lab/tree/"), ("Notebook 7", "/notebooks/")])
def test_the_notebook_opens_with_locked_cells_read_only(lab, ui, path, browser):
    base, work = lab
    n_cells = len(json.loads((work / NOTEBOOK).read_text())["cells"])
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(base + path + NOTEBOOK, wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(f"document.querySelectorAll('.jp-Notebook .jp-Cell').length >= {n_cells}", timeout=60_000)
    assert page.locator(".jp-Notebook .jp-Cell").count() == n_cells, ui
    assert page.locator(".jp-Notebook .jp-CodeCell", has_text="YOUR CODE HERE").count() >= 1
    # Locked cells (editable: false in the release) refuse typing; answer cells accept it. The first
    # code cell is the editable student-id cell (per-student numbers), the locked setup cell the next.
    code_cells = page.locator(".jp-Notebook .jp-CodeCell")
    setup = code_cells.filter(has_text="# Setup (locked)")
    assert setup.count() == 1, ui
    answer = code_cells.filter(has_text="YOUR CODE HERE").first
    setup_editor, answer_editor = setup.locator(".cm-content"), answer.locator(".cm-content")
    for editor in (setup_editor, answer_editor):
        editor.click()
        page.keyboard.type("QQ")
        page.keyboard.press("Escape")
    assert "QQ" not in setup_editor.inner_text(), f"{ui}: the locked setup cell accepted typing"
    assert "QQ" in answer_editor.inner_text(), f"{ui}: the answer cell should be editable"
    # Run the locked setup cell as a student would (Shift+Enter): the kernel imports the course package
    # and shows the student's numbers (the published ones here: no variants.json beside the notebook).
    setup.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    # "[n]": both pages share the server's session for this file, so n is 1 or 2.
    setup.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(timeout=90_000)
    assert setup.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    shown = setup.locator(".jp-OutputArea-output").inner_text()
    assert "Numbers for ps1-ip" in shown and "published numbers" in shown, f"{ui}: the setup cell shows the numbers: {shown!r}"
    page.close()
