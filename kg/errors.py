"""One exception hierarchy and the exit codes of the ``kg`` command.

Every error the user can cause is a :class:`KgError` whose message names the bad value, what was
expected and what to do. The command prints it as one line (``kg: error: ...``) and exits with
the error's :attr:`~KgError.exit_code`; ``--debug`` shows the traceback instead.

Exit codes
----------
====  ==========================================================================================
0     success
1     error: bad input path, unreadable store, invalid query, ... (nothing was built)
2     usage error: unknown option or command, missing argument, bad option value
3     partial build: some documents were reported and skipped, the others were built
4     the store is in use by another kg process (a build is running): try again later
70    internal error (a bug: please report it with the output of ``--debug``)
130   interrupted (Ctrl-C)
141   output pipe closed by the reader (``kg query ... | head``)
====  ==========================================================================================
"""
from __future__ import annotations

__all__ = [
    "EXIT_OK", "EXIT_ERROR", "EXIT_USAGE", "EXIT_PARTIAL", "EXIT_LOCKED", "EXIT_INTERNAL", "EXIT_INTERRUPTED",
    "EXIT_BROKEN_PIPE", "KgError", "InputError", "StoreError", "StoreFlushError", "StoreLockedError", "QueryError", "ModelError",
    "ExportError", "one_line",
]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_LOCKED = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


#: Not "printable" to Python, but harmless on a terminal: the space, and the joiners that hold emoji
#: sequences (👩‍⚕️) and some scripts together.
_KEEP = frozenset(" \u200c\u200d")


def one_line(text: str) -> str:
    """``text`` safe to print on one terminal line: control and format characters (newlines,
    ANSI escapes, bidirectional overrides) are shown as visible escapes, never interpreted.

    >>> one_line("bad\\x1b[31mname\\n.txt")
    'bad\\\\x1b[31mname\\\\n.txt'
    >>> one_line("Genève \\u202etxt")
    'Genève \\\\u202etxt'
    """
    return "".join(c if c.isprintable() or c in _KEEP else repr(c)[1:-1] for c in text)


class KgError(Exception):
    """Base class of all errors kg reports to users (printed as one line, exit code 1)."""

    exit_code = EXIT_ERROR


class InputError(KgError):
    """A document or input path cannot be read (names the file and the problem)."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreFlushError(StoreError):
    """Writing the store's committed data from memory to its files failed (a full disk): what was
    committed is kept in the store's write-ahead log. :attr:`reason` is the system's message."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


class StoreLockedError(StoreError):
    """Another process is writing to the store (exit code 4: try again when it has finished)."""

    exit_code = EXIT_LOCKED


class QueryError(KgError):
    """A SPARQL query is invalid or failed."""


class ModelError(KgError):
    """The spaCy model cannot be loaded."""


class ExportError(KgError):
    """An export format or target is not supported."""
