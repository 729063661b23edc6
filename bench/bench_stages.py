"""Where the time of ``kg build`` goes: each stage timed on its own, over the same documents.

The stages of a build run one after the other here (in a build, the writer thread overlaps
resolution, mapping and store writes with parsing): reading the JSON Lines, spaCy's
``nlp.pipe`` (batch size 16, as kg uses), kg's rules (:func:`kg.nlp.extract.extract_from_doc`,
split by rule family with cProfile in a second pass), identity resolution, RDF mapping, and
store writes (batches of 32 articles with their surname merges, one transaction each, then a
flush). Reported in CPU seconds of this process (wall seconds beside them), each as a share of
the parse, the model's own cost and kg's speed limit.

Usage (from the repository root)::

    .venv/bin/python bench/bench_stages.py                 # first 100 BBC politics articles
    .venv/bin/python bench/bench_stages.py --limit 300 --corpus other.jsonl

Input: ``../shared/eval/corpus/bbc_politics.jsonl`` (stops with a clear message when absent).
Not a test: figures depend on the machine and its load (recorded). Results:
``bench/results/stages.json``.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "bbc_politics.jsonl"
RESULTS = ROOT / "bench" / "results" / "stages.json"
RULES = ("find_actors", "find_positions", "find_interactions", "find_locations", "find_events", "find_quotations",
         "non_narrative_ranges", "complete_origins", "interaction_relations", "position_relations")


class Clock:
    def __init__(self):
        self.rows: list[dict] = []

    def __call__(self, name: str, fn, *args):
        c0, w0 = time.process_time(), time.perf_counter()
        out = fn(*args)
        self.rows.append({"stage": name, "cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - w0})
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=100)
    a = ap.parse_args()
    if not a.corpus.exists():
        raise SystemExit(f"{a.corpus}: corpus not found (it is in ../shared/eval/corpus/ on the project's machines)")

    from kg.pipeline.build import BATCH_DOCS
    from kg.nlp.extract import extract_from_doc
    from kg.nlp.model import load_model
    from kg.rdf.mapping import extraction_to_graph
    from kg.ingest.read import iter_documents
    from kg.pipeline.resolve import IdentityIndex, merge_update
    from kg.storage.disk import open_store

    nlp = load_model()
    nlp("Warm-up: Anna Berg met Carl Holt in Oslo.")
    clock = Clock()
    docs = clock("read JSON Lines", lambda: list(islice(iter_documents([str(a.corpus)]), a.limit)))
    words = sum(len(d.text.split()) for d in docs)
    parsed = clock("spaCy nlp.pipe (the model)", lambda: list(nlp.pipe((d.text for d in docs), batch_size=16)))
    exs = clock("kg rules (extract_from_doc)", lambda: [extract_from_doc(p, d) for p, d in zip(parsed, docs)])
    idx = IdentityIndex()
    ids = clock("identity resolution", lambda: [idx.resolve(ex) for ex in exs])
    graphs = clock("RDF mapping (rdflib)", lambda: [extraction_to_graph(ex, i) for ex, i in zip(exs, ids)])
    merges = idx.take_merges()
    with tempfile.TemporaryDirectory() as tmp:
        st = open_store(Path(tmp) / "store")

        def write():
            n = 0
            for k in range(0, len(graphs), BATCH_DOCS):
                batch = graphs[k:k + BATCH_DOCS]
                n += st.add_graphs(batch, update=(merge_update(merges) or None) if k == 0 else None)
            st.flush()
            return n

        quads = clock("store writes (batches of 32, flush)", write)
        st.close()

    prof = cProfile.Profile()
    prof.enable()
    for p, d in zip(parsed, docs):
        extract_from_doc(p, d)
    prof.disable()
    stats = pstats.Stats(prof).stats
    rules = {}
    for (fname, line, func), (cc, nc, tt, ct, callers) in stats.items():
        if func in RULES and "/kg/nlp/" in fname:
            rules[func] = rules.get(func, 0.0) + ct
    profiled = sum(v for k, v in stats.items() if k[2] == "extract_from_doc" for v in [v[3]])

    parse_cpu = clock.rows[1]["cpu_s"]
    print(f"{len(docs)} documents, {words:,} words, {quads:,} quads, {len(merges)} merges; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| stage | CPU s | wall s | share of the parse (CPU) |\n|---|---:|---:|---:|")
    for r in clock.rows:
        print(f"| {r['stage']} | {r['cpu_s']:.2f} | {r['wall_s']:.2f} | {r['cpu_s'] / parse_cpu:.0%} |")
    kg_cpu = sum(r["cpu_s"] for r in clock.rows if not r["stage"].startswith("spaCy"))
    print(f"| everything but the model | {kg_cpu:.2f} | | {kg_cpu / parse_cpu:.0%} |")
    print(f"\nupper bound of the one-worker ratio to bare nlp.pipe if nothing overlapped: "
          f"{parse_cpu / (parse_cpu + kg_cpu):.2f}")
    print("\nkg rules, by family (cProfile, cumulative; profiling inflates them):")
    for k, v in sorted(rules.items(), key=lambda kv: -kv[1]):
        print(f"  {k:24s} {v:6.2f} s  {v / profiled:.0%}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                   "documents": len(docs), "words": words, "quads": quads, "stages": clock.rows,
                                   "rules_profiled_s": rules, "loadavg": os.getloadavg()}, indent=1))


if __name__ == "__main__":
    sys.exit(main())
