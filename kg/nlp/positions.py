"""Positions (a title held in a country, organisation or, for advisers, for a person) and the
``represents`` and ``advises`` relations that follow from them.

Rules:

``title-premodifier``
    "[ORIGIN] TITLE NAME": "U.S. Secretary of State Ana Reyes", "French Defence Minister Anne
    Roy" (nationality adjective -> country), "Chilean President Rosa Vidal's security adviser Tomas
    Leiva" (possessive person -> adviser of that person), "Chancellor Ilse Brandt" (no origin).
``title-apposition``
    "NAME, the TITLE of ORIGIN", "NAME, ORIGIN's TITLE", "ORIGIN's TITLE, NAME".
``title-premodifier/name-of``
    "TITLE NAME of ORIGIN": "President Rosa Vidal of Chile", "Foreign Minister Ana Reyes of Peru".
``counterpart``
    "X met his Chilean counterpart, Y": Y represents Chile and, when X's title is stated in the
    sentence, holds the same title there.
``possessive-actor``
    "Chile's Vidal": a country's possessive on a person -> represents (lower confidence).

A title that starts with "former" or "ex-" ("former judge", "ex-president") is a past post: it
gets no origin from elsewhere in the document and gives no ``represents``/``advises``.

A title with no origin is kept only when the document never names one for the same person and
title. ``represents`` follows from a position in a country or organisation; ``advises`` from an
adviser title held for a person.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

from ..records import Position, Relation
from . import affiliations, roles  # noqa: F401  (their rules register on import)
from .context import Context
from .held import Found, countries_in, person_mentions, position, prefer_specific, title_text
from .lexicon import honorifics, is_past_title
from .origins import CoordinatedOrganizations, is_adviser_title, origin_after, origin_after_name, origin_before
from .rules import registered, rule
from .titles import title_above
from .vocab import vocab

__all__ = ["find_positions", "positions_of", "position_relations"]


@rule("title-premodifier", "positions", words=("organization_pronouns", "possessive_prepositions"), confidence="position")
def title_premodifier(ctx: Context, m, sent) -> Found | None:
    """"[ORIGIN] TITLE NAME": "U.S. Secretary of State Ana Reyes", "Chilean President Rosa Vidal's adviser Tomas Leiva"; "President Rosa Vidal of Chile" (/name-of)."""
    title = ctx.title_spans()[1].get(m.start)
    if title is None and m.start > 0 and ctx.doc[m.start - 1].text in honorifics():
        title = ctx.title_spans()[1].get(m.start - 1)  # "Foreign Minister Prince Faisal"
    if title is None:
        return None
    origin, how = origin_before(ctx, title.start)
    if origin is None:
        origin, how = origin_after_name(ctx, m)
    # "Professor X was a senior adviser to Y": a title without origin before the name does not
    # stop the apposition and copula rules from finding another post
    return Found((position(ctx, m.key, title_text(ctx, title), origin, sent, "title-premodifier", how),),
                 countries=countries_in(origin), final=origin is not None)


def _origin_of(ctx: Context, tspan, head, *, past: bool = False) -> tuple[str | None, str]:
    """Where a title is held: before it ("French minister", "Acme chairman"), else in a phrase after
    it ("minister of Peru"); a place before it ("South Asia research fellow at the Heritage
    Foundation") gives way to an organisation or country the phrase after it names, or to an
    organisation right before the place ("Interpol Asia analyst"). A past title reads only its own
    phrase, never a conjunct's ("a former analyst and now a fellow at Chatham House")."""
    origin, how = origin_before(ctx, tspan.start)
    if origin is not None and ctx.actors.type_of(origin) == "Place":
        after, how_after = origin_after(ctx, head, own=past)
        if after is not None:
            return after, how_after
        place = ctx.actors.at(tspan.start - 1)
        org = ctx.actors.at(place.start - 1) if place is not None and place.start > 0 else None
        if org is not None and ctx.actors.type_of(org.key) == "Organization":
            return org.key, "modifier"
    if origin is None:
        origin, how = origin_after(ctx, head, own=past)
    return origin, how


def _apposition_of_name(ctx: Context, m, sent, head) -> list[Position]:
    """"NAME, [the] TITLE of ORIGIN", "NAME, ORIGIN's TITLE"; each title of a coordination ("a
    former Interpol analyst and now a senior fellow at Chatham House")."""
    out = []
    for c in head.children:
        if c.dep_ != "appos":
            continue
        for x in (c, *c.conjuncts):
            tspan = next((t for s in range(x.left_edge.i, x.i + 1) if (t := ctx.title_starting(s)) is not None
                          and x.i < t.end), None)
            if tspan is None:
                continue
            text = title_text(ctx, tspan)
            origin, how = _origin_of(ctx, tspan, x, past=is_past_title(text))
            out.append(position(ctx, m.key, text, origin, sent, "title-apposition", how))
    return out


def _name_in_apposition(ctx: Context, m, sent, head) -> list[Position]:
    """"ORIGIN's TITLE, NAME", "the TITLE of ORIGIN, NAME": the name in apposition to the title."""
    if head.dep_ != "appos" or head.head.i >= m.start:
        return []
    ends = ctx.title_spans()[1]
    # "the special envoy for South Sudan, X": the parse may hang the name on the last noun of the
    # title's phrase; climb its prepositions back to the title
    t = title_above(head.head, lambda x: x.i + 1 in ends) or head.head
    tspan = ends.get(t.i + 1)
    if tspan is None or ctx.actors.at(t.i) is not None:
        return []
    origin, how = _origin_of(ctx, tspan, t)
    if origin is None:  # "India's external affairs minister, X": a possessor further left
        owner = next((ctx.actor(c) for c in t.children if c.dep_ == "poss" and ctx.actor(c)), None)
        if owner and ctx.actors.type_of(owner) in ("Country", "Organization"):
            origin, how = owner, "possessive"
    return [position(ctx, m.key, title_text(ctx, tspan), origin, sent, "title-apposition", how)]


@rule("title-apposition", "positions", words=("title_origin_prepositions",), confidence="position")
def title_apposition(ctx: Context, m, sent) -> Found | None:
    """"NAME, the TITLE of ORIGIN", "NAME, ORIGIN's TITLE", "ORIGIN's TITLE, NAME"."""
    head = ctx.doc[m.start:m.end].root
    found = _apposition_of_name(ctx, m, sent, head) or _name_in_apposition(ctx, m, sent, head)
    return Found(tuple(found), final=True) if found else None


@rule("title-copula", "positions", words=("copula_verbs", "title_origin_prepositions"), confidence="position")
def title_copula(ctx: Context, m, sent) -> Found | None:
    """"NAME is/was [the] TITLE of/at/for ORIGIN" (only with an origin)."""
    head = ctx.doc[m.start:m.end].root
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.lemma_ not in vocab().words("copula_verbs"):
        return None
    found = []
    for attr in head.head.children:
        tspan = ctx.title_spans()[1].get(attr.i + 1) if attr.dep_ == "attr" else None
        if tspan is None:
            continue
        origin, how = _origin_of(ctx, tspan, attr)
        if origin is not None:
            found.append(position(ctx, m.key, title_text(ctx, tspan), origin, sent, "title-copula", how))
    return Found(tuple(found), final=True) if found else None


_COORDINATED: WeakKeyDictionary = WeakKeyDictionary()


@rule("name-of-organization", "positions", words=("affiliation_prepositions",))
def name_of_organization(ctx: Context, m, sent) -> Found | None:
    """"Jane Roe of Acme Corp", "Jane Roe at the Institute" (no title): represents; "Ann Lee and Bo Kim of Acme" share it."""
    coordinated = _COORDINATED.get(ctx)
    if coordinated is None:  # read once per document: a list of thousands of names costs linear time
        coordinated = _COORDINATED[ctx] = CoordinatedOrganizations(ctx)
    orgs = coordinated.organizations_after(ctx.doc[m.start:m.end].root)
    ev = ctx.evidence(sent, "name-of-organization", vocab().confidence("name-of-organization"))
    return Found(relations=tuple(Relation(m.key, "represents", k, ev) for k in orgs)) if orgs else None


def find_positions(ctx: Context) -> tuple[list[Position], dict[str, str], list[Relation]]:
    """Positions of persons in the narrative; countries implied by nationality adjectives
    (key -> canonical name) that must exist as entities; ``represents`` relations.

    Each person's mention goes through the ``positions`` rules in order until one says it is
    final; then the ``titles`` rules read the whole document, and every mention goes through the
    ``affiliations`` rules, which see those positions."""
    found: list[Found] = []
    chain = [r.function for r in registered("positions")]
    for m in person_mentions(ctx, once=True):
        sent = ctx.sent_of(m.start)
        for f in chain:
            out = f(ctx, m, sent)
            if out is not None:
                found.append(out)
                if out.final:
                    break
    positions = [p for f in found for p in f.positions]
    for f in (r.function for r in registered("titles")):
        for out in f(ctx, list(positions)):
            found.append(out)
            positions.extend(out.positions)
    for f in (r.function for r in registered("affiliations")):
        for m in person_mentions(ctx, once=False):
            out = f(ctx, m, positions)  # a counterpart holds the post its subject holds here
            if out is not None:
                found.append(out)
                positions.extend(out.positions)
    implied = {k: k.split(":", 1)[1] for f in found for k in f.countries}
    relations = [r for f in found for r in f.relations]
    return prefer_specific(positions), implied, relations


def positions_of(ctx: Context) -> list[Position]:
    """The positions :func:`find_positions` finds (for :class:`kg.nlp.context.Context`)."""
    return find_positions(ctx)[0]


def position_relations(ctx: Context, positions: list[Position]) -> list[Relation]:
    """``represents`` from positions in countries or organisations, ``advises`` from adviser
    titles held for a person."""
    out, seen = [], set()
    for p in positions:
        if not p.of or is_past_title(p.title):
            continue
        typ = ctx.actors.type_of(p.of) if p.of in ctx.actors.entities else p.of.split(":", 1)[0]
        if typ == "Person" and is_adviser_title(p.title):
            pred = "advises"
        elif typ in ("Country", "Organization"):
            pred = "represents"
        else:
            continue
        k = (p.person, pred, p.of)
        if k not in seen:
            seen.add(k)
            out.append(Relation(p.person, pred, p.of, p.evidence))
    return out
