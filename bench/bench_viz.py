"""Actor-graph page: how long building the page takes, against pyvis's own path, in one run.

For synthetic actor graphs (scale-free, seeded, every relation type) it measures, median of
``--repeat`` runs:

* ``pyvis``: the baseline, ``pyvis.network.Network.add_node`` / ``add_edge`` for every actor and
  relation (what ``from_nx`` does; ``add_edge`` scans the node list for every edge);
* ``records``: kg's node and edge records without the layout (:func:`kg.viz.html.graph_payload`
  with the layout step replaced by a constant), the part that replaces pyvis;
* ``layout``: the seeded Python layout (:func:`kg.viz.layout.layout_positions`);
* ``page``: the whole page (:func:`kg.viz.html.render_html`), and its size.

With ``--browser`` it also opens each page in headless Chromium and reports the time until the
graph is drawn and still (``window.kg.stabilized``).

Usage (from the repository root)::

    .venv/bin/python bench/bench_viz.py --sizes 1000 5000 --repeat 3 [--browser]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

import networkx as nx

PREDICATES = ["metWith", "spokeWith", "represents", "advises", "locatedIn"]
TYPES = ["Person"] * 6 + ["Organization", "Country", "Place"]


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    for v in base:
        g.add_node(v, label=f"Actor {v}", type=rng.choice(TYPES), aliases=[f"A{v}"], positions=["Minister"],
                   articles=rng.randint(1, 9))
    for u, v in base.edges():
        p = rng.choice(PREDICATES)
        g.add_edge(u, v, key=p, predicate=p, evidence=[
            {"sentence": f"Actor {u} and Actor {v} met.", "article": "http://ex.org/article/d", "published": "2025-01-01",
             "title": None, "document": "d"}])
    return g


def pyvis_baseline(g: nx.MultiDiGraph) -> int:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for n, d in g.nodes(data=True):
        net.add_node(n, label=d["label"], title=d["label"], shape="dot")
    for u, v, d in g.edges(data=True):
        net.add_edge(u, v, label=d["predicate"], title=d["evidence"][0]["sentence"])
    return len(net.edges)


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def browser_ready(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"]
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = b.new_page(viewport={"width": 1280, "height": 800})
        t = time.perf_counter()
        page.goto(path.resolve().as_uri())
        # poll through evaluate(): wait_for_function uses eval, which the page's CSP forbids
        while not page.evaluate("window.kg !== undefined && window.kg.stabilized === true"):
            if time.perf_counter() - t > 600:
                raise SystemExit(f"{path}: not stable after 600 s")
            time.sleep(0.05)
        took = time.perf_counter() - t
        b.close()
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    args = ap.parse_args()

    from kg.viz import html as viz_html
    from kg.viz.layout import layout_positions

    out = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    print(f"{'actors':>7} {'relations':>9} {'pyvis s':>8} {'records s':>9} {'speed-up':>8} "
          f"{'layout s':>8} {'page s':>7} {'page MB':>7}" + (f" {'browser s':>9}" if args.browser else ""))
    for n in args.sizes:
        g = synthetic_graph(n)
        t_pyvis = _median(lambda: pyvis_baseline(g), args.repeat)
        flat = {v: (0.0, 0.0) for v in g}
        with mock.patch.object(viz_html, "layout_positions", lambda graph, seed=7: flat):
            t_records = _median(lambda: viz_html.graph_payload(g), args.repeat)
        t_layout = _median(lambda: layout_positions(g, seed=7), args.repeat)
        path = out / f"graph-{n}.html"
        t_page = _median(lambda: viz_html.render_html(g, path), args.repeat)
        line = (f"{n:>7} {g.number_of_edges():>9} {t_pyvis:>8.2f} {t_records:>9.2f} {t_pyvis / t_records:>7.1f}x "
                f"{t_layout:>8.2f} {t_page:>7.2f} {path.stat().st_size / 1e6:>7.1f}")
        if args.browser:
            line += f" {browser_ready(path):>9.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
