"""Meeting rules (kind ``meetings``): one registered function per rule name, each given a token and
returning the interactions it finds there (``None`` when the token is not its trigger).

The triggers of two rules never overlap, so the order in which :mod:`kg.nlp.relations` asks them
does not matter. The trigger words are in ``patterns/relation_triggers.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .context import Context
from .participants import (
    PARTICIPANT_TYPES, between, by_phone, clause_subject_above, clause_subjects, direct_objects, is_call_noun,
    is_verb, make, persons, with_objects,
)
from .rules import rule
from .vocab import vocab

__all__ = ["meet_verb", "gather", "meet_with_verb", "visit", "join_activity", "host", "hold_talks", "call_on",
           "meeting_noun"]


def _words(key: str) -> frozenset[str]:
    return vocab().words(key)


@rule("meet-verb", "meetings", words=("meet_verbs",), variants=("meet-verb-gapped",), confidence="interaction")
def meet_verb(ctx: Context, tok: Token):
    """"X met (with) Y", "X and Y met", "X conferred with Y"; "met Y in A and then Z in B" gives a second meeting (meet-verb-gapped)."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("meet_verbs")):
        return None
    status = ctx.modality(tok)
    objs = direct_objects(ctx, tok) + with_objects(ctx, tok)
    subs = clause_subjects(ctx, tok)
    found = [make("metWith", subs, objs, "meet-verb", tok, status)]
    if objs:
        for gap in (c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")):
            others = [k for k in ctx.actors_of(gap, types=PARTICIPANT_TYPES) if k not in objs]
            found.append(make("metWith", subs, others, "meet-verb-gapped", gap, status))
    return found


@rule("gather", "meetings", words=("gather_verbs",), confidence="interaction")
def gather(ctx: Context, tok: Token):
    """"X, Y and Z gathered": all pairs of the subjects ("gathered evidence" is no meeting)."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("gather_verbs")):
        return None
    if any(c.dep_ in ("dobj", "obj") for c in tok.children):
        return []
    return [make("metWith", clause_subjects(ctx, tok), [], "gather", tok, ctx.modality(tok))]


@rule("meet-with-verb", "meetings", words=("meet_with_verbs", "meet_with_particles"), confidence="interaction")
def meet_with_verb(ctx: Context, tok: Token):
    """"X negotiated with Y", "X sat down with Y": a meeting only with a "with" partner."""
    lemma = tok.lemma_.lower()
    if not (is_verb(tok) and lemma in _words("meet_with_verbs")):
        return None
    objs = with_objects(ctx, tok) + [k for c in tok.children if c.dep_ == "prt" for k in with_objects(ctx, c)]
    needed = vocab().table("meet_with_particles").get(lemma)
    if needed and not any(c.dep_ == "prt" and c.lower_ in needed for c in tok.children):
        return []  # "Lady Hale, sitting with Lords X and Y, said": a bench, not a meeting
    if not objs:
        return []
    return [make("metWith", clause_subjects(ctx, tok), objs, "meet-with-verb", tok, ctx.modality(tok))]


def _where_follows(obj: Token) -> bool:
    """True when ", where ..." follows the noun phrase: a place, whatever the recogniser said."""
    doc, where = obj.doc, _words("place_relative_words")
    if any(c.dep_ == "relcl" and any(w.lower_ in where for w in c.subtree) for c in obj.children):
        return True
    return obj.i + 2 < len(doc) and doc[obj.i + 1].text == "," and doc[obj.i + 2].lower_ in where


@rule("visit", "meetings", words=("visit_verbs", "place_relative_words"), confidence="interaction")
def visit(ctx: Context, tok: Token):
    """"X visited Y": a meeting with the person visited (a visited place is none, nor "visit Leicester South, where ...")."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("visit_verbs")):
        return None
    objs = persons(ctx, [k for c in tok.children if c.dep_ in ("dobj", "obj") and not _where_follows(c)
                         for k in ctx.actors_of(c, types=PARTICIPANT_TYPES)])
    if not objs:
        return []
    return [make("metWith", persons(ctx, clause_subjects(ctx, tok)), objs, "visit", tok, ctx.modality(tok))]


def _joint_activity(verb: Token) -> bool:
    """"joined Y on the campaign trail", "in a tour of ...", "for a visit": a joint activity."""
    preps, nouns = _words("joint_activity_prepositions"), _words("joint_activity_nouns")
    return any(c.dep_ == "prep" and c.lower_ in preps and any(
        p.dep_ == "pobj" and p.lemma_.lower() in nouns for p in c.children) for c in verb.children)


@rule("join-activity", "meetings", words=("join_verbs", "joint_activity_nouns", "joint_activity_prepositions"), confidence="interaction")
def join_activity(ctx: Context, tok: Token):
    """"X joined Y on the campaign trail", "X accompanied Y on a visit": together in person ("joined Y in criticising" is not)."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("join_verbs") and _joint_activity(tok)):
        return None
    objs = persons(ctx, direct_objects(ctx, tok) + ctx.person_adverbs(tok, before=False))
    subs = persons(ctx, clause_subjects(ctx, tok))
    if tok.dep_ == "acl":  # "X, accompanied by Y, ...": X is the noun the participle modifies
        subs = persons(ctx, ctx.actors_of(tok.head))
    if tok.dep_ == "acl" or any(c.dep_ == "auxpass" for c in tok.children):  # passive: the agent
        objs = persons(ctx, [k for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                             for k in ctx.actors_of(p)])
    if not objs:
        return []
    return [make("metWith", subs, objs, "join-activity", tok, ctx.modality(tok))]


def call_object(tok: Token) -> Token | None:
    """The call a verb of receiving takes ("received a call from Y"), or ``None``."""
    if tok.lemma_.lower() not in _words("call_receive_verbs"):
        return None
    return next((c for c in tok.children if c.dep_ in ("dobj", "obj")
                 and (c.lemma_.lower() in _words("bare_call_nouns") or is_call_noun(c))), None)


@rule("host", "meetings", words=("host_verbs",), confidence="interaction")
def host(ctx: Context, tok: Token):
    """"X hosted/received/welcomed Y", a person ("X and Y hosted a dinner" is no meeting of X and Y)."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("host_verbs") and call_object(tok) is None):
        return None
    subs = clause_subjects(ctx, tok)
    objs = persons(ctx, direct_objects(ctx, tok))
    if not (objs and persons(ctx, subs)):
        return []
    return [make("metWith", subs, objs, "host", tok, ctx.modality(tok))]


def _remote(tok: Token, noun: Token) -> bool:
    """Talks held by phone or video ("phone talks", "held talks by video link")."""
    return (any(w.lower_ in _words("remote_words") for w in noun.lefts) or noun.lower_ in _words("remote_nouns")
            or by_phone(tok) or by_phone(noun))


@rule("hold-talks", "meetings", words=("meet_hold_verbs", "meet_hold_objects", "remote_words", "remote_nouns"), confidence="interaction")
def hold_talks(ctx: Context, tok: Token):
    """"X held talks/a meeting with Y"; "held talks between X and Y" (meeting-between); talks by phone or video are a call (spokeWith)."""
    if not (is_verb(tok) and tok.lemma_.lower() in _words("meet_hold_verbs")):
        return None
    found, status = [], ctx.modality(tok)
    for c in tok.children:
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _words("meet_hold_objects"):
            kind = "spokeWith" if _remote(tok, c) else "metWith"
            among = between(ctx, c)
            if among:
                found.append(make(kind, among, [], "meeting-between", tok, status))
            else:
                objs = with_objects(ctx, tok) + with_objects(ctx, c)
                found.append(make(kind, clause_subjects(ctx, tok), objs, "hold-talks", tok, status))
    return found


def is_call_on(tok: Token) -> bool:
    """"X called on Y" (not "called on Y to resign")."""
    particles = vocab().table("visit_phrasal_verbs").get(tok.lemma_.lower())
    return bool(particles) and any(c.dep_ == "prep" and c.lower_ in particles for c in tok.children) and not any(
        c.dep_ in ("xcomp", "ccomp", "advcl") for c in tok.subtree if c.i != tok.i)


@rule("call-on", "meetings", words=("visit_phrasal_verbs",), confidence="interaction")
def call_on(ctx: Context, tok: Token):
    """"X called on Y at his hotel": a visit ("called on Y to resign" is a demand)."""
    if not (is_verb(tok) and is_call_on(tok)):
        return None
    particles = vocab().table("visit_phrasal_verbs")[tok.lemma_.lower()]
    objs = persons(ctx, with_objects(ctx, tok, particles))
    if not objs:
        return []
    return [make("metWith", persons(ctx, clause_subjects(ctx, tok)), objs, "call-on", tok, ctx.modality(tok))]


def _noun_status(ctx: Context, tok: Token) -> str:
    status = "asserted"
    if tok.head.pos_ == "VERB":
        status = ctx.modality(tok.head)
        if tok.head.lemma_.lower() in _words("plan_verbs"):
            status = "planned"
    head = tok.head
    if tok.dep_ == "pobj" and (head.lower_ in _words("before_prepositions") or (
            head.lower_ in _words("possessive_prepositions") and head.head.lower_ in _words("ahead_words"))):
        status = "planned"  # "ahead of the talks between X and Y"
    return status


@rule("meeting-between", "meetings", words=("meeting_nouns", "call_nouns", "plan_verbs", "during_prepositions",
                                         "before_prepositions", "ahead_words", "possessive_prepositions"),
      variants=("call-between", "during-meeting", "during-call"), confidence="interaction")
def meeting_noun(ctx: Context, tok: Token):
    """"a meeting/talks between X and Y" (also "held talks between"; call-between by phone); "In a phone call with Y, X said" (during-meeting, during-call)."""
    lemma = tok.lemma_.lower()
    if is_verb(tok) or not (tok.pos_ == "NOUN" and tok.head.lemma_.lower() not in _words("meet_hold_verbs") and (
            lemma in _words("meeting_nouns") or tok.lower_ in _words("meeting_nouns") or is_call_noun(tok))):
        return None
    kind = "spokeWith" if is_call_noun(tok) else "metWith"
    among = between(ctx, tok)
    if among:
        return [make(kind, among, [], "meeting-between" if kind == "metWith" else "call-between", tok,
                     _noun_status(ctx, tok))]
    during = "during-" + ("call" if kind == "spokeWith" else "meeting")
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in _words("during_prepositions") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return []
    others = with_objects(ctx, tok)
    if others:  # "During talks with Y, X ...": the governing verb's subject took part with Y
        subs = clause_subjects(ctx, verb) or clause_subject_above(ctx, verb)
        return [make(kind, subs, others, during, tok, ctx.modality(verb))]
    if any(c.dep_ == "prep" and c.lower_ in _words("possessive_prepositions") for c in tok.children):
        return []  # "a meeting of the cabinet" is some body's meeting
    # "X and her counterpart Y signed the deal after a meeting": the coordinated persons met
    subs = persons(ctx, clause_subjects(ctx, verb))
    return [make(kind, subs, [], during, tok, ctx.modality(verb))] if len(subs) >= 2 else []
