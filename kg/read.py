"""Read documents from files, directories, JSON Lines and standard input.

Reading is lazy: :func:`iter_documents` yields one :class:`~kg.records.Document` at a time, so a
JSON Lines file or a directory of any size is never held in memory at once. Bad documents are
reported as :class:`ReadProblem` items (with the file and the reason) instead of stopping the batch.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from .errors import InputError
from .records import Document

__all__ = ["SUPPORTED_SUFFIXES", "ReadProblem", "iter_documents", "read_text_file", "doc_id_for_path"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".jsonl")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ReadProblem:
    """A document that could not be read: ``source`` names it, ``reason`` says why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


Item = Union[Document, ReadProblem]


def doc_id_for_path(path: Path) -> str:
    """A stable document id from a file name: the stem, lower-cased, safe characters only.

    >>> doc_id_for_path(Path("news/Riyadh Talks.txt"))
    'riyadh-talks'
    """
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-").lower()
    return stem or "document"


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: binary file, not text (expected UTF-8 text, HTML or JSON Lines)")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Latin-1 decodes anything; accept it only when the result is plausible text.
        text = data.decode("latin-1")
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
        if controls > len(text) / 100:
            raise InputError(f"{source}: not valid UTF-8 and not plausible Latin-1 text") from None
        return text


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(f"{source}: empty document (no text to read)")
    return text


def read_text_file(path: Path, *, published: str | None = None) -> Document:
    """Read one ``.txt``/``.md``/``.html`` file as a document.

    Raises
    ------
    InputError
        When the file is missing, empty, binary or not decodable.
    """
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, expected a file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    text = _decode(data, source)
    title = url = None
    if path.suffix.lower() in (".html", ".htm"):
        from .html import extract_article

        text, meta = extract_article(text, source)
        title, url = meta.get("title"), meta.get("url")
        published = published or meta.get("published")
    _check_text(text, source)
    return Document(id=doc_id_for_path(path), text=text, title=title, published=published, url=url, source=source)


def _parse_jsonl_line(line: str, where: str, default_id: str, published: str | None) -> Item | None:
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadProblem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(rec, dict):
        return ReadProblem(where, "expected a JSON object with at least 'text'")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadProblem(where, "record has no 'text' (a non-empty string is required)")
    pub = rec.get("published") or rec.get("publication_date") or published
    if pub is not None and not (isinstance(pub, str) and _DATE.match(pub)):
        return ReadProblem(where, f"'published' must be an ISO date YYYY-MM-DD, got {pub!r}")
    title, url = rec.get("title"), rec.get("url")
    return Document(
        id=str(rec.get("id") or default_id),
        text=text,
        title=title if isinstance(title, str) else None,
        published=pub[:10] if pub else None,
        url=url if isinstance(url, str) else None,
        source=where,
    )


def _iter_jsonl(lines: Iterable[bytes | str], source: str, published: str | None) -> Iterator[Item]:
    stem = Path(source).stem if source != "-" else "stdin"
    for n, raw in enumerate(lines, 1):
        where = f"{source}:{n}"
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield ReadProblem(where, "line is not valid UTF-8")
                continue
        item = _parse_jsonl_line(raw, where, f"{stem}-{n}", published)
        if item is not None:
            yield item


def _iter_jsonl_file(path: Path, published: str | None) -> Iterator[Item]:
    try:
        with path.open("rb") as fh:
            yield from _iter_jsonl(fh, str(path), published)
    except PermissionError:
        yield ReadProblem(str(path), "permission denied")


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def iter_documents(paths: Iterable[str], *, published: str | None = None, stdin=None) -> Iterator[Item]:
    """Yield documents (or :class:`ReadProblem` items) from paths, lazily.

    ``-`` reads standard input (JSON Lines when every non-empty line is a JSON object, else one
    text document). Directories are walked recursively in name order; unsupported files in a
    directory are skipped silently, but an unsupported file named explicitly is a problem.

    Raises
    ------
    InputError
        When a path does not exist or a directory holds no readable document.
    """
    for p in paths:
        if p == "-":
            yield from _iter_stdin(stdin if stdin is not None else sys.stdin, published)
            continue
        path = Path(p)
        if not path.exists():
            raise InputError(f"{p}: no such file or directory")
        if path.is_dir():
            found = False
            for f in _walk(path):
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    found = True
                    yield from _iter_file(f, published)
            if not found:
                raise InputError(f"{p}: directory holds no documents (expected {', '.join(SUPPORTED_SUFFIXES)})")
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield ReadProblem(p, f"unsupported file type {path.suffix or '(none)'!r} (expected {', '.join(SUPPORTED_SUFFIXES)})")
            continue
        yield from _iter_file(path, published)


def _iter_file(path: Path, published: str | None) -> Iterator[Item]:
    if path.suffix.lower() == ".jsonl":
        yield from _iter_jsonl_file(path, published)
        return
    try:
        yield read_text_file(path, published=published)
    except InputError as exc:
        msg = str(exc)
        prefix = f"{path}: "
        yield ReadProblem(str(path), msg[len(prefix):] if msg.startswith(prefix) else msg)


def _iter_stdin(stream, published: str | None) -> Iterator[Item]:
    try:
        if stream is None or stream.closed:
            raise InputError("-: standard input is closed")
        data = stream.read()
    except (OSError, ValueError):
        raise InputError("-: standard input is closed or unreadable") from None
    if isinstance(data, bytes):
        data = _decode(data, "-")
    if not data.strip():
        yield ReadProblem("-", "empty input on standard input")
        return
    lines = [l for l in data.splitlines() if l.strip()]
    if lines and all(l.lstrip().startswith("{") for l in lines):
        yield from _iter_jsonl(data.splitlines(), "-", published)
    else:
        yield Document(id="stdin", text=data, published=published, source="-")
