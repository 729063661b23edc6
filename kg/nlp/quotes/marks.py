"""Quotation marks: the quoted passages of a text, which single marks are apostrophes, and which
quoted passages are titles or names rather than speech."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocab import vocab

__all__ = ["QuoteSpan", "quote_spans", "is_title", "TITLE_WORDS"]

#: The vocabulary keys :func:`is_title` reads.
TITLE_WORDS = ("not_quote_before", "title_small_words", "title_prepositions", "possessive_endings",
               "max_title_words", "max_title_words_after_marker")

_OPENING = ("\u201c", "\u201e", "``")  # “ „ ``
_CLOSING = "\u201d"  # ”
_STRAIGHT = '"'
_MARK = re.compile("\u201c|\u201e|\u201d|\"|''|``|'|\u2018|\u2019")
_SINGLE = ("'", "\u2018", "\u2019")
_OPEN_BEFORE = "([{\u2014\u2013-\"\u201c"
_CLOSE_AFTER = ".,;:!?)]}\u2014\u2013-\"\u201d"
_WORD = re.compile(r"[^\W_][\w'\u2019.&-]*")
_LAST_WORD = re.compile(r"[\w'\u2019-]+$")
_LETTERS = re.compile(r"[A-Za-z]+")
_DECADE = re.compile(r"\d0s\b")  # "the '90s"


@dataclass(frozen=True)
class QuoteSpan:
    """Text between quotation marks on one line (paragraph).

    ``[start, end)`` includes the marks, ``[inner_start, inner_end)`` excludes them; ``closed`` is
    False for a quote left open at the end of its paragraph (continued in the next one);
    ``paragraph`` counts the non-empty lines before it; ``para_start`` is its line's offset.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    para_start: int
    closed: bool = True


def quote_spans(text: str, skip: list[tuple[int, int]] | tuple = ()) -> list[QuoteSpan]:
    r"""Quoted passages of ``text``, outermost quotes only.

    Marks: curly ``\u201c...\u201d`` (nesting), ``\u201e``, straight ``"`` and the doubled
    apostrophes ``''`` of some newswire text (each pairing with its own kind), and a ``\u201d``
    that opens a line or follows a space when no quote is open (a common typo). A quote never
    crosses a line break: one left open runs to the end of its line (news style for a quotation
    continued in the next paragraph). Quotes starting inside a ``skip`` range are left out.

    >>> t = 'He said "we will win" today. \u201cIt is \u201chell\u201d, over,\u201d she said.\n\u201cNo more'
    >>> [t[q.inner_start:q.inner_end][-6:] for q in quote_spans(t)]
    ['ll win', ' over,', 'o more']
    >>> [(q.paragraph, q.closed) for q in quote_spans(t)]
    [(0, True), (0, True), (1, False)]
    >>> t = "He said ''we will win'' today."
    >>> [t[q.inner_start:q.inner_end] for q in quote_spans(t)]
    ['we will win']
    """
    out: list[QuoteSpan] = []
    pos = 0
    para = -1
    lines = text.split("\n")
    following = [""] * len(lines)  # the next non-empty line after each line
    for n in range(len(lines) - 2, -1, -1):
        following[n] = lines[n + 1] if lines[n + 1].strip() else following[n + 1]
    for n, line in enumerate(lines):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        para += 1
        out.extend(_line_quotes(line, line_start, para, continued=following[n].lstrip()[:1] in _SINGLE))
    return [q for q in out if text[q.inner_start:q.inner_end].strip()
            and not any(s <= q.start < e for s, e in skip)]


def _line_quotes(line: str, line_start: int, para: int, continued: bool = False) -> list[QuoteSpan]:
    """The outermost quotes of one non-empty line starting at offset ``line_start``; ``continued``
    when the next paragraph opens with a single mark (a quotation going on over paragraphs)."""
    out: list[QuoteSpan] = []
    stack: list[tuple[int, int, str]] = []  # (offset, width, kind) of open marks

    def close(at: int, width: int) -> None:
        o, w, _ = stack.pop()
        if not stack:
            out.append(QuoteSpan(o, at + width, o + w, at, para, line_start))

    for m in _MARK.finditer(line):
        mark, i = m.group(), line_start + m.start()
        after_space = m.start() == 0 or line[m.start() - 1].isspace()
        if mark in _SINGLE:
            kind = _single_mark(line, m.start(), open_single=any(k == "single" for *_, k in stack))
            if kind == "open":
                stack.append((i, 1, "single"))
            elif kind == "close":
                while stack[-1][2] != "single":
                    stack.pop()  # a double mark left open inside the single quotation
                close(i, 1)
            continue
        while stack and stack[-1][2] == "single" and mark not in _OPENING and any(k != "single" for *_, k in stack):
            stack.pop()  # a nested single quotation left open: the outer double mark closes
        if mark in _OPENING:
            stack.append((i, len(mark), "curly"))
        elif mark == _CLOSING:
            if stack and (stack[-1][2] == "curly" or not after_space):  # also closes a mixed '"...\u201d'
                close(i, len(mark))
            elif not stack and after_space:
                stack.append((i, len(mark), "curly"))
        else:  # '"' or "''": the same mark opens and closes
            kind = "straight" if mark == _STRAIGHT else "doubled"
            if stack and stack[-1][2] == kind and _reopens(line, m.start(), len(mark)):
                # '"... 26 weeks. "We are going ...': the quote left open, a new one opens
                close(i - 1, 0)
                stack.append((i, len(mark), kind))
            elif stack and (stack[-1][2] == kind or not after_space):  # also closes a mixed '\u201c..."'
                close(i, len(mark))
            elif not stack or after_space:
                stack.append((i, len(mark), kind))
    if stack:
        o, w, kind = stack[0]
        end = line_start + len(line.rstrip())
        if kind == "single" and o != line_start + len(line) - len(line.lstrip()) and not continued:
            # a single mark left open is a quotation only when it opens the paragraph, or when
            # the next paragraph opens with one ("...,' Trump said. 'Like two kids ...\n\n'They fought")
            return out
        if end > o + w:
            out.append(QuoteSpan(o, end, o + w, end, para, line_start, closed=False))
    return out


def _reopens(line: str, j: int, width: int) -> bool:
    """True for a straight mark at ``line[j]`` shaped as an opening (a space before it, a capital
    after it) right after a finished sentence: '..., it was 13 weeks. "We are going ...' opens
    a new quotation, the one before having been left open (paragraphs run together)."""
    before = line[:j]
    return (before.endswith(" ") and before.rstrip()[-1:] in ".!?"
            and line[j + width:j + width + 1].isupper())


def _single_mark(line: str, j: int, *, open_single: bool) -> str | None:
    """What a single quotation mark or apostrophe at ``line[j]`` is: ``"open"``, ``"close"`` or
    None (an apostrophe: "don't", "Blair's", "the MPs' vote", "'90s", "rock 'n' roll").

    >>> _single_mark("He said 'no' twice", 8, open_single=False), _single_mark("He said 'no' twice", 11, open_single=True)
    ('open', 'close')
    >>> _single_mark("don't", 3, open_single=False) is None, _single_mark("the '90s", 4, open_single=False) is None
    (True, True)
    >>> _single_mark("the MPs' vote", 7, open_single=False) is None
    True
    """
    mark = line[j]
    prev = line[j - 1] if j > 0 else ""
    nxt = line[j + 1] if j + 1 < len(line) else ""
    rest = line[j + 1:]
    if (mark != "\u2019" and not open_single and (prev == "" or prev.isspace() or prev in _OPEN_BEFORE)
            and (nxt.isalnum() or nxt in "\u2026.(")):
        word = _LETTERS.match(rest)
        if _DECADE.match(rest) or (word and word.group().casefold() in vocab().words("apostrophe_elisions")):
            return None  # "the '90s", "rock 'n' roll", "'em"
        return "open"
    if open_single and prev and not prev.isspace() and (nxt == "" or nxt.isspace() or nxt in _CLOSE_AFTER) \
            and mark != "\u2018":
        return "close"
    return None


def is_title(inner: str, before: str = "") -> bool:
    """True when quoted text is a title or name, not speech.

    A single capitalised word, or a short run of capitalised words (small words such as "the",
    "of" aside): at most ``max_title_words``, or ``max_title_words_after_marker`` after a title
    preposition ("on", "in"), a possessive or a marker such as "titled"; anything right after
    "so-called", "titled", "dubbed" and the like.

    >>> is_title("Face the Nation.", before="Lee said Sunday on CBS News'")
    True
    >>> is_title("robust and reliable", before="his country will need")
    False
    >>> is_title("We're moving along,")
    False
    >>> is_title("Patriot")
    True
    >>> is_title("reform", before="the so-called")
    True
    """
    v = vocab()
    words = _WORD.findall(inner)
    if not words:
        return True
    prev = _LAST_WORD.findall(before.rstrip())
    prev_word = prev[0].casefold() if prev else ""
    if prev_word in v.words("not_quote_before"):
        return True
    if len(words) == 1:
        return words[0][:1].isupper()
    small = v.words("title_small_words")
    if not all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in small for w in words):
        return False
    marker = (prev_word in v.words("title_prepositions")
              or before.rstrip().endswith(tuple(v.words("possessive_endings"))))
    limit = v.number("max_title_words_after_marker") if marker else v.number("max_title_words")
    return len(words) <= limit
