"""Run SPARQL over the store and print results as a table, CSV, TSV or SPARQL 1.1 results JSON."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, QueryError

__all__ = ["load_query_text", "run_query", "rows", "write_results", "FORMATS"]

FORMATS = ("table", "csv", "tsv", "json")


def load_query_text(arg: str) -> str:
    """The query text of a command-line argument: ``@file.rq`` reads a file, else the text itself."""
    if arg.startswith("@"):
        p = Path(arg[1:])
        try:
            return p.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{p}: cannot read query file ({exc.strerror or exc})") from None
    return arg


def run_query(store, sparql: str, bindings=None):
    """Run a query; returns pyoxigraph solutions, triples or a boolean."""
    return store.query(sparql, bindings=bindings)


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def rows(result) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of plain string values of a SELECT result."""
    names = [v.value for v in result.variables]
    return names, [[_plain(sol[n]) for n in names] for sol in result]


def _terminal_safe(s: str) -> str:
    """Control characters (ANSI escapes included) shown as visible escapes, never interpreted."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in s)


def write_results(result, fmt: str = "table", out=None) -> None:
    """Print a query result.

    SELECT: ``table`` (aligned), ``csv``, ``tsv``, ``json`` (SPARQL 1.1 results JSON);
    ASK: ``true``/``false`` (or JSON); CONSTRUCT/DESCRIBE: Turtle.
    """
    out = out or sys.stdout
    if fmt not in FORMATS:
        raise QueryError(f"unknown --format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        value = bool(result)
        out.write(('{"head":{},"boolean":%s}\n' % str(value).lower()) if fmt == "json" else f"{str(value).lower()}\n")
        return
    if isinstance(result, ox.QueryTriples):
        buf = io.BytesIO()
        from .rdf.namespace import PREFIXES

        ox.serialize(result, buf, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        out.write(buf.getvalue().decode("utf-8"))
        return
    if fmt in ("csv", "tsv", "json"):
        buf = io.BytesIO()
        f = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}[fmt]
        result.serialize(buf, f)
        text = buf.getvalue().decode("utf-8")
        out.write(text if text.endswith("\n") else text + "\n")
        return
    names, data = rows(result)
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for n in names:
        table.add_column(n, overflow="fold")
    for r in data:
        table.add_row(*[_terminal_safe(v) for v in r])
    Console(file=out, markup=False, highlight=False, soft_wrap=False, width=200 if not getattr(out, "isatty", lambda: False)() else None).print(table)
    print(f"{len(data)} row(s)", file=sys.stderr)
