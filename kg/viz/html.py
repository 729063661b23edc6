"""The actor graph as one self-contained HTML page.

The page holds everything it needs: vis-network (the copy bundled with pyvis, inlined), our own
small controls (``assets/graph.js``, ``assets/graph.css``: legend, filters by relation and actor
type, search, details) and the graph as JSON data. A Content-Security-Policy allows only those
inline scripts and that style sheet (by hash), and forbids every request, so the file works
offline and cannot leak.

Text from articles (names, aliases, positions, sentences) only reaches the page inside the JSON
data block, escaped so that it cannot end the block; the page script hands it to the DOM as text
(``textContent``, plain-text tooltips), never as HTML. A name such as ``<script>...`` shows as
those characters.

Node positions come from :mod:`kg.viz.layout` (seeded): graphs of up to
:data:`PHYSICS_MAX_NODES` actors are then relaxed by vis-network's physics, which stops once the
graph is stable; larger graphs are drawn as laid out, with physics off.

pyvis is used only for the vis-network library it ships (located without importing pyvis). The
node and edge records are built here directly rather than through
``pyvis.network.Network.add_edge``, which scans the node list for every edge and so grows
quadratically (``bench/bench_viz.py`` compares the two).
"""
from __future__ import annotations

import base64
import hashlib
import html as html_lib
import importlib.util
import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from ..errors import ExportError
from .graph import ACTOR_RELATIONS
from .layout import layout_positions
from .views import View, select_view

__all__ = [
    "TYPE_STYLE", "EDGE_STYLE", "COMMUNITY_COLORS", "PHYSICS_MAX_NODES", "TOOLTIP_SENTENCES",
    "graph_payload", "render_view", "render_html", "vis_js",
]

TYPE_STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Organization": {"color": "#f28e2b", "shape": "square"},
    "Country": {"color": "#59a14f", "shape": "diamond"},
    "Place": {"color": "#b07aa1", "shape": "triangle"},
}
_OTHER_TYPE = {"color": "#9d9d9d", "shape": "star"}
EDGE_STYLE = {
    "metWith": {"color": "#e15759", "dashes": False, "width": 2.5, "arrows": False},
    "spokeWith": {"color": "#2f8f89", "dashes": [8, 4], "width": 2.0, "arrows": False},
    "represents": {"color": "#8c8c8c", "dashes": False, "width": 1.5, "arrows": True},
    "advises": {"color": "#c99a06", "dashes": [2, 4], "width": 2.0, "arrows": True},
    "locatedIn": {"color": "#9c755f", "dashes": [5, 5], "width": 1.5, "arrows": True},
}
_OTHER_EDGE = {"color": "#aaaaaa", "dashes": False, "width": 1.0, "arrows": True}
#: Relations that hold both ways: "A metWith B" and "B metWith A" are drawn as one line.
SYMMETRIC = frozenset({"metWith", "spokeWith"})
COMMUNITY_COLORS = (
    "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2",
    "#edc948", "#ff9da7", "#9c755f", "#1f9e89", "#8f6bb5", "#d37295",
)
_ALONE_COLOR = "#c8c8c8"  # actors in no community of two or more (with communities on)
#: Graphs up to this many actors are relaxed by browser physics (then it stops); larger are not.
PHYSICS_MAX_NODES = 200
#: Evidence sentences shown in a relation's tooltip (the details panel shows all).
TOOLTIP_SENTENCES = 3
_DETAIL_SENTENCES = 50


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_js() -> str:
    """The vis-network standalone library shipped inside pyvis (read from its package data)."""
    spec = importlib.util.find_spec("pyvis")  # locate the package without importing it (and jinja2)
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("pyvis is not installed: it provides vis-network; install kg's dependencies (pip install -e .)")
    lib = Path(spec.submodule_search_locations[0], "templates", "lib", "vis-9.1.2", "vis-network.min.js")
    return lib.read_text(encoding="utf-8")


def _safe_json(obj) -> str:
    """JSON that cannot end the ``<script>`` element it sits in (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _where(e: dict) -> str:
    art = e.get("document") or (e.get("article") or "").rsplit("/", 1)[-1] or "unknown article"
    bits = [art]
    if e.get("title"):
        bits.append(f"\u201c{e['title']}\u201d")
    bits.append(e.get("published") or "date unknown")
    return ", ".join(bits)


def _evidence_text(head: str, evidence: list, limit: int) -> str:
    lines = [head]
    for e in evidence[:limit]:
        lines.append(f"\u201c{e['sentence']}\u201d\n   \u2014 {_where(e)}")
    if len(evidence) > limit:
        more = len(evidence) - limit
        lines.append(f"(+{more} more sentence{'s' if more != 1 else ''}: click the relation)")
    if not evidence:
        lines.append("(no evidence sentence recorded)")
    return "\n".join(lines)


def _merged_edges(g: nx.MultiDiGraph) -> list[tuple]:
    """(u, v, predicate, evidence): symmetric relations stated both ways become one edge."""
    merged: dict[tuple, dict] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        p = d.get("predicate", k)
        key = (*sorted((u, v), key=str), p) if p in SYMMETRIC else (u, v, p)
        bucket = merged.setdefault(key, {})
        for e in d.get("evidence") or ():
            bucket.setdefault((e.get("sentence"), e.get("article")), e)

    def order(e):
        return (e.get("published") or "", e.get("article") or "", e.get("sentence") or "")

    return [(u, v, p, sorted(ev.values(), key=order)) for (u, v, p), ev in merged.items()]


def graph_payload(view: View | nx.MultiDiGraph, *, seed: int = 7) -> dict:
    """Everything the page shows, as JSON-ready data: ``meta``, ``types``, ``relations``,
    ``communities``, ``nodes`` and ``edges`` (vis-network records plus our fields). Nodes come
    in the order of their IRIs, numbered from 0, so the same graph always gives the same data.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="Ann", type="Person", aliases=[], positions=[], articles=1)
    >>> g.add_node("c", label="Chad", type="Country", aliases=[], positions=[], articles=1)
    >>> _ = g.add_edge("p", "c", key="represents", predicate="represents", evidence=[])
    >>> data = graph_payload(g)
    >>> [(n["label"], n["shape"]) for n in data["nodes"]], [e["label"] for e in data["edges"]]
    ([('Chad', 'diamond'), ('Ann', 'dot')], ['represents'])
    """
    if not isinstance(view, View):
        view = View(graph=view, total_nodes=view.number_of_nodes(), total_edges=view.number_of_edges())
    g = view.graph
    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    degree = dict(simple.degree())
    top = max(degree.values(), default=0) or 1
    physics = 0 < g.number_of_nodes() <= PHYSICS_MAX_NODES
    pos = layout_positions(g, seed=seed)
    community = view.communities or {}
    community_size = Counter(community[n] for n in g if n in community)

    nodes = []
    ids = {}
    for i, n in enumerate(sorted(g, key=str)):  # stable ids and order, however the graph was read
        d = g.nodes[n]
        ids[n] = i
        kind = d.get("type") or "Other"
        style = TYPE_STYLE.get(kind, _OTHER_TYPE)
        label = str(d.get("label") or n)
        lines = [label, f"type: {kind}"]
        if d.get("positions"):
            lines.append("positions: " + "; ".join(d["positions"]))
        if d.get("aliases"):
            lines.append("aliases: " + ", ".join(d["aliases"]))
        lines.append(f"articles: {d.get('articles') or 0}")
        lines.append(f"related actors: {degree.get(n, 0)}")
        color = style["color"]
        weight = (degree.get(n, 0) / top) ** 0.5
        rec = {"id": i, "label": label, "kgtype": kind, "shape": style["shape"], "iri": str(n),
               "aliases": list(d.get("aliases") or ()), "degree": degree.get(n, 0),
               "size": round(10 + 22 * weight, 1),
               # labels sized by importance: the hubs read from afar, the rest when zoomed in
               "font": {"size": round(11 + 19 * weight, 1)}}
        if n in community:
            c = community[n]
            if community_size[c] > 1:
                lines.append(f"community: #{c + 1}")
                color = COMMUNITY_COLORS[c % len(COMMUNITY_COLORS)]
                rec["community"] = c
            else:
                lines.append("community: none")
                color = _ALONE_COLOR
        rec["title"] = "\n".join(lines)
        rec["color"] = {"background": color, "border": "#333333",
                        "highlight": {"background": color, "border": "#000000"},
                        "hover": {"background": color, "border": "#000000"}}
        rec["x"], rec["y"] = pos[n]
        nodes.append(rec)

    edges = []
    pair_count: Counter = Counter()
    for u, v, p, evidence in sorted(_merged_edges(g), key=lambda e: (str(e[0]), str(e[1]), e[2])):
        style = EDGE_STYLE.get(p, _OTHER_EDGE)
        head = f"{g.nodes[u].get('label', u)} {p} {g.nodes[v].get('label', v)}"
        pair = (min(ids[u], ids[v]), max(ids[u], ids[v]))
        nth = pair_count[pair]
        pair_count[pair] += 1
        rec = {"id": len(edges), "from": ids[u], "to": ids[v], "label": p, "predicate": p,
               "title": _evidence_text(head, evidence, TOOLTIP_SENTENCES),
               "color": {"color": style["color"], "highlight": style["color"], "hover": style["color"]},
               "width": style["width"], "dashes": style["dashes"],
               "arrows": {"to": {"enabled": bool(style["arrows"])}}, "evidence_count": len(evidence),
               "dates": sorted({e["published"] for e in evidence if e.get("published")})}
        if len(evidence) > TOOLTIP_SENTENCES:
            rec["detail"] = _evidence_text(head, evidence, _DETAIL_SENTENCES)
        if nth:
            # parallel edges between the same two actors: bend each one a little more
            rec["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                             "roundness": 0.2 * ((nth + 1) // 2)}
        edges.append(rec)

    type_counts = Counter(r["kgtype"] for r in nodes)
    types = [{"name": t, "count": type_counts.get(t, 0), **TYPE_STYLE[t]} for t in TYPE_STYLE]
    types += [{"name": t, "count": c, **_OTHER_TYPE} for t, c in sorted(type_counts.items()) if t not in TYPE_STYLE]
    rel_counts = Counter(r["predicate"] for r in edges)
    relations = [{"name": p, "count": rel_counts.get(p, 0), **EDGE_STYLE[p]} for p in ACTOR_RELATIONS]
    relations += [{"name": p, "count": c, **_OTHER_EDGE} for p, c in sorted(rel_counts.items()) if p not in EDGE_STYLE]

    groups = None
    if view.communities is not None:
        members = defaultdict(list)
        for n, c in community.items():
            if n in g:
                members[c].append(n)
        groups = []
        for c in sorted(members):
            if len(members[c]) < 2:
                continue
            ranked = sorted(members[c], key=lambda n: (-degree.get(n, 0), str(g.nodes[n].get("label", n))))
            groups.append({"id": c, "size": len(ranked), "color": COMMUNITY_COLORS[c % len(COMMUNITY_COLORS)],
                           "members": [str(g.nodes[n].get("label", n)) for n in ranked[:4]]})

    events, event_edges = _event_records(g, ids, len(nodes), len(edges), pos)
    all_dates = sorted({d for r in edges for d in r["dates"]} | {d for r in events for d in r["dates"]})
    meta = {
        "isolated": view.isolated, "core": view.core, "events": len(events),
        "date_min": all_dates[0] if all_dates else None, "date_max": all_dates[-1] if all_dates else None,
        "shown_nodes": len(nodes), "shown_edges": len(edges), "total_nodes": view.total_nodes,
        "total_edges": view.total_edges, "left_out": view.left_out, "max_nodes": view.max_nodes,
        "focus": view.focus_label, "hops": view.hops, "seed": seed, "physics": physics,
        "iterations": 300, "communities": len(groups) if groups is not None else None,
        "alone": sum(1 for n in g if n in community and community_size[community[n]] == 1),
    }
    return {"meta": meta, "types": types, "relations": relations, "communities": groups,
            "nodes": nodes, "edges": edges, "events": events, "event_edges": event_edges}


_EVENT_STYLE = {"Meeting": {"color": "#e15759", "label": "meeting"}, "PhoneCall": {"color": "#2f8f89", "label": "call"}}


def _event_records(g: nx.MultiDiGraph, ids: dict, first_node: int, first_edge: int, pos: dict) -> tuple[list, list]:
    """Meetings and calls with at least two participants shown, as small nodes joined to them."""
    events, edges = [], []
    for ev in g.graph.get("events") or ():
        shown = [p for p in ev["participants"] if p in ids]
        if len(shown) < 2:
            continue
        style = _EVENT_STYLE.get(ev["type"], _EVENT_STYLE["Meeting"])
        dates = sorted({ev["date"]} if ev.get("date") else {e["published"] for e in ev["evidence"] if e.get("published")})
        names = [str(g.nodes[p].get("label", p)) for p in shown]
        when = ev.get("date") or ev.get("date_text") or "date unknown"
        head = (f"{'Meeting' if ev['type'] == 'Meeting' else 'Phone call'}: {', '.join(names)}\n"
                f"when: {when}" + (f"\nwhere: {ev['place']}" if ev.get("place") else "")
                + (f"\nstatus: {ev['status']}" if ev.get("status") not in (None, "asserted") else ""))
        nid = first_node + len(events)
        xs = [p for p in shown]
        events.append({"id": nid, "label": "", "kgtype": "Event", "event": ev["type"], "shape": "dot", "size": 6,
                       "iri": ev["iri"], "dates": dates, "aliases": [],
                       "color": {"background": style["color"], "border": "#ffffff"},
                       "title": _evidence_text(head, ev["evidence"], TOOLTIP_SENTENCES),
                       "detail": _evidence_text(head, ev["evidence"], _DETAIL_SENTENCES),
                       "participants": [ids[p] for p in xs],
                       # between its participants, nudged so that two events of one pair do not overlap
                       "x": round(sum(pos[p][0] for p in xs) / len(xs) + 9 * (len(events) % 5), 1),
                       "y": round(sum(pos[p][1] for p in xs) / len(xs) + 14, 1)})
        for p in xs:
            edges.append({"id": first_edge + len(edges), "from": nid, "to": ids[p], "predicate": "participant",
                          "event": ev["type"], "dates": dates, "color": {"color": style["color"], "opacity": 0.5},
                          "width": 1.0, "dashes": [2, 3], "arrows": {"to": {"enabled": False}},
                          "title": head})
    return events, edges


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_view(view: View | nx.MultiDiGraph, path: str | Path | None = None, *, title: str = "kg actor graph",
                seed: int = 7) -> str:
    """The page of a :class:`~kg.viz.views.View` (or a whole graph); written to ``path`` when given.

    Raises
    ------
    ExportError
        When ``path`` cannot be written.
    """
    data = graph_payload(view, seed=seed)
    visjs, appjs, css = vis_js(), _asset("graph.js"), _asset("graph.css")
    values = {
        "TITLE": html_lib.escape(title),
        "SCRIPT_HASHES": f"{_sha256(visjs)} {_sha256(appjs)}",
        "STYLE_HASH": _sha256(css),
        "CSS": css,
        "DATA": _safe_json(data),
        "VIS_JS": visjs,
        "APP_JS": appjs,
    }
    # one pass, so nothing substituted (article text included) is ever scanned for placeholders
    page = re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], _asset("page.html"))
    if path is not None:
        try:
            Path(path).write_text(page, encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"{path}: cannot write the page ({exc.strerror or exc}); "
                              "check that the folder exists and is writable") from None
    return page


def render_html(g: nx.MultiDiGraph, path: str | Path | None = None, *, title: str = "kg actor graph",
                focus: str | None = None, hops: int = 1, max_nodes: int | None = None,
                communities: bool = False, seed: int = 7, core: bool = False) -> str:
    """The HTML page of an actor graph; written to ``path`` when given.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        An actor graph (:func:`kg.viz.graph.actor_graph`).
    path : str or Path, optional
        Where to write the page.
    title : str
        Page title (escaped).
    focus, hops : str, int
        Show only the actors within ``hops`` relations of the actor named ``focus``.
    max_nodes : int, optional
        Keep only the best-connected actors; the page says how many were left out.
    communities : bool
        Colour actors by Louvain community instead of by type.
    seed : int
        Seed of the layout and of the community detection.
    core : bool
        Without ``focus``: leave out actors with no relation and keep the best-connected ones
        (``max_nodes``, default :data:`~kg.viz.views.DEFAULT_MAX_NODES`); the page says how many
        are hidden and how to see them.

    Raises
    ------
    UnknownActorError
        When ``focus`` names no actor.
    """
    view = select_view(g, focus=focus, hops=hops, max_nodes=max_nodes, with_communities=communities, seed=seed,
                       core=core)
    return render_view(view, path, title=title, seed=seed)
