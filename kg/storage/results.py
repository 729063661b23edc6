"""Rows of a ``SELECT`` written as text: an aligned table for people; CSV, TSV and SPARQL 1.1
results JSON for programs and spreadsheets.

Article text is untrusted, so every format is safe to print and to open:

* **No raw control characters** reach the output. JSON writes them (and format characters such
  as bidirectional overrides, line and paragraph separators) as ``\\uXXXX`` escapes: values
  read back exactly. TSV writes literals in their N-Triples form with ``\\n``, ``\\t`` and
  ``\\uXXXX`` escapes (also exact). CSV and tables show them as visible escapes (``\\x1b``,
  ``\\n``, ``\\u202e``), so each CSV record is one line.
* **No spreadsheet formulas**: a CSV or TSV cell whose text starts with ``=``, ``+``, ``-`` or
  ``@`` (and is not a plain number such as ``-3.5``) is written with a leading apostrophe
  (``'=HYPERLINK(...)``), which spreadsheets show as text instead of running it. ``--format
  json`` gives the exact values.

Tables show the name (``rdfs:label``, or an article's ``kg:documentId``) of an IRI when one is
known, kg's vocabulary as prefixed names (``kg:Meeting``), cut long values to
:data:`CELL_WIDTH` characters with an ellipsis and leave out columns that are empty in every row.

>>> import io, pyoxigraph as ox
>>> rows = [(ox.Literal("=1+2"), ox.Literal("-3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]
>>> out = io.StringIO(); write_csv(["a", "b"], rows, out); out.getvalue()
"a,b\\r\\n'=1+2,-3\\r\\n"
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import pyoxigraph as ox

from ..errors import one_line

__all__ = ["CELL_WIDTH", "TableInfo", "distinct", "repeats", "visible", "neutralise", "write_csv", "write_tsv",
           "write_json", "write_table", "iris_in", "safe_json"]

#: Longest value shown in a table cell (characters); longer ones end with an ellipsis.
CELL_WIDTH = 80

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Joiners that hold emoji sequences and some scripts together: format characters, but harmless.
_KEEP = frozenset("\u200c\u200d")
_UNSAFE_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
#: A cell that is a plain number: a leading sign there is not a formula.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_FORMULA_START = ("=", "+", "-", "@")
#: Literal datatypes TSV may write bare (N-Triples/Turtle short forms), with their lexical forms.
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?\d+"),
    _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    _XSD + "double": re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+"),
    _XSD + "boolean": re.compile(r"true|false"),
}


def _unsafe(c: str) -> bool:
    return c not in _KEEP and unicodedata.category(c) in _UNSAFE_CATEGORIES


def _escape(c: str) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def visible(text: str) -> str:
    """``text`` with control, format and line-separator characters shown as visible escapes.

    >>> visible("Eve\\x1b[2J\\nRed \\u202eevil")
    'Eve\\\\x1b[2J\\\\nRed \\\\u202eevil'
    """
    return "".join({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or _escape(c) if _unsafe(c) else c for c in text)


def neutralise(cell: str) -> str:
    """``cell`` made inert in a spreadsheet: text starting with ``=``, ``+``, ``-`` or ``@``
    (a formula to Excel, LibreOffice and Google Sheets) gets a leading apostrophe; plain
    numbers stay as they are.

    >>> neutralise("=HYPERLINK(\\"http://evil\\")"), neutralise("-2.5"), neutralise("@SUM(A1)"), neutralise("Ann")
    ('\\'=HYPERLINK("http://evil")', '-2.5', "'@SUM(A1)", 'Ann')
    """
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def distinct(rows: Iterable[tuple]) -> list[tuple]:
    """``rows`` without the rows that repeat an earlier one, in their order."""
    seen: set = set()
    out = []
    for row in rows:
        key = tuple(_key(t) for t in row)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def repeats(rows: Sequence[tuple]) -> int:
    """How many of ``rows`` repeat an earlier row."""
    return len(rows) - len(distinct(rows))


def _key(term):
    return None if term is None else (type(term).__name__, str(term))


# -- CSV and TSV ------------------------------------------------------------------------------------
def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


def write_csv(names: Sequence[str], rows: Iterable[tuple], out) -> None:
    """SPARQL 1.1 CSV (plain values, CRLF line ends), one line per row: control characters as
    visible escapes, formula-like cells neutralised (see the module docstring)."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(names)
    for row in rows:
        w.writerow([neutralise(visible(_text(t))) for t in row])


def _nt_string(value: str) -> str:
    out = []
    for c in value:
        if c in '\\"':
            out.append("\\" + c)
        elif c in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[c])
        elif _unsafe(c):
            n = ord(c)
            out.append(f"\\u{n:04X}" if n < 0x10000 else f"\\U{n:08X}")
        else:
            out.append(c)
    return "".join(out)


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else _XSD + "string"
        bare = _BARE.get(dt)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
        text = f'"{neutralise(_nt_string(term.value))}"'
        if term.language:
            return f"{text}@{term.language}"
        if dt != _XSD + "string":
            return f"{text}^^<{dt}>"
        return text
    return visible(str(term))


def write_tsv(names: Sequence[str], rows: Iterable[tuple], out) -> None:
    """SPARQL 1.1 TSV (terms in N-Triples form): control characters as N-Triples escapes (read
    back exactly), formula-like string values neutralised (see the module docstring)."""
    out.write("\t".join(f"?{n}" for n in names) + "\n")
    for row in rows:
        out.write("\t".join(_tsv_term(t) for t in row) + "\n")


# -- JSON ---------------------------------------------------------------------------------------------
def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != _XSD + "string":
            d["datatype"] = term.datatype.value
        return d
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    return {"type": "literal", "value": str(term)}


def safe_json(obj, *, indent: int | None = None) -> str:
    """``json.dumps`` of ``obj`` that keeps non-ASCII text readable but writes control and format
    characters (ANSI escapes, bidirectional overrides, line separators) as ``\\uXXXX`` escapes.

    >>> print(safe_json({"name": "Zoë \u202eevil\x1b[2J"}))
    {"name":"Zoë \\u202eevil\\u001b[2J"}
    """
    return _json_dumps(obj, indent=indent)


def _json_dumps(obj, indent: int | None = None) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent else (",", ":"))
    if text.isascii():
        return text  # json.dumps already escaped the ASCII control characters
    # json.dumps escaped every ASCII control character inside strings: a raw newline is indentation
    return "".join(_json_escape_char(c) if c != "\n" and _unsafe(c) else c for c in text)


def _json_escape_char(c: str) -> str:
    n = ord(c)
    if n < 0x10000:
        return f"\\u{n:04x}"
    n -= 0x10000
    return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"


def write_json(names: Sequence[str], rows: Iterable[tuple], out) -> None:
    """SPARQL 1.1 results JSON, one binding per line; control and format characters escaped
    (``\\u001b``, ``\\u202e``), so the values read back exactly."""
    out.write('{"head":{"vars":' + _json_dumps(list(names)) + '},"results":{"bindings":[')
    sep = "\n"
    for row in rows:
        binding = {n: _json_term(t) for n, t in zip(names, row) if t is not None}
        out.write(sep + _json_dumps(binding))
        sep = ",\n"
    out.write("\n]}}\n")


# -- tables -------------------------------------------------------------------------------------------
@dataclass
class TableInfo:
    """What :func:`write_table` left out: the empty columns and how many values it cut."""

    hidden: list[str] = field(default_factory=list)
    cut: int = 0


def _cell(term, prefixes: Mapping[str, str], labels: Mapping[str, str], base: str | None) -> str:
    if isinstance(term, ox.NamedNode):
        label = labels.get(term.value)
        if label is not None:
            return label
        for pfx, ns in prefixes.items():
            local = term.value[len(ns):]
            if term.value.startswith(ns) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", local or "-"):
                return f"{pfx}:{local}"
        if base and term.value.startswith(base) and len(term.value) > len(base):
            return term.value[len(base):]  # kg's own node without a name: event/6a2b0607...
    return _text(term)


def write_table(names: Sequence[str], rows: Sequence[tuple], out, *, prefixes: Mapping[str, str],
                labels: Mapping[str, str] | None = None, base: str | None = None,
                width: int | None = None) -> TableInfo:
    """An aligned table of ``rows`` (see the module docstring); ``labels`` maps IRIs to the names
    shown for them, IRIs under ``base`` without a name are shown relative to it (``event/6a2b...``),
    ``width`` is the line width to fit (``None``: as wide as the values need)."""
    from rich.console import Console
    from rich.table import Table

    labels = labels or {}
    info = TableInfo()
    cells = [[one_line(_cell(t, prefixes, labels, base)) for t in row] for row in rows]
    keep = [i for i in range(len(names)) if not rows or any(c[i] for c in cells)]
    info.hidden = [names[i] for i in range(len(names)) if i not in keep]
    from rich.cells import cell_len
    from rich.text import Text

    def cut(value: str, w: int) -> str:
        if cell_len(value) <= w:
            return value
        info.cut += 1
        t = Text(value)
        t.truncate(w, overflow="ellipsis")
        return t.plain

    shown_rows = [[row[i] for i in keep] for row in cells]
    heads = [names[i] for i in keep]
    widths = [min(max([cell_len(h)] + [cell_len(r[j]) for r in shown_rows]), max(CELL_WIDTH, cell_len(h)))
              for j, h in enumerate(heads)]
    if width is not None:  # a narrow terminal cuts the long columns (sentences, IRIs), not the short ones
        room = width - (3 * len(widths) + 1)  # borders and padding
        floor = [min(w, max(cell_len(h), 12)) for w, h in zip(widths, heads)]
        while sum(widths) > room:
            j = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
            if widths[j] <= floor[j]:
                break
            widths[j] -= 1
    table = Table(show_lines=False)
    for h, w in zip(heads, widths):
        table.add_column(h, no_wrap=True, overflow="ellipsis", width=w)
    for row in shown_rows:
        table.add_row(*[cut(v, w) for v, w in zip(row, widths)])
    buf = io.StringIO()
    Console(file=buf, markup=False, highlight=False, soft_wrap=False, force_terminal=False, color_system=None,
            width=sum(widths) + 3 * len(widths) + 1).print(table)
    for line in buf.getvalue().splitlines(keepends=True):  # line by line: a closed pipe is noticed
        out.write(line)
    return info


def iris_in(rows: Iterable[tuple]) -> set[str]:
    """The IRIs in ``rows`` (for a label lookup)."""
    return {t.value for row in rows for t in row if isinstance(t, ox.NamedNode)}

