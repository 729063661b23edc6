"""Extraction on a Dask distributed cluster.

Documents are read here and shipped to the cluster in batches; each Dask worker process runs
:func:`kg.pipeline.parallel.extract_batch` (loading the spaCy model once per process) and sends back plain
records (:class:`~kg.records.Extraction`). Results are yielded as they complete, re-ordered into
input order through a bounded buffer, so identity resolution, RDF mapping and the store (or push
endpoint) see exactly what a local build sees: the graph does not depend on which worker finished
first. At most ``window`` batches are submitted and not yet yielded, so memory stays bounded on
both sides whatever the corpus size.

Running on a real cluster (every machine needs the same kg and spaCy model installed)::

    dask scheduler --port 8786                      # on the head node
    dask worker tcp://HEAD:8786 --nworkers 4 --nthreads 1   # on each worker machine
    kg build archive.jsonl --engine dask --scheduler tcp://HEAD:8786 --store kg-store
"""
from __future__ import annotations

import uuid
from typing import Iterable, Iterator

from ..errors import KgError
from .parallel import Result, batches, extract_batch
from ..records import Document

__all__ = ["ClusterError", "DASK_BATCH", "connect", "dask_extractions"]

#: Documents per task shipped to a Dask worker.
DASK_BATCH = 16


class ClusterError(KgError):
    """The Dask cluster cannot be reached or failed while extracting."""


def connect(scheduler: str, *, timeout: float = 20.0, wait_for_workers: float = 60.0):
    """A :class:`distributed.Client` connected to ``scheduler`` with at least one worker.

    Raises
    ------
    ClusterError
        When the address is not a Dask scheduler address, the scheduler cannot be reached, or
        no worker joins within ``wait_for_workers`` seconds.
    """
    if not scheduler or "://" not in scheduler:
        raise ClusterError(f"--scheduler {scheduler!r}: expected a Dask scheduler address such as "
                           "tcp://HOST:8786 (start one with `dask scheduler`)")
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("the Dask engine needs the 'distributed' package: pip install 'dask[distributed]'") from None
    try:
        client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc.__class__.__name__}: {exc}); "
                           "check the address and that `dask scheduler` is running") from None
    try:
        client.wait_for_workers(1, timeout=wait_for_workers)
    except (OSError, TimeoutError):
        client.close()
        raise ClusterError(f"the Dask scheduler at {scheduler} has no workers after {wait_for_workers:.0f} s; "
                           f"start some with `dask worker {scheduler}`") from None
    return client


def dask_extractions(documents: Iterable[Document], *, scheduler: str, model: str | None = None,
                     batch_docs: int = DASK_BATCH, window: int | None = None,
                     timeout: float | None = None) -> Iterator[Result]:
    """Extract documents on the Dask cluster at ``scheduler``; results come back in input order.

    ``window`` (default: twice the cluster's worker threads, at least 4) bounds the batches
    submitted but not yet yielded. ``timeout`` is passed to :func:`kg.pipeline.parallel.extract_batch`; it
    only applies where a task runs in a worker process's main thread (Dask's worker threads do not).

    Raises
    ------
    ClusterError
        When the cluster cannot be reached, a worker cannot import kg, or workers keep dying.
    ModelError
        When a worker cannot load the model.
    """
    client = connect(scheduler)
    run = uuid.uuid4().hex[:8]
    pending: dict = {}  # future -> sequence number
    try:
        from distributed import as_completed

        threads = sum(client.nthreads().values())
        window = window or max(4, 2 * threads)
        ready = as_completed(loop=client.loop)
        done: dict[int, list] = {}
        submitted = emitted = 0
        source = batches(documents, batch_docs)
        exhausted = False
        while True:
            while not exhausted and submitted - emitted < window:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                fut = client.submit(extract_batch, batch, model, timeout, key=f"kg-extract-{run}-{submitted}", pure=False)
                pending[fut] = submitted
                ready.add(fut)
                submitted += 1
            if emitted == submitted:
                return
            while emitted not in done:
                fut = next(ready)
                seq = pending.pop(fut)
                done[seq] = _result(fut, scheduler)
                fut.release()
            while emitted in done:
                yield from done.pop(emitted)
                emitted += 1
    finally:
        for fut in pending:
            fut.cancel()
        client.close()


def _result(future, scheduler: str) -> list:
    from ..errors import KgError as _KgError

    try:
        return future.result()
    except _KgError:
        raise
    except ImportError as exc:
        raise ClusterError(f"a Dask worker of {scheduler} cannot import kg ({exc}); install the same kg and "
                           "spaCy model on every worker machine") from None
    except Exception as exc:
        name = exc.__class__.__name__
        if name in ("KilledWorker", "CancelledError", "FutureCancelledError"):
            raise ClusterError(f"extraction on the Dask cluster at {scheduler} failed ({name}: {exc}); "
                               "check the workers' logs (memory limits, model installed)") from None
        raise
