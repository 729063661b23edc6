"""Evaluation as a feature: score what kg builds against annotated data.

* gold files (``*.gold.json``, format of ``shared/eval/FORMAT.md``): entities, relations,
  positions, quotations and events of one article (:mod:`kg.evaluate.gold`);
* CoNLL04 sentences: Work_For, Located_In, OrgBased_In relations (:mod:`kg.evaluate.conll04`);
* PolNeAR articles: quotation content and speakers (:mod:`kg.evaluate.polnear`).

Documents are built with the library into a store in memory, read back as plain records
(:mod:`kg.evaluate.observed`) and scored; results are :class:`Evaluation` objects shown as tables
or JSON (:mod:`kg.evaluate.report`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError
from .conll04 import evaluate_conll04, score_conll04
from .gold import evaluate_gold_file, score_gold
from .gold_file import load_gold
from .metrics import Rate, Score
from .observed import ObservedGraph, read_observed
from .polnear import evaluate_polnear, score_polnear
from .result import Evaluation, Section, combine

__all__ = ["DATASETS", "evaluate", "evaluate_gold_file", "evaluate_conll04", "evaluate_polnear", "load_gold",
           "score_gold", "score_conll04", "score_polnear", "read_observed", "ObservedGraph", "Evaluation",
           "Section", "Score", "Rate", "combine"]

#: Dataset kinds ``kg eval --dataset`` accepts.
DATASETS = ("gold", "conll04", "polnear", "events")


def _export_names(paths: list[str], export_dir: str | Path | None) -> list[Path | None]:
    """One Turtle file per scored file in ``export_dir``, named after it (``x.gold.json`` -> ``x.ttl``)."""
    if export_dir is None:
        return [None] * len(paths)
    out, used = [], set()
    for p in paths:
        stem = Path(p).name.split(".")[0] or "graph"
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        out.append(Path(export_dir) / f"{name}.ttl")
    return out


def evaluate(paths: Iterable[str], *, dataset: str = "gold", model: str | None = None, limit: int | None = None,
             export_dir: str | Path | None = None, on_document: Callable | None = None) -> list[Evaluation]:
    """Build and score each file of ``paths``: gold files, or CoNLL04 / PolNeAR splits, or
    WikiEvents / RAMS contact events (``events``, see :mod:`kg.evaluate.events`).

    ``limit`` scores only the first sentences (CoNLL04, events) or articles (PolNeAR); ``export_dir``
    also writes each built graph there as Turtle, for other tools.

    Raises
    ------
    InputError
        For an unknown dataset, or a file that is missing or not in the dataset's format.
    """
    paths = list(paths)
    if dataset not in DATASETS:
        raise InputError(f"--dataset {dataset!r}: unknown dataset (expected one of {', '.join(DATASETS)})")
    if not paths:
        raise InputError("no file to evaluate (give gold files or a dataset split)")
    if limit is not None and limit < 1:
        raise InputError(f"--limit {limit}: expected a positive number of documents")
    if limit is not None and dataset == "gold":
        raise InputError(f"--limit {limit}: applies to conll04 and polnear splits, not to gold files")
    if dataset in ("gold", "events"):  # every file is checked before the first (slow) build
        from .events import load_events

        for path in paths:
            (load_gold if dataset == "gold" else load_events)(path)
    results = []
    for path, export_to in zip(paths, _export_names(paths, export_dir)):
        if dataset == "gold":
            results.append(evaluate_gold_file(path, model=model, export_to=export_to, on_document=on_document))
        elif dataset == "events":
            from .events import evaluate_events

            results.append(evaluate_events(path, limit=limit, model=model, export_to=export_to,
                                           on_document=on_document))
        else:
            run = evaluate_conll04 if dataset == "conll04" else evaluate_polnear
            results.append(run(path, limit=limit, model=model, export_to=export_to, on_document=on_document))
    return results
