"""The SPARQL engine of kg validate (kg/check/shacl_sparql.py) reports exactly what pySHACL reports.

Every constraint of ontologies/shapes.ttl is broken at least once in the hand-written graphs
below (``COVERED`` lists which damage breaks which constraint, and each must show up in pySHACL's
own report, so a damage that stops breaking anything fails the test). For each graph the set of
(focus node, path, constraint component, value, severity) found by the fast engine must equal the
set found by pySHACL itself, run on the whole shapes graph, SPARQL constraints included.
"""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

import query_fixtures as qf
from kg.rdf.namespace import KG, NIF, SCHEMA
from kg.rdf.ontology import load_ontology, load_shapes
from kg.check.shacl import _from_report
from kg.check.shacl_sparql import ShapesError, run_shapes_sparql
from kg.storage.disk import open_store
from kg.storage.store import KgStore
from kg.storage.terms import to_ox
from kg.check.validate import validate_graph, validate_store

EX = "http://example.org/test/"
XSD_DATE, XSD_DECIMAL = (URIRef("http://www.w3.org/2001/XMLSchema#" + t) for t in ("date", "decimal"))


def base() -> Graph:
    g = Graph()
    for a in qf.graphs():
        for t in a:
            g.add(t)
    return g


def _of(g: Graph, cls, i: int = 0) -> URIRef:
    return sorted(g.subjects(RDF.type, cls), key=str)[i]


def _actor(g: Graph, name: str) -> URIRef:
    return next(s for s in g.subjects(RDFS.label, Literal(name)) if (s, RDF.type, KG.Position) not in g)


def _key(v) -> tuple:
    return (v.focus, v.path, v.component, v.value, v.severity)


def pyshacl_keys(g: Graph) -> set:
    """What pySHACL itself finds (SHACL Core and SHACL-SPARQL, node by node)."""
    from pyshacl import validate

    _, results, _ = validate(g, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none",
                             advanced=True, allow_warnings=True)
    return {_key(_from_report(results, r, g)) for r in results.subjects(RDF.type, SH.ValidationResult)}


def sparql_keys(g: Graph) -> set:
    return {_key(v) for v in validate_graph(g, engine="sparql").violations}


# -- damages: each breaks the constraints it names in COVERED ------------------------------------------

def actors(g):
    berg, lind, vienna = _actor(g, "Anna Berg"), _actor(g, "Eva Lind"), _actor(g, "Vienna")
    g.add((berg, RDFS.label, Literal("Anne Berg")))                         # maxCount
    g.set((lind, RDFS.label, Literal("Eva Lind", lang="sv")))              # datatype
    g.set((vienna, RDFS.label, Literal(" Vienna")))                        # pattern
    nordland = _actor(g, "Nordland")
    g.remove((nordland, RDFS.label, None))                                 # minCount
    g.add((berg, SKOS.altLabel, Literal("")))                              # minLength
    g.add((berg, SKOS.altLabel, URIRef(EX + "alias")))                     # datatype (an IRI)
    g.remove((lind, KG.mentionedIn, None))                                 # minCount
    g.add((vienna, KG.mentionedIn, vienna))                                # class
    g.add((vienna, KG.mentionedIn, Literal("talks-1")))                    # class, nodeKind
    g.add((berg, KG.metWith, Literal("Karl")))                             # class, nodeKind (and no evidence)
    g.add((berg, KG.advises, nordland))                                    # class (and no evidence)
    g.add((vienna, KG.locatedIn, URIRef(EX + "nowhere")))                  # class (and no evidence)
    g.add((lind, RDF.type, KG.Organization))                               # qualifiedMaxCount
    b = BNode("anon")
    g.add((b, RDF.type, KG.Person))                                        # node kind of the focus
    g.add((b, RDFS.label, Literal("Nobody")))
    g.add((berg, KG.holdsPosition, vienna))                                # class (PersonShape)


def positions(g):
    pos = _of(g, KG.Position)
    g.add((pos, RDFS.label, Literal("Minister")))                         # maxCount
    pos2 = _of(g, KG.Position, 1)
    g.set((pos2, RDFS.label, Literal("")))                                 # minLength
    g.remove((None, KG.holdsPosition, pos2))                               # minCount of ^kg:holdsPosition
    g.add((_actor(g, "Eva Lind"), KG.holdsPosition, pos))                  # maxCount of ^kg:holdsPosition
    g.add((_actor(g, "Nordland"), KG.holdsPosition, pos))                  # class of ^kg:holdsPosition
    g.add((pos, KG.postIn, Literal("Estovia")))                            # maxCount, class, nodeKind
    g.add((pos, KG.observedOn, Literal("2025-03-04")))                     # maxCount, datatype, SPARQL (date)
    g.set((pos2, KG.observedOn, Literal("1999-01-01", datatype=XSD_DATE)))  # SPARQL (not the publication date)
    g.remove((pos2, KG.evidence, None))                                    # minCount
    g.add((pos, KG.evidence, _actor(g, "Vienna")))                         # class


def events(g):
    m = _of(g, KG.Meeting)
    g.set((m, KG.date, Literal("Monday", datatype=XSD_DATE)))              # datatype (ill-formed)
    g.add((m, KG.dateText, Literal("Monday")))
    g.add((m, KG.dateText, Literal("Tuesday")))                            # maxCount
    g.add((m, KG.status, Literal("rumoured")))                             # maxCount, in
    g.add((m, KG.participant, URIRef(EX + "nobody")))                      # class
    g.add((m, KG.atPlace, Literal("Vienna")))                              # class, nodeKind
    call = _of(g, KG.PhoneCall)
    g.remove((call, KG.participant, None))                                 # minCount
    g.remove((call, KG.status, None))                                      # minCount
    g.remove((call, KG.evidence, None))                                    # minCount
    g.add((m, KG.evidence, m))                                             # class
    g.add((m, KG.date, Literal("2025-03-04", datatype=XSD_DATE)))          # maxCount


def statements(g):
    said = sorted(set(g.subjects(RDF.type, KG.Quotation)) | set(g.subjects(RDF.type, KG.Statement)), key=str)
    assert len(said) >= 3
    q = _of(g, KG.Quotation)
    g.add((q, KG.text, Literal("More words")))                             # maxCount
    g.add((q, KG.quoteKind, Literal("shouted")))                           # maxCount, in
    g.add((q, KG.speaker, _of(g, KG.Article)))                             # maxCount, class
    g.add((q, KG.cue, Literal("said")))
    g.add((q, KG.cue, Literal(3)))                                         # maxCount, datatype
    q2 = next(x for x in said if x != q)
    g.set((q2, KG.text, Literal("")))                                      # minLength
    g.remove((q2, KG.quoteKind, None))                                     # minCount
    g.add((q2, KG.evidence, _of(g, KG.Evidence, 3)))                       # maxCount
    q3 = next(x for x in said if x not in (q, q2))
    g.remove((q3, KG.text, None))                                          # minCount
    g.remove((q3, KG.evidence, None))                                      # minCount


def articles(g):
    a, b = _of(g, KG.Article), _of(g, KG.Article, 1)
    g.set((a, KG.checksum, Literal("not-a-sha")))                          # pattern
    g.add((a, KG.documentId, Literal("another")))                          # maxCount
    g.add((a, KG.title, Literal("Second title")))                          # maxCount
    g.add((a, KG.url, Literal("http://example.org/a")))                    # datatype (not xsd:anyURI)
    g.add((a, KG.url, Literal("http://example.org/b", datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI"))))  # maxCount
    g.add((a, KG.published, Literal("2025-03-03")))                        # maxCount, datatype
    g.add((a, KG.sourceFile, Literal(1)))                                  # datatype
    g.remove((b, KG.documentId, None))                                     # minCount
    g.remove((b, KG.checksum, None))                                       # minCount


def evidence(g):
    e = [_of(g, KG.Evidence, i) for i in range(6)]
    g.set((e[0], NIF.endIndex, Literal(0)))                                # lessThan, SPARQL (offsets)
    g.set((e[1], NIF.beginIndex, Literal(-1)))                             # minInclusive, SPARQL (offsets)
    g.set((e[2], KG.confidence, Literal(1.5)))                             # datatype (a double)
    g.set((e[3], KG.confidence, Literal("1.5", datatype=XSD_DECIMAL)))     # maxInclusive
    g.set((e[4], KG.confidence, Literal("-0.1", datatype=XSD_DECIMAL)))    # minInclusive
    # (an ill-formed integer would do too, but rdflib's SPARQL recurses forever on it in the offsets constraint)
    g.set((e[5], NIF.endIndex, Literal("0.5", datatype=XSD_DECIMAL)))      # datatype, lessThan, SPARQL
    g.remove((e[0], KG.rule, None))                                        # minCount
    g.add((e[1], KG.sentence, Literal("Another sentence.")))               # maxCount
    g.set((e[2], KG.sentence, Literal("")))                                # minLength, SPARQL (offsets)
    g.add((e[3], KG.article, e[3]))                                        # maxCount, class
    rel = sorted(g.subjects(RDF.predicate, KG.metWith), key=str)[0]
    g.set((rel, KG.status, Literal("rumoured")))                           # in
    g.add((rel, RDF.predicate, KG.holdsPosition))                          # maxCount, in
    rel2 = sorted(g.subjects(RDF.predicate, KG.represents), key=str)[0]
    g.remove((rel2, RDF.object, None))                                     # SPARQL (together)
    rel3 = sorted(g.subjects(RDF.predicate, KG.advises), key=str)[0]
    g.remove((g.value(rel3, RDF.subject), KG.advises, g.value(rel3, RDF.object)))  # SPARQL (not backed)
    g.set((rel3, RDF.subject, Literal("Lind")))                            # class
    g.remove((e[4], KG.article, None))                                     # minCount
    g.add((rel, RDF.object, URIRef(EX + "nobody")))                        # maxCount, class


def more(g):
    berg, m = _actor(g, "Anna Berg"), _of(g, KG.Meeting)
    for p in (KG.advises, KG.spokeWith, KG.represents, KG.locatedIn, KG.holdsPosition):
        g.add((berg, p, Literal("Someone")))                               # class, nodeKind (and no evidence)
    g.add((m, KG.participant, Literal("Berg")))                            # nodeKind
    g.set((m, KG.dateText, Literal(5)))                                    # datatype
    a, b = _of(g, KG.Article), _of(g, KG.Article, 1)
    g.set((a, KG.documentId, Literal("")))                                 # minLength
    g.set((b, KG.documentId, Literal(7)))                                  # datatype
    g.add((a, KG.sourceFile, Literal("a.txt")))
    g.add((a, KG.sourceFile, Literal("b.txt")))                            # maxCount
    g.set((a, KG.title, Literal("Talks", lang="en")))                      # datatype
    g.add((b, KG.checksum, Literal("ab" * 32, datatype=XSD_DECIMAL)))       # maxCount, datatype
    q = _of(g, KG.Quotation)
    g.add((q, KG.speaker, Literal("Berg")))                                # nodeKind
    g.set((q, KG.text, Literal(3)))                                        # datatype
    e = [_of(g, KG.Evidence, i) for i in range(6, 13)]
    g.remove((e[0], KG.sentence, None))                                    # minCount
    g.remove((e[0], KG.confidence, None))                                  # minCount
    g.set((e[1], KG.sentence, Literal(g.value(e[1], KG.sentence), lang="en")))  # datatype
    g.add((e[1], KG.confidence, Literal("0.5", datatype=XSD_DECIMAL)))     # maxCount
    g.add((e[2], KG.rule, Literal("another-rule")))                        # maxCount
    g.remove((e[2], NIF.endIndex, None))                                   # minCount
    g.set((e[3], KG.rule, Literal("")))                                    # minLength
    g.add((e[3], NIF.endIndex, Literal(10_000)))                           # maxCount
    g.set((e[4], KG.rule, Literal(1)))                                     # datatype
    g.remove((e[5], NIF.beginIndex, None))                                 # minCount
    g.add((e[6], NIF.beginIndex, Literal("3")))                            # maxCount, datatype
    rel = sorted(g.subjects(RDF.predicate, KG.metWith), key=str)[0]
    g.add((rel, RDF.subject, _actor(g, "Vienna")))                         # maxCount


def identifiers(g):
    nordland, estovia, vienna, berg = (_actor(g, n) for n in ("Nordland", "Estovia", "Vienna", "Anna Berg"))
    geonames = "https://sws.geonames.org/"
    g.add((nordland, KG.iso3166Alpha2, Literal("NL")))
    g.add((nordland, KG.iso3166Alpha2, Literal("NO")))                     # maxCount
    g.add((estovia, KG.iso3166Alpha2, Literal("ee")))                      # pattern
    g.add((estovia, KG.iso3166Alpha2, Literal("EE", lang="et")))           # datatype, maxCount
    g.add((berg, KG.iso3166Alpha2, Literal("AB")))                         # class (only countries)
    g.add((nordland, SCHEMA.sameAs, URIRef(geonames + "1/")))
    g.add((nordland, SCHEMA.sameAs, URIRef(geonames + "2/")))              # maxCount
    g.add((estovia, SCHEMA.sameAs, Literal(geonames + "3/")))              # nodeKind
    g.add((vienna, SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q1741")))  # pattern
    said = sorted(g.subjects(RDF.type, KG.Quotation), key=str)
    g.add((said[0], KG.onBehalfOf, _of(g, KG.Article)))                    # class
    g.add((said[0], KG.onBehalfOf, nordland))                              # maxCount
    g.add((said[1], KG.onBehalfOf, Literal("the Kremlin")))                # nodeKind, class


DAMAGES = {"actors": actors, "positions": positions, "events": events, "statements": statements,
           "articles": articles, "evidence": evidence, "more": more, "identifiers": identifiers}

# damage -> (path, component) pairs it must produce; together they name every constraint of shapes.ttl
COVERED = {
    "actors": {("rdfs:label", c) for c in ("MaxCount", "MinCount", "Datatype", "Pattern")}
    | {("skos:altLabel", "MinLength"), ("skos:altLabel", "Datatype")}
    | {("kg:mentionedIn", c) for c in ("MinCount", "Class", "NodeKind")}
    | {("kg:metWith", "Class"), ("kg:metWith", "NodeKind"), ("kg:advises", "Class"), ("kg:locatedIn", "Class"),
       ("rdf:type", "QualifiedMaxCount"), (None, "NodeKind"), (None, "SPARQL"), ("kg:holdsPosition", "Class")},
    "positions": {("rdfs:label", "MaxCount"), ("rdfs:label", "MinLength"), ("^kg:holdsPosition", "MinCount"),
                  ("^kg:holdsPosition", "MaxCount"), ("^kg:holdsPosition", "Class"), ("kg:postIn", "MaxCount"),
                  ("kg:postIn", "Class"), ("kg:postIn", "NodeKind"), ("kg:observedOn", "MaxCount"),
                  ("kg:observedOn", "Datatype"), (None, "SPARQL"), ("kg:evidence", "MinCount"),
                  ("kg:evidence", "Class")},
    "events": {("kg:date", "Datatype"), ("kg:date", "MaxCount"), ("kg:dateText", "MaxCount"),
               ("kg:status", "MaxCount"), ("kg:status", "In"), ("kg:status", "MinCount"),
               ("kg:participant", "Class"), ("kg:participant", "MinCount"), ("kg:atPlace", "Class"),
               ("kg:atPlace", "NodeKind"), ("kg:evidence", "MinCount"), ("kg:evidence", "Class")},
    "statements": {("kg:text", "MaxCount"), ("kg:text", "MinLength"), ("kg:text", "MinCount"),
                   ("kg:quoteKind", "MaxCount"), ("kg:quoteKind", "In"), ("kg:quoteKind", "MinCount"),
                   ("kg:speaker", "MaxCount"), ("kg:speaker", "Class"), ("kg:cue", "MaxCount"),
                   ("kg:cue", "Datatype"), ("kg:evidence", "MaxCount"), ("kg:evidence", "MinCount")},
    "articles": {("kg:checksum", "Pattern"), ("kg:documentId", "MaxCount"), ("kg:title", "MaxCount"),
                 ("kg:url", "MaxCount"), ("kg:url", "Datatype"), ("kg:published", "MaxCount"),
                 ("kg:published", "Datatype"), ("kg:sourceFile", "Datatype"), ("kg:documentId", "MinCount"),
                 ("kg:checksum", "MinCount")},
    "evidence": {("nif:beginIndex", "LessThan"), ("nif:beginIndex", "MinInclusive"), ("kg:confidence", "Datatype"),
                 ("kg:confidence", "MaxInclusive"), ("kg:confidence", "MinInclusive"), ("nif:endIndex", "Datatype"),
                 ("kg:rule", "MinCount"), ("kg:sentence", "MaxCount"), ("kg:sentence", "MinLength"),
                 ("kg:article", "MaxCount"), ("kg:article", "Class"), ("kg:article", "MinCount"), ("kg:status", "In"),
                 ("rdf:predicate", "MaxCount"), ("rdf:predicate", "In"), ("rdf:subject", "Class"),
                 ("rdf:object", "MaxCount"), ("rdf:object", "Class"), (None, "SPARQL")},
    "more": {(p, c) for p in ("kg:advises", "kg:spokeWith", "kg:represents", "kg:locatedIn") for c in ("Class", "NodeKind")}
    | {("kg:holdsPosition", "NodeKind"), ("kg:participant", "NodeKind"), ("kg:dateText", "Datatype"),
       ("kg:documentId", "MinLength"), ("kg:documentId", "Datatype"), ("kg:sourceFile", "MaxCount"),
       ("kg:title", "Datatype"), ("kg:checksum", "MaxCount"), ("kg:checksum", "Datatype"), ("kg:speaker", "NodeKind"),
       ("kg:text", "Datatype"), ("kg:sentence", "MinCount"), ("kg:sentence", "Datatype"), ("kg:confidence", "MinCount"),
       ("kg:confidence", "MaxCount"), ("kg:rule", "MaxCount"), ("kg:rule", "MinLength"), ("kg:rule", "Datatype"),
       ("nif:endIndex", "MinCount"), ("nif:endIndex", "MaxCount"), ("nif:beginIndex", "MinCount"),
       ("nif:beginIndex", "MaxCount"), ("nif:beginIndex", "Datatype"), ("rdf:subject", "MaxCount")},
    "identifiers": {("kg:iso3166Alpha2", c) for c in ("MaxCount", "Pattern", "Datatype")}
    | {("schema:sameAs", c) for c in ("MaxCount", "NodeKind", "Pattern")}
    | {(None, "Class"), ("kg:onBehalfOf", "Class"), ("kg:onBehalfOf", "MaxCount"), ("kg:onBehalfOf", "NodeKind")},
}


def test_the_hand_written_graphs_conform_before_damage():
    g = base()
    assert pyshacl_keys(g) == set() == sparql_keys(g)


@pytest.mark.parametrize("name", list(DAMAGES))
def test_sparql_engine_finds_what_pyshacl_finds(name):
    g = base()
    DAMAGES[name](g)
    reference = pyshacl_keys(g)
    found = {(path, component.removesuffix("ConstraintComponent")) for _, path, component, _, _ in reference}
    assert COVERED[name] <= found, f"damages that pySHACL no longer reports: {COVERED[name] - found}"
    ours = sparql_keys(g)
    assert ours == reference, (f"only pySHACL: {sorted(reference - ours, key=str)}\n"
                               f"only SPARQL: {sorted(ours - reference, key=str)}")


def test_every_constraint_of_the_shapes_is_covered():
    """COVERED names every (path, constraint) pair of shapes.ttl, so a new constraint needs a damage."""
    from rdflib.collection import Collection  # noqa: F401

    shapes = load_shapes()
    components = {SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype", SH.nodeKind: "NodeKind",
                  SH["class"]: "Class", SH["in"]: "In", SH.pattern: "Pattern", SH.minLength: "MinLength",
                  SH.minInclusive: "MinInclusive", SH.maxInclusive: "MaxInclusive", SH.lessThan: "LessThan",
                  SH.qualifiedMaxCount: "QualifiedMaxCount"}
    from kg.check.shacl import show_term

    wanted = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            text = show_term(path) if isinstance(path, URIRef) else "^" + show_term(shapes.value(path, SH.inversePath))
            for key, name in components.items():
                if (prop, key, None) in shapes:
                    wanted.add((shape, text, name))
        if (shape, SH.nodeKind, None) in shapes:
            wanted.add((shape, None, "NodeKind"))
        if (shape, SH.sparql, None) in shapes:
            wanted.add((shape, None, "SPARQL"))
    covered = set().union(*COVERED.values())
    # pairs covered for at least one shape (rdfs:label of actors and of positions count apart below)
    missing = {(str(s), p, c) for s, p, c in wanted if (p, c) not in covered}
    assert not missing, missing
    assert len(wanted) > 90


def test_bulk_and_node_by_node_results_read_the_same():
    """Messages: an sh:message is used as written ({?var} filled in); labels of focus nodes as in pySHACL."""
    g = base()
    actors(g)
    ours = {(v.focus, v.path, v.component): v for v in validate_graph(g, engine="sparql").violations}
    theirs = {(v.focus, v.path, v.component): v for v in validate_graph(g, engine="pyshacl").violations}
    for k, v in theirs.items():
        assert ours[k].label == v.label
        if v.component in ("SPARQLConstraintComponent", "QualifiedMaxCountConstraintComponent") or \
                v.path in ("rdfs:label", "kg:mentionedIn"):  # the ones with an sh:message
            assert ours[k].message == v.message.replace("https://w3id.org/kg-news/ontology#", "kg:") or \
                ours[k].message == v.message


def test_inferred_triples_are_checked_too():
    """Entailments are checked too: a kg:spokeWith without evidence is reported for the asserted
    direction and, with --infer, for the reverse direction entailed by symmetry, as pySHACL does."""
    g = base()
    berg, ostrow = _actor(g, "Anna Berg"), _actor(g, "Karl Ostrow")
    g.add((berg, KG.spokeWith, ostrow))  # no evidence; the reverse direction is entailed
    plain = validate_graph(g, engine="sparql")
    inferred = validate_graph(g, engine="sparql", infer=True)
    reference = validate_graph(g, engine="pyshacl", infer=True)
    assert {_key(v) for v in inferred.violations} == {_key(v) for v in reference.violations}
    assert [v.focus for v in plain.violations if v.path is None] == [str(berg)]
    assert sorted(v.focus for v in inferred.violations) == sorted([str(berg), str(ostrow)])


def test_unsupported_shapes_are_refused_not_skipped():
    shapes = load_shapes()
    shapes.add((URIRef(EX + "Shape"), RDF.type, SH.NodeShape))
    shapes.add((URIRef(EX + "Shape"), SH.targetClass, KG.Person))
    shapes.add((URIRef(EX + "Shape"), SH.closed, Literal(True)))
    st = KgStore(ox.Store(), None, read_only=False)
    with pytest.raises(ShapesError, match="sh:closed not supported by the SPARQL engine; use --engine pyshacl"):
        run_shapes_sparql(st, shapes, load_ontology())


# -- a real build ----------------------------------------------------------------------------------

def _damage_store(path):
    """Break a built store in place through Oxigraph: every 3rd actor gets a second name, the first
    evidence node a confidence of 2, an article loses its checksum, a meeting its evidence."""
    st = open_store(path)
    try:
        g = Graph()
        for q in st.quads():
            from kg.storage.terms import from_ox

            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        graph = ox.NamedNode(str(_of(g, KG.Article)))
        quads = []
        for i, actor in enumerate(sorted(set(g.subjects(RDF.type, KG.Person)), key=str)):
            if i % 3 == 0:
                quads.append(ox.Quad(to_ox(actor), to_ox(RDFS.label), ox.Literal(f"Other name {i}"), graph))
        quads.append(ox.Quad(to_ox(_of(g, KG.Evidence)), to_ox(KG.confidence),
                             ox.Literal("2", datatype=ox.NamedNode(str(XSD_DECIMAL))), graph))
        st.add_quads(quads)
        for q in list(st.quads()):
            if q.predicate.value == str(KG.checksum) and q.graph_name == graph:
                st._store.remove(q)
            if q.predicate.value == str(KG.evidence) and q.subject.value == str(_of(g, KG.Meeting)):
                st._store.remove(q)
    finally:
        st.close()


@pytest.mark.model
@pytest.mark.parametrize("infer", [False, True])
def test_engines_agree_on_a_damaged_real_build(example_store, tmp_path, infer):
    copies = []
    for engine in ("sparql", "pyshacl"):
        copy = tmp_path / engine
        shutil.copytree(example_store.path, copy)
        _damage_store(copy)
        copies.append(copy)
    reports = []
    for engine, copy in zip(("sparql", "pyshacl"), copies):
        st = open_store(copy)
        try:
            reports.append(validate_store(st, infer=infer, engine=engine))
        finally:
            st.close()
    fast, reference = reports
    assert not reference.conforms and len(reference.violations) >= 4
    assert {_key(v) for v in fast.violations} == {_key(v) for v in reference.violations}
    assert fast.triples == reference.triples
    if infer:
        assert fast.inferred.triples == reference.inferred.triples and fast.inferred.counts == reference.inferred.counts
        ends = []
        for copy in copies:
            st = open_store(copy, read_only=True)
            ends.append({str(q) for q in st.quads()})
        assert ends[0] == ends[1], "both engines leave the same store behind"


# -- the command -------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_cli_engines_exit_1_and_name_the_same_nodes(tmp_path, capsys, engine):
    import re

    import kg.commands.validate  # noqa: F401
    from kg.cli import main

    g = base()
    articles(g)
    path = tmp_path / "broken.ttl"
    g.serialize(str(path), format="turtle")
    assert main(["validate", str(path), "--engine", engine, "--limit", "1000"]) == 1
    out = capsys.readouterr().out
    expected = len(pyshacl_keys(g))
    assert out.splitlines()[0] == f"{path}: does NOT conform to kg's SHACL shapes ({len(g)} triples checked, " \
                                  f"{expected} result(s))"
    assert len(re.findall(r"^  Violation: ", out, flags=re.M)) == expected
    assert "kg:checksum: an article has one kg:checksum, the SHA-256 of its text in lower-case hex (value: not-a-sha)" in out


def test_cli_unknown_engine_is_a_usage_error(tmp_path, capsys):
    import kg.commands.validate  # noqa: F401
    from kg.cli import main

    assert main(["validate", "--engine", "jena", "--store", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--engine jena: unknown SHACL engine (expected one of sparql, pyshacl)" in err and "Traceback" not in err


def test_both_engines_count_each_result_once():
    """The constraint "rdf:subject, rdf:predicate, rdf:object and kg:status together" matches an
    evidence node once per property it has: it is one result, in both engines."""
    g = base()
    evidence(g)
    fast, reference = validate_graph(g, engine="sparql"), validate_graph(g, engine="pyshacl")
    assert len(fast.violations) == len(reference.violations)
    assert len(set(reference.violations)) == len(reference.violations)
    assert [v.line() for v in fast.violations if v.component == "SPARQLConstraintComponent"] == \
        [v.line() for v in reference.violations if v.component == "SPARQLConstraintComponent"]


def test_docstring_examples_run():
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("kg.check.shacl_sparql"), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
