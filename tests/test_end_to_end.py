"""The foundation end to end with the real model: build -> store -> Turtle, query, HTML."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from kg.rdf.namespace import KG
from kg.rdf.iri import mint_article_iri

pytestmark = pytest.mark.model


def kg_cli(*args, cwd=None, input=None):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=input, timeout=600)


@pytest.fixture(scope="module")
def seed_cli_build(tmp_path_factory, seed_path):
    d = tmp_path_factory.mktemp("seedcli")
    r = kg_cli("build", seed_path, "--store", d / "store", "--out", d / "seed.ttl", "--html", d / "seed.html")
    assert r.returncode == 0, r.stderr
    return d


def test_seed_turtle_parses_and_names_lavrov_cleanly(seed_cli_build):
    g = rdflib.Graph().parse(seed_cli_build / "seed.ttl", format="turtle")
    persons = {str(o) for s in g.subjects(RDF.type, KG.Person) for o in g.objects(s, RDFS.label)}
    assert "Sergei Lavrov" in persons
    lavrov = [s for s in g.subjects(RDFS.label, rdflib.Literal("Sergei Lavrov"))]
    assert len(lavrov) == 1 and (lavrov[0], RDF.type, KG.Person) in g
    # no title, determiner or possessive left in any person's label
    assert not [p for p in persons if re.match(r"(President|Minister|the|Mr)\b", p) or p.endswith("'s")]


def test_kg_query_finds_a_metwith_as_sparql_json(seed_cli_build):
    q = "SELECT ?a ?b WHERE { ?x kg:metWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"
    r = kg_cli("query", q, "--store", seed_cli_build / "store", "--format", "json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["head"]["vars"] == ["a", "b"]
    pairs = {frozenset((b["a"]["value"], b["b"]["value"])) for b in res["results"]["bindings"]}
    assert frozenset(("Marco Rubio", "Sergei Lavrov")) in pairs


def test_kg_query_csv_and_table(seed_cli_build):
    q = 'SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n'
    csv = kg_cli("query", q, "--store", seed_cli_build / "store", "--format", "csv")
    assert csv.returncode == 0 and csv.stdout.splitlines()[0].strip() == "n"
    assert "Sergei Lavrov" in csv.stdout.splitlines()
    table = kg_cli("query", q, "--store", seed_cli_build / "store")
    assert table.returncode == 0 and "Sergei Lavrov" in table.stdout


def test_html_holds_the_actors_and_references_nothing_remote(seed_cli_build):
    page = (seed_cli_build / "seed.html").read_text(encoding="utf-8")
    assert "Sergei Lavrov" in page and "Marco Rubio" in page
    # nothing loaded from elsewhere: no src/href to a remote or relative resource, no @import
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", page, re.I)
    assert "@import" not in page
    assert "new vis.Network" in page


def test_example_article_builds_its_meeting(example_store):
    from kg.storage.disk import open_store

    st = open_store(example_store.path, read_only=True)
    rows = list(st.query("""
        SELECT ?a ?b WHERE { ?x kg:metWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"""))
    pairs = {frozenset((r["a"].value, r["b"].value)) for r in rows}
    assert frozenset(("Helen Marsh", "Kenji Arata")) in pairs
    rows = list(st.query('SELECT ?d WHERE { ?m a kg:PhoneCall ; kg:date ?d }'))
    assert [r["d"].value for r in rows] == ["2025-03-09"]  # "on Sunday", published Wednesday 2025-03-12


def test_building_from_stdin_jsonl(tmp_path):
    line = json.dumps({"id": "s1", "text": "Portuguese President Rui Gaspar met with Irish Taoiseach Aoife Byrne in Lisbon on Friday."})
    r = kg_cli("build", "-", "--store", tmp_path / "st", "--out", tmp_path / "o.nt", input=line + "\n")
    assert r.returncode == 0, r.stderr
    nt = (tmp_path / "o.nt").read_text()
    assert f"<{mint_article_iri('s1')}>" in nt and "metWith" in nt


GAZETTEER_ARTICLE = (
    "Peruvian Foreign Minister Ana Torres met with Chilean Foreign Minister Jorge Reyes in Lima, Peru, on Monday.\n"
    "Reyes later flew to Paris for talks with French officials.\n"
    "Torres will visit Springfield next month.\n"
)


def test_countries_and_places_get_iso_codes_and_geonames_iris_with_the_real_model(tmp_path):
    """The real model finds Peru and Chile, Lima (placed in Peru), Paris and Springfield: the
    countries get their ISO codes and GeoNames IRIs, Lima and Paris theirs, Springfield (eight
    in the US) none, and the store still conforms to the shapes."""
    from kg.pipeline.build import build_into
    from kg.storage.query import select
    from kg.storage.disk import open_store
    from kg.check.validate import validate_store

    src = tmp_path / "lima.txt"
    src.write_text(GAZETTEER_ARTICLE, encoding="utf-8")
    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(src)], published="2025-03-03")
        countries = select(st, "SELECT ?name ?iso ?gn WHERE { ?c a kg:Country ; rdfs:label ?name ; "
                               "kg:iso3166Alpha2 ?iso ; schema:sameAs ?gn } ORDER BY ?name")
        places = select(st, "SELECT ?name ?gn WHERE { ?p a kg:Place ; rdfs:label ?name "
                            "OPTIONAL { ?p schema:sameAs ?gn } } ORDER BY ?name")
        report = validate_store(st)
    finally:
        st.close()
    assert [(r["name"], r["iso"], r["gn"]) for r in countries] == [
        ("Chile", "CL", "https://sws.geonames.org/3895114/"), ("Peru", "PE", "https://sws.geonames.org/3932488/")]
    assert [(r["name"], r["gn"]) for r in places] == [
        ("Lima", "https://sws.geonames.org/3936456/"), ("Paris", "https://sws.geonames.org/2988507/"),
        ("Springfield", None)]
    assert report.conforms, report.text()
