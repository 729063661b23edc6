"""How long a document may be: :func:`max_chars` (``KG_MAX_CHARS``) and the byte sizes that follow
from it, so that a file too large is refused before it is read."""
from __future__ import annotations

import os

from ..errors import InputError

__all__ = ["DEFAULT_MAX_CHARS", "TEXT_BYTES_PER_CHAR", "HTML_BYTES_PER_CHAR", "JSON_BYTES_PER_CHAR", "JSON_OVERHEAD", "max_chars", "too_long"]

#: Longest document accepted, in characters (``KG_MAX_CHARS`` overrides it). About 33,000 words:
#: ten times a long news feature, and about 0.8 GB of parser memory with ``en_core_web_sm``.
DEFAULT_MAX_CHARS = 200_000


#: UTF-8 needs at most 4 bytes per character: a text file larger than this many bytes per allowed
#: character cannot hold an acceptable document, and is refused without being read.
TEXT_BYTES_PER_CHAR = 4


#: Saved web pages carry much markup around the article; the raw page may be this much larger.
HTML_BYTES_PER_CHAR = 50


#: A JSON Lines record may escape every character (``\\ud83d\\ude00`` is 12 bytes for one emoji).
JSON_BYTES_PER_CHAR = 12


JSON_OVERHEAD = 64 * 1024  # room for the other fields of a record


def max_chars(value: int | None = None) -> int:
    """The longest document accepted: ``value``, else ``$KG_MAX_CHARS``, else :data:`DEFAULT_MAX_CHARS`.

    Raises
    ------
    InputError
        When ``KG_MAX_CHARS`` is not a positive whole number.

    >>> max_chars(5000)
    5000
    """
    if value is not None:
        if value < 1:
            raise InputError(f"maximum document length {value!r}: expected a positive number of characters")
        return value
    env = os.environ.get("KG_MAX_CHARS", "").strip().replace("_", "")
    if not env:
        return DEFAULT_MAX_CHARS
    if not env.isdigit() or int(env) < 1:
        raise InputError(f"KG_MAX_CHARS={env!r}: expected a positive whole number of characters, e.g. 500000")
    return int(env)


def too_long(n: int, limit: int, unit: str = "characters", *, more: bool = False) -> str:
    return (f"document too long ({'more than ' if more else ''}{n:,} {unit}; the limit is {limit:,} characters): "
            "split it into articles, or raise the limit with KG_MAX_CHARS")
