"""kg validate: every build's output conforms to the SHACL shapes; broken data is reported
readably with exit status 1; --infer materialises OWL-RL entailments into graph/inferred; the
evidence named query returns the sentence behind each meeting."""
from __future__ import annotations

import re
import shutil

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.cli import main
from kg.records import Document, Entity, Event, Evidence, Extraction, Position, Quotation, Relation
from kg.rdf.iri import inferred_graph_iri, mint_entity_iri
from kg.rdf.mapping import extraction_to_graph
from kg.rdf.namespace import FOAF, KG, NIF, ORG, SEM
from kg.rdf.ontology import ontology_file
from kg.storage.disk import open_store
from kg.check.validate import validate_dataset, validate_file, validate_graph, validate_store

TEXT = "Anna Berg met Carl Holt in Oslo. \"Fish,\" Berg said."
S1, S2 = "Anna Berg met Carl Holt in Oslo.", "\"Fish,\" Berg said."
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
INT = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def _ev(s: str, rule: str = "meet-verb") -> Evidence:
    b = TEXT.index(s)
    return Evidence(s, b, b + len(s), rule, 0.8)


EXTRACTION = Extraction(
    Document("oslo", TEXT, published="2025-02-03"),
    entities=(Entity("P:a", "Person", "Anna Berg", ("Berg",)), Entity("P:c", "Person", "Carl Holt"),
              Entity("C:n", "Country", "Norland"), Entity("L:o", "Place", "Oslo")),
    relations=(Relation("P:a", "metWith", "P:c", _ev(S1)), Relation("P:a", "represents", "C:n", _ev(S1, "title"))),
    positions=(Position("P:a", "Foreign Minister", "C:n", _ev(S1, "title")),),
    events=(Event("Meeting", ("P:a", "P:c"), _ev(S1), places=("L:o",), date="2025-02-03"),),
    quotations=(Quotation("Fish,", "P:a", "direct", _ev(S2, "direct-quote"), cue="said"),),
)
ANNA = URIRef(mint_entity_iri("Person", "Anna Berg"))
CARL = URIRef(mint_entity_iri("Person", "Carl Holt"))


def good() -> Graph:
    return extraction_to_graph(EXTRACTION)


def _one(g: Graph, cls) -> URIRef:
    return next(iter(g.subjects(RDF.type, cls)))


def test_well_formed_article_conforms():
    report = validate_graph(good())
    assert report.conforms, report.text()
    assert report.violations == []


# Each breakage: (id, function that damages the graph, text expected in the report)
def _two_labels(g):
    g.add((ANNA, RDFS.label, Literal("Anne Berg")))


def _blank_label(g):
    g.set((ANNA, RDFS.label, Literal(" Anna Berg")))


def _no_article(g):
    g.remove((ANNA, KG.mentionedIn, None))


def _two_types(g):
    g.add((ANNA, RDF.type, KG.Organization))


def _offsets_disagree(g):
    ev = _one(g, KG.Evidence)
    g.set((ev, NIF.endIndex, Literal(g.value(ev, NIF.endIndex).toPython() + 3, datatype=INT)))


def _end_before_begin(g):
    ev = _one(g, KG.Evidence)
    g.set((ev, NIF.endIndex, Literal(0, datatype=INT)))


def _confidence_too_high(g):
    ev = _one(g, KG.Evidence)
    g.set((ev, KG.confidence, Literal(1.5)))


def _relation_without_evidence(g):
    g.add((CARL, KG.advises, ANNA))


def _evidence_without_relation(g):
    g.remove((ANNA, KG.metWith, CARL))


def _bad_checksum(g):
    art = _one(g, KG.Article)
    g.set((art, KG.checksum, Literal("not-a-sha")))


def _observed_on_another_date(g):
    pos = _one(g, KG.Position)
    g.set((pos, KG.observedOn, Literal("1999-01-01", datatype=DATE)))


def _position_without_holder(g):
    g.remove((None, KG.holdsPosition, None))


def _bad_quote_kind(g):
    g.set((_one(g, KG.Quotation), KG.quoteKind, Literal("shouted")))


def _event_date_not_a_date(g):
    g.set((_one(g, KG.Meeting), KG.date, Literal("Monday")))


def _participant_not_an_actor(g):
    g.add((_one(g, KG.Meeting), KG.participant, URIRef("http://example.org/nobody")))


BREAKAGES = [
    ("two-labels", _two_labels, "exactly one canonical name"),
    ("blank-label", _blank_label, "without surrounding spaces"),
    ("no-article", _no_article, "mentioned in at least one kg:Article"),
    ("two-types", _two_types, "exactly one of the types"),
    ("offsets-disagree", _offsets_disagree, "offsets span"),
    ("end-before-begin", _end_before_begin, "nif:beginIndex"),
    ("confidence", _confidence_too_high, "kg:confidence"),
    ("relation-without-evidence", _relation_without_evidence, "kg:advises <https://w3id.org/kg-news/id/person/anna-berg>: asserted actor relation without an evidence node"),
    ("evidence-without-relation", _evidence_without_relation, "not backed by the direct triple"),
    ("checksum", _bad_checksum, "SHA-256"),
    ("observed-on", _observed_on_another_date, "not the publication date"),
    ("position-holder", _position_without_holder, "held by exactly one kg:Person"),
    ("quote-kind", _bad_quote_kind, "kg:quoteKind"),
    ("event-date", _event_date_not_a_date, "kg:date"),
    ("participant", _participant_not_an_actor, "kg:participant"),
]


@pytest.mark.parametrize("damage, expected", [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_broken_data_is_reported(damage, expected):
    g = good()
    damage(g)
    report = validate_graph(g)
    assert not report.conforms
    assert expected in report.text(), report.text()


def test_bulk_sparql_constraints_agree_with_pyshacl():
    """kg.check.shacl runs each sh:sparql constraint once over the graph; pySHACL runs it per focus
    node. Both must find the same violations."""
    from pyshacl import validate
    from rdflib.namespace import SH

    from kg.rdf.ontology import load_ontology, load_shapes
    from kg.check.shacl import run_shapes

    g = good()
    for damage in (_offsets_disagree, _relation_without_evidence, _evidence_without_relation,
                   _observed_on_another_date):
        damage(g)
    shapes = load_shapes()
    _, results, _ = validate(g, shacl_graph=shapes, ont_graph=load_ontology(), inference="none", advanced=True)

    def local(msg):  # pySHACL prints full IRIs, kg prefixed names
        return re.sub(r"<?\S*[#/:](\w[\w-]*)>?", r"\1", msg)

    theirs = sorted((str(results.value(r, SH.focusNode)), local(str(results.value(r, SH.resultMessage))))
                    for r in results.subjects(RDF.type, SH.ValidationResult)
                    if results.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent)
    ours = sorted((v.focus, local(v.message)) for v in run_shapes(g, shapes, load_ontology())
                  if v.component == "SPARQLConstraintComponent")
    assert len(theirs) == 4
    assert ours == theirs


# -- dataset layout ------------------------------------------------------------------------------

def _dataset(*graphs: Graph) -> Dataset:
    ds = Dataset()
    for g in graphs:
        ctx = ds.graph(g.identifier)
        for t in g:
            ctx.add(t)
    return ds


def test_graph_per_article_layout_conforms():
    assert validate_dataset(_dataset(good())).conforms


def test_graph_named_after_another_article_is_reported():
    g = good()
    moved = Graph(identifier=URIRef("https://w3id.org/kg-news/id/article/elsewhere"))
    for t in g:
        moved.add(t)
    report = validate_dataset(_dataset(moved))
    assert not report.conforms
    assert "named after" in report.text() and "article/elsewhere" in report.text()


def test_triples_outside_article_graphs_are_reported():
    ds = _dataset(good())
    ds.default_graph.add((ANNA, SKOS.altLabel, Literal("A. Berg")))
    report = validate_dataset(ds)
    assert not report.conforms and "outside any article graph" in report.text()


# -- the real builds -----------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("which", ["seed_store", "example_store"])
def test_every_build_conforms(request, which):
    built = request.getfixturevalue(which)
    st = open_store(built.path, read_only=True)
    report = validate_store(st)
    assert report.conforms, report.text()
    assert report.triples == len(st)


@pytest.mark.model
@pytest.mark.parametrize("which", ["seed_store", "example_store"])
def test_exported_turtle_conforms(request, which):
    report = validate_file(request.getfixturevalue(which).ttl)
    assert report.conforms, report.text()


@pytest.mark.model
def test_cli_exit_0_on_a_conforming_store(seed_store, capsys):
    assert main(["validate", "--store", str(seed_store.path)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_cli_exit_1_with_a_readable_report(tmp_path, capsys):
    g = good()
    _two_labels(g)
    _bad_quote_kind(g)
    path = tmp_path / "broken.ttl"
    g.serialize(str(path), format="turtle")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"{path}: does NOT conform")
    assert re.search(r'Violation: <\S+/person/anna-berg> "Anna Berg" rdfs:label: an actor has exactly one canonical name', out), out
    assert "kg:quoteKind" in out


@pytest.mark.parametrize("args, message", [
    (["validate", "nope.ttl"], "no such file"),
    (["validate", "graph.csv"], "cannot validate a .csv file"),
])
def test_cli_bad_input_is_one_line(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "graph.csv").write_text("a,b\n")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_rejects_file_and_store_together(tmp_path, capsys):
    assert main(["validate", "x.ttl", "--store", str(tmp_path)]) == 2


def test_unparsable_file_is_an_input_error(tmp_path, capsys):
    p = tmp_path / "bad.ttl"
    p.write_text("<a> <b> .\n")
    assert main(["validate", str(p)]) == 1
    assert "not valid turtle" in capsys.readouterr().err


# -- inference --------------------------------------------------------------------------------------

@pytest.fixture
def small_store(tmp_path):
    st = open_store(tmp_path / "store")
    st.add_graphs([good()])
    yield st
    st.close()


INFERRED = URIRef(inferred_graph_iri())


def _graph(store, name) -> set:
    from kg.storage.terms import from_ox

    return {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in store.quads()
            if q.graph_name is not None and getattr(q.graph_name, "value", None) == str(name)}


@pytest.mark.parametrize("triple", [
    (CARL, KG.metWith, ANNA),                       # symmetric
    (ANNA, RDF.type, KG.Actor),                     # superclass type
    (ANNA, RDF.type, FOAF.Person),                  # alignment types
    (ANNA, ORG.holds, None),
    (None, SEM.hasActor, ANNA),
    (None, RDF.type, ORG.Post),
    (None, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None),
])
def test_infer_writes_entailments_to_the_inferred_graph(small_store, triple):
    report = validate_store(small_store, infer=True)
    assert report.conforms, report.text()
    inferred = _graph(small_store, INFERRED)
    s, p, o = triple
    assert any((s is None or t[0] == s) and t[1] == p and (o is None or t[2] == o) for t in inferred), triple
    assert report.inferred_graph == str(INFERRED)


def test_inferred_graph_holds_only_new_facts_about_the_data(small_store):
    validate_store(small_store, infer=True)
    inferred = _graph(small_store, INFERRED)
    article = _graph(small_store, _one(good(), KG.Article))
    assert inferred and not (inferred & article)
    assert not any(isinstance(x, BNode) for t in inferred for x in t)
    assert not any(str(t[1]) == "http://www.w3.org/2002/07/owl#sameAs" for t in inferred)
    assert not any(str(t[0]).startswith("https://w3id.org/kg-news/ontology") for t in inferred)


def test_infer_again_replaces_the_inferred_graph(small_store):
    validate_store(small_store, infer=True)
    first = _graph(small_store, INFERRED)
    validate_store(small_store, infer=True)
    assert _graph(small_store, INFERRED) == first


def test_infer_drops_stale_entailments(small_store):
    import pyoxigraph as ox

    validate_store(small_store, infer=True)
    stale = ox.Quad(ox.NamedNode(str(CARL)), ox.NamedNode(str(KG.metWith)), ox.NamedNode("http://example.org/gone"),
                    ox.NamedNode(str(INFERRED)))
    small_store.add_quads([stale])
    validate_store(small_store, infer=True)
    inferred = _graph(small_store, INFERRED)
    assert (CARL, KG.metWith, URIRef("http://example.org/gone")) not in inferred
    assert (URIRef("http://example.org/gone"), KG.metWith, CARL) not in inferred  # not reasoned from either


def test_infer_leaves_article_graphs_untouched(small_store):
    before = {str(q) for q in small_store.quads()}
    validate_store(small_store, infer=True)
    after = {str(q) for q in small_store.quads() if getattr(q.graph_name, "value", None) != str(INFERRED)}
    assert after == before


def test_infer_adds_no_actor_nodes(small_store):
    """kgscore counts nodes typed Person/Organization/Country/Place by local name: inference may
    add types to actors, never make new actors."""
    def actors():
        rows = small_store.query("SELECT DISTINCT ?n WHERE { ?n a ?t FILTER(REPLACE(STR(?t), '^.*[#/]', '') IN "
                                 "('Person', 'Organization', 'Country', 'Place', 'City', 'Location')) }")
        return {r["n"].value for r in rows}
    before = actors()
    validate_store(small_store, infer=True)
    assert actors() == before


def test_infer_needs_a_writable_store(small_store, tmp_path):
    from kg.errors import StoreError

    small_store.flush()
    path = small_store.path
    ro = open_store(path, read_only=True)
    with pytest.raises(StoreError, match="--infer writes the inferred graph"):
        validate_store(ro, infer=True)


@pytest.mark.model
def test_cli_infer_on_a_copy_of_the_seed_store(seed_store, tmp_path, capsys):
    copy = tmp_path / "seed"
    shutil.copytree(seed_store.path, copy)
    out = tmp_path / "inferred.ttl"
    assert main(["validate", "--store", str(copy), "--infer", "--inferred-out", str(out)]) == 0
    text = capsys.readouterr().out
    n = int(re.search(r"OWL-RL: (\d+) inferred", text).group(1))
    written = Graph().parse(str(out), format="turtle")
    assert n == len(written) > 0
    st = open_store(copy, read_only=True)
    met = {(r["a"].value, r["b"].value) for r in st.query("SELECT ?a ?b WHERE { ?a kg:metWith ?b }")}
    assert met and all((b, a) in met for a, b in met), "metWith is symmetric after --infer"


def test_infer_on_a_file_writes_nothing_but_reports(tmp_path, capsys):
    path = tmp_path / "one.trig"
    _dataset(good()).serialize(str(path), format="trig")
    before = path.read_bytes()
    assert main(["validate", str(path), "--infer"]) == 0
    assert "inferred triple(s)" in capsys.readouterr().out
    assert path.read_bytes() == before


# -- the evidence named query --------------------------------------------------------------------

EVIDENCE_RQ = ontology_file("queries/evidence.rq")


def test_evidence_query_header():
    head = EVIDENCE_RQ.read_text(encoding="utf-8").splitlines()[:3]
    assert head[0] == "# name: evidence"
    assert head[1].startswith("# description: ")
    assert head[2] == "# params: a, b"


def _evidence(store, a, b):
    return list(store.query(EVIDENCE_RQ.read_text(encoding="utf-8"), bindings={"a": a, "b": b}))


def test_evidence_query_on_hand_built_data(small_store):
    rows = _evidence(small_store, "Carl Holt", "berg")  # either order, any case, surname
    assert [(r["sentence"].value, int(r["begin"].value), int(r["end"].value), r["rule"].value) for r in rows] == \
        [(S1, 0, len(S1), "meet-verb")]
    assert _evidence(small_store, "Carl Holt", "Norland") == []


def test_evidence_query_ignores_planned_and_negated_meetings(tmp_path):
    ex = Extraction(EXTRACTION.document, entities=EXTRACTION.entities,
                    relations=(Relation("P:a", "metWith", "P:c", _ev(S1), status="planned"),))
    st = open_store(tmp_path / "s")
    st.add_graphs([extraction_to_graph(ex)])
    assert _evidence(st, "Anna Berg", "Carl Holt") == []


@pytest.mark.model
def test_evidence_query_returns_the_sentence_of_each_seed_meeting(seed_store, seed_gold, seed_text):
    st = open_store(seed_store.path, read_only=True)
    names = {e["id"]: e["name"] for e in seed_gold["entities"]}
    surnames = {e["id"]: e["name"].split()[-1] for e in seed_gold["entities"]}
    checked = 0
    for rel in seed_gold["relations"]:
        if rel["p"] != "metWith" or not rel.get("required", True):
            continue
        rows = _evidence(st, names[rel["s"]], names[rel["o"]])
        assert rows, f"no sentence for {names[rel['s']]} metWith {names[rel['o']]}"
        for r in rows:
            sentence, b, e = r["sentence"].value, int(r["begin"].value), int(r["end"].value)
            assert seed_text[b:e] == sentence
            pair = (surnames[rel["s"]], surnames[rel["o"]])
            if rel.get("evidence"):  # the gold evidence, "..." marking elisions; it may start a sentence earlier
                fragments = [f.strip() for f in rel["evidence"].split("...") if f.strip()]
                for fragment in fragments:
                    if any(n in fragment for n in pair):
                        assert fragment in sentence, (fragment, sentence)
                    else:
                        assert fragment in sentence or fragment in seed_text[max(0, b - 300):b], (fragment, sentence)
            else:  # the sentence names them ("They" may stand for a list given a sentence before)
                assert any(n in sentence for n in pair), (pair, sentence)
        checked += 1
    assert checked >= 7


def test_reasonable_gives_the_same_entailments_as_owlrl():
    # kg validate --infer runs the Rust reasoner `reasonable`; owlrl, the pure-Python reference, must
    # give the very same triples on a small graph holding every kind of kg node and literal (dates,
    # decimals, non-ASCII text, events, positions, roles, quotations, two articles)
    from rdflib import Graph

    import query_fixtures as qf
    from kg.check.inference import infer

    data = Graph()
    for g in qf.graphs() + [good()]:
        for t in g:
            data.add(t)
    fast, reference = infer(data), infer(data, engine="owlrl")
    assert len(reference) > 100
    only_owlrl, only_fast = set(reference.graph) - set(fast.graph), set(fast.graph) - set(reference.graph)
    assert not only_owlrl and not only_fast, (sorted(only_owlrl)[:5], sorted(only_fast)[:5])
    assert fast.counts == reference.counts


def test_unknown_reasoner_is_refused():
    from rdflib import Graph

    from kg.check.inference import infer

    with pytest.raises(ValueError, match="unknown reasoner 'pellet'"):
        infer(Graph(), engine="pellet")
