"""Accessibility fixes to markup the course's tools generate (each found by the axe-core scan).

* myst-nb labels each "Show code cell source" ``<summary>`` "Toggle hidden content": a screen-reader
  user hears one name and a speech-input user must say another (WCAG 2.5.3, axe
  ``label-content-name-mismatch``). Same markup, without the mismatching ``aria-label``.
* docutils marks the bibliography ``role="list"`` but its entries ``role="doc-biblioentry"``, a role
  ARIA 1.3 deprecates and that a list may not contain (axe ``aria-required-children``): entries
  become ``listitem``s.
"""

from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode


def visit_hide_cell_input(self, node):
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hide_cell_input(self, node):
    self.body.append("</details>\n")


def bibliography_list_items(app, pagename, templatename, context, doctree):
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_hide_cell_input))
    app.connect("html-page-context", bibliography_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
