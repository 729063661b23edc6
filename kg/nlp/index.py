"""The read-only index of one parsed document that every rule reads: its sentences (and which are
narrative or captions), the actor mention at each token, title spans, evidence records, the
modality of a verb. Built once per document; nothing in it changes after."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..records import Evidence
from .actors import DocActors
from .titles import SPAN_KEY
from .vocab import vocab

__all__ = ["DocumentIndex", "SUBJECT_DEPS", "OBJECT_DEPS", "EVIDENCE_CHARS", "bounded_sentence"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "dative"})

#: Longest sentence text kept in an evidence, in characters; a longer sentence is cut with "…"
#: (a list of thousands of names in one sentence would otherwise repeat all of it in every
#: evidence). The evidence's offsets still cover the whole sentence.
EVIDENCE_CHARS = 1000


def bounded_sentence(text: str, start: int, end: int, limit: int = EVIDENCE_CHARS) -> str:
    """``text[start:end]``, cut to ``limit`` characters with an ellipsis.

    >>> bounded_sentence("Anna Berg met Carl Holt.", 0, 24, limit=12)
    'Anna Berg m…'
    >>> bounded_sentence("Anna Berg met Carl Holt.", 0, 9)
    'Anna Berg'
    """
    if end - start <= limit:
        return text[start:end]
    return text[start:start + limit - 1] + "…"


class DocumentIndex:
    """A Doc with its actors, its non-narrative ranges and its captions."""

    def __init__(self, doc: Doc, actors: DocActors, skip: list[tuple[int, int]],
                 captions: list[tuple[int, int]] | tuple = ()):
        self.doc = doc
        # the text once: Doc.text joins every token anew on each access, and the rules ask for it
        # thousands of times per article
        self.text = doc.text
        self.actors = actors
        self.skip = skip
        self.captions = captions
        self.sents = list(doc.sents)
        self._sent_index = {s.start: i for i, s in enumerate(self.sents)}
        # sentence index of each token: Token.sent walks its whole sentence on every call, which
        # made rules quadratic in the length of a very long sentence
        self._token_sent = [i for i, s in enumerate(self.sents) for _ in range(s.start, s.end)]
        self._titles: tuple | None = None
        self._title_starts: dict[int, Span] | None = None

    # -- sentences -----------------------------------------------------------------------------
    def narrative(self, sent: Span) -> bool:
        """False for sentences inside a non-narrative line."""
        return not any(s <= sent.start_char < e for s, e in self.skip)

    def caption(self, sent: Span) -> bool:
        """True for sentences of a caption or subheading (see :func:`kg.nlp.boilerplate.caption_ranges`)."""
        return any(s <= sent.start_char < e for s, e in self.captions)

    def sentence_index(self, sent: Span) -> int:
        return self._sent_index[sent.start]

    def sent_of(self, tok: Token | int) -> Span:
        """The sentence of a token (or token index), in constant time."""
        return self.sents[self._token_sent[tok if isinstance(tok, int) else tok.i]]

    def evidence(self, sent: Span, rule: str, confidence: float) -> Evidence:
        """Evidence for ``sent``: its offsets (without surrounding white space) and its text, cut to
        :data:`EVIDENCE_CHARS` characters with an ellipsis (the offsets always cover all of it)."""
        text = self.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(sentence=bounded_sentence(text, start, end), start=start, end=end, rule=rule,
                        confidence=confidence)

    def paragraph_break(self, j: int) -> bool:
        """True when sentence ``j`` starts a new paragraph (a line break before it)."""
        prev, sent = self.sents[j - 1], self.sents[j]
        return "\n" in self.text[prev.start_char:sent.start_char][len(prev.text.rstrip()):]

    def _quoted(self, tok: Token) -> bool:
        """True for a token inside quotation marks opened earlier in its paragraph."""
        text = self.text
        start = text.rfind("\n", 0, tok.idx) + 1
        before = text[start:tok.idx]
        return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")

    # -- actors and titles ---------------------------------------------------------------------
    def actor(self, tok: Token) -> str | None:
        m = self.actors.at(tok.i)
        return m.key if m else None

    def conjuncts(self, tok: Token) -> list[Token]:
        """The token and everything coordinated with it ("A, B and C")."""
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            if t in out:
                continue
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj")
        return sorted(out, key=lambda t: t.i)

    def person_adverbs(self, verb: Token, *, before: bool) -> list[str]:
        """Persons the tagger took for adverbs on ``verb`` ("Connolly joined ...", "joined Connolly":
        a name ending like an adverb), left (``before``) or right of the verb: a person is no adverb."""
        out = []
        for c in verb.children:
            m = self.actors.at(c.i)
            deps = ("advmod", "npadvmod") if before else ("advmod", "npadvmod", "dep")
            if (c.dep_ in deps and (c.i < verb.i) == before and m is not None
                    and self.actors.type_of(m.key) == "Person"):
                out.append(m.key)
        return out

    def title_spans(self) -> tuple[set[int], dict[int, Span]]:
        """Tokens inside title spans of the kg_titles component, and the spans by end (once)."""
        if self._titles is None:
            spans = list(self.doc.spans.get(SPAN_KEY, []))
            self._titles = ({i for sp in spans for i in range(sp.start, sp.end)}, {sp.end: sp for sp in spans})
        return self._titles

    def title_starting(self, i: int) -> Span | None:
        """The title span that starts at token ``i``, if any (indexed once)."""
        if self._title_starts is None:
            self._title_starts = {sp.start: sp for sp in self.title_spans()[1].values()}
        return self._title_starts.get(i)

    def _is_title(self, t: Token) -> bool:
        """True when ``t`` is part of a title span ("leader", "president")."""
        return t.i in self.title_spans()[0]

    is_title = _is_title

    # -- modality ------------------------------------------------------------------------------
    def modality(self, verb: Token) -> str:
        """``asserted``, ``planned`` (will meet, agreed to meet) or ``negated`` (did not meet,
        refused to meet)."""
        v = vocab()
        negs = v.words("negation_words")
        for c in verb.children:
            if c.dep_ == "neg" or c.lower_ in negs and c.dep_ in ("neg", "advmod", "det"):
                return "negated"
        for c in verb.children:
            if c.dep_ == "aux" and c.lower_ in v.words("planning_modals"):
                return "planned"
            if c.dep_ == "aux" and c.lower_ in v.words("infinitive_markers"):
                head = verb.head
                if head.lemma_ in v.words("refusal_verbs"):
                    return "negated"
                if head.lemma_.lower() in v.words("raising_verbs") and head.i != verb.i:
                    return self.modality(head)  # "seemed to strike up": as real as "seemed"
                return "planned"
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in v.words("refusal_verbs"):
            return "negated"
        if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl"):
            return "planned"
        if verb.dep_ == "conj":
            return self.modality(verb.head)
        return "asserted"
