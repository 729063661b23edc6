"""Export by extension, then re-import: the same graph or dataset in every RDF format, the same
actor graph in GraphML and GEXF; JSON-LD carries kg's published @context."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from kg.errors import ExportError
from kg.output.export import FORMATS, export, flat_actor_graph
from kg.records import Document, Entity, Event, Evidence, Extraction, Quotation, Relation
from kg.rdf.mapping import extraction_to_graph
from kg.storage.disk import open_store
from kg.rdf.iri import mint_article_iri

RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml",
               ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}
DATASET_EXTS = {".trig", ".nq", ".jsonld"}
GRAPH_EXTS = [".graphml", ".gexf"]

# Text with everything serialisers get wrong: quotes, backslashes, newlines, tabs, markup
# characters, non-Latin and non-BMP characters.
TRICKY = ('Ана Берг said: "A <b>&amp;</b> \\ back\\slash"\tand\nmore. '
          "Zoë O'Neill met Ana Berg 🇺🇦 in Zürich.")


def _tricky_store(path):
    s1 = TRICKY.split(". ")[0] + "."
    s2 = TRICKY[len(s1) + 1:]
    e1 = Evidence(s1, 0, len(s1), "direct-quote", 0.8)
    e2 = Evidence(s2, len(s1) + 1, len(TRICKY), "meet-verb", 0.85)
    ex = Extraction(
        Document("tricky/one", TRICKY, title='The "tricky" <one>', published="2024-12-31",
                 url="https://news.example/a?x=1&y=2", source="in/tricky.txt"),
        entities=(Entity("P:ana", "Person", "Ана Берг", ("Ana Berg",)), Entity("P:zoe", "Person", "Zoë O'Neill"),
                  Entity("L:zurich", "Place", "Zürich")),
        relations=(Relation("P:zoe", "metWith", "P:ana", e2),),
        events=(Event("Meeting", ("P:zoe", "P:ana"), e2, places=("L:zurich",), date="2024-12-30"),),
        quotations=(Quotation('A <b>&amp;</b> \\ back\\slash"\tand\nmore', "P:ana", "direct", e1, cue="said"),),
    )
    st = open_store(path)
    st.add_graphs([extraction_to_graph(ex)])
    from kg.check.inference import materialise

    materialise(st)  # a second, non-article named graph: graph/inferred
    return st


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    st = _tricky_store(tmp_path_factory.mktemp("tricky") / "store")
    yield st
    st.close()


@pytest.fixture(scope="module")
def seed(seed_store):
    st = open_store(seed_store.path, read_only=True)
    return st


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _by_graph(ds: Dataset) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = str(c.identifier if hasattr(c, "identifier") else c)
        out.setdefault(name, Graph()).add((s, p, o))
    return out


def _explain(expected: Graph, actual: Graph, what: str) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"{what}: {len(only_expected)} triple(s) lost, {len(only_actual)} added"]
    lines += [f"  lost:  {t}" for t in sorted(only_expected)[:10]]
    lines += [f"  added: {t}" for t in sorted(only_actual)[:10]]
    return "\n".join(lines)


def _assert_round_trip(store, tmp_path, ext):
    path = export(store, tmp_path / f"out{ext}")
    back = Dataset()
    back.parse(str(path), format=RDF_FORMATS[ext])
    original = store.to_rdflib()
    if ext in DATASET_EXTS:
        want, got = _by_graph(original), _by_graph(back)
        assert sorted(got) == sorted(want), f"named graphs differ: {sorted(set(want) ^ set(got))}"
        for name in want:
            assert to_isomorphic(want[name]) == to_isomorphic(got[name]), _explain(want[name], got[name], name)
    else:
        want, got = _union(original), _union(back)
        assert len(want) > 0
        assert to_isomorphic(want) == to_isomorphic(got), _explain(want, got, ext)


@pytest.mark.parametrize("ext", sorted(RDF_FORMATS))
def test_rdf_round_trip_of_tricky_text(tricky, tmp_path, ext):
    _assert_round_trip(tricky, tmp_path, ext)


@pytest.mark.model
@pytest.mark.parametrize("ext", sorted(RDF_FORMATS))
def test_rdf_round_trip_of_the_seed_article(seed, tmp_path, ext):
    _assert_round_trip(seed, tmp_path, ext)


def test_every_export_format_is_covered_by_a_round_trip_test():
    assert set(FORMATS) == set(RDF_FORMATS) | set(GRAPH_EXTS)


def test_dataset_formats_keep_one_graph_per_article(tricky, tmp_path):
    back = Dataset()
    back.parse(str(export(tricky, tmp_path / "out.trig")), format="trig")
    names = set(_by_graph(back))
    assert mint_article_iri("tricky/one") in names
    assert "https://w3id.org/kg-news/id/graph/inferred" in names


def test_jsonld_uses_the_published_context(tricky, tmp_path):
    from kg.rdf.ontology import ontology_file

    doc = json.loads(export(tricky, tmp_path / "out.jsonld").read_text(encoding="utf-8"))
    published = json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == published
    text = json.dumps(doc["@graph"])
    assert '"metWith"' in text and '"label"' in text  # compacted with the context's terms


def _graph_sets(g: nx.MultiDiGraph):
    nodes = {n: dict(d) for n, d in g.nodes(data=True)}
    edges = sorted((u, v, d.get("predicate"), d.get("evidence")) for u, v, d in g.edges(data=True))
    return nodes, edges


def _read_graph(path, ext):
    if ext == ".graphml":
        return nx.read_graphml(path, force_multigraph=True)
    g = nx.read_gexf(path)
    return g if g.is_multigraph() else nx.MultiDiGraph(g)


def _assert_graph_round_trip(store, tmp_path, ext):
    expected = flat_actor_graph(store)
    assert expected.number_of_nodes() > 0 and expected.number_of_edges() > 0
    back = _read_graph(export(store, tmp_path / f"actors{ext}"), ext)
    (want_nodes, want_edges), (got_nodes, got_edges) = _graph_sets(expected), _graph_sets(back)
    for n in want_nodes:  # GEXF adds its own bookkeeping attributes; compare ours
        got_nodes[n] = {k: got_nodes.get(n, {}).get(k) for k in want_nodes[n]}
    assert set(got_nodes) == set(want_nodes), f"nodes only exported: {set(got_nodes) - set(want_nodes)}, lost: {set(want_nodes) - set(got_nodes)}"
    diff = {n: (want_nodes[n], got_nodes[n]) for n in want_nodes if want_nodes[n] != got_nodes[n]}
    assert diff == {}
    assert got_edges == want_edges, f"lost {set(want_edges) - set(got_edges)}; added {set(got_edges) - set(want_edges)}"


@pytest.mark.parametrize("ext", GRAPH_EXTS)
def test_actor_graph_round_trip_of_tricky_text(tricky, tmp_path, ext):
    _assert_graph_round_trip(tricky, tmp_path, ext)


@pytest.mark.model
@pytest.mark.parametrize("ext", GRAPH_EXTS)
def test_actor_graph_round_trip_of_the_seed_article(seed, tmp_path, ext):
    _assert_graph_round_trip(seed, tmp_path, ext)


@pytest.mark.model
def test_actor_graph_holds_the_seed_meetings(seed, seed_gold):
    g = flat_actor_graph(seed)
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    met = {frozenset((labels[u], labels[v])) for u, v, d in g.edges(data=True) if d["predicate"] == "metWith"}
    names = {e["id"]: e["name"] for e in seed_gold["entities"]}
    required = {frozenset((names[r["s"]], names[r["o"]])) for r in seed_gold["relations"]
                if r["p"] == "metWith" and r.get("required", True)}
    assert required <= met


def test_unknown_extension_is_a_clear_error(tricky, tmp_path):
    with pytest.raises(ExportError, match=r"unknown export format '\.csv'"):
        export(tricky, tmp_path / "out.csv")


def test_unwritable_target_is_a_clear_error(tricky, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export(tricky, tmp_path / "missing-dir" / "out.ttl")


def test_export_command(tricky, tmp_path, capsys):
    import kg.commands.export  # noqa: F401
    from kg.cli import main

    src = tmp_path / "copy"
    st = _tricky_store(src)
    st.close()
    out = tmp_path / "cli.nt"
    assert main(["export", str(out), "--store", str(src)]) == 0
    g = Graph().parse(str(out), format="nt")
    assert (None, URIRef("https://w3id.org/kg-news/ontology#metWith"), None) in g


def test_kg_code_raises_no_deprecation_warning(tmp_path):
    # The test run hides rdflib's deprecation warnings only when rdflib's own modules raise them
    # (pyproject filterwarnings); kg's code must raise none, so that a real warning stands out.
    import warnings

    import pyoxigraph as ox

    st = _tricky_store(tmp_path / "store")
    try:  # a triple outside the article graphs too (kg writes none, other tools may)
        st.add_quads([ox.Quad(ox.NamedNode("http://x.org/s"), ox.NamedNode("http://x.org/p"), ox.Literal("o"))])
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
            ds = st.to_rdflib()
            for ext in (".ttl", ".trig", ".jsonld"):
                export(st, tmp_path / f"g{ext}")
    finally:
        st.close()
    assert (URIRef("http://x.org/s"), URIRef("http://x.org/p"), None) in ds.default_graph


def test_union_dump_writes_each_distinct_triple_once(tmp_path):
    """Triples repeated across article graphs and the default graph (IRIs, language-tagged and
    typed literals, a blank node) come out once each, and every triple of every graph comes out
    (the dump no longer remembers what it wrote: its memory is measured in bench/bench_incremental.py)."""
    import io

    import pyoxigraph as ox

    st = open_store(tmp_path / "store")
    n = ox.NamedNode
    a, p, b = n("http://ex.org/a"), n("http://ex.org/p"), n("http://ex.org/b")
    bn = ox.BlankNode("x1")
    shared = [(a, p, b), (a, n("http://ex.org/name"), ox.Literal("Anna", language="en")), (bn, p, ox.Literal("3", datatype=n("http://www.w3.org/2001/XMLSchema#integer")))]
    graphs = [n(f"http://ex.org/g{i}") for i in range(5)] + [ox.DefaultGraph()]
    quads = [ox.Quad(s, pr, o, g) for g in graphs for s, pr, o in shared]
    quads += [ox.Quad(n(f"http://ex.org/only{i}"), p, b, g) for i, g in enumerate(graphs)]
    st.add_quads(quads)
    out = io.BytesIO()
    st.dump(out, ox.RdfFormat.N_TRIPLES, union=True)
    written = [t for t in ox.parse(out.getvalue(), ox.RdfFormat.N_TRIPLES)]
    assert len(written) == len(set(written)) == len(shared) + len(graphs)
    assert {(t.subject, t.predicate, t.object) for t in written if not isinstance(t.subject, ox.BlankNode)} == \
        {(q.subject, q.predicate, q.object) for q in quads if not isinstance(q.subject, ox.BlankNode)}
    st.close()
