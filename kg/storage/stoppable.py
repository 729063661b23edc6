"""Queries that can be stopped: Oxigraph's embedded store cannot interrupt a query, so a query
with a time limit runs in a child process (opened read-only, killed when the time is up), and
an interruptible one in a helper thread that Ctrl-C can leave."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable, Mapping

import pyoxigraph as ox

from ..errors import QueryError
from .sparql_errors import describe_syntax_error, runtime_message

__all__ = ["QueryTimeoutError", "MAX_TIMEOUT", "Triples", "check_timeout", "run_in_child", "run_in_thread"]

class QueryTimeoutError(QueryError):
    """A query ran longer than its time limit and was stopped."""


#: The longest ``timeout`` accepted (seconds, one week); without a timeout a query runs until it ends.
MAX_TIMEOUT = 7 * 24 * 3600.0


def check_timeout(timeout: float | None) -> None:
    """Raise :class:`QueryError` unless ``timeout`` is ``None`` or a number of seconds above 0
    and at most :data:`MAX_TIMEOUT` (``nan``, ``inf`` and ``0`` are refused).

    >>> check_timeout(float("nan"))
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: --timeout nan: expected a number of seconds above 0 and at most 604800 (leave --timeout out to run without a limit)
    """
    import math

    if timeout is None:
        return
    if not (isinstance(timeout, (int, float)) and math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        shown = f"{timeout:g}" if isinstance(timeout, float) else repr(timeout)
        raise QueryError(f"--timeout {shown}: expected a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g} (leave --timeout out to run without a limit)")


STARTUP_LIMIT = 60.0


class Triples(list):
    """Triples of a ``CONSTRUCT``/``DESCRIBE`` result read back from a child process."""


def child_main(conn, path: str, sparql: str, terms: dict, prefixes: dict) -> None:
    """Body of the child process of :func:`run_query` with a timeout (spawned: keep imports light)."""
    import signal

    # Ctrl-C reaches the whole process group: the parent decides (it kills this process).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            store = ox.Store.read_only(path)
        except OSError as exc:
            conn.send(("error", f"{path}: cannot open store read-only ({exc})"))
            return
        conn.send(("ready",))
        subs = {ox.Variable(k): v for k, v in terms.items()} or None
        try:
            result = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True, substitutions=subs)
            if isinstance(result, ox.QueryBoolean):
                conn.send(("ask", bool(result)))
            elif isinstance(result, ox.QueryTriples):
                buf = io.BytesIO()
                ox.serialize(result, buf, ox.RdfFormat.N_TRIPLES)
                conn.send(("graph", buf.getvalue()))
            else:
                buf = io.BytesIO()
                result.serialize(buf, ox.QueryResultsFormat.JSON)
                conn.send(("select", buf.getvalue()))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except RuntimeError as exc:
            conn.send(("runtime", str(exc)))
        except OSError as exc:
            conn.send(("error", f"query failed: {exc}"))
    finally:
        conn.close()


def run_in_child(path: Path, sparql: str, terms: dict, timeout: float):
    import multiprocessing

    from ..rdf.namespace import PREFIXES

    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=child_main, args=(sender, str(path), sparql, terms, dict(PREFIXES)),
                       name="kg-query", daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(STARTUP_LIMIT):
            raise QueryError(f"the query process did not start within {STARTUP_LIMIT:g} s")
        first = receive(receiver, proc)
        if first[0] != "ready":
            return unpack(first, sparql, terms)
        if not receiver.poll(timeout):
            raise QueryTimeoutError(
                f"query stopped after {timeout:g} s (--timeout); narrow it (LIMIT, a more selective "
                "pattern) or allow more time"
            )
        return unpack(receive(receiver, proc), sparql, terms)
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def receive(receiver, proc):
    try:
        return receiver.recv()
    except EOFError:
        proc.join(5)
        raise QueryError(f"the query process ended without an answer (exit code {proc.exitcode})") from None


def unpack(msg, sparql: str, terms: dict):
    kind = msg[0]
    if kind == "select":
        return ox.parse_query_results(msg[1], ox.QueryResultsFormat.JSON)
    if kind == "ask":
        return ox.parse_query_results(b'{"head":{},"boolean":%s}' % (b"true" if msg[1] else b"false"),
                                      ox.QueryResultsFormat.JSON)
    if kind == "graph":
        return Triples(ox.Triple(q.subject, q.predicate, q.object)
                        for q in ox.parse(msg[1], ox.RdfFormat.N_TRIPLES))
    if kind == "syntax":
        raise QueryError(describe_syntax_error(msg[1], sparql))
    if kind == "runtime":
        raise QueryError(runtime_message(RuntimeError(msg[1]), terms))
    raise QueryError(msg[1])


def run_in_thread(evaluate: Callable[[], Any], sparql: str, terms: Mapping[str, Any]):
    """The result of ``evaluate()`` (a query over ``sparql`` with ``terms``), evaluated in full in a
    helper thread while this thread waits, so that Ctrl-C stops the wait at once."""
    import threading

    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = materialise(evaluate(), terms)
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)  # short waits: Ctrl-C is handled between them
    if "error" in box:
        raise box["error"]
    return unpack(box["result"], sparql, dict(terms))


def materialise(result, terms: Mapping[str, Any]):
    """``result`` fully evaluated, as the message :func:`unpack` reads (pyoxigraph's result
    objects must not cross threads)."""
    try:
        if isinstance(result, ox.QueryBoolean):
            return ("ask", bool(result))
        buf = io.BytesIO()
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, buf, ox.RdfFormat.N_TRIPLES)
            return ("graph", buf.getvalue())
        result.serialize(buf, ox.QueryResultsFormat.JSON)
        return ("select", buf.getvalue())
    except (RuntimeError, OSError) as exc:
        raise QueryError(runtime_message(exc, terms)) from None
