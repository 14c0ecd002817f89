"""Serve the built site on 127.0.0.1 and drive Debian's Chromium with Playwright (no browser download)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".ipynb"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that, like the common static hosts, gzips text when the browser asks."""

    def log_message(self, format, *args):  # noqa: A002 - keep test output readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageReport:
    """What one page load did: console errors, failed and non-local requests, bytes transferred."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    bytes_transferred: int = 0  # on the wire (compressed where the server compressed)
    local_paths: list[str] = field(default_factory=list)  # URL paths fetched from this machine

    @property
    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests + self.external_requests + self.bad_status


def watch(page) -> PageReport:
    """Record everything that can go wrong on ``page``; block any request that leaves this machine."""
    report = PageReport()

    def on_route(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            report.external_requests.append(route.request.url)
            route.abort()

    def on_response(response):
        if response.status >= 400:
            report.bad_status.append(f"{response.status} {response.url}")

    def on_finished(request):
        try:
            sizes = request.sizes()
            report.bytes_transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            report.local_paths.append(urlparse(request.url).path)
        except Exception:  # noqa: BLE001, S110 - a request torn down by navigation has no sizes
            pass

    page.route("**/*", on_route)
    page.on("console", lambda msg: msg.type == "error" and report.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: report.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: report.failed_requests.append(f"{req.url} ({req.failure})"))
    page.on("response", on_response)
    page.on("requestfinished", on_finished)
    return report


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
