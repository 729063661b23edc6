"""JSON Lines: one document per line (``id``, ``text``, optional ``title``, ``published``, ``url``,
``country``),
streamed record by record with every line bounded in memory; a bad record is a
:class:`~kg.ingest.problems.ReadProblem` and the others are read."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..errors import InputError
from ..records import Document
from .dates import check_date
from .decode import SNIFF, binary_kind, control_problem
from .files import doc_id_for_path, file_name
from .limits import JSON_BYTES_PER_CHAR, JSON_OVERHEAD, too_long
from .problems import Item, ReadProblem

__all__ = ["bounded_lines", "iter_jsonl", "iter_jsonl_file", "jsonl_line_limit", "is_json_object"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_jsonl_line(line: str, where: str, default_id: str, published: str | None, limit: int) -> Item | None:
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadProblem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return ReadProblem(where, "invalid JSON (nested too deeply)")
    if not isinstance(rec, dict):
        return ReadProblem(where, f"expected a JSON object with at least 'text', got a JSON {type(rec).__name__}")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadProblem(where, "record has no 'text' (a non-empty string is required)")
    if len(text) > limit:
        return ReadProblem(where, too_long(len(text), limit))
    for key in ("id", "text", "title", "url", "published", "publication_date", "country"):
        value = rec.get(key)
        m = _SURROGATE.search(value) if isinstance(value, str) else None
        if m:
            return ReadProblem(where, f"{key!r} holds a lone UTF-16 surrogate ({ascii(m.group())[1:-1]} at character "
                                      f"{m.start():,}), which is not a character; fix the escape in the source")
    problem = control_problem(text)
    if problem:
        return ReadProblem(where, f"'text' {problem}")
    pub = rec.get("published") or rec.get("publication_date")
    if pub is not None:
        if not isinstance(pub, str):
            return ReadProblem(where, f"'published' must be an ISO date YYYY-MM-DD, got {pub!r}")
        try:
            pub = check_date(pub, "'published'")
        except InputError as exc:
            return ReadProblem(where, str(exc))
    rid = rec.get("id")
    if isinstance(rid, float) and math.isfinite(rid):
        rid = repr(rid)  # 1.5 -> "1.5"; as the README says, an id is a string or a number
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        kind = (f"boolean ({json.dumps(rid)})" if isinstance(rid, bool) else f"number that is not finite ({rid})"
                if isinstance(rid, float) else type(rid).__name__)
        return ReadProblem(where, f"'id' must be a string or a number, got a JSON {kind}")
    title, url, country = rec.get("title"), rec.get("url"), rec.get("country")
    return Document(
        id=str(rid) if rid not in (None, "") else default_id,
        text=text,
        title=title if isinstance(title, str) else None,
        published=pub or published,
        url=url if isinstance(url, str) else None,
        source=where,
        country=country.strip() or None if isinstance(country, str) else None,
    )


def bounded_lines(stream: IO, max_line: int) -> Iterator[tuple[int, bytes | str | None, int]]:
    """``(line number, line, length)`` of a stream, never holding more than ``max_line`` of one line;
    an overlong line is read through and given as ``None`` with its length."""
    n = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        n += 1
        nl = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > max_line and not line.endswith(nl):
            size = len(line)
            while True:  # skip the rest of the line in bounded pieces
                rest = stream.readline(1 << 20)
                size += len(rest)
                if not rest or rest.endswith(nl):
                    break
            yield n, None, size
        else:
            yield n, line, len(line)


def iter_jsonl(lines: Iterable[tuple[int, bytes | str | None, int]], source: str, stem: str,
                published: str | None, limit: int) -> Iterator[Item]:
    records = 0
    for n, raw, size in lines:
        where = f"{source}:{n}"
        if raw is None:
            records += 1
            yield ReadProblem(where, too_long(size, limit, "bytes"))
            continue
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                records += 1
                yield ReadProblem(where, f"line is not valid UTF-8 (byte {exc.start}); JSON Lines must be UTF-8")
                continue
        if n == 1 and raw.startswith("\ufeff"):
            raw = raw[1:]
        item = _parse_jsonl_line(raw, where, f"{stem}-{n}", published, limit)
        if item is not None:
            records += 1
            yield item
    if not records:
        yield ReadProblem(source, "no records (expected one JSON object per line, each with 'text')")


def jsonl_line_limit(limit: int) -> int:
    return limit * JSON_BYTES_PER_CHAR + JSON_OVERHEAD


def iter_jsonl_file(path: Path, published: str | None, limit: int, root: Path | None) -> Iterator[Item]:
    stem = doc_id_for_path(path, root)
    try:
        with path.open("rb") as fh:
            kind = binary_kind(fh.read(SNIFF))
            if kind:
                yield ReadProblem(file_name(path), f"binary file ({kind}), not JSON Lines")
                return
            fh.seek(0)
            yield from iter_jsonl(bounded_lines(fh, jsonl_line_limit(limit)), file_name(path), stem, published, limit)
    except PermissionError:
        yield ReadProblem(file_name(path), "permission denied (cannot read the file)")
    except OSError as exc:
        yield ReadProblem(file_name(path), f"cannot read ({exc.strerror or exc})")


def is_json_object(line: bytes | str) -> bool:
    s = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
    s = s.lstrip("\ufeff \t\r\n")
    if re.match(r'\{\s*"', s):  # '{"key": ...' (even if broken): JSON Lines, not prose
        return True
    if not s.startswith("{"):
        return False
    try:
        return isinstance(json.loads(s), dict)
    except (ValueError, RecursionError):
        return False
