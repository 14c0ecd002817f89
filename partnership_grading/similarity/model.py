"""What the copying report is made of: its settings, the parts students answer, the pairs found, per-part counts.

And where parts and answers come from in a notebook: :func:`parts_of` reads a release (each part
with the release's own text, which never counts), :func:`answers_of` a student's notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nbformat

from ..cells import nbgrader_meta

CODE_METHOD = "winnowing"
TEXT_METHOD = "tfidf-cosine"


@dataclass(frozen=True)
class Settings:
    """The report's thresholds and parameters (the instructor guide explains each default).

    ``code_threshold``: share of the smaller answer's fingerprints found in the other (0–1);
    ``text_threshold``: TF-IDF cosine (0–1); ``k``: tokens per k-gram; ``window``: hashes per
    winnowing window (two answers sharing ``k + window - 1`` tokens in a row always share a
    fingerprint); ``min_tokens`` / ``min_words``: an answer with fewer tokens of code (or words,
    stop words left out) of its own is too short to compare; ``common_fraction`` and
    ``common_min``: a fingerprint found in more than that share of the class's answers to a part,
    and in more than ``common_min`` of them, is the class's common idiom and is ignored.
    """

    code_threshold: float = 0.7
    text_threshold: float = 0.5
    k: int = 5
    window: int = 4
    min_tokens: int = 15
    min_words: int = 12
    common_fraction: float = 0.5
    common_min: int = 5

    def __post_init__(self) -> None:
        for name in ("code_threshold", "text_threshold", "common_fraction"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}.")
        for name in ("k", "window", "min_tokens", "min_words", "common_min"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}.")


@dataclass(frozen=True)
class Part:
    """A part students answer: its notebook, grade id, kind (``code`` or ``written``) and the release's text."""

    notebook: str
    grade_id: str
    kind: str
    released: str  # the answer cell as released (stub and any starter code)
    prompt: str = ""  # the prompt above it in the release


@dataclass(frozen=True)
class Pair:
    """Two students whose answers to one part look alike."""

    student_a: str
    student_b: str
    part: Part
    method: str
    score: float
    evidence: str
    text_a: str
    text_b: str
    marks_a: frozenset = frozenset()  # lines (code) or lower-case words (written) to highlight
    marks_b: frozenset = frozenset()

    def row(self) -> dict[str, str]:
        return {"student_a": self.student_a, "student_b": self.student_b, "part": self.part.grade_id,
                "method": self.method, "score": f"{self.score:.3f}", "evidence": self.evidence}


@dataclass
class PartStats:
    """How many answers to a part were compared, and why the others were not."""

    part: Part
    compared: int = 0
    blank: list[str] = field(default_factory=list)  # left as released
    short: list[str] = field(default_factory=list)  # too short to compare
    missing: list[str] = field(default_factory=list)  # no such cell in the submission


@dataclass
class Report:
    assignment: str
    settings: Settings
    students: list[str]
    pairs: list[Pair]
    parts: list[PartStats]
    notes: list[str]  # submissions or answers that were skipped, and why


def _meta(cell) -> dict:
    return nbgrader_meta(cell) or {}  # a handed-in notebook's metadata can hold anything


def parts_of(release: nbformat.NotebookNode, notebook: str) -> list[Part]:
    """The parts of a released notebook students answer, each with the release's own text for it.

    The prompt is the cell ``<grade_id>_prompt`` (the course's layout) or else the nearest markdown
    cell above the answer that students cannot edit.
    """
    cells = release.cells
    by_id = {_meta(c).get("grade_id"): c for c in cells if _meta(c).get("grade_id")}
    parts = []
    for index, cell in enumerate(cells):
        meta = _meta(cell)
        if not meta.get("solution") or not meta.get("grade_id"):
            continue
        gid = meta["grade_id"]
        prompt_cell = by_id.get(f"{gid}_prompt")
        if prompt_cell is None:
            prompt_cell = next((c for c in reversed(cells[:index]) if c.cell_type == "markdown" and not _meta(c).get("solution")), None)
        kind = "code" if cell.cell_type == "code" else "written"
        parts.append(Part(notebook, gid, kind, cell.source, prompt_cell.source if prompt_cell is not None else ""))
    return parts


def answers_of(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Grade id -> the student's text of each answer cell (the first cell with that id)."""
    out: dict[str, str] = {}
    for cell in nb.get("cells", []):
        gid = _meta(cell).get("grade_id")
        if gid and gid not in out and isinstance(cell.get("source"), str):
            out[gid] = cell.source
    return out


def _is_blank(text: str, part: Part) -> bool:
    return " ".join(text.split()) == " ".join(part.released.split()) or not text.strip()
