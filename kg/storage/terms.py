"""RDF terms between rdflib (mapping, formats) and pyoxigraph (the store, queries)."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

__all__ = ["to_ox", "from_ox", "as_ox_value"]

def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported RDF term {term!r}")


def from_ox(term):
    """A pyoxigraph term as an rdflib term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype is not None else None
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Literal(term.value, datatype=URIRef(dt) if dt else None)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term {term!r}")


def as_ox_value(v):
    if isinstance(v, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return v
    if isinstance(v, (URIRef, Literal, BNode)):
        return to_ox(v)
    return ox.Literal(str(v))
