"""kg query"""
from __future__ import annotations

from typing import Optional

import typer

from ..cli import app

EXAMPLE = 'Example: kg query "SELECT ?a ?b WHERE { ?a kg:metWith ?b }" --format csv'


@app.command(help=f"Run a SPARQL query over the store (prefixes kg:, rdfs:, skos:, ... predefined).\n\n{EXAMPLE}")
def query(
    sparql: str = typer.Argument(..., help="SPARQL text, or @file.rq."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    fmt: str = typer.Option("table", "--format", help="table | csv | tsv | json (SPARQL 1.1 results JSON)."),
) -> None:
    from ..query import load_query_text, run_query, write_results
    from ..store import open_store

    st = open_store(store, read_only=True)
    result = run_query(st, load_query_text(sparql))
    write_results(result, fmt)
