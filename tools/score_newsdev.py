#!/usr/bin/env python3
"""Build each news-dev article into its own store and score it with the shared kgscore.py, added up.

Usage: python tools/score_newsdev.py [--out DIR] [--show metWith,spokeWith,represents,entities,quotes] [ID ...]

Reads the articles and gold files from ../shared/eval/news-dev/ (never copied into the repository)
and the scorer from ../shared/tools/kgscore.py, so the figures are independent of `kg eval`.
Prints one line per article, the totals, and the missed/wrong items of the kinds named by --show.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS_DEV = SHARED / "eval" / "news-dev"


def _scorer():
    spec = importlib.util.spec_from_file_location("kgscore", SHARED / "tools" / "kgscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build(text: Path, published: str | None, out: Path) -> None:
    import kg
    from kg.output.export import export

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        store_dir = Path(tmp) / "store"
        kg.build.build([str(text)], store=str(store_dir), published=published)
        with kg.open_store(str(store_dir)) as store:
            export(store, out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--out", default="/tmp/newsdev-out")
    parser.add_argument("--show", default="metWith,spokeWith,events")
    args = parser.parse_args(argv)
    if not NEWS_DEV.is_dir():
        print(f"no news-dev data at {NEWS_DEV}", file=sys.stderr)
        return 2
    kgscore = _scorer()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    show = set(args.show.split(",")) if args.show else set()
    totals: Counter = Counter()
    for gold_path in sorted(NEWS_DEV.glob("*.gold.json")):
        doc_id = gold_path.name[: -len(".gold.json")]
        if args.ids and doc_id not in args.ids:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        ttl = out / f"{doc_id}.ttl"
        _build(NEWS_DEV / f"{doc_id}.txt", gold["document"].get("published"), ttl)
        res = kgscore.score(gold, kgscore.load_graph(str(ttl)))
        rel, ents, pos, q, ev = res["relations"], res["entities"], res["positions"], res["quotes"], res["events"]
        totals.update({
            "ent_out": ents["output"], "ent_spurious": len(ents["spurious"]), "ent_req": ents["gold_required"],
            "ent_found": ents["found_n"], "ent_dups": len(ents["duplicates"]),
            "rel_tp": rel["tp"], "rel_fp": rel["fp"], "rel_fn": rel["fn"],
            # kgscore's precision leaves out optional positions found (neither hit nor error); its
            # "output" counts them, so the positions scored are recovered from its precision
            "pos_tp": pos["tp"], "pos_out": round(pos["tp"] / pos["precision"]) if pos["precision"] else pos["output"],
            "pos_gold": pos["gold"],
            "q_gold": q["gold"], "q_found": q["found_n"], "q_attr": q["attributed_n"], "q_fp": q["false_positives"],
            "ev_found": int(ev["found"].split("/")[0]), "ev_gold": int(ev["found"].split("/")[1]),
            "ev_place": int(ev["with_place"].split("/")[0]),
        })
        for p, frac in rel["by_predicate"].items():
            hit, n = map(int, frac.split("/"))
            totals[f"{p}_tp"] += hit
            totals[f"{p}_gold"] += n
        for w in rel["wrong"]:
            totals[f"{w[0]}_wrong"] += 1
        print(f"{doc_id:32} rel {rel['tp']}/{rel['tp'] + rel['fn']} fp {rel['fp']} | events {ev['found']} "
              f"place {ev['with_place']} | quotes {q['found_n']}/{q['gold']} attr {q['attributed_n']}")
        if "entities" in show:
            for name in ents["spurious"]:
                print(f"    spurious entity {name}")
            for dup in ents["duplicates"]:
                print(f"    duplicate {dup}")
        if "quotes" in show:
            for key in ("missed", "unattributed", "wrong_speaker", "false"):
                for item in q.get(key, []) if isinstance(q.get(key), list) else []:
                    print(f"    quote {key}: {str(item)[:160]}")
        for kind in sorted(show & {"metWith", "spokeWith", "represents", "advises", "locatedIn"}):
            for m in rel["missed"]:
                if m[0] == kind:
                    print(f"    missed {m}")
            for w in rel["wrong"]:
                if w[0] == kind:
                    print(f"    wrong  {w}")
    t = totals

    def ratio(a, b):
        return f"{t[a]}/{t[b]} = {t[a] / t[b]:.3f}" if t[b] else f"{t[a]}/0"

    print("TOTAL")
    print(f"  entities   precision {t['ent_out'] - t['ent_spurious']}/{t['ent_out']}"
          f" = {(t['ent_out'] - t['ent_spurious']) / max(t['ent_out'], 1):.3f}; recall {ratio('ent_found', 'ent_req')};"
          f" duplicates {t['ent_dups']}")
    print(f"  relations  precision {t['rel_tp']}/{t['rel_tp'] + t['rel_fp']}"
          f" = {t['rel_tp'] / max(t['rel_tp'] + t['rel_fp'], 1):.3f}; recall {t['rel_tp']}/{t['rel_tp'] + t['rel_fn']}"
          f" = {t['rel_tp'] / max(t['rel_tp'] + t['rel_fn'], 1):.3f}")
    for p in ("metWith", "spokeWith", "represents", "advises", "locatedIn"):
        print(f"    {p:11} recall {ratio(p + '_tp', p + '_gold')}; wrong {t[p + '_wrong']}")
    print(f"  positions  precision {ratio('pos_tp', 'pos_out')}; recall {ratio('pos_tp', 'pos_gold')}")
    print(f"  quotes     found {ratio('q_found', 'q_gold')}; attributed {ratio('q_attr', 'q_gold')}; false {t['q_fp']}")
    print(f"  events     found {ratio('ev_found', 'ev_gold')}; with place {ratio('ev_place', 'ev_gold')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
