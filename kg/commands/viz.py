"""kg viz"""
from __future__ import annotations

from typing import Optional

import typer

from .app import app

EXAMPLE = 'Example: kg viz graph.html --focus "Sergei Lavrov" --hops 2'


@app.command(help="Write the interactive actor graph as one self-contained HTML file (works offline). By default "
             "it shows the best-connected actors (150, or --max-nodes) and leaves out actors without relations; "
             f"the page says how many are hidden.\n\n{EXAMPLE}")
def viz(
    file: str = typer.Argument(..., help="Output HTML file."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Centre on this actor (canonical name or alias)."),
    hops: int = typer.Option(1, "--hops", min=0, help="With --focus: how many relations away to include."),
    max_nodes: Optional[int] = typer.Option(None, "--max-nodes", min=1,
                                            help="Keep only the N best-connected actors (the page says how many were left out)."),
    communities: bool = typer.Option(False, "--communities", help="Colour actors by community (Louvain) instead of by type."),
    seed: int = typer.Option(7, "--seed", help="Seed of the layout and of the communities."),
    title: str = typer.Option("kg actor graph", "--title", help="Page title."),
    all_actors: bool = typer.Option(False, "--all", help="Draw every actor, also those without relations "
                                    "(default: the best-connected core, at most 150 actors unless --max-nodes)."),
) -> None:
    from ..storage.disk import open_store
    from ..viz.graph import actor_graph
    from ..viz.html import render_view
    from ..viz.views import select_view

    st = open_store(store, read_only=True)
    view = select_view(actor_graph(st), focus=focus, hops=hops, max_nodes=max_nodes,
                       with_communities=communities, seed=seed, core=not all_actors)
    render_view(view, file, title=title, seed=seed)
    g = view.graph
    note = f"; {view.left_out} left out by --max-nodes" if view.left_out else ""
    if view.isolated:
        note += f"; {view.isolated} without relations left out (--all draws them)"
    typer.echo(f"wrote {file} ({g.number_of_nodes()} actors, {g.number_of_edges()} relations{note})", err=True)
