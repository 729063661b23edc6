"""What an actor's page shows: its positions, relations, meetings and calls, statements and
articles, each line with its evidence, and the neighbourhood graph the template draws as SVG."""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from .browse import Evidence, NodeInfo, evidence_of, local, query_rows

__all__ = ["ActorPage", "Line", "actor_page", "neighbourhood"]

@dataclass
class Line:
    """A fact about the actor and the sentences that state it."""

    text: str
    other: str | None = None
    other_label: str | None = None
    when: str | None = None
    where: str | None = None
    where_label: str | None = None
    status: str | None = None
    kind: str | None = None
    iri: str | None = None
    others: list = field(default_factory=list)
    evidence: list = field(default_factory=list)

    def add(self, ev: Evidence | None) -> None:
        if ev is not None and all(e.iri != ev.iri for e in self.evidence):
            self.evidence.append(ev)


_RELATION_TEXT = {
    ("metWith", "out"): "met", ("metWith", "in"): "met",
    ("spokeWith", "out"): "spoke with", ("spokeWith", "in"): "spoke with",
    ("represents", "out"): "represents", ("represents", "in"): "is represented by",
    ("advises", "out"): "advises", ("advises", "in"): "is advised by",
    ("locatedIn", "out"): "is located in", ("locatedIn", "in"): "contains",
}


@dataclass
class ActorPage:
    info: NodeInfo
    positions: list[Line]
    relations: list[Line]
    events: list[Line]
    statements: list[Line]
    articles: list[dict]
    graph: dict


def actor_page(store, iri: str, info: NodeInfo) -> ActorPage:
    """Everything the actor page shows (see the module documentation)."""
    node = ox.NamedNode(iri)
    articles: dict = {"__store__": store}  # article IRI -> metadata, read once per page
    positions: dict[tuple, Line] = {}
    for r in query_rows(store, "actor-positions", actor=node):
        key = (r["title"], r["of"])
        line = positions.get(key)
        if line is None:
            line = positions[key] = Line(r["title"], other=r["of"], other_label=r["ofLabel"], when=r["observed"])
        elif r["observed"] and (not line.when or r["observed"] < line.when):
            line.when = r["observed"]
        line.add(evidence_of(r, articles))
    relations: dict[tuple, Line] = {}
    for r in query_rows(store, "actor-relations", actor=node):
        p = local(r["predicate"])
        direction = "out" if p in ("metWith", "spokeWith") else r["direction"]
        status = r["status"] or "asserted"
        key = (p, direction, r["other"], status)
        line = relations.get(key)
        if line is None:
            words = _RELATION_TEXT.get((p, direction), p)
            if status == "planned":
                words = f"{words} (planned)"
            elif status == "negated":
                words = f"{words} (denied)"
            line = relations[key] = Line(words, other=r["other"], other_label=r["otherLabel"], status=status, kind=p)
        line.add(evidence_of(r, articles))
    for line in relations.values():
        dates = [e.published for e in line.evidence if e.published]
        line.when = min(dates) if dates else None
    events: dict[str, Line] = {}
    for r in query_rows(store, "actor-events", actor=node):
        line = events.get(r["event"])
        if line is None:
            kind = local(r["etype"])
            line = events[r["event"]] = Line("meeting" if kind == "Meeting" else "phone call", iri=r["event"],
                                             when=r["date"] or r["dateText"], status=r["status"] or "asserted",
                                             kind=kind)
        if r["place"] and not line.where:
            line.where, line.where_label = r["place"], r["placeLabel"]
        if r["who"] and r["who"] != iri and all(o[0] != r["who"] for o in line.others):
            line.others.append((r["who"], r["whoLabel"]))
        line.add(evidence_of(r, articles))
    statements: dict[str, Line] = {}
    for r in query_rows(store, "actor-statements", actor=node):
        line = statements.get(r["statement"])
        if line is None:
            line = statements[r["statement"]] = Line(r["text"], iri=r["statement"], kind=r["kind"])
        # a spokesperson's statement: shown with its principal on the speaker's page, and with
        # its speaker (when named) on the principal's page
        if r["principal"] and r["principal"] != iri and line.other is None:
            line.other, line.other_label = r["principal"], r["principalLabel"]
        if r["principal"] == iri and r["speaker"] != iri and line.status is None:
            line.status = "on-behalf"
            if r["speaker"]:
                line.others.append((r["speaker"], r["speakerLabel"]))
        line.add(evidence_of(r, articles))
    for line in statements.values():
        dates = [e.published for e in line.evidence if e.published]
        line.when = min(dates) if dates else None
    articles = query_rows(store, "actor-articles", actor=node)

    def by_time(line: Line):
        # ISO dates in order, then dates known only as words ("Monday"), then undated lines
        when = line.when or ""
        rank = 0 if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else 1 if when else 2
        return (rank, when, line.text, line.other_label or "")

    ev_list = sorted(events.values(), key=by_time)
    for line in ev_list:
        line.others.sort(key=lambda o: (o[1] or "").casefold())
    return ActorPage(
        info=info,
        positions=sorted(positions.values(), key=by_time),
        relations=sorted(relations.values(), key=lambda l: (l.kind or "", l.other_label or "", l.status or "")),
        events=ev_list,
        statements=sorted(statements.values(), key=by_time),
        articles=articles,
        graph=neighbourhood(info, relations.values(), ev_list),
    )


_EDGE_COLOURS = {"metWith": "#e15759", "spokeWith": "#2f8f89", "represents": "#8c8c8c", "advises": "#c99a06",
                 "locatedIn": "#9c755f", "Meeting": "#e15759", "PhoneCall": "#2f8f89"}


_NODE_COLOURS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Country": "#59a14f", "Place": "#b07aa1"}


def neighbourhood(info: NodeInfo, relations, events, *, limit: int = 24) -> dict:
    """The actor and its closest partners on a circle: ``{"width", "height", "centre", "nodes", "edges"}``."""
    weight: dict[str, float] = defaultdict(float)
    names: dict[str, str] = {}
    kinds: dict[str, set] = defaultdict(set)
    for line in relations:
        if line.other and line.status != "negated":
            weight[line.other] += len(line.evidence) or 1
            names[line.other] = line.other_label or local(line.other)
            kinds[line.other].add(line.kind)
    for line in events:
        for who, label in line.others:
            weight[who] += 1
            names[who] = label or local(who)
            kinds[who].add(line.kind)
    chosen = sorted(weight, key=lambda n: (-weight[n], names[n].casefold()))[:limit]
    w, h = 640, 420
    cx, cy, r = w / 2, h / 2, 160
    nodes, edges = [], []
    for i, n in enumerate(sorted(chosen, key=lambda n: names[n].casefold())):
        a = 2 * math.pi * i / max(1, len(chosen)) - math.pi / 2
        x, y = round(cx + r * math.cos(a), 1), round(cy + r * math.sin(a), 1)
        nodes.append({"iri": n, "label": names[n], "x": x, "y": y,
                      "anchor": "start" if math.cos(a) > 0.2 else "end" if math.cos(a) < -0.2 else "middle",
                      "lx": round(cx + (r + 14) * math.cos(a), 1), "ly": round(cy + (r + 14) * math.sin(a) + 4, 1)})
        kind = sorted(kinds[n])[0] if kinds[n] else "metWith"
        edges.append({"x": x, "y": y, "colour": _EDGE_COLOURS.get(kind, "#999999"), "kind": ", ".join(sorted(kinds[n]))})
    return {"width": w, "height": h, "cx": cx, "cy": cy, "nodes": nodes, "edges": edges, "label": info.label,
            "colour": _NODE_COLOURS.get(info.kind, "#9d9d9d"), "more": max(0, len(weight) - len(chosen))}
