"""Build: read documents, extract, resolve identities, map to RDF and write to the store.

The build is a stream in two stages: documents are read lazily (:func:`kg.ingest.read.iter_documents`)
and extracted by an engine (in this process, a local process pool, or a Dask cluster) that returns
results in input order; a writer thread resolves identities, maps to RDF and writes the store in
batches, one transaction per batch, in that same order, while extraction goes on. Memory is
bounded by the batch sizes and the engine's window, not by the corpus: nothing is kept per
document except the counters of :class:`BuildReport` and the problems it lists. The identity
index grows with the number of distinct persons only.

Resume: a document whose id and checksum are already in the store is skipped (looked up one by
one, so even a store of millions of articles is not loaded into memory). An interrupted build
keeps every batch written before the interruption; building again completes the rest.
"""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from rdflib import URIRef

from ..errors import StoreError, StoreFlushError
from .parallel import DOC_TIMEOUT
from ..ingest.read import ReadProblem, ReadWarning, iter_documents
from ..records import Document, Extraction
from .resolve import IdentityIndex
from ..rdf.iri import base_iri, legacy_article_iri
from ..rdf.namespace import KG
from ..rdf.mapping import extraction_to_graph
from ..storage.store import KgStore, open_store, remove_if_empty, store_path

__all__ = ["ENGINES", "BuildReport", "build", "build_into", "build_to_endpoint"]

#: Extraction engines: ``local`` (this process, or ``workers`` processes) and ``dask``.
ENGINES = ("local", "dask")
#: Article graphs per store transaction.
BATCH_DOCS = 32
#: A batch is written early once it holds this many triples (bounds memory for long articles).
BATCH_TRIPLES = 50_000
#: The store's write buffers are flushed to disk after this many quads: Oxigraph (RocksDB) keeps
#: written data in memory tables until a flush, and without one a build's memory grew by about
#: 1 GB per million quads; flushing costs about 0.1 s plus 2.5 s per million quads.
FLUSH_QUADS = 100_000


_ASK_GRAPH = "ASK { GRAPH ?g { ?s ?p ?o } }"
_LEGACY_IDS = "SELECT DISTINCT ?g ?id WHERE { GRAPH ?g { ?a kg:documentId ?id } }"


@dataclass
class BuildReport:
    """What a build did.

    ``documents`` were built, ``unchanged`` were already in the store with the same checksum,
    ``problems`` (:class:`~kg.ingest.read.ReadProblem`, each with a source and a reason) were skipped;
    ``warnings`` (:class:`~kg.ingest.read.ReadWarning`) were read with a caveat or passed over on purpose.
    """

    documents: int = 0
    unchanged: int = 0
    words: int = 0
    entities: int = 0
    relations: int = 0
    positions: int = 0
    quotations: int = 0
    events: int = 0
    triples: int = 0
    batches: int = 0
    seconds: float = 0.0
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    #: Documents extracted and handed to the writer (built, or about to be written).
    extracted: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    @property
    def seen(self) -> int:
        """Input items handled so far: extracted (built or being written), unchanged or skipped.

        Counting extracted documents, not only written ones, keeps a progress bar moving while
        the writer thread writes a batch (extraction goes on meanwhile)."""
        return max(self.documents, self.extracted) + self.unchanged + len(self.problems)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def add(self, ex: Extraction) -> None:
        self.documents += 1
        self.words += len(ex.document.text.split())
        self.entities += len(ex.entities)
        self.relations += sum(1 for r in ex.relations if r.status == "asserted")
        self.positions += len(ex.positions)
        self.quotations += len(ex.quotations)
        self.events += len(ex.events)


class _StoreSink:
    """Writes article graphs to a :class:`~kg.storage.store.KgStore` and knows what it already holds."""

    def __init__(self, store: KgStore, base: str | None = None):
        self.store = store
        self.base = base
        self.unflushed = 0

    def identities(self, base: str | None) -> IdentityIndex:
        return IdentityIndex(base).load(self.store)

    def is_built(self, doc: Document) -> bool:
        return self.store.is_built(doc.id, doc.checksum)

    def write(self, graphs: list, merges: list) -> int:
        """Write a batch and re-point its merges (:mod:`kg.pipeline.resolve`) in one transaction."""
        from .resolve import merge_update

        n = self.store.add_graphs(graphs, update=merge_update(merges) or None)
        self._drop_legacy_graphs(graphs)
        self.unflushed += n
        if self.unflushed >= FLUSH_QUADS:
            self.store.flush()
            self.unflushed = 0
        return n

    def _drop_legacy_graphs(self, graphs: list) -> None:
        """Remove the graph an article had under its IRI of a kg before article IRIs carried a
        hash (see README, "Upgrading a store"), now that it is written under its new IRI. A legacy
        graph shared by colliding ids is left alone: removing it would drop the other articles."""
        for g in graphs:
            doc_id = g.value(URIRef(str(g.identifier)), KG.documentId)
            if doc_id is None:
                continue
            legacy = legacy_article_iri(str(doc_id), self.base)
            if legacy == str(g.identifier) or not self.store.query(_ASK_GRAPH, bindings={"g": URIRef(legacy)}):
                continue
            ids = {r["id"].value for r in self.store.query(_LEGACY_IDS, bindings={"g": URIRef(legacy)})}
            if ids == {str(doc_id)}:
                self.store.remove_graph(legacy)

    def close(self, report: BuildReport) -> None:
        try:
            self.store.flush()
        except StoreFlushError as exc:
            # Every batch was committed (Oxigraph's write-ahead log holds them); only moving them
            # from memory into the store's tables failed.
            raise StoreFlushError(
                f"{self.store.path}: every article of this build was committed ({report.documents:,} built, "
                f"{report.unchanged:,} unchanged), but the final flush of the store to disk failed ({exc.reason}); "
                "nothing is lost: the store's log holds them, queries and exports see them now, and they are "
                "written out the next time the store is opened for writing. Free some disk space before "
                "the next build", exc.reason) from None


class _PushSink:
    """Sends article graphs to a SPARQL endpoint with :mod:`kg.output.push`, batch by batch."""

    def __init__(self, endpoint: str, options: dict):
        self.endpoint = endpoint
        self._send = _push_function(endpoint, options)

    def identities(self, base: str | None) -> IdentityIndex:
        return IdentityIndex(base)

    def is_built(self, doc: Document) -> bool:
        return False

    def write(self, graphs: list, merges: list) -> int:
        from .resolve import repoint_graphs

        repoint_graphs(graphs, merges)  # merges within the batch; earlier batches are sent already
        self._send(graphs)
        return sum(len(g) for g in graphs)

    def close(self, report: BuildReport) -> None:
        pass


def _push_function(endpoint: str, options: dict) -> Callable[[list], None]:
    """A function sending a list of article graphs to ``endpoint`` with :mod:`kg.output.push`
    (``options``: its credentials and timeout)."""
    from ..errors import KgError

    try:
        from ..output import push as push_module
    except ImportError:
        raise KgError(f"--push {endpoint}: this kg has no push support (module kg.output.push is missing); "
                      "build into a local --store, then run `kg push ENDPOINT` once it exists") from None
    push_graphs = getattr(push_module, "push_graphs", None)
    if push_graphs is not None:
        return lambda graphs: push_graphs(graphs, endpoint, **options)
    push = getattr(push_module, "push", None)
    if push is None:
        raise KgError(f"--push {endpoint}: kg.output.push has neither push_graphs() nor push(); "
                      "build into a local --store instead")

    def send(graphs: list) -> None:
        import pyoxigraph as ox

        batch = KgStore(ox.Store(), None, False)  # in memory: one batch, pushed then dropped
        batch.add_graphs(graphs)
        push(batch, endpoint, **options)

    return send


def _items(paths: Iterable[str], *, sink, report: BuildReport, resume: bool, published: str | None, stdin,
           progress: Callable[[BuildReport], None] | None, limit: int | None = None) -> Iterator[Document]:
    """The documents to extract; problems, warnings and unchanged documents are counted here. With
    ``limit``, reading stops after the first ``limit`` documents (skipped bad items do not count)."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    read = 0
    items = iter_documents(paths, published=published, stdin=stdin)
    try:
        for item in items:
            if isinstance(item, ReadProblem):
                report.problems.append(item)
            elif isinstance(item, ReadWarning):
                report.warnings.append(item)
                continue
            else:
                read += 1
                if not (resume and sink.is_built(item)):
                    yield item
                    if limit is not None and read >= limit:
                        return
                    continue
                report.unchanged += 1
            if progress:
                progress(report)
            if limit is not None and read >= limit:
                return
    finally:
        items.close()


def _extractions(documents: Iterable[Document], *, engine: str, workers: int, scheduler: str | None,
                 model: str | None, task_docs: int | None, timeout: float | None) -> Iterator:
    from .parallel import POOL_BATCH, SERIAL_BATCH, pool_extractions, serial_extractions

    if engine == "local":
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if workers == 1:
            return serial_extractions(documents, model=model, batch_docs=task_docs or SERIAL_BATCH, timeout=timeout)
        return pool_extractions(documents, workers=workers, model=model, batch_docs=task_docs or POOL_BATCH,
                                timeout=timeout)
    if engine == "dask":
        from .distributed import DASK_BATCH, dask_extractions

        return dask_extractions(documents, scheduler=scheduler, model=model, batch_docs=task_docs or DASK_BATCH,
                                timeout=timeout)
    raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")


class _Writer(threading.Thread):
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


def _run(sink, paths: Iterable[str], *, published: str | None = None, model: str | None = None,
         workers: int = 1, engine: str = "local", scheduler: str | None = None, batch_docs: int = BATCH_DOCS,
         task_docs: int | None = None, resume: bool = True, base: str | None = None,
         doc_timeout: float | None = DOC_TIMEOUT, progress: Callable[[BuildReport], None] | None = None,
         on_document: Callable[[Extraction], None] | None = None, stdin=None,
         limit: int | None = None) -> BuildReport:
    started = time.perf_counter()
    base_iri(base)  # a bad KG_BASE_IRI fails here, before anything is read
    report = BuildReport()
    identities = sink.identities(base)
    docs = _items(paths, sink=sink, report=report, resume=resume, published=published, stdin=stdin,
                  progress=progress, limit=limit)
    writer = _Writer(sink, identities, report, base=base, batch_docs=batch_docs, on_document=on_document,
                     progress=progress, started=started)
    results = _extractions(docs, engine=engine, workers=workers, scheduler=scheduler, model=model,
                           task_docs=task_docs, timeout=doc_timeout)
    writer.start()
    finished = False
    try:
        try:
            for res in results:
                if isinstance(res, ReadProblem):
                    report.problems.append(res)
                    if progress:
                        progress(report)
                else:
                    writer.send(res)
                    report.extracted += 1
                    if progress:
                        progress(report)
        except BaseException as exc:
            # Interrupted, or an engine or the writer failed: the writer still writes the
            # extractions it holds (complete documents) before the error goes up.
            if writer.is_alive():
                try:
                    writer.finish()
                except BaseException:
                    pass
            if writer.error is not None and writer.error is not exc and not isinstance(writer.error, KeyboardInterrupt):
                # The writer failed first (a full disk, an unreachable endpoint): that is the error
                # to report, also when the user then pressed Ctrl-C.
                raise writer.error from exc
            raise
        writer.finish()
        finished = True
    finally:
        close = getattr(results, "close", None)
        if close:
            close()
        if finished:
            sink.close(report)
        else:  # the error in flight is the one to report, not a second one from closing
            try:
                sink.close(report)
            except Exception:
                pass
    report.seconds = time.perf_counter() - started
    return report


def build_into(store: KgStore, paths: Iterable[str], **options) -> BuildReport:
    """Build documents into an open store; see :func:`build` for the options."""
    return _run(_StoreSink(store, options.get("base")), paths, **options)


def build_to_endpoint(endpoint: str, paths: Iterable[str], *, push_options: dict | None = None,
                      **options) -> BuildReport:
    """Build documents and send each batch of article graphs to a SPARQL 1.1 Graph Store endpoint
    with :func:`kg.output.push.push` instead of a local store. There is no resume (the endpoint replaces
    each article graph, so sending one again is harmless). ``push_options`` go to
    :func:`kg.output.push.push` (``user``, ``password``, ``token``, ``timeout``); the other options are
    those of :func:`build`.

    Raises
    ------
    KgError
        When push support (:mod:`kg.output.push`) is not available.
    PushError
        When the endpoint refuses a batch or cannot be reached; batches sent before stay sent.
    """
    return _run(_PushSink(endpoint, dict(push_options or {})), paths, **{**options, "resume": False})


def build(paths: Iterable[str], *, store: str | None = None, **options) -> BuildReport:
    """Build the knowledge graph of documents into the store at ``store`` (created if needed).

    Parameters
    ----------
    paths
        Files (``.txt``, ``.md``, ``.html``, ``.jsonl``), directories, or ``-`` for standard input.
    store
        Store directory (default ``$KG_STORE`` or ``./kg-store``).
    published
        Publication date (YYYY-MM-DD) for documents that carry none.
    model
        spaCy model name or path.
    workers
        Extraction processes on this machine (``engine="local"``); the graph is the same for any
        number. More than one starts processes with ``spawn``: in a script, call the build under
        ``if __name__ == "__main__":``.
    engine, scheduler
        ``"dask"`` with a scheduler address ``tcp://HOST:PORT`` runs extraction on a Dask cluster.
    batch_docs
        Article graphs per store transaction.
    task_docs
        Documents per unit of extraction work (per worker task with ``workers > 1`` or Dask);
        the default suits each engine.
    resume
        Skip documents already in the store with the same checksum (``False`` rebuilds them).
    limit
        Read only the first ``limit`` documents of ``paths`` (in order; files of a directory in
        sorted order, JSON Lines records in line order); bad items skipped on the way do not count.
    doc_timeout
        Seconds one document may take to parse and extract (default
        :data:`kg.pipeline.parallel.DOC_TIMEOUT`; ``None`` or 0: no limit). A slower document is reported
        in :attr:`BuildReport.problems` and skipped; the build goes on. Applies in the build's
        own thread (when it is the main thread) and in ``workers`` processes, not on Dask.
    progress
        Called with the :class:`BuildReport` after each input item (see :mod:`kg.commands.progress`),
        from the calling thread or the writer thread.
    on_document
        Called with each :class:`~kg.records.Extraction`, in input order, once it is mapped and
        before its batch is written (from the build's writer thread; an exception it raises
        stops the build like an interruption).

    Bad documents are reported in :attr:`BuildReport.problems` and skipped.

    Raises
    ------
    InputError
        When a path does not exist or a directory holds no documents.
    StoreLockedError
        When another process writes to the store.
    ClusterError
        When the Dask scheduler cannot be reached.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with open(os.path.join(d, "a.txt"), "w") as fh:
    ...     _ = fh.write("Foreign Minister Anna Berg met Carl Holt in Oslo on Monday.")
    >>> report = build([d], store=os.path.join(d, "store"))
    >>> report.documents, report.entities > 0
    (1, True)
    >>> build([d], store=os.path.join(d, "store")).unchanged
    1
    """
    new_store = not store_path(store).exists()
    st = open_store(store)
    report = None
    try:
        report = build_into(st, paths, **options)
        return report
    finally:
        try:
            st.close()
        except StoreError:
            if report is not None:  # else the error in flight is the one to report
                raise
        if new_store and (report is None or not report.documents):
            remove_if_empty(store)  # nothing built: leave no empty store behind
