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

from .build import (
    DEFAULT_DEST,
    INSTALL,
    KIT_DIR,
    START,
    Kit,
    build_kit,
    build_kit_bytes,
    ensure_student_kit,
    readme,
    requirements_txt,
)
from .closure import EXTRA_MODULES, NOT_FOR_STUDENTS, kit_modules, notebook_imports
from .common import REPO_ROOT, KitError, kit_date
from .pins import FROM_THE_VENV, STUDENT_TOOLS, kit_requirements, minimum_python, package_dependencies, read_lock
from .wheel import (
    CONFIG_NAME,
    DISABLED_LAB_PLUGINS,
    DISABLED_SERVER_EXTENSIONS,
    LOCAL_VERSION,
    build_wheel,
    config_files,
    package_version,
)

__all__ = [
    "CONFIG_NAME", "DEFAULT_DEST", "DISABLED_LAB_PLUGINS", "DISABLED_SERVER_EXTENSIONS", "EXTRA_MODULES", "FROM_THE_VENV",
    "INSTALL", "KIT_DIR", "LOCAL_VERSION", "NOT_FOR_STUDENTS", "REPO_ROOT", "START", "STUDENT_TOOLS", "Kit", "KitError",
    "build_kit", "build_kit_bytes", "build_wheel", "config_files", "ensure_student_kit", "kit_date", "kit_modules",
    "kit_requirements", "minimum_python", "notebook_imports", "package_dependencies", "package_version", "read_lock",
    "readme", "requirements_txt",
]
