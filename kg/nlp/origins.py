"""Where a post is held: the country, organisation or person a title names before or after it
("U.S. Secretary of State", "the foreign minister of Peru", "his adviser", "Jane Roe of Acme")."""
from __future__ import annotations

from bisect import bisect_left

from .context import Context
from .lexicon import countries, is_past_title, name_heads
from .vocab import vocab

__all__ = ["origin_before", "origin_after", "origin_after_name", "CoordinatedOrganizations", "is_past_title",
           "is_adviser_title"]

_POSS = {"'s", "\u2019s", "'", "\u2019"}


def is_adviser_title(title: str) -> bool:
    """A title held for a person: "security adviser", "aide", "counsellor".

    >>> is_adviser_title("national security adviser"), is_adviser_title("foreign minister")
    (True, False)
    """
    return any(w in title.casefold() for w in vocab().words("adviser_title_stems"))


def origin_before(ctx: Context, i: int) -> tuple[str | None, str]:
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
    if prev.dep_ == "poss" and prev.lower_ in vocab().words("organization_pronouns"):
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
    # "Acme union boss": the organisation's kind between its name and the title
    if i >= 2 and prev.is_lower and prev.pos_ == "NOUN" and name_heads().get(prev.text.capitalize()) == "Organization":
        m = ctx.actors.at(i - 2)
        if m and ctx.actors.type_of(m.key) == "Organization":
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


def _own_subtree(head):
    """A title noun's phrase without its conjuncts ("analyst" of "a former analyst and now a senior
    fellow at Chatham House")."""
    conjuncts = [c for c in head.children if c.dep_ in ("conj", "cc")]
    skip = {t.i for c in conjuncts for t in c.subtree}
    return [t for t in head.subtree if t.i not in skip]


def origin_after(ctx: Context, title_head, *, own: bool = False) -> tuple[str | None, str]:
    """An origin in a ``of/for/at/with/to`` phrase of a title noun: "chief of staff for the NRC",
    "an official with the Party", "the foreign minister of Peru", "an adviser to Ana Reyes".
    With ``own``, only the title's own phrase, not a conjunct's ("the foreign minister and deputy
    prime minister of Peru" shares its origin; "a former analyst and now a fellow at Chatham House"
    does not)."""
    adviser = is_adviser_title(title_head.lower_)
    types = ("Country", "Organization", "Person") if adviser else ("Country", "Organization")
    preps = vocab().words("title_origin_prepositions")
    for p in (_own_subtree(title_head) if own else title_head.subtree):
        if p.dep_ == "prep" and p.lower_ in preps and p.head.i >= title_head.left_edge.i:
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                # the organisation may modify the object: "chairman of the Bar Council delegation";
                # where one works is the whole organisation: "a fellow at the Acme Foundation's
                # Asia Center" -> Acme Foundation (but "director of Acme's Asia Center" heads it)
                owner = next((c for c in o.children if c.dep_ == "poss" or (
                    c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children))), None)
                if p.lower_ == "at" and owner is not None and ctx.actor(owner) \
                        and ctx.actors.type_of(ctx.actor(owner)) == "Organization" and ctx.actor(o) != ctx.actor(owner):
                    return ctx.actor(owner), p.lower_
                for t in [o] + [c for c in o.children if c.dep_ in ("compound", "nmod", "poss")]:
                    k = ctx.actor(t)
                    if k and ctx.actors.type_of(k) in types:
                        return k, p.lower_
    return None, ""


def origin_after_name(ctx: Context, m) -> tuple[str | None, str]:
    """A country or organisation in an "of" phrase right after a titled name: "President Rosa
    Vidal of Chile" -> Chile."""
    head = ctx.doc[m.start:m.end].root
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in vocab().words("possessive_prepositions") and c.i == m.end:
            for o in c.children:
                k = ctx.actor(o) if o.dep_ == "pobj" else None
                if k and ctx.actors.type_of(k) in ("Country", "Organization"):
                    return k, "name-of"
    return None, ""


class CoordinatedOrganizations:
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
            if c.dep_ != "prep" or c.lower_ not in vocab().words("affiliation_prepositions") or ctx.actors.at(c.i - 1) is None:
                continue
            name = ctx.actors.at(h.i)
            first = name.start if name is not None else h.i
            if c.lower_ in vocab().words("locative_prepositions") and (
                    h.dep_ in ("dobj", "obj", "pobj") or (first > 0 and ctx.doc[first - 1].tag_.startswith("VB"))):
                continue  # "Trump hosted Erdogan at the White House": where, not whose (however parsed)
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
