"""The ``kg_paragraphs`` component: a line break always starts a new sentence.

News text puts headlines, captions and paragraphs on their own lines, often without final
punctuation; without this the parser may join a caption to the next paragraph. Runs before the
parser, which respects sentence starts that are already set.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ParagraphBreaks"]


class ParagraphBreaks:
    """Set ``is_sent_start`` on the first token after a whitespace token holding a newline."""

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws and not tok.is_space:
                tok.is_sent_start = True
        return doc


@Language.factory("kg_paragraphs")
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()
