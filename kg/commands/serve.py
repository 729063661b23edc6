"""kg serve"""
from __future__ import annotations

from typing import Optional

import typer

from ..cli import app

EXAMPLE = """Examples:

  kg serve                      # read-only, http://127.0.0.1:7878/

  kg serve --port 8000 --writable"""


@app.command(
    help="Serve the store with the Oxigraph server: a SPARQL endpoint and a browser query page "
    "(read-only unless --writable; loopback only unless --host says otherwise). Ctrl-C stops it.\n\n"
    "A read-only server takes no lock: kg build may still write (restart the server to see new "
    "articles). A --writable server holds the store's lock: kg build is refused meanwhile.\n\n" + EXAMPLE
)
def serve(
    store: Optional[str] = typer.Option(None, "--store", help="Store directory (default $KG_STORE or ./kg-store)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default loopback only)."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    writable: bool = typer.Option(False, "--writable", help="Accept SPARQL updates and Graph Store writes (holds the store's write lock)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", metavar="SECONDS", help="Abandon queries running longer than SECONDS."),
    cors: bool = typer.Option(False, "--cors", help="Allow cross-origin requests (for web pages on other origins)."),
) -> None:
    from ..serve import serve as run

    def echo(line: str) -> None:
        typer.echo(line, err=not line.startswith("Serving"))

    run(store, host=host, port=port, writable=writable, timeout=timeout, cors=cors, echo=echo)
