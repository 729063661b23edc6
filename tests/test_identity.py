"""Identity across documents: deterministic IRIs, idempotent rebuilds, one node per actor across
articles, and "Lavrov" / "Sergei Lavrov" merged in both build orders."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.records import Document, Entity, Evidence, Extraction, Position, Relation
from kg.rdf.iri import mint_entity_iri
from kg.rdf.mapping import extraction_to_graph
from kg.pipeline.resolve import IdentityIndex, merge_update, surname
from kg.storage.disk import open_store
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


def _build(store, *extractions, base=BASE, write_merges=True):
    """What kg.pipeline.build does per batch: resolve, map, write the graphs and the merges in one
    transaction (one batch holding all ``extractions``); ``write_merges=False`` leaves the merges
    pending, as a caller that never wrote them would."""
    idx = IdentityIndex(base).load(store)
    graphs = [extraction_to_graph(ex, idx.iris(ex), base=base) for ex in extractions]
    if write_merges:
        merges = idx.take_merges()
        store.add_graphs(graphs, update=merge_update(merges) or None)
        idx.applied.extend(merges)
    else:
        store.add_graphs(graphs)
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


def test_same_batch_merge_is_applied_with_the_write(store):
    idx = _build(store, SHORT_ARTICLE, FULL_ARTICLE)
    assert [m.old for m in idx.applied] == [SHORT]
    assert SHORT not in _persons(store)
    assert len(_persons(store)[FULL]) == 2


def test_same_batch_merge_left_pending_is_applied_by_the_next_build(store):
    idx = _build(store, SHORT_ARTICLE, FULL_ARTICLE, write_merges=False)  # a caller that never wrote its merges
    assert [m.old for m in idx.pending] == [SHORT]
    assert SHORT in _persons(store)
    IdentityIndex(BASE).load(store)
    assert SHORT not in _persons(store)
    assert len(_persons(store)[FULL]) == 2


def test_merged_store_conforms_to_the_shapes(store):
    from kg.check.validate import validate_store

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


# -- with the real model and kg.pipeline.build ------------------------------------------------------------

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
    from kg.pipeline.build import build_into

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
    from kg.pipeline.build import build_into

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
    from kg.pipeline.build import build_into

    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(example_path)])
        count = len(st)
        report = build_into(st, [str(example_path)])
        assert (report.documents, report.unchanged, len(st)) == (0, 1, count)
    finally:
        st.close()



# -- merges are written in the batch's transaction (a write failure injected at each write) ---------

class _DiskFullAt:
    """A pyoxigraph store whose ``fail_at``-th write raises the error a full disk gives; every other
    call goes to the real store (a write error injected where a full disk would stop the build)."""

    WRITES = {"add", "extend", "bulk_extend", "update", "remove", "load", "bulk_load", "add_graph", "remove_graph",
              "clear_graph", "clear"}

    def __init__(self, store, fail_at: int):
        self._real, self.fail_at, self.writes = store, fail_at, 0

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        if name not in self.WRITES:
            return attr

        def write(*args, **kwargs):
            self.writes += 1
            if self.writes == self.fail_at:
                raise OSError("IO error: No space left on device (injected)")
            return attr(*args, **kwargs)
        return write

    def __len__(self):
        return len(self._real)


def _fillers(d, n: int) -> list:
    """``n`` small articles to build after the ones under test, so that the injected failure is
    never the build's last write."""
    out = []
    for i in range(n):
        out.append(d / f"oslo-{i}.txt")
        out[-1].write_text(f"Carl Holt met Anna Berg in Oslo on Monday, for the {i + 1}. time.\n", encoding="utf-8")
    return out


def _labelless_persons(st) -> list[str]:
    """Persons of an article graph that carry no rdfs:label in that graph."""
    q = "SELECT ?p ?g WHERE { GRAPH ?g { ?p a kg:Person } FILTER NOT EXISTS { GRAPH ?g { ?p rdfs:label ?l } } }"
    return [f"{r['p'].value} in {r['g'].value}" for r in st.query(q)]


def _build_failing(st, docs, fail_at: int, batch_docs: int) -> bool:
    """Build the files ``docs`` into the open store ``st`` whose ``fail_at``-th write fails;
    whether the build failed."""
    from kg.pipeline.build import build_into
    from kg.errors import StoreError

    st._store = _DiskFullAt(st._store, fail_at)  # noqa: SLF001  (fault injection)
    try:
        build_into(st, [str(p) for p in docs], published="2025-02-20", batch_docs=batch_docs)
        return False
    except StoreError as exc:
        assert "No space left on device" in str(exc)
        return True
    finally:
        st._store = st._store._real  # noqa: SLF001


@pytest.mark.model
@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_merge_with_an_earlier_article_is_one_transaction_with_the_batch(tmp_path, two_articles, fail_at):
    """Beijing (only 'Lavrov') is committed; the batch holding Ankara ('Sergei Lavrov') re-points
    it. Whichever write fails, the store is as before the batch, or the whole batch and its merge
    are in: never a person without rdfs:label (issue 18.4)."""
    from kg.pipeline.build import build_into

    fillers = _fillers(tmp_path, 3)
    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(two_articles / "beijing.txt")], published="2025-02-20")
        before = _quads(st)
        assert "https://w3id.org/kg-news/id/person/lavrov" in _persons(st)
        # batch_docs=1: Ankara is a batch of its own; later batches follow it
        failed = _build_failing(st, [two_articles / "ankara.txt", *fillers], fail_at, batch_docs=1)
        assert _labelless_persons(st) == []
        persons = _persons(st)
        if any(a.startswith("https://w3id.org/kg-news/id/article/ankara") for arts in persons.values() for a in arts):
            assert "https://w3id.org/kg-news/id/person/lavrov" not in persons, "batch committed without its merge"
        else:
            assert failed and _quads(st) == before, "the failed batch changed the store"
    finally:
        st.close()
    if fail_at == 1:
        assert failed  # the very first write is the batch holding Ankara and its merge


@pytest.mark.model
def test_merge_within_one_batch_is_written_with_that_batch(tmp_path, two_articles):
    """Beijing ('Lavrov') and Ankara ('Sergei Lavrov') in one batch: the batch is committed merged,
    even when the build stops at the very next write (the merge never waits for the next build;
    issue 19.10)."""
    fillers = _fillers(tmp_path, 3)
    st = open_store(tmp_path / "store")
    try:
        failed = _build_failing(st, [two_articles / "beijing.txt", two_articles / "ankara.txt", *fillers], 2,
                                batch_docs=2)
        assert failed
        persons = _persons(st)
        default = "https://w3id.org/kg-news/id/"
        from kg.rdf.iri import mint_article_iri

        assert persons[f"{default}person/sergei-lavrov"] == {mint_article_iri("beijing", default),
                                                             mint_article_iri("ankara", default)}
        assert f"{default}person/lavrov" not in persons
        assert _labelless_persons(st) == []
    finally:
        st.close()


def test_merges_applied_in_memory_equal_the_store_rewrite(store):
    """A batch sent to an endpoint (--push) is re-pointed in memory before it is sent: the graphs
    are those the store holds after writing the same batch with its merge."""
    from kg.pipeline.resolve import repoint_graphs

    _build(store, SHORT_ARTICLE, FULL_ARTICLE)  # one batch: the merge is written with it
    idx = IdentityIndex(BASE)
    graphs = [extraction_to_graph(ex, idx.iris(ex), base=BASE) for ex in (SHORT_ARTICLE, FULL_ARTICLE)]
    repoint_graphs(graphs, idx.take_merges())
    in_memory = {(str(s), str(p), str(o), str(g.identifier)) for g in graphs for s, p, o in g}
    stored = {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value) for q in store.quads()}
    assert in_memory == stored
    assert not any(SHORT in t for t in in_memory)
