"""Strip outputs and execution counts from Jupyter notebooks before committing them.

Usage::

    .venv/bin/python tools/strip_notebooks.py            # strip every notebooks/*.ipynb in place
    .venv/bin/python tools/strip_notebooks.py --check    # exit 1 and list notebooks that hold outputs
    .venv/bin/python tools/strip_notebooks.py a.ipynb b.ipynb

Removed: the outputs and ``execution_count`` of code cells, the cell metadata Jupyter adds while
running (``execution``, ``collapsed``, ``scrolled``) and the notebook's ``widgets`` state. Sources,
cell ids, tags and the kernel specification are kept. A notebook that is already clean is not
rewritten. ``tests/test_notebooks.py`` checks that the committed notebooks are clean.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_CELL_METADATA = ("execution", "collapsed", "scrolled")


def is_clean(nb) -> bool:
    """Whether no code cell of ``nb`` holds outputs, an execution count or run-time metadata."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            return False
        if any(key in cell.metadata for key in RUNTIME_CELL_METADATA):
            return False
    return "widgets" not in nb.metadata


def strip(nb):
    """``nb`` without outputs, execution counts and run-time metadata (modified in place and returned)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in RUNTIME_CELL_METADATA:
            cell.metadata.pop(key, None)
    nb.metadata.pop("widgets", None)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Strip outputs from Jupyter notebooks.")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="only report notebooks holding outputs (exit 1 if any)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    dirty = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as exc:  # nbformat raises ValueError subclasses for bad JSON
            print(f"strip_notebooks: {path}: cannot read notebook ({exc})", file=sys.stderr)
            return 2
        if is_clean(nb):
            continue
        dirty.append(path)
        if not args.check:
            nbformat.write(strip(nb), path)
            print(f"stripped {path}")
    if args.check and dirty:
        for path in dirty:
            print(f"{path}: has outputs; run: python tools/strip_notebooks.py {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
