"""Command line for the instructor workflow: ``python -m partnership_grading <command>``.

    sources [--check]             regenerate exercises/source/ from exercises/authoring/ (or check it)
    release [A ...] [--roster CSV]  nbgrader generate_assignment (all if none given); with per-student numbers, variants.json too
    variants [A ...] [--roster CSV] release/A/variants.json: every rostered student's numbers (makes the course secret on first use)
      --show STUDENT              print one student's numbers instead
    collect A PATH                a folder or .zip of student notebooks -> submitted/<student>/A/
    autograde [A ...]             nbgrader autograde, then the grade summary
      --parallel [N]              on a Dask cluster: N local worker processes (default: cores + 1), resumable
      --scheduler tcp://HOST:PORT an existing Dask cluster's scheduler instead (implies --parallel; or GRADING_SCHEDULER)
      --unsafe-no-sandbox         grade where bubblewrap is missing (otherwise autograding refuses to start)
    integrity A                   the integrity report (flagged submissions and why) -> reports/A/integrity.csv
    similarity A                  the copying report: pairs of submissions alike, part by part -> reports/A/similarity.*
    summary A                     per-part averages, student totals, histogram -> reports/A/
    formgrader                    JupyterLab in the course folder: Nbgrader -> Formgrader (manual grading)
    feedback [A ...]              nbgrader generate_feedback -> feedback/<student>/A/*.html
    export [--to FILE]            nbgrader export -> CSV, one row per student and assignment
      --format canvas|moodle      a Canvas or Moodle grade import file instead, one row per roster student
    roster load FILE              put the roster's students (names, e-mails) into nbgrader's student table
    student-notebooks --dest DIR  release into a temporary course and copy the student notebooks (if stale)
    student-kit [--dest ZIP]      the student kit: released notebooks, pinned environment, course package (no solutions)

Every command accepts ``--course DIR`` (default: the repository's exercises/ folder).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import course as workflow
from .course import DEFAULT_COURSE, Course, NbgraderError
from .kit import KitError
from .roster import RosterError


def _similarity_defaults():
    from .similarity import Settings

    return Settings()

if TYPE_CHECKING:
    from .course import AutogradeRun
    from .parallel import ParallelRun


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m partnership_grading", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--course", type=Path, default=DEFAULT_COURSE, help="nbgrader course root (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    p = sub.add_parser("sources", help="regenerate the source notebooks from the authoring specs")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated file is stale")

    p = sub.add_parser("release", help="nbgrader generate_assignment (and variants.json in a course with per-student numbers)")
    p.add_argument("assignments", nargs="*", metavar="A")
    p.add_argument("--roster", type=Path, default=None,
                   help="CSV of student ids (column id or student_id, or one id a line), besides nbgrader's student table; "
                        "gives the release per-student numbers")

    p = sub.add_parser("variants", help="write release/A/variants.json: each rostered student's own numbers")
    p.add_argument("assignments", nargs="*", metavar="A")
    p.add_argument("--roster", type=Path, default=None,
                   help="CSV of student ids (column id or student_id, or one id a line), besides nbgrader's student table")
    p.add_argument("--show", metavar="STUDENT", default=None, help="print this student's numbers and write nothing")

    p = sub.add_parser("collect", help="file student notebooks from a folder or zip under submitted/")
    p.add_argument("assignment", metavar="A")
    p.add_argument("path", type=Path, help="a folder, a .zip, or one notebook")

    p = sub.add_parser("autograde", help="nbgrader autograde, then the grade summary")
    p.add_argument("assignments", nargs="*", metavar="A")
    p.add_argument("--student", action="append", default=None, help="only this student (repeatable)")
    p.add_argument("--no-summary", action="store_true", help="skip the grade summary")
    p.add_argument("--parallel", type=int, nargs="?", const=0, default=None, metavar="N",
                   help="grade on a Dask cluster of N local worker processes (no N: one more than the cores); resumable")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="grade on the existing Dask cluster with this scheduler (implies --parallel; default: $GRADING_SCHEDULER "
                        "with --parallel). Its workers need this course's environment, bubblewrap and the sandbox account")
    p.add_argument("--force", action="store_true", help="with --parallel: regrade students whose grades are up to date")
    p.add_argument("--no-progress", action="store_true", help="with --parallel: no progress bar")
    p.add_argument("--unsafe-no-sandbox", action="store_true",
                   help="grade even where student code cannot be sandboxed (bubblewrap missing): only for code you trust")

    p = sub.add_parser("integrity", help="flagged submissions and the reasons, from the last autograde")
    p.add_argument("assignment", metavar="A")

    p = sub.add_parser("similarity", help="the copying report: every pair of submissions compared, part by part")
    p.add_argument("assignment", metavar="A")
    p.add_argument("--out", type=Path, default=None, help="folder for the reports (default: <course>/reports/A)")
    defaults = _similarity_defaults()
    p.add_argument("--code-threshold", type=float, default=defaults.code_threshold, metavar="X",
                   help="report code answers sharing at least this share of fingerprints (default: %(default)s)")
    p.add_argument("--text-threshold", type=float, default=defaults.text_threshold, metavar="X",
                   help="report written answers with at least this TF-IDF cosine (default: %(default)s)")
    p.add_argument("--min-tokens", type=int, default=defaults.min_tokens, metavar="N",
                   help="compare code answers with at least N tokens of their own (default: %(default)s)")
    p.add_argument("--min-words", type=int, default=defaults.min_words, metavar="N",
                   help="compare written answers with at least N words of their own (default: %(default)s)")
    p.add_argument("--k", type=int, default=defaults.k, metavar="N", help="tokens per k-gram (default: %(default)s)")
    p.add_argument("--window", type=int, default=defaults.window, metavar="N", help="winnowing window (default: %(default)s)")

    p = sub.add_parser("summary", help="per-part averages and a histogram from the gradebook")
    p.add_argument("assignment", metavar="A")
    p.add_argument("--out", type=Path, default=None, help="folder for the reports (default: <course>/reports/A)")

    p = sub.add_parser("formgrader", help="JupyterLab with nbgrader's formgrader, for manual grading")
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true")

    p = sub.add_parser("feedback", help="nbgrader generate_feedback")
    p.add_argument("assignments", nargs="*", metavar="A")

    p = sub.add_parser("export", help="nbgrader export to CSV, or a Canvas or Moodle grade import file")
    p.add_argument("--format", choices=["csv", "canvas", "moodle"], default="csv",
                   help="nbgrader's CSV (default), Canvas's gradebook import CSV or Moodle's grade import CSV")
    p.add_argument("--to", type=Path, default=None,
                   help="CSV file (default: <course>/grades.csv, canvas-grades.csv or moodle-grades.csv)")
    p.add_argument("--assignment", action="append", default=None, help="only this assignment (repeatable)")
    p.add_argument("--roster", type=Path, default=None, help="canvas/moodle: the roster CSV (default: <course>/roster.csv)")
    p.add_argument("--moodle-id", choices=["email", "username", "idnumber"], default=None,
                   help="moodle: the user field Moodle matches rows on (default: email)")
    p.add_argument("--column", action="append", default=[], metavar="A=TITLE",
                   help="canvas/moodle: the column title for assignment A, e.g. 'ps1-ip=Problem set 1 (4521)' (repeatable)")
    p.add_argument("--no-submission", choices=["blank", "zero"], default=None,
                   help="canvas/moodle: an empty cell (no grade, the default) or 0 where nothing was submitted")
    p.add_argument("--skip-unrostered", action="store_true",
                   help="canvas/moodle: export even if students with submissions are missing from the roster (they are named)")

    p = sub.add_parser("roster", help="the class roster: who each student is on the learning platforms")
    roster_sub = p.add_subparsers(dest="roster_command", required=True, metavar="action")
    q = roster_sub.add_parser("load", help="add or update the roster's students in nbgrader's student table")
    q.add_argument("file", type=Path, help="the roster CSV (see exercises/roster.example.csv)")

    p = sub.add_parser("student-notebooks", help="released notebooks for the book, built in a temporary course")
    p.add_argument("--dest", type=Path, required=True)
    p.add_argument("--force", action="store_true", help="regenerate even if the sources have not changed")

    p = sub.add_parser("student-kit", help="the zip students download: released notebooks, pinned environment, course package")
    p.add_argument("--dest", type=Path, default=None, help="the zip to write (default: _static/student-kit.zip)")
    p.add_argument("--notebooks", type=Path, default=None,
                   help="folder for the released notebooks it packs (default: _static/exercises)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "sources":
        from .authoring import write_all

        stale = write_all(args.course, check=args.check)
        for path in stale:
            print(("out of date: " if args.check else "wrote: ") + str(path))
        return 1 if args.check and stale else 0

    course = Course(args.course)
    try:
        if args.command == "release":
            for nb in workflow.release(course, args.assignments, roster=args.roster):
                print(f"released: {nb}")
        elif args.command == "variants":
            from . import variants

            if args.show:
                secret = variants.course_secret(course.root)
                if secret is None:
                    raise variants.VariantsError("The course has no secret yet: every student gets the published numbers.")
                for a in workflow._ids(course, args.assignments):
                    nb = variants.source_notebook(course.root, a)
                    params, constraints = variants.parameters_of(nb) if nb is not None else ({}, [])
                    if params:
                        numbers = variants.derive(params, a, args.show, secret, constraints)
                        print(f"{a} {args.show}: " + ", ".join(f"{k} = {v:g}" for k, v in numbers.items()))
            else:
                variants.course_secret(course.root, create=True)
                if not workflow.write_variants(course, args.assignments, args.roster):
                    print("variants: no assignment with parameters was given")
        elif args.command == "collect":
            got = workflow.collect(course, args.assignment, args.path)
            print(f"collect: {len(got.students)} student(s) have a submission of {args.assignment}: {', '.join(got.students)}")
            if got.skipped:
                print(f"collect: {len(got.skipped)} file(s) skipped (listed above)")
        elif args.command == "autograde":
            from . import sandbox

            if args.unsafe_no_sandbox:
                os.environ[sandbox.UNSAFE_ENV] = "1"
            try:
                print(f"sandbox: {sandbox.self_check()}")
            except sandbox.SandboxUnavailable as exc:
                if not args.unsafe_no_sandbox:
                    print(f"error: autograding refused: {exc}", file=sys.stderr)
                    return 2
                print(f"sandbox: NONE, student code runs with your access to this machine ({exc})", file=sys.stderr)
            runs: Sequence[ParallelRun | AutogradeRun]
            if args.parallel is not None or args.scheduler:
                from .parallel import autograde_parallel

                runs = autograde_parallel(course, args.assignments, args.student, args.parallel or None, scheduler=args.scheduler,
                                          force=args.force, progress=False if args.no_progress else None)
                for run in runs:
                    print(run.summary())
                    print(f"integrity: {course.root / 'reports' / run.assignment / 'integrity.csv'}")
            else:
                runs = workflow.autograde(course, args.assignments, args.student)
            if not args.no_summary:
                from .summary import render_text, summarise, write_reports

                for graded in runs:
                    paths = write_reports(course, graded.assignment)
                    print(render_text(summarise(course, graded.assignment)))
                    print(f"summary: reports in {paths['summary.txt'].parent}")
            return max((r.returncode for r in runs), default=0)
        elif args.command == "integrity":
            from .parallel import integrity_rows, write_integrity_report

            path = write_integrity_report(course, args.assignment)
            rows = integrity_rows(course, args.assignment)
            for row in rows:
                print(f"{row['student_id']}: [{row['severity']}] {row['cell']}{' line ' + str(row['line']) if row['line'] else ''}: {row['message']}")
            print(f"integrity: {len({r['student_id'] for r in rows if r['flagged'] == 'yes'})} submission(s) flagged; {path}")
        elif args.command == "similarity":
            from . import similarity

            settings = similarity.Settings(code_threshold=args.code_threshold, text_threshold=args.text_threshold, k=args.k,
                                window=args.window, min_tokens=args.min_tokens, min_words=args.min_words)
            workflow._ids(course, [args.assignment])
            report = similarity.similarity_report(course, args.assignment, settings)
            paths = similarity.write_reports(report, args.out or course.root / "reports" / args.assignment)
            print(similarity.render_text(report), end="")
            print(f"similarity: {paths['similarity.csv']} and {paths['similarity.html']}")
        elif args.command == "summary":
            from .summary import render_text, summarise, write_reports

            paths = write_reports(course, args.assignment, args.out)
            print(render_text(summarise(course, args.assignment)))
            print(f"summary: reports in {paths['summary.txt'].parent}")
        elif args.command == "formgrader":
            return workflow.formgrader(course, args.port, not args.no_browser)
        elif args.command == "feedback":
            for html in workflow.feedback(course, args.assignments):
                print(f"feedback: {html}")
        elif args.command == "export":
            columns = {}
            for item in args.column:
                assignment, sep, title = item.partition("=")
                if not sep or not assignment or not title:
                    raise ValueError(f"--column takes ASSIGNMENT=TITLE, not {item!r}.")
                columns[assignment] = title
            to = workflow.export(course, args.to, args.assignment, args.format, roster=args.roster, moodle_id=args.moodle_id,
                                 columns=columns, no_submission=args.no_submission, skip_unrostered=args.skip_unrostered)
            print(f"export: wrote {to}")
        elif args.command == "roster":
            from .roster import load_roster

            students = load_roster(course, args.file)
            print(f"roster: {len(students)} student(s) added or updated in the gradebook {course.db}")
        elif args.command == "student-notebooks":
            if args.force:
                (args.dest / workflow.STAMP_NAME).unlink(missing_ok=True)
            fresh = workflow.ensure_student_notebooks(course.root, args.dest)
            state = "regenerated" if fresh else "up to date"
            print(f"student notebooks {state} in {args.dest}: {', '.join(sorted(p.name for p in args.dest.glob('*.ipynb')))}")
        elif args.command == "student-kit":
            from .kit import DEFAULT_DEST, ensure_student_kit

            built = ensure_student_kit(course.root, args.dest or DEFAULT_DEST, args.notebooks)
            state = "written" if built.changed else "up to date"
            print(f"student kit {state}: {built.path} ({built.size:,} bytes, {len(built.files)} files)")
    except (NbgraderError, KitError, RosterError, ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
