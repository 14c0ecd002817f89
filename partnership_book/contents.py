"""The book's tables of contents and the chapters' question blocks, for the tools that walk the book.

There are two editions built from the same sources. The public one follows ``_toc.yml``; the
instructor edition follows ``_toc.yml`` followed by the parts in ``instructor/_toc.yml`` (teaching
notes, model answers), which the public build never reads.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("public", "instructor")
INSTRUCTOR_TOC = Path("instructor") / "_toc.yml"
# The classes of the course, in teaching order: each has a chapter with a "Discussion" block and a
# "Before class" block, and a teaching note in the instructor edition.
# The negotiation's role sheets and sample debrief, in the instructor edition only.
NEGOTIATION_PAGES = ("instructor/negotiation/microsoft", "instructor/negotiation/openai",
                     "instructor/negotiation/rival-cloud", "instructor/negotiation/debrief")
ROLE_SHEETS = {"microsoft": NEGOTIATION_PAGES[0], "openai": NEGOTIATION_PAGES[1], "rival": NEGOTIATION_PAGES[2]}
CLASSES = ("case", "ip", "revenue", "regulation", "future", "negotiation", "epilogue")


def toc(root: Path = ROOT, edition: str = "public") -> dict:
    """The table of contents of an edition, as jupyter-book reads it (format ``jb-book``)."""
    if edition not in EDITIONS:
        raise ValueError(f"Unknown edition {edition!r}; expected one of {EDITIONS}.")
    book = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    if edition == "instructor":
        extra = yaml.safe_load((root / INSTRUCTOR_TOC).read_text(encoding="utf-8"))
        # Appended, not interleaved: the instructor edition is the public book plus its own parts.
        book["parts"] = [*book.get("parts", []), *extra["parts"]]
    return book


def toc_files(root: Path = ROOT, edition: str = "public") -> list[str]:
    """Every page of an edition in reading order, as paths without suffix (``chapters/ip``)."""
    book = toc(root, edition)
    files = [book["root"]]
    for part in book.get("parts", []):
        for chapter in part["chapters"]:
            files.append(chapter["file"])
            files.extend(section["file"] for section in chapter.get("sections", []))
    return files


def teaching_note(name: str) -> str:
    """The page (without suffix) of a class's teaching note in the instructor edition."""
    return f"instructor/teaching-notes/{name}"


def admonition_items(text: str, title: str) -> list[str]:
    """The numbered items of the ``{admonition} <title>`` block of a MyST page, each as MyST text.

    Raises ``ValueError`` unless the page has exactly one such block with at least one item: the
    teaching notes quote these questions by number, so a missing or doubled block must not pass.
    """
    lines = text.splitlines()
    opening = re.compile(r"^(:{3,})\{admonition\}\s+" + re.escape(title) + r"\s*$")
    starts = [(k, m.group(1)) for k, line in enumerate(lines) if (m := opening.match(line))]
    if len(starts) != 1:
        raise ValueError(f"expected one '{{admonition}} {title}' block, found {len(starts)}")
    start, fence = starts[0]
    body = []
    for line in lines[start + 1 :]:
        if line.strip() == fence:
            break
        body.append(line)
    else:
        raise ValueError(f"the '{{admonition}} {title}' block is not closed")
    items: list[list[str]] = []
    for line in body:
        item = re.match(r"^(\d+)\.\s+(.*)$", line)
        if item:
            if int(item.group(1)) != len(items) + 1:
                raise ValueError(f"'{title}' item {item.group(1)} is out of order")
            items.append([item.group(2)])
        elif items and (line.startswith(" ") or not line.strip()):
            items[-1].append(line)
        elif items:
            raise ValueError(f"unexpected text after the items of '{title}': {line!r}")
    if not items:
        raise ValueError(f"the '{{admonition}} {title}' block has no numbered items")
    out = []
    for first, *rest in items:
        tail = textwrap.dedent("\n".join(rest)).strip()
        out.append(f"{first}\n{tail}" if tail else first.strip())
    return out


def discussion_questions(chapter: str, root: Path = ROOT) -> list[str]:
    """The numbered questions of a chapter's Discussion block (``chapter`` like ``"ip"``)."""
    return admonition_items((root / "chapters" / f"{chapter}.md").read_text(encoding="utf-8"), "Discussion")


def before_class_questions(chapter: str, root: Path = ROOT) -> list[str]:
    """The preparation questions of a chapter's "Before class" block."""
    return admonition_items((root / "chapters" / f"{chapter}.md").read_text(encoding="utf-8"), "Before class")
