"""``locatedIn`` from the parse: where places and organisations are.

Rules:

``place-appos``
    "Covington, Okla.", "Toledo, Ohio": a place followed by a comma and a place or country in
    apposition, or coordinated with it when the pair stands alone (the parser often reads
    "Caracas, Venezuela" as coordination); a list "Paris, Berlin and Rome" or "Paris, Berlin,
    Rome" gives nothing.
``place-in``
    "Whitefish in northwest Montana", "Tennessee Tech in Cookville": a place or organisation
    modified by an ``in`` phrase naming a place or country (the phrase attaches to the noun, not
    to a verb); or, read by position, a place or organisation followed directly by "in", at most
    two determiners or lowercase adjectives ("the", "northern") and a place or country, however
    the parser attached the phrase.
``place-of``
    "Owens-Corning Fiberglass of Toledo": an organisation "of" a place.
``possessive-place``
    "Zambia's Kafue River": a country's or place's possessive on a place or organisation.
``based-in``
    "the Paris-based OECD", "a group based in Geneva".

A place in a place also lies in everything that place lies in ("Toledo, Ohio" after "X of
Toledo" gives X in Toledo and X in Ohio).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..records import Relation
from .context import Context

__all__ = ["find_locations"]

_CONTAINER_TYPES = ("Place", "Country")
_LOCATED_TYPES = ("Place", "Organization")
_POSS = {"'s", "\u2019s", "'", "\u2019"}


def _key(ctx: Context, tok: Token, types: tuple[str, ...]) -> str | None:
    k = ctx.actor(tok)
    if k and ctx.actors.type_of(k) in types:
        return k
    return None


def _comma_container(ctx: Context, m) -> str | None:
    """For "A, B" with A a place: B when it is a place or country closing the phrase (followed by
    punctuation or the end), and neither side is part of a list ("Paris, Berlin and Rome")."""
    doc = ctx.doc
    if m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return None
    nb = ctx.actors.at(m.end + 1)
    if nb is None or ctx.actors.type_of(nb.key) not in _CONTAINER_TYPES:
        return None
    a_root, b_root = doc[m.start:m.end].root, doc[nb.start:nb.end].root
    # the parser often reads "Caracas, Venezuela" as coordination: that is fine as long as the
    # pair is the whole of it (no third member: "Paris, Berlin, Rome")
    if (b_root.dep_ == "conj" and b_root.head.i != a_root.i) or a_root.dep_ == "conj" \
            or any(c.dep_ == "conj" and c.i != b_root.i for c in a_root.children):
        return None
    after = doc[nb.end] if nb.end < len(doc) else None
    if after is not None and (after.lower_ in ("and", "or") or (after.text == "," and nb.end + 1 < len(doc)
                                                                and doc[nb.end + 1].lower_ in ("and", "or"))):
        return None
    if after is not None and after.text == "," and _is_place_at(ctx, nb.end + 1):
        return None
    if after is not None and not (after.is_punct or after.is_space):
        return None
    return nb.key


def _is_place_at(ctx: Context, i: int) -> bool:
    m = ctx.actors.at(i) if i < len(ctx.doc) else None
    return m is not None and ctx.actors.type_of(m.key) in _CONTAINER_TYPES


def _in_next(ctx: Context, m) -> str | None:
    """For "A in [the] [northern] B" read by position: B when it is a place or country that
    starts right there (the parser often hangs the phrase on a verb or an earlier noun: "a
    patient at Mercy Hospital in Leeds", "Tarbert in northern Kintyre")."""
    doc = ctx.doc
    i = m.end
    if i >= len(doc) or doc[i].lower_ != "in":
        return None
    i += 1
    skipped = 0
    while i < len(doc) and skipped < 2 and ctx.actors.at(i) is None and (
            doc[i].pos_ == "DET" or (doc[i].pos_ == "ADJ" and doc[i].is_lower)):
        i += 1
        skipped += 1
    nb = ctx.actors.at(i) if i < len(doc) else None
    if nb is None or nb.start != i or ctx.actors.type_of(nb.key) not in _CONTAINER_TYPES:
        return None
    return nb.key


def find_locations(ctx: Context) -> list[Relation]:
    out: list[Relation] = []
    seen = set()

    def add(a: str, b: str, sent, rule: str, conf: float) -> None:
        if a == b or (a, b) in seen:
            return
        if ctx.actors.type_of(a) == "Country":
            return  # a country lies in nothing we can name reliably
        seen.add((a, b))
        out.append(Relation(a, "locatedIn", b, ctx.evidence(sent, rule, conf)))

    for sent in ctx.sents:
        if not ctx.narrative(sent):
            continue
        done_mentions = set()
        for tok in sent:
            m = ctx.actors.at(tok.i)
            if m is None or (m.start, m.key) in done_mentions:
                continue
            done_mentions.add((m.start, m.key))
            key = m.key
            typ = ctx.actors.type_of(key)
            root = ctx.doc[m.start:m.end].root
            # place-appos: "Covington, Okla." (by position, so that a mis-parse does not hide it)
            if typ == "Place":
                b = _comma_container(ctx, m)
                if b:
                    add(key, b, sent, "place-appos", 0.8)
            # organisation in apposition to a noun phrase with a place modifier:
            # "Sun Hung Kai Properties, a Hong Kong construction firm"
            if typ == "Organization":
                for c in root.children:
                    if c.dep_ == "appos" and c.pos_ == "NOUN":
                        for g in c.children:
                            if g.dep_ in ("compound", "nmod", "amod") and g.i < c.i:
                                b = _key(ctx, g, _CONTAINER_TYPES)
                                if b:
                                    add(key, b, sent, "org-appos-place", 0.7)
            if typ in _LOCATED_TYPES:
                # "Tarbert in northern Kintyre", by position (see _in_next)
                b = _in_next(ctx, m)
                if b:
                    add(key, b, sent, "place-in", 0.65)
                for c in root.children:
                    if c.dep_ != "prep":
                        continue
                    low = c.lower_
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        b = _key(ctx, p, _CONTAINER_TYPES)
                        if not b:
                            continue
                        if low == "in":
                            add(key, b, sent, "place-in", 0.7)
                        elif low == "of" and typ == "Organization":
                            add(key, b, sent, "place-of", 0.7)
                        else:
                            continue
                        # and the place's own apposition: "of Toledo, Ohio"
                        for a in p.children:
                            if a.dep_ == "appos":
                                b2 = _key(ctx, a, _CONTAINER_TYPES)
                                if b2:
                                    add(key, b2, sent, "place-appos", 0.7)
                # possessive-place: "Zambia's Kafue River"
                for c in root.children:
                    if c.dep_ == "poss" and any(g.text in _POSS for g in c.children):
                        b = _key(ctx, c, _CONTAINER_TYPES)
                        if b:
                            add(key, b, sent, "possessive-place", 0.7)
                    # based-in: "the Paris-based OECD"
                    if c.dep_ == "amod" and c.lower_ == "based":
                        for g in c.children:
                            b = _key(ctx, g, _CONTAINER_TYPES)
                            if b:
                                add(key, b, sent, "based-in", 0.8)
                # "X, based in Geneva" / "X, headquartered in Geneva"
                for c in root.children:
                    if c.dep_ == "acl" and c.lower_ in ("based", "headquartered", "located"):
                        for p in c.children:
                            if p.dep_ == "prep" and p.lower_ in ("in", "at"):
                                for o in p.children:
                                    b = _key(ctx, o, _CONTAINER_TYPES)
                                    if b:
                                        add(key, b, sent, "based-in", 0.8)
    return out
