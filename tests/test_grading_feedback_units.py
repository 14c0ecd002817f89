"""Fast checks of the feedback pieces (partnership_grading/feedback.py, exporters.is_ungraded); the
real pipeline is in test_grading_feedback.py."""

from __future__ import annotations

import json
from types import SimpleNamespace

import nbformat

from partnership_grading import authoring as au
from partnership_grading import feedback as fb
from partnership_grading.exporters import is_ungraded

from .test_exercise_sources import COURSE, SPECS


def test_tex_becomes_mathml_with_its_source_and_escaped_text():
    out = fb.tex_to_mathml(r"\delta^* \ge \text{<b>x</b>} & 1 < 2")
    assert out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"') and 'display="inline"' in out
    assert "δ" in out and "≥" in out, "characters, not entity text"
    assert "<b>" not in out and "&lt;b&gt;" in out, "a student's \\text{} cannot inject HTML"
    assert 'alttext="\\delta^* \\ge' in out
    assert 'display="block"' in fb.tex_to_mathml(r"\sum_i x_i", "block")


def test_markdown_maths_inline_and_display_is_rendered_as_mathml():
    exporter = fb.FeedbackExporter()
    html = exporter.markdown2html({"cell": {}, "resources": {}}, r"If $\delta \ge 0.5$ then $$T > R$$.")
    assert html.count("<math") == 2 and "$" not in html


def test_the_feedback_exporter_uses_the_course_template_whatever_nbgrader_sets_for_html():
    from traitlets.config import Config

    c = Config()
    c.HTMLExporter.template_name = "feedback"  # what nbgrader's GenerateFeedback sets
    c.HTMLExporter.preprocessors = ["partnership_grading.feedback.ShowRubric"]  # the formgrader's step
    exporter = fb.FeedbackExporter(config=c)
    assert exporter.template_name == fb.TEMPLATE_NAME and exporter.preprocessors == []
    c.FeedbackExporter.template_name = "lab"  # a course that configures it itself gets what it asks for
    assert fb.FeedbackExporter(config=c).template_name == "lab"


def test_ungraded_means_no_manual_score_and_no_automatic_one_that_stands():
    grade = lambda auto, manual, needs: SimpleNamespace(auto_score=auto, manual_score=manual, needs_manual_grade=needs)  # noqa: E731
    assert is_ungraded(grade(None, None, True)), "a written answer the student changed"
    assert not is_ungraded(grade(0.0, None, False)), "a blank answer: nbgrader's automatic 0"
    assert not is_ungraded(grade(None, 4.0, False)), "graded in the formgrader"
    assert not is_ungraded(grade(3.0, None, False)), "an autograded part"


def test_the_rubrics_file_is_generated_from_the_specs_and_shown_only_on_formgrader_pages(tmp_path):
    rubrics = json.loads((COURSE / "rubrics.json").read_text(encoding="utf-8"))
    assert json.loads(au.rubrics_json(SPECS)) == rubrics
    a = SPECS[0]
    w = a.written[0]
    assert rubrics[a.name][w.grade_id]["points"] == w.points
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("answer", metadata={"nbgrader": {"grade": True, "solution": True, "grade_id": w.grade_id}}),
        nbformat.v4.new_markdown_cell("after"),
    ])
    show = fb.ShowRubric(rubrics_file=str(COURSE / "rubrics.json"))
    shown, _ = show.preprocess(nbformat.from_dict(nb), {"submission_id": "x", "assignment_id": a.name})
    assert [c.source.split("\n")[0][:20] for c in shown.cells][1].startswith("**Rubric for")
    assert all(c.name in shown.cells[1].source for c in w.criteria)
    untouched, _ = show.preprocess(nbformat.from_dict(nb), {"nbgrader": {}})  # the feedback's resources
    assert len(untouched.cells) == 2
