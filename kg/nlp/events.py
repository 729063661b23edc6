"""Meetings and phone calls as n-ary events: participants, place, date and evidence.

Each asserted interaction (see :mod:`kg.nlp.relations`) is an event; its place is a Place or
Country in an ``in``/``at`` phrase of the trigger, its date a DATE entity attached to the trigger
(resolved to ISO against the publication date). News leads often announce a meeting without
naming the people ("officials met Tuesday in Oslo") and name them in the next sentences: such
an announcement lends its place and date to the first event with participants that follows
within ``LOOKAHEAD`` sentences and has none of its own. The other way round, the sentence right
after an event may give its place or date by referring back to it ("The meeting, held at the
palace in Nairobi, ...", "The talks took place in Oslo"): a meeting noun with "the"/"this" and
no participants of its own.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Event
from .context import Context, triggers
from .dates import resolve_date
from .relations import Interaction

__all__ = ["find_events", "LOOKAHEAD"]

LOOKAHEAD = 3
_PLACE_PREPS = ("in", "at", "inside", "near")


def _place_and_date(ctx: Context, trig: Token) -> tuple[list[str], Span | None]:
    places: list[str] = []
    date = None
    heads = [trig] + ([trig.head] if trig.pos_ == "NOUN" else [])
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for p in c.children:
                    k = ctx.actor(p) if p.dep_ == "pobj" else None
                    if k and ctx.actors.type_of(k) in ("Place", "Country"):
                        places.append(k)
                    if p.dep_ == "pobj" and p.ent_type_ == "DATE" and date is None:
                        date = _ent_of(ctx, p)
            if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "obl", "advmod", "nmod") and date is None:
                date = _ent_of(ctx, c)
            if c.dep_ == "prep" and c.lower_ == "on":
                for p in c.children:
                    if p.ent_type_ == "DATE" and date is None:
                        date = _ent_of(ctx, p)
    if not places or date is None:
        # "hosted X in Beijing", "held talks with Y in New Delhi", "hosted X for a summit on
        # Friday": the phrase may hang lower
        lower_places = not places
        for t in trig.subtree:
            if t.dep_ != "prep" or t.head.dep_ in ("relcl", "ccomp", "xcomp"):
                continue
            for p in t.children:
                if p.dep_ != "pobj":
                    continue
                k = ctx.actor(p)
                if lower_places and t.lower_ in _PLACE_PREPS and k and ctx.actors.type_of(k) in ("Place", "Country"):
                    places.append(k)
                if date is None and t.lower_ in ("on", "in") and p.ent_type_ == "DATE":
                    date = _ent_of(ctx, p)
    return list(dict.fromkeys(places)), date


def _ent_of(ctx: Context, tok: Token) -> Span | None:
    for e in ctx.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


def _announcements(ctx: Context) -> list[tuple[int, list[str], Span | None]]:
    """Meeting triggers with no named participants: (sentence index, places, date)."""
    tr = triggers()
    out = []
    for idx, sent in enumerate(ctx.sents):
        if not ctx.narrative(sent):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            is_trigger = (tok.pos_ == "VERB" and lemma in ("meet", "gather", "convene")) or (
                tok.pos_ == "NOUN" and lemma in tr["meeting_nouns"] and tok.head.lemma_.lower() in tr["meet_hold_verbs"]
            )
            if not is_trigger:
                continue
            verb = tok if tok.pos_ == "VERB" else tok.head
            if ctx.modality(verb) != "asserted":
                continue
            places, date = _place_and_date(ctx, tok)
            if places or date is not None:
                out.append((idx, places, date))
    return out


def _follow_ups(ctx: Context) -> dict[int, tuple[list[str], Span | None]]:
    """Sentence index -> (places, date) of a meeting noun that refers back ("The meeting, held in
    Oslo, ...", "The talks took place on Monday"): determiner "the"/"this"/"that", no
    "between"/"with" phrase naming participants."""
    tr = triggers()
    out: dict[int, tuple[list[str], Span | None]] = {}
    for idx, sent in enumerate(ctx.sents):
        if idx in out or not ctx.narrative(sent):
            continue
        for tok in sent:
            if tok.pos_ != "NOUN" or (tok.lemma_.lower() not in tr["meeting_nouns"] and tok.lower_ not in tr["meeting_nouns"]):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                continue
            if any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in tok.children):
                continue
            places, date = _place_and_date(ctx, tok)
            if places or date is not None:
                out[idx] = (places, date)
                break
    return out


def find_events(ctx: Context, interactions: list[Interaction], published: str | None) -> list[Event]:
    """One event per asserted interaction, with place and date."""
    announcements = _announcements(ctx)
    follow_ups = _follow_ups(ctx)
    used: set[int] = set()
    events = []
    for it in interactions:
        if it.status != "asserted":
            continue
        trig = ctx.doc[it.trigger]
        sent = ctx.sent_of(trig)
        idx = ctx.sentence_index(sent)
        places, date = _place_and_date(ctx, trig)
        if not places or date is None:
            for n, (aidx, aplaces, adate) in enumerate(announcements):
                if n in used or not (idx - LOOKAHEAD <= aidx <= idx):
                    continue
                if aidx == idx and not (aplaces or adate):
                    continue
                places = places or aplaces
                date = date if date is not None else adate
                used.add(n)
                break
        if (not places or date is None) and idx + 1 in follow_ups:
            fplaces, fdate = follow_ups.pop(idx + 1)  # lent once, to the event right before it
            places = places or fplaces
            date = date if date is not None else fdate
        participants = tuple(dict.fromkeys(it.sides[0] + it.sides[1]))
        kind = "Meeting" if it.kind == "metWith" else "PhoneCall"
        date_text = date.text if date is not None else None
        events.append(
            Event(
                type=kind,
                participants=participants,
                evidence=ctx.evidence(sent, it.rule, 0.8),
                places=tuple(places),
                date=resolve_date(date_text, published) if date_text else None,
                date_text=date_text,
            )
        )
    return events
