"""What reading reports instead of a document: :class:`ReadProblem` (a document that could not be
read) and :class:`ReadWarning` (read with a caveat, or passed over on purpose)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..errors import one_line
from ..records import Document

__all__ = ["ReadProblem", "ReadWarning", "Item"]

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
