"""Recognise lines that are not the article's narrative.

Related-story link lines ("RELATED STORY | ..."), captions, credits, bylines and "Read more"
prompts are matched by the expressions in ``patterns/boilerplate.txt``. A line of several words
that does not end like a sentence (no final ``.``, ``!``, ``?`` or closing quote) and does not
open a paragraph the next line continues is a headline or caption. Such lines are not mined for
relations, positions, events or quotations.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .datelines import dateline_end
from .lexicon import read_lines
from .vocab import vocab

__all__ = ["non_narrative_ranges", "is_non_narrative_line", "caption_ranges"]

_SENTENCE_END = re.compile(r"[.!?\"'\u201d\u2019)\]:;]\s*$")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in read_lines("boilerplate.txt"))


def is_non_narrative_line(line: str, *, first: bool = False) -> bool:
    """True for a line that is a link, caption, credit, byline or headline.

    ``first`` marks the document's first line, which may be the title.

    >>> is_non_narrative_line("RELATED STORY | Minister resigns over leak")
    True
    >>> is_non_narrative_line("The minister resigned on Monday.")
    False
    >>> is_non_narrative_line("Analyst Jane Roe speaks on the crisis as talks resume")
    True
    >>> is_non_narrative_line("Mayor Wins Second Term After Bitter Campaign.")
    True
    >>> is_non_narrative_line("\u201cWe will not give up\u201d \u2015 Maria Lopez, a teacher")
    False
    """
    s = line.strip()
    if not s:
        return False
    if any(p.search(s) for p in _patterns()):
        return True
    words = s.split()
    if s[:1] in "\"\u201c\u2018'" and re.search("[\"\u201d\u2019']", s[1:]):
        return False  # a quotation ("... " -- Name), which may end without a full stop
    # A headline or caption: several words, no sentence ending.
    if 3 <= len(words) <= 40 and not _SENTENCE_END.search(s):
        return True
    # A headline in title case, even with a final full stop: "Senator Wins Key Vote In Ohio."
    # Every word of three letters or more is capitalised, small function words aside.
    content = [w.strip("\"'\u201c\u201d\u2018\u2019:;,.!?()") for w in words]
    content = [w for w in content if len(w) >= 3 and w.casefold() not in vocab().words("title_case_small_words")]
    if 4 <= len(words) <= 25 and len(content) >= 3:
        return all(w[:1].isupper() or not w[:1].isalpha() for w in content)
    return False


def non_narrative_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(start, end)`` of the non-narrative lines of ``text``, and of the
    datelines that open a paragraph ("NAIROBI, Kenya (AP) - ").

    >>> text = "WASHINGTON (Reuters) - The Senate voted."
    >>> [text[s:e] for s, e in non_narrative_ranges(text)]
    ['WASHINGTON (Reuters) - ']
    """
    out = []
    pos = 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        if is_non_narrative_line(line, first=(i == 0)):
            out.append((pos, pos + len(line.rstrip("\r\n"))))
        else:
            end = dateline_end(line)
            if end is not None:
                out.append((pos, pos + end))
        pos += len(line)
    return out


def caption_ranges(text: str) -> list[tuple[int, int]]:
    r"""Character ranges of the captions and subheadings among the non-narrative lines: lines
    after the first (the title) that are no sentence but match no link, byline or credit
    expression. Meetings and calls are read there (photo captions often carry them: "X (left)
    meets with Y on Saturday"); quotations and positions are not.

    >>> text = "Talks in Oslo\n\nAna Reyes (left) meets Carl Holt in Oslo on Monday\n\nRELATED | More news"
    >>> [text[s:e] for s, e in caption_ranges(text)]
    ['Ana Reyes (left) meets Carl Holt in Oslo on Monday']
    """
    out = []
    pos = 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        s = line.strip()
        if i > 0 and s and is_non_narrative_line(line) and not any(p.search(s) for p in _patterns()):
            out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out
