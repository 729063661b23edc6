"""The one vocabulary of the NLP layer: every word list, trigger list and rule confidence of
``kg/nlp/patterns/``, loaded once into a frozen :class:`Vocab`.

The JSON pattern files hold named lists (``"meet_verbs": ["meet", ...]``), tables of lists
(``"phrasal_particles": {"point": ["out"]}``) and numbers (``"max_title_words": 12``); a key that
starts with ``_`` is a comment. Keys are one namespace across the files: a key defined twice is an
error, so there is one meeting-verb list, read by every rule that needs it. Rule confidences are in
``patterns/confidences.json`` by rule name. The line-based files (countries, titles, organisations,
...) keep their own loaders in :mod:`kg.nlp.lexicon`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

__all__ = ["Vocab", "vocab", "VocabError"]

CONFIDENCES = "confidences.json"


class VocabError(KeyError):
    """A vocabulary key or rule confidence that no pattern file defines."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


@dataclass(frozen=True)
class Vocab:
    """Named word lists, tables and numbers of the pattern files, and rule confidences."""

    lists: Mapping[str, frozenset[str]]
    sequences: Mapping[str, tuple[str, ...]]  # the same lists in the order written
    tables: Mapping[str, Mapping[str, frozenset[str]]]
    numbers: Mapping[str, float]
    confidences: Mapping[str, float]
    sources: Mapping[str, str]  # key -> the pattern file that defines it

    def words(self, key: str) -> frozenset[str]:
        """The word list ``key``.

        >>> "meet" in vocab().words("meet_verbs")
        True
        >>> vocab().words("no_such_list")
        Traceback (most recent call last):
        ...
        kg.nlp.vocab.VocabError: no word list 'no_such_list' in kg/nlp/patterns/*.json; add it to the pattern file of its rule
        """
        try:
            return self.lists[key]
        except KeyError:
            raise VocabError(f"no word list {key!r} in kg/nlp/patterns/*.json; add it to the pattern file of its rule") from None

    def sequence(self, key: str) -> tuple[str, ...]:
        """The word list ``key`` in the order of the pattern file (weekdays, months).

        >>> vocab().sequence("weekdays")[:2]
        ('monday', 'tuesday')
        """
        try:
            return self.sequences[key]
        except KeyError:
            raise VocabError(f"no word list {key!r} in kg/nlp/patterns/*.json; add it to the pattern file of its rule") from None

    def table(self, key: str) -> Mapping[str, frozenset[str]]:
        """The table of word lists ``key`` (word -> words).

        >>> sorted(vocab().table("phrasal_particles")["point"])
        ['out']
        """
        try:
            return self.tables[key]
        except KeyError:
            raise VocabError(f"no table {key!r} in kg/nlp/patterns/*.json; add it to the pattern file of its rule") from None

    def number(self, key: str) -> float:
        """The number ``key`` (a limit such as ``max_title_words``)."""
        try:
            return self.numbers[key]
        except KeyError:
            raise VocabError(f"no number {key!r} in kg/nlp/patterns/*.json; add it to the pattern file of its rule") from None

    def confidence(self, rule: str) -> float:
        """The confidence of the rule named ``rule`` (``patterns/confidences.json``).

        >>> vocab().confidence("visit-place")
        0.7
        >>> vocab().confidence("no-such-rule")
        Traceback (most recent call last):
        ...
        kg.nlp.vocab.VocabError: no confidence for rule 'no-such-rule' in kg/nlp/patterns/confidences.json; add one
        """
        try:
            return self.confidences[rule]
        except KeyError:
            raise VocabError(f"no confidence for rule {rule!r} in kg/nlp/patterns/{CONFIDENCES}; add one") from None


def _pattern_files() -> list[tuple[str, str]]:
    folder = resources.files("kg.nlp").joinpath("patterns")
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".json"))


def load(files: list[tuple[str, str]]) -> Vocab:
    """A Vocab from ``(file name, JSON text)`` pairs.

    >>> v = load([("a.json", '{"_doc": "x", "verbs": ["Meet"], "limit": 3}'),
    ...           ("confidences.json", '{"r": 0.5}')])
    >>> sorted(v.words("verbs")), v.number("limit"), v.confidence("r")
    (['Meet'], 3, 0.5)
    >>> load([("a.json", '{"verbs": []}'), ("b.json", '{"verbs": []}')])
    Traceback (most recent call last):
    ...
    ValueError: kg/nlp/patterns/b.json: key 'verbs' is already defined in a.json; one list per concept
    """
    lists, sequences, tables, numbers, confidences, sources = {}, {}, {}, {}, {}, {}
    for name, text in files:
        data = json.loads(text)
        if name == CONFIDENCES:
            confidences.update({k: float(v) for k, v in data.items() if not k.startswith("_")})
            continue
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if key in sources:
                raise ValueError(f"kg/nlp/patterns/{name}: key {key!r} is already defined in {sources[key]}; one list per concept")
            sources[key] = name
            if isinstance(value, list):
                lists[key], sequences[key] = frozenset(value), tuple(value)
            elif isinstance(value, dict):
                tables[key] = MappingProxyType({k: frozenset(v) for k, v in value.items()})
            else:
                numbers[key] = value
    return Vocab(MappingProxyType(lists), MappingProxyType(sequences), MappingProxyType(tables), MappingProxyType(numbers),
                 MappingProxyType(confidences), MappingProxyType(sources))


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The vocabulary of ``kg/nlp/patterns/``, loaded once."""
    return load(_pattern_files())
