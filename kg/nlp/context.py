"""Shared helpers for the parse-pattern rules: the actors a token stands for (through
coordination and safe pronoun resolution), evidence records, modality of a verb."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Evidence
from .actors import DocActors

__all__ = ["triggers", "Context", "SUBJECT_DEPS", "OBJECT_DEPS"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "dative"})
_PLURAL_PRONOUNS = frozenset({"they", "we"})
_SINGULAR_PRONOUNS = frozenset({"he", "she"})
_MODALS_PLANNED = frozenset({"will", "would", "'ll", "shall", "could", "may", "might", "should", "must", "can", "ca", "wo"})


@lru_cache(maxsize=1)
def triggers() -> dict:
    """The trigger vocabularies of ``patterns/relation_triggers.json``."""
    text = resources.files("kg.nlp").joinpath("patterns", "relation_triggers.json").read_text(encoding="utf-8")
    return json.loads(text)


class Context:
    """A Doc with its actors and the non-narrative ranges, plus resolution helpers."""

    def __init__(self, doc: Doc, actors: DocActors, skip: list[tuple[int, int]]):
        self.doc = doc
        self.actors = actors
        self.skip = skip
        self.sents = list(doc.sents)
        self._sent_index = {s.start: i for i, s in enumerate(self.sents)}

    # -- sentences -----------------------------------------------------------------------------
    def narrative(self, sent: Span) -> bool:
        """False for sentences inside a non-narrative line."""
        return not any(s <= sent.start_char < e for s, e in self.skip)

    def sentence_index(self, sent: Span) -> int:
        return self._sent_index[sent.start]

    def evidence(self, sent: Span, rule: str, confidence: float) -> Evidence:
        text = sent.text.strip()
        lead = len(sent.text) - len(sent.text.lstrip())
        start = sent.start_char + lead
        return Evidence(sentence=text, start=start, end=start + len(text), rule=rule, confidence=confidence)

    # -- actors --------------------------------------------------------------------------------
    def actor(self, tok: Token) -> str | None:
        m = self.actors.at(tok.i)
        return m.key if m else None

    def conjuncts(self, tok: Token) -> list[Token]:
        """The token and everything coordinated with it ("A, B and C")."""
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            if t in out:
                continue
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj")
        return sorted(out, key=lambda t: t.i)

    def actors_of(self, tok: Token, *, types: tuple[str, ...] | None = None) -> list[str]:
        """Actor keys a noun phrase head stands for, through coordination and pronouns."""
        keys: list[str] = []
        for t in self.conjuncts(tok):
            k = self.actor(t)
            if k is None and t.pos_ == "PRON":
                keys.extend(self.resolve_pronoun(t))
                continue
            if k is None:
                # The head may be a title ("co-chairman") whose name is an appos/compound child:
                # one actor per noun phrase, a person before the organisation that qualifies them
                # ("Tory co-chairman Liam Fox" is Liam Fox, not also the party).
                found = [self.actor(c) for c in t.children if c.dep_ in ("appos", "compound") and self.actor(c)]
                persons = [f for f in found if self.actors.type_of(f) == "Person"]
                k = (persons or found or [None])[0]
            if k is not None:
                keys.append(k)
        if types is not None:
            keys = [k for k in keys if self.actors.type_of(k) in types]
        return list(dict.fromkeys(keys))

    def resolve_pronoun(self, tok: Token) -> list[str]:
        """Persons a subject pronoun refers to, when the preceding context makes it safe.

        ``they``/``we``: the two or more persons who were subjects or agents of the previous
        sentence ("X was joined by Y and Z. They met ..."). ``he``/``she``: the person subject of
        the same sentence before the pronoun, else of the previous sentence, when it is unique.
        """
        low = tok.lower_
        if low not in _PLURAL_PRONOUNS | _SINGULAR_PRONOUNS:
            return []
        sent = tok.sent
        idx = self.sentence_index(sent)
        if low in _SINGULAR_PRONOUNS:
            same = [k for k in self._subject_persons(sent, before=tok.i)]
            if len(same) == 1:
                return same
        if idx == 0:
            return []
        prev = self.sents[idx - 1]
        group = self._subject_persons(prev)
        if low in _PLURAL_PRONOUNS and len(group) >= 2:
            return group
        if low in _SINGULAR_PRONOUNS and len(group) == 1:
            return group
        return []

    def _subject_persons(self, sent: Span, before: int | None = None) -> list[str]:
        keys: list[str] = []
        for t in sent:
            if before is not None and t.i >= before:
                break
            main = t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT")
            if (t.dep_ in ("nsubj", "nsubjpass") and main) or (
                t.dep_ == "pobj" and t.head.dep_ == "agent" and t.head.head.dep_ == "ROOT"
            ):
                for c in self.conjuncts(t):
                    k = self.actor(c)
                    if k and self.actors.type_of(k) == "Person":
                        keys.append(k)
        return list(dict.fromkeys(keys))

    # -- modality ------------------------------------------------------------------------------
    def modality(self, verb: Token) -> str:
        """``asserted``, ``planned`` (will meet, agreed to meet) or ``negated`` (did not meet,
        refused to meet)."""
        tr = triggers()
        negs = set(tr["negation_words"])
        for c in verb.children:
            if c.dep_ == "neg" or c.lower_ in negs and c.dep_ in ("neg", "advmod", "det"):
                return "negated"
        for c in verb.children:
            if c.dep_ == "aux" and c.lower_ in _MODALS_PLANNED:
                return "planned"
            if c.dep_ == "aux" and c.lower_ == "to":
                head = verb.head
                if head.lemma_ in tr["refusal_verbs"]:
                    return "negated"
                return "planned"
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in tr["refusal_verbs"]:
            return "negated"
        if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl"):
            return "planned"
        if verb.dep_ == "conj":
            return self.modality(verb.head)
        return "asserted"
