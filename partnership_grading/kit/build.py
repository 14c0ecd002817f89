"""The kit itself: the zip of the released notebooks, the wheel, the pinned requirements and the README (:func:`build_kit`)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .closure import kit_modules
from .common import REPO_ROOT, KitError, _zip_write, kit_date
from .pins import kit_requirements, minimum_python
from .wheel import build_wheel

KIT_DIR = "partners-and-rivals-student-kit"
DEFAULT_DEST = REPO_ROOT / "_static" / "student-kit.zip"
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
START = ".venv/bin/jupyter lab"


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
    from ..course import DEFAULT_COURSE, ensure_student_notebooks

    notebooks_dir = Path(notebooks_dir) if notebooks_dir else REPO_ROOT / "_static" / "exercises"
    ensure_student_notebooks(Path(course_root) if course_root else DEFAULT_COURSE, notebooks_dir)
    return build_kit(dest, sorted(notebooks_dir.glob("*.ipynb")))
