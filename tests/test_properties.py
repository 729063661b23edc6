"""Property tests (hypothesis): arbitrary bytes and Unicode never crash the reader, the store or
the pipeline, and the pipeline's output always conforms to the SHACL shapes.

A modest number of examples each (``deadline=None``: the model's speed varies on a shared machine),
so the suite stays fast; run with ``--hypothesis-seed`` to reproduce a failure.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDFS

from kg.ingest.problems import ReadProblem, ReadWarning
from kg.ingest.read import iter_documents
from kg.records import ACTOR_TYPES, RELATION_TYPES, Document, Entity, Evidence, Extraction, Quotation, Relation

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://example.org/"

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MODEL = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Any Unicode text a str can hold after decoding (no lone surrogates: decoders never produce them).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


# -- reading ---------------------------------------------------------------------------------------

@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_any_bytes_give_documents_or_problems_never_a_crash(tmp_path, data, suffix):
    p = tmp_path / f"input{suffix}"
    p.write_bytes(data)
    items = list(iter_documents([str(p)]))
    got = [i for i in items if not isinstance(i, ReadWarning)]  # a caveat rides along with its document
    assert got, "every file gives at least one document or problem"
    for item in got:
        assert isinstance(item, (Document, ReadProblem))
        if isinstance(item, Document):
            assert item.text.strip() and item.source.startswith(str(p))
        else:
            assert item.reason and "\n" not in str(item)
    for w in items:
        if isinstance(w, ReadWarning):
            assert w.source.startswith(str(p)) and "\n" not in w.message
    if suffix != ".jsonl":
        assert len(got) == 1


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
                           max_leaves=8)
records = st.one_of(
    st.fixed_dictionaries({"text": any_text}, optional={"id": json_values, "title": json_values,
                                                        "published": json_values, "url": json_values}),
    json_values.map(lambda v: v),
)
jsonl_lines = st.one_of(records.map(lambda r: json.dumps(r, ensure_ascii=False)), any_text.filter(lambda s: "\n" not in s))


@FAST
@given(lines=st.lists(jsonl_lines, max_size=8))
def test_any_json_lines_give_one_item_per_record(lines):
    data = "\n".join(lines).encode("utf-8")
    got = list(iter_documents(["-"], stdin=io.BytesIO(data)))
    assert all(isinstance(i, (Document, ReadProblem)) for i in got)
    ids = [i.id for i in got if isinstance(i, Document)]
    assert len(ids) == len(set(ids))  # never two documents with one id in a batch


# -- store and Turtle --------------------------------------------------------------------------------

def _extraction(name: str, quote: str) -> Extraction:
    text = f"{name} said {quote}"
    ev = Evidence(sentence=text, start=0, end=len(text), rule="prop", confidence=0.5)
    return Extraction(
        document=Document(id="prop", text=text, title=name or None),
        entities=(Entity("P:1", "Person", name), Entity("P:2", "Person", name + " II")),
        relations=(Relation("P:1", "metWith", "P:2", ev),),
        quotations=(Quotation(text=quote, speaker="P:1", kind="direct", evidence=ev),),
    )


@FAST
@given(name=any_text.filter(str.strip), quote=any_text)
def test_any_unicode_round_trips_through_store_and_turtle(name, quote):
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.store import KgStore

    st_ = KgStore(ox.Store(), None, False)
    g = extraction_to_graph(_extraction(name, quote), base=BASE)
    st_.add_graphs([g])
    st_.add_graphs([g])  # rebuilding goes through a SPARQL update: same content afterwards
    assert len(st_) == len(g)
    got = {r["l"].value for r in st_.query("SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }")}
    assert got == {name, name + " II"}
    buf = io.BytesIO()
    st_.dump(buf, ox.RdfFormat.TURTLE, union=True)
    back = rdflib.Graph().parse(data=buf.getvalue().decode("utf-8"), format="turtle")
    assert {str(o) for o in back.objects(None, RDFS.label)} == {name, name + " II"}
    from kg.rdf.namespace import KG

    assert {str(o) for o in back.objects(None, KG.text)} == {quote}


# -- the pipeline with the real model ----------------------------------------------------------------

@pytest.fixture(scope="module")
def shacl():
    shapes = ROOT / "ontologies" / "shapes.ttl"
    if not shapes.exists():
        pytest.skip("ontologies/shapes.ttl is not written yet (another part of the project)")
    from kg.rdf.ontology import load_ontology, load_shapes

    return load_shapes(), load_ontology()


@pytest.fixture(scope="module")
def model():
    from kg.nlp.model import load_model

    return load_model()  # loaded once; extract_document reuses it (cached)


# Names the model tends to recognise (so the relation and quotation rules run), made-up Latin-script
# names, and anything at all.
name_common = st.builds("{} {}".format, st.sampled_from(["Anna", "Carl", "Maria", "Jonas", "Elena", "Pieter",
                                                          "Sofia", "Tomas", "Ingrid", "Lukas", "Amira", "Kenji"]),
                        st.sampled_from(["Berg", "Holt", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
                                         "Rossi", "Sato", "Haddad", "Kowalski", "Fischer"]))
name_latin = st.from_regex(r"[A-Z][a-z]{2,8}( [A-Z][a-z]{2,10}){1,2}", fullmatch=True)
name_any = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=25)
names = st.one_of(*[name_common] * 6, name_latin, name_any)
quote_text = st.one_of(st.sampled_from(["We agreed to continue the talks", "This is a good day for peace",
                                        "Nothing was decided"]), st.text(max_size=80))
TEMPLATES = [
    "Foreign Minister {a} met {b} in {c} on Monday.",
    '"{q}," {a} said after meeting {b}.',
    "{a} spoke with {b} by phone on 18 February. {b} told reporters: \"{q}\"",
    "President {a} of {c} will meet {b} in {c} next week, but {b} did not meet {a} yesterday.",
    "{a}, an adviser to {b}, said that {q}. They later met in {c}.",
    "{q}\n\n{a} and {b} held talks in {c}.\n\nRead more: {q}",
]
news_like = st.builds(lambda t, a, b, c, q: t.format(a=a, b=b, c=c, q=q),
                      st.sampled_from(TEMPLATES), names, names, st.sampled_from(["Oslo", "Geneva", "Riyadh"]) | names,
                      quote_text)
pipeline_text = st.one_of(news_like, news_like, news_like, any_text.filter(str.strip))


def _check_invariants(ex: Extraction, text: str) -> None:
    keys = {e.key for e in ex.entities}
    assert len(keys) == len(ex.entities)
    for e in ex.entities:
        assert e.type in ACTOR_TYPES and e.name.strip(), e
    for m in ex.mentions:
        assert m.entity in keys and 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text, m
    evidences = ([r.evidence for r in ex.relations] + [p.evidence for p in ex.positions]
                 + [q.evidence for q in ex.quotations] + [e.evidence for e in ex.events])
    for ev in evidences:
        assert 0 <= ev.start <= ev.end <= len(text) and text[ev.start:ev.end] == ev.sentence, ev
        assert 0.0 <= ev.confidence <= 1.0
    for r in ex.relations:
        assert r.predicate in RELATION_TYPES and r.subject in keys and r.object in keys, r
    for p in ex.positions:
        assert p.person in keys and (p.of is None or p.of in keys) and p.title.strip(), p
    for q in ex.quotations:
        assert q.speaker is None or q.speaker in keys
    for e in ex.events:
        assert set(e.participants) <= keys and set(e.places) <= keys, e


@pytest.mark.model
@MODEL
@given(text=pipeline_text)
def test_random_text_never_crashes_and_conforms_to_the_shapes(model, shacl, text):
    from pyshacl import validate

    from kg.nlp.extract import extract_document
    from kg.rdf.mapping import extraction_to_graph

    doc = Document(id="random", text=text, published="2025-02-18")
    ex = extract_document(doc)
    _check_invariants(ex, text)
    event(f"relations found: {bool(ex.relations)}")  # shown by --hypothesis-show-statistics
    event(f"quotations found: {bool(ex.quotations)}")
    g = extraction_to_graph(ex, base=BASE)
    shapes, ontology = shacl
    conforms, _, report = validate(g, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
                                   allow_warnings=True)
    assert conforms, f"{text!r}\n{report}"


_WORDS = st.sampled_from(["Blair's", "don't", "MPs'", "the", "party", "won't", "it's", "O'Neill", "'90s", "rock",
                          "'n'", "roll", "Jones'", "said", "Ana's", "isn't", "they'd", "leaders'", "vote", "Labour"])


@given(st.lists(_WORDS, min_size=1, max_size=30), st.sampled_from([".", "!", "?", ""]),
       st.lists(_WORDS, max_size=10))
@settings(max_examples=300, deadline=None)
def test_possessives_and_contractions_never_make_a_quotation(words, end, next_paragraph):
    """Also when the next paragraph starts with an apostrophe ("'90s"): a quotation goes on over
    paragraphs only from a real opening mark."""
    from kg.nlp.quotes import quote_spans

    text = " ".join(words) + end + ("\n\n" + " ".join(next_paragraph) if next_paragraph else "")
    assert quote_spans(text) == [], text
