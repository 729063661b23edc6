"""One text, Markdown or HTML file as a document (:func:`read_text_file`), and the document id a
file name gives (:func:`doc_id_for_path`)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .decode import SNIFF, decode_text
from .limits import HTML_BYTES_PER_CHAR, TEXT_BYTES_PER_CHAR, max_chars, too_long

__all__ = ["SUPPORTED_SUFFIXES", "KgPage", "doc_id_for_path", "file_name", "read_text_file"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".jsonl")


_HTML_SUFFIXES = (".html", ".htm")


#: Fewer words than this left after boilerplate removal means the page has no article (a menu
#: item such as "Home" is all trafilatura finds on a page of navigation).
_MIN_HTML_WORDS = 8


#: kg's own HTML page (kg viz, kg build --html) says who wrote it; it is not an article.
_KG_PAGE = re.compile(rb'<meta\s+name="generator"\s+content="kg"', re.IGNORECASE)


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
    stem = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", file_name(stem))).strip("-").lower()
    return stem or "document"


def file_name(path: Path | str) -> str:
    """A file name as text that can be stored: bytes of the name that are not UTF-8 (which
    Python holds as lone surrogates) are written as escapes (``caf\\xe9.txt``).

    >>> file_name(Path(b"caf\\xe9.txt".decode("utf-8", "surrogateescape")))
    'caf\\\\xe9.txt'
    """
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _check_text(text: str, source: str, limit: int) -> str:
    if not text.strip():
        raise InputError(f"{source}: empty document (no text to read)")
    if len(text) > limit:
        raise InputError(f"{source}: {too_long(len(text), limit)}")
    return text


class KgPage(InputError):
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
    source = file_name(path)
    limit = max_chars(limit)
    html = path.suffix.lower() in _HTML_SUFFIXES
    try:
        st = path.stat()
        if not path.is_file():
            raise InputError(f"{source}: not a regular file" + (", expected a file" if path.is_dir() else ""))
        max_bytes = limit * (HTML_BYTES_PER_CHAR if html else TEXT_BYTES_PER_CHAR)
        if st.st_size > max_bytes:
            raise InputError(f"{source}: {too_long(st.st_size, limit, 'bytes')}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{source}: empty document (no text to read)")
    if html and _KG_PAGE.search(data[:SNIFF]):
        raise KgPage(f"{source}: a page written by kg (kg viz or kg build --html), not an article: not read")
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
