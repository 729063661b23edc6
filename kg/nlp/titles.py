"""The ``kg_titles`` pipeline component: marks title and role phrases ("Foreign Minister",
"National Security Advisor") as spans in ``doc.spans["kg_titles"]``, from ``patterns/titles.txt``.

Matching is case-insensitive; the longest match wins where matches overlap.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .lexicon import titles

__all__ = ["TitleMarker", "SPAN_KEY"]

SPAN_KEY = "kg_titles"


class TitleMarker:
    """Mark known title phrases in a Doc."""

    def __init__(self, nlp: Language, *, phrases: tuple[str, ...] | None = None, span_key: str = SPAN_KEY):
        self.span_key = span_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("TITLE", [nlp.make_doc(p) for p in (phrases or titles())])

    def __call__(self, doc: Doc) -> Doc:
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        doc.spans[self.span_key] = filter_spans(spans)
        return doc


@Language.factory("kg_titles")
def make_title_marker(nlp: Language, name: str) -> TitleMarker:
    return TitleMarker(nlp)
