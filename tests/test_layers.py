"""The layers of kg (DESIGN.md, "Layers") hold: the import-linter contracts of pyproject.toml
(the parts follow the data flow without import cycles, the NLP layer never imports the store,
only the NLP layer imports spaCy), and only the commands print."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

#: Where printing is the job: the commands (kg/commands/, including the server process of kg
#: serve) and the entry point of the kg script.
MAY_PRINT = ("commands/", "cli.py")


def test_import_linter_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    assert lint.exists(), f"{lint}: install the test extra (pip install -e '.[test]')"
    res = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    counts = re.search(r"Contracts: (\d+) kept, (\d+) broken", res.stdout)
    assert counts and int(counts.group(1)) >= 4 and counts.group(2) == "0", res.stdout


def printing(tree: ast.AST) -> list[str]:
    """The places in a module that write to the terminal: calls of print(), uses of
    sys.stdout / sys.stderr (also imported from sys), and Rich consoles made without a file."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            found.append(f"line {node.lineno}: print()")
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "sys"
              and node.attr in ("stdout", "stderr", "__stdout__", "__stderr__")):
            found.append(f"line {node.lineno}: sys.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "sys" and \
                {a.name for a in node.names} & {"stdout", "stderr", "__stdout__", "__stderr__"}:
            found.append(f"line {node.lineno}: from sys import stdout/stderr")
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Console"
              and not any(k.arg == "file" for k in node.keywords)):
            found.append(f"line {node.lineno}: Console() on the terminal")
    return found


def test_the_detector_finds_each_way_of_printing():
    src = ("import sys\nfrom sys import stderr\nfrom rich.console import Console\n"
           "def f(out):\n    print('x')\n    sys.stdout.write('x')\n    Console().print('x')\n"
           "    Console(file=out).print('fine')\n    out.write('fine')\n")
    assert [p.split(": ", 1)[1] for p in printing(ast.parse(src))] == [
        "from sys import stdout/stderr", "print()", "sys.stdout", "Console() on the terminal"]


LIBRARY = sorted(p for p in (p.relative_to(KG).as_posix() for p in KG.rglob("*.py")) if not p.startswith(MAY_PRINT))


def test_the_library_is_most_of_kg():
    assert len(LIBRARY) > 80 and "storage/formats.py" in LIBRARY and "commands/query.py" not in LIBRARY


@pytest.mark.parametrize("path", LIBRARY)
def test_only_commands_print(path):
    found = printing(ast.parse((KG / path).read_text(encoding="utf-8")))
    assert not found, f"kg/{path} writes to the terminal ({'; '.join(found)}): return the text, or take a stream " \
                      "argument, and let the command in kg/commands/ print it"
