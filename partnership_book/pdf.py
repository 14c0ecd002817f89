"""Print the book to one PDF with Debian's headless Chromium: every page of the HTML build, in
table-of-contents order, printed and joined (Sphinx's single-page builder cannot render myst-nb's
and sphinx-design's nodes, so the multi-page site is the source).

Usage: python -m partnership_book.pdf [--edition public|instructor] [HTML_DIR] [OUT_PDF]
       python -m partnership_book.pdf --role-sheets [HTML_DIR] [OUT_DIR]

The instructor edition (built by `make instructor-book`) is printed from `_build/instructor/html/`
into `_build/instructor/pdf/`, in the order of its own table of contents, never next to the public PDF.
`--role-sheets` prints each of the negotiation's role sheets alone, one PDF per role, into
`_build/instructor/role-sheets/` (`make role-sheets`).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import PdfMargins, sync_playwright
from pypdf import PdfWriter

from partnership_book.contents import EDITIONS, ROLE_SHEETS, toc_files

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
MARGINS: PdfMargins = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
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


def print_pages(pages: list[Path], out: Path) -> Path:
    """Print each page in order with headless Chromium and join them into ``out``."""
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


def print_pdf(html_dir: Path, out: Path, edition: str = "public") -> Path:
    """Print each page of an edition in reading order and join them into ``out``."""
    return print_pages([html_dir / f"{entry}.html" for entry in toc_files(edition=edition)], out)


ROLE_SHEETS_DIR = ROOT / "_build" / "instructor" / "role-sheets"


def print_role_sheets(html_dir: Path = DEFAULTS["instructor"][0], out_dir: Path = ROLE_SHEETS_DIR) -> list[Path]:
    """One PDF per role of the negotiation, from the instructor edition: ``<out_dir>/<role>.pdf``.

    Each role's sheet is printed alone, so a team gets its own sheet and nothing else.
    """
    return [print_pages([html_dir / f"{page}.html"], out_dir / f"{role}.pdf") for role, page in ROLE_SHEETS.items()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edition", default="public", choices=EDITIONS)
    parser.add_argument("--role-sheets", action="store_true",
                        help="print the negotiation's role sheets, one PDF per role, into _build/instructor/role-sheets/")
    parser.add_argument("html_dir", nargs="?", type=Path)
    parser.add_argument("out_pdf", nargs="?", type=Path)
    args = parser.parse_args()
    if args.role_sheets:
        for path in print_role_sheets(args.html_dir or DEFAULTS["instructor"][0], args.out_pdf or ROLE_SHEETS_DIR):
            print(f"make_pdf: wrote {path} ({path.stat().st_size:,} bytes)")
        raise SystemExit(0)
    src, dst = args.html_dir or DEFAULTS[args.edition][0], args.out_pdf or DEFAULTS[args.edition][1]
    print(f"make_pdf: wrote {print_pdf(src, dst, args.edition)} ({dst.stat().st_size:,} bytes)")
