"""kg query"""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from .app import app

EXAMPLES = """Examples:

  kg query --list

  kg query meetings --param actor=Marsh

  kg query actor-profile --param name="Helen Marsh" --format csv

  kg query "SELECT DISTINCT ?a ?b WHERE { ?a kg:metWith ?b }" --format json

  kg query @question.rq --timeout 30

  kg query "SELECT ?a ?b WHERE { ?x kg:metWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }" --distinct"""


@app.command(
    help="Run a SPARQL query, a query file or a named query over the store "
    "(prefixes kg:, rdfs:, skos:, ... predefined).\n\n" + EXAMPLES
)
def query(
    sparql: Optional[str] = typer.Argument(
        None, metavar="SPARQL|@FILE|NAME", help="SPARQL text, @file.rq, or the name of a named query (see --list)."
    ),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | tsv | json (SPARQL 1.1 results JSON); CONSTRUCT/DESCRIBE always give Turtle."),
    param: List[str] = typer.Option(
        [], "--param", "-p", metavar="NAME=VALUE",
        help="Bind ?NAME to VALUE (a string; <IRI> for an IRI). Repeatable. Values are bound by the engine, never pasted into the query.",
    ),
    timeout: Optional[float] = typer.Option(None, "--timeout", metavar="SECONDS", help="Stop the query after SECONDS (above 0, at most a week)."),
    distinct: bool = typer.Option(False, "--distinct", help="Print each row once: a fact stated by several articles otherwise matches once per article."),
    iris: bool = typer.Option(False, "--iris", help="Tables: show IRIs as they are instead of the names of actors and articles."),
    list_: bool = typer.Option(False, "--list", help="List the named queries with their parameters (? = optional) and exit."),
    show: bool = typer.Option(False, "--show", help="Print the text of the named query instead of running it."),
) -> None:
    from .app import closed_pipe, fail
    from ..errors import QueryError
    from ..storage.bindings import parse_params
    from ..storage.formats import write_named_list, write_results
    from ..storage.named import resolve_query
    from ..storage.query import run_query
    from ..storage.stoppable import check_timeout

    try:
        check_timeout(timeout)
    except QueryError as exc:
        raise fail(str(exc), 2) from None
    if list_:
        write_named_list(sys.stdout)
        return
    if sparql is None:
        raise QueryError("give a query: SPARQL text, @file.rq or a named query (kg query --list shows them)")
    text, named = resolve_query(sparql)
    if show:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    bindings = parse_params(param)
    if named is not None:
        named.check_params(bindings)
    from ..storage.disk import open_store

    st = open_store(store, read_only=True)
    result = run_query(st, text, bindings, timeout=timeout, interruptible=True)
    try:
        write_results(result, fmt, sys.stdout, err=sys.stderr, distinct=distinct, labels=None if iris else st.labels)
    except BrokenPipeError:
        raise closed_pipe() from None
