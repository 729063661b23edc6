"""Extraction on a Dask distributed cluster (a real LocalCluster with two worker processes): the
same graph as a local build, into the store or straight to a SPARQL endpoint (a real Oxigraph
server), and clear errors when the cluster cannot be used."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_support import WIRE, assert_same_graphs, export_nquads, wire_records

from kg.pipeline.build import build_into, build_to_endpoint
from kg.pipeline.distributed import ClusterError, connect
from kg.storage.disk import open_store

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    return _local(tmp_path_factory, memory=True)


@pytest.fixture(scope="module")
def local_build_without_memory(tmp_path_factory):
    """A push to an endpoint has no corpus-memory pass (kg.pipeline.memory): compare like with like."""
    return _local(tmp_path_factory, memory=False)


def _local(tmp_path_factory, *, memory: bool):
    d = tmp_path_factory.mktemp("local")
    st = open_store(d / "store")
    try:
        build_into(st, [str(WIRE)], memory=memory)
    finally:
        st.close()
    return export_nquads(d / "store", d / "local.nq")


@pytest.mark.model
def test_dask_build_is_the_same_graph_as_a_local_build(tmp_path, cluster, local_build):
    st = open_store(tmp_path / "store")
    try:
        # Two documents per task: six tasks on two workers, completing in any order.
        report = build_into(st, [str(WIRE)], engine="dask", scheduler=cluster.scheduler_address, task_docs=2)
    finally:
        st.close()
    assert report.documents == len(wire_records()) and not report.problems
    assert_same_graphs(export_nquads(tmp_path / "store", tmp_path / "dask.nq"), local_build)


@pytest.mark.model
def test_dask_build_resumes_like_a_local_build(tmp_path, cluster):
    st = open_store(tmp_path / "store")
    try:
        first = build_into(st, [str(WIRE)], engine="dask", scheduler=cluster.scheduler_address, task_docs=4)
        again = build_into(st, [str(WIRE)], engine="dask", scheduler=cluster.scheduler_address, task_docs=4)
    finally:
        st.close()
    assert first.documents == len(wire_records())
    assert (again.documents, again.unchanged, again.triples) == (0, len(wire_records()), 0)


@pytest.mark.model
def test_cli_engine_dask(tmp_path, cluster, local_build, capsys):
    from kg.cli import main

    code = main(["build", str(WIRE), "--store", str(tmp_path / "store"), "--engine", "dask",
                 "--scheduler", cluster.scheduler_address])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"built {len(wire_records())} documents" in err
    assert_same_graphs(export_nquads(tmp_path / "store", tmp_path / "cli.nq"), local_build)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server():
    import requests

    port = _free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/store", headers={"Accept": "application/n-quads"}, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"oxigraph server on port {port} did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.model
@pytest.mark.server
def test_dask_build_pushed_to_an_endpoint_is_the_same_graph(tmp_path, cluster, local_build_without_memory, oxigraph_server,
                                                             monkeypatch):
    import requests

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    report = build_to_endpoint(oxigraph_server + "/store", [str(WIRE)], engine="dask",
                               scheduler=cluster.scheduler_address, task_docs=3, batch_docs=5)
    assert report.documents == len(wire_records()) and report.batches == 3
    resp = requests.get(oxigraph_server + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    resp.raise_for_status()
    pushed = tmp_path / "pushed.nq"
    pushed.write_bytes(resp.content)
    assert_same_graphs(pushed, local_build_without_memory)
    assert not (tmp_path / "kg-store").exists()  # a push needs no local store


@pytest.mark.parametrize("address", ["127.0.0.1:8786", "", "scheduler"])
def test_scheduler_address_must_be_a_url(address):
    with pytest.raises(ClusterError, match="expected a Dask scheduler address such as tcp://HOST:8786"):
        connect(address)


def test_unreachable_scheduler_is_a_clear_error():
    port = _free_port()  # nothing listens there
    with pytest.raises(ClusterError, match=rf"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:{port} .*dask scheduler"):
        connect(f"tcp://127.0.0.1:{port}", timeout=2)

