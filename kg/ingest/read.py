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

import json
import math
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterable, Iterator, Union

from ..errors import InputError, one_line
from ..records import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DEFAULT_MAX_CHARS",
    "ReadProblem",
    "ReadWarning",
    "max_chars",
    "check_date",
    "check_paths",
    "iter_documents",
    "read_text_file",
    "decode_text",
    "doc_id_for_path",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".jsonl")
_HTML_SUFFIXES = (".html", ".htm")

#: Longest document accepted, in characters (``KG_MAX_CHARS`` overrides it). About 33,000 words:
#: ten times a long news feature, and about 0.8 GB of parser memory with ``en_core_web_sm``.
DEFAULT_MAX_CHARS = 200_000
#: UTF-8 needs at most 4 bytes per character: a text file larger than this many bytes per allowed
#: character cannot hold an acceptable document, and is refused without being read.
_TEXT_BYTES_PER_CHAR = 4
#: Saved web pages carry much markup around the article; the raw page may be this much larger.
_HTML_BYTES_PER_CHAR = 50
#: A JSON Lines record may escape every character (``\\ud83d\\ude00`` is 12 bytes for one emoji).
_JSON_BYTES_PER_CHAR = 12
_JSON_OVERHEAD = 64 * 1024  # room for the other fields of a record
#: Fewer words than this left after boilerplate removal means the page has no article (a menu
#: item such as "Home" is all trafilatura finds on a page of navigation).
_MIN_HTML_WORDS = 8
_SNIFF = 8192  # bytes looked at to recognise binary files
#: A publication date: ``YYYY-MM-DD``, optionally followed by an ISO time (``T09:30:00Z``).
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")
#: kg's own HTML page (kg viz, kg build --html) says who wrote it; it is not an article.
_KG_PAGE = re.compile(rb'<meta\s+name="generator"\s+content="kg"', re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")

#: File signatures of common binary formats people may pass by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (also .docx, .odt, .epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (.doc, .xls)"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class ReadProblem:
    """A document that could not be read: ``source`` names it, ``reason`` says why.

    Its string form is one line, safe to print (control characters of a hostile file name are
    shown as escapes):

    >>> str(ReadProblem("news\\x1b[2J.txt", "empty document"))
    'news\\\\x1b[2J.txt: empty document'
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return one_line(f"{self.source}: {self.reason}")


@dataclass(frozen=True)
class ReadWarning:
    """A document read with a caveat, or a file passed over on purpose: ``source`` names it,
    ``message`` says what happened. It does not make the build fail.

    >>> str(ReadWarning("a.txt", "1 byte that is not UTF-8"))
    'a.txt: 1 byte that is not UTF-8'
    """

    source: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.source}: {self.message}")


Item = Union[Document, ReadProblem, ReadWarning]


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


def _too_long(n: int, limit: int, unit: str = "characters", *, more: bool = False) -> str:
    return (f"document too long ({'more than ' if more else ''}{n:,} {unit}; the limit is {limit:,} characters): "
            "split it into articles, or raise the limit with KG_MAX_CHARS")


def doc_id_for_path(path: Path, root: Path | None = None) -> str:
    """A stable document id from a file name: the stem, lower-cased, safe characters only.

    For a file found by walking the directory ``root``, the folders below ``root`` are part of the
    id, so ``2024/01/news.txt`` and ``2024/02/news.txt`` do not collide.

    >>> doc_id_for_path(Path("news/Geneva Talks.txt"))
    'geneva-talks'
    >>> doc_id_for_path(Path("archive/2024/02/news.txt"), root=Path("archive"))
    '2024-02-news'
    >>> doc_id_for_path(Path("Новость 7.txt"))
    'новость-7'
    """
    stem = path.stem
    if root is not None:
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = None
        if rel is not None and len(rel.parts) > 1:
            stem = "-".join((*rel.parts[:-1], path.stem))
    # Letters and digits of every script are kept (NFC, as macOS may store names decomposed):
    # "новость.txt" and "статья.txt" must not both become "document".
    stem = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", _name(stem))).strip("-").lower()
    return stem or "document"


def _name(path: Path | str) -> str:
    """A file name as text that can be stored: bytes of the name that are not UTF-8 (which
    Python holds as lone surrogates) are written as escapes (``caf\\xe9.txt``).

    >>> _name(Path(b"caf\\xe9.txt".decode("utf-8", "surrogateescape")))
    'caf\\\\xe9.txt'
    """
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first bytes of a file) is, or ``None`` for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:_SNIFF] and not head.startswith(tuple(b for b, _ in _BOMS)):
        return "binary data"
    return None


def decode_text(data: bytes, source: str, *, warnings: list | None = None) -> str:
    """Decode the bytes of a text document.

    UTF-8 (BOM optional); UTF-16 or UTF-32 with a BOM; UTF-8 with the bad bytes replaced by
    U+FFFD when the file is UTF-8 but for a few bytes (more well-formed multi-byte characters
    than bad bytes; a :class:`ReadWarning` is added to ``warnings``); otherwise Windows-1252,
    then Latin-1, when the result is plausible text.

    Raises
    ------
    InputError
        For binary files (named by their format when known) and undecodable bytes.

    Examples
    --------
    >>> decode_text("Genève".encode("latin-1"), "a.txt")
    'Genève'
    >>> decode_text("\\ufeffKyiv".encode("utf-16-le"), "a.txt")
    'Kyiv'
    >>> decode_text("François Müller".encode() + b"\\xff", "a.txt")
    'François Müller\\ufffd'
    >>> decode_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "a.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: a.txt: binary file (PNG image), not text: expected UTF-8 text, HTML or JSON Lines
    """
    kind = _binary_kind(data[:_SNIFF])
    if kind:
        raise InputError(f"{source}: binary file ({kind}), not text: expected UTF-8 text, HTML or JSON Lines")
    text = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: starts with a {enc.upper()} byte-order mark but is not valid "
                                 f"{enc.upper()} (byte {exc.start}); save it as UTF-8") from None
            break
    if text is None:
        text = _decode_mostly_utf8(data, source, warnings)
    if text is None:
        for enc in ("cp1252", "latin-1"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    assert text is not None  # latin-1 decodes any bytes
    problem = _control_problem(text)
    if problem:
        raise InputError(f"{source}: {problem}; expected UTF-8 text, HTML or JSON Lines")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _control_problem(text: str) -> str | None:
    """Why ``text`` does not look like text (mostly control characters), or ``None``."""
    controls = sum(1 for c in text if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) and c not in _ALLOWED_CONTROLS)
    if controls > max(3, len(text) // 100):
        return f"does not look like text ({controls:,} control characters in {len(text):,})"
    return None


def _decode_mostly_utf8(data: bytes, source: str, warnings: list | None) -> str | None:
    """``data`` as UTF-8: as it is when valid; with its bad bytes replaced (and a warning) when
    it holds more well-formed multi-byte characters than bad bytes (a UTF-8 file damaged in a
    few places, not a Windows-1252 file); else ``None``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    loose = data.decode("utf-8", "surrogateescape")  # each bad byte becomes one U+DC80..U+DCFF
    bad = sum(1 for c in loose if "\udc80" <= c <= "\udcff")
    wide = sum(1 for c in loose if c >= "\x80") - bad
    if wide <= bad:
        return None
    if warnings is not None:
        warnings.append(ReadWarning(source, f"{bad:,} byte(s) that are not UTF-8 in a UTF-8 file (the first at "
                                            f"byte {first:,}); read as UTF-8 with each replaced by U+FFFD"))
    return data.decode("utf-8", "replace")


def _check_text(text: str, source: str, limit: int) -> str:
    if not text.strip():
        raise InputError(f"{source}: empty document (no text to read)")
    if len(text) > limit:
        raise InputError(f"{source}: {_too_long(len(text), limit)}")
    return text


class _KgPage(InputError):
    """The file is a page kg wrote (``kg viz``, ``kg build --html``), not an article."""


def read_text_file(path: Path, *, published: str | None = None, limit: int | None = None,
                   doc_id: str | None = None, warnings: list | None = None) -> Document:
    """Read one ``.txt``/``.md``/``.html`` file as a document.

    Files larger than the document limit allows (:func:`max_chars`) are refused before they are read.
    ``published`` dates a document that has no date of its own: an HTML page's publication date
    (``article:published_time`` and the like) wins over it. Caveats (a few bytes that are not
    UTF-8) are added to ``warnings`` as :class:`ReadWarning` items.

    Raises
    ------
    InputError
        When the file is missing, unreadable, empty, binary, too long, not decodable, or an
        HTML page written by kg itself (the actor graph of ``kg viz``).
    """
    source = _name(path)
    limit = max_chars(limit)
    html = path.suffix.lower() in _HTML_SUFFIXES
    try:
        st = path.stat()
        if not path.is_file():
            raise InputError(f"{source}: not a regular file" + (", expected a file" if path.is_dir() else ""))
        max_bytes = limit * (_HTML_BYTES_PER_CHAR if html else _TEXT_BYTES_PER_CHAR)
        if st.st_size > max_bytes:
            raise InputError(f"{source}: {_too_long(st.st_size, limit, 'bytes')}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{source}: empty document (no text to read)")
    if html and _KG_PAGE.search(data[:_SNIFF]):
        raise _KgPage(f"{source}: a page written by kg (kg viz or kg build --html), not an article: not read")
    text = decode_text(data, source, warnings=warnings)
    title = url = None
    if html:
        from .html import extract_article

        text, meta = extract_article(text, source)
        words = len(text.split())
        if words < _MIN_HTML_WORDS:
            raise InputError(f"{source}: HTML page holds no article text (only {words} word(s) outside "
                             "navigation and boilerplate); save the article page itself")
        title, url = meta.get("title"), meta.get("url")
        published = meta.get("published") or published  # the page's own date wins over the default
    _check_text(text, source, limit)
    return Document(id=doc_id or doc_id_for_path(path), text=text, title=title, published=published, url=url,
                    source=source)


# -- JSON Lines ------------------------------------------------------------------------------------

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
        return ReadProblem(where, _too_long(len(text), limit))
    for key in ("id", "text", "title", "url", "published", "publication_date"):
        value = rec.get(key)
        m = _SURROGATE.search(value) if isinstance(value, str) else None
        if m:
            return ReadProblem(where, f"{key!r} holds a lone UTF-16 surrogate ({ascii(m.group())[1:-1]} at character "
                                      f"{m.start():,}), which is not a character; fix the escape in the source")
    problem = _control_problem(text)
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
    title, url = rec.get("title"), rec.get("url")
    return Document(
        id=str(rid) if rid not in (None, "") else default_id,
        text=text,
        title=title if isinstance(title, str) else None,
        published=pub or published,
        url=url if isinstance(url, str) else None,
        source=where,
    )


def _bounded_lines(stream: IO, max_line: int) -> Iterator[tuple[int, bytes | str | None, int]]:
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


def _iter_jsonl(lines: Iterable[tuple[int, bytes | str | None, int]], source: str, stem: str,
                published: str | None, limit: int) -> Iterator[Item]:
    records = 0
    for n, raw, size in lines:
        where = f"{source}:{n}"
        if raw is None:
            records += 1
            yield ReadProblem(where, _too_long(size, limit, "bytes"))
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


def _jsonl_line_limit(limit: int) -> int:
    return limit * _JSON_BYTES_PER_CHAR + _JSON_OVERHEAD


def _iter_jsonl_file(path: Path, published: str | None, limit: int, root: Path | None) -> Iterator[Item]:
    stem = doc_id_for_path(path, root)
    try:
        with path.open("rb") as fh:
            kind = _binary_kind(fh.read(_SNIFF))
            if kind:
                yield ReadProblem(_name(path), f"binary file ({kind}), not JSON Lines")
                return
            fh.seek(0)
            yield from _iter_jsonl(_bounded_lines(fh, _jsonl_line_limit(limit)), _name(path), stem, published, limit)
    except PermissionError:
        yield ReadProblem(_name(path), "permission denied (cannot read the file)")
    except OSError as exc:
        yield ReadProblem(_name(path), f"cannot read ({exc.strerror or exc})")


# -- paths -----------------------------------------------------------------------------------------

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
            yield from _iter_stdin(stdin if stdin is not None else sys.stdin, published, limit)
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
        yield from _iter_jsonl_file(path, published, limit, root)
        return
    warnings: list[ReadWarning] = []
    try:
        yield read_text_file(path, published=published, limit=limit, doc_id=doc_id_for_path(path, root),
                             warnings=warnings)
    except InputError as exc:
        msg = str(exc)
        prefix = f"{_name(path)}: "
        msg = msg[len(prefix):] if msg.startswith(prefix) else msg
        # kg's own page found in a folder (kg build . after kg build . --html graph.html): passed over
        # with a line; named on the command line, it is a mistake like any other file that is no article.
        yield (ReadWarning if isinstance(exc, _KgPage) and root is not None else ReadProblem)(_name(path), msg)
    yield from warnings


# -- standard input --------------------------------------------------------------------------------

def _iter_stdin(stream, published: str | None, limit: int) -> Iterator[Item]:
    """Standard input: JSON Lines (streamed record by record) when the first non-empty line is a JSON
    object, else one text document of at most ``limit`` characters."""
    if stream is None or getattr(stream, "closed", False):
        raise InputError("-: standard input is closed; pipe a document or JSON Lines into `kg build -`")
    raw = getattr(stream, "buffer", stream)  # bytes when possible, so that decoding is ours
    max_line = _jsonl_line_limit(limit)
    try:
        lines = _bounded_lines(raw, max_line)
        head: list[tuple[int, bytes | str | None, int]] = []
        for entry in lines:
            head.append(entry)
            if entry[1] is None or entry[1].strip():
                break
        first = head[-1][1] if head else None
        if first is not None and _is_json_object(first):
            from itertools import chain

            yield from _iter_jsonl(chain(head, lines), "-", "stdin", published, limit)
            return
        # One text document: the lines read so far plus the rest, refusing more than the limit allows.
        budget = limit * _TEXT_BYTES_PER_CHAR
        parts = [e[1] for e in head if e[1] is not None]
        size = sum(e[2] for e in head)
        if any(e[1] is None for e in head):
            yield ReadProblem("-", _too_long(size, limit, "bytes"))
            return
        while size <= budget:
            chunk = raw.read(min(1 << 20, budget + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        if size > budget:
            yield ReadProblem("-", _too_long(size, limit, "bytes", more=True))
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
        yield ReadProblem("-", _too_long(len(data), limit))
        return
    yield Document(id="stdin", text=data, published=published, source="-")


def _is_json_object(line: bytes | str) -> bool:
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
