"""What a built graph says, read from a kg store into plain records for scoring.

Scoring works on these records, never on spaCy objects or on the extraction records of one
document: it sees exactly what users see in the store (cross-document identities included), which
is also what the independent scripts of ``shared/tools`` see in an export of that store. The SPARQL
queries are data files in ``kg/evaluate/queries``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox

from ..rdf.namespace import KG_NS

__all__ = ["Actor", "ObservedRelation", "ObservedPosition", "ObservedQuotation", "ObservedEvent", "ObservedGraph",
           "read_observed"]


@dataclass(frozen=True)
class Actor:
    """An actor node: its actor classes (local names), all its names and its canonical names."""

    node: str
    types: frozenset[str]
    labels: frozenset[str]
    preferred: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ObservedRelation:
    """An asserted ``subject predicate object`` triple between nodes (predicate as a local name)."""

    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class ObservedPosition:
    """One (title, post) reading of a position node held by ``person``; ``title``/``of`` may be None."""

    person: str
    node: str
    title: str | None
    of: str | None


@dataclass(frozen=True)
class ObservedQuotation:
    """A quotation node: its text (texts joined when several) and speaker nodes."""

    node: str
    text: str
    speakers: frozenset[str]


@dataclass(frozen=True)
class ObservedEvent:
    """A meeting or phone call node with participants, places (nodes) and dates."""

    node: str
    type: str
    participants: frozenset[str]
    places: frozenset[str]
    dates: frozenset[str]
    date_texts: frozenset[str]


@dataclass(frozen=True)
class ObservedGraph:
    """Everything scoring needs from a graph."""

    actors: dict[str, Actor]
    relations: tuple[ObservedRelation, ...]
    positions: tuple[ObservedPosition, ...]
    quotations: tuple[ObservedQuotation, ...]
    events: tuple[ObservedEvent, ...]

    def labels(self, node: str) -> frozenset[str]:
        """All names of a node (empty for a node that is not an actor)."""
        actor = self.actors.get(node)
        return actor.labels if actor else frozenset()

    def types(self, node: str) -> frozenset[str]:
        """The actor classes of a node (empty for a node that is not an actor)."""
        actor = self.actors.get(node)
        return actor.types if actor else frozenset()


@lru_cache(maxsize=None)
def _query(name: str) -> str:
    return files(__package__).joinpath("queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")


def _key(term) -> str | None:
    """A node as a string key (IRI, or ``_:id`` for a blank node); ``None`` stays ``None``."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _local(term) -> str:
    value = term.value
    return value[len(KG_NS):] if value.startswith(KG_NS) else value


def _value(term) -> str | None:
    return None if term is None else term.value


def read_observed(store, *, statements: bool = False) -> ObservedGraph:
    """Read actors, relations, positions, quotations and events from a :class:`kg.storage.store.KgStore`.

    ``statements`` also reads reported speech (kg:Statement) as quotations, as PolNeAR scoring needs;
    gold files score verbatim quotations (kg:Quotation) only, as FORMAT.md and kgscore.py do.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.storage.store import KgStore
    >>> from kg.records import Document, Entity, Extraction
    >>> from kg.rdf.mapping import extraction_to_graph
    >>> st = KgStore(ox.Store(), None, False)
    >>> ex = Extraction(Document("d1", "Ann met Bob."), entities=(Entity("p:ann", "Person", "Ann Lee", ("Lee",)),))
    >>> _ = st.add_graphs([extraction_to_graph(ex, base="http://ex.org/")])
    >>> sorted(read_observed(st).labels("http://ex.org/person/ann-lee"))
    ['Ann Lee', 'Lee']
    """
    types: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_query("actors")):
        types[_key(row["node"])].add(_local(row["type"]))
    labels: dict[str, set[str]] = defaultdict(set)
    preferred: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_query("labels")):
        node, label = _key(row["node"]), row["label"].value
        labels[node].add(label)
        if row["preferred"].value == "true":
            preferred[node].add(label)
    actors = {n: Actor(n, frozenset(t), frozenset(labels[n]), frozenset(preferred[n])) for n, t in sorted(types.items())}

    relations = tuple(sorted(
        {ObservedRelation(_key(r["s"]), _local(r["p"]), _key(r["o"])) for r in store.query(_query("relations"))},
        key=lambda r: (r.subject, r.predicate, r.object)))
    positions = tuple(sorted(
        {ObservedPosition(_key(r["person"]), _key(r["position"]), _value(r["title"]), _key(r["of"]))
         for r in store.query(_query("positions"))},
        key=lambda p: (p.person, p.node, p.title or "", p.of or "")))

    texts: dict[str, set[str]] = defaultdict(set)
    speakers: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_query("statements" if statements else "quotations")):
        q = _key(row["quote"])
        texts[q]  # every quotation node, even without text
        if row["text"] is not None:
            texts[q].add(row["text"].value)
        if row["speaker"] is not None:
            speakers[q].add(_key(row["speaker"]))
    quotations = tuple(ObservedQuotation(q, " ".join(sorted(t)), frozenset(speakers[q])) for q, t in sorted(texts.items()))

    event_types: dict[str, set[str]] = defaultdict(set)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.query(_query("events")):
        e = _key(row["event"])
        event_types[e].add(_local(row["type"]))
        if row["role"] is not None:
            roles[e, _local(row["role"])].add(_key(row["value"]))
    events = tuple(
        ObservedEvent(e, t, frozenset(roles[e, "participant"]), frozenset(roles[e, "atPlace"]),
                      frozenset(roles[e, "date"]), frozenset(roles[e, "dateText"]))
        for e, ts in sorted(event_types.items()) for t in sorted(ts))
    return ObservedGraph(actors, relations, positions, quotations, events)
