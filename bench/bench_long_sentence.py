"""Cost of one very long sentence: is extraction linear in its length?

The text is one sentence listing N made-up names separated by commas ("Foreign Minister Anna Berg
met Kari Motorlen, Sava Ditoran, ... and Tor Elban in Geneva on Monday, the ministry said."), the
shape that made extraction quadratic (issue 18.9) and, with one evidence per meeting each
repeating the whole sentence, the store too. For each N the spaCy parse (``nlp(text)``) and kg's extraction
(:func:`kg.nlp.extract.extract_from_doc`) are timed separately, in CPU seconds of this process
(less sensitive than wall time to other people's load on a shared machine; wall time is shown too),
median of ``--rounds``. Also reported: the size of the article's RDF graph and the longest
evidence sentence stored (bounded by :data:`kg.nlp.index.EVIDENCE_CHARS`).

Linear means: doubling N doubles the time (ratio ~2.0 per step); quadratic gives ~4.0.

Usage (from the repository root)::

    .venv/bin/python bench/bench_long_sentence.py                    # N = 500 ... 8000
    .venv/bin/python bench/bench_long_sentence.py --sizes 1000,2000 --rounds 1

Not a test: figures depend on the machine. Results: ``bench/results/long_sentence.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "long_sentence.json"
_SYLLABLES = "ka ri mo len sa vi tor an el ba du ne sho mir ta lo ve gan pe ru".split()


def long_sentence(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)

    def name() -> str:
        return ("".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize() + " "
                + "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize())

    names = [name() for _ in range(n)]
    return ("Foreign Minister Anna Berg met " + ", ".join(names[:-1]) + f" and {names[-1]} in Geneva on Monday, "
            "the ministry said.\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="500,1000,2000,4000,8000")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()

    try:
        from kg.nlp.index import EVIDENCE_CHARS
    except ImportError:  # a kg from before the bound (measuring the "before" figures)
        EVIDENCE_CHARS = None
    from kg.nlp.extract import extract_from_doc
    from kg.nlp.model import load_model
    from kg.rdf.mapping import extraction_to_graph
    from kg.records import Document

    nlp = load_model()
    nlp(long_sentence(50))  # warm-up
    rows = []
    for n in (int(x) for x in a.sizes.split(",")):
        text = long_sentence(n)
        parse_cpu, parse_wall, ext_cpu, ext_wall = [], [], [], []
        for _ in range(a.rounds):
            c0, w0 = time.process_time(), time.perf_counter()
            doc = nlp(text)
            c1, w1 = time.process_time(), time.perf_counter()
            ex = extract_from_doc(doc, Document("long", text))
            c2, w2 = time.process_time(), time.perf_counter()
            parse_cpu.append(c1 - c0), parse_wall.append(w1 - w0), ext_cpu.append(c2 - c1), ext_wall.append(w2 - w1)
        g = extraction_to_graph(ex)
        evidences = [r.evidence for r in ex.relations] + [p.evidence for p in ex.positions] + \
                    [q.evidence for q in ex.quotations] + [e.evidence for e in ex.events]
        row = {"names": n, "chars": len(text), "tokens": len(doc),
               "parse_cpu_s": statistics.median(parse_cpu), "parse_wall_s": statistics.median(parse_wall),
               "extract_cpu_s": statistics.median(ext_cpu), "extract_wall_s": statistics.median(ext_wall),
               "entities": len(ex.entities), "triples": len(g),
               "longest_evidence": max((len(e.sentence) for e in evidences), default=0),
               "loadavg": os.getloadavg()[0]}
        rows.append(row)
        print(json.dumps(row), flush=True)

    print(f"\nevidence text bound: {EVIDENCE_CHARS} characters")
    print("| names | characters | parse CPU s | ratio | extraction CPU s | ratio | extraction wall s | triples | longest evidence | load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    for r in rows:
        pr = f"{r['parse_cpu_s'] / prev['parse_cpu_s']:.2f}" if prev else ""
        er = f"{r['extract_cpu_s'] / prev['extract_cpu_s']:.2f}" if prev else ""
        print(f"| {r['names']:,} | {r['chars']:,} | {r['parse_cpu_s']:.2f} | {pr} | {r['extract_cpu_s']:.2f} | {er} "
              f"| {r['extract_wall_s']:.2f} | {r['triples']:,} | {r['longest_evidence']:,} | {r['loadavg']:.1f} |")
        prev = r
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
