"""Who a phrase stands for inside one document: names through coordination and apposition,
pronouns (with the gender the text states), definite titles ("the president": the one holder of
that post in the article). A mixin of :class:`kg.nlp.context.Context` over the document index."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import countries, gender_words, is_past_title, leader_titles
from .index import SUBJECT_DEPS
from .vocab import vocab

__all__ = ["Coreference", "PRONOUN_GENDER", "pronoun_gender"]

#: Parts of speech that add nothing to a description ("the", "'s", "of", "and").
_NOT_DESCRIBING = frozenset({"DET", "PART", "PUNCT", "ADP", "CCONJ", "PRON"})

#: The gender a pronoun requires of its antecedent (``patterns/reference_cues.json``).
PRONOUN_GENDER = {w: g for g, words in vocab().table("pronoun_genders").items() for w in sorted(words)}


def pronoun_gender(word: str) -> str | None:
    """The gender a pronoun requires of its antecedent.

    >>> pronoun_gender("his"), pronoun_gender("they")
    ('male', None)
    """
    return PRONOUN_GENDER.get(word)


class Coreference:
    """Resolution of names, pronouns and definite titles (needs the attributes of a DocumentIndex)."""

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
        return any(c.dep_ in ("amod", "det") and c.lower_ in vocab().words("peer_words") for c in t.children)

    def _titled_person_ending(self, t: Token) -> str | None:
        """The person mention that ends ``t``'s phrase right after a title word, if any."""
        m = self.actors.at(t.right_edge.i)
        if m is not None and m.end == t.right_edge.i + 1 and self.actors.type_of(m.key) == "Person":
            return m.key if m.start > t.i and self._is_title(self.doc[m.start - 1]) else None
        # by position, however parsed: "Foreign Office permanent under-secretary Simon McDonald"
        own = self.actors.at(t.i)
        span = self.title_starting(own.end) if own is not None else None
        after = self.actors.at(span.end) if span is not None and span.end < len(self.doc) else None
        if after is not None and after.start == span.end and self.actors.type_of(after.key) == "Person":
            return after.key
        return None

    def title_holder(self, t: Token) -> str | None:
        """The one person of the document who holds the post a definite title stands for: "the
        president", "the Saudi minister", "a spokesman for the Prime Minister". The title (its
        last word, and its country when a nationality qualifies it) must match the positions
        stated in the document for exactly one person named before the title (a full title of
        several words also for one named after it); a title with its own "of ..." phrase ("the president of Acme") or
        none of "the" is left alone."""
        if t.pos_ not in ("NOUN", "PROPN") or not self._is_title(t):
            return None
        if not any(c.dep_ == "det" and c.lower_ in vocab().words("definite_articles") for c in t.children):
            return None
        if any(c.dep_ == "prep" for c in t.children) or self._holders is False or t.lower_ in vocab().words("many_holder_titles") | vocab().words("spokesperson_words"):
            return None
        self._load_positions()
        span = self.title_spans()[1].get(t.i + 1)
        first = span.start if span is not None else t.i
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < first]
        nat = [countries().from_adjective(c.text) for c in mods]
        if not all(nat):
            return None  # "the Scottish Conservative leader": a qualifier we cannot check
        nat = [f"Country:{n}" for n in nat]
        title = " ".join(span.text.casefold().split()) if span is not None else t.text.casefold()
        named = self._first_mentions()
        every = [(k, held, of) for k, held, of in self._holders if not nat or of in nat]
        # a title refers back to a holder named before it; only a full title of several words may
        # name one the article names later ("The home secretary said ..." then "Home Secretary
        # Ann Berg"), never a word many posts end in ("the minister")
        fits = [(k, held, of) for k, held, of in every if named.get(k, t.i) < t.i]
        keys = {k for k, held, of in fits if held == title}  # "the Prime Minister"
        if not keys and " " in title:
            keys = {k for k, held, of in every if held == title}
        if not keys and " " not in title:  # "the minister": the last word of one post ("Foreign
            # Minister"), but not of another rank ("shadow chancellor" is not "the chancellor")
            keys = {k for k, held, of in fits if held.split()[-1] == title
                    and not set(held.replace("-", " ").split()[:-1]) & vocab().words("other_rank_words")}
        if not keys and nat and title in vocab().words("leader_words"):  # "the French leader": France's head of state or government
            keys = {k for k, held, of in fits if held in leader_titles()}
        if len(keys) > 1 and not nat:  # "the president" beside "President Trump" and "Chinese President Xi":
            # the one whom the article names without qualifying where (the story's own president)
            keys = {k for k, held, of in fits if k in keys and (k, held) in self._unqualified} or keys
        return keys.pop() if len(keys) == 1 else None

    def described_person(self, t: Token) -> str | None:
        """The one person named before ``t`` whom a definite description fits: "the New York
        businessman", "the Republican presidential nominee", "the former secretary of state",
        "Ukraine's president". The head of the description must head something said of the person
        earlier, and each other word (modifier, possessor, "of" phrase; a nationality counts as
        its country, a name as its actor) must be said of them too: in a title or apposition next
        to a mention ("Republican nominee X", "X, a New York businessman"), as a predicate ("X is
        the nominee") or in a position the document states. Plurals, the titles many people hold,
        and descriptions no or several persons fit give ``None``."""
        if not self.describes_one(t):
            return None
        head = {t.lower_, t.lemma_.casefold()}
        wanted = [self._concepts(w) for w in self._description_words(t) if w.i != t.i]
        heads: dict[str, set[str]] = {}
        said: dict[str, set[str]] = {}
        for end, key, named_heads, concepts in self._person_descriptions():
            if end <= t.i:
                heads.setdefault(key, set()).update(named_heads)
                said.setdefault(key, set()).update(concepts)
        self._load_positions()
        if isinstance(self._holders, list):
            first = self._first_mentions()
            for k, held, of in self._holders:
                if first.get(k, t.i) < t.i:
                    words = held.replace("-", " ").split()
                    heads.setdefault(k, set()).add(held.split(" of ")[0].split()[-1])
                    said.setdefault(k, set()).update(words + ([of] if of else []))
        fits = [k for k in heads if head & heads[k] and all(c & said[k] for c in wanted)]
        if len(fits) != 1:
            return None
        # the person is in the story just now: mentioned in the last few sentences, and last of
        # all persons when the description is one word ("the actress" after another was named)
        recent = [m for m in self.actors.mentions if m.end <= t.i and self.actors.type_of(m.key) == "Person"
                  and self._token_sent[t.i] - self._token_sent[m.start] <= vocab().number("description_lookback_sentences")]
        if not any(m.key == fits[0] for m in recent) or (not wanted and recent[-1].key != fits[0]):
            return None
        return fits[0]

    def is_person_noun(self, t: Token) -> bool:
        """A title, or a noun the document says of a person ("nominee" after "Republican nominee
        X"): "the GOP nominee" is a person, not the party."""
        low = {t.lower_, t.lemma_.casefold()}
        return (self._is_title(t) or bool(low & vocab().words("person_nouns"))
                or any(low & heads for _, _, heads, _ in self._person_descriptions()))

    def describes_one(self, t: Token) -> bool:
        """A singular common noun with "the" or a possessor that is no actor itself, nor one of
        the titles many people hold, nor a spokesperson."""
        v = vocab()
        if t.pos_ != "NOUN" or t.tag_ in ("NNS", "NNPS") or self.actor(t) is not None:
            return False
        if t.lower_ in v.words("many_holder_titles") | v.words("spokesperson_words"):
            return False
        return any((c.dep_ == "det" and c.lower_ in v.words("definite_articles")) or c.dep_ == "poss"
                   for c in t.children)

    def _description_words(self, t: Token) -> list[Token]:
        """The words of a description: its head, the words before it in its phrase and its "of"
        phrase, without articles, particles and punctuation."""
        words = list(self.doc[t.left_edge.i:t.i + 1])
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in vocab().words("possessive_prepositions") and c.i > t.i:
                words.extend(c.subtree)
        return [w for w in words if w.pos_ not in _NOT_DESCRIBING]

    def _concepts(self, w: Token) -> set[str]:
        """What a word of a description may stand for: itself (text and lemma), the actor it
        names, the country of a nationality."""
        out = {w.lower_, w.lemma_.casefold()}
        m = self.actors.at(w.i)
        if m is not None:
            out.add(m.key)
        country = countries().from_adjective(w.text)
        if country:
            out.add(f"Country:{country}")
        return out

    def _person_descriptions(self) -> list[tuple[int, str, set[str], set[str]]]:
        """(end of the mention, person, the heads of what is said of them there, every word of
        it) for every person mention (computed once): the words before the name in its phrase
        ("Republican nominee X": head "nominee"), its appositions ("X, a New York businessman,"),
        the phrase it is in apposition to ("the nominee, X,") and a predicate ("X is the
        nominee")."""
        if getattr(self, "_descriptions", None) is None:
            out = []
            for m in self.actors.mentions:
                if self.actors.type_of(m.key) != "Person":
                    continue
                root = self.doc[m.start:m.end].root
                words: list[Token] = []
                i = m.start - 1
                while i >= root.left_edge.i and not self.doc[i].is_punct:
                    words.append(self.doc[i])
                    i -= 1
                heads = [w for w in words if w.head.i == root.i and w.pos_ in ("NOUN", "PROPN")]
                phrases = [c for c in root.children if c.dep_ == "appos"]
                if root.dep_ == "appos" and self.actor(root.head) is None:
                    phrases.append(root.head)
                if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in vocab().words("copula_verbs"):
                    phrases.extend(c for c in root.head.children if c.dep_ == "attr")
                for p in phrases:
                    heads.extend(self.conjuncts(p))
                    cut = {x.i for c in p.children if c.dep_ in ("relcl", "acl", "appos") for x in c.subtree}
                    words.extend(x for x in p.subtree if x.i not in cut and not (m.start <= x.i < m.end))
                concepts = set().union(*(self._concepts(w) for w in words if w.pos_ not in _NOT_DESCRIBING))
                named_heads = {h.lower_ for h in heads} | {h.lemma_.casefold() for h in heads}
                if named_heads:
                    out.append((m.end, m.key, named_heads, concepts))
            self._descriptions = out
        return self._descriptions

    def _load_positions(self) -> None:
        """The document's positions, when set_positions has not given them yet."""
        if self._holders is None:
            self._holders = False  # finding them resolves possessives: no title holders meanwhile
            self.set_positions(self._find_positions(self))

    def _first_mentions(self) -> dict[str, int]:
        """Actor key -> the token index of its first mention (computed once)."""
        if getattr(self, "_first", None) is None:
            first: dict[str, int] = {}
            for m in self.actors.mentions:
                first[m.key] = min(first.get(m.key, m.start), m.start)
            self._first = first
        return self._first

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
        self._holders = [(p.person, p.title.casefold(), p.of) for p in positions if not is_past_title(p.title)]
        # named without qualifying where, or placed only by the article's own country (its seat of
        # government, its home country): the story's own holder of the post
        own = vocab().words("own_country_rules")
        self._unqualified = {(p.person, p.title.casefold()) for p in positions
                             if p.of is None or p.evidence.rule.rsplit("/", 1)[-1] in own}

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
        v = vocab()
        plural, singular = v.words("plural_pronouns"), v.words("singular_pronouns")
        if tok.dep_ == "poss" and low in v.table("possessive_pronouns"):  # "his adviser", "her counterpart"
            (low,) = v.table("possessive_pronouns")[low]
        if low not in plural | singular:
            return []
        sent = self.sent_of(tok)
        idx = self.sentence_index(sent)
        wanted = pronoun_gender(low)

        def fits(keys: list[str]) -> list[str]:
            return [k for k in keys if wanted is None or genders.get(k) in (None, wanted)]

        if low in singular:
            governing = fits(self._governing_subjects(tok))
            if len(governing) == 1:  # "after X visited Berlin, where he met Y": X
                return governing
            same = fits(self.subject_persons(sent, before=tok.i))
            if len(same) == 1:
                return same
        if idx == 0:
            return []
        prev = self.sents[idx - 1]
        group = self.subject_persons(prev)
        if low in plural and len(group) >= 2:
            return group
        group = fits(group)
        if low in singular and len(group) == 1:
            return group
        return []

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

    def subject_persons(self, sent: Span, before: int | None = None) -> list[str]:
        """The persons subject of the main clause of ``sent`` (or of a reported clause before a
        trailing "..., X said"), before token ``before`` when given, in order."""
        keys: list[str] = []
        for t in sent:
            if before is not None and t.i >= before:
                break
            h = t.head
            # the main clause, or a reported clause before a trailing "..., the ministry said"
            # (also when the parser hangs it on the quoted clause: "X scolded him: '...,' she said")
            while h.dep_ == "ccomp" and h.i < h.head.i:
                h = h.head
            main = h.dep_ == "ROOT" or (h.dep_ == "conj" and h.head.dep_ == "ROOT")
            if ((t.dep_ in ("nsubj", "nsubjpass") and main) or (
                t.dep_ == "pobj" and h.dep_ == "agent" and h.head.dep_ == "ROOT"
            )) and not self._quoted(t):  # "“Putin pointed out that ...,” he said": he is not Putin
                # a title head stands for the name in apposition ("the minister, Ana Reyes,")
                keys.extend(k for k in self.actors_of(t, pronouns=False) if self.actors.type_of(k) == "Person")
        return list(dict.fromkeys(keys))

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
                g = pronoun_gender(t.lower_)
                if (t.lower_ in vocab().words("singular_pronouns") and t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass")
                        and not self._quoted(t)):  # a quoted "he" speaks of someone the quote knows
                    keys = self._resolve_pronoun(t, genders)
                    if len(keys) == 1 and keys[0] not in genders:
                        genders[keys[0]] = g
            self._genders = genders
        return self._genders

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
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in vocab().words("copula_verbs"):
                marks.extend(nouns.get(c.lower_) for c in root.head.children if c.dep_ == "attr")
            found.setdefault(m.key, set()).update(g for g in marks if g)
        return {k: next(iter(g)) for k, g in found.items() if len(g) == 1}
