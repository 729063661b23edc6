"""The actor graph of a store as a networkx MultiDiGraph.

Nodes are actor IRIs with ``label``, ``type``, ``aliases``, ``positions`` and ``articles``
(the number of articles that mention the actor); ``graph.graph["events"]`` lists the meetings and
calls (:func:`event_list`); edges are the asserted actor relations, keyed
and labelled by ``predicate``, with ``evidence``: a list of ``{"sentence", "article", "published",
"title", "document"}`` dicts (article IRI, its date, title and document id when known).
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

__all__ = ["ACTOR_RELATIONS", "actor_graph", "event_list"]

ACTOR_RELATIONS = ("metWith", "spokeWith", "represents", "advises", "locatedIn")

_NODES = """
SELECT ?a ?type ?label WHERE {
  VALUES ?type { kg:Person kg:Organization kg:Country kg:Place }
  ?a a ?type ; rdfs:label ?label .
}"""
_ALIASES = "SELECT ?a ?alias WHERE { ?a skos:altLabel ?alias }"
_ARTICLES = "SELECT ?a (COUNT(DISTINCT ?art) AS ?n) WHERE { ?a kg:mentionedIn ?art } GROUP BY ?a"
_POSITIONS = """
SELECT DISTINCT ?a ?title ?ofLabel WHERE {
  { ?a kg:holdsPosition ?pos . ?pos rdfs:label ?title .
    OPTIONAL { ?pos kg:postIn ?of . ?of rdfs:label ?ofLabel } }
  UNION { ?a kg:role ?title }
} ORDER BY ?a ?title ?ofLabel"""
_EDGES = """
SELECT ?s ?p ?o ?sentence ?art ?published ?title ?doc WHERE {
  VALUES ?p { kg:metWith kg:spokeWith kg:represents kg:advises kg:locatedIn }
  ?s ?p ?o .
  OPTIONAL {
    ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:status "asserted" ;
        kg:sentence ?sentence ; kg:article ?art .
    OPTIONAL { ?art kg:published ?published }
    OPTIONAL { ?art kg:title ?title }
    OPTIONAL { ?art kg:documentId ?doc }
  }
}"""


_EVENTS = """
SELECT DISTINCT ?e ?type ?who ?date ?dateText ?status ?placeLabel ?sentence ?art ?published ?title WHERE {
  VALUES ?type { kg:Meeting kg:PhoneCall }
  ?e a ?type ; kg:participant ?who .
  OPTIONAL { ?e kg:date ?date }
  OPTIONAL { ?e kg:dateText ?dateText }
  OPTIONAL { ?e kg:status ?status }
  OPTIONAL { ?e kg:atPlace ?pl . ?pl rdfs:label ?placeLabel }
  OPTIONAL { ?e kg:evidence ?ev . ?ev kg:sentence ?sentence ; kg:article ?art .
             OPTIONAL { ?art kg:published ?published } OPTIONAL { ?art kg:title ?title } }
}"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def actor_graph(store) -> nx.MultiDiGraph:
    """The actor graph of a :class:`kg.storage.store.KgStore` (read-only use).

    Examples
    --------
    >>> import os, tempfile
    >>> from kg.storage.disk import open_store
    >>> actor_graph(open_store(os.path.join(tempfile.mkdtemp(), "st"))).number_of_nodes()
    0
    """
    g = nx.MultiDiGraph()
    for r in store.query(_NODES):
        a = r["a"].value
        if a in g and g.nodes[a].get("label"):
            continue
        g.add_node(a, label=r["label"].value, type=_local(r["type"].value), aliases=[], positions=[], articles=0)
    for r in store.query(_ALIASES):
        a = r["a"].value
        if a in g and r["alias"].value not in g.nodes[a]["aliases"]:
            g.nodes[a]["aliases"].append(r["alias"].value)
    for r in store.query(_ARTICLES):
        if r["a"].value in g:
            g.nodes[r["a"].value]["articles"] = int(r["n"].value)
    for r in store.query(_POSITIONS):
        if r["a"].value in g:
            of = r["ofLabel"].value if r["ofLabel"] is not None else None
            text = f"{r['title'].value} ({of})" if of else r["title"].value
            if text not in g.nodes[r["a"].value]["positions"]:
                g.nodes[r["a"].value]["positions"].append(text)
    evidence = defaultdict(list)
    for r in store.query(_EDGES):
        s, p, o = r["s"].value, _local(r["p"].value), r["o"].value
        if s not in g or o not in g:
            continue
        key = (s, p, o)
        if r["sentence"] is not None:
            evidence[key].append({
                "sentence": r["sentence"].value,
                "article": r["art"].value,
                "published": r["published"].value if r["published"] is not None else None,
                "title": r["title"].value if r["title"] is not None else None,
                "document": r["doc"].value if r["doc"] is not None else None,
            })
        else:
            evidence.setdefault(key, [])
    g.graph["events"] = event_list(store)
    for (s, p, o), evs in sorted(evidence.items()):
        uniq = {(e["sentence"], e["article"]): e for e in evs}
        ordered = sorted(uniq.values(), key=lambda e: (e["published"] or "", e["article"], e["sentence"]))
        g.add_edge(s, o, key=p, predicate=p, evidence=ordered)
    return g


def event_list(store) -> list[dict]:
    """The meetings and phone calls of the store that are not denied, in IRI order: ``{"iri",
    "type", "participants", "date", "date_text", "status", "place", "evidence"}`` (evidence as in
    the edges: sentence, article, published, title)."""
    events: dict[str, dict] = {}
    for r in store.query(_EVENTS):
        status = r["status"].value if r["status"] is not None else "asserted"
        if status == "negated":
            continue
        e = events.setdefault(r["e"].value, {
            "iri": r["e"].value, "type": _local(r["type"].value), "participants": [],
            "date": r["date"].value if r["date"] is not None else None,
            "date_text": r["dateText"].value if r["dateText"] is not None else None,
            "status": status, "place": None, "evidence": []})
        if r["who"].value not in e["participants"]:
            e["participants"].append(r["who"].value)
        if r["placeLabel"] is not None and not e["place"]:
            e["place"] = r["placeLabel"].value
        if r["sentence"] is not None and all(x["sentence"] != r["sentence"].value for x in e["evidence"]):
            e["evidence"].append({"sentence": r["sentence"].value, "article": r["art"].value,
                                  "published": r["published"].value if r["published"] is not None else None,
                                  "title": r["title"].value if r["title"] is not None else None, "document": None})
    return [events[k] for k in sorted(events)]
