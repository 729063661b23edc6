"""How names and quotation texts are compared when scoring (rules of ``shared/eval/FORMAT.md``).

Names: case-folded, a leading "the" and a trailing possessive "'s" removed, punctuation other than
inner dots and hyphens dropped, whitespace collapsed. Quotation texts: case-folded, quote marks
removed, whitespace collapsed, outer spaces, commas and full stops trimmed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

__all__ = ["normalize_name", "normalize_quote", "content_words", "STOPWORDS"]

#: Typographic quote marks and the no-break space, mapped to their plain forms before comparing.
_PLAIN_MARKS = {ord("\u201c"): '"', ord("\u201d"): '"', ord("\u2018"): "'", ord("\u2019"): "'", ord("\u00a0"): " "}

_LEADING_ARTICLE = re.compile(r"^the\s+")
_TRAILING_POSSESSIVE = re.compile(r"'s$")
_NOT_NAME_CHAR = re.compile(r"[^\w\s.\-]")
_OUTER_DOT = re.compile(r"(?<!\w)\.|\.(?!\w)")  # a dot not between two word characters
_SPACES = re.compile(r"\s+")
_QUOTE_CHARS = re.compile(r"[\"']")
_WORD = re.compile(r"\w+")


def normalize_name(name: str) -> str:
    """The comparison key of an actor name.

    Examples
    --------
    >>> normalize_name("The  Kremlin")
    'kremlin'
    >>> normalize_name("Russia\u2019s")
    'russia'
    >>> normalize_name("U.S.")
    'u.s'
    >>> normalize_name("Jamil N. Jaffer")
    'jamil n jaffer'
    """
    key = name.translate(_PLAIN_MARKS).strip().casefold()
    key = _LEADING_ARTICLE.sub("", key)
    key = _TRAILING_POSSESSIVE.sub("", key)
    key = _NOT_NAME_CHAR.sub(" ", key)
    key = _OUTER_DOT.sub(" ", key)
    return _SPACES.sub(" ", key).strip()


def normalize_quote(text: str) -> str:
    """The comparison form of a quotation text.

    Examples
    --------
    >>> normalize_quote("\u201cWe must act,\u201d  ")
    'we must act'
    """
    text = text.translate(_PLAIN_MARKS).casefold()
    text = _QUOTE_CHARS.sub("", text)
    return _SPACES.sub(" ", text).strip(" ,.")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    data = files(__package__).joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w for line in data.splitlines() for w in line.split("#")[0].split())


def __getattr__(name: str):
    if name == "STOPWORDS":
        return _stopwords()
    raise AttributeError(name)


def content_words(text: str) -> frozenset[str]:
    """The content words of a quotation: words of two or more characters that are not stop words
    (``stopwords.txt``), after :func:`normalize_quote`.

    Examples
    --------
    >>> sorted(content_words("He said the talks were \u201cvery productive\u201d."))
    ['productive', 'talks']
    """
    stop = _stopwords()
    return frozenset(w for w in _WORD.findall(normalize_quote(text)) if len(w) > 1 and w not in stop)
