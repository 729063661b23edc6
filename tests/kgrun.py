"""Helpers for tests that run the real ``kg`` command in a subprocess and make files that fail.

Used by test_bad_input.py, test_store_faults.py and test_hostile.py.
"""
from __future__ import annotations

import ctypes
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://example.org/"

#: Linux capability numbers that let root ignore file permissions.
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2
_PR_CAPBSET_DROP = 24


def kg_env(**extra: str) -> dict:
    """The environment of a ``kg`` subprocess: ours without kg settings that would change the test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONUNBUFFERED"] = "1"
    env["COLUMNS"] = "200"
    env.update(extra)
    return env


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *map(str, args)]


def run_kg(*args, cwd: Path, input: bytes | None = None, stdin=None, env: dict | None = None,
           preexec_fn=None, timeout: float = 300) -> SimpleNamespace:
    """Run ``python -m kg.cli ARGS`` and return ``code``, ``out`` and ``err`` (text, undecodable bytes
    kept as surrogate escapes so that raw control characters stay visible to the test)."""
    kw = {"input": input} if input is not None else {"stdin": stdin if stdin is not None else subprocess.DEVNULL}
    p = subprocess.run(kg_command(*args), cwd=cwd, capture_output=True, env=env or kg_env(),
                       preexec_fn=preexec_fn, timeout=timeout, **kw)
    return SimpleNamespace(code=p.returncode, out=p.stdout.decode("utf-8", "surrogateescape"),
                           err=p.stderr.decode("utf-8", "surrogateescape"))


def error_lines(err: str, *needles: str) -> list[str]:
    """Lines of stderr that contain every one of ``needles``."""
    return [line for line in err.splitlines() if all(n in line for n in needles)]


def assert_reported(res: SimpleNamespace, code: int, *needles: str) -> None:
    """The run exited with ``code``, with exactly one stderr line holding all ``needles`` (the file
    and the problem), and no traceback."""
    assert res.code == code, f"exit code {res.code}, expected {code}; stderr:\n{res.err}"
    assert "Traceback" not in res.err, res.err
    lines = error_lines(res.err, *needles)
    assert len(lines) == 1, f"expected one stderr line with {needles!r}, got {lines!r}; stderr:\n{res.err}"


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A valid PNG image (grey), written by hand so the tests need no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))  # filter byte + grey pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


_FIRST = ["Anna", "Carl", "Maria", "Jonas", "Elena", "Pieter", "Sofia", "Tomas", "Ingrid", "Lukas"]
_LAST = ["Berg", "Holt", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Sato"]
_CITIES = ["Oslo", "Vienna", "Geneva", "Lisbon", "Warsaw", "Dublin"]


def news_text(i: int) -> str:
    """A short made-up news text; ``i`` varies the (full) names and the place."""
    a = f"{_FIRST[i % 10]} {_LAST[(i // 10) % 10]}"
    b = f"{_FIRST[(i + 3) % 10]} {_LAST[(i // 10 + 5) % 10]}"
    c = _CITIES[i % 6]
    return (f"Foreign Minister {a} met {b} in {c} on Monday. "
            f"\"We agreed to continue the talks,\" {a} told reporters after the meeting. "
            f"{b} later spoke with the Prime Minister by phone.")


def write_news_jsonl(path: Path, n: int, *, start: int = 0, prefix: str = "doc") -> list[str]:
    """Write ``n`` made-up articles as JSON Lines; returns their ids."""
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            ids.append(f"{prefix}-{i:05d}")
            fh.write(json.dumps({"id": ids[-1], "text": news_text(i)}) + "\n")
    return ids


def drop_file_permission_override() -> None:
    """``preexec_fn`` that makes a root child process obey file permissions, by dropping the
    capabilities that let root ignore them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the
    bounding set before ``exec``. Nothing to do for other users."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def permissions_enforced(tmp: Path) -> str | None:
    """``None`` when a child started with :func:`drop_file_permission_override` cannot write to a
    read-only directory, else the reason why permission tests cannot run here."""
    d = tmp / "perm-probe"
    d.mkdir()
    d.chmod(0o555)
    try:
        p = subprocess.run([sys.executable, "-c", f"open({str(d / 'x')!r}, 'w')"], capture_output=True,
                           preexec_fn=drop_file_permission_override)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot drop root's permission override here ({exc})"
    finally:
        d.chmod(0o755)
    if p.returncode == 0:
        return "file permissions are not enforced for this user (root without droppable capabilities)"
    return None


def hand_extraction(i: int, *, sentence: str | None = None):
    """A small extraction written by hand (no model): two persons who met."""
    from kg.records import Document, Entity, Evidence, Extraction, Relation

    text = sentence or f"Anna Berg {i} met Carl Holt {i}."
    ev = Evidence(sentence=text, start=0, end=len(text), rule="hand", confidence=0.9)
    return Extraction(
        document=Document(id=f"hand-{i}", text=text),
        entities=(Entity(f"Person:a{i}", "Person", f"Anna Berg {i}"), Entity(f"Person:c{i}", "Person", f"Carl Holt {i}")),
        relations=(Relation(f"Person:a{i}", "metWith", f"Person:c{i}", ev),),
    )


def make_hand_store(path: Path, n: int = 3) -> None:
    """A store of ``n`` hand-written articles (no model needed)."""
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    st = open_store(path)
    try:
        st.add_graphs([extraction_to_graph(hand_extraction(i), base=BASE) for i in range(n)])
    finally:
        st.close()


def run_cli_in_process(args, capsys):
    """Run ``kg ARGS`` in this process (no model reload); ``(exit code, stdout, stderr)``."""
    from kg.cli import main

    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err
