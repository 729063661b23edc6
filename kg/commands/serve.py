"""kg serve"""
from __future__ import annotations

from typing import Optional

import typer

from .app import app

EXAMPLE = """Examples:

  kg serve                      # read-only, browse http://127.0.0.1:7878/

  kg serve --port 8000 --writable   # prints a write token: kg push http://127.0.0.1:8000/store --token TOKEN"""


@app.command(
    help="Browse the store in a web browser (search actors; actor, article and event pages; named queries; "
    "SPARQL) and serve it to programs: SPARQL 1.1 Protocol at /query, Graph Store Protocol at /store, "
    "Turtle/JSON-LD for every IRI. Read-only unless --writable; loopback only unless --host says otherwise. "
    "Ctrl-C stops it.\n\n"
    "A read-only server takes no lock: kg build may still write (restart the server to see new "
    "articles). A --writable server holds the store's lock (kg build is refused meanwhile) and accepts "
    "writes only with its write token, never from other web sites.\n\n" + EXAMPLE
)
def serve(
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default loopback only)."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    writable: bool = typer.Option(False, "--writable", help="Accept SPARQL updates and Graph Store writes (holds the store's write lock)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="KG_SERVE_TOKEN", show_envvar=True,
                                        help="With --writable: the write token clients must send (default: a new random one, printed at start)."),
    no_token: bool = typer.Option(False, "--no-token", help="With --writable: accept writes without a token (cross-origin and form-encoded writes stay refused)."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Stop queries running longer than SECONDS (default 30)."),
    allow_service: bool = typer.Option(False, "--allow-service", help="Allow SPARQL SERVICE and LOAD, which make the server fetch URLs (refused by default)."),
    workers: int = typer.Option(2, "--workers", min=1, max=64, help="Query worker processes (queries answered at once)."),
    cors: bool = typer.Option(False, "--cors", help="Allow cross-origin reads (for web pages on other origins); writes stay same-origin."),
) -> None:
    from ..web.serve import new_token, serve as run

    if not timeout > 0 or timeout != timeout or timeout >= 10 ** 7:
        raise typer.BadParameter(f"{timeout}: expected a number of seconds above 0", param_hint="--timeout")
    if writable and not no_token and not token:
        token = new_token()

    def echo(line: str) -> None:
        typer.echo(line, err=not line.startswith("Serving"))

    run(store, host=host, port=port, writable=writable, timeout=timeout, cors=cors,
        token=None if no_token else token, allow_service=allow_service, workers=workers, echo=echo)
