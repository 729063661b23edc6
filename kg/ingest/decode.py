"""Bytes to text: UTF-8, UTF-16/32 with a byte-order mark, Windows-1252 or Latin-1; binary files
(images, PDF, archives) are recognised by their signature and refused."""
from __future__ import annotations

from ..errors import InputError
from .problems import ReadWarning

__all__ = ["SNIFF", "binary_kind", "control_problem", "decode_text"]

SNIFF = 8192  # bytes looked at to recognise binary files


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


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first bytes of a file) is, or ``None`` for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:SNIFF] and not head.startswith(tuple(b for b, _ in _BOMS)):
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
    kind = binary_kind(data[:SNIFF])
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
    problem = control_problem(text)
    if problem:
        raise InputError(f"{source}: {problem}; expected UTF-8 text, HTML or JSON Lines")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def control_problem(text: str) -> str | None:
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
