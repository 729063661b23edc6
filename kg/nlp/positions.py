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

from bisect import bisect_left
from functools import lru_cache

from ..records import Position, Relation
from .context import Context
from .lexicon import countries, honorifics, read_lines
from .titles import title_above

__all__ = ["find_positions", "position_relations", "complete_origins", "is_past_title"]

_ADVISER = ("advis", "aide", "counsel")
_PAST = ("former ", "ex-", "ex ")


def is_past_title(title: str) -> bool:
    """A title that names a post no longer held: "former judge", "ex-president".

    >>> is_past_title("former Prime Minister"), is_past_title("Prime Minister")
    (True, False)
    """
    return title.casefold().startswith(_PAST)
_POSS = {"'s", "\u2019s", "'", "\u2019"}



def _origin_before(ctx: Context, i: int) -> tuple[str | None, str]:
    """The origin that ends at token ``i`` (exclusive): (entity key or None, rule detail)."""
    doc = ctx.doc
    if i <= 0:
        return None, ""
    prev = doc[i - 1]
    # possessive: "Fortier's", "Canada's"
    if prev.text in _POSS and i >= 2:
        m = ctx.actors.at(i - 2)
        if m:
            return m.key, "possessive"
        return None, ""
    # "the Red Cross said its president, X, ...": "its" is the organisation of the clause above
    if prev.dep_ == "poss" and prev.lower_ == "its":
        node = prev.head
        while node.head.i != node.i:
            node = node.head
            subj = [ctx.actor(c) for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < prev.i]
            orgs = [k for k in subj if k and ctx.actors.type_of(k) in ("Organization", "Country")]
            if orgs:
                return orgs[0], "possessive-pronoun"
        return None, ""
    # possessive pronoun: "his adviser" (the person "he" safely stands for)
    if prev.dep_ == "poss" and prev.pos_ == "PRON":
        keys = ctx.resolve_pronoun(prev)
        if len(keys) == 1 and ctx.actors.type_of(keys[0]) == "Person":
            return keys[0], "possessive-pronoun"
        return None, ""
    m = ctx.actors.at(i - 1)
    if m and ctx.actors.type_of(m.key) in ("Country", "Organization", "Place"):
        return m.key, "modifier"
    # nationality adjective ("Russian", "French", "South Korean") -> country entity
    if i >= 2 and doc[i - 2].text[:1].isupper():
        adj2 = countries().from_adjective(f"{doc[i - 2].text} {prev.text}")
        if adj2 and prev.text[:1].isupper():
            return f"Country:{adj2}", "nationality"
    adj = countries().from_adjective(prev.text)
    if adj and prev.text[:1].isupper():
        return f"Country:{adj}", "nationality"
    return None, ""


def _origin_after(ctx: Context, title_head) -> tuple[str | None, str]:
    """An origin in a ``of/for/at/with/to`` phrase of a title noun: "chief of staff for the NRC",
    "an official with the Party", "the foreign minister of Peru", "an adviser to Ana Reyes"."""
    adviser = any(w in title_head.lower_ for w in _ADVISER)
    types = ("Country", "Organization", "Person") if adviser else ("Country", "Organization")
    for p in title_head.subtree:
        if p.dep_ == "prep" and p.lower_ in ("of", "for", "at", "with", "to") and p.head.i >= title_head.left_edge.i:
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                # the organisation may modify the object: "chairman of the Bar Council delegation"
                for t in [o] + [c for c in o.children if c.dep_ in ("compound", "nmod", "poss")]:
                    k = ctx.actor(t)
                    if k and ctx.actors.type_of(k) in types:
                        return k, p.lower_
    return None, ""


def _origin_after_name(ctx: Context, m) -> tuple[str | None, str]:
    """A country or organisation in an "of" phrase right after a titled name: "President Rosa
    Vidal of Chile" -> Chile."""
    head = ctx.doc[m.start:m.end].root
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == m.end:
            for o in c.children:
                k = ctx.actor(o) if o.dep_ == "pobj" else None
                if k and ctx.actors.type_of(k) in ("Country", "Organization"):
                    return k, "name-of"
    return None, ""


class _CoordinatedOrganizations:
    """'NAME of/at ORG' phrases of coordinated names ("Ann Lee and Bo Kim of Acme"): each name
    takes the organisations of the phrase on itself or, failing that, on the nearest conjunct after
    it. Each coordination is read once, so a list of thousands of names costs linear time."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._root: dict[int, int] = {}  # token index -> index of the first conjunct of its coordination
        self._phrases: dict[int, list[tuple[int, list[str]]]] = {}  # first conjunct -> [(i, orgs)]

    def _first_conjunct(self, tok) -> int:
        path = []
        while tok.dep_ == "conj" and tok.head.i != tok.i and tok.i not in self._root:
            path.append(tok.i)
            tok = tok.head
        root = self._root.get(tok.i, tok.i)
        for i in path:
            self._root[i] = root
        return root

    def _organizations_of(self, h) -> list[str]:
        ctx, out = self.ctx, []
        for c in h.children:
            # the phrase must follow a name directly ("Bo Kim of Acme", not "the deal of Acme")
            if c.dep_ != "prep" or c.lower_ not in ("of", "at") or ctx.actors.at(c.i - 1) is None:
                continue
            for o in c.children:
                k = ctx.actor(o) if o.dep_ == "pobj" else None
                if k and ctx.actors.type_of(k) == "Organization":
                    out.append(k)
        return out

    def organizations_after(self, head) -> list[str]:
        root = self._first_conjunct(head)
        if root not in self._phrases:
            first = self.ctx.doc[root]
            members = sorted([first, *first.conjuncts], key=lambda t: t.i)
            self._phrases[root] = [(t.i, orgs) for t in members if (orgs := self._organizations_of(t))]
        phrases = self._phrases[root]
        j = bisect_left(phrases, head.i, key=lambda p: p[0])
        return phrases[j][1] if j < len(phrases) else []


def find_positions(ctx: Context) -> tuple[list[Position], dict[str, str], list[Relation]]:
    """Positions of persons in the narrative; countries implied by nationality adjectives
    (key -> canonical name) that must exist as entities; ``represents`` relations from a
    country's possessive on a bare name."""
    titles_by_end = ctx.title_spans()[1]
    titles_by_start = {t.start: t for t in titles_by_end.values()}
    positions: list[Position] = []
    extra_rel: list[Relation] = []
    implied: dict[str, str] = {}
    seen_mentions = set()
    coordinated = _CoordinatedOrganizations(ctx)
    for m in ctx.actors.mentions:
        if ctx.actors.type_of(m.key) != "Person" or (m.start, m.key) in seen_mentions:
            continue
        seen_mentions.add((m.start, m.key))
        sent = ctx.sent_of(m.start)
        if not ctx.narrative(sent):
            continue
        # [ORIGIN] TITLE [courtesy title] NAME ("Foreign Minister Prince Faisal")
        title = titles_by_end.get(m.start)
        if title is None and m.start > 0 and ctx.doc[m.start - 1].text in honorifics():
            title = titles_by_end.get(m.start - 1)
        if title is not None:
            origin, how = _origin_before(ctx, title.start)
            if origin is None:
                origin, how = _origin_after_name(ctx, m)
            positions.append(_position(ctx, m.key, title.text, origin, sent, "title-premodifier", how))
            if origin and origin.startswith("Country:"):
                implied[origin] = origin.split(":", 1)[1]
            if origin is not None:
                continue
            # "Professor X was a senior adviser to Y": a title without origin before the name
            # does not stop the apposition and copula rules from finding another post
        # NAME, [the] TITLE of ORIGIN  |  NAME, ORIGIN's TITLE
        head = ctx.doc[m.start:m.end].root
        found = False
        for c in head.children:
            if c.dep_ != "appos":
                continue
            tspan = next((t for s, t in titles_by_start.items() if c.left_edge.i <= s <= c.i < t.end), None)
            if tspan is None:
                continue
            origin, how = _origin_before(ctx, tspan.start)
            if origin is None:
                origin, how = _origin_after(ctx, c)
            positions.append(_position(ctx, m.key, tspan.text, origin, sent, "title-apposition", how))
            found = True
        # ORIGIN's TITLE, NAME  |  the TITLE of ORIGIN, NAME: the name is in apposition to the title
        if not found and head.dep_ == "appos" and head.head.i < m.start:
            # "the special envoy for South Sudan, X": the parse may hang the name on the last
            # noun of the title's phrase; climb its prepositions back to the title
            t = title_above(head.head, lambda x: x.i + 1 in titles_by_end) or head.head
            tspan = titles_by_end.get(t.i + 1)
            if tspan is not None and ctx.actors.at(t.i) is None:
                origin, how = _origin_before(ctx, tspan.start)
                if origin is None:
                    origin, how = _origin_after(ctx, t)
                if origin is None:  # "India's external affairs minister, X": a possessor further left
                    owner = next((ctx.actor(c) for c in t.children if c.dep_ == "poss" and ctx.actor(c)), None)
                    if owner and ctx.actors.type_of(owner) in ("Country", "Organization"):
                        origin, how = owner, "possessive"
                positions.append(_position(ctx, m.key, tspan.text, origin, sent, "title-apposition", how))
                found = True
        # NAME is/was [the] TITLE of/at/for ORIGIN
        if not found and head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
            for attr in head.head.children:
                if attr.dep_ != "attr":
                    continue
                tspan = titles_by_end.get(attr.i + 1)
                if tspan is None:
                    continue
                origin, how = _origin_before(ctx, tspan.start)
                if origin is None:
                    origin, how = _origin_after(ctx, attr)
                if origin is not None:
                    positions.append(_position(ctx, m.key, tspan.text, origin, sent, "title-copula", how))
                    found = True
        # NAME of/at ORG: "Jane Roe of Acme Corp", "Jane Roe at the Institute" (no title);
        # coordinated names share the phrase: "Ann Lee and Bo Kim of Acme"
        if not found:
            for k in coordinated.organizations_after(head):
                extra_rel.append(Relation(m.key, "represents", k, ctx.evidence(sent, "name-of-organization", 0.6)))
    # "his Indian counterpart Subrahmanyam Jaishankar": a counterpart from a country represents it
    for m in ctx.actors.mentions:
        if ctx.actors.type_of(m.key) != "Person" or not ctx.narrative(ctx.sent_of(m.start)):
            continue
        root = ctx.doc[m.start:m.end].root
        cp = None
        if m.start > 0 and ctx.doc[m.start - 1].lemma_.lower() == "counterpart" and root.head.i == m.start - 1:
            cp = ctx.doc[m.start - 1]
        elif (root.dep_ == "appos" and root.head.lemma_.lower() == "counterpart" and root.head.i < m.start
              and all(t.is_punct for t in ctx.doc[root.head.i + 1:m.start])):  # "counterpart, Ion Rusu"
            cp = root.head
        if cp is None:
            continue
        sent = ctx.sent_of(m.start)
        for c in cp.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < cp.i:
                adj = countries().from_adjective(c.text)
                origin = f"Country:{adj}" if adj else (ctx.actor(c) if ctx.actor(c) and ctx.actors.type_of(ctx.actor(c)) == "Country" else None)
                if origin:
                    implied.setdefault(origin, origin.split(":", 1)[1]) if origin.startswith("Country:") else None
                    extra_rel.append(Relation(m.key, "represents", origin, ctx.evidence(sent, "counterpart", 0.75)))
                    title = _counterpart_title(ctx, cp, positions, origin)
                    if title:
                        positions.append(_position(ctx, m.key, title, origin, sent, "counterpart", ""))
    # possessive country on a bare name: "Chile's Vidal"
    extra: list[Relation] = extra_rel
    for m in ctx.actors.mentions:
        if ctx.actors.type_of(m.key) != "Person" or m.start < 2 or not ctx.narrative(ctx.sent_of(m.start)):
            continue
        origin, how = _origin_before(ctx, m.start)
        if origin and how == "possessive" and ctx.actors.type_of(origin) == "Country":
            extra.append(Relation(m.key, "represents", origin, ctx.evidence(ctx.sent_of(m.start), "possessive-actor", 0.6)))
    return _prefer_specific(positions), implied, extra


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


def _position(ctx, person, title_text, origin, sent, rule, how) -> Position:
    title = " ".join(title_text.split())
    conf = 0.9 if origin else 0.75
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
        if typ == "Person" and any(w in p.title.casefold() for w in _ADVISER):
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


@lru_cache(maxsize=1)
def national_titles() -> dict[str, str]:
    """Titles that name their country by themselves (``patterns/national_titles.tsv``).

    >>> national_titles()["foreign secretary"], "president" in national_titles()
    ('United Kingdom', False)
    """
    out = {}
    for line in read_lines("national_titles.tsv"):
        title, country = (c.strip() for c in line.split("\t")[:2])
        out[title.casefold()] = country
    return out


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
                         type(ev)(ev.sentence, ev.start, ev.end, ev.rule + "/national-title", round(ev.confidence * 0.95, 3)))
        out.append(p)
    return out, implied


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
                         type(ev)(ev.sentence, ev.start, ev.end, ev.rule + "/document-country", round(ev.confidence * 0.9, 3)))
        out.append(p)
    return _prefer_specific(out)
