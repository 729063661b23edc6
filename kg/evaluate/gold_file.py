"""Gold annotation files (``*.gold.json``, format in ``shared/eval/FORMAT.md``): the records of one
annotated article and how they are read and checked (:func:`load_gold`, :func:`parse_gold`)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..records import ACTOR_TYPES, RELATION_TYPES
from .normalize import normalize_name

__all__ = ["GoldEntity", "GoldRelation", "GoldPosition", "GoldQuote", "GoldEvent", "GoldFile", "load_gold",
           "parse_gold", "relation_key", "title_key", "SYMMETRIC", "EVENT_TYPES"]

SYMMETRIC = frozenset({"metWith", "spokeWith"})
#: Event classes a gold file may annotate.
EVENT_TYPES = ("Meeting", "PhoneCall")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIX = "fix the gold file (format: shared/eval/FORMAT.md)"


@dataclass(frozen=True)
class GoldEntity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class GoldRelation:
    s: str
    p: str
    o: str
    required: bool = True

    @property
    def key(self) -> tuple[str, str, str]:
        return relation_key(self.s, self.p, self.o)


@dataclass(frozen=True)
class GoldPosition:
    person: str
    title: str
    of: str | None
    required: bool = True

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.person, title_key(self.title), self.of)


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None
    text: str
    required: bool = True


@dataclass(frozen=True)
class GoldEvent:
    type: str
    participants: frozenset[str]
    places: frozenset[str] = frozenset()
    date: str | None = None
    date_text: str | None = None
    required: bool = True


@dataclass(frozen=True)
class GoldFile:
    """A parsed gold annotation; ``text_path`` is the document it annotates."""

    path: Path
    text_path: Path
    published: str | None
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...] = ()
    positions: tuple[GoldPosition, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    not_entities: tuple[str, ...] = ()
    not_quotes: tuple[str, ...] = ()


def relation_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    """The comparison key of a relation: symmetric predicates have their ends sorted.

    >>> relation_key("b", "metWith", "a"), relation_key("b", "advises", "a")
    (('metWith', 'a', 'b'), ('advises', 'b', 'a'))
    """
    if p in SYMMETRIC:
        s, o = sorted((s, o))
    return (p, s, o)


def title_key(title: str) -> str:
    """The comparison key of a position title.

    >>> title_key("Foreign Policy Adviser")
    'foreign policy advisor'
    """
    return normalize_name(title).replace("adviser", "advisor")


# -- reading -----------------------------------------------------------------------------------

class _Reader:
    """Checks a decoded gold file field by field, raising one-line InputErrors naming the file."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, what: str) -> InputError:
        return InputError(f"{self.path}: {what}; {_FIX}")

    def items(self, data: dict, key: str) -> list:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"'{key}' must be a list, got {type(value).__name__}")
        return value

    def records(self, data: dict, key: str, label: str):
        """(where, object) of each item of the list ``key``: "relation 3" and its JSON object."""
        for n, item in enumerate(self.items(data, key), 1):
            where = f"{label} {n}"
            yield where, self.obj(item, where)

    def obj(self, item, where: str) -> dict:
        if not isinstance(item, dict):
            raise self.fail(f"{where} must be a JSON object, got {type(item).__name__}")
        return item

    def text(self, item: dict, key: str, where: str, *, optional: bool = False) -> str | None:
        value = item.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where} needs a non-empty string '{key}', got {value!r}")
        return value

    def strings(self, item: dict, key: str, where: str) -> tuple[str, ...]:
        value = item.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}: '{key}' must be a list of strings, got {value!r}")
        return tuple(value)

    def flag(self, item: dict, where: str) -> bool:
        value = item.get("required", True)
        if not isinstance(value, bool):
            raise self.fail(f"{where}: 'required' must be true or false, got {value!r}")
        return value

    def ref(self, ids: set[str], value, where: str) -> str:
        if value not in ids:
            raise self.fail(f"{where} refers to unknown entity {value!r} (expected an id from 'entities')")
        return value


def parse_gold(data: object, path: str | Path, text_path: str | Path | None = None) -> GoldFile:
    """Check and parse decoded gold JSON.

    Raises
    ------
    InputError
        Naming ``path`` and the first problem found.

    Examples
    --------
    >>> g = parse_gold({"document": {"text_file": "a.txt"},
    ...                 "entities": [{"id": "ann", "type": "Person", "name": "Ann Lee"}]}, "a.gold.json")
    >>> g.entities[0].name, g.text_path.name
    ('Ann Lee', 'a.txt')
    """
    path = Path(path)
    r = _Reader(path)
    data = r.obj(data, "the gold file")
    doc = r.obj(data.get("document"), "'document'")
    text_file = r.text(doc, "text_file", "'document'")
    published = doc.get("published")
    if published is not None and not (isinstance(published, str) and _ISO_DATE.fullmatch(published)):
        raise r.fail(f"'document.published' must be a date YYYY-MM-DD or null, got {published!r}")

    entities, ids = [], set()
    for where, item in r.records(data, "entities", "entity"):
        eid = r.text(item, "id", where)
        if eid in ids:
            raise r.fail(f"{where}: duplicate id {eid!r}")
        ids.add(eid)
        etype = r.text(item, "type", where)
        if etype not in ACTOR_TYPES:
            raise r.fail(f"{where} ({eid}): type {etype!r} is not one of {', '.join(ACTOR_TYPES)}")
        entities.append(GoldEntity(eid, etype, r.text(item, "name", where), r.strings(item, "aliases", where),
                                   r.flag(item, where)))
    if not entities:
        raise r.fail("'entities' is empty (expected at least one gold entity)")

    relations = []
    for where, item in r.records(data, "relations", "relation"):
        p = r.text(item, "p", where)
        if p not in RELATION_TYPES:
            raise r.fail(f"{where}: predicate {p!r} is not one of {', '.join(RELATION_TYPES)}")
        relations.append(GoldRelation(r.ref(ids, item.get("s"), where), p, r.ref(ids, item.get("o"), where),
                                      r.flag(item, where)))

    positions = []
    for where, item in r.records(data, "positions", "position"):
        of = item.get("of")
        positions.append(GoldPosition(r.ref(ids, item.get("person"), where), r.text(item, "title", where),
                                      None if of is None else r.ref(ids, of, where), r.flag(item, where)))

    quotes = []
    for where, item in r.records(data, "quotes", "quote"):
        speaker = item.get("speaker")
        quotes.append(GoldQuote(None if speaker is None else r.ref(ids, speaker, where), r.text(item, "text", where),
                                r.flag(item, where)))

    events = []
    for where, item in r.records(data, "events", "event"):
        etype = r.text(item, "type", where)
        if etype not in EVENT_TYPES:
            raise r.fail(f"{where}: type {etype!r} is not one of {', '.join(EVENT_TYPES)}")
        parts = frozenset(r.ref(ids, x, where) for x in r.strings(item, "participants", where))
        if not parts:
            raise r.fail(f"{where} has no 'participants'")
        places = frozenset(r.ref(ids, x, where) for x in r.strings(item, "place", where))
        date = r.text(item, "date", where, optional=True)
        if date is not None and not _ISO_DATE.fullmatch(date):
            raise r.fail(f"{where}: 'date' must be YYYY-MM-DD, got {date!r}")
        events.append(GoldEvent(etype, parts, places, date, r.text(item, "date_text", where, optional=True),
                                r.flag(item, where)))

    return GoldFile(
        path=path,
        text_path=Path(text_path) if text_path is not None else path.parent / text_file,
        published=published,
        entities=tuple(entities),
        relations=tuple(relations),
        positions=tuple(positions),
        quotes=tuple(quotes),
        events=tuple(events),
        not_entities=r.strings(data, "not_entities", "the gold file"),
        not_quotes=r.strings(data, "not_quotes", "the gold file"),
    )


def load_gold(path: str | Path) -> GoldFile:
    """Read and check a gold file; its document must exist beside it (``document.text_file``).

    Raises
    ------
    InputError
        When the file is missing, not JSON, not in the gold format, or its document is missing.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a *.gold.json file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); {_FIX}") from None
    gold = parse_gold(data, path)
    if not gold.text_path.is_file():
        raise InputError(f"{path}: its document {gold.text_path} does not exist "
                         "(document.text_file is relative to the gold file)")
    return gold
