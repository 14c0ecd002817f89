"""Per-student numbers, the grader's side (partnership_grading/variants.py), and what they do to the
problem sets: for any student id, the numbers stay in the ranges the notebook states and never are
the published ones, the solution passes, an answer typed in for the published numbers (or for
another student's) fails, and the student's notebook reads exactly the numbers the grader derives."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership import variants as student
from partnership_grading import authoring as au
from partnership_grading import course as wf
from partnership_grading import variants

from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent
SPECS = {a.name: a for a in au.load_specs(ROOT / "exercises")}
WITH_NUMBERS = sorted(name for name, a in SPECS.items() if a.parameters)
SECRET = "a-test-course-secret"
# nbgrader student ids: letters, digits and . @ - _ (what zip collection accepts, see course.COLLECT_REGEXP)
IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@-_", min_size=1, max_size=24)


def _numbers(a: au.Assignment, sid: str, secret: str = SECRET) -> dict:
    return variants.derive(a.parameters, a.name, sid, secret, a.constraints)


# --- ranges and the derivation -----------------------------------------------------------------


def test_a_range_lists_its_values_and_its_published_default():
    r = variants.Range(80.0, 120.0, 5.0, 100.0)
    assert r.values() == [80.0, 85.0, 90.0, 95.0, 100.0, 105.0, 110.0, 115.0, 120.0]
    assert r.published() == 100.0 and 100.0 not in r.choices() and len(r.choices()) == 8
    assert variants.Range(0.3, 0.7, 0.1).values() == [0.3, 0.4, 0.5, 0.6, 0.7], "no 0.30000000000000004"
    assert variants.Range(1, 5, 1).published() == 3 and variants.Range(1, 5, 1).values() == [1, 2, 3, 4, 5]
    assert variants.Range(80.0, 120.0, 5.0).describe() == "80 to 120 in steps of 5"
    for bad in ((1.0, 0.0, 0.1), (0.0, 1.0, 0.3), (0.0, 1.0, 0.5, 0.7)):
        with pytest.raises(variants.VariantsError):
            variants.Range(*bad)


def test_constraints_are_comparisons_and_nothing_else():
    values = {"A": 1.0, "B": 2.0}
    assert variants.holds("A + B < 4 and abs(A - B) >= 1", values)
    assert not variants.holds("A * 3 > B * 2 or B / A != 2", values)
    for bad in ("__import__('os')", "A.real > 0", "[A][0] > 0", "C > 0"):
        with pytest.raises(variants.VariantsError):
            variants.holds(bad, values)


@settings(max_examples=200)
@given(sid=IDS, name=st.sampled_from(WITH_NUMBERS))
def test_every_student_s_numbers_are_in_range_never_published_and_meet_the_constraints(sid, name):
    a = SPECS[name]
    got = _numbers(a, sid)
    assert list(got) == list(a.parameters)
    for param, value in got.items():
        r = a.parameters[param]
        assert r.low <= value <= r.high and value in r.values() and value != r.published()
    assert all(variants.holds(c, got) for c in a.constraints)
    assert _numbers(a, sid) == got, "deterministic"


def _by_hand(a: au.Assignment, sid: str, secret: str) -> dict:
    """The derivation as the module's docstring states it, written out again."""
    import hashlib
    import hmac

    seed = hmac.new(secret.encode(), f"{a.name}:{sid}".encode(), hashlib.sha256).digest()
    for attempt in range(1000):
        values = {}
        for name, r in a.parameters.items():
            draw = hmac.new(seed, f"{attempt}:{name}".encode(), hashlib.sha256).digest()
            values[name] = r.choices()[int.from_bytes(draw, "big") % len(r.choices())]
        if all(variants.holds(c, values) for c in a.constraints):
            return values
    raise AssertionError("no draw met the constraints")


def test_numbers_depend_on_the_secret_the_assignment_and_the_student():
    a = SPECS["ps1-ip"]
    base = _numbers(a, "alice")
    assert base == _by_hand(a, "alice", SECRET)
    assert _numbers(a, "alice", "another secret") != base
    assert _numbers(a, "bob") != base
    assert variants.derive(a.parameters, "ps1-ip-2026", "alice", SECRET, a.constraints) != base


def test_the_students_of_a_class_get_many_different_numbers():
    a = SPECS["ps1-ip"]
    seen = {json.dumps(_numbers(a, f"student{k:03d}"), sort_keys=True) for k in range(100)}
    assert len(seen) == 100, "a hundred students, a hundred different cases"


# --- the secret ----------------------------------------------------------------------------------


def test_the_secret_is_made_once_private_and_the_environment_overrides_it(tmp_path, monkeypatch):
    monkeypatch.delenv(variants.SECRET_ENV, raising=False)
    assert variants.course_secret(tmp_path) is None and variants.fingerprint(tmp_path) == ""
    made = variants.course_secret(tmp_path, create=True)
    path = tmp_path / variants.SECRET_FILE
    assert len(made) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert variants.course_secret(tmp_path, create=True) == made, "made on first use only"
    monkeypatch.setenv(variants.SECRET_ENV, "from-the-environment")
    assert variants.course_secret(tmp_path) == "from-the-environment"
    assert variants.fingerprint(tmp_path) and "from-the-environment" not in variants.fingerprint(tmp_path)
    assert "exercises/.course-secret" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_roster_reads_nbgrader_s_import_format_a_student_id_column_or_one_id_a_line(tmp_path):
    (tmp_path / "a.csv").write_text("id,first_name,last_name,email\nalice,Alice,A,a@x.org\nbob,Bob,B,\n")
    (tmp_path / "b.csv").write_text("Name,student_id\nCarol,carol\n")
    (tmp_path / "c.csv").write_text("dave\nerin\n\n")
    assert variants.read_roster(tmp_path / "a.csv") == ["alice", "bob"]
    assert variants.read_roster(tmp_path / "b.csv") == ["carol"]
    assert variants.read_roster(tmp_path / "c.csv") == ["dave", "erin"]


# --- the problem sets, for any student -------------------------------------------------------------


def _typed_parts(a: au.Assignment) -> list[au.Part]:
    return [p for p in a.parts if p.typed]


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(sid=IDS, name=st.sampled_from(WITH_NUMBERS))
def test_for_any_student_the_solution_passes_and_the_hard_coded_answer_fails(sid, name):
    """Hard-coded answers are typed in for the published numbers, which no student gets. A design typed in
    for them can still meet another student's constraints (then it is right for that student too): the
    sample test below measures how rarely."""
    a = SPECS[name]
    numbers = _numbers(a, sid)
    assert not any(synthetic.dry_run(a, numbers=numbers).errors.values())
    typed = synthetic.answer_bodies(a, "typed", numbers=numbers)
    assert not any(synthetic.dry_run(a, typed, numbers=numbers).errors.values()), "answers typed in for one's own numbers pass"
    for p in a.parts:
        if p.hardcoded and p.kind != "design":
            bodies = {**synthetic.answer_bodies(a), p.grade_id: p.hardcoded}
            assert synthetic.dry_run(a, bodies, numbers=numbers).errors[p.test_id], f"{p.grade_id}: the hard-coded answer passed for {sid!r}"


@pytest.mark.slow  # hundreds of designs checked against the models
@pytest.mark.parametrize("name", WITH_NUMBERS)
def test_hard_coded_designs_and_another_student_s_typed_answers_almost_always_fail(name):
    """Over 60 students: a design typed in for the published numbers meets at most 1 in 10 students'
    constraints, and answers typed in for one student pass in at most 1 in 10 other students' notebooks
    (a coincidence of the numbers that matter, which the ranges make rare)."""
    a = SPECS[name]
    ids = [f"sample-{k:02d}" for k in range(60)]
    numbers = {sid: _numbers(a, sid) for sid in ids}
    for p in a.parts:
        if p.hardcoded and p.kind == "design":
            bodies = {**synthetic.answer_bodies(a), p.grade_id: p.hardcoded}
            passed = sum(not synthetic.dry_run(a, bodies, numbers=numbers[sid]).errors[p.test_id] for sid in ids)
            assert passed <= 6, f"{p.grade_id}: the published design fits {passed} of 60 students"
    for p in _typed_parts(a):
        passed = 0
        for mine, theirs in zip(ids, ids[1:] + ids[:1]):
            bodies = {**synthetic.answer_bodies(a), p.grade_id: synthetic.answer_bodies(a, {p.grade_id: "typed"}, numbers=numbers[mine])[p.grade_id]}
            passed += not synthetic.dry_run(a, bodies, numbers=numbers[theirs]).errors[p.test_id]
        assert passed <= 6, f"{p.grade_id}: one student's typed answer passes in {passed} of 60 other notebooks"


@pytest.mark.parametrize("name", WITH_NUMBERS)
def test_the_notebook_states_the_range_of_every_number(name):
    a = SPECS[name]
    setup = au.setup_source(a)
    for param, r in a.parameters.items():
        line = next(x for x in setup.splitlines() if x.startswith(f"{param} = NUMBERS["))
        assert r.describe() in line, f"{param}: the setup cell states its range"
    assert "Your own numbers" in au.instructions(a) and "variants.json" in au.instructions(a)


# --- the student's notebook and the grader agree ----------------------------------------------------------


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A course with per-student numbers: a secret, a roster, ps1 released with its table."""
    tmp = tmp_path_factory.mktemp("variants")
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course", ["ps1-ip"])
    (tmp / "roster.csv").write_text("id,first_name,last_name,email\nalice,,,\nbob.smith@uni,,,\n", encoding="utf-8")
    wf.release(course, ["ps1-ip"], roster=tmp / "roster.csv")
    return course, tmp


@pytest.mark.slow  # runs nbgrader generate_assignment
def test_release_writes_every_rostered_student_s_numbers_beside_the_notebook(released):
    course, _ = released
    table = json.loads((course.root / "release" / "ps1-ip" / variants.TABLE).read_text(encoding="utf-8"))
    secret = variants.course_secret(course.root)
    a = SPECS["ps1-ip"]
    assert sorted(table) == ["alice", "bob.smith@uni"]
    for sid, row in table.items():
        assert row == _numbers(a, sid, secret)
    assert stat.S_IMODE((course.root / variants.SECRET_FILE).stat().st_mode) == 0o600


@pytest.mark.slow  # runs nbgrader generate_assignment
@pytest.mark.parametrize("sid", ["alice", "bob.smith@uni"])
def test_the_student_s_my_numbers_and_the_grader_s_derivation_agree(released, sid, monkeypatch):
    course, _ = released
    folder = course.root / "release" / "ps1-ip"
    nb = nbformat.read(folder / "ps1-ip.ipynb", as_version=4)
    setup = next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ps1_setup")
    monkeypatch.setenv(student.ID_VARIABLE, sid)
    monkeypatch.chdir(folder)
    namespace: dict = {}
    exec(compile(setup, "<released setup>", "exec"), namespace)  # noqa: S102 - the released notebook's locked cell
    source = variants.source_notebook(course.root, "ps1-ip")
    assert dict(namespace["NUMBERS"]) == variants.grading_numbers(course.root, source, "ps1-ip", sid)
    assert namespace["SURPLUS"] == namespace["NUMBERS"]["SURPLUS"] and namespace["NUMBERS"].student == sid


@pytest.mark.slow  # runs nbgrader generate_assignment
def test_an_unknown_student_gets_a_clear_error_from_the_released_notebook(released, monkeypatch):
    course, _ = released
    folder = course.root / "release" / "ps1-ip"
    monkeypatch.setenv(student.ID_VARIABLE, "mallory")
    with pytest.raises(student.NumbersError, match="'mallory'.*not in variants.json"):
        student.my_numbers("ps1-ip", SPECS["ps1-ip"].published_numbers(), folder=folder)


@pytest.mark.slow  # runs nbgrader generate_assignment
def test_the_command_line_writes_the_table_and_shows_one_student_s_numbers(released):
    course, tmp = released
    (tmp / "more.csv").write_text("carol\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "partnership_grading", "--course", str(course.root), "variants", "ps1-ip",
                          "--roster", str(tmp / "more.csv")], capture_output=True, text=True, env=course.env(), check=True)
    assert "1 student(s)" in run.stdout
    assert sorted(json.loads((course.root / "release" / "ps1-ip" / variants.TABLE).read_text())) == ["carol"]
    shown = subprocess.run([sys.executable, "-m", "partnership_grading", "--course", str(course.root), "variants", "ps1-ip",
                            "--show", "alice"], capture_output=True, text=True, env=course.env(), check=True).stdout
    numbers = _numbers(SPECS["ps1-ip"], "alice", variants.course_secret(course.root))
    assert f"SURPLUS = {numbers['SURPLUS']:g}" in shown
    wf.release(course, ["ps1-ip"], roster=tmp / "roster.csv")  # back as the other tests expect it


@pytest.mark.slow  # runs nbgrader generate_assignment
def test_a_course_without_a_secret_releases_no_table_and_refuses_an_empty_roster(tmp_path):
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp_path / "course", ["ps1-ip"])
    env = {k: v for k, v in os.environ.items() if k != variants.SECRET_ENV}
    assert variants.course_secret(course.root) is None
    wf.release(course, ["ps1-ip"])
    assert not (course.root / "release" / "ps1-ip" / variants.TABLE).exists(), "the published numbers for everyone"
    failed = subprocess.run([sys.executable, "-m", "partnership_grading", "--course", str(course.root), "variants", "ps1-ip"],
                            capture_output=True, text=True, env=env)
    assert failed.returncode == 1 and "No students to write numbers for" in failed.stderr


def test_the_kernel_never_gets_the_secret():
    """The grader's environment may hold the secret; the kernel's is scrubbed (and the sandbox starts empty)."""
    from partnership_grading.preprocessors import SECRET_ENV, VARIANT_ID_ENV

    assert SECRET_ENV.search(variants.SECRET_ENV) and not SECRET_ENV.search(VARIANT_ID_ENV)
    assert VARIANT_ID_ENV == student.ID_VARIABLE
