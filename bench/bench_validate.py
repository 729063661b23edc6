"""``kg validate`` and ``kg validate --infer``: the SPARQL engine against pySHACL, whole commands.

On a built store (``--store``; build one with ``kg build ../shared/eval/corpus/bbc_politics.jsonl
--limit 100 --store /tmp/bbc100``) it runs, round by round (``--repeat``, default 3), each of

* ``kg validate --store COPY --engine sparql`` (the default engine) and ``--engine pyshacl``
  (the baseline: pySHACL, as ``kg validate`` worked before);
* the same with ``--infer`` (OWL-RL with ``reasonable``, written to the store's inferred graph);

as a separate process (``python -m kg``: start-up and imports included, what a user waits for;
wall-clock time and CPU time, user + system, which other users' load disturbs much less),
each on a fresh copy of the store (copying is not timed). Rounds interleave the engines, so load
from other users of the machine hits both alike; the figure is the median of the rounds.

The engines must agree: same exit status, same first line (verdict, triples checked, number of
results), same OWL-RL summary, and after ``--infer`` the same inferred graph in both copies (the
script stops otherwise). Output: a table and ``bench/results/validate.json`` (every run, with the
load average before and after).

Usage (from the repository root)::

    .venv/bin/python bench/bench_validate.py --store /tmp/bbc100 [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIGS = [("sparql", False), ("pyshacl", False), ("sparql", True), ("pyshacl", True)]


def run(store: str, engine: str, infer: bool, workdir: Path) -> dict:
    copy = workdir / f"{engine}-{'infer' if infer else 'plain'}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    cmd = [sys.executable, "-m", "kg", "validate", "--store", str(copy), "--engine", engine]
    if infer:
        cmd.append("--infer")
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit status {done.returncode}: {done.stderr.strip()}")
    inferred = _inferred(copy) if infer else None
    shutil.rmtree(copy)
    lines = done.stdout.splitlines()
    return {"seconds": seconds, "cpu_seconds": cpu, "exit": done.returncode, "verdict": lines[0].split(": ", 1)[1],
            "owl_rl": next((l for l in lines if l.startswith("OWL-RL:")), None), "inferred": inferred}


def _inferred(copy: Path) -> list[str]:
    from kg.rdf.iri import inferred_graph_iri
    from kg.storage.disk import open_store

    st = open_store(copy, read_only=True)
    try:
        name = inferred_graph_iri()
        return sorted(str(q) for q in st.quads() if getattr(q.graph_name, "value", None) == name)
    finally:
        st.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="a store built by kg build")
    ap.add_argument("--repeat", type=int, default=3, help="rounds (the median is reported)")
    args = ap.parse_args()

    runs: dict[str, list] = {f"{e}{' --infer' if i else ''}": [] for e, i in CONFIGS}
    with tempfile.TemporaryDirectory(prefix="kg-bench-validate-") as d:
        for r in range(args.repeat):
            for engine, infer in CONFIGS:
                load = os.getloadavg()[0]
                result = run(args.store, engine, infer, Path(d))
                result["loadavg_before"] = load
                result["loadavg_after"] = os.getloadavg()[0]
                runs[f"{engine}{' --infer' if infer else ''}"].append(result)
                print(f"round {r + 1}: kg validate --engine {engine}{' --infer' if infer else ''}: "
                      f"{result['seconds']:.2f} s, CPU {result['cpu_seconds']:.2f} s (load {load:.1f})", flush=True)
    for plain in ("", " --infer"):
        fast, ref = runs[f"sparql{plain}"][-1], runs[f"pyshacl{plain}"][-1]
        for key in ("exit", "verdict", "owl_rl", "inferred"):
            if fast[key] != ref[key]:
                raise SystemExit(f"the engines disagree on {key}{plain}: {str(fast[key])[:200]} / {str(ref[key])[:200]}")
    median = {k: statistics.median(x["seconds"] for x in v) for k, v in runs.items()}
    cpu = {k: statistics.median(x["cpu_seconds"] for x in v) for k, v in runs.items()}
    result = {
        "store": args.store, "verdict": runs["sparql"][-1]["verdict"], "owl_rl": runs["sparql --infer"][-1]["owl_rl"],
        "median_seconds": {k: round(v, 2) for k, v in median.items()},
        "median_cpu_seconds": {k: round(v, 2) for k, v in cpu.items()},
        "speedup": {"validate": round(median["pyshacl"] / median["sparql"], 1),
                    "validate --infer": round(median["pyshacl --infer"] / median["sparql --infer"], 1)},
        "runs": {k: [{x: y for x, y in run.items() if x != "inferred"} for run in v] for k, v in runs.items()},
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(f"\n{result['verdict']}\n{result['owl_rl']}\n(the same from both engines)")
    print(f"{'whole process, median of ' + str(args.repeat):<34}{'sparql':>10}{'pyshacl':>10}{'ratio':>8}")
    for plain in ("", " --infer"):
        for what, m in (("wall s", median), ("CPU s", cpu)):
            print(f"{'kg validate' + plain + ', ' + what:<34}{m['sparql' + plain]:>10.2f}{m['pyshacl' + plain]:>10.2f}"
                  f"{m['pyshacl' + plain] / m['sparql' + plain]:>7.1f}x")
    loads = [x[k] for v in runs.values() for x in v for k in ("loadavg_before", "loadavg_after")]
    print(f"load average {min(loads):.1f}-{max(loads):.1f}")
    out = Path(__file__).resolve().parent / "results" / "validate.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
