"""The ``kg`` command: thin Typer commands over the library (one module per command in
:mod:`kg.commands`, registered on :data:`kg.commands.app.app`). Errors are one line on stderr and a
non-zero exit code; ``--debug`` shows the traceback."""
from __future__ import annotations

import os
import sys

import typer

from .commands import build, eval, export, path, push, query, rules, serve, validate, viz  # noqa: F401  (each adds its command to app)
from .commands.app import silence_stdout, app, fail
from .errors import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, KgError, one_line

__all__ = ["app", "main"]


def _split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """``argv`` without ``--debug`` (accepted anywhere before ``--``) and whether it was there."""
    out, debug, literal = [], False, False
    for a in argv:
        if a == "--":
            literal = True
        if a == "--debug" and not literal:
            debug = True
            continue
        out.append(a)
    return out, debug


def _is_click_error(exc: BaseException) -> bool:
    # Typer >= 0.20 vendors click (typer._click); older versions use click itself. Both error
    # classes carry ``exit_code`` and ``show()``.
    return callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` script; returns the exit code (see :mod:`kg.errors`).

    Errors are one line on stderr; ``--debug`` (anywhere on the command line) or ``KG_DEBUG=1``
    shows the traceback instead.
    """
    args, debug = _split_debug(list(argv) if argv is not None else sys.argv[1:])
    debug = debug or os.environ.get("KG_DEBUG") == "1"
    if debug:
        os.environ["KG_DEBUG"] = "1"
    try:
        rv = app(args=args, prog_name="kg", standalone_mode=False)
    except KgError as exc:
        if debug:
            raise
        return fail(str(exc), exc.exit_code).exit_code
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", 0))
        return code if isinstance(code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (``kg query ... | head``): stop quietly.
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # click usage errors and anything unexpected
        if _is_click_error(exc):
            exc.show()
            return exc.exit_code
        if exc.__class__.__name__ == "Abort":
            print("kg: aborted", file=sys.stderr)
            return EXIT_ERROR
        if debug:
            raise
        print(f"kg: internal error: {exc.__class__.__name__}: {one_line(str(exc))} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
    if isinstance(rv, int) and not isinstance(rv, bool):
        if rv == EXIT_INTERRUPTED:  # typer turns Ctrl-C into Exit(130)
            print("kg: interrupted", file=sys.stderr)
        return rv  # typer returns the code of a typer.Exit raised inside a command
    return EXIT_OK


if __name__ == "__main__":
    # ``python -m kg.cli`` runs this file as ``__main__``, a second copy of the module: the commands
    # register on ``kg.cli.app``, so run the ``main`` of the real module.
    from kg.cli import main as _main

    sys.exit(_main())
