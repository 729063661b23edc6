"""Which full name a short one stands for: a surname, the last words of a name, a family name written
first, a middle initial left out ("Trump", "Abdel Salam", "Xi", "Jamil Jaffer"); which organisation
an acronym or the end of a longer name stands for ("NAO", "State Department"). The one resolver of
short names, spaCy-free, for the actors of a document and across documents alike.

Every lookup costs the same however many names are indexed: a list of thousands of names stays
linear.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

from functools import lru_cache

from rapidfuzz.fuzz import ratio

from .lexicon import countries, name_heads
from .vocab import vocab

__all__ = ["PersonNames", "OrganizationNames", "acronym_of", "surname_of", "spelling_variant", "given_name_variant",
           "formal_given_name", "small_word_variant", "is_given_name", "one_formal_name"]


def surname_of(name: str) -> str | None:
    """The surname of a person's name of two or more words (its last word), else ``None``: the
    one definition the actor rules, the quotation rules and the identity across articles share.

    >>> surname_of("Jamil N. Jaffer"), surname_of("Marsh")
    ('Jaffer', None)
    """
    words = name.split()
    return words[-1] if len(words) > 1 else None


def _suffixes(name: str) -> Iterable[str]:
    """The last words of a name, shortest last: "Hany Abdel Salam" -> "Abdel Salam", "Salam"."""
    for i, ch in enumerate(name):
        if ch == " ":
            yield name[i + 1:]


class PersonNames:
    """Full names (two words or more) of persons, and what a shorter name stands for.

    >>> names = PersonNames(["Donald Trump", "Hany Abdel Salam", "Xi Jinping", "Jamil N. Jaffer", "Jamil Jaffer"])
    >>> names.full_name("Trump"), names.full_name("Abdel Salam"), names.full_name("Xi")
    ('Donald Trump', 'Hany Abdel Salam', 'Xi Jinping')
    >>> names.full_name("Jamil Jaffer"), names.full_name("Jinping Xi")
    ('Jamil N. Jaffer', None)
    >>> PersonNames(["Ed Balls", "Ann Balls"]).full_name("Balls") is None  # two of that surname
    True
    """

    def __init__(self, full_names: Iterable[str], *, first_seen: Mapping[str, int] | None = None):
        self.full = [n for n in dict.fromkeys(full_names) if len(n.split()) > 1]
        self._seen = first_seen or {}  # where each name (full or short) is first written
        self._set = set(self.full)
        self._by_surname: dict[str, set] = defaultdict(set)
        self._by_first_last: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._by_first: dict[str, list[str]] = defaultdict(list)
        self._by_suffix: dict[str, list[str]] = defaultdict(list)  # "Abdel Salam" -> ["Hany Abdel Salam"]
        for full in self.full:
            fw = full.split()
            self._by_surname[surname_of(full)].add(full)
            self._by_first_last[fw[0], fw[-1]].append(full)
            self._by_first[fw[0]].append(full)
            for suffix in _suffixes(full):
                self._by_suffix[suffix].append(full)

    def ending_with(self, words: str) -> list[str]:
        """The full names that end with ``words`` (a proper suffix of whole words)."""
        return self._by_suffix.get(words, [])

    def full_name(self, text: str) -> str | None:
        """The one full name ``text`` stands for, or ``None`` when none or several fit."""
        words = text.split()
        if not words:
            return None
        if text in self._set:
            longer = [f for f in self._by_first_last.get((words[0], words[-1]), ()) if len(f.split()) > len(words)]
            if not longer:  # "Abdel Salam" after "Hany Abdel Salam": the last words of one longer name
                longer = self._by_suffix.get(text, [])
            return longer[0] if len(longer) == 1 else text  # "Jamil Jaffer" -> "Jamil N. Jaffer"
        cands = self._by_surname.get(words[-1])
        if not cands:
            if len(words) == 1:
                # a family name written first ("Lee" after "Lee Soo-jin", "Xi" after "Xi Jinping"):
                # the one full name that starts with the word, none ending with it
                led = self._by_first.get(words[0], [])
                return led[0] if len(led) == 1 else self._introduced_first(text, led)
            return None
        first = words[0] if len(words) > 1 else None
        # "Trump" after "Donald Trump" and "Donald J. Trump": one person written two ways
        fits = sorted({self.full_name(f) or f for f in cands if first is None or f.split()[0] == first})
        if not fits and len(words) > 1:  # "Abdel Salam" after "Hany Abdel Salam": the last words
            fits = sorted(f for f in cands if len(f.split()) > len(words) and f.endswith(" " + text))
        return fits[0] if len(fits) == 1 else self._introduced_first(text, fits)

    def _introduced_first(self, text: str, fits: list[str]) -> str | None:
        """Of several persons a short name fits, the one the reader knew when it was first
        written: introduced before it, while the next one was introduced only after it ("Trump"
        after "President Donald Trump", before "Melania Trump"); else ``None``.

        >>> seen = {"Donald Trump": 0, "Trump": 5, "Melania Trump": 40, "Brown": 2, "Nick Brown": 1, "Gordon Brown": 0}
        >>> names = PersonNames(seen, first_seen=seen)
        >>> names.full_name("Trump"), names.full_name("Brown")
        ('Donald Trump', None)
        """
        at = self._seen.get(text)
        order = sorted((self._seen[f], f) for f in set(fits) if f in self._seen)
        if at is None or len(order) < 2 or len(order) != len(set(fits)):
            return None
        if order[0][0] < at < order[1][0]:
            return order[0][1]
        return None


def spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name: the same words but one, written alike ("Ras al-Ayn", "Ras
    al-Ain"), never
    two different first words ("Labour Party" in Britain, "Labor Party" in Australia) or short words
    ("Iraq", "Iran").

    >>> spelling_variant("Ras al-Ayn", "Ras al-Ain"), spelling_variant("Labour Party", "Labor Party")
    (True, False)
    >>> spelling_variant("Austrian Airlines", "Australian Airlines"), spelling_variant("East Sussex", "West Sussex")
    (False, False)
    >>> spelling_variant("Ras al-Ayn", "Ras al-Ayn"), spelling_variant("Bank of Iraq", "Bank of Iran")
    (False, False)
    """
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[0] != wb[0] or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    v = vocab()
    return (min(len(x), len(y)) >= v.number("variant_min_word_length") and x[0].casefold() == y[0].casefold()
            and ratio(x.casefold(), y.casefold()) >= v.number("variant_min_similarity"))


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Given name -> the given names it is a nickname of or has as nicknames, from the curated
    English data set of the ``nicknames`` package (its ``has_nickname`` relation only: never its
    translations)."""
    from nicknames import name_triplets

    out: dict[str, set[str]] = defaultdict(set)
    for t in name_triplets():
        if t.relationship == "has_nickname":
            out[t.name1].add(t.name2)
            out[t.name2].add(t.name1)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _formal_names() -> frozenset[str]:
    from nicknames import name_triplets

    return frozenset(t.name1 for t in name_triplets() if t.relationship == "has_nickname")


def is_given_name(word: str) -> bool:
    """A given name of the ``nicknames`` data set (English given names and their nicknames).

    >>> is_given_name("Oliver"), is_given_name("Law")
    (True, False)
    """
    return word.casefold() in _nicknames()


def given_name_variant(a: str, b: str) -> bool:
    """Two forms of one person's name: the same surname and the rest alike, but for a given name
    written as a nickname of the other ("Vince Cable", "Vincent Cable"; "Jim Callaghan", "James
    Callaghan").

    >>> given_name_variant("Vince Cable", "Vincent Cable"), given_name_variant("Jim Callaghan", "James Callaghan")
    (True, True)
    >>> given_name_variant("Tony Blair", "Cherie Blair"), given_name_variant("Vince Cable", "Vincent Kable")
    (False, False)
    """
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wa) != len(wb) or wa[1:] != wb[1:] or wa[0] == wb[0]:
        return False
    return wb[0].casefold() in _nicknames().get(wa[0].casefold(), ())


def one_formal_name(a: str, b: str) -> bool:
    """Of two given-name variants, the nickname is a nickname of one formal name only ("Jim":
    James), so the two can only be one name; "Andy" (Andrew, Andrea) or "Vince" (Vincent,
    Vincenzo) can be several.

    >>> one_formal_name("Jim Callaghan", "James Callaghan"), one_formal_name("Andy Williams", "Andrea Williams")
    (True, False)
    """
    x, y = a.split()[0].casefold(), b.split()[0].casefold()
    nn = _nicknamer()
    for formal, nick in ((x, y), (y, x)):
        if nick in nn.nicknames_of(formal):
            return nn.canonicals_of(nick) == {formal}
    return False


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def formal_given_name(a: str, b: str) -> str:
    """Of two given-name variants of one name, the one written with the formal given name (the
    one the other is a nickname of), else the first in alphabetical order: a choice that does not
    depend on which was met first.

    >>> formal_given_name("Vince Cable", "Vincent Cable"), formal_given_name("James Callaghan", "Jim Callaghan")
    ('Vincent Cable', 'James Callaghan')
    """
    fa, fb = (n.split()[0].casefold() in _formal_names() for n in (a, b))
    if fa != fb:
        return a if fa else b
    return min(a, b)


def small_word_variant(a: str, b: str) -> bool:
    """Two writings of one organisation's name that differ only in their small words ("Institute
    for Fiscal Studies", "Institute of Fiscal Studies"), as many words each.

    >>> small_word_variant("Institute for Fiscal Studies", "Institute of Fiscal Studies")
    True
    >>> small_word_variant("Bank of England", "Bank of Ireland"), small_word_variant("Labour Party", "Labour Party")
    (False, False)
    """
    if a == b:
        return False
    small = vocab().words("acronym_small_words")
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 3:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return all(x.casefold() in small and y.casefold() in small for x, y in diff)


def acronym_of(name: str) -> str | None:
    """The initials of a name of two or more words, small words left out, as an acronym is
    written; None for shorter names.

    >>> acronym_of("Liberal Democratic Party"), acronym_of("National Audit Office")
    ('LDP', 'NAO')
    >>> acronym_of("Trades Union Congress"), acronym_of("Institute for Fiscal Studies"), acronym_of("Labour")
    ('TUC', 'IFS', None)
    """
    small = vocab().words("acronym_small_words")
    words = [w for w in name.replace("-", " ").split() if w.casefold() not in small]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


class OrganizationNames:
    """The canonical name of an organisation: from the known organisations, the longer name it
    ends ("State Department" in "U.S. State Department") or the one name its acronym stands for.

    >>> orgs = OrganizationNames(["U.S. State Department", "National Audit Office", "NAO", "Heritage Foundation"], {})
    >>> orgs.canonical("State Department"), orgs.canonical("NAO"), orgs.canonical("Heritage")
    ('U.S. State Department', 'National Audit Office', 'Heritage Foundation')
    >>> orgs.canonical("Labour"), OrganizationNames(["Labour Party", "Labour Friends"], {}).canonical("Labour")
    ('Labour', 'Labour Party')
    >>> OrganizationNames(["Brookings India"], {}).canonical("Brookings")  # a branch, not the body
    'Brookings'
    """

    def __init__(self, names: Iterable[str], known: Mapping[str, str]):
        self.known = known  # any known name or alias -> canonical
        self._by_suffix: dict[str, str] = {}  # the first (longest) name ending in each word suffix
        self._by_acronym: dict[str, set] = defaultdict(set)  # "LDP" -> {"Liberal Democratic Party"}
        self._by_first_word: dict[str, set] = defaultdict(set)  # "Heritage" -> {"Heritage Foundation"}
        for longer in sorted(set(names), key=lambda n: (-len(n), n)):  # longest first, then by name
            if (initials := acronym_of(longer)) is not None:
                self._by_acronym[initials].add(known.get(longer, longer))
            first, *rest = longer.split()
            if rest and all(name_heads().get(w) == "Organization" for w in rest):
                # "Heritage" for "Heritage Foundation"; never "Brookings" for "Brookings India"
                self._by_first_word[first].add(known.get(longer, longer))
            for suffix in _suffixes(longer):
                self._by_suffix.setdefault(suffix, longer)

    def canonical(self, text: str) -> str:
        if text in self.known:
            return self.known[text]
        longer = self._by_suffix.get(text)
        if longer is not None and longer != text and not countries().canonical(text):
            return self.known.get(longer, longer)
        expansions = self._by_acronym.get(text.replace(".", ""), set())
        if len(expansions) == 1 and not countries().canonical(text):
            return next(iter(expansions))  # "LDP" after "Liberal Democratic Party"
        led = self._by_first_word.get(text, set()) if " " not in text else set()
        if len(led) == 1 and not countries().canonical(text) and not countries().from_adjective(text):
            return next(iter(led))  # "Heritage" after "Heritage Foundation"
        return text
