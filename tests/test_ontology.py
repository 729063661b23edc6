"""The ontology (ontologies/kg.ttl), its closed Python namespace, the JSON-LD context and the
SHACL shapes agree with each other and with the vocabulary contract of DESIGN.md."""
from __future__ import annotations

import doctest
import importlib

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.namespace import FOAF, KG, KG_NS, NIF, ORG, PROV, SCHEMA, SEM
from kg.rdf.ontology import ONTOLOGY_IRI, jsonld_context, load_ontology, load_shapes, ontology_file

SH = "http://www.w3.org/ns/shacl#"

#: The public vocabulary of DESIGN.md (users' SPARQL and kgscore rely on these local names).
CONTRACT = [
    "Person", "Organization", "Country", "Place", "Meeting", "PhoneCall", "Quotation", "Position", "Article",
    "metWith", "spokeWith", "represents", "advises", "locatedIn", "holdsPosition", "postIn",
    "participant", "atPlace", "date", "speaker", "text",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _kg_terms(g: Graph) -> set[str]:
    return {str(s)[len(KG_NS):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)}


def _namespace_terms() -> set[str]:
    return set(KG.__annotations__)


def test_namespace_and_ontology_declare_the_same_terms(onto):
    in_ttl, in_py = _kg_terms(onto), _namespace_terms()
    assert in_ttl - in_py == set(), f"declared in kg.ttl but missing from kg.rdf.namespace.KG: {sorted(in_ttl - in_py)}"
    assert in_py - in_ttl == set(), f"in KG but not declared in kg.ttl: {sorted(in_py - in_ttl)}"


def test_every_kg_term_used_as_object_is_declared(onto):
    used = {str(o)[len(KG_NS):] for o in onto.objects() if isinstance(o, URIRef) and str(o).startswith(KG_NS)}
    assert used <= _kg_terms(onto), sorted(used - _kg_terms(onto))


def test_closed_namespace_rejects_misspelt_terms():
    with pytest.raises(AttributeError):
        KG.metwith  # noqa: B018


@pytest.mark.parametrize("name", CONTRACT)
def test_design_contract_terms_exist(onto, name):
    assert (KG[name], RDF.type, None) in onto


@pytest.mark.parametrize("name", sorted(_namespace_terms()))
def test_every_term_has_one_label_and_one_definition(onto, name):
    term = KG[name]
    labels = list(onto.objects(term, RDFS.label))
    definitions = list(onto.objects(term, SKOS.definition))
    assert len(labels) == 1 and str(labels[0]).strip(), f"kg:{name} needs exactly one rdfs:label"
    assert len(definitions) == 1 and len(str(definitions[0])) > 15, f"kg:{name} needs one real skos:definition"


def _properties(onto, kind):
    return sorted(str(p)[len(KG_NS):] for p in onto.subjects(RDF.type, kind) if str(p).startswith(KG_NS))


@pytest.mark.parametrize("name", _properties(load_ontology(), OWL.ObjectProperty) + _properties(load_ontology(), OWL.DatatypeProperty))
def test_every_property_has_domain_and_range(onto, name):
    assert onto.value(KG[name], RDFS.domain) is not None, f"kg:{name} has no rdfs:domain"
    assert onto.value(KG[name], RDFS.range) is not None, f"kg:{name} has no rdfs:range"


@pytest.mark.parametrize("name", _properties(load_ontology(), OWL.ObjectProperty))
def test_object_properties_range_over_classes(onto, name):
    rng = onto.value(KG[name], RDFS.range)
    assert (rng, RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", ["metWith", "spokeWith"])
def test_symmetric_relations(onto, name):
    assert (KG[name], RDF.type, OWL.SymmetricProperty) in onto


@pytest.mark.parametrize("name", ["represents", "advises", "locatedIn", "holdsPosition", "postIn"])
def test_directed_relations_are_not_symmetric(onto, name):
    assert (KG[name], RDF.type, OWL.SymmetricProperty) not in onto


@pytest.mark.parametrize("term, axiom, target", [
    (KG.Position, RDFS.subClassOf, ORG.Post),
    (KG.holdsPosition, RDFS.subPropertyOf, ORG.holds),
    (KG.postIn, RDFS.subPropertyOf, ORG.postIn),
    (KG.participant, RDFS.subPropertyOf, SEM.hasActor),
    (KG.atPlace, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.date, RDFS.subPropertyOf, SEM.hasTimeStamp),
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Person, RDFS.subClassOf, FOAF.Person),
    (KG.Person, RDFS.subClassOf, SCHEMA.Person),
    (KG.Organization, RDFS.subClassOf, ORG.Organization),
    (KG.Place, RDFS.subClassOf, SCHEMA.Place),
    (KG.Quotation, RDFS.subClassOf, SCHEMA.Quotation),
    (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (KG.Article, RDFS.subClassOf, NIF.Context),
    (KG.Evidence, RDFS.subClassOf, NIF.String),
    (KG.Evidence, RDFS.subClassOf, PROV.Entity),
    (KG.sentence, RDFS.subPropertyOf, NIF.anchorOf),
    (KG.article, RDFS.subPropertyOf, NIF.referenceContext),
    (KG.article, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
])
def test_alignment_axioms(onto, term, axiom, target):
    assert (term, axiom, target) in onto


def test_ontology_states_nothing_about_terms_it_does_not_own(onto):
    foreign = {s for s in onto.subjects() if isinstance(s, URIRef)
               and not str(s).startswith(KG_NS) and str(s) != ONTOLOGY_IRI}
    assert foreign == set(), f"kg.ttl must not make statements about other vocabularies: {sorted(foreign)}"


@pytest.mark.parametrize("cls, codes", [
    (KG.Meeting, {"040", "044"}),
    (KG.PhoneCall, {"041"}),
    (KG.Quotation, {"010"}),
])
def test_cameo_codes_on_event_classes(onto, cls, codes):
    assert {str(c) for c in onto.objects(cls, KG.cameoCode)} == codes


def test_cameo_codes_are_three_digit_strings(onto):
    codes = list(onto.objects(None, KG.cameoCode))
    assert codes and all(isinstance(c, Literal) and len(str(c)) == 3 and str(c).isdigit() for c in codes)


# -- the published JSON-LD context ----------------------------------------------------------------

def _expand(ctx: dict, value: str) -> str:
    pfx, _, local = value.partition(":")
    return ctx[pfx] + local if pfx in ctx and isinstance(ctx[pfx], str) and not local.startswith("//") else value


def test_context_defines_every_kg_term(onto):
    ctx = jsonld_context()
    defined = {}
    for term, d in ctx.items():
        iri = d if isinstance(d, str) else d.get("@id")
        defined[_expand(ctx, iri)] = (term, d)
    missing = [n for n in _namespace_terms() if str(KG[n]) not in defined]
    assert missing == [], f"context.jsonld lacks terms for {missing}"


@pytest.mark.parametrize("name", _properties(load_ontology(), OWL.ObjectProperty))
def test_context_coerces_object_properties_to_iris(name):
    d = jsonld_context()[name]
    assert _expand(jsonld_context(), d["@id"]) == str(KG[name]) and d["@type"] == "@id"


@pytest.mark.parametrize("name", _properties(load_ontology(), OWL.DatatypeProperty))
def test_context_types_datatype_properties_like_their_range(onto, name):
    ctx = jsonld_context()
    rng = onto.value(KG[name], RDFS.range)
    d = ctx[name]
    if str(rng) == "http://www.w3.org/2001/XMLSchema#string":
        assert isinstance(d, str) or "@type" not in d, f"{name} is a plain string"
    else:
        assert _expand(ctx, d["@type"]) == str(rng), f"{name} should be typed {rng}"


# -- the SHACL shapes -----------------------------------------------------------------------------

def test_shapes_target_and_constrain_only_declared_terms(onto):
    shapes = load_shapes()
    declared = _kg_terms(onto)
    used = {str(o)[len(KG_NS):] for o in shapes.objects() if isinstance(o, URIRef) and str(o).startswith(KG_NS)}
    assert used <= declared, sorted(used - declared)
    targets = set(shapes.objects(None, URIRef(SH + "targetClass")))
    assert {KG.Person, KG.Organization, KG.Country, KG.Place, KG.Position, KG.Meeting, KG.PhoneCall,
            KG.Quotation, KG.Article, KG.Evidence} <= targets


def test_ontology_files_are_where_the_package_says():
    for name in ("kg.ttl", "shapes.ttl", "context.jsonld", "queries/evidence.rq"):
        assert ontology_file(name).is_file(), name


@pytest.mark.parametrize("module", ["kg.rdf.namespace", "kg.rdf.iri", "kg.rdf.ontology", "kg.rdf.mapping",
                                    "kg.pipeline.resolve", "kg.output.export", "kg.check.inference", "kg.check.shacl", "kg.check.validate"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
