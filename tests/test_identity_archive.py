"""One node per actor across an archive (issue 14.4): a surname with a courtesy title ("Mr Blair")
among several persons of that surname, names without their middle initial, given-name nicknames,
organisations by the short forms other articles state, small-word variants and one-word ends.
Every rule is checked in both build orders; two persons an article keeps apart stay apart."""
from __future__ import annotations

import itertools

import pytest
from rdflib import URIRef

from kg.pipeline.resolve import IdentityIndex, merge_update
from kg.rdf.iri import mint_entity_iri
from kg.rdf.mapping import extraction_to_graph
from kg.records import Document, Entity, Extraction, Mention
from kg.storage.disk import open_store

BASE = "http://example.org/kg/"


def _article(doc_id: str, text: str, *actors: tuple[str, str, str]) -> Extraction:
    """An extraction of ``text`` whose actors are (type, name, written form): each written form
    is found in the text and every occurrence is a mention of that actor."""
    names, aliases, mentions = {}, {}, []
    for typ, name, written in actors:
        key = f"{typ}:{name}"
        names[key] = (typ, name)
        aliases.setdefault(key, set()).update({written} - {name})
        start = text.find(written)
        assert start >= 0, written
        while start >= 0:
            mentions.append(Mention(key, written, start, start + len(written)))
            start = text.find(written, start + 1)
    entities = tuple(Entity(key, typ, name, tuple(sorted(aliases[key]))) for key, (typ, name) in names.items())
    return Extraction(Document(doc_id, text), entities=entities, mentions=tuple(mentions))


def _tony(i: int) -> Extraction:
    return _article(f"tony-{i}", f"Tony Blair spoke in Leeds on day {i}. Mr Blair said it would pass.",
                    ("Person", "Tony Blair", "Tony Blair"), ("Person", "Tony Blair", "Blair"))


CHERIE = _article("cherie", "Cherie Blair opened a school. Mrs Blair said pupils came first.",
                  ("Person", "Cherie Blair", "Cherie Blair"), ("Person", "Cherie Blair", "Blair"))
IAN = _article("ian", "Sir Ian Blair, the Met commissioner, spoke. Sir Ian said crime fell.",
               ("Person", "Ian Blair", "Ian Blair"))
MR_BLAIR = _article("mr-blair", "Mr Blair told MPs the bill would pass.", ("Person", "Blair", "Blair"))
MRS_BLAIR = _article("mrs-blair", "Mrs Blair visited the hospital.", ("Person", "Blair", "Blair"))

TONY = mint_entity_iri("Person", "Tony Blair", BASE)
BLAIR = mint_entity_iri("Person", "Blair", BASE)


def _build(store, *extractions):
    """What a build does per batch: resolve, map, write the graphs and the merges in one transaction."""
    idx = IdentityIndex(BASE).load(store)
    graphs = [extraction_to_graph(ex, idx.iris(ex), base=BASE) for ex in extractions]
    store.add_graphs(graphs, update=merge_update(idx.take_merges()) or None)
    return idx


def _nodes(store, typ: str = "Person") -> dict[str, set[str]]:
    """Node -> ids of the articles that mention it."""
    out: dict[str, set[str]] = {}
    q = f"SELECT ?p ?id WHERE {{ GRAPH ?g {{ ?p a kg:{typ} ; kg:mentionedIn ?g . ?g kg:documentId ?id }} }}"
    for r in store.query(q):
        out.setdefault(r["p"].value, set()).add(r["id"].value)
    return out


def _quads(store) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "store")
    yield st
    st.close()


def _each_order(tmp_path, articles, one_batch: bool = False, same_quads: bool = True):
    """The store after building ``articles`` one per batch (or all in one batch), in every
    order; asserts that all orders give the same nodes, each in the same articles (and the same
    quads, unless ``same_quads`` is false), and returns them."""
    results = {}
    for n, order in enumerate(itertools.permutations(articles)):
        st = open_store(tmp_path / f"order-{n}")
        try:
            if one_batch:
                _build(st, *order)
            else:
                for ex in order:
                    _build(st, ex)
            results[tuple(ex.document.id for ex in order)] = (_quads(st), _nodes(st), _nodes(st, "Organization"))
        finally:
            st.close()
    first = next(iter(results.values()))
    for order, got in results.items():
        assert got[1:] == first[1:], f"order {order} differs"
        only = got[0] ^ first[0]
        assert not (same_quads and only), f"order {order} differs: " + "\n".join(sorted(only)[:10])
    return first[1], first[2]


# -- a surname with a courtesy title ------------------------------------------------------------

def test_mr_blair_is_not_the_woman_of_that_surname(store):
    _build(store, _tony(1), CHERIE)
    _build(store, MR_BLAIR)
    persons = _nodes(store)
    assert BLAIR not in persons
    assert "mr-blair" in persons[TONY]


def test_mrs_blair_is_not_the_man_of_that_surname(store):
    _build(store, _tony(1), CHERIE)
    _build(store, MRS_BLAIR)
    assert "mrs-blair" in _nodes(store)[mint_entity_iri("Person", "Cherie Blair", BASE)]


def test_mr_blair_is_the_man_the_archive_calls_so_in_many_articles(store):
    _build(store, *(_tony(i) for i in range(5)), IAN)  # two men: Tony is "Mr Blair" in five articles
    _build(store, MR_BLAIR)
    persons = _nodes(store)
    assert BLAIR not in persons and "mr-blair" in persons[TONY]


def test_mr_blair_stays_apart_when_no_man_of_that_surname_is_prominent(store):
    _build(store, *(_tony(i) for i in range(2)), IAN)  # called "Mr Blair" in two articles only
    _build(store, MR_BLAIR)
    assert _nodes(store)[BLAIR] == {"mr-blair"}


def test_a_bare_surname_without_a_title_stays_apart_among_several(store):
    _build(store, *(_tony(i) for i in range(5)), IAN)
    bare = _article("bare", "Blair told MPs the bill would pass.", ("Person", "Blair", "Blair"))
    _build(store, bare)
    assert _nodes(store)[BLAIR] == {"bare"}


def test_two_persons_of_one_surname_in_an_article_stay_apart(store):
    _build(store, *(_tony(i) for i in range(5)), IAN)
    # the article's NLP kept "Tony Blair" and "Mr Blair" apart: the short name is not Tony
    both = _article("both", "Tony Blair and his son met. Mr Blair said he was proud.",
                    ("Person", "Tony Blair", "Tony Blair"), ("Person", "Blair", "Blair"))
    _build(store, both)
    assert _nodes(store)[BLAIR] == {"both"}


def test_courtesy_form_is_an_alias_as_written(store):
    _build(store, _tony(1), _article("sir", "Sir Menzies Campbell spoke.",
                                     ("Person", "Menzies Campbell", "Menzies Campbell")))
    alts = {r["l"].value for r in store.query("SELECT ?p ?l WHERE { ?p skos:altLabel ?l }", bindings={"p": URIRef(TONY)})}
    assert "Mr Blair" in alts
    sir = mint_entity_iri("Person", "Menzies Campbell", BASE)
    alts = {r["l"].value for r in store.query("SELECT ?p ?l WHERE { ?p skos:altLabel ?l }", bindings={"p": URIRef(sir)})}
    assert alts == {"Sir Menzies Campbell"}


def test_mr_blair_is_one_node_in_every_build_order(tmp_path):
    articles = [*(_tony(i) for i in range(5)), IAN, MR_BLAIR]
    # one batch holding everything, Mr Blair first or last
    persons, _ = _each_order(tmp_path / "batch", [articles[-1], articles[0]], one_batch=True)
    assert TONY in persons
    st = open_store(tmp_path / "first")
    try:
        _build(st, MR_BLAIR)
        for ex in articles[:-1]:
            _build(st, ex)
        first = _quads(st)
        assert BLAIR not in _nodes(st)
    finally:
        st.close()
    st = open_store(tmp_path / "last")
    try:
        for ex in articles:
            _build(st, ex)
        assert first == _quads(st)
    finally:
        st.close()


# -- full names ------------------------------------------------------------------------------

def test_name_without_middle_initial_is_the_longer_name(tmp_path):
    w = _article("w", "George W Bush met Jacques Chirac. Mr Bush said so.", ("Person", "George W Bush", "George W Bush"),
                 ("Person", "George W Bush", "Bush"), ("Person", "Jacques Chirac", "Jacques Chirac"))
    g = _article("g", "George Bush spoke in Texas.", ("Person", "George Bush", "George Bush"))
    b = _article("b", "Mr Bush said so.", ("Person", "Bush", "Bush"))
    # a name merged twice ("Bush" -> "George Bush" -> "George W Bush") keeps the name between as
    # an alias in its article: the nodes are the same in every order, not every alias
    persons, _ = _each_order(tmp_path, [w, g, b], same_quads=False)
    bushes = {p for p in persons if p.endswith("bush")}
    assert bushes == {mint_entity_iri("Person", "George W Bush", BASE)}
    assert persons[mint_entity_iri("Person", "George W Bush", BASE)] == {"w", "g", "b"}


def test_father_and_son_in_one_article_stay_apart_there(tmp_path):
    """An article that names "George Bush" and "George W Bush" keeps two persons; another that
    names only "George Bush" still means the one the archive knows by the longer name."""
    both = _article("both", "George Bush and his son George W Bush met.", ("Person", "George Bush", "George Bush"),
                    ("Person", "George W Bush", "George W Bush"))
    later = _article("later", "George Bush spoke.", ("Person", "George Bush", "George Bush"))
    persons, _ = _each_order(tmp_path, [both, later])
    assert persons == {mint_entity_iri("Person", "George Bush", BASE): {"both"},
                       mint_entity_iri("Person", "George W Bush", BASE): {"both", "later"}}


def test_given_name_nickname_of_the_same_titled_person_is_one_person(tmp_path):
    """'Vince' is a nickname of Vincent (and of Vincenzo): one person when the archive calls
    both 'Mr Cable'."""
    a = _article("a", "Vince Cable spoke. Mr Cable said so.", ("Person", "Vince Cable", "Vince Cable"),
                 ("Person", "Vince Cable", "Cable"))
    b = _article("b", "Vincent Cable spoke. Mr Cable said so.", ("Person", "Vincent Cable", "Vincent Cable"),
                 ("Person", "Vincent Cable", "Cable"))
    persons, _ = _each_order(tmp_path, [a, b])
    assert persons == {mint_entity_iri("Person", "Vincent Cable", BASE): {"a", "b"}}


def test_nickname_of_one_name_only_is_one_person(tmp_path):
    """'Jim' is a nickname of James only."""
    a = _article("a", "Jim Callaghan spoke.", ("Person", "Jim Callaghan", "Jim Callaghan"))
    b = _article("b", "James Callaghan spoke.", ("Person", "James Callaghan", "James Callaghan"))
    persons, _ = _each_order(tmp_path, [a, b])
    assert persons == {mint_entity_iri("Person", "James Callaghan", BASE): {"a", "b"}}


def test_different_given_names_stay_apart(store):
    _build(store, _article("a", "Ed Balls spoke.", ("Person", "Ed Balls", "Ed Balls")))
    _build(store, _article("b", "Ann Balls spoke.", ("Person", "Ann Balls", "Ann Balls")))
    assert len(_nodes(store)) == 2


# -- organisations ---------------------------------------------------------------------------

NAO_STATED = _article("stated", "The National Audit Office (NAO) published a report.",
                      ("Organization", "National Audit Office", "National Audit Office"),
                      ("Organization", "National Audit Office", "NAO"))
NAO_ONLY = _article("only", "The NAO said costs rose.", ("Organization", "NAO", "NAO"))


def test_acronym_stated_in_one_article_serves_the_others(tmp_path):
    _, orgs = _each_order(tmp_path, [NAO_STATED, NAO_ONLY])
    assert orgs == {mint_entity_iri("Organization", "National Audit Office", BASE): {"stated", "only"}}


def test_short_name_stated_in_one_article_serves_the_others(tmp_path):
    full = _article("full", "The UK Independence Party (UKIP) said the Independence Party would stand.",
                    ("Organization", "UK Independence Party", "UK Independence Party"),
                    ("Organization", "UK Independence Party", "UKIP"),
                    ("Organization", "UK Independence Party", "Independence Party"))
    again = _article("again", "The UK Independence Party, the Independence Party, won.",
                     ("Organization", "UK Independence Party", "UK Independence Party"),
                     ("Organization", "UK Independence Party", "Independence Party"))
    short = _article("short", "The Independence Party won seats.", ("Organization", "Independence Party", "Independence Party"))
    _, orgs = _each_order(tmp_path, [full, again, short])
    assert orgs == {mint_entity_iri("Organization", "UK Independence Party", BASE): {"full", "again", "short"}}


def test_end_of_a_name_stated_once_does_not_serve_the_others(store):
    """One article's 'the Supreme Court' for the 'US Supreme Court' is not a British article's."""
    _build(store, _article("us", "The US Supreme Court ruled. The Supreme Court said.",
                           ("Organization", "US Supreme Court", "US Supreme Court"),
                           ("Organization", "US Supreme Court", "Supreme Court")))
    _build(store, _article("uk", "A Supreme Court will replace the Lords.", ("Organization", "Supreme Court", "Supreme Court")))
    assert _nodes(store, "Organization")[mint_entity_iri("Organization", "Supreme Court", BASE)] == {"uk"}


def test_acronym_no_article_states_is_left_alone(store):
    _build(store, _article("gp", "The Green Party won.", ("Organization", "Green Party", "Green Party")))
    _build(store, _article("doc", "Every GP was asked.", ("Organization", "GP", "GP")))
    assert mint_entity_iri("Organization", "GP", BASE) in _nodes(store, "Organization")


def test_small_word_variants_are_one_organisation(tmp_path):
    a = _article("a", "The Institute for Fiscal Studies said.", ("Organization", "Institute for Fiscal Studies",
                                                                  "Institute for Fiscal Studies"))
    b = _article("b", "The Institute of Fiscal Studies said.", ("Organization", "Institute of Fiscal Studies",
                                                                 "Institute of Fiscal Studies"))
    _, orgs = _each_order(tmp_path, [a, b])
    assert orgs == {mint_entity_iri("Organization", "Institute for Fiscal Studies", BASE): {"a", "b"}}


def test_one_word_short_form_stated_once_does_not_serve_the_others(store):
    """'Parliament' for 'House of Parliament' in one article is not every article's Parliament."""
    _build(store, _article("house", "The House of Parliament sat. Parliament voted.",
                           ("Organization", "House of Parliament", "House of Parliament"),
                           ("Organization", "House of Parliament", "Parliament")))
    _build(store, _article("other", "Parliament voted.", ("Organization", "Parliament", "Parliament")))
    assert _nodes(store, "Organization")[mint_entity_iri("Organization", "Parliament", BASE)] == {"other"}


# -- one type per actor ----------------------------------------------------------------------

def test_a_person_typed_as_an_organisation_once_is_the_person(tmp_path):
    persons = [_article(f"p{i}", "Vincent Cable spoke.", ("Person", "Vincent Cable", "Vincent Cable")) for i in range(2)]
    org = _article("o", "Vincent Cable said so.", ("Organization", "Vincent Cable", "Vincent Cable"))
    people, orgs = _each_order(tmp_path, [*persons, org])
    assert people == {mint_entity_iri("Person", "Vincent Cable", BASE): {"p0", "p1", "o"}}
    assert orgs == {}


def test_an_organisation_typed_as_a_person_once_is_the_organisation(tmp_path):
    orgs = [_article(f"o{i}", "The Law Lords ruled.", ("Organization", "Law Lords", "Law Lords")) for i in range(2)]
    person = _article("p", "The Law Lords ruled.", ("Person", "Law Lords", "Law Lords"))
    people, bodies = _each_order(tmp_path, [*orgs, person])
    assert people == {}
    assert bodies == {mint_entity_iri("Organization", "Law Lords", BASE): {"o0", "o1", "p"}}


def test_a_name_typed_both_ways_equally_stays_apart_unless_it_starts_with_a_given_name(store):
    _build(store, _article("p", "Adair Turner spoke.", ("Person", "Adair Turner", "Adair Turner")),
           _article("o", "Adair Turner said.", ("Organization", "Adair Turner", "Adair Turner")),
           _article("p2", "Oliver Heald spoke.", ("Person", "Oliver Heald", "Oliver Heald")),
           _article("o2", "Oliver Heald said.", ("Organization", "Oliver Heald", "Oliver Heald")))
    assert mint_entity_iri("Organization", "Adair Turner", BASE) in _nodes(store, "Organization")
    assert _nodes(store)[mint_entity_iri("Person", "Oliver Heald", BASE)] == {"p2", "o2"}


def test_retyped_merge_in_memory_equals_the_store_rewrite(store):
    """A batch sent to an endpoint is re-pointed and retyped in memory as the store is."""
    from kg.pipeline.resolve import repoint_graphs

    arts = [_article(f"p{i}", "Vincent Cable spoke.", ("Person", "Vincent Cable", "Vincent Cable")) for i in range(2)]
    arts.append(_article("o", "Vincent Cable said so.", ("Organization", "Vincent Cable", "Vincent Cable")))
    _build(store, *arts)
    idx = IdentityIndex(BASE)
    graphs = [extraction_to_graph(ex, idx.iris(ex), base=BASE) for ex in arts]
    repoint_graphs(graphs, idx.take_merges())
    in_memory = {(str(s), str(p), str(o), str(g.identifier)) for g in graphs for s, p, o in g}
    stored = {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value) for q in store.quads()}
    assert in_memory == stored


def test_a_titled_surname_among_several_is_never_one_the_archive_gives_no_such_title(store):
    """'Baroness Morgan' is not 'Rhodri Morgan' ('Mr Morgan'), nor, for that, 'Jonathan Morgan',
    whom no article titles."""
    _build(store, _article("jm", "Jonathan Morgan spoke.", ("Person", "Jonathan Morgan", "Jonathan Morgan")),
           _article("rm", "Rhodri Morgan spoke. Mr Morgan said so.", ("Person", "Rhodri Morgan", "Rhodri Morgan"),
                    ("Person", "Rhodri Morgan", "Morgan")))
    _build(store, _article("bm", "Baroness Morgan said so.", ("Person", "Morgan", "Morgan")))
    assert _nodes(store)[mint_entity_iri("Person", "Morgan", BASE)] == {"bm"}


def test_a_man_called_mrs_once_is_still_a_man(store):
    """An article that calls the wife 'Mrs Blair' and resolves her to Tony Blair does not make
    him a woman: 'Mr Blair' is still Tony, not Cherie."""
    wife = _article("wife", "Tony Blair arrived. Mrs Blair waved.", ("Person", "Tony Blair", "Tony Blair"),
                    ("Person", "Tony Blair", "Blair"))
    _build(store, *(_tony(i) for i in range(5)), wife, CHERIE)
    _build(store, MR_BLAIR)
    assert "mr-blair" in _nodes(store)[TONY]


def test_nickname_of_several_names_untitled_stays_apart(store):
    """'Andy' is a nickname of Andrew and of Andrea: Andy and Andrea Williams are two persons."""
    _build(store, _article("a", "Andy Williams spoke.", ("Person", "Andy Williams", "Andy Williams")))
    _build(store, _article("b", "Andrea Williams spoke.", ("Person", "Andrea Williams", "Andrea Williams")))
    assert len(_nodes(store)) == 2


def test_organisation_named_twice_in_one_article_is_one_node_in_every_order(tmp_path):
    """An article that writes 'National Audit Office' and, apart, 'NAO' has one node for both once
    another article states the acronym, whichever was built first (organisations, unlike
    persons, are merged within an article too)."""
    both = _article("both", "The National Audit Office reported. The NAO said costs rose.",
                    ("Organization", "National Audit Office", "National Audit Office"), ("Organization", "NAO", "NAO"))
    _, orgs = _each_order(tmp_path, [both, NAO_STATED])
    assert orgs == {mint_entity_iri("Organization", "National Audit Office", BASE): {"both", "stated"}}
