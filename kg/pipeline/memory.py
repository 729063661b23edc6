"""Corpus memory: what one article states about a person's affiliation fills in another article
that mentions the same person without stating it.

"Prime Minister Tony Blair" in a London story gives Blair ``represents`` the United Kingdom;
an article of the same period that only says "Mr Blair" then gets the same ``represents``, in its
own named graph, with an evidence node that points to the sentence of the article it came from
(``kg:article``, offsets, ``kg:sentence``), the rule ``corpus-memory`` and a lower confidence.

Guards, so that a filled-in affiliation is right as often as a stated one:

* the other article says nothing of the kind: no ``represents`` of that person to a country (for a
  country) or to an organisation (for an organisation);
* the articles are of one period: both dated within ``memory_window_days`` of each other, or both
  undated (a post changes: a minister of 2004 is not one in 2010);
* a country is filled in only when every article of the period that states one for the person
  states the same one; an organisation only when at least ``memory_min_articles`` articles state
  it (one sentence read wrong does not spread to the archive).

The step runs after every build into a store and recomputes everything: it deletes every
``corpus-memory`` assertion, then infers anew in one transaction, so the result depends only on
the articles in the store, whatever the build order or the number of workers.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..nlp.vocab import vocab
from ..rdf.iri import mint_hashed_iri
from ..rdf.namespace import KG, NIF
from ..storage.query import select
from ..storage.store import KgStore
from ..storage.terms import to_ox

__all__ = ["RULE", "Stated", "Fill", "fill_in", "recompute"]

RULE = "corpus-memory"

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
# Every affiliation an article states for a person, with the sentence that states it.
_STATED = _PREFIXES + """
SELECT ?p ?x ?kind ?a ?date ?sentence ?begin ?end WHERE {
  GRAPH ?a { ?ev rdf:predicate kg:represents ; rdf:subject ?p ; rdf:object ?x ; kg:status "asserted" ;
                 kg:rule ?rule ; kg:sentence ?sentence ; nif:beginIndex ?begin ; nif:endIndex ?end .
             ?p a kg:Person . ?x a ?kind . FILTER(?kind IN (kg:Country, kg:Organization) && ?rule != "corpus-memory") }
  OPTIONAL { GRAPH ?a { ?a kg:published ?date } }
}"""
# Every article that mentions a person.
_MENTIONS = _PREFIXES + """
SELECT ?p ?b ?date WHERE {
  GRAPH ?b { ?p a kg:Person ; kg:mentionedIn ?b }
  OPTIONAL { GRAPH ?b { ?b kg:published ?date } }
}"""
# Every corpus-memory assertion, its direct triple and its evidence node, in every article graph.
_FORGET = _PREFIXES + """
DELETE { GRAPH ?g { ?p kg:represents ?x } }
WHERE { GRAPH ?g { ?ev kg:rule "corpus-memory" ; rdf:subject ?p ; rdf:predicate kg:represents ; rdf:object ?x } } ;
DELETE { GRAPH ?g { ?ev ?pp ?oo } }
WHERE { GRAPH ?g { ?ev kg:rule "corpus-memory" ; ?pp ?oo } }
"""


@dataclass(frozen=True)
class Stated:
    """An affiliation an article states: person, what they represent and its kind (Country or
    Organization), the article, its date and the sentence (with offsets) that states it."""

    person: str
    of: str
    kind: str
    article: str
    date: str | None
    sentence: str
    begin: int
    end: int


@dataclass(frozen=True)
class Fill:
    """An affiliation filled in: the article ``into`` gets ``person represents of`` from ``source``."""

    into: str
    person: str
    of: str
    source: Stated


def _iso(date) -> str | None:
    """A publication date as :func:`kg.storage.query.select` gives it (a ``date``), as ISO text."""
    return date.isoformat() if date is not None else None


def _days(a: str | None, b: str | None) -> int | None:
    if a is None or b is None:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _same_period(a: str | None, b: str | None, window: int) -> bool:
    """Both dated within ``window`` days of each other, or both undated."""
    if a is None and b is None:
        return True
    days = _days(a, b)
    return days is not None and days <= window


def fill_in(stated: list[Stated], mentions: list[tuple[str, str, str | None]]) -> list[Fill]:
    """The affiliations to fill in, from what the articles state and where each person is mentioned
    (``(person, article, date)``); deterministic whatever the order of the rows.

    >>> s = [Stated("p:blair", "c:uk", "Country", "a:1", None, "Prime Minister Tony Blair said.", 0, 31)]
    >>> [(f.into, f.of) for f in fill_in(s, [("p:blair", "a:1", None), ("p:blair", "a:2", None)])]
    [('a:2', 'c:uk')]
    >>> s.append(Stated("p:blair", "c:iraq", "Country", "a:3", None, "...", 0, 3))  # the articles disagree
    >>> fill_in(s, [("p:blair", "a:2", None)])
    []
    """
    v = vocab()
    window, min_articles = int(v.number("memory_window_days")), int(v.number("memory_min_articles"))
    by_person: dict[str, list[Stated]] = defaultdict(list)
    for s in sorted(set(stated), key=lambda s: (s.person, s.article, s.of, s.begin)):
        by_person[s.person].append(s)
    out = []
    for person, article, date in sorted(set(mentions), key=lambda m: (m[0], m[1])):
        facts = by_person.get(person, [])
        own_kinds = {s.kind for s in facts if s.article == article}
        for kind in ("Country", "Organization"):
            if kind in own_kinds:
                continue  # the article says it itself, or says something else
            near = [s for s in facts if s.kind == kind and s.article != article and _same_period(s.date, date, window)]
            support: dict[str, set[str]] = defaultdict(set)
            for s in near:
                support[s.of].add(s.article)
            if kind == "Country" and len(support) != 1:
                continue
            for of in sorted(support):
                if kind == "Organization" and len(support[of]) < min_articles:
                    continue
                source = min((s for s in near if s.of == of), key=lambda s: (_days(s.date, date) or 0, s.article, s.begin))
                out.append(Fill(article, person, of, source))
    return out


def _triples(fill: Fill, confidence: float) -> list[ox.Triple]:
    """The assertion and its evidence node, as in every article graph (:mod:`kg.rdf.mapping`)."""
    p, x, s = URIRef(fill.person), URIRef(fill.of), fill.source
    ev = URIRef(mint_hashed_iri("evidence", RULE, fill.into, fill.person, fill.of, s.article, s.begin,
                                base=_base_of(fill.into)))
    triples = [
        (p, KG.represents, x),
        (ev, RDF.type, KG.Evidence), (ev, RDF.subject, p), (ev, RDF.predicate, KG.represents), (ev, RDF.object, x),
        (ev, KG.status, Literal("asserted")), (ev, KG.article, URIRef(s.article)), (ev, KG.sentence, Literal(s.sentence)),
        (ev, NIF.beginIndex, Literal(s.begin, datatype=XSD.integer)), (ev, NIF.endIndex, Literal(s.end, datatype=XSD.integer)),
        (ev, KG.rule, Literal(RULE)), (ev, KG.confidence, Literal(Decimal(str(confidence)), datatype=XSD.decimal)),
    ]
    return [ox.Triple(*map(to_ox, t)) for t in triples]


def _base_of(article_iri: str) -> str:
    """The base IRI an article IRI was minted under (``<base>article/<slug>``)."""
    return article_iri.rsplit("article/", 1)[0]


def recompute(store: KgStore) -> tuple[int, int]:
    """Forget every corpus-memory assertion of the store and fill in anew, in one transaction.
    Returns the number of affiliations filled in and of triples written for them."""
    stated = [Stated(r["p"], r["x"], r["kind"].rsplit("#", 1)[-1], r["a"], _iso(r["date"]), r["sentence"],
                     r["begin"], r["end"]) for r in select(store, _STATED)]
    mentions = [(r["p"], r["b"], _iso(r["date"])) for r in select(store, _MENTIONS)]
    fills = fill_in(stated, mentions)
    confidence = vocab().confidence(RULE)
    # Terms enter the update only as Oxigraph writes them (N-Triples escaping), never pasted.
    triples = [(f.into, _triples(f, confidence)) for f in fills]
    inserts = [f"INSERT DATA {{ GRAPH {ox.NamedNode(into)} {{ "
               + " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in ts) + " } }" for into, ts in triples]
    store.update(" ;\n".join([_FORGET.rstrip()] + inserts))
    return len(fills), sum(len(ts) for _, ts in triples)
