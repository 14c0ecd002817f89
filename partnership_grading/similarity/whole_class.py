"""A whole class compared (:func:`compare`), and a course's release and submissions read for it (:func:`load_course`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import nbformat

from .model import Pair, Part, PartStats, Report, Settings, answers_of, parts_of
from .tfidf import text_pairs
from .winnowing import code_pairs


def compare(
    assignment: str,
    parts: Sequence[Part],
    submissions: Mapping[str, Mapping[str, nbformat.NotebookNode | str]],
    settings: Settings = Settings(),
    notes: Sequence[str] = (),
) -> Report:
    """Compare every pair of students on every part.

    ``submissions`` maps each student to their notebooks by name; a string in place of a notebook
    is the reason it could not be read, and that notebook is left out with a note.
    """
    notes = list(notes)
    answers: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    without: dict[tuple[str, str], list[str]] = defaultdict(list)  # students whose notebook lacks that cell
    for student in sorted(submissions):
        for notebook, nb in sorted(submissions[student].items()):
            if isinstance(nb, str):
                notes.append(f"{student}: {notebook} skipped: {nb}")
                continue
            theirs = answers_of(nb)
            for part in parts:
                if part.notebook != notebook:
                    continue
                if part.grade_id in theirs:
                    answers[(notebook, part.grade_id)][student] = theirs[part.grade_id]
                else:
                    without[(notebook, part.grade_id)].append(student)
    pairs: list[Pair] = []
    stats: list[PartStats] = []
    for part in parts:
        key = (part.notebook, part.grade_id)
        compare_part = code_pairs if part.kind == "code" else text_pairs
        found, stat = compare_part(part, answers.get(key, {}), settings)
        stat.missing = without.get(key, [])
        for student in stat.missing:
            notes.append(f"{student}: {part.notebook} has no cell {part.grade_id} (deleted or renamed?): that part is not compared")
        pairs += found
        stats.append(stat)
    order = {(p.notebook, p.grade_id): n for n, p in enumerate(parts)}
    pairs.sort(key=lambda p: (-round(p.score, 6), order[(p.part.notebook, p.part.grade_id)], p.student_a, p.student_b))
    return Report(assignment, settings, sorted(submissions), pairs, stats, notes)


def load_course(course, assignment: str) -> tuple[list[Part], dict[str, dict[str, nbformat.NotebookNode | str]], list[str]]:
    """The parts of ``release/<assignment>/`` and every student's notebooks under ``submitted/``."""
    from ..integrity import read_problem

    released = sorted((course.root / "release" / assignment).glob("*.ipynb"))
    if not released:
        raise FileNotFoundError(
            f"No released notebook in {course.root / 'release' / assignment}: release the assignment first "
            f"(make grading-release A={assignment}); the report leaves the release's own text out."
        )
    parts = [p for nb in released for p in parts_of(nbformat.read(nb, as_version=4), nb.name)]
    submissions: dict[str, dict[str, nbformat.NotebookNode | str]] = {}
    notes = []
    for folder in sorted(p for p in (course.root / "submitted").glob(f"*/{assignment}") if p.is_dir()):
        student = folder.parent.name
        mine: dict[str, nbformat.NotebookNode | str] = {}
        for nb in released:
            path = folder / nb.name
            if not path.exists():
                notes.append(f"{student}: no {nb.name} in {folder}: nothing to compare")
                continue
            problem = read_problem(path)
            mine[nb.name] = problem if problem else nbformat.read(path, as_version=4)
        if mine:
            submissions[student] = mine
    return parts, submissions, notes


def similarity_report(course, assignment: str, settings: Settings = Settings()) -> Report:
    """The copying report of one assignment of a course (a :class:`~partnership_grading.course.Course`)."""
    parts, submissions, notes = load_course(course, assignment)
    return compare(assignment, parts, submissions, settings, notes)
