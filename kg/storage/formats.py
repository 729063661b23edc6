"""A query result written out: an aligned table, CSV, TSV, SPARQL 1.1 results JSON (``SELECT`` and
``ASK``) or Turtle (``CONSTRUCT``/``DESCRIBE``), to the stream the caller gives; and the list of
named queries. :mod:`kg.storage.results` holds the writers of each format."""
from __future__ import annotations

import io
from typing import Callable, Iterable, Mapping

import pyoxigraph as ox

from ..errors import QueryError
from .named import NamedQuery, named_queries
from .stoppable import Triples

__all__ = ["FORMATS", "write_results", "write_named_list"]

#: Output formats of :func:`write_results` (``json`` is SPARQL 1.1 query results JSON).
FORMATS = ("table", "csv", "tsv", "json")


def write_results(result, fmt: str, out, *, err=None, distinct: bool = False,
                  labels: Callable[[Iterable[str]], Mapping[str, str]] | None = None) -> None:
    """Write a query result to the text stream ``out``.

    SELECT: ``table`` (aligned; IRIs shown by name when ``labels`` gives one, kg's vocabulary
    as prefixed names such as ``kg:Meeting``, long values cut, empty columns left out), ``csv``,
    ``tsv``, ``json`` (SPARQL 1.1 results JSON); see :mod:`kg.storage.results` for how each keeps
    hostile text inert. ASK: ``true``/``false`` (or JSON); CONSTRUCT/DESCRIBE: Turtle whatever
    ``fmt`` says.

    ``distinct`` drops rows that repeat an earlier one (the default graph is the union of the
    article graphs, so a fact stated by three articles matches three times). ``labels`` maps
    IRIs to names for the table (e.g. :meth:`kg.storage.store.KgStore.labels`). The table's footer (row
    count, repeated rows, columns left out, values cut) goes to ``err`` (a text stream; none when ``None``).
    """
    from . import results as res

    if fmt not in FORMATS:
        raise QueryError(f"unknown --format {fmt!r} (expected one of {', '.join(FORMATS)})")
    from ..rdf.namespace import PREFIXES

    if isinstance(result, (ox.QueryBoolean, bool)):
        value = bool(result)
        out.write(('{"head":{},"boolean":%s}\n' % str(value).lower()) if fmt == "json" else f"{str(value).lower()}\n")
        return
    if isinstance(result, (ox.QueryTriples, Triples)):
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
    if err is not None:
        err.write(footer(len(table), 0 if distinct else repeated, info, removed=repeated if distinct else 0) + "\n")


def footer(count: int, repeated: int, info, *, removed: int = 0) -> str:
    """The line under a table: row count, repeats, columns left out, values cut.

    >>> from kg.storage.results import TableInfo
    >>> footer(87, 85, TableInfo(["actor"], 2))  # doctest: +NORMALIZE_WHITESPACE
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


def write_named_list(out) -> None:
    """Write to ``out`` the named queries: name, parameters (``?`` = optional) and description."""
    qs = list(named_queries().values())
    def params(q: NamedQuery) -> str:
        return ", ".join(p if p in q.required else p + "?" for p in q.params)
    w1 = max((len(q.name) for q in qs), default=4)
    w2 = max((len(params(q)) for q in qs), default=6)
    for q in qs:
        out.write(f"{q.name:<{w1}}  {params(q):<{w2}}  {q.description}\n".rstrip() + "\n")
