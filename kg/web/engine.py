"""SPARQL queries from clients, run in worker processes that can be stopped.

Oxigraph's embedded engine cannot interrupt a query, so a query sent to the server runs in a
worker process (started in advance, holding the store open read-only) and the server waits for
its answer. When the time limit passes or the client goes away, the worker is killed, which
really stops the work, and a fresh worker takes its place. The answer is serialised completely
in the worker before anything is sent, so a stopped query is an HTTP error, never a 200 with a
cut body, and an answer larger than :data:`MAX_RESULT_BYTES` is refused the same way.

A worker reopens the store when the server has written to it since (``--writable``), so queries
see every committed update.
"""
from __future__ import annotations

import asyncio
import io
import multiprocessing
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

__all__ = ["QueryPool", "QueryJob", "QueryStopped", "QueryFailed", "MAX_RESULT_BYTES", "DEFAULT_TIMEOUT"]

#: The largest serialised answer the server sends (bytes).
MAX_RESULT_BYTES = 64 * 1024 * 1024
#: Seconds after which the server stops a query unless ``--timeout`` says otherwise.
DEFAULT_TIMEOUT = 30.0


class QueryStopped(Exception):
    """The query was stopped: time limit (``reason == "timeout"``) or client gone (``"gone"``)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class QueryFailed(Exception):
    """The query is invalid or failed; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryJob:
    """One query: text, bound variables (pyoxigraph terms), wanted media types."""

    sparql: str
    bindings: dict
    results_type: str = "application/sparql-results+json"  # SELECT / ASK
    graph_type: str = "text/turtle"                        # CONSTRUCT / DESCRIBE


def _serialise(result, job: QueryJob, limit: int) -> tuple[str, str, bytes]:
    """(kind, media type, body) of a result, refusing bodies over ``limit`` bytes."""
    buf = _Capped(limit)
    if isinstance(result, ox.QueryBoolean):
        fmt = ox.QueryResultsFormat.from_media_type(job.results_type) or ox.QueryResultsFormat.JSON
        result.serialize(buf, fmt)
        return "ask", fmt.media_type, buf.getvalue()
    if isinstance(result, ox.QueryTriples):
        fmt = ox.RdfFormat.from_media_type(job.graph_type) or ox.RdfFormat.TURTLE
        from ..rdf.namespace import PREFIXES

        kwargs = {"prefixes": PREFIXES} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else {}
        result.serialize(buf, fmt, **kwargs)
        return "graph", fmt.media_type, buf.getvalue()
    fmt = ox.QueryResultsFormat.from_media_type(job.results_type) or ox.QueryResultsFormat.JSON
    result.serialize(buf, fmt)
    return "select", fmt.media_type, buf.getvalue()


class _TooLarge(Exception):
    pass


class _Capped(io.BytesIO):
    def __init__(self, limit: int):
        super().__init__()
        self._limit = limit

    def write(self, b) -> int:
        if self.tell() + len(b) > self._limit:
            raise _TooLarge()
        return super().write(b)


def _worker_main(conn, path: str, generation: int, limit: int) -> None:
    """Body of a worker process (spawned: keep imports light)."""
    from ..rdf.namespace import PREFIXES
    from ..storage.sparql_errors import describe_syntax_error

    def open_store():
        # A writer (--writable) may be compacting files while we open: RocksDB then names a file
        # that has just been replaced. Opening again a moment later finds the new set.
        for attempt in range(20):
            try:
                return ox.Store.read_only(path)
            except (OSError, RuntimeError):
                if attempt == 19:
                    raise
                time.sleep(0.02 * (attempt + 1))

    try:
        store = open_store()
    except OSError as exc:
        conn.send(("error", 500, f"{path}: cannot open the store read-only ({exc})"))
        return
    conn.send(("ready",))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if msg is None:
            return
        gen, job = msg
        try:
            if gen != generation:
                try:
                    store, generation = open_store(), gen
                except OSError as exc:
                    conn.send(("error", 503, f"the store could not be reopened after a write ({exc}); try again"))
                    continue
            subs = {ox.Variable(k): v for k, v in job.bindings.items()} or None
            for attempt in range(5):
                try:
                    result = store.query(job.sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                         substitutions=subs)
                    answer = ("ok",) + _serialise(result, job, limit)
                    break
                except (OSError, RuntimeError) as exc:
                    # the writer replaced a file this reader had opened: reopen and run again
                    if "No such file" not in str(exc) or attempt == 4:
                        raise
                    time.sleep(0.05 * (attempt + 1))
                    store = open_store()
            conn.send(answer)
        except SyntaxError as exc:
            conn.send(("error", 400, describe_syntax_error(str(exc), job.sparql)))
        except _TooLarge:
            conn.send(("error", 413, f"the answer is larger than {limit // (1024 * 1024)} MB; "
                                     "narrow the query (LIMIT, a more selective pattern)"))
        except (OSError, RuntimeError, ValueError) as exc:
            conn.send(("error", 400, "query failed: " + " ".join(str(exc).split())))


class _Worker:
    def __init__(self, ctx, path: str, generation: int, limit: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, path, generation, limit),
                                name="kg-serve-query", daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"a query worker did not start within {timeout:g} s")
        msg = self.conn.recv()
        if msg[0] != "ready":
            self.kill()
            raise RuntimeError(msg[2])

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes answering queries over the store at ``path``.

    Parameters
    ----------
    path
        The store directory.
    size
        Number of workers, so of queries run at the same time (others wait their turn).
    timeout
        Default time limit of a query, in seconds.
    """

    def __init__(self, path: str | Path, *, size: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = MAX_RESULT_BYTES):
        self.path = str(path)
        self.size = max(1, int(size))
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.generation = 0
        self.started = 0  # workers started, replacements included (tests read it)
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._replacing: set = set()  # replacement tasks (kept referenced until done)

    def _new_worker(self) -> _Worker:
        w = _Worker(self._ctx, self.path, self.generation, self.max_bytes)
        with self._lock:
            self._all.add(w)
            self.started += 1
        w.wait_ready(120)
        return w

    async def start(self) -> None:
        """Start the workers (in parallel) and wait until each has the store open."""
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(asyncio.to_thread(self._new_worker) for _ in range(self.size)))
        for w in workers:
            self._idle.put_nowait(w)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.proc.join(2)
            w.kill()

    def wrote(self) -> None:
        """Tell the workers the store changed: each reopens it before its next query."""
        self.generation += 1

    def _retire(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.kill()

    def _replace_later(self, w: _Worker) -> None:
        task = asyncio.ensure_future(self._replace(w))
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _replace(self, w: _Worker) -> None:
        await asyncio.to_thread(self._retire, w)
        try:
            fresh = await asyncio.to_thread(self._new_worker)
        except RuntimeError:
            fresh = None
        if fresh is not None and self._idle is not None:
            self._idle.put_nowait(fresh)

    async def run(self, job: QueryJob, *, timeout: float | None = None, gone=None) -> tuple[str, str, bytes]:
        """Run ``job``; returns ``(kind, media type, body)`` with kind ``select``, ``ask`` or ``graph``.

        ``gone`` is an async callable telling whether the client has gone away; it is asked
        while the query runs.

        Raises
        ------
        QueryStopped
            When the time limit passes or the client goes away (the worker is killed).
        QueryFailed
            For an invalid query, a failure while evaluating, or an answer too large.
        """
        limit = self.timeout if timeout is None else timeout
        assert self._idle is not None, "QueryPool.start() first"
        started = time.monotonic()
        w = await self._idle.get()
        try:
            w.conn.send((self.generation, job))
        except OSError:
            self._replace_later(w)
            raise QueryFailed(503, "the query worker stopped; try again") from None
        while True:
            ready = await asyncio.to_thread(w.conn.poll, 0.1)
            if ready:
                try:
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    self._replace_later(w)
                    raise QueryFailed(500, "the query worker ended without an answer (out of memory?)") from None
                self._idle.put_nowait(w)
                if msg[0] == "ok":
                    return msg[1], msg[2], msg[3]
                raise QueryFailed(msg[1], msg[2])
            if not w.proc.is_alive():
                self._replace_later(w)
                raise QueryFailed(500, "the query worker ended without an answer (out of memory?)")
            if limit and time.monotonic() - started > limit:
                self._replace_later(w)
                raise QueryStopped("timeout", f"query stopped after {limit:g} s (the server's time limit, "
                                              "kg serve --timeout); narrow it (LIMIT, a more selective pattern)")
            if gone is not None and await gone():
                self._replace_later(w)
                raise QueryStopped("gone", "the client went away; the query was stopped")
