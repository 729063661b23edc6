"""An actor candidate (a typed span of a Doc) and the clean form of a name."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import honorifics
from .vocab import vocab

__all__ = ["Candidate", "clean_name"]


@dataclass(frozen=True)
class Candidate:
    """A mention the actor rules may take: token span, cleaned text, type, and whether a lexicon
    or a title typed it (``strong``) rather than only the model."""

    start: int
    end: int
    text: str  # cleaned surface form
    type: str
    strong: bool  # typed by a lexicon or by a courtesy/job title, not only by the model


def clean_name(text: str) -> str:
    """A mention's text without determiner, possessive, courtesy title or surrounding punctuation.

    >>> clean_name("the European Commission's")
    'European Commission'
    >>> clean_name("Mr Blair")
    'Blair'
    >>> clean_name("NBC News'")
    'NBC News'
    """
    words = text.split()
    while words and (words[0].casefold() in vocab().words("determiners") or words[0] in honorifics()):
        words = words[1:]
    s = " ".join(words).strip(" ,;:\"\u201c\u201d()[]")
    for p in ("'s", "\u2019s"):
        if s.endswith(p):
            s = s[: -len(p)]
    if s.endswith(("'", "\u2019")):
        s = s[:-1]
    return s.strip()
