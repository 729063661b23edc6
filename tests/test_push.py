"""``kg push`` into a second, writable Oxigraph server process over the SPARQL 1.1 Graph Store
Protocol; authentication through a real HTTP proxy that checks credentials before forwarding."""
from __future__ import annotations

import base64
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

import query_fixtures as qf
from kg.output.push import PushError, push
from kg.web.serve import start_server
from kg.storage.disk import open_store
from kg.rdf.iri import mint_article_iri

pytestmark = pytest.mark.server

KG = [sys.executable, "-c",
      "import sys, kg.commands.serve, kg.commands.push; from kg.cli import main; sys.exit(main())"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return qf.make_store(tmp_path_factory.mktemp("push") / "store")


@pytest.fixture()
def remote(tmp_path):
    """A second Oxigraph server, writable, over an empty store of its own."""
    path = tmp_path / "remote"
    open_store(path).close()
    srv = start_server(path, port=free_port(), writable=True)
    try:
        yield srv
    finally:
        srv.stop()


def remote_counts(srv) -> dict[str, int]:
    """Triples per named graph on the server, asked with a real SPARQL client."""
    w = SPARQLWrapper(srv.query_endpoint)
    w.setQuery("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    w.setReturnFormat(JSON)
    rows = w.query().convert()["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def local_counts(path) -> dict[str, int]:
    st = open_store(path, read_only=True)
    return {r["g"].value: int(r["n"].value) for r in
            st.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}


def test_push_sends_every_article_graph(hand, remote):
    report = push(hand, remote.store_endpoint)
    local = local_counts(hand)
    assert len(local) == 2 and report.graphs == 2
    assert remote_counts(remote) == local
    assert report.triples == sum(local.values()) == len(open_store(hand, read_only=True))
    assert report.not_sent == 0


def test_pushed_quads_are_identical(hand, remote):
    push(hand, remote.store_endpoint)
    remote.stop()  # read the remote store itself once its server is gone
    theirs = set(ox.Store.read_only(str(remote.store)).quads_for_pattern(None, None, None, None))
    ours = set(open_store(hand, read_only=True).quads())
    assert theirs == ours


def test_pushing_twice_does_not_duplicate(hand, remote):
    push(hand, remote.store_endpoint)
    first = remote_counts(remote)
    push(hand, remote.store_endpoint)
    assert remote_counts(remote) == first


def test_push_replaces_an_article_and_leaves_other_graphs_alone(hand, remote):
    talks1 = mint_article_iri("talks-1", qf.BASE)
    stale = b"<http://x.org/stale> <http://x.org/p> \"old version\" .\n"
    other = b"<http://x.org/mine> <http://x.org/p> \"someone else's\" .\n"
    for graph, data in ((talks1, stale), ("http://x.org/other", other)):
        req = urllib.request.Request(f"{remote.store_endpoint}?graph={graph}", data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(req, timeout=10).close()
    push(hand, remote.store_endpoint)
    counts = remote_counts(remote)
    assert counts[talks1] == local_counts(hand)[talks1]  # the stale triple is gone
    assert counts["http://x.org/other"] == 1


def test_cli_push(hand, remote):
    res = subprocess.run([*KG, "push", remote.store_endpoint, "--store", str(hand)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    total = sum(local_counts(hand).values())
    assert f"pushed 2 article graphs, {total:,} triples to {remote.store_endpoint}" in res.stderr
    assert remote_counts(remote) == local_counts(hand)


def test_wrong_path_is_a_one_line_http_error(hand, remote):
    res = subprocess.run([*KG, "push", remote.query_endpoint, "--store", str(hand)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    (line,) = [l for l in res.stderr.splitlines() if l.startswith("kg: error: ")]
    assert "HTTP 404" in line and "Oxigraph's is /store" in line


def test_read_only_endpoint_refuses(hand, tmp_path):
    path = tmp_path / "ro"
    shutil.copytree(hand, path)
    srv = start_server(path, port=free_port())
    try:
        with pytest.raises(PushError, match=r"HTTP 403"):
            push(hand, srv.store_endpoint)
    finally:
        srv.stop()


def test_nothing_listening(hand):
    with pytest.raises(PushError, match=r"cannot connect \(connection refused\)"):
        push(hand, f"http://127.0.0.1:{free_port()}/store")


@pytest.mark.parametrize("endpoint", ["localhost:7878/store", "ftp://x/store", "http://"])
def test_bad_endpoint_url(hand, endpoint):
    with pytest.raises(PushError, match="expected the http:// or https:// URL"):
        push(hand, endpoint)


# -- authentication through a real proxy ----------------------------------------------------------

class AuthProxy:
    """An HTTP server that forwards requests to ``target`` only with the right credentials."""

    def __init__(self, target: str, *, basic: tuple[str, str] | None = None, token: str | None = None):
        expected = set()
        if basic:
            expected.add("Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode())
        if token:
            expected.add(f"Bearer {token}")
        self.seen: list[str | None] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_PUT(self):
                auth = self.headers.get("Authorization")
                proxy.seen.append(auth)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if auth not in expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="kg"')
                    self.send_header("Content-Length", "12")
                    self.end_headers()
                    self.wfile.write(b"unauthorized")
                    return
                req = urllib.request.Request(target + self.path.split("/store", 1)[1], data=body, method="PUT",
                                             headers={"Content-Type": self.headers["Content-Type"]})
                try:
                    with urllib.request.urlopen(req, timeout=30) as resp:
                        status, data = resp.status, resp.read()
                except urllib.error.HTTPError as exc:
                    status, data = exc.code, exc.read()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/store"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_basic_auth(hand, remote):
    with AuthProxy(remote.store_endpoint, basic=("ana", "s3cret:with colon")) as proxy:
        with pytest.raises(PushError, match=r"HTTP 401.*check --user/--password or --token"):
            push(hand, proxy.url, user="ana", password="wrong")
        assert remote_counts(remote) == {}
        push(hand, proxy.url, user="ana", password="s3cret:with colon")
    assert remote_counts(remote) == local_counts(hand)
    assert proxy.seen[-1].startswith("Basic ")


def test_bearer_token(hand, remote):
    with AuthProxy(remote.store_endpoint, token="t0ken") as proxy:
        with pytest.raises(PushError, match=r"HTTP 401"):
            push(hand, proxy.url)  # no credentials
        assert proxy.seen == [None]
        push(hand, proxy.url, token="t0ken")
    assert remote_counts(remote) == local_counts(hand)
    assert set(proxy.seen[1:]) == {"Bearer t0ken"}


def test_cli_basic_auth_password_from_the_environment(hand, remote):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    with AuthProxy(remote.store_endpoint, basic=("ana", "pw")) as proxy:
        bad = subprocess.run([*KG, "push", proxy.url, "--store", str(hand), "--user", "ana"],
                             capture_output=True, text=True, timeout=120, env=env)
        assert bad.returncode == 1 and "needs a password" in bad.stderr
        ok = subprocess.run([*KG, "push", proxy.url, "--store", str(hand), "--user", "ana"],
                            capture_output=True, text=True, timeout=120, env={**env, "KG_PASSWORD": "pw"})
        assert ok.returncode == 0, ok.stderr
    assert remote_counts(remote) == local_counts(hand)


def test_basic_and_bearer_together_is_refused(hand):
    with pytest.raises(PushError, match="not both"):
        push(hand, "http://127.0.0.1:1/store", user="a", password="b", token="c")


# -- the seed article (real model) ----------------------------------------------------------------

@pytest.mark.model
def test_push_the_seed_article(seed_store, remote):
    report = push(seed_store.path, remote.store_endpoint)
    assert report.graphs == 1
    assert remote_counts(remote) == local_counts(seed_store.path)
    push(seed_store.path, remote.store_endpoint)
    assert sum(remote_counts(remote).values()) == len(open_store(seed_store.path, read_only=True))


# -- partial pushes and passwords in URLs ---------------------------------------------------------

class FailAfter:
    """An HTTP server that forwards the first ``n`` PUTs to ``target`` and answers 503 after."""

    def __init__(self, target: str, n: int):
        state = {"left": n}

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_PUT(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if state["left"] <= 0:
                    self.send_response(503)
                    self.send_header("Content-Length", "4")
                    self.end_headers()
                    self.wfile.write(b"full")
                    return
                state["left"] -= 1
                req = urllib.request.Request(target + self.path.split("/store", 1)[1], data=body, method="PUT",
                                             headers={"Content-Type": self.headers["Content-Type"]})
                with urllib.request.urlopen(req, timeout=30) as resp:
                    status = resp.status
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/store"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_failure_after_some_graphs_says_how_many_were_sent(hand, remote):
    local = local_counts(hand)
    first = sorted(local)[0]
    with FailAfter(remote.store_endpoint, 1) as proxy:
        res = subprocess.run([*KG, "push", proxy.url, "--store", str(hand)], capture_output=True, text=True,
                             timeout=120)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    (line,) = [l for l in res.stderr.splitlines() if l.startswith("kg: error: ")]
    assert "HTTP 503" in line
    assert f"1 of 2 article graphs ({local[first]:,} triples) were sent before this error" in line
    assert remote_counts(remote) == {first: local[first]}  # and that one is really there


def test_failure_at_the_first_graph_says_nothing_was_sent(hand, remote):
    with FailAfter(remote.store_endpoint, 0) as proxy:
        with pytest.raises(PushError) as info:
            push(hand, proxy.url)
    assert "were sent" not in str(info.value) and info.value.report.graphs == 0


@pytest.mark.parametrize("where", ["nothing listening", "wrong path"])
def test_password_in_the_url_is_never_printed(hand, remote, where):
    if where == "nothing listening":
        url = f"http://ana:s3cret-pw@127.0.0.1:{free_port()}/store"
    else:
        url = remote.query_endpoint.replace("http://", "http://ana:s3cret-pw@")
    res = subprocess.run([*KG, "push", url, "--store", str(hand)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "s3cret-pw" not in res.stderr and "ana:***@127.0.0.1" in res.stderr, res.stderr


def test_password_in_the_url_is_not_printed_on_success(hand, remote):
    with AuthProxy(remote.store_endpoint, basic=("ana", "s3cret-pw")) as proxy:
        url = proxy.url.replace("http://", "http://ana:s3cret-pw@")
        res = subprocess.run([*KG, "push", url, "--store", str(hand)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "s3cret-pw" not in res.stderr and "to http://ana:***@127.0.0.1" in res.stderr
    assert remote_counts(remote) == local_counts(hand)
