"""Directives for the instructor edition's teaching notes.

``{before-class} ip`` shows the preparation questions of the chapter's "Before class" block, and
``{discussion-answer} ip 3`` shows question 3 of the chapter's "Discussion" block followed by the
expected answer written as the directive's content. Both read the questions from the chapter at
build time, so a note always quotes the chapter as it is, and the build fails (a warning, with -W)
when a chapter gains a question its teaching note does not answer.

The directives, and any page under ``instructor/``, are refused in a build without the
``instructor`` tag: if a teaching note ever slips into the public toc, the public build fails
instead of publishing it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from partnership_book.contents import CLASSES, before_class_questions, discussion_questions, teaching_note

logger = logging.getLogger(__name__)
TAG = "instructor"


def _numbered(items: list[str]) -> list[str]:
    lines = []
    for k, item in enumerate(items, start=1):
        first, *rest = item.splitlines()
        lines += [f"{k}. {first}", *(f"   {line}" if line.strip() else "" for line in rest)]
    return lines


class _TeachingDirective(SphinxDirective):
    def _refused(self) -> list[nodes.Node] | None:
        if self.env.app.tags.has(TAG):
            return None
        logger.warning(
            "%s: teaching-note directives belong to the instructor edition only (build it with "
            "`partnership_book/build.py --edition instructor`)", self.name, location=self.get_location(),
        )
        return []

    def _chapter(self, name: str) -> Path:
        path = Path(self.env.srcdir) / "chapters" / f"{name}.md"
        self.env.note_dependency(str(path))  # re-read the note when the chapter's questions change
        return path

    def _parse(self, lines: list[str], into: nodes.Element) -> None:
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, into)


class BeforeClass(_TeachingDirective):
    """The chapter's "Before class" questions, as students see them."""

    required_arguments = 1

    def run(self):
        if (refused := self._refused()) is not None:
            return refused
        self._chapter(self.arguments[0])
        try:
            questions = before_class_questions(self.arguments[0], Path(self.env.srcdir))
        except (OSError, ValueError) as exc:
            logger.warning("before-class %s: %s", self.arguments[0], exc, location=self.get_location())
            return []
        box = nodes.container(classes=["teaching-before-class"])
        self._parse(_numbered(questions), box)
        return [box]


class DiscussionAnswer(_TeachingDirective):
    """One discussion question of a chapter, quoted from it, with the expected answer below."""

    required_arguments = 2
    has_content = True

    def run(self):
        if (refused := self._refused()) is not None:
            return refused
        chapter, number = self.arguments
        self._chapter(chapter)
        try:
            questions = discussion_questions(chapter, Path(self.env.srcdir))
            n = int(number)
            if not 1 <= n <= len(questions):
                raise IndexError(f"the chapter has {len(questions)} questions")
            question = questions[n - 1]
        except (OSError, ValueError, IndexError) as exc:
            logger.warning("discussion-answer %s %s: no such question (%s)", chapter, number, exc,
                           location=self.get_location())
            return []
        if not "\n".join(self.content).strip():
            logger.warning("discussion-answer %s %s has no expected answer", chapter, n, location=self.get_location())
        # an attribute of the build environment that init_env() adds (Sphinx's way to keep state across documents)
        self.env.teaching_answers.setdefault(self.env.docname, []).append((chapter, n))  # type: ignore[attr-defined]

        box = nodes.admonition(classes=["teaching-answer"], ids=[f"teaching-{chapter}-q{n}"])
        box += nodes.title(text=f"Discussion question {n}")
        asked = nodes.container(classes=["teaching-question"])
        self._parse(question.splitlines(), asked)
        box += asked
        box += nodes.rubric(text="Expected answer")
        answer = nodes.container(classes=["teaching-expected"])
        self.state.nested_parse(self.content, self.content_offset, answer)
        box += answer
        return [box]


def refuse_public_pages(app, docname, source):
    if docname.startswith("instructor/") and not app.tags.has(TAG):
        logger.warning("%s is an instructor-edition page and may not be part of the public build", docname,
                       location=docname)


def init_env(app):
    if not hasattr(app.env, "teaching_answers"):
        app.env.teaching_answers = {}


def purge(app, env, docname):
    getattr(env, "teaching_answers", {}).pop(docname, None)


def merge(app, env, docnames, other):
    env.teaching_answers.update({d: v for d, v in getattr(other, "teaching_answers", {}).items() if d in docnames})


def check_every_question_answered(app, env):
    """Each class's note answers every discussion question of its chapter, exactly once."""
    if not app.tags.has(TAG):
        return
    answered: dict[str, dict[int, list[str]]] = {}
    for docname, pairs in env.teaching_answers.items():
        for chapter, n in pairs:
            answered.setdefault(chapter, {}).setdefault(n, []).append(docname)
    for chapter in CLASSES:
        note = teaching_note(chapter)
        if note not in env.found_docs:
            logger.warning("the class %r has no teaching note (%s)", chapter, note)
            continue
        count = len(discussion_questions(chapter, Path(env.srcdir)))
        for n in range(1, count + 1):
            docs = answered.get(chapter, {}).get(n, [])
            if not docs:
                logger.warning("discussion question %d of chapters/%s.md has no expected answer", n, chapter, location=note)
            elif len(docs) > 1:
                logger.warning("discussion question %d of chapters/%s.md is answered %d times", n, chapter, len(docs),
                               location=docs[1])


def setup(app):
    app.add_directive("before-class", BeforeClass)
    app.add_directive("discussion-answer", DiscussionAnswer)
    app.connect("builder-inited", init_env)
    app.connect("source-read", refuse_public_pages)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-check-consistency", check_every_question_answered)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
