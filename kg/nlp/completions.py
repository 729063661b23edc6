"""Document-level completions of positions (kind ``completions``): a title that names its country
by itself ("Foreign Secretary" -> the United Kingdom); a title without a country takes the one
country its holder represents elsewhere in the document, or the country of the one seat of
government the article names for that office ("President Lee" in a story that names the Blue
House)."""
from __future__ import annotations

from collections.abc import Mapping

from ..records import Position, Relation
from .held import placed, prefer_specific
from .lexicon import Seat, is_past_title, national_titles
from .rules import rule
from .vocab import vocab

__all__ = ["national_origins", "complete_origins", "seat_origins"]


@rule("national-title", "completions")
def national_origins(positions: list[Position]) -> tuple[list[Position], dict[str, str]]:
    """Give a title of national office without origin its country ("Foreign Secretary X" in the
    United Kingdom; rule suffix ``/national-title``), and the country keys that must exist."""
    out, implied = [], {}
    for p in positions:
        country = national_titles().get(p.title.casefold()) if p.of is None else None
        if country and not is_past_title(p.title):
            key = f"Country:{country}"
            implied[key] = country
            p = placed(p, key, "national-title", "national-title-discount")
        out.append(p)
    return out, implied


@rule("document-country", "completions")
def complete_origins(positions: list[Position], relations: list[Relation]) -> list[Position]:
    """Give a title without origin the one country its holder represents elsewhere in the
    document ("Chile's Vidal" ... "President Vidal" -> President of Chile)."""
    represented: dict[str, set[str]] = {}
    for r in relations:
        if r.predicate == "represents" and r.status == "asserted" and r.object.startswith("Country:"):
            represented.setdefault(r.subject, set()).add(r.object)
    for p in positions:
        if p.of and p.of.startswith("Country:") and not is_past_title(p.title):
            represented.setdefault(p.person, set()).add(p.of)
    out = []
    for p in positions:
        if p.of is None and len(represented.get(p.person, ())) == 1 and not is_past_title(p.title):
            (country,) = represented[p.person]
            p = placed(p, country, "document-country", "document-country-discount")
        out.append(p)
    return prefer_specific(out)


@rule("seat-of-government", "completions")
def seat_origins(positions: list[Position], relations: list[Relation], named: frozenset[Seat],
                 sentences: Mapping[str, int]) -> list[Position]:
    """Give a title without origin ("President Lee", "his second term as prime minister") the
    country of the one seat of government the article names (``named``, see
    :func:`kg.nlp.lexicon.seats_named`) whose office has that title (the Blue House -> President of South Korea; rule suffix
    ``/seat-of-government``). Only for a holder the article is about (named in at least
    ``seat_min_sentences`` sentences: a passing "President X" may be any country's); never when
    the holder represents a country in the document or another person of the document holds that
    title of that country."""
    tied = {r.subject for r in relations if r.predicate == "represents" and r.object.startswith("Country:")}
    tied |= {p.person for p in positions if p.of and p.of.startswith("Country:") and not is_past_title(p.title)}
    held = {(p.title.casefold(), p.of) for p in positions if p.of}
    out = []
    for p in positions:
        title = p.title.casefold()
        fits = {s.country for s in named if title in s.titles}
        if (p.of is None and len(fits) == 1 and p.person not in tied and not is_past_title(p.title)
                and sentences.get(p.person, 0) >= vocab().number("seat_min_sentences")):
            (country,) = fits
            if (title, f"Country:{country}") not in held:
                p = placed(p, f"Country:{country}", "seat-of-government", "seat-of-government-discount")
        out.append(p)
    return prefer_specific(out)
