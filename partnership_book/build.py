"""Build the book strictly, as `make book` and the tests do: cache guard, then jupyter-book with
warnings as errors. Usage: python -m partnership_book.build [html|singlehtml] [--edition public|instructor]

Two editions come from the same sources:

* **public** (default): `_toc.yml`, built by the jupyter-book command line into `_build/html/`.
* **instructor**: `_toc.yml` plus the parts of `instructor/_toc.yml` (teaching notes, model answers),
  built into `_build/instructor/html/` with the Sphinx tag `instructor`. Everything the build keeps
  (execution cache, Sphinx environment, executed notebooks, stamps) lives under `_build/instructor/`,
  so neither edition ever reads the other's pages or cached outputs. The jupyter-book command line
  can choose the toc but always writes to `<dir>/_build/<builder>` and cannot pass a tag, so this
  edition calls jupyter-book's own `build_sphinx` (what the command line calls) in a child process.

The build runs in its own process group, which is ended afterwards: the KaTeX render server that
sphinxcontrib-katex starts has been seen to outlive the build and hold the caller's output open.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml

from partnership_book.cache_guard import assets_changed, guard
from partnership_book.contents import EDITIONS, toc

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STRICT = ["-W", "-n", "--keep-going"]
INSTRUCTOR_TITLE = "Partners and Rivals: instructor edition"
INSTRUCTOR_BANNER = "Instructor edition: teaching notes and model answers. Do not publish it or share it with students."


def build_dir(edition: str = "public") -> Path:
    """Where an edition's build keeps everything: output, execution cache, Sphinx environment."""
    return ROOT / "_build" if edition == "public" else ROOT / "_build" / edition


def build(builder: str = "html", stdout=None, edition: str = "public") -> int:
    if edition not in EDITIONS:
        raise ValueError(f"Unknown edition {edition!r}; expected one of {EDITIONS}.")
    out = build_dir(edition)
    # The exercises page releases the student notebooks and the kit through the grading engine.
    # The instructor edition's pages also compute from the negotiation's roles file and sample class.
    sources = [ROOT / "partnership", ROOT / "partnership_grading", ROOT / "data"] + ([ROOT / "instructor" / "negotiation"] if edition == "instructor" else [])
    cleared = guard(out, sources)
    if cleared:
        print(f"build_book: package changed (or first {edition} build): execution cache cleared", flush=True)
    rewrite_all = ["--all"] if assets_changed(out, [ROOT / "_static", ROOT / "_templates", ROOT / "_ext"]) else []
    if edition == "public":
        command = [str(BIN / "jupyter-book"), "build", ".", *STRICT, *rewrite_all, "--builder", builder]
    else:
        toc_path = out / "_toc.yml"
        toc_path.write_text(yaml.safe_dump(toc(ROOT, edition), sort_keys=False), encoding="utf-8")
        command = [sys.executable, "-m", "partnership_book.build", "--sphinx", str(toc_path), builder, *rewrite_all]
    proc = subprocess.Popen(
        command, cwd=ROOT, stdout=stdout, stderr=subprocess.STDOUT if stdout else None, start_new_session=True,
    )
    try:
        return proc.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)


def _sphinx_instructor(toc_path: Path, builder: str, fresh: bool) -> int:
    """The instructor edition: what `jupyter-book build . -W -n --keep-going` does, with a tag and paths of its own."""
    from jupyter_book.sphinx import build_sphinx

    out = build_dir("instructor")
    result = build_sphinx(
        ROOT,
        out / builder,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        confoverrides={
            "external_toc_path": toc_path.as_posix(),
            "latex_individualpages": False,
            "nitpicky": "-n" in STRICT,
            "html_title": INSTRUCTOR_TITLE,
            "html_theme_options": {"announcement": INSTRUCTOR_BANNER},
        },
        doctreedir=out / ".doctrees",
        builder=builder,
        tags=["instructor"],
        warningiserror="-W" in STRICT,
        keep_going="--keep-going" in STRICT,
        freshenv=fresh,
    )
    if isinstance(result, Exception):
        print(f"build_book: the instructor build failed: {result!r}", file=sys.stderr)
        return 1
    if result == 0:
        print(f"build_book: the instructor edition is in {out / builder}")
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--sphinx"]:  # the child process started by build(edition="instructor")
        toc_path, builder, *rest = argv[1:]
        return _sphinx_instructor(Path(toc_path), builder, fresh="--all" in rest)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("builder", nargs="?", default="html", choices=["html", "singlehtml"])
    parser.add_argument("--edition", default="public", choices=EDITIONS)
    args = parser.parse_args(argv)
    return build(args.builder, edition=args.edition)


if __name__ == "__main__":
    sys.exit(main())
