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
