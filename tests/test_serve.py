"""``kg serve`` with a real server process, queried with a real SPARQL client
(SPARQLWrapper): read-only by default, writable on request, the store lock shared with ``kg
build``, and a clean stop on Ctrl-C."""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, SPARQLWrapper

import query_fixtures as qf
from kg.errors import StoreLockedError
from kg.storage.named import named_query
from kg.web.serve import ServeError, start_server
from kg.storage.disk import open_store

pytestmark = pytest.mark.server

#: Runs the kg command of this interpreter.
KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]




def sparql(endpoint: str, query: str) -> list[dict]:
    w = SPARQLWrapper(endpoint)
    w.setQuery(query)
    w.setReturnFormat(JSON)
    return w.query().convert()["results"]["bindings"]


def count(srv) -> int:
    return int(sparql(srv.query_endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"])


def update(srv, text: str):
    """A SPARQL update sent as application/sparql-update (a form-encoded one needs the write token)."""
    w = SPARQLWrapper(srv.query_endpoint, updateEndpoint=srv.update_endpoint)
    w.setMethod(POST)
    w.setRequestMethod(POSTDIRECTLY)
    w.setQuery(text)
    return w.query()


@pytest.fixture()
def hand(tmp_path):
    return qf.make_store(tmp_path / "store")


@pytest.fixture()
def server(hand):
    srv = start_server(hand, port=qf.free_port())
    try:
        yield srv
    finally:
        srv.stop()


def test_read_only_server_answers_sparqlwrapper(server, hand):
    rows = sparql(server.query_endpoint, named_query("meetings").text)
    met = {frozenset(r["participants"]["value"].split("; ")) for r in rows}
    assert met == {frozenset({"Anna Berg", "Karl Ostrow"}), frozenset({"Anna Berg", "Mikkel Paulsen"})}
    assert count(server) == len(open_store(hand, read_only=True))


def test_read_only_server_refuses_updates(server):
    before = count(server)
    with pytest.raises(urllib.error.HTTPError) as err:
        update(server, "INSERT DATA { GRAPH <http://x.org/g> { <http://x.org/a> <http://x.org/b> <http://x.org/c> } }")
    assert err.value.code == 403
    with pytest.raises(urllib.error.HTTPError):
        update(server, "DROP ALL")
    assert count(server) == before


def test_read_only_server_takes_no_lock(server, hand):
    # kg build may still open the store for writing while a read-only server runs
    st = open_store(hand)
    st.close()
    assert server.running()


def test_browser_home_and_query_page(server):
    with urllib.request.urlopen(server.url, timeout=10) as resp:
        page = resp.read().decode("utf-8")
    assert resp.status == 200 and '<form class="find" action="/search"' in page and "2 articles in this store" in page
    with urllib.request.urlopen(server.url + "sparql", timeout=10) as resp:
        assert '<textarea id="query" name="query"' in resp.read().decode("utf-8")


def test_writable_server_holds_the_lock_and_keeps_its_writes(hand, tmp_path):
    port = qf.free_port()
    srv = start_server(hand, port=port, writable=True)
    try:
        with pytest.raises(StoreLockedError):
            open_store(hand)
        # the real `kg build` is refused meanwhile, with the lock's exit code, before loading a model
        doc = tmp_path / "a.txt"
        doc.write_text("Anna Berg met Karl Ostrow in Vienna.", encoding="utf-8")
        res = subprocess.run([*KG, "build", str(doc), "--store", str(hand)], capture_output=True, text=True, timeout=120)
        assert res.returncode == 4 and "in use" in res.stderr and "Traceback" not in res.stderr
        before = count(srv)
        update(srv, "INSERT DATA { GRAPH <http://x.org/g> { <http://x.org/a> <http://x.org/b> \"c\" } }")
        assert count(srv) == before + 1
    finally:
        srv.stop()
    st = open_store(hand)  # the lock is released once the server stops
    assert len(st) == before + 1
    st.close()


def test_second_writable_server_is_refused(hand):
    first = start_server(hand, port=qf.free_port(), writable=True)
    try:
        with pytest.raises(StoreLockedError, match="in use"):
            start_server(hand, port=qf.free_port(), writable=True)
    finally:
        first.stop()


def test_port_in_use_is_a_clear_error(hand):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is already in use; choose another with --port"):
            start_server(hand, port=port)


def test_no_store_is_a_clear_error(tmp_path):
    res = subprocess.run([*KG, "serve", "--store", str(tmp_path / "none"), "--port", str(qf.free_port())],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    assert res.stderr.startswith("kg: error: ") and "no kg store here" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("writable", [False, True])
def test_kg_serve_prints_the_url_and_stops_cleanly_on_ctrl_c(hand, writable):
    port = qf.free_port()
    quads = len(open_store(hand, read_only=True))
    cmd = [*KG, "serve", "--store", str(hand), "--port", str(port)] + (["--writable"] if writable else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = f"http://127.0.0.1:{port}/"
        assert line.startswith("Serving ") and url in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert proc.wait(timeout=30) == 0
        err = proc.stderr.read()
        assert "stopped the server" in err and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with pytest.raises(urllib.error.URLError):  # nothing listens any more
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
    st = open_store(hand)  # lock released, nothing lost
    assert len(st) == quads
    st.close()


@pytest.mark.model
def test_seed_article_meetings_over_http(seed_store, tmp_path):
    store = tmp_path / "seed"
    shutil.copytree(seed_store.path, store)  # the session fixture stays untouched
    srv = start_server(store, port=qf.free_port())
    try:
        rows = sparql(srv.query_endpoint, named_query("meetings").text)
    finally:
        srv.stop()
    meetings = [set(r["participants"]["value"].split("; ")) for r in rows]
    # gold: Rubio, Waltz and Witkoff met Lavrov and Ushakov
    assert any({"Marco Rubio", "Sergei Lavrov"} <= m for m in meetings), meetings
    riyadh = next(r for r in rows if "Sergei Lavrov" in r["participants"]["value"])
    assert "met with" in riyadh["sentence"]["value"]
