"""The nbgrader sources are generated from the specs, follow the course's conventions, and their
tests do what they claim: solutions pass, hard-coded answers pass the visible tests only, mistakes
fail. Fast: no kernel, no nbgrader run (see test_grading_pipeline.py for the real pipeline)."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading import variants

from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "exercises"
SPECS = au.load_specs(COURSE)
BY_NAME = {a.name: a for a in SPECS}
# The course's assignments and their (autograded, hand-graded) points; change deliberately.
EXPECTED_POINTS = {
    "ps1-ip": (19, 5),
    "ps2-revenue": (16, 5),
    "ps3-regulation": (16, 5),
    "ps4-future": (16, 5),
    "capstone-memo": (11, 10),
}
PARTS = [(a.name, p.grade_id) for a in SPECS for p in a.parts]
# Students of a course with per-student numbers, under a fixed secret: a hard-coded answer (typed in
# for the published numbers) must fail for each of them.
TEST_SECRET = "test-course-secret"
VARIANT_STUDENTS = ("variant-1", "variant-2", "variant-3", "variant-4", "variant-5")


def numbers_of(a: au.Assignment, student: str) -> dict | None:
    return variants.derive(a.parameters, a.name, student, TEST_SECRET, a.constraints) if a.parameters else None


def _part(name: str, gid: str) -> au.Part:
    return next(p for p in BY_NAME[name].parts if p.grade_id == gid)


def test_the_course_has_four_problem_sets_and_an_optional_capstone():
    assert {a.name: (a.auto_points, a.manual_points) for a in SPECS} == EXPECTED_POINTS
    assert [a.optional for a in SPECS] == [False, False, False, False, True]
    assert [a.chapter for a in SPECS] == ["chapter-ip", "chapter-revenue", "chapter-regulation", "chapter-future", "chapter-epilogue"]
    for a in SPECS:
        assert 3 <= len(a.parts) <= 6 and 1 <= len(a.written) <= 2
    assert sorted(p.name for p in (COURSE / "source").iterdir()) == sorted(EXPECTED_POINTS)


def test_committed_files_are_exactly_what_the_specs_generate():
    stale = au.write_all(COURSE, check=True)
    assert stale == [], f"run `make exercises` and commit: {[str(p.relative_to(ROOT)) for p in stale]}"


def test_regenerating_gives_identical_files(tmp_path):
    copy = tmp_path / "exercises"
    shutil.copytree(COURSE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for generated in [*copy.glob("source/*/*.ipynb"), *(copy / name for name in au.FRAGMENTS)]:
        generated.unlink()
    au.write_all(copy)
    for original in [*COURSE.glob("source/*/*.ipynb"), *(COURSE / name for name in au.FRAGMENTS)]:
        again = copy / original.relative_to(COURSE)
        assert again.read_bytes() == original.read_bytes(), f"{original.relative_to(ROOT)} is not reproducible"


@pytest.mark.parametrize("name", EXPECTED_POINTS)
def test_source_notebook_metadata(name):
    a = BY_NAME[name]
    nb = nbformat.read(COURSE / "source" / name / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    ordinary = [c for c in nb.cells if "nbgrader" not in c.metadata]
    if a.parameters:  # the student-id cell: the student's own, kept where it is, graded as an ordinary cell
        assert [c.id for c in ordinary] == [au.STUDENT_ID_CELL] and nb.cells[1] is ordinary[0]
        assert 'STUDENT_ID = ""' in ordinary[0].source and ordinary[0].cell_type == "code"
        assert nb.metadata["partnership"]["variants"]["parameters"].keys() == a.parameters.keys()
    else:
        assert ordinary == []
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}
    assert len(cells) == len(nb.cells) - len(ordinary), "every other cell carries nbgrader metadata with a grade id"
    for gid, cell in cells.items():
        meta = cell.metadata.nbgrader
        assert au.GRADE_ID.fullmatch(gid) and not au.AUTO_ID.search(gid), f"{gid} is not a meaningful grade id"
        assert cell.id == gid.replace("_", "-")
        assert meta["schema_version"] == 3
    assert cells[f"{a.slug}_instructions"].metadata.nbgrader["locked"]
    assert cells[f"{a.slug}_setup"].metadata.nbgrader["locked"]
    for p in a.parts:
        prompt, answer, test = cells[p.prompt_id], cells[p.grade_id], cells[p.test_id]
        assert prompt.metadata.nbgrader["locked"] and not prompt.metadata.nbgrader["grade"]
        assert answer.cell_type == "code" and answer.metadata.nbgrader["solution"] and not answer.metadata.nbgrader["locked"]
        assert test.cell_type == "code" and test.metadata.nbgrader["grade"] and test.metadata.nbgrader["locked"]
        assert test.metadata.nbgrader["points"] == p.points
        assert answer.source.count(au.BEGIN_SOLUTION) == 1 and answer.source.count(au.END_SOLUTION) == 1
        assert test.source.count(au.BEGIN_HIDDEN) == 1 and test.source.count(au.END_HIDDEN) == 1
    for w in a.written:
        answer = cells[w.grade_id]
        assert answer.cell_type == "markdown"
        meta = answer.metadata.nbgrader
        assert meta["grade"] and meta["solution"] and not meta["locked"] and meta["points"] == w.points
        assert cells[w.prompt_id].metadata.nbgrader["locked"]
    text = cells[f"{a.slug}_instructions"].source
    assert "You may import and use the course package `partnership`" in text, "instructions say what is allowed"
    assert f"{a.total_points})" in text and "hidden tests" in text


@pytest.mark.parametrize("name,gid", PARTS)
def test_test_cells_import_what_they_use(name, gid):
    """Tests use helpers imported inside the cell under private names, never helpers a student defines."""
    tree = ast.parse(au._clean(_part(name, gid).tests))
    private_loads = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id.startswith("_")}
    defined = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    defined |= {alias.asname or alias.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for alias in n.names}
    assert private_loads <= defined, f"{gid}: uses {sorted(private_loads - defined)} without defining them in the cell"
    assert any(isinstance(n, ast.ImportFrom) and n.module == "partnership.checks" for n in ast.walk(tree))


@pytest.mark.parametrize("name", EXPECTED_POINTS)
def test_solutions_pass_every_test(name):
    run = synthetic.dry_run(BY_NAME[name])
    assert {k: v for k, v in run.errors.items() if v} == {}


@pytest.mark.parametrize("name", EXPECTED_POINTS)
def test_the_untouched_release_fails_every_test(name):
    a = BY_NAME[name]
    run = synthetic.dry_run(a, {}, hidden=False)
    assert all(run.errors[p.test_id] for p in a.parts)


@pytest.mark.parametrize("name,gid", [(n, g) for n, g in PARTS if _part(n, g).hardcoded])
def test_hidden_tests_catch_hard_coded_answers(name, gid):
    """A hard-coded answer, typed in for the published numbers, passes the visible tests there; the grader
    fails it for students whose numbers differ (and, where the part asks for a function, for everyone)."""
    a, p = BY_NAME[name], _part(name, gid)
    bodies = {**synthetic.answer_bodies(a), gid: p.hardcoded}
    assert synthetic.dry_run(a, bodies, hidden=False).passed(p.test_id), "the hard-coded answer should pass the visible tests"
    students = VARIANT_STUDENTS if a.parameters else (None,)
    for student in students:
        numbers = numbers_of(a, student) if student else None
        error = synthetic.dry_run(a, bodies, hidden=True, numbers=numbers).errors[p.test_id]
        assert error.startswith("AssertionError: "), f"{student}: the grader should fail it with a message, got {error!r}"


@pytest.mark.parametrize("name,gid", [(n, g) for n, g in PARTS if _part(n, g).wrong])
def test_plausible_mistakes_fail(name, gid):
    a, p = BY_NAME[name], _part(name, gid)
    for numbers in (None, numbers_of(a, VARIANT_STUDENTS[0])):
        error = synthetic.dry_run(a, {**synthetic.answer_bodies(a), gid: p.wrong}, hidden=True, numbers=numbers).errors[p.test_id]
        assert error.startswith("AssertionError: ") and len(error) > 40, f"a failing test should explain itself: {error!r}"


@pytest.mark.parametrize("name", EXPECTED_POINTS)
def test_solutions_pass_for_students_with_their_own_numbers(name):
    a = BY_NAME[name]
    for student in VARIANT_STUDENTS:
        run = synthetic.dry_run(a, numbers=numbers_of(a, student))
        assert {k: v for k, v in run.errors.items() if v} == {}, student


@pytest.mark.parametrize("name,gid", PARTS)
def test_each_part_is_graded_on_its_own(name, gid):
    """A part's solution passes whatever the student did with the other parts (left blank here): no
    solution relies on another part's answer, so a student loses only the points of a part they got wrong."""
    a = BY_NAME[name]
    body = synthetic.answer_bodies(a)[gid]
    for numbers in (None, numbers_of(a, VARIANT_STUDENTS[1])):
        run = synthetic.dry_run(a, {gid: body}, numbers=numbers)
        assert run.passed(f"{gid}_test"), run.errors[f"{gid}_test"]


@pytest.mark.parametrize("name", EXPECTED_POINTS)
def test_every_set_assesses_reasoning(name):
    """At most one direct call, 40% of the points for written answers and design tasks, an anchor for
    every score a grader can give, per-student numbers, and parts graded on them."""
    a = BY_NAME[name]
    au.check_policy(a)
    kinds = a.points_by_kind()
    assert kinds["direct"] <= max(p.points for p in a.parts)
    assert (kinds["written"] + kinds["design"]) / a.total_points >= 0.4
    assert kinds["design"] > 0 and kinds["choice"] > 0, "a choice and a design in every set"
    assert a.optional or kinds["statics"] > 0, "and, in every problem set, a prediction verified with the model"
    for w in a.written:
        for c in w.criteria:
            scores = [score for score, _ in c.anchors()]
            assert scores == [k / 2 for k in range(2 * c.points, -1, -1)], c.name


def test_policy_catches_a_set_of_direct_calls():
    a = BY_NAME["ps1-ip"]
    direct = tuple(au.Part(**{**p.__dict__, "kind": "direct"}) if isinstance(p, au.Part) else p for p in a.items)
    with pytest.raises(ValueError, match="at most one part"):
        au.check_policy(au.Assignment(**{**a.__dict__, "items": direct}))
    bare = tuple(au.Written(**{**w.__dict__, "criteria": tuple(au.Criterion(c.name, c.points, c.full, c.partial, c.none) for c in w.criteria)})
                 if isinstance(w, au.Written) else w for w in a.items)
    with pytest.raises(ValueError, match="anchor"):
        au.check_policy(au.Assignment(**{**a.__dict__, "items": bare}))


def test_most_parts_have_a_hard_coded_variant_and_every_part_a_failing_one():
    assert sum(1 for n, g in PARTS if _part(n, g).hardcoded) >= len(PARTS) - 1
    assert all(_part(n, g).hardcoded or _part(n, g).wrong for n, g in PARTS)


def test_release_stub_and_filling_match_what_a_student_sees():
    p = _part("ps1-ip", "nash_payoff")
    released = au.released_code(au._clean(p.solution))
    assert "    # YOUR CODE HERE\n    raise NotImplementedError()" in released
    assert "nash_split(surplus" not in released and au.BEGIN_SOLUTION not in released
    filled = au.fill_stub(released, "return 1.0")
    assert "    return 1.0\n" in filled and "NotImplementedError" not in filled
    visible = au.strip_hidden(p.test_cell)
    assert au.BEGIN_HIDDEN not in visible and "HIDDEN_CHECKS" not in visible and "_nash(*args)" not in visible
    assert visible == p.visible_tests and "_nash(*args).payoff_a" in au.hidden_tests(p.test_cell)


def test_authoring_rejects_specs_that_break_the_conventions():
    a = BY_NAME["ps1-ip"]
    bad_id = au.Part("cell_938593c4", "t", 1, "s", "p", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                     "from m import f as _f\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS")
    with pytest.raises(ValueError, match="meaningful"):
        au.check_assignment(au.Assignment(**{**a.__dict__, "items": (bad_id, *a.items[1:])}))
    with pytest.raises(ValueError, match="3 to 6"):
        au.check_assignment(au.Assignment(**{**a.__dict__, "items": (a.items[0], a.items[-1])}))


def test_config_matches_the_builder_and_allows_a_database_override(monkeypatch):
    from nbgrader.preprocessors import ClearSolutions, Execute
    from traitlets.config.loader import PyFileConfigLoader

    def load():
        return PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config()

    monkeypatch.delenv("NBGRADER_DB_URL", raising=False)
    cfg = load()
    assert cfg.CourseDirectory.course_id == "partners-and-rivals"
    assert Path(cfg.CourseDirectory.root) == COURSE
    assert cfg.CourseDirectory.db_url == f"sqlite:///{COURSE / 'gradebook.db'}"
    assert Execute(config=cfg).timeout == 60, "the ExecutePreprocessor timeout reaches nbgrader's Execute"
    stub = ClearSolutions(config=cfg)
    assert stub.code_stub["python"] == "\n".join(au.CODE_STUB) and stub.text_stub == au.TEXT_STUB
    monkeypatch.setenv("NBGRADER_DB_URL", "postgresql://grader@localhost/partners")
    assert load().CourseDirectory.db_url == "postgresql://grader@localhost/partners"


def test_book_pages_include_the_generated_fragments_and_every_rubric():
    instructor = (ROOT / "chapters" / "instructor.md").read_text(encoding="utf-8")
    exercises = (ROOT / "chapters" / "exercises.md").read_text(encoding="utf-8")
    assert "{include} ../exercises/rubrics.md" in instructor and "{include} ../exercises/points.md" in instructor
    assert "{include} ../exercises/catalogue.md" in exercises
    rubrics = (COURSE / "rubrics.md").read_text(encoding="utf-8")
    catalogue = (COURSE / "catalogue.md").read_text(encoding="utf-8")
    for a in SPECS:
        assert f"<../_static/exercises/{a.notebook}>" in catalogue, "the page links the released notebook"
        for w in a.written:
            assert f"cell `{w.grade_id}`, {w.points} points" in rubrics
            assert sum(c.points for c in w.criteria) == w.points
    for text in (instructor, exercises, rubrics, catalogue):
        assert not any(marker in text for marker in au.MARKERS), "book pages must not show nbgrader's delimiters"
        assert not re.search(r"(\]\(|<)[^)>]*source/", text), "never link a source notebook"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_the_instructions_only_name_what_the_notebook_defines(name):
    """Every `help(x)` the instructions suggest works after the notebook's own setup cell has run
    (ps2 used to suggest help(nash_split), which it never imports: a NameError for the student)."""
    a = BY_NAME[name]
    text = au.instructions(a)
    asked = re.findall(r"help\((\w+)\)", text)
    assert asked, "the instructions show how to get help on a model"
    ns: dict = {}
    exec(compile(au.setup_source(a), f"<{name} setup>", "exec"), ns)  # noqa: S102 - our own spec
    for function in asked:
        assert callable(ns.get(function)), f"{name}: the instructions suggest help({function}), which the setup does not import"
    assert f"nbgrader validate {a.notebook}" in text and "Validate" in text
