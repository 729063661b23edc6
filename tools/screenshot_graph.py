"""Take the README's screenshot of the HTML actor graph of the example article.

Usage::

    .venv/bin/python tools/screenshot_graph.py [OUT.png]     # default docs/example-graph.png

Builds ``examples/geneva-talks.txt`` (published 2025-03-12) into a temporary store, writes the
page that ``kg viz`` writes, opens it in Debian's headless Chromium (``/usr/bin/chromium``, driven
by Playwright; nothing is downloaded, every request other than the file itself is refused), waits
until the layout has stabilised and saves a PNG.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def graph_page(folder: Path) -> Path:
    """The HTML page of the example article's actor graph, written into ``folder``."""
    from kg.pipeline.build import build_into
    from kg.storage.disk import open_store
    from kg.viz.graph import actor_graph
    from kg.viz.html import render_html

    store = open_store(folder / "store")
    try:
        build_into(store, [str(ROOT / "examples" / "geneva-talks.txt")], published="2025-03-12")
        page = folder / "graph.html"
        render_html(actor_graph(store), page, title="kg: Canada and Japan agree to resume trade talks")
    finally:
        store.close()
    return page


def screenshot(page: Path, out: Path, *, width: int = 1200, height: int = 720, timeout: float = 120) -> Path:
    """Save a PNG of ``page`` once its graph layout has stabilised."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": width, "height": height})
            tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else route.abort())
            tab.goto(page.resolve().as_uri())
            deadline = time.monotonic() + timeout
            # evaluate(), not wait_for_function(): the page's CSP forbids eval inside the page
            while not tab.evaluate("window.kg !== undefined && window.kg.stabilized === true"):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{page}: the graph did not stabilise within {timeout} s")
                time.sleep(0.1)
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(out))
        finally:
            browser.close()
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "example-graph.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-screenshot-") as tmp:
        screenshot(graph_page(Path(tmp)), out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
