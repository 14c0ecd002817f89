"""The maths on the formgrader's grading page, typeset by MathJax from this machine, not from a CDN.

nbgrader 0.9's page for grading a submission (its ``formgrade`` template) calls nbconvert's
``mathjax()`` macro (``nbconvert/templates/base/mathjax.html.j2``) with no address, so the page asks
cdnjs for MathJax 2.7.7; offline, the maths of the prompts and the students' answers is raw TeX. Two
settings mend it, both through nbgrader's and Jupyter's own extension points:

- the course's ``nbgrader_config.py`` puts :data:`TEMPLATES` before nbgrader's folder in
  ``HTMLExporter.extra_template_basedirs`` (:func:`template_basedirs`): its
  ``formgrade/mathjax.html.j2`` is then found before nbconvert's (``extra_template_paths`` would
  not do: nbconvert searches them after its own ``base`` folder). nbgrader's formgrader sets that
  option itself, but before it reads the course's configuration, which therefore wins;
- every Jupyter server that runs the formgrader serves MathJax 3 (npm's ``mathjax`` package,
  pinned in ``package-lock.json``) at ``<base url>/static/es5/`` (``ServerApp.extra_static_paths``:
  :func:`server_options` on a command line, :func:`static_paths` in a configuration file). The
  template finds the base url from the page's own address, so it works under JupyterHub's
  ``/user/<name>/`` too.

The feedback pages students get are unchanged: their exporter has its own template folder
(``templates/partners-feedback/``), whose ``mathjax.html.j2`` writes no script at all.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
MATHJAX = REPO_ROOT / "node_modules" / "mathjax"  # npm's package; its es5/ folder is what browsers load
ENTRY = "es5/tex-chtml.js"  # TeX in, HTML out; the Safe extension and the fonts are loaded from beside it
STATIC_URL = "static/" + ENTRY  # under the server's base url (Jupyter serves extra_static_paths at static/)


def _nbgrader_templates() -> Path:
    import nbgrader

    return Path(nbgrader.__file__).resolve().parent / "server_extensions" / "formgrader" / "templates"


def template_basedirs() -> list[str]:
    """``HTMLExporter.extra_template_basedirs`` for the formgrader: the course's folder, then nbgrader's."""
    return [str(TEMPLATES), str(_nbgrader_templates())]


def missing() -> str | None:
    """Why the formgrader would have no MathJax to serve, or ``None`` when it has it."""
    if (MATHJAX / ENTRY).is_file():
        return None
    return f"MathJax is missing from {MATHJAX}: run `make js-deps` (npm ci) first"


def static_paths() -> list[str]:
    """``ServerApp.extra_static_paths`` of a Jupyter server that runs the formgrader."""
    return [str(MATHJAX)]


def server_options() -> list[str]:
    """The same, as options of ``jupyter lab`` / ``jupyter server``."""
    return [f"--ServerApp.extra_static_paths={path}" for path in static_paths()]
