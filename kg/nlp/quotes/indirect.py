"""Reported speech: the content clause of a cue outside quotation marks ("X said (that) ...",
"X believes that ...", "according to X, ...") or its phrase ("X denied any involvement", "X called
for a moratorium", "X vowed to repeal the law"). Each cue is offered to :data:`INDIRECT_RULES`;
at most one answers (they read cues of different kinds)."""
from __future__ import annotations

from typing import Callable, Mapping

from spacy.tokens import Token

from ...records import Quotation
from ..rules import rule
from ..vocab import vocab
from .cues import (CONTENT_CUE_WORDS, CONTENT_NOUN_WORDS, CUE_WORDS, as_parenthetical, clause_without, content_of_cue,
                   cue_text, is_content_cue, noun_content)
from .document import QuoteDocument, Speaker, confidence, evidence
from .speakers import SPEAKER_WORDS

__all__ = ["INDIRECT_RULES", "indirect_items"]

_EDGE_PUNCT = " \t,;:\u2014\u2013-"
_REPORTED_WORDS = ("complementizers", "date_phrase_subject_tokens", "min_reported_words", "max_quoted_share")


def _content(toks: list[Token]) -> list[Token]:
    """The words of a content clause without its complementizer ("that") and edge punctuation."""
    complementizers = vocab().words("complementizers")
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ in complementizers
                    and toks[0].dep_ == "mark"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and not toks[-1].is_quote:
        toks = toks[:-1]
    # "said on Thursday (that) it would ...": a date phrase before the clause's subject tells
    # when it was said, whatever the parse attached it to
    if toks and toks[0].dep_ == "prep" and toks[0].head.i != toks[0].i:
        phrase = sorted(toks[0].subtree, key=lambda t: t.i)
        rest = toks[len(phrase):] if toks[:len(phrase)] == phrase else None
        window = int(vocab().number("date_phrase_subject_tokens"))
        if (rest and all(t.ent_type_ == "DATE" or t.dep_ in ("prep", "det") for t in phrase)
                and any(t.ent_type_ == "DATE" for t in phrase)
                and any(t.dep_ in ("nsubj", "nsubjpass") for t in rest[:window])):
            return _content(rest)
    return toks


def _join(toks: list[Token]) -> str:
    parts = []
    for a, b in zip(toks, toks[1:] + [None]):
        parts.append(a.text + (a.whitespace_ if b is not None and b.i == a.i + 1 else " " if b is not None else ""))
    return "".join(parts).strip(_EDGE_PUNCT)


def _complements(tok: Token) -> list[Token]:
    """The content clauses of a verb: its ccomp, or an xcomp with a finite verb (the parse's
    reading of "said using a private server was improper")."""
    return [c for c in tok.children if c.dep_ == "ccomp" or c.dep_ == "xcomp" and _finite(c)]


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _reported(d: QuoteDocument, tok: Token, sp: Speaker, rule_name: str,
              content: list[Token], clause: bool = True) -> tuple[int, Quotation] | None:
    """(offset, quotation) of a content clause (or of a phrase when ``clause`` is false), or
    ``None`` when it is too short, a clause without a verb, or mostly quoted (a direct
    quotation: the quote rules have it)."""
    v = vocab()
    content = _content(content)
    words = [t for t in content if not t.is_punct and not t.is_space]
    if len(words) < v.number("min_reported_words") or clause and not any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    if sum(t.i in d.quoted for t in words) >= v.number("max_quoted_share") * len(words):
        return None
    return content[0].idx, Quotation(
        text=_join(content), speaker=sp.key, kind="indirect",
        evidence=evidence(d, content + [tok], rule_name, confidence(rule_name, sp)), cue=cue_text(d, tok),
        on_behalf_of=sp.principal)


@rule("according-to", "quotes", words=(*CUE_WORDS, *_REPORTED_WORDS, *SPEAKER_WORDS),
      variants=("according-to-unresolved",))
def according_to(d: QuoteDocument, tok: Token, sp: Speaker) -> tuple[int, Quotation] | None:
    """The clause an "according to X" phrase modifies: ``According to Berg, the talks failed.``"""
    if sp.kind != "according" or tok.head.i == tok.i:
        return None
    return _reported(d, tok, sp, "according-to", clause_without(tok.head, tok))


@rule("indirect-statement", "quotes", words=(*CUE_WORDS, *_REPORTED_WORDS, *SPEAKER_WORDS),
      variants=("indirect-statement-unresolved",))
def indirect_statement(d: QuoteDocument, tok: Token, sp: Speaker) -> tuple[int, Quotation] | None:
    """The content clause of a reporting verb outside quotation marks: ``Berg said (that) the talks had failed.``

    Also a parenthetical cue: ``The plan, Berg said, will fail.``, ``As Berg said, the plan will fail.``
    """
    if sp.kind != "report":
        return None
    comps = _complements(tok)
    if comps:
        content = [t for c in comps for t in c.subtree]
    elif tok.dep_ == "parataxis" and tok.head.i != tok.i or as_parenthetical(tok) and (sp.key or sp.principal):
        # "as" with no one named is "while" ("as the workforce continues to age")
        content = clause_without(tok.head, tok)
    else:
        return None
    return _reported(d, tok, sp, "indirect-statement", content)


@rule("indirect-belief", "quotes", words=("belief_verbs", "misread_lemmas", *_REPORTED_WORDS, *SPEAKER_WORDS),
      variants=("indirect-belief-unresolved",))
def indirect_belief(d: QuoteDocument, tok: Token, sp: Speaker) -> tuple[int, Quotation] | None:
    """The content clause of a verb of belief or finding: ``Berg believes that the plan will fail.``"""
    comps = _complements(tok)
    if sp.kind != "belief" or not comps:
        return None
    return _reported(d, tok, sp, "indirect-belief", [t for c in comps for t in c.subtree])


@rule("indirect-content", "quotes", words=(*CONTENT_CUE_WORDS, *_REPORTED_WORDS, *SPEAKER_WORDS),
      variants=("indirect-content-unresolved",))
def indirect_content(d: QuoteDocument, tok: Token, sp: Speaker) -> tuple[int, Quotation] | None:
    """The phrase of a verb that reports it: ``Berg denied any role in the talks``, ``Berg called
    for new elections``, ``Berg vowed to end the talks``, ``Berg called the talks a farce``."""
    if sp.kind not in ("report", "content") or not is_content_cue(d, tok):
        return None
    return _reported(d, tok, sp, "indirect-content", content_of_cue(d, tok), clause=False)


@rule("indirect-noun", "quotes", words=(*CONTENT_NOUN_WORDS, *_REPORTED_WORDS, *SPEAKER_WORDS),
      variants=("indirect-noun-unresolved",))
def indirect_noun(d: QuoteDocument, tok: Token, sp: Speaker) -> tuple[int, Quotation] | None:
    """What a noun of a claim, view, demand or promise names: ``Berg's claim that the talks failed``,
    ``Berg made the argument that ...``, ``Berg's view is that ...``, ``In Berg's view, ...``,
    ``Berg's call for new elections``, ``Berg's pledge to cut taxes``."""
    if sp.kind != "noun":
        return None
    return _reported(d, tok, sp, "indirect-noun", noun_content(d, tok), clause=False)


IndirectRule = Callable[[QuoteDocument, Token, Speaker], "tuple[int, Quotation] | None"]
INDIRECT_RULES: tuple[IndirectRule, ...] = (according_to, indirect_statement, indirect_belief, indirect_content,
                                              indirect_noun)


def indirect_items(d: QuoteDocument, spoken: Mapping[int, Speaker]) -> list[tuple[int, Quotation]]:
    """(offset, quotation) of the statements reported without quotation marks, by cue in text order."""
    out = []
    for i, sp in spoken.items():
        tok = d.doc[i]
        item = next((found for r in INDIRECT_RULES if (found := r(d, tok, sp)) is not None), None)
        if item is not None:
            out.append(item)
    return out
