"""Precision, recall and F1 with the counts behind them."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Score", "Rate", "f1", "ratio"]


def ratio(hits: int, total: int, empty: float = 0.0) -> float:
    """``hits / total``, or ``empty`` when there is nothing to count.

    >>> ratio(1, 4), ratio(0, 0), ratio(0, 0, empty=1.0)
    (0.25, 0.0, 1.0)
    """
    return hits / total if total else empty


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0).

    >>> f1(1.0, 0.5)
    0.6666666666666666
    """
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Score:
    """Precision over output items and recall over gold items.

    ``correct`` of ``output`` predicted items are right; ``found`` of ``gold`` items were found.
    They are counted separately because one output item can find several gold items and the
    reverse. ``recall_if_no_gold`` is the recall when there is nothing to find (1.0 for gold
    files: nothing was missed; 0.0 for datasets, as the dataset scripts report).

    Examples
    --------
    >>> s = Score(correct=3, output=4, found=3, gold=6)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (0.75, 0.5, 0.6)
    >>> (s + Score(1, 1, 1, 2)).to_dict()["recall"]
    0.5
    """

    correct: int
    output: int
    found: int
    gold: int
    recall_if_no_gold: float = 1.0

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.output)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold, self.recall_if_no_gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.correct + other.correct, self.output + other.output, self.found + other.found,
                     self.gold + other.gold, self.recall_if_no_gold)

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "correct": self.correct, "output": self.output, "found": self.found, "gold": self.gold}


@dataclass(frozen=True)
class Rate:
    """A share such as "quotations attributed to the right speaker": ``hits`` of ``total``.

    >>> Rate(2, 3).to_dict()
    {'rate': 0.667, 'hits': 2, 'total': 3}
    """

    hits: int
    total: int
    if_empty: float = 1.0

    @property
    def value(self) -> float:
        return ratio(self.hits, self.total, self.if_empty)

    def __add__(self, other: "Rate") -> "Rate":
        return Rate(self.hits + other.hits, self.total + other.total, self.if_empty)

    def to_dict(self) -> dict:
        return {"rate": round(self.value, 3), "hits": self.hits, "total": self.total}
