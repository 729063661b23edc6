"""The static page at corpus scale in a real headless Chromium: the date range and the event
toggle change what is drawn, the default view says what it hides, no console error, nothing
requested from elsewhere."""
from __future__ import annotations

import networkx as nx
import pytest

import query_fixtures as qf
from kg.viz.html import render_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hand_page(tmp_path_factory):
    from kg.storage.disk import open_store
    from kg.viz.graph import actor_graph

    d = tmp_path_factory.mktemp("corpus")
    g = actor_graph(open_store(qf.make_store(d / "store"), read_only=True))
    g.add_node("http://x.org/alone", label="Lone Actor", type="Person", aliases=[], positions=[], articles=1)
    path = d / "graph.html"
    render_html(g, path, title="two articles", core=True)
    return path


def drawn(page) -> tuple[int, int]:
    """Nodes and edges the network draws now."""
    return tuple(page.evaluate("[kg.network.body.nodeIndices.length, kg.network.body.edgeIndices.length]"))


def test_date_range_and_event_toggle_change_the_drawing(open_page, hand_page):
    loaded = open_page(hand_page)
    page = loaded.page
    labels = page.evaluate("kg.nodeView.get().map(n => n.label)")
    # isolated actors are left out by default (Vienna is only a meeting's place, O'Hara only in a
    # denied meeting) ...
    assert not {"Lone Actor", "Vienna", qf.HOSTILE_NAME} & set(labels)
    assert "3 actors with no relation to another actor are not drawn." in page.inner_text("#kg-view")  # ... and said so
    assert "--max-nodes" in page.inner_text("#kg-view") and "--focus" in page.inner_text("#kg-view")
    nodes0, edges0 = drawn(page)
    # events: talks-1's meeting (Berg, Ostrow) and talks-2's call and planned meeting (Berg, Paulsen)
    page.check("#kg-show-events")
    page.wait_for_timeout(100)
    nodes1, edges1 = drawn(page)
    assert (nodes1, edges1) == (nodes0 + 3, edges0 + 6)
    tips = page.evaluate("kg.nodeView.get({filter: n => n.event}).map(n => n.title)")
    assert any("Vienna" in t and "2025-03-03" in t and "Nordland and Estovia talk trade" in t for t in tips)
    # only April 2025: talks-2 (published 2025-04-10, call on 2025-04-09)
    page.fill("#kg-from", "2025-04-01")
    page.fill("#kg-to", "2025-04-30")
    page.dispatch_event("#kg-to", "change")
    page.wait_for_timeout(100)
    april = set(page.evaluate("kg.nodeView.get({filter: n => !n.event}).map(n => n.label)"))
    assert april == {"Anna Berg", "Mikkel Paulsen"}  # talks-2 states only their call (and a planned meeting)
    assert page.evaluate("kg.edgeView.get({filter: e => !e.event}).every(e => e.dates.some(d => d >= '2025-04-01'))")
    assert len(page.evaluate("kg.nodeView.get({filter: n => n.event})")) == 2
    assert drawn(page)[0] < nodes1
    page.uncheck("#kg-show-events")
    page.click("#kg-dates-clear")
    page.wait_for_timeout(100)
    assert drawn(page) == (nodes0, edges0)
    assert loaded.console_errors() == [] and loaded.errors == [] and loaded.blocked == []


def test_symmetric_relations_have_no_arrowheads_and_labels_grow_with_importance(open_page, hand_page):
    page = open_page(hand_page).page
    arrows = page.evaluate("kg.edges.get({filter: e => !e.event}).map(e => [e.predicate, e.arrows.to.enabled])")
    assert {p for p, on in arrows if on} <= {"represents", "advises", "locatedIn"}
    assert {p for p, on in arrows if not on} >= {"metWith", "spokeWith"}
    sizes = dict(page.evaluate("kg.nodes.get({filter: n => !n.event}).map(n => [n.label, n.font.size])"))
    assert sizes["Anna Berg"] > sizes["Eva Lind"]  # Berg has the most partners


def test_the_default_keeps_the_best_connected_core():
    from kg.viz.views import DEFAULT_MAX_NODES, select_view

    g = nx.barabasi_albert_graph(400, 1, seed=3)
    mg = nx.MultiDiGraph()
    for n in g:
        mg.add_node(n, label=f"A{n}", type="Person", aliases=[], articles=1)
    for u, v in g.edges():
        mg.add_edge(u, v, key="metWith", predicate="metWith", evidence=[])
    for i in range(30):
        mg.add_node(f"alone{i}", label=f"Alone {i}", type="Person", aliases=[], articles=1)
    view = select_view(mg, core=True)
    assert 0.8 * DEFAULT_MAX_NODES <= view.graph.number_of_nodes() <= DEFAULT_MAX_NODES
    assert view.isolated == 30 and view.left_out == 400 - view.graph.number_of_nodes()
    simple = nx.Graph(view.graph.to_undirected())
    assert min(d for _, d in simple.degree()) >= 1  # nobody floats alone in the view
    assert not any(str(n).startswith("alone") for n in view.graph)
    assert 0 in view.graph  # the first node of a Barabasi-Albert graph is its biggest hub
    assert select_view(mg).graph.number_of_nodes() == 430  # without core: everything, as before
