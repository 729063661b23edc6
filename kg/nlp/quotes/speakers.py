"""Who speaks: the actor a noun phrase that said something stands for (a name, a pronoun, a
spokesperson, official or statement of a body), a name signing a quote after a dash, and the
subject of a clause that ends in a colon before a quote."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..context import PRONOUN_GENDER
from ..actors import entity_key
from ..lexicon import countries
from ..vocab import vocab
from .document import Memory, QuoteDocument, Speaker
from .marks import QuoteSpan
from .names import by_name, unlisted_person

__all__ = ["SPEAKER_WORDS", "SUBJECT", "speaker_of_np", "dash_speaker", "colon_subject"]

#: The vocabulary keys speaker resolution reads.
SPEAKER_WORDS = ("spokesperson_words", "spokesperson_nouns", "spokesperson_compounds_required", "official_nouns", "statement_nouns",
                 "organisation_kind_words", "organisation_kind_bare", "organisation_lookback_sentences",
                 "stated_gender_pronouns", "place_prepositions", "source_prepositions", "publication_prepositions", "spokesperson_back_reference",
                 "statement_back_reference", "recent_speaker_pronouns", "recent_speaker_sentences")
SUBJECT = frozenset({"nsubj"})
_DASH_AFTER = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013-]+[ \t\u00a0]*(?=[A-Z])")
_BODIES = ("Organization", "Country", "Place")


def speaker_of_np(d: QuoteDocument, mem: Memory, np: Token) -> tuple[str | None, str | None]:
    """The actor a noun phrase (head token) that said something stands for, and how it was
    found (``"name"``, ``"pronoun"``, ``"spokesperson"``, ``"recent"``, ``"described"``); ``(None, None)``."""
    found = _named(d, mem, np)
    if found is None:
        found = _spokesperson(d, mem, np)
    if found is not None:
        return found
    if np.pos_ == "PRON" and np.lower_ in vocab().words("recent_speaker_pronouns"):
        key = _recent_person(d, mem, np)
        if key:
            return key, "recent"
    key = _organisation_of_kind(d, mem, np)
    if key:
        return key, "described"
    return None, None


def _organisation_of_kind(d: QuoteDocument, mem: Memory, np: Token) -> str | None:
    """The organisation "the company", "the ministry", "the campaign" or "police" ("Tulsa police")
    stands for: the one organisation whose name says it is of that kind ("Acme Corp.", "Ministry
    of Defence", "Tulsa Police Department") among those named in the last few sentences; none
    or several give ``None``. A place before the noun must be in the name too."""
    v = vocab()
    kinds = v.table("organisation_kind_words")
    words = kinds.get(np.lower_) or kinds.get(np.lemma_.casefold())
    if not words or np.pos_ != "NOUN" or np.i in d.quoted:
        return None
    places, definite = [], False
    for c in np.children:
        if c.dep_ == "det" and c.lower_ in v.words("definite_articles"):
            definite = True
        elif c.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod"):
            m = d.ctx.actors.at(c.i)
            if m is None or mem.type_of(m.key) != "Place":
                return None  # "a company", "another company", "the software company": not one we know
            places.append(mem.entity(m.key).name.casefold())
    if not definite and np.lower_ not in v.words("organisation_kind_bare"):
        return None
    here = d.sent_index(np)
    found = []
    for m in d.ctx.actors.mentions:
        if m.start >= np.i or here - d.sent_index(d.doc[m.start]) > v.number("organisation_lookback_sentences"):
            continue
        if mem.type_of(m.key) != "Organization" or m.key in found:
            continue
        e = mem.entity(m.key)
        names = [n.casefold() for n in (e.name, *e.aliases)]
        if (any(w in words for n in names for w in n.replace(".", " ").split())
                and all(any(p in n for n in names) for p in places)):
            found.append(m.key)
    return found[0] if len(found) == 1 else None


def _named(d: QuoteDocument, mem: Memory, np: Token) -> tuple[str, str] | None:
    """An actor the noun phrase names (or a pronoun refers to), else ``None``."""
    ctx = d.ctx
    keys = ctx.actors_of(np)
    if keys and mem.type_of(keys[0]) == "Place" and _place_cannot_speak(d, np):
        return None
    if keys and np.pos_ == "PRON" and not _gender_fits(d, keys[0], np):
        return None  # "she" is a woman the text names as one, or nobody
    if keys and mem.type_of(keys[0]) == "Place":
        # A dateline or a place ("WASHINGTON -- President X, ..., said"): a person or
        # organisation in apposition speaks; a place alone may (a city council, a state).
        for c in np.children:
            if c.dep_ == "appos":
                inner = [k for k in ctx.actors_of(c) if mem.type_of(k) != "Place"]
                if inner:
                    return inner[0], "name"
    if keys and mem.type_of(keys[0]) == "Place" and np.pos_ not in ("PROPN", "PRON"):
        keys = []  # "the New York businessman": a place modifying a common noun does not speak
    if keys and _describes_person(d, mem, np, keys[0]):
        # "the GOP nominee said": the one nominee the article named, not the party
        key = ctx.described_person(np)
        return (key, "described") if key else None
    if keys:
        how = "pronoun" if np.pos_ == "PRON" else "name"
        return keys[0], how
    key = by_name(d, mem, np) or unlisted_person(d, mem, np)
    for c in np.children:  # "The Shadow Secretary for the Family, Theresa May, said": the name
        if key is None and c.dep_ == "appos" and np.pos_ in ("NOUN", "PROPN"):  # in apposition
            key = by_name(d, mem, c) or unlisted_person(d, mem, c)
    if key:
        return key, "name"
    key = None if _speaks_for_another(np) else ctx.described_person(np)  # "the New York businessman"
    if key:
        return key, "described"
    return None


def _describes_person(d: QuoteDocument, mem: Memory, np: Token, key: str) -> bool:
    """A definite noun phrase whose head is a person's title or description, resolved to a body
    only by a modifier ("the GOP nominee", "the Labour leader")."""
    if np.pos_ != "NOUN" or d.ctx.actor(np) is not None or mem.type_of(key) == "Person":
        return False
    if _speaks_for_another(np):
        return False
    return d.ctx.describes_one(np) and d.ctx.is_person_noun(np)


def _place_cannot_speak(d: QuoteDocument, np: Token) -> bool:
    """A place named as where something happens (after a preposition of ``place_prepositions``:
    "decided in Scotland and believe ...") or as the last word of another body's name
    ("Universities Scotland, which represents ..., claimed") is not who speaks."""
    if np.dep_ == "pobj" and np.head.lower_ in vocab().words("place_prepositions"):
        return True  # "welcomed by Beijing, which described ..." and "according to X" may speak
    m = d.ctx.actors.at(np.i)
    return m is not None and any(c.dep_ == "compound" and c.i < m.start and c.text[:1].isupper()
                                 and d.ctx.actors.at(c.i) is None for c in np.children)


def _gender_fits(d: QuoteDocument, key: str, pron: Token) -> bool:
    """Whether a person may be what a speaking pronoun refers to: a pronoun of
    ``stated_gender_pronouns`` ("she") needs a person the text shows to be of its gender, the
    others one not shown to be of the other gender."""
    wanted = PRONOUN_GENDER.get(pron.lower_)
    if wanted is None or d.ctx.actors.type_of(key) != "Person":
        return True
    if pron.lower_ in vocab().words("stated_gender_pronouns"):
        # "Sen. Ann Roe scolded him: '...,' she said": the subject of the pronoun's own sentence,
        # named before it and not shown to be of the other gender, needs no stated gender
        return d.ctx.gender(key) == wanted or (d.ctx.compatible(key, wanted) and _subject_before(d, key, pron))
    return d.ctx.compatible(key, wanted)


def _subject_before(d: QuoteDocument, key: str, pron: Token) -> bool:
    """Whether ``key`` is a subject of the pronoun's sentence, before it (the coreference's
    reading of the main clause)."""
    return key in d.ctx.subject_persons(d.ctx.sent_of(pron.i), before=pron.i)


def _speaks_for_another(np: Token) -> bool:
    """A spokesperson, campaign, official or statement: who they speak for is found by
    :func:`_spokesperson`, not by a description."""
    official = vocab().words("official_nouns")
    return _is_spokesperson(np) or _statement_noun(np) or np.lower_ in official or np.lemma_.casefold() in official


def _is_spokesperson(np: Token) -> bool:
    """A spokesperson, an aide, an office or a campaign that speaks for someone (with the compound
    some of these words need: "press office")."""
    v = vocab()
    low, lemma = np.lower_, np.lemma_.casefold()
    spokesperson = v.words("spokesperson_words") | v.words("spokesperson_nouns")
    if not (low in spokesperson or lemma in spokesperson):
        return False
    needed = v.table("spokesperson_compounds_required")
    needed = needed.get(lemma, needed.get(low))
    return needed is None or any(c.dep_ == "compound" and c.lower_ in needed for c in np.children)


def principal_of(d: QuoteDocument, mem: Memory, np: Token | None) -> str | None:
    """Whom a speaker speaks for: the one a spokesperson is of ("Mr Blair's spokesman", "a
    spokesman for the ministry", "Kremlin spokesman Dmitry Peskov", "Dmitry Peskov, Mr Putin's
    spokesman"); ``None`` for anyone else."""
    if np is None:
        return None
    spokes = np if _is_spokesperson(np) else None
    m = d.ctx.actors.at(np.i)
    if spokes is None and m is not None and mem.type_of(m.key) == "Person":
        near = [d.doc[m.start - 1]] if m.start > 0 else []
        near += [np.head] if np.dep_ == "appos" else []
        near += [c for c in np.children if c.dep_ == "appos"]
        spokes = next((t for t in near if _is_spokesperson(t)), None)
    if spokes is None:
        return None
    key = _represented(d, mem, spokes, allow_person=True)
    return key if key != (m.key if m is not None else None) else None


def _spokesperson(d: QuoteDocument, mem: Memory, np: Token) -> tuple[str | None, str | None] | None:
    """The body (or person) a spokesperson, official, office, campaign or statement speaks for,
    else ``None``; an unnamed spokesperson of a person ("Mr Blair's spokesman said") is nobody we
    can name: ``(None, "spokesperson")``, the person being the principal (:func:`principal_of`),
    while "Berg's office said" stays Berg's."""
    v = vocab()
    low, lemma = np.lower_, np.lemma_.casefold()
    spokes = _is_spokesperson(np)
    official = low in v.words("official_nouns") or lemma in v.words("official_nouns")
    statement = _statement_noun(np)
    if not (spokes or official or statement):
        return None
    # an official speaks for an organisation or country; a spokesperson, an aide or an
    # office ("Luc Moreau's office said") also for a person
    key = _represented(d, mem, np, allow_person=spokes or not official)
    if key is not None:
        if spokes or official:
            mem.last_spokesperson = key
        if mem.type_of(key) == "Person" and (low in v.words("spokesperson_words") or lemma in v.words("spokesperson_words")):
            return None, "spokesperson"  # the spokesperson speaks, not the person they speak for
        return key, "spokesperson"
    if (spokes and mem.last_spokesperson
            and any(c.lower_ in v.words("spokesperson_back_reference") for c in np.children)):
        return mem.last_spokesperson, "spokesperson"
    if statement and any(c.lower_ in v.words("statement_back_reference") for c in np.children):
        # "The statement said ...": the statement named before ("a White House statement")
        key = _earlier_statement_owner(d, mem, np)
        if key is not None:
            return key, "spokesperson"
    if statement and np.dep_ == "dobj" and np.head.i not in d.quoted:
        # "X issued a statement saying ...": the statement is X's
        subj = [c for c in np.head.children if c.dep_ in SUBJECT and not c.is_punct]
        if subj:
            return speaker_of_np(d, mem, subj[0])
    return None


def _statement_noun(np: Token) -> bool:
    nouns = vocab().words("statement_nouns")
    return np.lower_ in nouns or np.lemma_.casefold() in nouns


def _earlier_statement_owner(d: QuoteDocument, mem: Memory, np: Token) -> str | None:
    """The owner of the nearest earlier statement of the same kind ("a White House
    statement" ... "the statement"), within the last few sentences."""
    here = d.sent_index(np)
    lemma = np.lemma_.casefold()
    recent = vocab().number("recent_speaker_sentences")
    for tok in reversed(d.doc[:np.left_edge.i]):
        if here - d.sent_index(tok) > recent:
            break
        if tok.pos_ == "NOUN" and tok.lemma_.casefold() == lemma:
            key = _represented(d, mem, tok, allow_person=True)
            if key is not None:
                return key
    return None


def _represented(d: QuoteDocument, mem: Memory, np: Token, *, allow_person: bool) -> str | None:
    """The organisation (or person) a spokesperson, official or statement speaks for: a
    name or nationality modifying it, a possessor, or the object of "with/for/of/from"; for a
    statement, also the organisation it was published in ("an article in X")."""
    ok = _BODIES + (("Person",) if allow_person else ())
    for c in np.children:
        if c.dep_ in ("compound", "poss", "amod", "nmod", "npadvmod"):
            key = _modifier_owner(d, mem, c, ok)
            if key is not None:
                return key
    for c in np.children:
        key = _attached_owner(d, mem, np, c, ok, allow_person)
        if key is not None:
            return key
    # A name inside the noun phrase the parse did not attach directly ("the U.S. State Department spokesperson").
    for t in d.doc[np.left_edge.i:np.i]:
        m = d.ctx.actors.at(t.i)
        if m and mem.type_of(m.key) in ok:
            return m.key
    return None


def _modifier_owner(d: QuoteDocument, mem: Memory, c: Token, ok: tuple[str, ...]) -> str | None:
    """The actor a modifier names ("Kremlin spokesman", "Moreau's office", "a Russian diplomat")."""
    for k in d.ctx.actors_of(c):
        if mem.type_of(k) in ok:
            return k
    if c.dep_ in ("compound", "poss", "nmod"):
        named = by_name(d, mem, c) or unlisted_person(d, mem, c)
        if named is not None and mem.type_of(named) in ok:
            return named
    country = countries().from_adjective(c.text)
    if country and mem.known(entity_key("Country", country)):
        return entity_key("Country", country)
    return None


def _attached_owner(d: QuoteDocument, mem: Memory, np: Token, c: Token, ok: tuple[str, ...],
                    allow_person: bool) -> str | None:
    """The actor a clause or prepositional phrase ``c`` of ``np`` names ("an email sent by X",
    "a spokesperson with X", "an article in X")."""
    v = vocab()
    if c.dep_ == "acl":  # "an email sent by X"
        for a in c.children:
            if a.dep_ == "agent":
                for g in a.children:
                    keys = [k for k in d.ctx.actors_of(g) if mem.type_of(k) in ok]
                    if keys:
                        return keys[0]
    if c.dep_ == "prep" and c.lower_ in v.words("source_prepositions"):
        for g in c.children:
            if g.dep_ == "pobj":
                keys = [k for k in d.ctx.actors_of(g) if mem.type_of(k) in ok]
                if keys:
                    return keys[0]
                inner = _represented(d, mem, g, allow_person=allow_person)
                if inner:
                    return inner
    if c.dep_ == "prep" and c.lower_ in v.words("publication_prepositions") and _statement_noun(np):
        for g in c.children:  # "an article in X": the publication's
            keys = [k for k in d.ctx.actors_of(g) if mem.type_of(k) == "Organization"] if g.dep_ == "pobj" else []
            if keys:
                return keys[0]
    return None


def _recent_person(d: QuoteDocument, mem: Memory, tok: Token) -> str | None:
    """The person who spoke last, a few sentences back, not shown to be of the other gender than
    the pronoun ``tok``, when their gender fits it (see :func:`_gender_fits`)."""
    here = d.sent_index(tok)
    wanted = PRONOUN_GENDER.get(tok.lower_)
    recent = vocab().number("recent_speaker_sentences")
    best = None
    for sp in mem.spoken.values():
        if sp.kind == "belief" or sp.char >= tok.idx or sp.key is None or here - sp.sent > recent:
            continue
        if (mem.type_of(sp.key) == "Person" and d.ctx.compatible(sp.key, wanted)
                and (best is None or sp.char > best.char)):
            best = sp
    # the last one that may fit, when it fits for sure ("she" passes over no one of unstated
    # gender) or was the subject that spoke in the sentence just before ("X told ... She said")
    if best is None or not (_gender_fits(d, best.key, tok) or _spoke_just_before(d, mem, best, here)):
        return None
    return best.key


def _spoke_just_before(d: QuoteDocument, mem: Memory, best: Speaker, here: int) -> bool:
    """True when the sentence before ``here`` has a cue whose own subject is ``best`` and no
    other person speaks in it (not a name found next to a verb: "were announced by X")."""
    cues = [(i, sp) for i, sp in mem.spoken.items() if sp.sent == here - 1 and sp.key is not None
            and mem.type_of(sp.key) == "Person"]
    return bool(cues) and all(sp.key == best.key for _, sp in cues) and any(
        c.dep_ in SUBJECT and c.i not in d.quoted for i, _ in cues for c in d.doc[i].children)


def dash_speaker(d: QuoteDocument, mem: Memory, q: QuoteSpan) -> Speaker | None:
    """A name after a dash right after the quote: ``"..." ― Ann Berg``."""
    m = _DASH_AFTER.match(d.text, q.end)
    if not m or m.end() >= len(d.text):
        return None
    tok = d.token_at(m.end())
    if tok is None:
        return None
    key, how = speaker_of_np(d, mem, tok) if d.ctx.actors.at(tok.i) else (by_name(d, mem, tok), "name")
    if key is None:
        return None
    return Speaker(key, how, d.sent_index(tok), q.paragraph, tok.idx, token=tok.i,
                   principal=principal_of(d, mem, tok))


def colon_subject(d: QuoteDocument, mem: Memory, q: QuoteSpan) -> Speaker | None:
    """The actor a clause ending in a colon before the quote is about, when it has no
    reporting verb ("Here is Ann Berg in 1992: \u201c...\u201d", "Berg on the budget: ..."):
    the subject of its verb, else its first actor mention. A clause closing the previous
    paragraph with a colon ("Berg echoed:" then the quote as a paragraph) gives its subject."""
    text = d.text
    before = text[q.para_start:q.start].rstrip()
    own_line = not before  # the colon closes the previous paragraph ("X echoed:")
    if before.endswith(":"):
        at = q.para_start + len(before) - 1
    elif own_line and text[:q.para_start].rstrip().endswith(":"):
        at = len(text[:q.para_start].rstrip()) - 1
    else:
        return None
    colon = d.token_at(at)
    if colon is None or colon.i == 0 or colon.i in d.quoted:
        return None
    start = d.ctx.sent_of(colon).start
    head = d.doc[colon.i - 1]
    while head.head.i != head.i and start <= head.head.i < colon.i and head.head.i not in d.quoted:
        head = head.head
    key = None
    subj = [c for c in head.children if c.dep_ in SUBJECT and c.i not in d.quoted]
    if subj:
        key, how = speaker_of_np(d, mem, subj[0])
        tok = subj[0]
    if key is None and not own_line:  # across paragraphs only the clause's subject speaks
        for i in range(start, colon.i):
            m = d.ctx.actors.at(i)
            if m and i not in d.quoted and mem.type_of(m.key) in ("Person", "Organization", "Country"):
                key, how, tok = m.key, "name", d.doc[i]
                break
    if key is None:
        return None
    return Speaker(key, how, d.sent_index(tok), q.paragraph, tok.idx, token=tok.i)
