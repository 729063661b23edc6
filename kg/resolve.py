"""Identity across documents: which IRI each entity of a new article gets.

IRIs are minted from type and canonical name (:func:`kg.rdf.iri.mint_entity_iri`). Before
minting, a person known only by a surname ("Lavrov") is linked to the unique person in the store
or the current batch whose full name ends with it ("Sergei Lavrov").
"""
from __future__ import annotations

from collections import defaultdict

from .records import Extraction
from .rdf.iri import mint_entity_iri

__all__ = ["IdentityIndex"]


class IdentityIndex:
    """Known persons by surname, filled from the store and from each article as it is built."""

    def __init__(self, base: str | None = None):
        self.base = base
        self._by_surname: dict[str, set[str]] = defaultdict(set)  # surname -> full names

    def load(self, store) -> "IdentityIndex":
        """Add every person in a :class:`kg.store.KgStore`."""
        q = "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }"
        for row in store.query(q):
            self.add_person(row["name"].value)
        return self

    def add_person(self, name: str) -> None:
        words = name.split()
        if len(words) > 1:
            self._by_surname[words[-1]].add(name)

    def full_name(self, name: str) -> str:
        """The unique known full name for a bare surname, else the name itself."""
        if len(name.split()) != 1:
            return name
        cands = self._by_surname.get(name, set())
        return next(iter(cands)) if len(cands) == 1 else name

    def iris(self, extraction: Extraction) -> dict[str, str]:
        """Entity key -> IRI for an article, then remember its persons."""
        out = {}
        for e in extraction.entities:
            name = self.full_name(e.name) if e.type == "Person" else e.name
            out[e.key] = mint_entity_iri(e.type, name, self.base)
        for e in extraction.entities:
            if e.type == "Person":
                self.add_person(e.name)
        return out
