"""The student kit (partnership_grading/kit/): what a student installs holds no solution, installs
with the two commands its README gives, and gives a JupyterLab with nbgrader's Validate button but
none of the instructor's tools.

Fast tests check what goes in (modules, pins, the wheel, the zip) without installing anything. The
slow test builds the kit from a fresh release in a temporary folder, runs the README's install command
in a fresh virtual environment (pip from the same pins; the package registry is reached only there),
scans every file of the kit and its wheel for solutions, hidden tests and exemplars, validates a
notebook with the kit's nbgrader, and opens a notebook in the kit's JupyterLab in Chromium.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading import course as wf
from partnership_grading import kit
from partnership_grading.kit.pins import _normal
from partnership_grading.kit.wheel import _record_hash

from . import synthetic_students as synthetic
from .test_grading_leaks import _norm, _secret_lines, find_leaks

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb"))
SPECS = au.load_specs(ROOT / "exercises")

# What the released notebooks need: the models, the explorers, the visible tests' helpers.
EXPECTED_MODULES = {
    "partnership", "partnership._validate", "partnership.bargaining", "partnership.concentration",
    "partnership.cooperation", "partnership.foreclosure", "partnership.game", "partnership.plotting", "partnership.property_rights",
    "partnership.revenue", "partnership.variants",
    "partnership.scenarios", "partnership.checks", "partnership.widgets",
    "partnership.widgets.spec", "partnership.widgets.readings", "partnership.widgets.formatting",
    "partnership.widgets.live", "partnership.widgets.static", "partnership.widgets.payload", "partnership.widgets.markup",
    # the explorers, one module each, and what they share
    "partnership.widgets.explorers", "partnership.widgets.explorers.common", *(
        f"partnership.widgets.explorers.{name}" for name in (
            "bargaining", "rubinstein", "ownership", "waterfall", "concentration", "partial_ownership", "cooperation",
            "scenarios", "renegotiation")),
    # the negotiation's deal sheet and the model that checks it (no role's parameters: those stay in instructor/)
    "partnership.widgets.deal_sheet", "partnership.negotiation", *(
        f"partnership.negotiation.{name}" for name in (
            "terms", "markdown", "roles", "toy", "valuation", "impasse", "agreements", "nash", "scoring", "records",
            "roles_file")),
}
# Tools of the book, the tests and the instructor's database: never in a student's environment.
NOT_FOR_STUDENTS = {"jupyter-book", "sphinx", "myst-nb", "pytest", "playwright", "hypothesis", "pypdf",
                    "psycopg2-binary", "jupytext", "sphinxcontrib-katex", "pytest-timeout"}


def _name(pin: str) -> str:
    return _normal(pin.split("==")[0])


def _fake_notebook(path: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nbformat.write(nb, path)
    return path


# --- fast ---------------------------------------------------------------------------------------


def test_the_package_holds_the_models_and_the_checks_but_no_grading_engine():
    modules = kit.kit_modules(SOURCES)
    assert set(modules) == EXPECTED_MODULES
    assert all(path.is_relative_to(ROOT / "partnership") for path in modules.values())
    assert not [m for m in modules if m.startswith(("partnership.negotiation_sheets", "partnership.negotiation_debrief"))], \
        "the role sheets' and the debrief's code reads the instructor's roles file"


def test_a_notebook_that_needs_the_grading_engine_stops_the_build(tmp_path):
    nb = _fake_notebook(tmp_path / "x.ipynb", "from partnership_grading.verdicts import judge\n")
    with pytest.raises(kit.KitError, match="partnership_grading.verdicts"):
        kit.kit_modules([nb])


def test_relative_imports_are_followed(tmp_path):
    """partnership.widgets.explorers.bargaining imports the models with `from ...bargaining import ...`."""
    nb = _fake_notebook(tmp_path / "x.ipynb", "from partnership.widgets import explorer\n")
    modules = kit.kit_modules([nb])
    assert {"partnership.bargaining", "partnership.revenue", "partnership.plotting"} <= set(modules)


def test_requirements_are_the_locks_exact_pins_for_what_students_need():
    pins = kit.kit_requirements()
    lock = {f"{name}=={version}" for name, version in kit.read_lock().values()}
    assert set(pins) <= lock, "every requirement is a line of requirements.lock"
    names = {_name(p) for p in pins}
    assert {"nbgrader", "jupyterlab", "notebook", "ipykernel", "numpy", "matplotlib", "ipywidgets"} <= names
    assert not names & NOT_FOR_STUDENTS, f"book or test tools in the kit: {sorted(names & NOT_FOR_STUDENTS)}"
    assert kit.minimum_python(pins) >= "3.11"


def test_a_requirement_missing_from_the_lock_is_an_error(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("\n".join(line for line in (ROOT / "requirements.lock").read_text().splitlines() if not line.startswith("nbgrader==")))
    with pytest.raises(kit.KitError, match="nbgrader is needed by the student kit but is not pinned"):
        kit.kit_requirements(lock)


def test_the_wheel_is_a_valid_wheel_with_the_student_configuration():
    name, data = kit.build_wheel(kit.kit_modules(SOURCES))
    assert name == f"partnership-{kit.package_version()}+student-py3-none-any.whl"
    assert kit.build_wheel(kit.kit_modules(SOURCES))[1] == data, "the same bytes every time"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        info = f"partnership-{kit.package_version()}+student.dist-info"
        record = zf.read(f"{info}/RECORD").decode()
        for line in record.splitlines():  # RECORD lists every file with its hash and size
            path, digest, size = line.rsplit(",", 2)
            if path != f"{info}/RECORD":
                assert digest == _record_hash(zf.read(path)) and int(size) == len(zf.read(path)), path
        assert sorted(line.rsplit(",", 2)[0] for line in record.splitlines()) == sorted(names)
        assert not [n for n in names if n.startswith(("partnership_grading/", "partnership_book/"))], "the engine never ships"
        assert sorted({n.split("/")[0] for n in names if not n.startswith("partnership-")}) == ["partnership"]
        data_dir = f"partnership-{kit.package_version()}+student.data/data/etc/jupyter"
        lab = json.loads(zf.read(f"{data_dir}/labconfig/page_config.d/{kit.CONFIG_NAME}"))
        server = json.loads(zf.read(f"{data_dir}/jupyter_server_config.d/{kit.CONFIG_NAME}"))
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= set(lab["disabledExtensions"])
        assert "@jupyter/nbgrader:validate-assignment" not in lab["disabledExtensions"], "the Validate button stays"
        extensions = server["ServerApp"]["jpserver_extensions"]
        assert extensions["nbgrader.server_extensions.formgrader"] is False
        assert "nbgrader.server_extensions.validate_assignment" not in extensions
        assert "nbgrader_config.py" in " ".join(names)


@pytest.mark.slow  # builds the whole kit
def test_the_kit_zip_has_only_what_a_student_needs(tmp_path):
    nbs = [_fake_notebook(tmp_path / "ps9-x.ipynb", "from partnership.bargaining import nash_split\n")]
    data, names = kit.build_kit_bytes(nbs)
    assert kit.build_kit_bytes(nbs)[0] == data, "the same bytes every time"
    wheel = f"partnership-{kit.package_version()}+student-py3-none-any.whl"
    assert names == [f"{kit.KIT_DIR}/{n}" for n in ["README.md", f"packages/{wheel}", "ps9-x.ipynb", "requirements.txt"]]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        readme = zf.read(f"{kit.KIT_DIR}/README.md").decode()
        requirements = zf.read(f"{kit.KIT_DIR}/requirements.txt").decode().splitlines()
    assert _readme_commands(readme) == [kit.INSTALL, kit.START]
    assert requirements[-1] == f"./packages/{wheel}"
    assert [r for r in requirements if r and not r.startswith("#")][:-1] == kit.kit_requirements()
    built = kit.build_kit(tmp_path / "kit.zip", nbs)
    assert built.changed and built.size == len(data)
    assert not kit.build_kit(tmp_path / "kit.zip", nbs).changed, "an unchanged kit is not rewritten"


def _readme_commands(readme: str) -> list[str]:
    block = re.search(r"```bash\n(.*?)```", readme, re.S)
    assert block, "the README shows the commands in a bash block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_exercises_page_and_the_readme_point_students_to_the_kit():
    page = (ROOT / "chapters" / "exercises.md").read_text(encoding="utf-8")
    assert "<../_static/student-kit.zip>" in page and kit.INSTALL in page and kit.START in page
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exercises and grading"):]
    students = section[section.index("**Students**"):section.index("**Instructors**")]
    assert "student kit" in students and "make install" not in students


# --- slow: build, install in a fresh environment, open in JupyterLab -----------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kit")
    released = wf.student_notebooks(wf.Course(ROOT / "exercises"), tmp / "release")
    built = kit.build_kit(tmp / "student-kit.zip", released)
    with zipfile.ZipFile(built.path) as zf:
        zf.extractall(tmp / "fresh")
    folder = tmp / "fresh" / kit.KIT_DIR
    commands = _readme_commands((folder / "README.md").read_text(encoding="utf-8"))
    # A fresh machine: this test's own virtual environment is not on PATH, only the Python it was made from.
    base_python = Path(getattr(sys, "_base_executable", sys.executable)).resolve().parent
    env = {k: v for k, v in os.environ.items() if k.startswith("PIP_") or k in ("HOME", "LANG", "SSL_CERT_FILE")}
    env["PATH"] = f"{base_python}{os.pathsep}/usr/bin{os.pathsep}/bin"
    proc = subprocess.run(["bash", "-c", commands[0]], cwd=folder, env=env, capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, f"`{commands[0]}` failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    env["JUPYTER_DATA_DIR"] = str(tmp / "jupyter-data")  # no kernel spec or extension of this machine's user
    env["IPYTHONDIR"] = str(tmp / "ipython")
    env["PATH"] = f"{folder / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"
    return {"tmp": tmp, "folder": folder, "zip": built, "env": env, "python": folder / ".venv" / "bin" / "python", "commands": commands}


def _all_kit_files(installed) -> list[Path]:
    """Every file of the zip, and every file inside the wheel, unpacked next to them."""
    out = installed["tmp"] / "unpacked"
    with zipfile.ZipFile(installed["zip"].path) as zf:
        zf.extractall(out)
    for wheel in list(out.rglob("*.whl")):
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(wheel.with_suffix(".unpacked"))
    return [p for p in out.rglob("*") if p.is_file() and p.suffix != ".whl"]


@pytest.mark.slow
def test_no_file_of_the_kit_holds_a_solution_a_hidden_test_or_an_exemplar(installed):
    files = _all_kit_files(installed)
    rel = sorted(str(p.relative_to(installed["tmp"] / "unpacked")) for p in files)
    assert not [r for r in rel if re.search(r"authoring|/source/|\.grading/|gradebook", r)], rel
    engine = [r for r in rel if "partnership_grading" in r or "partnership_book" in r]
    assert engine == [], f"the grading engine and the book's tools never reach a student: {engine}"
    assert any(r.endswith("/partnership/checks.py") for r in rel), "the visible tests' helpers do"
    # The models are the course's public package (the notebooks import them; Binder installs them): a
    # solution line that is also a line of a shipped model is the model's, e.g. best_ownership's call
    # of compare_ownership. Taken from the repository's modules, not the kit's, and only a handful.
    model_lines = {_norm(line) for path in kit.kit_modules(SOURCES).values() for line in path.read_text().splitlines()}
    excused = _secret_lines(include_exemplars=True) & model_lines
    assert len(excused) <= 3, f"too many solution lines are also model lines: {sorted(excused)}"
    assert len(files) > 20 and find_leaks(files, include_exemplars=True, public=frozenset(excused)) == []
    print(f"\nstudent kit: {installed['zip'].size:,} bytes, {len(installed['zip'].files)} files in the zip, {len(files)} with the wheel unpacked")


@pytest.mark.slow
def test_the_environment_is_exactly_the_pinned_one(installed):
    freeze = subprocess.run([str(installed["python"]), "-m", "pip", "freeze"], capture_output=True, text=True, env=installed["env"], check=True)
    lines = [line for line in freeze.stdout.splitlines() if line and not line.startswith("partnership @")]
    assert sorted(lines, key=str.lower) == sorted(
        (f"{_freeze_name(p)}=={p.split('==')[1]}" for p in kit.kit_requirements()), key=str.lower
    ), "pip installed exactly the kit's pins, nothing more"
    assert any(line.startswith("partnership @") and "student-py3-none-any.whl" in line for line in freeze.stdout.splitlines())


def _freeze_name(pin: str) -> str:
    """The name as pip freeze prints it: the distribution's own metadata name."""
    from importlib import metadata

    return metadata.distribution(pin.split("==")[0]).metadata["Name"]


@pytest.mark.timeout(900)  # two `nbgrader validate` of up to 300 s each
@pytest.mark.slow
def test_nbgrader_validate_works_without_warnings(installed):
    folder, env = installed["folder"], installed["env"]
    a = next(s for s in SPECS if s.name == "ps2-revenue")
    released = nbformat.read(folder / a.notebook, as_version=4)
    work = installed["tmp"] / "validate"
    (work / "solved").mkdir(parents=True)
    nbformat.write(synthetic.student_submission(released, a, synthetic.answer_bodies(a, "solution")), work / "solved" / a.notebook)
    nbgrader = folder / ".venv" / "bin" / "nbgrader"
    blank = subprocess.run([str(nbgrader), "validate", a.notebook], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    solved = subprocess.run([str(nbgrader), "validate", a.notebook], cwd=work / "solved", env=env, capture_output=True, text=True, timeout=300)
    for proc in (blank, solved):
        log = proc.stdout + proc.stderr
        assert "WARNING" not in log, log[-3000:]
    assert "VALIDATION FAILED" in blank.stdout + blank.stderr, "the untouched release fails its visible tests"
    assert "Success! Your notebook passes all the tests." in solved.stdout + solved.stderr, (solved.stdout + solved.stderr)[-3000:]


NBGRADER_UI = """() => {
  const app = window.jupyterapp;
  return {
    plugins: app.listPlugins().filter(p => p.startsWith('@jupyter/nbgrader')),
    commands: app.commands.listCommands().filter(c => c.startsWith('nbgrader:')),
    menus: [...document.querySelectorAll('.lm-MenuBar-itemLabel')].map(e => e.textContent),
    sidebars: [...document.querySelectorAll('.jp-SideBar .lm-TabBar-tab')].map(e => e.getAttribute('title') || e.textContent),
    toolbar: [...document.querySelectorAll('.jp-NotebookPanel-toolbar .jp-Toolbar-item')].map(e => e.textContent.trim()).filter(Boolean),
  };
}"""


def _open_notebook(browser, base: str, notebook: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{base}/lab/tree/{notebook}", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=90_000)
    page.wait_for_selector(".jp-NotebookPanel-toolbar .jp-Toolbar-item", timeout=60_000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
    page.wait_for_timeout(1500)  # plugins that add toolbar items and sidebars activate after start
    return page


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.timeout(1200)  # JupyterLab's start, a kernel and a validation: Playwright waits of up to 690 s together
@pytest.mark.slow
def test_the_kits_jupyterlab_runs_the_notebook_and_has_validate_but_no_instructor_tools(installed, browser, tmp_path):
    from .jupyter_server import jupyter_lab

    folder, env = installed["folder"], installed["env"]
    assert installed["commands"][1] == kit.START
    with jupyter_lab(folder, tmp_path / "lab", env=env, python=installed["python"], extra=["--LabApp.expose_app_in_browser=True"]) as base:
        assert _status(f"{base}/formgrader") == 404, "the formgrader's server extension is not loaded"
        page = _open_notebook(browser, base, "ps1-ip.ipynb")
        ui = page.evaluate(NBGRADER_UI)
        assert ui["plugins"] == ["@jupyter/nbgrader:validate-assignment"], ui
        assert ui["commands"] == [] and "Nbgrader" not in ui["menus"], ui
        assert not [s for s in ui["sidebars"] if "Create Assignment" in s], ui
        assert "Validate" in ui["toolbar"], ui
        # The student runs the locked setup cell: the kit's package provides the models.
        setup = page.locator(".jp-Notebook .jp-CodeCell").nth(0)
        setup.locator(".jp-InputPrompt").click()
        page.keyboard.press("Shift+Enter")
        setup.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(timeout=120_000)
        assert setup.locator(".jp-OutputArea-output").count() == 0, setup.inner_text()
        # ... and presses Validate: the kit's nbgrader runs the visible tests (the blank release fails them).
        page.locator(".jp-NotebookPanel-toolbar .jp-Toolbar-item", has_text="Validate").click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for(timeout=180_000)
        page.wait_for_function("() => /failed|passes|error/i.test(document.querySelector('.jp-Dialog')?.textContent || '')", timeout=180_000)
        assert re.search(r"VALIDATION FAILED|failed", dialog.inner_text(), re.I), dialog.inner_text()[:1000]
        page.close()


@pytest.mark.timeout(1200)  # the same steps in the course's own environment
@pytest.mark.slow
def test_the_same_checks_see_the_instructor_tools_in_the_course_environment(installed, browser, tmp_path):
    """Control: in the instructor's environment (this repository's .venv) the same probes find the
    formgrader, the create-assignment sidebar and the Nbgrader menu, so the test above can fail."""
    from .jupyter_server import jupyter_lab

    env = {**installed["env"], "PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    with jupyter_lab(installed["folder"], tmp_path / "lab", env=env, extra=["--LabApp.expose_app_in_browser=True"]) as base:
        assert _status(f"{base}/formgrader") == 200
        page = _open_notebook(browser, base, "ps1-ip.ipynb")
        ui = page.evaluate(NBGRADER_UI)
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= set(ui["plugins"]), ui
        assert "Nbgrader" in ui["menus"] and [s for s in ui["sidebars"] if "Create Assignment" in s], ui
        page.close()
