"""Show evaluations: Rich tables for people, JSON for programs."""
from __future__ import annotations

import json

from .result import Evaluation, combine

__all__ = ["to_json", "render"]

#: How many items of a diagnostic list (missed, spurious, ...) the tables show, and how many
#: characters of each.
SHOWN_ITEMS = 10
SHOWN_CHARS = 80


def to_json(evaluations: list[Evaluation]) -> str:
    """The evaluations as JSON: ``results`` (one per file scored) and, for several gold files,
    their micro-averaged ``total``.

    >>> from kg.evaluate.result import Section
    >>> from kg.evaluate.metrics import Score
    >>> data = json.loads(to_json([Evaluation("gold", "a.gold.json", 1, (Section("entities", Score(1, 2, 1, 1)),))]))
    >>> data["results"][0]["entities"]["precision"]
    0.5
    """
    out: dict = {"dataset": evaluations[0].dataset if evaluations else None,
                 "results": [e.to_dict() for e in evaluations]}
    if len(evaluations) > 1 and evaluations[0].dataset == "gold":
        out["total"] = combine(evaluations).to_dict()
    return json.dumps(out, indent=2, ensure_ascii=False)


def _safe(value: object) -> str:
    """Text for the terminal: control characters shown as escapes, never interpreted."""
    s = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in s)


def _short(s: str) -> str:
    return s if len(s) <= SHOWN_CHARS else s[:SHOWN_CHARS - 1].rstrip() + "\u2026"


def _items(value) -> list:
    if isinstance(value, dict):
        return [f"{k} x{v}" if isinstance(v, int) else f"{k}: {v}" for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [f"({', '.join(map(str, v))})" if isinstance(v, (list, tuple)) else v for v in value]
    return []


def _tables(ev: Evaluation):
    from rich.table import Table
    from rich.text import Text

    title = Text(f"{ev.dataset}: {_safe(ev.source)} ({ev.documents} document{'s' if ev.documents != 1 else ''})")
    scores = Table(title=title, title_justify="left")
    for name, justify in (("type", "left"), ("precision", "right"), ("recall", "right"), ("F1", "right"),
                          ("correct/output", "right"), ("found/gold", "right")):
        scores.add_column(name, justify=justify)
    rates = Table(show_header=True)
    for name, justify in (("measure", "left"), ("rate", "right"), ("hits/total", "right")):
        rates.add_column(name, justify=justify)

    def score_row(label: str, s, style: str | None = None):
        scores.add_row(Text(label, style=style or ""), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                       f"{s.correct}/{s.output}", f"{s.found}/{s.gold}")

    for sec in ev.sections:
        if sec.score is not None:
            score_row(sec.name, sec.score, "bold")
        for part, s in sec.parts.items():
            score_row(f"  {part}", s)
        for name, r in sec.rates.items():
            rates.add_row(Text(f"{sec.name} {name.replace('_', ' ')}"), f"{r.value:.3f}", f"{r.hits}/{r.total}")
    notes = []
    for sec in ev.sections:
        for name, value in sec.details.items():
            items = _items(value)
            if isinstance(value, int) and value:
                notes.append(Text(f"{sec.name} {name.replace('_', ' ')}: {value}"))
            elif items:
                shown = "; ".join(_short(_safe(x)) for x in items[:SHOWN_ITEMS])
                more = f" (+{len(items) - SHOWN_ITEMS} more)" if len(items) > SHOWN_ITEMS else ""
                notes.append(Text(f"{sec.name} {name.replace('_', ' ')} ({len(items)}): {shown}{more}"))
    return scores, (rates if rates.row_count else None), notes


def render(evaluations: list[Evaluation], console) -> None:
    """Print on the Rich ``console`` (the command's) a table of precision/recall/F1 (with counts)
    per scored type for each evaluation, then its rates (type accuracy, attribution, ...) and
    diagnostics; several gold files also get a micro-averaged total."""
    shown = list(evaluations)
    if len(evaluations) > 1 and evaluations[0].dataset == "gold":
        shown.append(combine(evaluations))
    for ev in shown:
        scores, rates, notes = _tables(ev)
        console.print(scores)
        if rates is not None:
            console.print(rates)
        for note in notes:
            console.print(note)
        console.print()
