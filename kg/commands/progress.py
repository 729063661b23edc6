"""Progress of a build on the terminal, and its final summary.

:class:`BuildProgress` is a Rich progress bar on standard error (documents done, words per
second, time left) fed by the ``progress`` callback of :func:`kg.pipeline.build.build_into`. The total is
counted cheaply in a background thread (lines of JSON Lines files, supported files of
directories; no text is parsed), so the build starts at once and the bar gets its total and ETA
when the count is done. Nothing is drawn when standard error is not a terminal.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Iterable

from ..ingest.files import SUPPORTED_SUFFIXES

__all__ = ["count_documents", "BuildProgress", "summary_lines"]

_CHUNK = 1 << 20


def _count_lines(path: Path) -> int:
    n = 0
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def count_documents(paths: Iterable[str]) -> int | None:
    """The number of input items a build of ``paths`` will see, or ``None`` when it cannot be
    known without reading the input (standard input, missing paths).

    A JSON Lines file counts its lines, any other supported file counts one; directories are
    walked like :func:`kg.ingest.read.iter_documents` walks them.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> for name, body in [("a.txt", "x"), ("b.jsonl", '{"text": "y"}\\n{"text": "z"}\\n'), ("c.png", "")]:
    ...     with open(os.path.join(d, name), "w") as fh:
    ...         _ = fh.write(body)
    >>> count_documents([d])
    3
    >>> count_documents(["-"]) is None
    True
    """
    total = 0
    try:
        for p in paths:
            if p == "-":
                return None
            path = Path(p)
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    for name in files:
                        f = Path(root) / name
                        if not name.startswith(".") and f.suffix.lower() in SUPPORTED_SUFFIXES:
                            total += _count_lines(f) if f.suffix.lower() == ".jsonl" else 1
            elif path.is_file():
                total += _count_lines(path) if path.suffix.lower() == ".jsonl" else 1
            else:
                return None
    except OSError:
        return None
    return total


class BuildProgress:
    """A progress bar for :func:`kg.pipeline.build.build_into`; use as a context manager and pass it as
    the ``progress`` callback.

    Parameters
    ----------
    paths
        The build's inputs, counted in a background thread for the total.
    console
        A Rich console (default: standard error).
    enabled
        Draw the bar; by default only when the console is a terminal.
    """

    def __init__(self, paths: Iterable[str] = (), *, console=None, enabled: bool | None = None,
                 limit: int | None = None):
        from rich.console import Console

        self.paths = list(paths)
        self.limit = limit
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self._progress = None
        self._task = None
        self._started = time.perf_counter()
        #: The thread counting the total (``None`` until the bar starts).
        self.counter: threading.Thread | None = None

    def __enter__(self) -> "BuildProgress":
        if not self.enabled:
            return self
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs"),
            TextColumn("{task.fields[rate]} words/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("build", total=None, rate="-")
        self._started = time.perf_counter()
        self.counter = threading.Thread(target=self._count, name="kg-count", daemon=True)
        self.counter.start()
        return self

    def _count(self) -> None:
        total = count_documents(self.paths)
        if total is not None and self.limit is not None:
            total = min(total, self.limit)
        progress = self._progress
        if total is not None and progress is not None and self._task is not None:
            progress.update(self._task, total=total)

    def __call__(self, report) -> None:
        if self._progress is None:
            return
        elapsed = time.perf_counter() - self._started
        rate = f"{report.words / elapsed:,.0f}" if elapsed > 0 and report.words else "-"
        task = self._progress.tasks[0]
        if task.total is not None and report.seen > task.total:  # the count was an estimate
            self._progress.update(self._task, total=report.seen)
        self._progress.update(self._task, completed=report.seen, rate=rate)

    def __exit__(self, *exc) -> None:
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.stop()


def _n(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the noun in the right number: ``1 document``, ``2 documents``, ``0 entities``."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def summary_lines(report) -> list[str]:
    """The final summary of a build: one line of counts, then one line per skipped item and one
    per warning (a document read with a caveat, such as a few bytes that are not UTF-8).

    >>> from kg.pipeline.build import BuildReport
    >>> from kg.ingest.problems import ReadProblem
    >>> r = BuildReport(documents=2, words=300, entities=5, relations=2, quotations=1, seconds=1.5)
    >>> r.problems.append(ReadProblem("in.jsonl:3", "invalid JSON"))
    >>> for line in summary_lines(r):
    ...     print(line)
    built 2 documents (0 unchanged, 1 skipped) in 1.5 s, 200 words/s: 5 entities, 2 relations, 0 positions, 0 events, 1 quotation; 0 triples written
    skipped in.jsonl:3: invalid JSON
    """
    lines = [
        f"built {_n(report.documents, 'document')} ({report.unchanged:,} unchanged, {len(report.problems):,} skipped) "
        f"in {report.seconds:,.1f} s, {report.words_per_second:,.0f} words/s: {_n(report.entities, 'entity', 'entities')}, "
        f"{_n(report.relations, 'relation')}, {_n(report.positions, 'position')}, {_n(report.events, 'event')}, "
        f"{_n(report.quotations, 'quotation')}; {_n(report.triples, 'triple')} written"
    ]
    if getattr(report, "filled_in", 0):
        lines.append(f"filled in {_n(report.filled_in, 'affiliation')} stated in other articles of the store "
                     "(rule corpus-memory)")
    lines.extend(f"skipped {p}" for p in report.problems)
    lines.extend(f"warning: {w}" for w in getattr(report, "warnings", ()))
    return lines
