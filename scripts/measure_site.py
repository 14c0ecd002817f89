"""Per-page weight and first contentful paint of the built site, in Debian's headless Chromium.

Usage: python scripts/measure_site.py [--budget BYTES]   (build the book first: make book)
Prints a Markdown table; exits 1 if any page is over the byte budget (bytes on the wire from a
server that gzips text, as the common static hosts do; the uncompressed size is shown beside it). Paint times are printed for
information only: on a shared machine they are noisy, so nothing is asserted on them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from partnership_book.contents import toc_files  # noqa: E402
from tests.browser import chromium, serve, watch  # noqa: E402

DEFAULT_BUDGET = 1_500_000
FCP_JS = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"


def toc_pages() -> list[str]:
    return [f"{entry}.html" for entry in toc_files()]


def uncompressed(html_dir: Path, url_paths: list[str]) -> int:
    """Size on disk of the site files a page fetched (what an uncompressing server would send)."""
    total = 0
    for url_path in set(url_paths):
        path = html_dir / unquote(url_path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            total += path.stat().st_size
    return total


def measure(html_dir: Path, runs: int = 3) -> list[tuple[str, int, int, float | None, int]]:
    rows = []
    with serve(html_dir) as url, chromium() as browser:
        for path in toc_pages():
            weights, raw, paints, problems = [], [], [], 0
            for _ in range(runs):
                # A fresh context each run: an empty cache, as for a first-time reader.
                context = browser.new_context()
                page = context.new_page()
                report = watch(page)
                page.goto(f"{url}/{path}", wait_until="networkidle")
                paints.append(page.evaluate(FCP_JS))
                weights.append(report.bytes_transferred)
                raw.append(uncompressed(html_dir, report.local_paths))
                problems = max(problems, len(report.problems))
                context.close()
            valid = [p for p in paints if p is not None]
            rows.append((path, max(weights), max(raw), statistics.median(valid) if valid else None, problems))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=DEFAULT_BUDGET, help="bytes per page (default 1.5 MB)")
    parser.add_argument("--runs", type=int, default=3, help="loads per page; the median paint is shown")
    args = parser.parse_args()
    rows = measure(ROOT / "_build" / "html", args.runs)
    print(f"| page | bytes transferred (gzip) | bytes uncompressed | first contentful paint (median of {args.runs}, ms) | problems |")
    print("|---|---:|---:|---:|---:|")
    over = []
    for path, weight, raw_bytes, fcp, problems in rows:
        print(f"| {path} | {weight:,} | {raw_bytes:,} | {'n/a' if fcp is None else f'{fcp:.0f}'} | {problems} |")
        if weight > args.budget:
            over.append(path)
    print(f"\nbudget {args.budget:,} bytes per page; over budget: {', '.join(over) or 'none'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
