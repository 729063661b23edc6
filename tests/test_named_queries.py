"""The named queries of ontologies/queries: their headers, and the rows each returns.

Two sources of expected rows, both checked by hand:
* a hand-written graph (tests/query_fixtures.py, no model): exact rows;
* the seed article built with the real model: rows that the gold annotation
  (../shared/eval/seed/riyadh-talks.gold.json) says must be there.
"""
from __future__ import annotations

import datetime
import re

import pytest

import query_fixtures as qf
from kg.errors import QueryError
from kg.storage.named import named_queries, named_query
from kg.storage.query import run_query, select

D = datetime.date


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return qf.make_store(tmp_path_factory.mktemp("named") / "store")


def triples(rows, *keys):
    return {tuple(r[k] for k in keys) for r in rows}


# -- headers ----------------------------------------------------------------------------------------

REQUIRED = {"meetings", "positions", "quotations", "actor-profile", "connections", "most-connected"}


def test_the_required_named_queries_exist():
    assert REQUIRED <= set(named_queries())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_header_name_description_and_parameters(name, hand):
    q = named_query(name)
    assert q.source.endswith(f"{name}.rq"), "the header name must be the file name"
    assert q.description and "\n" not in q.description
    first = q.text.splitlines()[:2]
    assert first[0] == f"# name: {name}" and first[1].startswith("# description: ")
    # every parameter is a variable the query selects (Oxigraph binds only projected variables)
    result = run_query(hand, q.text, {p: "nobody" for p in q.params})
    selected = {v.value for v in result.variables}
    assert set(q.params) <= selected
    list(result)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_declare_their_prefixes(name):
    """Each file runs as it is elsewhere (the server's query page, rdflib): no predefined prefix."""
    text = named_query(name).text
    used = set(re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"#.*", "", re.sub(r"<[^>]*>", "", text))))
    declared = set(re.findall(r"PREFIX\s+(\w+):", text))
    assert used <= declared, f"undeclared prefixes {used - declared}"


def test_required_parameter_is_enforced():
    with pytest.raises(QueryError, match=r"actor-profile.*--param name=VALUE"):
        named_query("actor-profile").check_params({})
    with pytest.raises(QueryError, match=r"no parameter 'actr'.*expected: actor"):
        named_query("meetings").check_params({"actr": "x"})


# -- the hand-written graph: exact rows ----------------------------------------------------------------

def test_meetings(hand):
    rows = select(hand, "meetings")
    assert len(rows) == 2  # the negated meeting of talks-2 is left out
    held = next(r for r in rows if r["article"] == "talks-1")
    assert set(held["participants"].split("; ")) == {"Anna Berg", "Karl Ostrow"}
    assert (held["date"], held["date_text"], held["places"], held["status"]) == (D(2025, 3, 3), "Monday", "Vienna", "asserted")
    assert held["sentence"].startswith("Foreign Minister Anna Berg of Nordland met Trade Minister Karl Ostrow")
    planned = next(r for r in rows if r["article"] == "talks-2")
    assert set(planned["participants"].split("; ")) == {"Anna Berg", "Mikkel Paulsen"}
    assert (planned["date"], planned["date_text"], planned["status"]) == (None, "next week", "planned")


@pytest.mark.parametrize("actor, articles", [("ostrow", {"talks-1"}), ("KARL OSTROW", {"talks-1"}),
                                             ("Anna Berg", {"talks-1", "talks-2"}), ("Nordland", set()),
                                             ("nobody", set())])
def test_meetings_of_one_actor(hand, actor, articles):
    rows = select(hand, "meetings", {"actor": actor})
    assert {r["article"] for r in rows} == articles
    assert all(r["actor"] == actor for r in rows)


def test_positions(hand):
    rows = select(hand, "positions")
    assert triples(rows, "person", "position", "of", "first_seen", "last_seen", "articles") == {
        ("Anna Berg", "Foreign Minister", "Nordland", D(2025, 3, 3), D(2025, 4, 10), 2),
        ("Karl Ostrow", "Trade Minister", "Estovia", D(2025, 3, 3), D(2025, 3, 3), 1),
        ("Eva Lind", "economic adviser", "Karl Ostrow", D(2025, 3, 3), D(2025, 3, 3), 1),
    }
    assert [r["person"] for r in select(hand, "positions", {"actor": "eva lind"})] == ["Eva Lind"]
    assert select(hand, "positions", {"actor": "lind"}) == []  # a name or alias, not part of one


def test_quotations_in_article_order(hand):
    rows = select(hand, "quotations")
    assert [(r["speaker"], r["quote"], r["kind"], r["article"]) for r in rows] == [
        ("Anna Berg", "We found common ground", "direct", "talks-1"),
        ("Karl Ostrow", "talks would continue", "indirect", "talks-1"),
        (None, "Nothing is agreed", "direct", "talks-1"),
        ("Anna Berg", "No deal yet", "direct", "talks-2"),
    ]
    assert rows[1]["sentence"] == "Ostrow said that talks would continue."


@pytest.mark.parametrize("actor, quotes", [("Berg", {"We found common ground", "No deal yet"}),
                                           ("karl ostrow", {"talks would continue"}), ("Eva Lind", set())])
def test_quotations_by_actor(hand, actor, quotes):
    assert {r["quote"] for r in select(hand, "quotations", {"actor": actor})} == quotes


def test_actor_profile(hand):
    rows = select(hand, "actor-profile", {"name": "berg"})
    assert {r["label"] for r in rows} == {"Anna Berg"}
    assert triples(rows, "field", "value", "detail") == {
        ("type", "Person", None),
        ("alias", "Berg", None),
        ("position", "Foreign Minister", "Nordland"),
        ("represents", "Nordland", None),
        ("metWith", "Karl Ostrow", None),
        ("spokeWith", "Mikkel Paulsen", None),
        ("meeting", "Karl Ostrow", "2025-03-03 in Vienna"),
        ("meeting", "Mikkel Paulsen", "next week (planned)"),
        ("phone call", "Mikkel Paulsen", "2025-04-09"),
        ("quotation", "We found common ground", "talks-1"),
        ("quotation", "No deal yet", "talks-2"),
        ("article", "talks-1", "Nordland and Estovia talk trade"),
        ("article", "talks-2", "Berg calls Paulsen"),
    }


def test_actor_profile_shows_roles(hand):
    # "Paulsen is the Special Envoy": a title without a country is a kg:role; the actor graph shows
    # it among the positions, and so must the profile
    rows = triples(select(hand, "actor-profile", {"name": "Paulsen"}), "field", "value", "detail")
    assert ("role", "Special Envoy", None) in rows
    assert {r for r in rows if r[0] in ("position", "role")} == {("role", "Special Envoy", None)}


def test_actor_profile_holds_what_the_actor_graph_shows(hand):
    # every actor's positions and roles, relations and article count in the actor graph of kg viz
    # are rows of its profile
    from kg.storage.disk import open_store
    from kg.viz.graph import actor_graph

    st = open_store(hand, read_only=True)
    try:
        g = actor_graph(st)
    finally:
        st.close()
    for node, data in g.nodes(data=True):
        rows = select(hand, "actor-profile", {"name": data["label"]})
        mine = [r for r in rows if r["actor"] == node]
        shown = {f"{r['value']} ({r['detail']})" if r["field"] == "position" and r["detail"] else r["value"]
                 for r in mine if r["field"] in ("position", "role")}
        assert set(data["positions"]) == shown, data["label"]
        assert data["articles"] == sum(1 for r in mine if r["field"] == "article"), data["label"]
        assert set(data["aliases"]) == {r["value"] for r in mine if r["field"] == "alias"}
        for _, other, pred in g.out_edges(node, keys=True):
            assert (pred, g.nodes[other]["label"]) in {(r["field"], r["value"]) for r in mine}, (data["label"], pred)
        for other, _, pred in g.in_edges(node, keys=True):
            field = pred if pred in ("metWith", "spokeWith") else f"^{pred}"
            assert (field, g.nodes[other]["label"]) in {(r["field"], r["value"]) for r in mine}, (data["label"], pred)


def test_actor_profile_shows_relations_stated_the_other_way(hand):
    ostrow = triples(select(hand, "actor-profile", {"name": "Karl Ostrow"}), "field", "value", "detail")
    assert {("metWith", "Anna Berg", None), ("^advises", "Eva Lind", None),
            ("^position", "Eva Lind", "economic adviser"), ("position", "Trade Minister", "Estovia")} <= ostrow
    nordland = triples(select(hand, "actor-profile", {"name": "nordland"}), "field", "value", "detail")
    assert {("type", "Country", None), ("^represents", "Anna Berg", None),
            ("^position", "Anna Berg", "Foreign Minister")} <= nordland


def test_a_name_made_of_sparql_is_only_a_name(hand):
    rows = select(hand, "actor-profile", {"name": qf.HOSTILE_NAME})
    assert {r["label"] for r in rows} == {qf.HOSTILE_NAME}
    assert triples(rows, "field", "value") == {("type", "Person"), ("article", "talks-2")}
    assert select(hand, "actor-profile", {"name": 'x" } UNION { ?actor ?field ?value } #'}) == []


@pytest.mark.parametrize("a, b, paths", [
    ("Anna Berg", "Karl Ostrow", {(1, "metWith", None, None)}),
    ("karl ostrow", "berg", {(1, "metWith", None, None)}),  # symmetric, stated the other way
    ("Berg", "Paulsen", {(1, "spokeWith", None, None)}),  # the planned meeting is no edge
    ("Anna Berg", "Eva Lind", {(2, "metWith", "Karl Ostrow", "^advises")}),
    ("Berg", "Estovia", {(2, "metWith", "Karl Ostrow", "represents")}),
    ("Eva Lind", "Nordland", set()),  # three hops away
])
def test_connections(hand, a, b, paths):
    rows = select(hand, "connections", {"from": a, "to": b})
    assert triples(rows, "hops", "first", "via", "second") == paths


def test_most_connected(hand):
    rows = select(hand, "most-connected")
    assert [(r["name"], r["type"], r["connections"], r["articles"]) for r in rows] == [
        ("Anna Berg", "Person", 3, 2),  # Karl Ostrow, Nordland, Mikkel Paulsen
        ("Karl Ostrow", "Person", 3, 1),  # Anna Berg, Estovia, Eva Lind
        ("Nordland", "Country", 1, 2),
        ("Estovia", "Country", 1, 1),
        ("Eva Lind", "Person", 1, 1),
        ("Mikkel Paulsen", "Person", 1, 1),
    ]


def test_articles(hand):
    rows = select(hand, "articles")
    assert [(r["id"], r["published"], r["actors"], r["meetings"], r["statements"]) for r in rows] == [
        ("talks-2", D(2025, 4, 10), 4, 1, 1),
        ("talks-1", D(2025, 3, 3), 6, 1, 3),
    ]


# -- the seed article (real model), expected rows from its gold annotation ----------------------------

def _gold_name(gold, key):
    return next(e["name"] for e in gold["entities"] if e["id"] == key)


@pytest.mark.model
def test_seed_meetings(seed_store, seed_gold):
    rows = select(seed_store.path, "meetings")
    gold = seed_gold["events"][0]  # Rubio, Waltz, Witkoff, Lavrov, Ushakov in Riyadh, Tuesday
    names = {_gold_name(seed_gold, k) for k in gold["participants"]}
    riyadh = [r for r in rows if {"Marco Rubio", "Sergei Lavrov"} <= set(r["participants"].split("; "))]
    assert riyadh, rows
    row = riyadh[0]
    assert row["date_text"] == gold["date_text"]
    assert set(row["places"].split("; ")) & {_gold_name(seed_gold, k) for k in gold["place"]}
    assert "met with" in row["sentence"] and row["article"] == "riyadh-talks"
    assert len(names & set(row["participants"].split("; "))) >= 4
    europe = [r for r in rows if {"Emmanuel Macron", "Keir Starmer"} <= set(r["participants"].split("; "))]
    assert europe
    lavrov = select(seed_store.path, "meetings", {"actor": "Lavrov"})
    assert lavrov and all("Sergei Lavrov" in r["participants"].split("; ") for r in lavrov)


@pytest.mark.model
def test_seed_positions(seed_store, seed_gold):
    rows = select(seed_store.path, "positions")
    got = {(r["person"], r["position"].casefold().replace("adviser", "advisor"), r["of"]) for r in rows}
    for person, title, of in [("lavrov", "Foreign Minister", "russia"), ("rubio", "Secretary of State", "usa"),
                              ("macron", "President", "france"), ("starmer", "Prime Minister", "uk"),
                              ("ushakov", "foreign policy advisor", "putin")]:
        assert any(p["person"] == person and p["title"] == title and p["of"] == of for p in seed_gold["positions"])
        assert (_gold_name(seed_gold, person), title.casefold(), _gold_name(seed_gold, of)) in got


@pytest.mark.model
def test_seed_quotations_by_zelenskyy(seed_store):
    rows = select(seed_store.path, "quotations", {"actor": "Zelenskyy"})
    assert rows and {r["speaker"] for r in rows} == {"Volodymyr Zelenskyy"}
    assert any("Ensuring a robust and lasting peace is a must" in r["quote"] for r in rows)


@pytest.mark.model
def test_seed_actor_profile(seed_store):
    rows = select(seed_store.path, "actor-profile", {"name": "Lavrov"})
    assert {r["label"] for r in rows} == {"Sergei Lavrov"}
    facts = triples(rows, "field", "value", "detail")
    assert {("type", "Person", None), ("position", "Foreign Minister", "Russia"),
            ("represents", "Russia", None), ("metWith", "Marco Rubio", None)} <= facts


@pytest.mark.model
def test_seed_connections(seed_store):
    direct = select(seed_store.path, "connections", {"from": "Marco Rubio", "to": "Lavrov"})
    assert (1, "metWith") in triples(direct, "hops", "first")
    # gold: Waltz met Ushakov, Ushakov advises Putin
    two = select(seed_store.path, "connections", {"from": "Mike Waltz", "to": "Vladimir Putin"})
    assert (2, "metWith", "Yuri Ushakov", "advises") in triples(two, "hops", "first", "via", "second")


@pytest.mark.model
def test_seed_most_connected(seed_store):
    rows = select(seed_store.path, "most-connected")
    counts = [r["connections"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    lavrov = next(r for r in rows if r["name"] == "Sergei Lavrov")
    assert lavrov["connections"] >= 4  # gold: met Rubio, Waltz, Witkoff; represents Russia


@pytest.mark.model
def test_seed_articles(seed_store):
    assert [r["id"] for r in select(seed_store.path, "articles")] == ["riyadh-talks"]


# -- portability: the same files give the same rows in another engine ----------------------------------

@pytest.mark.parametrize("name", sorted(named_queries()))
def test_rdflib_gives_the_same_rows(hand, name):
    """Each named query is plain SPARQL 1.1: rdflib, over the union of the same article graphs
    with the same parameters, returns the same rows as Oxigraph (the benchmark relies on it)."""
    from rdflib import Graph, Literal, Variable

    from kg.rdf.namespace import PREFIXES

    union = Graph()
    for g in qf.graphs():
        for t in g:
            union.add(t)
    values = {"actor": "Anna Berg", "name": "berg", "from": "Anna Berg", "to": "eva lind", "a": "Berg", "b": "Ostrow"}
    q = named_query(name)
    for params in ({p: values[p] for p in q.required}, {p: values[p] for p in q.params}):
        ours = select(hand, name, params)
        theirs = union.query(q.text, initNs=PREFIXES, initBindings={Variable(k): Literal(v) for k, v in params.items()})
        cols = [str(v) for v in theirs.vars]
        assert cols == list(ours[0]) if ours else True

        def norm(rows):  # GROUP_CONCAT leaves the order of the joined names to the engine
            def cell(col, v):
                v = "" if v is None else str(v)
                return "; ".join(sorted(v.split("; "))) if col in ("participants", "places") else v
            return sorted(tuple(cell(c, v) for c, v in zip(cols, r)) for r in rows)

        assert norm([[r[c] for c in cols] for r in ours]) == norm(theirs), (name, params)


def test_an_article_with_only_a_negated_meeting_is_listed(tmp_path):
    from kg.rdf.mapping import extraction_to_graph
    from kg.records import Document, Entity, Event, Evidence, Extraction
    from kg.storage.disk import open_store

    text = "Ann Lee did not meet Bob Roe."
    ev = Evidence(text, 0, len(text), "hand", 0.9)
    ex = Extraction(Document("no-meeting", text), entities=(Entity("a", "Person", "Ann Lee"), Entity("b", "Person", "Bob Roe")),
                    events=(Event("Meeting", ("a", "b"), ev, status="negated"),))
    st = open_store(tmp_path / "s")
    st.add_graphs([extraction_to_graph(ex, base=qf.BASE)])
    rows = select(st, "articles")
    assert [(r["id"], r["actors"], r["meetings"]) for r in rows] == [("no-meeting", 2, 0)]
    assert select(st, "meetings") == []


def test_a_position_also_stated_by_an_undated_article_keeps_its_dates(tmp_path):
    # SPARQL makes MIN/MAX an error when one value is unbound, and Oxigraph follows it: an
    # article built without a publication date must not blank first_seen/last_seen of a post
    # that dated articles state.
    from kg.rdf.mapping import extraction_to_graph
    from kg.records import Document, Entity, Evidence, Extraction, Position

    def article(doc_id, published):
        text = "Finance Minister Ann Lee of Nordland spoke."
        ev = Evidence(text, 0, len(text), "hand", 0.9)
        return Extraction(Document(doc_id, text, published=published),
                          entities=(Entity("a", "Person", "Ann Lee"), Entity("n", "Country", "Nordland")),
                          positions=(Position("a", "Finance Minister", "n", ev),))

    from kg.storage.disk import open_store

    st = open_store(tmp_path / "s")
    st.add_graphs([extraction_to_graph(article(i, p), base=qf.BASE)
                   for i, p in (("d1", "2025-01-05"), ("d2", None), ("d3", "2025-02-07"))])
    rows = select(st, "positions")
    assert triples(rows, "person", "position", "of", "first_seen", "last_seen", "articles") == {
        ("Ann Lee", "Finance Minister", "Nordland", D(2025, 1, 5), D(2025, 2, 7), 3)}
