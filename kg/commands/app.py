"""The ``kg`` Typer application that every command module registers on, and what the commands
share for the terminal: Rich consoles, one-line errors, a quiet exit on a closed pipe."""
from __future__ import annotations

import os
import sys

import typer

from ..errors import EXIT_BROKEN_PIPE, EXIT_ERROR, one_line

__all__ = ["app", "console", "err_console", "fail", "closed_pipe", "silence_stdout"]

app = typer.Typer(
    name="kg",
    help="Turn news articles into a knowledge graph of actors: build, query, export, visualise.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors (also accepted after the "
                                                             "command, or set KG_DEBUG=1).")) -> None:
    """kg: news articles -> knowledge graph of actors (RDF, SPARQL, SHACL)."""
    if debug:
        os.environ["KG_DEBUG"] = "1"


def console():
    from rich.console import Console

    return Console()


def err_console():
    from rich.console import Console

    return Console(stderr=True)


def fail(message: str, code: int = EXIT_ERROR) -> "typer.Exit":
    """Print a one-line error (control characters made visible) and return the Exit to raise."""
    print(f"kg: error: {one_line(message)}", file=sys.stderr)
    return typer.Exit(code)


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that flushing what is still buffered when Python
    exits does not fail a second time on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def closed_pipe() -> "typer.Exit":
    """The Exit to raise when the reader of our output went away (``kg query ... | head``):
    exit code 141, like a shell pipeline member ended by SIGPIPE, and nothing more printed."""
    silence_stdout()
    return typer.Exit(EXIT_BROKEN_PIPE)
