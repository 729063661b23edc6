"""Bad and runaway queries through ``kg query``, and ``kg serve``'s safe defaults (loopback only,
read-only) with a real Oxigraph server process."""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.errors import EXIT_ERROR
from kgrun import assert_reported, kg_command, kg_env, make_hand_store, run_kg
import query_fixtures as qf


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("qstore")
    make_hand_store(d / "store", 12)
    return d / "store"


def test_unknown_prefix_reports_line_and_column(store, tmp_path):
    q = "SELECT ?x\nWHERE {\n  ?x kg:metWith ?y .\n  ?y bad:label ?l }"
    res = run_kg("query", q, "--store", store, cwd=tmp_path)
    # line 4 is "  ?y bad:label ?l }"; column 15 is just after the prefixed name "bad:label"
    assert_reported(res, EXIT_ERROR, "invalid SPARQL at line 4, column 15", "unknown prefix 'bad:'")


@pytest.mark.parametrize("q", ["SELECT ?x WHERE { ?x ?y }", "SELEC ?x WHERE { ?x ?y ?z }",
                               "SELECT ?x\nWHERE {\n  ?x kg:metWith ?y ?z .\n}"])
def test_syntax_error_reports_a_position(store, tmp_path, q):
    res = run_kg("query", q, "--store", store, cwd=tmp_path)
    assert res.code == EXIT_ERROR and "Traceback" not in res.err, res.err
    m = re.search(r"kg: error: invalid SPARQL at line (\d+), column (\d+)", res.err)
    assert m, res.err
    line, col = int(m.group(1)), int(m.group(2))
    lines = q.splitlines()
    assert 1 <= line <= len(lines) + 1 and 1 <= col <= max(map(len, lines)) + 2


def test_query_file_that_does_not_exist(store, tmp_path):
    res = run_kg("query", "@nowhere.rq", "--store", store, cwd=tmp_path)
    assert_reported(res, EXIT_ERROR, "nowhere.rq", "cannot read")


def test_timeout_stops_a_runaway_query(store, tmp_path):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    t0 = time.monotonic()
    res = run_kg("query", runaway, "--store", store, "--timeout", "2", cwd=tmp_path, timeout=120)
    elapsed = time.monotonic() - t0
    assert_reported(res, EXIT_ERROR, "query stopped after 2 s", "--timeout")
    assert elapsed < 60, f"took {elapsed:.0f} s"


# -- kg serve ---------------------------------------------------------------------------------------



def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            addr, p = local.rsplit(":", 1)
            if state == "0A" and int(p, 16) == port:  # 0A = LISTEN
                found.add(addr)
    return found


_LOOPBACK_HEX = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1 as /proc writes them


@pytest.mark.server
def test_serve_defaults_to_loopback_and_read_only(store, tmp_path):
    if not os.path.exists("/proc/net/tcp"):
        pytest.skip("/proc/net/tcp is needed to see which address the server listens on")
    port = qf.free_port()
    cmd = kg_command("serve", "--store", store, "--port", port)  # the command with its defaults
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=kg_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.1)

        addresses = _listening_addresses(port)
        assert addresses and addresses <= _LOOPBACK_HEX, f"listening on {addresses}, expected loopback only"

        def count() -> int:
            q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
            req = urllib.request.Request(f"{base}query?{q}", headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(req, timeout=10) as resp:
                return int(json.load(resp)["results"]["bindings"][0]["n"]["value"])

        before = count()
        assert before > 0
        update = urllib.request.Request(f"{base}update", method="POST",
                                        data=b"INSERT DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=10)
        gsp = urllib.request.Request(f"{base}store?default", method="POST",
                                     data=b"<http://x.org/a> <http://x.org/b> <http://x.org/c> .",
                                     headers={"Content-Type": "application/n-triples"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(gsp, timeout=10)
        drop = urllib.request.Request(f"{base}update", method="POST", data=b"DROP ALL",
                                      headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(drop, timeout=10)
        assert count() == before

        # read-only serving takes no lock: a build may still open the store for writing
        from kg.storage.disk import open_store

        open_store(store).close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- the reader goes away; Ctrl-C --------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """5,000 labels: far more output than a pipe buffers (64 KB)."""
    import pyoxigraph as ox

    from kg.storage.disk import open_store

    path = tmp_path_factory.mktemp("big") / "store"
    st = open_store(path)
    g = ox.NamedNode("http://example.org/article/a1")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    st.add_quads(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), label, ox.Literal(f"name {i} " + "x" * 50), g)
                 for i in range(5000))
    st.close()
    return path


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_reader_going_away_exits_141_quietly(big_store, tmp_path, fmt):
    # `kg query ... | head -1`: the README says 141, and nothing on stderr (no traceback, no
    # "Exception ignored" from flushing at exit)
    p = subprocess.Popen(kg_command("query", "SELECT ?s ?o WHERE { ?s rdfs:label ?o }", "--store", str(big_store),
                                    "--format", fmt),
                         cwd=tmp_path, env=kg_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    code = p.wait(timeout=120)
    err = p.stderr.read().decode()
    assert first and code == 141, (code, err)
    assert err == "", err


def test_ctrl_c_stops_a_query_without_timeout(store, tmp_path):
    import signal

    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    p = subprocess.Popen(kg_command("query", runaway, "--store", str(store)), cwd=tmp_path, env=kg_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(4)  # started, and deep in the query
        assert p.poll() is None, p.stderr.read().decode()
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        code = p.wait(timeout=30)
        elapsed = time.monotonic() - t0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    err = p.stderr.read().decode()
    assert code == 130 and err == "kg: interrupted\n", (code, err)
    assert elapsed < 10, f"took {elapsed:.1f} s to stop"
