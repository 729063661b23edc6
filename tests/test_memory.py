"""Corpus memory (kg.pipeline.memory) and the article's home country, through real builds into
an embedded store: what one article states about a person fills in another article."""
from __future__ import annotations

import json

import pytest

import kg
from kg.pipeline.build import build_into
from kg.pipeline.memory import RULE, Stated, fill_in

pytestmark = pytest.mark.model

STATES = "Prime Minister Ana Reyes of Peru opened the session in Lima on Monday.\n"
MENTIONS = "Ms Reyes spoke about the budget, and Ana Reyes left early.\n"
OTHER = "Carl Holt went to the market.\n"

_FILLED = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?doc ?person ?of ?source ?sentence ?confidence WHERE {
  GRAPH ?g { ?ev kg:rule "corpus-memory" ; rdf:subject ?p ; rdf:object ?x ; kg:article ?a ; kg:sentence ?sentence ;
               kg:confidence ?confidence . ?p kg:represents ?x . ?g kg:documentId ?doc }
  GRAPH ?a { ?a kg:documentId ?source }
  ?p rdfs:label ?person . ?x rdfs:label ?of
} ORDER BY ?doc"""


def _jsonl(tmp_path, name, records):
    p = tmp_path / name
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(p)


def _filled(store):
    return [(r["doc"], r["person"], r["of"], r["source"]) for r in kg.select(store, _FILLED)]


def test_an_affiliation_stated_in_one_article_fills_in_another_of_the_period(tmp_path):
    path = _jsonl(tmp_path, "a.jsonl", [
        {"id": "states", "text": STATES, "published": "2024-03-04"},
        {"id": "mentions", "text": MENTIONS, "published": "2024-05-01"},
        {"id": "other", "text": OTHER, "published": "2024-05-01"},
    ])
    store = kg.open_store(str(tmp_path / "st"))
    report = build_into(store, [path])
    assert report.filled_in == 1
    assert _filled(store) == [("mentions", "Ana Reyes", "Peru", "states")]
    (row,) = kg.select(store, _FILLED)
    assert row["sentence"] == STATES.strip() and float(row["confidence"]) < 0.9
    # the evidence points into the article it came from: its offsets index that text
    from kg.check.validate import validate_store

    assert validate_store(store).conforms


def test_the_same_store_whatever_the_build_order(tmp_path):
    a = _jsonl(tmp_path, "a.jsonl", [{"id": "states", "text": STATES, "published": "2024-03-04"}])
    b = _jsonl(tmp_path, "b.jsonl", [{"id": "mentions", "text": MENTIONS, "published": "2024-05-01"}])
    one, two = kg.open_store(str(tmp_path / "one")), kg.open_store(str(tmp_path / "two"))
    build_into(one, [a])
    build_into(one, [b])
    build_into(two, [b])
    assert _filled(two) == []  # nothing states it yet
    build_into(two, [a])
    assert _filled(one) == _filled(two) == [("mentions", "Ana Reyes", "Peru", "states")]
    assert sorted(map(str, one.quads())) == sorted(map(str, two.quads()))


def test_no_fill_across_periods_or_against_what_the_article_says(tmp_path):
    path = _jsonl(tmp_path, "a.jsonl", [
        {"id": "states", "text": STATES, "published": "2020-01-06"},
        {"id": "years-later", "text": MENTIONS, "published": "2024-05-01"},
        {"id": "says-otherwise", "text": "Chilean envoy Ana Reyes spoke.\n" + MENTIONS, "published": "2020-01-07"},
    ])
    store = kg.open_store(str(tmp_path / "st"))
    build_into(store, [path])
    assert _filled(store) == []


def test_a_rebuild_forgets_what_is_no_longer_stated(tmp_path):
    states = _jsonl(tmp_path, "a.jsonl", [{"id": "states", "text": STATES, "published": "2024-03-04"},
                                          {"id": "mentions", "text": MENTIONS, "published": "2024-05-01"}])
    store = kg.open_store(str(tmp_path / "st"))
    build_into(store, [states])
    assert len(_filled(store)) == 1
    changed = _jsonl(tmp_path, "b.jsonl", [{"id": "states", "text": OTHER, "published": "2024-03-04"}])
    build_into(store, [changed])  # the article that stated it now says something else
    assert _filled(store) == []


def test_fill_in_needs_agreement_for_countries_and_two_articles_for_organisations():
    s = lambda of, kind, art: Stated("p", of, kind, art, None, "s", 0, 1)  # noqa: E731
    mentions = [("p", "b", None)]
    assert [f.of for f in fill_in([s("c:peru", "Country", "a1"), s("c:chile", "Country", "a2")], mentions)] == []
    assert [f.of for f in fill_in([s("o:party", "Organization", "a1")], mentions)] == []
    assert [f.of for f in fill_in([s("o:party", "Organization", "a1"), s("o:party", "Organization", "a2")],
                                  mentions)] == ["o:party"]


def test_home_country_from_the_option_and_from_the_records(tmp_path):
    text = "Prime Minister Ana Reyes opened the session.\n"
    path = _jsonl(tmp_path, "a.jsonl", [{"id": "stated", "text": text, "country": "Peru"},
                                        {"id": "plain", "text": text.replace("Ana Reyes", "Carl Holt")}])
    store = kg.open_store(str(tmp_path / "st"))
    build_into(store, [path], country="CL")
    got = {(r["person"], r["of"], r["rule"]) for r in kg.select(store, """
        PREFIX kg: <https://w3id.org/kg-news/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?person ?of ?rule WHERE { ?ev rdf:predicate kg:represents ; rdf:subject ?p ; rdf:object ?x ;
            kg:rule ?rule . ?p rdfs:label ?person . ?x rdfs:label ?of }""")}
    assert got == {("Ana Reyes", "Peru", "title-premodifier/home-country"),
                   ("Carl Holt", "Chile", "title-premodifier/home-country")}


def test_kg_build_refuses_a_country_it_does_not_know(tmp_path):
    from kgrun import run_kg

    (tmp_path / "a.txt").write_text("Anna Berg spoke.\n", encoding="utf-8")
    res = run_kg("build", "a.txt", "--country", "Narnia", "--store", "st", cwd=tmp_path)
    assert res.code == 2 and "--country Narnia" in res.err and "Traceback" not in res.err
    assert RULE == "corpus-memory"


def test_a_build_without_memory_fills_nothing_and_the_next_one_catches_up(tmp_path):
    path = _jsonl(tmp_path, "a.jsonl", [{"id": "states", "text": STATES, "published": "2024-03-04"},
                                        {"id": "mentions", "text": MENTIONS, "published": "2024-05-01"}])
    store = kg.open_store(str(tmp_path / "st"))
    report = build_into(store, [path], memory=False)
    assert report.filled_in == 0 and _filled(store) == []
    more = _jsonl(tmp_path, "b.jsonl", [{"id": "other", "text": OTHER}])
    report = build_into(store, [more])
    assert report.filled_in == 1 and len(_filled(store)) == 1
