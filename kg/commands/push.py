"""kg push"""
from __future__ import annotations

from typing import Optional

import typer

from .app import app

EXAMPLE = """Examples:

  kg push http://localhost:7878/store

  kg push https://graphdb.example.org/repositories/news/rdf-graphs/service --user me   (password from $KG_PASSWORD)

  kg push http://localhost:3030/news/data --token "$TOKEN\""""


@app.command(
    help="Send the store, article by article as named graphs, to a SPARQL 1.1 Graph Store Protocol "
    "endpoint (HTTP PUT ?graph=<article>: pushing again replaces, never duplicates).\n\n" + EXAMPLE
)
def push(
    endpoint: str = typer.Argument(..., help="Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store; Fuseki: http://HOST:PORT/DATASET/data)."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    user: Optional[str] = typer.Option(None, "--user", help="User name for HTTP basic authentication."),
    password: Optional[str] = typer.Option(None, "--password", envvar="KG_PASSWORD", help="Password for --user (or $KG_PASSWORD, which keeps it out of the process list)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="KG_TOKEN", help="Bearer token (or $KG_TOKEN)."),
    timeout: float = typer.Option(120.0, "--timeout", metavar="SECONDS", help="Seconds to wait for each answer."),
) -> None:
    import sys

    from ..output.push import push as run
    from ..output.push import redact_url
    from ..storage.disk import open_store

    st = open_store(store, read_only=True)
    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True)
        task = progress.add_task("pushing articles", total=None)
        progress.start()

    def step(graph: str, n: int) -> None:
        if progress is not None:
            progress.advance(task)

    try:
        report = run(st, endpoint, user=user, password=password, token=token, timeout=timeout, on_graph=step)
    finally:
        if progress is not None:
            progress.stop()
    graphs = f"{report.graphs:,} article graph" + ("" if report.graphs == 1 else "s")
    typer.echo(f"pushed {graphs}, {report.triples:,} triples to {redact_url(endpoint)}", err=True)
    if report.not_sent:
        typer.echo(f"kg: note: {report.not_sent} quads outside article graphs were not pushed", err=True)
