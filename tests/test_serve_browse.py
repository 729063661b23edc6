"""The actor browser of ``kg serve`` over HTTP with a real client (requests): Linked Data content
negotiation for one IRI, IRIs dereferenceable at the server when ``KG_BASE_IRI`` points at it,
the SPARQL endpoint's predefined prefixes and one-line errors, search, and hostile names inert."""
from __future__ import annotations

import json

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

import query_fixtures as qf
from kg.web.serve import start_server
from kg.rdf.iri import mint_article_iri

pytestmark = pytest.mark.server

BERG = qf.iri("person", "Anna Berg")




@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    path = qf.make_store(tmp_path_factory.mktemp("browse") / "store")
    server = start_server(path, port=qf.free_port())
    try:
        yield server
    finally:
        server.stop()


def test_same_iri_as_turtle_jsonld_and_html(srv):
    url = srv.url + "resource"
    ttl = requests.get(url, params={"iri": BERG}, headers={"Accept": "text/turtle"}, timeout=30)
    assert ttl.headers["Content-Type"].startswith("text/turtle") and "Accept" in ttl.headers["Vary"]
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (URIRef(BERG), RDFS.label, Literal("Anna Berg")) in g
    jl = requests.get(url, params={"iri": BERG}, headers={"Accept": "application/ld+json"}, timeout=30)
    assert jl.headers["Content-Type"].startswith("application/ld+json")
    g2 = Graph().parse(data=jl.text, format="json-ld")
    assert set(g2) == set(g)  # the same description in both formats
    html = requests.get(url, params={"iri": BERG}, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                        timeout=30)
    assert html.headers["Content-Type"].startswith("text/html")
    assert "<h1 class=\"t-Person\">Anna Berg</h1>" in html.text
    # q-values decide
    pref = requests.get(url, params={"iri": BERG}, headers={"Accept": "text/html;q=0.5, text/turtle"}, timeout=30)
    assert pref.headers["Content-Type"].startswith("text/turtle")


def test_unknown_iri_is_404(srv):
    r = requests.get(srv.url + "resource", params={"iri": qf.BASE + "person/nobody"}, timeout=30)
    assert r.status_code == 404 and "nothing is known" in r.text


def test_iris_under_the_server_are_dereferenceable(tmp_path, monkeypatch):
    port = qf.free_port()
    base = f"http://127.0.0.1:{port}/id/"
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    st = open_store(tmp_path / "store")
    st.add_graphs([extraction_to_graph(ex, base=base) for ex in qf.extractions()])
    st.close()
    server = start_server(tmp_path / "store", port=port)
    try:
        actor = base + "person/anna-berg"
        r = requests.get(actor, headers={"Accept": "text/turtle"}, timeout=30)
        assert r.status_code == 200
        assert (URIRef(actor), RDFS.label, Literal("Anna Berg")) in Graph().parse(data=r.text, format="turtle")
        page = requests.get(actor, headers={"Accept": "text/html"}, timeout=30)
        assert "Anna Berg" in page.text
        # links on the page point at the IRIs themselves, which the server answers
        assert 'href="/id/person/karl-ostrow"' in page.text
        assert requests.get(f"http://127.0.0.1:{port}/id/person/karl-ostrow", timeout=30).status_code == 200
    finally:
        server.stop()


def test_query_endpoint_has_our_prefixes_and_one_line_errors(srv):
    q = "SELECT DISTINCT ?n WHERE { ?a kg:metWith ?b . ?b rdfs:label ?n . ?a skos:altLabel \"Berg\" }"
    r = requests.get(srv.query_endpoint, params={"query": q}, headers={"Accept": "application/sparql-results+json"},
                     timeout=30)
    assert r.status_code == 200
    assert {b["n"]["value"] for b in r.json()["results"]["bindings"]} == {"Karl Ostrow"}
    bad = requests.get(srv.query_endpoint, params={"query": "SELECT * WHERE { ?a bad:x ?b }"}, timeout=30)
    assert bad.status_code == 400
    assert bad.text.count("\n") == 1 and "unknown prefix 'bad:'" in bad.text
    post = requests.post(srv.query_endpoint, data=q.encode(), headers={"Content-Type": "application/sparql-query",
                                                                          "Accept": "text/csv"}, timeout=30)
    assert post.status_code == 200 and post.text.splitlines() == ["n", "Karl Ostrow"]


def test_search_by_alias_and_named_query_form(srv):
    r = requests.get(srv.url + "search", params={"q": "ostrow"}, timeout=30)
    assert "Karl Ostrow" in r.text and "Anna Berg" not in r.text
    form = requests.get(srv.url + "queries/meetings", params={"actor": "Berg", "run": "1"}, timeout=30)
    assert "Vienna" in form.text and "Karl Ostrow" in form.text


def test_hostile_names_are_text_on_every_page(tmp_path):
    """Names, titles, sentences and quotations holding markup come back escaped."""
    from kg.rdf.mapping import extraction_to_graph
    from kg.records import Document, Entity, Event, Evidence, Extraction, Quotation, Relation
    from kg.storage.disk import open_store

    evil = "<script>window.pwned=1</script><img src=x onerror=alert(1)>"
    text = f"{evil} met Helen Marsh in Geneva. \"{evil}\" she said."
    s1 = f"{evil} met Helen Marsh in Geneva."
    ev = Evidence(s1, 0, len(s1), "hand", 0.9)
    s2 = f"\"{evil}\" she said."
    ev2 = Evidence(s2, text.index(s2), text.index(s2) + len(s2), "hand", 0.9)
    ex = Extraction(
        Document("evil-1", text, title=f"Title {evil}", published="2025-01-02"),
        entities=(Entity("x", "Person", evil, (f"alias {evil}",)), Entity("m", "Person", "Helen Marsh"),
                  Entity("g", "Place", "Geneva")),
        relations=(Relation("x", "metWith", "m", ev),),
        quotations=(Quotation(evil, "m", "direct", ev2, cue="said", on_behalf_of="x"),),
        events=(Event("Meeting", ("x", "m"), ev, places=("g",), date="2025-01-02"),),
    )
    st = open_store(tmp_path / "store")
    st.add_graphs([extraction_to_graph(ex, base=qf.BASE)])
    st.close()
    server = start_server(tmp_path / "store", port=qf.free_port())
    try:
        marsh = qf.iri("person", "Helen Marsh")
        pages = [
            requests.get(server.url + "search", params={"q": "script"}, timeout=30),
            requests.get(server.url + "resource", params={"iri": marsh}, timeout=30),
            requests.get(server.url + "resource", params={"iri": mint_article_iri("evil-1", qf.BASE)}, timeout=30),
            requests.get(server.url + "sparql", params={"query": "SELECT ?l WHERE { ?a rdfs:label ?l }"}, timeout=30),
            requests.get(server.url + "queries/quotations", params={"run": "1"}, timeout=30),
        ]
        x_iri = json.loads(requests.get(server.query_endpoint, params={
            "query": "SELECT ?a WHERE { ?a rdfs:label ?l FILTER(STRSTARTS(?l, '<script>')) }"}, timeout=30).text
        )["results"]["bindings"][0]["a"]["value"]
        pages.append(requests.get(server.url + "resource", params={"iri": x_iri}, timeout=30))
        for r in pages:
            assert r.status_code == 200, r.url
            assert "<script>" not in r.text and "<img" not in r.text, r.url
            assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in r.text, r.url
        # Marsh spoke on behalf of the hostile name: both actor pages name the other, escaped
        assert "on behalf of <a href=" in pages[1].text and "said by <a href=" in pages[-1].text
    finally:
        server.stop()
