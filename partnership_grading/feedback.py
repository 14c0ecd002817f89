"""Feedback an instructor can send, and the rubric beside each answer in the formgrader.

nbgrader 0.9's feedback page shows an ungraded written answer as "Score: 0.0 / 5.0", repeats
"Comments: No response." under every unanswered cell and loads MathJax from a CDN, so a page read
offline shows raw TeX. The course plugs into nbgrader's own extension points instead of changing it
(``exercises/nbgrader_config.py``):

- :class:`FeedbackStatus`, one of ``GenerateFeedback.preprocessors`` after nbgrader's ``GetGrades``:
  marks each answer nobody has graded yet (no automatic and no manual score) and drops nbgrader's
  automatic "No response." comment (an instructor's own comment is always kept);
- :class:`FeedbackExporter`, ``GenerateFeedback.exporter_class``: nbgrader's HTML exporter with the
  course's template (``templates/partners-feedback/``, which extends nbgrader's feedback template):
  "not graded yet" for those answers, the total as "so far" while any is pending, and maths turned
  into MathML when the page is written, which browsers draw natively: no script, no font, no network;
- :class:`ShowRubric`, one of ``HTMLExporter.preprocessors``, which the formgrader's exporter runs when it
  shows a submission: the rubric of each written answer (``exercises/rubrics.json``, generated from
  the specs) as a cell under the answer. nbgrader's formgrader has no setting of its own for its
  exporter, so the feedback exporter turns this step off for itself: students never see it.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import nbformat
from jinja2 import pass_context as _pass_context  # for filters that need the template context, as nbconvert's
from nbconvert.exporters import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List, Unicode
from traitlets.config import Config

from .cells import nbgrader_meta
from .exporters import is_ungraded

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "partners-feedback"
NBGRADER_AUTO_COMMENT = "No response."  # what nbgrader's SaveAutoGrades writes for an unchanged answer
PENDING = "partnership_pending"  # nbgrader cell metadata key: True while nobody has graded the answer
BLANK = "partnership_blank"  # ... True where the student left the answer as released
FEEDBACK_KEY = "partnership_feedback"  # resources key: the pending answers of this notebook


def _nbgrader_templates() -> Path:
    import nbgrader

    return Path(nbgrader.__file__).resolve().parent / "server_extensions" / "formgrader" / "templates"


# ---------------------------------------------------------------------------------------------
# Maths


def tex_to_mathml(tex: str, display: str = "inline") -> str:
    """TeX as a MathML element (text escaped; the TeX kept as ``alttext`` for screen readers and copying).

    On TeX that ``latex2mathml`` cannot read, the source is shown as it was typed.
    """
    from latex2mathml.converter import convert_to_element

    try:
        root = convert_to_element(tex, display=display)
    except Exception:  # noqa: BLE001 - any parse failure: show the student's TeX rather than fail the page
        return html.escape(f"$${tex}$$" if display == "block" else f"${tex}$", quote=False)
    for el in root.iter():  # latex2mathml stores characters as entity text ("&#x003B4;"); make them characters
        if el.text:
            el.text = html.unescape(el.text)
        if el.tail:
            el.tail = html.unescape(el.tail)
    root.set("alttext", tex)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True).replace("ns0:", "").replace(":ns0", "")


class MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer, with the maths nbconvert finds written out as MathML."""

    def inline_math(self, body: str) -> str:
        return tex_to_mathml(body, "inline")

    def block_math(self, body: str) -> str:
        return tex_to_mathml(body, "block")

    def latex_environment(self, name: str, body: str) -> str:
        return tex_to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", "block")


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback HTML, with the course's template and maths prerendered as MathML.

    Its template settings are its own (``FeedbackExporter`` config wins over them): nbgrader sets
    ``HTMLExporter.template_name`` for feedback, and setting that in the course's config would also
    replace the formgrader's template, which reads the same ``HTMLExporter`` section.
    """

    def __init__(self, config=None, **kw):
        own = Config()
        own.FeedbackExporter.template_name = TEMPLATE_NAME
        own.FeedbackExporter.extra_template_basedirs = [str(TEMPLATES), str(_nbgrader_templates())]  # ours, then the one it extends
        # nbgrader's templates folder, so ours can extend 'feedback/index.html.j2', and its bootstrap CSS,
        # which that template inlines (nbgrader puts only the CSS folder on HTMLExporter's path).
        nbgrader_templates = _nbgrader_templates()
        bootstrap = nbgrader_templates.parent / "static" / "node_modules" / "bootstrap" / "dist" / "css"
        own.FeedbackExporter.extra_template_paths = [str(nbgrader_templates), str(bootstrap)]
        own.FeedbackExporter.preprocessors = []  # not ShowRubric: that one is for the formgrader's pages only
        if config is not None:
            own.merge(config)  # the course's own FeedbackExporter settings, if any, win over these
        super().__init__(config=own, **kw)

    @_pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        renderer = MathMLRenderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return MarkdownWithMath(renderer=renderer).render(source)


# ---------------------------------------------------------------------------------------------
# Pending grades and nbgrader's automatic comment


class FeedbackStatus(NbGraderPreprocessor):
    """After nbgrader's GetGrades: which answers are not graded yet, and no automatic "No response."."""

    # nbconvert's HTML exporter configures NbConvertBase.display_data_priority; nbgrader's base
    # preprocessor redeclares it without config=True, so every subclass that does not (GetGrades does)
    # logs "Config option `display_data_priority` not recognized". Declared (and unused) to keep the log clean.
    display_data_priority: List[Any] = List().tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        pending: list[dict] = []
        with Gradebook(info["db_url"]) as gb:
            for cell in nb.cells:
                meta = nbgrader_meta(cell) or {}
                gid = meta.get("grade_id")
                if not gid:
                    continue
                try:
                    if meta.get("grade"):
                        grade = gb.find_grade(gid, info["notebook"], info["assignment"], info["student"])
                        if is_ungraded(grade):
                            meta[PENDING] = True
                            pending.append({"grade_id": gid, "points": float(grade.max_score or 0)})
                        else:
                            meta.pop(PENDING, None)
                    if meta.get("solution"):
                        comment = gb.find_comment(gid, info["notebook"], info["assignment"], info["student"])
                        if comment.manual_comment is None and comment.auto_comment == NBGRADER_AUTO_COMMENT:
                            meta["comment"] = None  # nbgrader's "the answer is as released": shown once, in the heading
                            meta[BLANK] = True
                except MissingEntry:
                    continue
        resources[FEEDBACK_KEY] = {"pending": pending, "pending_points": sum(p["points"] for p in pending)}
        if pending:
            self.log.warning(
                "feedback for %s, %s: %d answer(s) not graded yet (%s): the page says so; grade them in the formgrader "
                "and generate the feedback again before you send it",
                info["student"], info["notebook"], len(pending), ", ".join(p["grade_id"] for p in pending),
            )
        return nb, resources


# ---------------------------------------------------------------------------------------------
# The rubric in the formgrader


def load_rubrics(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).is_file() else {}


def rubric_markdown(rubric: dict) -> str:
    lines = [
        f"**Rubric for `{rubric['grade_id']}`: {rubric['points']:g} points** "
        "*(shown to graders in the formgrader only; not in the student's notebook or feedback)*",
        "",
        "| Criterion | Score | What earns it |",
        "| --- | --- | --- |",
    ]
    for c in rubric["criteria"]:
        # Every score a grader can give has its anchor (older rubrics: full, partial and none only).
        bands = c.get("bands") or [[c["points"], c["full"]], [c["points"] / 2, c["partial"]], [0, c["none"]]]
        for k, (score, text) in enumerate(bands):
            name = f"{c['name']} ({c['points']:g})" if k == 0 else ""
            cells = [name, f"{float(score):g}", text]
            lines.append("| " + " | ".join(str(x).replace("|", "\\|").replace("\n", " ") for x in cells) + " |")
    return "\n".join(lines)


class ShowRubric(Preprocessor):
    """Put each written answer's rubric under it, on the formgrader's page for a submission.

    The formgrader renders ``autograded/<student>/<a>/<nb>.ipynb`` with an ``HTMLExporter`` built
    from the course's config and gives it resources with the ``submission_id`` and
    ``assignment_id``; nothing else in the course renders with those, and the feedback exporter
    switches this step off for itself.
    """

    rubrics_file = Unicode("", help="JSON file of the written answers' rubrics (exercises/rubrics.json)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        if "submission_id" not in resources or "assignment_id" not in resources or not self.rubrics_file:
            return nb, resources
        rubrics = load_rubrics(Path(self.rubrics_file)).get(resources["assignment_id"], {})
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            meta = nbgrader_meta(cell) or {}
            if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution") and meta.get("grade_id") in rubrics:
                note = nbformat.v4.new_markdown_cell(rubric_markdown(rubrics[meta["grade_id"]]))
                note.metadata["partnership"] = {"rubric_for": meta["grade_id"]}
                cells.append(note)
        nb.cells = cells
        return nb, resources
