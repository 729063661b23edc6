"""Summits and debates as one n-ary meeting with everyone the article places at them.

Rule ``gathering-attendance``: a gathering noun of ``patterns/relation_triggers.json``
(``gathering_nouns``: "summit", "debate") stands for one event of the article (one per noun and
ordinal: "their first summit" is not "their second summit"). A person takes part when a clause
with that person as subject (through coordination, pronouns and title references) places them
at it:

* "X said at the summit", "during the debate, X urged Y", "X arrived at a summit" (``at``,
  ``during``; ``to`` after a verb of arrival);
* "on the sidelines of / at the end of the summit" (``gathering_parts``);
* "X attended / hosted / chaired / addressed the summit" (``attend_verbs``).

When that clause's verb is a face-to-face verb (``exchange_verbs``: "during the debate, X
urged Y") with a person as object, the object was there too, and X met Y (rule
``exchange-at-gathering``). A gathering of exactly two persons is a meeting of the two
(``bilateral-gathering``: "at their first summit in Singapore").

Planned and negated clauses ("X will attend the summit"), clauses before or after it ("ahead
of the summit") and gatherings of fewer than two persons give nothing. The event's evidence is
the first sentence that places someone at it; every further such sentence is supporting
evidence with the same rule name. Place and date come from the gathering noun's own phrases
("a summit near London", "the Saturday debate") in any of its mentions, else from the dateline
(:mod:`kg.nlp.events`). Co-attendance gives no pairwise ``metWith`` (an annotation convention
of the news-dev data and of GDELT-style coding alike): the n-ary event says it, unless the
gathering is bilateral or the two addressed each other there (above).
"""
from __future__ import annotations

from typing import Mapping

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..records import Event, Relation
from .context import Context
from .dates import resolve_date
from .vocab import vocab
from .events import StoryPlace, near_publication, place_and_date
from .participants import clause_subjects
from .rules import rule

__all__ = ["gatherings", "gathering_events", "gathering_relations", "Gathering"]


@dataclass(frozen=True)
class Gathering:
    """Who the article places at one gathering, and the sentences that do."""

    noun: str
    persons: tuple[str, ...]
    sentences: tuple[Span, ...]
    mentions: tuple[Token, ...]
    exchanges: tuple[tuple[str, str, Span], ...]  # (subject, person addressed, sentence)


def _verb_placing(noun: Token, tr: Mapping[str, frozenset[str]]) -> Token | None:
    """The verb of the clause that places its subject at the gathering ``noun``, or None."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in tr["attend_verbs"]:
        return head
    if noun.dep_ != "pobj" or head.dep_ != "prep":
        return None
    prep, attending = head.lower_, head.lower_ in tr["attendance_prepositions"]
    if prep in tr["possessive_prepositions"] and head.head.lemma_.lower() in tr["gathering_parts"]:
        part = head.head  # "on the sidelines of the summit"
        if part.dep_ != "pobj" or part.head.dep_ != "prep" or part.head.lower_ not in tr["gathering_part_prepositions"]:
            return None
        head, attending = part.head, True
    verb = head.head
    while verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "obj", "pobj", "prep", "appos") and verb.head.i != verb.i:
        verb = verb.head  # "had talks with Y on the sidelines of the summit": the clause of "talks"
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if attending or (prep in tr["arrival_prepositions"] and verb.lemma_.lower() in tr["arrival_verbs"]):
        return verb
    return None


def _key(noun: Token) -> str:
    ordinal = [c.lower_ for c in noun.children if c.ent_type_ == "ORDINAL" or c.lower_ in vocab().words("ordinal_words")]
    return " ".join([noun.lemma_.lower(), *ordinal])


@rule("gathering-attendance", "events", words=("gathering_nouns", "attend_verbs", "gathering_parts", "arrival_verbs",
                                               "attendance_prepositions", "gathering_part_prepositions", "ordinal_words"))
def gatherings(ctx: Context) -> list[Gathering]:
    """A summit or debate is one Meeting of everyone the article places at it ("at", "during", "on the sidelines of", "attended").

    The gatherings of the narrative with the persons placed at them, in text order."""
    tr = vocab().lists
    found: dict[str, dict] = {}
    for sent in ctx.sents:
        if not ctx.narrative(sent):
            continue
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in tr["gathering_nouns"]:
                continue
            entry = found.setdefault(_key(tok), {"persons": [], "sentences": [], "mentions": [], "exchanges": []})
            entry["mentions"].append(tok)
            verb = _verb_placing(tok, tr)
            if verb is None or ctx.modality(verb) != "asserted":
                continue
            persons = [k for k in clause_subjects(ctx, verb) if ctx.actors.type_of(k) == "Person"]
            if persons and verb.lemma_.lower() in tr["exchange_verbs"]:
                addressed = [k for c in verb.children if c.dep_ in ("dobj", "obj", "dative")
                             for k in ctx.actors_of(c) if ctx.actors.type_of(k) == "Person" and k not in persons]
                entry["exchanges"].extend((x, y, sent) for x in persons for y in addressed)
                persons = persons + addressed
            if persons:
                entry["persons"].extend(persons)
                if sent not in entry["sentences"]:
                    entry["sentences"].append(sent)
    out = []
    for noun, e in found.items():
        persons = tuple(dict.fromkeys(e["persons"]))
        if len(persons) >= 2:
            out.append(Gathering(noun, persons, tuple(e["sentences"]), tuple(e["mentions"]), tuple(e["exchanges"])))
    return out


@rule("bilateral-gathering", "gatherings")
def bilateral_gathering(ctx: Context, g: Gathering) -> list[Relation]:
    """A summit or debate the article places exactly two persons at: they met."""
    if len(g.persons) != 2:
        return []
    ev = ctx.evidence(g.sentences[0], "bilateral-gathering", vocab().confidence("bilateral-gathering"))
    return [Relation(g.persons[0], "metWith", g.persons[1], ev)]


@rule("exchange-at-gathering", "gatherings", words=("exchange_verbs",))
def exchange_at_gathering(ctx: Context, g: Gathering) -> list[Relation]:
    """"During the debate, X urged Y": persons who addressed each other at a gathering met."""
    conf = vocab().confidence("exchange-at-gathering")
    return [Relation(x, "metWith", y, ctx.evidence(sent, "exchange-at-gathering", conf)) for x, y, sent in g.exchanges]


def gathering_relations(ctx: Context, found: list[Gathering]) -> list[Relation]:
    """metWith between the two persons of a bilateral gathering, and between persons who
    addressed each other at one."""
    return [r for g in found for r in bilateral_gathering(ctx, g) + exchange_at_gathering(ctx, g)]


def gathering_events(ctx: Context, found: list[Gathering], published: str | None,
                     story: StoryPlace | None = None) -> list[Event]:
    """One Meeting event per gathering, with the place and date of its mentions, else the
    dateline's place as for any meeting (:func:`kg.nlp.events.find_events`)."""
    conf = vocab().confidence("gathering-attendance")
    events = []
    for g in found:
        places: list[str] = []
        date = None
        for m in g.mentions:
            p, d = place_and_date(ctx, m)
            places = places or p
            date = date if date is not None else d
        first, *rest = g.sentences
        date_text = date.text if date is not None else None
        iso = resolve_date(date_text, published) if date_text else None
        support = [ctx.evidence(s, "gathering-attendance", conf) for s in rest]
        if not places and story is not None and near_publication(iso, date_text, published):
            places, support = [story.key], support + [story.evidence]
        events.append(Event(
            type="Meeting",
            participants=g.persons,
            evidence=ctx.evidence(first, "gathering-attendance", conf),
            places=tuple(places),
            date=iso,
            date_text=date_text,
            support=tuple(support),
        ))
    return events
