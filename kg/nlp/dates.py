"""Resolve relative date expressions of news text against the publication date."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .vocab import vocab

__all__ = ["resolve_date", "month_numbers"]


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month names and abbreviations (lower case) -> month number (``patterns/date_words.json``).

    >>> month_numbers()["feb"], month_numbers()["sept"], month_numbers()["december"]
    (2, 9, 12)
    """
    months = {m: i for i, m in enumerate(vocab().sequence("months"), 1)}
    months.update({m[:3]: i for m, i in list(months.items())})
    for short, (full,) in vocab().table("month_abbreviations").items():
        months[short] = months[full]
    return months


def _any_of(key: str) -> str:
    return "|".join(rf"\b{re.escape(w)}\b" for w in sorted(vocab().words(key)))


def resolve_date(text: str, published: str | None) -> str | None:
    """ISO date of a date expression, or ``None`` when it cannot be pinned down.

    Weekdays resolve to the most recent such day on or before publication; "yesterday" and
    "today" likewise; "18 February", "Feb. 18, 2025" and ISO dates directly (the year defaults to
    the publication year).

    >>> resolve_date("Tuesday", "2025-02-19")
    '2025-02-18'
    >>> resolve_date("on Feb. 18, 2025", None)
    '2025-02-18'
    >>> resolve_date("Tuesday", None) is None
    True
    """
    t = text.casefold().strip()
    pub = dt.date.fromisoformat(published) if published else None
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s*(\d{4})?\b", t)
    if m and m[2] in month_numbers():
        return _with_year(int(m[1]), month_numbers()[m[2]], m[3], pub)
    m = re.search(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(\d{4}))?\b", t)
    if m and m[1] in month_numbers():
        return _with_year(int(m[2]), month_numbers()[m[1]], m[3], pub)
    if pub is None:
        return None
    for i, day in enumerate(vocab().sequence("weekdays")):
        if re.search(rf"\b{day}\b", t):
            if any(w in t for w in vocab().words("future_words")):
                return None
            delta = (pub.weekday() - i) % 7
            return (pub - dt.timedelta(days=delta)).isoformat()
    if re.search(_any_of("today_words"), t):
        return pub.isoformat()
    if re.search(_any_of("yesterday_words"), t):
        return (pub - dt.timedelta(days=1)).isoformat()
    return None


def _with_year(day: int, month: int, year: str | None, pub: dt.date | None) -> str | None:
    if year:
        return _iso(int(year), month, day)
    if pub is None:
        return None
    return _iso(pub.year, month, day)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None
