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

The same holds for every other name that turns out to stand for an actor known under another
one (see :class:`IdentityIndex`): a surname with a courtesy title among several persons of that
surname ("Mr Blair"), a name without its middle initial ("George Bush"), a nickname ("Jim
Callaghan"), an organisation's acronym or short form stated in another article ("NAO",
"Independence Party"), a small-word variant ("Institute of Fiscal Studies"), and a name typed
person here and organisation there (merged into the type of more articles, and retyped). Every
node minted so far is reviewed when a batch is handed over (:meth:`IdentityIndex.take_merges`),
so a decision that later articles make possible is taken in the same build. A person's merge
leaves alone an article that names both persons (it keeps them apart).

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

import re
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..nlp.lexicon import gender_words
from ..nlp.names import formal_given_name, given_name_variant, is_given_name, one_formal_name, small_word_variant
from ..nlp.names import surname_of as surname
from ..nlp.vocab import vocab
from ..records import Extraction
from ..rdf.iri import Identities, mint_article_iri, mint_entity_iri
from ..rdf.namespace import KG, KG_NS

__all__ = ["IdentityIndex", "Merge", "surname", "merge_update", "repoint", "repoint_graphs"]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_KG = KG_NS
_MENTIONED = str(KG.mentionedIn)
_ACTOR_TYPES = ("Person", "Organization")
# Every person and canonical name, once: type and label are matched within one article graph (over
# the union default graph, they would pair each article's type with every article's label: one row
# per pair of articles per person, quadratic in the size of the store).
_PERSONS = """
SELECT DISTINCT ?p ?name WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name } }"""
# Every organisation and its canonical name; then the other names articles gave it, and in how
# many articles (one row per organisation and name).
_ORGANIZATIONS = """
SELECT DISTINCT ?o ?name WHERE { GRAPH ?g { ?o a kg:Organization ; rdfs:label ?name } }"""
_ORG_ALIASES = """
SELECT ?name ?alt (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?o a kg:Organization ; rdfs:label ?name ; skos:altLabel ?alt } }
GROUP BY ?name ?alt"""
# The courtesy forms ("Mr Blair") an article gave a person, with the article: one row per person,
# article and courtesy form, the only per-article rows read.
_CALLED = """
SELECT DISTINCT ?name ?alt ?g WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name ; skos:altLabel ?alt }
  FILTER(CONTAINS(?alt, " ")) }"""
# In how many articles each name is a person's and an organisation's (one row per name and type).
_TYPED = """
SELECT ?name ?type (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?x a ?type ; rdfs:label ?name }
  FILTER(?type IN (kg:Person, kg:Organization)) } GROUP BY ?name ?type"""
_LABELS = "SELECT ?a ?l WHERE { ?a rdfs:label ?l }"
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
_GRAPHS_OF = "ASK { { GRAPH ?g { ?old ?p ?o } } UNION { GRAPH ?g { ?s ?p ?old } } }"
# Re-point ?old to ?new in every named graph (for persons, every graph that does not mention both:
# an article that names both keeps them apart, there they stay two persons); the old canonical
# label becomes an alias.
# First the canonical label goes into every graph that mentions ?old, then ?old is rewritten as
# subject and as object, then an alias equal to the label is dropped.
_APART = "FILTER NOT EXISTS {{ GRAPH ?g {{ ?old <{mentioned}> ?g . ?new <{mentioned}> ?g }} }}"
_REPOINT_ANY = """INSERT {{ GRAPH ?g {{ ?new <{label}> ?name }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        {{ GRAPH ?g {{ ?old ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p ?old }} }} APART }} ;
DELETE {{ GRAPH ?g {{ ?old ?p ?o }} }}
INSERT {{ GRAPH ?g {{ ?new ?p2 ?o }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        GRAPH ?g {{ ?old ?p ?o }} APART
        BIND(IF(?p = <{label}>, <{alt}>, ?p) AS ?p2) }} ;
DELETE {{ GRAPH ?g {{ ?s ?p ?old }} }}
INSERT {{ GRAPH ?g {{ ?s ?p ?new }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        GRAPH ?g {{ ?s ?p ?old }} APART }} ;
DELETE {{ GRAPH ?g {{ ?new <{alt}> ?l }} }}
WHERE {{ VALUES (?old ?new ?name) {{ {rows} }} .
        GRAPH ?g {{ ?new <{alt}> ?l ; <{label}> ?l }} }}
"""
_REPOINT = _REPOINT_ANY.replace("APART", _APART)
_REPOINT_ANY = _REPOINT_ANY.replace("APART", "")
# A node merged into an actor of the other type takes that type in every graph.
_RETYPE = """
DELETE {{ GRAPH ?g {{ ?new a ?t }} }}
INSERT {{ GRAPH ?g {{ ?new a ?type }} }}
WHERE {{ VALUES (?new ?type) {{ {rows} }} .
        GRAPH ?g {{ ?new a ?t }} FILTER(?t IN ({actor_types}) && ?t != ?type) }}
"""


@dataclass(frozen=True)
class Merge:
    """The node ``old`` (a short name's) is the actor ``new`` whose canonical name is ``name``;
    ``retype`` is the class (``"Person"``, ``"Organization"``) ``new`` has when ``old`` was typed
    otherwise."""

    old: str
    new: str
    name: str
    retype: str | None = None


class IdentityIndex:
    """Known persons by surname and known organisations by their other names, filled from the
    store and from each article as it is resolved.

    Persons. A short name stands for the one full name it fits: a surname ("Marsh"), a name
    written without its middle initial ("George Bush" for "George W Bush"), a given name written
    as a nickname (:mod:`nicknames` data: "Jim Callaghan" and "James Callaghan" are one node,
    labelled with the formal given name whichever came first; a nickname of several names,
    "Vince" or "Andy", only when the archive's courtesy titles give both the same gender). A
    surname written with a courtesy title ("Mr Blair") never stands for a person the archive's
    titles give the other gender; of several persons of that surname, it stands for

    * the only one the titles give its gender ("Mrs Blair" is not the "Mr Blair");
    * else the one the archive calls by that title and surname in at least
      ``identity_prominence_min_articles`` articles and ``identity_prominence_ratio`` times as
      many as any other (the "Mr Blair" of a politics archive).

    Two persons of one surname in one article are two persons there: neither is chosen for the
    other, and a merge found later leaves that article's two nodes apart.

    An actor is never both a person and an organisation: a name typed both ways takes the type
    of more articles (a given name breaks a tie for the person), and the other node is merged
    into it and retyped.

    Organisations. A name stands for the one organisation articles gave it as a short name, and
    no other organisation: an acronym stated once ("the National Audit Office (NAO)"), the end of
    its name stated in ``identity_alias_min_articles`` articles ("UK Independence Party" ... "the
    Independence Party"; "a Supreme Court" in a British article is not the "US Supreme Court"
    another article once shortened); two writings of a name that
    differ only in small words are one ("Institute for / of Fiscal Studies"). A one-word end of a
    name ("Parliament", "Times", "Telegraph") is left alone: which body it is changes from article
    to article.

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
        self._by_first_last: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_rest: dict[str, set[str]] = defaultdict(set)  # "Cable" -> {"Vince Cable", "Vincent Cable"}
        self._short: dict[str, str] = {}  # person name -> IRI minted from it, while it may stand for another
        self._called: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # name -> title -> articles
        self._orgs: set[str] = set()  # organisation names
        self._org_alias: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # short -> org -> articles
        self._org_small: dict[tuple, set[str]] = defaultdict(set)  # name without small words -> names
        self._org_own: dict[str, str] = {}  # organisation name -> IRI minted from it
        self._typed: dict[tuple[str, str], int] = defaultdict(int)  # (name, type) -> articles
        self._store = None
        self._source = None  # the store the index was loaded from (canonical labels are looked up there)
        self._stored_labels: dict[str, str] | None = None  # its labels, read once when first needed
        self._labels: dict[str, str] = {}  # IRI -> canonical label, for the actors met in this build
        self.pending: list[Merge] = []  # merges found and not written yet
        self.applied: list[Merge] = []

    # -- loading ---------------------------------------------------------------------------
    def load(self, store) -> "IdentityIndex":
        """Add every person and organisation of a :class:`kg.storage.store.KgStore`.

        A writable store is remembered as the default of :meth:`apply_merges`. Short-name nodes
        whose full name is known and unique (left over from a caller that never wrote its
        merges, or decided by what the store now holds) are merged now, in one transaction.
        Persons and organisations are read with one row per node and name; only the courtesy
        forms ("Mr Blair") are read per article.
        """
        if not getattr(store, "read_only", True):
            self._store = store
        self._source = store
        self._stored_labels = None
        for row in store.query(_PERSONS):
            iri, name = row["p"].value, row["name"].value
            self.add_person(name)
            self._short.setdefault(name, iri)
        for row in store.query(_CALLED):
            self._add_called(row["name"].value, row["alt"].value, row["g"].value)
        for row in store.query(_ORGANIZATIONS):
            iri, name = row["o"].value, row["name"].value
            self._add_org(name)
            self._org_own.setdefault(name, iri)
        for row in store.query(_ORG_ALIASES):
            self._add_org(row["name"].value, row["alt"].value, int(row["n"].value))
        for row in store.query(_TYPED):
            self._typed[row["name"].value, row["type"].value.rsplit("#", 1)[-1]] += int(row["n"].value)
        self._review()
        self.apply_merges()
        return self

    def _add_called(self, name: str, alias: str, article: str) -> None:
        title, _, rest = alias.partition(" ")
        if title in gender_words()[0] and rest and name.split()[-1] == rest.split()[-1]:
            self._called[name][title].add(article)

    # -- persons ---------------------------------------------------------------------------
    def add_person(self, name: str) -> None:
        """Remember a person's full name (single-word names are ignored)."""
        if surname(name):
            words = name.split()
            self._full[words[-1]].add(name)
            self._by_first_last[words[0], words[-1]].add(name)
            self._by_rest[" ".join(words[1:])].add(name)

    def complete(self, name: str, beside: frozenset = frozenset()) -> str:
        """The canonical form of a full name: with the middle initial or name the archive writes
        in the one longer name of that first name and surname ("George Bush" -> "George W
        Bush"), and with the formal given name of a nickname ("Vince Cable" -> "Vincent Cable");
        never to a name of ``beside`` (the article's other persons: someone else).

        >>> idx = IdentityIndex(); idx.add_person("George W Bush"); idx.add_person("James Callaghan")
        >>> idx.complete("George Bush"), idx.complete("Jim Callaghan"), idx.complete("Tony Blair")
        ('George W Bush', 'James Callaghan', 'Tony Blair')
        """
        words = name.split()
        if len(words) < 2:
            return name
        longer = [f for f in self._by_first_last.get((words[0], words[-1]), ()) if len(f.split()) > len(words)]
        if len(longer) == 1 and longer[0] not in beside:
            name = longer[0]
        variants = [f for f in self._by_rest.get(" ".join(name.split()[1:]), ())
                    if given_name_variant(name, f) and f not in beside and self._one_person(name, f)]
        if len(variants) == 1:
            return formal_given_name(name, variants[0])
        return name

    def _one_person(self, a: str, b: str) -> bool:
        """Two given-name variants are one person's names: the nickname has one formal name
        ("Jim": James), or the archive's courtesy titles give both the same gender ("Mr Cable"
        for "Vince Cable" and for "Vincent Cable"; never "Andy" and "Andrea" Williams untitled)."""
        return one_formal_name(a, b) or (self.gender(a) is not None and self.gender(a) == self.gender(b))

    def gender(self, name: str) -> str | None:
        """The gender the articles' courtesy titles give a person ("Mrs Blair"): the one of most
        articles, when the other has at most a ``identity_prominence_ratio``-th as many (an
        article that calls the wife "Mrs Howard" does not make Michael Howard a woman).

        >>> idx = IdentityIndex(); idx._called["Michael Howard"]["Mr"] |= {"a", "b", "c", "d", "e"}
        >>> idx._called["Michael Howard"]["Mrs"].add("f"); idx.gender("Michael Howard")
        'male'
        """
        courtesy = gender_words()[0]
        articles: dict[str, set[str]] = defaultdict(set)
        for title, arts in self._called.get(name, {}).items():
            articles[courtesy[title]] |= arts
        counts = sorted((len(a), g) for g, a in articles.items())
        if not counts or (len(counts) > 1 and counts[-1][0] < vocab().number("identity_prominence_ratio") * counts[-2][0]):
            return None
        return counts[-1][1]

    def full_name(self, name: str, title: str | None = None, beside: frozenset = frozenset()) -> str:
        """The full name a person's name stands for, else the name itself: the canonical form of
        a full name (:meth:`complete`), the unique full name of a surname, or, with the courtesy
        ``title`` the article writes before the surname, the one whose gender or prominence fits
        (see the class). ``beside`` are the article's other persons: they are someone else.

        >>> idx = IdentityIndex(); idx.add_person("Helen Marsh")
        >>> idx.full_name("Marsh"), idx.full_name("Fortier"), idx.full_name("Maria Marsh")
        ('Helen Marsh', 'Fortier', 'Maria Marsh')
        """
        if surname(name):
            return self.complete(name, beside)
        fits = sorted({self.complete(f) for f in self._full.get(name, ())})
        gender = gender_words()[0].get(title) if title else None
        if gender is None:
            return fits[0] if len(fits) == 1 else name
        # with a courtesy title: the one person of that surname, unless the archive's titles give
        # it the other gender; of several, only one the titles give that gender ("Baroness Morgan"
        # is not "Jonathan Morgan" because "Rhodri Morgan" is "Mr Morgan"). A person of the article
        # itself is someone else: it cannot be chosen, and it still makes the name ambiguous.
        if len(fits) == 1:
            return fits[0] if fits[0] not in beside and self.gender(fits[0]) in (gender, None) else name
        fits = [f for f in fits if self.gender(f) == gender]
        if len(fits) == 1 and fits[0] not in beside:
            return fits[0]
        if not fits:
            return name
        v = vocab()
        called = sorted(((len(self._called_by(f, title)), f) for f in fits), key=lambda c: (-c[0], c[1]))
        top, second = called[0][0], (called[1][0] if len(called) > 1 else 0)
        chosen = called[0][1]
        if (top >= v.number("identity_prominence_min_articles") and top >= v.number("identity_prominence_ratio") * second
                and chosen not in beside):
            return chosen
        return name

    def _called_by(self, full: str, title: str) -> set[str]:
        """The articles that call the person ``full`` (or a name completed to it) ``title`` + surname."""
        out: set[str] = set()
        for f in self._full.get(full.split()[-1], ()):
            if f == full or self.complete(f) == full:
                out |= self._called.get(f, {}).get(title, set())
        return out

    def _title_of(self, name: str) -> str | None:
        """The one courtesy title a short name is written with, wherever it is written."""
        titles = set(self._called.get(name, {}))
        genders = {gender_words()[0][t] for t in titles}
        return min(titles) if len(genders) == 1 else None

    # -- organisations ---------------------------------------------------------------------
    def _add_org(self, name: str, alias: str | None = None, articles: int = 1) -> None:
        if name not in self._orgs:
            self._orgs.add(name)
            small = vocab().words("acronym_small_words")
            self._org_small[tuple(w for w in name.split() if w.casefold() not in small)].add(name)
        if alias and alias != name and _short_form(alias, name):
            self._org_alias[alias][name] += articles

    def organization(self, name: str) -> str:
        """The canonical name of an organisation across the archive (see the class), else the name.

        >>> idx = IdentityIndex()
        >>> idx._add_org("National Audit Office", "NAO"); idx._add_org("Institute for Fiscal Studies")
        >>> idx._add_org("House of Parliament", "Parliament")
        >>> idx.organization("NAO"), idx.organization("Institute of Fiscal Studies"), idx.organization("Parliament")
        ('National Audit Office', 'Institute for Fiscal Studies', 'Parliament')
        """
        stated = {org: n for org, n in self._org_alias.get(name, {}).items() if org != name}
        if len(stated) == 1:
            (org, n), = stated.items()
            if _acronym_like(name) or n >= vocab().number("identity_alias_min_articles"):
                name = org
        small = vocab().words("acronym_small_words")
        variants = self._org_small.get(tuple(w for w in name.split() if w.casefold() not in small), set())
        alike = sorted({name} | {v for v in variants if small_word_variant(v, name)})
        if len(alike) > 1:
            return alike[0]
        return name

    # -- resolving -------------------------------------------------------------------------
    def resolve(self, extraction: Extraction) -> Identities:
        """Entity key -> IRI (and canonical name) for an article; then remember its actors.

        When a name of this article completes an actor known so far only by a shorter name, the
        merge is recorded in :attr:`pending` (nothing is written here: see :meth:`take_merges`).
        """
        article = mint_article_iri(extraction.document.id, self.base)
        persons = [e for e in extraction.entities if e.type == "Person"]
        forms = _courtesy_forms(extraction)
        titles = {key: {t for t, _ in pairs} for key, pairs in forms.items()}
        for e in persons:  # full names and courtesy forms of this very article count too
            self.add_person(e.name)
            for t, written in forms.get(e.key, ()):
                self._add_called(e.name, f"{t} {written}", article)
        for e in extraction.entities:
            if e.type in _ACTOR_TYPES:
                self._typed[e.name, e.type] += 1
            if e.type == "Organization":
                for alias in e.aliases:
                    self._add_org(e.name, alias)
                self._add_org(e.name)
        ids = Identities()
        for e in extraction.entities:
            if e.type == "Person":
                beside = frozenset(p.name for p in persons if p.key != e.key)
                name = self.full_name(e.name, self._title_of_mentions(titles.get(e.key, ())), beside)
                ids.aliases[e.key] = tuple(sorted({f"{t} {written}" for t, written in forms.get(e.key, ())}))
            elif e.type == "Organization":
                name = self.organization(e.name)
            else:
                name = e.name
            ids[e.key] = iri = mint_entity_iri(e.type, name, self.base)
            ids.names[e.key] = self.canonical_label(iri, name)
            if e.type == "Person" and name == e.name:
                self._short.setdefault(e.name, iri)
            elif e.type == "Organization" and name == e.name:
                self._org_own.setdefault(e.name, iri)
        for e in persons:  # a full name of this article may complete a node known by a shorter name
            if surname(e.name):
                for short in sorted({surname(e.name), *self._full[surname(e.name)]} & set(self._short)):
                    self._merge_short(short)
        return ids

    @staticmethod
    def _title_of_mentions(titles) -> str | None:
        genders = {gender_words()[0][t] for t in titles}
        return min(titles) if len(genders) == 1 else None

    def _review(self) -> None:
        """Merge every node minted from a name that now stands for another actor, or that the
        archive knows better as an actor of the other type."""
        for short in sorted(self._short):
            self._merge_short(short)
        for name in sorted(self._org_own):
            person = self.person_rather(name)
            full = self.organization(name) if person is None else person
            if full != name or person is not None:
                old = self._org_own.pop(name)
                typ = "Organization" if person is None else "Person"
                new = mint_entity_iri(typ, full, self.base)
                if new != old:
                    self.pending.append(Merge(old, new, self.canonical_label(new, full), None if person is None else typ))
        for name in sorted(self._short):
            org = self.organization_rather(name)
            if org is not None:
                old = self._short.pop(name)
                new = mint_entity_iri("Organization", org, self.base)
                self.pending.append(Merge(old, new, self.canonical_label(new, org), "Organization"))

    def _articles(self, names, typ: str) -> int:
        return sum(self._typed.get((n, typ), 0) for n in set(names))

    def person_rather(self, name: str) -> str | None:
        """The person an organisation's name is, when the archive knows a person of that name (or
        of a name completed to it, "Vince Cable" for "Vincent Cable") in more articles, or in as
        many and the name starts with a given name; else ``None``. An actor is never both.

        >>> idx = IdentityIndex(); idx.add_person("Oliver Heald"); idx._typed["Oliver Heald", "Person"] = 1
        >>> idx._typed["Oliver Heald", "Organization"] = 1; idx._typed["Law Lords", "Organization"] = 4
        >>> idx.person_rather("Oliver Heald"), idx.person_rather("Law Lords")
        ('Oliver Heald', None)
        """
        if not surname(name):
            return None
        full = self.complete(name)
        known = [f for f in self._full.get(surname(full), ()) if f == full or self.complete(f) == full]
        if full not in known:
            return None
        persons, orgs = self._articles(known, "Person"), self._articles([name], "Organization")
        if persons > orgs or (persons == orgs and is_given_name(name.split()[0])):
            return full
        return None

    def organization_rather(self, name: str) -> str | None:
        """The organisation a person's name is, when the archive knows an organisation of that
        name in more articles and the name starts with no given name; else ``None``."""
        if name not in self._orgs or is_given_name(name.split()[0]):
            return None
        if self._articles([name], "Organization") > self._articles([name], "Person"):
            return self.organization(name)
        return None

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
        if self._stored_labels is None:  # one query for every label of the store, not one per actor
            self._stored_labels = {}
            for row in self._source.query(_LABELS):
                self._stored_labels.setdefault(row["a"].value, row["l"].value)
        return self._stored_labels.get(iri)

    def iris(self, extraction: Extraction) -> Identities:
        """Same as :meth:`resolve` (the name :func:`kg.pipeline.build.build_into` calls)."""
        return self.resolve(extraction)

    def _merge_short(self, short: str) -> None:
        old = self._short.get(short)
        if old is None:
            return
        full = self.full_name(short, self._title_of(short))
        if full == short:
            return
        new = mint_entity_iri("Person", full, self.base)
        del self._short[short]
        if new != old:
            self.pending.append(Merge(old, new, self.canonical_label(new, full)))

    # -- writing ---------------------------------------------------------------------------
    def take_merges(self) -> list[Merge]:
        """The pending merges, handed over to be written with the next batch (and forgotten
        here), after every node minted so far is reviewed against what the build knows now: :class:`kg.pipeline.build` passes :func:`merge_update` of them to
        :meth:`kg.storage.store.KgStore.add_graphs`, so the re-pointing is in the batch's transaction."""
        self._review()
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
    """The SPARQL Update re-pointing each merge's node ``old`` to ``new`` in every named graph
    (a person's, in every graph that does not mention both: that article keeps two persons apart).

    Triples with ``old`` as subject or object move to ``new`` in the same graph, ``old``'s
    ``rdfs:label`` becomes ``skos:altLabel``, ``new rdfs:label name`` is added to each graph that
    mentioned ``old``, and an alias equal to the label is dropped; a merge with ``retype`` gives
    ``new`` that class instead of the other actor class in every graph. Only terms written by Oxigraph
    (IRIs it checked, the name as an escaped literal) are in the text.

    >>> print(merge_update([Merge("http://ex.org/marsh", "http://ex.org/helen-marsh", 'Helen "H" Marsh')]).splitlines()[1])
    WHERE { VALUES (?old ?new ?name) { (<http://ex.org/marsh> <http://ex.org/helen-marsh> "Helen \\"H\\" Marsh") } .
    """
    if not merges:
        return ""
    parts = []
    for persons, text in ((True, _REPOINT), (False, _REPOINT_ANY)):
        some = [m for m in merges if _is_person(m.old) == persons]
        if some:
            rows = " ".join(f"({ox.NamedNode(m.old)} {ox.NamedNode(m.new)} {ox.Literal(m.name)})" for m in some)
            parts.append(text.format(rows=rows, label=_RDFS_LABEL, alt=_SKOS_ALT, mentioned=_MENTIONED).rstrip())
    update = " ;\n".join(parts)
    retyped = [m for m in merges if m.retype]
    if retyped:
        rows = " ".join(f"({ox.NamedNode(m.new)} {ox.NamedNode(_KG + m.retype)})" for m in retyped)
        types = ", ".join(str(ox.NamedNode(_KG + t)) for t in _ACTOR_TYPES)
        update += " ;" + _RETYPE.format(rows=rows, actor_types=types)
    return update


def repoint_graphs(graphs, merges: list[Merge]) -> None:
    """Apply ``merges`` to rdflib graphs in memory, as :func:`merge_update` does in a store (for a
    batch sent to an endpoint, which kg does not rewrite afterwards)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    for m in merges:
        old, new, name = URIRef(m.old), URIRef(m.new), Literal(m.name)
        for g in graphs:
            if _is_person(m.old) and (old, KG.mentionedIn, g.identifier) in g and (new, KG.mentionedIn, g.identifier) in g:
                continue  # the article names both persons: there they stay apart
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
            if m.retype:
                for t in _ACTOR_TYPES:
                    if t != m.retype and (new, RDF.type, KG[t]) in g:
                        g.remove((new, RDF.type, KG[t]))
                        g.add((new, RDF.type, KG[m.retype]))


def _is_person(iri: str) -> bool:
    """An IRI minted for a person (:func:`kg.rdf.iri.mint_entity_iri`: ``<base>person/<slug>``)."""
    return iri.rsplit("/", 2)[-2] == "person"


def _in_store(store, iri: str) -> bool:
    return bool(store.query(_GRAPHS_OF, bindings={"old": ox.NamedNode(iri)}))


def repoint(store, old: str, new: str, name: str) -> bool:
    """Rewrite node ``old`` to ``new`` in every named graph of ``store`` (one transaction, see
    :func:`merge_update`); ``False`` when ``old`` is not in the store."""
    if not _in_store(store, old):
        return False
    store.update(merge_update([Merge(old, new, name)]))
    return True


def _short_form(alias: str, name: str) -> bool:
    """An alias an article gave an organisation as a short form of its name: an acronym ("NAO",
    "UKIP") or its last words, two or more ("Independence Party" for "UK Independence Party"; never
    "Parliament" for "House of Parliament")."""
    return _acronym_like(alias) or (" " in alias and name.endswith(" " + alias))


def _acronym_like(name: str) -> bool:
    bare = name.replace(".", "")
    return bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 6


def _courtesy_forms(extraction: Extraction) -> dict[str, set[tuple[str, str]]]:
    """Entity key -> (courtesy title, name as written) of its mentions that follow a courtesy
    title: ("Mr", "Blair") for "Mr Blair", ("Sir", "Menzies Campbell") for "Sir Menzies Campbell"."""
    text, courtesy = extraction.document.text, gender_words()[0]
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for m in extraction.mentions:
        before = _WORD_BEFORE.search(text[max(0, m.start - 12):m.start])
        if before and before.group(1) in courtesy:
            out[m.entity].add((before.group(1), " ".join(m.text.split())))
    return out
