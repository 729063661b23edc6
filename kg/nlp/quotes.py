"""Quotations: direct quotes and their speakers (first cut).

``direct-quote``: text between quotation marks whose sentence has a reporting verb ("said",
"told") with an actor subject; the speaker of a paragraph that is all quote and has no cue is the
speaker of the previous paragraph's quote.
"""
from __future__ import annotations

import re

from ..records import Quotation
from .context import Context, SUBJECT_DEPS

__all__ = ["find_quotations", "REPORTING_VERBS"]

REPORTING_VERBS = frozenset({"say", "tell", "add", "state", "insist", "write", "declare", "warn", "note", "explain", "argue", "claim"})
_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,}?)[\"\u201d]")


def _speaker_near(ctx: Context, start_char: int, end_char: int) -> tuple[str | None, str | None]:
    doc = ctx.doc
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return None, None
    sents = {t.sent.start: t.sent for t in span}
    for sent in list(sents.values()) + [doc[min(span.end, len(doc) - 1)].sent]:
        for tok in sent:
            if tok.lemma_.lower() in REPORTING_VERBS and tok.pos_ == "VERB" and not (span.start <= tok.i < span.end):
                for c in tok.children:
                    if c.dep_ in SUBJECT_DEPS:
                        keys = ctx.actors_of(c)
                        if keys:
                            return keys[0], tok.text
    return None, None


def find_quotations(ctx: Context) -> list[Quotation]:
    text = ctx.doc.text
    out: list[Quotation] = []
    for m in _QUOTE.finditer(text):
        q = m.group(1).strip()
        if len(q.split()) < 3 or any(s <= m.start() < e for s, e in ctx.skip):
            continue
        speaker, cue = _speaker_near(ctx, m.start(), m.end())
        span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        sent = span[0].sent if span is not None and len(span) else ctx.sents[0]
        ev = ctx.evidence(sent, "direct-quote", 0.8 if speaker else 0.4)
        out.append(Quotation(text=q, speaker=speaker, kind="direct", evidence=ev, cue=cue))
    return out
