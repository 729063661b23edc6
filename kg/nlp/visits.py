"""Visits as meetings: the visitor and the country that hosts them, at the place visited.

Rule ``visit-place``: "X visited Beijing", "X arrived in Doha for talks", "X flew to Kyiv for
talks" (``visit_verbs`` with a place or country as object; ``arrival_verbs`` with an
``in``/``to`` place and a ``for`` phrase naming talks or a visit). The event is a Meeting at the
place whose participants are the visitor and the host: the country visited, or the country the
article places the city in ("Doha, Qatar" gives ``locatedIn``). A city the article places in no
country gives no event (nobody known hosted the visit), and a visitor from the host country
itself is no visit ("the French president visited Lyon"), and a relative clause ("Kirill, who
was visiting Cuba, ...") is background, not a visit reported. Visits give no pairwise relation:
who met whom there is said by the meeting rules. Planned and negated visits keep that status.
"""
from __future__ import annotations

from typing import Mapping

from spacy.tokens import Token

from ..records import Event, Relation
from .context import Context
from .dates import resolve_date
from .events import place_and_date
from .vocab import vocab
from .participants import clause_subjects
from .rules import rule

__all__ = ["find_visits"]


def _visited(ctx: Context, verb: Token, tr: Mapping[str, frozenset[str]]) -> list[str]:
    """The places a visit verb names: its object, or the in/to place of an arrival for talks."""
    lemma = verb.lemma_.lower()
    found = []
    if lemma in tr["visit_verbs"]:
        found = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    elif lemma in tr["arrival_verbs"] and any(
            c.dep_ == "prep" and c.lower_ in tr["purpose_prepositions"] and any(p.lemma_.lower() in tr["meeting_nouns"] | tr["joint_activity_nouns"]
                                                           or p.lower_ in tr["meeting_nouns"] for p in c.children)
            for c in verb.children):
        found = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in tr["arrival_place_prepositions"] for p in c.children
                 if p.dep_ == "pobj"]
    keys = [k for t in found for k in ctx.actors_of(t, types=("Place", "Country"), pronouns=False)]
    return list(dict.fromkeys(keys))


@rule("visit-place", "events", words=("visit_verbs", "arrival_verbs", "purpose_prepositions", "arrival_place_prepositions"))
def find_visits(ctx: Context, locations: list[Relation], published: str | None) -> list[Event]:
    """"X visited Tanzania", "X arrived in Lima, Peru, for talks": a Meeting of X and the host country at the place.

    One Meeting per visit to a place whose host country is known."""
    tr = vocab().lists
    country_of = {r.subject: r.object for r in locations
                  if r.predicate == "locatedIn" and ctx.actors.type_of(r.object) == "Country"}
    conf = vocab().confidence("visit-place")
    events = []
    for sent in ctx.sents:
        if not ctx.narrative(sent):
            continue
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "relcl":
                continue  # "X, who was visiting Cuba, ...": background about X, not the visit reported
            places = _visited(ctx, tok, tr)
            if not places:
                continue
            visitors = [k for k in clause_subjects(ctx, tok) if ctx.actors.type_of(k) == "Person"]
            for place in places:
                host = place if ctx.actors.type_of(place) == "Country" else country_of.get(place)
                visitors_ = [v for v in visitors if host not in ctx.posts_of([v])]
                if host is None or not visitors_:
                    continue
                _, date = place_and_date(ctx, tok)
                date_text = date.text if date is not None else None
                events.append(Event(
                    type="Meeting",
                    participants=tuple(visitors_) + (host,),
                    evidence=ctx.evidence(sent, "visit-place", conf),
                    places=(place,),
                    date=resolve_date(date_text, published) if date_text else None,
                    date_text=date_text,
                    status=ctx.modality(tok),
                ))
    return events
