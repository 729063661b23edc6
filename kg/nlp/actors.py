"""Actors of one document: typed, cleaned, resolved mentions.

From the statistical entities of a Doc this module

* cleans each mention (no determiner, possessive, courtesy title or job title: "President Donald
  Trump's" -> "Donald Trump"; "U.S. National Security" next to "National Security Advisor" ->
  "U.S.");
* types it (Person, Organization, Country, Place) with the country lexicon overriding the
  model for country names and variants (U.S., US, USA, America -> United States);
* resolves short forms within the document (a surname, "Mr Blair", "President Trump") to the
  full name of a person mentioned in the document, whatever the model's label for the short form;
* drops junk (section labels, weekdays, lower-case or numeric strings, single letters).

The result is a list of :class:`ActorMention` (token span + entity key) and the
:class:`~kg.records.Entity` records, with the most complete name as the canonical one.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..records import Entity
from .lexicon import countries, honorifics, read_lines
from .titles import SPAN_KEY

__all__ = ["ActorMention", "DocActors", "find_actors", "entity_key", "clean_name"]

#: spaCy entity labels -> actor types (GPE is refined by the country lexicon).
LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_JUNK = re.compile(r"^[\W\d_]+$")


@lru_cache(maxsize=1)
def _not_entities() -> frozenset[str]:
    return frozenset(l.strip().casefold() for l in read_lines("not_entities.txt"))


@dataclass(frozen=True)
class ActorMention:
    """A mention of an actor: token span ``[start, end)`` of the Doc and its entity key."""

    start: int
    end: int
    key: str
    text: str


@dataclass
class DocActors:
    """The actors of one Doc: entities by key, mentions in text order, and a token index."""

    entities: dict
    mentions: list

    def __post_init__(self) -> None:
        self.by_token = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def at(self, token_i: int) -> ActorMention | None:
        """The actor mention covering a token, if any."""
        return self.by_token.get(token_i)

    def type_of(self, key: str) -> str:
        return self.entities[key].type


def entity_key(type_: str, name: str) -> str:
    """The document-level key of an entity.

    >>> entity_key("Person", "Sergei Lavrov")
    'Person:Sergei Lavrov'
    """
    return f"{type_}:{name}"


def clean_name(text: str) -> str:
    """A mention's text without determiner, possessive, courtesy title or surrounding punctuation.

    >>> clean_name("the European Commission's")
    'European Commission'
    >>> clean_name("Mr Blair")
    'Blair'
    >>> clean_name("NBC News'")
    'NBC News'
    """
    words = text.split()
    while words and (words[0].casefold() in _DETERMINERS or words[0] in honorifics()):
        words = words[1:]
    s = " ".join(words).strip(" ,;:\"\u201c\u201d()[]")
    for p in ("'s", "\u2019s"):
        if s.endswith(p):
            s = s[: -len(p)]
    if s.endswith(("'", "\u2019")):
        s = s[:-1]
    return s.strip()


def _trim_span(doc: Doc, start: int, end: int, title_tokens: set[int]) -> tuple[int, int]:
    """Drop determiners, titles, honorifics and possessive markers from the edges of a span."""
    while start < end and (
        doc[start].lower_ in _DETERMINERS or doc[start].text in honorifics() or start in title_tokens
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _candidate_spans(doc: Doc, skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, type) of cleaned candidate mentions, titles removed."""
    title_tokens: set[int] = set()
    title_starts = {}
    for t in doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []:
        title_starts[t.start] = t.end
        title_tokens.update(range(t.start, t.end))
    out = []
    for ent in doc.ents:
        typ = LABEL_TYPES.get(ent.label_)
        if typ is None:
            continue
        if any(s <= ent.start_char < e for s, e in skip):
            continue
        start, end = ent.start, ent.end
        # An entity running into a title ("U.S. National Security" + "National Security Advisor")
        # is cut where the title starts; the part before is typed again below.
        for i in range(start + 1, end):
            if i in title_starts:
                end = i
                break
        start, end = _trim_span(doc, start, end, title_tokens)
        if start >= end or all(i in title_tokens for i in range(start, end)):
            continue
        text = doc[start:end].text
        country = countries().canonical(text)
        if country:
            typ = "Country"
        elif typ == "Place" and ent.label_ == "GPE" and countries().from_adjective(text):
            continue  # a nationality tagged as a place
        out.append((start, end, typ))
    # Nationality adjectives are not actors themselves; country names the model missed are.
    taken = {i for s, e, _ in out for i in range(s, e)}
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or any(s <= tok.idx < e for s, e in skip):
            continue
        if tok.ent_type_ in LABEL_TYPES or tok.ent_type_ == "NORP":
            continue
        if countries().canonical(tok.text) and tok.pos_ == "PROPN":
            out.append((tok.i, tok.i + 1, "Country"))
    return sorted(out)


def _is_junk(text: str) -> bool:
    return (
        len(text) < 2
        or bool(_JUNK.match(text))
        or text.casefold() in _not_entities()
        or not any(c.isupper() for c in text)
    )


def find_actors(doc: Doc, *, skip: list[tuple[int, int]] | None = None) -> DocActors:
    """Find, clean, type and resolve the actors of a Doc.

    ``skip`` lists character ranges (non-narrative lines) in which no mention is taken.
    """
    raw = []
    for start, end, typ in _candidate_spans(doc, skip or []):
        text = clean_name(doc[start:end].text)
        if _is_junk(text):
            continue
        raw.append((start, end, typ, text))

    # Full names of persons: multi-word Person mentions.
    persons_full = [t for _, _, typ, t in raw if typ == "Person" and len(t.split()) > 1]
    surname_to_full: dict[str, Counter] = defaultdict(Counter)
    for full in persons_full:
        surname_to_full[full.split()[-1]][full] += 1
        if len(full.split()) > 2:  # "Jamil N. Jaffer" is also "Jamil Jaffer"
            surname_to_full[full.split()[-1]][full] += 0

    def person_for(text: str) -> str | None:
        if text in persons_full:
            return text
        cands = surname_to_full.get(text.split()[-1]) if text.split() else None
        if not cands:
            return None
        # "Jaffer" or "Jamil Jaffer": a unique full name whose last word and (if given) first word agree
        first = text.split()[0] if len(text.split()) > 1 else None
        fits = [f for f in cands if first is None or f.split()[0] == first]
        return fits[0] if len(fits) == 1 else None

    # Organisations: a name that ends another organisation's longer name is the same organisation
    # ("State Department" in "U.S. State Department").
    orgs = sorted({t for _, _, typ, t in raw if typ == "Organization"}, key=len, reverse=True)

    def org_for(text: str) -> str:
        for longer in orgs:
            if longer != text and longer.endswith(" " + text) and not countries().canonical(text):
                return longer
        return text

    entities: dict[str, Entity] = {}
    aliases: dict[str, set] = defaultdict(set)
    mentions = []
    for start, end, typ, text in raw:
        if typ == "Country":
            name = countries().canonical(text) or text
        else:
            full = person_for(text)
            if full is not None:
                typ, name = "Person", full
            elif typ == "Organization":
                name = org_for(text)
            else:
                name = text
        key = entity_key(typ, name)
        if key not in entities:
            entities[key] = Entity(key=key, type=typ, name=name)
        if text != name:
            aliases[key].add(text)
        mentions.append(ActorMention(start, end, key, doc[start:end].text))
    for key, al in aliases.items():
        e = entities[key]
        entities[key] = Entity(key=e.key, type=e.type, name=e.name, aliases=tuple(sorted(al)))
    for key, e in list(entities.items()):
        if e.type == "Country":
            entities[key] = Entity(e.key, e.type, e.name, tuple(sorted(set(e.aliases))))
    return DocActors(entities=entities, mentions=mentions)
