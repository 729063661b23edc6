"""The context every rule reads: the document index (:mod:`kg.nlp.index`) with the resolution of
names, pronouns and titles (:mod:`kg.nlp.coreference`) and of group references
(:mod:`kg.nlp.groups`)."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc

from .actors import DocActors
from .coreference import PRONOUN_GENDER, Coreference, pronoun_gender
from .groups import Groups
from .index import EVIDENCE_CHARS, OBJECT_DEPS, SUBJECT_DEPS, DocumentIndex, bounded_sentence

__all__ = ["Context", "SUBJECT_DEPS", "OBJECT_DEPS", "EVIDENCE_CHARS", "bounded_sentence", "pronoun_gender",
           "PRONOUN_GENDER"]


class Context(Groups, Coreference, DocumentIndex):
    """A parsed document with its actors, and everything a rule asks of it.

    ``find_positions`` gives the document's positions when a definite title ("the president") is
    first resolved before :meth:`set_positions` has been called (it is
    :func:`kg.nlp.positions.positions_of`; passed in, so this module does not import the rules).
    """

    def __init__(self, doc: Doc, actors: DocActors, skip: list[tuple[int, int]],
                 captions: list[tuple[int, int]] | tuple = (), *, find_positions: Callable):
        super().__init__(doc, actors, skip, captions)
        self._find_positions = find_positions
        self._genders: dict[str, str] | None = None
        self._holders: list | bool | None = None  # (person, title, of) of the positions
        self._unqualified: set[tuple[str, str]] = set()  # (person, title) placed by no country of its own
