"""Interview transcripts written with a speaker's label instead of quotation marks: a paragraph
"BERG: We will decide later." or "Holt: Will the talks go on?" is a direct quotation by the person of
the article the label names (the surname or full name, any case). A label that names nobody of
the article ("Q:", "Update:", "WASHINGTON:") gives nothing; a paragraph with quotation marks is
left to the other rules, and the title line to nobody ("Brown: the verdict" is no quotation).

>>> [m.group("label") for m in _LABELLED.finditer("BERG: We will decide later.\\nNote: none\\nx: y")]
['BERG', 'Note']
"""
from __future__ import annotations

import re

from ...records import Quotation
from ..names import surname_of
from ..rules import rule
from ..vocab import vocab
from .document import Memory, QuoteDocument, evidence

__all__ = ["transcript_items"]

#: A paragraph that opens with a label of one to four capitalised words and a colon.
_LABELLED = re.compile(r"^(?P<label>[A-Z][A-Za-z'\u2019.-]*(?: [A-Z][A-Za-z'\u2019.-]*){0,3}):[ \t]+(?P<said>\S[^\n]*)$",
                       re.MULTILINE)
_MARKS = "\"\u201c\u201d\u00ab\u00bb"


def _person_named(d: QuoteDocument, mem: Memory, label: str) -> str | None:
    """The one person of the article whose surname or full name the label is."""
    wanted = label.casefold()
    found = {m.key for m in d.ctx.actors.mentions if mem.type_of(m.key) == "Person"
             and wanted in {n.casefold() for n in (mem.entity(m.key).name, surname_of(mem.entity(m.key).name)) if n}}
    return found.pop() if len(found) == 1 else None


@rule("transcript-label", "quotes", words=("transcript_min_words",))
def transcript_items(d: QuoteDocument, mem: Memory) -> list[tuple[int, Quotation]]:
    """``BERG: We will decide later.`` (an interview transcript): the paragraph after the label, said by the person it names."""
    out = []
    least = vocab().number("transcript_min_words")
    for m in _LABELLED.finditer(d.text):
        said = m.group("said").strip()
        if any(c in said for c in _MARKS) or len(said.split()) < least:
            continue
        key = _person_named(d, mem, m.group("label"))
        span = d.doc.char_span(m.start("said"), m.end("said"), alignment_mode="expand")
        if key is None or span is None or not any(d.ctx.narrative(s) for s in span.sents):
            continue
        ev = evidence(d, list(span), "transcript-label", vocab().confidence("transcript-label"))
        out.append((m.start("said"), Quotation(said.rstrip(), key, "direct", ev)))
    return out
