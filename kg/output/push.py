"""Send the store to a remote triple store with the SPARQL 1.1 Graph Store Protocol.

Each article is a named graph in the store; :func:`push` sends it with an HTTP ``PUT`` to
``ENDPOINT?graph=<article IRI>``, which *replaces* that graph on the remote side. Pushing again
(after a rebuild, or twice by mistake) therefore leaves exactly one copy of every article, and
articles that other people pushed to the same endpoint are left alone.

The endpoint is the Graph Store Protocol URL of the remote store, for example
``http://host:7878/store`` (Oxigraph), ``http://host:3030/DATASET/data`` (Fuseki),
``http://host:7200/repositories/REPO/rdf-graphs/service`` (GraphDB) or
``http://host:8890/sparql-graph-crud-auth`` (Virtuoso). Authentication: HTTP basic (user and
password) or a bearer token.

Triples are sent as N-Triples with the media type ``text/turtle`` (N-Triples is a subset of
Turtle, and every Graph Store implementation reads Turtle).
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from ..errors import KgError

__all__ = ["PushError", "PushReport", "push", "article_graphs", "redact_url"]

_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
_GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


class PushError(KgError):
    """The remote endpoint refused the data or could not be reached. ``report`` says what was
    sent before (``None`` when nothing was tried)."""

    report: "PushReport | None" = None


def redact_url(url: str) -> str:
    """``url`` fit to print: a password in it is replaced by ``***``.

    >>> redact_url("http://me:s3cret@example.org:8080/store?graph=x")
    'http://me:***@example.org:8080/store?graph=x'
    >>> redact_url("http://localhost:7878/store")
    'http://localhost:7878/store'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user, colon, _ = userinfo.partition(":")
    return parts._replace(netloc=f"{user}{':***' if colon else ''}@{host}").geturl()


@dataclass
class PushReport:
    """What a push sent."""

    graphs: int = 0
    triples: int = 0
    not_sent: int = 0  # quads of the store outside any named graph (kg writes none)


def article_graphs(store) -> list[str]:
    """The IRIs of the named graphs of the store (one per article), sorted."""
    return [row["g"].value for row in store.query(_GRAPHS)]


def _graph_ntriples(store, graph: str) -> tuple[bytes, int]:
    import pyoxigraph as ox

    triples = list(store.query(_GRAPH_TRIPLES, bindings={"g": ox.NamedNode(graph)}))
    buf = io.BytesIO()
    ox.serialize(triples, buf, ox.RdfFormat.N_TRIPLES)
    return buf.getvalue(), len(triples)


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(
            f"endpoint {redact_url(endpoint)!r}: expected the http:// or https:// URL of a SPARQL 1.1 Graph Store "
            "Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph) or http://localhost:3030/ds/data (Fuseki)"
        )


def _http_error(endpoint: str, graph: str, resp) -> PushError:
    body = " ".join((resp.text or "").split())[:200]
    code = resp.status_code
    hint = {
        401: "check --user/--password or --token",
        403: "the endpoint refuses writes with these credentials (is it read-only?)",
        404: "is this the Graph Store Protocol URL? Oxigraph's is /store, Fuseki's /DATASET/data",
        405: "the endpoint does not accept PUT: is this the Graph Store Protocol URL, and is it writable?",
        413: "the article graph is larger than the endpoint accepts; raise its request size limit",
        415: "the endpoint does not accept Turtle",
    }.get(code, "")
    detail = f": {body}" if body else ""
    return PushError(
        f"{redact_url(endpoint)}: HTTP {code} {resp.reason or ''}".rstrip()
        + f" for graph <{graph}>{detail}" + (f" ({hint})" if hint else "")
    )


def push(store, endpoint: str, *, user: str | None = None, password: str | None = None,
         token: str | None = None, timeout: float = 120.0,
         on_graph: Callable[[str, int], None] | None = None) -> PushReport:
    """Send every article graph of ``store`` to the Graph Store Protocol ``endpoint``.

    Parameters
    ----------
    store
        A :class:`kg.storage.store.KgStore` or the path of one (opened read-only).
    endpoint
        The remote Graph Store Protocol URL (see the module documentation).
    user, password
        HTTP basic authentication.
    token
        Bearer token authentication (not together with ``user``).
    timeout
        Seconds to wait for each answer.
    on_graph
        Called with each graph IRI and its number of triples once it is stored.

    Returns
    -------
    PushReport
        Graphs and triples sent.

    Raises
    ------
    PushError
        For a bad endpoint URL, bad credentials, an unreachable endpoint or any HTTP error (the
        message names the status, the graph and what to check, and how many graphs were sent
        before; its ``report`` holds those counts). A password in ``endpoint`` is never printed.

    Examples
    --------
    ``push("kg-store", "http://localhost:7878/store")`` sends every article of ``kg-store`` to an
    Oxigraph server started with ``kg serve --writable`` (or ``oxigraph serve``). A URL that is
    not one is refused before anything is sent:

    >>> push("kg-store", "localhost:7878/store")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.output.push.PushError: endpoint 'localhost:7878/store': expected the http:// or https:// URL ...
    """
    import requests

    _check_endpoint(endpoint)
    if token and user:
        raise PushError("give either --user/--password (basic) or --token (bearer), not both")
    if user is not None and password is None:
        raise PushError(f"--user {user!r} needs a password: --password or $KG_PASSWORD")
    if isinstance(store, (str, os.PathLike)):
        from ..storage.disk import open_store

        store = open_store(store, read_only=True)

    session = requests.Session()
    if user is not None:
        session.auth = (user, password)
    if token:
        session.headers["Authorization"] = f"Bearer {token}"
    session.headers["Content-Type"] = "text/turtle; charset=utf-8"

    report = PushReport()
    shown = redact_url(endpoint)
    graphs = article_graphs(store)
    try:
        for graph in graphs:
            data, n = _graph_ntriples(store, graph)
            try:
                resp = session.put(endpoint, params={"graph": graph}, data=data, timeout=timeout)
            except requests.exceptions.Timeout:
                raise PushError(f"{shown}: no answer within {timeout:g} s for graph <{graph}>") from None
            except requests.exceptions.ConnectionError as exc:
                reason = _redact_text(_reason(exc), endpoint)
                raise PushError(f"{shown}: cannot connect ({reason}); is the server running and the URL right?") from None
            except requests.exceptions.RequestException as exc:
                raise PushError(f"{shown}: request failed ({exc.__class__.__name__}: "
                                f"{_redact_text(str(exc), endpoint)})") from None
            if not 200 <= resp.status_code < 300:
                raise _http_error(endpoint, graph, resp)
            report.graphs += 1
            report.triples += n
            if on_graph:
                on_graph(graph, n)
    except PushError as exc:
        if report.graphs:
            exc = PushError(f"{exc}; {report.graphs:,} of {len(graphs):,} article graphs ({report.triples:,} triples) "
                            "were sent before this error and are stored there: push again to send the rest "
                            "(graphs sent again are replaced, not duplicated)")
        exc.report = report
        raise exc from None
    finally:
        session.close()
    report.not_sent = max(0, len(store) - report.triples)
    return report


def _redact_text(text: str, endpoint: str) -> str:
    """``text`` with the password of ``endpoint`` (if any) replaced by ``***``."""
    password = urlsplit(endpoint).password
    return text.replace(password, "***") if password else text


def _reason(exc: Exception) -> str:
    text = str(exc)
    for needle in ("Connection refused", "Name or service not known", "No route to host",
                   "Temporary failure in name resolution", "Network is unreachable"):
        if needle in text:
            return needle.lower()
    return text.split(": ")[-1][:120] if text else exc.__class__.__name__
