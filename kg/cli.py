"""The ``kg`` command: thin Typer commands over the library (one module per command in
:mod:`kg.commands`). Errors are one line on stderr and a non-zero exit code; ``--debug`` shows
the traceback."""
from __future__ import annotations

import os
import sys

import typer

from .errors import KgError

__all__ = ["app", "main", "console", "err_console"]

app = typer.Typer(
    name="kg",
    help="Turn news articles into a knowledge graph of actors: build, query, export, visualise.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    """kg: news articles -> knowledge graph of actors (RDF, SPARQL, SHACL)."""
    if debug:
        os.environ["KG_DEBUG"] = "1"


def _register() -> None:
    from .commands import build, export, query, viz  # noqa: F401  (each adds its command to app)


def console():
    from rich.console import Console

    return Console()


def err_console():
    from rich.console import Console

    return Console(stderr=True)


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print a one-line error (control characters made visible) and return the Exit to raise."""
    safe = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in message)
    print(f"kg: error: {safe}", file=sys.stderr)
    return typer.Exit(code)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` script."""
    _register()
    debug = "--debug" in (argv if argv is not None else sys.argv[1:]) or os.environ.get("KG_DEBUG") == "1"
    try:
        app(args=argv, prog_name="kg", standalone_mode=False)
    except KgError as exc:
        if debug:
            raise
        raise SystemExit(fail(str(exc), exc.exit_code).exit_code) from None
    except typer.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # click usage errors and anything unexpected
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Abort):
            print("kg: aborted", file=sys.stderr)
            return 130
        if debug:
            raise
        print(f"kg: internal error: {exc.__class__.__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        return 70
    return 0


if __name__ == "__main__":
    sys.exit(main())
