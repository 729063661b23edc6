"""KgStore's public graph operations (what the Graph Store Protocol of ``kg serve`` uses instead
of reaching into the Oxigraph store): read, write, replace and drop one graph."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.storage.disk import open_store

G = "http://ex.org/g"
A, B, P = ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/b"), ox.NamedNode("http://ex.org/p")


@pytest.fixture
def st(tmp_path):
    store = open_store(tmp_path / "store")
    yield store
    store.close()


def test_write_graph_adds_and_replace_keeps_only_the_new_triples(st):
    assert st.write_graph(G, [ox.Triple(A, P, B)], replace=False) is False  # a new graph
    assert st.write_graph(G, [ox.Triple(B, P, A)], replace=False) is True
    assert set(st.graph_triples(G)) == {ox.Triple(A, P, B), ox.Triple(B, P, A)}
    assert st.write_graph(G, [ox.Triple(B, P, A)], replace=True) is True
    assert st.graph_triples(G) == [ox.Triple(B, P, A)]


def test_graph_triples_of_a_missing_graph_is_none_and_the_union_has_each_triple_once(st):
    assert st.graph_triples("http://ex.org/none") is None
    st.write_graph(G, [ox.Triple(A, P, B)], replace=False)
    st.write_graph(G + "2", [ox.Triple(A, P, B)], replace=False)
    assert st.graph_triples(None) == [ox.Triple(A, P, B)]
    assert st.has_graph(G) and not st.has_graph("http://ex.org/none")


def test_drop_graph_removes_a_named_graph_or_empties_the_default_graph(st):
    st.write_graph(G, [ox.Triple(A, P, B)], replace=False)
    st.write_graph(None, [ox.Triple(B, P, A)], replace=False)
    assert st.drop_graph("http://ex.org/none") is False
    assert st.drop_graph(G) is True and not st.has_graph(G)
    assert len(st) == 1
    assert st.drop_graph(None) is True and len(st) == 0
