"""Score a built graph against a CoNLL04 split (Roth & Yih 2004; JSON Lines as in shared/eval/).

Each sentence is built as a document; the gold relations are compared with what the graph says:

* ``Work_For``: a person ``kg:represents`` an organisation, or holds a position ``kg:postIn`` one;
* ``OrgBased_In``: an organisation ``kg:locatedIn`` a place or country;
* ``Located_In``: a place or country ``kg:locatedIn`` a place or country.

A gold triple (head, type, tail) is found when an output relation of that type has the normalised
head among its subject's names and the tail among its object's names; an output relation is correct
when it finds some gold triple. Gold and output are sets over the whole split, as in
``shared/tools/score_datasets.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .metrics import Score
from .normalize import normalize_name
from .observed import ObservedGraph, read_observed
from .result import Evaluation, Section
from .splits import read_split

__all__ = ["RELATION_KINDS", "load_conll04", "conll04_documents", "gold_triples", "predicted_triples",
           "score_conll04", "evaluate_conll04"]

#: The CoNLL04 relation types scored, in report order.
RELATION_KINDS = ("Work_For", "Located_In", "OrgBased_In")
_PERSON, _ORG, _PLACE = frozenset({"Person"}), frozenset({"Organization"}), frozenset({"Place", "Country"})


def load_conll04(path: str | Path, *, limit: int | None = None) -> list[dict]:
    """The sentences of a CoNLL04 split (the first ``limit`` ones when given)."""
    records = read_split(path, dataset="conll04", fields={"id": str, "text": str, "relations": list})
    return records[:limit] if limit else records


def conll04_documents(records: list[dict]) -> list[dict]:
    """One document per sentence (JSON Lines records for the build)."""
    return [{"id": r["id"], "text": r["text"]} for r in records]


def gold_triples(records: list[dict]) -> set[tuple[str, str, str]]:
    """The scored gold relations as (normalised head, type, normalised tail)."""
    return {(normalize_name(r["head_text"]), r["type"], normalize_name(r["tail_text"]))
            for rec in records for r in rec["relations"] if r.get("type") in RELATION_KINDS}


def predicted_triples(observed: ObservedGraph) -> set[tuple[frozenset, str, frozenset]]:
    """The graph's relations of the CoNLL04 types, with the normalised names of both ends."""
    def names(node: str) -> frozenset:
        return frozenset(normalize_name(l) for l in observed.labels(node))

    out = set()
    for rel in observed.relations:
        s, o = observed.types(rel.subject), observed.types(rel.object)
        if rel.predicate == "represents" and s & _PERSON and o & _ORG:
            kind = "Work_For"
        elif rel.predicate == "locatedIn" and s & _ORG and o & _PLACE:
            kind = "OrgBased_In"
        elif rel.predicate == "locatedIn" and s & _PLACE and o & _PLACE:
            kind = "Located_In"
        else:
            continue
        out.add((names(rel.subject), kind, names(rel.object)))
    for pos in observed.positions:  # a post in an organisation is working for it
        if pos.of and observed.types(pos.of) & _ORG:
            out.add((names(pos.person), "Work_For", names(pos.of)))
    return out


def _section(kind: str, gold: set, predicted: set, *, details: bool = True) -> Section:
    def finds(p, g) -> bool:
        return p[1] == g[1] and g[0] in p[0] and g[2] in p[2]

    found = {g for g in gold if any(finds(p, g) for p in predicted)}
    correct = {p for p in predicted if any(finds(p, g) for g in gold)}
    return Section(kind, Score(len(correct), len(predicted), len(found), len(gold), recall_if_no_gold=0.0),
                   details={"missed": [[g[0], g[2]] for g in sorted(gold - found)]} if details else {})


def score_conll04(records: list[dict], observed: ObservedGraph, *, source: str = "", documents: int = 0) -> Evaluation:
    """Precision, recall and F1 per relation type and over all three (micro)."""
    gold, predicted = gold_triples(records), predicted_triples(observed)
    sections = [_section(k, {g for g in gold if g[1] == k}, {p for p in predicted if p[1] == k}) for k in RELATION_KINDS]
    sections.append(_section("all", gold, predicted, details=False))
    return Evaluation("conll04", source, documents, tuple(sections))


def evaluate_conll04(path: str | Path, *, limit: int | None = None, model: str | None = None,
                     export_to: str | Path | None = None, on_document: Callable | None = None) -> Evaluation:
    """Build every sentence of a CoNLL04 split into a scratch store and score the graph.

    Raises
    ------
    InputError
        When the split is missing or not CoNLL04 JSON Lines.
    """
    from .scratch import build_records

    records = load_conll04(path, limit=limit)
    store, report = build_records(conll04_documents(records), model=model, export_to=export_to,
                                  on_document=on_document)
    return score_conll04(records, read_observed(store), source=str(path), documents=report.documents)
