"""Publication dates given on the command line or in JSON Lines records: :func:`check_date`."""
from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import InputError

__all__ = ["check_date"]

#: A publication date: ``YYYY-MM-DD``, optionally followed by an ISO time (``T09:30:00Z``).
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")


def check_date(value: str, what: str = "published") -> str:
    """The ``YYYY-MM-DD`` of a publication date: a calendar date, optionally with an ISO time.

    Raises
    ------
    InputError
        When ``value`` is not such a date (naming it and ``what`` it was given as).

    >>> check_date("2025-03-12T09:30:00Z")
    '2025-03-12'
    >>> check_date("2025-02-30", "--published")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --published '2025-02-30' is not a calendar date (day is out of range for month); expected YYYY-MM-DD
    """
    m = _DATE.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        raise InputError(f"{what} must be an ISO date YYYY-MM-DD (a time may follow: 2025-03-12T09:30:00Z), "
                         f"got {value!r}")
    try:
        date.fromisoformat(m.group(1))
        if value != m.group(1):
            datetime.fromisoformat(value.replace("Z", "+00:00").replace(",", "."))
    except ValueError as exc:
        raise InputError(f"{what} {value!r} is not a calendar date ({exc}); expected YYYY-MM-DD") from None
    return m.group(1)
