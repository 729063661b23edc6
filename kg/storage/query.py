"""Run SPARQL over the store: rows, a boolean or triples, and rows as plain Python values.

A query is SPARQL text, a file (``@question.rq``) or the name of a *named query*: a ``.rq`` file
of ``ontologies/queries`` (installed as the package ``kg.ontologies.queries``) whose first lines
say what it is::

    # name: meetings
    # description: Who met whom, where and when, with the sentence that says so
    # params: actor?

``params`` lists the variables a caller may bind; a trailing ``?`` marks an optional one.
Parameters are bound with Oxigraph's substitutions (SEP-0007): values are RDF terms handed to
the engine, never pasted into the query text, so a name such as ``O'Brien" } DROP ALL`` is just a
name. A bound variable must appear in the query's ``SELECT`` clause (Oxigraph's rule), so named
queries list their parameters as their last columns.

Results come back as pyoxigraph objects (rows of :class:`pyoxigraph.QuerySolution`, a boolean or
triples), as plain Python rows (:func:`select`), or printed as an aligned table, CSV, TSV,
SPARQL 1.1 results JSON (``SELECT``/``ASK``) or Turtle (``CONSTRUCT``/``DESCRIBE``) by
:func:`kg.storage.formats.write_results`. Named queries are in :mod:`kg.storage.named`, how values
are bound in :mod:`kg.storage.bindings`.

``timeout`` runs the query in a child process that opens the store read-only and is killed
when the time is up (Oxigraph's embedded store cannot interrupt a query).

Examples
--------
>>> import os, tempfile
>>> from kg.records import Document, Entity, Extraction, Relation, Evidence
>>> from kg.rdf.mapping import extraction_to_graph
>>> from kg.storage.disk import open_store
>>> ev = Evidence("Ann met Bob.", 0, 12, "example", 0.9)
>>> ex = Extraction(Document("d1", "Ann met Bob."),
...                 entities=(Entity("a", "Person", "Ann Lee", ("Lee",)), Entity("b", "Person", "Bob Roe")),
...                 relations=(Relation("a", "metWith", "b", ev),))
>>> st = open_store(os.path.join(tempfile.mkdtemp(), "store"))
>>> _ = st.add_graphs([extraction_to_graph(ex, base="http://ex.org/")])
>>> select(st, "SELECT ?b WHERE { ?a kg:metWith ?x . ?x rdfs:label ?b }")
[{'b': 'Bob Roe'}]
>>> [r["value"] for r in select(st, "actor-profile", {"name": "lee"}) if r["field"] == "metWith"]
['Bob Roe']
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from ..errors import QueryError
from .bindings import XSD, bound_terms
from .named import resolve_query
from .sparql_errors import describe_syntax_error, runtime_message
from .stoppable import check_timeout, run_in_child, run_in_thread

__all__ = ["run_query", "select", "to_python", "rows"]


def run_query(store, sparql: str, bindings: Mapping[str, Any] | None = None, *, timeout: float | None = None,
              interruptible: bool = False):
    """Run SPARQL ``sparql`` over the union of the store's graphs.

    Parameters
    ----------
    store
        A :class:`kg.storage.store.KgStore`, or the path of a store (opened read-only).
    sparql
        Query text (prefixes ``kg:``, ``rdfs:``, ``skos:``... are predefined).
    bindings
        Variable name -> value (see :func:`to_term`) substituted by the engine.
    timeout
        Seconds after which the query is stopped (:class:`QueryTimeoutError`); ``None``: no limit.
    interruptible
        Without a ``timeout``: evaluate the whole query in a helper thread while this thread
        waits, so that Ctrl-C (``KeyboardInterrupt``) stops the wait at once; the result is
        then fully evaluated when returned. (Oxigraph's evaluation cannot be interrupted
        otherwise; with a ``timeout`` the query runs in a child process, killed on Ctrl-C.)

    Returns
    -------
    pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | iterable of pyoxigraph.Triple
        Rows for ``SELECT``, a boolean for ``ASK``, triples for ``CONSTRUCT``/``DESCRIBE``.

    Raises
    ------
    QueryError
        For a syntax error (with line and column), a parameter the query does not select, or a
        failure while evaluating.
    QueryTimeoutError
        When ``timeout`` is exceeded.
    """
    terms = bound_terms(bindings)
    if isinstance(store, (str, os.PathLike)):
        from .disk import open_store

        store = open_store(store, read_only=True)
    if timeout is not None:
        check_timeout(timeout)
        if getattr(store, "path", None) is None:
            raise QueryError("a query timeout needs a store on disk (this store has no path)")
        return run_in_child(Path(store.path), sparql, terms, timeout)
    if interruptible:
        return run_in_thread(lambda: _evaluate(store, sparql, terms), sparql, terms)
    return _evaluate(store, sparql, terms)


def _evaluate(store, sparql: str, terms: Mapping[str, Any]):
    try:
        return store.query(sparql, bindings=terms or None)
    except QueryError as exc:
        msg = str(exc)
        if msg.startswith("invalid SPARQL: "):
            raise QueryError(describe_syntax_error(msg[len("invalid SPARQL: "):], sparql)) from None
        if "SELECT projection" in msg:
            raise QueryError(runtime_message(exc, terms)) from None
        raise
    except RuntimeError as exc:
        raise QueryError(runtime_message(exc, terms)) from None


def to_python(term) -> Any:
    """A pyoxigraph term as a plain Python value.

    IRIs and untyped literals become ``str``; ``xsd:integer`` ``int``; ``xsd:decimal``
    ``Decimal``; ``xsd:double``/``float`` ``float``; ``xsd:boolean`` ``bool``; ``xsd:date``
    ``datetime.date``; blank nodes ``"_:id"``; unbound ``None``.

    >>> to_python(ox.Literal("2025-02-18", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2025, 2, 18)
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        v = term.value
        try:
            if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger",
                      XSD + "positiveInteger", XSD + "short"):
                return int(v)
            if dt == XSD + "decimal":
                from decimal import Decimal

                return Decimal(v)
            if dt in (XSD + "double", XSD + "float"):
                return float(v)
            if dt == XSD + "boolean":
                return v in ("true", "1")
            if dt == XSD + "date":
                import datetime

                return datetime.date.fromisoformat(v)
        except ValueError:
            return v
        return v
    return str(term)


def select(store, query: str, params: Mapping[str, Any] | None = None, *,
           timeout: float | None = None) -> list[dict[str, Any]]:
    """Rows of a ``SELECT`` as dicts of plain Python values (see :func:`to_python`).

    ``query`` is SPARQL text, ``@file.rq`` or a named query's name; ``params`` bind variables
    (named queries check them against their header).

    Raises
    ------
    QueryError
        For an invalid query or parameters, or when ``query`` is not a ``SELECT``.
    """
    text, named = resolve_query(query)
    if named is not None:
        named.check_params(params or {})
    result = run_query(store, text, params, timeout=timeout)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("select() needs a SELECT query; use run_query() for ASK, CONSTRUCT and DESCRIBE")
    names = [v.value for v in result.variables]
    return [{n: to_python(sol[n]) for n in names} for sol in result]


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def rows(result) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of plain string values of a SELECT result."""
    names = [v.value for v in result.variables]
    return names, [[_plain(sol[n]) for n in names] for sol in result]
