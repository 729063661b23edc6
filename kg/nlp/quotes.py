"""Quotations: who said what, quoted directly, in part, or reported indirectly.

Each quotation carries the rule that produced it and a confidence in its evidence, whose offsets
cover the sentence(s) of the quotation and of its cue. The vocabularies (reporting verbs, verbs of
belief, "according to", spokesperson, official and statement nouns, title markers) and the
confidences are data, in ``patterns/quote_cues.json``.

Rules
-----
``direct-quote``
    Text between quotation marks that opens a sentence or follows a colon, comma or dash, with a
    cue outside the marks: the reporting verb ("said", "told reporters", "added") that governs the
    quoted clause or stands nearest in the quoted sentence(s) or the one the quote ends in, or
    "according to X". The quote may span several sentences. The speaker is the cue's subject.
``direct-quote-colon``
    The cue ends the previous sentence with a colon ("X said:").
``direct-quote-dash``
    A name after a dash that follows the quote (``"..." ― Ann Berg``).
``direct-quote-colon-subject``
    A clause with no reporting verb ends in a colon before the quote ("Here is X in 1992: ..."),
    or its subject ends the previous paragraph with a colon ("X echoed:").
``direct-quote-same-paragraph``
    A quote with no cue of its own after a cue in the same paragraph (``"...," X said. "..."``).
``direct-quote-continued-paragraph``
    A paragraph that opens with a quote and has no cue continues the speaker of the previous
    paragraph's last cue.
``direct-quote-no-cue``
    A quoted sentence with none of the above: the speaker is unknown.
``partial-quote``
    A quoted fragment inside a clause governed by a reporting or characterising verb (``said his
    country will need "robust and reliable" guarantees``, ``called the plan "a betrayal"``): the
    speaker is that verb's subject.
``indirect-statement``
    The content clause of a reporting verb outside quotation marks ("X said (that) ...", "X has
    insisted that ...", "..., a source said", "The plan, X said, will fail"), without "that".
``indirect-belief``
    The content clause of a verb of belief or finding ("X believes that ...", "a poll found
    that ..."); a low confidence.
``according-to``
    The clause an "according to X" phrase modifies.

Speakers
--------
The subject of the cue (through coordination, relative "who", participles such as "..., saying",
"by saying", "footage of X saying") resolved to an actor of the document, also when the entity
recogniser missed it there but the name, alias or surname is an actor's; pronouns by
:meth:`Context.resolve_pronoun`, else the most recent person who spoke within a few sentences; an
unnamed spokesperson, official, campaign, lawyer or statement of an organisation or person ("a
spokesperson with the State Department", "the State Department spokesperson", "a Kremlin
spokesman", "a statement from X", "X issued a statement saying") to the one they speak for; "the
spokesperson" alone to that of the last one. Otherwise ``None``.

Not quotations: quoted titles and names ("on CBS News' "Face the Nation.""): short runs of
capitalised words, single capitalised words, works of art, quotes after "so-called", "titled" and
the like; single function words; quoted fragments no reporting verb governs (scare quotes);
anything on a non-narrative line (``ctx.skip``).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..records import Entity, Quotation
from .context import PRONOUN_GENDER, Context
from .lexicon import countries, honorifics
from .actors import clean_name, entity_key
from .vocab import vocab

__all__ = ["find_quotations", "quote_spans", "is_title", "QuoteSpan", "QuoteCues", "quote_cues"]

_OPENING = ("\u201c", "\u201e", "``")  # “ „ ``
_CLOSING = "\u201d"  # ”
_STRAIGHT = '"'
_MARK = re.compile("\u201c|\u201e|\u201d|\"|''|``|'|\u2018|\u2019")
_SINGLE = ("'", "\u2018", "\u2019")
#: Words an apostrophe opens ("rock 'n' roll", "'em", "'til"): no quotation mark.
_ELISIONS = frozenset({"n", "em", "til", "tis", "twas", "cos", "bout"})
_OPEN_BEFORE = "([{\u2014\u2013-\"\u201c"
_CLOSE_AFTER = ".,;:!?)]}\u2014\u2013-\"\u201d"
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_SUBJECT = frozenset({"nsubj"})
_CLIMB = frozenset({"conj", "advcl", "xcomp", "parataxis"})
_EDGE_PUNCT = " \t,;:\u2014\u2013-"
_WORD = re.compile(r"[^\W_][\w'\u2019.&-]*")
_RECENT_SENTENCES = 3
_CONTENT_POS = frozenset({"ADJ", "NOUN", "VERB", "ADV", "INTJ"})
_DASH_AFTER = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013-]+[ \t\u00a0]*(?=[A-Z])")


@dataclass(frozen=True)
class QuoteCues:
    """The vocabularies of ``patterns/quote_cues.json`` (lower-case lemmas and words)."""

    reporting_verbs: frozenset
    phrasal_particles: dict
    characterising_verbs: frozenset
    belief_verbs: frozenset
    according_to: frozenset
    spokesperson_nouns: frozenset
    spokesperson_compounds_required: dict
    official_nouns: frozenset
    statement_nouns: frozenset
    source_prepositions: frozenset
    publication_prepositions: frozenset
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
        belief_verbs=sets["belief_verbs"],
        according_to=sets["according_to"],
        spokesperson_nouns=sets["spokesperson_nouns"],
        spokesperson_compounds_required={k: frozenset(v) for k, v in raw["spokesperson_compounds_required"].items()},
        official_nouns=sets["official_nouns"],
        statement_nouns=sets["statement_nouns"],
        source_prepositions=sets["source_prepositions"],
        publication_prepositions=sets["publication_prepositions"],
        complementizers=sets["complementizers"],
        not_quote_before=sets["not_quote_before"],
        title_prepositions=sets["title_prepositions"],
        title_small_words=sets["title_small_words"],
        max_title_words=int(raw["max_title_words"]),
        max_title_words_after_marker=int(raw["max_title_words_after_marker"]),
        confidence=dict(vocab().confidences),
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
    r"""Quoted passages of ``text``, outermost quotes only.

    Marks: curly ``\u201c...\u201d`` (nesting), ``\u201e``, straight ``"`` and the doubled
    apostrophes ``''`` of some newswire text (each pairing with its own kind), and a ``\u201d``
    that opens a line or follows a space when no quote is open (a common typo). A quote never
    crosses a line break: one left open runs to the end of its line (news style for a quotation
    continued in the next paragraph). Quotes starting inside a ``skip`` range are left out.

    >>> t = 'He said "we will win" today. \u201cIt is \u201chell\u201d, over,\u201d she said.\n\u201cNo more'
    >>> [t[q.inner_start:q.inner_end][-6:] for q in quote_spans(t)]
    ['ll win', ' over,', 'o more']
    >>> [(q.paragraph, q.closed) for q in quote_spans(t)]
    [(0, True), (0, True), (1, False)]
    >>> t = "He said ''we will win'' today."
    >>> [t[q.inner_start:q.inner_end] for q in quote_spans(t)]
    ['we will win']
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
        stack: list[tuple[int, int, str]] = []  # (offset, width, kind) of open marks

        def close(at: int, width: int) -> None:
            o, w, _ = stack.pop()
            if not stack:
                out.append(QuoteSpan(o, at + width, o + w, at, para, line_start))

        for m in _MARK.finditer(line):
            mark, i = m.group(), line_start + m.start()
            after_space = m.start() == 0 or line[m.start() - 1].isspace()
            if mark in _SINGLE:
                kind = _single_mark(line, m.start(), open_single=any(k == "single" for *_, k in stack))
                if kind == "open":
                    stack.append((i, 1, "single"))
                elif kind == "close":
                    while stack[-1][2] != "single":
                        stack.pop()  # a double mark left open inside the single quotation
                    close(i, 1)
                continue
            while stack and stack[-1][2] == "single" and mark not in _OPENING and any(k != "single" for *_, k in stack):
                stack.pop()  # a nested single quotation left open: the outer double mark closes
            if mark in _OPENING:
                stack.append((i, len(mark), "curly"))
            elif mark == _CLOSING:
                if stack and (stack[-1][2] == "curly" or not after_space):  # also closes a mixed '"...\u201d'
                    close(i, len(mark))
                elif not stack and after_space:
                    stack.append((i, len(mark), "curly"))
            else:  # '"' or "''": the same mark opens and closes
                kind = "straight" if mark == _STRAIGHT else "doubled"
                if stack and (stack[-1][2] == kind or not after_space):  # also closes a mixed '\u201c..."'
                    close(i, len(mark))
                elif not stack or after_space:
                    stack.append((i, len(mark), kind))
        if stack:
            o, w, kind = stack[0]
            end = line_start + len(line.rstrip())
            if kind == "single" and o != line_start + len(line) - len(line.lstrip()):
                continue  # a single mark left open is a quotation only when it opens the paragraph
            if end > o + w:
                out.append(QuoteSpan(o, end, o + w, end, para, line_start, closed=False))
    return [q for q in out if text[q.inner_start:q.inner_end].strip()
            and not any(s <= q.start < e for s, e in skip)]


def _single_mark(line: str, j: int, *, open_single: bool) -> str | None:
    """What a single quotation mark or apostrophe at ``line[j]`` is: ``"open"``, ``"close"`` or
    None (an apostrophe: "don't", "Blair's", "the MPs' vote", "'90s", "rock 'n' roll").

    >>> _single_mark("He said 'no' twice", 8, open_single=False), _single_mark("He said 'no' twice", 11, open_single=True)
    ('open', 'close')
    >>> _single_mark("don't", 3, open_single=False) is None, _single_mark("the '90s", 4, open_single=False) is None
    (True, True)
    >>> _single_mark("the MPs' vote", 7, open_single=False) is None
    True
    """
    mark = line[j]
    prev = line[j - 1] if j > 0 else ""
    nxt = line[j + 1] if j + 1 < len(line) else ""
    rest = line[j + 1:]
    if (mark != "\u2019" and not open_single and (prev == "" or prev.isspace() or prev in _OPEN_BEFORE)
            and (nxt.isalnum() or nxt in "\u2026.(")):
        word = re.match(r"[A-Za-z]+", rest)
        if re.match(r"\d0s\b", rest) or (word and word.group().casefold() in _ELISIONS):
            return None  # "the '90s", "rock 'n' roll", "'em"
        return "open"
    if open_single and prev and not prev.isspace() and (nxt == "" or nxt.isspace() or nxt in _CLOSE_AFTER) \
            and mark != "\u2018":
        return "close"
    return None


def is_title(inner: str, before: str = "") -> bool:
    """True when quoted text is a title or name, not speech.

    A single capitalised word, or a short run of capitalised words (small words such as "the",
    "of" aside): at most ``max_title_words``, or ``max_title_words_after_marker`` after a title
    preposition ("on", "in"), a possessive or a marker such as "titled"; anything right after
    "so-called", "titled", "dubbed" and the like.

    >>> is_title("Face the Nation.", before="Lee said Sunday on CBS News'")
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
    token: int = -1
    kind: str = "report"  # "report", "according" or "belief" (beliefs and findings cue no quote)


class _QuoteFinder:
    """The quotation rules over one document: quote spans and the speaker of every cue are found
    once, then :meth:`quoted_items` and :meth:`indirect_items` produce the quotations."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc = ctx.doc
        self.cues = quote_cues()
        self.text = ctx.doc.text
        self.spans = quote_spans(self.text, ctx.skip)
        self.quoted: set[int] = set()
        self.span_tokens: list[list[Token]] = []
        for q in self.spans:
            toks = self._tokens_in(q.start, q.end)
            self.span_tokens.append(toks)
            self.quoted.update(t.i for t in toks)
        self.para_starts = self._paragraph_starts()
        self.last_spokes: str | None = None
        self._mention_counts: Counter | None = None
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
        return max(bisect_right(self.para_starts, char) - 1, 0)

    def _sent_index(self, tok: Token) -> int:
        return self.ctx._token_sent[tok.i]  # noqa: SLF001

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
        return not self._negated(tok)

    def _negated(self, tok: Token) -> bool:
        """"did not say" (a "not" inside the quotation marks is the quote's own)."""
        return any(c.dep_ == "neg" and c.i not in self.quoted for c in tok.children)

    def _quote_cue(self, i: int) -> bool:
        """Token ``i`` is a cue that can introduce a quotation (not a verb of belief)."""
        sp = self.speakers.get(i)
        return sp is not None and sp.kind != "belief"

    def is_belief(self, tok: Token) -> bool:
        """A verb of belief or finding ("believes that", "the poll found") with a content clause."""
        return (tok.i not in self.quoted and tok.pos_ == "VERB" and tok.lemma_.casefold() in self.cues.belief_verbs
                and any(c.dep_ == "ccomp" for c in tok.children)
                and not self._negated(tok) and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children))

    def is_according(self, tok: Token) -> bool:
        """"according" with its "to X" outside quotation marks."""
        return (tok.i not in self.quoted and tok.lower_ in self.cues.according_to
                and any(c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children))

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
                    kind = "according"
                elif self.is_reporting(tok) or self.is_belief(tok):
                    subj = self.subject_of(tok)
                    key, how = self.speaker_of_np(subj) if subj is not None else (None, None)
                    kind = "report" if self.is_reporting(tok) else "belief"
                else:
                    continue
                self.speakers[tok.i] = _Speaker(key, how, self._sent_index(tok), self._paragraph_of(tok.idx),
                                                tok.idx, kind=kind)

    def subject_of(self, verb: Token) -> Token | None:
        """The subject of a reporting verb outside quotation marks, through participles and
        coordination ("..., saying"; "by saying"), object control ("forced X to admit"),
        relative clauses and participle modifiers ("X, who said ..."; "footage of X saying");
        else a name right next to the verb ("..., police Chief Ann Berg said", "said Ann Berg")."""
        v = verb
        for _ in range(5):
            subj = [c for c in v.children if c.dep_ in _SUBJECT and c.i not in self.quoted and not c.is_punct]
            if subj:
                s = min(subj, key=lambda c: (self.ctx.actors.at(c.i) is None, abs(c.i - v.i)))
                if s.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return v.head
                for c in s.children:  # "To understand X, Justice Ann Berg said, ...": a misparse
                    if c.dep_ == "appos" and c.i == v.i - 1 and self.ctx.actors.at(c.i):
                        return c
                return s
            if v.dep_ in ("relcl", "acl") and v.head.i != v.i:
                return v.head
            if v.dep_ == "xcomp":
                obj = [c for c in v.head.children if c.dep_ == "dobj" and c.i not in self.quoted]
                if obj:
                    return obj[0]
            if v.dep_ in _CLIMB | {"pcomp", "pobj", "prep"} and v.head.i != v.i and v.head.i not in self.quoted:
                v = v.head
                continue
            break
        return self._adjacent_name(verb)

    def _adjacent_name(self, verb: Token) -> Token | None:
        """The last actor mention in the words just before the verb, or the first just after it,
        with no punctuation or quoted word in between."""
        doc = self.doc
        i = verb.i - 1
        while i >= 0 and not doc[i].is_punct and i not in self.quoted and doc[i].pos_ != "VERB":
            if self.ctx.actors.at(i):
                return doc[i]
            i -= 1
        i = verb.i + 1
        while i < len(doc) and not doc[i].is_punct and i not in self.quoted and i - verb.i <= 4:
            if self.ctx.actors.at(i):
                return doc[self.ctx.actors.at(i).end - 1]
            i += 1
        return None

    def speaker_of_np(self, np: Token) -> tuple[str | None, str | None]:
        """The actor a noun phrase (head token) that said something stands for."""
        ctx = self.ctx
        keys = ctx.actors_of(np)
        if keys and ctx.actors.type_of(keys[0]) == "Place":
            # A dateline or a place ("WASHINGTON -- President X, ..., said"): a person or
            # organisation in apposition speaks; a place alone may (a city council, a state).
            for c in np.children:
                if c.dep_ == "appos":
                    inner = [k for k in ctx.actors_of(c) if ctx.actors.type_of(k) != "Place"]
                    if inner:
                        return inner[0], "name"
        if keys and ctx.actors.type_of(keys[0]) == "Place" and np.pos_ not in ("PROPN", "PRON"):
            keys = []  # "the New York businessman": a place modifying a common noun does not speak
        if keys:
            how = "pronoun" if np.pos_ == "PRON" else "name"
            return keys[0], how
        key = self._by_name(np) or self._unlisted_person(np)
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
            # an official speaks for an organisation or country; a spokesperson, an aide or an
            # office ("Luc Moreau's office said") also for a person
            key = self._represented(np, allow_person=spokes or not official)
            if key is not None:
                if spokes or official:
                    self.last_spokes = key
                return key, "spokesperson"
            if spokes and self.last_spokes and any(c.lower_ == "the" for c in np.children):
                return self.last_spokes, "spokesperson"
            if statement and any(c.lower_ in ("the", "this") for c in np.children):
                # "The statement said ...": the statement named before ("a White House statement")
                key = self._earlier_statement_owner(np)
                if key is not None:
                    return key, "spokesperson"
            if statement and np.dep_ == "dobj" and np.head.i not in self.quoted:
                # "X issued a statement saying ...": the statement is X's
                subj = [c for c in np.head.children if c.dep_ in _SUBJECT and not c.is_punct]
                if subj:
                    return self.speaker_of_np(subj[0])
        if np.pos_ == "PRON" and low in ("he", "she"):
            key = self._recent_person(np)
            if key:
                return key, "recent"
        return None, None

    def _earlier_statement_owner(self, np: Token) -> str | None:
        """The owner of the nearest earlier statement of the same kind ("a White House
        statement" ... "the statement"), within the last few sentences."""
        here = self._sent_index(np)
        lemma = np.lemma_.casefold()
        for tok in reversed(self.doc[:np.left_edge.i]):
            if here - self._sent_index(tok) > _RECENT_SENTENCES:
                break
            if tok.pos_ == "NOUN" and tok.lemma_.casefold() == lemma:
                key = self._represented(tok, allow_person=True)
                if key is not None:
                    return key
        return None

    def _by_name(self, np: Token) -> str | None:
        """A capitalised subject the entity recogniser missed that is the name or an alias of an
        actor of the document, else a person's surname or the first word(s) of an organisation's
        name ("Okoro said" after "Ada Okoro"); see :meth:`_likeliest` for ties."""
        if not np.text[:1].isupper() or np.pos_ == "PRON":
            return None
        parts = [c for c in np.children if c.dep_ == "compound" and c.i < np.i and c.text[:1].isupper()] + [np]
        name = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
        exact, partial = [], []
        for e in self.ctx.actors.entities.values():
            if name in (e.name, *e.aliases):
                exact.append(e.key)
            elif ((e.type == "Person" and len(e.name.split()) > 1 and name == e.name.split()[-1])
                  or (e.type == "Organization" and e.name.startswith(name + " ") and np.pos_ == "PROPN")):
                partial.append(e.key)
        return self._likeliest(exact or partial)

    def _unlisted_person(self, np: Token) -> str | None:
        """A person the entity recogniser tagged but the actor rules left out (a lone surname
        mentioned once: "Okoro admitted that ..."), or did not tag after a courtesy title ("Mr
        Okoro told ..."): as the one who speaks, it is an actor. The name (the model's PERSON
        span around ``np``, or the titled name), cleaned, becomes a Person of the document."""
        if np.pos_ != "PROPN" or np.i in self.quoted:
            return None
        if np.ent_type_ == "PERSON":
            span = next((e for e in self.doc.ents if e.start <= np.i < e.end), None)
        else:  # "Mr Okoro said": a name after a courtesy title the recogniser did not tag
            span = self._after_honorific(np)
        if span is None or any(self.ctx.actors.at(i) for i in range(span.start, span.end)):
            return None
        if any(s <= span.start_char < e for s, e in self.ctx.skip):
            return None
        name = clean_name(span.text)
        words = name.split()
        if not words or not all(w[:1].isupper() for w in words) or not any(c.isalpha() for c in name):
            return None
        entities = self.ctx.actors.entities
        for e in entities.values():  # a surname or alias of a known person
            if e.type == "Person" and (name in e.aliases or (len(words) == 1 and e.name.split()[-1] == name)):
                return e.key
        key = entity_key("Person", name)
        if key not in entities:
            entities[key] = Entity(key=key, type="Person", name=name)
        return key

    def _after_honorific(self, np: Token):
        """The span "Mr Okoro" of an untagged capitalised name whose words right before it
        (its compounds) start with a courtesy title; else ``None``."""
        if np.ent_type_:
            return None
        start = np.i
        while start > 0 and self.doc[start - 1].head.i == np.i and self.doc[start - 1].dep_ == "compound":
            start -= 1
        if start == np.i or self.doc[start].text not in honorifics():
            return None
        if not all(t.text[:1].isupper() and not t.ent_type_ for t in self.doc[start:np.i + 1]):
            return None
        return self.doc[start:np.i + 1]

    def _likeliest(self, keys: list[str]) -> str | None:
        """One of several candidate actors: the only person among them, else the one mentioned
        most often (when it is mentioned more often than any other)."""
        if len(keys) <= 1:
            return keys[0] if keys else None
        persons = [k for k in keys if self.ctx.actors.type_of(k) == "Person"]
        if len(persons) == 1:
            return persons[0]
        keys = persons or keys
        if self._mention_counts is None:
            self._mention_counts = Counter(m.key for m in self.ctx.actors.mentions)
        counts = self._mention_counts
        # Variants of one name ("Loretta E. Lynch", "Loretta Lynch") count together.
        groups: dict[tuple, list[str]] = {}
        for k in keys:
            words = self.ctx.actors.entities[k].name.split()
            groups.setdefault((words[0], words[-1]), []).append(k)
        ranked = sorted(groups.values(), key=lambda g: -sum(counts[k] for k in g))
        if len(ranked) == 1 or sum(counts[k] for k in ranked[0]) > sum(counts[k] for k in ranked[1]):
            return max(ranked[0], key=lambda k: counts[k])
        return None

    def _represented(self, np: Token, *, allow_person: bool) -> str | None:
        """The organisation (or person) a spokesperson, official or statement speaks for: a
        name or nationality modifying it, a possessor, or the object of "with/for/of/from"; for a
        statement, also the organisation it was published in ("an article in X")."""
        ctx = self.ctx
        ok = ("Organization", "Country", "Place") + (("Person",) if allow_person else ())
        for c in np.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod", "npadvmod"):
                for k in ctx.actors_of(c):
                    if ctx.actors.type_of(k) in ok:
                        return k
                if c.dep_ in ("compound", "poss", "nmod"):
                    named = self._by_name(c) or self._unlisted_person(c)
                    if named is not None and ctx.actors.type_of(named) in ok:
                        return named
                country = countries().from_adjective(c.text)
                if country and entity_key("Country", country) in ctx.actors.entities:
                    return entity_key("Country", country)
        for c in np.children:
            if c.dep_ == "acl":  # "an email sent by X"
                for a in c.children:
                    if a.dep_ == "agent":
                        for g in a.children:
                            keys = [k for k in ctx.actors_of(g) if ctx.actors.type_of(k) in ok]
                            if keys:
                                return keys[0]
            if c.dep_ == "prep" and c.lower_ in self.cues.source_prepositions:
                for g in c.children:
                    if g.dep_ == "pobj":
                        keys = [k for k in ctx.actors_of(g) if ctx.actors.type_of(k) in ok]
                        if keys:
                            return keys[0]
                        inner = self._represented(g, allow_person=allow_person)
                        if inner:
                            return inner
            if c.dep_ == "prep" and c.lower_ in self.cues.publication_prepositions and self._statement_noun(np):
                for g in c.children:  # "an article in X": the publication's
                    keys = [k for k in ctx.actors_of(g) if ctx.actors.type_of(k) == "Organization"] if g.dep_ == "pobj" else []
                    if keys:
                        return keys[0]
        # A name inside the noun phrase the parse did not attach directly ("the U.S. State Department spokesperson").
        for t in self.doc[np.left_edge.i:np.i]:
            m = ctx.actors.at(t.i)
            if m and ctx.actors.type_of(m.key) in ok:
                return m.key
        return None

    def _statement_noun(self, np: Token) -> bool:
        return np.lower_ in self.cues.statement_nouns or np.lemma_.casefold() in self.cues.statement_nouns

    def _recent_person(self, tok: Token) -> str | None:
        """The person who spoke last, a few sentences back, whose gender fits the pronoun ``tok``
        ("he"/"she"; a person the text shows to be of the other gender is passed over)."""
        here = self._sent_index(tok)
        wanted = PRONOUN_GENDER.get(tok.lower_)
        best = None
        for sp in self.speakers.values():
            if sp.kind == "belief" or sp.char >= tok.idx or sp.key is None or here - sp.sent > _RECENT_SENTENCES:
                continue
            if (self.ctx.actors.type_of(sp.key) == "Person" and self.ctx.compatible(sp.key, wanted)
                    and (best is None or sp.char > best.char)):
                best = sp
        return best.key if best else None

    # -- evidence ---------------------------------------------------------------------------------
    def _evidence(self, toks: list[Token], rule: str, confidence: float):
        first = min(self.ctx.sent_of(t).start for t in toks)
        last = max(self.ctx.sent_of(t).end for t in toks)
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
        roots = [t for t in inner if t.head.i not in ids or t.head.i == t.i]
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
                if node.head.i == node.i:
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
                if t.i in self.quoted or not self._quote_cue(t.i):
                    continue
                if not (q.para_start <= t.idx < self.para_end(q.para_start)):
                    continue
                # Prefer a cue whose speaker is known, then the nearest.
                d = (self.speakers[t.i].key is None, first.i - t.i if t.i < first.i else t.i - last.i)
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
        cands = [t for t in prev if self._quote_cue(t.i)]
        return cands[-1] if cands else None

    def _dash_speaker(self, q: QuoteSpan) -> _Speaker | None:
        """A name after a dash right after the quote: ``"..." ― Ann Berg``."""
        m = _DASH_AFTER.match(self.text, q.end)
        if not m or m.end() >= len(self.text):
            return None
        tok = self._token_at(m.end())
        if tok is None:
            return None
        key, how = self.speaker_of_np(tok) if self.ctx.actors.at(tok.i) else (self._by_name(tok), "name")
        if key is None:
            return None
        return _Speaker(key, how, self._sent_index(tok), q.paragraph, tok.idx, token=tok.i)

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _inherited(self, q: QuoteSpan) -> tuple[_Speaker | None, str | None]:
        same = [s for s in self.speakers.values() if s.kind != "belief" and s.para == q.paragraph and s.char < q.start]
        if same:
            return max(same, key=lambda s: s.char), "direct-quote-same-paragraph"
        if self.text[q.para_start:q.start].strip() == "" and q.paragraph > 0:
            prev = [s for s in self.speakers.values() if s.kind != "belief" and s.para == q.paragraph - 1]
            if prev:
                return max(prev, key=lambda s: s.char), "direct-quote-continued-paragraph"
        return None, None

    def quoted_items(self) -> list[tuple[int, Quotation]]:
        """(offset, quotation) of the quoted passages that are quotations."""
        out = []
        for q, toks in zip(self.spans, self.span_tokens):
            inner = [t for t in toks if q.inner_start <= t.idx < q.inner_end and not t.is_space]
            if not inner:
                continue
            text = self.text[q.inner_start:q.inner_end].strip().rstrip(",;:").strip()
            before = self.text[q.para_start:q.start]
            if is_title(text, before) or all(t.ent_type_ == "WORK_OF_ART" for t in inner if not t.is_punct):
                continue
            direct = self._opens_sentence(q, inner)
            words = [t for t in inner if not t.is_punct]
            if direct and len(words) < 2:
                continue
            if len(words) == 1 and (words[0].is_stop or words[0].pos_ not in _CONTENT_POS):
                continue  # "that", "the": a quoted word, not words of a speaker
            found = self._attribute(q, toks, inner, direct)
            if found is None:
                continue  # a scare quote: no reporting verb governs it
            sp, rule, cue = found
            ev_toks = toks + ([cue] if cue is not None else [])
            if sp is not None and sp.token >= 0:
                ev_toks.append(self.doc[sp.token])
            out.append((q.inner_start, Quotation(
                text=text, speaker=sp.key if sp else None, kind="direct" if direct else "partial",
                evidence=self._evidence(ev_toks, rule, self._confidence(rule, sp)),
                cue=self.cue_text(cue) if cue is not None and cue.i in self.speakers else (cue.text if cue is not None else None))))
        return out

    def _attribute(self, q: QuoteSpan, toks: list[Token], inner: list[Token],
                   direct: bool) -> tuple[_Speaker | None, str, Token | None] | None:
        """(speaker, rule, cue token) of a quote, or ``None`` for a partial quote with no cue."""
        cue = self._governing_cue(inner, partial=not direct)
        rule = "direct-quote" if direct else "partial-quote"
        if cue is None and not direct:
            return None
        if cue is None:
            dash = self._dash_speaker(q)
            if dash is not None:
                return dash, "direct-quote-dash", None
        if direct and (cue is None or self._speaker_key(cue) is None):
            # the verb the parse attaches the quote to may not be the one introducing it
            # ("The spot concludes with footage of X saying, "...""): take a nearby cue with a speaker
            near = self._nearby_cue(q, toks)
            if cue is None or (near is not None and self._speaker_key(near) is not None):
                cue = near
        if cue is None:
            cue = self._colon_cue(toks)
            rule = "direct-quote-colon"
        if cue is not None:
            sp = self.speakers.get(cue.i)
            if sp is None:  # a characterising verb: resolve on the spot
                subj = self.subject_of(cue)
                key, how = self.speaker_of_np(subj) if subj is not None else (None, None)
                sp = _Speaker(key, how, self._sent_index(cue), q.paragraph, cue.idx)
            return sp, rule, cue
        sp = self._colon_subject(q)
        if sp is not None:
            return sp, "direct-quote-colon-subject", None
        sp, rule = self._inherited(q)
        return sp, rule or "direct-quote-no-cue", None

    def _speaker_key(self, cue: Token) -> str | None:
        sp = self.speakers.get(cue.i)
        return sp.key if sp is not None else None

    def _colon_subject(self, q: QuoteSpan) -> _Speaker | None:
        """The actor a clause ending in a colon before the quote is about, when it has no
        reporting verb ("Here is Ann Berg in 1992: \u201c...\u201d", "Berg on the budget: ..."):
        the subject of its verb, else its first actor mention. A clause closing the previous
        paragraph with a colon ("Berg echoed:" then the quote as a paragraph) gives its subject."""
        before = self.text[q.para_start:q.start].rstrip()
        own_line = not before  # the colon closes the previous paragraph ("X echoed:")
        if before.endswith(":"):
            at = q.para_start + len(before) - 1
        elif own_line and self.text[:q.para_start].rstrip().endswith(":"):
            at = len(self.text[:q.para_start].rstrip()) - 1
        else:
            return None
        colon = self._token_at(at)
        if colon is None or colon.i == 0 or colon.i in self.quoted:
            return None
        start = self.ctx.sent_of(colon).start
        head = self.doc[colon.i - 1]
        while head.head.i != head.i and start <= head.head.i < colon.i and head.head.i not in self.quoted:
            head = head.head
        key = None
        subj = [c for c in head.children if c.dep_ in _SUBJECT and c.i not in self.quoted]
        if subj:
            key, how = self.speaker_of_np(subj[0])
            tok = subj[0]
        if key is None and not own_line:  # across paragraphs only the clause's subject speaks
            for i in range(start, colon.i):
                m = self.ctx.actors.at(i)
                if m and i not in self.quoted and self.ctx.actors.type_of(m.key) in ("Person", "Organization", "Country"):
                    key, how, tok = m.key, "name", self.doc[i]
                    break
        if key is None:
            return None
        return _Speaker(key, how, self._sent_index(tok), q.paragraph, tok.idx, token=tok.i)

    # -- indirect statements ----------------------------------------------------------------------
    def _content(self, toks: list[Token]) -> list[Token]:
        toks = sorted(toks, key=lambda t: t.i)
        while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ in self.cues.complementizers
                        and toks[0].dep_ == "mark"):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and not toks[-1].is_quote:
            toks = toks[:-1]
        # "said on Thursday (that) it would ...": a date phrase before the clause's subject tells
        # when it was said, whatever the parse attached it to
        if toks and toks[0].dep_ == "prep" and toks[0].head.i != toks[0].i:
            phrase = sorted(toks[0].subtree, key=lambda t: t.i)
            rest = toks[len(phrase):] if toks[:len(phrase)] == phrase else None
            if (rest and all(t.ent_type_ == "DATE" or t.dep_ in ("prep", "det") for t in phrase)
                    and any(t.ent_type_ == "DATE" for t in phrase)
                    and any(t.dep_ in ("nsubj", "nsubjpass") for t in rest[:3])):
                return self._content(rest)
        return toks

    def _join(self, toks: list[Token]) -> str:
        parts = []
        for a, b in zip(toks, toks[1:] + [None]):
            parts.append(a.text + (a.whitespace_ if b is not None and b.i == a.i + 1 else " " if b is not None else ""))
        return "".join(parts).strip(_EDGE_PUNCT)

    def _clause_without(self, head: Token, cue: Token) -> list[Token]:
        """The clause of ``head`` without the cue's phrase and the commas around it."""
        removed = {t.i for t in cue.subtree}
        lo, hi = min(removed), max(removed)
        return [t for t in head.subtree
                if t.i not in removed and not (t.is_punct and t.i in (lo - 1, hi + 1) and not t.is_quote)]

    def indirect_items(self) -> list[tuple[int, Quotation]]:
        """(offset, quotation) of the statements reported without quotation marks."""
        out = []
        for i, sp in self.speakers.items():
            tok = self.doc[i]
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            if self.is_according(tok) or (not comps and tok.dep_ == "parataxis" and sp.kind == "report"):
                # "according to X, ..." or a parenthetical "..., X said, ...": the clause around it
                if tok.head.i == tok.i:
                    continue
                content = self._clause_without(tok.head, tok)
                rule = "according-to" if sp.kind == "according" else "indirect-statement"
            elif comps:
                content = [t for c in comps for t in c.subtree]
                rule = "indirect-statement" if sp.kind == "report" else "indirect-belief"
            else:
                continue
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
