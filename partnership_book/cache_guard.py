"""Clear the notebook execution cache when the course package's source changes.

myst-nb's cache re-runs a page only when that page's own code changes; a chapter that calls a
model must re-run when the model changes too, so we key the whole cache on the package source.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def package_hash(package_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".js", ".css", ".json", ".csv", ".html", ".yml"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package_dir)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def guard(build_dir: Path, sources: list[Path]) -> bool:
    """Return True if the cache was cleared because the sources changed since the last build."""
    current = "".join(package_hash(s) for s in sources)
    stamp = build_dir / ".package-hash"
    changed = not stamp.exists() or stamp.read_text() != current
    if changed:
        # Sphinx re-reads only pages whose source changed, so its saved environment goes too:
        # otherwise an unchanged page would never reach the (now empty) execution cache.
        for stale in (build_dir / ".jupyter_cache", build_dir / ".doctrees"):
            if stale.exists():
                shutil.rmtree(stale)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return changed


def assets_changed(build_dir: Path, sources: list[Path]) -> bool:
    """True if the site's own assets (static files, templates, extensions) changed since the last build.

    Sphinx writes pages and copies static files only when some page is out of date, so an edit to
    a stylesheet or template alone would otherwise never reach the site: the caller then rebuilds
    every page (from the execution cache, so nothing re-executes).
    """
    current = "".join(package_hash(s) for s in sources if s.exists())
    stamp = build_dir / ".assets-hash"
    changed = not stamp.exists() or stamp.read_text() != current
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return changed

