"""Two editions from one source.

The public site holds no answer: no solution, exemplar, calibration answer or teaching-note text
reaches any of its files. The instructor edition is the public book plus a teaching note per class
and the model answers, built apart (its own toc, cache and Sphinx environment) into
_build/instructor/html. The fast tests check the sources; the slow ones build both editions.
"""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from docutils.utils.smartquotes import smartyPants

from partnership_book.contents import (
    CLASSES,
    NEGOTIATION_PAGES,
    ROLE_SHEETS,
    admonition_items,
    before_class_questions,
    discussion_questions,
    teaching_note,
    toc_files,
)
from partnership_grading import authoring as au

from .answer_leaks import (
    RUN,
    collect_secrets,
    find_leaks,
    find_role_leaks,
    normalise,
    page_runs,
    prose_fragments,
    role_values,
    runs,
    sheet_secrets,
    site_files,
    visible_text,
    words,
)

ROOT = Path(__file__).resolve().parent.parent
SPECS = au.load_specs(ROOT / "exercises")
WRITTEN = [(a, w) for a in SPECS for w in a.written]
SECTIONS = ["Objectives", "Before class", "The 80-minute plan", "Opening question", "Discussion blocks",
            "Board plan", "Decision point", "Wrap-up"]
BLOCK_LABELS = ("**The question.**", "**What students typically say.**", "**Where the model comes in.**")
ANSWER = re.compile(r"^```\{discussion-answer\}[ \t]+(\S+)[ \t]+(\S+)[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
SECRETS = collect_secrets()


def note(name: str) -> str:
    return (ROOT / f"{teaching_note(name)}.md").read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    """The note's level-2 sections by title, in order."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def plan_rows(text: str) -> list[list[str]]:
    rows = [line for line in sections(text)["The 80-minute plan"].splitlines() if line.startswith("|")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]  # without header and rule


# -- the tables of contents -------------------------------------------------------------------


def test_the_public_toc_has_no_instructor_page():
    assert [f for f in toc_files() if f.startswith("instructor/")] == []
    assert "instructor/" not in (ROOT / "_toc.yml").read_text(encoding="utf-8")


def test_the_instructor_toc_is_the_public_book_plus_its_own_pages():
    public, instructor = toc_files(), toc_files(edition="instructor")
    assert instructor[: len(public)] == public, "everything the public site has, in the same order"
    extra = instructor[len(public) :]
    assert all(f.startswith("instructor/") for f in extra)
    assert {teaching_note(c) for c in CLASSES} | {"instructor/index", "instructor/answers", *NEGOTIATION_PAGES} == set(extra)
    assert all((ROOT / f"{f}.md").is_file() for f in extra)


def test_no_public_page_includes_or_links_an_instructor_page():
    pages = [*(ROOT / "chapters").glob("*.md"), *(ROOT / "exercises").glob("*.md")]
    assert {f"{f}.md" for f in toc_files()} <= {p.relative_to(ROOT).as_posix() for p in pages}, "every public page is read"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\{(include|literalinclude)\}[^\n]*(instructor/|answers\.md)", text), page
        assert not re.search(r"\{(ref|doc|numref)\}`[^`]*(teaching-|instructor-answers|instructor-edition`|instructor/)", text), page


# -- teaching notes ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CLASSES)
def test_every_class_has_a_teaching_note_with_every_section_in_order(name):
    text = note(name)
    assert re.search(rf"^\(teaching-{name}\)=$", text, flags=re.M), "a label for cross-references"
    assert list(sections(text)) == SECTIONS
    for title, body in sections(text).items():
        assert len(body.split()) >= 40, f"section {title!r} is a stub"


@pytest.mark.parametrize("name", CLASSES)
def test_each_plan_adds_up_to_80_minutes(name):
    rows = plan_rows(note(name))
    *segments, total = rows
    minutes = [int(row[0]) for row in segments]
    assert all(m > 0 for m in minutes) and sum(minutes) == 80
    assert total[0] == "**80**" and "Total" in total[1]
    blocks = re.findall(r"^### (Block \d+):", note(name), flags=re.M)
    planned = [re.match(r"(Block \d+):", row[1]).group(1) for row in segments if row[1].startswith("Block")]
    assert planned == blocks and len(blocks) >= 2, "one plan row per discussion block, in order"
    assert [row[1] for row in segments][0] == "Opening question" and "Decision point" in [row[1] for row in segments]


@pytest.mark.parametrize("name", CLASSES)
def test_every_discussion_question_has_one_expected_answer(name):
    questions = discussion_questions(name)
    answers = ANSWER.findall(note(name))
    assert {chapter for chapter, _, _ in answers} == {name}
    assert sorted(int(n) for _, n, _ in answers) == list(range(1, len(questions) + 1))
    for _, n, body in answers:
        assert len(body.split()) >= 60, f"question {n}: an expected answer, not a hint"


def test_the_notes_answer_every_discussion_question_of_the_course():
    asked = sum(len(discussion_questions(c)) for c in CLASSES)
    answered = sum(len(ANSWER.findall(note(c))) for c in CLASSES)
    assert answered == asked and asked >= 27  # 27 when the instructor edition was written


@pytest.mark.parametrize("name", CLASSES)
def test_every_discussion_block_has_its_question_typical_answers_and_model(name):
    blocks = re.split(r"^### ", sections(note(name))["Discussion blocks"], flags=re.M)[1:]
    assert blocks
    for block in blocks:
        title = block.splitlines()[0]
        assert all(label in block for label in BLOCK_LABELS), title
        assert ANSWER.search(block), f"{title}: no expected answer to a chapter question"


@pytest.mark.parametrize("name", CLASSES)
def test_the_pre_class_questions_are_in_the_public_chapter_and_the_note(name):
    assert 2 <= len(before_class_questions(name)) <= 3
    assert re.search(rf"^```\{{before-class\}} {name}$", sections(note(name))["Before class"], flags=re.M)


@pytest.mark.parametrize("name", CLASSES)
def test_the_board_plan_is_drawn_at_build_time_with_alt_text(name):
    board = sections(note(name))["Board plan"]
    assert "```{code-cell}" in board and "board_plan(" in board
    alt = re.search(r"^  image:\n    alt: \|\n((?:      .*\n)+)", board, flags=re.M)
    assert alt and len(alt.group(1).split()) >= 40


@pytest.mark.parametrize("name", CLASSES)
def test_the_decision_point_is_a_dated_choice(name):
    decision = sections(note(name))["Decision point"]
    assert re.search(r"\*\*It is [^*]*\b20\d\d\b[^*]*\*\*", decision), "a date and a role, in bold"
    assert decision.count("**") >= 6, "the options, in bold"
    assert "{cite:p}" in decision, "the reveal is cited"


def test_question_blocks_are_read_strictly():
    text = ":::{admonition} Discussion\n:class: note\n\n1. One?\n   More.\n2. Two?\n:::\n"
    assert admonition_items(text, "Discussion") == ["One?\nMore.", "Two?"]
    for bad in ["no block", text + text, text.replace("2. Two?", "3. Two?"), text.replace("\n:::\n", "\n")]:
        with pytest.raises(ValueError):
            admonition_items(bad, "Discussion")


# -- calibration sets -------------------------------------------------------------------------


@pytest.mark.parametrize("a, w", WRITTEN, ids=[w.grade_id for _, w in WRITTEN])
def test_every_written_question_has_a_strong_a_middling_and_a_weak_answer(a, w):
    assert [s.level for s in w.calibration] == ["strong", "middling", "weak"]
    points = {c.name: c.points for c in w.criteria}
    for sample in w.calibration:
        assert [s.criterion for s in sample.scores] == list(points)
        assert all(0 <= s.points <= points[s.criterion] and s.why.strip() for s in sample.scores)
        assert len(au._clean(sample.answer).split()) >= 30
    strong, middling, weak = (s.total for s in w.calibration)
    assert w.points >= strong > middling > weak >= 0
    au.check_calibration(w)


def test_the_calibration_check_refuses_a_set_that_calibrates_nothing():
    w = WRITTEN[0][1]
    strong, middling, weak = w.calibration

    def with_score(sample, k, points):
        scores = list(sample.scores)
        scores[k] = dataclasses.replace(scores[k], points=points)
        return dataclasses.replace(sample, scores=tuple(scores))

    broken = [
        (middling, strong, weak),  # not ordered
        (strong, middling),  # a level missing
        (with_score(strong, 0, w.criteria[0].points + 1), middling, weak),  # above the criterion's points
        (with_score(strong, 0, 0.25), middling, weak),  # not a half point
        (dataclasses.replace(strong, scores=strong.scores[1:]), middling, weak),  # a criterion not scored
        (dataclasses.replace(strong, answer=w.exemplar), middling, weak),  # the exemplar again
        (strong, with_score(middling, 0, 0), with_score(weak, 0, 2)),  # totals cross
    ]
    for calibration in broken:
        with pytest.raises(ValueError):
            au.check_calibration(dataclasses.replace(w, calibration=calibration))


def test_the_model_answers_page_is_generated_and_not_public():
    generated = (ROOT / "exercises" / "answers.md").read_text(encoding="utf-8")
    assert generated == au.answers_markdown(SPECS), "make exercises regenerates it (make exercises-check verifies)"
    assert "{include} ../exercises/answers.md" in (ROOT / "instructor" / "answers.md").read_text(encoding="utf-8")
    public = (ROOT / "exercises" / "rubrics.md").read_text(encoding="utf-8")
    assert "Exemplar" not in public and "sample answer" not in public
    for _, w in WRITTEN:
        assert generated.count(f"cell `{w.grade_id}`") == 1 and f"cell `{w.grade_id}`" in public


# -- the leak detector ------------------------------------------------------------------------


def test_the_secret_inventory_holds_every_kind_of_answer():
    origins = list(SECRETS.prose.values())
    for a, w in WRITTEN:
        assert sum(o == f"{a.name}: {w.grade_id} (exemplar)" for o in origins) >= 4
        for level in au.LEVELS:
            assert sum(o == f"{a.name}: {w.grade_id} ({level} sample)" for o in origins) >= 3
    for page in (ROOT / "instructor").rglob("*.md"):
        assert sum(o == str(page.relative_to(ROOT)) for o in origins) >= 5, page
    code = set(SECRETS.code_lines.values())
    assert {o.split(":")[0] for o in code} == {a.name for a in SPECS}
    assert any("hidden test" in o for o in code) and any("(solution)" in o for o in code)


def _as_sphinx_renders(sentence: str) -> str:
    """A sentence as it reaches a page: smartquotes (docutils' own), HTML escaping, a wrapped line."""
    words = html.escape(smartyPants(sentence, "qDe"), quote=False).split()
    middle = len(words) // 2
    return "<p>" + " ".join(words[:middle]) + "\n<em>" + words[middle] + "</em> " + " ".join(words[middle + 1 :]) + "</p>"


def _pick(origin_part: str, needs_quote: bool = False) -> str:
    for fragment, origin in sorted(SECRETS.prose.items()):
        if origin_part in origin and (not needs_quote or re.search(r"[\"']", fragment)):
            return fragment
    raise AssertionError(f"no secret from {origin_part!r}")


@pytest.mark.parametrize(
    "origin, needs_quote",
    [("(exemplar)", True), ("(strong sample)", True), ("(weak sample)", False),
     ("teaching-notes/ip.md", True), ("teaching-notes/epilogue.md", False), ("instructor/answers.md", False)],
)
def test_the_detector_finds_a_planted_answer_rendered_with_smartquotes(tmp_path, origin, needs_quote):
    fragment = _pick(origin, needs_quote)
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><main>{_as_sphinx_renders(fragment + '.')}</main></body></html>", encoding="utf-8")
    leaks = find_leaks([page], SECRETS)
    assert leaks and any(origin in leak for leak in leaks)
    if needs_quote:
        assert re.search(r"[“”‘’]", page.read_text(encoding="utf-8")), "the plant really has typographic quotes"


def test_the_detector_finds_half_a_copied_sentence(tmp_path):
    fragment = next(f for f, o in sorted(SECRETS.prose.items()) if "(exemplar)" in o and len(words(f)) >= RUN + 6)
    half = " ".join(fragment.split()[: RUN + 2])
    page = tmp_path / "page.html"
    page.write_text(_as_sphinx_renders(half), encoding="utf-8")
    assert find_leaks([page], SECRETS)


def test_the_detector_finds_a_planted_hidden_test(tmp_path):
    line = next(k for k, o in SECRETS.code_lines.items() if "hidden test" in o)
    page = tmp_path / "page.html"
    page.write_text(f"<pre>{html.escape(line)}</pre>", encoding="utf-8")
    assert find_leaks([page], SECRETS)


def test_the_detector_passes_what_students_may_read(tmp_path):
    page = tmp_path / "rubrics.html"
    text = (ROOT / "exercises" / "rubrics.md").read_text(encoding="utf-8")
    # a paragraph at a time: docutils' SmartyPants takes quadratic time on one long run of text without tags
    paragraphs = [smartyPants(p, "qDe") for p in text.split("\n\n")]
    page.write_text("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs), encoding="utf-8")
    assert find_leaks([page], SECRETS) == []


def test_fragments_follow_the_markup_and_typography():
    fragments = prose_fragments('He said "A owns" -- so {cite:p}`key` OpenAI\'s research matters more than the compute of its partner.')
    assert fragments == {"OpenAI's research matters more than the compute of its partner"}, "cut at the citation"
    assert normalise("“A owns” – it’s… \\$1") == normalise('"A owns" -- it\'s... $1') == "\"A owns\" - it's... $1"


def test_no_public_source_holds_an_answer():
    """The pages the public build reads, before any build: chapters, the fragments they include, the bibliography."""
    sources = [*(ROOT / "chapters").glob("*.md"), *(ROOT / "exercises" / n for n in ("rubrics.md", "catalogue.md", "points.md")),
               ROOT / "references.bib", ROOT / "_toc.yml", ROOT / "_config.yml"]
    assert find_leaks(sources, SECRETS) == []


# -- the negotiation's role sheets ------------------------------------------------------------

ROLE_VALUES = role_values()
SHEET_SOURCES = {role: ROOT / f"{page}.md" for role, page in ROLE_SHEETS.items()}
PUBLIC_SOURCES = [*(ROOT / "chapters").glob("*.md"), *(ROOT / "exercises" / n for n in ("rubrics.md", "catalogue.md", "points.md")),
                  ROOT / "references.bib", ROOT / "_toc.yml", ROOT / "_config.yml"]


def test_every_role_parameter_is_in_the_inventory():
    from partnership import negotiation_sheets as sheets

    case = sheets.load()
    for role in sheets.ROLES:
        shown = [v.removesuffix(" a year") for k, _, v in sheets.parameter_rows(case, role) if k != "agi_never"]
        assert set(shown) <= set(ROLE_VALUES), role
        assert sum(role in allowed for _, allowed in ROLE_VALUES.values()) >= len(shown)
    assert any(text.startswith("nego1-") for text in ROLE_VALUES), "the calculator codes too"
    assert {a for _, a in ROLE_VALUES.values()} >= {("microsoft",), ("openai",), ("rival",), ("openai", "rival")}


def test_no_public_source_or_module_shows_a_role_parameter():
    """The pages the public build reads, the package that ships in the student kit, and the grading
    engine (a class on the hub can read it)."""
    modules = sorted((ROOT / "partnership").rglob("*.py")) + sorted((ROOT / "partnership_grading").rglob("*.py"))
    assert find_role_leaks(PUBLIC_SOURCES + modules) == []


def test_each_role_sheet_shows_its_own_numbers_only_through_the_roles_file():
    for role, page in SHEET_SOURCES.items():
        assert find_role_leaks([page], role=None) == [], "numbers come from roles.yml, never typed into a sheet"


@pytest.mark.parametrize("role", list(SHEET_SOURCES))
def test_no_role_sheet_holds_another_roles_prose(role):
    others = [page for other, page in SHEET_SOURCES.items() if other != role]
    for other in others:
        assert find_leaks([SHEET_SOURCES[role]], sheet_secrets(other)) == []
    assert len(sheet_secrets(SHEET_SOURCES[role]).prose) >= 10, "a sheet of its own, not a stub"


def test_the_role_detector_finds_a_planted_number(tmp_path):
    text, (what, allowed) = next((t, v) for t, v in sorted(ROLE_VALUES.items()) if v[1] == ("microsoft",))
    page = tmp_path / "page.html"
    page.write_text(f"<p>Microsoft expects <strong>{html.escape(text)}</strong>.</p>", encoding="utf-8")
    assert find_role_leaks([page]) and find_role_leaks([page], role="openai")
    assert find_role_leaks([page], role="microsoft") == []
    page.write_text(f"<p>{html.escape('1' + text.lstrip('$') if text[0].isdigit() else text.replace('$', '$1'))}</p>",
                    encoding="utf-8")
    assert find_role_leaks([page]) == [], "a longer number is not the parameter"


# -- the builds -------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_instructor_build_has_no_warnings(built_instructor_book):
    warnings = [line for line in built_instructor_book.log.splitlines() if re.search(r": (WARNING|ERROR|CRITICAL):", line)]
    assert warnings == []
    assert "build succeeded" in built_instructor_book.log
    assert built_instructor_book.html == ROOT / "_build" / "instructor" / "html"


@pytest.mark.slow
@pytest.mark.parametrize("entry", toc_files(edition="instructor"))
def test_every_instructor_toc_entry_has_a_page(built_instructor_book, entry):
    assert (built_instructor_book.html / f"{entry}.html").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("name", CLASSES)
def test_each_note_renders_its_sections_questions_and_board_plan(built_instructor_book, name):
    page = built_instructor_book.html / f"{teaching_note(name)}.html"
    raw = page.read_text(encoding="utf-8")
    text = visible_text(page)
    for title in SECTIONS:
        assert normalise(title) in text
    assert raw.count('class="teaching-answer admonition"') == len(discussion_questions(name))
    for n, question in enumerate(discussion_questions(name), start=1):
        assert f'id="teaching-{name}-q{n}"' in raw
        # Its longest stretch of plain prose (roles and maths render as other text).
        quoted = max([*prose_fragments(question), normalise(re.split(r"[{$]", question)[0])], key=len)
        assert len(quoted) >= 30 and quoted in text, f"question {n} is quoted from the chapter"
    for question in before_class_questions(name):
        assert normalise(question.split("{")[0].split("*")[0])[:30] in text
    images = [tag for tag in re.findall(r"<img [^>]*>", raw) if "_images/" in tag]
    assert len(images) == 1, "one board plan"
    assert len(re.search(r'alt="([^"]*)"', images[0]).group(1).split()) >= 40


@pytest.mark.slow
def test_the_instructor_edition_shows_every_answer_the_public_one_hides(built_instructor_book):
    """The detector's positive control on real Sphinx output: every secret fragment is found."""
    pages = [p for p in site_files(built_instructor_book.html) if p.suffix == ".html" and "instructor" in p.parts]
    shown = page_runs(" ".join(visible_text(p) for p in pages), {len(run) for run in SECRETS.prose_runs()})
    missing = sorted(f"{origin}: {frag}" for frag, origin in SECRETS.prose.items() if not runs(frag) <= shown)
    assert missing == []
    banner = (built_instructor_book.html / "instructor" / "index.html").read_text(encoding="utf-8")
    assert "Instructor edition" in banner and "instructor edition</title>" in banner


@pytest.mark.slow
def test_the_public_build_holds_no_answer(built_book, built_instructor_book):
    assert find_leaks(site_files(built_book.html), SECRETS) == []


@pytest.mark.slow
def test_no_built_public_page_shows_a_role_parameter(built_book):
    assert find_role_leaks(site_files(built_book.html)) == []


@pytest.mark.slow
@pytest.mark.parametrize("role", list(ROLE_SHEETS))
def test_each_built_role_sheet_shows_its_numbers_and_no_one_elses(built_instructor_book, role):
    page = built_instructor_book.html / f"{ROLE_SHEETS[role]}.html"
    assert find_role_leaks([page], role=role) == []
    text = visible_text(page)
    own = [shown for shown, (_, allowed) in ROLE_VALUES.items() if role in allowed]
    assert own and all(normalise(shown) in text for shown in own), "the sheet shows every parameter of its role"
    for other, source in SHEET_SOURCES.items():
        if other != role:
            assert find_leaks([page], sheet_secrets(source)) == []


@pytest.mark.slow
def test_the_sample_debrief_shows_its_table_and_figure(built_instructor_book):
    raw = (built_instructor_book.html / "instructor" / "negotiation" / "debrief.html").read_text(encoding="utf-8")
    images = [tag for tag in re.findall(r"<img [^>]*>", raw) if "_images/" in tag]
    assert len(images) == 1 and len(re.search(r'alt="([^"]*)"', images[0]).group(1).split()) >= 40
    assert raw.count("<table") == 1 and "<td><p>Nash prediction</p></td>" in raw


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed (make system-deps installs it)")
def test_each_role_sheet_prints_alone_with_its_own_numbers(built_instructor_book, tmp_path):
    from pypdf import PdfReader

    subprocess.run([sys.executable, "-m", "partnership_book.pdf", "--role-sheets",
                    str(built_instructor_book.html), str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    for role in ROLE_SHEETS:
        pdf = tmp_path / f"{role}.pdf"
        text = normalise(unicodedata.normalize("NFKC", " ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)))
        own = [shown for shown, (_, allowed) in ROLE_VALUES.items() if role in allowed and not shown.startswith("nego1-")]
        assert all(normalise(shown) in text for shown in own), role
        txt = tmp_path / f"{role}.txt"
        txt.write_text(text, encoding="utf-8")
        assert find_role_leaks([txt], role=role) == [], role


@pytest.mark.slow
def test_the_editions_are_built_apart(built_book, built_instructor_book):
    public, instructor = ROOT / "_build", ROOT / "_build" / "instructor"
    assert not (built_book.html / "instructor").exists() and not (public / ".doctrees" / "instructor").exists()
    assert not list((built_book.html / "_sources").rglob("*teaching*"))
    assert all('class="teaching-answer' not in p.read_text(encoding="utf-8") for p in built_book.html.rglob("*.html"))
    for kept in (".jupyter_cache", ".doctrees", "jupyter_execute", ".package-hash"):
        assert (instructor / kept).exists(), kept
    assert (instructor / ".doctrees" / "instructor").is_dir()
    assert (public / ".jupyter_cache").resolve() != (instructor / ".jupyter_cache").resolve()


@pytest.mark.timeout(1200)  # prints every page of the instructor edition with Chromium
@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed (make system-deps installs it)")
def test_the_instructor_pdf_prints_every_teaching_note(built_instructor_book):
    from pypdf import PdfReader

    pdf = ROOT / "_build" / "instructor" / "pdf" / "partners-and-rivals-instructor.pdf"
    subprocess.run([sys.executable, "-m", "partnership_book.pdf", "--edition", "instructor"], cwd=ROOT,
                   check=True, capture_output=True)
    # NFKC: the PDF's text layer spells "fi" as one ligature character.
    pages = [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text() or "")) for page in PdfReader(str(pdf)).pages]
    assert len(pages) >= len(toc_files(edition="instructor"))
    for name in CLASSES:
        title = re.search(r"^# (.+)$", note(name), flags=re.M).group(1)
        assert any(title[:30] in p for p in pages), title
    assert not (ROOT / "_build" / "pdf" / "partners-and-rivals-instructor.pdf").exists()
