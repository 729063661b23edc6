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
from .lexicon import countries
from .vocab import vocab

__all__ = ["Interaction", "find_interactions", "interaction_relations", "clause_subjects", "PARTICIPANT_TYPES"]

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
    if verb.dep_ == "relcl" and any(s.tag_ in ("WP", "WDT") or s.lower_ in ("who", "that", "which") for s in subs):
        # "Ana Reyes and Carl Holt, who met in 2019, ...": the relative pronoun stands for the
        # noun the clause modifies, with everything coordinated with it
        subs = [verb.head]
    keys: list[str] = []
    for s in subs:
        keys.extend(ctx.actors_of(s, types=PARTICIPANT_TYPES, groups=True))
    return list(dict.fromkeys(keys))


def _clause_subject_above(ctx: Context, verb: Token) -> list[str]:
    """The persons subject of the first clause above a subjectless one ("X resisted it, a point
    of tension exposed in a meeting with Y": X); nothing when that clause's subject is no person."""
    node = verb
    while node.head.i != node.i:
        node = node.head
        subs = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if node.pos_ in ("VERB", "AUX") and subs:
            keys = [k for c in subs for k in ctx.actors_of(c, pronouns=False)]
            return [k for k in keys if ctx.actors.type_of(k) == "Person"] if len(keys) == 1 else []
    return []


def _with_objects(ctx: Context, head: Token, preps: tuple[str, ...] = ("with",)) -> list[str]:
    keys: list[str] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.extend(ctx.actors_of(p, types=PARTICIPANT_TYPES) or _counterpart_body(ctx, p))
    return keys


def _counterpart_body(ctx: Context, tok: Token) -> list[str]:
    """The country or organisation unnamed counterparts stand for: "talks with Taiwanese
    ministers" (Taiwan), "with finance ministers of the G8" (the G8), "with EU officials"; never
    "other NATO leaders" (peers of the subject) or a named person's body."""
    if not (tok.lower_ in triggers()["counterpart_nouns"] or (tok.tag_ in ("NNS", "NNPS") and ctx.is_title(tok))):
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
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            bodies = [k for p in c.children if p.dep_ == "pobj"
                      for k in ctx.actors_of(p, types=("Organization", "Country"), pronouns=False)]
            if bodies:  # "representatives of the United States, Britain and Poland"
                return bodies
    return []


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
        caption = not ctx.narrative(sent)
        if caption and not ctx.caption(sent):
            continue
        for tok in sent:
            for it in _at_token(ctx, tok, tr):
                if caption:  # "X (left) meets with Y on Saturday": its own rule name
                    it = Interaction(it.kind, it.sides, it.rule + "-caption", it.trigger, it.status, it.sentence_start)
                out.append(_without_own_body(ctx, it))
    return [it for it in out if it is not None]


def _without_own_body(ctx: Context, it: Interaction) -> Interaction | None:
    """The interaction without the country or body one side holds a post of ("Trump sat down
    with representatives of the United States, Britain ...": not with the United States)."""
    a, b = it.sides
    own = ctx.posts_of(a + b)
    a2, b2 = tuple(k for k in a if k not in own), tuple(k for k in b if k not in own)
    if (a2, b2) == (a, b):
        return it
    if not ((a2 and b2) or (not b and len(a2) >= 2)):
        return None
    return Interaction(it.kind, (a2, b2), it.rule, it.trigger, it.status, it.sentence_start)


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
            subs = clause_subjects(ctx, tok)
            found.append(_make("metWith", subs, objs, "meet-verb", tok, status))
            if objs:
                # "X met Y in A and then Z in B": a second meeting, with its own place
                for gap in (c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")):
                    others = [k for k in ctx.actors_of(gap, types=PARTICIPANT_TYPES) if k not in objs]
                    found.append(_make("metWith", subs, others, "meet-verb-gapped", gap, status))
        elif lemma in ("gather", "convene") and not any(c.dep_ in ("dobj", "obj") for c in tok.children):
            found.append(_make("metWith", clause_subjects(ctx, tok), [], "gather", tok, status))
        elif lemma in tr["meet_with_verbs"]:
            objs = _with_objects(ctx, tok) + [k for c in tok.children if c.dep_ == "prt"
                                              for k in _with_objects(ctx, c)]  # "sat down with"
            needed = tr["meet_with_particles"].get(lemma)
            if needed and not any(c.dep_ == "prt" and c.lower_ in needed for c in tok.children):
                objs = []  # "Lady Hale, sitting with Lords X and Y, said": a bench, not a meeting
            if objs:
                found.append(_make("metWith", clause_subjects(ctx, tok), objs, "meet-with-verb", tok, status))
        elif lemma in tr["visit_verbs"]:
            objs = [k for c in tok.children if c.dep_ in ("dobj", "obj") and not _where_follows(c)
                    for k in ctx.actors_of(c, types=PARTICIPANT_TYPES) if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in clause_subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs:  # "X visited Y": a person, not a place ("visit Leicester South, where ...")
                found.append(_make("metWith", subs, objs, "visit", tok, status))
        elif lemma in tr["join_verbs"] and _joint_activity(tok, tr):
            # "X joined Y on the campaign trail", "X accompanied Y on a visit": together in person
            objs = [k for k in _direct_objects(ctx, tok) + ctx.person_adverbs(tok, before=False)
                    if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in clause_subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if tok.dep_ == "acl":  # "X, accompanied by Y, ...": X is the noun the participle modifies
                subs = [k for k in ctx.actors_of(tok.head) if ctx.actors.type_of(k) == "Person"]
            if tok.dep_ == "acl" or any(c.dep_ == "auxpass" for c in tok.children):  # passive: the agent
                objs = [k for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                        for k in ctx.actors_of(p) if ctx.actors.type_of(k) == "Person"]
            if objs:
                found.append(_make("metWith", subs, objs, "join-activity", tok, status))
        elif lemma in tr["call_receive_verbs"] and (call := next(
                (c for c in tok.children if c.dep_ in ("dobj", "obj") and (c.lemma_.lower() == "call" or _is_call_noun(c))),
                None)) is not None:
            objs = _with_objects(ctx, call, ("from",)) + _with_objects(ctx, tok, ("from",))
            found.append(_make("spokeWith", clause_subjects(ctx, tok), objs, "call", tok, status))
        elif lemma in tr["host_verbs"]:
            subs = clause_subjects(ctx, tok)
            objs = [k for k in _direct_objects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs and any(ctx.actors.type_of(k) == "Person" for k in subs):
                # "X hosted Y"; "X and Y hosted a dinner" or "X and Y welcomed his return" are no meeting of X and Y
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
                        found.append(_make(kind, clause_subjects(ctx, tok), objs, "hold-talks", tok, status))
                elif c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("call", "conversation"):
                    objs = _with_objects(ctx, tok) + _with_objects(ctx, c)
                    found.append(_make("spokeWith", clause_subjects(ctx, tok), objs, "call", tok, status))
        elif lemma in tr["speak_verbs"]:
            objs = _with_objects(ctx, tok, ("with", "to"))
            if not objs and _by_phone(tok):  # "spoke by telephone with Y": the parse hangs "with" on the phone
                objs = [k for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "on", "over", "via")
                        for g in c.children for k in _with_objects(ctx, g, ("with", "to"))]
            objs = [k for k in objs if ctx.actors.type_of(k) == "Person" and not _media_owned(ctx, tok, k)]
            subs = clause_subjects(ctx, tok)
            # "X and Y spoke" is a conversation only "by phone"; otherwise they may have addressed others
            if objs or _by_phone(tok):
                found.append(_make("spokeWith", subs, objs, "speak-with", tok, status))
        elif lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children) and not any(
                c.dep_ in ("xcomp", "ccomp", "advcl") for c in tok.subtree if c.i != tok.i):
            # "X called on Y at his hotel": a visit ("called on Y to resign" is a demand)
            objs = [k for k in _with_objects(ctx, tok, ("on",)) if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in clause_subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs:
                found.append(_make("metWith", subs, objs, "call-on", tok, status))
        elif lemma in ("call", "phone", "telephone") and not any(
                c.dep_ in ("oprd", "attr") or (c.dep_ == "xcomp" and lemma == "call" and c.lemma_ not in tr["call_purpose_verbs"])
                for c in tok.children):  # "called Y a liar", "called Y to testify": no call
            objs = [k for k in _direct_objects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            subs = [k for k in clause_subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            if objs and lemma == "call" and _quote_after_object(tok):
                objs = []  # "X called Y "two-faced"": a name for Y, even when the parse cut the sentence there
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
                subs = clause_subjects(ctx, verb) or _clause_subject_above(ctx, verb)
                found.append(_make(kind, subs, others, "during-" + ("call" if kind == "spokeWith" else "meeting"),
                                   tok, ctx.modality(verb)))
            elif verb is not None and verb.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                # "X and her counterpart Y signed the deal after a meeting": the coordinated
                # persons who did it met ("a meeting of the cabinet" is some body's meeting)
                subs = [k for k in clause_subjects(ctx, verb) if ctx.actors.type_of(k) == "Person"]
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


def _joint_activity(verb: Token, tr: dict) -> bool:
    """"joined Y on the campaign trail", "in a tour of ...", "for a visit": a joint activity."""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "in", "for") and any(
        p.dep_ == "pobj" and p.lemma_.lower() in tr["joint_activity_nouns"] for p in c.children) for c in verb.children)


def _where_follows(obj: Token) -> bool:
    """True when ", where ..." follows the noun phrase: a place, whatever the recogniser said."""
    doc = obj.doc
    if any(c.dep_ == "relcl" and any(w.lower_ == "where" for w in c.subtree) for c in obj.children):
        return True
    return obj.i + 2 < len(doc) and doc[obj.i + 1].text == "," and doc[obj.i + 2].lower_ == "where"


def _media_owned(ctx: Context, verb: Token, key: str) -> bool:
    """True when the verb's partner ``key`` is named with an organisation's possessive ("speaking
    to the BBC's Westminster Hour"): a programme or a reporter of an outlet, an interview."""
    for c in verb.children:
        for p in (p for p in c.children if c.dep_ == "prep" and p.dep_ == "pobj"):
            if ctx.actor(p) == key and any(
                    d.dep_ == "poss" and (o := ctx.actor(d)) and ctx.actors.type_of(o) == "Organization" for d in p.children):
                return True
    return False


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


def _is_call_noun(tok: Token) -> bool:
    """"call" or "conversation" as a phone or video call ("a phone call", "a telephone conversation")."""
    if tok.lemma_.lower() not in ("call", "conversation"):
        return False
    return any(c.lower_ in ("phone", "telephone", "video", "phone-call") for c in tok.children if c.i < tok.i)


def interaction_relations(ctx: Context, interactions: list[Interaction]) -> list[Relation]:
    """Pairwise relations of each interaction (coordinated sides expand to all pairs)."""
    tr = triggers()
    out = []
    for it in interactions:
        a, b = it.sides
        pairs = [(x, y) for x in a for y in b] if b else list(combinations(a, 2))
        sent = ctx.sent_of(it.trigger)
        conf = 0.85 if it.status == "asserted" else 0.6
        if it.rule.endswith("-caption"):
            conf *= vocab().confidence("caption-discount")
        ev = ctx.evidence(sent, it.rule, conf)
        for x, y in pairs:
            if x != y:
                out.append(Relation(x, it.kind, y, ev, it.status))
    return out
