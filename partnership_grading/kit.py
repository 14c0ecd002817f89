"""The student kit: everything a student installs, and nothing that holds a solution.

``make student-kit`` (and ``make book``, and the book's Exercises page on a plain build) writes
``_static/student-kit.zip``, which the Exercises page offers for download. Unzipped it is one folder::

    partners-and-rivals-student-kit/
      README.md          two commands on a fresh machine, then how to work, validate and submit
      requirements.txt   exact versions from requirements.lock, for what the notebooks need only
      <a>.ipynb          the released notebooks (nbgrader generate_assignment; never the sources)
      packages/partnership-<version>+student-py3-none-any.whl

The wheel is the course package (:mod:`partnership`) as the released notebooks use it, built here
file by file: the modules the notebooks import and what those import in turn (the models, the
visible tests' helpers :mod:`partnership.checks`, the per-student numbers), and the explorers
(``partnership.widgets``). The grading engine is a package of its own (:mod:`partnership_grading`:
integrity scan, preprocessors, sandbox, verdicts, parallel grading, authoring) and never ships: the
build fails if a released notebook, or a course module it needs, imports any of it or the book's
build tools (:mod:`partnership_book`).

The wheel also installs a few small configuration files into the student's environment
(``<venv>/etc/jupyter/``), the places ``jupyter labextension disable --level=sys_prefix`` and
``jupyter server extension disable --sys-prefix`` write to, as drop-in ``.d`` files so no other
package's settings are overwritten:

- ``labconfig/page_config.d/``: nbgrader's instructor extensions (formgrader, create assignment,
  course list) and the JupyterHub assignment list are disabled in JupyterLab and Notebook 7;
  nbgrader's *Validate* button stays;
- ``jupyter_server_config.d/``: the matching server extensions are not loaded;
- ``nbgrader_config.py``: a student-side nbgrader configuration, so ``nbgrader validate`` finds one
  and prints no "No nbgrader_config.py file found" warning;
- and, in ``etc/ipython/``, the course's kernel setting that keeps ipykernel's warning about TCP on
  the loopback out of every validation.

Everything is written with fixed timestamps and in a fixed order, so the same course gives the same
bytes (the book's download does not change unless the kit does).
"""

from __future__ import annotations

import ast
import base64
import datetime
import hashlib
import io
import json
import re
import subprocess
import tomllib
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_ROOT = REPO_ROOT / "partnership"
KIT_DIR = "partners-and-rivals-student-kit"
DEFAULT_DEST = REPO_ROOT / "_static" / "student-kit.zip"
LOCAL_VERSION = "student"  # the wheel's version is the package's plus "+student": it is not the full package

# Besides what the notebooks import, students get the explorers the chapters use.
EXTRA_MODULES = ("partnership.widgets",)
# The instructor's and the maintainers' packages: nothing a student installs may import them.
NOT_FOR_STUDENTS = ("partnership_grading", "partnership_book")
# The environment the notebooks run in, besides the package's own dependencies (pyproject.toml):
# JupyterLab 4 and Notebook 7, a Python kernel, and nbgrader for `nbgrader validate` and the button.
STUDENT_TOOLS = ("jupyterlab", "notebook", "ipykernel", "nbgrader")
# Installed by `python -m venv` itself (nbgrader declares setuptools; Python 3.11's venv has it):
# not pinned in requirements.lock, so not pinned in the kit either.
FROM_THE_VENV = {"pip", "setuptools"}

# nbgrader 0.9's JupyterLab plugins and server extensions (see nbgrader's installation guide,
# "Disabling extensions"). Students keep validate-assignment (the Validate button and its server
# handler); the instructor's tools go, and so do the assignment and course lists, which need a
# JupyterHub exchange that a laptop does not have. The Nbgrader menu would be left empty.
DISABLED_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:menu",
    # JupyterLab's "get notified about official Jupyter news?" prompt: the kit works offline.
    "@jupyterlab/apputils-extension:announcements",
)
DISABLED_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.assignment_list",
)
CONFIG_NAME = "partners-and-rivals-student.json"  # after nbgrader.json in the .d folders: it wins

FALLBACK_DATE = (2026, 1, 1, 0, 0, 0)  # outside a git checkout

INSTALL = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
START = ".venv/bin/jupyter lab"


class KitError(RuntimeError):
    """The kit cannot be built as promised (a grading module would ship, a pin is missing, ...)."""


# ---------------------------------------------------------------------------------------------
# What the notebooks import


def _module_file(module: str) -> Path | None:
    parts = module.split(".")
    base = REPO_ROOT.joinpath(*parts)
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def _imports(source: str, module: str | None = None, is_package: bool = False) -> set[str]:
    """Every course module (``partnership``, or the two never shipped) the imports in ``source`` name (relative ones resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if module is None:
                    continue
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}  # `from partnership import plotting`
    return {m for m in found if m.split(".")[0] in ("partnership", *NOT_FOR_STUDENTS) and _module_file(m) is not None}


def notebook_imports(notebooks: list[Path]) -> set[str]:
    """The ``partnership`` modules the notebooks' code cells import."""
    found: set[str] = set()
    for path in notebooks:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                # IPython's magics and shell escapes are not Python: blank them, keep the imports around them
                lines = "".join(cell.get("source", "")).split("\n")
                source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)
                try:
                    found |= _imports(source)
                except SyntaxError:  # a cell a student cannot run either: it imports nothing
                    continue
    return found


def kit_modules(notebooks: list[Path]) -> dict[str, Path]:
    """Module name -> file for everything the kit's package holds: the import closure, with parent packages."""
    todo = sorted(notebook_imports(notebooks) | set(EXTRA_MODULES))
    seen: dict[str, Path] = {}
    while todo:
        module = todo.pop()
        parts = module.split(".")
        for k in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__ first
            parent = ".".join(parts[:k])
            if parent not in seen:
                todo.append(parent)
        if module in seen:
            continue
        path = _module_file(module)
        if path is None:
            continue
        seen[module] = path
        is_package = path.name == "__init__.py"
        for dep in _imports(path.read_text(encoding="utf-8"), module, is_package):
            if dep not in seen:
                todo.append(dep)
    engine = sorted(m for m in seen if m.split(".")[0] in NOT_FOR_STUDENTS)
    if engine:
        raise KitError(
            f"the released notebooks need {', '.join(engine)}, which is the instructor's grading engine or the "
            "book's build tools and must not reach students: test cells may import only the course package, partnership"
        )
    return dict(sorted(seen.items()))


# ---------------------------------------------------------------------------------------------
# Pinned requirements


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(lock: Path = REPO_ROOT / "requirements.lock") -> dict[str, tuple[str, str]]:
    """Normalised name -> (name as written, version) for every ``name==version`` line."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise KitError(f"{lock}: {line!r} is not an exact pin (name==version)")
        pins[_normal(name)] = (name.strip(), version.strip())
    return pins


def package_dependencies(pyproject: Path = REPO_ROOT / "pyproject.toml") -> list[str]:
    return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])


def kit_requirements(lock: Path = REPO_ROOT / "requirements.lock", pyproject: Path = REPO_ROOT / "pyproject.toml") -> list[str]:
    """``name==version`` for the package's dependencies, the student tools and all they depend on.

    The dependency graph is read from the installed distributions (``make install`` installed
    exactly the lock), the versions from the lock itself, and the two must agree. Markers are
    evaluated for this machine: the lock is resolved on Linux with Python 3.11, so a student on
    macOS or Windows also gets the few platform-only packages pip adds there (appnope, pywinpty).
    """
    pins = read_lock(lock)
    env: dict[str, str] = {k: str(v) for k, v in default_environment().items()}
    todo = [(Requirement(r).name, frozenset(Requirement(r).extras)) for r in package_dependencies(pyproject)]
    todo += [(name, frozenset()) for name in STUDENT_TOOLS]
    done: set[tuple[str, frozenset]] = set()
    chosen: dict[str, str] = {}
    while todo:
        name, extras = todo.pop()
        key = _normal(name)
        if (key, extras) in done or key in FROM_THE_VENV:
            continue
        done.add((key, extras))
        if key not in pins:
            raise KitError(f"{name} is needed by the student kit but is not pinned in {lock.name}")
        try:
            dist = metadata.distribution(pins[key][0])
        except metadata.PackageNotFoundError as exc:
            raise KitError(f"{name} is not installed here: run `make install` before building the kit") from exc
        if dist.version != pins[key][1]:
            raise KitError(f"{name} is {dist.version} here but {lock.name} pins {pins[key][1]}: run `make install`")
        chosen[key] = f"{pins[key][0]}=={pins[key][1]}"
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is not None and not any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""})):
                continue
            todo.append((req.name, frozenset(req.extras)))
    return sorted(chosen.values(), key=str.lower)


def minimum_python(pins: list[str]) -> str:
    """The oldest Python every pinned distribution accepts (its ``Requires-Python``), e.g. ``3.11.5``.

    Students read it in the kit's README: "Python 3.11" is not enough when one pin (soupsieve 4.1.3)
    needs 3.11.5, and Debian 12's python3 is 3.11.2.
    """
    specs = []
    for pin in pins:
        name = pin.split("==")[0]
        for required in metadata.distribution(name).metadata.get_all("Requires-Python") or []:
            if required:
                specs.append(SpecifierSet(required))
    for minor in range(11, 20):
        for micro in range(0, 30):
            candidate = f"3.{minor}.{micro}"
            if all(spec.contains(candidate) for spec in specs):
                return candidate
    raise KitError("no Python 3 release satisfies every pinned distribution's Requires-Python")


# ---------------------------------------------------------------------------------------------
# The wheel


def package_version(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def _nbgrader_student_config() -> str:
    return (
        '"""nbgrader on a student\'s machine (installed by the Partners and Rivals student kit).\n\n'
        "Students only validate: `nbgrader validate <notebook>.ipynb` or the notebook's Validate button.\n"
        "The course's grading configuration lives with the instructor, not here.\n"
        '"""\n\n'
        "c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file\n"
        'c.CourseDirectory.course_id = "partners-and-rivals"\n'
    )


def config_files() -> dict[str, str]:
    """Path below the environment's prefix -> content, for the wheel's data files."""
    lab = {"disabledExtensions": {plugin: True for plugin in DISABLED_LAB_PLUGINS}}
    server = {"ServerApp": {"jpserver_extensions": {ext: False for ext in DISABLED_SERVER_EXTENSIONS}}}
    return {
        f"etc/jupyter/labconfig/page_config.d/{CONFIG_NAME}": json.dumps(lab, indent=2, sort_keys=True) + "\n",
        f"etc/jupyter/jupyter_server_config.d/{CONFIG_NAME}": json.dumps(server, indent=2, sort_keys=True) + "\n",
        "etc/jupyter/nbgrader_config.py": _nbgrader_student_config(),
        # The course's own kernel setting (make install copies the same file): ipykernel 7 warns on every
        # start that TCP on the loopback is not encrypted, noise in every `nbgrader validate` a student runs.
        "etc/ipython/ipython_kernel_config.py": (REPO_ROOT / "scripts" / "ipython_kernel_config.py").read_text(encoding="utf-8"),
    }


def kit_date() -> tuple[int, int, int, int, int, int]:
    """The time stamp of every file in the kit and its wheel: the last commit's (UTC), so one commit
    gives one set of bytes, and a student's file list does not say "46 years ago" (zip's 1980)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)  # noqa: S607
        stamp = int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return FALLBACK_DATE
    t = datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second - t.second % 2)  # zip keeps even seconds


def _zip_write(zf: zipfile.ZipFile, name: str, data: bytes, date: tuple) -> None:
    info = zipfile.ZipInfo(name, date_time=date)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(modules: dict[str, Path], date: tuple = FALLBACK_DATE) -> tuple[str, bytes]:
    """The student build of the course package as a wheel (file name, bytes), written by hand.

    A wheel is a zip with the package, a ``.dist-info`` folder and, for files outside the package, a
    ``.data/data/`` folder that pip installs below the environment's prefix. Writing it directly
    (instead of calling a build backend) needs nothing beyond the lock and gives the same bytes
    every time.
    """
    version = f"{package_version()}+{LOCAL_VERSION}"
    files: dict[str, bytes] = {}
    for module, path in modules.items():
        rel = path.relative_to(REPO_ROOT).as_posix()
        files[rel] = path.read_bytes()
    data_dir = f"partnership-{version}.data/data"
    for rel, text in config_files().items():
        files[f"{data_dir}/{rel}"] = text.encode()
    info = f"partnership-{version}.dist-info"
    requires = "".join(f"Requires-Dist: {dep}\n" for dep in package_dependencies())
    files[f"{info}/METADATA"] = (
        "Metadata-Version: 2.1\nName: partnership\n"
        f"Version: {version}\n"
        "Summary: The 'Partners and Rivals' course package for students: the models, the explorers and the exercises' test helpers\n"
        "License: MIT\nRequires-Python: >=3.11\n" + requires
    ).encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: partnership_grading.kit\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/top_level.txt"] = b"partnership\n"
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in sorted(files.items()))
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        # dist-info last, as the wheel spec recommends (tools may stream the archive)
        for name in sorted(files, key=lambda n: (n.startswith(info), n)):
            _zip_write(zf, name, files[name], date)
    return f"partnership-{version}-py3-none-any.whl", buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The kit


def readme(notebooks: list[str], wheel: str, python: str) -> str:
    listing = "\n".join(f"  {name}" for name in notebooks)
    return f"""# Partners and Rivals: student kit

The problem sets of the *Partners and Rivals* course, ready to work on your own computer: the
student notebooks and the course package `partnership` (the models the chapters use), with an
environment pinned to the versions the course is tested with.

## Install and start (two commands)

You need Python {python} or later (the course is tested with 3.11; from python.org, your
system's packages or conda: `python3 --version` tells) and an internet connection for the first
command. In a terminal, inside this folder:

```bash
{INSTALL}
{START}
```

The first command makes a private Python environment in `.venv/` and installs the exact versions
listed in `requirements.txt` (about 500 MB; a few minutes). The second starts JupyterLab in your
browser; open a notebook from the file list on the left. Next time, only the second command is
needed. On Windows, write `.venv\\Scripts\\pip` and `.venv\\Scripts\\jupyter` instead of `.venv/bin/pip` and
`.venv/bin/jupyter` (and `py -3` instead of `python3` if `python3` is not found).

## What is here

```text
README.md          this file
requirements.txt   the pinned environment
{listing}
packages/{wheel}
                   the course package (models, explorers, the tests' helpers)
```

## Working on a problem set

1. Open the notebook and run its setup cell: it imports the models you may use and shows your
   numbers. If your course gives every student their own numbers, your instructor hands out a file
   `variants.json` with the notebook: put it in this folder, next to the notebook, and write your
   student id in the cell above the setup (`STUDENT_ID = "your-id"`) if the setup cell asks for it.
   Without `variants.json` you get the numbers the notebook publishes.
2. Write code where a cell says `# YOUR CODE HERE` and your argument where a cell says
   `YOUR ANSWER HERE`. Keep the names the prompts ask for.
3. Run the test cell under each part: it checks your work with *visible* tests. When the notebook is
   graded, *hidden* tests call your functions with other inputs as well.
4. Before you submit, use *Kernel → Restart Kernel and Run All Cells*, or press **Validate** in
   the notebook's toolbar, or in a terminal in this folder run
   `.venv/bin/nbgrader validate ps1-ip.ipynb` (with your notebook's name).
5. Submit the `.ipynb` file with its name unchanged, the way your course asks (learning platform
   or JupyterHub).

The Exercises page of the course book describes every problem set and how it is graded.
"""


def requirements_txt(pins: list[str], wheel: str) -> str:
    head = (
        "# The student kit's environment: exact versions from the course's requirements.lock, for what the\n"
        "# notebooks need (JupyterLab and Notebook 7, nbgrader to validate, the models' libraries), and the\n"
        "# course package. Install inside this folder:\n"
        f"#   {INSTALL}\n"
    )
    return head + "".join(f"{pin}\n" for pin in pins) + f"./packages/{wheel}\n"


@dataclass(frozen=True)
class Kit:
    path: Path
    files: list[str]  # paths inside the zip
    size: int  # bytes of the zip
    changed: bool  # False when the file on disk already had these bytes


def build_kit_bytes(notebooks: list[Path]) -> tuple[bytes, list[str]]:
    notebooks = sorted(Path(p) for p in notebooks)
    if not notebooks:
        raise KitError("no released notebooks to put in the student kit")
    date = kit_date()
    wheel_name, wheel = build_wheel(kit_modules(notebooks), date)
    pins = kit_requirements()
    files = {
        "README.md": readme([p.name for p in notebooks], wheel_name, minimum_python(pins)).encode(),
        "requirements.txt": requirements_txt(pins, wheel_name).encode(),
        f"packages/{wheel_name}": wheel,
    }
    for nb in notebooks:
        files[nb.name] = nb.read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            _zip_write(zf, f"{KIT_DIR}/{name}", files[name], date)
    return buf.getvalue(), [f"{KIT_DIR}/{name}" for name in sorted(files)]


def build_kit(dest: Path, notebooks: list[Path]) -> Kit:
    """Write the kit zip to ``dest`` from the released ``notebooks``; leave the file alone if unchanged."""
    dest = Path(dest)
    data, names = build_kit_bytes(notebooks)
    changed = not dest.exists() or dest.read_bytes() != data
    if changed:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(dest)
    return Kit(dest, names, len(data), changed)


def ensure_student_kit(course_root: Path | None = None, dest: Path = DEFAULT_DEST, notebooks_dir: Path | None = None) -> Kit:
    """The kit from the current released notebooks (released first if they are stale)."""
    from .course import DEFAULT_COURSE, ensure_student_notebooks

    notebooks_dir = Path(notebooks_dir) if notebooks_dir else REPO_ROOT / "_static" / "exercises"
    ensure_student_notebooks(Path(course_root) if course_root else DEFAULT_COURSE, notebooks_dir)
    return build_kit(dest, sorted(notebooks_dir.glob("*.ipynb")))
