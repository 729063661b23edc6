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
from urllib.parse import quote

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

from ..errors import KgError
from ..rdf.namespace import PREFIXES
from . import browse
from .actors import actor_page
from .articles import article_page
from .engine import DEFAULT_TIMEOUT, QueryFailed, QueryJob, QueryPool, QueryStopped
from .negotiate import FORMAT_PARAM, RDF_TYPES, best_type
from .protocol import protocol_routes, refuse_remote

__all__ = ["ServerConfig", "create_app", "CSP", "LOOPBACK"]

#: The Content-Security-Policy of every answer: no scripts, nothing from elsewhere.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
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
        counts = await blocking(lambda: browse.query_rows(state.store, "counts"))
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
        mtype = FORMAT_PARAM.get(fmt or "") or best_type(request.headers.get("accept"), ["text/html", *RDF_TYPES])
        if mtype != "text/html":
            triples = await blocking(browse.describe, state.store, iri)
            buf = io.BytesIO()
            rdf_format = RDF_TYPES[mtype]
            kwargs = {"prefixes": PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
            ox.serialize([ox.Triple(ox.NamedNode(iri), p, o) for p, o in triples], buf, rdf_format, **kwargs)
            return Response(buf.getvalue(), media_type=mtype, headers={"Vary": "Accept"})
        kind = info.kind
        common = {"info": info, "iri": iri, "title": info.label, "kind": kind}
        if kind in browse.ACTOR_TYPES:
            data = await blocking(actor_page, state.store, iri, info)
            return _vary(page(request, "actor.html", actor=data, **common))
        if kind == "Article":
            data = await blocking(article_page, state.store, iri, selected=request.query_params.get("ev"))
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

        refused = refuse_remote(text, config.allow_service)
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
        *protocol_routes(state),
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
