"""kg validate"""
from __future__ import annotations

from typing import Optional

import typer

from .app import app, fail

EXAMPLES = """Examples:

  kg validate

  kg validate --store my-store --infer

  kg validate graph.trig

Without FILE the store is checked ($KG_STORE or ./kg-store unless --store). FILE is an exported
RDF file (.ttl .trig .nq .nt .jsonld .rdf). The shapes are checked as SPARQL queries over Oxigraph;
--engine pyshacl runs pySHACL instead (the reference: same results, several times slower). Exit
status: 0 when the data conforms to kg's SHACL shapes, 1 otherwise, with a report naming each
offending node."""


@app.command(
    name="validate",
    help="Check a store or an exported RDF file against kg's SHACL shapes.\n\n" + EXAMPLES,
)
def validate_cmd(
    file: Optional[str] = typer.Argument(None, metavar="FILE", help="An RDF file to validate instead of the store."),
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    infer: bool = typer.Option(
        False, "--infer",
        help="Materialise OWL-RL entailments (symmetric metWith, superclass and alignment types) and validate them "
        "too; for a store they are written to its named graph <base>graph/inferred, replacing the last run's.",
    ),
    inferred_out: Optional[str] = typer.Option(
        None, "--inferred-out", metavar="FILE", help="With --infer: also write the entailments to FILE (.ttl .nt .rdf .jsonld)."
    ),
    limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many results."),
    engine: str = typer.Option(
        "sparql", "--engine", metavar="sparql|pyshacl",
        help="SHACL engine: sparql (queries over Oxigraph, fast) or pyshacl (the reference; same results, slower).",
    ),
) -> None:
    from ..check.validate import ENGINES, validate_file, validate_store

    if engine not in ENGINES:
        raise fail(f"--engine {engine}: unknown SHACL engine (expected one of {', '.join(ENGINES)})", 2)
    if file and store:
        raise fail("give either FILE or --store DIR, not both", 2)
    if inferred_out and not infer:
        raise fail("--inferred-out needs --infer", 2)
    if file:
        report = validate_file(file, infer=infer, engine=engine)
    else:
        from ..storage.disk import open_store

        st = open_store(store, read_only=not infer, create=False)
        try:
            report = validate_store(st, infer=infer, engine=engine)
        finally:
            if infer:
                st.close()
    if inferred_out:
        _write(report.inferred.graph, inferred_out)
    typer.echo(report.text(limit=limit))
    raise typer.Exit(0 if report.conforms else 1)


def _write(graph, path: str) -> None:
    from pathlib import Path

    from ..errors import ExportError
    from ..rdf.ontology import jsonld_context

    formats = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml", ".jsonld": "json-ld"}
    fmt = formats.get(Path(path).suffix.lower())
    if fmt is None:
        raise ExportError(f"--inferred-out {path}: unknown format (expected one of {', '.join(formats)})")
    try:
        if fmt == "json-ld":
            graph.serialize(destination=path, format=fmt, context=jsonld_context())
        else:
            graph.serialize(destination=path, format=fmt)
    except OSError as exc:
        raise ExportError(f"--inferred-out {path}: cannot write ({exc.strerror or exc})") from None
