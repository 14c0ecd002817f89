"""The copying report: every pair of submissions compared part by part, and the pairs that look copied.

For each part a student answers (a cell with nbgrader's ``solution`` flag, keyed by its ``grade_id``):

- **code answers** are normalised by Python's tokenizer (names become ``ID``, numbers and strings
  ``LIT``, comments and layout dropped) and fingerprinted by winnowing, as MOSS does
  (:mod:`partnership_grading.fingerprints`). A pair's score is the share of fingerprints they have in
  common, out of the smaller answer's fingerprints (so a copy padded with extra lines still scores
  high): renaming variables, changing numbers or reformatting leaves it unchanged;
- **written answers** are compared by the cosine of their TF-IDF vectors (scikit-learn's
  ``TfidfVectorizer``: words and two-word phrases, English stop words left out), which a light
  rewording lowers only a little.

The release's own text never counts: for each part, the cell as released (its stub, any starter
code) and its prompt. Code fingerprints found in that text are dropped, so are the words and
phrases of that text from the written answers' vectors, and sentences a student pasted from it are
taken out first. So are code fingerprints that most of the class shares (the idiom everybody writes),
and answers too short to tell copying from the one obvious solution are not compared at all: they
are counted in the report instead.

:func:`similarity_report` reads ``release/<a>/`` and ``submitted/<student>/<a>/`` of a course; a
file that is not a readable notebook is skipped with a note, never a crash. :func:`write_reports`
writes ``reports/<a>/similarity.csv`` (one row per pair above its threshold) and
``similarity.html`` (each pair side by side, the shared lines or words marked; self-contained: no
script, no network). A high score is a reason to look, not a finding of misconduct.
"""

from __future__ import annotations

import csv
import html
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .fingerprints import kgram_hashes, normalise, winnow

CODE_METHOD = "winnowing"
TEXT_METHOD = "tfidf-cosine"
CSV_COLUMNS = ["student_a", "student_b", "part", "method", "score", "evidence"]


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


# ---------------------------------------------------------------------------------------------
# Parts and answers


def _meta(cell) -> dict:
    return (cell.get("metadata") or {}).get("nbgrader") or {}


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


# ---------------------------------------------------------------------------------------------
# Code: winnowing


@dataclass(frozen=True)
class _CodePrint:
    hashes: frozenset
    lines: Mapping  # hash -> the lines its k-gram spans
    own_tokens: int


def _code_print(text: str, released: str, settings: Settings, release_hashes: frozenset) -> _CodePrint:
    release_lines = {line.strip() for line in released.splitlines() if line.strip()}
    norm = normalise(text)
    # The lines the student wrote (not a line of the release left as it was), and the tokens on them.
    own_lines = {n for n, line in enumerate(text.splitlines(), start=1) if line.strip() and line.strip() not in release_lines}
    own = sum(1 for t in norm.tokens if t.line in own_lines)
    lines: dict[int, set[int]] = defaultdict(set)  # hash -> the student's own lines its k-gram spans (for marking)
    for fp in winnow(norm.tokens, settings.k, settings.window, exclude=release_hashes):
        lines[fp.hash].update(n for n in range(fp.first_line, fp.last_line + 1) if n in own_lines)
    return _CodePrint(frozenset(lines), {h: frozenset(v) for h, v in lines.items()}, own)


def _is_blank(text: str, part: Part) -> bool:
    return " ".join(text.split()) == " ".join(part.released.split()) or not text.strip()


def code_pairs(part: Part, answers: Mapping[str, str], settings: Settings = Settings()) -> tuple[list[Pair], PartStats]:
    """Pairs of code answers to ``part`` whose shared fingerprints reach ``settings.code_threshold``."""
    stats = PartStats(part)
    release_hashes = frozenset(kgram_hashes(normalise(part.released).tokens, settings.k))  # every k-gram, not only its fingerprints
    prints: dict[str, _CodePrint] = {}
    for student in sorted(answers):
        text = answers[student]
        if _is_blank(text, part):
            stats.blank.append(student)
            continue
        cp = _code_print(text, part.released, settings, release_hashes)
        if cp.own_tokens < settings.min_tokens or not cp.hashes:
            stats.short.append(student)
            continue
        prints[student] = cp
    stats.compared = len(prints)
    # MOSS's rule for shared idioms: a fingerprint that most of the class has says nothing about copying.
    counts = Counter(h for cp in prints.values() for h in cp.hashes)
    limit = max(settings.common_min, settings.common_fraction * len(prints))
    common = {h for h, n in counts.items() if n > limit}
    kept = {s: cp.hashes - common for s, cp in prints.items()}
    owners: dict[int, list[str]] = defaultdict(list)
    for student, hashes in kept.items():
        for h in hashes:
            owners[h].append(student)
    candidates = {tuple(sorted(pair)) for students in owners.values() for pair in itertools.combinations(students, 2)}
    pairs = []
    for a, b in sorted(candidates):
        shared = kept[a] & kept[b]
        smaller = min(len(kept[a]), len(kept[b]))
        if not smaller:
            continue
        score = len(shared) / smaller
        if score + 1e-12 < settings.code_threshold:
            continue
        marks_a = frozenset(line for h in shared for line in prints[a].lines[h])
        marks_b = frozenset(line for h in shared for line in prints[b].lines[h])
        evidence = f"{len(shared)} of {smaller} fingerprints shared ({len(kept[a])} and {len(kept[b])})"
        pairs.append(Pair(a, b, part, CODE_METHOD, score, evidence, answers[a], answers[b], marks_a, marks_b))
    return pairs, stats


# ---------------------------------------------------------------------------------------------
# Written answers: TF-IDF cosine

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"\w+", re.UNICODE)


def _sentence_key(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower()))


def strip_release_text(text: str, part: Part) -> str:
    """The answer without the sentences (or lines) it repeats from the release's prompt or stub."""
    release = {_sentence_key(s) for s in _SENTENCE_END.split(part.prompt + "\n" + part.released)}
    release.discard("")
    kept = [s for s in _SENTENCE_END.split(text) if _sentence_key(s) not in release]
    return " ".join(s for s in kept if s.strip())


def text_pairs(part: Part, answers: Mapping[str, str], settings: Settings = Settings()) -> tuple[list[Pair], PartStats]:
    """Pairs of written answers to ``part`` whose TF-IDF cosine reaches ``settings.text_threshold``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    stats = PartStats(part)
    vectoriser = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    analyse = vectoriser.build_analyzer()
    release_terms = set(analyse(part.prompt + "\n" + part.released))
    texts: dict[str, str] = {}
    for student in sorted(answers):
        text = answers[student]
        if _is_blank(text, part):
            stats.blank.append(student)
            continue
        own = strip_release_text(text, part)
        words = [t for t in analyse(own) if " " not in t and t not in release_terms]
        if len(words) < settings.min_words:
            stats.short.append(student)
            continue
        texts[student] = own
    stats.compared = len(texts)
    if len(texts) < 2:
        return [], stats
    students = list(texts)
    matrix = vectoriser.fit_transform([texts[s] for s in students])
    terms = vectoriser.get_feature_names_out()
    keep = [i for i, t in enumerate(terms) if t not in release_terms]  # the release's words never count
    matrix = normalize(matrix[:, keep])
    terms = terms[keep]
    cosine = (matrix @ matrix.T).toarray()
    pairs = []
    for i, j in itertools.combinations(range(len(students)), 2):
        score = float(cosine[i, j])
        if score + 1e-12 < settings.text_threshold:
            continue
        row_i, row_j = matrix[i].toarray().ravel(), matrix[j].toarray().ravel()
        shared = [(row_i[n] * row_j[n], terms[n]) for n in range(len(terms)) if row_i[n] and row_j[n]]
        top = [t for _, t in sorted(shared, key=lambda x: (-x[0], x[1]))[:8]]
        marked = frozenset(w for _, t in shared for w in t.split())
        a, b = students[i], students[j]
        evidence = f"{len(shared)} shared terms, e.g. " + ", ".join(top)
        pairs.append(Pair(a, b, part, TEXT_METHOD, score, evidence, answers[a], answers[b], marked, marked))
    return pairs, stats


# ---------------------------------------------------------------------------------------------
# A whole class


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
    from .integrity import read_problem

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


# ---------------------------------------------------------------------------------------------
# The report's files


def write_reports(report: Report, out_dir: Path) -> dict[str, Path]:
    """Write ``similarity.csv`` and ``similarity.html`` into ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"similarity.csv": out_dir / "similarity.csv", "similarity.html": out_dir / "similarity.html"}
    with paths["similarity.csv"].open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(pair.row() for pair in report.pairs)
    paths["similarity.html"].write_text(render_html(report), encoding="utf-8")
    return paths


def render_text(report: Report) -> str:
    """The report as a few lines for the terminal."""
    lines = [f"Similarity report for {report.assignment}: {len(report.students)} submission(s), {len(report.pairs)} pair(s) to look at"]
    for p in report.pairs:
        lines.append(f"  {p.score:.2f}  {p.part.grade_id:<24} {p.method:<13} {p.student_a} ~ {p.student_b}  ({p.evidence})")
    for s in report.parts:
        if s.short:
            lines.append(f"  {s.part.grade_id}: {len(s.short)} answer(s) too short to compare")
    lines += [f"  note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#1b1b1b;background:#fff;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:0 0 .5rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}
section.pair{border:1px solid #999;border-radius:4px;padding:.75rem;margin:1rem 0}
.side{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}
.side>div{min-width:0}.side h4{margin:.25rem 0;font-size:.95rem}
pre,.text{background:#f6f6f6;border:1px solid #ccc;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word;margin:0}
pre{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem}
mark{background:#ffe08a;color:#000}.line{display:block}
.note{color:#444}
@media (max-width:50rem){.side{grid-template-columns:1fr}}
@media (prefers-color-scheme:dark){body{background:#161616;color:#e8e8e8}th{background:#2a2a2a}pre,.text{background:#222;border-color:#444}mark{background:#8a6d00;color:#fff}.note{color:#bbb}}
"""


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _code_html(text: str, marks: frozenset) -> str:
    rows = []
    for n, line in enumerate(text.splitlines() or [""], start=1):
        body = _e(line) or " "
        rows.append(f'<span class="line">{"<mark>" + body + "</mark>" if n in marks else body}</span>')
    return "<pre>" + "".join(rows) + "</pre>"


def _text_html(text: str, marks: frozenset) -> str:
    out, last = [], 0
    for m in _WORD.finditer(text):
        out.append(_e(text[last:m.start()]))
        word = _e(m.group())
        out.append(f"<mark>{word}</mark>" if m.group().lower() in marks else word)
        last = m.end()
    out.append(_e(text[last:]))
    return '<div class="text">' + "".join(out) + "</div>"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page: escaped text, inline CSS, no script, no link out."""
    s = report.settings
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Similarity report: {_e(report.assignment)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        f"<h1>Similarity report: {_e(report.assignment)}</h1>",
        f"<p>{len(report.students)} submission(s), every pair compared part by part. "
        f"{len(report.pairs)} pair(s) reach a threshold. A high score is a reason to read both answers, "
        "not a finding: students who worked from the same lecture notes can write alike.</p>",
        "<p class=\"note\">Code: winnowing fingerprints of the tokens with names, numbers and strings "
        f"made alike and comments and layout dropped (k = {s.k} tokens, window {s.window}); reported at "
        f"{s.code_threshold:.2f} or more of the smaller answer's fingerprints shared. Written answers: TF-IDF "
        f"cosine of words and two-word phrases, reported at {s.text_threshold:.2f} or more. The release's own "
        f"text (the stub, starter code and prompt) never counts; answers with fewer than {s.min_tokens} tokens "
        f"of their own code or {s.min_words} words of their own are not compared.</p>",
        "<h2>Pairs</h2>",
    ]
    if report.pairs:
        out.append("<table><thead><tr><th>#</th><th>Score</th><th>Part</th><th>Method</th><th>Students</th><th>Evidence</th></tr></thead><tbody>")
        for n, p in enumerate(report.pairs, start=1):
            out.append(f'<tr><td class="num"><a href="#pair-{n}">{n}</a></td><td class="num">{p.score:.2f}</td>'
                       f"<td>{_e(p.part.grade_id)}</td><td>{_e(p.method)}</td><td>{_e(p.student_a)} and {_e(p.student_b)}</td>"
                       f"<td>{_e(p.evidence)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append("<p>No pair reaches a threshold.</p>")
    for n, p in enumerate(report.pairs, start=1):
        show = _code_html if p.method == CODE_METHOD else _text_html
        out += [
            f'<section class="pair" id="pair-{n}">',
            f"<h3>{n}. {_e(p.part.grade_id)}: {_e(p.student_a)} and {_e(p.student_b)}, {p.score:.2f} ({_e(p.method)})</h3>",
            f'<p class="note">{_e(p.evidence)}. Marked: the {"lines" if p.method == CODE_METHOD else "words"} the two share.</p>',
            '<div class="side">',
            f"<div><h4>{_e(p.student_a)}</h4>{show(p.text_a, p.marks_a)}</div>",
            f"<div><h4>{_e(p.student_b)}</h4>{show(p.text_b, p.marks_b)}</div>",
            "</div>", "</section>",
        ]
    out += ["<h2>Parts compared</h2>",
            "<table><thead><tr><th>Part</th><th>Kind</th><th>Compared</th><th>Left as released</th><th>Too short</th><th>No such cell</th></tr></thead><tbody>"]
    for st in report.parts:
        out.append(f"<tr><td>{_e(st.part.grade_id)}</td><td>{_e(st.part.kind)}</td><td class=\"num\">{st.compared}</td>"
                   f"<td class=\"num\">{len(st.blank)}</td><td class=\"num\">{len(st.short)}</td><td class=\"num\">{len(st.missing)}</td></tr>")
    out.append("</tbody></table>")
    out.append("<h2>Skipped</h2>")
    if report.notes:
        out.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "</ul>")
    else:
        out.append("<p>Nothing: every submission could be read.</p>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


__all__ = [
    "Settings", "Part", "Pair", "PartStats", "Report", "parts_of", "answers_of", "code_pairs", "text_pairs",
    "strip_release_text", "compare", "load_course", "similarity_report", "write_reports", "render_text", "render_html",
]
