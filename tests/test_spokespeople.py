"""Statements made on someone's behalf (kg:onBehalfOf), from hand-built records through a real
embedded store: the ``quotations`` named query (library and ``kg query``), and the actor pages of
``kg serve`` (speaker and principal), escaped."""
from __future__ import annotations

import csv
import io

import pytest

import query_fixtures as qf
from kg.cli import main
from kg.records import Document, Entity, Evidence, Extraction, Quotation
from kg.storage.query import select

S1 = "\"We will not attend,\" said Carl Holt, a spokesman for Anna Berg."
S2 = "A Kremlin spokesman said the talks were useful."
S3 = "\"It rained,\" Carl Holt said."
TEXT = f"{S1} {S2} {S3}"


def _ev(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence), "hand", 0.7)


def spokes_extraction() -> Extraction:
    return Extraction(
        Document("spokes", TEXT, published="2025-05-01"),
        entities=(Entity("berg", "Person", "Anna Berg"), Entity("holt", "Person", "Carl Holt"),
                  Entity("kremlin", "Organization", "Kremlin")),
        quotations=(
            Quotation("We will not attend,", "holt", "direct", _ev(S1), cue="said", on_behalf_of="berg"),
            # the spokesman is unnamed: the organisation speaks, for itself
            Quotation("the talks were useful", "kremlin", "indirect", _ev(S2), cue="said", on_behalf_of="kremlin"),
            Quotation("It rained,", "holt", "direct", _ev(S3), cue="said"),
        ),
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    path = tmp_path_factory.mktemp("spokes") / "store"
    st = open_store(path)
    try:
        st.add_graphs([*qf.graphs(), extraction_to_graph(spokes_extraction(), base=qf.BASE)])
    finally:
        st.close()
    return path


def _spokes_rows(rows):
    return [(r["speaker"], r["principal"], r["quote"]) for r in rows if r["article"] == "spokes"]


def test_quotations_has_a_principal_column_empty_when_none(store):
    rows = select(store, "quotations")
    assert _spokes_rows(rows) == [
        ("Carl Holt", "Anna Berg", "We will not attend,"),
        ("Kremlin", "Kremlin", "the talks were useful"),
        ("Carl Holt", None, "It rained,"),
    ]
    # the statements of the hand fixture have no principal
    assert {r["principal"] for r in rows if r["article"] != "spokes"} == {None}
    assert len([r for r in rows if r["article"] != "spokes"]) == 4


@pytest.mark.parametrize("actor, expected", [
    # a principal's statements include what its spokespeople said for it
    ("Anna Berg", {("Carl Holt", "Anna Berg", "We will not attend,")}),
    ("Carl Holt", {("Carl Holt", "Anna Berg", "We will not attend,"), ("Carl Holt", None, "It rained,")}),
    ("kremlin", {("Kremlin", "Kremlin", "the talks were useful")}),
])
def test_quotations_by_speaker_or_principal(store, actor, expected):
    assert set(_spokes_rows(select(store, "quotations", {"actor": actor}))) == expected


def test_kg_query_quotations_prints_the_principal(store, capsys):
    code = main(["query", "quotations", "--store", str(store), "--param", "actor=Anna Berg", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["speaker"], r["principal"], r["quote"]) for r in rows if r["article"] == "spokes"] == [
        ("Carl Holt", "Anna Berg", "We will not attend,")]
    code = main(["query", "quotations", "--store", str(store), "--param", "actor=Eva Lind", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.splitlines()[0].split(",")[:2] == ["speaker", "principal"]
    assert len(out.splitlines()) == 1  # the header only


def test_the_actor_pages_show_speaker_and_principal(store):
    from kg.storage.disk import open_store
    from kg.web import actors, browse

    st = open_store(store, read_only=True)
    try:
        holt, berg, kremlin = (qf.iri(t, n) for t, n in
                               (("Person", "Carl Holt"), ("Person", "Anna Berg"), ("Organization", "Kremlin")))
        page = actors.actor_page(st, holt, browse.node_info(st, holt))
        said = {s.text: (s.other_label, s.status, s.others) for s in page.statements}
        assert said == {"We will not attend,": ("Anna Berg", None, []), "It rained,": (None, None, [])}
        page = actors.actor_page(st, berg, browse.node_info(st, berg))
        said = {s.text: (s.other_label, s.status, s.others) for s in page.statements}
        assert said["We will not attend,"] == (None, "on-behalf", [(holt, "Carl Holt")])
        assert {"We found common ground", "No deal yet"} <= set(said)  # her own, from the fixture
        page = actors.actor_page(st, kremlin, browse.node_info(st, kremlin))
        assert [(s.text, s.other, s.status) for s in page.statements] == [("the talks were useful", None, None)]
    finally:
        st.close()
