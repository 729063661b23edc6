"""kg path"""
from __future__ import annotations

from typing import List, Optional

import typer

from .app import app

EXAMPLE = 'Example: kg path "Marco Rubio" "Vladimir Putin" --relation metWith --relation represents'


@app.command(help=f"Print the chain of relations linking two actors, with the evidence of every hop.\n\n{EXAMPLE}")
def path(
    a: str = typer.Argument(..., help="First actor (canonical name or alias)."),
    b: str = typer.Argument(..., help="Second actor (canonical name or alias)."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    relation: Optional[List[str]] = typer.Option(None, "--relation",
                                                 help="Follow only this relation type (repeatable): metWith, spokeWith, represents, advises, locatedIn."),
    sentences: int = typer.Option(1, "--sentences", min=1, help="Evidence sentences to print per relation."),
    fmt: str = typer.Option("text", "--format", help="text | json"),
) -> None:
    from ..errors import KgError
    from ..storage.disk import open_store
    from ..viz.graph import actor_graph
    from ..viz.paths import format_path, path_as_dict, relation_path

    if fmt not in ("text", "json"):
        raise KgError(f"--format {fmt!r}: expected text or json")
    g = actor_graph(open_store(store, read_only=True))
    hops = relation_path(g, a, b, relations=relation or None)
    if fmt == "json":
        from ..storage.results import safe_json

        typer.echo(safe_json(path_as_dict(g, hops), indent=2))
    else:
        typer.echo(format_path(g, hops, sentences=sentences))
