"""Run SPARQL over the store and print the results.

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
SPARQL 1.1 results JSON (``SELECT``/``ASK``) or Turtle (``CONSTRUCT``/``DESCRIBE``).

``timeout`` runs the query in a child process that opens the store read-only and is killed
when the time is up (Oxigraph's embedded store cannot interrupt a query).

Writing a named query
---------------------
Named queries are plain SPARQL 1.1 that declare their prefixes, so they also run in the
server's query page and in rdflib (a test checks rdflib gives the same rows). Four habits keep
them fast with Oxigraph on large stores (each made a named query several times faster in
``bench/bench_queries.py``):

* Every article graph repeats the type, names and relations of the actors it mentions, and the
  union default graph has one copy per article, so an actor named in 1,000 articles has 1,000
  ``rdfs:label`` rows, and two such patterns in one query give a million. Read types and names
  with a property path, ``?x rdfs:label|rdfs:label ?name``: Oxigraph evaluates a path as a set
  and yields each name once (same results).
* A bound parameter is known only when the query runs, so a ``FILTER`` comparing it with
  something leaves Oxigraph no good plan. Look names up in a sub-``SELECT DISTINCT`` that
  projects the parameter (``{ SELECT DISTINCT ?actor ?name WHERE { ... FILTER(... ?name ...) } }``)
  and put what hangs off the actor in its own ``{ ... }`` group after it, which Oxigraph then
  evaluates once per matching actor.
* Oxigraph carries the bindings found so far into a ``UNION`` (and ``OPTIONAL``) only when each
  branch starts with a triple pattern; a branch that starts with ``BIND`` or ``VALUES`` is
  evaluated for every actor and joined afterwards. Start branches with a pattern on the bound
  variable and put ``BIND``/``VALUES`` after it; put required patterns before ``OPTIONAL``
  ones; avoid ``EXISTS`` in filters evaluated for every row.
* An optional parameter that, when absent, means "everything" should not make the actor
  lookup list every actor: that multiplies rows by the number of names (``meetings`` took over
  a minute on a million triples). Give the "no parameter" case its own ``UNION`` branch, opened
  by ``{ SELECT ?actor WHERE { FILTER(COALESCE(?actor, "") = "") } }``.

SPARQL makes ``MIN``, ``MAX``, ``GROUP_CONCAT``... an error (an unbound result) when the value
is unbound in one row of the group, and Oxigraph follows it, where rdflib skips such rows: an
aggregate over an ``OPTIONAL`` value needs ``COALESCE`` (see ``positions.rq``, ``meetings.rq``).

Examples
--------
>>> import os, tempfile
>>> from kg.records import Document, Entity, Extraction, Relation, Evidence
>>> from kg.rdf.mapping import extraction_to_graph
>>> from kg.storage.store import open_store
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

import io
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import pyoxigraph as ox

from ..errors import InputError, QueryError, one_line

__all__ = [
    "FORMATS",
    "NamedQuery",
    "QueryTimeoutError",
    "named_queries",
    "named_query",
    "resolve_query",
    "load_query_text",
    "parse_params",
    "to_term",
    "run_query",
    "select",
    "to_python",
    "rows",
    "write_results",
    "write_named_list",
    "describe_syntax_error",
    "check_timeout",
    "MAX_TIMEOUT",
]

#: Output formats of :func:`write_results` (``json`` is SPARQL 1.1 query results JSON).
FORMATS = ("table", "csv", "tsv", "json")

_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_VAR_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class QueryTimeoutError(QueryError):
    """A query ran longer than its time limit and was stopped."""


# -- named queries ------------------------------------------------------------------------------
@dataclass(frozen=True)
class NamedQuery:
    """A named query: a ``.rq`` file of ``ontologies/queries`` and its header.

    ``params`` are the variable names callers may bind, ``required`` those they must bind.
    """

    name: str
    description: str
    params: tuple[str, ...]
    required: tuple[str, ...]
    text: str
    source: str

    def check_params(self, given: Iterable[str]) -> None:
        """Raise :class:`QueryError` for an unknown or a missing parameter."""
        given = set(given)
        for p in sorted(given - set(self.params)):
            expected = ", ".join(self.params) if self.params else "no parameters"
            raise QueryError(f"named query {self.name!r} has no parameter {p!r} (expected: {expected})")
        missing = [p for p in self.required if p not in given]
        if missing:
            raise QueryError(
                f"named query {self.name!r} needs " + " ".join(f"--param {p}=VALUE" for p in missing)
            )


def _queries_dir():
    """The folder of named queries: the installed package, else the source checkout."""
    from importlib import resources

    try:
        return resources.files("kg.ontologies.queries")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "ontologies" / "queries"


def parse_named_query(text: str, source: str) -> NamedQuery:
    """A :class:`NamedQuery` from the text of a ``.rq`` file (header lines ``# key: value``).

    >>> q = parse_named_query("# name: q\\n# description: d\\n# params: a, b?\\nSELECT ?a ?b {}", "q.rq")
    >>> q.params, q.required
    (('a', 'b'), ('a',))
    """
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep and key.strip() in ("name", "description", "params") and key.strip() not in header:
            header[key.strip()] = value.strip()
    stem = Path(source).stem
    name = header.get("name") or stem
    if not _NAME_RE.fullmatch(name):
        raise QueryError(f"{source}: named query name {name!r} must be letters, digits, '-' or '_'")
    params, required = [], []
    for item in filter(None, (p.strip() for p in header.get("params", "").split(","))):
        optional = item.endswith("?")
        var = item.rstrip("?").lstrip("?$")
        if not _VAR_RE.fullmatch(var):
            raise QueryError(f"{source}: parameter {item!r} is not a SPARQL variable name")
        params.append(var)
        if not optional:
            required.append(var)
    return NamedQuery(name, header.get("description", ""), tuple(params), tuple(required), text, source)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query of ``ontologies/queries``, by name (sorted).

    >>> "meetings" in named_queries()
    True
    """
    found = {}
    folder = _queries_dir()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            q = parse_named_query(entry.read_text(encoding="utf-8"), entry.name)
            found[q.name] = q
    return found


def named_query(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    QueryError
        When there is no such query (the message lists the known ones).
    """
    try:
        return named_queries()[name]
    except KeyError:
        known = ", ".join(named_queries())
        raise QueryError(
            f"no named query {name!r} (known: {known}); `kg query --list` describes them"
        ) from None


def load_query_text(arg: str) -> str:
    """The query text of a command-line argument: ``@file.rq`` reads a file, else the text itself."""
    if arg.startswith("@"):
        p = Path(arg[1:])
        try:
            return p.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{p}: cannot read query file ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise InputError(f"{p}: query file is not UTF-8 text") from None
    return arg


def resolve_query(arg: str) -> tuple[str, NamedQuery | None]:
    """The text of ``arg`` (``@file.rq``, a named query's name, or SPARQL text) and the named
    query it names, if any.

    >>> text, q = resolve_query("meetings")
    >>> q.name, "kg:Meeting" in text
    ('meetings', True)
    >>> resolve_query("ASK {}")
    ('ASK {}', None)
    """
    if arg.startswith("@"):
        return load_query_text(arg), None
    if _NAME_RE.fullmatch(arg):
        q = named_query(arg)
        return q.text, q
    return arg, None


# -- parameters ---------------------------------------------------------------------------------
def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``["name=value", ...]`` (the ``--param`` options) as a dict; the value may contain ``=``.

    >>> parse_params(["actor=Helen Marsh", "x=a=b"])
    {'actor': 'Helen Marsh', 'x': 'a=b'}
    """
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _VAR_RE.fullmatch(name):
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
        from .store import to_ox

        return to_ox(value)
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    if isinstance(value, str):
        if len(value) > 2 and value.startswith("<") and value.endswith(">"):
            try:
                return ox.NamedNode(value[1:-1])
            except ValueError as exc:
                raise QueryError(f"parameter value {value!r} is not a valid IRI ({exc})") from None
        return ox.Literal(value)
    raise QueryError(f"parameter value {value!r}: expected a string, number, date or RDF term")


# -- running ------------------------------------------------------------------------------------
_SYNTAX_POS = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def describe_syntax_error(message: str, text: str) -> str:
    """A one-line description of Oxigraph's syntax error ``message`` for the query ``text``.

    >>> describe_syntax_error("error at 2:7: expected one of HAVING, ['0'..='9']", "SELECT *\\nWHERE {")
    'invalid SPARQL at line 2, column 7 (near "WHERE {"): expected one of HAVING'
    """
    m = _SYNTAX_POS.search(message)
    if not m:
        return f"invalid SPARQL: {' '.join(message.split())}"
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    near = src[max(0, col - 40): col + 20].strip()
    near_part = f' (near "{one_line(near)}")' if near else ""
    where = f"line {line}, column {col}{near_part}"
    if "Prefix not found" in detail:
        found = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*\s*$", src[: col - 1])
        pfx = (found.group(1) or "") if found else ""
        from ..rdf.namespace import PREFIXES

        return (f"invalid SPARQL at {where}: unknown prefix '{pfx}:'; declare it with "
                f"PREFIX {pfx}: <...> (predefined: {', '.join(PREFIXES)})")
    return f"invalid SPARQL at {where}: {_short_expected(detail)}"


def _short_expected(detail: str) -> str:
    """Oxigraph's 'expected one of ...' without its character-class noise."""
    flat = " ".join(detail.split())
    head, sep, rest = flat.partition("expected one of ")
    if not sep:
        return flat[:200]
    items = [i.strip() for i in re.sub(r"\[[^\]]*\]", "", rest).split(",")]
    items = [i for i in items if i and not i.startswith(("'", "|", "\\"))]
    if not items:
        return (head + "unexpected input").strip()
    shown = ", ".join(items[:12]) + (", ..." if len(items) > 12 else "")
    return f"{head}expected one of {shown}"


def _terms(bindings: Mapping[str, Any] | None) -> dict[str, Any]:
    return {str(k).lstrip("?$"): to_term(v) for k, v in (bindings or {}).items()}


#: The longest ``timeout`` accepted (seconds, one week); without a timeout a query runs until it ends.
MAX_TIMEOUT = 7 * 24 * 3600.0


def check_timeout(timeout: float | None) -> None:
    """Raise :class:`QueryError` unless ``timeout`` is ``None`` or a number of seconds above 0
    and at most :data:`MAX_TIMEOUT` (``nan``, ``inf`` and ``0`` are refused).

    >>> check_timeout(float("nan"))
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: --timeout nan: expected a number of seconds above 0 and at most 604800 (leave --timeout out to run without a limit)
    """
    import math

    if timeout is None:
        return
    if not (isinstance(timeout, (int, float)) and math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        shown = f"{timeout:g}" if isinstance(timeout, float) else repr(timeout)
        raise QueryError(f"--timeout {shown}: expected a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g} (leave --timeout out to run without a limit)")


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
    terms = _terms(bindings)
    if isinstance(store, (str, os.PathLike)):
        from .store import open_store

        store = open_store(store, read_only=True)
    if timeout is not None:
        check_timeout(timeout)
        if getattr(store, "path", None) is None:
            raise QueryError("a query timeout needs a store on disk (this store has no path)")
        return _run_in_child(Path(store.path), sparql, terms, timeout)
    if interruptible:
        return _run_in_thread(store, sparql, terms)
    return _evaluate(store, sparql, terms)


def _evaluate(store, sparql: str, terms: Mapping[str, Any]):
    try:
        return store.query(sparql, bindings=terms or None)
    except QueryError as exc:
        msg = str(exc)
        if msg.startswith("invalid SPARQL: "):
            raise QueryError(describe_syntax_error(msg[len("invalid SPARQL: "):], sparql)) from None
        if "SELECT projection" in msg:
            raise QueryError(_runtime_message(exc, terms)) from None
        raise
    except RuntimeError as exc:
        raise QueryError(_runtime_message(exc, terms)) from None


def _run_in_thread(store, sparql: str, terms: Mapping[str, Any]):
    import threading

    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = _materialise(_evaluate(store, sparql, terms), terms)
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)  # short waits: Ctrl-C is handled between them
    if "error" in box:
        raise box["error"]
    return _unpack(box["result"], sparql, dict(terms))


def _materialise(result, terms: Mapping[str, Any]):
    """``result`` fully evaluated, as the message :func:`_unpack` reads (pyoxigraph's result
    objects must not cross threads)."""
    try:
        if isinstance(result, ox.QueryBoolean):
            return ("ask", bool(result))
        buf = io.BytesIO()
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, buf, ox.RdfFormat.N_TRIPLES)
            return ("graph", buf.getvalue())
        result.serialize(buf, ox.QueryResultsFormat.JSON)
        return ("select", buf.getvalue())
    except (RuntimeError, OSError) as exc:
        raise QueryError(_runtime_message(exc, terms)) from None


def _runtime_message(exc: Exception, terms: Mapping[str, Any]) -> str:
    msg = str(exc)
    m = re.search(r"variable \?(\w+) in its SELECT projection", msg)
    if m:
        return (f"parameter {m.group(1)!r}: the query does not select ?{m.group(1)}; a bound "
                f"variable must appear in the SELECT clause")
    return f"query failed: {msg}"


# -- the time limit: a child process that can be killed ----------------------------------------
_STARTUP_LIMIT = 60.0


class _Triples(list):
    """Triples of a ``CONSTRUCT``/``DESCRIBE`` result read back from a child process."""


def _child_main(conn, path: str, sparql: str, terms: dict, prefixes: dict) -> None:
    """Body of the child process of :func:`run_query` with a timeout (spawned: keep imports light)."""
    import signal

    # Ctrl-C reaches the whole process group: the parent decides (it kills this process).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            store = ox.Store.read_only(path)
        except OSError as exc:
            conn.send(("error", f"{path}: cannot open store read-only ({exc})"))
            return
        conn.send(("ready",))
        subs = {ox.Variable(k): v for k, v in terms.items()} or None
        try:
            result = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True, substitutions=subs)
            if isinstance(result, ox.QueryBoolean):
                conn.send(("ask", bool(result)))
            elif isinstance(result, ox.QueryTriples):
                buf = io.BytesIO()
                ox.serialize(result, buf, ox.RdfFormat.N_TRIPLES)
                conn.send(("graph", buf.getvalue()))
            else:
                buf = io.BytesIO()
                result.serialize(buf, ox.QueryResultsFormat.JSON)
                conn.send(("select", buf.getvalue()))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except RuntimeError as exc:
            conn.send(("runtime", str(exc)))
        except OSError as exc:
            conn.send(("error", f"query failed: {exc}"))
    finally:
        conn.close()


def _run_in_child(path: Path, sparql: str, terms: dict, timeout: float):
    import multiprocessing

    from ..rdf.namespace import PREFIXES

    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(sender, str(path), sparql, terms, dict(PREFIXES)),
                       name="kg-query", daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(_STARTUP_LIMIT):
            raise QueryError(f"the query process did not start within {_STARTUP_LIMIT:g} s")
        first = _receive(receiver, proc)
        if first[0] != "ready":
            return _unpack(first, sparql, terms)
        if not receiver.poll(timeout):
            raise QueryTimeoutError(
                f"query stopped after {timeout:g} s (--timeout); narrow it (LIMIT, a more selective "
                "pattern) or allow more time"
            )
        return _unpack(_receive(receiver, proc), sparql, terms)
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def _receive(receiver, proc):
    try:
        return receiver.recv()
    except EOFError:
        proc.join(5)
        raise QueryError(f"the query process ended without an answer (exit code {proc.exitcode})") from None


def _unpack(msg, sparql: str, terms: dict):
    kind = msg[0]
    if kind == "select":
        return ox.parse_query_results(msg[1], ox.QueryResultsFormat.JSON)
    if kind == "ask":
        return ox.parse_query_results(b'{"head":{},"boolean":%s}' % (b"true" if msg[1] else b"false"),
                                      ox.QueryResultsFormat.JSON)
    if kind == "graph":
        return _Triples(ox.Triple(q.subject, q.predicate, q.object)
                        for q in ox.parse(msg[1], ox.RdfFormat.N_TRIPLES))
    if kind == "syntax":
        raise QueryError(describe_syntax_error(msg[1], sparql))
    if kind == "runtime":
        raise QueryError(_runtime_message(RuntimeError(msg[1]), terms))
    raise QueryError(msg[1])


# -- rows as plain Python values ----------------------------------------------------------------
def to_python(term) -> Any:
    """A pyoxigraph term as a plain Python value.

    IRIs and untyped literals become ``str``; ``xsd:integer`` ``int``; ``xsd:decimal``
    ``Decimal``; ``xsd:double``/``float`` ``float``; ``xsd:boolean`` ``bool``; ``xsd:date``
    ``datetime.date``; blank nodes ``"_:id"``; unbound ``None``.

    >>> to_python(ox.Literal("2025-02-18", datatype=ox.NamedNode(_XSD + "date")))
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
            if dt in (_XSD + "integer", _XSD + "int", _XSD + "long", _XSD + "nonNegativeInteger",
                      _XSD + "positiveInteger", _XSD + "short"):
                return int(v)
            if dt == _XSD + "decimal":
                from decimal import Decimal

                return Decimal(v)
            if dt in (_XSD + "double", _XSD + "float"):
                return float(v)
            if dt == _XSD + "boolean":
                return v in ("true", "1")
            if dt == _XSD + "date":
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


# -- printing -----------------------------------------------------------------------------------
def write_results(result, fmt: str = "table", out=None, *, err=None, distinct: bool = False,
                  labels: Callable[[Iterable[str]], Mapping[str, str]] | None = None) -> None:
    """Print a query result to ``out`` (default standard output).

    SELECT: ``table`` (aligned; IRIs shown by name when ``labels`` gives one, kg's vocabulary
    as prefixed names such as ``kg:Meeting``, long values cut, empty columns left out), ``csv``,
    ``tsv``, ``json`` (SPARQL 1.1 results JSON); see :mod:`kg.storage.results` for how each keeps
    hostile text inert. ASK: ``true``/``false`` (or JSON); CONSTRUCT/DESCRIBE: Turtle whatever
    ``fmt`` says.

    ``distinct`` drops rows that repeat an earlier one (the default graph is the union of the
    article graphs, so a fact stated by three articles matches three times). ``labels`` maps
    IRIs to names for the table (e.g. :meth:`kg.storage.store.KgStore.labels`). The table's footer (row
    count, repeated rows, columns left out, values cut) goes to ``err`` (default standard error).
    """
    from . import results as res

    out = out or sys.stdout
    if fmt not in FORMATS:
        raise QueryError(f"unknown --format {fmt!r} (expected one of {', '.join(FORMATS)})")
    from ..rdf.namespace import PREFIXES

    if isinstance(result, (ox.QueryBoolean, bool)):
        value = bool(result)
        out.write(('{"head":{},"boolean":%s}\n' % str(value).lower()) if fmt == "json" else f"{str(value).lower()}\n")
        return
    if isinstance(result, (ox.QueryTriples, _Triples)):
        buf = io.BytesIO()
        ox.serialize(result, buf, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        for line in buf.getvalue().decode("utf-8").splitlines(keepends=True):  # a closed pipe is noticed
            out.write(line)
        return
    names = [v.value for v in result.variables]
    table = [tuple(sol[n] for n in names) for sol in result]
    repeated = res.repeats(table)
    if distinct:
        table = res.distinct(table)
    if fmt != "table":
        {"csv": res.write_csv, "tsv": res.write_tsv, "json": res.write_json}[fmt](names, table, out)
        out.flush()
        return
    import shutil

    width = shutil.get_terminal_size().columns if getattr(out, "isatty", lambda: False)() else None
    from ..rdf.iri import base_iri

    shown = labels(res.iris_in(table)) if labels else {}
    info = res.write_table(names, table, out, prefixes=PREFIXES, labels=shown, width=width,
                           base=base_iri() if labels else None)
    out.flush()
    print(_footer(len(table), 0 if distinct else repeated, info, removed=repeated if distinct else 0),
          file=err or sys.stderr)


def _footer(count: int, repeated: int, info, *, removed: int = 0) -> str:
    """The line under a table: row count, repeats, columns left out, values cut.

    >>> from kg.storage.results import TableInfo
    >>> _footer(87, 85, TableInfo(["actor"], 2))  # doctest: +NORMALIZE_WHITESPACE
    '87 rows; 85 repeat an earlier row (a fact stated by several articles is in each article graph: --distinct shows each once); empty column not shown: actor; 2 long values cut (…; --format csv or json gives them in full)'
    """
    parts = [f"{count:,} row" + ("" if count == 1 else "s")]
    if removed:
        parts[0] += f" ({removed:,} repeated {'row' if removed == 1 else 'rows'} left out by --distinct)"
    if repeated:
        parts.append(f"{repeated:,} {'repeats' if repeated == 1 else 'repeat'} an earlier row (a fact stated by several "
                     "articles is in each article graph: --distinct shows each once)")
    if info.hidden:
        parts.append(f"empty column{'s' if len(info.hidden) > 1 else ''} not shown: {', '.join(info.hidden)}")
    if info.cut:
        parts.append(f"{info.cut:,} long value{'s' if info.cut > 1 else ''} cut (…; --format csv or json "
                     "gives them in full)")
    return "; ".join(parts)


def write_named_list(out=None) -> None:
    """Print the named queries: name, parameters (``?`` = optional) and description."""
    out = out or sys.stdout
    qs = list(named_queries().values())
    def params(q: NamedQuery) -> str:
        return ", ".join(p if p in q.required else p + "?" for p in q.params)
    w1 = max((len(q.name) for q in qs), default=4)
    w2 = max((len(params(q)) for q in qs), default=6)
    for q in qs:
        out.write(f"{q.name:<{w1}}  {params(q):<{w2}}  {q.description}\n".rstrip() + "\n")
