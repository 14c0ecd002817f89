"""The report's files: ``similarity.csv`` (one row per pair) and ``similarity.html`` (each pair side by side), and a terminal summary.

The page is self-contained: escaped text, inline CSS, no script, no link out.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from .model import CODE_METHOD, Report
from .tfidf import _WORD

CSV_COLUMNS = ["student_a", "student_b", "part", "method", "score", "evidence"]


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
