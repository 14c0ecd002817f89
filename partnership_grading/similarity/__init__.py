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

from .model import CODE_METHOD, TEXT_METHOD, Pair, Part, PartStats, Report, Settings, answers_of, parts_of
from .render import CSV_COLUMNS, render_html, render_text, write_reports
from .tfidf import strip_release_text, text_pairs
from .whole_class import compare, load_course, similarity_report
from .winnowing import code_pairs

__all__ = [
    "CODE_METHOD", "CSV_COLUMNS", "TEXT_METHOD",
    "Settings", "Part", "Pair", "PartStats", "Report", "parts_of", "answers_of", "code_pairs", "text_pairs",
    "strip_release_text", "compare", "load_course", "similarity_report", "write_reports", "render_text", "render_html",
]
