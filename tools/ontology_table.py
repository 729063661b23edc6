"""Print the ontology (``ontologies/kg.ttl``) as Markdown tables of its classes and properties.

Usage::

    .venv/bin/python tools/ontology_table.py [ONTOLOGY.ttl]

Terms appear in the order the ontology file defines them. "Aligns with" lists what a term is
declared a subclass or subproperty of outside the ``kg:`` namespace (schema.org, FOAF, W3C ORG,
SEM, PROV-O, NIF, Dublin Core), inverses, related terms (``rdfs:seeAlso``: "see ..."), and the
CAMEO codes of event classes. Meanings are the
first sentence of each term's ``skos:definition``. The README's ontology section is this output;
``tests/test_docs.py`` fails when the two differ, so regenerate it after changing the ontology.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontologies" / "kg.ttl"
KG_NS = "https://w3id.org/kg-news/ontology#"
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _qname(g: Graph, term) -> str:
    if isinstance(term, BNode):
        members = g.value(term, OWL.unionOf)
        if members is not None:
            return " or ".join(_qname(g, m) for m in Collection(g, members))
        return "(anonymous)"
    prefix, _, local = g.namespace_manager.compute_qname(str(term))
    return f"{prefix}:{local}"


def _code(text: str) -> str:
    return f"`{text}`"


def _first_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    m = re.match(r"(.+?(?<!e\.g)(?<!i\.e)[.!?])(\s|$)", text)
    return (m.group(1) if m else text).replace("|", "\\|")


def _defined_in_order(path: Path, g: Graph) -> list[str]:
    """Local names of the ``kg:`` terms of ``g``, in the order the file defines them
    (``kg:Name a ...``); terms declared some other way follow in alphabetical order."""
    seen = []
    for m in re.finditer(r"^kg:([A-Za-z][\w-]*)\s+a\s", path.read_text(encoding="utf-8"), re.M):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    declared = {str(s)[len(KG_NS):] for t in (OWL.Class, *PROPERTY_TYPES) for s in g.subjects(RDF.type, t)
                if isinstance(s, URIRef) and str(s).startswith(KG_NS)}
    return seen + sorted(declared - set(seen))


def _aligned(g: Graph, term: URIRef, relation: URIRef) -> list[str]:
    out = [_code(_qname(g, o)) for o in g.objects(term, relation)
           if isinstance(o, URIRef) and not str(o).startswith(KG_NS)]
    out += [f"inverse of {_code(_qname(g, o))}" for o in g.objects(term, OWL.inverseOf)]
    out += [f"see {_code(_qname(g, o))}" for o in g.objects(term, RDFS.seeAlso)
            if isinstance(o, URIRef) and not str(o).startswith(KG_NS)]
    codes = sorted(str(c) for c in g.objects(term, URIRef(KG_NS + "cameoCode")))
    if codes:
        out.append("CAMEO " + ", ".join(codes))
    return out


def ontology_tables(path: Path = ONTOLOGY) -> str:
    """The Markdown tables (classes, then properties) of the ontology at ``path``."""
    g = Graph().parse(path, format="turtle")
    classes, properties = [], []
    for local in _defined_in_order(path, g):
        term = URIRef(KG_NS + local)
        meaning = _first_sentence(g.value(term, SKOS.definition) or g.value(term, RDFS.label) or "")
        if (term, RDF.type, OWL.Class) in g:
            parents = [_code(_qname(g, o)) for o in g.objects(term, RDFS.subClassOf) if str(o).startswith(KG_NS)]
            classes.append(f"| {_code('kg:' + local)} | {', '.join(parents)} | {meaning} | "
                           f"{', '.join(_aligned(g, term, RDFS.subClassOf))} |")
        elif any((term, RDF.type, t) in g for t in PROPERTY_TYPES):
            domain = g.value(term, RDFS.domain)
            range_ = g.value(term, RDFS.range)
            shape = " → ".join(_code(_qname(g, t)) if t is not None else "any" for t in (domain, range_))
            if (term, RDF.type, OWL.SymmetricProperty) in g:
                shape += " (symmetric)"
            if (term, RDF.type, OWL.AnnotationProperty) in g:
                shape += " (annotation)"
            properties.append(f"| {_code('kg:' + local)} | {shape} | {meaning} | "
                              f"{', '.join(_aligned(g, term, RDFS.subPropertyOf))} |")
    return "\n".join([
        "| Class | Subclass of | Meaning | Aligns with |",
        "|---|---|---|---|",
        *classes,
        "",
        "| Property | Domain → range | Meaning | Aligns with |",
        "|---|---|---|---|",
        *properties,
    ]) + "\n"


if __name__ == "__main__":
    sys.stdout.write(ontology_tables(Path(sys.argv[1]) if len(sys.argv) > 1 else ONTOLOGY))
