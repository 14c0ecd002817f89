"""The parallel path's resumable state (partnership_grading/parallel/state.py), without a cluster:
what the grading code's hash covers, and what a student's record keeps. (The resumed runs
themselves are in test_grading_parallel.py, slow.)"""

from __future__ import annotations

from pathlib import Path

from partnership_grading import course as wf
from partnership_grading.integrity import Finding
from partnership_grading.parallel import StudentResult, grader_hash, state_path, submission_hash
from partnership_grading.parallel.state import _read_state, _write_state

ROOT = Path(__file__).resolve().parent.parent


def test_the_grading_code_hash_reads_the_whole_engine_and_the_course_modules_a_kernel_runs(monkeypatch):
    """Every .py of partnership_grading/ (its subpackages too, wherever state.py itself lives), and
    the visible tests' helpers and the kernel's side of the per-student numbers."""
    read: set[Path] = set()
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.add(self.resolve())
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    course = wf.Course(ROOT / "exercises")
    first = grader_hash(course)
    engine = {p.resolve() for p in (ROOT / "partnership_grading").rglob("*.py")}
    assert any(p.parent.name == "parallel" for p in engine) and any(p.parent.name == "partnership_grading" for p in engine)
    missing = engine - read
    assert not missing, sorted(str(p.relative_to(ROOT)) for p in missing)
    for name in ("checks.py", "variants.py", "../exercises/nbgrader_config.py"):
        assert (ROOT / "partnership" / name).resolve() in read, name
    assert grader_hash(course) == first  # the same code, the same key: nobody is regraded for nothing


def test_the_submission_hash_follows_the_files_and_ignores_checkpoints(tmp_path):
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp_path / "course", ["ps1-ip"])
    folder = course.root / "submitted" / "s1" / "ps1-ip"
    folder.mkdir(parents=True)
    (folder / "ps1-ip.ipynb").write_text("{}", encoding="utf-8")
    before = submission_hash(course, "ps1-ip", "s1")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "ps1-ip-checkpoint.ipynb").write_text("{ }", encoding="utf-8")
    assert submission_hash(course, "ps1-ip", "s1") == before
    (folder / "ps1-ip.ipynb").write_text("{ }", encoding="utf-8")
    assert submission_hash(course, "ps1-ip", "s1") != before


def test_a_students_state_is_written_whole_and_read_back(tmp_path):
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp_path / "course", ["ps1-ip"])
    assert _read_state(course, "ps1-ip", "s1") is None
    result = StudentResult("s1", "failed", findings=[Finding("zero", "grader failed", "it died", "q1", 3)], error="it died")
    _write_state(course, "ps1-ip", result, "abc", "key")
    state = _read_state(course, "ps1-ip", "s1")
    assert state == {"student": "s1", "status": "failed", "submission_sha256": "abc", "grading_key": "key",
                     "findings": [Finding("zero", "grader failed", "it died", "q1", 3).to_dict()], "error": "it died"}
    assert state_path(course, "ps1-ip", "s1") == course.root / ".grading" / "ps1-ip" / "s1.json"
    assert [p.name for p in state_path(course, "ps1-ip", "s1").parent.iterdir()] == ["s1.json"]  # no temporary file left
    state_path(course, "ps1-ip", "s1").write_text("{not json", encoding="utf-8")
    assert _read_state(course, "ps1-ip", "s1") is None  # a damaged record means: grade again
