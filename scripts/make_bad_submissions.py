"""Generate the corpus of bad and hostile submissions from a released notebook.

    python scripts/make_bad_submissions.py --out bad/                 # ps1-ip, released in a temporary course
    python scripts/make_bad_submissions.py -a ps2-revenue --out bad/  # another assignment
    python scripts/make_bad_submissions.py --released exercises/release/ps1-ip/ps1-ip.ipynb --out bad/
    python scripts/make_bad_submissions.py --markdown                 # the outcomes table of the instructor guide

Each case becomes ``<out>/<student>/<notebook>.ipynb`` (the student id names the case), ready for
``python -m partnership.grading collect <assignment> <out>``. The cases and the outcome each must get
are in partnership/grading/hostile.py; tests/test_grading_hostile.py grades them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from partnership.grading import course as wf  # noqa: E402
from partnership.grading import hostile  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-a", "--assignment", default="ps1-ip")
    parser.add_argument("--course", type=Path, default=ROOT / "exercises", help="the nbgrader course root")
    parser.add_argument("--released", type=Path, default=None, help="the released notebook (default: release it now in a temporary course)")
    parser.add_argument("--out", type=Path, default=None, help="folder to write the corpus into")
    parser.add_argument("--markdown", action="store_true", help="print the outcomes table (Markdown) and exit")
    args = parser.parse_args(argv)
    if args.markdown:
        print(hostile.markdown_table(), end="")
        return 0
    if args.out is None:
        parser.error("--out is required (or --markdown)")
    with tempfile.TemporaryDirectory(prefix="pr-bad-") as tmp:
        released = args.released
        if released is None:
            copy = wf.make_course_copy(wf.Course(args.course), Path(tmp) / "course", [args.assignment])
            (released,) = wf.release(copy, [args.assignment])
        corpus = hostile.corpus_from(args.course, args.assignment, released)
        files = hostile.generate(corpus, args.out)
    for case, path in zip(hostile.CASES, files):
        print(f"{case.student:<24} {path.stat().st_size:>8} bytes  {case.attack}")
    print(f"make_bad_submissions: {len(files)} submissions of {args.assignment} in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
