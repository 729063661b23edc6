"""The closed ``kg:`` namespace and the other vocabularies kg uses.

Every term of :class:`KG` exists in ``ontologies/kg.ttl`` and every ``kg:`` term declared there
exists in :class:`KG` (``tests/test_ontology.py`` checks both directions), so a misspelt term
fails loudly at import or use:

>>> KG.metWith
rdflib.term.URIRef('https://w3id.org/kg-news/ontology#metWith')
>>> KG.metwith  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'metwith' not in namespace 'https://w3id.org/kg-news/ontology#'
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "KG_NS", "NIF", "PROV", "SCHEMA", "ORG", "SEM", "FOAF", "DCT", "PREFIXES"]

KG_NS = "https://w3id.org/kg-news/ontology#"


class KG(DefinedNamespace):
    """kg ontology terms (``ontologies/kg.ttl``)."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    Meeting: URIRef
    PhoneCall: URIRef
    Quotation: URIRef
    Statement: URIRef
    Position: URIRef
    Article: URIRef
    Evidence: URIRef
    # actor relations
    metWith: URIRef
    spokeWith: URIRef
    represents: URIRef
    advises: URIRef
    locatedIn: URIRef
    # external identifiers
    iso3166Alpha2: URIRef
    # positions
    holdsPosition: URIRef
    postIn: URIRef
    observedOn: URIRef
    role: URIRef
    # events
    participant: URIRef
    atPlace: URIRef
    date: URIRef
    dateText: URIRef
    status: URIRef
    # quotations
    speaker: URIRef
    text: URIRef
    quoteKind: URIRef
    cue: URIRef
    onBehalfOf: URIRef
    # provenance
    evidence: URIRef
    sentence: URIRef
    rule: URIRef
    confidence: URIRef
    article: URIRef
    mentionedIn: URIRef
    title: URIRef
    url: URIRef
    published: URIRef
    sourceFile: URIRef
    checksum: URIRef
    documentId: URIRef
    # annotations
    cameoCode: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DCT = Namespace("http://purl.org/dc/terms/")

#: Prefixes bound in exports and available to every query.
PREFIXES = {
    "kg": KG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": str(PROV),
    "nif": str(NIF),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sem": str(SEM),
    "foaf": str(FOAF),
    "dct": str(DCT),
}
