"""Build documents into a scratch store held in memory, for scoring.

Nothing is written to disk unless an export path is given. The build is the library's own
(:func:`kg.pipeline.build.build_into`), so what is scored is what ``kg build`` would store.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from ..pipeline.build import BuildReport, build_into
from ..storage.store import KgStore

__all__ = ["scratch_store", "build_paths", "build_records"]


def scratch_store() -> KgStore:
    """An empty kg store in memory.

    >>> len(scratch_store())
    0
    """
    return KgStore(ox.Store(), None, False)


def _export(store: KgStore, export_to: str | Path | None) -> None:
    if export_to is None:
        return
    from ..output.export import export

    target = Path(export_to)
    target.parent.mkdir(parents=True, exist_ok=True)
    export(store, target)


def build_paths(paths: list[str], *, published: str | None = None, model: str | None = None,
                export_to: str | Path | None = None,
                on_document: Callable | None = None) -> tuple[KgStore, BuildReport]:
    """Build files (as ``kg build`` reads them) into a scratch store; optionally export it."""
    store = scratch_store()
    report = build_into(store, paths, published=published, model=model, resume=False, on_document=on_document)
    _export(store, export_to)
    return store, report


def build_records(records: Iterable[dict], *, model: str | None = None, export_to: str | Path | None = None,
                  on_document: Callable | None = None) -> tuple[KgStore, BuildReport]:
    """Build documents given as JSON Lines records (``id``, ``text``, optional ``title``,
    ``published``) into a scratch store, exactly as ``kg build FILE.jsonl`` would read them."""
    lines = io.StringIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    store = scratch_store()
    report = build_into(store, ["-"], model=model, resume=False, on_document=on_document, stdin=lines)
    _export(store, export_to)
    return store, report
