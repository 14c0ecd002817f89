"""The site as a reader uses it on a phone (390×844, touch) and on a desktop (1280×900, mouse):
every visible sidebar toggle on every page opens what it names and closes it again, by touch or
click and from the keyboard, with focus back on the toggle; one search field, which opens; on a
phone the page fits the screen and nothing floats over the text; explorer charts take the new
colours when the reader switches between light and dark mode.

The toggles were dead on every page with the pinned themes (pydata-sphinx-theme#2451,
sphinx-book-theme#988; the work-around is _ext/navigation.py and _static/navigation.js).
"""

from __future__ import annotations

import pytest

from .browser import watch
from .test_explorer_browser import explorer_pages
from .test_site import PAGES

pytestmark = pytest.mark.slow

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

# What a toggle names -> a link that is only usable while that sidebar is open. The themes move the
# sidebar's content into a dialog on narrow screens, so the selectors do not depend on where it is.
TARGETS = {
    "primary sidebar": "nav.bd-docs-nav a",
    "secondary sidebar": "nav.page-toc a",
}

# Usable: rendered, visible (not visibility:hidden or transparent) and the topmost element at its
# centre, so not behind a dialog's backdrop or another element.
USABLE = """sel => {
  const el = document.querySelector(sel);
  if (!el || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) return false;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === el || el.contains(hit));
}"""

VISIBLE_TOGGLES = """() => Array.from(document.querySelectorAll('button.sidebar-toggle, .sidebar-toggle'))
  .filter(b => b.checkVisibility({visibilityProperty: true, opacityProperty: true})
               && b.getBoundingClientRect().width > 0)
  .map((b, i) => { b.dataset.navTest = String(i);
                   return [String(i), (b.getAttribute('aria-label') || b.title || b.dataset.bsOriginalTitle || '').trim()]; })"""


def _target(name: str) -> str:
    for words, selector in TARGETS.items():
        if words in name.lower():
            return selector
    pytest.fail(f"a visible sidebar toggle is named {name!r}, which names no sidebar this test knows")


def _wait_usable(page, selector: str, usable: bool, what: str):
    try:
        page.wait_for_function(f"sel => ({USABLE})(sel) === {str(usable).lower()}", arg=selector, timeout=3_000)
    except Exception:  # noqa: BLE001 - a clearer message than Playwright's timeout
        pytest.fail(f"{what}: {selector} should be {'usable' if usable else 'hidden'} and is not")


def _focused_on(page, toggle) -> bool:
    return toggle.evaluate("b => document.activeElement === b")


def _press(page, toggle, how: str):
    if how == "tap":
        toggle.tap()
    elif how == "click":
        toggle.click()
    else:
        toggle.focus()
        page.keyboard.press(how)


def _tap_backdrop(page, dialog):
    """Tap the page beside an open sidebar dialog, where its backdrop is, as a phone reader does."""
    box = dialog.bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    if box["x"] + box["width"] < width - 20:
        x = (box["x"] + box["width"] + width) / 2
    elif box["x"] > 20:
        x = box["x"] / 2
    else:
        pytest.fail("an open sidebar covers the whole screen: there is no backdrop to tap and no close button")
    page.touchscreen.tap(x, height / 2)


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("page_path", PAGES)
def test_every_visible_sidebar_toggle_opens_and_closes_what_it_names(browser, site_url, page_path, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    report = watch(page)
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    toggles = page.evaluate(VISIBLE_TOGGLES)
    names = [name for _, name in toggles]
    # Every page has site navigation and, where it has sections, on a phone a page-contents button
    # too (a wide desktop shows the page's contents beside the text and hides that button).
    assert any("primary" in n.lower() for n in names), f"{page_path} ({size}): no site navigation toggle in {names}"
    if size == "phone" and page.locator(TARGETS["secondary sidebar"]).count():
        assert any("secondary" in n.lower() for n in names), f"{page_path} ({size}): no page-contents toggle in {names}"

    ways = ["tap", "Enter"] if size == "phone" else ["click", "Enter", "Space"]
    for index, name in toggles:
        toggle = page.locator(f'[data-nav-test="{index}"]')
        target = _target(name)
        for how in ways:
            what = f"{page_path} ({size}), {name!r} pressed by {how}"
            was_open = page.evaluate(USABLE, target)
            _press(page, toggle, how)
            _wait_usable(page, target, not was_open, what)
            dialog = page.locator("dialog[open]")
            if dialog.count():
                # A sidebar opened as a dialog (narrow screens): it closes with Escape, or a tap on
                # the backdrop; then focus is back on the toggle.
                assert not was_open
                if how == "tap":
                    _tap_backdrop(page, dialog.first)
                else:
                    page.keyboard.press("Escape")
            else:
                # Collapsed or expanded in place (wide screens): the same toggle undoes it, and says
                # which state the sidebar is in.
                expanded = toggle.get_attribute("aria-expanded")
                assert expanded == ("false" if was_open else "true"), f"{what}: aria-expanded is {expanded!r}"
                assert _focused_on(page, toggle), f"{what}: focus left the toggle"
                if how in {"tap", "click"}:
                    _press(page, toggle, how)
                else:
                    page.keyboard.press(how)  # a keyboard user's second press, without refocusing
            _wait_usable(page, target, was_open, what + ", then closed again")
            page.wait_for_function("() => !document.querySelector('dialog[open]')", timeout=3_000)
            assert _focused_on(page, toggle), f"{what}: focus did not come back to the toggle"
    context.close()
    assert report.problems == []


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("page_path", PAGES)
def test_one_search_field_and_it_opens(browser, site_url, page_path, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    search = page.locator(".search-button-field, .search-button").filter(visible=True)
    assert search.count() == 1, f"{page_path} ({size}): {search.count()} visible search controls"
    search.first.tap() if size == "phone" else search.first.click()
    page.wait_for_selector("#pst-search-dialog[open] input[type=search]", timeout=3_000)
    assert page.evaluate("document.activeElement.matches('#pst-search-dialog input[type=search]')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('#pst-search-dialog[open]')", timeout=3_000)
    context.close()


# Sticky on purpose: the article's own header bar (☰, launch, download, mode, search, contents),
# whose height the page keeps clear at the top (scroll-padding).
ALLOWED_OVER_TEXT = ".bd-header-article"

FLOATING = """allowed => {
  const article = document.querySelector('.bd-article').getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const position = getComputedStyle(el).position;
    if ((position !== 'fixed' && position !== 'sticky') || el.closest(allowed)) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    const overlaps = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
      && r.left < article.right && r.right > article.left;
    if (overlaps) out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} (${position})`);
  }
  return out;
}"""


@pytest.mark.parametrize("page_path", PAGES)
def test_on_a_phone_the_page_fits_and_nothing_floats_over_the_text(browser, site_url, page_path):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    # A phone browser widens its layout viewport (zooming the page out) to fit anything too wide.
    width = page.evaluate("[innerWidth, document.documentElement.scrollWidth]")
    assert width == [390, 390], f"{page_path}: laid out {width[0]} px wide, content {width[1]} px, on a 390 px screen"
    height = page.evaluate("document.documentElement.scrollHeight")
    floating = {}
    # Reading down, then back up a little (when the theme's "Back to top" pill used to appear).
    for y in (height // 3, height // 3 - 300, 2 * height // 3, 2 * height // 3 - 300):
        page.evaluate("y => window.scrollTo(0, y)", max(y, 0))
        page.wait_for_timeout(150)
        found = page.evaluate(FLOATING, ALLOWED_OVER_TEXT)
        if found:
            floating[y] = found
    context.close()
    assert floating == {}, f"{page_path}: over the text at scroll positions {floating}"


CHART_COLOURS = """canvas => {
  const chart = Chart.getChart(canvas);
  const o = chart.options;
  return {legend: o.plugins.legend.labels.color, x: o.scales.x.ticks.color, y: o.scales.y.ticks.color,
          references: o.plugins.prReferences.textColor,
          text: getComputedStyle(canvas.closest('.pr-explorer')).color};
}"""


def _wait_explorers_ready(page):
    for root in page.locator("div.pr-explorer").all():
        page.wait_for_function("el => el.dataset.ready === 'true'", arg=root.element_handle(), timeout=15_000)


def test_explorer_charts_take_the_new_colours_when_the_reader_switches_mode(browser, site_url, built_book):
    pages = sorted({p for ps in explorer_pages(built_book.html).values() for p in ps})
    assert pages
    for page_path in pages:
        context = browser.new_context(color_scheme="light", **DESKTOP)
        context.add_init_script("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');")
        page = context.new_page()
        report = watch(page)
        page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
        _wait_explorers_ready(page)
        canvases = page.locator("div.pr-explorer[data-state='ok'] .pr-chart canvas").all()
        assert canvases, page_path
        light = [c.evaluate(CHART_COLOURS) for c in canvases]

        button = page.locator(".theme-switch-button").filter(visible=True).first
        for _ in range(3):  # the button cycles light -> auto -> dark
            if page.evaluate("document.documentElement.dataset.theme") == "dark":
                break
            button.click()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        _wait_explorers_ready(page)
        dark = [c.evaluate(CHART_COLOURS) for c in canvases]
        context.close()
        assert report.problems == []
        for before, after in zip(light, dark):
            assert after["text"] != before["text"], f"{page_path}: the explorer's text colour did not change"
            for key in ("legend", "x", "y", "references"):
                assert before[key] == before["text"], f"{page_path}: {key} drawn in {before[key]}, text is {before['text']}"
                assert after[key] == after["text"], f"{page_path}: after the switch {key} is still {after[key]}"
