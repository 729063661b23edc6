"""kg eval"""
from __future__ import annotations

from typing import List, Optional

import typer

from .app import app

EXAMPLE = ("Examples: kg eval article.gold.json --json\n\n"
           "kg eval conll04_dev.jsonl --dataset conll04 --limit 60\n\n"
           "kg eval wikievents_dev_contact.jsonl --dataset events")


@app.command("eval", help=(
    "Score the pipeline against annotated data: gold files (*.gold.json: entities, relations, positions, "
    "quotations, events), or CoNLL04 (relations) / PolNeAR (quotations) / WikiEvents and RAMS contact events "
    "(meetings, calls) JSON Lines splits. Documents are "
    f"built in memory; precision, recall and F1 per type.\n\n{EXAMPLE}"))
def eval_(
    gold: List[str] = typer.Argument(..., metavar="GOLD", help="Gold files (*.gold.json), or CoNLL04 / PolNeAR / events .jsonl splits."),
    dataset: str = typer.Option("gold", "--dataset", help="gold | conll04 | polnear | events."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N sentences/articles of a split."),
    export_dir: Optional[str] = typer.Option(None, "--export", help="Also write each built graph as Turtle into this directory."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default $KG_MODEL or en_core_web_sm)."),
) -> None:
    from .app import console, err_console
    from ..evaluate import evaluate
    from ..evaluate.report import render, to_json

    err = err_console()
    progress = None
    if err.is_terminal:
        from rich.progress import Progress

        progress = Progress(console=err, transient=True)
        task = progress.add_task("building documents", total=None)
        progress.start()
    try:
        results = evaluate(gold, dataset=dataset, model=model, limit=limit, export_dir=export_dir,
                           on_document=(lambda ex: progress.advance(task)) if progress else None)
    finally:
        if progress:
            progress.stop()
    if as_json:
        typer.echo(to_json(results))
    else:
        render(results, console())
