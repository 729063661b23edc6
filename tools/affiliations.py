"""The people mentioned in most articles of a store, each with its affiliations and in how many
articles each is stated and how many filled in from other articles (corpus memory).

Usage: python tools/affiliations.py STORE [--top 30] [--sample N --seed S]

``--sample`` prints N random filled-in affiliations with the sentence they came from and the
article they were filled into, for reading by hand.
"""
from __future__ import annotations

import argparse
import random
import sys

import kg

_TOP = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?a) AS ?n) WHERE {
  GRAPH ?a { ?p a kg:Person ; kg:mentionedIn ?a ; rdfs:label ?label } }
GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT %d"""
_AFFILIATIONS = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?x (SAMPLE(?label) AS ?of) ?inferred (COUNT(DISTINCT ?a) AS ?n) WHERE {
  GRAPH ?a { ?ev rdf:subject ?p ; rdf:predicate kg:represents ; rdf:object ?x ; kg:status "asserted" ; kg:rule ?rule }
  ?x rdfs:label ?label
  BIND(?rule = "corpus-memory" AS ?inferred)
} GROUP BY ?p ?x ?inferred"""
_FILLED = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?into ?person ?of ?sentence ?source WHERE {
  GRAPH ?into { ?ev kg:rule "corpus-memory" ; rdf:subject ?p ; rdf:object ?x ; kg:sentence ?sentence ; kg:article ?src }
  GRAPH ?src { ?src kg:documentId ?source }
  { SELECT ?p (SAMPLE(?l1) AS ?person) WHERE { ?p rdfs:label ?l1 } GROUP BY ?p }
  { SELECT ?x (SAMPLE(?l2) AS ?of) WHERE { ?x rdfs:label ?l2 } GROUP BY ?x }
} ORDER BY ?into ?person ?of"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    store = kg.open_store(args.store, read_only=True)
    top = kg.select(store, _TOP % args.top)
    affiliations: dict[str, list] = {}
    for r in kg.select(store, _AFFILIATIONS):
        affiliations.setdefault(r["p"], []).append(r)
    with_any = 0
    for r in top:
        parts = {}
        for a in affiliations.get(r["p"], []):
            stated, filled = parts.get(a["of"], (0, 0))
            parts[a["of"]] = (stated + (0 if a["inferred"] else a["n"]), filled + (a["n"] if a["inferred"] else 0))
        with_any += bool(parts)
        shown = "; ".join(f"{of} (stated {s}, filled in {f})" for of, (s, f) in sorted(parts.items(), key=lambda i: -sum(i[1])))
        print(f"{r['n']:4d}  {r['name']}: {shown or '-'}")
    print(f"{with_any} of {len(top)} have an affiliation")
    if args.sample:
        filled = kg.select(store, _FILLED)
        print(f"\n{len(filled)} affiliations filled in; a random sample of {min(args.sample, len(filled))}:")
        for r in random.Random(args.seed).sample(filled, min(args.sample, len(filled))):
            into = r["into"].rsplit("/", 1)[-1]
            print(f"- {r['person']} represents {r['of']}  [into {into}; from {r['source']}: {r['sentence'][:150]}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
