"""Query parameters: ``--param NAME=VALUE`` options and Python values as RDF terms, bound inside
the engine (Oxigraph's substitutions, SEP-0007), never pasted into the query text."""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["parse_params", "to_term", "bound_terms", "VAR_RE", "XSD"]

VAR_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


#: The XML Schema datatypes namespace.
XSD = "http://www.w3.org/2001/XMLSchema#"


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``["name=value", ...]`` (the ``--param`` options) as a dict; the value may contain ``=``.

    >>> parse_params(["actor=Helen Marsh", "x=a=b"])
    {'actor': 'Helen Marsh', 'x': 'a=b'}
    """
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not VAR_RE.fullmatch(name):
            raise QueryError(f"--param {item!r}: expected NAME=VALUE, e.g. --param actor=Marsh")
        out[name] = value
    return out


def to_term(value: Any):
    """A parameter value as a pyoxigraph term.

    ``str``: a plain literal, except ``<...>`` which is an IRI; ``bool``/``int``/``float``: typed
    literals; ``datetime.date``: ``xsd:date``; pyoxigraph and rdflib terms: as they are.

    >>> to_term("Marsh")
    <Literal value=Marsh datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term("<https://w3id.org/kg-news/id/person/helen-marsh>")
    <NamedNode value=https://w3id.org/kg-news/id/person/helen-marsh>
    """
    import datetime

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.Triple)):
        return value
    if type(value).__module__.startswith("rdflib"):
        from .terms import to_ox

        return to_ox(value)
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, str):
        if len(value) > 2 and value.startswith("<") and value.endswith(">"):
            try:
                return ox.NamedNode(value[1:-1])
            except ValueError as exc:
                raise QueryError(f"parameter value {value!r} is not a valid IRI ({exc})") from None
        return ox.Literal(value)
    raise QueryError(f"parameter value {value!r}: expected a string, number, date or RDF term")


def bound_terms(bindings: Mapping[str, Any] | None) -> dict[str, Any]:
    return {str(k).lstrip("?$"): to_term(v) for k, v in (bindings or {}).items()}
