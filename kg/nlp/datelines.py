"""Datelines: the place (and agency, date) that opens a wire story's first paragraph.

"NAIROBI, Kenya (AP) - President X met ...", "WASHINGTON (Reuters) -- ...", "LONDON — ...",
"BRUSSELS, March 4 (Wire) - ...". The dateline is not part of the sentence that follows it: left
there, the parser takes its place name for the subject ("Kenya met ..."). The ``kg_paragraphs``
component starts a sentence after it, and :func:`kg.nlp.boilerplate.non_narrative_ranges` keeps
it out of the narrative, so its names are not actors and its words are not quoted.

The place is one to four words in capitals; then, optionally, a comma and a region or a date,
an agency in brackets, and a dash followed by the story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import month_numbers
from .vocab import vocab

__all__ = ["dateline_end", "dateline_place", "Dateline", "opening_dateline"]

_DATELINE = re.compile(
    r"""^[ \t]*
    [A-Z][A-Z'.\-]+(?:[ \t]+[A-Z][A-Z'.\-]+){0,3}          # NAIROBI / NEW YORK / ST. LOUIS
    (?:[ \t]*,[ \t]*[A-Z][\w.'\-]*(?:[ \t]+[\w.'\-]+){0,3})? # , Kenya / , March 4 / , Calif.
    (?:[ \t]*\([^()\n]{1,40}\))?                           # (AP) / (Reuters)
    [ \t]*(?:--?|\u2013|\u2014)[ \t]*                       # - / -- / en dash / em dash
    (?=[A-Z"\u201c'\u2018])                                 # the story starts
    """,
    re.VERBOSE,
)


def dateline_end(line: str) -> int | None:
    """The character offset where the story starts after a dateline opening ``line``, or None.

    >>> line = "NAIROBI, Kenya (AP) - Kenya's president met ..."
    >>> line[dateline_end(line):]
    "Kenya's president met ..."
    >>> dateline_end("WASHINGTON (Reuters) -- The Senate voted ...")
    24
    >>> dateline_end("LONDON \u2014 Talks resumed on Monday.")
    9
    >>> dateline_end("BRUSSELS, March 4 (Wire) - EU ministers met.")
    27
    >>> dateline_end("The minister - who resigned - spoke.") is None
    True
    >>> dateline_end("UN envoy met rebels.") is None
    True
    """
    m = _DATELINE.match(line)
    if m is None:
        return None
    place = re.match(r"[ \t]*([A-Z][A-Z'.\-]+)", line)
    if place is None or sum(c.isalpha() for c in place.group(1)) < 2:
        return None
    return m.end()


@dataclass(frozen=True)
class Dateline:
    """A dateline's place: ``place`` in the case of a name, ``region`` after the comma (a date
    there is no region), ``written`` the place as the line writes it, and ``head`` the dateline
    before its agency and dash, starting at ``start`` in the line."""

    place: str
    region: str | None
    written: str
    head: str
    start: int


def dateline_place(line: str) -> Dateline | None:
    """The place a dateline opening ``line`` names; None when there is no dateline.

    >>> d = dateline_place("NAIROBI, Kenya (AP) - Kenya's president met ...")
    >>> d.place, d.region, d.written, d.head, d.start
    ('Nairobi', 'Kenya', 'NAIROBI', 'NAIROBI, Kenya', 0)
    >>> d = dateline_place("NEW YORK (Reuters) -- The Senate voted ...")
    >>> d.place, d.region, d.head
    ('New York', None, 'NEW YORK')
    >>> dateline_place("BRUSSELS, March 4 (Wire) - EU ministers met.").region is None
    True
    >>> dateline_place("The minister - who resigned - spoke.") is None
    True
    """
    end = dateline_end(line)
    if end is None:
        return None
    start = len(line) - len(line.lstrip())
    head = re.split(r"\s*(?:\(|--?\s|\u2013|\u2014)", line[start:end], maxsplit=1)[0].strip(" ,\t")
    written, _, region = (part.strip() for part in head.partition(","))
    region = region if region[:1].isupper() and not _MONTH.match(region) else ""
    place = " ".join(w.capitalize() if w.isupper() else w for w in written.split())
    return Dateline(place, region or None, written, head, start)


_SHORT_MONTHS = [m for m in month_numbers() if len(m) == 3] + sorted(vocab().table("month_abbreviations"))
_MONTH = re.compile("(" + "|".join(m.capitalize() for m in _SHORT_MONTHS) + r")[a-z]*\.?(\s+\d|$)")


def opening_dateline(text: str) -> tuple[Dateline, int] | None:
    """The dateline that opens one of the first lines of a story (after a title, a standfirst or
    a caption), with the offset of its head in ``text``; ``None`` when there is none.

    >>> d, start = opening_dateline("Talks resume\\n\\nHANOI (Reuters) - Talks resumed.")
    >>> d.place, start
    ('Hanoi', 14)
    >>> opening_dateline("Talks resume\\n\\nThe talks resumed.") is None
    True
    """
    pos = 0
    for n, line in enumerate(text.splitlines(keepends=True)):
        if n >= vocab().number("dateline_lines"):
            break
        found = dateline_place(line)
        if found is not None:
            return found, pos + found.start
        pos += len(line)
    return None
