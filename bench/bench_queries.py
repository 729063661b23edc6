"""Named-query latency on about 1M triples: kg's embedded Oxigraph store against rdflib, one run.

The data: synthetic articles shaped like kg's output. Made-up actors (people, countries,
organisations, places) are drawn with a heavy-tailed (Zipf-like) frequency, as news actors are;
each article gets positions, meetings, phone calls, relations and quotations with evidence, as
:class:`kg.records.Extraction` records mapped to RDF by :func:`kg.rdf.mapping.extraction_to_graph`
(the same code ``kg build`` uses), until the store holds about ``--triples`` triples.

The same triples go into
* kg's store: the on-disk Oxigraph store (:func:`kg.storage.disk.open_store`, one named graph per article;
  queries see their union, as ``kg query`` does), queried with :func:`kg.storage.query.run_query`;
* the baseline: one rdflib in-memory ``Graph`` holding the union, queried with ``Graph.query``
  with the same text, the same parameters (``initBindings``) and the same prefixes.

For each named query (ontologies/queries/*.rq, with parameters naming a busy actor) it reports
the median wall time of running the query and reading every row, ``--repeats`` runs for
Oxigraph (after one warm-up; 3 when a run takes over 5 s) and up to ``--rdflib-repeats`` for
rdflib within ``--rdflib-budget`` seconds per query (a first run still going then is stopped,
and its time is a lower bound, marked ``>``), the row counts of both (they must agree) and the
speed-up.
The goal is a speed-up of at least 10x for every query.

Usage (from the repository root)::

    .venv/bin/python bench/bench_queries.py                     # ~1M triples (several minutes)
    .venv/bin/python bench/bench_queries.py --triples 50000     # quick look

Prints a table and writes ``bench/results/queries.json``. Not a test: figures depend on the
machine and its load (recorded with the results).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "queries.json"
GOAL = 10.0
BASE = "http://bench.example.org/"

_SYLLABLES = ("ka ri mo len sa vi tor an el ba du ne sho mir ta lo ve gan pe ru dal si ko fen "
              "ha mi zar bo nel tu ra ke").split()
_TITLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "Finance Minister",
           "Trade Minister", "Ambassador", "Special Envoy", "National Security Adviser", "Spokesperson",
           "Chancellor", "Interior Minister", "Opposition Leader", "Party Chairman", "Secretary-General")
_CUES = ("said", "told", "added", "warned", "insisted", "argued")
_WORDS = ("talks peace deal trade security sanctions border agreement ceasefire economy energy "
          "summit alliance election reform budget minister government officials week meeting").split()
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


class World:
    """The made-up actors and how often each is in the news (Zipf-like weights)."""

    def __init__(self, rng: random.Random, persons=6000, countries=150, orgs=1500, places=800):
        def unique(make, n):
            seen, out = set(), []
            while len(out) < n:
                v = make()
                if v not in seen:
                    seen.add(v)
                    out.append(v)
            return out

        self.persons = unique(lambda: f"{_name(rng, 2)} {_name(rng, 3)}", persons)
        self.countries = unique(lambda: _name(rng, 3) + "ia", countries)
        self.orgs = unique(lambda: f"{_name(rng, 2)} {rng.choice(['Council', 'Ministry', 'Party', 'Agency', 'Bank'])}", orgs)
        self.places = unique(lambda: _name(rng, 2) + rng.choice(["burg", "grad", " City", "ville", "stad"]), places)
        self.home = {p: rng.randrange(countries) for p in self.persons}
        self.title = {p: rng.choice(_TITLES) for p in self.persons}
        self.place_country = {p: rng.randrange(countries) for p in self.places}

        def weights(n):
            return [1.0 / (i + 1) ** 0.9 for i in range(n)]

        self.w = {"persons": weights(persons), "countries": weights(countries), "orgs": weights(orgs),
                  "places": weights(places)}

    def pick(self, rng, kind: str, k: int) -> list[str]:
        pool = getattr(self, kind)
        out: list[str] = []
        while len(out) < k:
            for x in rng.choices(pool, weights=self.w[kind], k=k):
                if x not in out:
                    out.append(x)
        return out[:k]


def _sentence(rng: random.Random, *names: str) -> str:
    words = rng.choices(_WORDS, k=rng.randint(10, 22))
    for n in names:
        words.insert(rng.randrange(len(words) + 1), n)
    return " ".join(words).capitalize() + "."


def make_extraction(world: World, rng: random.Random, i: int):
    """One synthetic article as kg records."""
    from kg.records import Document, Entity, Event, Evidence, Extraction, Position, Quotation, Relation

    persons = world.pick(rng, "persons", rng.randint(3, 6))
    countries = {world.countries[world.home[p]] for p in persons}
    countries.update(world.pick(rng, "countries", rng.randint(0, 2)))
    orgs = world.pick(rng, "orgs", rng.randint(0, 2))
    place = world.pick(rng, "places", 1)[0]
    countries.add(world.countries[world.place_country[place]])
    sentences: list[str] = []

    def ev(rule: str, *names: str) -> Evidence:
        s = _sentence(rng, *names)
        start = sum(len(x) + 1 for x in sentences)
        sentences.append(s)
        return Evidence(s, start, start + len(s), rule, round(rng.uniform(0.4, 0.95), 2))

    key = {n: f"P{j}" for j, n in enumerate(persons)}
    key.update({n: f"C{j}" for j, n in enumerate(sorted(countries))})
    key.update({n: f"O{j}" for j, n in enumerate(orgs)})
    key[place] = "L0"
    entities = [Entity(key[p], "Person", p, (p.split()[-1],)) for p in persons]
    entities += [Entity(key[c], "Country", c) for c in sorted(countries)]
    entities += [Entity(key[o], "Organization", o) for o in orgs]
    entities.append(Entity("L0", "Place", place))

    positions, relations, events, quotes = [], [], [], []
    for p in persons:
        home = world.countries[world.home[p]]
        if rng.random() < 0.8:
            e = ev("title-premodifier", world.title[p], p)
            positions.append(Position(key[p], world.title[p], key[home], e))
            relations.append(Relation(key[p], "represents", key[home], e))
    for _ in range(rng.randint(1, 3)):
        a, b = rng.sample(persons, 2)
        relations.append(Relation(key[a], rng.choice(["metWith", "metWith", "spokeWith"]), key[b], ev("meet-verb", a, b)))
    if rng.random() < 0.3:
        a, b = rng.sample(persons, 2)
        relations.append(Relation(key[a], "advises", key[b], ev("adviser-of", a, b)))
    relations.append(Relation("L0", "locatedIn", key[world.countries[world.place_country[place]]], ev("place-in", place)))
    published = f"20{rng.randint(15, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    for _ in range(rng.randint(1, 2)):
        who = tuple(key[p] for p in rng.sample(persons, rng.randint(2, 3)))
        status = rng.choices(["asserted", "planned", "negated"], weights=[8, 1, 1])[0]
        events.append(Event("Meeting", who, ev("meet-verb", place), places=("L0",),
                            date=published if rng.random() < 0.6 else None, date_text=rng.choice(_DAYS),
                            status=status))
    if rng.random() < 0.3:
        who = tuple(key[p] for p in rng.sample(persons, 2))
        events.append(Event("PhoneCall", who, ev("call-verb"), date=published))
    for _ in range(rng.randint(2, 5)):
        speaker = rng.choice(persons + [None])
        q = _sentence(rng)
        quotes.append(Quotation(q[:-1], key[speaker] if speaker else None, rng.choice(["direct", "indirect"]),
                                ev("direct-quote"), cue=rng.choice(_CUES)))
    doc = Document(id=f"bench-{i:07d}", text=" ".join(sentences), title=_sentence(rng)[:60], published=published)
    return Extraction(doc, tuple(entities), (), tuple(relations), tuple(positions), tuple(quotes), tuple(events))


def build_data(store_dir: Path, target: int, seed: int):
    """Write synthetic articles into the store and an rdflib Graph until ``target`` triples."""
    from rdflib import Graph

    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    rng = random.Random(seed)
    world = World(rng)
    st = open_store(store_dir)
    union = Graph()
    n = 0
    articles = 0
    t0 = time.perf_counter()
    while n < target:
        batch = [extraction_to_graph(make_extraction(world, rng, articles + j), base=BASE) for j in range(200)]
        articles += len(batch)
        n += st.add_graphs(batch)
        for g in batch:
            for t in g:
                union.add(t)
        print(f"\r  {articles} articles, {n} quads", end="", file=sys.stderr, flush=True)
    st.flush()
    print(f"\r  {articles} articles, {n} quads in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return st, union, world, articles, n


def busy_actors(st) -> tuple[str, str, str]:
    """The best-connected person, one they met (for ``evidence``) and a person two meetings away
    from them (for ``connections``)."""
    import pyoxigraph as ox

    from kg.storage.query import select

    top = next(r for r in select(st, "most-connected") if r["type"] == "Person")
    hub = {"hub": ox.NamedNode(top["actor"])}
    met = select(st, "SELECT DISTINCT ?hub ?name WHERE { ?hub kg:metWith|^kg:metWith ?o . "
                     "?o rdfs:label|rdfs:label ?name } ORDER BY ?name LIMIT 1", hub)
    far = select(st, "SELECT DISTINCT ?hub ?name WHERE { ?hub kg:metWith|^kg:metWith ?m . "
                     "?m kg:metWith|^kg:metWith ?o . FILTER(?o != ?hub) "
                     "FILTER NOT EXISTS { ?hub kg:metWith|^kg:metWith ?o } "
                     "?o rdfs:label|rdfs:label ?name } ORDER BY ?name LIMIT 1", hub)
    return top["name"], met[0]["name"], far[0]["name"]


def time_oxigraph(st, text: str, params: dict, repeats: int, budget: float):
    """Median time and rows of Oxigraph on ``text``. The warm-up run goes through
    :func:`kg.storage.query.run_query`'s time limit (a child process); when it exceeds ``budget`` the
    result is a lower bound: ``(budget, None, [], True)``."""
    from kg.storage.query import run_query
    from kg.storage.stoppable import QueryTimeoutError

    def once():
        t = time.perf_counter()
        res = run_query(st, text, params)
        rows = list(res) if not isinstance(res, bool) else [res]
        return time.perf_counter() - t, len(rows)

    t = time.perf_counter()
    try:
        list(run_query(st, text, params, timeout=budget))
    except QueryTimeoutError:
        return time.perf_counter() - t, None, [], True
    warm = time.perf_counter() - t
    runs = [once() for _ in range(repeats if warm < 5 else min(repeats, 3))]
    return statistics.median(t for t, _ in runs), runs[0][1], [t for t, _ in runs], False


class _OverBudget(Exception):
    pass


def _alarm(signum, frame):
    raise _OverBudget


def time_rdflib(graph, text: str, params: dict, repeats: int, budget: float):
    """Median time and rows of rdflib on ``text``; a run still going when the budget is spent is
    stopped (SIGALRM) and the result is a lower bound: ``(budget, None, times, True)``."""
    import signal

    from rdflib import Literal, Variable

    from kg.rdf.namespace import PREFIXES

    bindings = {Variable(k): Literal(v) for k, v in params.items()}
    times, n = [], 0
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for _ in range(repeats):
            left = budget - sum(times)
            if times and left <= 0:
                break
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
            t = time.perf_counter()
            try:
                n = len(list(graph.query(text, initNs=PREFIXES, initBindings=bindings)))
            except _OverBudget:
                if not times:
                    return time.perf_counter() - t, None, [time.perf_counter() - t], True
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return statistics.median(times), n, times, False


def _case(name: str, params: dict) -> str:
    """``meetings``, or ``meetings (all)`` for a run without its optional parameters."""
    return name if params or not _optional_only(name) else f"{name} (all)"


def _optional_only(name: str) -> bool:
    from kg.storage.named import named_query

    q = named_query(name)
    return bool(q.params) and not q.required


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="approximate size of the data (quads)")
    ap.add_argument("--repeats", type=int, default=7, help="timed Oxigraph runs per query (after a warm-up)")
    ap.add_argument("--rdflib-repeats", type=int, default=3, help="timed rdflib runs per query")
    ap.add_argument("--rdflib-budget", type=float, default=300.0,
                    help="seconds of rdflib time per query: repeats stop when spent, and a first run still going "
                         "is stopped there (its time is then a lower bound, shown with '>')")
    ap.add_argument("--oxigraph-budget", type=float, default=120.0,
                    help="seconds allowed for the Oxigraph warm-up run of a query (stopped beyond, reported as missed)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", nargs="*", help="named queries to run (default: all)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    from kg.storage.named import named_queries

    with tempfile.TemporaryDirectory(prefix="kg-bench-queries-") as tmp:
        print(f"generating about {args.triples} triples (seed {args.seed})", file=sys.stderr)
        st, union, world, articles, quads = build_data(Path(tmp) / "store", args.triples, args.seed)
        hub, partner, far = busy_actors(st)
        print(f"  rdflib Graph: {len(union)} triples (the union); parameters: {hub!r}, {partner!r}, {far!r}",
              file=sys.stderr)
        params = {"actor": hub, "name": hub, "from": hub, "to": far, "a": hub, "b": partner}
        results = []
        queries = [q for q in named_queries().values() if not args.only or q.name in args.only]
        # each query with its parameters naming busy actors, and a query whose parameters are all
        # optional also without them (the whole store: what `kg query meetings` does)
        cases = [(q, {k: params[k] for k in q.params if k in params}) for q in queries]
        cases += [(q, {}) for q in queries if q.params and not q.required]
        for q, p in cases:
            ox_t, ox_n, ox_runs, ox_stopped = time_oxigraph(st, q.text, p, args.repeats, args.oxigraph_budget)
            print(f"  {_case(q.name, p):<18} oxigraph {'>' if ox_stopped else ' '}{ox_t * 1000:9.1f} ms ({ox_n} rows)", end="",
                  file=sys.stderr, flush=True)
            if ox_stopped:  # no speed-up to measure
                rl_t, rl_n, rl_runs, stopped = None, None, [], False
                print("   rdflib not run", file=sys.stderr)
            else:
                rl_t, rl_n, rl_runs, stopped = time_rdflib(union, q.text, p, args.rdflib_repeats, args.rdflib_budget)
                print(f"   rdflib {'>' if stopped else ' '}{rl_t * 1000:11.1f} ms ({rl_n} rows)", file=sys.stderr)
            results.append({"query": q.name, "params": p, "oxigraph_median_s": ox_t,
                            "oxigraph_stopped_at_budget": ox_stopped, "rdflib_median_s": rl_t,
                            "rdflib_stopped_at_budget": stopped,
                            "speedup": rl_t / ox_t if rl_t and ox_t and not ox_stopped else None,
                            "rows_oxigraph": ox_n, "rows_rdflib": rl_n,
                            "rows_agree": ox_n == rl_n, "oxigraph_runs_s": ox_runs, "rdflib_runs_s": rl_runs})
        st.close()

    header = f"{'query':<18} {'params':<32} {'oxigraph ms':>12} {'rdflib ms':>12} {'speed-up':>9} {'rows':>7}  goal"
    print(f"\nNamed queries on {quads} quads ({len(union)} distinct triples, {articles} articles); "
          f"median of {args.repeats} Oxigraph runs, up to {args.rdflib_repeats} rdflib runs")
    print(header)
    print("-" * len(header))
    for r in results:
        p = ", ".join(f"{k}={v}" for k, v in r["params"].items())
        if r["oxigraph_stopped_at_budget"]:
            print(f"{_case(r['query'], r['params']):<18} {p[:32]:<32} {'>':>1}{r['oxigraph_median_s'] * 1000:11.1f} {'not run':>12} "
                  f"{'':>9} {'':>7}  MISSED (Oxigraph over its budget)")
            continue
        stopped = r["rdflib_stopped_at_budget"]
        rows = (str(r["rows_oxigraph"]) if r["rows_agree"] or stopped
                else f"{r['rows_oxigraph']}/{r['rows_rdflib']}!")
        ok = "ok" if r["speedup"] and r["speedup"] >= GOAL else "MISSED"
        print(f"{_case(r['query'], r['params']):<18} {p[:32]:<32} {r['oxigraph_median_s'] * 1000:12.1f} "
              f"{'>' if stopped else ' '}{r['rdflib_median_s'] * 1000:11.1f} "
              f"{'>' if stopped else ' '}{r['speedup']:7.1f}x {rows:>7}  {ok}")
    speedups = [r["speedup"] for r in results if r["speedup"]]
    missed = [_case(r["query"], r["params"]) for r in results if not r["speedup"] or r["speedup"] < GOAL]
    geo = statistics.geometric_mean(speedups) if speedups else None
    if speedups:
        print(f"\nspeed-up: min {min(speedups):.1f}x, geometric mean {geo:.1f}x (goal >= {GOAL:g}x for every query; "
              f"'>' marks rdflib runs stopped at --rdflib-budget, so those speed-ups are lower bounds)")
    if missed:
        print(f"goal missed by: {', '.join(missed)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "benchmark": "named queries: kg embedded Oxigraph store vs rdflib in-memory Graph",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_average": os.getloadavg()},
        "data": {"articles": articles, "quads": quads, "distinct_triples": len(union), "seed": args.seed},
        "goal_speedup": GOAL,
        "min_speedup": min(speedups) if speedups else None,
        "geometric_mean_speedup": geo,
        "missed_goal": missed,
        "queries": results,
    }, indent=2), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
