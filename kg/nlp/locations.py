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
``national-place``
    "the Syrian border city of Manbij", "the Kenyan capital, Nairobi".
``possessive-place``
    "Zambia's Kafue River": a country's or place's possessive on a place or organisation.
``based-in``
    "the Paris-based OECD", "a group based in Geneva".

A place in a place also lies in everything that place lies in ("Toledo, Ohio" after "X of
Toledo" gives X in Toledo and X in Ohio).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..gazetteer import places
from ..records import Relation
from .context import Context
from .lexicon import countries
from .rules import registered, rule
from .vocab import vocab

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
    v = vocab()
    lists = v.words("list_conjunctions")
    if after is not None and (after.lower_ in lists or (after.text == "," and nb.end + 1 < len(doc)
                                                             and doc[nb.end + 1].lower_ in lists)):
        return None
    if after is not None and after.text == "," and _is_place_at(ctx, nb.end + 1) and not _closing_country(ctx, nb):
        return None
    # "in Da Nang, Vietnam February 26" (a caption's date right after)
    dates = v.words("months") | v.words("weekdays")
    if after is not None and not (after.is_punct or after.is_space or after.lower_ in dates):
        return None
    return nb.key


def _closing_country(ctx: Context, nb) -> bool:
    """Whether place ``nb`` is followed by a comma and a country or region that closes the
    phrase, as in "Harpenden, Hertfordshire, England, Wednesday": a chain of places, not a list
    ("Paris, Berlin, Germany": the middle one is no city the gazetteer knows, the last a country
    or region, and no "and" follows)."""
    doc = ctx.doc
    c = ctx.actors.at(nb.end + 1)
    if c is None or ctx.actors.type_of(nb.key) == "Country" or any(p.kind == "city" for p in places(nb.text)):
        return False
    if ctx.actors.type_of(c.key) != "Country" and not any(p.kind == "region" for p in places(c.text)):
        return False
    after = doc[c.end] if c.end < len(doc) else None
    return after is None or (after.is_punct and not (c.end + 1 < len(doc) and doc[c.end + 1].lower_ in vocab().words("list_conjunctions")))


def _is_place_at(ctx: Context, i: int) -> bool:
    m = ctx.actors.at(i) if i < len(ctx.doc) else None
    return m is not None and ctx.actors.type_of(m.key) in _CONTAINER_TYPES


def _in_next(ctx: Context, m) -> str | None:
    """For "A in [the] [northern] B" read by position: B when it is a place or country that
    starts right there (the parser often hangs the phrase on a verb or an earlier noun: "a
    patient at Mercy Hospital in Leeds", "Tarbert in northern Kintyre")."""
    doc = ctx.doc
    i = m.end
    if i >= len(doc) or doc[i].lower_ not in vocab().words("in_prepositions"):
        return None
    i += 1
    skipped = 0
    while i < len(doc) and skipped < vocab().number("place_in_max_modifiers") and ctx.actors.at(i) is None and (
            doc[i].pos_ == "DET" or (doc[i].pos_ == "ADJ" and doc[i].is_lower)):
        i += 1
        skipped += 1
    nb = ctx.actors.at(i) if i < len(doc) else None
    if nb is None or nb.start != i or ctx.actors.type_of(nb.key) not in _CONTAINER_TYPES:
        return None
    return nb.key


#: A finding of a location rule: (the container's key, the rule name, its confidence key).
Found = tuple[str, str, str]


@rule("place-appos", "locations", words=("list_conjunctions",))
def place_appos(ctx: Context, m, root: Token, typ: str) -> list[Found]:
    """"Covington, Okla.", "Toledo, Ohio": a place, a comma and a place or country (by position; "Paris, Berlin and Rome" is a list)."""
    b = _comma_container(ctx, m) if typ == "Place" else None
    return [(b, "place-appos", "place-appos")] if b else []


@rule("org-appos-place", "locations")
def org_appos_place(ctx: Context, m, root: Token, typ: str) -> list[Found]:
    """"Sun Hung Kai Properties, a Hong Kong construction firm": an organisation in apposition to a noun with a place modifier."""
    if typ != "Organization":
        return []
    return [(b, "org-appos-place", "org-appos-place") for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"
            for g in c.children if g.dep_ in ("compound", "nmod", "amod") and g.i < c.i
            and (b := _key(ctx, g, _CONTAINER_TYPES))]


@rule("place-in", "locations", words=("in_prepositions", "place_in_max_modifiers"), variants=("place-of",))
def place_in(ctx: Context, m, root: Token, typ: str) -> list[Found]:
    """"Whitefish in northwest Montana", "Tarbert in northern Kintyre" (also by position); an organisation "of" a place (place-of), "of Toledo, Ohio"."""
    if typ not in _LOCATED_TYPES:
        return []
    b = _in_next(ctx, m)
    out = [(b, "place-in", "place-in/by-position")] if b else []
    for c in (c for c in root.children if c.dep_ == "prep"):
        for p in (p for p in c.children if p.dep_ == "pobj"):
            b = _key(ctx, p, _CONTAINER_TYPES)
            if b and c.lower_ in vocab().words("in_prepositions"):
                out.append((b, "place-in", "place-in"))
            elif b and c.lower_ in vocab().words("possessive_prepositions") and typ == "Organization":
                out.append((b, "place-of", "place-of"))
            else:
                continue
            # and the place's own apposition: "of Toledo, Ohio"
            out.extend((b2, "place-appos", "place-appos/of-phrase") for a in p.children
                       if a.dep_ == "appos" and (b2 := _key(ctx, a, _CONTAINER_TYPES)))
    return out


@rule("national-place", "locations", words=("place_nouns", "possessive_prepositions"))
def national_place(ctx: Context, m, root: Token, typ: str) -> list[Found]:
    """"the Syrian border city of Manbij", "the Kenyan capital, Nairobi", "the northern
    Syrian town Tal Abyad": a place named as a city, town or capital of a nationality."""
    if typ != "Place":
        return []
    v = vocab()
    noun = root.head
    if root.dep_ == "pobj" and noun.lower_ in v.words("possessive_prepositions"):
        noun = noun.head  # "city of X"
    elif root.dep_ != "appos":
        return []
    if noun.lemma_.lower() not in v.words("place_nouns") or noun.i > m.start:
        return []
    found = {f"Country:{c}" for g in noun.children if g.dep_ in ("amod", "compound") and g.i < noun.i
             and (c := countries().from_adjective(g.text))}
    return [(found.pop(), "national-place", "national-place")] if len(found) == 1 else []


@rule("possessive-place", "locations")
def possessive_place(ctx: Context, m, root: Token, typ: str) -> list[Found]:
    """"Zambia's Kafue River": a country's or place's possessive on a place or organisation."""
    if typ not in _LOCATED_TYPES:
        return []
    return [(b, "possessive-place", "possessive-place") for c in root.children
            if c.dep_ == "poss" and any(g.text in _POSS for g in c.children) and (b := _key(ctx, c, _CONTAINER_TYPES))]


@rule("based-in", "locations", words=("based_modifiers", "based_participles", "based_prepositions"))
def based_in(ctx: Context, m, root: Token, typ: str) -> list[Found]:
    """"the Paris-based OECD", "a group based in Geneva", "headquartered in"."""
    if typ not in _LOCATED_TYPES:
        return []
    v = vocab()
    out = [(b, "based-in", "based-in") for c in root.children if c.dep_ == "amod" and c.lower_ in v.words("based_modifiers")
           for g in c.children if (b := _key(ctx, g, _CONTAINER_TYPES))]
    out += [(b, "based-in", "based-in") for c in root.children
            if c.dep_ == "acl" and c.lower_ in v.words("based_participles")
            for p in c.children if p.dep_ == "prep" and p.lower_ in v.words("based_prepositions")
            for o in p.children if (b := _key(ctx, o, _CONTAINER_TYPES))]
    return out


def _mentions(ctx: Context):
    """(sentence, mention) of every narrative or caption sentence ("... in Da Nang, Vietnam February
    26, 2019. REUTERS/..."), each mention once."""
    for sent in ctx.sents:
        if not (ctx.narrative(sent) or ctx.caption(sent)):
            continue
        done = set()
        for tok in sent:
            m = ctx.actors.at(tok.i)
            if m is not None and (m.start, m.key) not in done:
                done.add((m.start, m.key))
                yield sent, m


def find_locations(ctx: Context) -> list[Relation]:
    """``locatedIn`` of every place and organisation: each mention is offered to every
    ``locations`` rule; a pair found twice keeps its first evidence, and a country lies in nothing."""
    out: list[Relation] = []
    seen = set()
    rules = [r.function for r in registered("locations")]
    for sent, m in _mentions(ctx):
        typ = ctx.actors.type_of(m.key)
        root = ctx.doc[m.start:m.end].root
        for f in rules:
            for b, name, conf in f(ctx, m, root, typ):
                if m.key == b or (m.key, b) in seen or typ == "Country":
                    continue  # a country lies in nothing we can name reliably
                seen.add((m.key, b))
                c = vocab().confidence(conf) * (vocab().confidence("caption-discount") if ctx.caption(sent) else 1.0)
                out.append(Relation(m.key, "locatedIn", b, ctx.evidence(sent, name, round(c, 3))))
    return out
