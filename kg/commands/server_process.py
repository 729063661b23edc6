"""The server process of ``kg serve``: ``python -m kg.commands.server_process --store DIR --port N
[--writable] ...`` (a command of its own: it prints its errors).

:func:`kg.web.serve.start_server` starts it (the write token comes in the environment variable
``KG_SERVE_TOKEN``, never on the command line where other users could read it). Errors at start
are one line on standard error: ``kg: error: ...``, exit code 4 when the store is locked, 1
otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    from ..errors import KgError, StoreLockedError, one_line
    from ..web.app import ServerConfig, create_app

    ap = argparse.ArgumentParser(prog="python -m kg.commands.server_process")
    ap.add_argument("--store", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7878)
    ap.add_argument("--writable", action="store_true")
    ap.add_argument("--timeout", type=float, default=None)
    ap.add_argument("--allow-service", action="store_true")
    ap.add_argument("--cors", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    from pathlib import Path

    from ..web.engine import DEFAULT_TIMEOUT

    config = ServerConfig(store=Path(args.store), host=args.host, port=args.port, writable=args.writable,
                          token=os.environ.get("KG_SERVE_TOKEN") or None,
                          timeout=args.timeout if args.timeout else DEFAULT_TIMEOUT,
                          allow_service=args.allow_service, cors=args.cors, workers=args.workers)
    try:
        app = create_app(config)
    except StoreLockedError as exc:
        print(f"kg: error: {one_line(str(exc))}", file=sys.stderr)
        return 4
    except KgError as exc:
        print(f"kg: error: {one_line(str(exc))}", file=sys.stderr)
        return 1
    import uvicorn

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
