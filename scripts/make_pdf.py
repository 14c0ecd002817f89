"""Print the book to one PDF with Debian's headless Chromium: every page of the HTML build, in
table-of-contents order, printed and joined (Sphinx's single-page builder cannot render myst-nb's
and sphinx-design's nodes, so the multi-page site is the source).

Usage: python scripts/make_pdf.py [--edition public|instructor] [HTML_DIR] [OUT_PDF]

The instructor edition (built by `make instructor-book`) is printed from `_build/instructor/html/`
into `_build/instructor/pdf/`, in the order of its own table of contents, never next to the public PDF.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfWriter

from partnership.book import EDITIONS, toc_files

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Print view: no navigation chrome, interactive controls hidden (the static explorer's default
# view still prints), and figures kept whole on a page.
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
PRINT_CSS = """
.bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .bd-header-article, .bd-footer,
.header-article-items, .prev-next-area, .pr-controls, .headerlink,
.solution { display: none !important; }  /* self-check answers stay out of print */
.skip-link, #pst-back-to-top, .bd-header-announcement { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
figure, img, table, .pr-explorer { break-inside: avoid; }
"""


DEFAULTS = {
    "public": (ROOT / "_build" / "html", ROOT / "_build" / "pdf" / "partners-and-rivals.pdf"),
    "instructor": (ROOT / "_build" / "instructor" / "html", ROOT / "_build" / "instructor" / "pdf" / "partners-and-rivals-instructor.pdf"),
}


def print_pdf(html_dir: Path, out: Path, edition: str = "public") -> Path:
    """Print each page of an edition in reading order and join them into ``out``."""
    pages = [html_dir / f"{entry}.html" for entry in toc_files(edition=edition)]
    missing = [str(p) for p in pages if not p.exists()]
    if missing:
        raise SystemExit(f"not built yet: {', '.join(missing)} (make pdf, or make instructor-pdf, builds the site first)")
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        for i, source in enumerate(pages):
            page.goto(source.as_uri(), wait_until="load")
            page.add_style_tag(content=PRINT_CSS)
            page.emulate_media(media="print")
            part = Path(tmp) / f"{i:03d}.pdf"
            page.pdf(path=str(part), format="A4", print_background=True, margin=MARGINS)
            writer.append(str(part))
        browser.close()
    with out.open("wb") as fh:
        writer.write(fh)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edition", default="public", choices=EDITIONS)
    parser.add_argument("html_dir", nargs="?", type=Path)
    parser.add_argument("out_pdf", nargs="?", type=Path)
    args = parser.parse_args()
    src, dst = args.html_dir or DEFAULTS[args.edition][0], args.out_pdf or DEFAULTS[args.edition][1]
    print(f"make_pdf: wrote {print_pdf(src, dst, args.edition)} ({dst.stat().st_size:,} bytes)")
