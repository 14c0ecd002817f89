"""The course repository's address, set in one place: ``repository.url`` in ``_config.yml``.

A copy of the course starts with it empty, because no public repository exists until someone
publishes one (README, "Publishing the site"). Until it is set the site has no launch buttons, so
no page sends a reader to Binder for a repository that is not there; once it is set, every chapter
gets the Binder (or JupyterHub) launch button that sphinx-book-theme builds from it.

* sphinx-book-theme 1.3.0 fails on a chapter page when launch buttons are configured without a
  repository (``get_repo_parts`` finds none), so they are switched off here instead.
* It also copies each executed notebook to ``_sources/`` (for the page's ".ipynb" download) only
  while building launch buttons; without them the copy is made here, so the download stays.
* Launch buttons work only for a GitHub repository (Binder's ``v2/gh`` links); anything else in
  ``repository.url`` stops the build with a message saying what to write.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.errors import ConfigError

GITHUB_REPO = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def repository_url(config) -> str:
    return (config.html_theme_options.get("repository_url") or "").strip()


def check_repository(app, config):
    url = repository_url(config)
    options = config.html_theme_options
    if not url:
        options["launch_buttons"] = {}
        return
    if not GITHUB_REPO.fullmatch(url) or url.endswith(".git"):
        raise ConfigError(
            f"repository.url in _config.yml is {url!r}: write the repository's GitHub address, "
            "https://github.com/<owner>/<repository> (no .git, no trailing slash), or leave it "
            'empty ("") to publish without launch buttons.'
        )
    options["repository_url"] = url


def keep_notebook_download(app, pagename, templatename, context, doctree):
    if repository_url(app.config) or "kernelspec" not in app.env.metadata.get(pagename, {}):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    app.connect("config-inited", check_repository)
    # Before sphinx-book-theme's header buttons (priority 501), which read ipynb_source.
    app.connect("html-page-context", keep_notebook_download, priority=500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
