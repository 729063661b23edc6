"""The public Python API of the ``kg`` package: open a store and get rows back, run named
queries, build and push; ``import kg`` stays light; the documented examples run."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

import query_fixtures as qf


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return qf.make_store(tmp_path_factory.mktemp("api") / "store")


def test_import_kg_loads_neither_the_nlp_nor_the_cli_nor_dask():
    # kg/__init__.py imports the public functions plainly (the store, queries, build, push), so
    # rdflib and pyoxigraph load; spaCy (seconds), the CLI's libraries and Dask load only when used.
    code = ("import sys, kg; heavy = ['spacy', 'rich', 'typer', 'dask', 'distributed', 'pyshacl', 'pyvis']; "
            "print(__import__('json').dumps([m for m in heavy if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_open_store_query_gives_rows(hand):
    import kg

    st = kg.open_store(hand, read_only=True)
    rows = list(st.query("SELECT DISTINCT ?name ?title WHERE { ?p rdfs:label ?name ; kg:holdsPosition/rdfs:label ?title } "
                         "ORDER BY ?name ?title"))
    assert [(r["name"].value, r["title"].value) for r in rows] == [
        ("Anna Berg", "Foreign Minister"), ("Eva Lind", "economic adviser"), ("Karl Ostrow", "Trade Minister")]
    name, title = rows[-1]  # a row unpacks like a tuple
    assert (name.value, title.value) == ("Karl Ostrow", "Trade Minister")
    assert rows[-1][0] == rows[-1]["name"]


def test_open_store_query_binds_parameters(hand):
    import kg

    st = kg.open_store(hand, read_only=True)
    rows = st.query("SELECT ?p ?name WHERE { ?p rdfs:label ?name }", bindings={"name": "Eva Lind"})
    assert [r["p"].value for r in rows] == [qf.iri("Person", "Eva Lind")]


def test_select_named_query_with_plain_values(hand):
    import datetime

    import kg

    rows = kg.select(hand, "positions", {"actor": "Anna Berg"})
    assert len(rows) == 1
    assert rows[0]["first_seen"] == datetime.date(2025, 3, 3) and rows[0]["articles"] == 2
    assert "meetings" in kg.named_queries()


def test_run_query_with_a_time_limit(hand):
    import kg

    assert bool(kg.run_query(hand, "ASK { ?p rdfs:label ?n }", {"n": "Karl Ostrow"}, timeout=60))


def test_build_and_push_are_the_modules_of_the_pipeline_and_output():
    import kg
    import kg.output.push
    import kg.pipeline.build

    assert kg.build is kg.pipeline.build and kg.push is kg.output.push
    assert callable(kg.build.build) and callable(kg.build.build_into) and callable(kg.push.push)
    with pytest.raises(kg.push.PushError, match="expected the http"):
        kg.push.push("unused", "not-a-url")


@pytest.mark.model
def test_build_then_query(seed_path, tmp_path):
    import kg

    report = kg.build.build([str(seed_path)], store=str(tmp_path / "store"))
    assert report.documents == 1
    rows = kg.select(tmp_path / "store", "meetings", {"actor": "Sergei Lavrov"})
    assert any("Marco Rubio" in r["participants"].split("; ") for r in rows)


@pytest.mark.parametrize("module", ["kg", "kg.storage.query", "kg.web.serve", "kg.output.push", "kg.storage.results"])
def test_docstring_examples_run(module):
    import importlib

    importlib.import_module(module)
    result = doctest.testmod(sys.modules[module], optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
