"""Score a built graph against a gold annotation file (``*.gold.json``, read by
:mod:`kg.evaluate.gold_file`).

The format and the rules are those of ``shared/eval/FORMAT.md``:

* names match after :func:`~kg.evaluate.normalize.normalize_name`; an output actor matches the gold
  entity that most of its names (canonical name and aliases) match;
* entities: recall over required gold entities, precision over output actors (an actor matching no
  gold entity is spurious), duplicates (one gold entity, several actors), type accuracy;
* relations: same predicate and matching ends (either direction for metWith and spokeWith);
  optional gold relations are neither hits nor false positives; a relation whose ends match no gold
  entity is a false positive;
* positions: person, title (case-insensitive, "adviser" = "advisor") and post;
* quotations: found when an output quotation contains the gold fragment, attributed when that
  quotation's speaker is the gold speaker; output quotations containing no gold fragment are false
  positives;
* events: a gold event matches the output event of its type with the largest participant overlap
  (Jaccard >= 0.5); place and date are then scored separately.

In every section an item marked ``"required": false`` is optional: finding it is neither a hit
nor a false positive, and missing it costs nothing (as ``shared/tools/kgscore.py`` scores them).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable

from ..errors import InputError
from .gold_file import GoldFile, load_gold, relation_key, title_key
from .metrics import Rate, Score
from .normalize import normalize_name, normalize_quote
from .observed import ObservedGraph, read_observed
from .result import Evaluation, Section

__all__ = ["match_actors", "score_gold", "evaluate_gold_file"]


def _name_index(gold: GoldFile) -> dict[str, str]:
    """Normalised name -> gold entity id; the first entity in the file claims a shared name."""
    index: dict[str, str] = {}
    for e in gold.entities:
        for name in (e.name, *e.aliases):
            index.setdefault(normalize_name(name), e.id)
    return index


def match_actors(gold: GoldFile, observed: ObservedGraph) -> dict[str, str]:
    """Output actor node -> the gold entity id most of its names match.

    Each distinct name of the node votes for the gold entity it matches. Ties go to the entity the
    canonical name matches, then to the entity listed first in the gold file.
    """
    index = _name_index(gold)
    order = {e.id: n for n, e in enumerate(gold.entities)}
    out = {}
    for node, actor in observed.actors.items():
        votes = Counter(index[k] for k in map(normalize_name, actor.labels) if k in index)
        if not votes:
            continue
        canonical = {index.get(normalize_name(l)) for l in actor.preferred}
        out[node] = min(votes, key=lambda gid: (-votes[gid], gid not in canonical, order[gid]))
    return out


def _display(observed: ObservedGraph, node: str) -> str:
    labels = observed.labels(node)
    return sorted(labels)[0] if labels else node


def _entities(gold: GoldFile, observed: ObservedGraph, node2gold: dict[str, str]) -> Section:
    by_id = {e.id: e for e in gold.entities}
    matched: dict[str, list[str]] = defaultdict(list)
    spurious = []
    for node in observed.actors:
        if node in node2gold:
            matched[node2gold[node]].append(node)
        else:
            spurious.append(node)
    required = [e.id for e in gold.entities if e.required]
    found = [gid for gid in required if gid in matched]
    typed = [gid for gid, nodes in matched.items() if any(by_id[gid].type in observed.types(n) for n in nodes)]
    not_entities = {normalize_name(x) for x in gold.not_entities}
    junk = [n for n in spurious if {normalize_name(l) for l in observed.labels(n)} & not_entities]
    return Section(
        "entities",
        Score(correct=len(observed.actors) - len(spurious), output=len(observed.actors), found=len(found),
              gold=len(required)),
        rates={"type_accuracy": Rate(len(typed), len(matched), if_empty=0.0)},
        details={
            "duplicates": {gid: len(nodes) for gid, nodes in matched.items() if len(nodes) > 1},
            "spurious": sorted(_display(observed, n) for n in spurious),
            "junk": sorted(_display(observed, n) for n in junk),
            "missed": [gid for gid in required if gid not in matched],
            "wrong_type": sorted(gid for gid in matched if gid not in typed),
        },
    )


def _relations(gold: GoldFile, observed: ObservedGraph, node2gold: dict[str, str]) -> Section:
    required = {r.key for r in gold.relations if r.required}
    optional = {r.key for r in gold.relations if not r.required}
    predicted: set[tuple[str, str, str]] = set()
    unmapped: Counter = Counter()
    for rel in observed.relations:
        s, o = node2gold.get(rel.subject), node2gold.get(rel.object)
        if s and o and s != o:
            predicted.add(relation_key(s, rel.predicate, o))
        else:
            unmapped[rel.predicate] += 1
    wrong = predicted - required - optional

    def score(keys_gold: set, keys_pred: set, keys_wrong: set, extra_fp: int) -> Score:
        tp = len(keys_pred & keys_gold)
        return Score(correct=tp, output=tp + len(keys_wrong) + extra_fp, found=tp, gold=len(keys_gold))

    parts = {}
    for p in sorted({k[0] for k in required | wrong} | set(unmapped)):
        def only(keys):
            return {k for k in keys if k[0] == p}
        parts[p] = score(only(required), only(predicted), only(wrong), unmapped[p])
    return Section(
        "relations",
        score(required, predicted, wrong, sum(unmapped.values())),
        parts=parts,
        details={"missed": [list(k) for k in sorted(required - predicted)], "wrong": [list(k) for k in sorted(wrong)],
                 "unmapped_endpoints": sum(unmapped.values())},
    )


def _positions(gold: GoldFile, observed: ObservedGraph, node2gold: dict[str, str]) -> Section:
    expected = {p.key for p in gold.positions if p.required}
    optional = {p.key for p in gold.positions if not p.required} - expected
    predicted = {(node2gold.get(p.person), title_key(p.title), node2gold.get(p.of) if p.of else None)
                 for p in observed.positions if p.title is not None}
    scored = predicted - optional  # an optional position found is neither a hit nor a false positive
    tp = len(expected & predicted)

    def listed(items):
        return [list(x) for x in sorted(items, key=lambda t: tuple(v or "" for v in t))]

    return Section("positions", Score(tp, len(scored), tp, len(expected)),
                   details={"missed": listed(expected - predicted), "wrong": listed(scored - expected),
                            "optional_found": len(predicted & optional)})


def _quotes(gold: GoldFile, observed: ObservedGraph, node2gold: dict[str, str]) -> Section:
    # One output quotation per distinct (text, speakers): the same quote twice is not two quotes.
    output = sorted({(normalize_quote(q.text), frozenset(node2gold.get(s) for s in q.speakers))
                     for q in observed.quotations}, key=lambda q: (q[0], sorted(s or "" for s in q[1])))
    used: set[int] = set()
    optional_used: set[int] = set()  # output quotations holding only optional fragments: not scored
    found = attributed = 0
    required = [gq for gq in gold.quotes if gq.required]
    for gq in gold.quotes:
        fragment = normalize_quote(gq.text)
        hits = [i for i, (text, _) in enumerate(output) if fragment and fragment in text]
        if not gq.required:
            optional_used.update(hits)
            continue
        if hits:
            found += 1
            used.update(hits)
            attributed += any(gq.speaker in output[i][1] for i in hits)
    unmatched = [i for i in range(len(output)) if i not in used and i not in optional_used]
    not_quotes = {normalize_quote(x) for x in gold.not_quotes}
    return Section(
        "quotes",
        Score(correct=len(used), output=len(used) + len(unmatched), found=found, gold=len(required)),
        rates={"attributed": Rate(attributed, len(required))},
        details={"false_positives": len(unmatched),
                 "optional_found": len(optional_used - used),
                 "not_quotes_output": sum(1 for text, _ in output if text in not_quotes),
                 "unmatched_output": [output[i][0] for i in unmatched]},
    )


def _date_matches(ge, dates: frozenset[str], date_texts: frozenset[str]) -> bool:
    if ge.date:
        return ge.date in dates
    if ge.date_text:
        want = f" {normalize_quote(ge.date_text)} "
        return any(want in f" {normalize_quote(t)} " for t in date_texts)
    return True


def _events(gold: GoldFile, observed: ObservedGraph, node2gold: dict[str, str]) -> Section:
    def mapped(nodes):
        return {node2gold.get(n) for n in nodes} - {None}

    candidates = [(ev, mapped(ev.participants), mapped(ev.places)) for ev in observed.events]

    def best_match(ge):
        best = None
        for ev, parts, places in candidates:
            if ev.type != ge.type:
                continue
            overlap = len(ge.participants & parts) / len(ge.participants | parts)
            place_ok = not ge.places or bool(ge.places & places)
            date_ok = _date_matches(ge, ev.dates, ev.date_texts)
            rank = (overlap, place_ok, date_ok)
            if best is None or rank > best[0]:
                best = (rank, ev.node)
        return None if best is None or best[0][0] < 0.5 else best

    found = with_place = with_date = 0
    chosen, optional_chosen = set(), set()
    for ge in gold.events:
        best = best_match(ge)
        if best is None:
            continue
        (_, place_ok, date_ok), node = best
        if not ge.required:  # an optional event found is neither a hit nor a false positive
            optional_chosen.add(node)
            continue
        found += 1
        chosen.add(node)
        with_place += place_ok
        with_date += date_ok
    n = sum(1 for ge in gold.events if ge.required)
    return Section(
        "events",
        Score(correct=len(chosen), output=len(observed.events) - len(optional_chosen - chosen), found=found, gold=n),
        rates={"with_place": Rate(with_place, n), "with_date": Rate(with_date, n)},
        details={"optional_found": len(optional_chosen - chosen)},
    )


def score_gold(gold: GoldFile, observed: ObservedGraph, *, documents: int = 1) -> Evaluation:
    """Score what a graph says against a gold file.

    Examples
    --------
    >>> from kg.evaluate.gold_file import parse_gold
    >>> from kg.evaluate.observed import Actor, ObservedGraph
    >>> g = parse_gold({"document": {"text_file": "a.txt"}, "entities": [
    ...     {"id": "ann", "type": "Person", "name": "Ann Lee", "aliases": ["Lee"]}]}, "a.gold.json")
    >>> seen = ObservedGraph({"n1": Actor("n1", frozenset({"Person"}), frozenset({"Lee"})),
    ...                       "n2": Actor("n2", frozenset({"Person"}), frozenset({"State"}))}, (), (), (), ())
    >>> s = score_gold(g, seen).section("entities")
    >>> s.score.precision, s.score.recall, s.details["spurious"]
    (0.5, 1.0, ['State'])
    """
    node2gold = match_actors(gold, observed)
    sections = tuple(f(gold, observed, node2gold) for f in (_entities, _relations, _positions, _quotes, _events))
    return Evaluation("gold", str(gold.path), documents, sections)


def evaluate_gold_file(path: str | Path, *, model: str | None = None, export_to: str | Path | None = None,
                       on_document: Callable | None = None) -> Evaluation:
    """Build the document of a gold file (in memory) and score the graph against the gold file.

    ``export_to`` also writes the built graph there (format from the extension).

    Raises
    ------
    InputError
        When the gold file or its document is missing or invalid.
    """
    from .scratch import build_paths

    gold = load_gold(path)
    store, report = build_paths([str(gold.text_path)], published=gold.published, model=model,
                                export_to=export_to, on_document=on_document)
    if report.problems:
        raise InputError(f"{gold.path}: its document cannot be read ({report.problems[0]})")
    return score_gold(gold, read_observed(store), documents=report.documents)
