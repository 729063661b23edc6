"""Browsing a store of about 1M quads: ``kg serve`` actor pages and search, and the static page.

The data: the synthetic articles of ``bench_queries.py`` (its ``World`` and ``make_extraction``:
Zipf-like actor frequencies, positions, meetings, calls, relations and quotations with evidence,
mapped to RDF by the code ``kg build`` uses), written into an on-disk store until it holds about
``--quads`` quads.

Measured, in one run on the same store:

1. ``kg serve`` (a real server process, requests over HTTP with ``requests``): the actor page of
   actors drawn by their frequency in the news (so busy actors come up often, as readers ask for
   them) and of the busiest actor, and searches for the first letters of actor names; median and
   95th percentile of the response time, every byte read.
2. The static page: wall time of ``kg viz`` (a fresh process each run) as it was before the
   corpus-scale page (every actor; the tree of commit ``--baseline``, default :data:`BASELINE`,
   exported to a temporary folder with ``git archive``) against this checkout's default (the
   best-connected core) and its ``--all``; runs are interleaved round by round so machine load
   hits all alike; page sizes too.

Usage (from the repository root)::

    .venv/bin/python bench/bench_browse.py                    # ~1M quads (building it takes minutes)
    .venv/bin/python bench/bench_browse.py --quads 100000     # quick look
    .venv/bin/python bench/bench_browse.py --store /tmp/b --reuse   # a store built before

Prints a table and writes ``bench/results/browse.json``. Not a test: figures depend on the machine
and its load (the load average is recorded with them).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "browse.json"
sys.path.insert(0, str(ROOT / "bench"))

from bench_queries import BASE, World, make_extraction  # noqa: E402  (the shared generator)


def build_store(path: Path, target: int, seed: int) -> tuple[int, int]:
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    rng = random.Random(seed)
    world = World(rng)
    st = open_store(path)
    n = articles = 0
    t0 = time.perf_counter()
    while n < target:
        batch = [extraction_to_graph(make_extraction(world, rng, articles + j), base=BASE) for j in range(200)]
        articles += len(batch)
        n += st.add_graphs(batch)
        print(f"\r  {articles} articles, {n} quads", end="", file=sys.stderr, flush=True)
    st.close()
    print(f"\r  {articles} articles, {n} quads in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return articles, n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed_get(session, url: str, **kw) -> tuple[float, int, int]:
    t = time.perf_counter()
    r = session.get(url, timeout=120, **kw)
    body = r.content
    return time.perf_counter() - t, r.status_code, len(body)


def bench_server(store: Path, requests_n: int, seed: int) -> dict:
    import requests

    from kg.web.serve import start_server
    from kg.storage.disk import open_store

    rng = random.Random(seed)
    st = open_store(store, read_only=True)
    counts = [(r["a"].value, r["label"].value, int(r["n"].value)) for r in st.query(
        "SELECT ?a (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?art) AS ?n) WHERE { ?a kg:mentionedIn ?art ; rdfs:label ?l } "
        "GROUP BY ?a")]
    del st
    busiest = max(counts, key=lambda c: c[2])
    weights = [c[2] for c in counts]
    srv = start_server(store, port=free_port())
    out: dict = {"actors": len(counts), "busiest": {"label": busiest[1], "articles": busiest[2]}}
    try:
        s = requests.Session()
        s.headers["Accept"] = "text/html"
        url = srv.url + "resource?iri="
        timed_get(s, url + quote(busiest[0], safe=""))  # warm-up
        times, sizes = [], []
        for a, _label, _n in rng.choices(counts, weights=weights, k=requests_n):
            dt, code, size = timed_get(s, url + quote(a, safe=""))
            assert code == 200, (a, code)
            times.append(dt)
            sizes.append(size)
        out["actor_page"] = {"n": len(times), "median_s": statistics.median(times), "p95_s": percentile(times, 95),
                             "max_s": max(times), "median_bytes": statistics.median(sizes)}
        hub = [timed_get(s, url + quote(busiest[0], safe=""))[0] for _ in range(5)]
        out["busiest_actor_page"] = {"n": 5, "median_s": statistics.median(hub), "max_s": max(hub)}
        stimes, hits = [], []
        for _a, label, _n in rng.choices(counts, k=requests_n):
            q = label.split()[-1][:4]
            dt, code, size = timed_get(s, srv.url + "search", params={"q": q})
            assert code == 200
            stimes.append(dt)
        out["search"] = {"n": len(stimes), "median_s": statistics.median(stimes), "p95_s": percentile(stimes, 95),
                         "max_s": max(stimes)}
    finally:
        srv.stop()
    return out


#: The last commit whose ``kg viz`` drew every actor by default (before the corpus-scale page).
BASELINE = "c390ed8"


def export_tree(rev: str, dest: Path) -> Path | None:
    """The tree of commit ``rev``, exported (not checked out) to ``dest``."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def run_viz(code_root: Path | None, store: Path, out: Path, extra: list[str]) -> tuple[float, int]:
    env = dict(os.environ)
    if code_root is not None:
        env["PYTHONPATH"] = str(code_root)
    cmd = [sys.executable, "-c", "import sys, kg; from kg.cli import main; "
           "assert kg.__file__.startswith(sys.argv[1]), kg.__file__; sys.exit(main(sys.argv[2:]))",
           str(code_root or ROOT), "viz", str(out), "--store", str(store), *extra]
    t = time.perf_counter()
    # run outside the repository, so that '' on sys.path does not put this checkout before PYTHONPATH
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out.parent)
    dt = time.perf_counter() - t
    if res.returncode != 0:
        raise RuntimeError(res.stderr[-2000:])
    return dt, out.stat().st_size


def bench_static(store: Path, rounds: int, work: Path, baseline: str = BASELINE) -> dict:
    old_tree = export_tree(baseline, work / "kg-baseline")
    variants = {"this kg viz (default: core)": (None, []), "this kg viz --all": (None, ["--all"])}
    if old_tree is not None:
        variants = {f"kg viz at {baseline} (every actor)": (old_tree, []), **variants}
    runs: dict[str, list] = {k: [] for k in variants}
    sizes: dict[str, int] = {}
    for r in range(rounds):
        for name, (tree, extra) in variants.items():
            dt, size = run_viz(tree, store, work / f"page-{len(runs[name])}-{abs(hash(name))}.html", extra)
            runs[name].append(dt)
            sizes[name] = size
            print(f"  round {r + 1}: {name}: {dt:.1f} s, {size / 1e6:.1f} MB", file=sys.stderr)
    return {name: {"runs_s": v, "median_s": statistics.median(v), "page_bytes": sizes[name]} for name, v in runs.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--store", type=Path, default=None, help="store folder (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="use the store at --store as it is")
    ap.add_argument("--requests", type=int, default=200, help="actor pages (and searches) to time")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the static page builds")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--only", choices=("server", "static"), help="run one part only")
    ap.add_argument("--baseline", default=BASELINE, help="commit of the kg viz to compare with")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-browse-"))
    store = args.store or work / "store"
    result: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                "load_before": os.getloadavg()}}
    if args.reuse and (store / "CURRENT").exists():
        from kg.storage.disk import open_store

        result["quads"] = len(open_store(store, read_only=True))
    else:
        result["articles"], result["quads"] = build_store(store, args.quads, args.seed)
    print(f"store: {store} ({result['quads']} quads)", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.only != "static":
        result["server"] = bench_server(store, args.requests, args.seed)
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")  # kept if the next part fails
    if args.only != "server":
        result["static_page"] = bench_static(store, args.rounds, work, args.baseline)
    result["machine"]["load_after"] = os.getloadavg()
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\n{result['quads']:,} quads; load {result['machine']['load_before'][0]:.1f}"
          f" -> {result['machine']['load_after'][0]:.1f}")
    if "server" in result:
        print_server(result["server"])
    if "static_page" in result:
        print("\nstatic page (median of rounds):")
        for name, v in result["static_page"].items():
            print(f"  {name:30}{v['median_s']:7.1f} s  {v['page_bytes'] / 1e6:6.1f} MB")
    print(f"\nwrote {args.out}")
    return 0


def print_server(srv: dict) -> None:
    print(f"{srv['actors']:,} actors")
    print(f"{'':34}{'median':>9}{'p95':>9}{'max':>9}")
    for key, name in (("actor_page", "actor page (by news frequency)"), ("search", "search (4 letters)")):
        m = srv[key]
        print(f"{name:34}{m['median_s'] * 1000:8.0f}ms{m['p95_s'] * 1000:8.0f}ms{m['max_s'] * 1000:8.0f}ms")
    b = srv["busiest_actor_page"]
    print(f"{'busiest actor page (' + str(srv['busiest']['articles']) + ' articles)':34}{b['median_s'] * 1000:8.0f}ms"
          f"{'':>9}{b['max_s'] * 1000:8.0f}ms")


if __name__ == "__main__":
    sys.exit(main())
