"""Actor relations from the dependency parse: metWith, spokeWith and their meeting/call events.

Rules (each named in the evidence it produces):

``meet-verb``
    "X met (with) Y", "X and Y met", "X conferred with Y": subjects x objects, or all pairs of
    coordinated subjects when there is no object.
``meet-with-verb``
    "X negotiated with Y", "X sat down with Y": a meeting only with a "with" partner.
``hold-talks``
    "X held talks/a meeting with Y".
``host``
    "X hosted/received Y".
``visit`` / ``call-on``
    "X visited Y", "X called on Y at his hotel" (a person; a visited place is no meeting, "called
    on Y to resign" is a demand).
``meeting-between``
    "a meeting/talks between X and Y".
``gather``
    "X, Y and Z gathered/convened": all pairs.
``speak-with`` / ``call``
    "X spoke with/to Y", "X called Y", "X telephoned Y to discuss ...", "X received a call from Y",
    "a phone call between/with ...", "held talks with Y by video link": spokeWith ("X called Y a liar", "X called Y to testify" are no calls).

Coordinated subjects and objects expand to all pairs. Pronoun subjects resolve through
:meth:`Context.resolve_pronoun`; group subjects ("the two leaders met", "both sides held talks",
"the pair spoke by phone") through :meth:`Context.resolve_group`, to exactly two actors of the
preceding text or to nothing. The evidence is always the sentence of the trigger. Modal, infinitive and negated triggers ("will meet", "refused
to meet", "did not meet") give relations with status ``planned`` or ``negated``, never a past
metWith.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Token

from ..records import Relation
from .context import Context, SUBJECT_DEPS, triggers

__all__ = ["Interaction", "find_interactions", "interaction_relations", "PARTICIPANT_TYPES"]

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


def _subjects(ctx: Context, verb: Token) -> list[str]:
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subs and verb.dep_ == "conj":  # "X arrived and met Y": subject of the first verb
        subs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if not subs and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if verb.dep_ == "relcl" and any(s.tag_ in ("WP", "WDT") or s.lower_ in ("who", "that", "which") for s in subs):
        # "Ana Reyes and Carl Holt, who met in 2019, ...": the relative pronoun stands for the
        # noun the clause modifies, with everything coordinated with it
        subs = [verb.head]
    keys: list[str] = []
    for s in subs:
        keys.extend(ctx.actors_of(s, types=PARTICIPANT_TYPES, groups=True))
    return list(dict.fromkeys(keys))


def _with_objects(ctx: Context, head: Token, preps: tuple[str, ...] = ("with",)) -> list[str]:
    keys: list[str] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.extend(ctx.actors_of(p, types=PARTICIPANT_TYPES))
    return keys


def _direct_objects(ctx: Context, verb: Token) -> list[str]:
    keys: list[str] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            keys.extend(ctx.actors_of(c, types=PARTICIPANT_TYPES))
    return keys


def _between(ctx: Context, noun: Token) -> list[str]:
    keys: list[str] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among", "amongst"):
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.extend(ctx.actors_of(p, types=PARTICIPANT_TYPES))
    return list(dict.fromkeys(keys))


def find_interactions(ctx: Context) -> list[Interaction]:
    """All meetings and calls of the narrative sentences of a document."""
    tr = triggers()
    out: list[Interaction] = []
    for sent in ctx.sents:
        if not ctx.narrative(sent):
            continue
        for tok in sent:
            out.extend(_at_token(ctx, tok, tr))
    return out


def _make(kind, a, b, rule, tok, status) -> Interaction | None:
    a = tuple(dict.fromkeys(a))
    b = tuple(k for k in dict.fromkeys(b) if k not in a)
    if (b and a) or len(a) >= 2:
        return Interaction(kind, (a, b), rule, tok.i, status, tok.sent.start)
    return None


def _at_token(ctx: Context, tok: Token, tr: dict) -> list[Interaction]:
    found = []
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        status = ctx.modality(tok)
        if lemma in tr["meet_verbs"] and lemma != "gather":
            objs = _direct_objects(ctx, tok) + _with_objects(ctx, tok)
            subs = _subjects(ctx, tok)
            found.append(_make("metWith", subs, objs, "meet-verb", tok, status))
        elif lemma in ("gather", "convene") and not any(c.dep_ in ("dobj", "obj") for c in tok.children):
            found.append(_make("metWith", _subjects(ctx, tok), [], "gather", tok, status))
        elif lemma in tr["meet_with_verbs"]:
            objs = _with_objects(ctx, tok) + [k for c in tok.children if c.dep_ == "prt"
                                              for k in _with_objects(ctx, c)]  # "sat down with"
            if objs:
                found.append(_make("metWith", _subjects(ctx, tok), objs, "meet-with-verb", tok, status))
        elif lemma in tr["visit_verbs"]:
            objs = [k for k in _direct_objects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in _subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs:  # "X visited Y": a person, not a place
                found.append(_make("metWith", subs, objs, "visit", tok, status))
        elif lemma in tr["call_receive_verbs"] and (call := next(
                (c for c in tok.children if c.dep_ in ("dobj", "obj") and (c.lemma_.lower() == "call" or _is_call_noun(c))),
                None)) is not None:
            objs = _with_objects(ctx, call, ("from",)) + _with_objects(ctx, tok, ("from",))
            found.append(_make("spokeWith", _subjects(ctx, tok), objs, "call", tok, status))
        elif lemma in tr["host_verbs"]:
            subs = _subjects(ctx, tok)
            objs = [k for k in _direct_objects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if any(ctx.actors.type_of(k) == "Person" for k in subs):
                found.append(_make("metWith", subs, objs, "host", tok, status))
        elif lemma in tr["meet_hold_verbs"]:
            for c in tok.children:
                if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in tr["meet_hold_objects"]:
                    remote = any(w.lower_ in ("phone", "telephone", "video") for w in c.lefts) or c.lower_ == "videoconference"
                    kind = "spokeWith" if remote or _by_phone(tok) or _by_phone(c) else "metWith"
                    objs = _with_objects(ctx, tok) + _with_objects(ctx, c)
                    between = _between(ctx, c)
                    if between:
                        found.append(_make(kind, between, [], "meeting-between", tok, status))
                    else:
                        found.append(_make(kind, _subjects(ctx, tok), objs, "hold-talks", tok, status))
                elif c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("call", "conversation"):
                    objs = _with_objects(ctx, tok) + _with_objects(ctx, c)
                    found.append(_make("spokeWith", _subjects(ctx, tok), objs, "call", tok, status))
        elif lemma in tr["speak_verbs"]:
            objs = _with_objects(ctx, tok, ("with", "to"))
            if not objs and _by_phone(tok):  # "spoke by telephone with Y": the parse hangs "with" on the phone
                objs = [k for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "on", "over", "via")
                        for g in c.children for k in _with_objects(ctx, g, ("with", "to"))]
            objs = [k for k in objs if ctx.actors.type_of(k) == "Person"]
            subs = _subjects(ctx, tok)
            # "X and Y spoke" is a conversation only "by phone"; otherwise they may have addressed others
            if objs or _by_phone(tok):
                found.append(_make("spokeWith", subs, objs, "speak-with", tok, status))
        elif lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children) and not any(
                c.dep_ in ("xcomp", "ccomp", "advcl") for c in tok.subtree if c.i != tok.i):
            # "X called on Y at his hotel": a visit ("called on Y to resign" is a demand)
            objs = [k for k in _with_objects(ctx, tok, ("on",)) if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in _subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs:
                found.append(_make("metWith", subs, objs, "call-on", tok, status))
        elif lemma in ("call", "phone", "telephone") and not any(
                c.dep_ in ("oprd", "attr") or (c.dep_ == "xcomp" and lemma == "call" and c.lemma_ not in tr["call_purpose_verbs"])
                for c in tok.children):  # "called Y a liar", "called Y to testify": no call
            objs = [k for k in _direct_objects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in _subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs:  # "X and Y called for ..." is not a call between them
                found.append(_make("spokeWith", subs, objs, "call", tok, status))
    elif tok.pos_ == "NOUN" and tok.head.lemma_.lower() not in tr["meet_hold_verbs"] and (
            lemma in tr["meeting_nouns"] or tok.lower_ in tr["meeting_nouns"] or _is_call_noun(tok)):
        kind = "spokeWith" if _is_call_noun(tok) else "metWith"
        status = "asserted"
        if tok.head.pos_ == "VERB":
            status = ctx.modality(tok.head)
            if tok.head.lemma_.lower() in tr["plan_verbs"]:
                status = "planned"
        if tok.dep_ == "pobj" and (tok.head.lower_ == "before" or (tok.head.lower_ == "of" and tok.head.head.lower_ == "ahead")):
            status = "planned"  # "ahead of the talks between X and Y"
        between = _between(ctx, tok)
        if between:
            found.append(_make(kind, between, [], "meeting-between" if kind == "metWith" else "call-between", tok, status))
        else:
            # "In a phone call with Y, X said ...", "During talks with Y, X ...": the governing verb's
            # subject took part with Y
            verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "at", "after") else None
            others = _with_objects(ctx, tok)
            if verb is not None and verb.pos_ in ("VERB", "AUX") and others:
                found.append(_make(kind, _subjects(ctx, verb), others, "during-" + ("call" if kind == "spokeWith" else "meeting"),
                                   tok, ctx.modality(verb)))
            elif verb is not None and verb.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                # "X and her counterpart Y signed the deal after a meeting": the coordinated
                # persons who did it met ("a meeting of the cabinet" is some body's meeting)
                subs = [k for k in _subjects(ctx, verb) if ctx.actors.type_of(k) == "Person"]
                if len(subs) >= 2:
                    found.append(_make(kind, subs, [], "during-" + ("call" if kind == "spokeWith" else "meeting"),
                                       tok, ctx.modality(verb)))
    return [f for f in found if f is not None]


def _by_phone(verb: Token) -> bool:
    """"spoke by phone", "spoke on the telephone", "spoke by video link"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "on", "over", "via"):
            if any(g.lower_ in ("phone", "telephone", "video", "videoconference", "videolink") or
                   any(h.lower_ in ("phone", "telephone", "video") for h in g.children) for g in c.children):
                return True
    return False


def _is_call_noun(tok: Token) -> bool:
    """"call" or "conversation" as a phone or video call ("a phone call", "a telephone conversation")."""
    if tok.lemma_.lower() not in ("call", "conversation"):
        return False
    return any(c.lower_ in ("phone", "telephone", "video", "phone-call") for c in tok.children if c.i < tok.i)


def interaction_relations(ctx: Context, interactions: list[Interaction]) -> list[Relation]:
    """Pairwise relations of each interaction (coordinated sides expand to all pairs)."""
    out = []
    for it in interactions:
        a, b = it.sides
        pairs = [(x, y) for x in a for y in b] if b else list(combinations(a, 2))
        sent = ctx.sent_of(it.trigger)
        conf = 0.85 if it.status == "asserted" else 0.6
        ev = ctx.evidence(sent, it.rule, conf)
        for x, y in pairs:
            if x != y:
                out.append(Relation(x, it.kind, y, ev, it.status))
    return out
