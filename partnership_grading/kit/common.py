"""What the kit's parts share: where the repository is, the error a build raises, and zips with fixed time stamps."""

from __future__ import annotations

import datetime
import subprocess
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent  # partnership_grading/kit/ -> the repository
FALLBACK_DATE = (2026, 1, 1, 0, 0, 0)  # outside a git checkout


class KitError(RuntimeError):
    """The kit cannot be built as promised (a grading module would ship, a pin is missing, ...)."""


def kit_date() -> tuple[int, int, int, int, int, int]:
    """The time stamp of every file in the kit and its wheel: the last commit's (UTC), so one commit
    gives one set of bytes, and a student's file list does not say "46 years ago" (zip's 1980)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)  # noqa: S607
        stamp = int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return FALLBACK_DATE
    t = datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second - t.second % 2)  # zip keeps even seconds


def _zip_write(zf: zipfile.ZipFile, name: str, data: bytes, date: tuple) -> None:
    info = zipfile.ZipInfo(name, date_time=date)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
