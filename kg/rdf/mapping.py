"""Map an :class:`~kg.records.Extraction` to RDF in the article's named graph.

Layout (all in the graph named by the article IRI):

* the article: ``a kg:Article`` with id, title, url, published date, source file, checksum;
* each actor: its type, ``rdfs:label`` (canonical name), ``skos:altLabel`` (aliases),
  ``kg:mentionedIn`` the article;
* each asserted relation: the direct triple ``?s kg:metWith ?o`` plus an evidence node that
  reifies it (``rdf:subject/predicate/object``) with the sentence, NIF offsets, rule and
  confidence; planned and negated relations get only the evidence node, with ``kg:status``;
* positions, events and quotations as nodes, each with ``kg:evidence``.

Entity keys are turned into IRIs by ``iris`` (from :mod:`kg.resolve`), so identity decisions are
made once, outside this module.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..records import Evidence, Extraction
from .iri import mint_article_iri, mint_entity_iri, mint_hashed_iri
from .namespace import KG, NIF, PROV

__all__ = ["extraction_to_graph", "default_iris"]


def default_iris(extraction: Extraction, base: str | None = None) -> dict[str, str]:
    """Entity key -> IRI minted from type and canonical name (no cross-document resolution)."""
    return {e.key: mint_entity_iri(e.type, e.name, base) for e in extraction.entities}


def extraction_to_graph(extraction: Extraction, iris: Mapping[str, str] | None = None, *,
                        base: str | None = None) -> Graph:
    """The RDF graph of one article, identified by the article IRI.

    Examples
    --------
    >>> from kg.records import Document, Entity, Extraction
    >>> ex = Extraction(Document("d1", "Ann met Bob."), entities=(Entity("Person:Ann", "Person", "Ann"),))
    >>> g = extraction_to_graph(ex, base="http://ex.org/")
    >>> str(g.identifier)
    'http://ex.org/article/d1'
    >>> (URIRef("http://ex.org/person/ann"), RDFS.label, Literal("Ann")) in g
    True
    """
    doc = extraction.document
    iris = dict(iris or default_iris(extraction, base))
    art = URIRef(mint_article_iri(doc.id, base))
    g = Graph(identifier=art)
    g.add((art, RDF.type, KG.Article))
    g.add((art, KG.documentId, Literal(doc.id)))
    g.add((art, KG.checksum, Literal(doc.checksum)))
    if doc.title:
        g.add((art, KG.title, Literal(doc.title)))
    if doc.url:
        g.add((art, KG.url, Literal(doc.url, datatype=XSD.anyURI)))
    if doc.published:
        g.add((art, KG.published, Literal(doc.published, datatype=XSD.date)))
    if doc.source:
        g.add((art, KG.sourceFile, Literal(doc.source)))

    def node(key: str) -> URIRef:
        return URIRef(iris[key])

    for e in extraction.entities:
        n = node(e.key)
        g.add((n, RDF.type, KG[e.type]))
        g.add((n, RDFS.label, Literal(e.name)))
        for a in e.aliases:
            if a != e.name:
                g.add((n, SKOS.altLabel, Literal(a)))
        g.add((n, KG.mentionedIn, art))

    def evidence(ev: Evidence, *ident: object) -> URIRef:
        en = URIRef(mint_hashed_iri("evidence", doc.id, ev.rule, ev.start, ev.end, *ident, base=base))
        g.add((en, RDF.type, KG.Evidence))
        g.add((en, KG.article, art))
        g.add((en, PROV.wasDerivedFrom, art))
        g.add((en, KG.sentence, Literal(ev.sentence)))
        g.add((en, NIF.beginIndex, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        g.add((en, NIF.endIndex, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
        g.add((en, KG.rule, Literal(ev.rule)))
        g.add((en, KG.confidence, Literal(Decimal(str(round(ev.confidence, 3))), datatype=XSD.decimal)))
        return en

    for r in extraction.relations:
        s, p, o = node(r.subject), KG[r.predicate], node(r.object)
        en = evidence(r.evidence, r.subject, r.predicate, r.object, r.status)
        g.add((en, RDF.subject, s))
        g.add((en, RDF.predicate, p))
        g.add((en, RDF.object, o))
        g.add((en, KG.status, Literal(r.status)))
        if r.status == "asserted":
            g.add((s, p, o))

    for pos in extraction.positions:
        pn = URIRef(mint_hashed_iri("position", iris[pos.person], pos.title.casefold(),
                                    iris.get(pos.of, "") if pos.of else "", base=base))
        g.add((node(pos.person), KG.holdsPosition, pn))
        g.add((pn, RDF.type, KG.Position))
        g.add((pn, RDFS.label, Literal(pos.title)))
        if pos.of:
            g.add((pn, KG.postIn, node(pos.of)))
        if doc.published:
            g.add((pn, KG.observedOn, Literal(doc.published, datatype=XSD.date)))
        g.add((pn, KG.evidence, evidence(pos.evidence, "position", pos.person, pos.title, pos.of)))

    for ev in extraction.events:
        en = URIRef(mint_hashed_iri("event", doc.id, ev.type, ev.evidence.start, *sorted(ev.participants), base=base))
        g.add((en, RDF.type, KG[ev.type]))
        for k in ev.participants:
            g.add((en, KG.participant, node(k)))
        for k in ev.places:
            g.add((en, KG.atPlace, node(k)))
        if ev.date:
            g.add((en, KG.date, Literal(ev.date, datatype=XSD.date)))
        if ev.date_text:
            g.add((en, KG.dateText, Literal(ev.date_text)))
        g.add((en, KG.status, Literal(ev.status)))
        g.add((en, KG.evidence, evidence(ev.evidence, "event", ev.type, *ev.participants)))

    for q in extraction.quotations:
        qn = URIRef(mint_hashed_iri("quotation", doc.id, q.evidence.start, q.text, base=base))
        g.add((qn, RDF.type, KG.Quotation))
        g.add((qn, KG.text, Literal(q.text)))
        g.add((qn, KG.quoteKind, Literal(q.kind)))
        if q.speaker:
            g.add((qn, KG.speaker, node(q.speaker)))
        if q.cue:
            g.add((qn, KG.cue, Literal(q.cue)))
        g.add((qn, KG.evidence, evidence(q.evidence, "quotation", q.text)))
    return g
