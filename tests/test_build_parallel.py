"""Parallel builds on one machine (--workers N): same graph as one worker, bounded read-ahead,
input order kept, worker errors reported as they are."""
from __future__ import annotations

from itertools import count

import pytest
from build_support import WIRE, assert_same_graphs, export_nquads, wire_records

from kg.pipeline.build import build_into
from kg.errors import ModelError
from kg.pipeline.parallel import pool_extractions
from kg.records import Document
from kg.storage.disk import open_store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    d = tmp_path_factory.mktemp("one")
    st = open_store(d / "store")
    try:
        build_into(st, [str(WIRE)], workers=1)
    finally:
        st.close()
    return export_nquads(d / "store", d / "one.nq")


def test_two_workers_build_the_same_graph_as_one(tmp_path, one_worker):
    st = open_store(tmp_path / "store")
    try:
        # Two documents per task: six tasks over two processes, finishing in any order.
        report = build_into(st, [str(WIRE)], workers=2, task_docs=2)
    finally:
        st.close()
    assert report.documents == len(wire_records()) and not report.problems
    assert_same_graphs(export_nquads(tmp_path / "store", tmp_path / "two.nq"), one_worker)


def test_cli_workers_option_builds_the_same_graph(tmp_path, one_worker, capsys):
    from kg.cli import main

    code = main(["build", str(WIRE), "--store", str(tmp_path / "store"), "--workers", "2"])
    assert code == 0, capsys.readouterr().err
    assert_same_graphs(export_nquads(tmp_path / "store", tmp_path / "cli.nq"), one_worker)


def test_pool_reads_a_bounded_window_ahead_and_keeps_input_order():
    pulled = count()

    def documents():
        for i in range(10**9):  # endless: the pool must not try to read it all
            next(pulled)
            yield Document(id=f"d{i}", text=f"Anna Berg met Carl Holt in Oslo on day {i}.")

    results = pool_extractions(documents(), workers=2, batch_docs=3, window=4)
    try:
        first = [next(results).document.id for _ in range(7)]
        read = next(pulled)
    finally:
        results.close()
    assert first == [f"d{i}" for i in range(7)]
    # Seven results need three batches; at most a window of four batches of three is read ahead.
    assert read <= (3 + 4) * 3


def test_model_error_in_a_worker_comes_back_as_it_is():
    docs = [Document(id="a", text="Anna Berg met Carl Holt.")]
    with pytest.raises(ModelError, match="no-such-model"):
        list(pool_extractions(docs, workers=2, model="no-such-model"))
