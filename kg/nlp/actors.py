"""Actors of one document: typed, cleaned, resolved mentions.

From the statistical entities of a Doc this module

* cleans each mention (no determiner, possessive, courtesy title or job title: "Prime Minister Akira
  Sato's" -> "Akira Sato"; "U.S. National Security" next to "National Security Advisor" ->
  "U.S.");
* types it (Person, Organization, Country, Place) with the country lexicon overriding the
  model for country names and variants (U.S., US, USA, America -> United States);
* resolves short forms within the document (a surname, "Mr Blair", "Prime Minister Sato") to the
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

from spacy.tokens import Doc

from ..records import Entity
from .lexicon import countries, honorifics, name_heads, organizations, read_lines
from .titles import SPAN_KEY, title_above

__all__ = ["ActorMention", "DocActors", "find_actors", "entity_key", "clean_name"]

#: spaCy entity labels -> actor types (GPE is refined by the country lexicon).
LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
#: Model labels that a name right after a title overrides (they are no actor type of ours).
_RELABELLED = frozenset({"", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
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

    >>> entity_key("Person", "Anna Berg")
    'Person:Anna Berg'
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


def _title_index(doc: Doc) -> tuple[set[int], dict[int, int], set[int]]:
    """Tokens inside title spans, title start -> end, and title ends."""
    tokens: set[int] = set()
    starts: dict[int, int] = {}
    for t in doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []:
        starts[t.start] = t.end
        tokens.update(range(t.start, t.end))
    return tokens, starts, set(starts.values())


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    text: str  # cleaned surface form
    type: str
    strong: bool  # typed by a lexicon or by a courtesy/job title, not only by the model


def _person_cue_before(doc: Doc, start: int, title_ends: set[int]) -> bool:
    """A courtesy title ("Mr", "Ms") or a job title ends right before the mention."""
    if start in title_ends:
        return True
    return start > 0 and doc[start - 1].text in honorifics()


def _typed(doc: Doc, start: int, end: int, label: str, text: str, title_ends: set[int]) -> tuple[str | None, bool]:
    """(type, strong) of a cleaned mention, or (None, _) when it is not an actor."""
    if countries().canonical(text):
        return "Country", True
    if text in organizations()[0]:
        return "Organization", True
    if countries().from_adjective(text):
        return None, True  # a nationality ("Russian", "Welsh") is not an actor
    if label == "NORP":
        return None, False
    words = text.split()
    if len(words) > 1 and words[-1] in name_heads():
        return name_heads()[words[-1]], True
    if _person_cue_before(doc, start, title_ends) and label in ("PERSON", "ORG", "GPE", "NORP"):
        return "Person", True
    return LABEL_TYPES.get(label), False


def _plausible_name(doc: Doc, start: int, end: int) -> bool:
    """A one-word mention must be a proper noun (not "Nasty", "Groups", "Draconian")."""
    if end - start > 1:
        return any(t.tag_.startswith("NNP") or t.pos_ == "PROPN" for t in doc[start:end])
    tok = doc[start]
    if tok.text.isupper() and len(tok.text) > 1:
        return True  # acronyms
    return tok.tag_ in ("NNP",) or (tok.pos_ == "PROPN" and tok.tag_ != "NNPS")


def _name_word(tok) -> bool:
    """A proper noun, or a word the recogniser tagged as a person's although the tagger took it
    for another part of speech ("Connolly" as an adverb)."""
    return tok.pos_ == "PROPN" or (tok.ent_type_ == "PERSON" and tok.text.isalpha())


def _untagged_short_names(doc: Doc, entities: dict, mentions: list, skip, aliases) -> list:
    """Mentions of known persons by their surname (or the last words of their name) that the
    entity recogniser did not tag: "Okoro met with ..." after "Ada Okoro". A run of capitalised
    proper nouns outside every mention is taken when it ends the full name of exactly one person
    of the document and starts no other actor's name."""
    persons = [e for e in entities.values() if e.type == "Person" and len(e.name.split()) > 1]
    if not persons:
        return []
    by_suffix: dict[str, set] = defaultdict(set)
    for e in persons:
        words = e.name.split()
        for n in range(1, len(words)):
            by_suffix[" ".join(words[-n:])].add(e.key)
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
        keys = by_suffix.get(text, set())
        if len(keys) == 1 and text not in other_words and text not in honorifics():
            (key,) = keys
            out.append(ActorMention(i, j, key, text))
            aliases[key].add(text)
        i = j
    return out


def _titled_by_apposition(doc: Doc, head_i: int, title_tokens: set[int]) -> bool:
    """True when the name ending at ``head_i`` has a person's title in apposition: "Ana Reyes,
    the foreign minister," / "the foreign minister of Peru, Ana Reyes,"."""
    head = doc[head_i]
    if head.dep_ in ("compound", "nmod", "flat"):
        return False
    if head.dep_ == "appos":  # "the foreign minister of Peru, Ana Reyes,"
        t = title_above(head.head, lambda x: x.i in title_tokens)
        if t is not None and t.i < head_i:
            return True
    for c in head.children:
        if c.dep_ == "appos" and c.i > head_i and c.i in title_tokens and doc[head_i + 1].text == ",":
            return True
    return False


def _extend_given_names(doc: Doc, start: int, title_tokens: set[int]) -> int:
    """Take in capitalised proper nouns the model left out before a person's name ("Aoife" in
    "Taoiseach Aoife Byrne"), stopping at titles, courtesy titles, entities and nationalities."""
    while start > 0:
        tok = doc[start - 1]
        if (tok.i in title_tokens or tok.ent_type_ or not tok.text[:1].isupper() or tok.tag_ != "NNP"
                or tok.text in honorifics() or countries().from_adjective(tok.text)):
            break
        if tok.dep_ not in ("compound", "nmod") or tok.head.i < start:
            break
        start -= 1
        if tok.is_sent_start:
            break  # a given name may open the sentence ("Ana Reyes, the minister, said"), nothing before it
    return start


def _extend_family_name(doc: Doc, end: int, title_tokens: set[int]) -> int:
    """Take in the proper noun the model left out after a person's name when the name's last
    word hangs on it ("Pham Binh" + "Minh": "Binh" is a compound of "Minh"); never a title,
    courtesy title, tagged entity, nationality or the head word of an organisation or place."""
    while end < len(doc):
        last, tok = doc[end - 1], doc[end]
        if last.dep_ not in ("compound", "flat") or last.head.i != end:
            break
        if (tok.i in title_tokens or tok.ent_type_ or tok.tag_ != "NNP" or not tok.text[:1].isupper()
                or not tok.text.isalpha() or not tok.text.istitle() or tok.text in honorifics() or tok.text in name_heads()
                or countries().canonical(tok.text) or countries().from_adjective(tok.text)):
            break
        end += 1
    return end


def _candidates(doc: Doc, skip: list[tuple[int, int]]) -> list[_Candidate]:
    title_tokens, title_starts, title_ends = _title_index(doc)
    out: list[_Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES and ent.label_ != "NORP":
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
        for i in range(start + 1, end):  # "Party of the Democratic Revolution ( PRD": a bracket ends a name
            if doc[i].text in ("(", "["):
                end = i
                break
        for i in range(start + 1, end):  # "Begg - have": a dash ends a name
            if doc[i].text in ("-", "\u2013", "\u2014") and doc[i].whitespace_ and doc[i - 1].whitespace_:
                end = i
                break
        while end > start and doc[end - 1].text in ("QC", "KC", "MP", "MSP", "MEP"):
            end -= 1  # post-nominal letters
        if start >= end:
            continue
        label = ent.label_
        if label in ("ORG", "GPE", "LOC", "FAC") and _titled_by_apposition(doc, end - 1, title_tokens):
            label = "PERSON"  # "Ana Reyes, the foreign minister, ..." with "Reyes" typed ORG
        if label == "PERSON":
            # "Crooked Hillary", "Injecting Clinton": words before a name that are not proper nouns
            while start < end - 1 and doc[start].tag_ not in ("NNP", "NNPS"):
                start += 1
            start = _extend_given_names(doc, start, title_tokens)
            if end == ent.end:
                end = _extend_family_name(doc, end, title_tokens)
        text = clean_name(doc[start:end].text)
        typ, strong = _typed(doc, start, end, label, text, title_ends)
        if label != ent.label_ and typ == "Person":
            strong = True  # the apposition is the evidence
        if typ is None or _is_junk(text):
            continue
        if not strong and not _plausible_name(doc, start, end):
            continue
        out.append(_Candidate(start, end, text, typ, strong))
    # A name right after a title that the model gave another label or none: "Crown Prince Nasser"
    # tagged PRODUCT, "Emir Tamim" untagged. Proper nouns only, up to the head they modify.
    taken = {i for c in out for i in range(c.start, c.end)}
    for start in sorted(title_ends):
        end = start
        while (end < len(doc) and end not in taken and end not in title_tokens and doc[end].tag_ == "NNP"
               and doc[end].ent_type_ in _RELABELLED and doc[end].text[:1].isupper()
               and doc[end].text not in honorifics() and not countries().canonical(doc[end].text)
               and not countries().from_adjective(doc[end].text)):
            end += 1
            if doc[end - 1].dep_ not in ("compound", "nmod", "flat"):
                break  # the head of the name
        if end == start or any(s <= doc[start].idx < e for s, e in skip):
            continue
        if doc[end - 1].dep_ in ("compound", "nmod", "flat") and end in taken:
            # "Sen. Ana Reyes" with only "Reyes" tagged, as an organisation: a one-word name the
            # model typed ORG/GPE, the head of the name, that no lexicon knows, is the surname
            head = next((c for c in out if c.start == end), None)
            if (head is not None and head.end == end + 1 and not head.strong and head.type in ("Organization", "Place")
                    and doc[end].dep_ not in ("compound", "nmod", "flat") and doc[end].tag_ == "NNP"
                    and doc[end].text not in name_heads() and doc[end].text not in organizations()[0]):
                out.remove(head)
                end += 1
        if doc[end - 1].dep_ in ("compound", "nmod", "flat"):
            continue  # the name goes on into words we cannot take ("Cormac" of a hyphenated surname)
        if doc[end - 1].text in name_heads():
            continue  # "National Executive Committee": an organisation's name, not a titled person
        text = clean_name(doc[start:end].text)
        if text and not _is_junk(text):
            out.append(_Candidate(start, end, text, "Person", True))
            taken.update(range(start, end))
    # Country names and known organisations the model missed.
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or any(s <= tok.idx < e for s, e in skip):
            continue
        if tok.ent_type_ in LABEL_TYPES or tok.ent_type_ == "NORP" or tok.pos_ != "PROPN":
            continue
        if countries().canonical(tok.text):
            out.append(_Candidate(tok.i, tok.i + 1, tok.text, "Country", True))
    return sorted(out, key=lambda c: c.start)


_DANGLING = {"of", "the", "and", "for", "to", "in", "on", "at", "a", "an", "&"}


#: Words of a photo credit ("AP Photo/Jane Roe", "REUTERS/Kham/Pool"); a name with a slash and
#: none of these is a name ("New York Times/CBS News").
_CREDIT = re.compile(r"(?i)\b(photo|photos|pool|getty|afp|reuters|epa|ap|file|handout)\b")
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "&", "in", "on", "to", "de", "du", "des", "la", "le"})


def acronym_of(name: str) -> str | None:
    """The initials of a name of two or more words, small words left out, as an acronym is
    written; None for shorter names.

    >>> acronym_of("Liberal Democratic Party"), acronym_of("National Audit Office")
    ('LDP', 'NAO')
    >>> acronym_of("Trades Union Congress"), acronym_of("Institute for Fiscal Studies"), acronym_of("Labour")
    ('TUC', 'IFS', None)
    """
    words = [w for w in name.replace("-", " ").split() if w.casefold() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _is_junk(text: str) -> bool:
    words = text.split()
    return (
        len(text) < 2
        or bool(_JUNK.match(text))
        or text.casefold() in _not_entities()
        or not any(c.isupper() for c in text)
        or words[-1].casefold() in _DANGLING  # cut-off names: "U.S. Department of"
        or (len(words) > 1 and words[-1].isdigit())  # "Obama's 2008"
        or ("/" in text and bool(_CREDIT.search(text)))  # photo credits: "AP Photo/Jane Roe", "REUTERS/Kham/Pool"
    )


def _vote_types(cands: list[_Candidate]) -> dict[str, str]:
    """One type per surface form in a document: lexicon and title evidence outweigh the model."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        votes[c.text][c.type] += 5 if c.strong else 1
    return {t: v.most_common(1)[0][0] for t, v in votes.items()}


def find_actors(doc: Doc, *, skip: list[tuple[int, int]] | None = None) -> DocActors:
    """Find, clean, type and resolve the actors of a Doc.

    ``skip`` lists character ranges (non-narrative lines) in which no mention is taken.
    """
    cands = _candidates(doc, skip or [])
    types = _vote_types(cands)
    org_names, org_aliases = organizations()
    # "Vince Cable" tagged ORG once, "Mr Cable" elsewhere: a name ending in the surname of a person
    # known by a courtesy or job title is that person.
    cued_surnames = {c.text.split()[-1] for c in cands if c.strong and types[c.text] == "Person"}
    for c in cands:
        words = c.text.split()
        if (not c.strong and types[c.text] != "Person" and 1 < len(words) <= 4
                and words[-1] in cued_surnames and all(w[:1].isupper() for w in words)):
            types[c.text] = "Person"

    # Full names of persons: multi-word Person mentions, indexed so that each lookup below costs
    # the same however many names the document holds (a list of thousands of names stays linear).
    persons_full = [t for t, ty in types.items() if ty == "Person" and len(t.split()) > 1]
    full_set = set(persons_full)
    surname_to_full: dict[str, set] = defaultdict(set)
    by_first_last: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    by_suffix: dict[str, list[str]] = defaultdict(list)  # "Abdel Salam" -> ["Hany Abdel Salam"]
    for full in persons_full:
        fw = full.split()
        surname_to_full[fw[-1]].add(full)
        by_first_last[fw[0], fw[-1]].append(full)
        by_first[fw[0]].append(full)
        for i, ch in enumerate(full):
            if ch == " ":
                by_suffix[full[i + 1:]].append(full)

    def person_for(text: str) -> str | None:
        words = text.split()
        if not words:
            return None
        if text in full_set:
            longer = [f for f in by_first_last.get((words[0], words[-1]), ()) if len(f.split()) > len(words)]
            if not longer:  # "Abdel Salam" after "Hany Abdel Salam": the last words of one longer name
                longer = by_suffix.get(text, [])
            return longer[0] if len(longer) == 1 else text  # "Jamil Jaffer" -> "Jamil N. Jaffer"
        cands_ = surname_to_full.get(words[-1])
        if not cands_:
            if len(words) == 1:
                # a family name written first ("Lee" after "Lee Soo-jin", "Xi" after "Xi
                # Jinping"): the one full name that starts with the word, none ending with it
                led = by_first.get(words[0], [])
                return led[0] if len(led) == 1 else None
            return None
        first = words[0] if len(words) > 1 else None
        fits = sorted({person_for(f) or f for f in cands_ if first is None or f.split()[0] == first})
        # "Trump" after "Donald Trump" and "Donald J. Trump": one person written two ways
        if not fits and len(words) > 1:  # "Abdel Salam" after "Hany Abdel Salam": the last words
            fits = sorted(f for f in cands_ if len(f.split()) > len(words) and f.endswith(" " + text))
        return fits[0] if len(fits) == 1 else None

    # Organisations: a name that ends another organisation's longer name is the same organisation
    # ("State Department" in "U.S. State Department").
    orgs = sorted({t for t, ty in types.items() if ty == "Organization"}, key=len, reverse=True)
    org_by_suffix: dict[str, str] = {}  # the first (longest) organisation name ending in each word suffix
    org_by_acronym: dict[str, set] = defaultdict(set)  # "LDP" -> {"Liberal Democratic Party"}
    for longer in orgs:
        if (initials := acronym_of(longer)) is not None:
            org_by_acronym[initials].add(org_names.get(longer, longer))
        for i, ch in enumerate(longer):
            if ch == " ":
                org_by_suffix.setdefault(longer[i + 1:], longer)

    def org_for(text: str) -> str:
        if text in org_names:
            return org_names[text]
        longer = org_by_suffix.get(text)
        if longer is not None and longer != text and not countries().canonical(text):
            return org_names.get(longer, longer)
        expansions = org_by_acronym.get(text.replace(".", ""), set())
        if len(expansions) == 1 and not countries().canonical(text):
            return next(iter(expansions))  # "LDP" after "Liberal Democratic Party"
        return text

    # A lone one-word "person" with no full name in the document, no courtesy or job title and a
    # single model vote is more often a mis-tagged word ("Library", "Manchester") than a person.
    person_votes = Counter(c.text for c in cands if types[c.text] == "Person")
    cued = {c.text for c in cands if c.strong and types[c.text] == "Person"}

    def lone_person(text: str) -> bool:
        return (len(text.split()) == 1 and person_for(text) is None and text not in cued
                and person_votes[text] < 2)

    entities: dict[str, Entity] = {}
    aliases: dict[str, set] = defaultdict(set)
    mentions = []
    for c in cands:
        typ, text = types[c.text], c.text
        if typ == "Person" and lone_person(text):
            continue
        if typ == "Country":
            name = countries().canonical(text) or text
        else:
            strong_other = c.strong and typ != "Person"
            full = None if strong_other else person_for(text)
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
        mentions.append(ActorMention(c.start, c.end, key, doc[c.start:c.end].text))
    mentions = sorted(mentions + _untagged_short_names(doc, entities, mentions, skip, aliases),
                      key=lambda m: m.start)
    for key, e in entities.items():
        known = ()
        if e.type == "Country":
            known = countries().aliases.get(e.name, ())
        elif e.type == "Organization":
            known = org_aliases.get(e.name, ())
        al = (aliases.get(key, set()) | set(known)) - {e.name}
        entities[key] = Entity(key=e.key, type=e.type, name=e.name, aliases=tuple(sorted(al)))
    return DocActors(entities=entities, mentions=mentions)
