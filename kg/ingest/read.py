"""Read documents from files, directories, JSON Lines and standard input.

Reading is lazy: :func:`iter_documents` yields one :class:`~kg.records.Document` at a time, so a
JSON Lines file or a directory of any size is never held in memory at once. Bad documents are
reported as :class:`ReadProblem` items (with the file and the reason) instead of stopping the batch;
only a path that does not exist, or a directory without any document, stops it (before anything
is read), because that is a mistake on the command line rather than a bad document.

What is accepted (the README's "Failure modes" section lists every case):

* text files in UTF-8 (with or without BOM), UTF-16 with a BOM, or single-byte Windows-1252 /
  Latin-1 when the bytes are not valid UTF-8; binary files (images, PDF, archives) are refused;
* documents of at most :func:`max_chars` characters (default :data:`DEFAULT_MAX_CHARS`, set
  ``KG_MAX_CHARS`` to change it): parsing costs about 3 MB of memory per 1,000 characters with
  ``en_core_web_sm``, so a larger "document" (a dump, a log, a whole book) is refused with a
  clear message before it is read into memory, rather than exhausting memory or hanging;
* document ids unique within one batch: ids come from file names (relative to a directory given
  on the command line) or from the ``id`` of JSON Lines records, and a second document with an id
  already used in the batch is reported instead of silently replacing the first.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..records import Document
from .dates import check_date
from .files import SUPPORTED_SUFFIXES, KgPage, doc_id_for_path, file_name, read_text_file
from .jsonl import iter_jsonl_file
from .limits import max_chars
from .problems import Item, ReadProblem, ReadWarning
from .stdin import iter_stdin

__all__ = ["check_paths", "iter_documents"]


def _walk(directory: Path) -> Iterator[Path | ReadProblem]:
    """Supported files under ``directory`` in name order (hidden files and folders skipped), and a
    problem for each folder that cannot be listed."""
    problems: list[ReadProblem] = []

    def onerror(exc: OSError) -> None:
        problems.append(ReadProblem(str(exc.filename or directory), f"cannot list folder ({exc.strerror or exc})"))

    for root, dirs, files in os.walk(directory, onerror=onerror):
        yield from problems
        problems.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(root) / name
    yield from problems


def _has_document(directory: Path) -> bool:
    return any(isinstance(f, Path) for f in _walk(directory))


def check_paths(paths: Iterable[str]) -> list[str]:
    """Check the paths named on a command line before anything is read; returns them as a list.

    Raises
    ------
    InputError
        When a path does not exist, or a directory holds no document of a supported type.

    >>> check_paths(["-"])
    ['-']
    >>> check_paths(["no/such/file.txt"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/file.txt: no such file or directory
    >>> check_paths(["-", "-"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: -: standard input is named 2 times, but it can be read only once; name - once
    """
    paths = list(paths)
    if not paths:
        raise InputError("no input: name files (.txt .md .html .jsonl), directories, or - for standard input")
    if paths.count("-") > 1:
        raise InputError(f"-: standard input is named {paths.count('-')} times, but it can be read only once; "
                         "name - once")
    for p in paths:
        if p == "-":
            continue
        path = Path(p)
        if not path.exists():
            raise InputError(f"{p}: no such file or directory")
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                raise InputError(f"{p}: permission denied (cannot list the directory)")
            if not _has_document(path):
                raise InputError(f"{p}: directory holds no documents (expected {', '.join(SUPPORTED_SUFFIXES)})")
    return paths


def iter_documents(paths: Iterable[str], *, published: str | None = None, stdin=None,
                   limit: int | None = None) -> Iterator[Item]:
    """Yield documents (or :class:`ReadProblem` items) from paths, lazily.

    ``-`` reads standard input: JSON Lines when its first non-empty line is a JSON object, else one
    text document. Directories are walked recursively (the files of a folder in name order, then its
    subfolders in name order; hidden ones skipped); unsupported files in a
    directory are skipped silently, but an unsupported file named explicitly is a problem. A
    document whose id was already used in this batch is a problem too (ids are never reused).

    Raises
    ------
    InputError
        Before anything is read, when a path does not exist or a directory holds no document (see
        :func:`check_paths`), or ``published`` is not a date; when standard input is closed.
    """
    limit = max_chars(limit)
    paths = check_paths(paths)
    if published is not None:
        published = check_date(published, "published")
    seen: dict[str, str] = {}
    for item in _iter_paths(paths, published, stdin, limit):
        if isinstance(item, Document):
            first = seen.setdefault(item.id, item.source or item.id)
            if first != (item.source or item.id):
                yield ReadProblem(item.source or item.id,
                                  f"document id {item.id!r} is already used by {first} in this batch; "
                                  "rename the file or give the records distinct 'id' values")
                continue
        yield item


def _iter_paths(paths: list[str], published: str | None, stdin, limit: int) -> Iterator[Item]:
    for p in paths:
        if p == "-":
            yield from iter_stdin(stdin if stdin is not None else sys.stdin, published, limit)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                if isinstance(f, ReadProblem):
                    yield f
                else:
                    yield from _iter_file(f, published, limit, root=path)
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield ReadProblem(p, f"unsupported file type {path.suffix or '(none)'!r} "
                                 f"(expected {', '.join(SUPPORTED_SUFFIXES)})")
            continue
        yield from _iter_file(path, published, limit)


def _iter_file(path: Path, published: str | None, limit: int, root: Path | None = None) -> Iterator[Item]:
    if path.suffix.lower() == ".jsonl":
        yield from iter_jsonl_file(path, published, limit, root)
        return
    warnings: list[ReadWarning] = []
    try:
        yield read_text_file(path, published=published, limit=limit, doc_id=doc_id_for_path(path, root),
                             warnings=warnings)
    except InputError as exc:
        msg = str(exc)
        prefix = f"{file_name(path)}: "
        msg = msg[len(prefix):] if msg.startswith(prefix) else msg
        # kg's own page found in a folder (kg build . after kg build . --html graph.html): passed over
        # with a line; named on the command line, it is a mistake like any other file that is no article.
        yield (ReadWarning if isinstance(exc, KgPage) and root is not None else ReadProblem)(file_name(path), msg)
    yield from warnings
