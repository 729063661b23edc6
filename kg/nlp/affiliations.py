"""Affiliation rules read after the positions of the whole document are known (kind
``affiliations``): a counterpart holds the post of the person whose counterpart they are; a
country's possessive on a name; a leader of a country by what they lead ("Under President X, the
United States ...", "President X ordered US troops ...")."""
from __future__ import annotations

from ..records import Position, Relation
from .context import Context
from .held import Found, countries_in, position
from .lexicon import countries, is_past_title, leader_titles
from .origins import origin_before
from .rules import rule
from .vocab import vocab

__all__ = ["counterpart", "possessive_actor", "under_leader", "commands_forces"]


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
            pos = (position(ctx, m.key, title, origin, sent, "counterpart", ""),) if title else ()
            out.append(Found(pos, (rel,), countries_in(origin)))
    return Found(tuple(p for f in out for p in f.positions), tuple(r for f in out for r in f.relations),
                 tuple(k for f in out for k in f.countries)) if out else None


@rule("possessive-actor", "affiliations")
def possessive_actor(ctx: Context, m, positions: list[Position]) -> Found | None:
    """"Chile's Vidal", "the Green Party's Ann Roe": a country's or organisation's possessive on a person's name, represents (lower confidence)."""
    if m.start < 2:
        return None
    origin, how = origin_before(ctx, m.start)
    if not (origin and how == "possessive" and ctx.actors.type_of(origin) in ("Country", "Organization")):
        return None
    ev = ctx.evidence(ctx.sent_of(m.start), "possessive-actor", vocab().confidence("possessive-actor"))
    return Found(relations=(Relation(m.key, "represents", origin, ev),))


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


def _leader_title(ctx: Context, m) -> str | None:
    """The leader's title right before a name ("President X", "Prime Minister Y"), or ``None``."""
    span = ctx.title_spans()[1].get(m.start)
    return span.text if span is not None and span.text.casefold() in leader_titles() else None


def _leads(ctx: Context, m, country: str, rule_name: str) -> Found:
    sent = ctx.sent_of(m.start)
    conf = vocab().confidence("position")
    title = _leader_title(ctx, m)
    pos = (position(ctx, m.key, title, country, sent, rule_name, ""),)
    rel = Relation(m.key, "represents", country, ctx.evidence(sent, rule_name, conf))
    return Found(pos, (rel,), countries_in(country))


@rule("under-leader", "affiliations", words=("leader_prepositions",), confidence="position")
def under_leader(ctx: Context, m, positions: list[Position]) -> Found | None:
    """"Under President X, the United States has ...": a leader's title and name after "under",
    on a clause whose subject is a country: X holds that title there."""
    root = ctx.doc[m.start:m.end].root
    prep = root.head
    if _leader_title(ctx, m) is None or root.dep_ != "pobj" or prep.lower_ not in vocab().words("leader_prepositions"):
        return None
    subjects = [ctx.actor(c) for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    found = [k for k in subjects if k and ctx.actors.type_of(k) == "Country"]
    return _leads(ctx, m, found[0], "under-leader") if len(found) == 1 else None


@rule("commands-forces", "affiliations", words=("command_verbs", "force_nouns"), confidence="position")
def commands_forces(ctx: Context, m, positions: list[Position]) -> Found | None:
    """"President X ordered US troops to withdraw", "Prime Minister Y sent British forces": a
    leader who orders a country's troops is that country's leader."""
    root = ctx.doc[m.start:m.end].root
    verb = root.head
    v = vocab()
    if _leader_title(ctx, m) is None or root.dep_ != "nsubj" or verb.lemma_.lower() not in v.words("command_verbs"):
        return None
    # the troops are the verb's object, or the subject of its clause ("ordered US troops to withdraw")
    troops = [t for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")
              for t in ([c] + [g for g in c.children if g.dep_ in ("nsubj", "dobj")])
              if t.lemma_.lower() in v.words("force_nouns")]
    found = set()
    for t in troops:
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < t.i:
                adj = countries().from_adjective(c.text)
                k = ctx.actor(c)
                origin = f"Country:{adj}" if adj else (k if k and ctx.actors.type_of(k) == "Country" else None)
                if origin:
                    found.add(origin)
    return _leads(ctx, m, found.pop(), "commands-forces") if len(found) == 1 else None
