"""Vocabularies read from ``kg/nlp/patterns/``: countries with their aliases and adjectives,
titles and roles, courtesy titles. Loaded once and cached."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .vocab import vocab

__all__ = ["Countries", "countries", "organizations", "name_heads", "titles", "honorifics", "read_lines", "national_titles",
           "leader_titles", "Seat", "seats_of_government", "seats_named", "absent_offices", "is_past_title", "GroupNoun", "group_nouns", "gender_words"]


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a pattern file."""
    text = resources.files("kg.nlp").joinpath("patterns", name).read_text(encoding="utf-8")
    return [l.rstrip("\n") for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]


@dataclass(frozen=True)
class Countries:
    """Lookup of country names, aliases and adjectives (case-sensitive on the surface form)."""

    by_name: dict  # any name or alias -> canonical
    by_adjective: dict  # adjective/demonym -> canonical
    aliases: dict  # canonical -> tuple of aliases

    def canonical(self, text: str) -> str | None:
        """The canonical country for a name or alias, or ``None``.

        >>> countries().canonical("U.S.")
        'United States'
        >>> countries().canonical("Britain")
        'United Kingdom'
        """
        t = _clean(text)
        return self.by_name.get(t) or self.by_name.get(t.replace("the ", "", 1))

    def from_adjective(self, text: str) -> str | None:
        """The country of a nationality adjective or demonym.

        >>> countries().from_adjective("Russian")
        'Russia'
        """
        return self.by_adjective.get(_clean(text))


def _clean(text: str) -> str:
    t = " ".join(text.replace("\u2019", "'").split())
    if t.endswith("'s") or t.endswith("\u2019s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    return t


@lru_cache(maxsize=1)
def countries() -> Countries:
    by_name, by_adj, aliases = {}, {}, {}
    for line in read_lines("countries.tsv"):
        parts = (line.split("\t") + ["", ""])[:3]
        name, al, adj = parts[0].strip(), [a for a in parts[1].split("|") if a], [a for a in parts[2].split("|") if a]
        by_name[name] = name
        for a in al:
            by_name[a] = name
        for a in adj:
            by_adj[a] = name
        aliases[name] = tuple(al)
    return Countries(by_name, by_adj, aliases)


@lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    """Title phrases, longest first."""
    return tuple(sorted({l.strip() for l in read_lines("titles.txt")}, key=lambda s: (-len(s.split()), s)))


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return frozenset(l.strip() for l in read_lines("honorifics.txt"))


@lru_cache(maxsize=1)
def organizations() -> tuple[dict, dict]:
    """Known organisations: (any name or alias -> canonical, canonical -> aliases).

    >>> organizations()[0]["Lib Dems"]
    'Liberal Democrats'
    """
    by_name, aliases = {}, {}
    for line in read_lines("organizations.tsv"):
        parts = (line.split("\t") + [""])[:2]
        name, al = parts[0].strip(), tuple(a.strip() for a in parts[1].split("|") if a.strip())
        by_name[name] = name
        for a in al:
            by_name.setdefault(a, name)
        aliases[name] = al
    return by_name, aliases


@lru_cache(maxsize=1)
def name_heads() -> dict[str, str]:
    """Last words that type a name: "Council" -> Organization, "Square" -> Place."""
    out = {}
    for line in read_lines("name_heads.tsv"):
        word, typ = line.split("\t")[:2]
        out[word.strip()] = typ.strip()
    return out


@lru_cache(maxsize=1)
def national_titles() -> dict[str, str]:
    """Titles that name their country by themselves (``patterns/national_titles.tsv``).

    >>> national_titles()["foreign secretary"], "president" in national_titles()
    ('United Kingdom', False)
    """
    out = {}
    for line in read_lines("national_titles.tsv"):
        title, country = (c.strip() for c in line.split("\t")[:2])
        out[title.casefold()] = country
    return out


@dataclass(frozen=True)
class Seat:
    """A seat of government named for the government ("the Kremlin said"): its country and the
    titles of the office held there."""

    country: str
    titles: frozenset[str]


@lru_cache(maxsize=1)
def seats_of_government() -> dict[str, Seat]:
    """Seats of government by name as written (``patterns/seats_of_government.tsv``).

    >>> seats_of_government()["Downing Street"].country
    'United Kingdom'
    >>> "prime minister" in seats_of_government()["White House"].titles
    False
    """
    out = {}
    for line in read_lines("seats_of_government.tsv"):
        names, country, titles = (c.strip() for c in line.split("\t")[:3])
        seat = Seat(country, frozenset(t.strip().casefold() for t in titles.split("|")))
        for name in names.split("|"):
            out[name.strip()] = seat
    return out


def seats_named(text: str) -> frozenset[Seat]:
    """The seats of government a text names, as written (capitalised, whole words), for the
    government: before a capitalised word only when that word starts a title ("White House Press
    Secretary X"), never as a nickname or a name's part ("Kremlin Kate", "White House Down").

    >>> sorted(s.country for s in seats_named("Downing Street said no. White House Press Secretary Al Roe"))
    ['United Kingdom', 'United States']
    >>> seats_named("a white house on Downing Streets, dubbed Kremlin Kate")
    frozenset()
    """
    seats = seats_of_government()
    found = set()
    for m in _seat_pattern().finditer(text):
        rest = text[m.end():].lstrip(" ")
        if rest[:1].isupper() and not any(rest.casefold().startswith(t) for t in _lowered_titles()):
            continue
        found.add(seats[m.group(0)])
    return frozenset(found)


@lru_cache(maxsize=1)
def _seat_pattern() -> re.Pattern:
    names = sorted(seats_of_government(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


@lru_cache(maxsize=1)
def _lowered_titles() -> frozenset[str]:
    return frozenset(t.casefold() for t in titles())


@lru_cache(maxsize=1)
def absent_offices() -> dict[str, frozenset[str]]:
    """Titles of national office each country does not have (``patterns/absent_offices.tsv``).

    >>> "president" in absent_offices()["United Kingdom"], "president" in absent_offices().get("France", ())
    (True, False)
    """
    out = {}
    for line in read_lines("absent_offices.tsv"):
        country, titles = (c.strip() for c in line.split("\t")[:2])
        out[country] = frozenset(t.strip().casefold() for t in titles.split("|"))
    return out


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


def is_past_title(title: str) -> bool:
    """A title that names a post no longer held: "former judge", "ex-president".

    >>> is_past_title("former Prime Minister"), is_past_title("Prime Minister")
    (True, False)
    """
    return title.casefold().startswith(tuple(vocab().words("past_title_prefixes")))
