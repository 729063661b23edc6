"""Which actor a capitalised name that speaks is, when the actor rules did not mark it there: a
name, alias or surname of an actor of the document, or a person the recogniser tagged (or a
courtesy title names) whom the actor rules left out, proposed as a new person."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Entity
from ..actors import clean_name, entity_key
from ..lexicon import honorifics
from ..names import surname_of
from .document import Memory, QuoteDocument

__all__ = ["by_name", "unlisted_person"]


def by_name(d: QuoteDocument, mem: Memory, np: Token) -> str | None:
    """A capitalised subject the entity recogniser missed that is the name or an alias of an
    actor of the document, else a person's surname or the first word(s) of an organisation's
    name ("Okoro said" after "Ada Okoro"); see :func:`_likeliest` for ties."""
    if not np.text[:1].isupper() or np.pos_ == "PRON":
        return None
    parts = [c for c in np.children if c.dep_ == "compound" and c.i < np.i and c.text[:1].isupper()] + [np]
    name = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    exact, partial = [], []
    for e in mem.entities():
        if name in (e.name, *e.aliases):
            exact.append(e.key)
        elif ((e.type == "Person" and surname_of(e.name) == name)
              or (e.type == "Organization" and e.name.startswith(name + " ") and np.pos_ == "PROPN")):
            partial.append(e.key)
    return _likeliest(d, mem, exact or partial)


def unlisted_person(d: QuoteDocument, mem: Memory, np: Token) -> str | None:
    """A person the entity recogniser tagged but the actor rules left out (a lone surname
    mentioned once: "Okoro admitted that ..."), or did not tag after a courtesy title ("Mr
    Okoro told ..."): as the one who speaks, it is an actor. The name (the model's PERSON
    span around ``np``, or the titled name, or a name in apposition to a title), cleaned, is
    proposed as a Person of the document."""
    if np.pos_ != "PROPN" or np.i in d.quoted:
        return None
    if np.ent_type_ == "PERSON":
        span = next((e for e in d.doc.ents if e.start <= np.i < e.end), None)
    else:  # "Mr Okoro said": a name after a courtesy title the recogniser did not tag
        span = _after_honorific(d, np) or _titled_by_apposition(d, np) or _name_of_title(d, np)
    if span is None or any(d.ctx.actors.at(i) for i in range(span.start, span.end)):
        return None
    if any(s <= span.start_char < e for s, e in d.ctx.skip):
        return None
    name = clean_name(span.text)
    words = name.split()
    if not words or not all(w[:1].isupper() for w in words) or not any(c.isalpha() for c in name):
        return None
    for e in mem.entities():  # a surname or alias of a known person
        if e.type == "Person" and (name in e.aliases or (len(words) == 1 and (surname_of(e.name) or e.name) == name)):
            return e.key
    key = entity_key("Person", name)
    if not mem.known(key):
        mem.proposed[key] = Entity(key=key, type="Person", name=name)
    return key


def _after_honorific(d: QuoteDocument, np: Token) -> Span | None:
    """The span "Mr Okoro" of an untagged capitalised name whose words right before it
    (its compounds) start with a courtesy title; else ``None``."""
    if np.ent_type_:
        return None
    doc = d.doc
    start = np.i
    while start > 0 and doc[start - 1].head.i == np.i and doc[start - 1].dep_ == "compound":
        start -= 1
    if start == np.i or doc[start].text not in honorifics():
        return None
    if not all(t.text[:1].isupper() and not t.ent_type_ for t in doc[start:np.i + 1]):
        return None
    return doc[start:np.i + 1]


def _titled_by_apposition(d: QuoteDocument, np: Token) -> Span | None:
    """The span "Gi-Wook Shin" of an untagged capitalised name followed by a person's title in
    apposition (said Gi-Wook Shin, director of ...); else ``None``."""
    if np.ent_type_ or not any(c.dep_ == "appos" and d.ctx.is_title(c) for c in np.children):
        return None
    doc = d.doc
    start = np.i
    while start > 0 and doc[start - 1].head.i == np.i and doc[start - 1].dep_ in ("compound", "flat"):
        start -= 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2  # "Gi-Wook Shin": a hyphenated given name
    if not all(t.text[:1].isupper() and not t.ent_type_ and t.pos_ == "PROPN"
               for t in doc[start:np.i + 1] if t.text != "-"):
        return None
    return doc[start:np.i + 1]


def _name_of_title(d: QuoteDocument, np: Token) -> Span | None:
    """The span "Theresa May" of an untagged capitalised name of two words or more in apposition
    to a person's title ("The Shadow Secretary for the Family, Theresa May, said"); else ``None``."""
    if np.ent_type_ or np.dep_ != "appos" or not d.ctx.is_title(np.head):
        return None
    doc = d.doc
    start = np.i
    while start > 0 and doc[start - 1].head.i == np.i and doc[start - 1].dep_ in ("compound", "flat"):
        start -= 1
    if start == np.i or not all(t.text[:1].isupper() and not t.ent_type_ and t.pos_ == "PROPN"
                                for t in doc[start:np.i + 1]):
        return None
    return doc[start:np.i + 1]


def _likeliest(d: QuoteDocument, mem: Memory, keys: list[str]) -> str | None:
    """One of several candidate actors: the only person among them, else the one mentioned
    most often (when it is mentioned more often than any other)."""
    if len(keys) <= 1:
        return keys[0] if keys else None
    persons = [k for k in keys if mem.type_of(k) == "Person"]
    if len(persons) == 1:
        return persons[0]
    keys = persons or keys
    counts = d.mention_counts
    # Variants of one name ("Loretta E. Lynch", "Loretta Lynch") count together.
    groups: dict[tuple, list[str]] = {}
    for k in keys:
        words = mem.entity(k).name.split()
        groups.setdefault((words[0], words[-1]), []).append(k)
    ranked = sorted(groups.values(), key=lambda g: -sum(counts[k] for k in g))
    if len(ranked) == 1 or sum(counts[k] for k in ranked[0]) > sum(counts[k] for k in ranked[1]):
        return max(ranked[0], key=lambda k: counts[k])
    return None
