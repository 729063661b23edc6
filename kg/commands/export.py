"""kg export"""
from __future__ import annotations

from typing import Optional

import typer

from .app import app

EXAMPLES = """Examples:

  kg export graph.ttl

  kg export graph.trig --store my-store

  kg export actors.graphml

Formats by extension: .ttl .nt .rdf/.owl (all graphs merged); .trig .nq .jsonld (one named graph
per article; JSON-LD with kg's published @context); .graphml .gexf (the actor graph, for Gephi)."""


@app.command(name="export", help=f"Write the store to a file; the format comes from the extension.\n\n{EXAMPLES}")
def export_cmd(
    file: str = typer.Argument(..., metavar="FILE", help="Output file: .ttl .nt .rdf .owl .trig .nq .jsonld .graphml .gexf"),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
) -> None:
    from ..output.export import export
    from ..storage.disk import open_store

    st = open_store(store, read_only=True)
    path = export(st, file)
    typer.echo(f"wrote {path}", err=True)
