"""Named queries: the ``.rq`` files of ``ontologies/queries`` (installed as the package
``kg.ontologies.queries``), each with a header saying what it is::

    # name: meetings
    # description: Who met whom, where and when, with the sentence that says so
    # params: actor?

``params`` lists the variables a caller may bind; a trailing ``?`` marks an optional one.

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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import InputError, QueryError
from .bindings import VAR_RE

__all__ = ["NamedQuery", "parse_named_query", "named_queries", "named_query", "load_query_text", "resolve_query"]

_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


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


def queries_dir():
    """The folder of named queries: the installed package, else the source checkout."""
    from importlib import resources

    try:
        return resources.files("kg.ontologies.queries")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent.parent / "ontologies" / "queries"


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
        if not VAR_RE.fullmatch(var):
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
    folder = queries_dir()
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
