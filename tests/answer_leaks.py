"""What the public edition must never show, and a detector that finds it in built files.

The secrets are read from where they are kept, not from the book:

* the nbgrader source notebooks (``exercises/source/``): each solution region, each hidden-test
  region and each written answer's exemplar;
* the assignment specs: each written answer's calibration set (the sample answers and the reason
  given for each score), which never reaches a notebook;
* every page of the instructor edition (``instructor/``): teaching notes, model-answer pages, the
  negotiation's role sheets;
* the negotiation's confidential role parameters (``instructor/negotiation/roles.yml``), as the role
  sheets show them: each number may appear only on the sheets of the roles allowed to see it
  (:func:`role_values`, :func:`find_role_leaks`).

Code is matched line by line (long lines only: chapters may contain short generic code). Prose is
cut into fragments, sentences and clauses ending where MyST markup renders as something else
(citations, cross-references, maths), normalised the way a reader sees the page: HTML tags and
entities removed, and Sphinx's smartquotes (curly quotes, en and em dashes, ellipses) mapped back
to their ASCII sources, so that a sentence typed with ``"`` in a spec is found on a page that shows
“ ”. A fragment is found when any run of ``RUN`` consecutive words of it (all of it, if shorter) is
on the page, so copying half a sentence is caught too.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from partnership_grading import authoring as au

ROOT = Path(__file__).resolve().parent.parent
SOURCE_NOTEBOOKS = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb"))
INSTRUCTOR_PAGES = sorted((ROOT / "instructor").rglob("*.md"))
MIN_FRAGMENT = 50  # characters: shorter clauses ("the October 2025 agreement") are too generic to prove a leak
MIN_WORDS = 7
RUN = 14  # words: a run this long shared by an answer and a public page is a copy, not a coincidence
MIN_CODE_LINE = 45  # as tests/test_grading_leaks.py: chapters may hold short generic code
# Files of a built site a reader (or a search engine) can fetch as text.
SITE_SUFFIXES = {".html", ".txt", ".md", ".ipynb", ".json", ".js", ".py"}

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "\u00a0": " ", "\u202f": " ",
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
                         "*": None, "\\": None})


def normalise(text: str) -> str:
    """Text as a reader sees it, with smartquotes undone and whitespace collapsed.

    ``*`` and ``\\`` are dropped on both sides: in a source they are emphasis and escapes, and a
    stray literal one on a page would otherwise cut a fragment in two.
    """
    text = html.unescape(text).translate(_QUOTES).replace("…", "...")
    text = re.sub(r"-{2,}", "-", text)
    return re.sub(r"\s+", " ", text).strip()


# MyST constructs that render as other text (a citation as "(OpenAI, 2026)", maths through KaTeX):
# a fragment must not run across them.
_BOUNDARIES = re.compile(r"\{[a-z:-]+\}`[^`]*`|\$\$.*?\$\$|\$[^$]+\$|\[\^[^\]]*\]|<[^>\n]+>", flags=re.S)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def prose_fragments(markdown: str) -> set[str]:
    """Distinctive sentences and clauses of a MyST text (code cells and directive options left out)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)  # jupytext front matter
    text = re.sub(r"^```\{code-cell\}.*?^```", _figure_text, text, flags=re.S | re.M)
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.match(r"^(`{3,}|:{3,})", stripped) or re.match(r"^:[\w-]+:", stripped) or re.match(r"^\(.+\)=$", stripped):
            kept.append("")  # fences, directive options and labels end a paragraph
            continue
        # A list marker; a year that starts a wrapped line ("2025. We ...") is not one.
        stripped = re.sub(r"^(#+|>+|[-+]|\d{1,2}\.)\s+", "", stripped)
        kept.append(stripped)
    fragments = set()
    for paragraph in re.split(r"\n\s*\n", "\n".join(kept)):
        # An escaped dollar is text, not the start of maths.
        paragraph = _LINK.sub(r"\1", paragraph).replace("\\$", "\x00")
        for piece in _BOUNDARIES.split(paragraph):
            for cell in piece.replace("\x00", "$").split("|"):  # table cells are rendered apart
                for sentence in re.split(r"(?<=[.?!;:])\s+", cell):
                    fragment = normalise(sentence.replace("`", "")).strip(" .,;:")
                    if len(fragment) >= MIN_FRAGMENT and len(fragment.split()) >= MIN_WORDS:
                        fragments.add(fragment)
    return fragments


def _figure_text(match: re.Match) -> str:
    """A code cell contributes its figure's caption and alt text, which are prose of the note."""
    head = re.match(r"```\{code-cell\}[^\n]*\n---\n(.*?)\n---\n", match.group(0), flags=re.S)
    if not head:
        return "\n"
    meta = (yaml.safe_load(head.group(1)) or {}).get("mystnb", {})
    parts = [meta.get("figure", {}).get("caption", ""), meta.get("image", {}).get("alt", "")]
    return "\n\n" + "\n\n".join(p for p in parts if p) + "\n\n"


def words(text: str) -> tuple[str, ...]:
    """The words of a normalised text, lower-cased, without the punctuation around them."""
    return tuple(re.findall(r"[^\W_]+(?:[-'.,/][^\W_]+)*", text.lower()))


def runs(fragment: str) -> set[tuple[str, ...]]:
    """The runs of ``RUN`` words that identify a fragment (the whole fragment if it is shorter)."""
    w = words(fragment)
    return {w} if len(w) <= RUN else {w[k : k + RUN] for k in range(len(w) - RUN + 1)}


@dataclass
class Secrets:
    """Everything the public edition must not contain, each with where it comes from."""

    code_lines: dict[str, str] = field(default_factory=dict)  # normalised line -> origin
    prose: dict[str, str] = field(default_factory=dict)  # normalised fragment -> origin
    _runs: dict[tuple[str, ...], str] | None = None

    def origins(self) -> set[str]:
        return set(self.code_lines.values()) | set(self.prose.values())

    def prose_runs(self) -> dict[tuple[str, ...], str]:
        if self._runs is None:
            self._runs = {run: origin for fragment, origin in self.prose.items() for run in runs(fragment)}
        return self._runs


def _region(source: str, begin: str, end: str) -> list[str]:
    out, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            out.append(line)
    return out


def _public_spec_text() -> str:
    """What students are meant to read: prompts, criteria, instructions (an exemplar may quote them)."""
    parts = []
    for a in au.load_specs(ROOT / "exercises"):
        parts += [au.instructions(a), a.title, au._clean(a.summary)]
        for item in a.items:
            parts += [item.title, au._clean(item.prompt)]
            if isinstance(item, au.Written):
                parts += [f"{c.name} {c.full} {c.partial} {c.none}" for c in item.criteria]
    return normalise("\n".join(parts))


def collect_secrets() -> Secrets:
    secrets = Secrets()
    public = _public_spec_text()
    for path in SOURCE_NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        outside = set()
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            meta = cell.get("metadata", {}).get("nbgrader", {})
            origin = f"{path.parent.name}: {meta.get('grade_id', '?')}"
            solution = _region(source, au.BEGIN_SOLUTION, au.END_SOLUTION)
            hidden = _region(source, au.BEGIN_HIDDEN, au.END_HIDDEN)
            secret_lines = set(solution) | set(hidden)
            outside |= {normalise(x) for x in source.splitlines() if x not in secret_lines}
            if meta.get("solution") and cell["cell_type"] == "markdown":
                for fragment in prose_fragments(au.money_as_text("\n".join(solution))):
                    secrets.prose.setdefault(fragment, f"{origin} (exemplar)")
                continue
            for line in solution + hidden:
                key = normalise(line)
                if len(key) >= MIN_CODE_LINE:
                    secrets.code_lines.setdefault(key, f"{origin} ({'solution' if line in solution else 'hidden test'})")
        for key in [k for k, origin in secrets.code_lines.items() if k in outside and origin.startswith(path.parent.name)]:
            del secrets.code_lines[key]
    for a in au.load_specs(ROOT / "exercises"):
        for w in a.written:
            for sample in w.calibration:
                origin = f"{a.name}: {w.grade_id} ({sample.level} sample)"
                texts = [au.money_as_text(t) for t in [au._clean(sample.answer), *(s.why for s in sample.scores)]]
                for fragment in set().union(*(prose_fragments(t) for t in texts)):
                    secrets.prose.setdefault(fragment, origin)
    for page in INSTRUCTOR_PAGES:
        for fragment in prose_fragments(page.read_text(encoding="utf-8")):
            secrets.prose.setdefault(fragment, str(page.relative_to(ROOT)))
    secrets.prose = {k: v for k, v in secrets.prose.items() if k not in public}
    return secrets


def visible_text(path: Path) -> str:
    """A file's text as a reader would see it (for HTML: without tags, scripts and styles)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".html", ".htm", ".xml"):
        raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
        # Alt text and labels are read out by screen readers: they are part of what a page shows.
        spoken = re.findall(r'\b(?:alt|title|aria-label)="([^"]*)"', raw)
        raw = re.sub(r"<[^>]+>", "", raw) + "\n" + "\n".join(spoken)
    elif path.suffix == ".ipynb":
        raw = notebook_text(json.loads(raw))
    return normalise(raw)


def notebook_text(nb: dict) -> str:
    """What a notebook shows: every cell's source and every output's text and data."""
    chunks = []
    for cell in nb.get("cells", []):
        chunks.append("".join(cell.get("source", "")))
        for out in cell.get("outputs", []):
            chunks.append("".join(out.get("text", "")))
            chunks += ["".join(v) if isinstance(v, list) else str(v) for v in out.get("data", {}).values()]
    return "\n".join(chunks)


def page_runs(text: str, lengths: set[int]) -> set[tuple[str, ...]]:
    w = words(text)
    return {w[k : k + n] for n in lengths for k in range(len(w) - n + 1)}


def find_leaks(paths: list[Path], secrets: Secrets | None = None) -> list[str]:
    """Every secret code line or prose fragment found in ``paths``, with where it came from."""
    secrets = secrets or collect_secrets()
    wanted = secrets.prose_runs()
    lengths = {len(run) for run in wanted}
    leaks = []
    for path in paths:
        text = visible_text(path)
        leaks += [f"{path}: {origin}: {line[:90]!r}" for line, origin in secrets.code_lines.items() if line in text]
        found = page_runs(text, lengths) & wanted.keys()
        leaks += sorted({f"{path}: {wanted[run]}: {' '.join(run)!r}" for run in found})
    return leaks


def site_files(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*") if p.is_file() and p.suffix in SITE_SUFFIXES)


# -- the negotiation's role sheets ------------------------------------------------------------------


def role_values() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every number a role sheet shows, as shown: ``{text: (what it is, roles allowed to see it)}``."""
    from partnership import negotiation_sheets as sheets

    case = sheets.load()
    values: dict[str, tuple[str, tuple[str, ...]]] = {}
    for role in sheets.ROLES:
        for text, (what, allowed) in sheets.private_values(case, role).items():
            if text in values and set(values[text][1]) != set(allowed):
                raise AssertionError(f"{text} is shown on two roles' sheets ({values[text][0]}; {what}): give each "
                                     "role values of its own in instructor/negotiation/roles.yml")
            values[text] = (what, allowed)
    return values


def _number(text: str) -> re.Pattern:
    # Not part of a longer number: "$5.65bn" must not match inside "$15.65bn" or "$5.655bn".
    return re.compile(r"(?<![\d.,])" + re.escape(text) + r"(?![\d])")


def find_role_leaks(paths: list[Path], role: str | None = None, values: dict | None = None) -> list[str]:
    """Every role value found in ``paths`` that ``role`` may not see (``None``: a public page, which may see none)."""
    values = values if values is not None else role_values()
    plain = {text: normalise(text) for text in values}
    patterns = {text: _number(plain[text]) for text in values}
    leaks = []
    for path in paths:
        text = visible_text(path)
        for shown, (what, allowed) in values.items():
            # the substring test first: a regular expression per value and page is most of the scan's time
            if role not in allowed and plain[shown] in text and patterns[shown].search(text):
                leaks.append(f"{path}: {what}: {shown!r}")
    return leaks


def sheet_secrets(page: Path) -> Secrets:
    """The prose of one role sheet, as a detector's secrets (to look for it on another role's sheet)."""
    secrets = Secrets()
    for fragment in prose_fragments(page.read_text(encoding="utf-8")):
        secrets.prose[fragment] = str(page.relative_to(ROOT))
    return secrets
