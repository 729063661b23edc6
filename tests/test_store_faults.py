"""Store faults with real processes: a build killed with SIGKILL, two builds at once, permission and
disk errors. Nothing committed is lost or half-written; every failure is one clear line."""
from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.errors import EXIT_ERROR, EXIT_LOCKED, StoreError
from kgrun import (BASE, assert_reported, drop_file_permission_override, hand_extraction, kg_command, kg_env,
                   make_hand_store, permissions_enforced, run_kg, write_news_jsonl)

ARTICLE = "Foreign Minister Anna Berg met Carl Holt in Oslo on Monday."


# -- helpers ---------------------------------------------------------------------------------------

def store_quads(path: Path) -> set:
    from kg.storage.disk import open_store

    st = open_store(path, read_only=True)
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in st.quads()}


def article_ids(path: Path) -> list[str]:
    from kg.storage.disk import open_store

    st = open_store(path, read_only=True)
    return sorted(r["id"].value for r in st.query("SELECT ?id WHERE { ?a a kg:Article ; kg:documentId ?id }"))


def wait_for_articles(store: Path, proc: subprocess.Popen, at_least: int, timeout: float = 240) -> int:
    """Poll the store read-only (beside the running writer) until it holds ``at_least`` articles."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the build ended (exit {proc.returncode}) before {at_least} articles were committed; "
                        f"stderr: {proc.stderr.read().decode() if proc.stderr else ''}")
        if (store / "CURRENT").exists():
            try:
                n = len(article_ids(store))
            except StoreError:
                n = 0
            if n >= at_least:
                return n
        time.sleep(0.05)
    pytest.fail(f"no {at_least} articles after {timeout} s")


@pytest.fixture(scope="module")
def news_feed(tmp_path_factory) -> tuple[Path, list[str]]:
    d = tmp_path_factory.mktemp("feed")
    ids = write_news_jsonl(d / "news.jsonl", 400)
    return d / "news.jsonl", ids


# -- a build killed mid-way -------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.slow
def test_build_killed_with_sigkill_keeps_every_committed_article_intact(tmp_path, news_feed):
    from kg.pipeline.build import BATCH_DOCS, build_into
    from kg.storage.disk import open_store

    feed, ids = news_feed
    store = tmp_path / "store"
    proc = subprocess.Popen(kg_command("build", feed, "--store", store, "-q"), cwd=tmp_path, env=kg_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_articles(store, proc, 2 * BATCH_DOCS)
        assert proc.poll() is None, "the build finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    committed = article_ids(store)  # opens read-only: the store is readable after the kill
    assert 2 * BATCH_DOCS <= len(committed) < len(ids), "the kill did not land mid-way"
    assert committed == ids[:len(committed)]  # documents are committed in input order, none skipped

    # Every committed article has its full graph: the killed store holds exactly what a clean build
    # of the same documents writes (same IRIs, same triples, same named graphs), nothing more or less.
    ref_feed = tmp_path / "committed.jsonl"
    ref_feed.write_text("".join(line for line, _ in zip(feed.read_text().splitlines(keepends=True), committed)))
    ref = open_store(tmp_path / "reference")
    try:
        build_into(ref, [str(ref_feed)])
    finally:
        ref.close()
    # kg:sourceFile names the input line, which differs for the reference file: compared apart.
    source = "<https://w3id.org/kg-news/ontology#sourceFile>"
    killed = {q for q in store_quads(store) if q[1] != source}
    clean = {q for q in store_quads(tmp_path / "reference") if q[1] != source}
    assert killed == clean, (f"{len(killed - clean)} quads only in the killed store, "
                             f"{len(clean - killed)} only in the clean build")
    doc_ids = {q[0]: q[2].strip('"') for q in store_quads(store) if q[1].endswith("#documentId>")}
    sources = {doc_ids[q[0]]: q[2] for q in store_quads(store) if q[1] == source}
    assert sources == {doc_id: f'"{feed}:{n}"' for n, doc_id in enumerate(committed, 1)}

    # Building again takes the lock left by the killed process and resumes where it stopped.
    res = run_kg("build", feed, "--store", store, cwd=tmp_path)
    assert res.code == 0, res.err
    m = re.search(r"built ([\d,]+) documents? \(([\d,]+) unchanged", res.err)
    assert m and int(m.group(2).replace(",", "")) == len(committed), res.err
    assert int(m.group(1).replace(",", "")) == len(ids) - len(committed)
    assert article_ids(store) == ids


# -- two builds at once -----------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.slow
def test_second_build_on_the_same_store_is_refused_clearly(tmp_path, news_feed):
    feed, ids = news_feed
    store = tmp_path / "store"
    (tmp_path / "other.txt").write_text(ARTICLE)
    first = subprocess.Popen(kg_command("build", feed, "--store", store, "-q"), cwd=tmp_path, env=kg_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_articles(store, first, 1)
        second = run_kg("build", "other.txt", "--store", store, cwd=tmp_path)
        reader = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }", "--store", store,
                        "--format", "csv", cwd=tmp_path)
        still_running = first.poll() is None
        assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert still_running, "the first build ended before the second one tried: the test proves nothing"
    assert_reported(second, EXIT_LOCKED, f"{store}", "in use by another kg process")
    assert "wait for it to finish" in second.err
    assert reader.code == 0 and int(reader.out.split()[1]) >= 1, reader.err  # readers work beside a build
    assert article_ids(store) == ids  # the refused build changed nothing


def test_second_writer_in_another_process_gets_store_locked_error(tmp_path):
    from kg.errors import StoreLockedError
    from kg.storage.disk import open_store

    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from kg.storage.disk import open_store
        st = open_store({str(store)!r})
        print("open", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"open"
        with pytest.raises(StoreLockedError, match="only one may write at a time"):
            open_store(store)
        assert StoreLockedError.exit_code == EXIT_LOCKED
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    open_store(store).close()  # free again once the holder has gone


# -- stores that are not stores ---------------------------------------------------------------------

def test_store_path_is_a_file(tmp_path):
    (tmp_path / "notes").write_text("hello")
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert_reported(run_kg("build", "a.txt", "--store", "notes", cwd=tmp_path), EXIT_ERROR,
                    "notes", "is a file, not a store directory")


def test_store_path_is_a_directory_of_other_files(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.md").write_text("precious")
    (tmp_path / "a.txt").write_text(ARTICLE)
    res = run_kg("build", "a.txt", "--store", "home", cwd=tmp_path)
    assert_reported(res, EXIT_ERROR, "home", "not a kg store")
    assert sorted(os.listdir(tmp_path / "home")) == ["thesis.md"]  # nothing written into it


def test_query_on_missing_store(tmp_path):
    res = run_kg("query", "SELECT * WHERE { ?s ?p ?o }", "--store", "nowhere", cwd=tmp_path)
    assert_reported(res, EXIT_ERROR, "nowhere", "no kg store here")


# -- permissions --------------------------------------------------------------------------------------

@pytest.fixture
def enforced(tmp_path):
    reason = permissions_enforced(tmp_path)
    if reason:
        pytest.skip(reason)
    return drop_file_permission_override


def test_store_in_unwritable_directory(tmp_path, enforced):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o555)
    (tmp_path / "a.txt").write_text(ARTICLE)
    res = run_kg("build", "a.txt", "--store", "locked/store", cwd=tmp_path, preexec_fn=enforced)
    assert_reported(res, EXIT_ERROR, "locked/store", "cannot create the store directory (Permission denied)")


def test_read_only_store_refuses_build_and_still_answers_queries(tmp_path, enforced):
    store = tmp_path / "store"
    make_hand_store(store)
    before = store_quads(store)
    for p in [store, *store.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    (tmp_path / "a.txt").write_text(ARTICLE)
    try:
        res = run_kg("build", "a.txt", "--store", "store", cwd=tmp_path, preexec_fn=enforced)
        assert_reported(res, EXIT_ERROR, "store", "permission denied: cannot write to the store")
        assert "in use" not in res.err  # not mistaken for a lock held by another build
        q = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }", "--store", "store", "--format",
                   "csv", cwd=tmp_path, preexec_fn=enforced)
        assert q.code == 0 and q.out.split()[1] == "3", q.err
    finally:
        store.chmod(0o755)
    assert store_quads(store) == before


def test_unreadable_input_file(tmp_path, enforced):
    p = tmp_path / "secret.txt"
    p.write_text(ARTICLE)
    p.chmod(0o000)
    res = run_kg("build", "secret.txt", "--store", "store", cwd=tmp_path, preexec_fn=enforced)
    assert_reported(res, EXIT_ERROR, "secret.txt", "permission denied (cannot read the file)")


def test_unreadable_folder_inside_a_directory(tmp_path, enforced):
    d = tmp_path / "inbox"
    (d / "private").mkdir(parents=True)
    (d / "private" / "a.txt").write_text(ARTICLE)
    (d / "blank.txt").write_text("")
    (d / "private").chmod(0o000)
    try:
        res = run_kg("build", "inbox", "--store", "store", cwd=tmp_path, preexec_fn=enforced)
    finally:
        (d / "private").chmod(0o755)
    assert res.code == EXIT_ERROR and "Traceback" not in res.err
    assert len([ln for ln in res.err.splitlines() if "private" in ln and "cannot list folder" in ln]) == 1, res.err
    assert len([ln for ln in res.err.splitlines() if "blank.txt" in ln and "empty document" in ln]) == 1, res.err


def test_export_into_unwritable_directory(tmp_path, enforced):
    make_hand_store(tmp_path / "store")
    (tmp_path / "out").mkdir()
    (tmp_path / "out").chmod(0o555)
    res = run_kg("export", "out/graph.ttl", "--store", "store", cwd=tmp_path, preexec_fn=enforced)
    assert_reported(res, EXIT_ERROR, "out/graph.ttl", "Permission denied")


# -- disk errors --------------------------------------------------------------------------------------

def test_export_to_a_full_disk(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("/dev/full (a device that is always full) is not available on this system")
    make_hand_store(tmp_path / "store")
    (tmp_path / "graph.ttl").symlink_to("/dev/full")
    res = run_kg("export", "graph.ttl", "--store", "store", cwd=tmp_path)
    assert_reported(res, EXIT_ERROR, "graph.ttl", "No space left on device")


def _file_size_limit(limit: int):
    def pre() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def _limit_above(store: Path, margin: int) -> int:
    """A file size limit that lets the store open (its files may stay as they are) but not grow much."""
    return max(p.stat().st_size for p in store.iterdir()) + margin


@pytest.mark.model
def test_store_write_failure_is_reported_and_committed_articles_survive(tmp_path):
    write_news_jsonl(tmp_path / "first.jsonl", 10, prefix="first")
    ids = write_news_jsonl(tmp_path / "second.jsonl", 60, start=10, prefix="second")
    store = tmp_path / "store"
    assert run_kg("build", "first.jsonl", "--store", store, "-q", cwd=tmp_path).code == 0
    before = store_quads(store)

    # The disk "fills up" (no file may grow past the limit) while the second build writes.
    res = run_kg("build", "second.jsonl", "--store", store, "-q", cwd=tmp_path,
                 preexec_fn=_file_size_limit(_limit_above(store, 256 * 1024)))
    assert_reported(res, EXIT_ERROR, str(store), "write to the store failed")
    assert "File too large" in res.err and "Articles committed before are intact" in res.err
    assert before <= store_quads(store)  # nothing of the first build lost

    res = run_kg("build", "second.jsonl", "--store", store, "-q", cwd=tmp_path)  # disk "freed": resume
    assert res.code == 0, res.err
    assert article_ids(store) == sorted([f"first-{i:05d}" for i in range(10)] + ids)


def test_replacing_an_article_is_all_or_nothing_when_the_write_fails(tmp_path):
    """Rebuilding an article replaces its graph in one transaction: when the disk refuses the new
    version, the old one is still there (not dropped first and lost)."""
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    store = tmp_path / "store"
    st = open_store(store)
    st.add_graphs([extraction_to_graph(hand_extraction(1), base=BASE)])
    st.close()
    before = store_quads(store)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from kgrun import hand_extraction, BASE
        from kg.errors import StoreError
        from kg.rdf.mapping import extraction_to_graph
        from kg.storage.disk import open_store
        st = open_store({str(store)!r})
        new = extraction_to_graph(hand_extraction(1, sentence="Anna Berg met Carl Holt. " * 40000), base=BASE)
        try:
            st.add_graphs([new])
        except StoreError as exc:
            print("refused:", exc)
    """)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=kg_env(),
                       preexec_fn=_file_size_limit(_limit_above(store, 64 * 1024)), timeout=120)
    assert "refused:" in p.stdout and "File too large" in p.stdout, (p.stdout, p.stderr)
    assert store_quads(store) == before

    st = open_store(store)  # and with room on the disk, the replacement goes through whole
    new = extraction_to_graph(hand_extraction(1, sentence="Anna Berg met Carl Holt again."), base=BASE)
    st.add_graphs([new])
    st.close()
    after = store_quads(store)
    assert {q[2] for q in after if q[1].endswith("#sentence>")} == {'"Anna Berg met Carl Holt again."'}
    assert len(after) == len(new)


def test_an_interrupted_replacement_is_reported_as_changed(tmp_path):
    """After a replacement stopped between adding the new version and pruning the old one, the
    article carries two checksums; resume must not take it as built."""
    import pyoxigraph as ox

    from kg.storage.disk import open_store

    st = open_store(tmp_path / "st")
    g = ox.NamedNode("http://ex.org/article/a1")
    art = ox.NamedNode("http://ex.org/article/a1")
    kg_ = "https://w3id.org/kg-news/ontology#"
    st.add_quads([
        ox.Quad(art, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(kg_ + "Article"), g),
        ox.Quad(art, ox.NamedNode(kg_ + "documentId"), ox.Literal("a1"), g),
        ox.Quad(art, ox.NamedNode(kg_ + "checksum"), ox.Literal("0" * 64), g),
    ])
    assert st.article_checksums() == {"a1": "0" * 64}
    st.add_quads([ox.Quad(art, ox.NamedNode(kg_ + "checksum"), ox.Literal("1" * 64), g)])
    assert st.article_checksums() == {"a1": ""}
    st.close()
