"""kg build"""
from __future__ import annotations

from typing import List, Optional

import typer

from ..cli import app, fail

EXAMPLE = """Examples:

  kg build article.txt --out graph.ttl --html graph.html

  kg build archive.jsonl pages/ --workers 2

  kg build archive.jsonl --engine dask --scheduler tcp://head:8786"""


@app.command(help=f"Extract actors and relations from documents into the store.\n\n{EXAMPLE}")
def build(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), directories, or - for stdin."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    out: Optional[str] = typer.Option(None, "--out", help="Also export the store to this file (format from extension)."),
    html: Optional[str] = typer.Option(None, "--html", help="Also write the interactive actor graph here."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for relative dates."),
    workers: int = typer.Option(1, "--workers", min=1, help="Extraction processes on this machine (local engine; same graph for any N)."),
    engine: str = typer.Option("local", "--engine", help="Where extraction runs: local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address tcp://HOST:PORT (--engine dask)."),
    push: Optional[str] = typer.Option(None, "--push", help="Send the graph, batch by batch, to this Graph Store endpoint (as `kg push`) instead of the store; $KG_TOKEN, if set, is sent as a bearer token."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default $KG_MODEL or en_core_web_sm)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild documents already in the store."),
    doc_timeout: float = typer.Option(120.0, "--doc-timeout", min=0, help="Seconds one document may take to parse and extract; a slower one is skipped with a line, the build goes on (0: no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary (skipped files are still listed)."),
) -> None:
    import re

    from ..build import ENGINES, build_into, build_to_endpoint
    from ..progress import BuildProgress, summary_lines

    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        raise fail(f"--published {published!r}: expected a date YYYY-MM-DD", 2)
    if engine not in ENGINES:
        raise fail(f"--engine {engine!r}: expected one of {', '.join(ENGINES)}", 2)
    if engine == "dask" and not scheduler:
        raise fail("--engine dask needs --scheduler tcp://HOST:PORT (the address `dask scheduler` prints)", 2)
    if engine == "dask" and workers > 1:
        raise fail(f"--workers {workers}: the local engine's option; with --engine dask the cluster's workers "
                   "run extraction (start more with `dask worker`)", 2)
    if scheduler and engine != "dask":
        raise fail(f"--scheduler {scheduler}: only used with --engine dask", 2)
    if push and (out or html or store):
        raise fail(f"--push {push}: sends the graph to the endpoint without a local store; "
                   "drop --store, --out and --html, or drop --push and run `kg push` afterwards", 2)
    from ..read import check_paths

    check_paths(paths)  # a typo in a path fails before the store directory is created
    import math

    if not math.isfinite(doc_timeout):
        raise fail(f"--doc-timeout {doc_timeout}: expected a number of seconds (0 for no limit)", 2)
    options = dict(published=published, model=model, workers=workers, engine=engine, scheduler=scheduler,
                   doc_timeout=doc_timeout or None)
    with BuildProgress(paths, enabled=False if quiet else None) as progress:
        if push:
            import os

            token = os.environ.get("KG_TOKEN")
            report = build_to_endpoint(push, paths, progress=progress, push_options={"token": token} if token else None,
                                       **options)
        else:
            from ..store import open_store

            st = open_store(store)
            try:
                report = build_into(st, paths, resume=not rebuild, progress=progress, **options)
                if out:
                    from ..export import export

                    export(st, out)
                if html:
                    from ..viz.graph import actor_graph
                    from ..viz.html import render_html

                    render_html(actor_graph(st), html)
            finally:
                st.close()
    first, *skipped = summary_lines(report)
    for line in skipped:
        typer.echo(f"kg: {line}", err=True)
    if not quiet:
        typer.echo(first, err=True)
    if report.problems:
        raise typer.Exit(3 if report.documents or report.unchanged else 1)
