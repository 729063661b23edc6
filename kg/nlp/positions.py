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

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from ..records import Position, Relation
from .context import Context
from .lexicon import countries, honorifics, national_titles
from .origins import (
    CoordinatedOrganizations, is_adviser_title, is_past_title, origin_after, origin_after_name, origin_before,
)
from .rules import registered, rule
from .titles import title_above
from .vocab import vocab

__all__ = ["find_positions", "positions_of", "position_relations", "complete_origins", "national_origins", "is_past_title", "Found"]


@dataclass(frozen=True)
class Found:
    """What one position rule proposes for one mention: positions, relations, the country keys
    they imply (a nationality adjective's country must become an entity), and whether the later
    rules of the chain are to leave the mention alone."""

    positions: tuple[Position, ...] = ()
    relations: tuple[Relation, ...] = ()
    countries: tuple[str, ...] = ()
    final: bool = False


def title_text(ctx: Context, span) -> str:
    """A title as held: its words, with "former" when a past marker stands before it or before
    the name of where it was held ("the former Foreign Office minister", "a former White House
    official"): a past post gives no ``represents``."""
    i = span.start - 1
    m = ctx.actors.at(i) if i >= 0 else None
    if m is not None and ctx.actors.type_of(m.key) in ("Organization", "Country", "Place"):
        i = m.start - 1
    past = vocab().words("past_title_words")
    if i >= 0 and ctx.doc[i].lower_ in past and not span.text.casefold().startswith(tuple(past)):
        return f"{ctx.doc[i].lower_} {span.text}"
    return span.text


def _countries(*keys: str | None) -> tuple[str, ...]:
    return tuple(k for k in keys if k and k.startswith("Country:"))


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
    return Found((_position(ctx, m.key, title_text(ctx, title), origin, sent, "title-premodifier", how),),
                 countries=_countries(origin), final=origin is not None)


def _apposition_of_name(ctx: Context, m, sent, head) -> list[Position]:
    """"NAME, [the] TITLE of ORIGIN", "NAME, ORIGIN's TITLE"."""
    starts = {t.start: t for t in ctx.title_spans()[1].values()}
    out = []
    for c in head.children:
        if c.dep_ != "appos":
            continue
        tspan = next((t for s, t in starts.items() if c.left_edge.i <= s <= c.i < t.end), None)
        if tspan is None:
            continue
        origin, how = origin_before(ctx, tspan.start)
        if origin is None:
            origin, how = origin_after(ctx, c)
        out.append(_position(ctx, m.key, title_text(ctx, tspan), origin, sent, "title-apposition", how))
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
    origin, how = origin_before(ctx, tspan.start)
    if origin is None:
        origin, how = origin_after(ctx, t)
    if origin is None:  # "India's external affairs minister, X": a possessor further left
        owner = next((ctx.actor(c) for c in t.children if c.dep_ == "poss" and ctx.actor(c)), None)
        if owner and ctx.actors.type_of(owner) in ("Country", "Organization"):
            origin, how = owner, "possessive"
    return [_position(ctx, m.key, title_text(ctx, tspan), origin, sent, "title-apposition", how)]


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
        origin, how = origin_before(ctx, tspan.start)
        if origin is None:
            origin, how = origin_after(ctx, attr)
        if origin is not None:
            found.append(_position(ctx, m.key, title_text(ctx, tspan), origin, sent, "title-copula", how))
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


def _counterpart_of(ctx: Context, m):
    """The "counterpart" noun a person's name is attached to ("his Indian counterpart X",
    "counterpart, Ion Rusu"), or ``None``."""
    root, words = ctx.doc[m.start:m.end].root, vocab().words("counterpart_words")
    if m.start > 0 and ctx.doc[m.start - 1].lemma_.lower() in words and root.head.i == m.start - 1:
        return ctx.doc[m.start - 1]
    if (root.dep_ == "appos" and root.head.lemma_.lower() in words and root.head.i < m.start
            and all(t.is_punct for t in ctx.doc[root.head.i + 1:m.start])):
        return root.head
    return None


@rule("counterpart", "affiliations", words=("counterpart_words",))
def counterpart(ctx: Context, m, positions: list[Position]) -> Found | None:
    """"X met his Chilean counterpart, Y": Y represents Chile and, when X's title is stated in the sentence, holds it there."""
    cp = _counterpart_of(ctx, m)
    if cp is None:
        return None
    sent = ctx.sent_of(m.start)
    out = []
    for c in cp.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < cp.i:
            adj = countries().from_adjective(c.text)
            k = ctx.actor(c)
            origin = f"Country:{adj}" if adj else (k if k and ctx.actors.type_of(k) == "Country" else None)
            if not origin:
                continue
            rel = Relation(m.key, "represents", origin, ctx.evidence(sent, "counterpart", vocab().confidence("counterpart")))
            title = _counterpart_title(ctx, cp, positions, origin)
            pos = (_position(ctx, m.key, title, origin, sent, "counterpart", ""),) if title else ()
            out.append(Found(pos, (rel,), _countries(origin)))
    return Found(tuple(p for f in out for p in f.positions), tuple(r for f in out for r in f.relations),
                 tuple(k for f in out for k in f.countries)) if out else None


@rule("possessive-actor", "affiliations")
def possessive_actor(ctx: Context, m, positions: list[Position]) -> Found | None:
    """"Chile's Vidal": a country's possessive on a person's name, represents (lower confidence)."""
    if m.start < 2:
        return None
    origin, how = origin_before(ctx, m.start)
    if not (origin and how == "possessive" and ctx.actors.type_of(origin) == "Country"):
        return None
    ev = ctx.evidence(ctx.sent_of(m.start), "possessive-actor", vocab().confidence("possessive-actor"))
    return Found(relations=(Relation(m.key, "represents", origin, ev),))


def _person_mentions(ctx: Context, once: bool):
    seen = set()
    for m in ctx.actors.mentions:
        if ctx.actors.type_of(m.key) != "Person" or (once and (m.start, m.key) in seen):
            continue
        seen.add((m.start, m.key))
        if ctx.narrative(ctx.sent_of(m.start)):
            yield m


def find_positions(ctx: Context) -> tuple[list[Position], dict[str, str], list[Relation]]:
    """Positions of persons in the narrative; countries implied by nationality adjectives
    (key -> canonical name) that must exist as entities; ``represents`` relations.

    Each person's mention goes through the ``positions`` rules in order until one says it is
    final; then every mention through the ``affiliations`` rules, which see those positions."""
    found: list[Found] = []
    chain = [r.function for r in registered("positions")]
    for m in _person_mentions(ctx, once=True):
        sent = ctx.sent_of(m.start)
        for f in chain:
            out = f(ctx, m, sent)
            if out is not None:
                found.append(out)
                if out.final:
                    break
    positions = [p for f in found for p in f.positions]
    for f in (r.function for r in registered("affiliations")):
        for m in _person_mentions(ctx, once=False):
            out = f(ctx, m, positions)  # a counterpart holds the post its subject holds here
            if out is not None:
                found.append(out)
                positions.extend(out.positions)
    implied = {k: k.split(":", 1)[1] for f in found for k in f.countries}
    relations = [r for f in found for r in f.relations]
    return _prefer_specific(positions), implied, relations


def positions_of(ctx: Context) -> list[Position]:
    """The positions :func:`find_positions` finds (for :class:`kg.nlp.context.Context`)."""
    return find_positions(ctx)[0]


def _counterpart_title(ctx: Context, cp, positions: list[Position], origin: str) -> str | None:
    """The title of the person whose counterpart ``cp`` is ("X met his Chilean counterpart", "X
    and his Chilean counterpart"): the subject of the verb governing ``cp``, or the person it is
    coordinated with, when this sentence states exactly one title of theirs held with no country
    or in another country than ``origin`` (a counterpart holds the same post elsewhere)."""
    if cp.dep_ == "conj":  # "X and his Polish counterpart, Y, met"
        subjects = [ctx.actor(cp.head)]
    else:
        verb = cp.head
        while verb.dep_ == "prep":  # "X met with his counterpart"
            verb = verb.head
        subjects = [ctx.actor(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    sent = ctx.sent_of(cp)
    here = ctx.evidence(sent, "", 0.0)
    titles = {p.title for p in positions for k in subjects
              if k and p.person == k and (p.evidence.start, p.evidence.end) == (here.start, here.end) and p.of != origin
              and (p.of is None or p.of.startswith("Country:")) and not is_past_title(p.title)}
    return titles.pop() if len(titles) == 1 else None


def _position(ctx: Context, person: str, title_text: str, origin: str | None, sent, rule: str, how: str) -> Position:
    title = " ".join(title_text.split())
    conf = vocab().confidence("position" if origin else "position-without-origin")
    return Position(person, title, origin, ctx.evidence(sent, rule if not how else f"{rule}/{how}", conf))


def _prefer_specific(positions: list[Position]) -> list[Position]:
    """Drop a title with no origin when the same person holds the same title with one."""
    with_origin = {(p.person, p.title.casefold()) for p in positions if p.of}
    out, seen = [], set()
    for p in positions:
        if not p.of and (p.person, p.title.casefold()) in with_origin:
            continue
        k = (p.person, p.title.casefold(), p.of)
        if k in seen:
            continue
        seen.add(k)
        out.append(p)
    return out


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


@rule("national-title", "completions")
def national_origins(positions: list[Position]) -> tuple[list[Position], dict[str, str]]:
    """Give a title of national office without origin its country ("Foreign Secretary X" in the
    United Kingdom; rule suffix ``/national-title``), and the country keys that must exist."""
    out, implied = [], {}
    for p in positions:
        country = national_titles().get(p.title.casefold()) if p.of is None else None
        if country and not is_past_title(p.title):
            key = f"Country:{country}"
            implied[key] = country
            ev = p.evidence
            p = Position(p.person, p.title, key,
                         type(ev)(ev.sentence, ev.start, ev.end, ev.rule + "/national-title", round(ev.confidence * vocab().confidence("national-title-discount"), 3)))
        out.append(p)
    return out, implied


@rule("document-country", "completions")
def complete_origins(positions: list[Position], relations: list[Relation]) -> list[Position]:
    """Give a title without origin the one country its holder represents elsewhere in the
    document ("Chile's Vidal" ... "President Vidal" -> President of Chile)."""
    represented: dict[str, set[str]] = {}
    for r in relations:
        if r.predicate == "represents" and r.status == "asserted" and r.object.startswith("Country:"):
            represented.setdefault(r.subject, set()).add(r.object)
    for p in positions:
        if p.of and p.of.startswith("Country:") and not is_past_title(p.title):
            represented.setdefault(p.person, set()).add(p.of)
    out = []
    for p in positions:
        if p.of is None and len(represented.get(p.person, ())) == 1 and not is_past_title(p.title):
            (country,) = represented[p.person]
            ev = p.evidence
            p = Position(p.person, p.title, country,
                         type(ev)(ev.sentence, ev.start, ev.end, ev.rule + "/document-country", round(ev.confidence * vocab().confidence("document-country-discount"), 3)))
        out.append(p)
    return _prefer_specific(out)
