"""Quotations: who said what, quoted directly, in part, or reported indirectly.

Each quotation carries the rule that produced it and a confidence in its evidence, whose offsets
cover the sentence(s) of the quotation and its cue. The vocabularies (reporting verbs, "according
to", spokesperson and statement nouns, title markers) and the confidences are data, in
``patterns/quote_cues.json``.

Rules
-----
``direct-quote``
    Text between quotation marks that opens a sentence or follows a colon, comma or dash, with a
    cue outside the marks: a reporting verb ("said", "told reporters", "added") in the quoted
    sentence(s) or the one the quote ends in, the verb that governs the quoted clause, or
    "according to X". The quote may span several sentences. The speaker is the verb's subject.
``direct-quote-colon``
    The cue ends the previous sentence with a colon ("X said:").
``direct-quote-same-paragraph``
    A quote with no cue of its own after a cue in the same paragraph (``"...," X said. "..."``).
``direct-quote-continued-paragraph``
    A paragraph that opens with a quote and has no cue continues the speaker of the previous
    paragraph's last cue.
``direct-quote-no-cue``
    A quoted sentence with none of the above: the speaker is unknown.
``partial-quote``
    A quoted fragment inside a clause governed by a reporting or characterising verb (``said his
    country will need "robust and reliable" guarantees``): the speaker is that verb's subject.
``indirect-statement``
    The content clause of a reporting verb outside quotation marks ("X said (that) ...", "X has
    insisted that ...", "..., a source said"); the text is the clause without "that".
``according-to``
    The clause an "according to X" phrase modifies.

Speakers
--------
The subject of the cue (through coordination, relative "who", participles such as "..., saying")
resolved to an actor of the document; pronouns by :meth:`Context.resolve_pronoun`, else the most
recent person who spoke within a few sentences; an unnamed spokesperson, official or statement of
an organisation ("a spokesperson with the State Department", "the State Department
spokesperson", "a Kremlin spokesman", "a statement from X") to the organisation (or person) they
speak for; "the spokesperson" alone to the organisation of the last one. Otherwise ``None``.

Not quotations: quoted titles and names ("on NBC News' "Meet the Press.""): short runs of
capitalised words, single capitalised words, works of art, quotes after "so-called", "titled" and
the like; quoted fragments no reporting verb governs (scare quotes); anything on a non-narrative
line (``ctx.skip``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..records import Quotation
from .context import Context
from .lexicon import countries
from .actors import entity_key

__all__ = ["find_quotations", "quote_spans", "is_title", "QuoteSpan", "QuoteCues", "quote_cues"]

_OPENING = "\u201c\u201e"  # “ „
_CLOSING = "\u201d"  # ”
_STRAIGHT = '"'
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_SUBJECT = frozenset({"nsubj"})
_CLIMB = frozenset({"conj", "advcl", "xcomp", "parataxis"})
_EDGE_PUNCT = " \t,;:\u2014\u2013-"
_WORD = re.compile(r"[^\W_][\w'\u2019.&-]*")
_RECENT_SENTENCES = 3


@dataclass(frozen=True)
class QuoteCues:
    """The vocabularies of ``patterns/quote_cues.json`` (lower-case lemmas and words)."""

    reporting_verbs: frozenset
    phrasal_particles: dict
    characterising_verbs: frozenset
    according_to: frozenset
    spokesperson_nouns: frozenset
    spokesperson_compounds_required: dict
    official_nouns: frozenset
    statement_nouns: frozenset
    source_prepositions: frozenset
    complementizers: frozenset
    not_quote_before: frozenset
    title_prepositions: frozenset
    title_small_words: frozenset
    max_title_words: int
    max_title_words_after_marker: int
    confidence: dict


@lru_cache(maxsize=1)
def quote_cues() -> QuoteCues:
    """The quotation cues, loaded once.

    >>> "say" in quote_cues().reporting_verbs
    True
    """
    raw = json.loads(resources.files("kg.nlp").joinpath("patterns", "quote_cues.json").read_text(encoding="utf-8"))
    sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
    return QuoteCues(
        reporting_verbs=sets["reporting_verbs"],
        phrasal_particles={k: frozenset(v) for k, v in raw["phrasal_particles"].items()},
        characterising_verbs=sets["characterising_verbs"],
        according_to=sets["according_to"],
        spokesperson_nouns=sets["spokesperson_nouns"],
        spokesperson_compounds_required={k: frozenset(v) for k, v in raw["spokesperson_compounds_required"].items()},
        official_nouns=sets["official_nouns"],
        statement_nouns=sets["statement_nouns"],
        source_prepositions=sets["source_prepositions"],
        complementizers=sets["complementizers"],
        not_quote_before=sets["not_quote_before"],
        title_prepositions=sets["title_prepositions"],
        title_small_words=sets["title_small_words"],
        max_title_words=int(raw["max_title_words"]),
        max_title_words_after_marker=int(raw["max_title_words_after_marker"]),
        confidence=dict(raw["confidence"]),
    )


# -- quotation marks -------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuoteSpan:
    """Text between quotation marks on one line (paragraph).

    ``[start, end)`` includes the marks, ``[inner_start, inner_end)`` excludes them; ``closed`` is
    False for a quote left open at the end of its paragraph (continued in the next one);
    ``paragraph`` counts the non-empty lines before it; ``para_start`` is its line's offset.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    para_start: int
    closed: bool = True


def quote_spans(text: str, skip: list[tuple[int, int]] | tuple = ()) -> list[QuoteSpan]:
    """Quoted passages of ``text`` with curly or straight double quotation marks.

    A quote never crosses a line break: one left open runs to the end of its line (news style for
    a quotation continued in the next paragraph). Quotes starting inside a ``skip`` range are left
    out.

    >>> t = 'He said "we will win" today. \\u201cIt is over,\\u201d she said.\\n\\u201cNo more'
    >>> [t[q.inner_start:q.inner_end] for q in quote_spans(t)]
    ['we will win', 'It is over,', 'No more']
    >>> [(q.paragraph, q.closed) for q in quote_spans(t)]
    [(0, True), (0, True), (1, False)]
    """
    out: list[QuoteSpan] = []
    pos = 0
    para = -1
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        para += 1
        opened = None
        for j, ch in enumerate(line):
            i = line_start + j
            if ch in _OPENING or (ch == _STRAIGHT and opened is None):
                opened = i  # an opening mark inside an open quote restarts it
            elif (ch in _CLOSING or ch == _STRAIGHT) and opened is not None:
                out.append(QuoteSpan(opened, i + 1, opened + 1, i, para, line_start))
                opened = None
        if opened is not None:
            end = line_start + len(line.rstrip())
            out.append(QuoteSpan(opened, end, opened + 1, end, para, line_start, closed=False))
    return [q for q in out if text[q.inner_start:q.inner_end].strip()
            and not any(s <= q.start < e for s, e in skip)]


def is_title(inner: str, before: str = "") -> bool:
    """True when quoted text is a title or name, not speech.

    A single capitalised word, or a short run of capitalised words (small words such as "the",
    "of" aside): at most ``max_title_words``, or ``max_title_words_after_marker`` after a title
    preposition ("on", "in"), a possessive or a marker such as "titled"; anything right after
    "so-called", "titled", "dubbed" and the like.

    >>> is_title("Meet the Press.", before="Zelenskyy said Sunday on NBC News'")
    True
    >>> is_title("robust and reliable", before="his country will need")
    False
    >>> is_title("We're moving along,")
    False
    >>> is_title("Patriot")
    True
    >>> is_title("reform", before="the so-called")
    True
    """
    cues = quote_cues()
    words = _WORD.findall(inner)
    if not words:
        return True
    prev = re.findall(r"[\w'\u2019-]+$", before.rstrip())
    prev_word = prev[0].casefold() if prev else ""
    if prev_word in cues.not_quote_before:
        return True
    if len(words) == 1:
        return words[0][:1].isupper()
    capitalised = all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in cues.title_small_words for w in words)
    if not capitalised:
        return False
    marker = (prev_word in cues.title_prepositions or before.rstrip().endswith(("'", "\u2019", "'s", "\u2019s")))
    limit = cues.max_title_words_after_marker if marker else cues.max_title_words
    return len(words) <= limit


# -- the extractor ---------------------------------------------------------------------------------
@dataclass
class _Speaker:
    key: str | None
    how: str | None  # "name", "pronoun", "recent", "spokesperson"
    sent: int
    para: int
    char: int


class _QuoteFinder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc = ctx.doc
        self.cues = quote_cues()
        self.text = ctx.doc.text
        self.spans = quote_spans(self.text, ctx.skip)
        self.quoted: set[int] = set()
        self.span_tokens: list[list[Token]] = []
        for q in self.spans:
            toks = [t for t in self._tokens_in(q.start, q.end)]
            self.span_tokens.append(toks)
            self.quoted.update(t.i for t in toks)
        self.para_starts = self._paragraph_starts()
        self.last_spokes: str | None = None
        self.speakers: dict[int, _Speaker] = {}
        self._resolve_cues()

    # -- positions --------------------------------------------------------------------------------
    def _tokens_in(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return [t for t in span if not t.is_space] if span is not None else []

    def _paragraph_starts(self) -> list[int]:
        starts, pos = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                starts.append(pos)
            pos += len(line) + 1
        return starts

    def _paragraph_of(self, char: int) -> int:
        lo, hi = 0, len(self.para_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.para_starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _sent_index(self, tok: Token) -> int:
        return self.ctx.sentence_index(tok.sent)

    # -- cues -------------------------------------------------------------------------------------
    def is_reporting(self, tok: Token) -> bool:
        """A reporting verb outside quotation marks, not negated."""
        if tok.i in self.quoted or tok.pos_ not in ("VERB", "AUX") or not tok.tag_.startswith("VB"):
            return False
        lemma = tok.lemma_.casefold()
        if lemma not in self.cues.reporting_verbs:
            return False
        particles = self.cues.phrasal_particles.get(lemma)
        if particles and not any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children):
            return False
        return not any(c.dep_ == "neg" for c in tok.children)

    def is_according(self, tok: Token) -> bool:
        """"according" with its "to X" outside quotation marks."""
        return (tok.i not in self.quoted and tok.lower_ in self.cues.according_to
                and any(c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children))

    def is_cue(self, tok: Token) -> bool:
        return self.is_reporting(tok) or self.is_according(tok)

    def cue_text(self, tok: Token) -> str:
        if self.is_according(tok):
            return f"{tok.text} to"
        prt = [c.text for c in tok.children if c.dep_ == "prt"]
        return " ".join([tok.text, *prt])

    def _resolve_cues(self) -> None:
        """The speaker of every cue, in text order (so pronouns can fall back on recent speakers)."""
        for sent in self.ctx.sents:
            if not self.ctx.narrative(sent):
                continue
            for tok in sent:
                if self.is_according(tok):
                    pobj = next(g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj")
                    key, how = self.speaker_of_np(pobj)
                elif self.is_reporting(tok):
                    subj = self.subject_of(tok)
                    key, how = self.speaker_of_np(subj) if subj is not None else (None, None)
                else:
                    continue
                self.speakers[tok.i] = _Speaker(key, how, self._sent_index(tok), self._paragraph_of(tok.idx), tok.idx)

    @staticmethod
    def subject_of(verb: Token) -> Token | None:
        """The subject of a reporting verb, through participles and coordination ("..., saying")
        and relative clauses ("X, who said ...")."""
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in _SUBJECT]
            if subj:
                s = subj[0]
                if s.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return v.head
                return s
            if v.dep_ == "relcl":
                return v.head
            if v.dep_ in _CLIMB and v.head is not v:
                v = v.head
                continue
            break
        return None

    def speaker_of_np(self, np: Token) -> tuple[str | None, str | None]:
        """The actor a noun phrase (head token) that said something stands for."""
        ctx = self.ctx
        keys = ctx.actors_of(np)
        if keys:
            how = "pronoun" if np.pos_ == "PRON" else "name"
            return keys[0], how
        key = self._by_name(np)
        if key:
            return key, "name"
        low, lemma = np.lower_, np.lemma_.casefold()
        cues = self.cues
        spokes = (low in cues.spokesperson_nouns or lemma in cues.spokesperson_nouns)
        if spokes:
            needed = cues.spokesperson_compounds_required.get(lemma, cues.spokesperson_compounds_required.get(low))
            if needed is not None and not any(c.dep_ == "compound" and c.lower_ in needed for c in np.children):
                spokes = False
        official = low in cues.official_nouns or lemma in cues.official_nouns
        statement = low in cues.statement_nouns or lemma in cues.statement_nouns
        if spokes or official or statement:
            key = self._represented(np, allow_person=not official)
            if key is not None:
                if spokes or official:
                    self.last_spokes = key
                return key, "spokesperson"
            if spokes and self.last_spokes and any(c.lower_ == "the" for c in np.children):
                return self.last_spokes, "spokesperson"
        if np.pos_ == "PRON" and low in ("he", "she"):
            key = self._recent_person(np)
            if key:
                return key, "recent"
        return None, None

    def _by_name(self, np: Token) -> str | None:
        """A capitalised subject the entity recogniser missed that is the name, an alias or the
        surname of exactly one actor of the document ("Zelenskyy said" after "Volodymyr Zelenskyy")."""
        if not np.text[:1].isupper() or np.pos_ == "PRON":
            return None
        parts = [c for c in np.children if c.dep_ == "compound" and c.i < np.i and c.text[:1].isupper()] + [np]
        name = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
        found = set()
        for e in self.ctx.actors.entities.values():
            names = {e.name, *e.aliases}
            if name in names or (e.type == "Person" and len(e.name.split()) > 1 and name == e.name.split()[-1]):
                found.add(e.key)
        return found.pop() if len(found) == 1 else None

    def _represented(self, np: Token, *, allow_person: bool) -> str | None:
        """The organisation (or person) a spokesperson, official or statement speaks for: a
        name or nationality modifying it, a possessor, or the object of "with/for/of/from"."""
        ctx = self.ctx
        ok = ("Organization", "Country", "Place") + (("Person",) if allow_person else ())
        for c in np.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod", "npadvmod"):
                for k in ctx.actors_of(c):
                    if ctx.actors.type_of(k) in ok:
                        return k
                country = countries().from_adjective(c.text)
                if country and entity_key("Country", country) in ctx.actors.entities:
                    return entity_key("Country", country)
        for c in np.children:
            if c.dep_ == "prep" and c.lower_ in self.cues.source_prepositions:
                for g in c.children:
                    if g.dep_ == "pobj":
                        keys = [k for k in ctx.actors_of(g) if ctx.actors.type_of(k) in ok]
                        if keys:
                            return keys[0]
                        inner = self._represented(g, allow_person=allow_person)
                        if inner:
                            return inner
        # A name inside the noun phrase the parse did not attach directly ("the U.S. State Department spokesperson").
        for t in self.doc[np.left_edge.i:np.i]:
            m = ctx.actors.at(t.i)
            if m and ctx.actors.type_of(m.key) in ok:
                return m.key
        return None

    def _recent_person(self, tok: Token) -> str | None:
        here = self._sent_index(tok)
        best = None
        for sp in self.speakers.values():
            if sp.char >= tok.idx or sp.key is None or here - sp.sent > _RECENT_SENTENCES:
                continue
            if self.ctx.actors.type_of(sp.key) == "Person" and (best is None or sp.char > best.char):
                best = sp
        return best.key if best else None

    # -- evidence ---------------------------------------------------------------------------------
    def _evidence(self, toks: list[Token], rule: str, confidence: float):
        first = min(t.sent.start for t in toks)
        last = max(t.sent.end for t in toks)
        return self.ctx.evidence(self.doc[first:last], rule, round(confidence, 3))

    def _confidence(self, rule: str, sp: _Speaker | None) -> float:
        conf = self.cues.confidence
        if sp is None or sp.key is None:
            return conf.get(f"{rule}-unresolved", conf.get(rule, 0.5) * 0.6)
        c = conf.get(rule, 0.5)
        if sp.how in ("pronoun", "recent", "spokesperson"):
            c *= conf[f"speaker-{sp.how}-discount"]
        return c

    # -- direct and partial quotes ----------------------------------------------------------------
    def _opens_sentence(self, q: QuoteSpan, inner: list[Token]) -> bool:
        before = self.text[q.para_start:q.start].rstrip()
        if not before or before[-1] in ":.?!":
            return True
        if inner and (inner[0].is_sent_start or (inner[0].i > 0 and self.doc[inner[0].i - 1].is_sent_start
                                                 and self.doc[inner[0].i - 1].idx == q.start)):
            return True
        first = self.text[q.inner_start:q.inner_end].lstrip()[:1]
        return before[-1] in ",;(\u2014\u2013-" and first.isupper()

    def _governing_cue(self, inner: list[Token], partial: bool) -> Token | None:
        ids = {t.i for t in inner}
        roots = [t for t in inner if t.head.i not in ids or t.head is t]
        for r in roots:
            node, steps = r, 0
            while steps < 8:
                if node.i not in ids:
                    if self.is_reporting(node):
                        return node
                    if partial and node.lemma_.casefold() in self.cues.characterising_verbs and node.i not in self.quoted:
                        return node
                for c in node.children:
                    if self.is_according(c):
                        return c
                if node.head is node:
                    break
                node, steps = node.head, steps + 1
        return None

    def _nearby_cue(self, q: QuoteSpan, toks: list[Token]) -> Token | None:
        """The reporting verb nearest the quote in the sentences it spans (or ends in)."""
        first, last = toks[0], toks[-1]
        sents = {self._sent_index(t) for t in toks}
        after = last.i + 1
        while after < len(self.doc) and (self.doc[after].is_space or self.doc[after].is_punct) and after - last.i < 4:
            after += 1
        if after < len(self.doc) and self.doc[after].idx < self.para_end(q.para_start):
            sents.add(self._sent_index(self.doc[after]))
        best, dist = None, None
        for si in sorted(sents):
            for t in self.ctx.sents[si]:
                if t.i in self.quoted or t.i not in self.speakers:
                    continue
                if not (q.para_start <= t.idx < self.para_end(q.para_start)):
                    continue
                d = first.i - t.i if t.i < first.i else t.i - last.i
                if dist is None or d < dist:
                    best, dist = t, d
        return best

    def para_end(self, para_start: int) -> int:
        end = self.text.find("\n", para_start)
        return len(self.text) if end < 0 else end

    def _colon_cue(self, toks: list[Token]) -> Token | None:
        """A cue ending the previous sentence with a colon ("X said:")."""
        si = self._sent_index(toks[0])
        if si == 0:
            return None
        prev = self.ctx.sents[si - 1]
        words = [t for t in prev if not t.is_space]
        if not words or words[-1].text != ":":
            return None
        cands = [t for t in prev if t.i in self.speakers]
        return cands[-1] if cands else None

    def _inherited(self, q: QuoteSpan) -> tuple[_Speaker | None, str | None]:
        same = [s for s in self.speakers.values() if s.para == q.paragraph and s.char < q.start]
        if same:
            return max(same, key=lambda s: s.char), "direct-quote-same-paragraph"
        if self.text[q.para_start:q.start].strip() == "" and q.paragraph > 0:
            prev = [s for s in self.speakers.values() if s.para == q.paragraph - 1]
            if prev:
                return max(prev, key=lambda s: s.char), "direct-quote-continued-paragraph"
        return None, None

    def quoted_items(self) -> list[tuple[int, Quotation]]:
        """(offset, quotation) of the quoted passages that are quotations."""
        out = []
        for q, toks in zip(self.spans, self.span_tokens):
            inner = [t for t in toks if q.inner_start <= t.idx < q.inner_end and not (t.is_quote and t.text in '"\u201c\u201d')]
            if not inner:
                continue
            text = self.text[q.inner_start:q.inner_end].strip().rstrip(",;:").strip()
            before = self.text[q.para_start:q.start]
            if is_title(text, before) or all(t.ent_type_ == "WORK_OF_ART" for t in inner if not t.is_punct):
                continue
            direct = self._opens_sentence(q, inner)
            n_words = len(_WORD.findall(text))
            rule = "direct-quote" if direct else "partial-quote"
            cue = self._governing_cue(inner, partial=not direct)
            if cue is None and direct:
                cue = self._nearby_cue(q, toks)
                if cue is None:
                    cue = self._colon_cue(toks)
                    rule = "direct-quote-colon" if cue is not None else rule
            if direct and n_words < 2:
                continue
            if cue is not None:
                sp = self.speakers.get(cue.i)
                if sp is None:  # a characterising verb: resolve on the spot
                    subj = self.subject_of(cue)
                    key, how = self.speaker_of_np(subj) if subj is not None else (None, None)
                    sp = _Speaker(key, how, self._sent_index(cue), q.paragraph, cue.idx)
                ev_toks = inner + [cue]
                cue_text = self.cue_text(cue)
            elif direct:
                sp, rule = self._inherited(q)
                rule = rule or "direct-quote-no-cue"
                ev_toks, cue_text = inner, None
            else:
                continue  # a scare quote: no reporting verb governs it
            conf = self._confidence(rule, sp)
            out.append((q.inner_start, Quotation(
                text=text, speaker=sp.key if sp else None, kind="direct" if direct else "partial",
                evidence=self._evidence(ev_toks, rule, conf), cue=cue_text)))
        return out

    # -- indirect statements ----------------------------------------------------------------------
    def _content(self, toks: list[Token]) -> list[Token]:
        toks = sorted(toks, key=lambda t: t.i)
        while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ in self.cues.complementizers
                        and toks[0].dep_ == "mark"):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and not toks[-1].is_quote:
            toks = toks[:-1]
        return toks

    def _join(self, toks: list[Token]) -> str:
        parts = []
        for a, b in zip(toks, toks[1:] + [None]):
            parts.append(a.text + (a.whitespace_ if b is not None and b.i == a.i + 1 else " " if b is not None else ""))
        return "".join(parts).strip(_EDGE_PUNCT)

    def indirect_items(self) -> list[tuple[int, Quotation]]:
        """(offset, quotation) of the statements reported without quotation marks."""
        out = []
        for i, sp in self.speakers.items():
            tok = self.doc[i]
            if self.is_according(tok):
                head = tok.head
                if head is tok:
                    continue
                inside = {t.i for t in tok.subtree}
                content = [t for t in head.subtree if t.i not in inside]
                rule = "according-to"
            else:
                comps = [c for c in tok.children if c.dep_ == "ccomp"]
                if not comps:
                    continue
                content = [t for c in comps for t in c.subtree]
                rule = "indirect-statement"
            content = self._content(content)
            words = [t for t in content if not t.is_punct and not t.is_space]
            if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in words):
                continue
            if sum(t.i in self.quoted for t in words) >= 0.5 * len(words):
                continue  # a direct quotation: the quote rules have it
            conf = self._confidence(rule, sp)
            out.append((content[0].idx, Quotation(
                text=self._join(content), speaker=sp.key, kind="indirect",
                evidence=self._evidence(content + [tok], rule, conf), cue=self.cue_text(tok))))
        return out


def find_quotations(ctx: Context) -> list[Quotation]:
    """Direct, partial and indirect quotations of a document, in text order.

    Examples
    --------
    >>> from kg.nlp.model import load_model
    >>> from kg.nlp.extract import extract_document
    >>> from kg.records import Document
    >>> ex = extract_document(Document("d", 'Minister Anna Berg said the talks had failed. '
    ...                                     '"We will try again," Berg told reporters.'))
    >>> [(q.kind, q.text, q.speaker) for q in ex.quotations]
    [('indirect', 'the talks had failed', 'Person:Anna Berg'), ('direct', 'We will try again', 'Person:Anna Berg')]
    """
    finder = _QuoteFinder(ctx)
    items = finder.quoted_items() + finder.indirect_items()
    items.sort(key=lambda item: item[0])
    seen, out = set(), []
    for _, q in items:
        k = (q.text, q.speaker, q.kind)
        if k not in seen:
            seen.add(k)
            out.append(q)
    return out
