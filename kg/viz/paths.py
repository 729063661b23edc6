"""The chain of relations that links two actors, with the evidence of every hop.

The shortest chain is searched in the actor graph with relations followed both ways ("Marsh
represents Canada" and "Fortier represents Canada" link Marsh to Fortier through Canada); each hop
then lists every relation between its two actors in its own direction, with its sentences.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..errors import KgError
from .graph import ACTOR_RELATIONS
from .views import find_actor

__all__ = ["NoPathError", "Relation", "Hop", "relation_path", "format_path", "path_as_dict"]


class NoPathError(KgError):
    """No chain of relations links the two actors."""


@dataclass(frozen=True)
class Relation:
    """One asserted relation: ``subject predicate object`` and its evidence dicts."""

    subject: str
    predicate: str
    object: str
    evidence: tuple


@dataclass(frozen=True)
class Hop:
    """One step of a path, from ``source`` to ``target`` (walking order), and the relations
    between the two actors."""

    source: str
    target: str
    relations: tuple


def _check_relations(relations) -> tuple:
    if relations is None:
        return ACTOR_RELATIONS
    chosen = tuple(relations)
    expected = ", ".join(ACTOR_RELATIONS)
    for r in chosen:
        if r not in ACTOR_RELATIONS:
            raise KgError(f"unknown relation type {r!r}: expected one of {expected}")
    if not chosen:
        raise KgError(f"no relation type given: expected one or more of {expected}")
    return chosen


def relation_path(g: nx.MultiDiGraph, a: str, b: str, *, relations=None) -> list[Hop]:
    """The shortest chain of relations from actor ``a`` to actor ``b`` (names or aliases).

    Parameters
    ----------
    g : networkx.MultiDiGraph
        An actor graph (:func:`kg.viz.graph.actor_graph`).
    a, b : str
        Names or aliases, matched as by :func:`kg.viz.views.find_actor`.
    relations : iterable of str, optional
        Follow only these relation types (default: all of ``ACTOR_RELATIONS``).

    Returns
    -------
    list of Hop
        Empty when ``a`` and ``b`` are the same actor.

    Raises
    ------
    UnknownActorError
        When a name matches no actor.
    NoPathError
        When no chain of the allowed relations links the two actors.
    KgError
        For an unknown relation type.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for n in ("a", "b", "c"):
    ...     g.add_node(n, label=n.upper(), aliases=[])
    >>> _ = g.add_edge("a", "b", key="metWith", predicate="metWith", evidence=[])
    >>> _ = g.add_edge("c", "b", key="represents", predicate="represents", evidence=[])
    >>> [(h.source, h.target, h.relations[0].predicate) for h in relation_path(g, "A", "C")]
    [('a', 'b', 'metWith'), ('b', 'c', 'represents')]
    """
    allowed = _check_relations(relations)
    start, end = find_actor(g, a), find_actor(g, b)
    links = nx.Graph()
    links.add_nodes_from(sorted(g, key=lambda n: (str(g.nodes[n].get("label", n)), str(n))))
    for u, v, d in g.edges(data=True):
        if u != v and d.get("predicate") in allowed:
            links.add_edge(u, v)
    if start == end:
        return []
    try:
        walk = nx.shortest_path(links, start, end)
    except nx.NetworkXNoPath:
        via = "" if relations is None else f" through {', '.join(allowed)}"
        raise NoPathError(
            f"no chain of relations{via} links {g.nodes[start].get('label')!r} and {g.nodes[end].get('label')!r}: "
            "they are in separate parts of the graph (build more articles, or allow more relation types)"
        ) from None
    hops = []
    order = {p: i for i, p in enumerate(ACTOR_RELATIONS)}
    for u, v in zip(walk, walk[1:]):
        rels = []
        for s, o in ((u, v), (v, u)):
            if g.has_edge(s, o):
                for k, d in g[s][o].items():
                    p = d.get("predicate", k)
                    if p in allowed:
                        rels.append(Relation(s, p, o, tuple(d.get("evidence") or ())))
        rels.sort(key=lambda r: (order.get(r.predicate, 99), r.subject != u))
        hops.append(Hop(u, v, tuple(rels)))
    return hops


def _clean(text: str) -> str:
    """Text from articles made safe for a terminal: control characters become spaces."""
    return "".join(c if c.isprintable() else " " for c in str(text))


def _where(e: dict) -> str:
    art = e.get("document") or e.get("article", "").rsplit("/", 1)[-1]
    bits = [art]
    if e.get("title"):
        bits.append(f"\u201c{e['title']}\u201d")
    if e.get("published"):
        bits.append(e["published"])
    return ", ".join(bits)


def format_path(g: nx.MultiDiGraph, hops: list[Hop], *, sentences: int = 1) -> str:
    """The path as text: the chain on one line, then every hop with its evidence sentence(s).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Ann", aliases=[]); g.add_node("b", label="Bob", aliases=[])
    >>> _ = g.add_edge("a", "b", key="metWith", predicate="metWith",
    ...                evidence=[{"sentence": "Ann met Bob.", "article": "x/art1", "published": "2025-01-02"}])
    >>> print(format_path(g, relation_path(g, "Ann", "Bob")))
    Ann -> Bob (1 hop)
    1. Ann metWith Bob
       "Ann met Bob." (art1, 2025-01-02)
    """
    def name(n):
        return _clean(g.nodes[n].get("label", n))

    if not hops:
        return "the two names are the same actor (0 hops)"
    chain = [hops[0].source] + [h.target for h in hops]
    lines = [" -> ".join(name(n) for n in chain) + f" ({len(hops)} hop{'s' if len(hops) != 1 else ''})"]
    for i, hop in enumerate(hops, 1):
        for j, rel in enumerate(hop.relations):
            lead = f"{i}. " if j == 0 else " " * (len(str(i)) + 2)
            lines.append(f"{lead}{name(rel.subject)} {rel.predicate} {name(rel.object)}")
            pad = " " * (len(str(i)) + 2)
            if not rel.evidence:
                lines.append(f"{pad}(no evidence sentence recorded)")
            for e in rel.evidence[:sentences]:
                lines.append(f"{pad}\"{_clean(e['sentence'])}\" ({_clean(_where(e))})")
            if len(rel.evidence) > sentences:
                more = len(rel.evidence) - sentences
                lines.append(f"{pad}(and {more} more sentence{'s' if more != 1 else ''})")
    return "\n".join(lines)


def path_as_dict(g: nx.MultiDiGraph, hops: list[Hop]) -> dict:
    """The path as plain JSON-ready data (actor IRIs and names, relations, evidence)."""
    def actor(n):
        return {"iri": n, "name": g.nodes[n].get("label", n)}

    chain = ([hops[0].source] + [h.target for h in hops]) if hops else []
    return {
        "actors": [actor(n) for n in chain],
        "hops": [
            {"from": actor(h.source), "to": actor(h.target),
             "relations": [{"subject": actor(r.subject), "predicate": r.predicate, "object": actor(r.object),
                            "evidence": [dict(e) for e in r.evidence]} for r in h.relations]}
            for h in hops
        ],
    }
