"""Call rules (kind ``calls``): phone and video calls and conversations, ``spokeWith``.

Like the meeting rules, each is given a token and returns the interactions it finds there
(``None`` when the token is not its trigger); trigger words are in ``patterns/relation_triggers.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .context import Context
from .meetings import call_object, is_call_on
from .participants import by_phone, clause_subjects, direct_objects, is_verb, make, persons, with_objects
from .rules import rule
from .vocab import vocab

__all__ = ["call", "speak_with"]


def _words(key: str) -> frozenset[str]:
    return vocab().words(key)


def _quote_after_object(verb: Token) -> bool:
    """True when a quotation mark opens right after the verb's direct object ("called Y
    \u201ctwo-faced\u201d", "called Y 'a liar'"): the words quoted are what Y was called."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            nxt = c.right_edge.i + 1
            if nxt < len(doc) and (doc[nxt].tag_ == "``" or doc[nxt].text in ('"', "\u201c", "\u2018", "'")):
                return True
    return False


def _names_or_summons(tok: Token) -> bool:
    """"called Y a liar", "called Y to testify" (unless to discuss, to congratulate ...)."""
    naming = tok.lemma_.lower() in _words("naming_verbs")
    return any(c.dep_ in ("oprd", "attr") or (c.dep_ == "xcomp" and naming and c.lemma_ not in _words("call_purpose_verbs"))
               for c in tok.children)


def _phone_call(ctx: Context, tok: Token):
    """"X called/phoned/telephoned Y"."""
    objs = persons(ctx, direct_objects(ctx, tok))
    subs = persons(ctx, clause_subjects(ctx, tok))
    if objs and tok.lemma_.lower() in _words("naming_verbs") and _quote_after_object(tok):
        return []  # "X called Y "two-faced"": a name for Y, even when the parse cut the sentence there
    if not objs:  # "X and Y called for ..." is not a call between them
        return []
    return [make("spokeWith", subs, objs, "call", tok, ctx.modality(tok))]


def _held_calls(ctx: Context, tok: Token):
    """"X had a call/conversation with Y"."""
    status = ctx.modality(tok)
    return [make("spokeWith", clause_subjects(ctx, tok), with_objects(ctx, tok) + with_objects(ctx, c), "call", tok, status)
            for c in tok.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _words("call_nouns")]


@rule("call", "calls", words=("call_verbs", "naming_verbs", "call_purpose_verbs", "call_receive_verbs",
                              "bare_call_nouns", "call_nouns", "call_noun_modifiers", "call_source_prepositions"),
      confidence="interaction")
def call(ctx: Context, tok: Token):
    """"X called/phoned Y", "X received a call from Y", "X had a phone conversation with Y" ("called Y a liar", "called Y to testify" are no calls)."""
    if not is_verb(tok):
        return None
    lemma = tok.lemma_.lower()
    if lemma in _words("meet_hold_verbs"):
        return _held_calls(ctx, tok)
    received = call_object(tok)
    if received is not None:  # "X received a call from Y"
        source = _words("call_source_prepositions")
        objs = with_objects(ctx, received, source) + with_objects(ctx, tok, source)
        return [make("spokeWith", clause_subjects(ctx, tok), objs, "call", tok, ctx.modality(tok))]
    if lemma not in _words("call_verbs") or is_call_on(tok) or _names_or_summons(tok):
        return None
    return _phone_call(ctx, tok)


@rule("speak-with", "calls", words=("speak_verbs", "speak_prepositions", "remote_prepositions"), confidence="interaction")
def speak_with(ctx: Context, tok: Token):
    """"X spoke with/to Y", "X and Y spoke by phone" ("speaking to the BBC's Westminster Hour" is an interview)."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("speak_verbs")):
        return None
    preps = _words("speak_prepositions")
    objs = with_objects(ctx, tok, preps)
    if not objs and by_phone(tok):  # "spoke by telephone with Y": the parse hangs "with" on the phone
        objs = [k for c in tok.children if c.dep_ == "prep" and c.lower_ in _words("remote_prepositions")
                for g in c.children for k in with_objects(ctx, g, preps)]
    objs = [k for k in persons(ctx, objs) if not _media_owned(ctx, tok, k)]
    # "X and Y spoke" is a conversation only "by phone"; otherwise they may have addressed others
    if not (objs or by_phone(tok)):
        return []
    return [make("spokeWith", clause_subjects(ctx, tok), objs, "speak-with", tok, ctx.modality(tok))]


def _media_owned(ctx: Context, verb: Token, key: str) -> bool:
    """True when the verb's partner ``key`` is named with an organisation's possessive ("speaking
    to the BBC's Westminster Hour"): a programme or a reporter of an outlet, an interview."""
    for c in verb.children:
        for p in (p for p in c.children if c.dep_ == "prep" and p.dep_ == "pobj"):
            if ctx.actor(p) == key and any(
                    d.dep_ == "poss" and (o := ctx.actor(d)) and ctx.actors.type_of(o) == "Organization" for d in p.children):
                return True
    return False
