"""kg viz"""
from __future__ import annotations

from typing import Optional

import typer

from ..cli import app

EXAMPLE = "Example: kg viz graph.html --focus \"Sergei Lavrov\" --hops 2"


@app.command(help=f"Write the interactive actor graph as one self-contained HTML file.\n\n{EXAMPLE}")
def viz(
    file: str = typer.Argument(..., help="Output HTML file."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Centre on this actor (name or alias)."),
    hops: int = typer.Option(1, "--hops", min=0, help="With --focus: how many relations away to include."),
    max_nodes: Optional[int] = typer.Option(None, "--max-nodes", min=1, help="Keep only the most central actors."),
) -> None:
    from ..store import open_store
    from ..viz.graph import actor_graph
    from ..viz.html import render_html

    st = open_store(store, read_only=True)
    g = actor_graph(st)
    render_html(g, file)
    typer.echo(f"wrote {file} ({g.number_of_nodes()} actors, {g.number_of_edges()} relations)", err=True)
