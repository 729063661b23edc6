"""Actors of one document: typed, cleaned, resolved mentions.

From the actor candidates of a Doc (:mod:`kg.nlp.candidates`) this module

* gives each surface form one type in the document (lexicon and title evidence outweigh the model);
* resolves short forms within the document (a surname, "Mr Blair", "Prime Minister Sato") to the
  full name of a person mentioned in the document, whatever the model's label for the short form,
  and organisations' short names and acronyms to their full names (:mod:`kg.nlp.names`);
* drops lone one-word "persons" that are more often mis-tagged words.

The result is a list of :class:`ActorMention` (token span + entity key) and the
:class:`~kg.records.Entity` records, with the most complete name as the canonical one.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from ..gazetteer import places
from ..records import Entity
from .candidate import Candidate
from .candidates import candidates, clean_name, is_junk
from .lexicon import countries, honorifics, organizations
from .nicknames import nickname_merges
from .names import OrganizationNames, PersonNames, acronym_of, spelling_variant
from .vocab import vocab

#: A name made of capitals and digits: "G8", "MI6", "G20" (codes of bodies, never persons).
_CODE = re.compile(r"^[A-Z]+[0-9]+[A-Z0-9]*$")

__all__ = ["ActorMention", "DocActors", "find_actors", "entity_key", "clean_name", "acronym_of", "is_junk"]


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
        """The type of an actor, or of a key a rule made ("Country:Taiwan" from "Taiwanese
        ministers"), which names its type.

        >>> DocActors({}, []).type_of("Country:Taiwan")
        'Country'
        """
        e = self.entities.get(key)
        return e.type if e is not None else key.split(":", 1)[0]


def entity_key(type_: str, name: str) -> str:
    """The document-level key of an entity.

    >>> entity_key("Person", "Anna Berg")
    'Person:Anna Berg'
    """
    return f"{type_}:{name}"


def _name_word(tok) -> bool:
    """A proper noun, or a word the recogniser tagged as a person's although the tagger took it
    for another part of speech ("Connolly" as an adverb), or a capitalised noun standing alone as a
    subject, object or possessor ("Trump flew into Hanoi", a surname that is also a word: the
    caller takes it only when it ends one person's full name in the document)."""
    return (tok.pos_ == "PROPN" or (tok.ent_type_ == "PERSON" and tok.text.isalpha())
            or (tok.pos_ == "NOUN" and tok.text.istitle() and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss")
                and not any(c.dep_ in ("det", "amod", "compound") for c in tok.children)))


def _untagged_short_names(doc: Doc, entities: dict, mentions: list, skip, aliases) -> list:
    """Mentions of known persons by their surname (or the last words of their name) that the
    entity recogniser did not tag: "Okoro met with ..." after "Ada Okoro". A run of capitalised
    proper nouns outside every mention is taken when it ends the full name of exactly one person
    of the document and starts no other actor's name."""
    names = PersonNames(e.name for e in entities.values() if e.type == "Person")
    if not names.full:
        return []
    other_words = {w for e in entities.values() if e.type != "Person" for w in e.name.split()}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if (i in taken or not _name_word(tok) or not tok.text[:1].isupper() or tok.ent_type_ in ("GPE", "LOC", "NORP")
                or any(s <= tok.idx < e for s, e in skip)):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in taken and _name_word(doc[j]) and doc[j].text[:1].isupper():
            j += 1
        text = doc[i:j].text
        keys = {entity_key("Person", n) for n in names.ending_with(text)}
        if len(keys) == 1 and text not in other_words and text not in honorifics():
            (key,) = keys
            out.append(ActorMention(i, j, key, text))
            aliases[key].add(text)
        i = j
    return out


def _vote_types(cands: list[Candidate]) -> dict[str, str]:
    """One type per surface form in a document: lexicon and title evidence outweigh the model."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        votes[c.text][c.type] += 5 if c.strong else 1
    return {t: v.most_common(1)[0][0] for t, v in votes.items()}


def _known_region(text: str) -> bool:
    """A one-word name the gazetteer knows only as a region ("Wales", "Dorset"), not as a city."""
    found = places(text)
    return bool(found) and all(p.kind == "region" for p in found)


def _known_place(text: str) -> bool:
    """A one-word name the gazetteer knows as a city of at least ``prominent_city_population``
    inhabitants or a region ("Manchester", "Yorkshire")."""
    least = vocab().number("prominent_city_population")
    return any(p.kind == "region" or (p.population or 0) >= least for p in places(text))


def _document_types(cands) -> dict[str, str]:
    """One type per surface form; "Vince Cable" tagged ORG once and "Mr Cable" elsewhere: a name
    ending in the surname of a person known by a courtesy or job title is that person. A "person"
    named by a code of letters and digits ("G8", "MI6") is an organisation; a one-word "person"
    with no title that the gazetteer knows as a city or region and that ends no person's name of
    the document is that place ("Manchester"); a one-word "organisation" no lexicon typed that the
    gazetteer knows only as a region is that place ("Wales", "Dorset")."""
    types = _vote_types(cands)
    cued = {c.text for c in cands if c.strong}
    surnames = {c.text.split()[-1] for c in cands if types[c.text] == "Person" and " " in c.text}
    for text, typ in list(types.items()):
        if typ == "Organization" and text not in cued and " " not in text and _known_region(text):
            types[text] = "Place"  # "Wales", "Dorset" tagged ORG: a region is no organisation
            continue
        if typ != "Person" or text in cued:
            continue
        if _CODE.match(text):
            types[text] = "Organization"
        elif " " not in text and text not in surnames and _known_place(text):
            types[text] = "Place"
    cued_surnames = {c.text.split()[-1] for c in cands if c.strong and types[c.text] == "Person"}
    for c in cands:
        words = c.text.split()
        if (not c.strong and types[c.text] != "Person" and 1 < len(words) <= 4
                and words[-1] in cued_surnames and all(w[:1].isupper() for w in words)):
            types[c.text] = "Person"
    return types


def _lone_persons(cands, types: dict[str, str], persons: PersonNames) -> set[str]:
    """One-word "persons" with no full name in the document, no courtesy or job title and a
    single model vote: more often a mis-tagged word ("Library", "Manchester") than a person."""
    votes = Counter(c.text for c in cands if types[c.text] == "Person")
    cued = {c.text for c in cands if c.strong and types[c.text] == "Person"}
    return {t for t in votes if len(t.split()) == 1 and persons.full_name(t) is None and t not in cued
            and votes[t] < 2}


def _name_of(c, typ: str, persons: PersonNames, orgs: OrganizationNames, *, regnal: bool = False) -> tuple[str, str]:
    """(type, canonical name) of a candidate: a country's canonical name, the full name of the
    person a short form stands for (whatever the model's type, unless a lexicon typed it; never
    for a regnal name: "King Olav" is no short form of "Olav Berg"), an organisation's
    full name."""
    text = c.text
    if typ == "Country":
        return typ, countries().canonical(text) or text
    full = None if (c.strong and typ != "Person") or regnal else persons.full_name(text)
    if full is not None:
        return "Person", full
    if typ == "Organization":
        return typ, orgs.canonical(text)
    return typ, text


def _with_aliases(entities: dict[str, Entity], aliases: dict[str, set]) -> dict[str, Entity]:
    """The entities with their aliases: the other forms written, and the lexicon's."""
    org_aliases = organizations()[1]
    out = {}
    for key, e in entities.items():
        known = ()
        if e.type == "Country":
            known = countries().aliases.get(e.name, ())
        elif e.type == "Organization":
            known = org_aliases.get(e.name, ())
        al = (aliases.get(key, set()) | set(known)) - {e.name}
        out[key] = Entity(key=e.key, type=e.type, name=e.name, aliases=tuple(sorted(al)))
    return out


def find_actors(doc: Doc, *, skip: list[tuple[int, int]] | None = None) -> DocActors:
    """Find, clean, type and resolve the actors of a Doc.

    ``skip`` lists character ranges (non-narrative lines) in which no mention is taken.
    """
    cands = candidates(doc, skip or [])
    types = _document_types(cands)
    first_seen: dict[str, int] = {}
    for c in cands:
        first_seen.setdefault(c.text, c.start)
    persons = PersonNames((t for t, ty in types.items() if ty == "Person"), first_seen=first_seen)
    orgs = OrganizationNames((t for t, ty in types.items() if ty == "Organization"), organizations()[0])
    lone = _lone_persons(cands, types, persons)
    entities: dict[str, Entity] = {}
    aliases: dict[str, set] = defaultdict(set)
    mentions = []
    for c in cands:
        if types[c.text] == "Person" and c.text in lone:
            continue
        regnal = len(c.text.split()) == 1 and c.start > 0 and doc[c.start - 1].lower_ in vocab().words("regnal_titles")
        typ, name = _name_of(c, types[c.text], persons, orgs, regnal=regnal)
        key = entity_key(typ, name)
        entities.setdefault(key, Entity(key=key, type=typ, name=name))
        if c.text != name:
            aliases[key].add(c.text)
        mentions.append(ActorMention(c.start, c.end, key, doc[c.start:c.end].text))
    mentions = sorted(mentions + _untagged_short_names(doc, entities, mentions, skip, aliases),
                      key=lambda m: m.start)
    entities, mentions = _merge_variants(entities, mentions, aliases)
    entities, mentions = _merge_nicknames(doc, entities, mentions, aliases)
    return DocActors(entities=_with_aliases(entities, aliases), mentions=mentions)


def _merge_nicknames(doc: Doc, entities: dict[str, Entity], mentions: list, aliases: dict[str, set]):
    """One actor for a name and the other name the article gives it ("Tal Nour ... also known as
    Beit Sawa"; :mod:`kg.nlp.nicknames`): the other name is an alias."""
    into = nickname_merges(doc, mentions, {k: e.type for k, e in entities.items()})
    for k, target in into.items():
        if k in entities and target in entities:
            aliases[target] |= aliases.pop(k, set()) | {entities.pop(k).name}
    return entities, [ActorMention(m.start, m.end, into.get(m.key, m.key), m.text) if into.get(m.key) in entities else m
                      for m in mentions]


def _merge_variants(entities: dict[str, Entity], mentions: list, aliases: dict[str, set]):
    """One place or organisation for two spellings of its name in one document ("Ras al-Ayn",
    "Ras al-Ain"): the spelling written first is the name, the other an alias."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for key, e in entities.items():
        if e.type in ("Place", "Organization"):
            groups[e.type, e.name.split()[0], len(e.name.split())].append(key)
    first = {}
    for m in mentions:
        first.setdefault(m.key, m.start)
    into: dict[str, str] = {}
    for keys in groups.values():
        keys = sorted(keys, key=lambda k: first.get(k, 0))
        for i, k in enumerate(keys):
            for j in range(i):
                if keys[j] not in into and spelling_variant(entities[keys[j]].name, entities[k].name):
                    into[k] = keys[j]
                    break
    for k, target in into.items():
        aliases[target] |= aliases.pop(k, set()) | {entities.pop(k).name}
    return entities, [ActorMention(m.start, m.end, into.get(m.key, m.key), m.text) for m in mentions]
