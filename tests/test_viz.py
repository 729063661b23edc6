"""The actor graph from a real (embedded Oxigraph) store, its HTML page, the CLI and Jupyter.

The store is built from hand-written records of two short articles (no model): Helen Marsh meets
Kenji Arata in both (stated once each way), also speaks with him (a parallel relation),
represents Canada; Geneva is located in Switzerland; an actor with a hostile name meets Marsh in
a sentence that tries to close the script element.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import pytest

from kg.rdf.mapping import extraction_to_graph
from kg.records import Document, Entity, Evidence, Extraction, Position, Relation
from kg.storage.disk import open_store
from kg.viz.graph import actor_graph
from kg.viz.html import EDGE_STYLE, TYPE_STYLE, graph_payload, render_html, render_view, vis_js
from kg.viz.notebook import GraphPage, show_graph
from kg.viz.views import UnknownActorError, select_view
from kg.rdf.iri import mint_article_iri

BASE = "http://example.org/"
HOSTILE = "<img src=x onerror=alert(1)><script>window.pwned=1</script>"
S1 = "Helen Marsh met with Kenji Arata in Geneva."
S2 = "Marsh also spoke with Arata by phone."
S3 = "Arata met Marsh again on Tuesday."
S4 = "</script><script>window.pwned=2</script> met Marsh."
MARSH, ARATA = BASE + "person/helen-marsh", BASE + "person/kenji-arata"


def _ev(sentence: str) -> Evidence:
    return Evidence(sentence=sentence, start=0, end=len(sentence), rule="hand", confidence=0.9)


def _extractions() -> list[Extraction]:
    a1 = Extraction(
        Document("a1", f"{S1} {S2}", title="Talks in Geneva", published="2025-03-10"),
        entities=(Entity("P:marsh", "Person", "Helen Marsh", ("Marsh",)),
                  Entity("P:arata", "Person", "Kenji Arata", ("Arata",)),
                  Entity("C:canada", "Country", "Canada"), Entity("L:geneva", "Place", "Geneva"),
                  Entity("C:ch", "Country", "Switzerland")),
        relations=(Relation("P:marsh", "metWith", "P:arata", _ev(S1)),
                   Relation("P:marsh", "spokeWith", "P:arata", _ev(S2)),
                   Relation("P:marsh", "represents", "C:canada", _ev(S1)),
                   Relation("L:geneva", "locatedIn", "C:ch", _ev(S1))),
        positions=(Position("P:marsh", "Foreign Minister", "C:canada", _ev(S1)),),
    )
    a2 = Extraction(
        Document("a2", f"{S3} {S4}", title="Second round", published="2025-03-12"),
        entities=(Entity("P:marsh", "Person", "Helen Marsh", ("Marsh",)), Entity("P:arata", "Person", "Kenji Arata"),
                  Entity("P:x", "Person", HOSTILE)),
        relations=(Relation("P:arata", "metWith", "P:marsh", _ev(S3)), Relation("P:x", "metWith", "P:marsh", _ev(S4))),
    )
    return [a1, a2]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("vizstore") / "store"
    st = open_store(d)
    st.add_graphs(extraction_to_graph(ex, base=BASE) for ex in _extractions())
    st.close()
    return d


@pytest.fixture(scope="module")
def graph(store_dir):
    return actor_graph(open_store(store_dir, read_only=True))


@pytest.fixture(scope="module")
def payload(graph):
    return graph_payload(graph)


@pytest.fixture(scope="module")
def page(graph):
    return render_html(graph, title=f"Report {HOSTILE}")


def _node(payload, label):
    return next(n for n in payload["nodes"] if n["label"] == label)


def _edges(payload, a, b, predicate):
    ia, ib = _node(payload, a)["id"], _node(payload, b)["id"]
    return [e for e in payload["edges"] if {e["from"], e["to"]} == {ia, ib} and e["predicate"] == predicate]


# -- the graph from the store ------------------------------------------------------------------
def test_actor_graph_nodes_carry_name_type_aliases_positions_articles(graph):
    d = graph.nodes[MARSH]
    assert (d["label"], d["type"], d["aliases"], d["positions"], d["articles"]) == (
        "Helen Marsh", "Person", ["Marsh"], ["Foreign Minister (Canada)"], 2)
    assert graph.nodes[BASE + "place/geneva"]["type"] == "Place"


def test_actor_graph_keeps_parallel_relations_with_article_evidence(graph):
    assert set(graph[MARSH][ARATA]) == {"metWith", "spokeWith"}
    (ev,) = graph[MARSH][ARATA]["spokeWith"]["evidence"]
    assert ev == {"sentence": S2, "article": mint_article_iri("a1", BASE), "published": "2025-03-10",
                  "title": "Talks in Geneva", "document": "a1"}


# -- page data ---------------------------------------------------------------------------------
@pytest.mark.parametrize("label,kind", [("Helen Marsh", "Person"), ("Canada", "Country"), ("Geneva", "Place")])
def test_nodes_are_shaped_and_coloured_by_type(payload, label, kind):
    n = _node(payload, label)
    assert n["kgtype"] == kind
    assert n["shape"] == TYPE_STYLE[kind]["shape"]
    assert n["color"]["background"] == TYPE_STYLE[kind]["color"]


def test_node_size_grows_with_the_number_of_related_actors(payload):
    # Marsh is linked to Arata, Canada and the hostile actor; Arata and Canada only to Marsh
    marsh, arata, canada = (_node(payload, n) for n in ("Helen Marsh", "Kenji Arata", "Canada"))
    assert (marsh["degree"], arata["degree"], canada["degree"]) == (3, 1, 1)
    assert marsh["size"] > arata["size"] == canada["size"]


def test_node_tooltip_is_plain_text_with_type_positions_aliases_articles(payload):
    assert _node(payload, "Helen Marsh")["title"].splitlines() == [
        "Helen Marsh", "type: Person", "positions: Foreign Minister (Canada)", "aliases: Marsh",
        "articles: 2", "related actors: 3"]


def test_a_meeting_stated_both_ways_is_one_edge_with_both_sentences(payload):
    (met,) = _edges(payload, "Helen Marsh", "Kenji Arata", "metWith")
    assert met["evidence_count"] == 2
    assert S1 in met["title"] and S3 in met["title"]
    assert "a1, \u201cTalks in Geneva\u201d, 2025-03-10" in met["title"]
    assert "a2, \u201cSecond round\u201d, 2025-03-12" in met["title"]


def test_parallel_relations_stay_separate_and_are_bent_apart(payload):
    (met,) = _edges(payload, "Helen Marsh", "Kenji Arata", "metWith")
    (spoke,) = _edges(payload, "Helen Marsh", "Kenji Arata", "spokeWith")
    assert met["id"] != spoke["id"]
    bent = [e for e in (met, spoke) if e.get("smooth", {}).get("enabled")]
    assert len(bent) == 1 and bent[0]["smooth"]["type"].startswith("curved")


@pytest.mark.parametrize("predicate", list(EDGE_STYLE))
def test_relations_are_labelled_and_styled_by_type(payload, predicate):
    for e in (e for e in payload["edges"] if e["predicate"] == predicate):
        assert e["label"] == predicate
        assert e["color"]["color"] == EDGE_STYLE[predicate]["color"]
        assert e["dashes"] == EDGE_STYLE[predicate]["dashes"]
        assert e["arrows"]["to"]["enabled"] == EDGE_STYLE[predicate]["arrows"]


def test_legend_lists_every_type_and_relation_with_counts(payload):
    assert {t["name"]: t["count"] for t in payload["types"]} == {
        "Person": 3, "Organization": 0, "Country": 2, "Place": 1}
    assert {r["name"]: r["count"] for r in payload["relations"]} == {
        "metWith": 2, "spokeWith": 1, "represents": 1, "advises": 0, "locatedIn": 1}


def test_small_graph_uses_physics_with_seeded_positions(graph, payload):
    assert payload["meta"]["physics"] is True and payload["meta"]["seed"] == 7
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in payload["nodes"])
    assert graph_payload(graph)["nodes"] == payload["nodes"]
    assert graph_payload(graph, seed=8)["nodes"] != payload["nodes"]


def test_same_graph_read_in_another_order_gives_the_same_page_data(graph, payload):
    import networkx as nx

    flipped = nx.MultiDiGraph()
    flipped.add_nodes_from(reversed(list(graph.nodes(data=True))))
    flipped.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    again = graph_payload(flipped)
    assert again["nodes"] == payload["nodes"] and again["edges"] == payload["edges"]
    with_communities = [graph_payload(select_view(h, with_communities=True)) for h in (graph, flipped)]
    assert with_communities[0]["nodes"] == with_communities[1]["nodes"]


# -- the page: self-contained and safe ---------------------------------------------------------
def _data_block(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_page_has_only_its_own_three_scripts(page):
    own = page.replace(vis_js(), "")  # vis-network's source spells "<script>" once, inside a JS string
    assert len(re.findall(r"<script\b", own, re.I)) == 3
    assert len(re.findall(r"</script", page, re.I)) == 3
    assert HOSTILE not in page and S4 not in page
    assert "\\u003cscript\\u003ewindow.pwned=1\\u003c/script\\u003e" in page


def test_article_text_survives_the_escaping_unchanged(page):
    data = _data_block(page)
    assert HOSTILE in {n["label"] for n in data["nodes"]}
    assert any(S4 in e["title"] for e in data["edges"])


def test_page_title_is_escaped(page):
    assert f"<title>Report {html.escape(HOSTILE)}</title>" in page


def test_page_requests_nothing_and_allows_only_its_scripts(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", page.replace(vis_js(), "VIS"), re.S)
    scripts = [vis_js() if body == "VIS" else body for body in scripts]
    assert len(scripts) == 2 and "vis.Network" in scripts[1]
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    (css,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp
    outside_scripts = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert not re.search(r"<[^>]*\s(src|href)\s*=", outside_scripts)  # no tag loads anything
    assert "bootstrap" not in page.lower() and "tom-select" not in page.lower()


def test_render_html_writes_the_file(graph, tmp_path):
    out = tmp_path / "g.html"
    text = render_html(graph, out)
    assert out.read_text(encoding="utf-8") == text


def test_unwritable_page_path_is_a_clear_error(graph, tmp_path):
    from kg.errors import ExportError

    with pytest.raises(ExportError, match="no-such-dir.*cannot write the page"):
        render_html(graph, tmp_path / "no-such-dir" / "g.html")


def test_an_empty_graph_still_makes_a_page():
    import networkx as nx

    data = _data_block(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["meta"]["total_nodes"] == 0


# -- views on the page -------------------------------------------------------------------------
def test_focus_keeps_the_neighbourhood_and_says_so(graph):
    data = graph_payload(select_view(graph, focus="geneva", hops=1))
    assert {n["label"] for n in data["nodes"]} == {"Geneva", "Switzerland"}
    assert data["meta"]["focus"] == "Geneva" and data["meta"]["hops"] == 1
    assert data["meta"]["total_nodes"] == 6


def test_max_nodes_reports_how_many_actors_were_left_out(graph):
    data = graph_payload(select_view(graph, max_nodes=2))
    assert {n["label"] for n in data["nodes"]} == {"Helen Marsh", "Kenji Arata"}
    assert data["meta"]["left_out"] == 4 and data["meta"]["max_nodes"] == 2


def test_communities_colour_nodes_and_fill_the_legend(graph):
    data = graph_payload(select_view(graph, with_communities=True))
    assert data["meta"]["communities"] == len(data["communities"]) >= 2
    geneva, switzerland = _node(data, "Geneva"), _node(data, "Switzerland")
    assert geneva["community"] == switzerland["community"] != _node(data, "Helen Marsh")["community"]
    assert geneva["color"]["background"] == switzerland["color"]["background"]
    assert sum(c["size"] for c in data["communities"]) == 6


def test_actors_without_relations_are_grey_and_not_a_community(graph):
    g = graph.copy()
    g.add_node("lonely", label="Lonely Corp", type="Organization", aliases=[], positions=[], articles=1)
    data = graph_payload(select_view(g, with_communities=True))
    lonely = _node(data, "Lonely Corp")
    assert "community" not in lonely and lonely["title"].endswith("community: none")
    assert lonely["color"]["background"] == "#c8c8c8"
    assert data["meta"]["alone"] == 1 and sum(c["size"] for c in data["communities"]) == 6


def test_unknown_focus_is_a_clear_error(graph):
    with pytest.raises(UnknownActorError, match="'Helen Mars'.*did you mean 'Helen Marsh'"):
        render_html(graph, focus="Helen Mars")


# -- command line ------------------------------------------------------------------------------
def _kg(*args):
    import kg.commands.path  # noqa: F401  (until kg/cli.py registers it)
    from kg.cli import main

    return main(list(args))


def test_kg_viz_writes_a_focused_page(store_dir, tmp_path, capsys):
    out = tmp_path / "focus.html"
    assert _kg("viz", str(out), "--store", str(store_dir), "--focus", "Marsh", "--hops", "1", "--max-nodes", "2") == 0
    data = _data_block(out.read_text(encoding="utf-8"))
    assert {n["label"] for n in data["nodes"]} == {"Helen Marsh", "Kenji Arata"}
    assert data["meta"]["left_out"] == 2
    assert "2 left out" in capsys.readouterr().err


def test_kg_viz_unknown_focus_fails_in_one_line(store_dir, tmp_path, capsys):
    assert _kg("viz", str(tmp_path / "x.html"), "--store", str(store_dir), "--focus", "Nobody Known") == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: no actor named 'Nobody Known'") and err.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_kg_path_prints_each_hop_with_its_sentence(store_dir, capsys):
    assert _kg("path", "Canada", "Kenji Arata", "--store", str(store_dir)) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Canada -> Helen Marsh -> Kenji Arata (2 hops)",
        "1. Helen Marsh represents Canada",
        f'   "{S1}" (a1, \u201cTalks in Geneva\u201d, 2025-03-10)',
        "2. Helen Marsh metWith Kenji Arata",
        f'   "{S1}" (a1, \u201cTalks in Geneva\u201d, 2025-03-10)',
        "   Kenji Arata metWith Helen Marsh",
        f'   "{S3}" (a2, \u201cSecond round\u201d, 2025-03-12)',
        "   Helen Marsh spokeWith Kenji Arata",
        f'   "{S2}" (a1, \u201cTalks in Geneva\u201d, 2025-03-10)',
    ]


def test_kg_path_json(store_dir, capsys):
    assert _kg("path", "Geneva", "Switzerland", "--store", str(store_dir), "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in data["actors"]] == ["Geneva", "Switzerland"]
    (rel,) = data["hops"][0]["relations"]
    assert rel["predicate"] == "locatedIn" and rel["evidence"][0]["sentence"] == S1


@pytest.mark.parametrize("args,message", [
    (("Geneva", "Canada"), "no chain of relations links 'Geneva' and 'Canada'"),
    (("Canada", "Kenji Arata", "--relation", "metWith"), "no chain of relations through metWith links"),
    (("Canada", "Atlantis"), "no actor named 'Atlantis'"),
    (("Canada", "Geneva", "--relation", "hugged"), "unknown relation type 'hugged'"),
])
def test_kg_path_errors(store_dir, capsys, args, message):
    assert _kg("path", *args, "--store", str(store_dir)) == 1
    assert message in capsys.readouterr().err


# -- Jupyter -----------------------------------------------------------------------------------
def test_notebook_repr_is_an_isolated_frame_holding_the_same_page(graph):
    view = select_view(graph)
    frame = GraphPage(view, title="t")._repr_html_()
    m = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" title="t" style="[^"]*"></iframe>', frame)
    assert m, frame[:200]
    assert html.unescape(m.group(1)) == render_view(view, title="t")
    assert "<script" not in frame  # every tag of the page is inside the escaped attribute


def test_show_graph_opens_a_store_path(store_dir):
    page = show_graph(str(store_dir), focus="Switzerland")
    assert {n["label"] for n in _data_block(page.html)["nodes"]} == {"Geneva", "Switzerland"}


@pytest.mark.slow
def test_graph_displays_inline_in_a_real_notebook_kernel(store_dir):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(
        f"from kg.viz.notebook import show_graph\nshow_graph({str(store_dir)!r}, focus='Marsh')"))
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    (output,) = nb.cells[0].outputs
    frame = output["data"]["text/html"]
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    labels = {n["label"] for n in _data_block(html.unescape(frame))["nodes"]}
    assert labels == {"Helen Marsh", "Kenji Arata", "Canada", HOSTILE}
