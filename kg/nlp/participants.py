"""Who takes part in a meeting or call: the record of one interaction and the parse helpers the
meeting and call rules share (clause subjects, "with" partners, "between" lists, unnamed
counterparts, remote media)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .context import Context, SUBJECT_DEPS
from .lexicon import countries
from .vocab import vocab

__all__ = ["Interaction", "PARTICIPANT_TYPES", "clause_subjects", "clause_subject_above", "with_objects",
           "direct_objects", "between", "make", "by_phone", "is_call_noun", "persons", "is_verb"]

#: Actor types that can take part in a meeting or call.
PARTICIPANT_TYPES = ("Person", "Organization", "Country")


@dataclass(frozen=True)
class Interaction:
    """One meeting or call found in a sentence: who, which rule, which trigger token."""

    kind: str  # "metWith" | "spokeWith"
    sides: tuple[tuple[str, ...], tuple[str, ...]]  # (A side, B side); B empty = all pairs of A
    rule: str
    trigger: int  # token index of the trigger
    status: str
    sentence_start: int  # token index of the sentence start


def is_verb(tok: Token) -> bool:
    """A verb by part of speech or by tag (the tagger's word class wins over the parser's)."""
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def persons(ctx: Context, keys: list[str]) -> list[str]:
    """The keys that are persons."""
    return [k for k in keys if ctx.actors.type_of(k) == "Person"]


def make(kind: str, a, b, rule: str, tok: Token, status: str) -> Interaction | None:
    """An interaction of sides ``a`` and ``b`` (``b`` empty: all pairs of ``a``), or ``None``
    when fewer than two actors take part."""
    a = tuple(dict.fromkeys(a))
    b = tuple(k for k in dict.fromkeys(b) if k not in a)
    if (b and a) or len(a) >= 2:
        return Interaction(kind, (a, b), rule, tok.i, status, tok.sent.start)
    return None


def clause_subjects(ctx: Context, verb: Token) -> list[str]:
    """The actors that are the subject of ``verb``'s clause: its own subject, else the subject of
    the verb it is coordinated with or completes, a name the tagger took for an adverb, the speaker
    of a quoted subjectless clause, or the noun a relative clause modifies."""
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subs and verb.dep_ == "conj":  # "X arrived and met Y": subject of the first verb
        subs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if not subs and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        if verb.dep_ == "xcomp":
            verb = verb.head  # "who seemed to strike up ...": the relative clause below
    if not subs and (named := ctx.person_adverbs(verb, before=True)):
        return named  # "Connolly joined ...": a name the tagger took for an adverb
    if not subs and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in vocab().words("reporting_verbs"):
        # "“Had a good call with Y,” X tweeted": a quoted clause without subject is the speaker's
        subs = [c for c in verb.head.children if c.dep_ in ("nsubj",)]
    relative = vocab().words("relative_subject_pronouns")
    if verb.dep_ == "relcl" and any(s.tag_ in ("WP", "WDT") or s.lower_ in relative for s in subs):
        # "Ana Reyes and Carl Holt, who met in 2019, ...": the relative pronoun stands for the
        # noun the clause modifies, with everything coordinated with it
        subs = [verb.head]
    keys: list[str] = []
    for s in subs:
        keys.extend(ctx.actors_of(s, types=PARTICIPANT_TYPES, groups=True))
    return list(dict.fromkeys(keys))


def clause_subject_above(ctx: Context, verb: Token) -> list[str]:
    """The persons subject of the first clause above a subjectless one ("X resisted it, a point
    of tension exposed in a meeting with Y": X); nothing when that clause's subject is no person."""
    node = verb
    while node.head.i != node.i:
        node = node.head
        subs = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if node.pos_ in ("VERB", "AUX") and subs:
            keys = [k for c in subs for k in ctx.actors_of(c, pronouns=False)]
            return persons(ctx, keys) if len(keys) == 1 else []
    return []


def with_objects(ctx: Context, head: Token, preps: frozenset[str] | None = None) -> list[str]:
    """The partners of ``head`` in its "with" phrases (or the prepositions ``preps``), named or
    unnamed counterparts of a country or body."""
    preps = vocab().words("with_prepositions") if preps is None else preps
    keys: list[str] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.extend(ctx.actors_of(p, types=PARTICIPANT_TYPES) or counterpart_body(ctx, p))
    return keys


def counterpart_body(ctx: Context, tok: Token) -> list[str]:
    """The country or organisation unnamed counterparts stand for: "talks with Taiwanese
    ministers" (Taiwan), "with finance ministers of the G8" (the G8), "with EU officials"; never
    "other NATO leaders" (peers of the subject) or a named person's body."""
    if not (tok.lower_ in vocab().words("counterpart_nouns") or (tok.tag_ in ("NNS", "NNPS") and ctx.is_title(tok))):
        return []
    if ctx.peers(tok):
        return []
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            country = countries().from_adjective(c.text)
            if country:
                return [f"Country:{country}"]
            k = ctx.actor(c)
            if k and ctx.actors.type_of(k) in ("Organization", "Country"):
                return [k]
        if c.dep_ == "prep" and c.lower_ in vocab().words("origin_prepositions"):
            bodies = [k for p in c.children if p.dep_ == "pobj"
                      for k in ctx.actors_of(p, types=("Organization", "Country"), pronouns=False)]
            if bodies:  # "representatives of the United States, Britain and Poland"
                return bodies
    return []


def direct_objects(ctx: Context, verb: Token) -> list[str]:
    """The actors of the verb's direct objects."""
    keys: list[str] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            keys.extend(ctx.actors_of(c, types=PARTICIPANT_TYPES))
    return keys


def between(ctx: Context, noun: Token) -> list[str]:
    """The actors of "between X and Y" / "among X, Y and Z" on ``noun``."""
    keys: list[str] = []
    preps = vocab().words("between_prepositions")
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.extend(ctx.actors_of(p, types=PARTICIPANT_TYPES))
    return list(dict.fromkeys(keys))


def by_phone(verb: Token) -> bool:
    """"spoke by phone", "spoke on the telephone", "spoke by video link"."""
    v = vocab()
    media, words = v.words("remote_media"), v.words("remote_words")
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in v.words("remote_prepositions"):
            if any(g.lower_ in media or any(h.lower_ in words for h in g.children) for g in c.children):
                return True
    return False


def is_call_noun(tok: Token) -> bool:
    """"call" or "conversation" as a phone or video call ("a phone call", "a telephone conversation")."""
    if tok.lemma_.lower() not in vocab().words("call_nouns"):
        return False
    modifiers = vocab().words("call_noun_modifiers")
    return any(c.lower_ in modifiers for c in tok.children if c.i < tok.i)
