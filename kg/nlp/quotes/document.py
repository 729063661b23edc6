"""One document as the quotation rules see it: a read-only :class:`QuoteDocument` (the quote
spans, the tokens inside quotation marks, the paragraph starts), built once, and the
:class:`Memory` that speaker resolution keeps while it reads the document in text order."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from spacy.tokens import Doc, Token

from ...records import Entity, Evidence
from ..context import Context
from ..vocab import vocab
from .marks import QuoteSpan, quote_spans

__all__ = ["QuoteDocument", "Speaker", "Memory", "evidence", "confidence"]

#: How a speaker was found -> the confidence entry that lowers a quotation's confidence.
_DISCOUNTS = {"pronoun": "speaker-pronoun-discount", "recent": "speaker-recent-discount",
              "spokesperson": "speaker-spokesperson-discount", "described": "speaker-described-discount"}


@dataclass(frozen=True)
class QuoteDocument:
    """The quotation marks of a document and positions in it, computed once."""

    ctx: Context
    spans: tuple[QuoteSpan, ...]
    span_tokens: tuple[tuple[Token, ...], ...]  # the tokens of each span, its marks included
    quoted: frozenset[int]  # indices of the tokens inside quotation marks
    para_starts: tuple[int, ...]  # offset of each non-empty line
    mention_counts: Mapping[str, int]  # actor key -> mentions

    @classmethod
    def of(cls, ctx: Context) -> "QuoteDocument":
        text = ctx.text
        spans = tuple(quote_spans(text, ctx.skip))
        span_tokens = tuple(tuple(_tokens_in(ctx.doc, q.start, q.end)) for q in spans)
        starts, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                starts.append(pos)
            pos += len(line) + 1
        return cls(ctx, spans, span_tokens, frozenset(t.i for toks in span_tokens for t in toks), tuple(starts),
                   MappingProxyType(Counter(m.key for m in ctx.actors.mentions)))

    @property
    def doc(self) -> Doc:
        return self.ctx.doc

    @property
    def text(self) -> str:
        return self.ctx.text

    def paragraph_of(self, char: int) -> int:
        """The paragraph (non-empty line) of a character offset."""
        return max(bisect_right(self.para_starts, char) - 1, 0)

    def para_end(self, para_start: int) -> int:
        """The end offset of the paragraph starting at ``para_start``."""
        end = self.text.find("\n", para_start)
        return len(self.text) if end < 0 else end

    def sent_index(self, tok: Token) -> int:
        return self.ctx._token_sent[tok.i]  # noqa: SLF001

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if not t.is_space] if span is not None else []


@dataclass(frozen=True)
class Speaker:
    """Who a cue (or a quote's signature) gives as the speaker, and where."""

    key: str | None
    how: str | None  # "name", "pronoun", "recent", "spokesperson", "described"
    sent: int
    para: int
    char: int
    token: int = -1
    kind: str = "report"  # "report", "according", "belief", "content" or "noun" (only the first two cue quotes)
    principal: str | None = None  # whom a spokesperson speaks for (kg:onBehalfOf)


@dataclass
class Memory:
    """What speaker resolution remembers while it reads a document in text order: the cues
    resolved so far (``spoken``, token index -> speaker), the last body a spokesperson or
    official spoke for ("the spokesperson" alone is theirs), and the persons it proposes as new
    entities of the document (``proposed``; :func:`kg.nlp.quotes.find_quotations` merges them)."""

    ctx: Context
    spoken: dict[int, Speaker] = field(default_factory=dict)
    last_spokesperson: str | None = None
    proposed: dict[str, Entity] = field(default_factory=dict)

    def entities(self) -> list[Entity]:
        """The document's actors, then the proposed persons."""
        return [*self.ctx.actors.entities.values(), *self.proposed.values()]

    def known(self, key: str) -> bool:
        return key in self.ctx.actors.entities or key in self.proposed

    def entity(self, key: str) -> Entity:
        return self.proposed[key] if key in self.proposed else self.ctx.actors.entities[key]

    def type_of(self, key: str) -> str:
        return self.proposed[key].type if key in self.proposed else self.ctx.actors.type_of(key)


def evidence(d: QuoteDocument, toks: list[Token], rule: str, conf: float) -> Evidence:
    """Evidence covering the sentences of ``toks``."""
    first = min(d.ctx.sent_of(t).start for t in toks)
    last = max(d.ctx.sent_of(t).end for t in toks)
    return d.ctx.evidence(d.doc[first:last], rule, round(conf, 3))


def confidence(rule: str, sp: Speaker | None) -> float:
    """The rule's confidence, lowered for an unknown speaker or one found indirectly."""
    v = vocab()
    if sp is None or sp.key is None:
        return v.confidences.get(f"{rule}-unresolved", v.confidence(rule) * v.confidence("speaker-unresolved-discount"))
    c = v.confidence(rule)
    if sp.how in _DISCOUNTS:
        c *= v.confidence(_DISCOUNTS[sp.how])
    return c
