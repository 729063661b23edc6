"""Serve the store over HTTP: an actor browser for people and SPARQL endpoints for programs.

``kg serve`` runs the web application of :mod:`kg.web` (Starlette and Jinja2 under uvicorn) in
a server process over the store directory, bound to ``127.0.0.1:7878`` by default:

* ``http://HOST:PORT/`` -- search an actor, read its page (positions, meetings and calls,
  statements, articles, neighbourhood, each line linked to its sentence), the article pages with
  the evidence highlighted, the named queries as forms and a SPARQL page;
* ``/query`` -- SPARQL 1.1 Protocol queries (``kg:``, ``rdfs:``, ``skos:`` ... predefined);
* ``/store`` -- SPARQL 1.1 Graph Store Protocol (reads; writes with ``--writable``);
* ``/update`` -- SPARQL updates (``--writable`` only);
* every IRI of the store at ``/resource?iri=IRI``, and at the IRI itself when ``KG_BASE_IRI``
  points at the server, as HTML, Turtle or JSON-LD as the ``Accept`` header asks.

Queries see the union of all article graphs as their default graph, as ``kg query`` does.

Limits that keep the server safe to run: a query is stopped after ``timeout`` seconds (30 by
default) or when its client goes away, and is then an HTTP error, never a cut answer;
``SERVICE`` and ``LOAD`` (which would make the server fetch URLs) are refused unless
``allow_service``; pages allow no script and no request elsewhere (Content-Security-Policy).

Writes (``--writable``) are refused when they come from a page of another origin, and when they
are form-encoded (what any web page can send) unless they carry the write token; with a token
(``kg serve --writable`` makes one and prints it, or takes ``--token``), every write must send
``Authorization: Bearer TOKEN`` (``kg push URL --token TOKEN``).

How serving and ``kg build`` / ``kg query`` share a store
--------------------------------------------------------
A store has one writer at a time and any number of readers.

* Read-only (the default): the server opens the store read-only, takes no lock and never
  writes, so ``kg query``, ``kg export`` and ``kg viz`` run beside it and ``kg build`` can still
  add articles. The server answers from the store as it was when it started: restart it to
  serve articles built since.
* ``--writable``: the server opens the store for writing (creating it when the directory does
  not exist yet, so it can receive ``kg push``), holds its lock and accepts updates and Graph
  Store writes. Meanwhile ``kg build`` (and anything else that writes) is refused with "store is
  in use"; readers still open it read-only.

Stopping (Ctrl-C, or SIGTERM to ``kg serve``) stops the server process and waits for it to exit;
committed writes are durable and the lock is released, so the next ``kg build`` can proceed.

The server has no user accounts: keep it on the loopback interface (the default), or put an
authenticating proxy in front of it before binding another address.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KgError, StoreError, StoreLockedError

__all__ = ["ServeError", "server_command", "KgServer", "start_server", "serve",
           "new_token", "DEFAULT_HOST", "DEFAULT_PORT"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ServeError(KgError):
    """The server cannot be found, started or stopped."""


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def server_command(store: str | os.PathLike, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                   writable: bool = False, timeout: float | None = None, cors: bool = False,
                   allow_service: bool = False, workers: int = 2, python: str | None = None) -> list[str]:
    """The command line of the server process that serves ``store`` (read-only unless ``writable``).

    >>> server_command("kg-store", python="python")
    ['python', '-m', 'kg.commands.server_process', '--store', 'kg-store', '--host', '127.0.0.1', '--port', '7878', '--workers', '2']
    """
    cmd = [python or sys.executable, "-m", "kg.commands.server_process", "--store", str(store), "--host", host, "--port", str(port),
           "--workers", str(workers)]
    if writable:
        cmd.append("--writable")
    if timeout:
        cmd += ["--timeout", repr(float(timeout))]
    if cors:
        cmd.append("--cors")
    if allow_service:
        cmd.append("--allow-service")
    return cmd


@dataclass
class KgServer:
    """A running ``kg serve`` server process (see :func:`start_server`)."""

    process: subprocess.Popen
    store: Path
    host: str
    port: int
    writable: bool
    token: str | None = None
    _stderr: list = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        """The base URL; the browser query page is here."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_endpoint(self) -> str:
        return self.url + "query"

    @property
    def update_endpoint(self) -> str:
        return self.url + "update"

    @property
    def store_endpoint(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint (what ``kg push`` wants)."""
        return self.url + "store"

    def stderr_text(self) -> str:
        return "".join(self._stderr).strip()

    def running(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until the server answers HTTP.

        Raises
        ------
        ServeError
            When the process exits first (the message says why) or does not answer in time.
        """
        deadline = time.monotonic() + timeout
        while True:
            if not self.running():
                self._drain()
                raise ServeError(_explain_failure(self, self.stderr_text()))
            try:
                with urllib.request.urlopen(self.url, timeout=2) as resp:  # noqa: S310 (loopback URL we built)
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise ServeError(f"the kg server did not answer at {self.url} within {timeout:g} s")
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> int:
        """Stop the server: SIGTERM, then SIGKILL if it has not exited within ``timeout``.

        Returns the process exit code. Committed writes are durable whichever signal ends it.
        """
        p = self.process
        if p.poll() is None:
            try:
                p.terminate()
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            except ProcessLookupError:
                pass
        self._drain()
        return p.returncode

    def _drain(self) -> None:
        t = getattr(self, "_reader", None)
        if t is not None:
            t.join(2)

    def __enter__(self) -> "KgServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()



def _explain_failure(server: KgServer, err: str) -> str:
    low = err.lower()
    last = err.splitlines()[-1] if err else f"exit code {server.process.returncode}"
    if last.startswith("kg: error: "):
        last = last[len("kg: error: "):]
    if server.process.returncode == 4 or "in use by another kg process" in low:
        return (f"{server.store}: store is in use by another kg process (build or serve --writable); "
                "wait for it to finish, or serve read-only without --writable")
    if "address already in use" in low or "addrinuse" in low or "os error 98" in low:
        return f"port {server.port} on {server.host} is already in use; choose another with --port"
    if "lock" in low and server.writable:
        return (f"{server.store}: store is in use by another kg process (build or serve --writable); "
                "wait for it to finish, or serve read-only without --writable")
    if "cannot assign requested address" in low or "os error 99" in low:
        return f"cannot listen on {server.host}: not an address of this machine"
    return last if "kg: error: " in err else f"the kg server stopped at start: {last}"


def new_token() -> str:
    """A fresh random write token (URL-safe, 32 characters)."""
    import secrets

    return secrets.token_urlsafe(24)


def start_server(store: str | os.PathLike | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 writable: bool = False, timeout: float | None = None, cors: bool = False,
                 token: str | None = None, allow_service: bool = False, workers: int = 2,
                 wait: float = 60.0) -> KgServer:
    """Start the server over the store and wait until it answers.

    Parameters
    ----------
    store
        Store directory (default ``$KG_STORE`` or ``./kg-store``); it must exist unless ``writable``.
    host, port
        Where to listen (loopback by default; port 0 is not supported: choose a free port).
    writable
        Accept updates and Graph Store writes, and hold the store's write lock (see the module
        documentation).
    timeout
        Seconds after which the server stops a query (default 30).
    token
        With ``writable``: every write must carry ``Authorization: Bearer TOKEN``. Without one,
        writes are still refused when cross-origin or form-encoded.
    allow_service
        Let queries use ``SERVICE`` and updates ``LOAD`` (the server then fetches URLs).
    workers
        Query worker processes (queries answered at the same time).

    Raises
    ------
    StoreError
        When there is no store at ``store`` (read-only).
    StoreLockedError
        When ``writable`` and another process writes to the store.
    ServeError
        When the server cannot be started (port in use, bad address).

    Examples
    --------
    ``with start_server("kg-store", port=7879) as srv: print(srv.url)``
    """
    from ..storage.disk import store_path

    p = store_path(store)
    if not writable and not (p / "CURRENT").exists():
        raise StoreError(f"{p}: no kg store here; build one first with `kg build FILE --store {p}`")
    if not 0 < int(port) < 65536:
        raise ServeError(f"--port {port}: expected a port number between 1 and 65535")
    if timeout is not None and not (0 < timeout < 10 ** 7):
        raise ServeError(f"--timeout {timeout}: expected a number of seconds above 0")
    cmd = server_command(p, host=host, port=port, writable=writable, timeout=timeout, cors=cors,
                         allow_service=allow_service, workers=workers)
    env = {k: v for k, v in os.environ.items() if k != "KG_SERVE_TOKEN"}
    if writable and token:
        env["KG_SERVE_TOKEN"] = token
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, encoding="utf-8", errors="replace", env=env)
    except OSError as exc:
        raise ServeError(f"cannot run {cmd[0]} ({exc.strerror or exc})") from None
    server = KgServer(proc, p, host, int(port), writable, token if writable else None)

    def read_stderr() -> None:  # keep the pipe drained; remember what it said
        for line in proc.stderr:
            server._stderr.append(line)
            if len(server._stderr) > 200:
                del server._stderr[:100]

    server._reader = threading.Thread(target=read_stderr, name="kg-serve-stderr", daemon=True)
    server._reader.start()
    try:
        server.wait_ready(wait)
    except ServeError as exc:
        if "store is in use" in str(exc):
            raise StoreLockedError(str(exc)) from None
        if "no kg store here" in str(exc) or "cannot open" in str(exc) or "not a kg store" in str(exc):
            raise StoreError(str(exc)) from None
        raise
    except BaseException:  # Ctrl-C while starting: leave no server behind
        server.stop()
        raise
    return server


def serve(store: str | os.PathLike | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          writable: bool = False, timeout: float | None = None, cors: bool = False, token: str | None = None,
          allow_service: bool = False, workers: int = 2, echo=print) -> int:
    """Serve the store until Ctrl-C (or SIGTERM); returns 0 after a clean stop.

    ``echo`` receives the lines to show the user (the URL first; with ``writable`` and a
    ``token``, the line telling how to send it).
    """
    def on_term(signum, frame):
        raise KeyboardInterrupt

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, on_term)
    server = None
    try:
        server = start_server(store, host=host, port=port, writable=writable, timeout=timeout, cors=cors,
                              token=token, allow_service=allow_service, workers=workers)
        mode = "read-write" if writable else "read-only"
        echo(f"Serving {server.store} ({mode}) at {server.url}  (SPARQL endpoint {server.query_endpoint}); "
             "press Ctrl-C to stop")
        if writable and token:
            echo(f"write token: {token}  (writes need 'Authorization: Bearer TOKEN', e.g. "
                 f"kg push {server.store_endpoint} --token TOKEN)")
        elif writable:
            echo("warning: writes need no token (--no-token): any program on this machine can change the store")
        if host not in _LOOPBACK:
            echo(f"warning: listening on {host}: anyone who can reach this address can query the store"
                 + (" (and change it with the token)" if writable else "") + "; there are no user accounts")
        while True:
            try:
                code = server.process.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                continue
        server._drain()
        if code in (0, -signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT, 128 + signal.SIGTERM):
            # Ctrl-C in a terminal reaches the server too and may end it before kg notices.
            echo(f"stopped the server (store {server.store} closed cleanly)")
            return 0
        err = server.stderr_text()
        raise ServeError(f"the kg server stopped unexpectedly: {err.splitlines()[-1] if err else f'exit code {code}'}")
    except KeyboardInterrupt:
        if server is None:
            raise
        server.stop()
        echo(f"stopped the server (store {server.store} closed cleanly)")
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if server is not None and server.running():
            server.stop()
