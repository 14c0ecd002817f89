"""Fast unit tests of the grading tooling: test-cell helpers, the collector's file names, the CLI,
the grade summary's arithmetic and the Makefile targets. No nbgrader run."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from partnership import checks
from partnership_grading import __main__ as cli
from partnership_grading.course import COLLECT_REGEXP, Course
from partnership_grading.summary import PartStat, StudentScore, Summary, render_text

ROOT = Path(__file__).resolve().parent.parent


def test_close_accepts_numbers_within_tolerance_and_explains_failures():
    checks.close(0.1 + 0.2, 0.3, "x")
    checks.close(np.float64(2.0), 2, "x")
    checks.close(1e-12, 0.0, "x")
    with pytest.raises(AssertionError, match=r"^the share should be 0.3, but it is 0.31. Use the package.$"):
        checks.close(0.31, 0.3, "the share", hint="Use the package.")
    with pytest.raises(AssertionError, match="should be a number, but it is '0.3'"):
        checks.close("0.3", 0.3, "x")
    with pytest.raises(AssertionError, match="should be a number"):
        checks.close(True, 1.0, "x")
    with pytest.raises(AssertionError, match="finite"):
        checks.close(float("nan"), 1.0, "x")


def test_close_all_equal_function_raises():
    checks.close_all([1.0, 2.0], (1.0, 2.0 + 1e-12), "v")
    with pytest.raises(AssertionError, match="should have 2 entries, but it has 3"):
        checks.close_all([1, 2, 3], [1, 2], "v")
    with pytest.raises(AssertionError, match=r"v\[1\] should be 2"):
        checks.close_all([1, 5], [1, 2], "v")
    checks.equal(np.bool_(True), True, "b")
    with pytest.raises(AssertionError, match="should be True, but it is 1"):
        checks.equal(1, True, "b")
    with pytest.raises(AssertionError):
        checks.equal(True, 1, "n")
    checks.equal(None, None, "n")
    with pytest.raises(AssertionError, match="should be a function"):
        checks.function(3.0, "f")
    checks.raises(ValueError, int, "x", what="int('x')")
    with pytest.raises(AssertionError, match="should raise ValueError, but it returned 3"):
        checks.raises(ValueError, int, "3", what="int('3')")
    with pytest.raises(AssertionError, match="but it raised TypeError"):
        checks.raises(ValueError, int, None, what="int(None)")


@pytest.mark.parametrize(
    "path,student,notebook",
    [
        ("alice/ps1-ip.ipynb", "alice", "ps1-ip.ipynb"),
        ("batch/alice/ps1-ip.ipynb", "alice", "ps1-ip.ipynb"),
        ("alice_ps1-ip.ipynb", "alice", "ps1-ip.ipynb"),
        ("batch/smith_john_ps1-ip.ipynb", "smith_john", "ps1-ip.ipynb"),
        ("j.doe@uni.edu__ps2-revenue.ipynb", "j.doe@uni.edu", "ps2-revenue.ipynb"),
        ("s-123/capstone-memo.ipynb", "s-123", "capstone-memo.ipynb"),
    ],
)
def test_collector_understands_the_documented_names(path, student, notebook):
    match = re.match(COLLECT_REGEXP, f"/course/downloaded/ps1-ip/extracted/{path}")
    assert match and match["student_id"] == student and match["file_id"] == notebook


@pytest.mark.parametrize("path", ["ps1-ip.ipynb", "alice/ps1-ip (1).ipynb", "alice ps1-ip.ipynb"])
def test_collector_refuses_names_it_cannot_attribute(path):
    assert not re.match(COLLECT_REGEXP, f"/course/downloaded/ps1-ip/extracted/{path}")


def test_course_paths_and_environment(tmp_path):
    course = Course(ROOT / "exercises")
    assert course.course_id == "partners-and-rivals"
    assert course.assignments() == ["capstone-memo", "ps1-ip", "ps2-revenue", "ps3-regulation", "ps4-future"]
    assert course.env()["PATH"].split(":")[0] == str(Path(sys.executable).parent), "alembic must be on PATH"
    assert Course(ROOT / "exercises", db_url="sqlite:///x.db").env()["NBGRADER_DB_URL"] == "sqlite:///x.db"
    with pytest.raises(FileNotFoundError, match="not an nbgrader course root"):
        Course(tmp_path)


def test_summary_text_has_per_part_means_and_a_histogram():
    parts = [PartStat("a_test", "autograded", 3, [3, 0, 3]), PartStat("w_answer", "manual", 5, [4, 0], pending=1)]
    students = [StudentScore("s1", 3, 3, 4, 5, 0), StudentScore("s2", 0, 3, 0, 5, 0), StudentScore("s3", 3, 3, 0, 5, 1, ("w_answer",))]
    summary = Summary("ps1-ip", parts, students)
    assert summary.histogram() == [1, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    text = render_text(summary)
    assert re.search(r"a_test\s+autograded\s+3\s+2.00\s+67%\s+2\s+1\s+0", text)
    assert "90–100% | ## 2" in text
    assert re.search(r"w_answer\s+manual\s+5\s+2.00\s+40%\s+0\s+1\s+1", text), "the pending answer is not a 0 in the mean"
    assert "1 answer(s) of 1 student(s) still need a grade by hand" in text and "\n  s3: w_answer\n" in text


WORKFLOW_STEPS = ("sources", "release", "variants", "collect", "autograde", "integrity", "similarity", "summary", "formgrader", "feedback",
                  "export", "roster", "student-notebooks", "student-kit")


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


@pytest.mark.slow  # a subprocess that imports the whole engine; the parser check below stays fast
def test_cli_has_exactly_the_workflow_steps_and_its_help_lists_each():
    """The parser's own subcommands, not the help text (whose description names every command anyway)."""
    assert _commands(cli._parser()) == list(WORKFLOW_STEPS)
    out = subprocess.run([sys.executable, "-m", "partnership_grading", "--help"], capture_output=True, text=True, check=True).stdout
    listed = re.findall(r"^    ([a-z][a-z-]*)(?:\s|$)", out.split("positional arguments:", 1)[1], flags=re.M)
    assert listed == list(WORKFLOW_STEPS), "argparse's list of commands, as `python -m partnership_grading --help` prints it"


def test_the_cli_docstring_documents_exactly_its_commands():
    documented = re.findall(r"^ {4}([a-z][a-z-]*)(?: |$)", cli.__doc__ or "", flags=re.M)
    assert documented == _commands(cli._parser())


@pytest.mark.parametrize("command", WORKFLOW_STEPS)
def test_each_command_answers_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: python -m partnership_grading {command}")


def test_makefile_grading_section_is_appended_and_complete():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    head, _, grading = makefile.partition("\n## grading")
    assert grading, "the grading targets live in a delimited section at the end"
    assert "-m partnership_grading" not in head and "$(GRADING)" not in head, "no grading command before the section"
    for target in ("exercises", "exercises-check", "student-notebooks", "grading-release", "grading-variants", "grading-collect",
                   "grading-autograde", "grading-formgrader", "grading-feedback", "grading-export", "grading-summary",
                   "grading-similarity", "grading-roster", "grading-export-canvas", "grading-export-moodle"):
        assert re.search(rf"^{target}:", grading, flags=re.M), target
    assert re.search(r"^book: student-notebooks$", grading, flags=re.M)
