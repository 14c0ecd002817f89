"""The student build of the course package as a wheel, written by hand (:func:`build_wheel`), with its configuration files.

The configuration files go below the student's environment prefix: nbgrader's instructor
extensions disabled, a student-side ``nbgrader_config.py``, the course's kernel setting.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tomllib
import zipfile
from pathlib import Path

from .common import FALLBACK_DATE, REPO_ROOT, _zip_write
from .pins import package_dependencies

LOCAL_VERSION = "student"  # the wheel's version is the package's plus "+student": it is not the full package

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
