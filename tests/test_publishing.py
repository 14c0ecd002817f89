"""The repository's address, set once in _config.yml (_ext/publishing.py): a small one-page book
built with it empty, set, and wrong, as Jupyter Book builds the course (strict, warnings are errors);
and the course's own pages promise no launch link it does not have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .test_site import PAGES

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"

pytestmark = pytest.mark.slow

PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
# A chapter

```{code-cell} ipython3
1 + 1
```
"""


def _build(tmp_path: Path, url: str) -> tuple[int, str, Path]:
    config = {
        "title": "mini",
        "execute": {"execute_notebooks": "off"},
        # The course's own launch settings, so this book fails where the course would.
        "launch_buttons": yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["launch_buttons"],
        "repository": {"url": url, "branch": "main"},
        "sphinx": {"local_extensions": {"publishing": str(ROOT / "_ext")}},
    }
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), "utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: chapter\n", "utf-8")
    (tmp_path / "chapter.md").write_text(PAGE, "utf-8")
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(tmp_path), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=300,
    )
    return result.returncode, result.stdout + result.stderr, tmp_path / "_build" / "html"


def test_without_a_repository_address_there_is_no_launch_button_and_the_notebook_download_stays(tmp_path):
    code, log, html = _build(tmp_path, "")
    assert code == 0, log[-3000:]
    page = (html / "chapter.html").read_text("utf-8")
    assert "mybinder.org" not in page and "launch-buttons" not in page
    assert 'href="_sources/chapter.ipynb"' in page
    assert (html / "_sources" / "chapter.ipynb").is_file()


def test_with_the_address_set_each_chapter_gets_a_binder_button(tmp_path):
    code, log, html = _build(tmp_path, "https://github.com/acme/strategy-course")
    assert code == 0, log[-3000:]
    page = (html / "chapter.html").read_text("utf-8")
    assert 'href="https://mybinder.org/v2/gh/acme/strategy-course/main?urlpath=lab/tree/chapter.md"' in page
    assert 'href="_sources/chapter.ipynb"' in page


@pytest.mark.parametrize("url", ["https://github.com/acme/strategy-course.git", "https://gitlab.com/acme/strategy-course",
                                 "github.com/acme/strategy-course", "https://github.com/acme/"])
def test_a_wrong_address_stops_the_build_and_says_what_to_write(tmp_path, url):
    code, log, _ = _build(tmp_path, url)
    assert code != 0
    assert f"repository.url in _config.yml is {url!r}" in log
    assert "https://github.com/<owner>/<repository>" in log


@pytest.mark.parametrize("page_path", PAGES)
def test_no_page_promises_a_launch_link_the_site_does_not_have(built_book, page_path):
    url = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["repository"]["url"]
    text = (built_book.html / page_path).read_text("utf-8")
    assert "colab.research.google.com" not in text and "Google Colab" not in text
    if not url:
        assert "mybinder.org" not in text
        # The explorers' note used to send readers to a "launch button above".
        assert "launch button" not in text.lower(), f"{page_path} mentions a launch button the site does not have"
