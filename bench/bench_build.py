"""Build benchmarks: throughput, scaling, memory and store I/O, each against its baseline in the same run.

Every measurement runs in a fresh Python subprocess (so one cannot warm or bloat another), and
throughput runs are interleaved round by round so that load from other people on the machine
hits baseline and candidate alike. The script prints a table and writes ``bench/results/build.json``.

1. **Throughput**: ``kg`` build with one worker (read JSON Lines, extract, resolve, map to RDF,
   write the store) against bare ``nlp.pipe`` of the same spaCy model over the same texts, both
   with the model already loaded. Target: ratio >= 0.85.
2. **Scaling**: build with two workers against one worker, both from a cold start (model loading
   included: the pool's workers load it while the build runs). Target: >= 1.7x.
3. **Memory**: peak RSS of a one-worker build of the corpus against the corpus repeated 10 times
   (distinct ids, written to a temporary directory). Target: at most 20% higher.
4. **Store I/O** on about 1M triples (the corpus's own graph, copied under distinct IRIs): load
   rate into the on-disk Oxigraph store (bulk load, and kg's batched ``KgStore.add_graphs``) and
   Turtle export time (raw dump and ``kg export``) against rdflib's in-memory ``Graph``
   parse/serialize of the same N-Triples.

Usage (from the repository root)::

    .venv/bin/python bench/bench_build.py                       # everything (20-40 min on 2 cores)
    .venv/bin/python bench/bench_build.py --only throughput --rounds 1 --limit 100   # quick look

Not a test: the figures depend on the machine and its load, which is recorded with each run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "bbc_politics.jsonl"
RESULTS = ROOT / "bench" / "results" / "build.json"
SECTIONS = ("throughput", "memory", "store")
TARGETS = {"throughput_ratio": 0.85, "scaling": 1.7, "rss_growth": 0.20}
#: The batch size kg's build gives nlp.pipe (kg.pipeline.parallel.extract_batch), for the second baseline.
KG_BATCH = 16


# -- children: each prints one JSON object on stdout ------------------------------------------------

def _maxrss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def _texts(corpus: Path) -> list[str]:
    return [json.loads(line)["text"] for line in corpus.open(encoding="utf-8") if line.strip()]


def _cpu(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def child_bare(corpus: Path, model: str | None, batch_size: int | None = None) -> dict:
    """Bare ``nlp.pipe`` of the model kg uses, over the texts of the corpus (already in memory),
    with spaCy's default batch size or ``batch_size``."""
    import spacy

    from kg.nlp.model import DEFAULT_MODELS, model_name

    texts = _texts(corpus)
    wanted = model_name(model)
    for name in ((wanted,) if wanted else DEFAULT_MODELS):
        try:
            nlp = spacy.load(name)
            break
        except (OSError, ImportError):
            continue
    else:
        raise SystemExit("no spaCy model")
    nlp("Warm up the pipeline.")
    t, c = time.perf_counter(), _cpu()
    n = 0
    for _ in nlp.pipe(texts, batch_size=batch_size):
        n += 1
    secs, cpu = time.perf_counter() - t, _cpu() - c
    words = sum(len(x.split()) for x in texts)
    return {"model": nlp.meta.get("name"), "pipes": nlp.pipe_names, "batch_size": batch_size or nlp.batch_size,
            "documents": n, "words": words, "seconds": secs, "words_per_s": words / secs, "cpu_s": cpu,
            "words_per_cpu_s": words / cpu, "maxrss_mb": _maxrss_mb()}


def child_build(corpus: Path, workers: int, model: str | None, export: str | None) -> dict:
    """``build_into`` a fresh store; one worker preloads the model (timed apart), the pool does not."""
    from kg.pipeline.build import build_into
    from kg.storage.disk import open_store

    load = 0.0
    if workers == 1:
        from kg.pipeline.parallel import _model

        t = time.perf_counter()
        _model(model)("Warm up the pipeline.")
        load = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as d:
        st = open_store(Path(d) / "store")
        try:
            t, c, cc = time.perf_counter(), _cpu(), _cpu(resource.RUSAGE_CHILDREN)
            report = build_into(st, [str(corpus)], workers=workers, model=model)
            secs = time.perf_counter() - t
            cpu, child_cpu = _cpu() - c, _cpu(resource.RUSAGE_CHILDREN) - cc
            if export:
                from kg.output.export import export as export_store

                export_store(st, export)
        finally:
            st.close()
    return {"workers": workers, "documents": report.documents, "problems": len(report.problems),
            "words": report.words, "triples": report.triples, "batches": report.batches,
            "model_load_s": load, "seconds": secs, "words_per_s": report.words / secs,
            "cold_words_per_s": report.words / (secs + load), "cpu_s": cpu, "children_cpu_s": child_cpu,
            "words_per_cpu_s": report.words / (cpu + child_cpu),
            "maxrss_mb": _maxrss_mb(), "children_maxrss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


def child_oxigraph(nt: Path, nq: Path) -> dict:
    """Oxigraph on disk: bulk load of the N-Triples, kg's batched add_graphs of the N-Quads, and
    Turtle export (raw dump of the default graph, and ``kg export`` of the article store)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.output.export import export
    from kg.storage.disk import open_store
    from kg.storage.terms import from_ox

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as d:
        d = Path(d)
        store = ox.Store(str(d / "bulk"))
        t = time.perf_counter()
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        out["bulk_load_s"] = time.perf_counter() - t
        out["triples"] = len(store)
        t = time.perf_counter()
        with open(d / "raw.ttl", "wb") as fh:
            store.dump(fh, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
        out["dump_turtle_s"] = time.perf_counter() - t
        del store

        # kg's write path: article graphs (rdflib) in batches of 32, one transaction each.
        st = open_store(d / "kg")
        adding = 0.0
        batch, graphs, name, current = [], 0, None, None
        quads = 0

        def flush_batch():
            nonlocal adding, batch
            if batch:
                t0 = time.perf_counter()
                st.add_graphs(batch)
                adding += time.perf_counter() - t0
                batch = []

        for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
            if q.graph_name != name:
                name = q.graph_name
                current = Graph(identifier=from_ox(name))
                batch.append(current)
                graphs += 1
                if len(batch) > 32:
                    last = batch.pop()
                    flush_batch()
                    batch.append(last)
            current.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
            quads += 1
        flush_batch()
        t = time.perf_counter()
        st.flush()
        adding += time.perf_counter() - t
        out["kg_add_graphs_s"] = adding
        out["kg_quads"] = len(st)
        out["kg_graphs"] = graphs
        t = time.perf_counter()
        export(st, d / "kg.ttl")
        out["kg_export_turtle_s"] = time.perf_counter() - t
        st.close()
    out["maxrss_mb"] = _maxrss_mb()
    return out


def child_rdflib(nt: Path) -> dict:
    """rdflib's in-memory Graph: parse the N-Triples, serialise Turtle."""
    from rdflib import Graph

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as d:
        g = Graph()
        t = time.perf_counter()
        g.parse(str(nt), format="nt")
        parse = time.perf_counter() - t
        t = time.perf_counter()
        g.serialize(destination=str(Path(d) / "g.ttl"), format="turtle")
        ser = time.perf_counter() - t
        n = len(g)
    return {"triples": n, "parse_s": parse, "serialize_turtle_s": ser, "maxrss_mb": _maxrss_mb()}


CHILDREN = {"bare": child_bare, "build": child_build, "oxigraph": child_oxigraph, "rdflib": child_rdflib}


# -- the parent ------------------------------------------------------------------------------------

def run_child(kind: str, **kwargs) -> dict:
    before = os.getloadavg()[0]
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", kind, json.dumps(kwargs)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["wall_s"] = time.perf_counter() - t
    res["load_before"] = before
    res["load_after"] = os.getloadavg()[0]
    print(f"  {kind} {kwargs.get('workers', '')}: " + ", ".join(
        f"{k}={v:,.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.items()
        if k in ("seconds", "words_per_s", "maxrss_mb", "load_before", "load_after", "triples")), flush=True)
    return res


def limited(corpus: Path, limit: int | None, tmp: Path) -> Path:
    if not limit:
        return corpus
    lines = [l for l in corpus.open(encoding="utf-8") if l.strip()][:limit]
    out = tmp / f"corpus-{limit}.jsonl"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def repeated(corpus: Path, times: int, tmp: Path) -> Path:
    """The corpus ``times`` times over, each copy with distinct ids."""
    out = tmp / f"corpus-x{times}.jsonl"
    lines = [l for l in corpus.open(encoding="utf-8") if l.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for k in range(times):
            for line in lines:
                rec = json.loads(line)
                rec["id"] = f"{rec['id']}#copy{k}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def scaled_rdf(nquads: Path, target: int, tmp: Path) -> tuple[Path, Path, int]:
    """Copies of the corpus graph under distinct IRIs until about ``target`` distinct triples:
    N-Triples (the union) for the triple stores, N-Quads (article graphs) for kg's write path."""
    import pyoxigraph as ox

    base = "https://w3id.org/kg-news/id/"
    quads = [str(q) for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)]
    triples = sorted({str(ox.Triple(q.subject, q.predicate, q.object))
                      for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)})
    copies = max(1, round(target / len(triples)))
    nt, nq = tmp / "scaled.nt", tmp / "scaled.nq"
    with nt.open("w", encoding="utf-8") as fnt, nq.open("w", encoding="utf-8") as fnq:
        for k in range(copies):
            ns = f"{base}c{k}/"
            fnt.writelines(t.replace(base, ns) + " .\n" for t in triples)
            fnq.writelines(q.replace(base, ns) + " .\n" for q in quads)
    return nt, nq, copies * len(triples)


def med(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--model", default=None)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the throughput runs")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only (a quick look)")
    ap.add_argument("--repeat", type=int, default=10, help="copies of the corpus for the memory run")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the store I/O data")
    ap.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="?", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        kwargs = json.loads(a.args)
        for k in ("corpus", "nt", "nq"):
            if k in kwargs:
                kwargs[k] = Path(kwargs[k])
        print(json.dumps(CHILDREN[a.child](**kwargs)))
        return 0

    if not a.corpus.is_file():
        print(f"bench: corpus not found at {a.corpus}", file=sys.stderr)
        return 2
    sections = a.only or list(SECTIONS)
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_at_start": os.getloadavg()},
        "corpus": str(a.corpus), "limit": a.limit, "rounds": a.rounds, "targets": TARGETS,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        corpus = limited(a.corpus, a.limit, tmp)
        nquads = tmp / "corpus.nq"
        m = a.model
        if "throughput" in sections:
            print(f"throughput: {a.rounds} interleaved rounds of bare nlp.pipe (spaCy's default batch size and "
                  f"kg's), build with 1 worker, build with 2 workers", flush=True)
            bare, tuned, one, two = [], [], [], []
            for r in range(a.rounds):
                bare.append(run_child("bare", corpus=str(corpus), model=m))
                one.append(run_child("build", corpus=str(corpus), workers=1, model=m,
                                     export=str(nquads) if r == 0 else None))
                tuned.append(run_child("bare", corpus=str(corpus), model=m, batch_size=KG_BATCH))
                two.append(run_child("build", corpus=str(corpus), workers=2, model=m, export=None))
            t = results["throughput"] = {
                "bare_runs": bare, "bare_kg_batch_runs": tuned, "build1_runs": one, "build2_runs": two,
                "bare_words_per_s": med(bare, "words_per_s"),
                "bare_kg_batch_words_per_s": med(tuned, "words_per_s"),
                "build1_words_per_s": med(one, "words_per_s"),
                "build1_cold_words_per_s": med(one, "cold_words_per_s"),
                "build2_words_per_s": med(two, "words_per_s"),
                # per round, so that each ratio compares runs made under the same load
                "ratio_per_round": [o["words_per_s"] / b["words_per_s"] for o, b in zip(one, bare)],
                "ratio_kg_batch_per_round": [o["words_per_s"] / b["words_per_s"] for o, b in zip(one, tuned)],
                "cpu_ratio_per_round": [o["words_per_cpu_s"] / b["words_per_cpu_s"] for o, b in zip(one, bare)],
                "cpu_ratio_kg_batch_per_round": [o["words_per_cpu_s"] / b["words_per_cpu_s"] for o, b in zip(one, tuned)],
                "scaling_per_round": [w["words_per_s"] / o["cold_words_per_s"] for w, o in zip(two, one)],
            }
            for k in ("ratio", "ratio_kg_batch", "cpu_ratio", "cpu_ratio_kg_batch", "scaling"):
                t[k] = statistics.median(t[f"{k}_per_round"])
        if "memory" in sections:
            print(f"memory: peak RSS of a one-worker build, corpus x1 and x{a.repeat}", flush=True)
            big = repeated(corpus, a.repeat, tmp)
            small = run_child("build", corpus=str(corpus), workers=1, model=m,
                              export=None if nquads.exists() else str(nquads))
            large = run_child("build", corpus=str(big), workers=1, model=m, export=None)
            results["memory"] = {"x1": small, f"x{a.repeat}": large, "repeat": a.repeat,
                                 "growth": large["maxrss_mb"] / small["maxrss_mb"] - 1}
        if "store" in sections:
            if not nquads.exists():
                run_child("build", corpus=str(corpus), workers=1, model=m, export=str(nquads))
            nt, nq, n = scaled_rdf(nquads, a.triples, tmp)
            print(f"store: {n:,} triples ({nt.stat().st_size / 1e6:,.0f} MB of N-Triples)", flush=True)
            ox_res = run_child("oxigraph", nt=str(nt), nq=str(nq))
            rdf_res = run_child("rdflib", nt=str(nt))
            results["store"] = {"triples": n, "oxigraph": ox_res, "rdflib": rdf_res}
    results["load_at_end"] = os.getloadavg()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten {a.out}")
    return 0


def print_table(r: dict) -> None:
    rows = []
    load = lambda runs: f"{min(x['load_before'] for x in runs):.1f}-{max(x['load_after'] for x in runs):.1f}"
    if "throughput" in r:
        t = r["throughput"]
        rounds = lambda key, f="{:.3f}": ", ".join(f.format(x) for x in t[key])
        rows += [
            ("bare nlp.pipe, default batch (words/s)", f"{t['bare_words_per_s']:,.0f}", "baseline", load(t["bare_runs"])),
            (f"bare nlp.pipe, batch {KG_BATCH} as kg (words/s)", f"{t['bare_kg_batch_words_per_s']:,.0f}",
             "second baseline", load(t["bare_kg_batch_runs"])),
            ("build, 1 worker (words/s)", f"{t['build1_words_per_s']:,.0f}",
             f"ratio {t['ratio']:.3f} (target >= {TARGETS['throughput_ratio']}; rounds {rounds('ratio_per_round')}); "
             f"vs batch {KG_BATCH}: {t['ratio_kg_batch']:.3f}", load(t["build1_runs"])),
            ("  same, in CPU seconds", "",
             f"ratio {t['cpu_ratio']:.3f} (rounds {rounds('cpu_ratio_per_round')}); "
             f"vs batch {KG_BATCH}: {t['cpu_ratio_kg_batch']:.3f}", ""),
            ("build, 1 worker incl. model load", f"{t['build1_cold_words_per_s']:,.0f}", "", ""),
            ("build, 2 workers incl. model load", f"{t['build2_words_per_s']:,.0f}",
             f"{t['scaling']:.2f}x one worker (target >= {TARGETS['scaling']}; rounds {rounds('scaling_per_round', '{:.2f}')})",
             load(t["build2_runs"])),
        ]
    if "memory" in r:
        mm = r["memory"]
        k = f"x{mm['repeat']}"
        rows += [
            ("peak RSS, corpus x1 (MB)", f"{mm['x1']['maxrss_mb']:,.0f}", f"{mm['x1']['documents']:,} docs",
             load([mm["x1"]])),
            (f"peak RSS, corpus {k} (MB)", f"{mm[k]['maxrss_mb']:,.0f}",
             f"{mm[k]['documents']:,} docs, growth {mm['growth']:+.1%} (target <= +{TARGETS['rss_growth']:.0%})",
             load([mm[k]])),
        ]
    if "store" in r:
        s, o, g = r["store"], r["store"]["oxigraph"], r["store"]["rdflib"]
        n = s["triples"]
        rows += [
            ("Oxigraph bulk load (triples/s)", f"{n / o['bulk_load_s']:,.0f}",
             f"{o['bulk_load_s']:.1f} s; rdflib Graph.parse {g['parse_s']:.1f} s = {n / g['parse_s']:,.0f}/s "
             f"({g['parse_s'] / o['bulk_load_s']:.1f}x slower)", load([o, g])),
            ("kg add_graphs, batches of 32 articles (quads/s)", f"{o['kg_quads'] / o['kg_add_graphs_s']:,.0f}",
             f"{o['kg_quads']:,} quads in {o['kg_graphs']:,} article graphs, {o['kg_add_graphs_s']:.1f} s", ""),
            ("Turtle export, Oxigraph dump (s)", f"{o['dump_turtle_s']:.1f}",
             f"rdflib serialize {g['serialize_turtle_s']:.1f} s ({g['serialize_turtle_s'] / o['dump_turtle_s']:.1f}x slower)", ""),
            ("Turtle export, kg export (s)", f"{o['kg_export_turtle_s']:.1f}", "union of the article graphs", ""),
            ("peak RSS Oxigraph child / rdflib child (MB)", f"{o['maxrss_mb']:,.0f} / {g['maxrss_mb']:,.0f}", "", ""),
        ]
    w0 = max(len(x[0]) for x in rows)
    w1 = max(len(x[1]) for x in rows)
    print(f"\n{'measure':<{w0}}  {'value':>{w1}}  {'load (1-min avg)':<16}  against baseline")
    for name, value, note, ld in rows:
        print(f"{name:<{w0}}  {value:>{w1}}  {ld:<16}  {note}")


if __name__ == "__main__":
    sys.exit(main())
