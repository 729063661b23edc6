"""kg export"""
from __future__ import annotations

from typing import Optional

import typer

from ..cli import app

EXAMPLE = "Example: kg export graph.ttl   (also .trig .nq .nt .jsonld .rdf .graphml .gexf)"


@app.command(name="export", help=f"Write the store to a file; the format comes from the extension.\n\n{EXAMPLE}")
def export_cmd(
    file: str = typer.Argument(..., help="Output file: .ttl .trig .nq .nt .jsonld .rdf .graphml .gexf"),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
) -> None:
    from ..export import export
    from ..store import open_store

    st = open_store(store, read_only=True)
    path = export(st, file)
    typer.echo(f"wrote {path}", err=True)
