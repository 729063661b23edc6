"""Quotations: who said what, quoted directly, in part, or reported indirectly.

Each quotation carries the rule that produced it and a confidence in its evidence, whose offsets
cover the sentence(s) of the quotation and of its cue. The vocabularies (reporting verbs, verbs of
belief, "according to", spokesperson, official and statement nouns, title markers) and the
confidences are data, in ``patterns/quote_cues.json`` and ``patterns/confidences.json``, read through
:func:`kg.nlp.vocab.vocab`.

Rules
-----
``direct-quote``
    Text between quotation marks that opens a sentence or follows a colon, comma or dash, with a
    cue outside the marks: the reporting verb ("said", "told reporters", "added") that governs the
    quoted clause or stands nearest in the quoted sentence(s) or the one the quote ends in, or
    "according to X". The quote may span several sentences. The speaker is the cue's subject.
``direct-quote-colon``
    The cue ends the previous sentence with a colon ("X said:").
``direct-quote-dash``
    A name after a dash that follows the quote (``"..." ― Ann Berg``).
``direct-quote-colon-subject``
    A clause with no reporting verb ends in a colon before the quote ("Here is X in 1992: ..."),
    or its subject ends the previous paragraph with a colon ("X echoed:").
``direct-quote-same-paragraph``
    A quote with no cue of its own after a cue in the same paragraph (``"...," X said. "..."``).
``direct-quote-continued-paragraph``
    A paragraph that opens with a quote and has no cue continues the speaker of the previous
    paragraph's last cue.
``direct-quote-no-cue``
    A quoted sentence with none of the above: the speaker is unknown.
``partial-quote``
    A quoted fragment inside a clause governed by a reporting or characterising verb (``said his
    country will need "robust and reliable" guarantees``, ``called the plan "a betrayal"``): the
    speaker is that verb's subject.
``indirect-statement``
    The content clause of a reporting verb outside quotation marks ("X said (that) ...", "X has
    insisted that ...", "..., a source said", "The plan, X said, will fail", "As X said, ..."),
    without "that".
``indirect-belief``
    The content clause of a verb of belief or finding ("X believes that ...", "X knows that ...",
    "a poll found that ..."); a low confidence.
``indirect-content``
    The phrase of an active verb that reports it, when no clause follows: its object ("X denied
    any role in the talks", "citing low growth"), the phrase after a content preposition ("X
    called for new elections", "X accused Y of lying", "X criticized Y for ..."), the "to" clause
    of a promise or appeal ("X vowed to end the talks", "X urged voters to reject it", "X called
    on Y to resign"), a characterised object ("X called the plan a gamble", "X described it as
    ..."), or the clause around "as X put it".
``indirect-noun``
    The "that" clause of a noun of a claim, view or fear ("X's claim that ...", "X made the
    argument that ...", "X's view is that ..."), the clause after "in X's view", or the phrase of a
    noun of a demand, allegation or promise ("X's call for new elections", "allegations of fraud",
    "X's pledge to cut taxes"); the speaker is the possessor or the subject of the verb that makes
    the claim, else unknown.
``according-to``
    The clause an "according to X" phrase modifies.

Speakers
--------
The subject of the cue (through coordination, relative "who", participles such as "..., saying",
"by saying", "footage of X saying") resolved to an actor of the document, also when the entity
recogniser missed it there but the name, alias or surname is an actor's; pronouns by
:meth:`kg.nlp.context.Context.resolve_pronoun`, else the most recent person who spoke within a few
sentences ("she" only a person the text shows to be a woman, or the subject who spoke in the
sentence just before); an unnamed spokesperson, official, campaign, lawyer or statement of an
organisation or person ("a spokesperson with the State Department", "the State Department
spokesperson", "a Kremlin spokesman", "a statement from X", "X issued a statement saying") to the
one they speak for; "the spokesperson" alone to that of the last one; a definite description ("the
New York businessman", "the Republican nominee", "Ukraine's president") to the one person named
in the last few sentences whom the article described so
(:meth:`kg.nlp.context.Context.described_person`), never to the party or place that modifies it;
"the company", "the ministry", "police" to the one organisation of that kind, by its name, named in
the last few sentences. A place after a preposition of place ("decided in Scotland") or ending
another name ("Universities Scotland") does not speak; "X was wrong to say ..." gives X no report.
Otherwise ``None``.

Not quotations: quoted titles and names ("on CBS News' "Face the Nation.""): short runs of
capitalised words, single capitalised words, works of art, quotes after "so-called", "titled" and
the like; single function words; quoted fragments no reporting verb governs (scare quotes);
anything on a non-narrative line (``ctx.skip``).

Modules
-------
:mod:`.marks` quotation marks and titles; :mod:`.document` the per-document state; :mod:`.cues`
reporting, belief, "according to", content-phrase and claim-noun cues; :mod:`.names` and
:mod:`.speakers` who speaks; :mod:`.direct`, :mod:`.indirect` and :mod:`.transcript` the rules,
registered with :func:`kg.nlp.rules.rule`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...records import Entity, Quotation
from ..context import Context
from .cues import resolve_cues
from .direct import quoted_items
from .document import Memory, QuoteDocument
from .indirect import indirect_items
from .marks import QuoteSpan, is_title, quote_spans
from .transcript import transcript_items

__all__ = ["find_quotations", "extract_quotations", "QuoteFindings", "quote_spans", "is_title", "QuoteSpan"]


@dataclass(frozen=True)
class QuoteFindings:
    """The quotations of a document and the persons they name that the actor rules left out."""

    quotations: tuple[Quotation, ...]
    entities: tuple[Entity, ...]  # new persons, to add to the document's actors


def extract_quotations(ctx: Context) -> QuoteFindings:
    """Direct, partial and indirect quotations of a document, in text order, and the speakers
    to add as entities; ``ctx`` is left unchanged."""
    d = QuoteDocument.of(ctx)
    mem = Memory(ctx)
    spoken = resolve_cues(d, mem)
    items = quoted_items(d, mem) + indirect_items(d, spoken) + transcript_items(d, mem)
    items.sort(key=lambda item: item[0])
    seen, out = set(), []
    for _, q in items:
        k = (q.text, q.speaker, q.kind)
        if k not in seen:
            seen.add(k)
            out.append(q)
    return QuoteFindings(tuple(out), tuple(mem.proposed.values()))


def find_quotations(ctx: Context) -> list[Quotation]:
    """Direct, partial and indirect quotations of a document, in text order; the persons who
    speak but were no actor yet are added to ``ctx.actors.entities``.

    Examples
    --------
    >>> from kg.nlp.model import load_model
    >>> from kg.nlp.extract import extract_document
    >>> from kg.records import Document
    >>> ex = extract_document(Document("d", 'Minister Anna Berg said the talks had failed. '
    ...                                     '"We will try again," Berg told reporters.'))
    >>> [(q.kind, q.text, q.speaker) for q in ex.quotations]
    [('indirect', 'the talks had failed', 'Person:Anna Berg'), ('direct', 'We will try again', 'Person:Anna Berg')]
    """
    found = extract_quotations(ctx)
    for e in found.entities:
        ctx.actors.entities.setdefault(e.key, e)
    return list(found.quotations)
