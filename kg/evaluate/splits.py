"""Read a dataset split in JSON Lines (as in ``shared/eval/``), checking the fields scoring needs."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError

__all__ = ["read_split"]


def read_split(path: str | Path, *, dataset: str, fields: dict[str, type]) -> list[dict]:
    """The records of a JSON Lines split; every record must have ``fields`` (name -> type).

    Raises
    ------
    InputError
        Naming the file (and line) when it is missing, empty, not JSON Lines or lacks a field.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "s.jsonl")
    >>> _ = open(p, "w").write('{"id": "a", "text": "Hi."}\\n\\n')
    >>> read_split(p, dataset="conll04", fields={"id": str, "text": str})
    [{'id': 'a', 'text': 'Hi.'}]
    """
    path = Path(path)
    hint = f"expected a {dataset} JSON Lines split as in shared/eval/README.md"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such {dataset} file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; {hint}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc}); {hint}") from None
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: invalid JSON ({exc.msg} at column {exc.colno}); {hint}") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}:{n}: expected a JSON object; {hint}")
        for name, kind in fields.items():
            if not isinstance(rec.get(name), kind):
                raise InputError(f"{path}:{n}: field {name!r} missing or not a {kind.__name__}; {hint}")
        records.append(rec)
    if not records:
        raise InputError(f"{path}: no records; {hint}")
    return records
