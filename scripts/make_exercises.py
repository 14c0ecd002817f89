"""Regenerate the nbgrader source notebooks from the assignment specs in exercises/authoring/.

    python scripts/make_exercises.py           # write exercises/source/*/*.ipynb, rubrics.md, catalogue.md, points.md, answers.md
    python scripts/make_exercises.py --check   # exit 1 if any generated file is out of date

The notebooks are committed (nbgrader reads them), but they are generated: edit the specs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from partnership.grading.authoring import write_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report files that differ; write nothing")
    parser.add_argument("--course", type=Path, default=ROOT / "exercises", help="the nbgrader course root")
    args = parser.parse_args(argv)
    stale = write_all(args.course, check=args.check)
    for path in stale:
        verb = "out of date" if args.check else "wrote"
        print(f"make_exercises: {verb}: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if args.check and stale:
        print("make_exercises: run `make exercises` (python scripts/make_exercises.py) and commit the result.", file=sys.stderr)
        return 1
    if not stale:
        print("make_exercises: everything up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
