"""The second stage of a build: a thread that resolves identities, maps each extraction to RDF
and writes the graphs in batches, in input order."""
from __future__ import annotations

import queue
import threading
import time

from ..errors import StoreError
from ..rdf.mapping import extraction_to_graph
from ..records import Extraction
from .report import BuildReport
from .resolve import IdentityIndex

__all__ = ["BatchWriter", "BATCH_TRIPLES"]

#: A batch is written early once it holds this many triples (bounds memory for long articles).
BATCH_TRIPLES = 50_000


class BatchWriter(threading.Thread):
    """The second stage of a build: resolve, map, write in batches, in input order.

    It runs beside extraction (the first stage, in the calling thread) so that RDF mapping and
    store transactions overlap parsing, which spends much of its time outside the GIL. It is
    the only user of the identity index and the only writer, so the graph is exactly the one a
    strictly sequential build writes: the same resolution order, the same batch boundaries.
    """

    def __init__(self, sink, identities: IdentityIndex, report: BuildReport, *, base: str | None, batch_docs: int,
                 on_document, progress, started: float):
        super().__init__(name="kg-build-writer", daemon=True)
        self.sink, self.identities, self.report = sink, identities, report
        self.base, self.batch_docs = base, batch_docs
        self.on_document, self.progress, self.started = on_document, progress, started
        self.inbox: queue.Queue = queue.Queue(maxsize=max(2, batch_docs))
        self.error: BaseException | None = None
        self.batch: list = []
        self.size = 0

    def write(self) -> None:
        if self.batch:
            batch, self.batch, self.size = self.batch, [], 0
            # A surname-only person (of this batch or an earlier article) may now be known by its
            # full name: it is re-pointed in the same transaction as the batch.
            merges = self.identities.take_merges()
            self.report.triples += self.sink.write(batch, merges)
            self.identities.applied.extend(merges)
            self.report.batches += 1

    def run(self) -> None:
        report = self.report
        ended = False  # the end marker (None) was taken from the inbox
        try:
            while True:
                ex = self.inbox.get()
                if ex is None:
                    ended = True
                    break
                g = extraction_to_graph(ex, self.identities.iris(ex), base=self.base)
                self.batch.append(g)
                self.size += len(g)
                report.add(ex)
                if self.on_document:
                    self.on_document(ex)
                if len(self.batch) >= self.batch_docs or self.size >= BATCH_TRIPLES:
                    self.write()
                report.seconds = time.perf_counter() - self.started
                if self.progress:
                    self.progress(report)
            self.write()
        except BaseException as exc:
            self.error = exc
            # Keep the documents already mapped (complete graphs), unless writing is what failed.
            if self.batch and not isinstance(exc, StoreError):
                try:
                    self.write()
                except Exception:
                    pass
            if not ended:  # let the first stage finish without blocking (it sends the end marker)
                for _ in iter(self.inbox.get, None):
                    pass

    def send(self, ex: Extraction) -> None:
        """Queue an extraction; raises the writer's error, if it has stopped on one."""
        while True:
            if self.error is not None:
                raise self.error
            try:
                self.inbox.put(ex, timeout=0.2)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        """Write what is queued and wait for the writer; raise its error, if any."""
        self.inbox.put(None)
        self.join()
        if self.error is not None:
            raise self.error
