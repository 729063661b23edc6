"""The actors (persons and organisations) mentioned in most articles of a store, for counting
duplicates (two nodes for one actor) and mistypes by hand.

Usage: python tools/top_actors.py STORE [--top 200] [--types Person,Organization]

Each line: number of articles, type(s) the node carries, canonical label, IRI tail, and the
node's other names (``skos:altLabel``). A node typed both Person and Organization in different
articles shows both types.
"""
from __future__ import annotations

import argparse
import sys

import kg

_TOP = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a (COUNT(DISTINCT ?art) AS ?n) WHERE {
  GRAPH ?art { ?a a ?type ; kg:mentionedIn ?art } VALUES ?type { %s } }
GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT %d"""
_ABOUT = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?a ?type ?label ?alt WHERE {
  VALUES ?a { %s }
  GRAPH ?g { ?a a ?type ; rdfs:label ?label . FILTER(?type IN (%s)) OPTIONAL { ?a skos:altLabel ?alt } } }"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--types", default="Person,Organization")
    args = parser.parse_args(argv)
    types = " ".join(f"kg:{t.strip()}" for t in args.types.split(",") if t.strip().isidentifier())
    store = kg.open_store(args.store, read_only=True)
    top = kg.select(store, _TOP % (types, args.top))
    about: dict[str, dict] = {}
    if top:
        values = " ".join(f"<{r['a']}>" for r in top)
        for r in kg.select(store, _ABOUT % (values, ", ".join(types.split()))):
            d = about.setdefault(r["a"], {"types": set(), "labels": set(), "alts": set()})
            d["types"].add(r["type"].rsplit("#", 1)[-1])
            d["labels"].add(r["label"])
            if r["alt"]:
                d["alts"].add(r["alt"])
    for i, r in enumerate(top, 1):
        d = about.get(r["a"], {"types": set(), "labels": set(), "alts": set()})
        alts = sorted(d["alts"] - d["labels"])
        print(f"{i:3d} {r['n']:4d}  {'+'.join(sorted(d['types'])):<20} {' | '.join(sorted(d['labels']))}"
              f"  <{r['a'].rsplit('/', 2)[-2]}/{r['a'].rsplit('/', 1)[-1]}>"
              + (f"  aka {'; '.join(alts[:8])}" if alts else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
