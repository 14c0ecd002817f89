"""Sidebar navigation that works with the pinned themes (sphinx-book-theme 1.3.0 on
pydata-sphinx-theme 0.17.1, both in requirements.lock).

* pydata-sphinx-theme 0.17 gives a page a top navbar holding a search field unless the site sets
  ``navbar_persistent`` itself (``pydata_sphinx_theme/__init__.py`` ignores sphinx-book-theme's
  empty default in its theme.conf). That navbar carries a second, always-hidden pair of sidebar
  toggles placed before the book theme's visible ones, and both themes bind their handlers with
  ``querySelector`` to the first match: the visible ☰ and page-contents buttons do nothing on a
  phone and the sidebar toggle does nothing on a desktop (pydata-sphinx-theme#2451,
  sphinx-book-theme#988 and #917), and the page shows two search fields. Saying
  ``navbar_persistent: []`` for the site, as the book theme intends, leaves the navbar empty, so
  each theme's own handler lands on the visible button. No release fixes it to pin instead: the
  newest (pydata-sphinx-theme 0.24.0, sphinx-book-theme 1.4.0) still bind the first match, and
  both need Sphinx 8.2, which Jupyter Book 1.x does not support.
* ``_static/navigation.js`` gives focus back to the toggle that opened a sidebar (the book theme
  blurs the button before the base theme notes where focus was).
* The base theme's floating "Back to top" pill sits over the text at 90% of the screen's height
  on phones and tablets (it is hidden on wide screens anyway), so it is off; the sticky header
  with the ☰ and contents buttons stays at the top of every page.

Drop this extension (and navigation.js) when a pinned theme fixes pydata-sphinx-theme#2451:
tests/test_site_navigation.py presses every visible toggle and says whether it still works.
"""

from __future__ import annotations

THEME_DEFAULTS = {"navbar_persistent": [], "back_to_top_button": False}


def set_theme_defaults(app, config):
    options = config.html_theme_options
    for key, value in THEME_DEFAULTS.items():
        options.setdefault(key, value)


def setup(app):
    # _static/navigation.js needs no add_js_file: Jupyter Book puts every script in _static/ on every page.
    app.connect("config-inited", set_theme_defaults)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
