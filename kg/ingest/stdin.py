"""Standard input (``kg build -``): JSON Lines when its first non-empty line is a JSON object,
else one text document."""
from __future__ import annotations

from typing import Iterator

from ..errors import InputError
from ..records import Document
from .decode import decode_text
from .jsonl import bounded_lines, is_json_object, iter_jsonl, jsonl_line_limit
from .limits import TEXT_BYTES_PER_CHAR, too_long
from .problems import Item, ReadProblem, ReadWarning

__all__ = ["iter_stdin"]

def iter_stdin(stream, published: str | None, limit: int) -> Iterator[Item]:
    """Standard input: JSON Lines (streamed record by record) when the first non-empty line is a JSON
    object, else one text document of at most ``limit`` characters."""
    if stream is None or getattr(stream, "closed", False):
        raise InputError("-: standard input is closed; pipe a document or JSON Lines into `kg build -`")
    raw = getattr(stream, "buffer", stream)  # bytes when possible, so that decoding is ours
    max_line = jsonl_line_limit(limit)
    try:
        lines = bounded_lines(raw, max_line)
        head: list[tuple[int, bytes | str | None, int]] = []
        for entry in lines:
            head.append(entry)
            if entry[1] is None or entry[1].strip():
                break
        first = head[-1][1] if head else None
        if first is not None and is_json_object(first):
            from itertools import chain

            yield from iter_jsonl(chain(head, lines), "-", "stdin", published, limit)
            return
        # One text document: the lines read so far plus the rest, refusing more than the limit allows.
        budget = limit * TEXT_BYTES_PER_CHAR
        parts = [e[1] for e in head if e[1] is not None]
        size = sum(e[2] for e in head)
        if any(e[1] is None for e in head):
            yield ReadProblem("-", too_long(size, limit, "bytes"))
            return
        while size <= budget:
            chunk = raw.read(min(1 << 20, budget + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        if size > budget:
            yield ReadProblem("-", too_long(size, limit, "bytes", more=True))
            return
    except (OSError, ValueError) as exc:
        raise InputError(f"-: standard input is closed or unreadable ({exc})") from None
    data = (b"" if not parts or isinstance(parts[0], bytes) else "").join(parts)
    if isinstance(data, bytes):
        if not data.strip():
            yield ReadProblem("-", "empty input on standard input")
            return
        warnings: list[ReadWarning] = []
        try:
            data = decode_text(data, "-", warnings=warnings)
        except InputError as exc:
            yield ReadProblem("-", str(exc)[3:])
            return
        yield from warnings
    if not data.strip():
        yield ReadProblem("-", "empty input on standard input")
        return
    if len(data) > limit:
        yield ReadProblem("-", too_long(len(data), limit))
        return
    yield Document(id="stdin", text=data, published=published, source="-")
