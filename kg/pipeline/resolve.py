"""Identity across documents: which IRI and canonical name each entity of a new article gets.

IRIs are minted from type and canonical name under the base IRI (:mod:`kg.rdf.iri`: the
``base`` argument, else ``$KG_BASE_IRI``, else ``https://w3id.org/kg-news/id/``), so the same
actor in two articles is one node, and building the same article twice writes the same triples.

Surnames. A person named by a single word ("Marsh") is the person whose full name ends with that
word ("Helen Marsh") when exactly one such full name is known (in the store, the current build
or the same article). Both build orders end in the same store:

* full name known first: the short name is resolved before minting, so the article's node is
  ``person/helen-marsh`` with ``rdfs:label "Helen Marsh"`` and ``skos:altLabel "Marsh"``;
* short name first: the earlier article's node ``person/marsh`` is **re-pointed** when the full
  name arrives: in every named graph, triples with ``person/marsh`` as subject or object are
  rewritten to ``person/helen-marsh``, its ``rdfs:label "Marsh"`` becomes a ``skos:altLabel``
  and the canonical ``rdfs:label`` is added, which is exactly what building that article now
  would write.

Re-pointing instead of ``owl:sameAs`` keeps one node per actor, so every query, export, count and
graph view sees one actor without needing a reasoner or a canonical-choice convention; the old
IRI disappears (it was never more than a provisional name). The decision is not revisited: a
second "X Marsh" arriving later makes the surname ambiguous for later articles only.

Resolution never writes. A merge found while resolving an article is written with the batch that
holds that article, in the same transaction (:meth:`IdentityIndex.take_merges`,
:func:`merge_update`, :meth:`kg.storage.store.KgStore.add_graphs`), whether the short-name node is in an
earlier article of the store or in the same batch: a failure or a kill leaves the store as before
the batch, never a re-pointed person without its label, nor a batch whose merge is missing. A
merge left pending by a caller that never wrote it is applied by :meth:`IdentityIndex.load` at
the start of the next build.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..nlp.names import surname_of as surname
from ..records import Extraction
from ..rdf.iri import Identities, mint_entity_iri

__all__ = ["IdentityIndex", "Merge", "surname", "merge_update", "repoint", "repoint_graphs"]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
# Every person and canonical name, once: type and label are matched within one article graph (over
# the union default graph, they would pair each article's type with every article's label: one row
# per pair of articles per person, quadratic in the size of the store).
_PERSONS = """
SELECT DISTINCT ?p ?name WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name } }"""
_LABEL_OF = "SELECT ?a ?l WHERE { ?a rdfs:label ?l } LIMIT 1"
_GRAPHS_OF = "ASK { { GRAPH ?g { ?old ?p ?o } } UNION { GRAPH ?g { ?s ?p ?old } } }"
# Re-point ?old to ?new in every named graph; the old canonical label becomes an alias. First the
# canonical label goes into every graph that mentions ?old, then ?old is rewritten as subject and
# as object, then an alias equal to the label is dropped.
_REPOINT = """INSERT {{ GRAPH ?g {{ ?new <{label}> ?name }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        {{ GRAPH ?g {{ ?old ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p ?old }} }} }} ;
DELETE {{ GRAPH ?g {{ ?old ?p ?o }} }}
INSERT {{ GRAPH ?g {{ ?new ?p2 ?o }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        GRAPH ?g {{ ?old ?p ?o }}
        BIND(IF(?p = <{label}>, <{alt}>, ?p) AS ?p2) }} ;
DELETE {{ GRAPH ?g {{ ?s ?p ?old }} }}
INSERT {{ GRAPH ?g {{ ?s ?p ?new }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        GRAPH ?g {{ ?s ?p ?old }} }} ;
DELETE {{ GRAPH ?g {{ ?new <{alt}> ?l }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        GRAPH ?g {{ ?new <{alt}> ?l ; <{label}> ?l }} }}
"""


@dataclass(frozen=True)
class Merge:
    """The short-name node ``old`` is the person ``new`` whose canonical name is ``name``."""

    old: str
    new: str
    name: str


class IdentityIndex:
    """Known persons by surname, filled from the store and from each article as it is resolved.

    Parameters
    ----------
    base
        Base IRI for minting (default ``$KG_BASE_IRI``, see :mod:`kg.rdf.iri`).

    Examples
    --------
    >>> from kg.records import Document, Entity, Extraction
    >>> idx = IdentityIndex("http://ex.org/")
    >>> a = Extraction(Document("a", "..."), entities=(Entity("P:1", "Person", "Helen Marsh"),))
    >>> b = Extraction(Document("b", "..."), entities=(Entity("P:2", "Person", "Marsh"),))
    >>> _ = idx.resolve(a)
    >>> ids = idx.resolve(b)
    >>> ids["P:2"], ids.names["P:2"]
    ('http://ex.org/person/helen-marsh', 'Helen Marsh')
    """

    def __init__(self, base: str | None = None):
        self.base = base
        self._full: dict[str, set[str]] = defaultdict(set)  # surname -> full names
        self._short: dict[str, str] = {}  # single-word name -> IRI of a person known only by it
        self._store = None
        self._source = None  # the store the index was loaded from (canonical labels are looked up there)
        self._labels: dict[str, str] = {}  # IRI -> canonical label, for the actors met in this build
        self.pending: list[Merge] = []  # merges found and not written yet
        self.applied: list[Merge] = []

    # -- loading ---------------------------------------------------------------------------
    def load(self, store) -> "IdentityIndex":
        """Add every person of a :class:`kg.storage.store.KgStore`.

        A writable store is remembered as the default of :meth:`apply_merges`. Short-name persons
        whose full name is already known and unique (left over from a caller that never wrote its
        merges) are merged now, in one transaction. The persons are read with one row per person
        and name, whatever the number of articles.
        """
        if not getattr(store, "read_only", True):
            self._store = store
        self._source = store
        for row in store.query(_PERSONS):
            iri, name = row["p"].value, row["name"].value
            if surname(name):
                self._full[surname(name)].add(name)
            else:
                self._short.setdefault(name, iri)
        for short in list(self._short):
            self._merge_short(short)
        self.apply_merges()
        return self

    # -- resolving -------------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        """The unique known full name for a bare surname, else the name itself.

        >>> idx = IdentityIndex(); idx.add_person("Helen Marsh")
        >>> idx.full_name("Marsh"), idx.full_name("Fortier"), idx.full_name("Maria Marsh")
        ('Helen Marsh', 'Fortier', 'Maria Marsh')
        """
        if surname(name):
            return name
        cands = self._full.get(name, set())
        return next(iter(cands)) if len(cands) == 1 else name

    def add_person(self, name: str) -> None:
        """Remember a person's full name (single-word names are ignored)."""
        if surname(name):
            self._full[surname(name)].add(name)

    def resolve(self, extraction: Extraction) -> Identities:
        """Entity key -> IRI (and canonical name) for an article; then remember its persons.

        When a full name of this article completes a person known so far only by a surname, the
        merge is recorded in :attr:`pending` (nothing is written here: see :meth:`take_merges`).
        """
        persons = [e for e in extraction.entities if e.type == "Person"]
        for e in persons:  # full names of this very article count too
            self.add_person(e.name)
        ids = Identities()
        for e in extraction.entities:
            name = self.full_name(e.name) if e.type == "Person" else e.name
            ids[e.key] = iri = mint_entity_iri(e.type, name, self.base)
            ids.names[e.key] = self.canonical_label(iri, name)
        for e in persons:
            if surname(e.name):
                self._merge_short(surname(e.name))
            elif self.full_name(e.name) == e.name:  # still known by the single word only
                self._short.setdefault(e.name, ids[e.key])
        return ids

    def canonical_label(self, iri: str, name: str) -> str:
        """The one ``rdfs:label`` of the actor ``iri``: the name it was first given (in the store,
        or earlier in this build), else ``name``.

        IRIs are minted from a slug of the name, so "Labour Party" and "Labour party", or
        "Robert Kilroy-Silk" and "Robert Kilroy Silk", are one actor; each article's own
        spelling becomes a ``skos:altLabel`` instead of a second label.

        >>> idx = IdentityIndex("http://ex.org/")
        >>> idx.canonical_label("http://ex.org/organization/labour-party", "Labour Party")
        'Labour Party'
        >>> idx.canonical_label("http://ex.org/organization/labour-party", "Labour party")
        'Labour Party'
        """
        known = self._labels.get(iri)
        if known is None:
            known = self._stored_label(iri) or name
            self._labels[iri] = known
        return known

    def _stored_label(self, iri: str) -> str | None:
        if self._source is None:
            return None
        for row in self._source.query(_LABEL_OF, bindings={"a": ox.NamedNode(iri)}):
            return row["l"].value
        return None

    def iris(self, extraction: Extraction) -> Identities:
        """Same as :meth:`resolve` (the name :func:`kg.pipeline.build.build_into` calls)."""
        return self.resolve(extraction)

    def _merge_short(self, short: str) -> None:
        full = self.full_name(short)
        old = self._short.get(short)
        if old is None or full == short:
            return
        new = mint_entity_iri("Person", full, self.base)
        del self._short[short]
        if new != old:
            self.pending.append(Merge(old, new, self.canonical_label(new, full)))

    # -- writing ---------------------------------------------------------------------------
    def take_merges(self) -> list[Merge]:
        """The pending merges, handed over to be written with the next batch (and forgotten
        here): :class:`kg.pipeline.build` passes :func:`merge_update` of them to
        :meth:`kg.storage.store.KgStore.add_graphs`, so the re-pointing is in the batch's transaction."""
        merges, self.pending = self.pending, []
        return merges

    def apply_merges(self, store=None) -> list[Merge]:
        """Re-point now the pending merges whose short-name node is in the store; returns them.

        ``store`` defaults to the writable store given to :meth:`load`; without one nothing is
        written. The merges are one transaction. A build does not call this per batch: it writes
        the merges with the batch (:meth:`take_merges`); :meth:`load` calls it for merges left over
        by a build that stopped.
        """
        store = store if store is not None else self._store
        if store is None or getattr(store, "read_only", False):
            return []
        done = [m for m in self.pending if _in_store(store, m.old)]
        if done:
            store.update(merge_update(done))
            self.pending = [m for m in self.pending if m not in done]
        self.applied.extend(done)
        return done


def merge_update(merges: list[Merge]) -> str:
    """The SPARQL Update re-pointing each merge's node ``old`` to ``new`` in every named graph.

    Triples with ``old`` as subject or object move to ``new`` in the same graph, ``old``'s
    ``rdfs:label`` becomes ``skos:altLabel``, ``new rdfs:label name`` is added to each graph that
    mentioned ``old``, and an alias equal to the label is dropped. Only terms written by Oxigraph
    (IRIs it checked, the name as an escaped literal) are in the text.

    >>> print(merge_update([Merge("http://ex.org/marsh", "http://ex.org/helen-marsh", 'Helen "H" Marsh')]).splitlines()[1])
    WHERE { VALUES (?old ?new ?name) { (<http://ex.org/marsh> <http://ex.org/helen-marsh> "Helen \\"H\\" Marsh") } .
    """
    if not merges:
        return ""
    rows = " ".join(f"({ox.NamedNode(m.old)} {ox.NamedNode(m.new)} {ox.Literal(m.name)})" for m in merges)
    return _REPOINT.format(rows=rows, label=_RDFS_LABEL, alt=_SKOS_ALT)


def repoint_graphs(graphs, merges: list[Merge]) -> None:
    """Apply ``merges`` to rdflib graphs in memory, as :func:`merge_update` does in a store (for a
    batch sent to an endpoint, which kg does not rewrite afterwards)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    for m in merges:
        old, new, name = URIRef(m.old), URIRef(m.new), Literal(m.name)
        for g in graphs:
            as_subject = list(g.triples((old, None, None)))
            for s, p, o in as_subject:
                g.remove((s, p, o))
                g.add((new, SKOS.altLabel if p == RDFS.label else p, new if o == old else o))
            as_object = list(g.triples((None, None, old)))
            for s, p, o in as_object:
                g.remove((s, p, o))
                g.add((s, p, new))
            if as_subject or as_object:
                g.add((new, RDFS.label, name))
                g.remove((new, SKOS.altLabel, name))


def _in_store(store, iri: str) -> bool:
    return bool(store.query(_GRAPHS_OF, bindings={"old": ox.NamedNode(iri)}))


def repoint(store, old: str, new: str, name: str) -> bool:
    """Rewrite node ``old`` to ``new`` in every named graph of ``store`` (one transaction, see
    :func:`merge_update`); ``False`` when ``old`` is not in the store."""
    if not _in_store(store, old):
        return False
    store.update(merge_update([Merge(old, new, name)]))
    return True
