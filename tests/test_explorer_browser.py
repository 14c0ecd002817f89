"""The static explorers in a real browser: on every chapter page with an explorer, moving a control
changes the numbers to what the model gives, and the figure, with no kernel and no network.

Served from the strictly built ``_build/html`` on 127.0.0.1 (fixtures in conftest.py; helpers in
tests/browser.py), in Debian's Chromium driven by Playwright. Every expected number is computed here
with the models (tests/test_widgets_oracle.py), never read from the page's own data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from partnership.widgets import EXPLORERS

from .browser import watch
from .test_widgets_oracle import REQUIRED_IDS, assert_shows_model, expected, model_error, parse_raw

pytestmark = pytest.mark.slow

# The control each test moves (one step, in whichever direction keeps the model's inputs valid).
MOVE = {
    "bargaining": "threat_a",
    "rubinstein": "delta_b",
    "ownership": "theta_b",
    "waterfall": "cap_multiple",
    "concentration": "share_3",
    "partial_ownership": "stake",
    "cooperation": "delta",
    "scenarios": "separation_a",
    "renegotiation": "outside_a",
}


def explorer_pages(html_dir: Path) -> dict[str, list[str]]:
    """Explorer id -> pages (relative to the site root) that show it."""
    found: dict[str, list[str]] = {}
    for page in sorted(html_dir.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        for explorer_id in re.findall(r'class="pr-explorer" id="[^"]+" data-explorer="([a-z_]+)"', page.read_text("utf-8")):
            found.setdefault(explorer_id, []).append(page.relative_to(html_dir).as_posix())
    return found


def test_every_explorer_is_on_a_chapter_page(built_book):
    pages = explorer_pages(built_book.html)
    missing = [i for i in REQUIRED_IDS if i not in pages]
    assert missing == [], f"explorers on no page: {missing} (found {pages})"
    assert all(p.startswith("chapters/") for ps in pages.values() for p in ps)


def test_explorer_data_embedded_in_each_page_stays_small(built_book):
    seen = set()
    for page in sorted((built_book.html / "chapters").glob("*.html")):
        text = page.read_text("utf-8")
        for payload in re.findall(r'<script type="application/json" class="pr-explorer-data">(.*?)</script>', text, re.S):
            size = len(payload.encode("utf-8"))
            seen.add(json.loads(payload)["id"])
            assert size < 150_000, f"{page.name}: {json.loads(payload)['id']} embeds {size:,} bytes"
    assert seen >= set(REQUIRED_IDS), f"the pages embed no data for {sorted(set(REQUIRED_IDS) - seen)}: the pattern above finds nothing"


def test_explorer_pages_have_launch_buttons_from_the_one_repository_url(built_book):
    """One Binder launch button per explorer page once the repository's address is set, none before
    (tests/test_publishing.py builds a small book both ways)."""
    import yaml

    config = yaml.safe_load((Path(__file__).resolve().parent.parent / "_config.yml").read_text("utf-8"))
    repo = config["repository"]["url"].removeprefix("https://github.com/").rstrip("/")
    branch = config["repository"].get("branch", "main")
    for explorer_id, pages in explorer_pages(built_book.html).items():
        for page_path in pages:
            source = page_path.removesuffix(".html") + ".md"
            html = (built_book.html / page_path).read_text("utf-8")
            binder = re.findall(rf'href="https://mybinder\.org/v2/gh/{re.escape(repo)}/{branch}\?urlpath=[^"]*{re.escape(source)}"', html)
            colab = re.findall(r'href="https://colab\.research\.google\.com/', html)
            # Colab opens only .ipynb, and the chapters are MyST text notebooks: Binder only.
            want = 1 if repo else 0
            assert len(binder) == want and len(colab) == 0, f"{page_path}: binder {len(binder)}, colab {len(colab)} launch links"
            if not repo:
                assert "mybinder.org" not in html, f"{page_path} links Binder, but no repository is set"
    binder_env = (Path(__file__).resolve().parent.parent / "binder" / "requirements.txt").read_text("utf-8")
    assert "-r ../requirements.lock" in binder_env and "-e ." in binder_env


class Explorer:
    """One static explorer on a loaded page, read the way a reader sees it."""

    def __init__(self, page, explorer_id: str):
        self.page = page
        self.id = explorer_id
        self.root = page.locator(f'div.pr-explorer[data-explorer="{explorer_id}"]').first
        self.wait_ready()
        self.payload = json.loads(self.root.locator("script.pr-explorer-data").text_content())
        self.controls = self.payload["controls"]

    def wait_ready(self):
        self.root.wait_for()
        self.page.wait_for_function("el => el.dataset.ready === 'true'", arg=self.root.element_handle(), timeout=15_000)

    def control(self, name: str):
        return self.root.locator(f'[data-control="{name}"]')

    def positions(self) -> dict[str, int]:
        out = {}
        for c in self.controls:
            el = self.control(c["name"])
            out[c["name"]] = int(el.input_value()) if el.count() else 0
        return out

    def params(self, positions: dict[str, int] | None = None) -> dict:
        positions = positions or self.positions()
        params = {}
        for c in self.controls:
            value = c["values"][positions[c["name"]]]
            params[c["name"]] = tuple(value) if isinstance(value, list) else value
        return params

    def numbers(self) -> dict[str, dict]:
        rows = self.root.locator("[data-number]").evaluate_all(
            "els => els.map(e => [e.dataset.number, e.dataset.value, e.querySelector('dd').textContent])"
        )
        return {slug: {"value": parse_raw(value), "text": text} for slug, value, text in rows}

    def chart_signature(self) -> str:
        return self.root.locator("canvas").evaluate(
            "c => { const ch = Chart.getChart(c); return JSON.stringify([ch.data.datasets.map(d => d.data),"
            " ch.options.plugins.prReferences.refs]); }"
        )

    def set_position(self, name: str, index: int):
        el = self.control(name)
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(str(index))
        else:
            el.fill(str(index))
        self.wait_ready()


def _explorer_errors(page) -> list[str]:
    """Console errors raised by the explorer code or the vendored Chart.js (site-wide errors from the
    theme are checked, strictly, by test_explorer_pages_have_zero_console_errors)."""
    errors: list[str] = []

    def on_console(msg):
        url = (msg.location or {}).get("url", "")
        if msg.type == "error" and ("explorer" in msg.text or "explorer.js" in url or "chartjs" in url):
            errors.append(f"{msg.text} ({url})")

    def on_pageerror(exc):
        where = f"{getattr(exc, 'message', exc)} {getattr(exc, 'stack', '') or ''}"
        if "explorer" in where or "chartjs" in where or "Chart" in where:
            errors.append(where)

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    return errors


def _load(browser, site_url, built_book, explorer_id):
    pages = explorer_pages(built_book.html).get(explorer_id)
    if not pages:
        pytest.skip(f"no chapter page shows explorer {explorer_id!r} yet")
    page = browser.new_page()
    report = watch(page)
    report.explorer_errors = _explorer_errors(page)
    response = page.goto(f"{site_url}/{pages[0]}", wait_until="networkidle")
    assert response.status == 200
    return page, report, Explorer(page, explorer_id)


def _step(ex: Explorer, name: str) -> str:
    """The key to press on control ``name`` so the model's numbers change and stay valid."""
    pos = ex.positions()
    before = expected(ex.id, ex.params(pos))
    n = len(ex.controls[[c["name"] for c in ex.controls].index(name)]["values"])
    for key, delta in (("ArrowRight", 1), ("ArrowLeft", -1)):
        if 0 <= pos[name] + delta < n:
            moved = {**pos, name: pos[name] + delta}
            if model_error(ex.id, ex.params(moved)) is None and expected(ex.id, ex.params(moved)) != before:
                return key
    pytest.fail(f"{ex.id}: no valid one-step move of {name!r} changes the result")


@pytest.mark.parametrize("explorer_id", sorted(MOVE))
def test_moving_a_control_shows_the_models_result(browser, site_url, built_book, explorer_id):
    page, report, ex = _load(browser, site_url, built_book, explorer_id)
    start = ex.params()
    assert_shows_model(explorer_id, start, ex.numbers())
    before_numbers, before_chart = ex.numbers(), ex.chart_signature()
    before_reading = ex.root.locator(".pr-reading").text_content()

    name = MOVE[explorer_id]
    key = _step(ex, name)
    ex.control(name).focus()
    ex.control(name).press(key)
    ex.wait_ready()

    params = ex.params()
    assert params[name] != start[name]
    numbers = ex.numbers()
    assert_shows_model(explorer_id, params, numbers)
    assert numbers != before_numbers
    assert ex.chart_signature() != before_chart, "the figure must change with the numbers"
    reading = ex.root.locator(".pr-reading").text_content()
    assert reading != before_reading
    assert reading == EXPLORERS[explorer_id].view(params, baseline=start).reading
    label = ex.control(name).get_attribute("aria-valuetext")
    assert label and ex.root.locator(f'[data-control-text="{name}"]').text_content() == label
    assert len(ex.root.locator("canvas").get_attribute("aria-label")) > 40
    assert ex.root.locator(".pr-error").is_hidden()
    page.close()
    assert report.explorer_errors == []
    assert report.external_requests == [] and report.failed_requests == [] and report.bad_status == []


@pytest.mark.parametrize("explorer_id", sorted(MOVE))
def test_an_invalid_position_shows_the_models_message_and_recovers(browser, site_url, built_book, explorer_id):
    page, report, ex = _load(browser, site_url, built_book, explorer_id)
    start_positions = ex.positions()
    bad = None
    for c in ex.controls:
        if not ex.control(c["name"]).count():
            continue
        for index in range(len(c["values"])):
            positions = {**start_positions, c["name"]: index}
            message = model_error(explorer_id, ex.params(positions))
            if message:
                bad = (c["name"], index, message)
                break
        if bad:
            break
    if bad is None:
        page.close()
        pytest.skip(f"the model accepts every single-control position of {explorer_id!r} on this page")
    name, index, message = bad
    ex.set_position(name, index)
    error = ex.root.locator('.pr-error[role="alert"]')
    assert error.is_visible() and error.text_content() == message
    assert ex.root.locator(".pr-result").is_hidden()

    ex.set_position(name, start_positions[name])
    assert error.is_hidden()
    assert_shows_model(explorer_id, ex.params(), ex.numbers())
    page.close()
    assert report.explorer_errors == []
    assert report.external_requests == [] and report.failed_requests == []


def _explorer_page_reports(browser, site_url, built_book):
    reports = {}
    for page_path in sorted({p for ps in explorer_pages(built_book.html).values() for p in ps}):
        page = browser.new_page()
        report = watch(page)
        page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
        for root in page.locator("div.pr-explorer").all():
            page.wait_for_function("el => el.dataset.ready === 'true'", arg=root.element_handle(), timeout=15_000)
        page.close()
        reports[page_path] = report
    return reports


def test_explorer_pages_load_nothing_from_other_hosts_and_report_their_weight(browser, site_url, built_book):
    reports = _explorer_page_reports(browser, site_url, built_book)
    assert reports
    for page_path, report in reports.items():
        assert report.external_requests == [], f"{page_path}: {report.external_requests}"
        assert report.failed_requests == [] and report.bad_status == [], page_path
    weights = {page_path: report.bytes_transferred for page_path, report in reports.items()}
    print("explorer page weights (bytes transferred):", json.dumps(weights, indent=1))


def test_explorer_pages_have_zero_console_errors(browser, site_url, built_book):
    """Strict: any console error on an explorer page fails, whoever raised it (theme included)."""
    reports = _explorer_page_reports(browser, site_url, built_book)
    errors = {p: r.console_errors + r.page_errors for p, r in reports.items() if r.console_errors + r.page_errors}
    assert errors == {}
