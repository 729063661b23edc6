"""Plain records that cross layer boundaries.

The NLP layer produces them; the resolution, RDF, store, query and visualisation layers consume
them. No spaCy object ever appears here, so every later layer is tested without a model.

Offsets are character offsets into :attr:`Document.text`, end exclusive.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = [
    "ACTOR_TYPES",
    "RELATION_TYPES",
    "Document",
    "Evidence",
    "Entity",
    "Mention",
    "Relation",
    "Position",
    "Quotation",
    "Event",
    "Extraction",
]

#: The actor classes of the ontology, as used in :attr:`Entity.type`.
ACTOR_TYPES = ("Person", "Organization", "Country", "Place")
#: Actor-to-actor relations of the ontology, as used in :attr:`Relation.predicate`.
RELATION_TYPES = ("metWith", "spokeWith", "represents", "advises", "locatedIn")


@dataclass(frozen=True)
class Document:
    """One article: its text and metadata.

    >>> Document(id="a1", text="Hello.").checksum[:12]
    '2d8bd7d9bb5f'
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None
    source: str | None = None  # file the document was read from
    checksum: str = ""
    country: str | None = None  # the article's home country, when its metadata or the user states it

    def __post_init__(self) -> None:
        if not self.checksum:
            digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
            object.__setattr__(self, "checksum", digest)


@dataclass(frozen=True)
class Evidence:
    """Where an assertion comes from: the sentence, its offsets, the rule and its confidence."""

    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Entity:
    """An actor of one document, identified within it by ``key``.

    ``name`` is the clean canonical name (no title, determiner or possessive); ``aliases`` are the
    other names the document uses for the same actor.
    """

    key: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the text."""

    entity: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` between two entities (keys); ``status`` is ``asserted``,
    ``planned`` (will meet) or ``negated`` (did not meet). Only asserted relations become actor
    edges in the graph."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    status: str = "asserted"


@dataclass(frozen=True)
class Position:
    """A post held by a person: ``title`` (e.g. "Foreign Minister") in ``of`` (an entity key of a
    country, organisation or, for advisers, a person), or ``None`` when unknown."""

    person: str
    title: str
    of: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Quotation:
    """What someone said: ``kind`` is ``direct``, ``partial`` or ``indirect``; ``speaker`` is an
    entity key or ``None`` when it could not be resolved; ``cue`` is the reporting verb;
    ``on_behalf_of`` is the entity key of the principal a spokesperson spoke for ("Mr Blair's
    spokesman said": Blair), ``None`` when the speaker spoke for themselves or it is unknown."""

    text: str
    speaker: str | None
    kind: str
    evidence: Evidence
    cue: str | None = None
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class Event:
    """An n-ary event such as a meeting or phone call."""

    type: str  # "Meeting" | "PhoneCall"
    participants: tuple[str, ...]
    evidence: Evidence
    places: tuple[str, ...] = ()
    date: str | None = None  # ISO date when resolvable
    date_text: str | None = None
    status: str = "asserted"
    #: Further evidence for what the trigger's sentence does not say (the dateline that gives
    #: the place), each with its own rule name and confidence.
    support: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    positions: tuple[Position, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def entity(self, key: str) -> Entity:
        """The entity with this key; raises KeyError when absent."""
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)

    def dangling_keys(self) -> frozenset[str]:
        """The entity keys that relations, positions, events and quotations (speakers and
        principals) refer to but that are not among :attr:`entities`: empty for a sound extraction.

        >>> ev = Evidence("Ann's spokesman said so.", 0, 24, "hand", 0.5)
        >>> ex = Extraction(Document("d", "Ann's spokesman said so."), entities=(Entity("P:Ann", "Person", "Ann"),),
        ...                 quotations=(Quotation("so", None, "indirect", ev, on_behalf_of="P:Bob"),))
        >>> sorted(ex.dangling_keys())
        ['P:Bob']
        """
        used = {k for r in self.relations for k in (r.subject, r.object)}
        used |= {k for p in self.positions for k in (p.person, p.of) if k}
        used |= {k for e in self.events for k in (*e.participants, *e.places)}
        used |= {k for q in self.quotations for k in (q.speaker, q.on_behalf_of) if k}
        return frozenset(used - {e.key for e in self.entities})
