"""Keep each page to what the static site uses, with nothing pointing off the machine.

* sphinx-thebe registers its configuration script once per read phase; with myst-nb that is twice
  per page, and the repeated ``const THEBE_JS_URL`` is a console error. Thebe (a live kernel inside
  the page, loaded from a CDN) is off in this course, so its scripts go entirely: readers reach a
  live kernel through the launch buttons instead.
* myst-nb embeds the saved ipywidgets state of each executed page for a widget manager that this
  site does not load (the explorers are rendered from their static HTML, see
  partnership/widgets/static.py), so that state is dead weight and goes too.
"""

from __future__ import annotations

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _unused(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    attributes = getattr(script, "attributes", {}) or {}
    body = attributes.get("body", "") or ""
    return (
        "THEBE_JS_URL" in body
        or filename.endswith("sphinx-thebe.js")
        or attributes.get("type") == WIDGET_STATE
    )


def prune_scripts(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _unused(s)]
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if not str(getattr(c, "filename", c)).endswith("sphinx-thebe.css")]


def setup(app):
    # After myst-nb (priority 500) has added the page's own scripts.
    app.connect("html-page-context", prune_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
