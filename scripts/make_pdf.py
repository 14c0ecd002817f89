"""Print the single-page HTML build of the book to a PDF with Debian's headless Chromium.

Usage: python scripts/make_pdf.py [SINGLEHTML_DIR] [OUT_PDF]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

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
PRINT_CSS = """
.bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .bd-header-article, .bd-footer,
.header-article-items, .prev-next-area, .pr-controls, .headerlink,
.solution { display: none !important; }  /* self-check answers stay out of print */
.skip-link, #pst-back-to-top, .bd-header-announcement { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
span[id^="document-"] + section > h2, span[id^="document-"] + section > h1 { break-before: page; }  /* each chapter starts a page */
figure, img, table, .pr-explorer { break-inside: avoid; }
"""


def print_pdf(singlehtml: Path, out: Path) -> Path:
    index = singlehtml / "chapters" / "intro.html"  # index.html only redirects here (the toc root)
    if not index.exists():
        raise SystemExit(f"{index} not found: build the single-page HTML first (make pdf does).")
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        page.goto(index.as_uri(), wait_until="load")
        page.add_style_tag(content=PRINT_CSS)
        page.emulate_media(media="print")
        page.pdf(path=str(out), format="A4", print_background=True, margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
        browser.close()
    return out


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "singlehtml"
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "_build" / "pdf" / "partners-and-rivals.pdf"
    print(f"make_pdf: wrote {print_pdf(src, dst)} ({dst.stat().st_size:,} bytes)")
