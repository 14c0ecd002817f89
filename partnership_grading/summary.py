"""Grade summary after autograding: per-part averages, per-student totals and a histogram.

Reads nbgrader's gradebook (whatever database ``nbgrader_config.py`` points at) and writes, under
``<course>/reports/<assignment>/``:

- ``summary.txt``: the per-part table and a text histogram (also printed);
- ``parts.csv``: one row per graded cell (grade id, kind, points, mean, full marks, zeros, pending);
- ``students.csv``: one row per student (autograded, manual, total, pending manual grades);

An answer nobody has graded yet is *pending*: it is left out of its part's mean, full-marks and zero
counts (nbgrader's gradebook would count it as 0), and the students who have one are named.
- ``histogram.png``: the distribution of autograded scores.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import nbformat

from .course import Course

BINS = 10  # histogram bins over 0–100% of the autograded points


@dataclass
class PartStat:
    grade_id: str
    kind: str  # "autograded" or "manual"
    max_points: float
    scores: list[float] = field(default_factory=list)
    pending: int = 0  # submissions still waiting for a manual grade (not in scores)

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else math.nan

    @property
    def full(self) -> int:
        return sum(1 for s in self.scores if s >= self.max_points - 1e-9)

    @property
    def zero(self) -> int:
        return sum(1 for s in self.scores if s <= 1e-9)


@dataclass
class StudentScore:
    student: str
    auto: float
    auto_max: float
    manual: float
    manual_max: float
    pending: int
    pending_cells: tuple[str, ...] = ()  # the grade ids still to be graded by hand

    @property
    def total(self) -> float:
        return self.auto + self.manual


@dataclass
class Summary:
    assignment: str
    parts: list[PartStat]
    students: list[StudentScore]

    @property
    def auto_max(self) -> float:
        return sum(p.max_points for p in self.parts if p.kind == "autograded")

    def histogram(self) -> list[int]:
        """Counts of students by autograded percentage, in :data:`BINS` equal bins (100% in the last)."""
        counts = [0] * BINS
        for s in self.students:
            pct = s.auto / s.auto_max if s.auto_max else 0.0
            counts[min(int(pct * BINS), BINS - 1)] += 1
        return counts


def graded_cells(course: Course, assignment: str) -> list[tuple[str, str, str, float]]:
    """(notebook, grade_id, kind, points) for each graded cell, in notebook order (from ``source/``)."""
    cells = []
    for path in sorted((course.root / "source" / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):
                kind = "manual" if meta.get("solution") else "autograded"
                cells.append((path.stem, meta["grade_id"], kind, float(meta.get("points", 0))))
    return cells


def summarise(course: Course, assignment: str) -> Summary:
    """Collect the gradebook's scores for one assignment."""
    from nbgrader.api import Gradebook  # heavy import, only when summarising

    from .exporters import is_ungraded

    cells = graded_cells(course, assignment)
    parts = {(nb, gid): PartStat(gid, kind, pts) for nb, gid, kind, pts in cells}
    students = []
    with Gradebook(course.db, course.course_id) as gb:
        for sub in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            auto = auto_max = manual = manual_max = 0.0
            pending = 0
            pending_cells: list[str] = []
            for nb in sub.notebooks:
                for grade in nb.grades:
                    stat = parts.get((nb.name, grade.name))
                    if stat is None:
                        continue
                    score = float(grade.score or 0.0)
                    if is_ungraded(grade):  # not a 0: nobody has graded it yet
                        stat.pending += 1
                        pending += 1
                        pending_cells.append(grade.name)
                    else:
                        stat.scores.append(score)
                    if stat.kind == "autograded":
                        auto, auto_max = auto + score, auto_max + stat.max_points
                    else:
                        manual, manual_max = manual + score, manual_max + stat.max_points
            students.append(StudentScore(sub.student.id, auto, auto_max, manual, manual_max, pending, tuple(pending_cells)))
    return Summary(assignment, list(parts.values()), students)


def render_text(summary: Summary) -> str:
    """The summary as plain text: per-part table, students, and a histogram of autograded scores."""
    n = len(summary.students)
    lines = [f"Grade summary for {summary.assignment}: {n} submission(s)", ""]
    lines.append(f"{'part (grade id)':<28} {'kind':<10} {'points':>6} {'mean':>6} {'mean %':>7} {'full':>5} {'zero':>5} {'pending':>7}")
    for p in summary.parts:
        mean = "-" if math.isnan(p.mean) else f"{p.mean:.2f}"
        pct = "-" if math.isnan(p.mean) or not p.max_points else f"{100 * p.mean / p.max_points:.0f}%"
        lines.append(f"{p.grade_id:<28} {p.kind:<10} {p.max_points:>6g} {mean:>6} {pct:>7} {p.full:>5} {p.zero:>5} {p.pending:>7}")
    lines += ["", f"Autograded scores out of {summary.auto_max:g} (each # is one student):"]
    counts = summary.histogram()
    for k, count in enumerate(counts):
        lo, hi = 100 * k // BINS, 100 * (k + 1) // BINS
        label = f"{lo:>3}–{hi:<3}%" if k < BINS - 1 else f"{lo:>3}–100%"
        lines.append(f"  {label} | {'#' * count} {count if count else ''}".rstrip())
    if summary.students:
        autos = [s.auto for s in summary.students]
        lines += ["", f"Autograded mean {sum(autos) / n:.2f} / {summary.auto_max:g}; min {min(autos):g}; max {max(autos):g}."]
        waiting = [s for s in summary.students if s.pending]
        if waiting:
            lines.append(
                f"{sum(s.pending for s in waiting)} answer(s) of {len(waiting)} student(s) still need a grade by hand "
                "(formgrader); they are not in the means above, and their totals are not final:"
            )
            lines += [f"  {s.student}: {', '.join(s.pending_cells)}" for s in waiting]
    return "\n".join(lines) + "\n"


def write_reports(course: Course, assignment: str, out_dir: Path | None = None) -> dict[str, Path]:
    """Write summary.txt, parts.csv, students.csv and histogram.png; return their paths."""
    summary = summarise(course, assignment)
    out = Path(out_dir) if out_dir else course.root / "reports" / assignment
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("summary.txt", "parts.csv", "students.csv", "histogram.png")}
    paths["summary.txt"].write_text(render_text(summary), encoding="utf-8")
    with paths["parts.csv"].open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["grade_id", "kind", "points", "submissions", "mean", "mean_pct", "full_marks", "zero", "pending_manual"])
        for p in summary.parts:
            pct = "" if math.isnan(p.mean) or not p.max_points else f"{100 * p.mean / p.max_points:.1f}"
            mean = "" if math.isnan(p.mean) else f"{p.mean:.4f}"
            w.writerow([p.grade_id, p.kind, f"{p.max_points:g}", len(p.scores), mean, pct, p.full, p.zero, p.pending])
    with paths["students.csv"].open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student_id", "autograded", "autograded_max", "manual", "manual_max", "total", "pending_manual", "pending_cells"])
        for s in summary.students:
            w.writerow([s.student, f"{s.auto:g}", f"{s.auto_max:g}", f"{s.manual:g}", f"{s.manual_max:g}", f"{s.total:g}", s.pending, " ".join(s.pending_cells)])
    _histogram_png(summary, paths["histogram.png"])
    return paths


def _histogram_png(summary: Summary, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from partnership.plotting import NEUTRAL, use_course_style

    use_course_style()
    counts = summary.histogram()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    edges = [100 * k / BINS for k in range(BINS)]
    ax.bar(edges, counts, width=100 / BINS, align="edge", color=NEUTRAL["color"], hatch=NEUTRAL["hatch"], edgecolor="black")
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Autograded score (% of {summary.auto_max:g} points)")
    ax.set_ylabel("Students")
    ax.set_title(f"{summary.assignment}: autograded scores ({len(summary.students)} submissions)")
    # matplotlib's default locator is an AutoLocator, a MaxNLocator: whole numbers of students only
    cast(MaxNLocator, ax.yaxis.get_major_locator()).set_params(integer=True)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
