"""Direct and partial quotations: text between quotation marks, attributed by the first rule
that finds its speaker.

A quote that opens a sentence (or follows a colon, comma or dash) is direct; it is offered to
:data:`DIRECT_RULES` in order, and the first that answers attributes it. A quoted fragment inside
a clause is partial; :func:`partial_quote` attributes it, or it is a scare quote and dropped.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable, Mapping

from spacy.tokens import Token

from ...records import Quotation
from ..rules import rule
from ..vocab import vocab
from .cues import CUE_WORDS, cue_text, is_according, is_reporting, subject_of
from .document import Memory, QuoteDocument, Speaker, confidence, evidence
from .marks import TITLE_WORDS, QuoteSpan, is_title
from .speakers import SPEAKER_WORDS, colon_subject, dash_speaker, principal_of, speaker_of_np

__all__ = ["PASSAGE_WORDS", "Passage", "Attribution", "DIRECT_RULES", "PARTIAL_RULES", "quoted_items"]

_CONTENT_POS = frozenset({"ADJ", "NOUN", "VERB", "ADV", "INTJ"})
#: The vocabulary keys that decide which quoted passages the rules see (titles, lone words).
PASSAGE_WORDS = (*TITLE_WORDS, "min_direct_quote_words")


@dataclass(frozen=True)
class Passage:
    """A quoted passage offered to the rules."""

    span: QuoteSpan
    tokens: tuple[Token, ...]  # with the marks
    inner: tuple[Token, ...]  # inside the marks
    direct: bool  # opens a sentence (else a fragment inside a clause)
    governing: Token | None  # the cue the parse attaches the quoted words to


@dataclass(frozen=True)
class Attribution:
    """Who said a passage, by which rule, and the cue outside the marks (if any)."""

    speaker: Speaker | None
    rule: str
    cue: Token | None = None


def _opens_sentence(d: QuoteDocument, q: QuoteSpan, inner: list[Token]) -> bool:
    text, doc = d.text, d.doc
    before = text[q.para_start:q.start].rstrip()
    if not before or before[-1] in ":.?!":
        return True
    if inner and (inner[0].is_sent_start or (inner[0].i > 0 and doc[inner[0].i - 1].is_sent_start
                                             and doc[inner[0].i - 1].idx == q.start)):
        return True
    first = text[q.inner_start:q.inner_end].lstrip()[:1]
    return before[-1] in ",;(\u2014\u2013-" and first.isupper()


def _governing_cue(d: QuoteDocument, inner: list[Token], partial: bool) -> Token | None:
    """The reporting verb (or, for a fragment, characterising verb) or "according" that the
    parse attaches the quoted words to, climbing a few heads."""
    ids = {t.i for t in inner}
    roots = [t for t in inner if t.head.i not in ids or t.head.i == t.i]
    steps_max = vocab().number("cue_climb_steps")
    characterising = vocab().words("characterising_verbs")
    for r in roots:
        node, steps = r, 0
        while steps < steps_max:
            if node.i not in ids:
                if is_reporting(d, node):
                    return node
                if partial and node.lemma_.casefold() in characterising and node.i not in d.quoted:
                    return node
            for c in node.children:
                if is_according(d, c):
                    return c
            if node.head.i == node.i:
                break
            node, steps = node.head, steps + 1
    return None


def _quote_cue(spoken: Mapping[int, Speaker], i: int) -> bool:
    """Token ``i`` is a cue that can introduce a quotation (not a verb of belief, nor a verb
    whose content is its phrase, such as "called for")."""
    sp = spoken.get(i)
    return sp is not None and sp.kind in ("report", "according")


def _speaker_key(spoken: Mapping[int, Speaker], cue: Token) -> str | None:
    """Who a cue names: its speaker, or for an unnamed spokesperson the one they speak for."""
    sp = spoken.get(cue.i)
    return (sp.key or sp.principal) if sp is not None else None


def _nearby_cue(d: QuoteDocument, spoken: Mapping[int, Speaker], q: QuoteSpan, toks: tuple[Token, ...]) -> Token | None:
    """The reporting verb nearest the quote in the sentences it spans (or ends in)."""
    doc = d.doc
    first, last = toks[0], toks[-1]
    sents = {d.sent_index(t) for t in toks}
    after = last.i + 1
    gap = vocab().number("quote_cue_gap_tokens")
    while after < len(doc) and (doc[after].is_space or doc[after].is_punct) and after - last.i < gap:
        after += 1
    para_end = d.para_end(q.para_start)
    if after < len(doc) and doc[after].idx < para_end:
        sents.add(d.sent_index(doc[after]))
    best, dist = None, None
    for si in sorted(sents):
        for t in d.ctx.sents[si]:
            if t.i in d.quoted or not _quote_cue(spoken, t.i):
                continue
            if not (q.para_start <= t.idx < para_end):
                continue
            # Prefer a cue whose speaker is known, then the nearest.
            dd = (_speaker_key(spoken, t) is None, first.i - t.i if t.i < first.i else t.i - last.i)
            if dist is None or dd < dist:
                best, dist = t, dd
    return best


def _colon_cue(d: QuoteDocument, spoken: Mapping[int, Speaker], toks: tuple[Token, ...]) -> Token | None:
    """A cue ending the previous sentence with a colon ("X said:")."""
    si = d.sent_index(toks[0])
    if si == 0:
        return None
    prev = d.ctx.sents[si - 1]
    words = [t for t in prev if not t.is_space]
    if not words or words[-1].text != ":":
        return None
    cands = [t for t in prev if _quote_cue(spoken, t.i)]
    return cands[-1] if cands else None


def _cue_speaker(d: QuoteDocument, mem: Memory, q: QuoteSpan, cue: Token) -> Speaker:
    """The speaker of a cue: resolved with the others, or on the spot (a characterising verb)."""
    sp = mem.spoken.get(cue.i)
    if sp is None:
        subj = subject_of(d, cue)
        key, how = speaker_of_np(d, mem, subj) if subj is not None else (None, None)
        sp = Speaker(key, how, d.sent_index(cue), q.paragraph, cue.idx, principal=principal_of(d, mem, subj))
    return sp


def _paragraph_speaker(mem: Memory, para: int, before: int | None = None) -> Speaker | None:
    """The last cue (not of belief) of a paragraph, before offset ``before`` if given."""
    found = [s for s in mem.spoken.values()
             if s.kind != "belief" and s.para == para and (before is None or s.char < before)]
    return max(found, key=lambda s: s.char) if found else None


# -- the rules, in the order a direct quote is offered to them --------------------------------------
@rule("direct-quote-dash", "quotes", words=SPEAKER_WORDS)
def direct_quote_dash(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quotation signed with a name after a dash: ``"We will win." ― Ann Berg``."""
    if p.governing is not None:
        return None
    sp = dash_speaker(d, mem, p.span)
    return None if sp is None else Attribution(sp, "direct-quote-dash")


@rule("direct-quote", "quotes", words=(*CUE_WORDS, "cue_climb_steps", "quote_cue_gap_tokens", *SPEAKER_WORDS),
      variants=("direct-quote-unresolved",))
def direct_quote(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quotation with a reporting verb or "according to" outside the marks:
    ``"We will try again," Berg told reporters.``

    The cue is the verb that governs the quoted clause, else (when that one's speaker is unknown)
    the cue nearest the quote in the sentences it spans or ends in; the speaker is its subject.
    """
    cue = p.governing
    if cue is None or _speaker_key(mem.spoken, cue) is None:
        # the verb the parse attaches the quote to may not be the one introducing it
        # ("The spot concludes with footage of X saying, "...""): take a nearby cue with a speaker
        near = _nearby_cue(d, mem.spoken, p.span, p.tokens)
        if cue is None or (near is not None and _speaker_key(mem.spoken, near) is not None):
            cue = near
    if cue is None:
        return None
    return Attribution(_cue_speaker(d, mem, p.span, cue), "direct-quote", cue)


@rule("direct-quote-colon", "quotes", words=(*CUE_WORDS, *SPEAKER_WORDS))
def direct_quote_colon(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quotation after a sentence whose cue ends it with a colon: ``Berg said: "We will win."``"""
    cue = _colon_cue(d, mem.spoken, p.tokens)
    return None if cue is None else Attribution(_cue_speaker(d, mem, p.span, cue), "direct-quote-colon", cue)


@rule("direct-quote-colon-subject", "quotes", words=SPEAKER_WORDS)
def direct_quote_colon_subject(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quotation after a clause with no reporting verb that ends in a colon: ``Here is Ann Berg in 1992: "..."``."""
    sp = colon_subject(d, mem, p.span)
    return None if sp is None else Attribution(sp, "direct-quote-colon-subject")


@rule("direct-quote-same-paragraph", "quotes", words=CUE_WORDS)
def direct_quote_same_paragraph(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quotation with no cue of its own after a cue in the same paragraph: ``"...," Berg said. "..."``."""
    sp = _paragraph_speaker(mem, p.span.paragraph, before=p.span.start)
    return None if sp is None else Attribution(sp, "direct-quote-same-paragraph")


@rule("direct-quote-continued-paragraph", "quotes", words=CUE_WORDS)
def direct_quote_continued_paragraph(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quotation opening a paragraph, with no cue, continues the previous paragraph's speaker: ``"Nobody can stop."``."""
    q = p.span
    if d.text[q.para_start:q.start].strip() != "" or q.paragraph == 0:
        return None
    sp = _paragraph_speaker(mem, q.paragraph - 1)
    return None if sp is None else Attribution(sp, "direct-quote-continued-paragraph")


@rule("direct-quote-no-cue", "quotes")
def direct_quote_no_cue(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quoted sentence no other rule attributes: ``"We will win."`` alone; the speaker is unknown."""
    return Attribution(None, "direct-quote-no-cue")


@rule("partial-quote", "quotes", words=(*CUE_WORDS, "characterising_verbs", "cue_climb_steps", *SPEAKER_WORDS),
      variants=("partial-quote-unresolved",))
def partial_quote(d: QuoteDocument, mem: Memory, p: Passage) -> Attribution | None:
    """A quoted fragment in a clause of a reporting or characterising verb: ``called the plan "a betrayal"``.

    The speaker is that verb's subject; a fragment no such verb governs is a scare quote, no quotation.
    """
    cue = p.governing
    return None if cue is None else Attribution(_cue_speaker(d, mem, p.span, cue), "partial-quote", cue)


QuoteRule = Callable[[QuoteDocument, Memory, Passage], "Attribution | None"]
DIRECT_RULES: tuple[QuoteRule, ...] = (direct_quote_dash, direct_quote, direct_quote_colon, direct_quote_colon_subject,
                                  direct_quote_same_paragraph, direct_quote_continued_paragraph, direct_quote_no_cue)
PARTIAL_RULES: tuple[QuoteRule, ...] = (partial_quote,)


# -- the passages -----------------------------------------------------------------------------------
def _passage(d: QuoteDocument, q: QuoteSpan, toks: tuple[Token, ...]) -> Passage | None:
    """The quoted passage of a span, or ``None`` for a title, a name or a lone quoted word."""
    inner = [t for t in toks if q.inner_start <= t.idx < q.inner_end and not t.is_space]
    if not inner:
        return None
    if is_title(_quote_text(d, q), d.text[q.para_start:q.start]) \
            or all(t.ent_type_ == "WORK_OF_ART" for t in inner if not t.is_punct):
        return None
    direct = _opens_sentence(d, q, inner)
    words = [t for t in inner if not t.is_punct]
    if direct and len(words) < vocab().number("min_direct_quote_words"):
        return None
    if len(words) == 1 and (words[0].is_stop or words[0].pos_ not in _CONTENT_POS):
        return None  # "that", "the": a quoted word, not words of a speaker
    return Passage(q, toks, tuple(inner), direct, _governing_cue(d, inner, partial=not direct))


def _quote_text(d: QuoteDocument, q: QuoteSpan) -> str:
    return d.text[q.inner_start:q.inner_end].strip().rstrip(",;:").strip()


def _quotation(d: QuoteDocument, mem: Memory, p: Passage, found: Attribution) -> Quotation:
    sp, cue = found.speaker, found.cue
    ev_toks = list(p.tokens) + ([cue] if cue is not None else [])
    if sp is not None and sp.token >= 0:
        ev_toks.append(d.doc[sp.token])
    if cue is None:
        cue_words = None
    else:
        cue_words = cue_text(d, cue) if cue.i in mem.spoken else cue.text
    text = _quote_text(d, p.span)
    if sp is not None and p.direct and _names_speaker(mem, sp.key, text):
        sp = None  # "Ann Berg has healed rifts," is said of Berg, not by her
    return Quotation(text=text, speaker=sp.key if sp else None,
                     kind="direct" if p.direct else "partial",
                     evidence=evidence(d, ev_toks, found.rule, confidence(found.rule, sp)), cue=cue_words,
                     on_behalf_of=sp.principal if sp else None)


def _names_speaker(mem: Memory, key: str | None, text: str) -> bool:
    """Whether a quotation names its speaker, a person, by full name (a person rarely speaks of
    themselves so: the quotation is about them, said by someone else).

    >>> class _M:
    ...     def type_of(self, k): return "Person"
    ...     def entity(self, k): return type("E", (), {"name": "Ann Berg"})()
    >>> _names_speaker(_M(), "Person:Ann Berg", "Ann Berg has healed rifts"), _names_speaker(_M(), "Person:Ann Berg", "We won")
    (True, False)
    """
    if key is None or mem.type_of(key) != "Person":
        return False
    name = mem.entity(key).name
    return " " in name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def quoted_items(d: QuoteDocument, mem: Memory) -> list[tuple[int, Quotation]]:
    """(offset, quotation) of the quoted passages that are quotations, in text order."""
    out = []
    for q, toks in zip(d.spans, d.span_tokens):
        p = _passage(d, q, toks)
        if p is None:
            continue
        found = next((a for r in (DIRECT_RULES if p.direct else PARTIAL_RULES) if (a := r(d, mem, p)) is not None),
                     None)
        if found is not None:  # else a scare quote: no reporting verb governs it
            out.append((q.inner_start, _quotation(d, mem, p, found)))
    return out
