"""The closed ``kg:`` namespace. Every term must exist in ``ontologies/kg.ttl`` (a test checks
both directions), so a misspelt term fails loudly at import or use."""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "KG_NS", "NIF", "PROV", "SCHEMA", "ORG", "SEM", "FOAF", "PREFIXES"]

KG_NS = "https://w3id.org/kg-news/ontology#"


class KG(DefinedNamespace):
    """kg ontology terms."""

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
    Position: URIRef
    Article: URIRef
    Evidence: URIRef
    # actor relations
    metWith: URIRef
    spokeWith: URIRef
    represents: URIRef
    advises: URIRef
    locatedIn: URIRef
    # positions
    holdsPosition: URIRef
    postIn: URIRef
    observedOn: URIRef
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


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

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
    "dct": "http://purl.org/dc/terms/",
}
