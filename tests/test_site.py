"""The published site, checked in a real browser: loads clean, offline, accessible, searchable."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from partnership_book.contents import toc_files

from .browser import watch

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [f"{entry}.html" for entry in toc_files()]
# Per-page weight budget on the wire (gzip, as static hosts serve text), vendored scripts included;
# README "Site performance" gives the reasoning and scripts/measure_site.py the uncompressed sizes.
PAGE_BUDGET_BYTES = 1_500_000

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in {"img", "script"} and attrs.get("src"):
            self.links.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_book):
    html = built_book.html
    broken = []
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        for link in _parse(page).links:
            parsed = urlparse(link)
            if parsed.scheme or link.startswith(("//", "mailto:", "javascript:")):
                continue
            target, anchor = urldefrag(link)
            target_path = (page.parent / unquote(target.split("?")[0])).resolve() if target else page
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if not target_path.exists():
                broken.append(f"{page.relative_to(html)} -> {link}")
            elif anchor and target_path.suffix == ".html" and unquote(anchor) not in _parse(target_path).ids:
                broken.append(f"{page.relative_to(html)} -> {link} (no such anchor)")
    assert broken == []


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_clean_and_offline(browser, site_url, page_path):
    page = browser.new_page()
    report = watch(page)
    response = page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    assert response.status == 200
    page.close()
    assert report.problems == []
    assert report.bytes_transferred <= PAGE_BUDGET_BYTES, f"{page_path} weighs {report.bytes_transferred:,} bytes"


def _axe(page, **options) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("opts => axe.run(document, opts)", options or {})
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("page_path", PAGES)
def test_no_serious_accessibility_violations(browser, site_url, page_path):
    page = browser.new_page()
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    violations = _axe(page)
    page.close()
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("page_path", PAGES)
def test_dark_mode_text_is_readable(browser, site_url, page_path):
    page = browser.new_page(color_scheme="dark")
    page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    violations = _axe(page, runOnly={"type": "rule", "values": ["color-contrast"]})
    page.close()
    assert violations == [], json.dumps(violations, indent=1)


def test_search_finds_a_chapter_term(browser, site_url):
    page = browser.new_page()
    report = watch(page)
    page.goto(f"{site_url}/search.html?q=hold-up", wait_until="networkidle")
    page.wait_for_selector("#search-results li", timeout=15_000)
    results = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.close()
    assert any("chapters/ip.html" in href for href in results), results
    assert report.problems == []


@pytest.mark.parametrize("page_path", PAGES)
def test_every_image_has_alt_text(built_book, page_path):
    html = (built_book.html / page_path).read_text(encoding="utf-8")
    for tag in re.findall(r"<img [^>]*>", html):
        assert re.search(r'alt="[^"]+"', tag), tag[:200]


def test_screenshot_of_an_explorer_page(browser, site_url, built_book):
    """The README's picture: a chapter page with its explorer, as a reader sees it (make screenshots)."""
    out = ROOT / "_build" / "screenshots" / "revenue-explorer.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/chapters/revenue.html", wait_until="networkidle")
    explorer = page.locator('div.pr-explorer[data-explorer="waterfall"]').first
    explorer.scroll_into_view_if_needed()
    page.screenshot(path=str(out))
    page.close()
    assert out.stat().st_size > 20_000


SHEET_SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SHEET_SCALE = 0.4  # thumbnails at 40%: the whole sheet stays about 1,400 px wide


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_screenshot_contact_sheet_of_every_page(browser, site_url, built_book):
    """For a reviewer (make screenshots): the first screen of every page at phone and desktop width,
    in light and dark mode, on one sheet; the full-size shots are kept beside it."""
    import base64
    from html import escape

    out = ROOT / "_build" / "screenshots"
    shots = out / "pages"
    shots.mkdir(parents=True, exist_ok=True)
    rows = []
    for page_path in PAGES:
        cells = []
        for size, options in SHEET_SIZES.items():
            for mode in ("light", "dark"):
                context = browser.new_context(color_scheme=mode, **options)
                context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
                page = context.new_page()
                report = watch(page)
                page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
                for root in page.locator("div.pr-explorer").all():
                    page.wait_for_function("el => el.dataset.ready === 'true'", arg=root.element_handle(), timeout=15_000)
                assert page.evaluate("document.documentElement.dataset.theme") == mode, f"{page_path} {size}"
                title = page.title()
                shot = shots / f"{page_path.removesuffix('.html').replace('/', '-')}-{size}-{mode}.png"
                page.screenshot(path=str(shot))
                context.close()
                assert report.problems == [], f"{page_path} ({size}, {mode}): {report.problems}"
                assert _png_size(shot) == (options["viewport"]["width"], options["viewport"]["height"])
                width = round(options["viewport"]["width"] * SHEET_SCALE)
                data = base64.b64encode(shot.read_bytes()).decode("ascii")
                cells.append(
                    f'<figure><img width="{width}" src="data:image/png;base64,{data}" alt="">'
                    f"<figcaption>{size}, {mode}</figcaption></figure>"
                )
        rows.append(f"<section><h2>{escape(page_path)}: {escape(title.split(' — ')[0])}</h2><div>{''.join(cells)}</div></section>")
    sheet_html = (
        "<!doctype html><meta charset=utf-8><style>"
        "body{font:14px sans-serif;margin:16px;background:#fff;color:#222}"
        "h1{font-size:20px;margin:0 0 12px}h2{font-size:15px;margin:18px 0 6px}"
        "section>div{display:flex;gap:12px;align-items:flex-start}figure{margin:0}"
        "img{display:block;border:1px solid #999}figcaption{font-size:12px;color:#555}"
        f"</style><h1>Partners and Rivals: every page, {len(PAGES)} pages × phone / desktop × light / dark</h1>"
        + "".join(rows)
    )
    sheet = browser.new_page(viewport={"width": 1440, "height": 900})
    sheet.set_content(sheet_html, wait_until="load")
    assert sheet.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    path = out / "contact-sheet.png"
    sheet.screenshot(path=str(path), full_page=True)
    sheet.close()
    width, height = _png_size(path)
    assert width == 1440 and height > len(PAGES) * 300
