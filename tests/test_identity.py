"""Identity across documents: deterministic IRIs, idempotent rebuilds, one node per actor across
articles, and "Lavrov" / "Sergei Lavrov" merged in both build orders."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.records import Document, Entity, Evidence, Extraction, Position, Relation
from kg.rdf.iri import mint_entity_iri
from kg.rdf.mapping import extraction_to_graph
from kg.resolve import IdentityIndex, surname
from kg.store import open_store
from kg.rdf.iri import mint_article_iri

BASE = "http://example.org/kg/"
FULL = mint_entity_iri("Person", "Sergei Lavrov", BASE)
SHORT = mint_entity_iri("Person", "Lavrov", BASE)


def _article(doc_id: str, text: str, lavrov_name: str, other: str, published: str) -> Extraction:
    """A hand-made extraction: Lavrov (under ``lavrov_name``) met ``other``; he is Foreign Minister."""
    ev = Evidence(text, 0, len(text), "meet-verb", 0.85)
    lk, ok = f"Person:{lavrov_name}", f"Person:{other}"
    return Extraction(
        Document(doc_id, text, published=published),
        entities=(Entity(lk, "Person", lavrov_name), Entity(ok, "Person", other), Entity("Country:Russia", "Country", "Russia")),
        relations=(Relation(lk, "metWith", ok, ev), Relation(lk, "represents", "Country:Russia", ev)),
        positions=(Position(lk, "Foreign Minister", "Country:Russia", ev),),
    )


SHORT_ARTICLE = _article("beijing", "Lavrov met Wang Yi in Beijing.", "Lavrov", "Wang Yi", "2025-01-10")
FULL_ARTICLE = _article("ankara", "Sergei Lavrov met Hakan Fidan in Ankara.", "Sergei Lavrov", "Hakan Fidan", "2025-02-20")


def _build(store, *extractions, base=BASE, apply_after_write=False):
    """What kg.build does per batch: resolve, map, write (one batch holding all ``extractions``)."""
    idx = IdentityIndex(base).load(store)
    graphs = [extraction_to_graph(ex, idx.iris(ex), base=base) for ex in extractions]
    store.add_graphs(graphs)
    if apply_after_write:
        idx.apply_merges()
    return idx


def _quads(store) -> set[str]:
    return {str(q) for q in store.quads()}


def _persons(store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in store.query("SELECT ?p ?art WHERE { ?p a kg:Person ; kg:mentionedIn ?art }"):
        out.setdefault(r["p"].value, set()).add(r["art"].value)
    return out


# -- the index alone ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [("Sergei Lavrov", "Lavrov"), ("Jamil N. Jaffer", "Jaffer"), ("Lavrov", None)])
def test_surname(name, expected):
    assert surname(name) == expected


def test_short_name_resolves_to_the_unique_full_name():
    idx = IdentityIndex(BASE)
    idx.resolve(FULL_ARTICLE)
    ids = idx.resolve(SHORT_ARTICLE)
    assert ids["Person:Lavrov"] == FULL
    assert ids.names["Person:Lavrov"] == "Sergei Lavrov"


def test_ambiguous_surname_is_not_resolved():
    idx = IdentityIndex(BASE)
    idx.add_person("Sergei Lavrov")
    idx.add_person("Maria Lavrov")
    ids = idx.resolve(SHORT_ARTICLE)
    assert ids["Person:Lavrov"] == SHORT


def test_full_name_in_the_same_article_resolves_the_short_one():
    text = "Sergei Lavrov arrived. Lavrov met Wang Yi."
    ev = Evidence(text, 0, len(text), "r", 0.5)
    ex = Extraction(Document("same", text), entities=(Entity("P:a", "Person", "Sergei Lavrov"), Entity("P:b", "Person", "Lavrov")),
                    relations=(Relation("P:b", "metWith", "P:a", ev),))
    ids = IdentityIndex(BASE).resolve(ex)
    assert ids["P:a"] == ids["P:b"] == FULL


def test_other_types_are_never_merged_by_surname():
    idx = IdentityIndex(BASE)
    idx.add_person("Sergei Lavrov")
    ex = Extraction(Document("o", "x"), entities=(Entity("O:Lavrov", "Organization", "Lavrov"),))
    assert idx.resolve(ex)["O:Lavrov"] == mint_entity_iri("Organization", "Lavrov", BASE)


# -- in the store (no model) ------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "store")
    yield st
    st.close()


def test_same_actor_in_two_articles_is_one_node(store):
    _build(store, FULL_ARTICLE)
    _build(store, _article("moscow", "Sergei Lavrov met Wang Yi in Moscow.", "Sergei Lavrov", "Wang Yi", "2025-03-01"))
    assert _persons(store)[FULL] == {mint_article_iri("ankara", BASE), mint_article_iri("moscow", BASE)}


@pytest.mark.parametrize("order", ["full-first", "short-first"])
def test_lavrov_and_sergei_lavrov_are_one_node(store, order):
    first, second = (FULL_ARTICLE, SHORT_ARTICLE) if order == "full-first" else (SHORT_ARTICLE, FULL_ARTICLE)
    _build(store, first)
    _build(store, second)
    persons = _persons(store)
    assert SHORT not in persons
    assert persons[FULL] == {mint_article_iri("beijing", BASE), mint_article_iri("ankara", BASE)}
    labels = [r["l"] for r in store.query("SELECT DISTINCT ?l ?p WHERE { ?p rdfs:label ?l }", bindings={"p": URIRef(FULL)})]
    assert [str(x.value) for x in labels] == ["Sergei Lavrov"]
    alts = {r["l"].value for r in store.query("SELECT DISTINCT ?l ?p WHERE { ?p skos:altLabel ?l }", bindings={"p": URIRef(FULL)})}
    assert alts == {"Lavrov"}
    assert not any(SHORT in str(q) for q in store.quads()), "the short-name IRI must be gone from every graph"
    # the Beijing meeting, its evidence and the position now hang on the full-name node
    assert store.query("ASK { ?p kg:metWith ?w . ?w rdfs:label 'Wang Yi' }", bindings={"p": URIRef(FULL)})
    assert store.query("ASK { ?ev rdf:subject ?p ; kg:article ?a . ?a kg:documentId 'beijing' }", bindings={"p": URIRef(FULL)})


def test_both_build_orders_give_the_same_store(tmp_path):
    stores = {}
    for order in ("full-first", "short-first"):
        st = open_store(tmp_path / order)
        for ex in ((FULL_ARTICLE, SHORT_ARTICLE) if order == "full-first" else (SHORT_ARTICLE, FULL_ARTICLE)):
            _build(st, ex)
        stores[order] = _quads(st)
        st.close()
    only = stores["full-first"] ^ stores["short-first"]
    assert not only, "\n".join(sorted(only)[:20])


def test_rebuilding_the_short_article_after_a_merge_changes_nothing(store):
    _build(store, SHORT_ARTICLE)
    _build(store, FULL_ARTICLE)
    before = _quads(store)
    _build(store, SHORT_ARTICLE)  # e.g. kg build --rebuild
    assert _quads(store) == before


def test_same_batch_merge_is_applied_after_the_write(store):
    idx = _build(store, SHORT_ARTICLE, FULL_ARTICLE, apply_after_write=True)
    assert [m.old for m in idx.applied] == [SHORT]
    assert SHORT not in _persons(store)
    assert len(_persons(store)[FULL]) == 2


def test_same_batch_merge_left_pending_is_applied_by_the_next_build(store):
    idx = _build(store, SHORT_ARTICLE, FULL_ARTICLE)  # a build that never applied its merges
    assert [m.old for m in idx.pending] == [SHORT]
    assert SHORT in _persons(store)
    IdentityIndex(BASE).load(store)
    assert SHORT not in _persons(store)
    assert len(_persons(store)[FULL]) == 2


def test_merged_store_conforms_to_the_shapes(store):
    from kg.validate import validate_store

    _build(store, SHORT_ARTICLE)
    _build(store, FULL_ARTICLE)
    report = validate_store(store)
    assert report.conforms, report.text()


def test_read_only_store_is_never_rewritten(tmp_path):
    st = open_store(tmp_path / "s")
    _build(st, SHORT_ARTICLE)
    st.close()
    ro = open_store(tmp_path / "s", read_only=True)
    idx = IdentityIndex(BASE).load(ro)
    idx.resolve(FULL_ARTICLE)
    assert idx.applied == [] and [m.old for m in idx.pending] == [SHORT]


# -- with the real model and kg.build ------------------------------------------------------------

SHORT_TEXT = ("Foreign Minister Lavrov flew to Beijing on Monday, where he met Wang Yi. "
              "Speaking after the meeting, Lavrov said the two sides agreed on a new trade corridor.\n")
FULL_TEXT = ("Russian Foreign Minister Sergei Lavrov held talks with Turkish Foreign Minister Hakan Fidan in Ankara "
             "on Thursday. Lavrov and Fidan discussed grain exports.\n")


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory):
    d = tmp_path_factory.mktemp("two-articles")
    (d / "beijing.txt").write_text(SHORT_TEXT, encoding="utf-8")
    (d / "ankara.txt").write_text(FULL_TEXT, encoding="utf-8")
    return d


@pytest.mark.model
@pytest.mark.parametrize("order", [("beijing", "ankara"), ("ankara", "beijing")], ids=["short-first", "full-first"])
def test_build_merges_lavrov_in_either_order(tmp_path, two_articles, order):
    from kg.build import build_into

    st = open_store(tmp_path / "store")
    try:
        for name in order:
            build_into(st, [str(two_articles / f"{name}.txt")], published="2025-02-20")
        default = "https://w3id.org/kg-news/id/"
        persons = _persons(st)
        lavrovs = [p for p in persons if p.endswith("lavrov")]
        assert lavrovs == [f"{default}person/sergei-lavrov"]
        assert persons[lavrovs[0]] == {mint_article_iri("beijing", default), mint_article_iri("ankara", default)}
        assert st.query("ASK { ?p kg:metWith ?w . ?w rdfs:label 'Wang Yi' }", bindings={"p": URIRef(lavrovs[0])})
    finally:
        st.close()


@pytest.mark.model
def test_rebuilding_the_same_article_changes_nothing(tmp_path, example_path):
    from kg.build import build_into

    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(example_path)], published="2025-03-12")
        first, count = _quads(st), len(st)
        report = build_into(st, [str(example_path)], published="2025-03-12", resume=False)
        assert report.documents == 1  # really rebuilt, not skipped
        assert len(st) == count
        assert _quads(st) == first
    finally:
        st.close()


@pytest.mark.model
def test_unchanged_article_is_skipped_on_resume(tmp_path, example_path):
    from kg.build import build_into

    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(example_path)])
        count = len(st)
        report = build_into(st, [str(example_path)])
        assert (report.documents, report.unchanged, len(st)) == (0, 1, count)
    finally:
        st.close()

