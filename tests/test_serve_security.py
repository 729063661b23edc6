"""``kg serve`` cannot be abused (issue 18, items 10 and 11), checked on a real server process
with real HTTP clients (requests, raw sockets, ``kg push``):

* writes from another origin, and form-encoded writes without the token, are refused; with a
  token every write needs it; ``kg push --token`` works;
* ``SERVICE`` and ``LOAD`` are refused (no request reaches the URL) unless ``allow_service``;
* queries stop at the time limit with an error status (never a 200 with a cut body), and a
  query whose client goes away is stopped (its worker process is killed);
* the Host header must name this machine; every answer carries the Content-Security-Policy.
"""
from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

import query_fixtures as qf
from kg.web.serve import start_server
from kg.storage.disk import open_store
from kg.web.app import CSP
from kg.rdf.iri import mint_article_iri

pytestmark = pytest.mark.server

KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
GRAPH = mint_article_iri("talks-1", qf.BASE)
#: Every article graph joined with itself four times: far too much work for a second.
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"




@pytest.fixture()
def hand(tmp_path):
    return qf.make_store(tmp_path / "store")


def graph_count(srv) -> int:
    r = requests.get(srv.query_endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def has_graph(srv, iri: str) -> bool:
    r = requests.get(srv.store_endpoint, params={"graph": iri}, timeout=30)
    return r.status_code == 200


@pytest.fixture()
def open_writable(hand):
    srv = start_server(hand, port=qf.free_port(), writable=True)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture()
def token_writable(hand):
    srv = start_server(hand, port=qf.free_port(), writable=True, token="s3cret-token")
    try:
        yield srv
    finally:
        srv.stop()


# -- 18.10: writes ---------------------------------------------------------------------------------
def test_cross_origin_form_update_is_refused_and_the_graph_stays(open_writable):
    # what `curl -H 'Origin: http://evil.example' --data-urlencode 'update=DROP GRAPH <...>'` sent
    r = requests.post(open_writable.update_endpoint, data={"update": f"DROP GRAPH <{GRAPH}>"},
                      headers={"Origin": "http://evil.example"}, timeout=30)
    assert r.status_code == 403 and "cross-origin write refused" in r.text
    assert has_graph(open_writable, GRAPH)


def test_form_encoded_update_without_token_is_refused(open_writable):
    r = requests.post(open_writable.update_endpoint, data={"update": f"DROP GRAPH <{GRAPH}>"}, timeout=30)
    assert r.status_code == 415 and "form-encoded write refused" in r.text
    r = requests.post(open_writable.update_endpoint, data=f"DROP GRAPH <{GRAPH}>",
                      headers={"Content-Type": "text/plain"}, timeout=30)
    assert r.status_code == 415
    assert has_graph(open_writable, GRAPH)


def test_cross_origin_graph_store_writes_are_refused(open_writable):
    for method in ("PUT", "POST", "DELETE"):
        r = requests.request(method, open_writable.store_endpoint, params={"graph": GRAPH}, data=b"",
                             headers={"Origin": "http://evil.example", "Content-Type": "text/turtle"}, timeout=30)
        assert r.status_code == 403, method
    r = requests.delete(open_writable.store_endpoint, params={"graph": GRAPH},
                        headers={"Sec-Fetch-Site": "cross-site"}, timeout=30)
    assert r.status_code == 403
    assert has_graph(open_writable, GRAPH)


def test_same_origin_sparql_update_without_token_server_is_accepted(open_writable):
    own = open_writable.url.rstrip("/")
    before = graph_count(open_writable)
    r = requests.post(open_writable.update_endpoint, data=f"DROP GRAPH <{GRAPH}>".encode(),
                      headers={"Content-Type": "application/sparql-update", "Origin": own}, timeout=30)
    assert r.status_code == 204, r.text
    assert not has_graph(open_writable, GRAPH) and graph_count(open_writable) < before


def test_token_is_required_for_every_write(token_writable):
    upd = {"Content-Type": "application/sparql-update"}
    drop = f"DROP GRAPH <{GRAPH}>".encode()
    r = requests.post(token_writable.update_endpoint, data=drop, headers=upd, timeout=30)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    r = requests.post(token_writable.update_endpoint, data=drop, headers={**upd, "Authorization": "Bearer nope"},
                      timeout=30)
    assert r.status_code == 401 and "wrong write token" in r.text
    r = requests.put(token_writable.store_endpoint, params={"graph": "http://x.org/g"}, data=b"<http://x.org/a> <http://x.org/b> 1 .",
                     headers={"Content-Type": "text/turtle"}, timeout=30)
    assert r.status_code == 401
    assert has_graph(token_writable, GRAPH) and not has_graph(token_writable, "http://x.org/g")
    # a form cannot carry an Authorization header: with the token, form-encoded is fine
    r = requests.post(token_writable.update_endpoint, data={"update": f"DROP GRAPH <{GRAPH}>"},
                      headers={"Authorization": "Bearer s3cret-token"}, timeout=30)
    assert r.status_code == 204
    assert not has_graph(token_writable, GRAPH)


def test_cross_origin_is_refused_even_with_the_token(token_writable):
    r = requests.post(token_writable.update_endpoint, data=f"DROP GRAPH <{GRAPH}>".encode(),
                      headers={"Content-Type": "application/sparql-update", "Origin": "http://evil.example",
                               "Authorization": "Bearer s3cret-token"}, timeout=30)
    assert r.status_code == 403
    assert has_graph(token_writable, GRAPH)


def test_kg_push_with_token(hand, tmp_path):
    remote = tmp_path / "remote"  # does not exist yet: a writable server creates it
    srv = start_server(remote, port=qf.free_port(), writable=True, token="t0k")
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        bad = subprocess.run([*KG, "push", srv.store_endpoint, "--store", str(hand)], capture_output=True,
                             text=True, timeout=120, env=env)
        assert bad.returncode == 1 and "HTTP 401" in bad.stderr and "--token" in bad.stderr
        ok = subprocess.run([*KG, "push", srv.store_endpoint, "--store", str(hand), "--token", "t0k"],
                            capture_output=True, text=True, timeout=120, env=env)
        assert ok.returncode == 0, ok.stderr
        assert graph_count(srv) == len(open_store(hand, read_only=True))
    finally:
        srv.stop()


def test_kg_serve_writable_prints_a_token_that_works(hand):
    port = qf.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    proc = subprocess.Popen([*KG, "serve", "--store", str(hand), "--port", str(port), "--writable"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().startswith("Serving ")
        line = proc.stderr.readline()
        assert line.startswith("write token: "), line
        token = line.split()[2]
        url = f"http://127.0.0.1:{port}/update"
        drop = f"DROP GRAPH <{GRAPH}>".encode()
        assert requests.post(url, data=drop, headers={"Content-Type": "application/sparql-update"},
                             timeout=30).status_code == 401
        r = requests.post(url, data=drop, headers={"Content-Type": "application/sparql-update",
                                                    "Authorization": f"Bearer {token}"}, timeout=30)
        assert r.status_code == 204
    finally:
        proc.terminate()
        proc.wait(30)


# -- 18.11: SERVICE, time limit, gone clients ----------------------------------------------------
class Listener:
    """A local HTTP server that records every request (the target of a SERVICE call)."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                hits.append(self.path)
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("allow", [False, True])
def test_service_is_refused_unless_allowed(hand, allow):
    listener = Listener()
    srv = start_server(hand, port=qf.free_port(), allow_service=allow)
    try:
        q = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
        r = requests.get(srv.query_endpoint, params={"query": q}, timeout=30)
        page = requests.get(srv.url + "sparql", params={"query": q}, timeout=30)
        if allow:
            assert r.status_code == 200 and listener.hits  # the check is what stops it
        else:
            assert r.status_code == 403 and r.text.startswith("SERVICE refused")
            assert "SERVICE refused" in page.text
            assert listener.hits == []
    finally:
        srv.stop()
        listener.close()


def test_load_is_refused_in_updates(open_writable):
    listener = Listener()
    try:
        r = requests.post(open_writable.update_endpoint, data=f"LOAD <{listener.url}>".encode(),
                          headers={"Content-Type": "application/sparql-update"}, timeout=30)
        assert r.status_code == 403 and r.text.startswith("LOAD refused")
        assert listener.hits == []
    finally:
        listener.close()


def test_a_query_over_the_time_limit_is_an_error_not_a_cut_answer(hand):
    srv = start_server(hand, port=qf.free_port(), timeout=1)
    try:
        started = time.monotonic()
        r = requests.get(srv.query_endpoint, params={"query": HEAVY}, timeout=60)
        assert r.status_code == 503 and r.text.startswith("query stopped after 1 s")
        assert time.monotonic() - started < 20
        # the server goes on answering (a fresh worker replaced the killed one)
        assert graph_count(srv) == len(open_store(hand, read_only=True))
    finally:
        srv.stop()


def _children(pid: int) -> set[int]:
    """The query worker processes of the server process ``pid`` (not multiprocessing's resource tracker)."""
    out = subprocess.run(["ps", "-ww", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(line.split()[0]) for line in out.splitlines() if "spawn_main" in line}


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_query_whose_client_went_away_is_stopped(hand):
    srv = start_server(hand, port=qf.free_port(), timeout=600, workers=1)
    try:
        (worker,) = _children(srv.process.pid)
        path = "/query?" + requests.compat.urlencode({"query": HEAVY})
        with socket.create_connection(("127.0.0.1", srv.port)) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode())
            deadline = time.monotonic() + 20
            while _cpu_seconds(worker) < 0.3:  # the worker is busy with the query
                assert time.monotonic() < deadline
                time.sleep(0.1)
        # the client is gone: the worker is killed and replaced within a few seconds
        deadline = time.monotonic() + 30
        while worker in _children(srv.process.pid):
            assert time.monotonic() < deadline, "the worker still runs the abandoned query"
            time.sleep(0.2)
        assert graph_count(srv) > 0
    finally:
        srv.stop()


# -- transport ------------------------------------------------------------------------------------
def test_foreign_host_header_is_refused_and_csp_is_sent(hand):
    srv = start_server(hand, port=qf.free_port())
    try:
        r = requests.get(srv.url, headers={"Host": "evil.example"}, timeout=30)
        assert r.status_code == 400
        for path in ("", "search?q=berg", "sparql", "queries", "static/style.css"):
            r = requests.get(srv.url + path, timeout=30)
            assert r.status_code == 200 and r.headers["Content-Security-Policy"] == CSP, path
        assert "script-src" not in CSP and "default-src 'none'" in CSP
    finally:
        srv.stop()


def test_read_only_server_refuses_every_write(hand):
    srv = start_server(hand, port=qf.free_port())
    try:
        r = requests.post(srv.update_endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"},
                          timeout=30)
        assert r.status_code == 403 and "read-only" in r.text
        r = requests.delete(srv.store_endpoint, params={"graph": GRAPH}, timeout=30)
        assert r.status_code == 403
        assert has_graph(srv, GRAPH)
    finally:
        srv.stop()
