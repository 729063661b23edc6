"""One exception hierarchy: every error the user can cause is a :class:`KgError` whose message
names the bad value, what was expected and what to do."""
from __future__ import annotations

__all__ = ["KgError", "InputError", "StoreError", "StoreLockedError", "QueryError", "ModelError", "ExportError"]


class KgError(Exception):
    """Base class of all errors kg reports to users (printed as one line, exit code 1)."""

    exit_code = 1


class InputError(KgError):
    """A document or input path cannot be read (names the file and the problem)."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process is writing to the store."""


class QueryError(KgError):
    """A SPARQL query is invalid or failed."""


class ModelError(KgError):
    """The spaCy model cannot be loaded."""


class ExportError(KgError):
    """An export format or target is not supported."""
