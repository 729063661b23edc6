"""What the browser pages show, read from the store: search, actor, article, event, any node.

Every function takes a :class:`kg.store.KgStore` (or anything with its ``query`` method) and
returns plain data (dicts, lists, dataclasses) for the templates; IRIs are bound as query
parameters, never pasted into SPARQL. The queries are data files in ``kg/web/queries``.

Article text is not kept in the store (only the evidence sentences and their offsets are), so
:func:`article_text` reads it again from the file named by ``kg:sourceFile`` and uses it only
when its SHA-256 equals the article's ``kg:checksum``: the offsets then point into exactly that
text. Otherwise the article page shows the evidence sentences alone, in text order.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from ..rdf.namespace import KG_NS, PREFIXES

__all__ = ["load_query", "search", "node_info", "actor_page", "article_page", "event_page", "describe",
           "article_text", "neighbourhood", "ACTOR_TYPES", "EVENT_TYPES"]

ACTOR_TYPES = ("Person", "Organization", "Country", "Place")
EVENT_TYPES = ("Meeting", "PhoneCall")
_RDF_TYPE = PREFIXES["rdf"] + "type"
_LABEL = PREFIXES["rdfs"] + "label"
_ALT = PREFIXES["skos"] + "altLabel"


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    """The text of ``kg/web/queries/NAME.rq``."""
    return resources.files("kg.web").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def _v(term):
    if term is None:
        return None
    return term.value


def _rows(store, name: str, **bindings) -> list[dict]:
    subs = {k: (v if isinstance(v, (ox.NamedNode, ox.Literal)) else ox.Literal(str(v))) for k, v in bindings.items()}
    result = store.query(load_query(name), bindings=subs)
    names = [v.value for v in result.variables]
    return [{n: _v(sol[n]) for n in names} for sol in result]


def local(iri: str | None) -> str:
    """The local name of an ontology IRI (``kg:Meeting`` -> ``Meeting``)."""
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# -- search ------------------------------------------------------------------------------------
@dataclass
class Hit:
    iri: str
    label: str
    type: str
    matched: list[str] = field(default_factory=list)
    rank: int = 3


class NameIndex:
    """Every actor's names in memory, for search: one query over the store when first used (a
    scan of every name in SPARQL took seconds per search on a million quads; this takes
    milliseconds). Build a new one when the store changes."""

    def __init__(self, store):
        self._entries: list[tuple[str, str, str, str, str]] = []  # (folded name, name, actor, label, type)
        for r in _rows(store, "names"):
            self._entries.append((r["name"].casefold(), r["name"], r["actor"], r["label"], local(r["type"])))

    def search(self, q: str, *, limit: int = 100) -> list[Hit]:
        """Actors whose name or alias contains ``q`` (ignoring case): exact names first, then names
        starting with it, then names with a word starting with it, then the rest; by name within each."""
        q = " ".join(q.split())
        if not q:
            return []
        key = q.casefold()
        word = re.compile(r"\b" + re.escape(key))
        hits: dict[str, Hit] = {}
        for folded, name, actor, label, kind in self._entries:
            if key not in folded:
                continue
            h = hits.setdefault(actor, Hit(actor, label, kind))
            if name not in h.matched:
                h.matched.append(name)
            rank = 0 if folded == key else 1 if folded.startswith(key) else 2 if word.search(folded) else 3
            h.rank = min(h.rank, rank)
        ordered = sorted(hits.values(), key=lambda h: (h.rank, h.label.casefold(), h.iri))
        return ordered[:limit]


def search(store, q: str, *, limit: int = 100) -> list[Hit]:
    """Actors whose name or alias contains ``q`` (see :meth:`NameIndex.search`)."""
    return NameIndex(store).search(q, limit=limit)


# -- nodes -------------------------------------------------------------------------------------
@dataclass
class NodeInfo:
    iri: str
    types: list[str]
    labels: list[str]
    aliases: list[str]

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else local(self.iri)

    @property
    def kind(self) -> str:
        for t in ACTOR_TYPES + EVENT_TYPES + ("Article", "Evidence", "Quotation", "Statement", "Position"):
            if t in self.types:
                return t
        return self.types[0] if self.types else ""


def node_info(store, iri: str) -> NodeInfo | None:
    """Types (local names of ``kg:`` classes, else full IRIs), names and aliases; ``None`` when
    the store says nothing about ``iri``."""
    rows = _rows(store, "node", node=ox.NamedNode(iri))
    if not rows and not describe(store, iri, limit=1):
        return None
    info = NodeInfo(iri, [], [], [])
    for r in rows:
        if r["p"] == _RDF_TYPE:
            t = r["o"][len(KG_NS):] if r["o"].startswith(KG_NS) else r["o"]
            if t not in info.types:
                info.types.append(t)
        elif r["p"] == _LABEL and r["o"] not in info.labels:
            info.labels.append(r["o"])
        elif r["p"] == _ALT and r["o"] not in info.aliases:
            info.aliases.append(r["o"])
    info.labels.sort()
    info.aliases.sort(key=str.casefold)
    return info


@dataclass
class Evidence:
    """One sentence behind a line of a page."""

    iri: str | None
    sentence: str | None
    article: str | None
    title: str | None
    published: str | None


def _evidence(r: dict, articles: dict) -> Evidence | None:
    if not r.get("ev"):
        return None
    art = r.get("article")
    meta = articles.get(art) if art else None
    if art and meta is None:
        meta = articles[art] = article_meta(articles["__store__"], art)
    meta = meta or {}
    return Evidence(r["ev"], r.get("sentence"), art, meta.get("title"), meta.get("published"))


def article_meta(store, iri: str) -> dict:
    """The title, publication date and document id of an article (``{}`` when unknown)."""
    out: dict = {}
    for r in _rows(store, "article", article=ox.NamedNode(iri)):
        out.setdefault(local(r["p"]), r["o"])
    return out


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
    for r in _rows(store, "actor-positions", actor=node):
        key = (r["title"], r["of"])
        line = positions.get(key)
        if line is None:
            line = positions[key] = Line(r["title"], other=r["of"], other_label=r["ofLabel"], when=r["observed"])
        elif r["observed"] and (not line.when or r["observed"] < line.when):
            line.when = r["observed"]
        line.add(_evidence(r, articles))
    relations: dict[tuple, Line] = {}
    for r in _rows(store, "actor-relations", actor=node):
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
        line.add(_evidence(r, articles))
    for line in relations.values():
        dates = [e.published for e in line.evidence if e.published]
        line.when = min(dates) if dates else None
    events: dict[str, Line] = {}
    for r in _rows(store, "actor-events", actor=node):
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
        line.add(_evidence(r, articles))
    statements: dict[str, Line] = {}
    for r in _rows(store, "actor-statements", actor=node):
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
        line.add(_evidence(r, articles))
    for line in statements.values():
        dates = [e.published for e in line.evidence if e.published]
        line.when = min(dates) if dates else None
    articles = _rows(store, "actor-articles", actor=node)

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


# -- the neighbourhood graph (an SVG drawn by the template) ------------------------------------
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


# -- articles ----------------------------------------------------------------------------------
@dataclass
class Segment:
    text: str
    evidence: list = field(default_factory=list)  # evidence IRIs of this stretch
    actor: str | None = None
    actor_label: str | None = None
    selected: bool = False
    anchor: str | None = None
    gap: bool = False


@dataclass
class ArticlePage:
    iri: str
    meta: dict
    full_text: bool
    paragraphs: list  # list of lists of Segment
    evidence: list
    actors: list


def article_text(meta: dict) -> str | None:
    """The article's text read again from its ``kg:sourceFile`` when its checksum matches, else ``None``."""
    source, checksum, doc_id = meta.get("sourceFile"), meta.get("checksum"), meta.get("documentId")
    if not source or not checksum or source == "-":
        return None
    path, line = source, None
    m = re.fullmatch(r"(.*\.jsonl):(\d+)", source)
    if m:
        path, line = m.group(1), int(m.group(2))
    p = Path(path)
    try:
        if not p.is_file():
            return None
        stat = p.stat()
        return _read_text(str(p.resolve()), stat.st_mtime_ns, stat.st_size, line, doc_id, checksum)
    except OSError:
        return None


@lru_cache(maxsize=64)
def _read_text(path: str, mtime: int, size: int, line: int | None, doc_id: str | None, checksum: str) -> str | None:
    from ..read import iter_documents
    from ..records import Document

    try:
        for item in iter_documents([path]):
            if isinstance(item, Document) and (line is None or item.id == doc_id):
                if hashlib.sha256(item.text.encode("utf-8")).hexdigest() == checksum:
                    return item.text
                if line is None:
                    return None
    except Exception:  # any reading problem: fall back to the sentences
        return None
    return None


def article_page(store, iri: str, *, selected: str | None = None) -> ArticlePage:
    """The article's metadata, its text (or sentences) cut into segments with the evidence
    highlighted and the actors marked, its evidence list and its actors."""
    node = ox.NamedNode(iri)
    meta: dict = {}
    for r in _rows(store, "article", article=node):
        meta.setdefault(local(r["p"]), r["o"])
    evidence = _rows(store, "article-evidence", article=node)
    spans: dict[tuple, list] = defaultdict(list)
    for r in evidence:
        try:
            b, e = int(r["begin"]), int(r["end"])
        except (TypeError, ValueError):
            continue
        if r["ev"] not in spans[(b, e)]:
            spans[(b, e)].append(r["ev"])
    names: dict[str, tuple[str, str]] = {}
    actors: dict[str, dict] = {}
    for r in _rows(store, "article-actors", article=node):
        actors.setdefault(r["actor"], {"iri": r["actor"], "label": r["label"], "type": local(r["type"])})
        if len(r["name"]) >= 2:
            names.setdefault(r["name"], (r["actor"], r["label"]))
    text = article_text(meta)
    pieces: list[tuple[str, list, bool]] = []  # (text, evidence iris, gap)
    if text is not None:
        cuts = sorted({0, len(text)} | {b for b, _ in spans} | {e for _, e in spans})
        for b, e in zip(cuts, cuts[1:]):
            evs = [ev for (sb, se), lst in spans.items() if sb <= b and e <= se for ev in lst]
            pieces.append((text[b:e], evs, False))
    else:
        last = None
        for (b, e), lst in sorted(spans.items()):
            if last is not None and b > last:
                pieces.append(("\n", [], True))
            pieces.append((next(r["sentence"] for r in evidence if r["ev"] == lst[0]), list(lst), False))
            last = e
    matcher = _name_matcher(tuple(sorted(names, key=len, reverse=True)))
    paragraphs: list[list[Segment]] = [[]]
    anchored = set()
    for chunk, evs, gap in pieces:
        if gap:
            paragraphs[-1].append(Segment("[\u2026]", gap=True))
            paragraphs.append([])
            continue
        parts = re.split(r"(\n\s*\n)", chunk)
        for j, part in enumerate(parts):
            if j % 2 == 1:
                paragraphs.append([])
                continue
            for sub, who in _mark_names(part, matcher, names):
                seg = Segment(sub, evidence=evs, actor=who[0] if who else None, actor_label=who[1] if who else None,
                              selected=bool(selected and selected in evs))
                key = tuple(evs)
                if evs and key not in anchored:
                    anchored.add(key)
                    seg.anchor = evidence_anchor(evs)
                paragraphs[-1].append(seg)
    paragraphs = [p for p in paragraphs if p and any(s.text.strip() for s in p)]
    return ArticlePage(iri, meta, text is not None, paragraphs, evidence,
                       sorted(actors.values(), key=lambda a: a["label"].casefold()))


def evidence_anchor(evs: list[str]) -> str:
    """The fragment id of the highlighted stretch holding exactly the evidence ``evs``."""
    return "ev-" + hashlib.sha1("|".join(evs).encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=32)
def _name_matcher(names: tuple[str, ...]):
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _mark_names(text: str, matcher, names: dict) -> list[tuple[str, tuple | None]]:
    if matcher is None or not text:
        return [(text, None)]
    out, pos = [], 0
    for m in matcher.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], None))
        out.append((m.group(0), names.get(m.group(0))))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out


# -- events and other nodes --------------------------------------------------------------------
def describe(store, iri: str, *, limit: int | None = None) -> list[tuple]:
    """Every (predicate, object term) about ``iri``, without repeats, sorted (the first ``limit``)."""
    result = store.query(load_query("describe"), bindings={"node": ox.NamedNode(iri)})
    out = []
    for sol in result:
        out.append((sol["p"], sol["o"]))
        if limit is not None and len(out) >= limit:
            break
    return sorted(out, key=lambda t: (t[0].value, str(t[1])))


def event_page(store, iri: str) -> dict:
    """A meeting or call: participants, place, date, status and evidence (with article)."""
    rows = describe(store, iri)
    out = {"participants": [], "places": [], "date": None, "dateText": None, "status": None, "evidence": []}
    for p, o in rows:
        name = p.value[len(KG_NS):] if p.value.startswith(KG_NS) else None
        if name == "participant":
            out["participants"].append(o.value)
        elif name == "atPlace":
            out["places"].append(o.value)
        elif name in ("date", "dateText", "status"):
            out[name] = o.value
        elif name == "evidence":
            out["evidence"].append(o.value)
    labels = {}
    for n in out["participants"] + out["places"]:
        info = node_info(store, n)
        labels[n] = info.label if info else local(n)
    out["labels"] = labels
    evs = []
    for ev in out["evidence"]:
        meta = {local(p.value): o.value for p, o in describe(store, ev)}
        art = meta.get("article")
        art_meta = {local(p.value): o.value for p, o in describe(store, art)} if art else {}
        evs.append(Evidence(ev, meta.get("sentence"), art, art_meta.get("title"), art_meta.get("published")))
    out["evidence"] = evs
    return out
