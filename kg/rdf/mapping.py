"""Map an :class:`~kg.records.Extraction` to RDF in the article's named graph.

Layout (everything in the graph named by the article IRI, so each article's assertions can be
traced, replaced or dropped as a whole):

* the article: ``a kg:Article`` with ``kg:documentId``, ``kg:checksum`` (SHA-256 of the text the
  offsets point into) and, when known, ``kg:title``, ``kg:url``, ``kg:published``,
  ``kg:sourceFile``;
* each actor: its type, ``rdfs:label`` (the canonical name chosen by identity resolution),
  ``skos:altLabel`` (the other names, including the article's own when it differs) and
  ``kg:mentionedIn`` the article;
* each relation: an evidence node reifying it (``rdf:subject/predicate/object``, ``kg:status``);
  asserted relations also get the direct triple ``?s kg:metWith ?o``, planned and negated ones
  only the evidence node;
* each position (``?person kg:holdsPosition ?pos``), event and quotation as a node of this
  article with ``kg:evidence``; positions carry ``kg:observedOn`` (the publication date) and
  events ``kg:date`` (ISO) where known; a statement a spokesperson made for someone has
  ``kg:onBehalfOf`` the principal;
* external identifiers (:mod:`kg.gazetteer`): a country its ISO 3166-1 alpha-2 code
  (``kg:iso3166Alpha2``) and ``schema:sameAs`` its GeoNames feature; a place that is one GeoNames
  city ``schema:sameAs`` that city (see :func:`geonames_city`).

Every evidence node is ``a kg:Evidence`` (a ``nif:String``) with ``kg:sentence``,
``nif:beginIndex``/``nif:endIndex`` (character offsets into the article text, end exclusive, so
``text[begin:end] == sentence``; a sentence longer than 1,000 characters is stored cut, ending in
"…", and the offsets are the truth), ``kg:rule``, ``kg:confidence`` and ``kg:article`` (its NIF
reference context). PROV-O, NIF, SEM, ORG and schema.org terms follow from the ontology's
alignment axioms (``kg validate --infer``) rather than being repeated in every article.

Offsets are ``xsd:integer`` (Oxigraph stores every integer subtype as ``xsd:integer``, so this
is what a round trip through the store gives back).

Entity keys are turned into IRIs by ``iris`` (a :class:`~kg.rdf.iri.Identities` from
:mod:`kg.pipeline.resolve`), so identity decisions are made once, outside this module.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .. import gazetteer
from ..records import Entity, Evidence, Extraction
from .iri import Identities, mint_article_iri, mint_entity_iri, mint_hashed_iri
from .namespace import KG, NIF, PREFIXES, SCHEMA

__all__ = ["extraction_to_graph", "default_iris", "geonames_city"]


def geonames_city(extraction: Extraction, place: Entity, name: str | None = None) -> gazetteer.KnownPlace | None:
    """The GeoNames city a place of this article is, or ``None`` when the gazetteer cannot tell.

    The article's own word decides: when it places the place in a country or region (an
    asserted ``locatedIn``: "Paris, Texas", "Lima, Peru"), the city must be the only one of that
    name there; when it places it nowhere, the city must be the only one of its name with a
    million inhabitants or more (:func:`kg.gazetteer.unique_city`). A place in two countries, or
    in something the gazetteer does not know as a country or region, gets no city.

    >>> from kg.records import Document, Relation
    >>> ev = Evidence("Paris, Texas.", 0, 13, "hand", 0.5)
    >>> paris, texas = Entity("P:Paris", "Place", "Paris"), Entity("P:Texas", "Place", "Texas")
    >>> alone = Extraction(Document("d", "Paris."), entities=(paris,))
    >>> geonames_city(alone, paris).country_code
    'FR'
    >>> texan = Extraction(Document("d", "Paris, Texas."), entities=(paris, texas),
    ...                    relations=(Relation("P:Paris", "locatedIn", "P:Texas", ev),))
    >>> geonames_city(texan, paris).region_code
    'TX'
    """
    name = name or place.name
    types = {e.key: e for e in extraction.entities}
    within = [types[r.object] for r in extraction.relations
              if r.subject == place.key and r.predicate == "locatedIn" and r.status == "asserted"
              and r.object in types and types[r.object].type in ("Country", "Place")]
    countries = {e.name for e in within if e.type == "Country"}
    regions = {e.name for e in within if e.type == "Place"}
    if len(countries) > 1 or len(regions) > 1:
        return None
    if not within:
        return gazetteer.unique_city(name)
    return gazetteer.unique_city(name, country=next(iter(countries), None), region=next(iter(regions), None))


def default_iris(extraction: Extraction, base: str | None = None) -> Identities:
    """Entity key -> IRI minted from type and canonical name (no cross-document resolution).

    >>> from kg.records import Document, Entity, Extraction
    >>> ex = Extraction(Document("d1", "Ann met Bob."), entities=(Entity("P:Ann", "Person", "Ann"),))
    >>> default_iris(ex, "http://ex.org/")
    {'P:Ann': 'http://ex.org/person/ann'}
    """
    return Identities({e.key: mint_entity_iri(e.type, e.name, base) for e in extraction.entities},
                      names={e.key: e.name for e in extraction.entities})


def extraction_to_graph(extraction: Extraction, iris: Mapping[str, str] | None = None, *,
                        base: str | None = None) -> Graph:
    """The RDF graph of one article, identified by the article IRI.

    Parameters
    ----------
    extraction
        What the NLP layer found in one document.
    iris
        Entity key -> IRI; when it is an :class:`~kg.rdf.iri.Identities`, its ``names`` give the
        canonical ``rdfs:label`` of each entity. Default: :func:`default_iris`.
    base
        Base IRI for the article and the nodes minted here (default ``$KG_BASE_IRI``).

    Examples
    --------
    >>> from kg.records import Document, Entity, Extraction
    >>> ex = Extraction(Document("d1", "Ann met Bob."), entities=(Entity("Person:Ann", "Person", "Ann"),))
    >>> g = extraction_to_graph(ex, base="http://ex.org/")
    >>> str(g.identifier)
    'http://ex.org/article/d1-8b53639f152c8fc6'
    >>> (URIRef("http://ex.org/person/ann"), RDFS.label, Literal("Ann")) in g
    True
    """
    doc = extraction.document
    if iris is None:
        iris = default_iris(extraction, base)
    names: Mapping[str, str] = getattr(iris, "names", {})
    art = URIRef(mint_article_iri(doc.id, base))
    g = Graph(identifier=art)
    for pfx, ns in PREFIXES.items():
        g.bind(pfx, ns)
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
        label = names.get(e.key, e.name)
        g.add((n, RDF.type, KG[e.type]))
        g.add((n, RDFS.label, Literal(label)))
        for a in (e.name, *e.aliases, *getattr(iris, "aliases", {}).get(e.key, ())):
            if a != label:
                g.add((n, SKOS.altLabel, Literal(a)))
        g.add((n, KG.mentionedIn, art))
        if e.type == "Country":
            codes = gazetteer.country_codes(label) or gazetteer.country_codes(e.name)
            if codes is not None and codes.alpha2:
                g.add((n, KG.iso3166Alpha2, Literal(codes.alpha2)))
            if codes is not None and codes.geonames_iri:
                g.add((n, SCHEMA.sameAs, URIRef(codes.geonames_iri)))
        elif e.type == "Place":
            city = geonames_city(extraction, e, label)
            if city is not None:
                g.add((n, SCHEMA.sameAs, URIRef(city.geonames_iri)))

    def evidence(ev: Evidence, *ident: object) -> URIRef:
        en = URIRef(mint_hashed_iri("evidence", doc.id, ev.rule, ev.start, ev.end, *ident, base=base))
        g.add((en, RDF.type, KG.Evidence))
        g.add((en, KG.article, art))
        g.add((en, KG.sentence, Literal(ev.sentence)))
        g.add((en, NIF.beginIndex, Literal(ev.start, datatype=XSD.integer)))
        g.add((en, NIF.endIndex, Literal(ev.end, datatype=XSD.integer)))
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
        if not pos.of:  # a title with no country or organisation is a role, not a post
            g.add((node(pos.person), KG.role, Literal(pos.title)))
            continue
        # One node per article, person, title and post: the position as observed in this article.
        pn = URIRef(mint_hashed_iri("position", doc.id, pos.person, pos.title.casefold(), pos.of or "", base=base))
        g.add((node(pos.person), KG.holdsPosition, pn))
        g.add((pn, RDF.type, KG.Position))
        g.add((pn, RDFS.label, Literal(pos.title)))
        if pos.of:
            g.add((pn, KG.postIn, node(pos.of)))
        if doc.published:
            g.add((pn, KG.observedOn, Literal(doc.published, datatype=XSD.date)))
        g.add((pn, KG.evidence, evidence(pos.evidence, "position", pos.person, pos.title, pos.of)))

    for ev in extraction.events:
        # a planned and a refused meeting of the same people in one sentence are two events
        status = () if ev.status == "asserted" else (ev.status,)
        en = URIRef(mint_hashed_iri("event", doc.id, ev.type, ev.evidence.start, *status, *sorted(ev.participants),
                                    base=base))
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
        for sup in ev.support:
            g.add((en, KG.evidence, evidence(sup, "event", ev.type, *ev.participants)))

    for q in extraction.quotations:
        qn = URIRef(mint_hashed_iri("quotation", doc.id, q.evidence.start, q.text, base=base))
        # words quoted verbatim are a kg:Quotation (a kind of kg:Statement); reported speech is a
        # kg:Statement only. One type each: queries for every statement use VALUES or inference.
        g.add((qn, RDF.type, KG.Statement if q.kind == "indirect" else KG.Quotation))
        g.add((qn, KG.text, Literal(q.text)))
        g.add((qn, KG.quoteKind, Literal(q.kind)))
        if q.speaker:
            g.add((qn, KG.speaker, node(q.speaker)))
        if q.cue:
            g.add((qn, KG.cue, Literal(q.cue)))
        if q.on_behalf_of:
            g.add((qn, KG.onBehalfOf, node(q.on_behalf_of)))
        g.add((qn, KG.evidence, evidence(q.evidence, "quotation", q.text)))
    return g
