"""Shared helpers for the parse-pattern rules: the actors a token stands for (through
coordination, safe pronoun resolution and group references such as "the two leaders"), the
gender the text states for a person, evidence records, modality of a verb."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Evidence
from .actors import DocActors
from .lexicon import countries, read_lines
from .titles import SPAN_KEY

__all__ = ["PRONOUN_GENDER", "triggers", "group_nouns", "group_cues", "gender_words", "GroupNoun", "Context", "SUBJECT_DEPS", "OBJECT_DEPS"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "dative"})
_PLURAL_PRONOUNS = frozenset({"they", "we"})
_SINGULAR_PRONOUNS = frozenset({"he", "she"})
#: Possessive pronouns resolved like their subject form ("his adviser" -> whom "he" would be).
_POSSESSIVES = {"his": "he", "her": "she", "their": "they"}
#: The gender a pronoun requires of its antecedent.
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
_GROUP_MODIFIER_DEPS = frozenset({"nummod", "det", "predet", "preconj", "quantmod", "amod"})
#: How many sentences before the clause a group reference may look back.
GROUP_LOOKBACK = 3
#: Titles many unnamed people hold in one story: "the spokesman" is not the one named spokesman.
_MANY_HOLDERS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officials", "aide", "aides",
                           "adviser", "advisor", "source", "lawyer", "analyst", "member", "employee", "diplomat",
                           "correspondent", "reporter", "editor"})
#: Words that make a title another post than its last word ("shadow chancellor", "deputy minister").
_OTHER_RANKS = frozenset({"shadow", "deputy", "vice", "assistant", "acting", "interim", "junior", "associate",
                          "under", "former", "ex", "co", "lieutenant", "sub"})
#: Words for whoever leads a country ("the Russian leader").
_LEADER_WORDS = frozenset({"leader"})
#: Words that make a plural title unnamed peers of the subject ("other NATO leaders").
_PEER_WORDS = frozenset({"other", "fellow"})
_MODALS_PLANNED = frozenset({"will", "would", "'ll", "shall", "could", "may", "might", "should", "must", "can", "ca", "wo"})


@lru_cache(maxsize=1)
def triggers() -> dict:
    """The trigger vocabularies of ``patterns/relation_triggers.json``."""
    text = resources.files("kg.nlp").joinpath("patterns", "relation_triggers.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def leader_titles() -> frozenset[str]:
    """Posts "the <nationality> leader" may stand for (``patterns/leader_titles.txt``).

    >>> "prime minister" in leader_titles(), "foreign minister" in leader_titles()
    (True, False)
    """
    return frozenset(l.strip().casefold() for l in read_lines("leader_titles.txt"))


@dataclass(frozen=True)
class GroupNoun:
    """A noun that refers back to a group of actors: their types, gender and how it is marked."""

    types: tuple[str, ...]
    gender: str | None  # "male", "female" or None
    needs: str  # "two" ("the two men"), "the" ("the presidents"), "self" ("the pair")


@lru_cache(maxsize=1)
def group_nouns() -> dict[str, GroupNoun]:
    """The group nouns of ``patterns/group_nouns.tsv`` by lower-case word.

    >>> group_nouns()["men"]
    GroupNoun(types=('Person',), gender='male', needs='two')
    """
    out = {}
    for line in read_lines("group_nouns.tsv"):
        word, types, gender, needs = (c.strip() for c in line.split("\t")[:4])
        out[word] = GroupNoun(tuple(types.split(",")), None if gender == "-" else gender, needs)
    return out


@lru_cache(maxsize=1)
def group_cues() -> dict[str, frozenset[str]]:
    """``numbers`` that make a plural noun a group of two ("the two leaders", "both sides") and
    ``pairing_verbs`` that pair their subject and object ("X hosted Y"), from
    ``patterns/group_cues.json``.

    >>> sorted(group_cues()["numbers"])
    ['both', 'two']
    """
    text = resources.files("kg.nlp").joinpath("patterns", "group_cues.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return {"numbers": frozenset(data["numbers"]), "pairing_verbs": frozenset(data["pairing_verbs"])}


@lru_cache(maxsize=1)
def gender_words() -> tuple[dict[str, str], dict[str, str]]:
    """Courtesy titles (as written) and gendered nouns (lower case) of ``patterns/gender_words.tsv``.

    >>> courtesy, nouns = gender_words()
    >>> courtesy["Mrs"], nouns["chairman"]
    ('female', 'male')
    """
    courtesy: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for line in read_lines("gender_words.tsv"):
        word, gender, kind = (c.strip() for c in line.split("\t")[:3])
        (courtesy if kind == "courtesy" else nouns)[word] = gender
    return courtesy, nouns


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


class Context:
    """A Doc with its actors and the non-narrative ranges, plus resolution helpers."""

    def __init__(self, doc: Doc, actors: DocActors, skip: list[tuple[int, int]],
                 captions: list[tuple[int, int]] | tuple = ()):
        self.doc = doc
        self.actors = actors
        self.skip = skip
        self.captions = captions
        self.sents = list(doc.sents)
        self._sent_index = {s.start: i for i, s in enumerate(self.sents)}
        # sentence index of each token: Token.sent walks its whole sentence on every call, which
        # made rules quadratic in the length of a very long sentence
        self._token_sent = [i for i, s in enumerate(self.sents) for _ in range(s.start, s.end)]
        self._genders: dict[str, str] | None = None
        self._holders: list | bool | None = None  # (person, title, of) of the positions
        self._titles: tuple | None = None

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
        text = self.doc.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(sentence=bounded_sentence(text, start, end), start=start, end=end, rule=rule,
                        confidence=confidence)

    # -- actors --------------------------------------------------------------------------------
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

    def actors_of(self, tok: Token, *, types: tuple[str, ...] | None = None, groups: bool = False,
                  pronouns: bool = True) -> list[str]:
        """Actor keys a noun phrase head stands for, through coordination and pronouns, and with
        ``groups`` through group references ("the two leaders", see :meth:`resolve_group`)."""
        keys: list[str] = []
        for t in self.conjuncts(tok):
            k = self.actor(t)
            if k is None and t.pos_ == "PRON":
                if pronouns:
                    keys.extend(self.resolve_pronoun(t))
                continue
            if k is None and groups and self.group_noun(t) is not None:
                keys.extend(self.resolve_group(t))
                continue
            if k is not None and t.dep_ in SUBJECT_DEPS and self.actors.type_of(k) in ("Organization", "Country"):
                # "Democratic Party for the People leader Yuichiro Tamaki urged ...", parsed with the
                # party as subject: the titled person that ends the subject phrase acts
                k = self._titled_person_ending(t) or k
            if k is None and self.peers(t):
                continue  # "other NATO leaders", "fellow EU ministers": unnamed peers, not the body
            if k is None:
                # The head may be a title ("co-chairman") whose name is an appos/compound child:
                # one actor per noun phrase, a person before the organisation that qualifies them
                # ("Tory co-chairman Liam Fox" is Liam Fox, not also the party).
                found = [self.actor(c) for c in t.children if c.dep_ in ("appos", "compound") and self.actor(c)]
                persons = [f for f in found if self.actors.type_of(f) == "Person"]
                k = (persons or found or [None])[0]
                if k is not None:  # "Chile's president, X, and her counterpart, Y,": Y hangs on X
                    keys.append(k)
                    keys.extend(key for c in t.children if c.dep_ == "appos" and self.actor(c) == k
                                for cj in c.children if cj.dep_ == "conj"
                                for key in self.actors_of(cj, pronouns=pronouns))
                    continue
            if k is None:
                k = self._name_after_title_phrase(t)
            if k is None:
                k = self.title_holder(t)
            if k is not None:
                keys.append(k)
        if types is not None:
            keys = [k for k in keys if self.actors.type_of(k) in types]
        return list(dict.fromkeys(keys))

    def peers(self, t: Token) -> bool:
        """True for a plural noun of unnamed peers of the clause's subject ("other NATO leaders",
        "fellow EU ministers"): neither the body named with it nor a counterpart of it."""
        return any(c.dep_ in ("amod", "det") and c.lower_ in _PEER_WORDS for c in t.children)

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

    def _titled_person_ending(self, t: Token) -> str | None:
        """The person mention that ends ``t``'s phrase right after a title word, if any."""
        m = self.actors.at(t.right_edge.i)
        if m is None or m.end != t.right_edge.i + 1 or self.actors.type_of(m.key) != "Person":
            return None
        return m.key if m.start > t.i and self._is_title(self.doc[m.start - 1]) else None

    def title_holder(self, t: Token) -> str | None:
        """The one person of the document who holds the post a definite title stands for: "the
        president", "the Saudi minister", "a spokesman for the Prime Minister". The title (its
        last word, and its country when a nationality qualifies it) must match the positions
        stated in the document for exactly one person; a title with its own "of ..." phrase ("the
        president of Acme") or none of "the" is left alone."""
        if t.pos_ not in ("NOUN", "PROPN") or not self._is_title(t):
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return None
        if any(c.dep_ == "prep" for c in t.children) or self._holders is False or t.lower_ in _MANY_HOLDERS:
            return None
        if self._holders is None:  # not given by set_positions (a Context built outside extract)
            from .positions import find_positions

            self._holders = False  # find_positions resolves possessives: no title holders meanwhile
            self.set_positions(find_positions(self)[0])
        span = self.title_spans()[1].get(t.i + 1)
        first = span.start if span is not None else t.i
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < first]
        nat = [countries().from_adjective(c.text) for c in mods]
        if not all(nat):
            return None  # "the Scottish Conservative leader": a qualifier we cannot check
        nat = [f"Country:{n}" for n in nat]
        title = " ".join(span.text.casefold().split()) if span is not None else t.text.casefold()
        fits = [(k, held, of) for k, held, of in self._holders if not nat or of in nat]
        keys = {k for k, held, of in fits if held == title}  # "the Prime Minister"
        if not keys and " " not in title:  # "the minister": the last word of one post ("Foreign
            # Minister"), but not of another rank ("shadow chancellor" is not "the chancellor")
            keys = {k for k, held, of in fits if held.split()[-1] == title
                    and not set(held.replace("-", " ").split()[:-1]) & _OTHER_RANKS}
        if not keys and nat and title in _LEADER_WORDS:  # "the French leader": France's head of state or government
            keys = {k for k, held, of in fits if held in leader_titles()}
        return keys.pop() if len(keys) == 1 else None

    def _name_after_title_phrase(self, t: Token) -> str | None:
        """The person named right after a title phrase and a comma when the parse did not attach
        the name as an apposition ("met the leader of the opposition, Ana Reyes, at ..."): the
        name must be followed by a comma or end the sentence, and hang off the same clause."""
        if t.pos_ != "NOUN" or not self._is_title(t):
            return None
        nxt = t.right_edge.i + 1
        doc = self.doc
        if nxt + 1 >= len(doc) or doc[nxt].text != "," or self._token_sent[nxt] != self._token_sent[t.i]:
            return None
        first = nxt + 1
        while first < len(doc) and self._is_title(doc[first]) and self._token_sent[first] == self._token_sent[t.i]:
            first += 1  # "the party's leader in the north, First Minister Ana Reyes,"
        m = self.actors.at(first) if first < len(doc) else None
        if m is None or m.start != first or self.actors.type_of(m.key) != "Person":
            return None
        after = doc[m.end] if m.end < len(doc) else None
        name_head = doc[m.start:m.end].root
        if after is not None and after.text not in (",", ".") or name_head.head.i not in (t.i, t.head.i):
            return None
        return m.key

    def posts_of(self, keys) -> set[str]:
        """The countries and bodies in which the persons among ``keys`` hold a (current) post."""
        holders = self._holders if isinstance(self._holders, list) else []
        wanted = set(keys)
        return {of for k, _, of in holders if k in wanted and of}

    def set_positions(self, positions) -> None:
        """The document's positions, for :meth:`title_holder` (past posts left out)."""
        from .positions import is_past_title

        self._holders = [(p.person, p.title.casefold(), p.of) for p in positions if not is_past_title(p.title)]

    def title_spans(self) -> tuple[set[int], dict[int, Span]]:
        """Tokens inside title spans of the kg_titles component, and the spans by end (once)."""
        if self._titles is None:
            spans = list(self.doc.spans.get(SPAN_KEY, []))
            self._titles = ({i for sp in spans for i in range(sp.start, sp.end)}, {sp.end: sp for sp in spans})
        return self._titles

    def _is_title(self, t: Token) -> bool:
        """True when ``t`` is part of a title span ("leader", "president")."""
        return t.i in self.title_spans()[0]

    is_title = _is_title

    def resolve_pronoun(self, tok: Token) -> list[str]:
        """Persons a subject pronoun refers to, when the preceding context makes it safe.

        Possessives count as their subject form: "his"/"her"/"their" (as possessors) resolve like
        "he"/"she"/"they".

        ``they``/``we``: the two or more persons who were subjects or agents of the previous
        sentence ("X was joined by Y and Z. They met ..."). ``he``/``she``: the person subject of
        the same sentence before the pronoun, else of the previous sentence, when it is the only
        one whose gender is compatible: "he" never refers to a person the text shows to be
        female, "she" never to one shown to be male (see :meth:`gender`).
        """
        return self._resolve_pronoun(tok, self.genders())

    def _resolve_pronoun(self, tok: Token, genders: dict[str, str]) -> list[str]:
        low = tok.lower_
        if tok.dep_ == "poss" and low in _POSSESSIVES:  # "his adviser", "her counterpart"
            low = _POSSESSIVES[low]
        if low not in _PLURAL_PRONOUNS | _SINGULAR_PRONOUNS:
            return []
        sent = self.sent_of(tok)
        idx = self.sentence_index(sent)
        wanted = PRONOUN_GENDER.get(low)

        def fits(keys: list[str]) -> list[str]:
            return [k for k in keys if wanted is None or genders.get(k) in (None, wanted)]

        if low in _SINGULAR_PRONOUNS:
            governing = fits(self._governing_subjects(tok))
            if len(governing) == 1:  # "after X visited Berlin, where he met Y": X
                return governing
            same = fits(self._subject_persons(sent, before=tok.i))
            if len(same) == 1:
                return same
        if idx == 0:
            return []
        prev = self.sents[idx - 1]
        group = self._subject_persons(prev)
        if low in _PLURAL_PRONOUNS and len(group) >= 2:
            return group
        group = fits(group)
        if low in _SINGULAR_PRONOUNS and len(group) == 1:
            return group
        return []

    # -- gender --------------------------------------------------------------------------------
    def gender(self, key: str) -> str | None:
        """``male``, ``female`` or None (unknown) for a person, from the text only.

        Evidence, in this order: a courtesy title before a mention ("Mrs Berg"), a gendered noun
        right before it, in apposition or as its predicate ("chairwoman Anna Berg", "Anna Berg,
        a businesswoman"), then a "he"/"she" resolved to the person earlier in the text.
        Contradicting statements leave the gender unknown. No first-name lists.
        """
        return self.genders().get(key)

    def compatible(self, key: str, gender: str | None) -> bool:
        """False only when the person is known to be of the other gender."""
        return gender is None or self.gender(key) in (None, gender)

    def genders(self) -> dict[str, str]:
        """Known genders of the document's persons (computed once, in text order)."""
        if self._genders is None:
            genders = self._stated_genders()
            for t in self.doc:  # pronouns resolved safely with what is known before them
                g = PRONOUN_GENDER.get(t.lower_)
                if (t.lower_ in _SINGULAR_PRONOUNS and t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass")
                        and not self._quoted(t)):  # a quoted "he" speaks of someone the quote knows
                    keys = self._resolve_pronoun(t, genders)
                    if len(keys) == 1 and keys[0] not in genders:
                        genders[keys[0]] = g
            self._genders = genders
        return self._genders

    def _quoted(self, tok: Token) -> bool:
        """True for a token inside quotation marks opened earlier in its paragraph."""
        text = self.doc.text
        start = text.rfind("\n", 0, tok.idx) + 1
        before = text[start:tok.idx]
        return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")

    def _stated_genders(self) -> dict[str, str]:
        courtesy, nouns = gender_words()
        found: dict[str, set[str]] = {}
        for m in self.actors.mentions:
            if self.actors.type_of(m.key) != "Person":
                continue
            marks = []
            if m.start > 0:
                before = self.doc[m.start - 1]
                marks.append(courtesy.get(before.text) or nouns.get(before.lower_))
            root = self.doc[m.start:m.end].root
            marks.extend(nouns.get(c.lower_) for c in root.children if c.dep_ == "appos")
            if root.dep_ == "appos":
                marks.append(nouns.get(root.head.lower_))
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
                marks.extend(nouns.get(c.lower_) for c in root.head.children if c.dep_ == "attr")
            found.setdefault(m.key, set()).update(g for g in marks if g)
        return {k: next(iter(g)) for k, g in found.items() if len(g) == 1}

    # -- groups --------------------------------------------------------------------------------
    def group_noun(self, tok: Token) -> GroupNoun | None:
        """The group a noun phrase head refers back to: "the two leaders", "both sides", "the
        pair", "the presidents", "the two" alone; None for other nouns and for groups defined in
        place ("the two sides of the debate", "the countries' leaders")."""
        g = group_nouns().get(tok.lower_)
        if g is None or tok.pos_ not in ("NOUN", "PROPN", "NUM") or (tok.pos_ == "NUM" and g.needs != "self"):
            return None
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
            return None
        words = {c.lower_ for c in tok.children if c.dep_ in _GROUP_MODIFIER_DEPS}
        if words & group_cues()["numbers"]:
            return g
        if g.needs in ("the", "self") and "the" in words:
            return g
        return None

    def resolve_group(self, tok: Token) -> list[str]:
        """The two actors a group reference ("the two leaders met") stands for, else nothing.

        Names in apposition ("the two leaders, X and Y,") come first. Otherwise the clause's
        sentence before the group, then up to ``GROUP_LOOKBACK`` previous sentences of the
        paragraph (the last sentence of the previous paragraph when the clause opens one) are
        searched, nearest first: a pair of actors of the group's types made by coordination ("X
        and Y") or by an encounter verb ("X hosted Y", "X met with Y") that covers everything
        seen so far, else the actors of those types mentioned so far once there are two or more.
        Exactly two actors, none known to be of the other gender than the group's ("the two
        men"), give the answer; anything else gives nothing.
        """
        g = self.group_noun(tok)
        if g is None:
            return []
        for c in tok.children:
            if c.dep_ == "appos":
                named = self.actors_of(c, types=g.types, pronouns=False)
                return self._group_of(named, g)
        seen: list[str] = []
        for sent, before in self._group_window(tok):
            pair = self._pair_in(sent, before, g.types)
            if pair is not None and set(seen) <= set(pair):
                return self._group_of(pair, g)
            for m in self.actors.mentions:
                if sent.start <= m.start < (before if before is not None else sent.end):
                    if self.actors.type_of(m.key) in g.types and m.key not in seen:
                        seen.append(m.key)
            if len(seen) >= 2:
                return self._group_of(seen, g)
        return []

    def _group_of(self, keys: list[str], g: GroupNoun) -> list[str]:
        keys = list(dict.fromkeys(keys))
        if len(keys) == 2 and all(self.compatible(k, g.gender) for k in keys):
            return keys
        return []

    def _group_window(self, tok: Token) -> list[tuple[Span, int | None]]:
        """(sentence, token limit) pairs to search for a group's members, nearest first."""
        idx = self._token_sent[tok.i]
        window: list[tuple[Span, int | None]] = [(self.sents[idx], tok.i)]
        j = idx
        while j > 0 and idx - j < GROUP_LOOKBACK:
            brk = self._paragraph_break(j)
            if brk and j != idx:
                break
            if self.narrative(self.sents[j - 1]):
                window.append((self.sents[j - 1], None))
            j -= 1
            if brk:
                break
        return window

    def _paragraph_break(self, j: int) -> bool:
        """True when sentence ``j`` starts a new paragraph (a line break before it)."""
        prev, sent = self.sents[j - 1], self.sents[j]
        return "\n" in self.doc.text[prev.start_char:sent.start_char][len(prev.text.rstrip()):]

    def _pair_in(self, sent: Span, before: int | None, types: tuple[str, ...]) -> list[str] | None:
        """The one pair of actors a sentence couples ("X and Y", "X hosted Y"), else None."""
        pairs: list[tuple[str, ...]] = []
        for t in sent:
            if before is not None and t.i >= before:
                break
            if t.dep_ != "conj" and any(c.dep_ == "conj" for c in t.children):
                conj = self.conjuncts(t)
                keys = self.actors_of(t, types=types, pronouns=False)
                if len(conj) == 2 and len(keys) == 2:
                    pairs.append(tuple(keys))
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in group_cues()["pairing_verbs"]:
                subs: list[str] = []
                objs: list[str] = []
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        subs.extend(self.actors_of(c, types=types, pronouns=False))
                    elif c.dep_ in ("dobj", "obj"):
                        objs.extend(self.actors_of(c, types=types, pronouns=False))
                    elif c.dep_ in ("prep", "agent") and c.lower_ in ("with", "by", "to"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                objs.extend(self.actors_of(p, types=types, pronouns=False))
                if len(subs) == 1 and len(objs) == 1 and subs[0] != objs[0]:
                    pairs.append((subs[0], objs[0]))
        distinct = {frozenset(p) for p in pairs}
        return list(pairs[0]) if len(distinct) == 1 else None

    def _governing_subjects(self, tok: Token) -> list[str]:
        """The persons subject of the nearest clause above the pronoun's own clause that has a
        person subject before the pronoun ("X said he ...", "after X visited Berlin, where he
        met ..."); empty when there is none."""
        verb = tok.head
        node = verb.head if verb.i != verb.head.i else None
        while node is not None:
            keys = [k for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
                    for k in self.actors_of(c, pronouns=False) if self.actors.type_of(k) == "Person"]
            if keys:
                return list(dict.fromkeys(keys))
            node = node.head if node.i != node.head.i else None
        return []

    def _subject_persons(self, sent: Span, before: int | None = None) -> list[str]:
        keys: list[str] = []
        for t in sent:
            if before is not None and t.i >= before:
                break
            h = t.head
            # the main clause, or the reported clause before a trailing "..., the ministry said"
            main = (h.dep_ == "ROOT" or (h.dep_ == "conj" and h.head.dep_ == "ROOT")
                    or (h.dep_ == "ccomp" and h.head.dep_ == "ROOT" and h.i < h.head.i))
            if (t.dep_ in ("nsubj", "nsubjpass") and main) or (
                t.dep_ == "pobj" and h.dep_ == "agent" and h.head.dep_ == "ROOT"
            ):
                # a title head stands for the name in apposition ("the minister, Ana Reyes,")
                keys.extend(k for k in self.actors_of(t, pronouns=False) if self.actors.type_of(k) == "Person")
        return list(dict.fromkeys(keys))

    # -- modality ------------------------------------------------------------------------------
    def modality(self, verb: Token) -> str:
        """``asserted``, ``planned`` (will meet, agreed to meet) or ``negated`` (did not meet,
        refused to meet)."""
        tr = triggers()
        negs = set(tr["negation_words"])
        for c in verb.children:
            if c.dep_ == "neg" or c.lower_ in negs and c.dep_ in ("neg", "advmod", "det"):
                return "negated"
        for c in verb.children:
            if c.dep_ == "aux" and c.lower_ in _MODALS_PLANNED:
                return "planned"
            if c.dep_ == "aux" and c.lower_ == "to":
                head = verb.head
                if head.lemma_ in tr["refusal_verbs"]:
                    return "negated"
                if head.lemma_.lower() in tr["raising_verbs"] and head.i != verb.i:
                    return self.modality(head)  # "seemed to strike up": as real as "seemed"
                return "planned"
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in tr["refusal_verbs"]:
            return "negated"
        if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl"):
            return "planned"
        if verb.dep_ == "conj":
            return self.modality(verb.head)
        return "asserted"
