"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API.

Never ``playwright install``: CI installs the browser with apt-get (see .ci/run). The tests skip
only when /usr/bin/chromium is absent. Screenshots go to ``test-artifacts/`` (gitignored).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as .ci/run does")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@dataclass
class Loaded:
    """A page opened from a file, with everything it logged or tried to fetch."""

    page: object
    console: list = field(default_factory=list)   # (type, text)
    errors: list = field(default_factory=list)    # uncaught exceptions
    requests: list = field(default_factory=list)  # every URL requested
    blocked: list = field(default_factory=list)   # non-file URLs (aborted)
    dialogs: list = field(default_factory=list)   # alert/confirm/prompt messages

    def console_errors(self) -> list:
        return [text for kind, text in self.console if kind == "error"]


@pytest.fixture
def open_page(browser):
    """``open_page(path, wait=True)``: a new page showing ``path``, waiting until the graph is laid out."""
    contexts = []

    def _open(path, *, wait: bool = True, viewport=(1280, 800)) -> Loaded:
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(ctx)
        page = ctx.new_page()
        out = Loaded(page)
        page.on("console", lambda m: out.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: out.errors.append(str(e)))
        page.on("request", lambda r: out.requests.append(r.url))

        def _dialog(d):
            out.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", _dialog)

        def _route(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                out.blocked.append(route.request.url)
                route.abort()

        ctx.route("**/*", _route)
        page.goto(Path(path).resolve().as_uri())
        if wait:
            wait_until(page, "window.kg !== undefined && window.kg.stabilized === true", timeout=120)
        return out

    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def wait_until_true():
    """The :func:`wait_until` helper, for tests."""
    return wait_until


def wait_until(target, expression: str, *, timeout: float = 30, every: float = 0.1):
    """Poll ``expression`` in a page or frame until it is truthy; return its value.

    Playwright's ``wait_for_function`` polls with ``eval`` inside the page, which the page's
    Content-Security-Policy forbids (no 'unsafe-eval'); ``evaluate`` goes through the DevTools
    protocol and is allowed. The bound is generous: the tests assert states, not times.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = target.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(every)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


