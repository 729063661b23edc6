"""Views of the actor graph (find, focus, most central, communities), relation paths and the
seeded layout, on small hand-built graphs shaped like :func:`kg.viz.graph.actor_graph`'s."""
from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from kg.errors import KgError
from kg.viz.layout import EXACT_MAX, force_layout, layout_positions
from kg.viz.paths import NoPathError, format_path, path_as_dict, relation_path
from kg.viz.views import (UnknownActorError, communities, degree_ranking, ego_view, find_actor, most_central,
                          select_view)


def _graph(nodes, edges) -> nx.MultiDiGraph:
    """nodes: (id, label, type, aliases); edges: (subject, predicate, object, sentence)."""
    g = nx.MultiDiGraph()
    for n, label, kind, aliases in nodes:
        g.add_node(n, label=label, type=kind, aliases=list(aliases), positions=[], articles=1)
    for s, p, o, sentence in edges:
        ev = [{"sentence": sentence, "article": "http://ex.org/article/d1", "published": "2025-02-18",
               "title": None, "document": "d1"}] if sentence else []
        g.add_edge(s, o, key=p, predicate=p, evidence=ev)
    return g


@pytest.fixture(scope="module")
def g():
    #  rubio -metWith- lavrov -represents-> russia <-represents- putin <-advises- ushakov
    #  macron -metWith- starmer        (a separate island)        trump (alone)
    return _graph(
        [("rubio", "Marco Rubio", "Person", ()), ("lavrov", "Sergei Lavrov", "Person", ("Lavrov",)),
         ("russia", "Russia", "Country", ("Russian Federation",)), ("putin", "Vladimir Putin", "Person", ("Putin",)),
         ("ushakov", "Yuri Ushakov", "Person", ()), ("macron", "Emmanuel Macron", "Person", ("Macron",)),
         ("starmer", "Keir Starmer", "Person", ()), ("trump", "Donald Trump", "Person", ("Trump", "The President")),
         ("jtrump", "Donald Trump Jr.", "Person", ("Trump",))],
        [("rubio", "metWith", "lavrov", "Rubio met Lavrov in Riyadh."),
         ("lavrov", "represents", "russia", "Russian Foreign Minister Sergei Lavrov spoke."),
         ("putin", "represents", "russia", "Russian President Vladimir Putin said."),
         ("ushakov", "advises", "putin", "Putin's adviser Yuri Ushakov attended."),
         ("macron", "metWith", "starmer", "Macron met Starmer.\u001b[31m"),
         ("macron", "spokeWith", "starmer", None)],
    )


# -- find_actor --------------------------------------------------------------------------------
@pytest.mark.parametrize("name,node", [
    ("Sergei Lavrov", "lavrov"), ("  sergei   LAVROV ", "lavrov"), ("Lavrov", "lavrov"),
    ("russian federation", "russia"), ("Rubio", "rubio"), ("Donald Trump", "trump"),
    ("the president", "trump"),
])
def test_find_actor_matches_name_alias_or_last_words(g, name, node):
    assert find_actor(g, name) == node


def test_a_shared_alias_is_ambiguous_and_names_the_candidates(g):
    with pytest.raises(UnknownActorError, match=r"'Trump' names several actors \('Donald Trump', 'Donald Trump Jr\.'\)"):
        find_actor(g, "Trump")


def test_unknown_name_suggests_close_names(g):
    with pytest.raises(UnknownActorError, match=r"no actor named 'Sergey Lavrov'.*did you mean 'Sergei Lavrov'"):
        find_actor(g, "Sergey Lavrov")


def test_unknown_actor_error_is_a_kg_error():
    assert issubclass(UnknownActorError, KgError) and issubclass(NoPathError, KgError)


# -- ego graph, ranking, max nodes -------------------------------------------------------------
@pytest.mark.parametrize("hops,expected", [
    (0, {"lavrov"}), (1, {"lavrov", "rubio", "russia"}), (2, {"lavrov", "rubio", "russia", "putin"}),
    (3, {"lavrov", "rubio", "russia", "putin", "ushakov"}),
])
def test_ego_view_follows_relations_both_ways(g, hops, expected):
    assert set(ego_view(g, "lavrov", hops)) == expected


def test_ego_view_keeps_every_relation_among_the_chosen_actors(g):
    sub = ego_view(g, "macron", 1)
    assert sorted(k for _, _, k in sub.edges(keys=True)) == ["metWith", "spokeWith"]


def test_degree_ranking_counts_distinct_neighbours(g):
    ranking = degree_ranking(g)
    # lavrov, russia, putin: 2 neighbours each (ties by name); macron/starmer have two edges but one neighbour
    assert ranking[:3] == ["russia", "lavrov", "putin"]
    assert ranking.index("macron") > ranking.index("putin")


def test_most_central_keeps_the_requested_actor(g):
    assert set(most_central(g, 2)) == {"russia", "lavrov"}
    assert set(most_central(g, 2, keep=["trump"])) == {"trump", "russia"}


def test_select_view_applies_focus_then_max_nodes(g):
    view = select_view(g, focus="Putin", hops=2, max_nodes=2)
    assert set(view.graph) == {"putin", "russia"}
    assert view.left_out == 2 and view.total_nodes == 9  # ushakov (1 hop) and lavrov (2 hops) and view.total_edges == 6
    assert view.focus == "putin" and view.focus_label == "Vladimir Putin" and view.hops == 2


def test_select_view_without_options_is_the_whole_graph(g):
    view = select_view(g)
    assert view.graph is g and view.left_out == 0 and view.focus is None and view.communities is None


@pytest.mark.parametrize("kwargs", [{"hops": -1}, {"max_nodes": 0}])
def test_select_view_rejects_bad_numbers(g, kwargs):
    with pytest.raises(ValueError):
        select_view(g, **kwargs)


def test_communities_split_loosely_linked_groups_and_are_seeded():
    # two 5-cliques joined by one edge
    g = nx.MultiDiGraph()
    for a in range(5):
        for b in range(a + 1, 5):
            g.add_edge(f"a{a}", f"a{b}", key="metWith")
            g.add_edge(f"b{a}", f"b{b}", key="metWith")
    g.add_edge("a0", "b0", key="metWith")
    c = communities(g, seed=3)
    assert len({c[f"a{i}"] for i in range(5)}) == 1 and len({c[f"b{i}"] for i in range(5)}) == 1
    assert c["a0"] != c["b0"]
    assert communities(g, seed=3) == c


# -- paths -------------------------------------------------------------------------------------
def test_relation_path_walks_relations_in_both_directions(g):
    hops = relation_path(g, "Rubio", "Yuri Ushakov")
    assert [(h.source, h.target) for h in hops] == [
        ("rubio", "lavrov"), ("lavrov", "russia"), ("russia", "putin"), ("putin", "ushakov")]
    # each relation keeps its own direction
    assert [(r.subject, r.predicate, r.object) for h in hops for r in h.relations] == [
        ("rubio", "metWith", "lavrov"), ("lavrov", "represents", "russia"),
        ("putin", "represents", "russia"), ("ushakov", "advises", "putin")]


def test_relation_path_lists_parallel_relations_of_a_hop(g):
    (hop,) = relation_path(g, "Starmer", "Macron")
    assert [r.predicate for r in hop.relations] == ["metWith", "spokeWith"]


def test_relation_path_respects_the_allowed_relations(g):
    assert len(relation_path(g, "Lavrov", "Putin", relations=["represents"])) == 2
    with pytest.raises(NoPathError, match="through metWith"):
        relation_path(g, "Lavrov", "Putin", relations=["metWith"])


def test_no_path_between_islands_is_a_clear_error(g):
    with pytest.raises(NoPathError, match="no chain of relations links 'Marco Rubio' and 'Keir Starmer'"):
        relation_path(g, "Marco Rubio", "Keir Starmer")


@pytest.mark.parametrize("relations", [["hugged"], []])
def test_bad_relation_names_are_rejected(g, relations):
    with pytest.raises(KgError, match="relation type"):
        relation_path(g, "Lavrov", "Putin", relations=relations)


def test_same_actor_is_a_path_of_no_hops(g):
    assert relation_path(g, "Lavrov", "sergei lavrov") == []
    assert "0 hops" in format_path(g, [])


def test_format_path_prints_each_hop_with_evidence(g):
    text = format_path(g, relation_path(g, "Marco Rubio", "Russia"))
    assert text.splitlines() == [
        "Marco Rubio -> Sergei Lavrov -> Russia (2 hops)",
        "1. Marco Rubio metWith Sergei Lavrov",
        '   "Rubio met Lavrov in Riyadh." (d1, 2025-02-18)',
        "2. Sergei Lavrov represents Russia",
        '   "Russian Foreign Minister Sergei Lavrov spoke." (d1, 2025-02-18)',
    ]


def test_format_path_neutralises_terminal_control_characters(g):
    text = format_path(g, relation_path(g, "Macron", "Starmer"))
    assert "\u001b" not in text and "Macron met Starmer. [31m" in text
    assert "(no evidence sentence recorded)" in text


def test_path_as_dict_is_plain_data(g):
    data = path_as_dict(g, relation_path(g, "Ushakov", "Putin"))
    assert data["actors"] == [{"iri": "ushakov", "name": "Yuri Ushakov"}, {"iri": "putin", "name": "Vladimir Putin"}]
    assert data["hops"][0]["relations"][0]["evidence"][0]["sentence"] == "Putin's adviser Yuri Ushakov attended."


# -- layout ------------------------------------------------------------------------------------
def test_layout_is_seeded_and_covers_every_node(g):
    pos = layout_positions(g, seed=5)
    assert set(pos) == set(g)
    assert pos == layout_positions(g, seed=5)
    assert pos != layout_positions(g, seed=6)


def _boxes(pos, groups):
    out = []
    for nodes in groups:
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def test_components_are_packed_without_overlapping(g):
    pos = layout_positions(g, seed=5)
    groups = [list(c) for c in nx.connected_components(nx.Graph(g.to_undirected()))]
    boxes = _boxes(pos, groups)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


def test_force_layout_places_linked_nodes_closer_than_unlinked_ones():
    # a ring of 12 cliques of 50 (600 nodes): too big for the exact networkx layout
    n_groups, size = 12, 50
    g = nx.Graph()
    for k in range(n_groups):
        nodes = [k * size + i for i in range(size)]
        g.add_edges_from((a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:] if (a + b) % 3 != 0)
        g.add_edge(k * size, ((k + 1) % n_groups) * size)
    assert nx.is_connected(g) and g.number_of_nodes() > EXACT_MAX
    pos = force_layout(g.number_of_nodes(), np.array(list(g.edges())), seed=1)
    assert pos.min() >= 0 and pos.max() <= 1
    assert len({tuple(p) for p in np.round(pos, 6)}) == g.number_of_nodes()  # no two nodes on one spot
    same = np.mean([np.linalg.norm(pos[a] - pos[b]) for a in range(0, 600, 7) for b in range(0, 600, 11)
                    if a // size == b // size and a != b])
    other = np.mean([np.linalg.norm(pos[a] - pos[b]) for a in range(0, 600, 7) for b in range(0, 600, 11)
                     if a // size != b // size])
    assert same < other / 2, (same, other)


def test_layout_spreads_a_large_graph_over_a_proportionate_area():
    g = nx.barabasi_albert_graph(1200, 2, seed=4)
    pos = np.array(list(layout_positions(g, seed=1).values()))
    side = pos.max(axis=0) - pos.min(axis=0)
    # about SPACING pixels per actor along each side of a square of sqrt(n) actors
    assert 0.3 < side[0] / (120 * math.sqrt(1200)) < 3 and 0.3 < side[1] / (120 * math.sqrt(1200)) < 3


_HASH_SCRIPT = """
import json, networkx as nx
from kg.viz.layout import layout_positions
from kg.viz.views import communities, ego_view
g = nx.MultiDiGraph()
for i in range(40):
    g.add_edge(f"http://ex.org/a{i % 13}", f"http://ex.org/b{(i * 7) % 11}", key="metWith")
g.add_edge("http://ex.org/x", "http://ex.org/y", key="advises")
small = ego_view(g, "http://ex.org/a1", 1)
print(json.dumps([sorted(layout_positions(g).items()), sorted(communities(g).items()), list(small),
                  sorted(layout_positions(small).items())]))
"""


def test_layout_and_communities_do_not_depend_on_string_hashing():
    import os
    import subprocess
    import sys

    outputs = set()
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        run = subprocess.run([sys.executable, "-c", _HASH_SCRIPT], env=env, capture_output=True, text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1
