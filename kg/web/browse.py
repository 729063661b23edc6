"""What the browser pages show, read from the store: search, any node, events; the parts every
page shares (named rows of the queries in ``kg/web/queries``, evidence). Actor pages are in
:mod:`kg.web.actors`, article pages in :mod:`kg.web.articles`.

Every function takes a :class:`kg.storage.store.KgStore` (or anything with its ``query`` method) and
returns plain data (dicts, lists, dataclasses) for the templates; IRIs are bound as query
parameters, never pasted into SPARQL.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox

from ..rdf.namespace import KG_NS, PREFIXES

__all__ = ["load_query", "query_rows", "local", "search", "node_info", "event_page", "describe", "evidence_of",
           "Evidence", "NodeInfo", "NameIndex", "ACTOR_TYPES", "EVENT_TYPES"]

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


def query_rows(store, name: str, **bindings) -> list[dict]:
    subs = {k: (v if isinstance(v, (ox.NamedNode, ox.Literal)) else ox.Literal(str(v))) for k, v in bindings.items()}
    result = store.query(load_query(name), bindings=subs)
    names = [v.value for v in result.variables]
    return [{n: _v(sol[n]) for n in names} for sol in result]


def local(iri: str | None) -> str:
    """The local name of an ontology IRI (``kg:Meeting`` -> ``Meeting``)."""
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


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
        for r in query_rows(store, "names"):
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
    rows = query_rows(store, "node", node=ox.NamedNode(iri))
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


def evidence_of(r: dict, articles: dict) -> Evidence | None:
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
    for r in query_rows(store, "article", article=ox.NamedNode(iri)):
        out.setdefault(local(r["p"]), r["o"])
    return out


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
