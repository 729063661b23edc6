"""Extraction engines on one machine: in this process, or in a pool of worker processes.

An engine turns a stream of :class:`~kg.records.Document` into a stream of
:class:`~kg.records.Extraction` (or :class:`~kg.ingest.problems.ReadProblem` for a document the NLP layer
could not process), **in input order**, holding only a bounded window of documents at a time.
Resolution, RDF mapping and the store stay in the calling process, so the order of identity
decisions, and therefore the graph, is the same whatever the engine and the number of workers.

The unit of work is :func:`extract_batch`: a list of documents in, a list of results out. It
loads the model once per process and parses inside a spaCy memory zone, so strings interned for
one batch are freed after it and a long build does not grow the vocabulary without bound. The
Dask engine (:mod:`kg.pipeline.distributed`) ships the same function to cluster workers.
"""
from __future__ import annotations

import os
import signal
import threading
from collections import deque
from contextlib import contextmanager
from itertools import islice
from typing import Iterable, Iterator, Union

from ..ingest.problems import ReadProblem
from ..records import Document, Extraction

__all__ = ["DOC_TIMEOUT", "Result", "batches", "iter_extractions", "extract_batch", "serial_extractions",
           "pool_extractions"]

Result = Union[Extraction, ReadProblem]

#: Documents per :func:`extract_batch` call in this process (one memory zone each).
SERIAL_BATCH = 64
#: Documents per task sent to a worker process: small, so work spreads evenly over workers.
POOL_BATCH = 8

#: Seconds one document may take to parse and extract before it is skipped (``--doc-timeout``).
#: A news article takes well under a second; the longest document accepted (200,000 characters,
#: see ``KG_MAX_CHARS``) about 15 s of CPU on a 2-core machine.
DOC_TIMEOUT = 120.0

_load_lock = threading.Lock()


class DocumentTimeout(Exception):
    """A document took longer than its time limit."""


@contextmanager
def _time_limit(seconds: float | None):
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (wall clock).

    Uses ``SIGALRM``, so it only works in the main thread of a process (a build's own thread and
    the worker processes of ``--workers``); elsewhere (e.g. Dask worker threads) there is no limit.
    Code in C (spaCy's parser on one batch) is interrupted when it returns to Python.
    """
    if (not seconds or seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expired(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` items, read lazily.

    >>> list(batches(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def _model(model: str | None):
    from ..nlp.model import load_model

    with _load_lock:  # a Dask worker may run several threads; load the model once per process
        # load_model() and load_model(None) are distinct lru_cache entries: use the one others use.
        return load_model(model) if model else load_model()


def iter_extractions(documents: list[Document], model: str | None = None, *,
                     timeout: float | None = DOC_TIMEOUT) -> Iterator[Result]:
    """Parse and extract documents, yielding one result per document as soon as it is ready, in
    order, inside one spaCy memory zone (closed when the generator ends or is closed).

    A document longer than the model accepts, one on which an extraction rule fails, or one that
    takes longer than ``timeout`` seconds to parse and extract (``None`` or 0: no limit; see
    :func:`_time_limit` for where the limit applies) gives a :class:`~kg.ingest.problems.ReadProblem`
    instead of stopping the others. Documents are parsed in batches with ``nlp.pipe``; when a
    batch step takes longer than ``timeout``, the rest of the batch is parsed one by one, each
    with its own limit, so that only the slow document is skipped.

    Raises
    ------
    ModelError
        When the model cannot be loaded.
    """
    from ..nlp.extract import extract_from_doc

    nlp = _model(model)

    def one(i: int, doc=None) -> Result:
        d = documents[i]
        if len(d.text) > nlp.max_length:
            return ReadProblem(d.source or d.id, f"document too long ({len(d.text):,} characters; the model "
                                                 f"accepts at most {nlp.max_length:,}): split it into parts")
        try:
            with _time_limit(timeout):
                return extract_from_doc(doc if doc is not None else nlp(d.text), d)
        except DocumentTimeout:
            return ReadProblem(d.source or d.id, f"took longer than {timeout:g} s to parse and extract "
                                                 "(--doc-timeout): skipped; split it into shorter texts, or "
                                                 "raise --doc-timeout")
        except Exception as exc:  # a rule failed on this document: skip it, keep the others
            return ReadProblem(d.source or d.id, f"extraction failed ({exc.__class__.__name__}: {exc}); "
                                                 "the document was skipped, please report this as a kg bug")

    done = 0  # documents yielded so far
    with nlp.memory_zone():
        try:
            fits = ((d.text, i) for i, d in enumerate(documents) if len(d.text) <= nlp.max_length)
            parsed = nlp.pipe(fits, as_tuples=True, batch_size=16)
            while True:
                with _time_limit(timeout):
                    item = next(parsed, None)
                if item is None:
                    break
                doc, i = item
                while done < i:  # the too-long documents before this one
                    yield one(done)
                    done += 1
                yield one(i, doc)
                done = i + 1
        except (Exception, DocumentTimeout):
            pass  # the parser failed, or was too slow, on some document of the batch: do the rest one by one
        while done < len(documents):
            yield one(done)
            done += 1


def extract_batch(documents: list[Document], model: str | None = None,
                  timeout: float | None = DOC_TIMEOUT) -> list[Result]:
    """Parse and extract a batch of documents; one result per document, in order (the unit of
    work sent to worker processes and Dask workers; see :func:`iter_extractions`).

    Raises
    ------
    ModelError
        When the model cannot be loaded.

    Examples
    --------
    >>> from kg.records import Document
    >>> [r.document.id for r in extract_batch([Document("a", "Anna Berg met Carl Holt."),
    ...                                        Document("b", "It rained.")])]
    ['a', 'b']
    """
    return list(iter_extractions(documents, model, timeout=timeout))


def serial_extractions(documents: Iterable[Document], *, model: str | None = None,
                       batch_docs: int = SERIAL_BATCH, timeout: float | None = DOC_TIMEOUT) -> Iterator[Result]:
    """Extract in this process, in input order, one memory zone per ``batch_docs`` documents;
    each result is yielded as soon as it is ready."""
    for batch in batches(documents, batch_docs):
        yield from iter_extractions(batch, model, timeout=timeout)


_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@contextmanager
def _single_threaded_math():
    """Environment for processes started inside: one thread for each BLAS/OpenMP library,
    unless the user set a value. Restored on exit."""
    saved = {k: os.environ.get(k) for k in _THREAD_VARIABLES}
    for k in _THREAD_VARIABLES:
        os.environ.setdefault(k, "1")
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


#: Seconds between two checks, in a worker process, that the build that started it is alive.
PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """Initialiser of a worker process: end it when the build that started it dies.

    A worker blocks on its task pipe, and a parent killed with SIGKILL (or by the out-of-memory
    killer) never closes it: without this, each worker lingers with its loaded model (about
    150 MB) forever. On Linux the kernel sends SIGKILL to the worker when the parent dies
    (``prctl(PR_SET_PDEATHSIG)``); everywhere, a daemon thread checks every
    :data:`PARENT_CHECK_SECONDS` that the parent is still the process's parent.
    """
    import signal
    import sys

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)  # the parent is gone: no one reads our results

    if os.getppid() != parent:  # died before the kernel was told to watch it
        os._exit(1)
    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _model_name(model: str | None) -> str:
    """Load the model in this (worker) process; its name."""
    return _model(model).meta.get("name", "")


def pool_extractions(documents: Iterable[Document], *, workers: int, model: str | None = None,
                     batch_docs: int = POOL_BATCH, window: int | None = None,
                     timeout: float | None = DOC_TIMEOUT) -> Iterator[Result]:
    """Extract in ``workers`` processes, yielding results in input order.

    At most ``window`` batches (default ``2 * workers``) are in flight, so memory stays bounded
    whatever the number of documents. Worker processes are started with ``spawn`` (no state of
    this process, such as an open store or a progress thread, is inherited) and each loads the
    model once (on its first batch, so a model error comes back as it is). Workers end when this
    process dies, even by SIGKILL (see :func:`_die_with_parent`).

    Raises
    ------
    ModelError
        When a worker cannot load the model.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    window = window or 2 * workers
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_die_with_parent, initargs=(os.getpid(),))
    pending: deque = deque()
    try:
        with _single_threaded_math():
            # Start every worker now, while the environment says one BLAS thread per process: N
            # processes each running a thread per core (and busy-waiting) made builds on two
            # cores slower with two workers than with one.
            warm = [pool.submit(_model_name, model) for _ in range(workers)]
        del warm
        for batch in batches(documents, batch_docs):
            pending.append(pool.submit(extract_batch, batch, model, timeout))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
