"""The ``kg_paragraphs`` component: a line break always starts a new sentence, and so does the
story after a dateline ("NAIROBI, Kenya (AP) - ...", see :mod:`kg.nlp.datelines`).

News text puts headlines, captions and paragraphs on their own lines, often without final
punctuation; without this the parser may join a caption to the next paragraph. Runs before the
parser, which respects sentence starts that are already set.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .datelines import dateline_end

__all__ = ["ParagraphBreaks"]


class ParagraphBreaks:
    """Set ``is_sent_start`` on the first token after a whitespace token holding a newline, and
    on the first token of the story after a dateline."""

    def __call__(self, doc: Doc) -> Doc:
        starts = [doc[0]] if len(doc) else []
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws and not tok.is_space:
                tok.is_sent_start = True
                starts.append(tok)
        text = doc.text
        for first in starts:
            line_end = text.find("\n", first.idx)
            end = dateline_end(text[first.idx:line_end if line_end >= 0 else len(text)])
            if end is None:
                continue
            story = doc.char_span(first.idx + end, first.idx + end + 1, alignment_mode="expand")
            if story is not None and story.start > first.i:
                story[0].is_sent_start = True
                # the parser, left free, may cut the lead sentence after its first words
                # ("BRUSSELS - European | Union | leaders met"): none starts before its full stop
                for tok in doc[story.start + 1:]:
                    if tok.text in (".", "!", "?") or "\n" in tok.text_with_ws or tok.is_sent_start:
                        break
                    tok.is_sent_start = False
        return doc


@Language.factory("kg_paragraphs")
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()
