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

from dataclasses import replace

import time
from typing import Callable, Iterable, Iterator

from ..errors import StoreError
from ..ingest.problems import ReadProblem, ReadWarning
from ..ingest.read import iter_documents
from ..rdf.iri import base_iri
from ..records import Document, Extraction
from ..storage.disk import open_store, remove_if_empty, store_path
from ..storage.store import KgStore
from .parallel import DOC_TIMEOUT
from .report import BuildReport
from .sinks import PushSink, StoreSink
from .writer import BatchWriter

__all__ = ["ENGINES", "BuildReport", "build", "build_into", "build_to_endpoint"]

#: Extraction engines: ``local`` (this process, or ``workers`` processes) and ``dask``.
ENGINES = ("local", "dask")
#: Article graphs per store transaction.
BATCH_DOCS = 32


def _items(paths: Iterable[str], *, sink, report: BuildReport, resume: bool, published: str | None, stdin,
           progress: Callable[[BuildReport], None] | None, limit: int | None = None,
           country: str | None = None) -> Iterator[Document]:
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
                if country and item.country is None:
                    item = replace(item, country=country)
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

def _run(sink, paths: Iterable[str], *, published: str | None = None, model: str | None = None,
         workers: int = 1, engine: str = "local", scheduler: str | None = None, batch_docs: int = BATCH_DOCS,
         task_docs: int | None = None, resume: bool = True, base: str | None = None,
         doc_timeout: float | None = DOC_TIMEOUT, progress: Callable[[BuildReport], None] | None = None,
         on_document: Callable[[Extraction], None] | None = None, stdin=None,
         limit: int | None = None, country: str | None = None) -> BuildReport:
    started = time.perf_counter()
    base_iri(base)  # a bad KG_BASE_IRI fails here, before anything is read
    report = BuildReport()
    identities = sink.identities(base)
    docs = _items(paths, sink=sink, report=report, resume=resume, published=published, stdin=stdin,
                  progress=progress, limit=limit, country=country)
    writer = BatchWriter(sink, identities, report, base=base, batch_docs=batch_docs, on_document=on_document,
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
    memory = options.pop("memory", True)
    return _run(StoreSink(store, options.get("base"), memory=memory), paths, **options)


def build_to_endpoint(endpoint: str, paths: Iterable[str], *, push_options: dict | None = None,
                      **options) -> BuildReport:
    """Build documents and send each batch of article graphs to a SPARQL 1.1 Graph Store endpoint
    with :func:`kg.output.push.push` instead of a local store. There is no resume (the endpoint replaces
    each article graph, so sending one again is harmless). ``push_options`` go to
    :func:`kg.output.push.push` (``user``, ``password``, ``token``, ``timeout``); the other options are
    those of :func:`build`.

    Raises
    ------
    PushError
        When the endpoint refuses a batch or cannot be reached; batches sent before stay sent.
    """
    return _run(PushSink(endpoint, dict(push_options or {})), paths, **{**options, "resume": False})


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
    memory
        Run the corpus-memory pass when the build ends (default): what the store's articles state
        about a person's affiliation fills in the other articles that mention the person
        (:mod:`kg.pipeline.memory`). Not for a push to an endpoint.
    country
        Home country (a name or an ISO 3166 code) for documents that state none: titles of national
        office with no country of their own ("Prime Minister Tony Blair") are held there (rule
        ``home-country``), unless the article ties the person elsewhere.
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
