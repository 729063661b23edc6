"""Vocabularies read from ``kg/nlp/patterns/``: countries with their aliases and adjectives,
titles and roles, courtesy titles. Loaded once and cached."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Countries", "countries", "organizations", "name_heads", "titles", "honorifics", "read_lines"]


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
    t = " ".join(text.split())
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
