"""Group references: "the two leaders", "both sides", "the pair" stand for exactly two actors of
the text before them, or for nothing. A mixin of :class:`kg.nlp.context.Context`."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import GroupNoun, group_nouns
from .vocab import vocab

__all__ = ["Groups"]

_GROUP_MODIFIER_DEPS = frozenset({"nummod", "det", "predet", "preconj", "quantmod", "amod"})


class Groups:
    """Group nouns and what they stand for (needs a DocumentIndex and Coreference)."""

    def group_noun(self, tok: Token) -> GroupNoun | None:
        """The group a noun phrase head refers back to: "the two leaders", "both sides", "the
        pair", "the presidents", "the two" alone; None for other nouns and for groups defined in
        place ("the two sides of the debate", "the countries' leaders")."""
        g = group_nouns().get(tok.lower_)
        if g is None or tok.pos_ not in ("NOUN", "PROPN", "NUM") or (tok.pos_ == "NUM" and g.needs != "self"):
            return None
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in vocab().words("possessive_prepositions")) for c in tok.children):
            return None
        words = {c.lower_ for c in tok.children if c.dep_ in _GROUP_MODIFIER_DEPS}
        if words & vocab().words("numbers"):
            return g
        if g.needs in ("the", "self") and words & vocab().words("definite_articles"):
            return g
        return None

    def resolve_group(self, tok: Token) -> list[str]:
        """The two actors a group reference ("the two leaders met") stands for, else nothing.

        Names in apposition ("the two leaders, X and Y,") come first. Otherwise the clause's
        sentence before the group, then up to ``group_lookback_sentences`` previous sentences of the
        paragraph (the last sentence of the previous paragraph when the clause opens one) are
        searched, nearest first: a pair of actors of the group's types made by coordination ("X
        and Y") or by an encounter verb ("X hosted Y", "X met with Y") that covers everything
        seen so far, else the actors of those types mentioned so far once there are two or more.
        Exactly two actors, none known to be of the other gender than the group's ("the two
        men"), give the answer; anything else gives nothing.
        """
        g = self.group_noun(tok)
        if g is None:
            return []
        for c in tok.children:
            if c.dep_ == "appos":
                named = self.actors_of(c, types=g.types, pronouns=False)
                return self._group_of(named, g)
        seen: list[str] = []
        for sent, before in self._group_window(tok):
            pair = self._pair_in(sent, before, g.types)
            if pair is not None and set(seen) <= set(pair):
                return self._group_of(pair, g)
            for m in self.actors.mentions:
                if sent.start <= m.start < (before if before is not None else sent.end):
                    if self.actors.type_of(m.key) in g.types and m.key not in seen:
                        seen.append(m.key)
            if len(seen) >= 2:
                return self._group_of(seen, g)
        return []

    def _group_of(self, keys: list[str], g: GroupNoun) -> list[str]:
        keys = list(dict.fromkeys(keys))
        if len(keys) == 2 and all(self.compatible(k, g.gender) for k in keys):
            return keys
        return []

    def _group_window(self, tok: Token) -> list[tuple[Span, int | None]]:
        """(sentence, token limit) pairs to search for a group's members, nearest first."""
        idx = self._token_sent[tok.i]
        window: list[tuple[Span, int | None]] = [(self.sents[idx], tok.i)]
        j = idx
        while j > 0 and idx - j < vocab().number("group_lookback_sentences"):
            brk = self.paragraph_break(j)
            if brk and j != idx:
                break
            if self.narrative(self.sents[j - 1]):
                window.append((self.sents[j - 1], None))
            j -= 1
            if brk:
                break
        return window

    def _pair_in(self, sent: Span, before: int | None, types: tuple[str, ...]) -> list[str] | None:
        """The one pair of actors a sentence couples ("X and Y", "X hosted Y"), else None."""
        pairs: list[tuple[str, ...]] = []
        for t in sent:
            if before is not None and t.i >= before:
                break
            if t.dep_ != "conj" and any(c.dep_ == "conj" for c in t.children):
                conj = self.conjuncts(t)
                keys = self.actors_of(t, types=types, pronouns=False)
                if len(conj) == 2 and len(keys) == 2:
                    pairs.append(tuple(keys))
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in vocab().words("pairing_verbs"):
                subs: list[str] = []
                objs: list[str] = []
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        subs.extend(self.actors_of(c, types=types, pronouns=False))
                    elif c.dep_ in ("dobj", "obj"):
                        objs.extend(self.actors_of(c, types=types, pronouns=False))
                    elif c.dep_ in ("prep", "agent") and c.lower_ in vocab().words("pairing_prepositions"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                objs.extend(self.actors_of(p, types=types, pronouns=False))
                if len(subs) == 1 and len(objs) == 1 and subs[0] != objs[0]:
                    pairs.append((subs[0], objs[0]))
        distinct = {frozenset(p) for p in pairs}
        return list(pairs[0]) if len(distinct) == 1 else None
