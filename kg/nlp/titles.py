"""The ``kg_titles`` pipeline component: marks title and role phrases ("Foreign Minister",
"National Security Advisor") as spans in ``doc.spans["kg_titles"]``, from ``patterns/titles.txt``.

Matching is case-insensitive; the longest match wins where matches overlap. A match is extended to
the left over rank and portfolio words from ``patterns/title_modifiers.txt`` ("Shadow Education
Secretary", "foreign policy advisor"), never over a country, nationality or known organisation.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .lexicon import countries, name_heads, organizations, read_lines, titles
from .vocab import vocab

__all__ = ["TitleMarker", "SPAN_KEY", "title_above"]

SPAN_KEY = "kg_titles"


class TitleMarker:
    """Mark known title phrases in a Doc."""

    def __init__(self, nlp: Language, *, phrases: tuple[str, ...] | None = None, span_key: str = SPAN_KEY):
        self.span_key = span_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("TITLE", [nlp.make_doc(p) for p in (phrases or titles())])

        self.modifiers = frozenset(w.strip().lower() for w in read_lines("title_modifiers.txt"))

    def _modifier(self, tok) -> bool:
        """A rank or portfolio word a title may take in ("Shadow", "Education"), never a country,
        nationality or known organisation."""
        return (tok.lower_ in self.modifiers and not countries().canonical(tok.text)
                and not countries().from_adjective(tok.text) and tok.text not in organizations()[0])

    def _extend_left(self, doc: Doc, start: int) -> int:
        i = start
        while i > 0 and self._modifier(doc[i - 1]):
            tok = doc[i - 1]
            if tok.ent_iob_ in ("B", "I") and tok.ent_type_ not in ("", "PERSON"):
                # an organisation's name the recogniser tagged ("Japan Innovation Party leader"):
                # the title takes none of it ("EU Justice" + "Commissioner" is a portfolio)
                ent = next(e for e in doc.ents if e.start <= tok.i < e.end)
                if name_heads().get(ent[-1].text) == "Organization":
                    break
            i -= 1
        while i < start and doc[i].lower_ in vocab().words("title_leading_conjunctions"):  # never start with a conjunction
            i += 1
        return i

    def _after_names(self, doc: Doc, start: int, end: int) -> int:
        """Where a matched title starts once the end of a tagged name it starts inside is left out
        ("Japan Innovation Party" + "Party Leader": the party's name keeps "Party", the title is
        "leader"). A name that only runs into the title's rank and portfolio words ("U.S.
        National Security" + "National Security Advisor") is cut instead, by the actor rules."""
        tok = doc[start]
        if tok.ent_iob_ != "I" or tok.ent_type_ in ("", "PERSON"):
            return start
        ent = next(e for e in doc.ents if e.start <= start < e.end)
        if ent.end >= end or all(self._modifier(t) for t in doc[start:ent.end]):
            return start
        return ent.end

    def __call__(self, doc: Doc) -> Doc:
        matches = [(self._after_names(doc, s, e), e) for _, s, e in self.matcher(doc)]
        spans = [doc[self._extend_left(doc, s):e] for s, e in matches]
        doc.spans[self.span_key] = filter_spans(spans)
        return doc


@Language.factory("kg_titles")
def make_title_marker(nlp: Language, name: str) -> TitleMarker:
    return TitleMarker(nlp)


def title_above(tok, is_title):
    """The title a phrase hangs on: ``tok`` itself when ``is_title(tok)``, else the noun whose
    "of"/"for"... phrase holds it ("the special envoy for South Sudan": Sudan -> envoy), climbed
    through prepositions; ``None`` when there is none."""
    while not is_title(tok) and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head.head
    return tok if is_title(tok) else None
