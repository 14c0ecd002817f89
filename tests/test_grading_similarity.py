"""The copying report (partnership_grading/similarity/) on a small class (tests/similarity_class.py):
the copies are reported, independent answers are not, the release's own text never counts, a file
that is not a notebook is skipped with a note; then once through the command line on a real course
folder whose release nbgrader generated."""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from partnership_grading import similarity as sim
from partnership_grading.fingerprints import normalise

from . import similarity_class as sc

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = sim.Settings()


@pytest.fixture(scope="module")
def parts() -> list[sim.Part]:
    return sim.parts_of(sc.release(), sc.NOTEBOOK)


@pytest.fixture(scope="module")
def report(parts) -> sim.Report:
    submissions = {s: {sc.NOTEBOOK: nb} for s, nb in sc.notebooks().items()}
    return sim.compare("cap", parts, submissions, SETTINGS)


def _part(parts, grade_id: str) -> sim.Part:
    return next(p for p in parts if p.grade_id == grade_id)


def _answers(grade_id: str, students=None) -> dict[str, str]:
    return {s: sim.answers_of(nb)[grade_id] for s, nb in sc.notebooks().items() if students is None or s in students}


def _found(pairs) -> set[tuple[str, str, str]]:
    return {(p.student_a, p.student_b, p.part.grade_id) for p in pairs}


def test_the_release_gives_each_part_its_kind_and_its_own_text(parts):
    assert [(p.grade_id, p.kind) for p in parts] == [("apply_cap", "code"), ("total_paid", "code"), ("cap_why", "written")]
    cap = _part(parts, "apply_cap")
    assert cap.released.startswith("def apply_cap(payments, cap):") and "raise NotImplementedError()" in cap.released
    assert cap.prompt.startswith("## Part 1: Write a return cap")
    assert _part(parts, "cap_why").released == sc.TEXT_STUB and _part(parts, "cap_why").prompt == sc.CAP_WHY_PROMPT


def test_the_copies_are_reported_and_nothing_else(report):
    assert _found(report.pairs) == sc.EXPECTED
    scores = {(p.student_a, p.student_b, p.part.grade_id): p.score for p in report.pairs}
    assert scores[("alice", "bob", "apply_cap")] == pytest.approx(1.0)  # the same file
    assert scores[("alice", "bob", "cap_why")] == pytest.approx(1.0)
    assert scores[("alice", "carol", "apply_cap")] == pytest.approx(1.0), "new names, numbers and layout change no fingerprint"
    assert SETTINGS.text_threshold <= scores[("alice", "carol", "cap_why")] < 0.99, "reworded: lower, still reported"
    assert {p.method for p in report.pairs if p.part.grade_id == "apply_cap"} == {sim.CODE_METHOD}
    assert {p.method for p in report.pairs if p.part.grade_id == "cap_why"} == {sim.TEXT_METHOD}
    assert [p.score for p in report.pairs] == sorted((p.score for p in report.pairs), reverse=True)


def test_only_the_lines_the_students_wrote_are_marked(report):
    pair = next(p for p in report.pairs if (p.student_a, p.student_b, p.part.grade_id) == ("alice", "carol", "apply_cap"))
    lines = pair.text_b.splitlines()
    marked = {lines[n - 1].strip() for n in pair.marks_b}
    assert "capped_list = []" in marked and "so_far = cap" in marked
    assert not marked & {"def apply_cap(payments, cap):", "capped = apply_cap([3.0, 4.0, 5.0], 8.0)", ""}, "the release's lines"


def test_a_renamed_relaid_copy_has_the_same_tokens_as_the_original():
    alice, carol = normalise(sc.ALICE_CAP), normalise(sc.CAROL_CAP)
    assert [t.text for t in alice.tokens] == [t.text for t in carol.tokens]
    assert sc.ALICE_CAP.strip() != sc.CAROL_CAP.strip()


@pytest.mark.parametrize("grade_id", ["apply_cap", "cap_why"])
def test_independent_answers_stay_below_the_threshold(parts, grade_id):
    own = ("dave", "erin", "frank", "gina", "alice")  # alice against each independent author too
    settings = dataclasses.replace(SETTINGS, code_threshold=0.0, text_threshold=0.0)
    part = _part(parts, grade_id)
    pairs, _ = (sim.code_pairs if part.kind == "code" else sim.text_pairs)(part, _answers(grade_id, own), settings)
    threshold = SETTINGS.code_threshold if part.kind == "code" else SETTINGS.text_threshold
    assert pairs, "the independent answers were compared"
    assert max(p.score for p in pairs) < threshold, [(p.student_a, p.student_b, round(p.score, 3)) for p in pairs]


def test_a_copy_padded_with_lines_of_its_own_is_still_reported(parts):
    padded = sc.ALICE_CAP.replace("return result", "if not result:\n    print('nothing to pay')\nlog = [x for x in result if x]\nreturn result")
    pairs, _ = sim.code_pairs(_part(parts, "apply_cap"), {"alice": _answers("apply_cap")["alice"],
                                                         "zoe": sc.submission({"apply_cap": padded}).cells[3].source})
    assert _found(pairs) == {("alice", "zoe", "apply_cap")} and pairs[0].score >= SETTINGS.code_threshold


def test_answers_too_short_to_tell_are_counted_not_compared(report):
    stats = {s.part.grade_id: s for s in report.parts}
    assert not [p for p in report.pairs if p.part.grade_id == "total_paid"], "everybody writes return sum(payments)"
    assert set(stats["total_paid"].short) == set(sc.STUDENTS) - {"hank"} and stats["total_paid"].blank == ["hank"]
    assert stats["cap_why"].short == ["hank"], "the prompt pasted and three words of his own"
    assert stats["cap_why"].blank == ["gina"] and stats["apply_cap"].blank == ["hank"]
    assert stats["apply_cap"].compared == 7 and stats["cap_why"].compared == 6


def test_the_releases_code_alone_does_not_make_two_answers_alike(parts):
    """Two students keep the header, docstring and the lines after the stub and write different short bodies."""
    part = _part(parts, "apply_cap")
    bodies = {
        "uma": "out = []\nleft = cap\nfor x in payments:\n    out.append(min(x, left))\n    left = max(left - x, 0)\nreturn out",
        "vic": "import numpy as np\nreturn list(np.diff(np.minimum(np.cumsum([0.0] + list(payments)), cap)))",
    }
    answers = {s: sc.submission({"apply_cap": b}).cells[3].source for s, b in bodies.items()}
    everything = dataclasses.replace(SETTINGS, code_threshold=0.0)
    pairs, stats = sim.code_pairs(part, answers, everything)
    assert stats.compared == 2 and all(p.score < 0.3 for p in pairs)
    unaware = dataclasses.replace(part, released="")  # the same comparison counting the release's lines
    pairs, _ = sim.code_pairs(unaware, answers, everything)
    assert pairs and max(p.score for p in pairs) > 0.3, "without leaving the release out, its lines would count"


def test_the_prompt_pasted_into_two_answers_does_not_make_them_alike(parts):
    part = _part(parts, "cap_why")
    answers = {
        "uma": sc.PROMPT_PASTED + "Investors with a capped claim cannot squeeze the founders once the model works, "
                                  "so the founders keep building new products and hiring engineers; whoever is paid "
                                  "from margins carries spending surprises.",
        "vic": sc.PROMPT_PASTED + "Regulators might review an uncapped stake as control. Boards also prefer a "
                                  "known ceiling when they plan dilution, hiring and the next round of funding.",
    }
    pairs, stats = sim.text_pairs(part, answers, SETTINGS)
    assert stats.compared == 2 and pairs == []
    everything = dataclasses.replace(SETTINGS, text_threshold=0.0)
    (left_out,), _ = sim.text_pairs(part, answers, everything)
    (counted,), _ = sim.text_pairs(dataclasses.replace(part, prompt=""), answers, everything)
    assert left_out.score < 0.1 and counted.score > 0.3, "without leaving the prompt out, the pasted prompt would count"
    stripped = sim.strip_release_text(answers["uma"], part)
    assert "short paragraph" not in stripped and stripped.startswith("Investors with a capped claim")


def test_an_unreadable_submission_or_a_missing_cell_is_a_note_not_a_crash(parts):
    submissions = {s: {sc.NOTEBOOK: nb} for s, nb in sc.notebooks().items() if s in sc.COPIERS}
    submissions["olga"] = {sc.NOTEBOOK: "the file is not a notebook (not JSON: Expecting value at line 1)"}
    deleted = sc.notebooks()["dave"]
    deleted.cells = [c for c in deleted.cells if c.metadata["nbgrader"]["grade_id"] != "cap_why"]
    submissions["dave"] = {sc.NOTEBOOK: deleted}
    report = sim.compare("cap", parts, submissions)
    assert "olga: cap.ipynb skipped: the file is not a notebook (not JSON: Expecting value at line 1)" in report.notes
    assert any(n.startswith("dave: cap.ipynb has no cell cap_why") for n in report.notes)
    assert _found(report.pairs) == sc.EXPECTED, "the rest of the class is still compared"
    assert "olga" in sim.render_html(report) and "dave" in sim.render_text(report)


def test_the_csv_has_one_row_per_pair_and_the_html_shows_them_side_by_side(report, tmp_path):
    paths = sim.write_reports(report, tmp_path)
    with paths["similarity.csv"].open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["student_a", "student_b", "part", "method", "score", "evidence"]
    assert {(r[0], r[1], r[2]) for r in rows[1:]} == sc.EXPECTED and len(rows) == 1 + len(sc.EXPECTED)
    assert all(0.0 <= float(r[4]) <= 1.0 for r in rows[1:])
    page = paths["similarity.html"].read_text(encoding="utf-8")
    assert page.count('<section class="pair"') == len(sc.EXPECTED) and page.count('<div class="side">') == len(sc.EXPECTED)
    assert "<mark>" in page and "so_far + pay &lt;= cap" in page, "carol's code, escaped, beside alice's"


def test_the_html_is_escaped_and_self_contained(parts):
    hostile = "<script>alert('x')</script> <img src=https://example.org/x.png> " + sc.ALICE_WHY
    nbs = {s: sc.submission({"cap_why": hostile}) for s in ("mallory", "trent")}
    report = sim.compare("cap", parts, {s: {sc.NOTEBOOK: nb} for s, nb in nbs.items()})
    page = sim.render_html(report)
    assert _found(report.pairs) == {("mallory", "trent", "cap_why")}
    assert "<script" not in page.lower() and "<img" not in page.lower()
    shown = re.sub(r"</?mark>", "", page)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &lt;img src=https://example.org/x.png&gt;" in shown, "shown as text"
    for tag in re.findall(r"<[A-Za-z][^>]*>", page):  # the page's own elements
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", tag), f"{tag}: nothing is loaded from anywhere"
    assert "<style>" in page and "<link" not in page


def test_settings_are_checked():
    with pytest.raises(ValueError, match="code_threshold must be between 0 and 1"):
        sim.Settings(code_threshold=1.5)
    with pytest.raises(ValueError, match="k must be at least 1"):
        sim.Settings(k=0)


# ---------------------------------------------------------------------------------------------
# Through the command line, on a course folder


@pytest.mark.slow
def test_the_command_writes_both_reports_for_a_real_course(tmp_path, capsys):
    from partnership_grading import course as wf
    from partnership_grading.__main__ import main

    root = tmp_path / "course"
    (root / "source" / "cap").mkdir(parents=True)
    shutil.copy2(ROOT / "exercises" / "nbgrader_config.py", root / "nbgrader_config.py")
    nbformat.write(sc.source(), root / "source" / "cap" / sc.NOTEBOOK)
    course = wf.Course(root, db_url=f"sqlite:///{root / 'gradebook.db'}")
    (released,) = wf.release(course, ["cap"])  # nbgrader generate_assignment: the release's real stubs
    base = nbformat.read(released, as_version=4)
    for student, answers in sc.STUDENTS.items():
        folder = root / "submitted" / student / "cap"
        folder.mkdir(parents=True)
        nbformat.write(sc.submission(answers, base), folder / sc.NOTEBOOK)
    broken = root / "submitted" / "olga" / "cap"
    broken.mkdir(parents=True)
    (broken / sc.NOTEBOOK).write_text('{"cells": [{"cell_type": "code", "sour', encoding="utf-8")  # an upload cut off

    capsys.readouterr()
    assert main(["--course", str(root), "similarity", "cap"]) == 0
    out = capsys.readouterr().out
    reports = root / "reports" / "cap"
    with (reports / "similarity.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["student_a"], r["student_b"], r["part"]) for r in rows} == sc.EXPECTED
    assert "olga: cap.ipynb skipped: the file is cut off" in out and "6 pair(s)" in out
    assert (reports / "similarity.html").read_text(encoding="utf-8").count('<section class="pair"') == 6

    assert main(["--course", str(root), "similarity", "cap", "--code-threshold", "0.3"]) == 0  # erin's loop is 0.36 like alice's
    with (reports / "similarity.csv").open(newline="", encoding="utf-8") as fh:
        loose = {(r["student_a"], r["student_b"], r["part"]) for r in csv.DictReader(fh)}
    assert sc.EXPECTED < loose and ("alice", "erin", "apply_cap") in loose
    assert main(["--course", str(root), "similarity", "nope"]) == 1
