"""kg build"""
from __future__ import annotations

from typing import List, Optional

import typer

from ..cli import app, fail

EXAMPLE = "Example: kg build article.txt --out graph.ttl --html graph.html"


@app.command(help=f"Extract actors and relations from documents into the store.\n\n{EXAMPLE}")
def build(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), directories, or - for stdin."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    out: Optional[str] = typer.Option(None, "--out", help="Also export the store to this file (format from extension)."),
    html: Optional[str] = typer.Option(None, "--html", help="Also write the interactive actor graph here."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for relative dates."),
    workers: int = typer.Option(1, "--workers", min=1, help="Parallel spaCy processes."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default $KG_MODEL or en_core_web_sm)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild documents already in the store."),
) -> None:
    import re

    from ..build import build_into
    from ..store import open_store

    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        raise fail(f"--published {published!r}: expected a date YYYY-MM-DD", 2)
    st = open_store(store)
    try:
        report = build_into(st, paths, published=published, model=model, workers=workers, resume=not rebuild)
        if out:
            from ..export import export

            export(st, out)
        if html:
            from ..viz.graph import actor_graph
            from ..viz.html import render_html

            render_html(actor_graph(st), html)
    finally:
        st.close()
    for p in report.problems:
        typer.echo(f"kg: skipped {p}", err=True)
    typer.echo(
        f"built {report.documents} document(s) ({report.unchanged} unchanged): {report.entities} entities, "
        f"{report.relations} relations, {report.positions} positions, {report.events} events, "
        f"{report.quotations} quotations; {report.triples} triples written"
        + (f"; {len(report.problems)} skipped" if report.problems else ""),
        err=True,
    )
    if report.problems:
        raise typer.Exit(3 if report.documents or report.unchanged else 1)
