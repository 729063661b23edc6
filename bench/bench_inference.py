"""OWL-RL inference (``kg validate --infer``): the Rust reasoner ``reasonable`` against owlrl, in one run.

On a built store (``--store``; build one with ``kg build ../shared/eval/corpus/bbc_politics.jsonl
--limit 100 --store /tmp/bbc100``) it measures, in this process:

* ``load``: reading the article graphs of the store into one rdflib Graph (what both reasoners get);
* ``owlrl``: :func:`kg.check.inference.infer` with ``engine="owlrl"`` (the baseline; one run, it is slow);
* ``reasonable``: the same with the default engine (median of ``--repeat`` runs);
* ``validate``: the whole of ``kg validate --infer`` (:func:`kg.check.validate.validate_store` with
  ``infer=True``: reading the store, inference, SHACL, writing the inferred graph) on a copy of
  the store, and ``validate`` without inference (SHACL only), to show where the rest of the time goes.

The entailments of both reasoners must be the same triples (the script stops otherwise). Output: a
table on stdout and ``bench/results/inference.json`` (with the load average before and after).

Usage (from the repository root)::

    .venv/bin/python bench/bench_inference.py --store /tmp/bbc100 [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def article_graph(path: str):
    from rdflib import Graph

    from kg.check.inference import _triple
    from kg.rdf.iri import inferred_graph_iri
    from kg.storage.disk import open_store

    st = open_store(path, read_only=True)
    try:
        data = Graph()
        skip = inferred_graph_iri()
        for q in st.quads():
            if getattr(q.graph_name, "value", None) != skip:
                data.add(_triple(q))
    finally:
        st.close()
    return data


def timed(fn, *args, **kw):
    t0 = time.perf_counter()
    value = fn(*args, **kw)
    return time.perf_counter() - t0, value


def validate_copy(store: str, infer: bool) -> float:
    from kg.storage.disk import open_store
    from kg.check.validate import validate_store

    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / "store"
        shutil.copytree(store, copy)
        st = open_store(copy)
        try:
            seconds, report = timed(validate_store, st, infer=infer)
        finally:
            st.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="a store built by kg build")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the fast reasoner (median)")
    args = ap.parse_args()
    from kg.check.inference import infer

    load_before = os.getloadavg()
    t_load, data = timed(article_graph, args.store)
    t_owlrl, reference = timed(infer, data, engine="owlrl")
    runs = [timed(infer, data) for _ in range(args.repeat)]
    t_fast = statistics.median(t for t, _ in runs)
    fast = runs[0][1]
    if set(fast.graph) != set(reference.graph):
        raise SystemExit(f"the reasoners disagree: {len(set(reference.graph) - set(fast.graph))} triples only from "
                         f"owlrl, {len(set(fast.graph) - set(reference.graph))} only from reasonable")
    t_validate_infer = validate_copy(args.store, True)
    t_validate = validate_copy(args.store, False)
    load_after = os.getloadavg()
    result = {
        "store": args.store, "data_triples": len(data), "inferred_triples": len(fast),
        "seconds": {"load": round(t_load, 2), "owlrl": round(t_owlrl, 2), "reasonable": round(t_fast, 2),
                    "reasonable_runs": [round(t, 2) for t, _ in runs],
                    "validate_infer": round(t_validate_infer, 2), "validate_shacl_only": round(t_validate, 2)},
        "speedup": round(t_owlrl / t_fast, 1),
        "loadavg_before": load_before, "loadavg_after": load_after,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(f"{len(data):,} triples of article graphs, {len(fast):,} entailments (the same from both reasoners)")
    print(f"{'step':<34}{'seconds':>10}")
    for name, key in [("load the store into rdflib", "load"), ("owlrl (baseline)", "owlrl"),
                      ("reasonable (median)", "reasonable"), ("kg validate --infer (all of it)", "validate_infer"),
                      ("kg validate (SHACL only)", "validate_shacl_only")]:
        print(f"{name:<34}{result['seconds'][key]:>10.2f}")
    print(f"reasonable is {result['speedup']}x faster than owlrl; load average {load_before[0]:.1f} -> {load_after[0]:.1f}")
    out = Path(__file__).resolve().parent / "results" / "inference.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
