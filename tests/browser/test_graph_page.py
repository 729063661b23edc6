"""The actor-graph page in a real headless Chromium: offline, correct data, tooltips, filters,
search, physics that stops, a 2,000-node graph, hostile text kept inert, the notebook frame."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.viz.html import PHYSICS_MAX_NODES, render_html, render_view
from kg.viz.notebook import GraphPage
from kg.viz.views import select_view

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)><script>window.pwned=1</script>"
HOSTILE_SENTENCE = "</script><script>window.pwned=2</script><b onmouseover=alert(3)>met</b> them."


# -- pages -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_graph(seed_store):
    from kg.storage.disk import open_store
    from kg.viz.graph import actor_graph

    return actor_graph(open_store(seed_store.path, read_only=True))


@pytest.fixture(scope="module")
def seed_html(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "seed.html"
    render_html(seed_graph, path, title="Riyadh talks")
    return path


def _actor(g, node, label, kind, aliases=(), positions=()):
    g.add_node(node, label=label, type=kind, aliases=list(aliases), positions=list(positions), articles=1)


def _rel(g, s, p, o, sentence):
    g.add_edge(s, o, key=p, predicate=p, evidence=[
        {"sentence": sentence, "article": "http://ex.org/article/d1", "published": "2025-01-02",
         "title": f"Title {HOSTILE}", "document": "d1"}])


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory):
    g = nx.MultiDiGraph()
    _actor(g, "x", HOSTILE, "Person", aliases=["<svg onload=alert(4)>"], positions=[f"Minister ({HOSTILE})"])
    _actor(g, "m", "Helen Marsh", "Person")
    _actor(g, "c", "Canada", "Country")
    _rel(g, "x", "metWith", "m", HOSTILE_SENTENCE)
    _rel(g, "m", "represents", "c", "Helen Marsh represents Canada.")
    path = tmp_path_factory.mktemp("pages") / "hostile.html"
    render_html(g, path, title=HOSTILE, communities=True)
    return path


@pytest.fixture(scope="module")
def big_html(tmp_path_factory):
    """2,000 actors and ~4,000 relations of every type (a scale-free graph, seeded)."""
    rng = random.Random(11)
    base = nx.barabasi_albert_graph(2000, 2, seed=11)
    kinds = ["Person"] * 6 + ["Organization", "Country", "Place"]
    g = nx.MultiDiGraph()
    for n in base:
        _actor(g, n, f"Actor {n}", rng.choice(kinds))
    preds = ["metWith", "spokeWith", "represents", "advises", "locatedIn"]
    for u, v in base.edges():
        _rel(g, u, rng.choice(preds), v, f"Actor {u} and Actor {v} appear together.")
    assert g.number_of_nodes() > PHYSICS_MAX_NODES
    path = tmp_path_factory.mktemp("pages") / "big.html"
    render_html(g, path, title="2,000 actors")
    return path


# -- helpers -----------------------------------------------------------------------------------
def _node_id(page, label):
    return page.evaluate("label => kg.nodes.get({filter: n => n.label === label})[0].id", label)


def _hover(page, node_id):
    """Move the mouse onto a node (canvas coordinates -> page coordinates)."""
    x, y = page.evaluate(
        """id => { const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                   const r = document.getElementById('kg-graph').getBoundingClientRect();
                   return [r.left + p.x, r.top + p.y]; }""", node_id)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=4)
    return x, y


def _tooltip(page, wait_until) -> str:
    return wait_until(page, "(() => { const t = document.querySelector('div.vis-tooltip');"
                            " return t && t.style.visibility === 'visible' && t.innerText; })()", timeout=10)


def _positions(page):
    return page.evaluate("JSON.stringify(kg.network.getPositions())")


def _assert_clean(loaded):
    assert loaded.console_errors() == [], loaded.console_errors()
    assert loaded.errors == [], loaded.errors
    assert loaded.blocked == [] and all(u.startswith("file://") for u in loaded.requests), loaded.requests
    assert loaded.dialogs == []


# -- the seed article --------------------------------------------------------------------------
@pytest.mark.model
def test_seed_page_loads_offline_without_errors(open_page, seed_html, artifacts):
    loaded = open_page(seed_html)
    _assert_clean(loaded)
    assert loaded.requests == [seed_html.resolve().as_uri()]
    loaded.page.wait_for_timeout(300)
    shot = artifacts / "graph-seed.png"
    loaded.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.model
def test_seed_datasets_hold_the_actors_and_the_meetings(open_page, seed_html, seed_graph):
    page = open_page(seed_html).page
    labels = page.evaluate("kg.nodes.get({filter: n => !n.event}).map(n => n.label)")
    assert sorted(labels) == sorted(d["label"] for _, d in seed_graph.nodes(data=True))
    # the seed article has Rubio's group meet Lavrov (its gold file lists the pair)
    assert page.evaluate("kg.nodes.get({filter: n => n.label === 'Sergei Lavrov'})[0].kgtype") == "Person"
    met = page.evaluate("""() => {
        const id = l => kg.nodes.get({filter: n => n.label === l})[0].id;
        const a = id('Sergei Lavrov'), b = id('Marco Rubio');
        return kg.edges.get({filter: e => e.predicate === 'metWith' &&
                                         ((e.from === a && e.to === b) || (e.from === b && e.to === a))});
    }""")
    assert len(met) == 1 and "met with" in met[0]["title"] and met[0]["label"] == "metWith"
    represents = page.evaluate("""() => {
        const id = l => kg.nodes.get({filter: n => n.label === l})[0].id;
        return kg.edges.get({filter: e => e.predicate === 'represents' &&
                                         e.from === id('Sergei Lavrov') && e.to === id('Russia')}).length;
    }""")
    assert represents == 1


@pytest.mark.model
def test_physics_stabilises_then_stops(open_page, seed_html):
    page = open_page(seed_html).page
    assert page.evaluate("kg.data.meta.physics") is True
    assert page.evaluate("kg.network.physics.physicsEnabled") is False
    before = _positions(page)
    page.wait_for_timeout(700)
    assert _positions(page) == before
    assert "Layout fixed" in page.inner_text("#kg-status")


@pytest.mark.model
def test_hovering_a_node_shows_its_tooltip(open_page, seed_html, seed_graph, wait_until_true):
    page = open_page(seed_html).page
    _hover(page, _node_id(page, "Sergei Lavrov"))
    text = _tooltip(page, wait_until_true)
    d = next(d for _, d in seed_graph.nodes(data=True) if d["label"] == "Sergei Lavrov")
    assert text.splitlines()[:2] == ["Sergei Lavrov", "type: Person"]
    assert f"articles: {d['articles']}" in text
    for pos in d["positions"]:
        assert pos in text
    for alias in d["aliases"]:
        assert alias in text


@pytest.mark.model
def test_clicking_a_node_shows_its_relations(open_page, seed_html):
    page = open_page(seed_html).page
    x, y = _hover(page, _node_id(page, "Marco Rubio"))
    page.mouse.click(x, y)
    assert page.inner_text("#kg-details-title") == "Marco Rubio"
    assert "metWith \u2192 Sergei Lavrov" in page.inner_text("#kg-details-text")


@pytest.mark.model
def test_relation_filter_changes_the_visible_edges(open_page, seed_html):
    page = open_page(seed_html).page
    total = page.evaluate("kg.edgeView.length")
    met = page.evaluate("kg.edges.get({filter: e => e.predicate === 'metWith'}).length")
    assert met > 0 and page.evaluate("kg.network.body.edgeIndices.length") == total
    page.uncheck("#kg-rel-metWith")
    assert page.evaluate("kg.edgeView.length") == total - met
    assert page.evaluate("kg.edgeView.get().every(e => e.predicate !== 'metWith')")
    page.wait_for_timeout(100)
    assert page.evaluate("kg.network.body.edgeIndices.length") == total - met  # what the network draws
    assert f"{total - met} relations shown" in page.inner_text("#kg-counts")
    page.check("#kg-rel-metWith")
    assert page.evaluate("kg.edgeView.length") == total


@pytest.mark.model
def test_actor_type_filter_hides_actors_and_their_relations(open_page, seed_html):
    page = open_page(seed_html).page
    countries = page.evaluate("kg.nodes.get({filter: n => n.kgtype === 'Country'}).length")
    nodes = page.evaluate("kg.nodeView.length")
    before = page.evaluate("kg.network.getPositions()")
    page.uncheck("#kg-type-Country")
    assert page.evaluate("kg.nodeView.length") == nodes - countries
    assert page.evaluate("kg.edgeView.get().every(e => e.predicate !== 'represents')")
    page.check("#kg-type-Country")
    assert page.evaluate("kg.nodeView.length") == nodes
    after = page.evaluate("kg.network.getPositions()")
    assert after.keys() == before.keys()
    for k in before:  # actors come back where physics left them
        assert after[k]["x"] == pytest.approx(before[k]["x"], abs=0.5)
        assert after[k]["y"] == pytest.approx(before[k]["y"], abs=0.5)


@pytest.mark.model
def test_search_selects_an_actor_by_alias(open_page, seed_html):
    page = open_page(seed_html).page
    page.fill("#kg-search", "lavrov")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [_node_id(page, "Sergei Lavrov")]
    assert page.inner_text("#kg-details-title") == "Sergei Lavrov"
    page.fill("#kg-search", "Nobody Known")
    page.press("#kg-search", "Enter")
    assert "No actor named" in page.inner_text("#kg-search-msg")


@pytest.mark.model
def test_focus_and_max_nodes_are_explained_on_the_page(open_page, seed_graph, tmp_path):
    view = select_view(seed_graph, focus="Lavrov", hops=2, max_nodes=4)
    path = tmp_path / "focus.html"
    render_view(view, path)
    loaded = open_page(path)
    _assert_clean(loaded)
    note = loaded.page.inner_text("#kg-view")
    assert "Neighbourhood of Sergei Lavrov within 2 hops." in note
    assert f"{view.left_out} actors were left out (max-nodes 4)" in note
    assert loaded.page.evaluate("kg.nodes.get({filter: n => !n.event}).length") == 4


@pytest.mark.model
def test_community_colouring_renders_with_a_legend(open_page, seed_graph, tmp_path, artifacts):
    path = tmp_path / "communities.html"
    render_html(seed_graph, path, communities=True)
    loaded = open_page(path)
    _assert_clean(loaded)
    rows = loaded.page.locator("#kg-communities .kg-community")
    groups, alone = loaded.page.evaluate("[kg.data.communities.length, kg.data.meta.alone]")
    assert groups >= 2 and rows.count() == groups + (1 if alone else 0)
    isolated = sum(1 for n in seed_graph if seed_graph.degree(n) == 0)
    assert alone == isolated
    if isolated:
        assert rows.last.inner_text() == f"{isolated} actor{'s' if isolated != 1 else ''} in no community"
    loaded.page.screenshot(path=str(artifacts / "graph-seed-communities.png"))


# -- a large graph -----------------------------------------------------------------------------
def test_a_2000_node_graph_is_laid_out_and_stops(open_page, big_html, artifacts):
    loaded = open_page(big_html)  # waits for kg.stabilized (generous bound: 120 s)
    _assert_clean(loaded)
    page = loaded.page
    assert page.evaluate("[kg.nodes.length, kg.data.meta.physics, kg.network.physics.physicsEnabled]") == [
        2000, False, False]
    before = _positions(page)
    page.wait_for_timeout(700)
    assert _positions(page) == before
    page.screenshot(path=str(artifacts / "graph-2000.png"))


# -- hostile text ------------------------------------------------------------------------------
def test_hostile_names_and_sentences_stay_inert(open_page, hostile_html, artifacts, wait_until_true):
    loaded = open_page(hostile_html)
    page = loaded.page
    page.wait_for_timeout(300)
    _assert_clean(loaded)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("document.querySelectorAll('img, svg:not(.kg-swatch), b').length") == 0
    assert page.title() == HOSTILE
    # the name in the search, the details panel and the tooltip: literally, as text
    page.fill("#kg-search", HOSTILE)
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-details-title") == HOSTILE
    assert f"positions: Minister ({HOSTILE})" in page.inner_text("#kg-details-text")
    _hover(page, _node_id(page, HOSTILE))
    assert _tooltip(page, wait_until_true).splitlines()[0] == HOSTILE
    # the sentence, through the relation's details
    edge = page.evaluate("kg.edges.get({filter: e => e.predicate === 'metWith'})[0].id")
    page.evaluate("id => kg.network.emit('click', {nodes: [], edges: [id]})", edge)
    assert HOSTILE_SENTENCE in page.inner_text("#kg-details-text")
    assert HOSTILE in page.inner_text("#kg-communities")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.pwned") == "undefined" and loaded.dialogs == []
    page.screenshot(path=str(artifacts / "graph-hostile.png"))


# -- Jupyter -----------------------------------------------------------------------------------
def test_notebook_frame_shows_the_graph(open_page, tmp_path, wait_until_true):
    g = nx.MultiDiGraph()
    _actor(g, "m", "Helen Marsh", "Person")
    _actor(g, "c", "Canada", "Country")
    _rel(g, "m", "represents", "c", "Helen Marsh represents Canada.")
    host = tmp_path / "notebook-output.html"
    host.write_text("<!DOCTYPE html><html><body>" + GraphPage(g)._repr_html_() + "</body></html>", encoding="utf-8")
    loaded = open_page(host, wait=False)
    frame = loaded.page.frames[1]
    wait_until_true(frame, "window.kg !== undefined && window.kg.stabilized === true", timeout=60)
    assert sorted(frame.evaluate("kg.nodes.get().map(n => n.label)")) == ["Canada", "Helen Marsh"]
    assert loaded.console_errors() == [] and loaded.errors == [] and loaded.blocked == []


def test_an_empty_graph_page_loads_and_settles(open_page, tmp_path):
    path = tmp_path / "empty.html"
    render_html(nx.MultiDiGraph(), path)
    loaded = open_page(path)
    _assert_clean(loaded)
    assert loaded.page.inner_text("#kg-counts") == "0 actors and 0 relations shown"
