"""The ``kg serve`` web application (Starlette, Jinja2 templates, served by uvicorn).

Pages for people (HTML, no scripts): ``/`` search and overview, ``/search?q=``, an actor, article,
event or any node at ``/resource?iri=IRI`` (and at the IRI itself when ``KG_BASE_IRI`` points at
the server), ``/queries`` (the named queries as forms) and ``/sparql`` (a query form).

Endpoints for programs: ``/query`` (SPARQL 1.1 Protocol, prefixes ``kg:``, ``rdfs:``, ``skos:``...
predefined), ``/store`` (SPARQL 1.1 Graph Store Protocol: reads; writes with ``--writable``) and
``/update`` (``--writable`` only). An IRI answers with HTML, Turtle, JSON-LD, N-Triples or
RDF/XML as the ``Accept`` header asks (Linked Data content negotiation).

Safety: every page is a Jinja2 template with autoescaping, so article text is always text; every
answer carries a Content-Security-Policy that allows no script and no request to another origin;
on loopback the ``Host`` header must name this machine (DNS rebinding); queries run in worker
processes with a time limit and are stopped when the client goes away (:mod:`kg.web.engine`);
``SERVICE`` and ``LOAD`` are refused unless allowed; writes go through :mod:`kg.web.guard`.
"""
from __future__ import annotations

import asyncio
import contextlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import KgError, QueryError, StoreError
from ..rdf.namespace import PREFIXES
from . import browse
from .engine import DEFAULT_TIMEOUT, QueryFailed, QueryJob, QueryPool, QueryStopped
from .guard import remote_calls, write_refusal

__all__ = ["ServerConfig", "create_app", "CSP", "LOOPBACK"]

#: The Content-Security-Policy of every answer: no scripts, nothing from elsewhere.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
_MAX_QUERY_BODY = 1024 * 1024
_MAX_WRITE_BODY = 256 * 1024 * 1024
_RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_FORMAT_PARAM = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                 "json-ld": "application/ld+json", "nt": "application/n-triples", "rdf": "application/rdf+xml"}


@dataclass
class ServerConfig:
    """How the server runs (see ``kg serve --help``)."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    allow_service: bool = False
    cors: bool = False
    workers: int = 2


class _State:
    def __init__(self, config: ServerConfig):
        from ..storage.disk import open_store

        self.config = config
        if config.writable:
            self.store = open_store(config.store)
        else:
            self.store = open_store(config.store, read_only=True)
        self.pool = QueryPool(config.store, size=config.workers, timeout=config.timeout)
        self.write_lock = threading.Lock()
        self._names: tuple[int, browse.NameIndex] | None = None

    def names(self) -> browse.NameIndex:
        """The search index of the store as it is now (built again after a write)."""
        with self.write_lock:
            current = self._names
            if current is None or current[0] != self.pool.generation:
                current = self._names = (self.pool.generation, browse.NameIndex(self.store))
            return current[1]


def best_type(accept: str | None, offered: list[str]) -> str:
    """The offered media type the ``Accept`` header prefers (the first offered on a tie or none).

    >>> best_type("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
    'application/ld+json'
    >>> best_type("text/html,application/xhtml+xml,*/*;q=0.8", ["text/html", "text/turtle"])
    'text/html'
    >>> best_type(None, ["text/html", "text/turtle"])
    'text/html'
    """
    if not accept:
        return offered[0]
    scores: dict[str, tuple[float, int]] = {}
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        mtype = parts[0].lower()
        q = 1.0
        for p in parts[1:]:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        for i, o in enumerate(offered):
            if mtype == o:
                spec = 3
            elif mtype.endswith("/*") and o.startswith(mtype[:-1]):
                spec = 2
            elif mtype == "*/*":
                spec = 1
            else:
                continue
            if spec > scores.get(o, (0.0, 0))[1]:
                scores[o] = (q, spec)
    ranked = sorted(((q, -offered.index(o), o) for o, (q, _) in scores.items() if q > 0), reverse=True)
    return ranked[0][2] if ranked else offered[0]


def _templates() -> Environment:
    env = Environment(loader=PackageLoader("kg.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["local"] = browse.local
    return env


def create_app(config: ServerConfig) -> Starlette:
    """The web application over ``config.store`` (opened when the application starts).

    Raises
    ------
    StoreError, StoreLockedError
        When the store cannot be opened (read-only, or for writing with ``writable``).
    """
    state = _State(config)
    env = _templates()

    def link(request: Request, iri: str) -> str:
        base = str(request.base_url)
        if iri.startswith(base) and not iri[len(base):].startswith(("static/", "query", "store", "update", "sparql")):
            return "/" + iri[len(base):]
        return "/resource?iri=" + quote(iri, safe="")

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(name).render(request=request, link=lambda iri: link(request, iri),
                                             writable=config.writable, **context)
        return HTMLResponse(html, status_code=status)

    def error_page(request: Request, status: int, message: str) -> Response:
        if "text/html" in (request.headers.get("accept") or ""):
            return page(request, "error.html", status, message=message, title=f"HTTP {status}")
        return PlainTextResponse(message + "\n", status_code=status)

    async def blocking(fn, *args, **kwargs):
        return await asyncio.to_thread(fn, *args, **kwargs)

    # -- pages -------------------------------------------------------------------------------
    async def index(request: Request) -> Response:
        counts = await blocking(lambda: browse._rows(state.store, "counts"))
        return page(request, "index.html", title="kg", articles=counts[0]["articles"] if counts else 0)

    async def search(request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        hits = await blocking(state.names().search, q) if q.strip() else []
        return page(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, hits=hits)

    async def resource(request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        if not iri:
            return error_page(request, 400, "give the IRI to show: /resource?iri=IRI")
        return await show(request, iri)

    async def deref(request: Request) -> Response:
        iri = str(request.url.replace(query="", fragment=""))
        return await show(request, iri)

    async def show(request: Request, iri: str) -> Response:
        try:
            ox.NamedNode(iri)
        except ValueError:
            return error_page(request, 400, f"{iri!r} is not a valid IRI")
        info = await blocking(browse.node_info, state.store, iri)
        if info is None:
            return error_page(request, 404, f"nothing is known about <{iri}> in this store")
        fmt = request.query_params.get("format")
        mtype = _FORMAT_PARAM.get(fmt or "") or best_type(request.headers.get("accept"), ["text/html", *_RDF_TYPES])
        if mtype != "text/html":
            triples = await blocking(browse.describe, state.store, iri)
            buf = io.BytesIO()
            rdf_format = _RDF_TYPES[mtype]
            kwargs = {"prefixes": PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
            ox.serialize([ox.Triple(ox.NamedNode(iri), p, o) for p, o in triples], buf, rdf_format, **kwargs)
            return Response(buf.getvalue(), media_type=mtype, headers={"Vary": "Accept"})
        kind = info.kind
        common = {"info": info, "iri": iri, "title": info.label, "kind": kind}
        if kind in browse.ACTOR_TYPES:
            data = await blocking(browse.actor_page, state.store, iri, info)
            return _vary(page(request, "actor.html", actor=data, **common))
        if kind == "Article":
            data = await blocking(browse.article_page, state.store, iri, selected=request.query_params.get("ev"))
            common["title"] = data.meta.get("title") or data.meta.get("documentId") or iri
            return _vary(page(request, "article.html", article=data, **common))
        if kind == "Evidence":
            rows = await blocking(browse.describe, state.store, iri)
            art = next((o.value for p, o in rows if p.value.endswith("#article")), None)
            if art:
                target = link(request, art)
                sep = "&" if "?" in target else "?"
                return RedirectResponse(f"{target}{sep}ev={quote(iri, safe='')}", status_code=303,
                                        headers={"Vary": "Accept"})
        if kind in browse.EVENT_TYPES:
            data = await blocking(browse.event_page, state.store, iri)
            common["title"] = "Meeting" if kind == "Meeting" else "Phone call"
            return _vary(page(request, "event.html", event=data, **common))
        rows = await blocking(browse.describe, state.store, iri)
        return _vary(page(request, "node.html", rows=rows, **common))

    async def queries_page(request: Request) -> Response:
        from ..storage.named import named_queries

        return page(request, "queries.html", title="Named queries", queries=list(named_queries().values()))

    async def named_query_page(request: Request) -> Response:
        from ..storage.named import named_query

        try:
            q = named_query(request.path_params["name"])
        except KgError as exc:
            return error_page(request, 404, str(exc))
        given = {p: request.query_params.get(p, "") for p in q.params}
        run = request.query_params.get("run") == "1"
        result, error = None, None
        if run:
            missing = [p for p in q.required if not given[p].strip()]
            if missing:
                error = "fill in " + ", ".join(missing)
            else:
                bindings = {k: ox.Literal(v) for k, v in given.items() if v.strip()}
                result, error = await _table(request, q.text, bindings)
        return page(request, "query.html", title=q.name, query=q, given=given, result=result, error=error)

    async def sparql_page(request: Request) -> Response:
        text = request.query_params.get("query", "")
        result, error = None, None
        if text.strip():
            result, error = await _table(request, text, {})
        return page(request, "sparql.html", title="SPARQL", text=text, result=result, error=error,
                    prefixes=PREFIXES, timeout=config.timeout)

    async def _table(request: Request, text: str, bindings: dict):
        """Run a query for a page: (result dict, error line)."""
        import json

        refused = _refuse_remote(text)
        if refused:
            return None, refused
        job = QueryJob(text, bindings, "application/sparql-results+json", "text/turtle")
        try:
            kind, _mtype, body = await state.pool.run(job, gone=request.is_disconnected)
        except (QueryStopped, QueryFailed) as exc:
            return None, str(exc)
        if kind == "graph":
            return {"kind": "graph", "text": body.decode("utf-8")}, None
        data = json.loads(body)
        if kind == "ask":
            return {"kind": "ask", "value": data.get("boolean")}, None
        names = data["head"]["vars"]
        rows = [[r.get(n) for n in names] for r in data["results"]["bindings"]]
        return {"kind": "select", "vars": names, "rows": rows[:1000], "total": len(rows)}, None

    def _refuse_remote(text: str) -> str | None:
        if config.allow_service:
            return None
        found = remote_calls(text)
        if found:
            return (f"{found[0]} refused: it would make this server fetch a URL for you; kg serve answers only "
                    "from its own store (start it with --allow-service to allow federated queries)")
        return None

    # -- SPARQL protocol ---------------------------------------------------------------------
    async def query_endpoint(request: Request) -> Response:
        if request.method not in ("GET", "POST", "HEAD"):
            return PlainTextResponse("no Graph Store here: this is the SPARQL query endpoint; "
                                     "the Graph Store Protocol endpoint is /store\n", status_code=404)
        if request.method == "POST":
            body = await _body(request, _MAX_QUERY_BODY)
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
        refused = _refuse_remote(text)
        if refused:
            return PlainTextResponse(refused + "\n", status_code=403)
        accept = request.headers.get("accept")
        results_type = best_type(accept, ["application/sparql-results+json", "application/sparql-results+xml",
                                          "text/csv", "text/tab-separated-values", "application/json"])
        if results_type == "application/json":
            results_type = "application/sparql-results+json"
        graph_type = best_type(accept, list(_RDF_TYPES))
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
        body = await _body(request, _MAX_WRITE_BODY)
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
        remote = _refuse_remote(text)
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
        body = await _body(request, _MAX_WRITE_BODY)
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
        mtype = best_type(request.headers.get("accept"), list(_RDF_TYPES))

        def read():
            triples = state.store.graph_triples(target.value if target is not None else None)
            if triples is None:
                return None
            buf = io.BytesIO()
            kwargs = {"prefixes": PREFIXES} if _RDF_TYPES[mtype] in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
            ox.serialize(triples, buf, _RDF_TYPES[mtype], **kwargs)
            return buf.getvalue()

        data = await blocking(read)
        if data is None:
            return PlainTextResponse(f"no graph <{target.value}> here\n", status_code=404)
        return Response(data, media_type=mtype)

    # -- application -------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def lifespan(app):
        await state.pool.start()
        await asyncio.to_thread(state.names)  # the search index, before the first search
        try:
            yield
        finally:
            await asyncio.to_thread(state.pool.close)
            with contextlib.suppress(Exception):
                state.store.close()

    middleware = [Middleware(SecurityHeaders)]
    if config.host in LOOPBACK:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"]))
    if config.cors:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"]))
    static = Path(__file__).resolve().parent / "static"
    routes = [
        Route("/", index),
        Route("/search", search),
        Route("/resource", resource),
        Route("/queries", queries_page),
        Route("/queries/{name}", named_query_page),
        Route("/sparql", sparql_page),
        Route("/query", query_endpoint, methods=["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH"]),
        Route("/update", update_endpoint, methods=["POST", "GET", "PUT"]),
        Route("/store", store_endpoint, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
        Route("/{path:path}", deref),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.kg = state
    return app


class SecurityHeaders:
    """Pure ASGI middleware adding the Content-Security-Policy and friends to every answer
    (Starlette's BaseHTTPMiddleware would hide a client's disconnection from the endpoints)."""

    HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff",
               "referrer-policy": "no-referrer", "x-frame-options": "DENY"}

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in self.HEADERS.items():
                    if k not in headers:
                        headers[k] = v
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response
