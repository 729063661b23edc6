"""Build the seed article and the BBC politics corpus into fresh stores and compare sorted N-Quads.

A refactoring must not change the graph. ``dump`` writes the sorted N-Quads of both builds to one
file; ``compare`` prints the lines only one of two dumps has and exits 1 when they differ::

    python tools/compare_nquads.py dump /tmp/before.nq        # on the old commit
    python tools/compare_nquads.py dump /tmp/after.nq         # on the new one
    python tools/compare_nquads.py compare /tmp/before.nq /tmp/after.nq

The data is read from ``../shared/eval/`` beside the repository (never copied here).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
INPUTS = {
    "seed": (EVAL / "seed" / "riyadh-talks.txt", ["--published", "2025-02-18"]),
    "bbc": (EVAL / "corpus" / "bbc_politics.jsonl", ["--workers", "2"]),
}


def dump(out: Path) -> None:
    lines: list[str] = []
    for name, (path, options) in INPUTS.items():
        if not path.exists():
            sys.exit(f"{path}: not found; put ../shared/eval beside the repository")
        with tempfile.TemporaryDirectory() as tmp:
            nq = Path(tmp) / "graph.nq"
            subprocess.run([sys.executable, "-m", "kg", "build", str(path), *options,
                            "--store", str(Path(tmp) / "store"), "--out", str(nq)], check=True)
            lines += [f"{name}\t{line}" for line in nq.read_text(encoding="utf-8").splitlines() if line]
    out.write_text("".join(line + "\n" for line in sorted(lines)), encoding="utf-8")
    print(f"wrote {len(lines)} quads to {out}")


def compare(before: Path, after: Path) -> int:
    a = set(before.read_text(encoding="utf-8").splitlines())
    b = set(after.read_text(encoding="utf-8").splitlines())
    for line in sorted(a - b):
        print(f"- {line}")
    for line in sorted(b - a):
        print(f"+ {line}")
    print(f"{len(a)} quads before, {len(b)} after: {len(a - b)} only before, {len(b - a)} only after")
    return 0 if a == b else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
