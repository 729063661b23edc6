"""One-line messages for Oxigraph's SPARQL errors: where a syntax error is (line, column, the
text near it) and what a failed evaluation means for the caller."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ..errors import one_line

__all__ = ["describe_syntax_error", "runtime_message"]

_SYNTAX_POS = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def describe_syntax_error(message: str, text: str) -> str:
    """A one-line description of Oxigraph's syntax error ``message`` for the query ``text``.

    >>> describe_syntax_error("error at 2:7: expected one of HAVING, ['0'..='9']", "SELECT *\\nWHERE {")
    'invalid SPARQL at line 2, column 7 (near "WHERE {"): expected one of HAVING'
    """
    m = _SYNTAX_POS.search(message)
    if not m:
        return f"invalid SPARQL: {' '.join(message.split())}"
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    near = src[max(0, col - 40): col + 20].strip()
    near_part = f' (near "{one_line(near)}")' if near else ""
    where = f"line {line}, column {col}{near_part}"
    if "Prefix not found" in detail:
        found = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*\s*$", src[: col - 1])
        pfx = (found.group(1) or "") if found else ""
        from ..rdf.namespace import PREFIXES

        return (f"invalid SPARQL at {where}: unknown prefix '{pfx}:'; declare it with "
                f"PREFIX {pfx}: <...> (predefined: {', '.join(PREFIXES)})")
    return f"invalid SPARQL at {where}: {short_expected(detail)}"


def short_expected(detail: str) -> str:
    """Oxigraph's 'expected one of ...' without its character-class noise."""
    flat = " ".join(detail.split())
    head, sep, rest = flat.partition("expected one of ")
    if not sep:
        return flat[:200]
    items = [i.strip() for i in re.sub(r"\[[^\]]*\]", "", rest).split(",")]
    items = [i for i in items if i and not i.startswith(("'", "|", "\\"))]
    if not items:
        return (head + "unexpected input").strip()
    shown = ", ".join(items[:12]) + (", ..." if len(items) > 12 else "")
    return f"{head}expected one of {shown}"


def runtime_message(exc: Exception, terms: Mapping[str, Any]) -> str:
    msg = str(exc)
    m = re.search(r"variable \?(\w+) in its SELECT projection", msg)
    if m:
        return (f"parameter {m.group(1)!r}: the query does not select ?{m.group(1)}; a bound "
                f"variable must appear in the SELECT clause")
    return f"query failed: {msg}"
