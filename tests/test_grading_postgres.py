"""The whole grading pipeline on a PostgreSQL gradebook, through nbgrader's database URL.

A throwaway PostgreSQL server from Debian's packages (tests/postgres.py) runs on 127.0.0.1; the
course's gradebook URL points at it (``NBGRADER_DB_URL``, which nbgrader_config.py reads). On it:
release, collect, parallel autograde with two workers (the hostile and unreadable submissions
included), a forced re-run (byte-identical export), plain sequential nbgrader autograde (the same
export), feedback, the grade summary and the export. Skipped, with the reason, only where
PostgreSQL cannot be installed or started.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy

from partnership_grading import course as wf
from partnership_grading.parallel import autograde_parallel
from partnership_grading.summary import summarise, write_reports
from tests import hostile_corpus as hostile

from .postgres import temporary_postgres, why_unavailable

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ps3-regulation"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(why_unavailable() is not None, reason=f"PostgreSQL: {why_unavailable()}")]


@pytest.fixture(scope="module")
def pg_course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("postgres")
    with temporary_postgres("partners_and_rivals") as url:
        copy = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course", [ASSIGNMENT])
        course = wf.Course(copy.root, db_url=url)
        (released,) = wf.release(course, [ASSIGNMENT])
        corpus = hostile.corpus_from(ROOT / "exercises", ASSIGNMENT, released)
        by_case = {c.student: c for c in hostile.CASES}
        students = {
            "alice": hostile._bytes(corpus.solved()),
            "bob": hostile._bytes(corpus.released),
            "carol": hostile._bytes(corpus.solved(hostile.partial_choice(corpus.spec))),
            "dave": by_case["patch-input-transformer"].build(corpus),
            "erin": by_case["file-truncated"].build(corpus),
        }
        inbox = tmp / "inbox"
        for student, data in students.items():
            (inbox / student).mkdir(parents=True)
            (inbox / student / corpus.spec.notebook).write_bytes(data)
        wf.collect(course, ASSIGNMENT, inbox)
        yield course, corpus, url, tmp


@pytest.mark.timeout(1200)  # two parallel grading runs in its body
def test_pipeline_on_postgresql(pg_course):
    course, corpus, url, tmp = pg_course
    a = corpus.spec
    run = autograde_parallel(course, [ASSIGNMENT], workers=2, progress=False, scratch=tmp)[0]
    assert sorted(r.student for r in run.results) == ["alice", "bob", "carol", "dave", "erin"]
    first = wf.export(course, tmp / "first.csv").read_bytes()
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(first.decode()))}
    assert float(rows["alice"]["score"]) == a.auto_points
    assert float(rows["bob"]["score"]) == 0
    assert float(rows["carol"]["score"]) == hostile.synthetic.expected_auto_points(a, hostile.partial_choice(a))
    assert float(rows["dave"]["score"]) == 0, "the input transformer was not run"
    assert float(rows["erin"]["score"]) == 0
    assert {float(r["max_score"]) for r in rows.values()} == {a.total_points}

    again = autograde_parallel(course, [ASSIGNMENT], workers=2, force=True, progress=False, scratch=tmp)[0]
    assert len(again.results) == 5
    assert wf.export(course, tmp / "again.csv").read_bytes() == first, "re-grading leaves the export byte-identical"

    (sequential,) = wf.autograde(course, [ASSIGNMENT])  # plain nbgrader on the same database
    assert sequential.students == sorted(rows)
    assert wf.export(course, tmp / "sequential.csv").read_bytes() == first

    html = wf.feedback(course, [ASSIGNMENT])
    assert {p.parent.parent.name for p in html} >= {"alice", "bob", "carol", "dave"}
    paths = write_reports(course, ASSIGNMENT)
    assert summarise(course, ASSIGNMENT).students and paths["summary.txt"].is_file()

    # The grades really live in PostgreSQL, and no SQLite gradebook appeared in the course folder.
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as conn:
        n = conn.execute(sqlalchemy.text("select count(*) from submitted_assignment")).scalar()
        flagged = conn.execute(sqlalchemy.text("select count(*) from submitted_notebook where flagged")).scalar()
    engine.dispose()
    assert n == 5 and flagged == 2
    assert not (course.root / "gradebook.db").exists()
