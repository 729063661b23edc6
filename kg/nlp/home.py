"""The article's own country, and the posts of national office it gives a country to.

A story's home country comes from its metadata (a JSON Lines ``country`` field, ``kg build
--country``) or from its dateline: the country the dateline names ("NAIROBI, Kenya"), the region's
country ("WATFORD, England") or the country of the city ("DUBLIN", "WASHINGTON": the gazetteer's
city of that name, when it is far more populous than any other country's). Else it is unknown and
nothing is inferred.

Rule ``home-country``: a title of national office with no country ("Prime Minister Micheál Martin"
in a DUBLIN story) is held in the home country, only when nothing in the article ties the person
to a country, and no one else in the article holds that title in another country ("President
Trump" beside "Chinese President Xi" stays without country: the story is about two presidents).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer import country_of_code, places
from ..records import Document, Evidence, Position, Relation
from .datelines import opening_dateline
from .held import placed
from .lexicon import absent_offices, countries, is_past_title
from .rules import rule
from .vocab import vocab

__all__ = ["Home", "home_country", "home_origins", "dateline_country", "known_country"]


@dataclass(frozen=True)
class Home:
    """The article's country (our canonical name) and where it comes from: ``metadata`` or the
    dateline (then with the dateline as evidence)."""

    country: str
    source: str
    evidence: Evidence | None = None


def _city_country(name: str) -> str | None:
    """The country of the city a dateline names: the only one of that name, or one far more
    populous than any of another country (Washington, D.C. over Washington, England)."""
    cities = sorted((p for p in places(name, kind="city") if p.country), key=lambda p: -(p.population or 0))
    if not cities:
        return None
    top = cities[0]
    others = [p for p in cities[1:] if p.country != top.country]
    ratio = vocab().number("dateline_city_population_ratio")
    if others and (top.population or 0) < ratio * (others[0].population or 0):
        return None
    return top.country


def dateline_country(place: str, region: str | None) -> str | None:
    """The country of a dateline's place and region.

    >>> dateline_country("Nairobi", "Kenya"), dateline_country("Watford", "England")
    ('Kenya', 'United Kingdom')
    >>> dateline_country("Dublin", None), dateline_country("Washington", None)
    ('Ireland', 'United States')
    >>> dateline_country("Valencia", None), dateline_country("Narnia", None)  # Spain or Venezuela; unknown
    (None, None)
    """
    if region:
        country = countries().canonical(region)
        if country:
            return country
        regions = {p.country for p in places(region, kind="region") if p.country}
        if len(regions) == 1:
            return regions.pop()
    return countries().canonical(place) or _city_country(place)


def known_country(name: str) -> str | None:
    """Our canonical name of a country given by name, alias or ISO 3166 alpha-2 code.

    >>> known_country("GB"), known_country("Britain"), known_country("Narnia")
    ('United Kingdom', 'United Kingdom', None)
    """
    name = name.strip()
    return countries().canonical(name) or (country_of_code(name.upper()) if len(name) == 2 else None)


def home_country(document: Document, text: str) -> Home | None:
    """The home country of a document: its metadata's, else its dateline's, else ``None``."""
    if document.country:
        country = known_country(document.country)
        return Home(country, "metadata") if country else None
    found = opening_dateline(text)
    if found is None:
        return None
    dateline, start = found
    country = dateline_country(dateline.place, dateline.region)
    if country is None:
        return None
    ev = Evidence(sentence=dateline.head, start=start, end=start + len(dateline.head), rule="home-country",
                  confidence=vocab().confidence("home-country"))
    return Home(country, "dateline", ev)


def _tied(positions: list[Position], relations: list[Relation]) -> dict[str, set[str]]:
    """The countries the article ties each person to (a post or a represents)."""
    tied: dict[str, set[str]] = {}
    for p in positions:
        if p.of and p.of.startswith("Country:"):
            tied.setdefault(p.person, set()).add(p.of)
    for r in relations:
        if r.predicate == "represents" and r.object.startswith("Country:"):
            tied.setdefault(r.subject, set()).add(r.object)
    return tied


def is_national_office(title: str) -> bool:
    """A title of national office: one of the list, or a portfolio before "Secretary" ("Culture
    Secretary", "Work and Pensions Secretary"), but no secretary of a party, a press office or the
    opposition ("Shadow Home Secretary", "General Secretary", "Press Secretary"). A portfolio
    "Minister" is left out: regions have those too ("Scottish Health Minister").

    >>> is_national_office("Culture, Media and Sport Secretary"), is_national_office("Fisheries Minister")
    (True, False)
    >>> is_national_office("Shadow Culture Secretary"), is_national_office("press secretary"), is_national_office("Secretary")
    (False, False, False)
    """
    v = vocab()
    words = " ".join(title.casefold().replace(",", " ").split()).split()
    if " ".join(words) in v.words("national_office_titles"):
        return True
    return (len(words) >= 2 and words[-1] in v.words("portfolio_title_heads")
            and not set(words[:-1]) & v.words("non_office_title_words"))


@rule("home-country", "completions", words=("national_office_titles", "portfolio_title_heads", "non_office_title_words",
                                            "dateline_city_population_ratio"))
def home_origins(positions: list[Position], relations: list[Relation], home: Home | None) -> list[Position]:
    """A title of national office with no country is held in the article's home country (dateline or metadata), when nothing ties the person elsewhere.

    The positions with the home country given to those that qualify (rule suffix
    ``/home-country``, lower confidence)."""
    if home is None:
        return positions
    key = f"Country:{home.country}"
    tied = _tied(positions, relations)
    foreign = {p.title.casefold() for p in positions if p.of and p.of.startswith("Country:") and p.of != key}
    out = []
    for p in positions:
        title = " ".join(p.title.casefold().split())
        if (p.of is None and is_national_office(title) and title not in foreign
                and title not in absent_offices().get(home.country, ()) and not tied.get(p.person)
                and not is_past_title(p.title)):
            p = placed(p, key, "home-country", "home-country")
        out.append(p)
    return out
