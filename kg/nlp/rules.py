"""The registry of extraction rules: one small function per rule name, grouped by kind.

A rule is registered with :func:`rule` under the name it writes into ``kg:rule`` on its
evidence, the kind of finding it makes (``meetings``, ``calls``, ``positions``, ``locations``,
``events``, ``quotes``, ...) and the vocabulary keys it reads (``kg/nlp/patterns/*.json``). Its
docstring's first line is what ``kg rules`` shows; its confidence is data, in
``patterns/confidences.json``. A rule reads the document (the index, the resolver, the vocabulary)
and returns findings; it never changes shared state.

>>> from kg.nlp.rules import Rule
>>> r = Rule("x-rule", "meetings", lambda ctx, tok: [], ("meet_verbs",), "X met Y.")
>>> r.description, r.words
('X met Y.', ('meet_verbs',))
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from .vocab import vocab

__all__ = ["Rule", "rule", "registered", "by_name", "variants_of", "rule_rows"]


@dataclass(frozen=True)
class Rule:
    """One registered extraction rule."""

    name: str
    kind: str
    function: Callable
    words: tuple[str, ...] = ()
    description: str = ""
    variants: tuple[str, ...] = ()  # other kg:rule names the function writes ("meet-verb-gapped")
    confidence_key: str = ""  # its entry in patterns/confidences.json, when not its name

    @property
    def confidence(self) -> float:
        """The rule's confidence (``patterns/confidences.json``)."""
        return vocab().confidence(self.confidence_key or self.name)


_REGISTRY: dict[str, Rule] = {}


def rule(name: str, kind: str, *, words: Iterable[str] = (), variants: Iterable[str] = (), confidence: str = ""):
    """Register the decorated function as the rule ``name`` of ``kind``.

    Every vocabulary key named in ``words`` must exist (checked when the module is imported), and a
    rule name is registered once. ``confidence`` names the rule's entry in
    ``patterns/confidences.json`` when rules share one (every meeting rule: ``interaction``).
    """
    words = tuple(words)
    vocab().confidence(confidence or name)  # fails now, naming the file, when it has none
    for key in words:
        v = vocab()
        if key not in v.lists and key not in v.tables and key not in v.numbers:
            raise ValueError(f"rule {name!r}: vocabulary key {key!r} is in no kg/nlp/patterns/*.json file")

    def register(function: Callable) -> Callable:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"rule {name!r} is registered twice: {_REGISTRY[name].function.__qualname__} and "
                             f"{function.__qualname__}")
        doc = inspect.getdoc(function) or ""
        _REGISTRY[name] = Rule(name, kind, function, words, " ".join(doc.split("\n\n")[0].split()),
                               tuple(variants), confidence)
        return function

    return register


def registered(kind: str | None = None) -> tuple[Rule, ...]:
    """The registered rules (of one kind), in registration order. The rule modules register on
    import: import :mod:`kg.nlp.extract` (which imports them all) to see every rule."""
    return tuple(r for r in _REGISTRY.values() if kind is None or r.kind == kind)


def by_name(name: str) -> Rule | None:
    """The rule registered as ``name`` or as one of its variants, or ``None``; a name as written in
    ``kg:rule`` may carry a detail ("title-premodifier/nationality") or a caption suffix
    ("meet-verb-caption").

    >>> import kg.nlp.extract  # every rule module
    >>> by_name("title-premodifier/nationality").name, by_name("meet-verb-caption").name
    ('title-premodifier', 'meet-verb')
    >>> by_name("no-such-rule") is None
    True
    """
    name = name.split("/", 1)[0]
    if name.endswith("-caption"):
        name = name[: -len("-caption")]
    if name in _REGISTRY:
        return _REGISTRY[name]
    return next((r for r in _REGISTRY.values() if name in r.variants), None)


def variants_of(name: str) -> tuple[str, ...]:
    """Every kg:rule name a rule writes: its own and its variants."""
    r = by_name(name)
    return () if r is None else (r.name, *r.variants)


def rule_rows(kind: str | None = None, name: str | None = None) -> list[dict]:
    """One row per rule (of a kind, or the one rule a ``kg:rule`` value names), for ``kg rules``:
    name, kind, confidence, the kg:rule names it writes, its vocabulary keys with their words, and
    what it finds.

    >>> import kg.nlp.extract  # every rule module
    >>> row = rule_rows(name="meet-verb-caption")[0]
    >>> row["name"], row["confidence"], "meet" in row["vocabulary"]["meet_verbs"]
    ('meet-verb', 0.85, True)
    """
    if name is not None:
        found = by_name(name)
        rules: tuple[Rule, ...] = () if found is None else (found,)
    else:
        rules = registered(kind)
    v = vocab()

    def words_of(key: str):
        if key in v.sequences:
            return list(v.sequences[key])
        if key in v.tables:
            return {k: sorted(w) for k, w in sorted(v.tables[key].items())}
        return v.numbers[key]

    return [{"name": r.name, "kind": r.kind, "confidence": r.confidence, "writes": [r.name, *r.variants],
             "vocabulary": {k: words_of(k) for k in r.words}, "description": r.description} for r in rules]
