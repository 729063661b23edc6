"""Score a built graph against PolNeAR attributions (Newell et al., LREC 2018; JSON Lines as in
shared/eval/).

Each article (the annotation of its first annotator) is built as a document. A gold attribution's
content is found when an output quotation shares enough content words with it (at least three, or
all words of the shorter side, and at least half of the shorter side); output quotations that find
no attribution count against precision. These are the rules of ``shared/tools/score_datasets.py``.

Speaker accuracy is measured over found attributions whose source span has capitalised words: it is
right when one of them (case-folded) is a word of the quotation speaker's name. Two figures:

* ``named_speaker_accuracy`` counts every capitalised word of the source, as score_datasets.py
  does (its list of pronouns to ignore is compared with case-folded words and so never removes
  any: sources such as "He" or "The Post" count as named, and "he"/"the" can never match a name);
* ``proper_name_speaker_accuracy`` ignores pronouns and articles (:data:`NOT_NAMES`), so it is
  measured over sources that really name someone.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .metrics import Rate, Score
from .normalize import content_words, normalize_name
from .observed import ObservedGraph, read_observed
from .result import Evaluation, Section
from .splits import read_split

__all__ = ["load_polnear", "polnear_documents", "source_words", "source_names", "contents_overlap", "score_polnear",
           "evaluate_polnear"]

#: Capitalised words of a source span that do not name anyone.
NOT_NAMES = frozenset({"he", "she", "it", "they", "the", "a", "an", "his", "her"})
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def load_polnear(path: str | Path, *, limit: int | None = None) -> list[dict]:
    """One record per article (its first annotator's), the first ``limit`` articles when given."""
    records = read_split(path, dataset="polnear", fields={"article": str, "text": str, "attributions": list})
    seen, out = set(), []
    for rec in records:
        if rec["article"] not in seen:
            seen.add(rec["article"])
            out.append(rec)
    return out[:limit] if limit else out


def polnear_documents(records: list[dict]) -> list[dict]:
    """One document per article, with its title and publication date."""
    docs = []
    for rec in records:
        doc = {"id": rec["article"], "text": rec["text"]}
        if rec.get("publication_date"):
            doc["published"] = rec["publication_date"]
        if rec.get("title"):
            doc["title"] = rec["title"]
        docs.append(doc)
    return docs


def source_words(source: str) -> frozenset[str]:
    """The case-folded capitalised words of a source span.

    >>> sorted(source_words("The Clinton campaign"))
    ['clinton', 'the']
    """
    return frozenset(w.casefold() for w in _CAPITALISED.findall(source))


def source_names(source: str) -> frozenset[str]:
    """The case-folded name words of a source span: capitalised words but pronouns and articles.

    >>> sorted(source_names("The Clinton campaign"))
    ['clinton']
    >>> source_names("He")
    frozenset()
    """
    return source_words(source) - NOT_NAMES


def contents_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of content words are the same content: at least three shared words (all
    words of a shorter side), covering at least half of the shorter side.

    >>> contents_overlap(frozenset("tax plan rich cuts".split()), frozenset("tax plan rich".split()))
    True
    >>> contents_overlap(frozenset("tax plan rich cuts".split()), frozenset("tax border wall".split()))
    False
    """
    shared = len(a & b)
    shorter = min(len(a), len(b))
    return shared > 0 and shared >= min(3, shorter) and shared >= shorter / 2


def score_polnear(records: list[dict], observed: ObservedGraph, *, source: str = "", documents: int = 0) -> Evaluation:
    """Quotation content precision/recall/F1 and named-speaker accuracy."""
    quotes = []
    for q in observed.quotations:
        words = content_words(q.text)
        if words:
            speaker_words = frozenset(w for s in q.speakers for l in observed.labels(s) for w in normalize_name(l).split())
            quotes.append((words, speaker_words))
    gold = []
    for rec in records:
        for a in rec["attributions"]:
            content = " ".join(c.get("text", "") for c in a.get("content") or [])
            src = (a.get("source") or {}).get("text") or ""
            gold.append((content_words(content), source_words(src), source_names(src)))
    used: set[int] = set()
    found = 0
    named, proper = Rate(0, 0, if_empty=0.0), Rate(0, 0, if_empty=0.0)

    def speaker_check(rate: Rate, words: frozenset[str], hits: list[int]) -> Rate:
        if not words:
            return rate
        return rate + Rate(int(any(words & quotes[i][1] for i in hits)), 1)

    for words, capitalised, names in gold:
        hits = [i for i, (qw, _) in enumerate(quotes) if words and contents_overlap(words, qw)]
        used.update(hits)
        if hits:
            found += 1
            named = speaker_check(named, capitalised, hits)
            proper = speaker_check(proper, names, hits)
    section = Section("content", Score(len(used), len(quotes), found, len(gold), recall_if_no_gold=0.0),
                      rates={"named_speaker_accuracy": named, "proper_name_speaker_accuracy": proper})
    return Evaluation("polnear", source, documents, (section,))


def evaluate_polnear(path: str | Path, *, limit: int | None = None, model: str | None = None,
                     export_to: str | Path | None = None, on_document: Callable | None = None) -> Evaluation:
    """Build every article of a PolNeAR split into a scratch store and score its quotations.

    Raises
    ------
    InputError
        When the split is missing or not PolNeAR JSON Lines.
    """
    from .scratch import build_records

    records = load_polnear(path, limit=limit)
    store, report = build_records(polnear_documents(records), model=model, export_to=export_to,
                                  on_document=on_document)
    return score_polnear(records, read_observed(store, statements=True), source=str(path), documents=report.documents)
