"""The SPARQL 1.1 protocols of kg serve: the query endpoint (``/query``), updates (``/update``)
and the Graph Store Protocol (``/store``); writes only on a server started with ``--writable``,
guarded by :mod:`kg.web.guard`."""
from __future__ import annotations

import asyncio
import io
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import QueryError, StoreError
from ..rdf.namespace import PREFIXES
from .engine import QueryFailed, QueryJob, QueryStopped
from .guard import remote_calls, write_refusal
from .negotiate import RDF_TYPES, best_type

__all__ = ["protocol_routes", "refuse_remote", "MAX_QUERY_BODY", "MAX_WRITE_BODY"]

#: The largest query (POST body) and write (update or Graph Store body) accepted, in bytes.
MAX_QUERY_BODY = 1024 * 1024
MAX_WRITE_BODY = 256 * 1024 * 1024


def refuse_remote(text: str, allow_service: bool) -> str | None:
    """Why the query ``text`` is refused (it calls a remote ``SERVICE``, which would make this server
    fetch a URL), or ``None``; ``allow_service`` (``kg serve --allow-service``) allows it."""
    if allow_service:
        return None
    found = remote_calls(text)
    if found:
        return (f"{found[0]} refused: it would make this server fetch a URL for you; kg serve answers only "
                "from its own store (start it with --allow-service to allow federated queries)")
    return None


def protocol_routes(state) -> list[Route]:
    """The routes of the protocol endpoints over the server's state (its store, query pool,
    write lock and configuration)."""
    config = state.config

    async def blocking(fn, *args, **kwargs):
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def query_endpoint(request: Request) -> Response:
        if request.method not in ("GET", "POST", "HEAD"):
            return PlainTextResponse("no Graph Store here: this is the SPARQL query endpoint; "
                                     "the Graph Store Protocol endpoint is /store\n", status_code=404)
        if request.method == "POST":
            body = await _body(request, MAX_QUERY_BODY)
            if isinstance(body, Response):
                return body
            ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-query":
                text = body.decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                text = (parse_qs(body.decode("utf-8", "replace")).get("query") or [""])[0]
            else:
                return PlainTextResponse(f"unsupported content type {ctype!r}: send application/sparql-query "
                                         "or a form with query=\n", status_code=415)
        else:
            text = request.query_params.get("query", "")
        if not text.strip():
            if "text/html" in (request.headers.get("accept") or ""):
                return RedirectResponse("/sparql", status_code=303)
            return PlainTextResponse("no query: give it as ?query=SPARQL\n", status_code=400)
        refused = refuse_remote(text, config.allow_service)
        if refused:
            return PlainTextResponse(refused + "\n", status_code=403)
        accept = request.headers.get("accept")
        results_type = best_type(accept, ["application/sparql-results+json", "application/sparql-results+xml",
                                          "text/csv", "text/tab-separated-values", "application/json"])
        if results_type == "application/json":
            results_type = "application/sparql-results+json"
        graph_type = best_type(accept, list(RDF_TYPES))
        job = QueryJob(text, {}, results_type, graph_type)
        try:
            _kind, mtype, body = await state.pool.run(job, gone=request.is_disconnected)
        except QueryStopped as exc:
            return PlainTextResponse(str(exc) + "\n", status_code=503)
        except QueryFailed as exc:
            return PlainTextResponse(str(exc) + "\n", status_code=exc.status)
        return Response(body, media_type=mtype)

    async def _body(request: Request, limit: int):
        size = request.headers.get("content-length")
        if size and size.isdigit() and int(size) > limit:
            return PlainTextResponse(f"request body over {limit // (1024 * 1024)} MB refused\n", status_code=413)
        chunks, total = [], 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                return PlainTextResponse(f"request body over {limit // (1024 * 1024)} MB refused\n", status_code=413)
            chunks.append(chunk)
        return b"".join(chunks)

    def _guard(request: Request) -> Response | None:
        if not config.writable:
            return PlainTextResponse("this server is read-only: start it with kg serve --writable to accept "
                                     "updates and Graph Store writes\n", status_code=403)
        own = f"{request.url.scheme}://{request.headers.get('host') or request.url.netloc}"
        refused = write_refusal(method=request.method, headers=request.headers, own_origin=own, token=config.token)
        if refused:
            headers = {"WWW-Authenticate": 'Bearer realm="kg serve"'} if refused[0] == 401 else None
            return PlainTextResponse(refused[1] + "\n", status_code=refused[0], headers=headers)
        return None

    async def update_endpoint(request: Request) -> Response:
        if request.method != "POST":
            return PlainTextResponse("updates are sent with POST\n", status_code=405, headers={"Allow": "POST"})
        refused = _guard(request)
        if refused:
            return refused
        body = await _body(request, MAX_WRITE_BODY)
        if isinstance(body, Response):
            return body
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            text = body.decode("utf-8", "replace")
        elif ctype == "application/x-www-form-urlencoded":
            text = (parse_qs(body.decode("utf-8", "replace")).get("update") or [""])[0]
        else:
            return PlainTextResponse(f"unsupported content type {ctype!r}: send application/sparql-update\n",
                                     status_code=415)
        remote = refuse_remote(text, config.allow_service)
        if remote:
            return PlainTextResponse(remote + "\n", status_code=403)

        def run():
            with state.write_lock:
                state.store.update(text)
                state.pool.wrote()

        try:
            await blocking(run)
        except QueryError as exc:  # not a valid SPARQL Update
            from ..storage.sparql_errors import describe_syntax_error

            message = str(exc).removeprefix("invalid SPARQL Update: ")
            return PlainTextResponse(describe_syntax_error(message, text).replace("SPARQL", "SPARQL update", 1) + "\n",
                                     status_code=400)
        except (StoreError, OSError, RuntimeError, ValueError) as exc:
            return PlainTextResponse("update failed: " + " ".join(str(exc).split()) + "\n", status_code=400)
        return Response(status_code=204)

    async def store_endpoint(request: Request) -> Response:
        params = request.query_params
        graph = params.get("graph")
        default = "default" in params
        target = None
        if graph:
            try:
                target = ox.NamedNode(graph)
            except ValueError:
                return PlainTextResponse(f"graph {graph!r} is not a valid IRI\n", status_code=400)
        if request.method in ("GET", "HEAD"):
            return await _read_graph(request, target, default)
        refused = _guard(request)
        if refused:
            return refused
        if target is None and not default:
            return PlainTextResponse("name the graph: ?graph=IRI (or ?default)\n", status_code=400)
        if request.method == "DELETE":
            def drop():
                with state.write_lock:
                    dropped = state.store.drop_graph(graph if target is not None else None)
                    if dropped:
                        state.pool.wrote()
                    return dropped
            return Response(status_code=204) if await blocking(drop) else \
                PlainTextResponse(f"no graph <{graph}> here\n", status_code=404)
        if request.method not in ("PUT", "POST"):
            return PlainTextResponse("method not allowed\n", status_code=405, headers={"Allow": "GET, PUT, POST, DELETE"})
        body = await _body(request, MAX_WRITE_BODY)
        if isinstance(body, Response):
            return body
        ctype = (request.headers.get("content-type") or "text/turtle").split(";")[0].strip().lower()
        fmt = ox.RdfFormat.from_media_type(ctype)
        if fmt is None or fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            return PlainTextResponse(f"unsupported content type {ctype!r}: send Turtle, N-Triples, RDF/XML or JSON-LD\n",
                                     status_code=415)
        try:
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, fmt)]
        except SyntaxError as exc:
            return PlainTextResponse(f"invalid {ctype} data: " + " ".join(str(exc).split())[:300] + "\n", status_code=400)

        def write():
            with state.write_lock:
                existed = state.store.write_graph(graph if target is not None else None, triples,
                                                  replace=request.method == "PUT")
                state.pool.wrote()
                return existed

        try:
            existed = await blocking(write)
        except OSError as exc:
            return PlainTextResponse(f"write failed: {exc}\n", status_code=500)
        return Response(status_code=204 if existed or request.method == "POST" else 201)

    async def _read_graph(request: Request, target, default: bool) -> Response:
        if target is None and not default:
            return PlainTextResponse("name the graph: ?graph=IRI (or ?default for the union of all graphs)\n",
                                     status_code=400)
        mtype = best_type(request.headers.get("accept"), list(RDF_TYPES))

        def read():
            triples = state.store.graph_triples(target.value if target is not None else None)
            if triples is None:
                return None
            buf = io.BytesIO()
            kwargs = {"prefixes": PREFIXES} if RDF_TYPES[mtype] in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
            ox.serialize(triples, buf, RDF_TYPES[mtype], **kwargs)
            return buf.getvalue()

        data = await blocking(read)
        if data is None:
            return PlainTextResponse(f"no graph <{target.value}> here\n", status_code=404)
        return Response(data, media_type=mtype)

    return [
        Route("/query", query_endpoint, methods=["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH"]),
        Route("/update", update_endpoint, methods=["POST", "GET", "PUT"]),
        Route("/store", store_endpoint, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
    ]
