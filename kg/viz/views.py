"""Views of the actor graph: find an actor by name, the neighbourhood of one actor (ego graph),
the most central actors of a big graph, and communities.

All functions take the :func:`kg.viz.graph.actor_graph` MultiDiGraph (nodes with ``label``,
``type``, ``aliases``...) and never modify it. Relations are followed in both directions: for a
reader, "Marsh represents Canada" links Canada to Marsh as much as Marsh to Canada.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import networkx as nx

from ..errors import KgError

__all__ = [
    "UnknownActorError", "View", "find_actor", "degree_ranking", "ego_view", "most_central",
    "communities", "select_view", "DEFAULT_MAX_NODES",
]

#: Actors drawn by default (``core=True``): enough to read labels, few enough to lay out fast.
DEFAULT_MAX_NODES = 150


class UnknownActorError(KgError):
    """No actor (or more than one) has the given name or alias."""


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def find_actor(g: nx.Graph, name: str) -> str:
    """The node whose canonical name (``label``) or an alias matches ``name``.

    Matching ignores case and extra spaces. A canonical name wins over an alias, and an alias
    over the last words of a canonical name ("Marsh" finds "Helen Marsh" when no actor is
    called or aliased "Marsh").

    Raises
    ------
    UnknownActorError
        When no actor has that name (the message suggests close names), or when the name is
        only an alias shared by several actors (the message lists them).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Helen Marsh", aliases=["Marsh"])
    >>> find_actor(g, "marsh")
    'p1'
    >>> g.add_node("p2", label="Daniel Fortier", aliases=[])
    >>> find_actor(g, "FORTIER")
    'p2'
    >>> find_actor(g, "Marshe")
    Traceback (most recent call last):
    ...
    kg.viz.views.UnknownActorError: no actor named 'Marshe' in the graph; did you mean 'Marsh'? (names and aliases are matched ignoring case)
    """
    key = _norm(name)
    by_label = [n for n, d in g.nodes(data=True) if _norm(d.get("label", str(n))) == key]
    if len(by_label) == 1:
        return by_label[0]
    found = by_label or [n for n, d in g.nodes(data=True) if key in {_norm(a) for a in d.get("aliases") or ()}]
    if not found:  # last words of a canonical name: "Fortier" for "Daniel Fortier"
        found = [n for n, d in g.nodes(data=True) if _norm(d.get("label", str(n))).endswith(" " + key)]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(repr(label) for label in sorted(str(g.nodes[n].get("label", n)) for n in found))
        raise UnknownActorError(f"{name!r} names several actors ({names}); give the full canonical name")
    known = {}
    for n, d in g.nodes(data=True):
        for text in [d.get("label", str(n)), *(d.get("aliases") or ())]:
            known.setdefault(_norm(text), text)
    close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.75)
    hint = ("; did you mean " + " or ".join(repr(known[c]) for c in close) + "?") if close else \
        "; list actors with `kg query \"SELECT ?name WHERE { ?a rdfs:label ?name }\"`"
    raise UnknownActorError(
        f"no actor named {name!r} in the graph{hint} (names and aliases are matched ignoring case)"
    )


def _undirected(g: nx.Graph) -> nx.Graph:
    """Who is linked to whom, in a fixed order (so seeded algorithms give the same answer however
    the graph was read)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g, key=str))
    simple.add_edges_from(sorted(((u, v) for u, v in g.edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    return simple


def _induced(g: nx.MultiDiGraph, nodes) -> nx.MultiDiGraph:
    """A copy of ``g`` restricted to ``nodes``, keeping ``g``'s order (``g.subgraph`` may follow
    the hash order of the node set)."""
    keep = set(nodes)
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_nodes_from((n, dict(d)) for n, d in g.nodes(data=True) if n in keep)
    h.add_edges_from((u, v, k, dict(d)) for u, v, k, d in g.edges(keys=True, data=True) if u in keep and v in keep)
    return h


def degree_ranking(g: nx.Graph) -> list:
    """Nodes from most to least connected: distinct neighbours, then articles, then name.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "b")])
    >>> degree_ranking(g)
    ['b', 'a', 'c']
    """
    simple = _undirected(g)
    return sorted(g, key=lambda n: (-simple.degree(n), -int(g.nodes[n].get("articles") or 0),
                                    str(g.nodes[n].get("label", n)), str(n)))


def ego_view(g: nx.MultiDiGraph, node, hops: int = 1) -> nx.MultiDiGraph:
    """The actors at most ``hops`` relations away from ``node`` and every relation among them."""
    reach = nx.single_source_shortest_path_length(_undirected(g), node, cutoff=hops)
    return _induced(g, reach)


def most_central(g: nx.MultiDiGraph, max_nodes: int, *, keep=()) -> nx.MultiDiGraph:
    """The ``max_nodes`` best-connected actors (plus those in ``keep``) and their relations."""
    chosen = {n for n in keep if n in g}
    for n in degree_ranking(g):
        if len(chosen) >= max_nodes:
            break
        chosen.add(n)
    return _induced(g, chosen)


def communities(g: nx.Graph, *, seed: int = 7) -> dict:
    """``{node: community number}`` from Louvain modularity (networkx), largest community 0.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    >>> c = communities(g, seed=1)
    >>> c["a"] == c["b"] == c["c"] != c["x"] == c["y"] == c["z"]
    True
    """
    simple = _undirected(g)
    found = nx.community.louvain_communities(simple, seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(str(g.nodes[n].get("label", n)) for n in c)))
    return {n: i for i, comp in enumerate(ordered) for n in comp}


@dataclass(frozen=True)
class View:
    """What the page shows: the selected graph and how it was selected.

    ``total_nodes`` / ``total_edges`` count the whole graph, ``left_out`` the actors of the
    whole graph (or of the focus neighbourhood) dropped by ``max_nodes``.
    """

    graph: nx.MultiDiGraph
    total_nodes: int
    total_edges: int
    left_out: int = 0
    focus: str | None = None
    focus_label: str | None = None
    hops: int | None = None
    max_nodes: int | None = None
    communities: dict | None = None
    isolated: int = 0
    core: bool = False


def select_view(g: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 1, max_nodes: int | None = None,
                with_communities: bool = False, seed: int = 7, core: bool = False) -> View:
    """Apply ``focus``/``hops`` (ego graph) and then ``max_nodes`` (most central actors).

    ``core`` (without ``focus``): leave out actors with no relation (``isolated`` counts them)
    and, unless ``max_nodes`` is given, keep the :data:`DEFAULT_MAX_NODES` best-connected ones:
    the readable default for a corpus.

    Raises
    ------
    UnknownActorError
        When ``focus`` names no actor of ``g``.
    ValueError
        When ``hops`` is negative or ``max_nodes`` is below 1.
    """
    if hops < 0:
        raise ValueError(f"hops={hops}: expected 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes={max_nodes}: expected 1 or more")
    shown = g
    node = None
    if focus is not None:
        node = find_actor(g, focus)
        shown = ego_view(g, node, hops)
    isolated = 0
    core = core and node is None
    if core:
        simple = _undirected(g)
        linked = [n for n in g if simple.degree(n) > 0]
        isolated = g.number_of_nodes() - len(linked)
        shown = _induced(g, linked)
        if max_nodes is None:
            max_nodes = DEFAULT_MAX_NODES
    left_out = 0
    if max_nodes is not None and shown.number_of_nodes() > max_nodes:
        before = shown.number_of_nodes()
        shown = most_central(shown, max_nodes, keep=[node] if node is not None else ())
        if core:  # an actor whose partners were all left out would float alone: leave it out too
            simple = _undirected(shown)
            shown = _induced(shown, [n for n in shown if simple.degree(n) > 0])
        left_out = before - shown.number_of_nodes()
    return View(
        graph=shown, total_nodes=g.number_of_nodes(), total_edges=g.number_of_edges(), left_out=left_out,
        focus=node, focus_label=g.nodes[node].get("label", node) if node is not None else None,
        hops=hops if node is not None else None, max_nodes=max_nodes,
        communities=communities(shown, seed=seed) if with_communities else None,
        isolated=isolated, core=core,
    )
