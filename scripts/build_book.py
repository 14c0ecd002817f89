"""Build the book strictly, as `make book` and the tests do: cache guard, then jupyter-book with
warnings as errors. Usage: python scripts/build_book.py [html|singlehtml]

The build runs in its own process group, which is ended afterwards: the KaTeX render server that
sphinxcontrib-katex starts has been seen to outlive the build and hold the caller's output open.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STRICT = ["-W", "-n", "--keep-going"]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cache_guard import assets_changed, guard  # noqa: E402


def build(builder: str = "html", stdout=None) -> int:
    cleared = guard(ROOT / "_build", [ROOT / "partnership", ROOT / "data"])
    if cleared:
        print("build_book: package changed (or first build): execution cache cleared", flush=True)
    rewrite_all = ["--all"] if assets_changed(ROOT / "_build", [ROOT / "_static", ROOT / "_templates", ROOT / "_ext"]) else []
    proc = subprocess.Popen(
        [str(BIN / "jupyter-book"), "build", ".", *STRICT, *rewrite_all, "--builder", builder],
        cwd=ROOT, stdout=stdout, stderr=subprocess.STDOUT if stdout else None, start_new_session=True,
    )
    try:
        return proc.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)


if __name__ == "__main__":
    sys.exit(build(sys.argv[1] if len(sys.argv) > 1 else "html"))
