"""A class on a JupyterHub on this machine: local accounts, the course in the instructor's home, nbgrader's exchange.

``make hub`` runs it (``python -m partnership_grading.hub``, a demonstration; it prints the address,
the users and their passwords), ``tests/test_hub.py`` drives it, and ``scripts/hub/jupyterhub_config.py``
reads the class it describes. One module per idea: :mod:`.classroom` (the accounts, the course,
the exchange, running as a class account), :mod:`.view` (what the class sees of the machine),
:mod:`.process` (the hub's processes). It runs as root, because it creates the accounts:

- an instructor (``pr-instructor``) and three students (``pr-student1..3``), real local accounts
  with locked passwords (nobody can log in to the machine as them; the hub has its own passwords)
  and private home folders (0700);
- the course: a copy of this repository's ``exercises/`` (its ``nbgrader_config.py``, the rubrics
  and the sources, with a SQLite gradebook of its own) in ``~pr-instructor/course``, owned by the
  instructor, so only the instructor reads the sources and the gradebook;
- nbgrader's exchange, a folder every account may write into, 1777 like ``/tmp``: nbgrader makes
  it 0777, and the sticky bit keeps a student from renaming or removing the course's folder in
  it (``nbgrader release_assignment`` leaves that bit alone);
- what each role's Jupyter reads: ``instructor/`` or ``student/`` in ``scripts/hub/`` on
  ``JUPYTER_CONFIG_PATH`` (nbgrader's configuration, which extensions are on, the formgrader's
  frame policy), and the exchange in ``NBGRADER_EXCHANGE``.

The hub, its proxy and the single-user servers run from this repository's ``.venv`` and
``node_modules`` (``make install js-deps``): nothing is downloaded when it starts. They run in the
class's *view* of the machine (:func:`view_argv`, a mount namespace made by bubblewrap as root):
the repository shows only what the class runs (the environment, the course package, the proxy and
this folder), so its solutions, specs and instructor edition stay out of reach, and a private
folder the Python installation lives in (pyenv's under ``/root``, say) shows only that
installation. Commands run as a class account (:func:`run_as`) see the same view.
"""

from .classroom import (
    CHP,
    CLASS_ENV,
    CONFIG,
    COURSE_ID,
    INSTRUCTOR,
    STUDENTS,
    VENV_BIN,
    Classroom,
    ClassroomError,
    free_port,
    grading,
    home,
    nbgrader,
    new_classroom,
    remove_account,
    run_as,
    setup,
    user_env,
)
from .process import Hub, leftovers, running_class, start_hub, stop_hub
from .view import HUB_CONFIG, REPO, hidden_folders, view_argv

__all__ = ["CHP", "CLASS_ENV", "CONFIG", "COURSE_ID", "HUB_CONFIG", "INSTRUCTOR", "REPO", "STUDENTS", "VENV_BIN", "Classroom",
           "ClassroomError", "Hub", "free_port", "grading", "hidden_folders", "home", "leftovers", "nbgrader", "new_classroom",
           "remove_account", "run_as", "running_class", "setup", "start_hub", "stop_hub", "user_env", "view_argv"]
