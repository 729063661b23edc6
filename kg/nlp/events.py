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

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..records import Entity, Event, Evidence
from .actors import entity_key
from .context import Context
from .datelines import opening_dateline
from .dates import resolve_date
from .lexicon import countries
from .participants import Interaction
from .rules import rule
from .vocab import vocab

__all__ = ["find_events", "story_place", "StoryPlace", "place_and_date", "near_publication", "LOOKAHEAD", "DATELINE_LINES", "DATELINE_DAYS"]

#: How many sentences back a meeting may take its place and date from one announcing it.
LOOKAHEAD = int(vocab().number("announcement_lookback_sentences"))
#: A dateline opens one of the first lines of a story (after a title, a standfirst or a caption).
DATELINE_LINES = int(vocab().number("dateline_lines"))
#: A meeting lends the dateline's place only when it happened within this many days of publication.
DATELINE_DAYS = int(vocab().number("dateline_days"))


def place_and_date(ctx: Context, trig: Token) -> tuple[list[str], Span | None]:
    places: list[str] = []
    date = None
    heads = [trig] + ([trig.head] if trig.pos_ == "NOUN" else [])
    if trig.pos_ in ("VERB", "AUX") and trig.dep_ == "conj" and trig.head.pos_ in ("VERB", "AUX"):
        heads.append(trig.head)  # "arrived in Hanoi on Tuesday and met X"
    heads += [c for c in trig.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"]  # "held the Oslo talks"
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in vocab().words("place_prepositions"):
                for p in c.children:
                    k = ctx.actor(p) if p.dep_ == "pobj" else None
                    if k and ctx.actors.type_of(k) in ("Place", "Country"):
                        places.append(k)
                    if p.dep_ == "pobj" and p.ent_type_ == "DATE" and date is None:
                        date = _ent_of(ctx, p)
            if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "obl", "advmod", "nmod") and date is None:
                date = _ent_of(ctx, c)
            if c.dep_ == "prep" and c.lower_ in vocab().words("day_prepositions"):
                for p in c.children:
                    if p.ent_type_ == "DATE" and date is None:
                        date = _ent_of(ctx, p)
            if h.pos_ == "NOUN" and c.dep_ in ("compound", "nmod") and c.i < h.i:
                # "the Riyadh talks", "the Downing Street meeting": a city or site (a country
                # there names a side: "US-China talks")
                k = ctx.actor(c)
                if k and ctx.actors.type_of(k) == "Place":
                    places.append(k)
                if c.ent_type_ == "DATE" and date is None:  # "the Saturday debate"
                    date = _ent_of(ctx, c)
    if not places or date is None:
        tr = vocab().lists
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
                if lower_places and t.lower_ in tr["place_prepositions"] and k and ctx.actors.type_of(k) in ("Place", "Country"):
                    places.append(k)
                if date is None and t.lower_ in tr["date_prepositions"] and p.ent_type_ == "DATE":
                    date = _ent_of(ctx, p)
            if lower_places and t.lower_ in tr["destination_prepositions"] and t.head.lemma_.lower() in tr["joint_activity_nouns"]:
                # "a tour of government-held parts of Syria", "a trip to Beijing"
                places.extend(k for w in t.subtree if (k := ctx.actor(w)) and ctx.actors.type_of(k) in ("Place", "Country"))
    return list(dict.fromkeys(places)), date


def _ent_of(ctx: Context, tok: Token) -> Span | None:
    for e in ctx.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


def _announcements(ctx: Context) -> list[tuple[int, list[str], Span | None]]:
    """Meeting triggers with no named participants: (sentence index, places, date)."""
    tr = vocab().lists
    out = []
    for idx, sent in enumerate(ctx.sents):
        if not ctx.narrative(sent):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            is_trigger = (tok.pos_ == "VERB" and lemma in tr["meet_verbs"] | tr["gather_verbs"]) or (
                tok.pos_ == "NOUN" and lemma in tr["meeting_nouns"] and tok.head.lemma_.lower() in tr["meet_hold_verbs"]
            )
            if not is_trigger:
                continue
            verb = tok if tok.pos_ == "VERB" else tok.head
            if ctx.modality(verb) != "asserted":
                continue
            places, date = place_and_date(ctx, tok)
            if places or date is not None:
                out.append((idx, places, date))
    return out


def _follow_ups(ctx: Context) -> dict[int, tuple[list[str], Span | None]]:
    """Sentence index -> (places, date) of a meeting noun that refers back ("The meeting, held in
    Oslo, ...", "The talks took place on Monday"): determiner "the"/"this"/"that", no
    "between"/"with" phrase naming participants."""
    tr = vocab().lists
    out: dict[int, tuple[list[str], Span | None]] = {}
    for idx, sent in enumerate(ctx.sents):
        if idx in out or not ctx.narrative(sent):
            continue
        for tok in sent:
            if tok.pos_ != "NOUN" or (tok.lemma_.lower() not in tr["meeting_nouns"] and tok.lower_ not in tr["meeting_nouns"]):
                continue
            if not any(c.dep_ == "det" and c.lower_ in tr["referring_determiners"] for c in tok.children):
                continue
            if any(c.dep_ == "prep" and c.lower_ in tr["participant_prepositions"] for c in tok.children):
                continue
            places, date = place_and_date(ctx, tok)
            if places or date is not None:
                out[idx] = (places, date)
                break
    return out


@dataclass(frozen=True)
class StoryPlace:
    """The place a story's dateline names: its actor key, the entity to add when the article
    does not name the place otherwise, and the dateline as evidence."""

    key: str
    entity: Entity | None
    evidence: Evidence


@rule("dateline-place", "events", words=("dateline_lines", "dateline_days"))
def story_place(ctx: Context) -> StoryPlace | None:
    """The dateline's place ("HANOI (Reuters) - ...") is the place of a meeting of the story's own days that names none.

    The place of the dateline that opens one of the first lines, as the article's actor of that
    name when there is one."""
    opening = opening_dateline(ctx.text)
    if opening is None:
        return None
    found, start = opening
    ev = Evidence(sentence=found.head, start=start, end=start + len(found.head), rule="dateline-place",
                  confidence=vocab().confidence("dateline-place"))
    wanted = found.place.casefold()
    for key, ent in ctx.actors.entities.items():
        if ent.type in ("Place", "Country") and wanted in {n.casefold() for n in (ent.name, *ent.aliases)}:
            return StoryPlace(key, None, ev)
    country = countries().canonical(found.place)
    typ, canonical = ("Country", country) if country else ("Place", found.place)
    key = entity_key(typ, canonical)
    return StoryPlace(key, Entity(key=key, type=typ, name=canonical, aliases=(found.written,)), ev)


def near_publication(date: str | None, date_text: str | None, published: str | None) -> bool:
    """True for an event of the story's own days: no date words at all, or a date within
    ``DATELINE_DAYS`` of publication ("last June", a date we cannot place, is not)."""
    if date is None:
        return date_text is None
    if published is None:
        return False
    return abs((dt.date.fromisoformat(date) - dt.date.fromisoformat(published)).days) <= DATELINE_DAYS


def find_events(ctx: Context, interactions: list[Interaction], published: str | None,
                story: StoryPlace | None = None) -> list[Event]:
    """One event per interaction, with place and date; planned ("will meet", "agreed to meet")
    and negated ("refused to meet") ones keep that ``status``.

    A meeting whose text gives no place takes the dateline's (``story``) when it happened on the
    story's own days; the dateline is then a second evidence of the event (rule
    ``dateline-place``). Calls take no place from a dateline."""
    announcements = _announcements(ctx)
    follow_ups = _follow_ups(ctx)
    used: set[int] = set()
    events = []
    for it in interactions:
        trig = ctx.doc[it.trigger]
        sent = ctx.sent_of(trig)
        idx = ctx.sentence_index(sent)
        places, date = place_and_date(ctx, trig)
        if (not places or date is None) and it.status == "asserted":
            for n, (aidx, aplaces, adate) in enumerate(announcements):
                if n in used or not (idx - LOOKAHEAD <= aidx <= idx):
                    continue
                if aidx == idx and not (aplaces or adate):
                    continue
                places = places or aplaces
                date = date if date is not None else adate
                used.add(n)
                break
        if (not places or date is None) and it.status == "asserted" and idx + 1 in follow_ups:
            fplaces, fdate = follow_ups.pop(idx + 1)  # lent once, to the event right before it
            places = places or fplaces
            date = date if date is not None else fdate
        participants = tuple(dict.fromkeys(it.sides[0] + it.sides[1]))
        kind = "Meeting" if it.kind == "metWith" else "PhoneCall"
        date_text = date.text if date is not None else None
        iso = resolve_date(date_text, published) if date_text else None
        support: tuple = ()
        if (not places and kind == "Meeting" and it.status == "asserted" and story is not None and story.key not in participants
                and near_publication(iso, date_text, published)):
            places, support = [story.key], (story.evidence,)
        events.append(
            Event(
                type=kind,
                participants=participants,
                evidence=ctx.evidence(sent, it.rule, vocab().confidence("meeting-event")),
                places=tuple(places),
                date=iso,
                date_text=date_text,
                status=it.status,
                support=support,
            )
        )
    return events
