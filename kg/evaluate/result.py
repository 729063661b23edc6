"""The result of an evaluation: named sections of scores, rates and diagnostics."""
from __future__ import annotations

from dataclasses import dataclass, field

from .metrics import Rate, Score

__all__ = ["Section", "Evaluation", "combine"]


@dataclass(frozen=True)
class Section:
    """One kind of item scored (entities, relations, Work_For, quotation content, ...).

    ``score`` is its precision/recall/F1 (``None`` when only rates apply); ``parts`` break the score
    down (per predicate); ``rates`` are shares such as type accuracy; ``details`` are JSON-able
    diagnostics (missed and spurious items).
    """

    name: str
    score: Score | None = None
    parts: dict[str, Score] = field(default_factory=dict)
    parts_name: str = "by_predicate"
    rates: dict[str, Rate] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict = dict(self.score.to_dict()) if self.score else {}
        if self.parts:
            out[self.parts_name] = {k: v.to_dict() for k, v in self.parts.items()}
        for k, v in self.rates.items():
            out[k] = v.to_dict()
        out.update(self.details)
        return out

    def __add__(self, other: "Section") -> "Section":
        """Micro-average two sections of the same name (sums of counts; details are dropped)."""
        def add(a, b):
            return b if a is None else a if b is None else a + b

        parts = {k: add(self.parts.get(k), other.parts.get(k)) for k in {**self.parts, **other.parts}}
        rates = {k: add(self.rates.get(k), other.rates.get(k)) for k in {**self.rates, **other.rates}}
        return Section(self.name, add(self.score, other.score), dict(sorted(parts.items())), self.parts_name,
                       rates, {})


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation run measured: ``dataset`` (gold, conll04, polnear), the ``source`` file
    scored, the number of ``documents`` built and the sections."""

    dataset: str
    source: str
    documents: int
    sections: tuple[Section, ...]

    def section(self, name: str) -> Section:
        """The section called ``name``; raises KeyError when absent."""
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self) -> dict:
        out = {"dataset": self.dataset, "source": self.source, "documents": self.documents}
        out.update({s.name: s.to_dict() for s in self.sections})
        return out


def combine(evaluations: list[Evaluation], source: str = "total") -> Evaluation:
    """The micro-average of several evaluations of one dataset (counts summed section by section).

    Examples
    --------
    >>> a = Evaluation("gold", "a", 1, (Section("entities", Score(1, 2, 1, 1)),))
    >>> b = Evaluation("gold", "b", 1, (Section("entities", Score(2, 2, 1, 3)),))
    >>> combine([a, b]).section("entities").score
    Score(correct=3, output=4, found=2, gold=4, recall_if_no_gold=1.0)
    """
    names: list[str] = []
    merged: dict[str, Section] = {}
    for ev in evaluations:
        for s in ev.sections:
            if s.name in merged:
                merged[s.name] = merged[s.name] + s
            else:
                names.append(s.name)
                merged[s.name] = Section(s.name, s.score, dict(s.parts), s.parts_name, dict(s.rates), {})
    dataset = evaluations[0].dataset if evaluations else ""
    return Evaluation(dataset, source, sum(e.documents for e in evaluations), tuple(merged[n] for n in names))
