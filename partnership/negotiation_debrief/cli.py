"""``python -m partnership.negotiation_debrief CLASS.csv [--roles ROLES.yml] [--out DIR]``: score a class, write the debrief."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import negotiation as ng
from ..negotiation_sheets import ROLES_FILE
from .analysis import debrief, read_class_csv
from .report import summary, text_table, write

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "_build" / "instructor" / "negotiation-debrief"
SAMPLE_CLASS = ROLES_FILE.parent / "sample-class.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partnership.negotiation_debrief",
                                     description="Score a class's negotiation: one row per team in a CSV.")
    parser.add_argument("csv", type=Path, help=f"the class's results (example: {SAMPLE_CLASS.relative_to(ROLES_FILE.parents[2])})")
    parser.add_argument("--roles", type=Path, default=ROLES_FILE, help="the roles' confidential parameters (YAML)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the debrief")
    args = parser.parse_args(argv)
    try:
        d = debrief(ng.load_case(args.roles), read_class_csv(args.csv))
    except (OSError, ValueError) as exc:
        print(f"negotiation debrief: {exc}", file=sys.stderr)
        return 2
    paths = write(d, args.out)
    print(text_table(d))
    print()
    print("\n".join(summary(d)))
    print(f"\nwrote {paths['html']}, {paths['markdown'].name} and {paths['figure'].name}")
    return 0
