"""Corpus memory's cost against the build it follows, on a store of about 4,000 articles.

The BBC politics corpus (``../shared/eval/corpus/bbc_politics.jsonl``, 417 articles) is copied
``--copies`` times under distinct ids into one JSON Lines file and built into a fresh store with
``--country GB`` (so the articles state affiliations that fill in the others). The build reports
its own time, which includes one corpus-memory pass; the pass is then timed again on its own,
``--rounds`` times, over the finished store. Target: the pass costs under 10% of the build.

Usage (from the repository root)::

    .venv/bin/python bench/bench_memory.py                 # 10 copies: 4,170 articles (5-10 min on 2 cores)
    .venv/bin/python bench/bench_memory.py --copies 2      # a quick look

Not a test: the figures depend on the machine and its load, which is recorded with each run.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "bbc_politics.jsonl"
RESULTS = ROOT / "bench" / "results" / "memory.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found; put ../shared/eval beside the repository")
    import kg
    from kg.pipeline.build import build_into
    from kg.pipeline.memory import recompute

    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for n in range(args.copies):
                for r in records:
                    fh.write(json.dumps({**r, "id": f"{r['id']}-copy{n}"}) + "\n")
        store = kg.open_store(str(Path(tmp) / "store"))
        load = os.getloadavg()[0]
        started = time.perf_counter()
        report = build_into(store, [str(path)], workers=args.workers, country="GB")
        build_seconds = time.perf_counter() - started
        passes = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            filled, _ = recompute(store)
            passes.append(time.perf_counter() - t)
        store.close()
    memory_seconds = sorted(passes)[len(passes) // 2]
    result = {
        "articles": report.documents, "build_seconds": round(build_seconds, 2), "filled_in": filled,
        "memory_seconds_median": round(memory_seconds, 2), "memory_seconds_rounds": [round(p, 2) for p in passes],
        "ratio_to_build": round(memory_seconds / build_seconds, 4), "target": "< 0.10",
        "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2), "workers": args.workers,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{report.documents:,} articles built in {build_seconds:,.1f} s (including one memory pass); "
          f"{filled:,} affiliations filled in")
    print(f"corpus memory alone: {memory_seconds:,.2f} s (median of {args.rounds}) = "
          f"{result['ratio_to_build']:.1%} of the build (target < 10%)")
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
