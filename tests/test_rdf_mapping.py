"""Records -> RDF: article metadata, evidence with offsets, relations, positions observed on a
date, events, quotations; base IRIs; and the provenance of the real seed build."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.records import Document, Entity, Event, Evidence, Extraction, Position, Quotation, Relation
from kg.rdf.iri import Identities, mint_article_iri, mint_entity_iri
from kg.rdf.mapping import extraction_to_graph
from kg.rdf.namespace import KG, NIF

BASE = "http://example.org/kg/"
INT = URIRef("http://www.w3.org/2001/XMLSchema#integer")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
ANYURI = URIRef("http://www.w3.org/2001/XMLSchema#anyURI")

TEXT = ("Foreign Minister Anna Berg met Carl Holt in Oslo on Monday. "
        "Berg will not meet Dora Lind. \"We agreed on fish,\" Berg said.")


def _ev(sentence: str, rule: str = "test-rule", confidence: float = 0.8) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence), rule, confidence)


S1 = "Foreign Minister Anna Berg met Carl Holt in Oslo on Monday."
S2 = "Berg will not meet Dora Lind."
S3 = "\"We agreed on fish,\" Berg said."


def extraction(doc_id: str = "oslo", published: str | None = "2025-02-03", **doc) -> Extraction:
    document = Document(doc_id, TEXT, title="Talks in Oslo", published=published, url="https://news.example/oslo",
                        source="oslo.txt", **doc)
    return Extraction(
        document,
        entities=(
            Entity("P:Anna Berg", "Person", "Anna Berg", ("Berg",)),
            Entity("P:Carl Holt", "Person", "Carl Holt"),
            Entity("P:Dora Lind", "Person", "Dora Lind"),
            Entity("C:Norland", "Country", "Norland"),
            Entity("L:Oslo", "Place", "Oslo"),
        ),
        relations=(
            Relation("P:Anna Berg", "metWith", "P:Carl Holt", _ev(S1, "meet-verb", 0.85)),
            Relation("P:Anna Berg", "metWith", "P:Dora Lind", _ev(S2, "meet-verb", 0.7), status="negated"),
            Relation("P:Anna Berg", "represents", "C:Norland", _ev(S1, "title")),
        ),
        positions=(Position("P:Anna Berg", "Foreign Minister", "C:Norland", _ev(S1, "title", 0.9)),),
        events=(Event("Meeting", ("P:Anna Berg", "P:Carl Holt"), _ev(S1, "meet-verb"), places=("L:Oslo",),
                      date="2025-02-03", date_text="Monday"),),
        quotations=(Quotation("We agreed on fish,", "P:Anna Berg", "direct", _ev(S3, "direct-quote"), cue="said"),),
    )


@pytest.fixture(scope="module")
def graph():
    return extraction_to_graph(extraction(), base=BASE)


def iri(type_: str, name: str) -> URIRef:
    return URIRef(mint_entity_iri(type_, name, BASE))


ART = URIRef(mint_article_iri("oslo", BASE))
BERG, HOLT, LIND = iri("Person", "Anna Berg"), iri("Person", "Carl Holt"), iri("Person", "Dora Lind")


def test_graph_is_named_by_the_article(graph):
    assert graph.identifier == ART


@pytest.mark.parametrize("pred, obj", [
    (RDF.type, KG.Article),
    (KG.documentId, Literal("oslo")),
    (KG.title, Literal("Talks in Oslo")),
    (KG.url, Literal("https://news.example/oslo", datatype=ANYURI)),
    (KG.published, Literal("2025-02-03", datatype=DATE)),
    (KG.sourceFile, Literal("oslo.txt")),
    (KG.checksum, Literal(Document("x", TEXT).checksum)),
])
def test_article_metadata(graph, pred, obj):
    assert (ART, pred, obj) in graph


def test_actor_names_and_article(graph):
    assert set(graph.objects(BERG, RDFS.label)) == {Literal("Anna Berg")}
    assert set(graph.objects(BERG, SKOS.altLabel)) == {Literal("Berg")}
    assert (BERG, KG.mentionedIn, ART) in graph
    assert (iri("Country", "Norland"), RDF.type, KG.Country) in graph


def _evidence_of(graph, s, p, o):
    return [e for e in graph.subjects(RDF.subject, s)
            if (e, RDF.predicate, p) in graph and (e, RDF.object, o) in graph]


def test_asserted_relation_has_direct_triple_and_evidence(graph):
    assert (BERG, KG.metWith, HOLT) in graph
    [ev] = _evidence_of(graph, BERG, KG.metWith, HOLT)
    assert graph.value(ev, KG.status) == Literal("asserted")
    assert graph.value(ev, KG.sentence) == Literal(S1)
    assert graph.value(ev, KG.rule) == Literal("meet-verb")
    assert graph.value(ev, KG.confidence) == Literal(Decimal("0.85"))
    assert graph.value(ev, KG.article) == ART


def test_negated_relation_has_evidence_but_no_direct_triple(graph):
    assert (BERG, KG.metWith, LIND) not in graph
    [ev] = _evidence_of(graph, BERG, KG.metWith, LIND)
    assert graph.value(ev, KG.status) == Literal("negated")


def test_every_evidence_points_into_the_article_text(graph):
    evidence = list(graph.subjects(RDF.type, KG.Evidence))
    assert len(evidence) == 6  # 3 relations, 1 position, 1 event, 1 quotation
    for ev in evidence:
        b, e = graph.value(ev, NIF.beginIndex), graph.value(ev, NIF.endIndex)
        assert b.datatype == INT and e.datatype == INT
        assert TEXT[b.toPython():e.toPython()] == str(graph.value(ev, KG.sentence))


def test_position_is_observed_on_the_publication_date(graph):
    [pos] = list(graph.objects(BERG, KG.holdsPosition))
    assert graph.value(pos, RDFS.label) == Literal("Foreign Minister")
    assert graph.value(pos, KG.postIn) == iri("Country", "Norland")
    assert graph.value(pos, KG.observedOn) == Literal("2025-02-03", datatype=DATE)
    assert graph.value(graph.value(pos, KG.evidence), KG.sentence) == Literal(S1)


def test_position_without_publication_date_has_no_observed_on():
    g = extraction_to_graph(extraction(published=None), base=BASE)
    [pos] = list(g.objects(BERG, KG.holdsPosition))
    assert g.value(pos, KG.observedOn) is None


def test_positions_are_per_article():
    a = extraction_to_graph(extraction("a", "2024-01-01"), base=BASE)
    b = extraction_to_graph(extraction("b", "2025-01-01"), base=BASE)
    [pa], [pb] = list(a.objects(BERG, KG.holdsPosition)), list(b.objects(BERG, KG.holdsPosition))
    assert pa != pb
    assert a.value(pa, KG.observedOn) != b.value(pb, KG.observedOn)


def test_event(graph):
    [ev] = list(graph.subjects(RDF.type, KG.Meeting))
    assert set(graph.objects(ev, KG.participant)) == {BERG, HOLT}
    assert graph.value(ev, KG.atPlace) == iri("Place", "Oslo")
    assert graph.value(ev, KG.date) == Literal("2025-02-03", datatype=DATE)
    assert graph.value(ev, KG.dateText) == Literal("Monday")
    assert graph.value(ev, KG.status) == Literal("asserted")


def test_quotation(graph):
    [q] = list(graph.subjects(RDF.type, KG.Quotation))
    assert graph.value(q, KG.text) == Literal("We agreed on fish,")
    assert graph.value(q, KG.speaker) == BERG
    assert graph.value(q, KG.quoteKind) == Literal("direct")
    assert graph.value(q, KG.cue) == Literal("said")


def test_canonical_name_from_identity_resolution_becomes_the_label():
    ex = extraction()
    ids = Identities({e.key: mint_entity_iri(e.type, e.name, BASE) for e in ex.entities},
                     names={e.key: e.name for e in ex.entities})
    ids["P:Anna Berg"] = mint_entity_iri("Person", "Anna Maria Berg", BASE)
    ids.names["P:Anna Berg"] = "Anna Maria Berg"
    g = extraction_to_graph(ex, ids, base=BASE)
    node = iri("Person", "Anna Maria Berg")
    assert set(g.objects(node, RDFS.label)) == {Literal("Anna Maria Berg")}
    assert set(g.objects(node, SKOS.altLabel)) == {Literal("Anna Berg"), Literal("Berg")}


def test_mapping_is_deterministic():
    a, b = extraction_to_graph(extraction(), base=BASE), extraction_to_graph(extraction(), base=BASE)
    assert set(a) == set(b)


def test_base_iri_from_argument_and_environment(monkeypatch):
    g = extraction_to_graph(extraction(), base="https://data.example.net/news")
    assert g.identifier == URIRef(mint_article_iri("oslo", "https://data.example.net/news/"))
    monkeypatch.setenv("KG_BASE_IRI", "urn:example:kg:")
    g = extraction_to_graph(extraction())
    assert g.identifier == URIRef(mint_article_iri("oslo", "urn:example:kg:"))
    subjects = {str(s) for s in g.subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith("urn:example:kg:") for s in subjects)


def test_hand_built_extraction_conforms_to_the_shapes(graph):
    from kg.check.validate import validate_graph

    report = validate_graph(graph)
    assert report.conforms, report.text()


# -- time: "who was Russia's foreign minister as of 2025" ---------------------------------------

AS_OF = """
SELECT ?name ?observed ?country ?title ?date WHERE {
  ?person kg:holdsPosition ?pos ; rdfs:label ?name .
  ?pos rdfs:label ?t ; kg:postIn ?c ; kg:observedOn ?observed .
  ?c rdfs:label ?country .
  FILTER (LCASE(?t) = LCASE(?title) && ?observed <= ?date)
} ORDER BY DESC(?observed) LIMIT 1"""


def _post_article(doc_id: str, published: str, person: str) -> Extraction:
    text = f"Russian Foreign Minister {person} arrived in Geneva."
    ev = Evidence(text, 0, len(text), "title-premodifier/nationality", 0.9)
    return Extraction(
        Document(doc_id, text, published=published),
        entities=(Entity(f"P:{person}", "Person", person), Entity("C:Russia", "Country", "Russia")),
        positions=(Position(f"P:{person}", "Foreign Minister", "C:Russia", ev),),
        relations=(Relation(f"P:{person}", "represents", "C:Russia", ev),),
    )


@pytest.fixture(scope="module")
def ministers_store(tmp_path_factory):
    from kg.storage.disk import open_store

    st = open_store(tmp_path_factory.mktemp("ministers") / "store")
    st.add_graphs([extraction_to_graph(_post_article("geneva-2003", "2003-05-14", "Igor Ivanov")),
                   extraction_to_graph(_post_article("geneva-2025", "2025-02-20", "Sergei Lavrov"))])
    yield st
    st.close()


@pytest.mark.parametrize("as_of, expected", [
    ("2025-12-31", "Sergei Lavrov"),
    ("2010-01-01", "Igor Ivanov"),
    ("2003-05-14", "Igor Ivanov"),
])
def test_who_held_a_post_as_of_a_date(ministers_store, as_of, expected):
    rows = list(ministers_store.query(AS_OF, bindings={
        "country": "Russia", "title": "foreign minister", "date": Literal(as_of, datatype=DATE)}))
    assert [r["name"].value for r in rows] == [expected]


def test_nobody_held_the_post_before_the_first_observation(ministers_store):
    rows = list(ministers_store.query(AS_OF, bindings={
        "country": "Russia", "title": "Foreign Minister", "date": Literal("1999-01-01", datatype=DATE)}))
    assert rows == []


@pytest.mark.model
def test_example_build_answers_as_of_2025(example_store):
    from kg.storage.disk import open_store

    st = open_store(example_store.path, read_only=True)
    rows = list(st.query(AS_OF, bindings={
        "country": "Canada", "title": "Foreign Minister", "date": Literal("2025-12-31", datatype=DATE)}))
    assert [(r["name"].value, r["observed"].value) for r in rows] == [("Helen Marsh", "2025-03-12")]


# -- provenance of the real seed build ----------------------------------------------------------

@pytest.mark.model
def test_seed_evidence_offsets_slice_the_article_text(seed_store, seed_text):
    from kg.storage.disk import open_store

    st = open_store(seed_store.path, read_only=True)
    rows = list(st.query("SELECT ?s ?b ?e WHERE { ?ev a kg:Evidence ; kg:sentence ?s ; nif:beginIndex ?b ; nif:endIndex ?e }"))
    assert len(rows) > 20
    bad = [(r["b"].value, r["s"].value[:60]) for r in rows
           if seed_text[int(r["b"].value):int(r["e"].value)] != r["s"].value]
    assert bad == []


@pytest.mark.model
def test_seed_article_graph_carries_its_metadata(seed_store, seed_text, seed_path):
    from kg.storage.disk import open_store

    st = open_store(seed_store.path, read_only=True)
    rows = list(st.query("SELECT ?g ?a ?sum ?src WHERE { GRAPH ?g { ?a a kg:Article ; kg:checksum ?sum ; kg:sourceFile ?src } }"))
    assert len(rows) == 1
    r = rows[0]
    assert r["g"] == r["a"]
    assert r["sum"].value == Document("x", seed_text).checksum
    assert r["src"].value.endswith(seed_path.name)


def test_reported_speech_is_a_statement_and_quoted_words_a_quotation():
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from kg.records import Document, Entity, Evidence, Extraction, Quotation
    from kg.rdf.mapping import extraction_to_graph
    from kg.rdf.namespace import KG

    text = 'Ann Lee said that talks would resume. "We are ready," Ann Lee said.'
    ev = Evidence(text, 0, len(text), "test", 0.5)
    ex = Extraction(
        Document("d", text),
        entities=(Entity("Person:Ann Lee", "Person", "Ann Lee"),),
        quotations=(Quotation("talks would resume", "Person:Ann Lee", "indirect", ev, "said"),
                    Quotation("We are ready,", "Person:Ann Lee", "direct", ev, "said")),
    )
    g = extraction_to_graph(ex, base="http://ex.org/")
    nodes = set(g.subjects(RDF.type, KG.Statement)) | set(g.subjects(RDF.type, KG.Quotation))
    kinds = {str(g.value(q, KG.quoteKind)): set(g.objects(q, RDF.type)) for q in nodes}
    assert kinds == {"indirect": {KG.Statement}, "direct": {KG.Quotation}}


def test_a_title_without_country_or_organisation_is_a_role_not_a_position():
    from rdflib import Literal
    from rdflib.namespace import RDF

    from kg.records import Document, Entity, Evidence, Extraction, Position
    from kg.rdf.mapping import extraction_to_graph
    from kg.rdf.namespace import KG

    text = "Chilean President Rosa Vidal met Chancellor Tomas Leiva."
    ev = Evidence(text, 0, len(text), "test", 0.9)
    ex = Extraction(
        Document("d", text),
        entities=(Entity("P:vidal", "Person", "Rosa Vidal"), Entity("P:leiva", "Person", "Tomas Leiva"),
                  Entity("C:chile", "Country", "Chile")),
        positions=(Position("P:vidal", "President", "C:chile", ev), Position("P:leiva", "Chancellor", None, ev)),
    )
    g = extraction_to_graph(ex, base="http://ex.org/")
    posts = list(g.subjects(RDF.type, KG.Position))
    assert len(posts) == 1 and g.value(posts[0], KG.postIn) is not None
    leiva = next(g.subjects(KG.role, Literal("Chancellor")))
    assert g.value(leiva, KG.holdsPosition) is None


def test_an_events_supporting_evidence_is_a_second_evidence_node_with_its_own_rule():
    import dataclasses

    base = extraction()
    meeting = dataclasses.replace(base.events[0], support=(_ev("Oslo", "dateline-place", 0.6),))
    g = extraction_to_graph(dataclasses.replace(base, events=(meeting,)), base=BASE)
    [ev] = list(g.subjects(RDF.type, KG.Meeting))
    rules = {str(g.value(e, KG.rule)): str(g.value(e, KG.sentence)) for e in g.objects(ev, KG.evidence)}
    assert rules == {"meet-verb": S1, "dateline-place": "Oslo"}


def test_a_planned_and_a_refused_meeting_in_one_sentence_are_two_events():
    import dataclasses

    base = extraction()
    planned = dataclasses.replace(base.events[0], status="planned", date=None, date_text=None)
    refused = dataclasses.replace(base.events[0], status="negated", date="2025-02-01", date_text="Saturday")
    g = extraction_to_graph(dataclasses.replace(base, events=(planned, refused)), base=BASE)
    events = list(g.subjects(RDF.type, KG.Meeting))
    assert len(events) == 2
    assert sorted(str(g.value(e, KG.status)) for e in events) == ["negated", "planned"]


# -- external identifiers: ISO 3166 codes and GeoNames IRIs (kg.gazetteer) ----------------------

GEONAMES = "https://sws.geonames.org/"


def _places_article(entities, relations=()):
    text = "Anna Berg flew to " + ", ".join(e.name for e in entities) + "."
    ev = Evidence(text, 0, len(text), "hand", 0.8)
    return Extraction(Document("places", text), entities=tuple(entities),
                      relations=tuple(Relation(s, "locatedIn", o, ev, status=st) for s, o, st in relations))


def _same_as(g, type_, name):
    from kg.rdf.namespace import SCHEMA

    return sorted(str(o) for o in g.objects(iri(type_, name), SCHEMA.sameAs))


@pytest.mark.parametrize("name, alpha2, geonames_id", [
    ("France", "FR", 3017382), ("United Kingdom", "GB", 2635167), ("Russia", "RU", 2017370),
    ("Georgia", "GE", 614540), ("Democratic Republic of the Congo", "CD", 203312),
])
def test_a_country_gets_its_iso_code_and_geonames_iri(name, alpha2, geonames_id):
    g = extraction_to_graph(_places_article([Entity("C", "Country", name)]), base=BASE)
    assert list(g.objects(iri("Country", name), KG.iso3166Alpha2)) == [Literal(alpha2)]
    assert _same_as(g, "Country", name) == [f"{GEONAMES}{geonames_id}/"]


def test_a_country_without_an_iso_code_gets_only_its_geonames_iri():
    g = extraction_to_graph(_places_article([Entity("C", "Country", "Kosovo")]), base=BASE)
    assert list(g.objects(iri("Country", "Kosovo"), KG.iso3166Alpha2)) == []
    assert _same_as(g, "Country", "Kosovo") == [f"{GEONAMES}831053/"]


def test_a_country_is_looked_up_by_its_canonical_label():
    ex = _places_article([Entity("C", "Country", "Britain")])
    ids = Identities({"C": mint_entity_iri("Country", "United Kingdom", BASE)}, names={"C": "United Kingdom"})
    g = extraction_to_graph(ex, ids, base=BASE)
    assert list(g.objects(iri("Country", "United Kingdom"), KG.iso3166Alpha2)) == [Literal("GB")]


def test_an_unknown_country_gets_no_identifiers_and_oslo_its_city(graph):
    from kg.rdf.namespace import SCHEMA

    assert list(graph.triples((None, KG.iso3166Alpha2, None))) == []   # Norland is no real country
    # Oslo (1,082,575 in GeoNames, the only Oslo) is the one city of its name above a million
    assert list(graph.triples((None, SCHEMA.sameAs, None))) == [
        (iri("Place", "Oslo"), SCHEMA.sameAs, URIRef(GEONAMES + "3143244/"))]


@pytest.mark.parametrize("entities, relations, name, expected", [
    # alone: the only city of its name with a million inhabitants
    ([("Place", "Paris")], [], "Paris", [2988507]),
    ([("Place", "London")], [], "London", [2643743]),
    # the article's country or region decides
    ([("Place", "Paris"), ("Country", "United States")], [("Paris", "United States", "asserted")], "Paris", [4717560]),
    ([("Place", "Paris"), ("Place", "Texas")], [("Paris", "Texas", "asserted")], "Paris", [4717560]),
    ([("Place", "Doha"), ("Country", "Qatar")], [("Doha", "Qatar", "asserted")], "Doha", [290030]),
    ([("Place", "London"), ("Country", "Canada")], [("London", "Canada", "asserted")], "London", [6058560]),
    # no guess: several candidates, a small city alone, a place in two countries, an unknown region
    ([("Place", "Springfield")], [], "Springfield", []),
    ([("Place", "Springfield"), ("Country", "United States")], [("Springfield", "United States", "asserted")],
     "Springfield", []),
    ([("Place", "Doha")], [], "Doha", []),
    ([("Place", "Victoria")], [], "Victoria", []),
    ([("Place", "Paris"), ("Country", "France"), ("Country", "United States")],
     [("Paris", "France", "asserted"), ("Paris", "United States", "asserted")], "Paris", []),
    ([("Place", "Paris"), ("Place", "Narnia")], [("Paris", "Narnia", "asserted")], "Paris", []),
    ([("Place", "Gatwick"), ("Country", "United Kingdom")], [("Gatwick", "United Kingdom", "asserted")],
     "Gatwick", []),
    # a region is not a city; a negated location says nothing
    ([("Place", "Georgia")], [], "Georgia", []),
    ([("Place", "Paris"), ("Country", "United States")], [("Paris", "United States", "negated")], "Paris",
     [2988507]),
])
def test_a_place_gets_a_geonames_iri_only_when_one_city_fits(entities, relations, name, expected):
    ents = [Entity(n, t, n) for t, n in entities]
    g = extraction_to_graph(_places_article(ents, relations), base=BASE)
    assert _same_as(g, "Place", name) == [f"{GEONAMES}{i}/" for i in expected]


def test_a_graph_with_identifiers_conforms_to_the_shapes():
    from kg.check.validate import validate_graph

    ents = [Entity("Paris", "Place", "Paris"), Entity("Texas", "Place", "Texas"),
            Entity("US", "Country", "United States"), Entity("Kosovo", "Country", "Kosovo")]
    g = extraction_to_graph(_places_article(ents, [("Paris", "Texas", "asserted"), ("Texas", "US", "asserted")]),
                            base=BASE)
    assert len(list(g.triples((None, KG.iso3166Alpha2, None)))) == 1
    report = validate_graph(g)
    assert report.conforms, report.text()
    inferred = validate_graph(g, infer=True)
    assert inferred.conforms, inferred.text()


# -- spokespeople: kg:onBehalfOf ------------------------------------------------------------------

SPOKE = "A spokesman for Anna Berg said the talks were over."


def _spokesman_article(principal: str | None = "P:Anna Berg") -> Extraction:
    ev = Evidence(SPOKE, 0, len(SPOKE), "spokesperson", 0.7)
    return Extraction(
        Document("spokes", SPOKE),
        entities=(Entity("P:Anna Berg", "Person", "Anna Berg"), Entity("P:Carl Holt", "Person", "Carl Holt")),
        quotations=(Quotation("the talks were over", "P:Carl Holt", "indirect", ev, cue="said",
                              on_behalf_of=principal),),
    )


def _statement(g):
    return next(iter(g.subjects(RDF.type, KG.Statement)))


def test_a_statement_made_on_behalf_of_someone_links_the_principal():
    g = extraction_to_graph(_spokesman_article(), base=BASE)
    q = _statement(g)
    assert list(g.objects(q, KG.onBehalfOf)) == [BERG]
    assert list(g.objects(q, KG.speaker)) == [HOLT]


def test_a_statement_without_a_principal_has_no_on_behalf_of_and_is_otherwise_the_same():
    with_principal = extraction_to_graph(_spokesman_article(), base=BASE)
    without = extraction_to_graph(_spokesman_article(None), base=BASE)
    assert list(without.triples((None, KG.onBehalfOf, None))) == []
    assert set(with_principal) - set(without) == {(_statement(with_principal), KG.onBehalfOf, BERG)}
    assert set(without) <= set(with_principal)


def test_the_quotation_record_keeps_working_without_a_principal():
    import dataclasses

    ev = Evidence(S3, 0, len(S3), "direct-quote", 0.9)
    q = Quotation("We agreed on fish,", "P:Anna Berg", "direct", ev, "said")
    assert q.on_behalf_of is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.on_behalf_of = "P:Carl Holt"  # type: ignore[misc]


def test_a_dangling_principal_is_reported_by_the_extraction():
    ex = _spokesman_article("P:Nobody")
    assert ex.dangling_keys() == {"P:Nobody"}
    assert _spokesman_article().dangling_keys() == frozenset()


def test_on_behalf_of_conforms_and_under_owl_rl_attributes_the_statement_without_making_it_an_agent():
    from kg.check.inference import infer
    from kg.rdf.namespace import PROV
    from kg.check.validate import validate_graph

    g = extraction_to_graph(_spokesman_article(), base=BASE)
    for engine in ("sparql", "pyshacl"):
        report = validate_graph(g, infer=True, engine=engine)
        assert report.conforms, report.text()
    inferred = infer(g).graph
    q = _statement(g)
    assert (q, PROV.wasAttributedTo, BERG) in inferred
    assert (q, RDF.type, PROV.Agent) not in inferred
    assert (q, PROV.actedOnBehalfOf, BERG) not in inferred
