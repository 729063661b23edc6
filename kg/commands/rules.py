"""kg rules"""
from __future__ import annotations

import json
from typing import Optional

import typer

from .app import app, fail

EXAMPLES = """Examples:

  kg rules

  kg rules meet-verb

  kg rules --kind positions --format json

Every kg:rule value in a graph names one of these rules (a value may add a detail after "/", as in
title-premodifier/nationality, or "-caption" for a caption). NAME shows that rule with the words of
its vocabulary (kg/nlp/patterns/). The confidence is the one its evidence carries before discounts."""


@app.command(name="rules", help="List the extraction rules: what each finds, its trigger words and confidence.\n\n" + EXAMPLES)
def rules_cmd(
    name: Optional[str] = typer.Argument(None, metavar="NAME", help="One rule, by a kg:rule value of a graph."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only rules of this kind (meetings, calls, positions, titles, completions, "
                                       "affiliations, locations, events, gatherings, quotes)."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    from ..nlp import extract  # noqa: F401  (imports every rule module, which registers its rules)
    from ..nlp.rules import rule_rows

    if fmt not in ("text", "json"):
        raise fail(f"--format {fmt}: unknown format; use text or json")
    rows = rule_rows(kind=kind, name=name)
    if not rows:
        what = f"rule {name!r}" if name else f"rules of kind {kind!r}"
        raise fail(f"no {what}; `kg rules` lists them all")
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        print(f"{row['name']}  [{row['kind']}, confidence {row['confidence']:g}]")
        print(f"    {row['description']}")
        if len(row["writes"]) > 1:
            print(f"    writes: {', '.join(row['writes'])}")
        for key, words in row["vocabulary"].items():
            shown = words if name else (sorted(words) if isinstance(words, list) else words)
            if not name and isinstance(shown, list) and len(shown) > 8:
                shown = shown[:8] + ["..."]
            print(f"    {key}: {json.dumps(shown, ensure_ascii=False)}")
