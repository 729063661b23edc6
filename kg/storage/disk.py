"""The store on disk: where it is (:func:`store_path`), opening it (:func:`open_store`, with the
writer's lock), and removing a store a build left empty (:func:`remove_if_empty`)."""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError, StoreLockedError
from .store import KgStore

__all__ = ["DEFAULT_STORE", "store_path", "open_store", "remove_if_empty"]

DEFAULT_STORE = "kg-store"


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store directory: ``path``, else ``$KG_STORE``, else ``./kg-store``."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = False, create: bool = True) -> KgStore:
    """Open (and create on first use) the store at ``path``.

    ``read_only`` opens without taking the writer's lock, so it works beside a running build.

    Raises
    ------
    StoreLockedError
        When another process is writing to the store.
    StoreError
        When the store does not exist (read-only) or cannot be opened.

    Examples
    --------
    >>> import tempfile, os
    >>> st = open_store(os.path.join(tempfile.mkdtemp(), "st"))
    >>> len(st)
    0
    """
    p = store_path(path)
    if read_only:
        if not (p / "CURRENT").exists():
            raise StoreError(f"{p}: no kg store here; build one first with `kg build FILE --store {p}`")
        try:
            return KgStore(ox.Store.read_only(str(p)), p, True)
        except RuntimeError as exc:  # e.g. "Column family not found": a build is creating the store
            raise StoreError(f"{p}: cannot open store read-only ({exc}); if a build has just started "
                             "creating it, try again in a moment") from None
        except OSError as exc:
            raise StoreError(f"{p}: cannot open store read-only ({exc})") from None
    if not create and not (p / "CURRENT").exists():
        raise StoreError(f"{p}: no kg store here; build one first with `kg build FILE --store {p}`")
    if p.exists() and not p.is_dir():
        raise StoreError(f"{p}: is a file, not a store directory; choose a new or empty directory for --store")
    if p.is_dir() and not (p / "CURRENT").exists() and _has_entries(p):
        raise StoreError(f"{p}: directory exists and is not a kg store (it holds other files); "
                         "choose a new or empty directory for --store")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{p}: cannot create the store directory ({exc.strerror or exc}); "
                         "choose a writable location for --store") from None
    try:
        return KgStore(ox.Store(str(p)), p, False)
    except (OSError, RuntimeError) as exc:
        msg = str(exc)
        # Permission problems first: RocksDB names its LOCK file in those messages too.
        if "ermission denied" in msg or "Read-only file system" in msg:
            raise StoreError(f"{p}: permission denied: cannot write to the store ({msg}); "
                             "make the directory writable, or open it read-only (kg query, kg export)") from None
        if "lock" in msg.lower():
            raise StoreLockedError(
                f"{p}: the store is in use by another kg process (a build, or a server started with "
                "--writable), and only one may write at a time; wait for it to finish, or use another --store. "
                "Reading (kg query, kg export, kg viz) works meanwhile"
            ) from None
        if "No space left" in msg:
            raise StoreError(f"{p}: no space left on the device holding the store ({msg})") from None
        raise StoreError(f"{p}: cannot open store ({msg})") from None


def remove_if_empty(path: str | os.PathLike | None = None) -> bool:
    """Remove the (closed) store at ``path`` if it holds no quad, as after a build that built
    nothing into a new store; returns whether it was removed. A store in use is left alone.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "st")
    >>> open_store(p).close()
    >>> remove_if_empty(p), os.path.exists(p)
    (True, False)
    """
    import shutil

    p = store_path(path)
    if not (p / "CURRENT").exists():
        return False
    try:
        st = ox.Store(str(p))  # takes the lock: fails if another process writes to it
    except (OSError, RuntimeError):
        return False
    try:
        if next(iter(st.quads_for_pattern(None, None, None, None)), None) is not None:
            return False
    finally:
        del st
    shutil.rmtree(p, ignore_errors=True)
    return not p.exists()


def _has_entries(p: Path) -> bool:
    """Whether a directory holds files of its own (hidden files and a file system's lost+found
    do not count: a fresh disk or a folder opened in a file browser is still empty)."""
    try:
        with os.scandir(p) as it:
            return any(not e.name.startswith(".") and e.name != "lost+found" for e in it)
    except OSError:
        return False
